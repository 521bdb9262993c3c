/**
 * Chiller staging (sim/components/chiller/staging.ts): how many chillers run at this load.
 *
 * Rule (docs/scenario-format.md, plant.chiller_staging), with c the capacity of one chiller at the
 * condition and D the duty the chillers must remove to hold the FWS setpoint:
 *   stage up from n when D > 0.9·n·c has held 15 min, or at once when D > n·c (a shortfall);
 *   stage down from n when D < 0.8·(n − 1)·c has held 15 min and the chiller to stop has run 15 min.
 *
 * The hall is built so that D is the racks' power and nothing else, known in closed form at every time:
 * air-cooled racks with no idle power, CRAH fans stated 0 W, no hall lighting, no FWS pumps (pump_head 0),
 * a hall with no structure mass and a small FWS loop, so nothing stores heat on the way (what the small
 * air and water volumes do store is a few hundred W at these ramps: well inside the tolerance below).
 * Every chiller is at the DOE-2 reference condition (6.67 °C leaving, 25.4 °C wet bulb + 4 K = 29.4 °C
 * entering): c = 100 kW · CAPFT(6.67, 29.4) = 100 kW · 1.003342.
 *
 * Times are compared within 30 s: the probe is sampled every 10 s, and the few hundred W of heat the
 * volumes store at a ramp of 380 kW / 12 h (8.8 W/s) shift a threshold crossing by well under 30 s.
 */
import { describe, it, expect } from 'vitest';
import { run, series } from './util';
import { loadText, runScenario } from '../../sim/api';

const CAPFT_REF = 1.003342; // DOE-2 Centrifugal/5.50COP at 6.67/29.4 °C (chiller.test.ts checks it by hand)
const C = 100e3 * CAPFT_REF;
const PEAK = 380e3, HALF = 43200;

function yaml(load: string, duration: number, chillers = 4, extra = ''): string {
  return `
version: 1
name: staging
duration: ${duration} s
solver: { record_interval: 10 s }
weather: { kind: constant, dry_bulb: 32 degC, wet_bulb: 25.4 degC }
rack_types:
  air: { cooling: air, power: ${PEAK / 1000} kW, idle_power: 0 kW, load: "${load}", inlet_throttle: 60 degC, inlet_trip: 70 degC }
facility: { lighting: 0 W/m^2 }
hall:
  air_volume: 10 m^3
  structure_heat_capacity: 0 J/K
  rows: [ { id: row-A, type: air, count: 1 } ]
  crahs: [ { id: crah-1, capacity: 500 kW, fan_power: 0 kW } ]
plant:
  supply_setpoint: 6.67 degC
  loop_volume: 0.1 m^3
  pump_head: 0 m
  chillers:
${Array.from({ length: chillers }, (_, i) => `    - { id: ch-${i + 1}, capacity: 100 kW, cop: 5.5, condenser: tower, condenser_approach: 4 K }`).join('\n')}
${extra}`;
}

/** Times at which the running count changes, with the count it changes to. */
function changes(s: { t: number[]; v: number[] }): { t: number; n: number }[] {
  const out: { t: number; n: number }[] = [];
  for (let i = 1; i < s.v.length; i++) if (s.v[i] !== s.v[i - 1]) out.push({ t: s.t[i]!, n: s.v[i]! });
  return out;
}

describe('chiller staging on a load ramp (triangle 0 → 380 kW at 12 h → 0 at 24 h)', () => {
  // D(t) = 380 kW · (1 − |t − 12 h| / 12 h).
  const out = run(yaml(`1 - abs(t - ${HALF}) / ${HALF}`, 2 * HALF), ['plant.chillers_running', 'plant.chiller_demand', 'plant.fws_supply']);
  const running = series(out.report, 'plant.chillers_running');
  const rising = (d: number) => (d / PEAK) * HALF; // time D reaches d on the way up
  const falling = (d: number) => 2 * HALF - (d / PEAK) * HALF; // … and on the way down

  it('the demand the controller reads is the racks\' power (1 %)', () => {
    const d = series(out.report, 'plant.chiller_demand');
    for (const t of [7200, 30000, 43200, 60000]) {
      const i = d.t.findIndex((x) => x >= t);
      expect(Math.abs(d.v[i]! * 1000 - PEAK * (1 - Math.abs(d.t[i]! - HALF) / HALF))).toBeLessThan(0.01 * PEAK);
    }
  });

  it('stages up 15 min after D passes 0.9·n·c, down 15 min after D falls below 0.8·(n − 1)·c, and nothing else', () => {
    const expected = [
      // No demand at t = 0: nothing runs; the first watt is a shortfall and starts ch-1 at the first step end.
      { t: 0, n: 1 },
      { t: rising(0.9 * 1 * C) + 900, n: 2 },
      { t: rising(0.9 * 2 * C) + 900, n: 3 },
      { t: rising(0.9 * 3 * C) + 900, n: 4 },
      { t: falling(0.8 * 3 * C) + 900, n: 3 },
      { t: falling(0.8 * 2 * C) + 900, n: 2 },
      { t: falling(0.8 * 1 * C) + 900, n: 1 },
    ];
    expect(running.v[0]).toBe(0);
    const got = changes(running);
    expect(got.map((c) => c.n)).toEqual(expected.map((c) => c.n));
    got.forEach((c, i) => expect(Math.abs(c.t - expected[i]!.t), `change ${i} to ${c.n} at ${c.t} s, expected ${expected[i]!.t.toFixed(0)} s`).toBeLessThanOrEqual(30));
  });

  it('the frames say which chillers stand by (code 4, staged off) and which cool (0): none at t = 0, four at the peak, one at the end', () => {
    const loaded = loadText(yaml(`1 - abs(t - ${HALF}) / ${HALF}`, 2 * HALF), 'staging.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const f = runScenario(loaded.scenario, { frameInterval: 600 }).frames;
    const codes = (i: number) => Array.from(f.chillerState.subarray(i * 4, i * 4 + 4));
    expect(codes(0)).toEqual([4, 4, 4, 4]);
    expect(codes(f.t.indexOf(HALF))).toEqual([0, 0, 0, 0]);
    expect(codes(f.count - 1)).toEqual([0, 4, 4, 4]);
  });

  it('reports each chiller\'s starts: one each (the lead started from nothing at t = 0)', () => {
    for (const id of ['ch-1', 'ch-2', 'ch-3', 'ch-4']) expect(out.report.final[id]!.starts, id).toBe(1);
    expect(out.report.final['plant']!.chillers_running).toBe(1);
  });

  it('holds the FWS setpoint: a stage up at 0.9 leaves 10 % for the 90 s start (0.01 K after the first start)', () => {
    // The only excursion: t = 0, when nothing runs and ch-1 needs 90 s to cool (the racks draw ~0 W then).
    const fws = series(out.report, 'plant.fws_supply');
    for (let i = 0; i < fws.t.length; i++) if (fws.t[i]! >= 300) expect(Math.abs(fws.v[i]! - 6.67), `FWS supply at ${fws.t[i]} s`).toBeLessThan(0.01);
    expect(out.report.kpis.peak_fws_supply_c).toBeLessThan(6.67 + 0.1);
    expect(out.report.kpis.racks_throttled).toBe(0);
  });
});

describe('no chatter', () => {
  it('a demand swinging ±5 kW across the stage-up threshold every 20 min never holds 15 min above it: one chiller throughout', () => {
    // D = 0.9·c − 5 kW·cos(2πt/1200): above 0.9·c for 10 min of every 20, below c always (no shortfall).
    const load = `(${0.9 * C} - 5000 * cos(2 * pi * t / 1200)) / ${PEAK}`;
    const out = run(yaml(load, 6 * 3600, 2), ['plant.chillers_running']);
    const s = series(out.report, 'plant.chillers_running');
    expect(new Set(s.v)).toEqual(new Set([1]));
    expect(out.report.final['ch-2']!.starts).toBe(0);
  });

  it('a demand between the thresholds (0.8·c < D < 0.9·2·c… on two chillers) changes nothing once staged', () => {
    // 150 kW on 100 kW chillers: two run (150 > 0.9·c); stopping one needs D < 0.8·c = 80 kW. Steady: no change in 6 h.
    const out = run(yaml(`${150e3 / PEAK}`, 6 * 3600, 3), ['plant.chillers_running']);
    const s = series(out.report, 'plant.chillers_running');
    expect(new Set(s.v)).toEqual(new Set([2]));
  });

  it('stage_down at or above stage_up is refused, naming the field', () => {
    expect(() => run(yaml('0.5', 3600, 2, '  chiller_staging: { stage_up: 0.8, stage_down: 0.85 }'))).toThrow(/plant\.chiller_staging\.stage_down/);
  });
});

describe('a running chiller trips (N+1 with a stand-by)', () => {
  it('the stand-by starts at once and cools after its restart delay; min_run_time keeps it on after the repair', () => {
    // 150 kW on 3 × 100 kW: ch-1 and ch-2 run. ch-1 trips at 1 h: 150 kW > c is a shortfall, ch-3 starts at
    // once and cools from 1 h + 90 s. ch-1, repaired at 2 h, is a stand-by: two still carry 150 kW.
    const events = `events:
  - { at: 1 h, fail: ch-1 }
  - { at: 2 h, repair: ch-1 }`;
    const out = run(yaml(`${150e3 / PEAK}`, 4 * 3600, 3, events), ['plant.chillers_running', 'plant.chiller_heat']);
    const n = series(out.report, 'plant.chillers_running');
    const heat = series(out.report, 'plant.chiller_heat');
    const at = (s: { t: number[]; v: number[] }, t: number) => s.v[s.t.findIndex((x) => x >= t)]!;
    expect(at(n, 3590)).toBe(2);
    expect(at(n, 3610)).toBe(2); // ch-1 out, ch-3 in (starting)
    expect(at(heat, 3650)).toBeLessThan(C / 1000 + 0.5); // ch-2 alone cools during the start: at most its capacity
    expect(at(heat, 3700)).toBeGreaterThan(140); // ch-3 cools from 3690 s
    expect(at(n, 4 * 3600 - 10)).toBe(2);
    expect(out.report.final['ch-1']!.state).toBe('standby');
    expect(out.report.final['ch-3']!.state).toBe('normal');
    expect(out.report.final['ch-3']!.starts).toBe(1);
  });
});

describe('a shortfall that begins inside a long step', () => {
  // Load 0 until 5,000 s, then a ramp of 380 kW/h on 200 kW chillers: ch-1 starts at once when the ramp
  // begins (a shortfall of nothing running), ch-2 when D passes one chiller, D = 200 kW · CAPFT_REF at
  // t = 5000 + 200.67/380 · 3600 = 6,901 s (the stage_up hold, from 0.9·c at 6,705 s, would end later, at
  // 7,605 s). The steps are long on the ramp (the rack heat is smooth): before, the stand-by started at the
  // end of the step that first showed the shortfall; now the step is retaken to end where it begins.
  const hall = (solver: string) => yaml('min(1, max(0, (t - 5000) / 3600))', 4 * 3600, 3, '')
    .replace('solver: { record_interval: 10 s }', `solver: { record_interval: 1 s${solver} }`)
    .replace(/capacity: 100 kW/g, 'capacity: 200 kW');
  const crossing = 5000 + ((200e3 * CAPFT_REF) / PEAK) * 3600;

  it('the stand-by starts where D crosses the running chiller\'s capacity, as in a fine-step run, and the peak FWS supply is that run\'s', () => {
    const probes = ['plant.chillers_running', 'plant.fws_supply'];
    const out = run(hall(''), probes);
    // The fine reference: steps of at most 1 s find the shortfall within 1 s whatever the locating does.
    const fine = run(hall(', max_step: 1 s'), probes);
    const second = (o: typeof out) => { const n = series(o.report, 'plant.chillers_running'); return n.t[n.v.findIndex((v) => v >= 2)]!; };
    // The closed form within the suite's 30 s (heat the small volumes store delays D a few seconds).
    expect(second(out)).toBeGreaterThanOrEqual(crossing - 1);
    expect(second(out)).toBeLessThanOrEqual(crossing + 30);
    expect(Math.abs(second(out) - second(fine))).toBeLessThanOrEqual(1); // samples every 1 s
    const peak = (o: typeof out) => Math.max(...series(o.report, 'plant.fws_supply').v);
    expect(Math.abs(peak(out) - peak(fine))).toBeLessThan(0.03);
    expect(out.report.steps).toBeLessThan(fine.report.steps / 10);
  });
});
