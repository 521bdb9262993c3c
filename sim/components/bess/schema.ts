/**
 * Battery energy storage on a bus (BESS) as a scenario file states it, with the defaults used for what the
 * file leaves out. Its control and energy account live in the power chain (power/storage.ts).
 */
import { z } from 'zod';
import { positive, id, fraction } from '../../scenario/quantity';

export const BESS = {
  /**
   * Round-trip (AC to AC) efficiency: 0.85, NREL's Annual Technology Baseline figure for utility-scale
   * lithium-ion storage (EIA reports 82 % averaged over US utility batteries in 2019). Split evenly: √η on
   * the way in, √η on the way out.
   */
  efficiency: 0.85,
  /** Starts full: a peak-shaving battery is held charged for the swing it exists to clip. */
  soc: 1,
} as const;

export const bessSchema = z.strictObject({
  id: id(),
  /** The bus whose import it shapes (a `power.buses` id). */
  bus: id(),
  /** Usable energy between empty and full. */
  energy: positive('energy'),
  /** Largest charge or discharge power at the bus. */
  power: positive('power'),
  /** Round-trip efficiency, AC to AC. */
  efficiency: fraction().optional(),
  /** State of charge at the start, share of `energy`. */
  soc: fraction().optional(),
  strategy: z.strictObject({
    /** Discharge to hold the bus's import at `limit`; recharge, up to it, when the bus draws less. */
    peak_shave: z.strictObject({ limit: positive('power') }),
  }),
});

export type BessSpec = z.output<typeof bessSchema>;
