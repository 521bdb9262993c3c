/**
 * Distributions of arrival gaps, job sizes and durations: the moments of many draws against the closed
 * forms, the file format (units, errors with field paths), determinism and the job budget.
 *
 * Statistical tolerance: N = 200,000 draws; the sample mean must lie within 5 standard errors (σ/√N) of
 * the true mean and the sample variance within 5 standard errors of the true variance (√((m₄ − s⁴)/N),
 * m₄ the sample's fourth central moment). A correct sampler fails that with probability below 10⁻⁶ — and
 * the draws are seeded, so the test is deterministic; a wrong formula (σ for σ², a missing −σ²/2) is off by
 * tens of standard errors.
 */
import { describe, it, expect } from 'vitest';
import { sampler } from '../../sim/workload/distribution';
import type { DistributionSpec } from '../../sim/scenario/distribution';
import { Rng } from '../../sim/kernel/rng';
import { loadModelText } from '../../sim/model/model';
import { hallYaml } from './hall';

const N = 200_000;

function moments(spec: DistributionSpec, seed = 7) {
  const draw = sampler(spec, 'constant'), rng = new Rng(seed, 'moments');
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = draw(rng);
  let m = 0; for (const x of xs) m += x; m /= N;
  let m2 = 0, m4 = 0; for (const x of xs) { const d = x - m; m2 += d * d; m4 += d ** 4; }
  m2 /= N - 1; m4 /= N;
  return { mean: m, variance: m2, seMean: Math.sqrt(m2 / N), seVar: Math.sqrt((m4 - m2 * m2) / N), min: Math.min(...xs.subarray(0, 50_000)), max: Math.max(...xs.subarray(0, 50_000)) };
}

function expectMoments(spec: DistributionSpec, mean: number, variance: number) {
  const s = moments(spec);
  expect(Math.abs(s.mean - mean), `mean ${s.mean} vs ${mean}`).toBeLessThan(5 * s.seMean);
  expect(Math.abs(s.variance - variance), `variance ${s.variance} vs ${variance}`).toBeLessThan(5 * s.seVar);
  return s;
}

/** ∫ f over [a, b] by composite Simpson with 20,000 panels (error ~1e-15 for these smooth integrands). */
function simpson(f: (x: number) => number, a: number, b: number): number {
  const n = 20_000, h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);

/** Truncated normal moments (Johnson, Kotz & Balakrishnan): Z = Φ(β) − Φ(α), mean μ + σ(φ(α) − φ(β))/Z, … */
function truncatedMoments(mu: number, sd: number, lo: number, hi: number) {
  const a = (lo - mu) / sd, b = (hi - mu) / sd, Z = simpson(phi, a, b);
  const r = (phi(a) - phi(b)) / Z;
  return { mean: mu + sd * r, variance: sd * sd * (1 + (a * phi(a) - b * phi(b)) / Z - r * r) };
}

describe('distribution moments (closed forms)', () => {
  it('uniform: (a + b)/2 and (b − a)²/12', () => {
    const s = expectMoments({ dist: 'uniform', min: 60, max: 3600 }, 1830, 3540 ** 2 / 12);
    expect(s.min).toBeGreaterThanOrEqual(60); expect(s.max).toBeLessThan(3600);
  });
  it('log-uniform: (b − a)/ln(b/a) and (b² − a²)/(2 ln(b/a)) − mean²', () => {
    const a = 60, b = 14_400, L = Math.log(b / a), mean = (b - a) / L;
    expectMoments({ dist: 'log_uniform', min: a, max: b }, mean, (b * b - a * a) / (2 * L) - mean * mean);
  });
  it('log-normal stated by its mean and sd: those are its moments', () => {
    expectMoments({ dist: 'log_normal', mean: 3600, sd: 7200 }, 3600, 7200 ** 2);
  });
  it('exponential: mean m, variance m²', () => {
    expectMoments({ dist: 'exponential', mean: 900 }, 900, 900 ** 2);
  });
  it('empirical: values 1, 2, 10 with weights 1, 1, 2 → mean 5.75, variance 18.1875', () => {
    expectMoments({ dist: 'empirical', values: [1, 2, 10], weights: [1, 1, 2] }, 5.75, 18.1875);
  });
  it('truncated normal, in each of its proposal regimes', () => {
    const cases: [number, number, number, number][] = [
      [3600, 1800, 0, 3600 + 18_000], // window holds the mean, wide: plain normal draws
      [3600, 1800, 3000, 4000],       // holds the mean, narrow: uniform proposal
      [10, 2, 15, 40],                // right tail (α from 2.5σ): exponential proposal
      [10, 2, 13, 13.5],              // thin slice of the tail: uniform proposal
      [10, 2, -20, 6],                // left tail, mirrored
    ];
    for (const [mu, sd, lo, hi] of cases) {
      const t = truncatedMoments(mu, sd, lo, hi);
      const s = expectMoments({ dist: 'normal', mean: mu, sd, min: lo, max: hi }, t.mean, t.variance);
      expect(s.min).toBeGreaterThanOrEqual(lo); expect(s.max).toBeLessThanOrEqual(hi);
    }
  });
});

const arrivals = (stream: string) => hallYaml(16, `arrivals:\n${stream.replace(/^/gm, '  ')}`);

function load(text: string) {
  const r = loadModelText(text, 'w.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}
const jobsOf = (text: string, seed?: number) => {
  const r = loadModelText(text, 'w.yaml', { seed });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model.workload!.jobs.map((j) => [j.id, j.gpus, j.arrival, j.work]);
};

describe('arrival streams with distributions', () => {
  const stream = `- id: ft
  kind: batch
  every: { dist: log_normal, mean: 10 min, sd: 20 min }
  gpus: { dist: log_uniform, min: 8, max: 512 }
  gpus_multiple: 8
  duration: { dist: normal, mean: 2 h, sd: 1 h, min: 10 min }`;

  it('units convert at the edge and drawn sizes are whole multiples of gpus_multiple within the hall', () => {
    const m = load(arrivals(stream));
    const jobs = m.workload!.jobs;
    expect(jobs.length).toBeGreaterThan(200); // 48 h / 10 min ≈ 288
    for (const j of jobs) {
      expect(j.gpus % 8).toBe(0);
      expect(j.gpus).toBeGreaterThanOrEqual(8); expect(j.gpus).toBeLessThanOrEqual(512);
      expect(j.work).toBeGreaterThanOrEqual(600);
    }
  });

  it('same seed → the same jobs; another seed → others; a second stream does not move the first one\'s draws', () => {
    const a = jobsOf(arrivals(stream)), b = jobsOf(arrivals(stream));
    expect(a).toEqual(b);
    expect(jobsOf(arrivals(stream), 99)).not.toEqual(a);
    const two = jobsOf(arrivals(`${stream}\n- { id: other, kind: training, every: 1 h, gpus: 72, duration: 5 h }`));
    expect(two.filter((j) => String(j[0]).startsWith('ft-'))).toEqual(a);
  });

  it('a plain every/duration keeps its meaning (exponential means) and its draws', () => {
    const plain = jobsOf(arrivals('- { id: p, kind: batch, every: 2 h, gpus: 144, duration: 3 h }'));
    const rng = new Rng(1, 'arrivals:p');
    const first = [rng.exponential(7200), rng.exponential(10800)];
    expect(plain[0]).toEqual(['p-1', 144, first[0], first[1]]);
  });

  it('errors name the field: bad bounds, an unknown distribution, a size beyond the hall', () => {
    const r = loadModelText(arrivals(`- id: x
  kind: batch
  every: { dist: uniform, min: 2 h, max: 1 h }
  gpus: { dist: gamma, shape: 2 }
  duration: 1 h`), 'w.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ path: 'workload.arrivals[0].every.max', message: 'expected max above min (7200), found 3600 (SI)' });
    expect(r.errors.map((e) => e.path)).toContain('workload.arrivals[0].gpus.dist');
    const big = loadModelText(arrivals('- { id: x, kind: batch, every: 1 h, gpus: { dist: uniform, min: 8, max: 5000 }, duration: 1 h }'), 'w.yaml');
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors).toEqual([{ path: 'workload.arrivals[0].gpus', message: 'expected draws of at most the hall\'s 1152 GPUs, found a largest value of 5000' }]);
  });

  it('the job budget: a stream asking for millions of jobs is refused, naming it, after at most the budget\'s draws', () => {
    const r = loadModelText(arrivals('- { id: flood, kind: batch, every: 1 ms, gpus: 1, duration: 1 s }').replace('duration: 48 h', 'duration: 3650 days'), 'w.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.path).toBe('workload.arrivals[0].every');
      expect(r.errors[0]!.message).toMatch(/more than 250,000 jobs/);
    }
  });
});
