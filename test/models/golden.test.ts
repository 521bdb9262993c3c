/**
 * The built-in models double as golden tests: each states in its header what it demonstrates, and
 * these tests hold it to that (outcomes, not numbers printed once).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText, runScenario } from '../../sim/api';
import { largeHallYaml, LARGE_HALL_FILE } from '../bench/hall-generator';
import { sweep } from '../../sim/analysis/sweep';
import { monteCarlo } from '../../sim/analysis/montecarlo';

const run = (name: string) => {
  const text = readFileSync(new URL(`../../models/${name}.yaml`, import.meta.url), 'utf8');
  const r = loadText(text, `${name}.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, {}).report;
};

describe('dlc-hall', () => {
  const rep = run('dlc-hall');
  it('rides through the chiller trip and the first CDU pump loss (N+1): nothing throttles before the CDU outage', () => {
    const firstThrottle = rep.alarms.find((a) => a.kind === 'rack_throttle')!;
    expect(firstThrottle.t_s).toBeGreaterThanOrEqual(15 * 3600);
  });
  it('the CDU-C outage throttles and trips exactly the racks of row C; they restart 30 min after their coolant is back', () => {
    const rowC = Array.from({ length: 8 }, (_, i) => `row-C-0${i + 1}`);
    const of = (kind: string) => rep.alarms.filter((a) => a.kind === kind);
    expect(of('rack_trip').map((a) => a.component).sort()).toEqual(rowC);
    expect(of('rack_restarted').map((a) => a.component).sort()).toEqual(rowC);
    // The CDU is back at 15.05 h; the restart level (throttle − hysteresis) follows within a minute, then
    // the default restart_after of 30 min.
    for (const a of of('rack_restarted')) { expect(a.t_s).toBeGreaterThan(15.05 * 3600 + 1800); expect(a.t_s).toBeLessThan(15.05 * 3600 + 1860); }
    expect(Object.values(rep.final).filter((v) => v['kind'] === 'rack').every((v) => v['state'] === 'normal')).toBe(true);
    expect(rep.violations.map((v) => v.limit)).toContain('max_racks_tripped');
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('utility loss: CDU pumps on UPS vs not', () => {
  const on = run('utility-loss-pumps-on-ups');
  const off = run('utility-loss-pumps-off-ups');
  it('throttling slows the job without moving its checkpoints: the throttled design does less work, never more', () => {
    expect(off.jobs[0]!.checkpoints_s).toEqual(on.jobs[0]!.checkpoints_s); // 30 min after each one ends
    expect(on.jobs[0]!.checkpoints_s).toEqual([1800, 3660, 5520]);
    expect(off.kpis.tokens).toBeLessThan(on.kpis.tokens);
  });

  it('pumps on UPS: coolant keeps moving through the generator gap, no rack throttles, the job keeps its pace', () => {
    expect(on.kpis.racks_throttled).toBe(0);
    expect(on.violations).toEqual([]);
    expect(on.kpis.gpu_hours_lost).toBe(0);
  });
  it('pumps off UPS: the cold plates heat during the gap and every rack throttles, slowing the training job', () => {
    expect(off.kpis.racks_throttled).toBe(16);
    expect(off.kpis.racks_tripped).toBe(0);
    expect(off.kpis.gpu_hours_lost).toBeGreaterThan(0);
    expect(off.kpis.peak_rack_coolant_c!).toBeGreaterThan(on.kpis.peak_rack_coolant_c! + 10);
    expect(off.time_to_limit['rack_throttle']!.since_event_s).toBeLessThan(30); // inside the 30 s generator gap
  });
});

describe('immersion-hall', () => {
  it('the bath rides through a three-minute exchanger outage', () => {
    const rep = run('immersion-hall');
    expect(rep.kpis.racks_throttled).toBe(0);
    expect(rep.violations).toEqual([]);
  });
});

describe('ai-hall-1024', () => {
  it('is the generator output, unedited', () => {
    expect(readFileSync(LARGE_HALL_FILE, 'utf8')).toBe(largeHallYaml());
  });
  it('holds its limits through the utility loss and the pump failures, with a liquid-cooled-hall PUE', () => {
    const rep = run('ai-hall-1024');
    expect(rep.violations).toEqual([]);
    expect(rep.kpis.pue!).toBeGreaterThan(1.1);
    expect(rep.kpis.pue!).toBeLessThan(1.35);
    expect(rep.alarms.some((a) => a.kind === 'generator_online')).toBe(true);
    expect(rep.alarms.some((a) => a.kind === 'chiller_restart')).toBe(true);
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('expansion-hall', () => {
  const rep = run('expansion-hall');
  it('the hall as built runs clean: 16 racks, nothing throttles, limits hold, energy balances', () => {
    expect(rep.kpis.racks_throttled).toBe(0);
    expect(rep.violations).toEqual([]);
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-9);
    expect(Object.values(rep.final).filter((f) => f['kind'] === 'rack')).toHaveLength(16);
  });
});

describe('availability-hall', () => {
  const text = readFileSync(new URL('../../models/availability-hall.yaml', import.meta.url), 'utf8');
  const r = loadText(text, 'availability-hall.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));

  it('is N-1 safe where its header says: every single failure (an hour in, repaired after its MTTR) but a whole row CDU leaves every rack running', () => {
    const res = sweep(r.scenario, { at: 3600, until: 3 * 3600 });
    expect(res.cases.length).toBeGreaterThan(30);
    for (const c of res.cases) {
      // One CDU a row, not redundant (and not in its random failures): losing one trips its row's 10 racks.
      expect([c.failed, c.racks_tripped, c.racks_lost_power]).toEqual([c.failed, c.kind === 'cdu' ? 10 : 0, 0]);
    }
  });

  it('fails about 9.7 times a year, as counted on paper: Σ units × 8,760 h / (MTBF + MTTR)', () => {
    // utilities 2 × 1.9553, generators 2 × 0.1751, buses 2 × 0.0044, UPS modules 8 × 0.0584,
    // busways and MCCs 6 × 0.0175, chillers 3 × 0.9973, pumps 4 × 0.2919, CRAHs 4 × 0.1752 = 9.70.
    const perYear = (n: number, mtbf: number, mttr: number) => (n * 8760) / (mtbf + mttr);
    const expected = perYear(2, 4479, 1.32) + perYear(2, 50000, 18) + perYear(2, 2e6, 24) + perYear(8, 150000, 8) + perYear(6, 500000, 12) + perYear(3, 8760, 24) + perYear(4, 30000, 8) + perYear(4, 50000, 6);
    expect(expected).toBeCloseTo(9.70, 2);
    const f = monteCarlo([r.scenario], { years: 60 }).designs[0]!.metrics.failures;
    expect(f.ci95![0]).toBeLessThan(expected);
    expect(f.ci95![1]).toBeGreaterThan(expected);
  });
});

describe('blueprint-full-scale', () => {
  const text = readFileSync(new URL('../../models/blueprint-full-scale.yaml', import.meta.url), 'utf8');
  const r = loadText(text, 'blueprint-full-scale.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sw = sweep(r.scenario, { at: 15 * 3600, until: 17 * 3600 });
  it('the N-1 sweep: no single failure of an active component throttles, trips or unpowers a rack', () => {
    const active = sw.cases.filter((c) => c.kind !== 'cdu_header');
    expect(active.length).toBeGreaterThan(50);
    for (const c of active) expect({ failed: c.failed, throttled: c.racks_throttled, tripped: c.racks_tripped, lost: c.racks_lost_power }).toEqual({ failed: c.failed, throttled: 0, tripped: 0, lost: 0 });
    for (const k of ['pump', 'cdu_unit', 'crah', 'chiller', 'free_cooling', 'ups_module', 'ups', 'bus', 'distribution', 'feed', 'utility', 'generator'])
      expect(active.some((c) => c.kind === k), k).toBe(true);
  });
  it('what it keeps is the passive header of each row: losing it stops that row (10 racks)', () => {
    const headers = sw.cases.filter((c) => c.kind === 'cdu_header');
    expect(headers.map((c) => c.failed).sort()).toEqual(['cdu-A', 'cdu-B']);
    for (const c of headers) expect(c.racks_tripped).toBe(10);
  });
});

describe('blueprint-starter', () => {
  const rep = run('blueprint-starter');
  it('rides a 10-minute building outage on its small UPS: coolant keeps moving, nothing throttles, the room air warms', () => {
    expect(rep.kpis.racks_throttled).toBe(0);
    expect(rep.violations).toEqual([]);
    expect(rep.kpis.ups_min_runtime_margin_s).toBeGreaterThan(0);
    const warm = rep.time_to_limit['inlet_recommended']!;
    expect(warm.t_s).toBeGreaterThan(2 * 3600);
    expect(warm.t_s).toBeLessThan(2 * 3600 + 120); // the CRAHs are off the UPS: the room warms within minutes
  });
});

describe('blueprint-mid-scale', () => {
  const text = readFileSync(new URL('../../models/blueprint-mid-scale.yaml', import.meta.url), 'utf8');
  const r = loadText(text, 'blueprint-mid-scale.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sw = sweep(r.scenario, { at: 15 * 3600, until: 17 * 3600 });
  const byId = new Map(sw.cases.map((c) => [c.failed, c]));
  it('fabric, storage and head racks count: a single UPS is a single point for all nine racks', () => {
    expect(byId.get('ups-1')!.racks_lost_power).toBe(9);
  });
  it('what is redundant holds: a pump, a UPS module, a chiller or a CRAH out touches no rack', () => {
    for (const c of sw.cases.filter((x) => ['pump', 'ups_module', 'chiller', 'crah'].includes(x.kind)))
      expect({ failed: c.failed, throttled: c.racks_throttled, tripped: c.racks_tripped }).toEqual({ failed: c.failed, throttled: 0, tripped: 0 });
  });
});
