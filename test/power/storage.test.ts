/**
 * Battery storage on a bus, peak shaving, against hand-computed energy. η is split √η in, √η out, so a
 * cycle that ends where it started gives back η of what it took and loses (1 − η) of it. With η = 0.81
 * (√η = 0.9) the numbers stay readable: discharging 50 kW drains the store at 50/0.9 kW, charging at 78 kW
 * fills it at 78 · 0.9 = 70.2 kW.
 */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';
import { runHall, powerHallText } from './hall';
import { BatteryStorage } from '../../sim/power/storage';
import { sweep } from '../../sim/analysis/sweep';
import { compileModel } from '../../sim/model/model';

const spec = (over: Record<string, unknown> = {}) => ({ id: 'bess', bus: 'msb', energy: 50 * 3.6e6, power: 100_000, efficiency: 0.81, soc: 1, strategy: { peak_shave: { limit: 150_000 } }, ...over });

describe('power/storage (one battery, steps by hand)', () => {
  it('discharges the excess over the limit, then refills from the headroom: losses = (1 − η) × energy in', () => {
    const b = new BatteryStorage([spec()], () => 0);
    // 200 kW for 100 s: 50 kW from the battery, 5 MJ out, 5/0.9 MJ from the store.
    expect(b.shape(0, 200_000, true, 100)).toBeCloseTo(150_000, 9);
    b.account(100); b.commit(() => {});
    expect(b.energy[0]).toBeCloseTo(180e6 - 5e6 / 0.9, 3);
    // 50 kW for 100 s: 100 kW of headroom, capped to what refills the store (5/0.9 MJ at 0.9 ⇒ 5/0.81 MJ in).
    const imp = b.shape(0, 50_000, true, 100);
    b.account(100); b.commit(() => {});
    expect(imp - 50_000).toBeCloseTo(5e6 / 0.81 / 100, 6);
    expect(b.energy[0]).toBeCloseTo(180e6, 3);
    // Back where it started: in = 5/0.81 MJ, out = 5 MJ = η · in; loss = (1 − η) · in.
    expect(b.charged[0]).toBeCloseTo(5e6 / 0.81, 3);
    expect(b.discharged[0]).toBeCloseTo(0.81 * b.charged[0]!, 3);
    expect(b.loss).toBeCloseTo((1 - 0.81) * b.charged[0]!, 3);
  });

  it('never charges past the limit, never discharges below zero, and does nothing on a dead bus', () => {
    const b = new BatteryStorage([spec({ soc: 0.5 })], () => 0);
    // 140 kW: only 10 kW of headroom to charge with.
    expect(b.shape(0, 140_000, true, 10)).toBeCloseTo(150_000, 9);
    const dead = new BatteryStorage([spec()], () => 0);
    expect(dead.shape(0, 0, false, 10)).toBe(0);
    // 1 kJ left against a 50 kW excess over 10 s: it empties 1 kJ / (50 kW / 0.9 × 10 s) into the step, an event to locate.
    const low = new BatteryStorage([spec({ energy: 1e6, soc: 0.001 })], () => 0);
    low.shape(0, 200_000, true, 10);
    expect(low.earliestEvent()).toBeCloseTo(1000 / ((50_000 / 0.9) * 10), 9);
    expect(low.energy[0]).toBe(0);
  });
});

/** Two 100 kW racks (idle 20 kW) on one bus running one synchronous training job with checkpoints. */
function hallOptions(batteries: string, events?: string) {
  return {
    ...(events ? { events } : {}),
    duration: '1 h',
    rack: 'power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc',
    power: `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  feeds: [ { loads: [racks], a: msb } ]
${batteries}`,
    extra: `solver: { record_interval: 10 s }
workload:
  checkpoint_utilisation: 0.2
  jobs: [ { id: train, kind: training, gpus: 16, duration: 10 h, utilisation: 1, checkpoint_interval: 30 min, checkpoint_duration: 60 s } ]`,
    probes: ['msb.import', ...(batteries ? ['bess.soc'] : [])],
  };
}
const hall = (batteries: string, events?: string) => runHall(hallOptions(batteries, events));

const BESS = '  batteries: [ { id: bess, bus: msb, energy: 50 kWh, power: 100 kW, efficiency: 0.81, soc: 1, strategy: { peak_shave: { limit: 150 kW } } } ]';

describe('peak shaving a training job', () => {
  // Training: 2 × 100 kW = 200 kW. Checkpoint: 2 × (20 + 80 · 0.2) = 72 kW.
  const E0 = 50 * 3.6e6, drain = 50_000 / 0.9, fill = 78_000 * 0.9;

  it('without storage the bus imports the swing: 200 kW training, 72 kW at a checkpoint', () => {
    const rep = hall('');
    const imp = rep.series['msb.import']!.values;
    expect(Math.max(...imp)).toBeCloseTo(200, 6);
    expect(Math.min(...imp)).toBeCloseTo(72, 6);
    expect(rep.power!.batteries).toEqual([]);
    expect(rep.kpis.losses_kwh.storage).toBeUndefined();
  });

  it('clips the swing at 150 kW while the SOC lasts; the SOC follows the hand count; it empties on time', () => {
    const rep = hall(BESS);
    const cp = rep.jobs[0]!.checkpoints_s[0]!;
    // The first checkpoint: 30 min of compute from the start.
    expect(cp).toBeCloseTo(1800, 0);
    // SOC by hand: drains at 50/0.9 kW while training, fills at 70.2 kW during the 60 s checkpoint.
    const socAt = (t: number) => (t <= cp ? E0 - drain * t : t <= cp + 60 ? E0 - drain * cp + fill * (t - cp) : E0 - drain * cp + fill * 60 - drain * (t - cp - 60)) / E0;
    const tEmpty = cp + 60 + (E0 - drain * cp + fill * 60) / drain;
    const { t_s: t, values: soc } = rep.series['bess.soc']!;
    const imp = rep.series['msb.import']!.values;
    for (let k = 0; k < t.length; k++) {
      // Samples are interpolated inside steps: exact for a linear SOC (tolerance: rounding to 1e-6).
      if (t[k]! < tEmpty - 1) expect(soc[k]!).toBeCloseTo(socAt(t[k]!), 5);
      if (t[k]! < tEmpty - 1) expect(imp[k]!).toBeLessThanOrEqual(150 + 1e-3); // 1 W: interpolation and rounding
    }
    // While training with energy left the import is held at the limit exactly; at the checkpoint it is the limit too (78 kW charging).
    expect(imp[t.indexOf(600)]!).toBeCloseTo(150, 6);
    expect(imp[t.indexOf(Math.ceil((cp + 10) / 10) * 10)]!).toBeCloseTo(150, 6);
    // Empty: the storage_empty alarm lands on the hand time (the step is retaken to end there, ±1 s).
    const empty = rep.alarms.find((a) => a.kind === 'storage_empty')!;
    expect(empty.t_s).toBeCloseTo(tEmpty, 0);
    // After that the bus takes the whole 200 kW again, until the end of the hour (the next checkpoint is past it).
    expect(imp[imp.length - 1]!).toBeCloseTo(200, 6);
    const b = rep.power!.batteries[0]!;
    expect(b.time_above_limit_s).toBeCloseTo(3600 - tEmpty, 0);
    expect(b.peak_import_kw).toBeCloseTo(200, 6);
    expect(b.soc_end).toBe(0);
  });

  it('energy balance: out = 50 kW × training time, in = 78 kW × 60 s, losses = in − out − ΔE = (1 − √η)·in + (1/√η − 1)·out', () => {
    const rep = hall(BESS);
    const cp = rep.jobs[0]!.checkpoints_s[0]!;
    const tEmpty = cp + 60 + (E0 - drain * cp + fill * 60) / drain;
    const out = 50_000 * (tEmpty - 60), into = 78_000 * 60;
    const b = rep.power!.batteries[0]!;
    const KWH = 3.6e6;
    // ±0.01 kWh: the empty instant is located to within a step retake (~1e-6 of a step) and kWh are rounded to 1e-3.
    expect(b.discharged_kwh).toBeCloseTo(out / KWH, 2);
    expect(b.charged_kwh).toBeCloseTo(into / KWH, 2);
    expect(b.stored_change_kwh).toBeCloseTo(-50, 2);
    expect(b.losses_kwh).toBeCloseTo(((1 - 0.9) * into + (1 / 0.9 - 1) * out) / KWH, 2);
    // The losses count in the facility's energy, and in PUE.
    expect(rep.kpis.losses_kwh.storage).toBe(b.losses_kwh);
    expect(rep.kpis.losses_kwh.total).toBeCloseTo(rep.kpis.losses_kwh.ups + rep.kpis.losses_kwh.distribution + b.losses_kwh, 2);
    expect(rep.kpis.facility_parts_kwh.storage_losses).toBe(b.losses_kwh);
    const parts = Object.values(rep.kpis.facility_parts_kwh).reduce((x, y) => x + (y ?? 0), 0);
    expect(rep.kpis.facility_energy_kwh).toBeCloseTo(parts, 2);
  });
});

describe('a battery as a failable unit', () => {
  // Training draws 200 kW from the start; the battery gives 50 kW above the 150 kW limit, draining at 50/0.9 kW.
  const E0 = 50 * 3.6e6, drain = 50_000 / 0.9;

  it('failed off line at 600 s it holds its energy and its bus imports the whole 200 kW; repaired at 900 s it clips again', () => {
    const rep = hall(BESS, '  - { at: 600 s, fail: bess }\n  - { at: 900 s, repair: bess }');
    const { t_s: t, values: soc } = rep.series['bess.soc']!;
    const imp = rep.series['msb.import']!.values;
    const held = (E0 - drain * 600) / E0;
    expect(rep.alarms.find((a) => a.kind === 'storage_failure')?.t_s).toBe(600);
    for (const at of [610, 700, 890]) {
      expect(soc[t.indexOf(at)]!).toBeCloseTo(held, 6);
      expect(imp[t.indexOf(at)]!).toBeCloseTo(200, 6);
    }
    // Back in service: the limit holds again and the SOC falls from where it was held.
    expect(imp[t.indexOf(1000)]!).toBeCloseTo(150, 6);
    expect(soc[t.indexOf(1000)]!).toBeCloseTo((E0 - drain * 700) / E0, 6);
  });

  it('is a unit of class bess: events, the N-1 sweep and reliability reach it', () => {
    const text = powerHallText({
      duration: '1 h', rack: 'power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 1',
      power: `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  feeds: [ { loads: [racks], a: msb } ]
${BESS}`,
      extra: 'reliability: [ { target: bess, mtbf: 10000 h, mttr: 4 h } ]',
    });
    const r = loadText(text, 'b.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const m = compileModel(r.scenario);
    if (!m.ok) throw new Error(JSON.stringify(m.errors)); // the reliability entry names the class: accepted
    expect(m.model.failable.filter((u) => u.cls === 'bess').map((u) => u.id)).toEqual(['bess']);
    const sw = sweep(r.scenario, { at: 600 });
    const c = sw.cases.find((x) => x.failed === 'bess')!;
    expect(c.kind).toBe('bess');
    // Nothing in this hall depends on the clipping: the racks carry on.
    expect(c.racks_lost_power).toBe(0);
    expect(c.represented_by).toBeNull();
  });

  it('two identical batteries on one bus share a sweep run; different ones do not', () => {
    const two = (second: string) => {
      const r = loadText(powerHallText({
        duration: '30 min', rack: 'power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 1',
        power: `  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  feeds: [ { loads: [racks], a: msb } ]
  batteries:
    - { id: b1, bus: msb, energy: 50 kWh, power: 100 kW, strategy: { peak_shave: { limit: 150 kW } } }
    - { id: b2, bus: msb, energy: ${second}, power: 100 kW, strategy: { peak_shave: { limit: 150 kW } } }`,
      }), 't.yaml');
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return sweep(r.scenario, { at: 300 });
    };
    expect(two('50 kWh').cases.find((x) => x.failed === 'b2')!.represented_by).toBe('b1');
    expect(two('80 kWh').cases.find((x) => x.failed === 'b2')!.represented_by).toBeNull();
  });
});

describe('the battery in the frames (the browser\'s power charts and 3D view)', () => {
  // The same hall and job as above, run for its frames.
  const text = powerHallText(hallOptions(BESS));
  const loaded = loadText(text, 'bess.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const { frames, layout, report } = runScenario(loaded.scenario, { frameInterval: 10 });
  const at = (t: number) => { let i = 0; while (i + 1 < frames.count && frames.t[i + 1]! <= t + 1e-6) i++; return i; };
  const E0 = 50 * 3.6e6, drain = 50_000 / 0.9;

  it('the layout lists the battery with its bus, energy, power and limit', () => {
    expect(layout.batteries).toEqual([{ id: 'bess', bus: 'msb', energyKwh: 50, powerKw: 100, limitKw: 150 }]);
    expect(frames.equipment.batteries).toBe(1);
  });

  it('discharging 50 kW while training (SOC by hand), charging 78 kW at the checkpoint, empty (code 1) after, as the report says', () => {
    const cp = report.jobs[0]!.checkpoints_s[0]!;
    const i = at(600);
    expect(frames.batteryPower[i]).toBeCloseTo(50, 3);
    // A frame holds the state at the end of the step that reached its time (as every frame series): the SOC
    // is the hand count at some τ from the frame's time to one step later (steps here are under 2 min).
    const tau = ((1 - frames.batterySoc[i]!) * E0) / drain;
    expect(tau).toBeGreaterThanOrEqual(frames.t[i]! - 1e-3);
    expect(tau).toBeLessThan(frames.t[i]! + 120);
    expect(frames.batteryState[i]).toBe(0);
    const j = at(cp + 30);
    expect(frames.batteryPower[j]).toBeCloseTo(-78, 3);
    expect(frames.batteryState[j]).toBe(0);
    const last = frames.count - 1;
    expect(frames.batterySoc[last]).toBe(report.power!.batteries[0]!.soc_end);
    expect(frames.batteryPower[last]).toBe(0);
    expect(frames.batteryState[last]).toBe(1); // empty while the bus imports 200 kW over its 150 kW limit
  });

  it('failed off line (an event at 600 s, repaired at 900 s): code 2 between, working again after', () => {
    const failing = loadText(powerHallText(hallOptions(BESS, '  - { at: 600 s, fail: bess }\n  - { at: 900 s, repair: bess }')), 'fail.yaml');
    if (!failing.ok) throw new Error(JSON.stringify(failing.errors));
    const f = runScenario(failing.scenario, { frameInterval: 10 }).frames;
    const k = (t: number) => f.t.indexOf(t);
    expect([f.batteryState[k(700)], f.batteryPower[k(700)]]).toEqual([2, 0]);
    expect(f.batteryState[k(1000)]).toBe(0);
  });

  it('a bus below the limit with a full battery: standby (code 4); elements without a UPS battery have no UPS SOC', () => {
    const idle = loadText(text.replace('limit: 150 kW', 'limit: 500 kW'), 'idle.yaml');
    if (!idle.ok) throw new Error(JSON.stringify(idle.errors));
    const f = runScenario(idle.scenario, { frameInterval: 60 }).frames;
    for (let i = 1; i < f.count; i++) { expect(f.batteryState[i]).toBe(4); expect(f.batterySoc[i]).toBe(1); }
    expect(Number.isNaN(f.upsSoc[0])).toBe(true);
  });
});

describe('file errors', () => {
  const file = (ups: string, batteries = '') => loadText(`version: 1
name: t
rack_types: { r: { power: 100 kW, gpus: 8, cooling: air } }
hall:
  rows: [ { id: row-A, type: r, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 300 kW } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
power:
  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  ups: [ { id: ups, bus: msb, modules: 2, module_rating: 150 kW, ${ups} } ]
  feeds: [ { loads: [racks], a: ups } ]
${batteries}`, 't.yaml');
  const errors = (r: ReturnType<typeof file>) => (r.ok ? [] : r.errors);

  it('names the field and what it expected', () => {
    expect(errors(file('battery: 400 Ah'))).toEqual([{ path: 'power.ups[0].battery', message: expect.stringContaining('found "400 Ah" (an electric charge); or state the cells') }]);
    expect(errors(file('battery: { capacity: 400 kWh, voltage: 480 V }'))).toEqual([{ path: 'power.ups[0].battery', message: expect.stringMatching(/^capacity: expected an electric charge/) }]);
    expect(errors(file('battery: 50 kWh, bypass: { enabled: true, transfer_at: 0.9 }'))[0]!.path).toBe('power.ups[0].bypass.transfer_at');
    expect(errors(file('battery: 50 kWh', '  batteries: [ { id: b1, bus: ups, energy: 1 MWh, power: 1 MW, strategy: { peak_shave: { limit: 1 MW } } } ]')))
      .toEqual([{ path: 'power.batteries[0].bus', message: 'expected a bus id (msb), found "ups"' }]);
    expect(errors(file('battery: 50 kWh', '  batteries: [ { id: ups, bus: msb, energy: 1 MWh, power: 1 MW, strategy: { peak_shave: { limit: 1 MW } } } ]')))
      .toEqual([{ path: 'power.batteries[0].id', message: 'id "ups" is used twice in the power chain' }]);
    expect(file('battery: { capacity: 400 Ah, voltage: 480 V }, bypass: { enabled: true }').ok).toBe(true);
  });
});
