/**
 * A distribution element (busway, PDU, panel) as a scenario file states it, with the defaults used for
 * what the file leaves out. Its losses and overload protection live in the power chain (power/chain.ts).
 */
import { z } from 'zod';
import { positive, id } from '../../scenario/quantity';

export const DISTRIBUTION = {
  /** Busway/PDU I²R loss at rated load: 1 % of rating. */
  lossAtRating: 0.01,
} as const;

export const distributionSchema = z.strictObject({
  id: id(),
  /** A bus, a UPS or another distribution element. */
  from: id(),
  rating: positive('power'),
  /** I²R loss at rated load, share of rating. */
  loss_at_rating: z.number().min(0).max(0.2).optional(),
  location: z.enum(['hall', 'electrical_room']).optional(),
});
