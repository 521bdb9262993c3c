/**
 * An electric chiller as a scenario file states it — capacity, COP, restart delays, condenser and DOE-2
 * performance curves — with the defaults used for what the file leaves out. The compiled chiller is chiller.ts.
 */
import { z } from 'zod';
import { positive, nonNegative, id } from '../../scenario/quantity';

export const CHILLER = {
  /** DOE-2 centrifugal reference: COP 5.5 at 6.67 °C leaving CHW / 29.4 °C entering CW (EnergyPlus, Modelica Buildings). */
  cop: 5.5,
  /** Chiller manuals: 45 s – 8 min to first cooling after a restart; 90 s typical modern. */
  restartDelay: 90,
  /** Fast-restart chillers with controls on UPS reach cooling in ~30 s (vendor data). */
  fastRestartDelay: 30,
  /** Cooling-tower approach to wet bulb for the condenser water. */
  condenserApproach: 4,
  /** Chiller controls draw: panel, PLC, sensors. */
  controlsPower: 1000,
} as const;

/**
 * DOE-2 centrifugal chiller curves "DOE-2 Centrifugal/5.50COP" (EnergyPlus Chiller:Electric:EIR dataset,
 * also Modelica Buildings.Fluid.Chillers.Data.ElectricEIR.DOE_2_Centrifugal_5_50COP).
 * Biquadratic f(x,y) = a + b·x + c·x² + d·y + e·y² + f·x·y with x = leaving CHW °C, y = entering CW °C;
 * the curve inputs are clamped to the stated bounds, as EnergyPlus does.
 */
export const DOE2_CENTRIFUGAL = {
  capFT: [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344],
  eirFT: [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215],
  eirFPLR: [0.222903, 0.313387, 0.46371],
  leavingBounds: [5.0, 10.0],
  condenserBounds: [24.0, 35.0],
  minPLR: 0.1,
} as const;

const curve6 = z.array(z.number()).length(6);
export const chillerSchema = z.strictObject({
  id: id(),
  capacity: positive('power'),
  cop: positive('dimensionless').optional(),
  restart_delay: nonNegative('time').optional(),
  /** Restart delay when the compressor lost power but the controls stayed up (on UPS): modern fast-restart chillers. */
  fast_restart_delay: nonNegative('time').optional(),
  /** How the condenser rejects heat: an open tower (wet bulb) or air-cooled (dry bulb). */
  condenser: z.enum(['tower', 'air']).optional(),
  condenser_approach: nonNegative('temperature_difference').optional(),
  curves: z
    .strictObject({ cap_ft: curve6.optional(), eir_ft: curve6.optional(), eir_fplr: z.array(z.number()).length(3).optional() })
    .optional(),
});

export type ChillerSpec = z.output<typeof chillerSchema>;
