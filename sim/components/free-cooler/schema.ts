/**
 * A free cooler (dry cooler or open cooling tower ahead of the chillers) as a scenario file states it, with
 * the defaults used for what the file leaves out. The compiled unit is free-cooler.ts.
 */
import { z } from 'zod';
import { positive, nonNegative, id } from '../../scenario/quantity';

export const HEAT_REJECTION = {
  /** Dry-cooler approach to ambient dry bulb (leaving water − dry bulb). */
  dryCoolerApproach: 5,
  /** Open cooling-tower approach to wet bulb. */
  towerApproach: 4,
  /** Fan power ≈ 1 % of rated heat rejection (EC fans at design). */
  fanPowerFraction: 0.01,
  /** Cycles of concentration for blowdown: water = evaporation · C/(C−1). */
  cyclesOfConcentration: 4,
  /** Latent heat of vaporisation of water at ~30 °C, J/kg. */
  latentHeat: 2.43e6,
} as const;

export const freeCoolerSchema = z.strictObject({
  id: id(),
  kind: z.enum(['dry_cooler', 'tower']),
  capacity: positive('power'),
  approach: nonNegative('temperature_difference').optional(),
  fan_power: nonNegative('power').optional(),
  cycles_of_concentration: z.number().min(1.1).max(50).optional(),
});

export type FreeCoolerSpec = z.output<typeof freeCoolerSchema>;
