/**
 * A rack's GPU power cap: how throttling works, in one place (the run's monitor applies it each step).
 *
 * GPUs cap power continuously (clock scaling, power brake) rather than switch. Between the throttle and
 * trip temperatures — of the coolant for a liquid-cooled rack, of the inlet air for every rack; the
 * further into its band wins — the cap's target falls linearly from full power to
 * `throttle_power_fraction` of design power at the trip temperature, and the cap follows its target with
 * a first-order lag (CAP_TIME). A rack whose cooling can carry 80 % settles at 80 % instead of toggling
 * between full power and the floor (1,200 ↔ 720 kW, 16 times in 70 s, in the old on/off model). At the
 * trip temperature the rack shuts down.
 */
import type { Racks } from './rack';

/**
 * Lag of the GPU power cap behind its target, s. GPU power limiting acts in well under a second; across a
 * rack's GPUs and its firmware a couple of seconds to settle. The lag also keeps the explicit coupling
 * between cap and coolant stable: steps are held to CAP_TIME / (CAP_STEPS · loop gain) while a cap moves.
 */
export const CAP_TIME = 2;
/** Steps per CAP_TIME while a cap moves (the lag is integrated explicitly: O(h/CAP_TIME) error). */
export const CAP_STEPS = 5;

/**
 * Where rack r sits in its throttle band: 0 at the throttle temperature, 1 at the trip temperature (< 0
 * below it), by coolant `coolantK` (−∞ for an air-cooled rack) or inlet air `inletK`, whichever is
 * further in; `byCoolant` says which.
 */
export function bandPosition(racks: Racks, r: number, coolantK: number, inletK: number): { x: number; byCoolant: boolean } {
  const thT = racks.throttleT[r]!, trT = racks.tripT[r]!, inTh = racks.inletThrottle[r]!, inTr = racks.inletTrip[r]!;
  const xc = coolantK > -Infinity ? (coolantK - thT) / (trT - thT) : -Infinity;
  // Inlet limits may be absent (immersion tanks: ∞) or equal: then the band is a step at inTh.
  const xi = inTr > inTh && inTr < Infinity ? (inletK - inTh) / (inTr - inTh) : inletK >= inTh ? 0 : -Infinity;
  return xc >= xi ? { x: xc, byCoolant: true } : { x: xi, byCoolant: false };
}

/** The cap's target at band position x: 1 below the band, falling linearly to the floor f at x = 1. */
export function capTarget(racks: Racks, r: number, x: number): number {
  const f = racks.throttleFraction[r]!;
  return x <= 0 ? 1 : Math.max(f, 1 - (1 - f) * x);
}

/**
 * Loop gain of a liquid rack's cap: how far a change of cap moves its band position through the coolant
 * rise it sets at flow capacity rate g (W/K); 1 without flow or for air.
 */
export function capLoopGain(racks: Racks, r: number, g: number, liquid: boolean): number {
  const f = racks.throttleFraction[r]!;
  return liquid && g > 0 ? ((1 - f) * racks.liquidFraction[r]! * racks.designPower[r]!) / (g * (racks.tripT[r]! - racks.throttleT[r]!)) : 1;
}
