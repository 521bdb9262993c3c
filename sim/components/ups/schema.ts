/**
 * A UPS system (modules, battery, three-term loss curve) as a scenario file states it, with the defaults
 * used for what the file leaves out. Its battery and failure modes live in the power chain (power/chain.ts).
 */
import { z } from 'zod';
import { positive, nonNegative, id, count } from '../../scenario/quantity';

export const UPS = {
  /** Three-term UPS loss per unit of rating (DESIGN.md §7): 0.015 + 0.020x + 0.010x². */
  loss: [0.015, 0.02, 0.01] as const,
  /** Battery recharge at 10 % of rating. */
  recharge: 0.1,
  /** Warn when a UPS on battery has less than 5 minutes left at the present load. */
  runtimeAlarm: 300,
} as const;

export const upsSchema = z.strictObject({
  id: id(),
  bus: id(),
  modules: count(64, 1),
  required: count(64, 1).optional(),
  module_rating: positive('power'),
  battery: nonNegative('energy'),
  /** Three-term loss per unit of rating: loss = a + b·x + c·x², x = load/rating. */
  loss: z.array(z.number().min(0).max(1)).length(3).optional(),
  /** Battery recharge power as a share of rating. */
  recharge: z.number().min(0).max(1).optional(),
  runtime_alarm: nonNegative('time').optional(),
  location: z.enum(['hall', 'electrical_room']).optional(),
});

export type UpsSpec = z.output<typeof upsSchema>;
