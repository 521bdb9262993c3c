/**
 * Confidence intervals for Monte Carlo studies (docs/availability.md says which is used where).
 *
 * - A mean: the normal interval x̄ ± z·s/√n with the sample standard deviation (n − 1). Replicates are
 *   independent and identically distributed, so by the central limit theorem the interval's coverage
 *   tends to 95 % as n grows; at the hundreds of replicates a study runs, it is close. With one replicate
 *   the spread is unknown and the interval is null.
 * - A probability (a share of replicates with at least one trip): the Wilson score interval (E. B.
 *   Wilson, "Probable inference, the law of succession, and statistical inference", JASA 22, 1927),
 *   which stays inside [0, 1] and keeps its coverage near 0 and 1, where the normal (Wald) interval
 *   collapses to zero width when no replicate saw the event (Brown, Cai & DasGupta, Statistical Science
 *   16, 2001, recommend Wilson for exactly this).
 *
 * - A mean whose normal interval leaves the measure's physical range (availability past 1, hours below 0:
 *   a skewed measure with few replicates that saw anything): the percentile bootstrap instead — B
 *   resamples of the replicates with replacement, drawn from a seeded xoshiro stream (sim/kernel/rng.ts),
 *   the 2.5th and 97.5th percentiles of their means (Efron & Tibshirani, "An Introduction to the
 *   Bootstrap", 1993, ch. 13), clamped to the range. Deterministic: the same values and seed give the same
 *   bits. `interval` says which a summary holds.
 * - Beside Wilson, the Clopper–Pearson interval (Biometrika 26, 1934): the Beta quantiles that invert the
 *   binomial test, never below 95 % coverage (conservative), the usual "exact" interval near 0 and 1.
 *
 * Sums run in the order of the values given: the caller passes replicates in index order, so a study
 * split over threads or machines gives the same bits.
 */
import { Rng } from '../kernel/rng';
import { dmath } from '../kernel/math';

/** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

export interface MeanSummary {
  /** Replicates behind the numbers. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null with one replicate. */
  sd: number | null;
  /** 95 % interval of the mean (`interval` says which); null with one replicate. */
  ci95: [number, number] | null;
  /** `normal`, or `bootstrap` where the normal interval left the measure's physical range; null with one replicate. */
  interval: 'normal' | 'bootstrap' | null;
  /** Spread of the replicates themselves (not of the mean): min, 5th, 50th, 95th percentile, max. */
  quantiles: { min: number; p05: number; p50: number; p95: number; max: number };
}

export interface ProportionSummary {
  n: number;
  /** Replicates in which the event happened. */
  events: number;
  p: number;
  /** 95 % Wilson score interval. */
  ci95: [number, number];
  /** 95 % Clopper–Pearson interval (at least 95 % coverage for every p). */
  ci95_exact: [number, number];
}

/** Where a mean's interval may lie, and the stream its bootstrap draws from (`MeanOptions`). */
export interface MeanOptions {
  /** The measure's physical range [lo, hi] (±∞ for no bound). */
  range: readonly [number, number];
  /** Seed and stream name of the bootstrap's random draws. */
  seed: number;
  stream: string;
}

/** Bootstrap resamples: 2,000, fewer past 100,000 replicates so a resample set stays ~2·10⁸ draws (at least 200). */
export const bootstrapResamples = (n: number) => Math.max(200, Math.min(2000, Math.ceil(2e8 / n)));

export function meanSummary(values: readonly number[], opts?: MeanOptions): MeanSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('meanSummary: no values');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  const half = sd === null ? null : (Z95 * sd) / Math.sqrt(n);
  let ci95: [number, number] | null = half === null ? null : [mean - half, mean + half];
  let interval: MeanSummary['interval'] = ci95 ? 'normal' : null;
  if (ci95 && opts) {
    // The range holds every replicate (an estimator such as served/demanded energy can pass 1 a little).
    let lo = opts.range[0], hi = opts.range[1];
    for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
    if (ci95[0] < lo || ci95[1] > hi) {
      ci95 = bootstrapMean(values, new Rng(opts.seed, opts.stream), bootstrapResamples(n));
      ci95 = [Math.max(lo, ci95[0]), Math.min(hi, ci95[1])];
      interval = 'bootstrap';
    }
  }
  return { n, mean, sd, ci95, interval, quantiles: quantiles(values) };
}

/**
 * Percentile bootstrap 95 % interval of the mean: `resamples` resamples of n values drawn with
 * replacement (uniform indices by Rng.int's rejection rule), the R-7 2.5th and 97.5th percentiles of
 * their means.
 */
export function bootstrapMean(values: readonly number[], rng: Rng, resamples: number): [number, number] {
  const n = values.length;
  if (n < 1 || n > 2 ** 32) throw new RangeError(`bootstrapMean: ${n} values`);
  const x = Float64Array.from(values);
  const means = new Float64Array(resamples);
  // Rng.int's rule, unrolled: accept only draws below the largest multiple of n, so `% n` is unbiased.
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (let b = 0; b < resamples; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let u = rng.nextUint32();
      while (u >= limit) u = rng.nextUint32();
      sum += x[u % n]!;
    }
    means[b] = sum / n;
  }
  means.sort();
  const q = (p: number) => {
    const x = p * (resamples - 1), i = Math.floor(x), f = x - i;
    return i + 1 < resamples ? means[i]! + f * (means[i + 1]! - means[i]!) : means[i]!;
  };
  return [q(0.025), q(0.975)];
}

/** Wilson score interval for `events` successes in `n` trials, at z (default 95 %). */
export function wilson(events: number, n: number, z = Z95): [number, number] {
  if (!(n > 0) || events < 0 || events > n) throw new RangeError(`wilson: ${events} events in ${n} trials`);
  const p = events / n, z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p = 0 (or 1) the bound is 0 (or 1) exactly; rounding would put it a hair off.
  return [events === 0 ? 0 : centre - half, events === n ? 1 : centre + half];
}

export function proportionSummary(flags: readonly boolean[]): ProportionSummary {
  const n = flags.length;
  let events = 0;
  for (const f of flags) if (f) events++;
  return { n, events, p: events / n, ci95: wilson(events, n), ci95_exact: clopperPearson(events, n) };
}

/**
 * Clopper–Pearson interval for `events` in `n`: [B⁻¹(α/2; k, n−k+1), B⁻¹(1−α/2; k+1, n−k)], with
 * 0 at k = 0 and 1 at k = n. The Beta quantile by bisection on the regularised incomplete beta function
 * (to 1e-12 in p, far below any digit a study reports).
 */
export function clopperPearson(events: number, n: number, alpha = 0.05): [number, number] {
  if (!(n > 0) || !Number.isInteger(events) || events < 0 || events > n) throw new RangeError(`clopperPearson: ${events} events in ${n} trials`);
  const k = events;
  const lo = k === 0 ? 0 : betaQuantile(alpha / 2, k, n - k + 1);
  const hi = k === n ? 1 : betaQuantile(1 - alpha / 2, k + 1, n - k);
  return [lo, hi];
}

/** x with I_x(a, b) = q, by bisection (I is increasing in x). */
function betaQuantile(q: number, a: number, b: number): number {
  let lo = 0, hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (betaInc(mid, a, b) < q) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Lanczos approximation of ln Γ(x), x > 0 (g = 7, nine terms; ~1e-15 relative). */
function lnGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return dmath.log(Math.PI / dmath.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * dmath.log(2 * Math.PI) + (x + 0.5) * dmath.log(t) - t + dmath.log(s);
}

/** Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz; Numerical Recipes §6.4). */
function betaInc(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = dmath.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * dmath.log(x) + b * dmath.log(1 - x));
  // The fraction converges fast for x < (a+1)/(a+b+2); otherwise by symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300, EPS = 1e-15;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Terms needed grow like √max(a, b): a million trials takes a few thousand.
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) return h;
  }
  throw new Error(`incomplete beta: no convergence at x = ${x}, a = ${a}, b = ${b}`);
}

/** Percentiles by linear interpolation between order statistics (the R-7 / numpy default). */
export function quantiles(values: readonly number[]): MeanSummary['quantiles'] {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const x = p * (s.length - 1), i = Math.floor(x), f = x - i;
    return i + 1 < s.length ? s[i]! + f * (s[i + 1]! - s[i]!) : s[i]!;
  };
  return { min: s[0]!, p05: q(0.05), p50: q(0.5), p95: q(0.95), max: s[s.length - 1]! };
}
