/** Confidence intervals against values worked by hand. */
import { describe, it, expect } from 'vitest';
import { wilson, clopperPearson, bootstrapMean, meanSummary, proportionSummary, quantiles, Z95 } from '../../sim/analysis/stats';
import { Rng } from '../../sim/kernel/rng';

describe('Wilson score interval', () => {
  it('3 events in 100 trials: [0.01026, 0.08452] (z = 1.96)', () => {
    // By hand: p = 0.03, z² = 3.8415; centre = (0.03 + 3.8415/200)/(1 + 3.8415/100) = 0.049207/1.038415
    // = 0.047387; half = (1.96/1.038415)·√(0.03·0.97/100 + 3.8415/40000) = 1.887456·√0.000387037
    // = 1.887456·0.019673 = 0.037133 → [0.010254, 0.084520].
    const [lo, hi] = wilson(3, 100);
    expect(lo).toBeCloseTo(0.010254, 5);
    expect(hi).toBeCloseTo(0.08452, 5);
  });

  it('no events in 20 trials: [0, z²/(n + z²)] = [0, 0.16113]; all events: [1 − that, 1]', () => {
    const z2 = Z95 * Z95;
    expect(wilson(0, 20)).toEqual([0, expect.closeTo(z2 / (20 + z2), 12)]);
    expect(wilson(0, 20)[1]).toBeCloseTo(0.16113, 5);
    const [lo, hi] = wilson(20, 20);
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(1 - 0.16113, 5);
  });

  it('refuses impossible counts', () => {
    expect(() => wilson(5, 3)).toThrow(RangeError);
    expect(() => wilson(0, 0)).toThrow(RangeError);
  });

  it('proportionSummary counts the events', () => {
    expect(proportionSummary([true, false, false, true])).toEqual({ n: 4, events: 2, p: 0.5, ci95: wilson(2, 4), ci95_exact: clopperPearson(2, 4) });
  });
});

describe('mean with its normal interval', () => {
  it('1, 2, 3, 4, 5: mean 3, s = √2.5, half-width 1.96·√2.5/√5 = 1.38590', () => {
    const m = meanSummary([5, 1, 4, 2, 3]);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(m.ci95![1] - 3).toBeCloseTo(1.385904, 6);
    expect(m.quantiles).toEqual({ min: 1, p05: 1.2, p50: 3, p95: 4.8, max: 5 });
  });

  it('one value: no spread, no interval', () => {
    expect(meanSummary([7])).toMatchObject({ n: 1, mean: 7, sd: null, ci95: null });
  });

  it('percentiles interpolate between order statistics', () => {
    expect(quantiles([0, 10])).toEqual({ min: 0, p05: 0.5, p50: 5, p95: 9.5, max: 10 });
  });
});

describe('Clopper–Pearson interval', () => {
  it('0 of 20: [0, 1 − 0.025^(1/20)] = [0, 0.16843]; 20 of 20: [0.025^(1/20), 1]', () => {
    // At k = 0 the upper bound solves (1 − p)^n = α/2 in closed form.
    expect(clopperPearson(0, 20)).toEqual([0, expect.closeTo(1 - 0.025 ** (1 / 20), 10)]);
    expect(clopperPearson(20, 20)).toEqual([expect.closeTo(0.025 ** (1 / 20), 10), 1]);
  });
  it('1 of 10: [0.00253, 0.44502]; 5 of 10: [0.18709, 0.81291] (the published table values)', () => {
    // Lower bound at k = 1 in closed form: 1 − (1 − α/2)^(1/n) = 1 − 0.975^(1/10) = 0.0025286.
    const [a, b] = clopperPearson(1, 10);
    expect(a).toBeCloseTo(1 - 0.975 ** 0.1, 9);
    expect(b).toBeCloseTo(0.445016, 5);
    const [c, d] = clopperPearson(5, 10);
    expect(c).toBeCloseTo(0.187086, 5);
    expect(d).toBeCloseTo(0.812914, 5);
  });
  it('is wider than Wilson (it never covers less than 95 %), and works for a million trials', () => {
    const cp = clopperPearson(3, 100), w = wilson(3, 100);
    expect(cp[0]).toBeLessThan(w[0]);
    expect(cp[1]).toBeGreaterThan(w[1]);
    const big = clopperPearson(500_000, 1_000_000);
    expect(big[0]).toBeCloseTo(0.5 - Z95 * 0.0005, 5); // normal limit: p ± z·√(p(1−p)/n)
    expect(big[1]).toBeCloseTo(0.5 + Z95 * 0.0005, 5);
  });
});

describe('bootstrap interval for bounded means', () => {
  /**
   * The case: a year's availability is 1 − D, with D = 0 (no downtime) with probability 0.7 and
   * D ~ U(0, 0.01) otherwise: mean 1 − 0.3·0.005 = 0.9985, skewed with a wall at 1. Studies of 30
   * replicates; over 400 studies (drawn from a seeded stream), the share whose interval holds the true
   * mean estimates the coverage to ±0.011 (one binomial s.e. at 95 %). The percentile bootstrap slightly
   * under-covers at n = 30 (Efron & Tibshirani ch. 13), so the band asserted is [0.89, 0.98]; and no
   * interval may pass 1, where the normal one does in many of these studies.
   */
  const TRUE = 1 - 0.3 * 0.005;
  const draw = new Rng(2024, 'coverage-case');
  const studies = Array.from({ length: 400 }, () => Array.from({ length: 30 }, () => (draw.next() < 0.3 ? 1 - draw.uniform(0, 0.01) : 1)));
  const summaries = studies.map((v, i) => meanSummary(v, { range: [0, 1], seed: 7, stream: `study:${i}` }));

  it('covers the true mean about 95 % of the time, and never reaches past 1', () => {
    let covered = 0, boot = 0;
    for (const m of summaries) {
      const [lo, hi] = m.ci95!;
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      if (lo <= TRUE && TRUE <= hi) covered++;
      if (m.interval === 'bootstrap') boot++;
    }
    expect(covered / summaries.length).toBeGreaterThanOrEqual(0.89);
    expect(covered / summaries.length).toBeLessThanOrEqual(0.98);
    expect(boot).toBeGreaterThan(0); // the normal interval passed 1 in some studies: those switched
  });

  it('is used only where the normal interval leaves the range, and says so', () => {
    for (const [i, v] of studies.entries()) {
      const normal = meanSummary(v);
      expect(normal.interval).toBe('normal');
      const inside = normal.ci95![1] <= 1;
      expect(summaries[i]!.interval).toBe(inside ? 'normal' : 'bootstrap');
      if (inside) expect(summaries[i]!.ci95).toEqual(normal.ci95);
    }
  });

  it('is the same bits for the same values and stream, and depends on the stream', () => {
    const v = studies[0]!;
    const a = bootstrapMean(v, new Rng(7, 's'), 2000), b = bootstrapMean(v, new Rng(7, 's'), 2000);
    expect(a).toEqual(b);
    expect(bootstrapMean(v, new Rng(7, 't'), 2000)).not.toEqual(a);
  });

  it('one replicate below 1 in 20: the upper bound is 1 exactly, the lower from the resamples with ≥ 3 of it', () => {
    // 19 ones and one 0.99: a resample's mean is 1 − k·0.01/20 with k ~ Bin(20, 1/20); P(k = 0) = 0.358
    // puts the 97.5th percentile at 1; P(k ≥ 3) = 0.0755 and P(k ≥ 4) = 0.0159 put the 2.5th at k = 3.
    const v = [...Array(19).fill(1), 0.99];
    const m = meanSummary(v, { range: [0, 1], seed: 1, stream: 'one-bad' });
    expect(m.interval).toBe('bootstrap');
    expect(m.ci95![1]).toBe(1);
    expect(m.ci95![0]).toBeCloseTo(1 - (3 * 0.01) / 20, 10);
  });
});
