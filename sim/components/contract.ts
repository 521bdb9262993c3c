/**
 * What each component kind in sim/components/<kind>/ offers the layers above: actions for scenario events
 * (fail, repair, set), probe readers, and its entry in the report's final state. Also the small helpers
 * those share, so every kind reports in the same units (°C, kW, L/s) the same way.
 */
import type { z } from 'zod';
import { C_TO_K } from '../scenario/defaults';

/** Effects an action has beyond the plant arrays, reported back to the run. */
export interface ActionContext {
  t: number;
  /** Flows or exchanger parameters changed: recompute hydraulics. */
  hydraulicsChanged: boolean;
  alarm(severity: 'info' | 'major', component: string, kind: string, message: string): void;
  /** Ask for a callback at time t (chiller back on line after its restart delay). */
  at(t: number, what: () => void): void;
}

export type Action = (ctx: ActionContext) => void;

/** One failable unit: what an event's `fail`/`repair` (or MTBF/MTTR sampling) does to it. */
export interface Failable { id: string; fail: Action; repair: Action }

/** A parameter an event can set: the schema of the field it sets, and how to apply a checked value. */
export interface Settable { schema: z.ZodType<number | string>; apply: (v: number | string, field: string) => Action }

/** Wraps a numeric setter as a Settable's apply (its schema has already checked the value is a number). */
export const setNumber = (f: (v: number) => Action) => (v: number | string) => f(v as number);

/** The thermal network's present state, as probes and final states read it (the solver provides it). */
export interface ThermalState {
  /** Node temperatures, K, in the plant's state-vector layout. */
  readonly T: Float64Array;
  /** Hottest rack inlet (cold-aisle) air temperature, K. */
  readonly inlet: number;
  /** Rack inlet of each air zone (then the hottest), K; rack r breathes zoneInlet[rackZone[r]]. */
  readonly zoneInlet: Float64Array;
  readonly rackZone: Int32Array;
  /** IT power of each rack in the last step, W. */
  readonly qIt: Float64Array;
  /** TCS supply temperature of each CDU, K. */
  readonly cduSupply: Float64Array;
  /** Heat each CDU moved to the FWS in the last step, W. */
  readonly cduHeat: Float64Array;
  /** Heat the CRAHs took from the hall air in the last step, W. */
  readonly crahHeat: number;
}

/** A probe's reader: the report's unit and how to read the present value in it. */
export interface Reader { unit: string; read: () => number }

export const temperatureReader = (get: () => number): Reader => ({ unit: 'degC', read: () => get() - C_TO_K });
export const powerReader = (get: () => number): Reader => ({ unit: 'kW', read: () => get() / 1000 });

/** A component's entry in the report's final state. */
export type FinalState = Record<string, number | string>;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
/** Kelvin to °C rounded to a millikelvin, as the report gives temperatures. */
export const toC = (k: number) => round(k - C_TO_K);
/** Three decimals, as the report gives kW, kWh and L/s. */
export const r3 = (x: number) => Math.round(x * 1000) / 1000;
