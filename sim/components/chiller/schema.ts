/**
 * An electric chiller as a scenario file states it — capacity, COP, restart delays, condenser and DOE-2
 * performance curves — with the defaults used for what the file leaves out. The compiled chiller is chiller.ts.
 */
import { z } from 'zod';
import { positive, nonNegative, id, quantity } from '../../scenario/quantity';

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
  /**
   * Cooling-tower fans of a tower-cooled chiller, per W of cooling capacity at design: ASHRAE 90.1 (Table
   * 6.8.1-7, the Appendix G baseline) asks open axial-fan towers for at least 38.2 gpm/hp at the AHRI
   * condenser flow of 3 gpm/ton, i.e. 3/38.2 hp = 58.6 W per ton (3,517 W) of cooling = 0.0167 W/W. Scaled
   * with the heat the condenser rejects (cooling + compressor power), against capacity·(1 + 1/COP) at design.
   */
  towerFanFraction: 0.0167,
  /**
   * Condenser-water pump of a tower-cooled chiller while it runs, per W of capacity: ASHRAE 90.1 Appendix G
   * (G3.1.3.11) 19 W/gpm at 3 gpm/ton = 57 W per ton = 0.0162 W/W. Constant speed: it runs while the chiller
   * is staged on.
   */
  condenserPumpFraction: 0.0162,
} as const;

/**
 * Chiller staging (how many of an N+1 plant run): stage up when the running chillers' part-load ratio
 * passes `stageUp` for `delay`, or at once when they cannot hold the setpoint; stage down when one chiller
 * fewer would run below `stageDown` for `delay`, the one to stop having run `minRunTime`. The structure
 * (part-load staging with a hold time and a minimum runtime per stage) is ASHRAE Guideline 36-2021 §5.20.4's.
 * Thresholds: the DOE-2 centrifugal EIR-fPLR curve is most efficient at PLR ≈ 0.69 (√(0.2229/0.4637)) and
 * within 4 % of that from 0.45 to 0.95, so staging up at 0.9 and down below 0.8 keeps each running chiller
 * in that band; stageDown < stageUp is the hysteresis (a load between them changes nothing).
 */
export const STAGING = {
  stageUp: 0.9,
  stageDown: 0.8,
  /** Guideline 36 holds a staging condition 15 min before acting. */
  delay: 900,
  /** Guideline 36: each stage runs at least 15 min. */
  minRunTime: 900,
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
  /** Condenser (tower) fan power at design heat rejection, scaled with the heat rejected (default: tower 0.0167 W per W of capacity; air-cooled 0, in the rated COP). */
  condenser_fan_power: nonNegative('power').optional(),
  /** Condenser-water pump power while the chiller runs (default: tower 0.0162 W per W of capacity; air-cooled 0). */
  condenser_pump_power: nonNegative('power').optional(),
  curves: z
    .strictObject({ cap_ft: curve6.optional(), eir_ft: curve6.optional(), eir_fplr: z.array(z.number()).length(3).optional() })
    .optional(),
});

export type ChillerSpec = z.output<typeof chillerSchema>;

/** `plant.chiller_staging`: `load` runs as many chillers as the load needs (default); `all` runs every available one, sharing load by capacity. */
export const stagingSchema = z.strictObject({
  mode: z.enum(['load', 'all']).optional(),
  stage_up: quantity('fraction', { positive: true, max: 1 }).optional(),
  stage_down: quantity('fraction', { positive: true, max: 1 }).optional(),
  delay: nonNegative('time').optional(),
  min_run_time: nonNegative('time').optional(),
}).superRefine((s, ctx) => {
  const up = s.stage_up ?? STAGING.stageUp, down = s.stage_down ?? STAGING.stageDown;
  if (down >= up) ctx.addIssue({ code: 'custom', path: ['stage_down'], message: `expected a stage-down part load below stage_up (${up}), found ${down}: with no band between them the plant would stage on and off at one load` });
});

export type StagingSpec = z.output<typeof stagingSchema>;
