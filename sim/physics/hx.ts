/**
 * Counterflow heat exchanger by the ε-NTU method (Incropera, Fundamentals of Heat and Mass Transfer, §11.4).
 * Capacity rates C = ṁ·cp in W/K; UA in W/K.
 */

import { dmath } from '../kernel/math';

/** Effectiveness of a counterflow exchanger; the Cr → 1 limit is ε = NTU/(1+NTU). */
export function counterflowEffectiveness(ua: number, cHot: number, cCold: number): number {
  const cMin = Math.min(cHot, cCold);
  const cMax = Math.max(cHot, cCold);
  if (cMin <= 0 || ua <= 0) return 0;
  const ntu = ua / cMin;
  const cr = cMin / cMax;
  if (1 - cr < 1e-9) return ntu / (1 + ntu);
  const x = dmath.exp(-ntu * (1 - cr));
  return (1 - x) / (1 - cr * x);
}

/** NTU that yields effectiveness ε (inverse of the counterflow relation); Infinity when ε ≥ 1. */
export function counterflowNtu(effectiveness: number, cr: number): number {
  if (effectiveness >= 1) return Infinity;
  if (effectiveness <= 0) return 0;
  if (1 - cr < 1e-9) return effectiveness / (1 - effectiveness);
  return dmath.log((1 - effectiveness * cr) / (1 - effectiveness)) / (1 - cr);
}

/**
 * UA that makes a counterflow exchanger deliver `heat` at design with the given approach
 * (cold-side... i.e. hot outlet − cold inlet), hot side capacity rate cHot and cold side cCold.
 * Hot inlet = cold inlet + approach + heat/cHot, so ε = heat / (cMin·(approach + heat/cHot)).
 * Returns NaN when the duty is impossible (ε ≥ 1).
 */
export function uaForApproach(heat: number, approach: number, cHot: number, cCold: number): number {
  const cMin = Math.min(cHot, cCold);
  const cMax = Math.max(cHot, cCold);
  const eps = heat / (cMin * (approach + heat / cHot));
  if (!(eps < 1)) return NaN;
  return counterflowNtu(eps, cMin / cMax) * cMin;
}
