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
 * Sums run in the order of the values given: the caller passes replicates in index order, so a study
 * split over threads or machines gives the same bits.
 */

/** Two-sided 95 % standard normal quantile, Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

export interface MeanSummary {
  /** Replicates behind the numbers. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1); null with one replicate. */
  sd: number | null;
  /** 95 % normal interval of the mean; null with one replicate. */
  ci95: [number, number] | null;
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
}

export function meanSummary(values: readonly number[]): MeanSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('meanSummary: no values');
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : null;
  const half = sd === null ? null : (Z95 * sd) / Math.sqrt(n);
  return { n, mean, sd, ci95: half === null ? null : [mean - half, mean + half], quantiles: quantiles(values) };
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
  return { n, events, p: events / n, ci95: wilson(events, n) };
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
