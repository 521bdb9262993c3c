/**
 * A standby generator as a scenario file states it, with the defaults used for what the file leaves out.
 * The generator's state, start sequence and failure modes live in the power chain (power/chain.ts).
 */
import { z } from 'zod';
import { positive, nonNegative, id } from '../../scenario/quantity';

export const GENERATOR = {
  /** NFPA 110 Type 10: generator on line within 10 s. */
  startDelay: 10,
} as const;

export const generatorSchema = z.strictObject({
  id: id(),
  capacity: positive('power'),
  /** Start signal to breaker closed: NFPA 110 Type 10 gives 10 s. */
  start_delay: nonNegative('time').optional(),
});
