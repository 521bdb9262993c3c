/**
 * A UPS and its battery: the three-term loss curve, recharge, when a draining battery crosses its runtime
 * alarm or runs out, and Peukert's law for a battery stated in amp-hours.
 * The chain's step loop applies these per UPS node (chain.ts).
 */
import { dmath } from '../kernel/math';

/** Three-term loss at load L on the healthy rating R: R·(a + b·x + c·x²), x = L/R; none when idle. */
export function upsLoss(L: number, R: number, c: readonly [number, number, number]): number {
  const x = R > 0 ? L / R : 0;
  return L > 0 && R > 0 ? R * (c[0] + c[1] * x + c[2] * x * x) : 0;
}

/** Recharge power over a step of h: the recharge rate, but no more than refills the battery; none without mains. */
export const rechargePower = (mains: boolean, rate: number, capacity: number, e0: number, h: number): number =>
  mains ? Math.min(rate, (capacity - e0) / h) : 0;

/**
 * When, in a step of length h ending at t, the runtime at draw `draw` fell through `threshold`: the battery
 * drained at constant power from e0 to e1, so it crossed where the energy left equals threshold × draw.
 * Null when the crossing is not inside the step (it was already below at the step's start).
 */
export function runtimeCrossing(t: number, h: number, e0: number, e1: number, threshold: number, draw: number): number | null {
  const eAt = threshold * draw;
  return e0 > eAt && e0 > e1 ? t - h * (1 - (e0 - eAt) / (e0 - e1)) : null;
}

/** A battery counts as empty within rounding of its capacity (and a microjoule). */
export const depleted = (energy: number, capacity: number): boolean => energy <= 1e-9 * capacity + 1e-6;

/**
 * Peukert's law for a battery rated C amp-hours at the H-hour rate: at a constant current I it lasts
 * t = H·(C/(I·H))^k (SI: C in coulombs, H and t in seconds, I in amperes). At the rated current C/H it
 * lasts H; faster, less (k > 1); slower, more — the law as stated, with no cap at the rated capacity.
 */
export function peukertRuntime(C: number, H: number, k: number, I: number): number {
  return I > 0 ? H * dmath.pow(C / (I * H), k) : Infinity;
}

/**
 * How fast a battery's nominal energy V·C is used up when it delivers `power` at voltage V: a Peukert
 * battery is spent after t(I) at I = power/V, so its nominal energy goes at V·C / t(I) = power·(I/I_H)^(k−1),
 * I_H = C/H. With k = 1 (or a battery stated in kWh) that is the power itself, and runtime = energy / draw
 * keeps its meaning at any load: the energy left over this draw is the time left at the present current.
 */
export function peukertDraw(power: number, V: number, C: number, H: number, k: number): number {
  if (power <= 0 || k === 1) return power;
  return power * dmath.pow((power / V) / (C / H), k - 1);
}
