/**
 * Draws from the distributions a scenario states (sim/scenario/distribution.ts), on a seeded stream, with
 * deterministic math only (dmath), so the same seed gives the same jobs in Node and in the browser.
 *
 * Draws per sample, fixed per kind so streams stay easy to reason about: constant 0; exponential, uniform,
 * log-uniform and empirical 1; log-normal 2 (Box–Muller); truncated normal a variable number (rejection,
 * at most MAX_TRIES proposals — with the proposals chosen below every acceptance rate is above ~0.13, so
 * the cap is a guard against a bug, never a limit a file can reach).
 */
import { Rng } from '../kernel/rng';
import { dmath } from '../kernel/math';
import type { DistributionSpec } from '../scenario/distribution';

export type Sampler = (rng: Rng) => number;

const MAX_TRIES = 10_000;

/** A sampler for a plain value (`plain` decides what a bare number means) or a stated distribution. */
export function sampler(spec: number | DistributionSpec, plain: 'constant' | 'exponential'): Sampler {
  if (typeof spec === 'number') return plain === 'constant' ? () => spec : (rng) => rng.exponential(spec);
  switch (spec.dist) {
    case 'constant': { const v = spec.value; return () => v; }
    case 'exponential': { const m = spec.mean; return (rng) => rng.exponential(m); }
    case 'uniform': { const { min, max } = spec; return (rng) => rng.uniform(min, max); }
    case 'log_uniform': {
      const a = dmath.log(spec.min), b = dmath.log(spec.max);
      return (rng) => dmath.exp(rng.uniform(a, b));
    }
    case 'log_normal': {
      // Parameters of the underlying normal from the stated mean m and standard deviation s:
      // σ² = ln(1 + s²/m²), μ = ln m − σ²/2 (so that E = e^{μ+σ²/2} = m and Var = (e^{σ²} − 1)·m²).
      const s2 = dmath.log(1 + (spec.sd * spec.sd) / (spec.mean * spec.mean));
      const mu = dmath.log(spec.mean) - s2 / 2, sigma = Math.sqrt(s2);
      return (rng) => dmath.exp(rng.normal(mu, sigma));
    }
    case 'normal': return truncatedNormal(spec.mean, spec.sd, spec.min, spec.max);
    case 'empirical': return empirical(spec.values, spec.weights);
  }
}

/** Mean of a stated distribution (plain numbers: themselves, as constant or as exponential mean). */
export function meanOf(spec: number | DistributionSpec): number | null {
  if (typeof spec === 'number') return spec;
  switch (spec.dist) {
    case 'constant': return spec.value;
    case 'exponential': case 'log_normal': return spec.mean;
    case 'uniform': return (spec.min + spec.max) / 2;
    case 'log_uniform': return (spec.max - spec.min) / dmath.log(spec.max / spec.min);
    case 'empirical': {
      const w = spec.weights ?? spec.values.map(() => 1);
      let sw = 0, s = 0;
      spec.values.forEach((v, i) => { s += v * w[i]!; sw += w[i]!; });
      return s / sw;
    }
    case 'normal': return null; // depends on the truncation: Φ is not needed anywhere else in the engine
  }
}

/** Largest value a stated distribution can give (Infinity when unbounded). */
export function maxOf(spec: number | DistributionSpec, plain: 'constant' | 'exponential'): number {
  if (typeof spec === 'number') return plain === 'constant' ? spec : Infinity;
  switch (spec.dist) {
    case 'constant': return spec.value;
    case 'uniform': case 'log_uniform': case 'normal': return spec.max;
    case 'empirical': return spec.values.reduce((a, v, i) => (spec.weights && spec.weights[i] === 0 ? a : Math.max(a, v)), -Infinity);
    default: return Infinity;
  }
}

/** Discrete values with weights: inverse CDF on the cumulative weights (binary search). */
function empirical(values: number[], weights: number[] | undefined): Sampler {
  const n = values.length;
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) { total += weights ? weights[i]! : 1; cum[i] = total; }
  const vals = Float64Array.from(values);
  return (rng) => {
    const u = rng.next() * total;
    let lo = 0, hi = n - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! > u) hi = mid; else lo = mid + 1; }
    return vals[lo]!;
  };
}

/**
 * Normal(mean, sd) truncated to [min, max], exactly (rejection sampling on the standardised interval
 * [a, b]). The proposal depends on where the interval lies, so acceptance never collapses:
 * - interval holding 0 and at least 2 wide: plain normal draws (acceptance Φ(b) − Φ(a) ≥ 0.47);
 * - interval holding 0, narrower: uniform on [a, b], accepted with e^{−z²/2} (≥ e^{−2} ≈ 0.135);
 * - interval in one tail (a > 0; b < 0 by symmetry): Robert's (1995) exponential proposal with rate
 *   α = (a + √(a² + 4))/2, accepted with e^{−(z−α)²/2}, when α·(b − a) ≥ 0.5; otherwise uniform on
 *   [a, b] accepted with e^{−(z² − a²)/2} (≥ e^{−0.7} there).
 */
function truncatedNormal(mean: number, sd: number, min: number, max: number): Sampler {
  let a = (min - mean) / sd, b = (max - mean) / sd;
  const flip = b < 0; // mirror a left-tail interval onto the right
  if (flip) { const t = a; a = -b; b = -t; }
  const out = (z: number) => mean + sd * (flip ? -z : z);
  const tooMany = () => { throw new Error(`truncated normal: no draw accepted in ${MAX_TRIES} proposals (mean ${mean}, sd ${sd}, [${min}, ${max}])`); };
  if (a <= 0) {
    if (b - a >= 2) return (rng) => { for (let k = 0; k < MAX_TRIES; k++) { const z = rng.normal(0, 1); if (z >= a && z <= b) return out(z); } return tooMany(); };
    return (rng) => { for (let k = 0; k < MAX_TRIES; k++) { const z = rng.uniform(a, b); if (rng.next() <= dmath.exp(-z * z / 2)) return out(z); } return tooMany(); };
  }
  const alpha = (a + Math.sqrt(a * a + 4)) / 2;
  if (alpha * (b - a) >= 0.5) {
    return (rng) => {
      for (let k = 0; k < MAX_TRIES; k++) {
        const z = a + rng.exponential(1 / alpha);
        if (z > b) continue;
        if (rng.next() <= dmath.exp(-((z - alpha) * (z - alpha)) / 2)) return out(z);
      }
      return tooMany();
    };
  }
  return (rng) => { for (let k = 0; k < MAX_TRIES; k++) { const z = rng.uniform(a, b); if (rng.next() <= dmath.exp(-(z * z - a * a) / 2)) return out(z); } return tooMany(); };
}
