/**
 * Helpers for the closed-form physics suite. Everything here is independent of the engine's internals:
 * fluid properties are the documented defaults (docs/scenario-format.md), the ε-NTU relation is written
 * out from the textbook, and scenarios go through the public facade (sim/api.ts) only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadText, runScenario, type Report, type RunOutcome, type RunRequest, type Scenario } from '../../sim/api';
import { validateScenarioData } from '../../sim/scenario/load';
import { compilePlant } from '../../sim/plant/compile';
import type { ScenarioIssue } from '../../sim/scenario/issues';

export const C2K = 273.15;
export const G0 = 9.80665;

/** Documented default fluids (docs/scenario-format.md, "Top level"). */
export const PG25 = { rho: 1015, cp: 3940 } as const;
export const WATER = { rho: 996, cp: 4180 } as const;
export const AIR = { rho: 1.18, cp: 1006 } as const;

/** 1.5 L/min per kW in m³/s per W (the documented default flow_per_power). */
export const FLOW_PER_W = 1.5e-3 / 60 / 1000;

/** The issues a scenario's data gets from validation, then from compiling its plant (none: []). */
export function compileErrors(data: unknown): ScenarioIssue[] {
  const res = validateScenarioData(data, undefined, 'json');
  if (!res.ok) return res.errors;
  const c = compilePlant(res.scenario);
  return c.ok ? [] : c.errors;
}

/** Parse and validate a YAML scenario through the public API; throws with the issues on failure. */
export function load(yaml: string, name = 'test.yaml'): Scenario {
  const res = loadText(yaml, name);
  if (!res.ok) throw new Error(`scenario rejected: ${JSON.stringify(res.errors)}`);
  return res.scenario;
}

export function run(yaml: string, probes: string[] = [], req: RunRequest = {}): RunOutcome {
  return runScenario(load(yaml), { probes, ...req });
}

export interface Series { t: number[]; v: number[] }

export function series(rep: Report, name: string): Series {
  const s = rep.series[name];
  if (!s) throw new Error(`no series ${name}; have ${Object.keys(rep.series).join(', ')}`);
  return { t: s.t_s, v: s.values };
}

/** Value of a series at (the first sample at or after) time t. */
export function at(s: Series, t: number): number {
  const i = s.t.findIndex((x) => x >= t - 1e-6);
  if (i < 0) throw new Error(`no sample at t = ${t}`);
  return s.v[i]!;
}

/**
 * Textbook counterflow effectiveness (Incropera eq. 11.29a / 11.29b):
 *   ε = (1 − exp(−NTU(1 − Cr))) / (1 − Cr·exp(−NTU(1 − Cr)))   for Cr < 1
 *   ε = NTU / (1 + NTU)                                          for Cr = 1
 *   ε = 1 − exp(−NTU)                                            for Cr = 0
 */
export function epsCounterflow(ntu: number, cr: number): number {
  if (cr === 0) return 1 - Math.exp(-ntu);
  if (cr === 1) return ntu / (1 + ntu);
  const x = Math.exp(-ntu * (1 - cr));
  return (1 - x) / (1 - cr * x);
}

/**
 * DOE-2 Centrifugal/5.50COP by hand, from the published coefficients (EnergyPlus dataset; Modelica Buildings
 * ElectricEIR.DOE_2_Centrifugal_5_50COP), independent of the engine's copy:
 *   P = (Cap·CAPFT/COP)·EIRFT·EIRFPLR(max(PLR, 0.1))·min(1, PLR/0.1), inputs clamped to 5–10 °C and 24–35 °C.
 */
export const DOE2 = {
  capFT: [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344],
  eirFT: [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215],
  eirFPLR: [0.222903, 0.313387, 0.46371],
};
export const biquadratic = (c: number[], x: number, y: number) => c[0]! + c[1]! * x + c[2]! * x * x + c[3]! * y + c[4]! * y * y + c[5]! * x * y;
export const eirFPLR = (p: number) => DOE2.eirFPLR[0]! + DOE2.eirFPLR[1]! * p + DOE2.eirFPLR[2]! * p * p;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Electric power of a chiller of capacity `cap` (W) and COP `cop` cooling `load` W at x = leaving CHW, y = entering CW (°C). */
export function chillerPowerByHand(cap: number, cop: number, load: number, x: number, y: number): number {
  const xc = clamp(x, 5, 10), yc = clamp(y, 24, 35);
  const avail = cap * biquadratic(DOE2.capFT, xc, yc);
  const plr = Math.min(1, load / avail);
  return (avail / cop) * biquadratic(DOE2.eirFT, xc, yc) * eirFPLR(Math.max(0.1, plr)) * Math.min(1, plr / 0.1);
}

/** All model files shipped in models/. */
export function modelFiles(): { name: string; text: string }[] {
  const dir = fileURLToPath(new URL('../../models/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));
}

/** |a − b| ≤ tol, with a readable message. */
export function near(actual: number, expected: number, tol: number, what = ''): void {
  if (!(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected} ± ${tol}, engine gave ${actual} (off by ${actual - expected})`);
  }
}

/** Relative comparison |a/b − 1| ≤ rel. */
export function nearRel(actual: number, expected: number, rel: number, what = ''): void {
  const e = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  if (!(e <= rel)) {
    throw new Error(`${what}: expected ${expected} (rel ${rel}), engine gave ${actual} (rel error ${e.toExponential(3)})`);
  }
}

/** Largest |series − f(t)| over samples with t in [t0, t1]. */
export function maxDeviation(s: Series, f: (t: number) => number, t0 = -Infinity, t1 = Infinity): { err: number; t: number } {
  let err = 0, tw = NaN;
  for (let i = 0; i < s.t.length; i++) {
    const t = s.t[i]!;
    if (t < t0 || t > t1) continue;
    const e = Math.abs(s.v[i]! - f(t));
    if (e > err) { err = e; tw = t; }
  }
  return { err, t: tw };
}

/**
 * A rack heating with no coolant flow under the engine's GPU power cap (sim/run/monitor.ts), from the
 * throttle temperature with the cap at full power:
 *   C·dT/dt = lf·min(P, y·P_design),   τ·dy/dt = y*(T) − y,
 *   y*(T) = clamp(1 − (1 − f)·(T − T_throttle)/(T_trip − T_throttle), f, 1).
 * Integrated by classical RK4 at 1 ms (error ~1e-12 on these smooth, slow curves): the reference the
 * engine's step-wise cap must follow. Returns the time from the throttle crossing to the trip, and T, y at
 * any time before it.
 */
export function cappedHeatup(p: { C: number; lf: number; P: number; Pdesign: number; f: number; throttle: number; trip: number; tau: number }): { tripAfter: number; at(t: number): { T: number; y: number } } {
  const dt = 1e-3;
  const target = (T: number) => Math.min(1, Math.max(p.f, 1 - ((1 - p.f) * (T - p.throttle)) / (p.trip - p.throttle)));
  const dT = (_T: number, y: number) => (p.lf * Math.min(p.P, y * p.Pdesign)) / p.C;
  const dy = (T: number, y: number) => (target(T) - y) / p.tau;
  const Ts: number[] = [p.throttle], ys: number[] = [1];
  let T = p.throttle, y = 1, t = 0;
  while (T < p.trip && t < 1e5) {
    const k1T = dT(T, y), k1y = dy(T, y);
    const k2T = dT(T + (dt / 2) * k1T, y + (dt / 2) * k1y), k2y = dy(T + (dt / 2) * k1T, y + (dt / 2) * k1y);
    const k3T = dT(T + (dt / 2) * k2T, y + (dt / 2) * k2y), k3y = dy(T + (dt / 2) * k2T, y + (dt / 2) * k2y);
    const k4T = dT(T + dt * k3T, y + dt * k3y), k4y = dy(T + dt * k3T, y + dt * k3y);
    const Tn = T + (dt / 6) * (k1T + 2 * k2T + 2 * k3T + k4T);
    const yn = y + (dt / 6) * (k1y + 2 * k2y + 2 * k3y + k4y);
    if (Tn >= p.trip) { t += (dt * (p.trip - T)) / (Tn - T); break; }
    T = Tn; y = yn; t += dt;
    Ts.push(T); ys.push(y);
  }
  return {
    tripAfter: t,
    at(time: number) {
      const i = Math.min(Ts.length - 1, Math.max(0, Math.floor(time / dt)));
      return { T: Ts[i]!, y: ys[i]! };
    },
  };
}
