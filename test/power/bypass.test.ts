/**
 * UPS static bypass against hand-countable answers. A UPS of 2 × 100 kW modules carries two 100 kW racks
 * (x = 1). Losing a module leaves R = 100 kW at x = 2: without a bypass the inverse-time element trips after
 * T/(x² − 1) = 20 s and the racks go dark; with one, 2 > 1.25 moves the load to the bus at once. On bypass
 * the UPS loses nothing and has no battery: a utility loss drops the load until the generator closes.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText } from '../../sim/api';
import { runHall } from './hall';
import { sweep } from '../../sim/analysis/sweep';
import type { Scenario } from '../../sim/scenario/schema';

const RACK = 100_000, P = 2 * RACK;
const LOSS = (L: number, R: number) => { const x = L / R; return R * (0.015 + 0.02 * x + 0.01 * x * x); };

function run(ups: string, events: string, opts: { rack?: string; generator?: boolean } = {}) {
  return runHall({
    rack: `power: ${opts.rack ?? '100 kW'}, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 1`,
    events,
    power: `  utilities: [ { id: grid } ]
${opts.generator ? '  generators: [ { id: gen, capacity: 1 MW, start_delay: 10 s } ]' : ''}
  buses: [ { id: msb, sources: [grid${opts.generator ? ', gen' : ''}] } ]
  ups: [ { id: ups, bus: msb, battery: 50 kWh, ${ups} } ]
  feeds: [ { loads: [racks], a: ups } ]
  overload_time: 60 s`,
  });
}

const alarms = (rep: ReturnType<typeof run>, kind: string) => rep.alarms.filter((a) => a.kind === kind).map((a) => a.t_s);
const BYPASS = 'bypass: { enabled: true }';
const TWO = 'modules: 2, module_rating: 100 kW';

describe('UPS static bypass', () => {
  it('an overload that trips a UPS without a bypass transfers to bypass with one: no rack loses power while the bus lives', () => {
    const without = run(TWO, '  - { at: 1000 s, fail: ups, part: module }');
    // x = 2: the inverse-time element trips after 60 / (4 − 1) = 20 s, and the racks go dark.
    expect(alarms(without, 'overload_trip')[0]).toBeCloseTo(1020, 0);
    expect(alarms(without, 'rack_power_loss')).toHaveLength(2);

    const withBypass = run(`${TWO}, ${BYPASS}`, '  - { at: 1000 s, fail: ups, part: module }');
    // 2 × rating is past transfer_at = 1.25: the static switch closes at the failure itself.
    expect(alarms(withBypass, 'ups_on_bypass')).toEqual([1000]);
    expect(alarms(withBypass, 'overload_trip')).toEqual([]);
    expect(alarms(withBypass, 'rack_power_loss')).toEqual([]);
    expect(withBypass.final['row-A-01']!.power_kw).toBeCloseTo(100, 6);
    expect(withBypass.power!.ups[0]).toMatchObject({ id: 'ups', transfers_to_bypass: 1, on_bypass_at_end: true });
    expect(withBypass.power!.ups[0]!.time_on_bypass_s).toBeCloseTo(7200 - 1000, 6);
  });

  it('loses nothing in the UPS while on bypass: UPS losses = loss(P, 200 kW) × 1000 s, before the transfer only', () => {
    const rep = run(`${TWO}, ${BYPASS}`, '  - { at: 1000 s, fail: ups, part: module }');
    // Tolerance: the report's kWh rounding (1e-3 kWh).
    expect(rep.kpis.losses_kwh.ups).toBeCloseTo((LOSS(P, 200_000) * 1000) / 3.6e6, 3);
  });

  it('goes back to its inverter retransfer_after (10 s) after the load fits again, and counts the time on bypass', () => {
    const rep = run(`${TWO}, ${BYPASS}`, '  - { at: 1000 s, fail: ups, part: module }\n  - { at: 3000 s, repair: ups, part: module }');
    // The repair is a discrete change; the first step after it (0.1 s) sees the load within 200 kW.
    const back = alarms(rep, 'ups_on_inverter');
    expect(back).toHaveLength(1);
    expect(back[0]!).toBeGreaterThanOrEqual(3010);
    expect(back[0]!).toBeLessThan(3010.5);
    expect(rep.power!.ups[0]!.time_on_bypass_s).toBeCloseTo(back[0]! - 1000, 6);
    // UPS losses: on the inverter for 1000 s, then again from the retransfer to the end.
    expect(rep.kpis.losses_kwh.ups).toBeCloseTo((LOSS(P, 200_000) * (1000 + 7200 - back[0]!)) / 3.6e6, 3);
  });

  it('a utility loss while on bypass drops the load until the generator closes (no battery ride-through)', () => {
    const rep = run(`${TWO}, ${BYPASS}`, '  - { at: 1000 s, fail: ups, part: module }\n  - { at: 2000 s, utility: loss }', { generator: true });
    expect(alarms(rep, 'ups_bypass_source_lost')).toEqual([2000]);
    expect(alarms(rep, 'rack_power_loss')).toEqual([2000, 2000]);
    // NFPA 110 Type 10 generator: 10 s, then the bypass carries the load again.
    expect(alarms(rep, 'rack_power_restored')).toEqual([2010, 2010]);
    expect(alarms(rep, 'ups_on_battery')).toEqual([]);
    expect(rep.power!.ups[0]!.battery_left).toBe(1);
  });

  it('between 1 and transfer_at the inverter carries the overload until its inverse-time element runs out (±1 s)', () => {
    // 2 × 110 kW on 2 of 3 × 100 kW modules: x = 1.1, T/(x² − 1) = 60 / 0.21 = 285.7 s.
    const three = 'modules: 3, module_rating: 100 kW';
    const without = run(three, '  - { at: 1000 s, fail: ups, part: module }', { rack: '110 kW' });
    const withBypass = run(`${three}, ${BYPASS}`, '  - { at: 1000 s, fail: ups, part: module }', { rack: '110 kW' });
    const at = 1000 + 60 / (1.1 * 1.1 - 1);
    expect(alarms(without, 'overload_trip')[0]).toBeCloseTo(at, 0);
    expect(alarms(withBypass, 'ups_on_bypass')[0]).toBeCloseTo(at, 0);
    expect(alarms(withBypass, 'rack_power_loss')).toEqual([]);
  });

  it('an inverter failure (the whole UPS failed) hands the load to the bypass; the repair brings it back', () => {
    const rep = run(`${TWO}, ${BYPASS}`, '  - { at: 1000 s, fail: ups }\n  - { at: 4000 s, repair: ups }');
    expect(alarms(rep, 'ups_on_bypass')).toEqual([1000]);
    expect(alarms(rep, 'rack_power_loss')).toEqual([]);
    expect(alarms(rep, 'ups_on_inverter')[0]).toBeCloseTo(4010, 0);
    // Without a bypass the same failure drops the racks.
    expect(alarms(run(TWO, '  - { at: 1000 s, fail: ups }'), 'rack_power_loss')).toEqual([1000, 1000]);
  });

  it('after 3 overload transfers within 10 minutes the 4th locks it on bypass until the UPS is repaired whole', () => {
    const cycle = [1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700].map((t, k) => `  - { at: ${t} s, ${k % 2 ? 'repair' : 'fail'}: ups, part: module }`).join('\n');
    const rep = run(`${TWO}, ${BYPASS}`, `${cycle}\n  - { at: 3000 s, repair: ups }`);
    expect(alarms(rep, 'ups_on_bypass')).toEqual([1000, 1200, 1400, 1600]);
    expect(alarms(rep, 'ups_bypass_lockout')).toEqual([1600]);
    // Three returns (after the repairs at 1100, 1300, 1500), none after 1700; the reset at 3000 allows a fourth.
    const back = alarms(rep, 'ups_on_inverter');
    expect(back).toHaveLength(4);
    expect(back[3]!).toBeCloseTo(3010, 0);
    expect(rep.power!.ups[0]!.transfers_to_bypass).toBe(4);
  });

  it('in the N-1 sweep a UPS with a bypass is not its twin without one: failing it drops no rack, failing the twin drops 8', () => {
    const r = loadText(readFileSync(new URL('../../models/utility-loss-pumps-on-ups.yaml', import.meta.url), 'utf8'), 'm.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = r.scenario;
    // Each row single-corded to one UPS (as test/analysis/sweep.test.ts), and only ups-A with a bypass.
    const single: Scenario = { ...s, power: { ...s.power!,
      ups: s.power!.ups!.map((u) => (u.id === 'ups-A' ? { ...u, bypass: { enabled: true } } : u)),
      feeds: [
        { loads: ['row-A'], a: 'busway-A1' }, { loads: ['row-B'], a: 'busway-B2' },
        { loads: ['cdus', 'crahs'], a: 'ups-A', b: 'ups-B' }, { loads: ['chillers', 'chiller_controls'], a: 'mcc-A', b: 'mcc-B' },
      ] } };
    const res = sweep(single, { at: 3600, until: 5400 });
    const ups = res.cases.filter((c) => c.kind === 'ups');
    expect(ups.map((c) => c.represented_by)).toEqual([null, null]);
    expect(Object.fromEntries(ups.map((c) => [c.failed, c.racks_lost_power]))).toEqual({ 'ups-A': 0, 'ups-B': 8 });
  });
});
