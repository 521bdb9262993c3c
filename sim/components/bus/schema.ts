/**
 * A switchgear bus fed through an ATS, as a scenario file states it. Its transfer logic lives in the power
 * chain (power/chain.ts). Without a rating a bus is never overloaded.
 */
import { z } from 'zod';
import { positive, id } from '../../scenario/quantity';

export const busSchema = z.strictObject({
  id: id(),
  /** ATS: the first live source in this list feeds the bus (utility first, then generators). */
  sources: z.array(id()).min(1).max(8),
  rating: positive('power').optional(),
});
