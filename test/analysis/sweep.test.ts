/**
 * The N-1 sweep against hand counts and a closed form. dlc-hall has 4 row CDUs of 2 pumps (N+1, one
 * needed), 3 chillers, 3 CRAHs and 3 dry coolers: 21 infrastructure units. Failing a CDU stops its row's
 * coolant: the 8 racks heat at lf·P/C and throttle after (T_throttle − T0)·C/(lf·P), then trip; a pump
 * of an N+1 set, one chiller of three, one CRAH or one dry cooler changes nothing at 12:00 on the design day.
 * Its four rows are identical, so the 21 cases need 5 runs: one per class.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText } from '../../sim/api';
import { sweep, planSweep, type SweepResult } from '../../sim/analysis/sweep';
import type { Scenario } from '../../sim/scenario/schema';
import { PG25, FLOW_PER_W } from '../physics/util';

const load = (m: string) => {
  const r = loadText(readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8'), `${m}.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

describe('dctwin sweep on dlc-hall (failures at 12:00, repaired after 10 min, 2 h after)', () => {
  const res = sweep(load('dlc-hall'), { at: 12 * 3600, repair: 600, until: 14 * 3600 });
  const count = (kind: string) => res.cases.filter((c) => c.kind === kind).length;

  it('fails every infrastructure unit once: 4 CDUs, 8 pumps, 3 chillers, 3 CRAHs, 3 dry coolers', () => {
    expect(res.cases).toHaveLength(21);
    expect([count('cdu'), count('pump'), count('chiller'), count('crah'), count('free_cooling')]).toEqual([4, 8, 3, 3, 3]);
    expect(new Set(res.cases.map((c) => c.failed)).size).toBe(21);
    expect(res.baseline.racks_tripped).toBe(0); // the healthy design (the drill's own events left out)
  });

  it('runs each class once — the four rows are identical, so are their CDUs, their pumps, the CRAHs and dry coolers — and each chiller: they stage in file order (lead, lag, stand-by)', () => {
    expect(res.runs).toBe(7);
    const ran = res.cases.filter((c) => c.represented_by === null);
    expect(ran.map((c) => c.kind).sort()).toEqual(['cdu', 'chiller', 'chiller', 'chiller', 'crah', 'free_cooling', 'pump']);
    for (const c of res.cases) if (c.represented_by !== null) expect(res.cases.find((d) => d.failed === c.represented_by)!.kind).toBe(c.kind);
  });

  it('ranks the CDUs first: their 8 racks throttle at the closed-form time, then trip, and restart by the end', () => {
    // load(12 h) = 0.8 + 0.15·sin(π) = 0.8 → P = 33 + 99·0.8 = 112.2 kW; C = 30 L·ρcp + 60 kJ/K;
    // T0 = 30 + lf·P/(ṁcp) with ṁcp = 1.5 L/min/kW · 132 kW · ρcp.
    const P = 33e3 + 99e3 * 0.8, C = 0.03 * PG25.rho * PG25.cp + 60e3, mcp = FLOW_PER_W * 132e3 * PG25.rho * PG25.cp;
    const T0 = 30 + (0.85 * P) / mcp;
    const toThrottle = ((50 - T0) * C) / (0.85 * P);
    for (const c of res.cases.slice(0, 4)) {
      expect(c.kind).toBe('cdu');
      expect(c.racks_throttled).toBe(8);
      expect(c.racks_tripped).toBe(8);
      expect(c.first_limit).toBe('rack_throttle');
      expect(Math.abs(c.time_to_first_limit_s! - toThrottle)).toBeLessThan(0.05);
      expect(c.recovered).toBe(true); // restarted 30 min (restart_after) after the CDU's repair, inside the 2 h watched
      expect(c.worst.rack_coolant_c).toBeCloseTo(60, 3);
    }
  });

  it('every redundant unit rides through: nothing throttles, trips or crosses a limit', () => {
    for (const c of res.cases.slice(4)) {
      expect(c.racks_throttled + c.racks_tripped, c.failed).toBe(0);
      expect(c.time_to_first_limit_s, c.failed).toBeNull();
      expect(c.recovered, c.failed).toBe(true);
    }
  });
});

describe('dctwin sweep with a power chain', () => {
  it('also fails utilities, generators, UPS modules and distribution elements', () => {
    const res = sweep(load('utility-loss-pumps-off-ups'), { at: 3600, until: 7200 });
    const kinds = new Set(res.cases.map((c) => c.kind));
    for (const k of ['utility', 'generator', 'bus', 'ups', 'ups_module', 'distribution', 'feed', 'cdu', 'pump']) expect(kinds.has(k), k).toBe(true);
    // Severity order: tripped, then without power, then throttled, never increasing down the list.
    const rank = (c: SweepResult['cases'][number]) => [c.racks_tripped, c.racks_lost_power, c.racks_throttled];
    for (let i = 1; i < res.cases.length; i++) {
      const [a, b] = [rank(res.cases[i - 1]!), rank(res.cases[i]!)];
      const k = a.findIndex((x, j) => x !== b[j]);
      expect(k < 0 || a[k]! > b[k]!).toBe(true);
    }
  });

  it('2N (pumps on UPS): a feed path, a busway, a whole UPS or a bus lost: the other side carries, no rack goes down', () => {
    // 6 feeds, each A and B: 12 feed paths; a failed path or element moves its loads to the other cord.
    const res = sweep(load('utility-loss-pumps-on-ups'), { at: 3600, until: 7200 });
    const feeds = res.cases.filter((c) => c.kind === 'feed');
    expect(feeds.map((c) => c.failed).sort()).toEqual(['chiller_controls', 'chillers', 'cdus', 'crahs', 'row-A', 'row-B'].flatMap((l) => [`feed-${l}.a`, `feed-${l}.b`]).sort());
    for (const c of res.cases.filter((x) => ['feed', 'ups', 'bus', 'distribution', 'ups_module', 'utility', 'generator'].includes(x.kind)))
      expect([c.racks_tripped, c.racks_lost_power, c.racks_throttled], c.failed).toEqual([0, 0, 0]);
    expect(res.cases.filter((c) => c.kind === 'ups')).toHaveLength(2);
  });

  it('a UPS without a partner: failing it takes down the racks it feeds (8), its twin shares the run', () => {
    const s = load('utility-loss-pumps-on-ups');
    const single: Scenario = { ...s, power: { ...s.power!, feeds: [
      { loads: ['row-A'], a: 'busway-A1' }, { loads: ['row-B'], a: 'busway-B2' },
      { loads: ['cdus', 'crahs'], a: 'ups-A', b: 'ups-B' }, { loads: ['chillers', 'chiller_controls'], a: 'mcc-A', b: 'mcc-B' },
    ] } };
    const res = sweep(single, { at: 3600, until: 5400 });
    const ups = res.cases.filter((c) => c.kind === 'ups');
    expect(ups.map((c) => c.racks_lost_power)).toEqual([8, 8]);
    expect(ups.map((c) => c.recovered)).toEqual([false, false]);
    expect(ups.filter((c) => c.represented_by !== null)).toHaveLength(1);
    expect(res.cases.find((c) => c.failed === 'feed-row-A.a')!.racks_lost_power).toBe(8);
  });
});

describe('interchangeable units share a run, and only they', () => {
  const strip = (r: SweepResult) => r.cases.map((c) => ({ ...c, represented_by: null }));

  it('gives the same cases, exactly, as running every unit on its own (dlc-hall, 2N pumps-on-UPS hall)', () => {
    // Exact, not within a tolerance: a shared run differs from its own only by the order of sums over
    // components, and these halls do not reach a case where that moves a reported digit.
    for (const [m, at, until] of [['dlc-hall', 12 * 3600, 13 * 3600], ['utility-loss-pumps-on-ups', 3600, 7200]] as const) {
      const grouped = sweep(load(m), { at, until, repair: 600 });
      const alone = sweep(load(m), { at, until, repair: 600, group: false });
      expect(grouped.runs, m).toBeLessThan(alone.runs);
      expect(alone.runs).toBe(alone.cases.length);
      expect(strip(grouped), m).toEqual(strip(alone));
    }
  });

  it('a row that differs (7 racks, not 8) keeps its CDU and pumps apart', () => {
    const s = load('dlc-hall');
    const rows = s.hall.rows!.map((r) => (r.id === 'row-D' ? { ...r, count: 7 } : r));
    const plan = planSweep({ ...s, hall: { ...s.hall, rows } }, {});
    const runOf = (id: string) => plan.cases.find((c) => c.failed === id)!.run;
    expect(runOf('cdu-A')).toBe(runOf('cdu-C'));
    expect(runOf('cdu-D')).not.toBe(runOf('cdu-A'));
    expect(runOf('cdu-D.pump1')).not.toBe(runOf('cdu-A.pump1'));
    expect(runOf('cdu-D.pump1')).toBe(runOf('cdu-D.pump2'));
  });

  it('jobs that arrive over time (first-fit placement may then depend on rack order): no row stands for another', () => {
    const s = load('dlc-hall');
    const plan = planSweep({ ...s, workload: { arrivals: [{ id: 'ft', kind: 'batch', every: 7200, gpus: 144, duration: 10800 }] } }, {});
    const cdus = new Set(plan.cases.filter((c) => c.kind === 'cdu').map((c) => c.run));
    expect(cdus.size).toBe(4);
    // Still one run for the two pumps of a CDU: the same action on the same unit.
    expect(plan.cases.find((c) => c.failed === 'cdu-B.pump1')!.run).toBe(plan.cases.find((c) => c.failed === 'cdu-B.pump2')!.run);
  });
});
