/**
 * Time-to-limit accuracy: the adaptive integrator against a fixed 0.1 s step on the same failure drill.
 *
 * Neither run is "exact", but both converge to the same solution: the fixed run's backward-Euler error
 * is O(h/τ) with h/τ ≤ 0.1/13.6 for the fastest node (a rack), and the adaptive run keeps every node's
 * per-step change under max_delta_t. Crossings of throttle/trip limits are located inside a step by
 * linear interpolation and the step is retaken to land on them, so both should agree on every
 * first-crossing time to well under the required 1 s, and on peak temperatures to 0.1 K.
 *
 * The drill (from steady state):
 *   300 s  cdu-A fails for good       → row A heats at Q_liq/C, throttles, trips
 *   300 s  cdu-B fails, 318 s repaired → row B peaks at 49.7 °C, 0.3 K short of throttling (a near miss)
 *   300 s  one of two CRAHs fails      → the other runs at capacity, hall air and inlet rise
 * with a time-varying load on row C so the sources are not piecewise constant.
 * The throttle time is also checked against the hand value (T_throttle − T0)·C/(lf·P), and the trip time
 * against the capped heat-up ODE (util.cappedHeatup).
 *
 * Second part — a SLOW crossing. A time-to-limit error is a temperature error divided by the slope at the
 * crossing, so a rack at 0.6 K/s is easy and a hall warming at 8e-4 K/s (air + concrete, see
 * hall-air.test.ts) is hard: 1 s there is 8e-4 K. We take the hall of hall-air.test.ts, make the
 * air-cooled rack throttle at 35 °C inlet (= hall air, no CRAH running), and solve the two-node closed
 * form Ta(t) = T0 + (Q·s + C_m·d(s))/(C_a + C_m) for the crossing by bisection.
 */
import { describe, it, expect } from 'vitest';
import { CAP_TIME } from '../../sim/components/rack/throttle';
import { cappedHeatup, run, series, PG25, AIR, FLOW_PER_W, near, maxDeviation } from './util';

const yaml = (solver: string) => `
version: 1
name: failure drill
duration: 900 s
solver: ${solver}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r: { power: 132 kW, idle_power: 33 kW, load: 1 }
hall:
  air_volume: 1500 m^3
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 4 }
    - { id: row-B, type: r, cdu: cdu-B, count: 4 }
    - { id: row-C, cdu: cdu-C, count: 4, racks: [ { id: c1, type: r, load: "0.8 + 0.2*sin(2*pi*t/240)" }, { id: c2, type: r }, { id: c3, type: r }, { id: c4, type: r } ] }
  crahs:
    - { id: crah-1, capacity: 150 kW }
    - { id: crah-2, capacity: 150 kW }
cdus:
  - { id: cdu-A }
  - { id: cdu-B }
  - { id: cdu-C }
plant:
  supply_setpoint: 20 degC
  chillers:
    - { id: ch-1, capacity: 3 MW }
events:
  - { at: 300 s, fail: cdu-A }
  - { at: 300 s, fail: cdu-B }
  - { at: 300 s, fail: crah-1 }
  - { at: 318 s, repair: cdu-B }
`;

const probes = ['row-A-01.temperature', 'row-B-01.temperature', 'c1.temperature', 'cdu-B.supply', 'cdu-B.return', 'hall.air', 'hall.inlet'];

describe('time-to-limit: adaptive vs fixed 0.1 s step', () => {
  const adaptive = run(yaml('{ record_interval: 1 s }'), probes).report;
  const fixed = run(yaml('{ record_interval: 1 s, fixed_step: 0.1 s }'), probes).report;

  it('both runs see the same limit crossings', () => {
    expect(Object.keys(adaptive.time_to_limit).sort()).toEqual(Object.keys(fixed.time_to_limit).sort());
    expect(adaptive.time_to_limit['rack_throttle']).toBeDefined();
    expect(adaptive.time_to_limit['rack_trip']).toBeDefined();
  });

  it('first-crossing times agree within 1 s (and since_event_s too)', () => {
    for (const [kind, a] of Object.entries(adaptive.time_to_limit)) {
      const f = fixed.time_to_limit[kind]!;
      near(a.t_s, f.t_s, 1, `${kind}.t_s`);
      if (a.since_event_s !== null) near(a.since_event_s, f.since_event_s!, 1, `${kind}.since_event_s`);
      expect(a.component).toBe(f.component);
    }
  });

  it('throttle time matches the lumped heat-up by hand (10 ms), trip time the capped heat-up ODE (0.1 s)', () => {
    const C = 0.03 * PG25.rho * PG25.cp + 60e3, mcp = FLOW_PER_W * 132e3 * PG25.rho * PG25.cp;
    const T0 = 30 + (0.85 * 132e3) / mcp;
    const t1 = 300 + ((50 - T0) * C) / (0.85 * 132e3);
    // Capped heat-up from 50 to 60 °C (cap toward 0.6 at the trip temperature, lag CAP_TIME).
    const t2 = t1 + cappedHeatup({ C, lf: 0.85, P: 132e3, Pdesign: 132e3, f: 0.6, throttle: 50, trip: 60, tau: CAP_TIME }).tripAfter;
    for (const rep of [adaptive, fixed]) {
      near(rep.time_to_limit['rack_throttle']!.t_s, t1, 0.01, 'throttle');
      // The cap is held over each step (first order in the step, steps ≤ τ/5 while it moves): 72 ms
      // measured on the adaptive run; 0.1 s bounds it (required: 1 s).
      near(rep.time_to_limit['rack_trip']!.t_s, t2, 0.1, 'trip');
    }
  });

  it('peak temperatures (KPIs) agree within 0.1 K', () => {
    for (const key of ['peak_rack_inlet_c', 'peak_tcs_supply_c', 'peak_rack_coolant_c', 'peak_fws_supply_c'] as const) {
      near(adaptive.kpis[key]!, fixed.kpis[key]!, 0.1, key);
    }
    expect(adaptive.kpis.racks_throttled).toBe(fixed.kpis.racks_throttled);
    expect(adaptive.kpis.racks_tripped).toBe(fixed.kpis.racks_tripped);
  });

  it('per-series peaks agree within 0.1 K', () => {
    // (Whole sampled series are not compared: samples take step-end values, so on a steep ramp a long
    // adaptive step shifts them; heatup.test.ts checks sampling against the closed form.)
    for (const p of probes) {
      const a = series(adaptive, p), f = series(fixed, p);
      expect(a.t).toEqual(f.t);
      near(Math.max(...a.v), Math.max(...f.v), 0.1, `peak of ${p}`);
    }
  });
});

describe('time-to-limit on a slow crossing (hall warm-up, inlet throttle at 35 °C)', () => {
  const T_FAIL = 600, LIMIT = 35;
  const CA = 3000 * AIR.rho * AIR.cp, CM = 110e6, UA = 20e3, LAMBDA = UA * (1 / CA + 1 / CM);
  const Q = 80e3, T0 = 24 + (Q + 0.015 * 150e3) / (150e3 / 12);
  const AMP = Q / (CA * LAMBDA);
  const Ta = (t: number) => (t <= T_FAIL ? T0 : T0 + (Q * (t - T_FAIL) + CM * AMP * (1 - Math.exp(-LAMBDA * (t - T_FAIL)))) / (CA + CM));
  let lo = T_FAIL, hi = 1e5;
  for (let i = 0; i < 200; i++) { const m = (lo + hi) / 2; if (Ta(m) < LIMIT) lo = m; else hi = m; }
  const tStar = lo; // ≈ 1566.38 s
  const slope = (Ta(tStar + 0.5) - Ta(tStar - 0.5)); // K/s ≈ 7.8e-4
  const yaml = (solver: string) => `
version: 1
name: slow crossing
duration: 1700 s
solver: ${solver}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
# No hall lighting: the closed form's heat is the rack and other_heat.
facility: { lighting: 0 W/m^2 }
rack_types:
  air: { cooling: air, power: 60 kW, idle_power: 15 kW, load: 1, inlet_throttle: ${LIMIT} degC, inlet_trip: 70 degC }
hall:
  other_heat: 20 kW
  rows:
    - { id: row-A, type: air, count: 1 }
  crahs:
    - { id: crah-1, capacity: 150 kW }
plant:
  supply_setpoint: 15 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
events:
  - { at: ${T_FAIL} s, fail: crah-1 }
`;
  const H = 0.1;
  const fixed = run(yaml(`{ fixed_step: ${H} s, record_interval: 0.1 s }`), ['hall.air']).report;
  const adaptive = run(yaml('{ record_interval: 1 s }'), ['hall.air']).report;
  const tight = run(yaml('{ record_interval: 1 s, error_tolerance: 0.0002 K, max_step: 1 s }'), ['hall.air']).report;

  it('premise: the crossing is slow (slope < 1e-3 K/s) and ~966 s after the failure', () => {
    expect(slope).toBeGreaterThan(5e-4);
    expect(slope).toBeLessThan(1e-3);
    expect(tStar - T_FAIL).toBeGreaterThan(900);
  });

  it('fixed 0.1 s step: hall air matches the closed form before the crossing to the BE bound (λh/2)·e⁻¹·(1+λh)·C_m·d∞/(C_a+C_m)', () => {
    // Only the decaying mode carries BE error; its amplitude in Ta is C_m·d∞/(C_a+C_m).
    const bound = ((LAMBDA * H) / 2) * Math.exp(-1) * (1 + LAMBDA * H) * ((CM * AMP) / (CA + CM));
    const dev = maxDeviation(series(fixed, 'hall.air'), Ta, 0, tStar - 2);
    expect(dev.err, `worst at ${dev.t}`).toBeLessThanOrEqual(bound + 2e-6);
    // Near the crossing the decaying mode is gone: the temperature there is right to ~1e-4 K, i.e. the
    // integration alone would put the crossing within 1e-4/slope ≈ 0.13 s.
    expect(maxDeviation(series(fixed, 'hall.air'), Ta, tStar - 60, tStar - 2).err).toBeLessThan(1e-4);
  });

  // Was an engine bug (limits applied 1e-3 K early on every step); the slack is now rounding-sized and
  // a retake that falls short of the crossing is corrected by one secant step.
  it('fixed 0.1 s step: inlet throttle reported within 1 s of the closed-form crossing, with value ≥ limit', () => {
    const x = fixed.time_to_limit['rack_throttle']!;
    expect(x).toBeDefined();
    near(x.t_s, tStar, 1, 'rack_throttle.t_s (fixed step)');
    expect(x.value).toBeGreaterThanOrEqual(LIMIT);
  });

  // Default adaptive accuracy: the crossing-time error is (temperature error at the crossing)/slope, so
  // 1 s here needs ~8e-4 K. Backward Euler's global error on this slow mode is a few × error_tolerance
  // (default 0.002 K) plus the stretch of the 172 s mode (BE decays it as (1+λh)^-n): seconds late at
  // 7.8e-4 K/s. With h ≤ 1 s (λh = 0.006) the stretch costs < 0.3 s and 1 s is met; the
  // default meets the documented bound below. (A second-order integrator would remove the trade-off.)
  it('adaptive with error_tolerance 0.0002 K and max_step 1 s: inlet throttle within 1 s of the closed-form crossing', () => {
    const x = tight.time_to_limit['rack_throttle']!;
    expect(x).toBeDefined();
    near(x.t_s, tStar, 1, 'rack_throttle.t_s (adaptive, error_tolerance 0.0002 K)');
  });

  it('adaptive (default solver): within the documented-accuracy bound 5·error_tolerance/slope', () => {
    const x = adaptive.time_to_limit['rack_throttle']!;
    near(x.t_s, tStar, (5 * 0.002) / slope, 'rack_throttle.t_s');
  });
});
