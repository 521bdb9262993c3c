/**
 * CRAH units and the hall air they cool, as a scenario file states them, with the defaults used for what
 * the file leaves out. The compiled units and the hall air node are crah.ts.
 */
import { z } from 'zod';
import { positive, nonNegative, id } from '../../scenario/quantity';
import { AIR_SETPOINT } from '../../scenario/fields';
import { C_TO_K } from '../../scenario/defaults';

export const HALL = {
  volume: 3000,
  /** Raised-floor halls: ≈ 21 °C mixed air; slab halls with containment run warmer. */
  airSetpoint: 24 + C_TO_K,
  /** Thermally active concrete ≈ 5 cm × 1000 m² × 2.2 MJ/(m³·K). */
  structureHeatCapacity: 110e6,
  /** 8 W/(m²·K) surface coefficient × 2500 m² of exposed surface. */
  structureUA: 20_000,
} as const;

export const CRAH = {
  /** Coil effectiveness of a chilled-water fan-coil at design airflow. */
  effectiveness: 0.7,
  /** Fan power ≈ 1.5 % of sensible capacity for EC fan walls. */
  fanPowerFraction: 0.015,
  /** Default airflow gives a 12 K air-side rise at capacity (typical CRAH/fan-wall selection). */
  airRise: 12,
} as const;

export const crahSchema = z.strictObject({
  id: id(),
  capacity: positive('power'),
  airflow: positive('volume_flow').optional(),
  effectiveness: z.number().gt(0).max(1).optional(),
  fan_power: nonNegative('power').optional(),
  /** Rows whose air zones this unit supplies (default: every row); stating it zones the hall by row. */
  serves: z.array(id()).min(1).max(2000).optional(),
});

/** The hall's own fields (air, structure, other gains); scenario/schema.ts adds its rows, tanks and CRAHs. */
export const hallAirFields = {
  id: id().optional(),
  name: z.string().max(200).optional(),
  air_volume: positive('volume').optional(),
  air_setpoint: AIR_SETPOINT().optional(),
  initial_temperature: AIR_SETPOINT().optional(),
  structure_heat_capacity: nonNegative('heat_capacity').optional(),
  structure_ua: nonNegative('conductance').optional(),
  /** Lighting, people, envelope gains into the hall air. */
  other_heat: nonNegative('power').optional(),
  /** Floor's rated uniform load, checked over each rack's footprint (headroom). */
  floor_rating: positive('mass_per_area').optional(),
  /** Heaviest rack a position may carry (a point-load rating of a raised-floor tile or plinth), headroom. */
  max_rack_weight: positive('mass').optional(),
};

/** What an event may set on the hall (`set: <hall>.<parameter>`), checked by the field's own schema. */
export const HALL_SETTABLE = {
  air_setpoint: hallAirFields.air_setpoint.unwrap(),
  other_heat: hallAirFields.other_heat.unwrap(),
} as const;

export type CrahSpec = z.output<typeof crahSchema>;
export type HallAirSpec = z.output<z.ZodObject<typeof hallAirFields>>;
