/**
 * The heat-recovery unit compiled (schema.ts states it): its parameters in SI, the network's demand over the
 * day and the year, the COP of a heat pump, and what one pass of the network's solve asks of it — the
 * water leaving it as an affine map of the FWS return, T_out = h0 + h1·T_fr, as the free coolers give theirs.
 *
 * Where it sits: on the FWS return, ahead of free cooling and the chillers, so the heat it takes is heat
 * they need not reject. It never cools the water below the FWS supply setpoint: it takes what the plant
 * would otherwise reject, never more (the CDUs would then be fed colder water than their design asks).
 *
 * Its modes, like a free cooler's: off (nothing taken: T_out = T_fr); floor-limited (the water leaves at
 * the lowest temperature the unit can bring it to: T_out = floor); capped (it takes the heat it is asked
 * for: T_out = T_fr − Q_source/G); and a heat pump on its Carnot line (below). The floor:
 * - direct: max(FWS setpoint, network return + approach), and it runs only while T_fr ≥ network supply +
 *   approach (else the exchanger cannot heat the network's water to its supply temperature); within `band`
 *   above that threshold it serves the share (T_fr − threshold)/band of what is asked (a fifth mode, Ramp:
 *   continuous, so a return hovering at the threshold settles instead of switching the export on and off);
 * - heat pump: max(FWS setpoint, min_source, network supply − max_lift): the lift limit is a floor on the
 *   source, continuous, so the unit never toggles on its own limit.
 * The heat asked for is the network's demand at t, up to the capacity (heat delivered); a heat pump's
 * source share is Q·(1 − 1/COP) with COP = η·T_hot/(T_hot − T_source), T_hot the export (network supply)
 * temperature and T_source the FWS leaving its evaporator (the lift the compressor works against), the
 * lift taken no smaller than min_lift. T_source depends on the heat taken; on the Carnot line that is still
 * affine in T_fr (recoveryPass), so the solve stays exact.
 */
import type { Failable, FinalState, Reader } from '../contract';
import { r3, powerReader, temperatureReader } from '../contract';
import { C_TO_K } from '../../scenario/defaults';
import { HEAT_RECOVERY, type HeatRecoverySpec } from './schema';

const HOUR_S = 3600;
const DAY_S = 86_400;
/** Days before each month's first day on a plain 365-day year from 1 January (the annual breakdown's calendar). */
const MONTH_START = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

/**
 * Off; floor-limited; capped at a fixed drop (direct, or a heat pump at min_lift); a heat pump on its Carnot
 * line; a direct exchanger in its proportional band (the share it can serve rising with the return).
 */
export const enum RecoveryMode { Off = 0, Floor = 1, Capped = 2, Carnot = 3, Ramp = 4 }

export interface HeatRecovery {
  id: string;
  kind: 'direct' | 'heat_pump';
  /** Heat it can deliver, W. */
  capacity: number;
  /** Network supply (export) and return temperatures, K. */
  supply: number;
  networkReturn: number;
  /** Direct exchanger's approach, K (0 for a heat pump). */
  approach: number;
  /** Direct exchanger's proportional band above network supply + approach, K (0: a step). */
  band: number;
  /** Heat pump: share of the Carnot COP, lift bounds (K) and lowest source temperature (K). */
  eta: number;
  minLift: number;
  maxLift: number;
  minSource: number;
  /** Demand at its peak, W, and its shapes: 24 hourly and 12 monthly factors (null: flat). */
  peak: number;
  daily: Float64Array | null;
  monthly: Float64Array | null;
  heating: { design: number; base: number; baseLoad: number } | null;
  /** The weather file's calendar (record length, s, and each record's month 1–12), or null: the plain year from t = 0. */
  calendar: { dt: number; month: Uint8Array } | null;
  /** Credit per J of heat delivered (a sale, or the boiler fuel it displaces). */
  credit: number;
  /** Failed by an event or a random failure. It is fed outside the modelled power chain (docs/physics.md, "Heat reuse"). */
  failed: boolean;
  // The last pass of the solve (scratch the network reads; not parameters).
  mode: RecoveryMode;
  h0: number;
  h1: number;
  /** Heat asked for at the stage's time, W (min of demand and capacity). */
  asked: number;
}

/** `epw`: the scenario's weather file, whose calendar the monthly factors then follow (as `dctwin annual` bins by it). */
export function compileHeatRecovery(h: HeatRecoverySpec, epw?: { recordsPerHour: number; month: Uint8Array }): HeatRecovery {
  const d = h.demand;
  const direct = h.kind === 'direct';
  return {
    id: h.id, kind: h.kind, capacity: h.capacity, supply: h.network.supply, networkReturn: h.network.return,
    approach: direct ? h.approach ?? HEAT_RECOVERY.approach : 0,
    band: direct ? h.band ?? HEAT_RECOVERY.band : 0,
    eta: h.carnot_efficiency ?? HEAT_RECOVERY.carnotEfficiency,
    minLift: h.min_lift ?? HEAT_RECOVERY.minLift, maxLift: h.max_lift ?? HEAT_RECOVERY.maxLift,
    minSource: h.min_source ?? HEAT_RECOVERY.minSourceC + C_TO_K,
    peak: d?.peak ?? h.capacity,
    daily: d?.daily ? Float64Array.from(d.daily) : null,
    monthly: d?.monthly ? Float64Array.from(d.monthly) : null,
    calendar: epw ? { dt: HOUR_S / epw.recordsPerHour, month: epw.month } : null,
    heating: d?.heating ? { design: d.heating.design, base: d.heating.base ?? HEAT_RECOVERY.heatingBaseC + C_TO_K, baseLoad: d.heating.base_load ?? HEAT_RECOVERY.baseLoad } : null,
    credit: h.price ?? (h.displaced_boiler ? h.displaced_boiler.fuel_price / (h.displaced_boiler.efficiency ?? HEAT_RECOVERY.boilerEfficiency) : 0),
    failed: false, mode: RecoveryMode.Off, h0: 0, h1: 1, asked: 0,
  };
}

/**
 * Which stepwise interval of `period`-long pieces t falls in: a boundary instant belongs to the piece
 * before it, so the last stage of a step that ends on a boundary reads the step's own piece (t = 0: the first).
 */
const pieceBefore = (t: number, len: number) => (t > 0 ? Math.ceil(t / len) - 1 : 0);

/** Which piece t falls in when a boundary instant belongs to the piece after it. */
const pieceAfter = (t: number, len: number) => Math.floor(t / len);

/** Month (0–11) at t: the weather file's record's, held past its end; else on the plain year from 1 January. */
function monthAt(u: HeatRecovery, t: number, piece: (t: number, len: number) => number): number {
  const c = u.calendar;
  if (c) return c.month[Math.min(c.month.length - 1, piece(t, c.dt))]! - 1;
  const d = piece(t, DAY_S) % 365;
  let m = 0;
  while (MONTH_START[m + 1]! <= d) m++;
  return m;
}

/** The stepwise part of the demand's shape (daily × monthly factor) at t, or just after t with `after`. */
function shapeAt(u: HeatRecovery, t: number, after = false): number {
  const piece = after ? pieceAfter : pieceBefore;
  let f = 1;
  if (u.daily) f *= u.daily[piece(t, HOUR_S) % 24]!;
  if (u.monthly) f *= u.monthly[monthAt(u, t, piece)]!;
  return f;
}

/** Degree-day factor of space heating at outdoor dry bulb T (K): clamp((base − T)/(base − design), base_load, 1). */
export function heatingFactor(u: HeatRecovery, dryBulb: number): number {
  const h = u.heating;
  if (!h) return 1;
  return Math.min(1, Math.max(h.baseLoad, (h.base - dryBulb) / (h.base - h.design)));
}

/** The network's heat demand at t with the outdoor dry bulb (K), W. */
export const heatDemand = (u: HeatRecovery, t: number, dryBulb: number): number => u.peak * shapeAt(u, t) * heatingFactor(u, dryBulb);

/**
 * The first time after t at which the stepwise shape changes (an hour or a month boundary where the factor
 * differs), ∞ when it never does: the run ends a step there so each step sees one factor.
 */
export function nextDemandChange(u: HeatRecovery, t: number): number {
  if (!u.daily && !u.monthly) return Infinity;
  const step = u.daily ? HOUR_S : DAY_S;
  const now = shapeAt(u, t, true);
  // Walk boundaries up to a year ahead (8,760 hours at most): a shape that never changes returns ∞.
  let b = (Math.floor(t / step) + 1) * step;
  for (let i = 0; i < (365 * DAY_S) / step + 1; i++, b += step) if (shapeAt(u, b, true) !== now) return b;
  return Infinity;
}

/** Heat pump COP at a source temperature (K): η·T_hot/(T_hot − T_source), the lift no smaller than min_lift. */
export const heatPumpCop = (u: HeatRecovery, source: number): number => (u.eta * u.supply) / Math.max(u.minLift, u.supply - source);

/** The lowest temperature the unit can bring the FWS return to, K. */
export function recoveryFloor(u: HeatRecovery, setpoint: number): number {
  return u.kind === 'direct'
    ? Math.max(setpoint, u.networkReturn + u.approach)
    : Math.max(setpoint, u.minSource, u.supply - u.maxLift);
}

/**
 * One pass: with the FWS return guessed at Tfr, the flow's capacity rate G (W/K) and the heat asked for
 * (`u.asked`, W delivered), sets the unit's mode and its outlet map h0 + h1·T_fr. Returns whether the mode
 * changed since the last pass.
 *
 * A heat pump asked for Q with its COP on the Carnot line has 1/COP = (T_hot − T_s)/(η·T_hot), linear in
 * its source outlet T_s, so T_s = T_fr − Q·(1 − 1/COP)/G solves in closed form:
 * T_s = (T_fr − Q/G + k·T_hot)/(1 + k), k = Q/(G·η·T_hot) — affine in T_fr, no iteration on the COP.
 */
export function recoveryPass(u: HeatRecovery, Tfr: number, G: number, setpoint: number): boolean {
  const before = u.mode;
  const floor = recoveryFloor(u, setpoint);
  const Q = u.asked;
  const blocked = u.failed || G <= 0 || Q <= 0 || Tfr <= floor || (u.kind === 'direct' && Tfr < u.supply + u.approach);
  if (blocked) { u.mode = RecoveryMode.Off; u.h0 = 0; u.h1 = 1; }
  else if (u.kind === 'direct') {
    // In the band above the threshold it serves the share (T_fr − thr)/band of what is asked:
    // T_out = T_fr − s·(T_fr − thr), s = Q/(G·band), affine in T_fr and continuous at both ends.
    const thr = u.supply + u.approach;
    if (u.band > 0 && Tfr - thr < u.band) {
      const sl = Q / (G * u.band);
      if (Tfr - sl * (Tfr - thr) <= floor) { u.mode = RecoveryMode.Floor; u.h0 = floor; u.h1 = 0; }
      else { u.mode = RecoveryMode.Ramp; u.h0 = sl * thr; u.h1 = 1 - sl; }
    } else setCapped(u, Q / G, Tfr, floor);
  }
  else {
    const Th = u.supply, k = Q / (G * u.eta * Th);
    const Ts = (Tfr - Q / G + k * Th) / (1 + k);
    if (Ts <= floor) { u.mode = RecoveryMode.Floor; u.h0 = floor; u.h1 = 0; }
    else if (Th - Ts >= u.minLift) { u.mode = RecoveryMode.Carnot; u.h0 = (k * Th - Q / G) / (1 + k); u.h1 = 1 / (1 + k); }
    else setCapped(u, (Q * (1 - u.minLift / (u.eta * Th))) / G, Tfr, floor); // lift below min_lift: the COP at min_lift
  }
  return u.mode !== before;
}

/** Takes a fixed drop d (K) from the return, or down to the floor if that is less. */
function setCapped(u: HeatRecovery, d: number, Tfr: number, floor: number): void {
  if (Tfr - d <= floor) { u.mode = RecoveryMode.Floor; u.h0 = floor; u.h1 = 0; }
  else { u.mode = RecoveryMode.Capped; u.h0 = -d; u.h1 = 1; }
}

/**
 * Heat delivered to the network and the heat pump's electric power and COP, for source heat q (W) taken
 * from the FWS, which left the unit at `sourceOut` (K). Q_delivered = Q_source + P, COP = Q_delivered / P.
 */
export function recoveryOutput(u: HeatRecovery, q: number, sourceOut: number, out: { delivered: number; electric: number; cop: number }): void {
  if (q <= 0 || u.kind === 'direct') { out.delivered = Math.max(0, q); out.electric = 0; out.cop = 0; return; }
  out.cop = heatPumpCop(u, sourceOut);
  out.electric = q / (out.cop - 1);
  out.delivered = q + out.electric;
}

export function heatRecoveryFailure(u: HeatRecovery): Failable {
  return {
    id: u.id,
    fail: (x) => { u.failed = true; x.alarm('major', u.id, 'failure', `${u.id} failed: no heat export, the plant rejects it all`); },
    repair: (x) => { u.failed = false; x.alarm('info', u.id, 'repaired', `${u.id} back in service`); },
  };
}

export const heatRecoveryFinal = (u: HeatRecovery, out: { delivered: number; electric: number; cop: number }): FinalState => ({
  kind: 'heat_recovery', type: u.kind, state: u.failed ? 'failed' : u.mode === RecoveryMode.Off ? 'idle' : 'exporting',
  export_kw: r3(out.delivered / 1000), ...(u.kind === 'heat_pump' ? { electric_kw: r3(out.electric / 1000), cop: r3(out.cop) } : {}),
});

/**
 * Probes (`<id>.<quantity>`): export, source_heat, electric_power and demand in kW, the COP, and the FWS
 * temperature leaving the unit (°C). `out` is the network's output of the last step, `Tfr` reads the FWS return.
 */
export function heatRecoveryProbes(u: HeatRecovery, out: { delivered: number; electric: number; cop: number }, source: () => number, Tfr: () => number): Map<string, Reader> {
  return new Map<string, Reader>([
    ['export', powerReader(() => out.delivered)],
    ['source_heat', powerReader(source)],
    ['electric_power', powerReader(() => out.electric)],
    ['demand', powerReader(() => u.asked)],
    ['cop', { unit: '1', read: () => out.cop }],
    ['outlet', temperatureReader(() => u.h0 + u.h1 * Tfr())],
  ]);
}
