import { describe, it, expect } from 'vitest';
import { Rng } from '../../sim/kernel/rng';

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

describe('Rng xoshiro128**', () => {
  it('matches a C transcription of the reference xoshiro128starstar.c with the same seeding', () => {
    // Expected words from /* xoshiro128** 1.1 */ next() in C (uint32_t arithmetic),
    // seeded with the same FNV-1a + splitmix32 expansion as rng.ts: words 2 … 6 (the generator
    // discards the first, which depends on the stream's hash alone).
    expect(draws(new Rng(1), 5)).toEqual([1322763370, 597430034, 2300084431, 153069246, 2777990197]);
    expect(draws(new Rng(42, 'jobs'), 5)).toEqual([
      3857547008, 4259837565, 602876185, 1978662451, 2554035537,
    ]);
    expect(draws(new Rng(-7, 'failures'), 5)).toEqual([
      3876882006, 2716268076, 672731854, 2365148767, 2372681814,
    ]);
    expect(draws(new Rng(123456789012, 'arrivals'), 5)).toEqual([
      4236781926, 490770090, 1053567546, 4140871314, 2722404160,
    ]);
  });

  it('repeats exactly for the same seed and differs for another', () => {
    expect(draws(new Rng(7), 1000)).toEqual(draws(new Rng(7), 1000));
    expect(draws(new Rng(7), 10)).not.toEqual(draws(new Rng(8), 10));
    // Every draw, the first included, depends on every bit of the seed: seeds 0 … 999 of one stream
    // give 1,000 different first words (a first word of the hash alone gave one).
    expect(new Set(Array.from({ length: 1000 }, (_, s) => new Rng(s, 'reliability:cdu-A').nextUint32())).size).toBe(1000);
    // Seeds that differ only above bit 32 still give different streams.
    expect(draws(new Rng(5), 10)).not.toEqual(draws(new Rng(5 + 2 ** 32), 10));
  });

  it('rejects seeds that are not safe integers', () => {
    for (const seed of [NaN, 1.5, Infinity, 2 ** 53]) expect(() => new Rng(seed)).toThrow(RangeError);
  });
});

describe('Rng named streams', () => {
  it('Rng.stream(seed, name) is the same generator as new Rng(seed, name)', () => {
    expect(draws(Rng.stream(3, 'jobs'), 20)).toEqual(draws(new Rng(3, 'jobs'), 20));
  });

  it('drawing on one stream does not shift another', () => {
    const quiet = Rng.stream(11, 'jobs');
    const expected = Array.from({ length: 100 }, () => quiet.next());

    const jobs = Rng.stream(11, 'jobs');
    const failures = Rng.stream(11, 'failures');
    const interleaved: number[] = [];
    for (let i = 0; i < 100; i++) {
      for (let j = 0; j < i % 7; j++) failures.exponential(3);
      interleaved.push(jobs.next());
    }
    expect(interleaved).toEqual(expected);
  });

  it('gives distinct, uncorrelated sequences for distinct names', () => {
    const n = 100_000;
    const a = Rng.stream(11, 'jobs');
    const b = Rng.stream(11, 'failures');
    let sa = 0;
    let sb = 0;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.next();
      const y = b.next();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const corr = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    // Independent streams: corr ~ N(0, 1/n), sd 0.0032; 0.02 is > 6 sd.
    expect(Math.abs(corr)).toBeLessThan(0.02);
  });
});

describe('Rng distributions (fixed seeds, so these statistical checks are deterministic)', () => {
  it('next() stays in [0, 1) and uniform(a, b) in [a, b)', () => {
    const rng = new Rng(1);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.next();
      const x = rng.uniform(-3, 5);
      if (!(u >= 0 && u < 1) || !(x >= -3 && x < 5)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('passes a chi-square uniformity check: 100 bins, 1e5 draws, chi2 < 148.2 (p = 0.001, 99 dof)', () => {
    const rng = new Rng(99, 'chi2');
    const bins = new Array<number>(100).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) bins[Math.floor(rng.next() * 100)]!++;
    const expected = n / 100;
    const chi2 = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(148.2);
    // Too-good fits are as suspicious as bad ones: chi2 > 66.5 is the p = 0.001 lower tail.
    expect(chi2).toBeGreaterThan(66.5);
  });

  it('exponential(mean): sample mean of 1e6 draws within 1% (the standard error is 0.1%, so 10 sd)', () => {
    const rng = new Rng(5, 'exp');
    const mean = 2.5;
    let sum = 0;
    let sumSq = 0;
    let min = Infinity;
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(mean);
      min = Math.min(min, x);
      sum += x;
      sumSq += x * x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(Math.abs(sum / n - mean) / mean).toBeLessThan(0.01);
    // Variance mean^2, with sampling error ~0.45% of it: 3% is a loose sanity bound.
    const variance = sumSq / n - (sum / n) ** 2;
    expect(Math.abs(variance - mean * mean) / (mean * mean)).toBeLessThan(0.03);
  });

  it('normal(mean, sd): 1e6 draws, mean within 0.01 sd-units and sd within 1%', () => {
    const rng = new Rng(6, 'normal');
    const n = 1_000_000;
    let sum = 0;
    let sumSq = 0;
    let within1sd = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal(10, 2);
      sum += x;
      sumSq += x * x;
      if (Math.abs(x - 10) < 2) within1sd++;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    // Standard errors: mean 0.002, sd 0.0014, fraction 0.0005.
    expect(Math.abs(mean - 10)).toBeLessThan(0.02);
    expect(Math.abs(sd - 2) / 2).toBeLessThan(0.01);
    expect(Math.abs(within1sd / n - 0.6827)).toBeLessThan(0.003);
  });

  it('normal() always consumes exactly two draws (no cached spare)', () => {
    const a = new Rng(8);
    const b = new Rng(8);
    a.normal(0, 1);
    b.next();
    b.next();
    expect(a.next()).toBe(b.next());
  });

  it('int(n) covers [0, n) evenly and validates n', () => {
    const rng = new Rng(12, 'int');
    const counts = new Array<number>(10).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[rng.int(10)]!++;
    const chi2 = counts.reduce((sum, c) => sum + (c - n / 10) ** 2 / (n / 10), 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001, 9 dof
    expect(rng.int(1)).toBe(0);
    const big = rng.int(2 ** 32);
    expect(Number.isInteger(big) && big >= 0 && big < 2 ** 32).toBe(true);
    for (const bad of [0, -1, 2.5, 2 ** 32 + 1, NaN]) expect(() => rng.int(bad)).toThrow(RangeError);
  });
});
