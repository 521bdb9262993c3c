/**
 * Pumps in parallel against a closed-loop system curve.
 * Pump curve at speed s (affinity laws): H = s²·H0 − k·q², q the flow of one pump.
 * n identical pumps in parallel share the flow: H = s²·H0 − k·(Q/n)².
 * System curve of a closed loop (no static lift): H = R·Q².
 * Operating point: Q = s·√(H0 / (R + k/n²)).
 */
export const G = 9.80665;

export interface PumpSet {
  /** Shut-off head of one pump at full speed, m. */
  h0: number;
  /** Pump curve coefficient, m/(m³/s)². */
  k: number;
  /** System curve coefficient, m/(m³/s)². */
  r: number;
}

/** Flow of n pumps at full speed. */
export function maxFlow(p: PumpSet, n: number): number {
  if (n <= 0) return 0;
  return Math.sqrt(p.h0 / (p.r + p.k / (n * n)));
}

/** Speed (0–1] at which n pumps deliver flow q; > 1 means they cannot. */
export function speedFor(p: PumpSet, n: number, q: number): number {
  if (n <= 0) return Infinity;
  return (q * Math.sqrt((p.r + p.k / (n * n)) / p.h0));
}

/** Delivered flow: the setpoint when the running pumps can make it, else what they give at full speed. */
export function deliveredFlow(p: PumpSet, n: number, target: number): number {
  return Math.min(target, maxFlow(p, n));
}

/** Electric power of a pump moving flow q (m³/s) against head H (m): ρ·g·H·q / wire-to-water efficiency, W. */
export function hydraulicPower(q: number, head: number, density: number, efficiency: number): number {
  return (density * G * head * q) / efficiency;
}

/** Power of a pump set at flow q on its system curve (head R·q²), W. */
export function pumpPower(p: PumpSet, q: number, density: number, efficiency: number): number {
  return hydraulicPower(q, p.r * q * q, density, efficiency);
}

/** Pump set sized so `required` pumps at full speed give designFlow at designHead. */
export function sizePumps(designFlow: number, designHead: number, required: number, shutoffRatio: number): PumpSet {
  const h0 = shutoffRatio * designHead;
  const perPump = designFlow / required;
  return { h0, k: (h0 - designHead) / (perPump * perPump), r: designHead / (designFlow * designFlow) };
}
