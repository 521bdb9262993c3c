/**
 * Power chain against closed-form answers: battery runtime at constant power, UPS loss at part load,
 * failover arithmetic with an inverse-time trip, and the energy a generator gap takes from the battery.
 */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';
import { powerHallYaml } from '../physics/checks';

const P = 200_000; // two 100 kW racks at full load
const MODULE = 150_000, MODULES = 2; // R = 300 kW, x = 2/3
const LOSS = (x: number, R: number) => R * (0.015 + 0.02 * x + 0.01 * x * x);

function hall(power: string, events: string, extra = '') {
  const r = loadText(powerHallYaml(power, events, extra), 'p.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, {}).report;
}

const upsOnly = (battery: string, generator = '') => `  utilities: [ { id: grid } ]
${generator}
  buses: [ { id: msb, sources: [grid${generator ? ', gen' : ''}] } ]
  ups: [ { id: ups, bus: msb, modules: ${MODULES}, module_rating: ${MODULE / 1000} kW, battery: ${battery} } ]
  feeds: [ { loads: [racks], a: ups } ]`;

const alarmAt = (rep: ReturnType<typeof hall>, kind: string) => rep.alarms.find((a) => a.kind === kind)?.t_s;

describe('UPS', () => {
  const R = MODULE * MODULES, x = P / R, loss = LOSS(x, R);

  it('runs for E / (P + loss(P)) on battery, then the racks lose power (±1 s)', () => {
    const E = 50 * 3.6e6;
    const rep = hall(upsOnly('50 kWh'), '  - { at: 100 s, utility: loss }');
    const runtime = E / (P + loss);
    expect(alarmAt(rep, 'ups_battery_depleted')).toBeCloseTo(100 + runtime, 0);
    expect(rep.alarms.find((a) => a.kind === 'rack_power_loss')!.t_s).toBeCloseTo(100 + runtime, 0);
    expect(rep.final['row-A-01']!.state).toBe('unpowered');
  });

  it('raises the low-runtime alarm when E(t)/(P + loss) reaches runtime_alarm, at that instant (±0.5 s)', () => {
    // Runtime left = (E − (P + loss)·(t − 100 s)) / (P + loss) falls to 300 s at t = 100 + E/(P+loss) − 300.
    // It used to be stamped at the end of the integration step that crossed it (18 s late in a drill).
    const E = 50 * 3.6e6;
    const rep = hall(upsOnly('50 kWh').replace('battery: 50 kWh', 'battery: 50 kWh, runtime_alarm: 300 s'), '  - { at: 100 s, utility: loss }');
    const expected = 100 + E / (P + loss) - 300;
    const alarm = rep.alarms.find((a) => a.kind === 'ups_runtime_low')!;
    expect(Math.abs(alarm.t_s - expected)).toBeLessThan(0.5);
    expect(alarm.value).toBeCloseTo(300, 6);
  });

  it('loses R·(0.015 + 0.020x + 0.010x²) at part load x (three-term curve)', () => {
    const rep = hall(upsOnly('50 kWh'), '  []');
    // 2 h at constant load; tolerance: kWh rounding in the report (1e-3).
    expect(rep.kpis.losses_kwh.ups).toBeCloseTo((loss * 7200) / 3.6e6, 2);
    expect(rep.kpis.ppue_power).toBeCloseTo((P + loss) / P, 5);
  });

  it('a generator gap of d seconds takes (P + loss)·d from the battery: margin = E/(P+loss) − d', () => {
    const E = 50 * 3.6e6;
    const rep = hall(upsOnly('50 kWh', '  generators: [ { id: gen, capacity: 1 MW, start_delay: 12 s } ]'), '  - { at: 600 s, utility: loss }');
    expect(alarmAt(rep, 'generator_online')).toBeCloseTo(612, 6);
    expect(rep.kpis.ups_min_runtime_margin_s).toBeCloseTo(E / (P + loss) - 12, 0);
    expect(rep.alarms.some((a) => a.kind === 'rack_power_loss')).toBe(false);
  });

  it('a generator that fails to start leaves only the battery', () => {
    const rep = hall(upsOnly('20 kWh', '  generators: [ { id: gen, capacity: 1 MW, start_delay: 10 s } ]'), '  - { at: 10 s, fail: gen }\n  - { at: 600 s, utility: loss }');
    expect(rep.alarms.some((a) => a.kind === 'generator_failure')).toBe(true);
    expect(alarmAt(rep, 'ups_battery_depleted')).toBeCloseTo(600 + (20 * 3.6e6) / (P + loss), 0);
  });
});

describe('A/B feeds', () => {
  const ab = `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  distribution:
    - { id: bw-A, from: msb, rating: 150 kW, loss_at_rating: 0 }
    - { id: bw-B, from: msb, rating: 150 kW, loss_at_rating: 0 }
  feeds: [ { loads: [racks], a: bw-A, b: bw-B } ]
  overload_time: 60 s`;

  it('the survivor carries the whole load and trips after T/(x² − 1) when past its rating (±1 s)', () => {
    const rep = hall(ab, '  - { at: 1000 s, fail: bw-A }');
    const x = P / 150_000;
    expect(alarmAt(rep, 'overload_trip')).toBeCloseTo(1000 + 60 / (x * x - 1), 0);
    expect(rep.kpis.racks_tripped).toBe(0);
    expect(rep.final['row-A-02']!.state).toBe('unpowered');
  });

  it('counts the racks that lost power, and a stated max_racks_lost_power is broken by them', () => {
    // Both racks hang on the tripped survivor: two racks without power, none tripped.
    const rep = hall(ab, '  - { at: 1000 s, fail: bw-A }', 'limits: { max_racks_lost_power: 1, max_racks_tripped: 0 }');
    expect(rep.kpis.racks_lost_power).toBe(2);
    expect(rep.violations.map((v) => v.limit)).toEqual(['max_racks_lost_power']);
    const held = hall(ab.replace(/rating: 150 kW/g, 'rating: 250 kW'), '  - { at: 1000 s, fail: bw-A }', 'limits: { max_racks_lost_power: 0 }');
    expect(held.kpis.racks_lost_power).toBe(0);
    expect(held.violations).toEqual([]);
  });

  it('a survivor within its rating carries the load indefinitely', () => {
    const rep = hall(ab.replace(/rating: 150 kW/g, 'rating: 250 kW'), '  - { at: 1000 s, fail: bw-A }');
    expect(rep.alarms.some((a) => a.kind === 'overload_trip' || a.kind === 'rack_power_loss')).toBe(false);
    expect(rep.final['row-A-01']!.power_kw).toBeCloseTo(100, 6);
  });
});

describe('feed paths and whole UPS as failable units', () => {
  const ab = `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  distribution:
    - { id: bw-A, from: msb, rating: 150 kW, loss_at_rating: 0 }
    - { id: bw-B, from: msb, rating: 150 kW, loss_at_rating: 0 }
  feeds: [ { id: whips, loads: [racks], a: bw-A, b: bw-B } ]
  overload_time: 60 s`;

  it('a failed feed path moves its loads to the other path: bw-B alone carries P and trips after T/(x² − 1)', () => {
    // The same arithmetic as losing bw-A itself: the cords are gone, the busway is not.
    const rep = hall(ab, '  - { at: 1000 s, fail: whips, part: a }');
    const x = P / 150_000;
    expect(alarmAt(rep, 'feed_failure')).toBe(1000);
    expect(alarmAt(rep, 'overload_trip')).toBeCloseTo(1000 + 60 / (x * x - 1), 0);
    expect(rep.alarms.find((a) => a.kind === 'overload_trip')!.component).toBe('bw-B');
  });

  it('a feed path repaired before the survivor\'s trip time (77 s at x = 4/3) shares the load again: no trip', () => {
    const rep = hall(ab, '  - { at: 1000 s, fail: whips, part: b }\n  - { at: 1050 s, repair: whips, part: b }');
    expect(rep.alarms.some((a) => a.kind === 'overload_trip' || a.kind === 'rack_power_loss')).toBe(false);
    expect(rep.alarms.find((a) => a.kind === 'repaired')!.component).toBe('whips.b');
  });

  it('a single-corded feed losing its path takes its racks down; a feed without an id is feed-<first load>', () => {
    const single = `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  feeds: [ { loads: [row-A], a: msb } ]`;
    const rep = hall(single, '  - { at: 1000 s, fail: feed-row-A, part: a }');
    expect(rep.alarms.filter((a) => a.kind === 'rack_power_loss')).toHaveLength(2);
    expect(rep.final['row-A-01']!.state).toBe('unpowered');
  });

  it('a failed UPS loses its output at once, battery or not: its single-corded racks go down', () => {
    const rep = hall(upsOnly('50 kWh'), '  - { at: 100 s, fail: ups }');
    expect(alarmAt(rep, 'rack_power_loss')).toBe(100);
    expect(rep.alarms.some((a) => a.kind === 'ups_on_battery')).toBe(false);
  });

  it('events naming a feed without a path, a path it lacks, or a path of a non-feed are rejected with the field', () => {
    const errs = (power: string, ev: string) => {
      const r = loadText(`version: 1
name: t
rack_types: { r: { power: 100 kW, gpus: 8, cooling: dlc } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
power:
${power}
events:
${ev}`, 'e.yaml');
      return r.ok ? [] : r.errors;
    };
    const single = `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  feeds: [ { id: whips, loads: [racks], a: msb } ]`;
    expect(errs(single, '  - { at: 1 s, fail: whips }')).toEqual([{ path: 'events[0].part', message: 'expected part: a (the path of feed "whips" that fails), found no part' }]);
    expect(errs(single, '  - { at: 1 s, fail: whips, part: b }')[0]!.path).toBe('events[0].part');
    expect(errs(single, '  - { at: 1 s, fail: msb, part: a }')[0]!.message).toMatch(/not a feed/);
    expect(errs(single.replace('id: whips, ', 'id: msb, '), '  - { at: 1 s, fail: grid }')).toEqual([{ path: 'power.feeds[0].id', message: 'id "msb" is used twice in the power chain' }]);
    // The new classes are reliability targets too (random failures of buses, whole UPS, feed paths).
    expect(errs(single, '  - { at: 1 s, fail: whips, part: a }\nreliability:\n  - { target: feed, mtbf: 1000 h, mttr: 1 h }\n  - { target: bus, mtbf: 1000 h, mttr: 1 h }')).toEqual([]);
  });
});

describe('UPS battery in amp-hours (Peukert)', () => {
  // 400 Ah at 480 V, C20, k = 1.15: nominal 192 kWh. On battery the UPS draws P + loss(P) at I = (P + loss)/V
  // and lasts t = H·(C/(I·H))^k, not the linear V·C/(P + loss).
  const C = 400 * 3600, H = 20 * 3600, k = 1.15, V = 480, R = MODULE * MODULES;
  const peukertT = (P: number) => { const I = (P + LOSS(P / R, R)) / V; return H * (C / (I * H)) ** k; };
  const ah = upsOnly('{ capacity: 400 Ah, voltage: 480 V, peukert: 1.15, rated_hours: 20 }');

  it('empties at t(I) after a utility loss, at two discharge rates (±1 s)', () => {
    const full = hall(ah, '  - { at: 100 s, utility: loss }');
    expect(alarmAt(full, 'ups_battery_depleted')).toBeCloseTo(100 + peukertT(P), 0);
    // A lighter load: the racks at 60 kW each (idle 20 kW + 80 kW × 0.5).
    const lighter = hall(ah, '  - { at: 0 s, set: row-A.load, value: 0.5 }\n  - { at: 100 s, utility: loss }');
    expect(alarmAt(lighter, 'ups_battery_depleted')).toBeCloseTo(100 + peukertT(120_000), 0);
    // Faster discharge, less charge out: the ratio of runtimes is steeper than the ratio of loads.
    expect(peukertT(120_000) / peukertT(P)).toBeGreaterThan((P + LOSS(P / R, R)) / (120_000 + LOSS(120_000 / R, R)));
  });

  it('reports the full-battery runtime at the present load as t(I) when it never discharged', () => {
    const rep = hall(ah, '  []');
    expect(rep.kpis.ups_min_runtime_margin_s).toBeCloseTo(peukertT(P), 1);
  });
});
