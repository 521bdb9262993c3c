/**
 * A coolant distribution unit as a scenario file states it: the TCS loop it drives (pumps, setpoints) and
 * its TCS/FWS exchanger, with the defaults used for what the file leaves out. The compiled unit is cdu.ts.
 */
import { z } from 'zod';
import { positive, id, count } from '../../scenario/quantity';
import { LIQUID_SETPOINT } from '../../scenario/fields';
import { C_TO_K } from '../../scenario/defaults';

export const CDU = {
  /** W32-class TCS supply. */
  supplySetpoint: 30 + C_TO_K,
  /** CDU approach TCS supply − FWS supply at design: 3 K (vendors, range 2–5). */
  designApproach: 3,
  /** Pipes, manifolds and reservoir of a row CDU loop. */
  loopVolume: 0.4,
  pumps: 2,
  pumpsRequired: 1,
  /** 2.5 bar across the loop at design flow ≈ 25 m of head (typical CDU rating). */
  designHead: 25,
  /** Centrifugal shut-off head ≈ 1.25× the head at the best-efficiency point. */
  shutoffRatio: 1.25,
  /** Wire-to-water efficiency of a variable-speed pump set. */
  pumpEfficiency: 0.7,
} as const;

const pumpSetSchema = z.strictObject({
  count: count(16, 1).optional(),
  required: count(16, 1).optional(),
  /** Head across the TCS loop at design flow; sets the system curve H = R·Q². */
  design_head: positive('head').optional(),
  /**
   * Flow the `required` pumps give at design head (the set's rating). Default: the design flow of the racks
   * the CDU feeds, i.e. sized for them; state it when the pumps were sized for more racks than are installed.
   */
  rated_flow: positive('volume_flow').optional(),
  /** Head of one pump at zero flow and full speed, as a multiple of design head. */
  shutoff_ratio: z.number().min(1.01).max(5).optional(),
  efficiency: z.number().gt(0).max(1).optional(),
});

/**
 * Identical CDU units in parallel on one shared secondary header (supply and return manifolds feeding the
 * same racks): `count` units of which `required` carry the design load (N+1: count = required + 1). Each
 * unit has the pump set `pumps` and an equal share of the exchanger.
 */
const unitSetSchema = z.strictObject({
  count: count(16, 1).optional(),
  required: count(16, 1).optional(),
});

export const cduSchema = z.strictObject({
  id: id(),
  /** Design heat load; defaults to the liquid heat of the racks it feeds. */
  capacity: positive('power').optional(),
  supply_setpoint: LIQUID_SETPOINT().optional(),
  /** TCS flow as a share of design flow (1 = the racks' design flow). */
  flow_setpoint: z.number().gt(0).max(2).optional(),
  /** TCS supply − FWS supply at design load: sizes the exchanger when `ua` is not given. */
  design_approach: positive('temperature_difference').optional(),
  ua: positive('conductance').optional(),
  /** FWS flow through the exchanger; defaults to the same heat-capacity rate as the TCS side. */
  fws_flow: positive('volume_flow').optional(),
  loop_volume: positive('volume').optional(),
  /** Share of UA lost to fouling (0 = clean). */
  fouling: z.number().min(0).max(0.95).optional(),
  pumps: pumpSetSchema.optional(),
  units: unitSetSchema.optional(),
});

/** What an event may set on a CDU (`set: <cdu>.<parameter>`), checked by the field's own schema. */
export const CDU_SETTABLE = {
  supply_setpoint: cduSchema.shape.supply_setpoint.unwrap(),
  flow_setpoint: cduSchema.shape.flow_setpoint.unwrap(),
  fouling: cduSchema.shape.fouling.unwrap(),
} as const;

export type CduSpec = z.output<typeof cduSchema>;
