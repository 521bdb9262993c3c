/**
 * Electric chiller after DOE-2 (EnergyPlus Chiller:Electric:EIR): available capacity and electric input
 * from a biquadratic in leaving chilled-water and entering condenser temperatures, and a quadratic in
 * part-load ratio. Temperatures in °C inside the curves (as the published coefficients are).
 */
export interface ChillerCurves {
  capFT: readonly number[];
  eirFT: readonly number[];
  eirFPLR: readonly number[];
  leavingBounds: readonly [number, number] | readonly number[];
  condenserBounds: readonly [number, number] | readonly number[];
  minPLR: number;
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

function biquadratic(c: readonly number[], x: number, y: number): number {
  return c[0]! + c[1]! * x + c[2]! * x * x + c[3]! * y + c[4]! * y * y + c[5]! * x * y;
}

/** Capacity factor at the given leaving CHW / entering CW temperatures (°C, clamped to the curve bounds). */
export function capacityFactor(c: ChillerCurves, leavingC: number, condenserC: number): number {
  const x = clamp(leavingC, c.leavingBounds[0]!, c.leavingBounds[1]!);
  const y = clamp(condenserC, c.condenserBounds[0]!, c.condenserBounds[1]!);
  return Math.max(0, biquadratic(c.capFT, x, y));
}

/**
 * Electric power for cooling `load` W with reference capacity `capRef` and reference COP:
 * P = (capRef·CAPFT / COPref) · EIRFT · EIRFPLR(PLR), PLR = load / (capRef·CAPFT), floored at minPLR
 * (below it the machine cycles: EnergyPlus scales the minPLR input by the cycling ratio PLR/minPLR).
 */
export function chillerPower(c: ChillerCurves, capRef: number, copRef: number, load: number, leavingC: number, condenserC: number): number {
  if (load <= 0) return 0;
  const x = clamp(leavingC, c.leavingBounds[0]!, c.leavingBounds[1]!);
  const y = clamp(condenserC, c.condenserBounds[0]!, c.condenserBounds[1]!);
  const avail = capRef * Math.max(1e-9, biquadratic(c.capFT, x, y));
  const actual = Math.min(1, load / avail);
  const plr = Math.max(c.minPLR, actual);
  const cycling = actual < c.minPLR ? actual / c.minPLR : 1;
  const p = c.eirFPLR;
  const eirPLR = p[0]! + p[1]! * plr + p[2]! * plr * plr;
  return (avail / copRef) * biquadratic(c.eirFT, x, y) * eirPLR * cycling;
}
