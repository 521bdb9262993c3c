/**
 * A single-phase immersion tank as a scenario file states it: the bath, its fluid and its own exchanger,
 * with the defaults used for what the file leaves out. The compiled tank is immersion-tank.ts.
 */
import { z } from 'zod';
import { positive, nonNegative, fraction, id, count } from '../../scenario/quantity';
import { loadProfile, fluid, LIQUID_SETPOINT, LIQUID_LIMIT } from '../../scenario/fields';
import { C_TO_K } from '../../scenario/defaults';
import { restartAfter } from '../rack/schema';

export const IMMERSION_TANK = {
  /** Synthetic hydrocarbon immersion fluid (PAO-class), typical datasheet values. */
  fluid: { density: 800, cp: 2100 },
  /** Default circulation gives a 5 K rise across the bath at design power. */
  bathRise: 5,
  // The values below were inline in the compiler without a stated source; they are assumptions to source.
  /** Bath temperature where GPUs start capping power, and where they shut down. */
  throttleTemperature: 50 + C_TO_K,
  tripTemperature: 55 + C_TO_K,
  gpus: 64,
  /** Fluid in the bath, m³. */
  fluidVolume: 1.5,
  /** Tank, boards and chip packages, J/K. */
  structureHeatCapacity: 200_000,
  /** Fluid returned to the bath by the exchanger, and its approach to the FWS supply at design. */
  supplySetpoint: 40 + C_TO_K,
  designApproach: 5,
  /** The exchanger loop: small and short, a duty/standby pump pair at low head. */
  loopVolume: 0.05,
  pumps: 2,
  pumpsRequired: 1,
  designHead: 15,
} as const;

export const immersionTankSchema = z.strictObject({
  id: id(),
  power: positive('power'),
  idle_power: nonNegative('power').optional(),
  gpus: count(4096).optional(),
  fluid_volume: positive('volume').optional(),
  fluid: fluid.optional(),
  structure_heat_capacity: nonNegative('heat_capacity').optional(),
  /** Fluid returned to the bath by the tank's heat exchanger. */
  supply_setpoint: LIQUID_SETPOINT().optional(),
  /** Fluid circulation through the tank's exchanger. */
  flow: positive('volume_flow').optional(),
  design_approach: positive('temperature_difference').optional(),
  ua: positive('conductance').optional(),
  load: loadProfile().optional(),
  throttle_temperature: LIQUID_LIMIT().optional(),
  trip_temperature: LIQUID_LIMIT().optional(),
  throttle_power_fraction: fraction().optional(),
  throttle_hysteresis: nonNegative('temperature_difference').optional(),
  /** Restart delay after a thermal trip, as a rack's (`never`: stays off). */
  restart_after: restartAfter().optional(),
});

export type ImmersionTankSpec = z.output<typeof immersionTankSchema>;
