/**
 * `dctwin compare` as a spec: the pumps-on-UPS and pumps-off-UPS pair differ in exactly three places
 * (counted by hand from the two files: the name, and the CDU feed's two sources; their comments differ
 * too, and comments are not content), and the KPI deltas point the way the physics says: with the
 * pumps off UPS the coolant stops for the generator gap, the racks heat up and throttle. A file against
 * itself differs nowhere and every delta is zero. The file differences are semantic (units converted) but
 * shown as written.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../sim/model/model';
import { loadScenarioText } from '../../sim/scenario/load';
import { runScenario } from '../../sim/api';
import { compareScenarios, type CompareInput } from '../../sim/analysis/compare';
import { diffScenarios, type Difference } from '../../sim/analysis/scenarioDiff';
import { compareKpis, COMPARED_KPIS } from '../../sim/analysis/kpiCompare';
import type { Report } from '../../sim/run/report';

const text = (m: string) => readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8');

function input(file: string, source = text(file), run: { until?: number } = {}): CompareInput {
  const r = loadModelText(source, `${file}.yaml`, run);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { file, scenario: r.scenario, raw: r.raw, model: r.model };
}

function sides(a: string, b: string) {
  const la = loadScenarioText(a, 'a.yaml'), lb = loadScenarioText(b, 'b.yaml');
  if (!la.ok || !lb.ok) throw new Error(JSON.stringify([la, lb]));
  return diffScenarios(la, lb);
}

const byKey = (kpis: ReturnType<typeof compareKpis>) => Object.fromEntries(kpis.map((k) => [k.key, k]));

describe('compare: CDU pumps on UPS (A) against off UPS (B)', () => {
  const ON = 'utility-loss-pumps-on-ups', OFF = 'utility-loss-pumps-off-ups';
  const res = compareScenarios(input(ON), input(OFF));
  const k = byKey(res.kpis);
  const report = (m: string) => {
    const r = loadModelText(text(m), `${m}.yaml`);
    if (!r.ok) throw new Error('does not load');
    return runScenario(r.scenario).report;
  };

  it('lists exactly the three fields that differ, with the values as written', () => {
    expect(res.differences).toEqual<Difference[]>([
      { path: 'name', change: 'changed', a: 'Utility loss — CDU pumps on UPS', b: 'Utility loss — CDU pumps NOT on UPS' },
      { path: 'power.feeds[loads=cdus,fws_pumps].a', change: 'changed', a: 'ups-A', b: 'mcc-A' },
      { path: 'power.feeds[loads=cdus,fws_pumps].b', change: 'changed', a: 'ups-B', b: 'mcc-B' },
    ]);
  });

  it('shows each run as `dctwin run` reports it, with its limits verdict', () => {
    const [ra, rb] = [report(ON), report(OFF)];
    expect(res.a).toEqual({ file: ON, name: ra.scenario, seed: 1, duration_s: 7200, kpis: ra.kpis, violations: [] });
    expect(res.b.kpis).toEqual(rb.kpis);
    expect(res.b.violations.map((v) => v.limit)).toEqual(['max_racks_throttled']);
    // Every delta is B − A of the two reports.
    expect(k['peak_rack_coolant_c']!.diff).toBeCloseTo(rb.kpis.peak_rack_coolant_c! - ra.kpis.peak_rack_coolant_c!, 9);
    expect(k['pue']!.diff).toBeCloseTo(rb.kpis.pue! - ra.kpis.pue!, 12);
  });

  it('points the deltas the way the physics does: B throttles, runs hotter, loses GPU-hours', () => {
    // Coolant stops for the 30 s generator gap plus the pumps' restart: all 16 racks pass their 50 °C throttle.
    expect(k['racks_throttled']).toMatchObject({ a: 0, b: 16, diff: 16, diff_pct: null, better: 'a' });
    expect(k['racks_tripped']).toMatchObject({ a: 0, b: 0, diff: 0, better: 'same' });
    const coolant = k['peak_rack_coolant_c']!;
    expect(coolant.b!).toBeGreaterThan(50); // past the throttle point
    expect(coolant.a!).toBeLessThan(50);
    expect(coolant).toMatchObject({ unit: '°C', diff_unit: 'K', diff_pct: null, better: 'a' });
    expect(k['gpu_hours_lost']!.diff!).toBeGreaterThan(0);
    expect(k['gpu_hours_lost']!.better).toBe('a');
    expect(k['violations']).toMatchObject({ a: 0, b: 1, better: 'a' });
    // A crossed no limit (null: never, the best); B throttled 19.7 s into the gap.
    expect(k['time_to_first_limit_s']!.a).toBeNull();
    expect(k['time_to_first_limit_s']!.b!).toBeGreaterThan(3600);
    expect(k['time_to_first_limit_s']!.better).toBe('a');
    // Totals have no better side.
    expect(k['it_energy_kwh']!.better).toBeNull();
    expect(k['total_cost']!.better).toBeNull();
  });
});

describe('compare: a file with itself', () => {
  it('finds no differences and every delta is zero', () => {
    const res = compareScenarios(input('dlc-hall', undefined, { until: 3600 }), input('dlc-hall', undefined, { until: 3600 }));
    expect(res.differences).toEqual([]);
    expect(res.kpis).toHaveLength(COMPARED_KPIS.length);
    for (const c of res.kpis) {
      expect(c.a, c.key).toEqual(c.b);
      if (c.a !== null) expect(c.diff, c.key).toBe(0);
      expect(c.better === 'same' || c.better === null, c.key).toBe(true);
      if (c.diff_pct !== null) expect(c.diff_pct, c.key).toBe(0);
    }
  });
});

describe('compare: what differs between two files', () => {
  const base = text('utility-loss-pumps-on-ups');
  const edit = (...pairs: [string, string][]) => pairs.reduce((t, [from, to]) => {
    expect(t, `the base file has "${from}"`).toContain(from);
    return t.replace(from, to);
  }, base);

  it('is semantic: other units for the same value, other comments and key order are no difference', () => {
    const same = edit(
      ['capacity: 1.6 MW, restart_delay: 90 s }\n    - { id: chiller-2', 'capacity: 1600 kW, restart_delay: 1.5 min }\n    - { id: chiller-2'],
      ['- { id: cdu-A, supply_setpoint: 30 degC }', '- { supply_setpoint: 303.15 K, id: cdu-A } # same setpoint in kelvin'],
      ['duration: 2 h', 'duration: 7200'],
      ['energy_price: 0.08 USD/kWh', 'energy_price: 0.00008 USD/Wh'],
    ).replace(/^# .*\n/gm, '');
    expect(sides(base, same)).toEqual([]);
  });

  it('names components added, removed and changed by their ids, with the values as written', () => {
    const other = edit(
      ['- { id: cdu-B, supply_setpoint: 30 degC }', '- { id: cdu-B, supply_setpoint: 32 degC }\n  - { id: cdu-C, supply_setpoint: 30 degC }'],
      ['    - { id: chiller-3, capacity: 1.6 MW, restart_delay: 90 s }\n', ''],
      ['{ id: gen-A, capacity: 3.5 MW, start_delay: 30 s }', '{ id: gen-A, capacity: 3.5 MW, start_delay: 10 s }'],
      ['- { loads: [crahs], a: ups-A, b: ups-B }', '- { loads: [crahs], a: mcc-A, b: mcc-B }\n    - { loads: [chiller_controls, crahs], a: ups-A }'],
      ['nvl72: { power: 132 kW,', 'nvl72: { power: 120 kW,'],
      ['- { at: 1 h, utility: loss }', '- { at: 1.25 h, utility: loss }'],
      ['  max_racks_tripped: 0', '  max_racks_tripped: 0\n  max_rack_coolant: 55 degC'],
    );
    expect(sides(base, other)).toEqual<Difference[]>([
      { path: 'rack_types.nvl72.power', change: 'changed', a: '132 kW', b: '120 kW' },
      { path: 'cdus[cdu-B].supply_setpoint', change: 'changed', a: '30 degC', b: '32 degC' },
      { path: 'cdus[cdu-C]', change: 'added', b: { id: 'cdu-C', supply_setpoint: '30 degC' } },
      { path: 'plant.chillers[chiller-3]', change: 'removed', a: { id: 'chiller-3', capacity: '1.6 MW', restart_delay: '90 s' } },
      { path: 'power.generators[gen-A].start_delay', change: 'changed', a: '30 s', b: '10 s' },
      { path: 'power.feeds[loads=crahs].a', change: 'changed', a: 'ups-A', b: 'mcc-A' },
      { path: 'power.feeds[loads=crahs].b', change: 'changed', a: 'ups-B', b: 'mcc-B' },
      { path: 'power.feeds[loads=chiller_controls,crahs]', change: 'added', b: { loads: ['chiller_controls', 'crahs'], a: 'ups-A' } },
      { path: 'events[utility loss].at', change: 'changed', a: '1 h', b: '1.25 h' },
      { path: 'limits.max_rack_coolant', change: 'added', b: '55 degC' },
    ]);
  });

  it('matches rows by id (a reordering is one difference, not a change of every row) and lists of values whole', () => {
    const other = edit(
      ["    - { id: row-A, type: nvl72, cdu: cdu-A, count: 8 }\n    - { id: row-B, type: nvl72, cdu: cdu-B, count: 8 }",
        "    - { id: row-B, type: nvl72, cdu: cdu-B, count: 10 }\n    - { id: row-A, type: nvl72, cdu: cdu-A, count: 8 }"],
      ['{ id: msb-A, sources: [utility-A, gen-A] }', '{ id: msb-A, sources: [gen-A, utility-A] }'],
      ['  - { at: 1.5 h, utility: restore }\n', ''],
    );
    expect(sides(base, other)).toEqual<Difference[]>([
      { path: 'hall.rows (order)', change: 'changed', a: ['row-A', 'row-B'], b: ['row-B', 'row-A'] },
      { path: 'hall.rows[row-B].count', change: 'changed', a: 8, b: 10 },
      { path: 'power.buses[msb-A].sources', change: 'changed', a: ['utility-A', 'gen-A'], b: ['gen-A', 'utility-A'] },
      { path: 'events[utility restore]', change: 'removed', a: { at: '1.5 h', utility: 'restore' } },
    ]);
  });

  it('numbers repeated keys in file order and follows a change of kind (weather)', () => {
    const other = edit(
      ['  - { at: 1.5 h, utility: restore }', '  - { at: 1.5 h, utility: restore }\n  - { at: 1.75 h, utility: loss }'],
      ['weather: { kind: constant, dry_bulb: 30 degC, wet_bulb: 22 degC }', 'weather: { kind: design_day, dry_bulb_max: 30 degC, daily_range: 10 K }'],
    );
    expect(sides(base, other)).toEqual<Difference[]>([
      { path: 'weather.kind', change: 'changed', a: 'constant', b: 'design_day' },
      { path: 'weather.dry_bulb', change: 'removed', a: '30 degC' },
      { path: 'weather.wet_bulb', change: 'removed', a: '22 degC' },
      { path: 'weather.dry_bulb_max', change: 'added', b: '30 degC' },
      { path: 'weather.daily_range', change: 'added', b: '10 K' },
      { path: 'events[utility loss #2]', change: 'added', b: { at: '1.75 h', utility: 'loss' } },
    ]);
  });
});

describe('compareKpis', () => {
  /** A report with only the fields compareKpis reads set (the rest as a healthy empty run). */
  const rep = (kpis: Partial<Report['kpis']>, extra: Partial<Report> = {}): Report => ({
    kpis: { pue: 1.2, peak_rack_inlet_c: 25, racks_throttled: 0, losses_kwh: { ups: 0, distribution: 0, total: 0 }, free_cooling_heat_fraction: 0.5, ...kpis },
    economics: { total_cost: 100 }, alarms: [], violations: [], time_to_limit: {}, ...extra,
  }) as unknown as Report;

  it('calls lower PUE and fewer throttled racks better, takes % of A, and gives temperatures a K difference without %', () => {
    const k = byKey(compareKpis(rep({ pue: 1.25, racks_throttled: 4, peak_rack_inlet_c: 30 }), rep({ pue: 1.2, racks_throttled: 2, peak_rack_inlet_c: 27.5 })));
    expect(k['pue']).toMatchObject({ a: 1.25, b: 1.2, diff: -0.05, diff_pct: -4, better: 'b' });
    expect(k['racks_throttled']).toMatchObject({ diff: -2, diff_pct: -50, better: 'b' });
    expect(k['peak_rack_inlet_c']).toMatchObject({ diff: -2.5, diff_unit: 'K', diff_pct: null, better: 'b' });
  });

  it('compares fractions in % (difference in percentage points), and higher free cooling is better', () => {
    const k = byKey(compareKpis(rep({ free_cooling_heat_fraction: 0.25 }), rep({ free_cooling_heat_fraction: 0.4 })));
    expect(k['free_cooling_heat_fraction']).toMatchObject({ unit: '%', a: 25, b: 40, diff: 15, diff_unit: 'pp', diff_pct: 60, better: 'b' });
  });

  it('has no % of a zero and no better side for a total', () => {
    const k = byKey(compareKpis(rep({ it_energy_kwh: 0 }), rep({ it_energy_kwh: 10 })));
    expect(k['it_energy_kwh']).toMatchObject({ diff: 10, diff_pct: null, better: null });
  });
});
