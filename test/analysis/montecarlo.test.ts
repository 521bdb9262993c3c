/**
 * Monte Carlo availability against closed forms and its own promises.
 *
 * Known answer: one rack, nothing redundant, failing with exponential times (λ = 1/MTBF) and repaired
 * with exponential times (μ = 1/MTTR). Its IT power is constant while up and zero while down, so a
 * replicate's IT availability (served / demanded energy) is the fraction of the replicate it was up. For a
 * two-state Markov unit that starts up, the expected up fraction over [0, T] is
 *   A(T) = μ/(λ+μ) + λ/((λ+μ)²T) · (1 − e^{−(λ+μ)T}),
 * slightly above the long-run MTBF/(MTBF+MTTR). With MTBF 100 h, MTTR 10 h, T = 2,000 h:
 * A = 0.909091 + 0.000413 = 0.909504. The study's 95 % interval must contain it, and shrink as 1/√N.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText } from '../../sim/api';
import { monteCarlo, studyKey, runReplicate, runReplicates, shardRange, mergePartials, replicateSeed, type MonteCarloPartial } from '../../sim/analysis/montecarlo';
import type { Scenario } from '../../sim/scenario/schema';
import { dmath } from '../../sim/kernel/math';

const parse = (text: string): Scenario => {
  const r = loadText(text, 'mc.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

const oneRack = (mttr = '10 h', extra = '', mtbf = '100 h') => parse(`version: 1
name: one rack, no redundancy
seed: 5
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 0.5 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 1 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
reliability:
  - { target: rack, mtbf: ${mtbf}, mttr: ${mttr} }
${extra}`);

const H = 3600, T = 2000 * H;
const lam = 1 / 100, mu = 1 / 10, Th = 2000;
const expected = mu / (lam + mu) + (lam / ((lam + mu) ** 2 * Th)) * (1 - dmath.exp(-(lam + mu) * Th));

describe('a single unit with known MTBF/MTTR, no redundancy', () => {
  const big = monteCarlo([oneRack()], { years: 200, until: T });
  const small = monteCarlo([oneRack()], { years: 50, until: T });
  const m = big.designs[0]!.metrics;

  it('the 95 % interval of IT availability contains the closed form A(T) = 0.909504', () => {
    expect(expected).toBeCloseTo(0.909504, 6);
    const ci = m.it_availability.ci95!;
    expect(ci[0]).toBeLessThan(expected);
    expect(ci[1]).toBeGreaterThan(expected);
    // And it is a real interval, not a wide one that would contain anything: about ±0.004.
    expect(ci[1] - ci[0]).toBeLessThan(0.012);
    expect(m.it_availability.n).toBe(200);
  });

  it('the interval shrinks as 1/√N: 4× the replicates, half the width (±25 %: the spread is itself estimated)', () => {
    const w = (r: typeof big) => r.designs[0]!.metrics.it_availability.ci95![1] - r.designs[0]!.metrics.it_availability.ci95![0];
    expect(w(small) / w(big)).toBeGreaterThan(2 * 0.75);
    expect(w(small) / w(big)).toBeLessThan(2 * 1.25);
  });

  it('GPU-hours lost (rack state, step by step) agree with the energy not served: 8 GPUs × T × (1 − A) per replicate', () => {
    // Two totals kept apart in the engine (IT energy; GPU-seconds of racks down) tell the same story.
    expect(m.gpu_hours_lost.mean).toBeCloseTo(8 * Th * (1 - m.it_availability.mean), 6);
    // The rack was down whenever a rack was down: hours with a rack down = T × (1 − A).
    expect(m.rack_down_hours.mean).toBeCloseTo(Th * (1 - m.it_availability.mean), 6);
    // Failures per replicate: the renewal rate 1/(MTBF + MTTR) over T is ~18.2 (the first starts up).
    expect(m.failures.ci95![0]).toBeLessThan(Th / 110 + 0.5);
    expect(m.failures.ci95![1]).toBeGreaterThan(Th / 110 - 0.5);
    // The rack is down in every replicate (18 failures expected): P = 1, Wilson's lower bound near 0.98.
    expect(m.p_rack_down.events).toBe(200);
    expect(m.p_rack_down.ci95[1]).toBe(1);
    expect(m.p_rack_trip.events).toBe(0); // a failure is not a thermal trip
  });
});

describe('replicates are functions of their index', () => {
  const s = oneRack();
  const key = studyKey([s], { years: 12, until: 200 * H });

  it('a replicate does not depend on what ran before it, nor on the thread or shard', () => {
    const all = runReplicates([s], key, 0, 12);
    expect(runReplicates([s], key, 7, 8)[0]).toEqual(all[7]);
    expect(runReplicate(s, key, 3)).toEqual(all[3]![0]);
    expect(replicateSeed(key.seed, 3)).not.toBe(replicateSeed(key.seed, 4));
  });

  it('merging shards gives exactly the single-run result (any split, parts in any order)', () => {
    const single = monteCarlo([s], { years: 12, until: 200 * H });
    const ref = [runReplicate(s, key, null)];
    for (const n of [1, 3, 5, 12]) {
      const parts: { name: string; partial: MonteCarloPartial }[] = [];
      for (let i = n - 1; i >= 0; i--) {
        const [a, b] = shardRange(12, i, n);
        const out = runReplicates([s], key, a, b);
        parts.push({ name: `part-${i}`, partial: JSON.parse(JSON.stringify({ format: 'dctwin-montecarlo-partial', version: 1, study: key, shard: { index: i, count: n }, reference: ref, replicates: out.map((o, k) => ({ index: a + k, outcomes: o })) })) });
      }
      expect(JSON.stringify(mergePartials(parts))).toBe(JSON.stringify(single));
    }
  });

  it('shards cover every replicate once, sizes differing by at most one', () => {
    for (const [N, n] of [[1000, 7], [5, 8], [12, 12]] as const) {
      const seen: number[] = [];
      for (let i = 0; i < n; i++) { const [a, b] = shardRange(N, i, n); for (let k = a; k < b; k++) seen.push(k); }
      expect(seen).toEqual([...Array(N).keys()]);
    }
  });

  it('a merge refuses a missing shard, a shard given twice, and parts of another study', () => {
    const ref = [runReplicate(s, key, null)];
    const part = (i: number, n: number, k = key): { name: string; partial: MonteCarloPartial } => {
      const [a, b] = shardRange(12, i, n);
      return { name: `p${i}`, partial: { format: 'dctwin-montecarlo-partial', version: 1, study: k, shard: { index: i, count: n }, reference: ref, replicates: runReplicates([s], k, a, b).map((o, j) => ({ index: a + j, outcomes: o })) } };
    };
    expect(() => mergePartials([part(0, 2)])).toThrow(/replicates missing \(6, 7, 8, 9, 10/);
    expect(() => mergePartials([part(0, 2), part(0, 2), part(1, 2)])).toThrow(/p0: replicate 0 is also in another part/);
    expect(() => mergePartials([part(0, 2), part(1, 2, { ...key, seed: key.seed + 1 })])).toThrow(/p1: belongs to another study/);
    const damaged = part(1, 2);
    (damaged.partial.replicates[0]!.outcomes[0] as { it_j: unknown }).it_j = null;
    expect(() => mergePartials([part(0, 2), damaged])).toThrow(/p1: replicate 6 is not a complete outcome/);
  });
});

describe('paired designs', () => {
  it('a design against itself: every difference exactly 0', () => {
    const r = monteCarlo([oneRack(), oneRack()], { years: 10, until: 500 * H });
    for (const d of Object.values(r.difference!)) { expect(d.mean).toBe(0); expect(d.ci95).toEqual([0, 0]); }
  });

  it('the same failure streams make the difference sharper than two independent studies would', () => {
    // B repairs in 20 h instead of 10: same unit id, same stream, so the same failures, longer repairs.
    const r = monteCarlo([oneRack('10 h'), oneRack('20 h')], { years: 60, until: T });
    const [a, b] = [r.designs[0]!.metrics.it_availability, r.designs[1]!.metrics.it_availability];
    const d = r.difference!['it_availability']!;
    // Closed form, long run: 100/110 − 100/120 = 0.0758 lower for B.
    expect(d.ci95![0]).toBeLessThan(-(100 / 110 - 100 / 120) + 0.002);
    expect(d.ci95![1]).toBeGreaterThan(-(100 / 110 - 100 / 120) - 0.002);
    const unpaired = Math.sqrt(a.sd! ** 2 / 60 + b.sd! ** 2 / 60);
    expect(d.sd! / Math.sqrt(60)).toBeLessThan(0.6 * unpaired);
  });

  it('refuses a design with nothing failing at random', () => {
    const s = parse(readFileSync(new URL('../../models/dlc-hall.yaml', import.meta.url), 'utf8'));
    expect(() => monteCarlo([s], { years: 2 })).toThrow(/reliability: nothing fails at random/);
  });
});

describe('the bootstrap interval of a rare-failure study', () => {
  // A rack failing once in 1,000 h on average, replicates of 200 h: most replicates never fail, so the
  // availability is 1 in most and the normal interval passes 1. The bootstrap replaces it, inside [0, 1],
  // computed on the merged replicate values: shards merge to exactly the single run's bits.
  const s = oneRack('20 h', '', '1000 h');
  const opts = { years: 16, until: 200 * H };
  const single = monteCarlo([s], opts);
  const a = single.designs[0]!.metrics.it_availability;

  it('uses the bootstrap where the normal interval passes 1, and stays inside [0, 1]', () => {
    const normalHi = a.mean + (1.959963984540054 * a.sd!) / Math.sqrt(a.n);
    expect(a.quantiles.max).toBe(1);
    expect(a.quantiles.min).toBeLessThan(1);
    expect(normalHi).toBeGreaterThan(1);
    expect(a.interval).toBe('bootstrap');
    expect(a.ci95![0]).toBeGreaterThanOrEqual(0);
    expect(a.ci95![1]).toBeLessThanOrEqual(1);
    expect(a.ci95![0]).toBeLessThan(a.mean);
    // The probability of a rack down has its Clopper–Pearson interval beside Wilson's.
    const p = single.designs[0]!.metrics.p_rack_down;
    expect(p.ci95_exact[0]).toBeLessThanOrEqual(p.ci95[0]);
    expect(p.ci95_exact[1]).toBeGreaterThanOrEqual(p.ci95[1]);
  });

  it('merged shards give the single run bit for bit, bootstrap included', () => {
    const key = studyKey([s], opts);
    const ref = [runReplicate(s, key, null)];
    const parts = [0, 1, 2].map((i) => {
      const [from, to] = shardRange(16, i, 3);
      const out = runReplicates([s], key, from, to);
      return { name: `part-${i}`, partial: JSON.parse(JSON.stringify({ format: 'dctwin-montecarlo-partial', version: 1, study: key, shard: { index: i, count: 3 }, reference: ref, replicates: out.map((o, k) => ({ index: from + k, outcomes: o })) })) as MonteCarloPartial };
    });
    expect(JSON.stringify(mergePartials(parts.reverse()))).toBe(JSON.stringify(single));
  });
});
