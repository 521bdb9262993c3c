/**
 * Lumped heat-up of a DLC rack whose CDU fails.
 *
 * With the CDU failed there is no TCS flow, so the rack node (coolant + cold plates, one well-mixed node)
 * is adiabatic except for its liquid heat:
 *     C·dT/dt = Q_liquid,   C = V_coolant·ρ_tcs·cp_tcs + C_structure,   Q_liquid = liquid_fraction·P_IT
 * ⇒ T(t) = T0 + (Q_liquid/C)·(t − t_fail), a straight line. Backward Euler integrates a constant-slope
 * ramp exactly (T_{n+1} = T_n + h·Q/C), whatever the step, so the only numerical error in the series is
 * the sampling: a sample takes the values at the end of the step that contains its time, and a step is
 * retaken when any node moves more than 2·max_delta_t, so |sample − T(t)| ≤ 2·max_delta_t.
 *
 * Before the failure the rack sits at its steady state with the CDU holding its supply setpoint:
 *     T0 = T_supply + Q_liquid/(ṁ·cp),   ṁ = flow_per_power·power·ρ_tcs.
 *
 * Throttle at T_throttle: t_throttle = t_fail + (T_throttle − T0)/slope. The engine locates the crossing
 * by linear interpolation within the step (exact for a ramp), so the report should agree to a few ms
 * (3-decimal rounding and the (1+1e-6)·θh landing slack); we assert 10 ms, far inside the 1 s asked for.
 * Then the GPUs cap at P_thr = min(P_IT, throttle_power_fraction·power), a new slope
 * slope₂ = liquid_fraction·P_thr/C, and trip at t_trip = t_throttle + (T_trip − T_throttle)/slope₂.
 */
import { describe, it, expect } from 'vitest';
import { CAP_TIME } from '../../sim/components/rack/throttle';
import { cappedHeatup, run, series, PG25, FLOW_PER_W, near, maxDeviation } from './util';

interface Case {
  name: string;
  power: number; // W
  idle: number; // W
  load: number;
  lf: number;
  volume: number; // m³
  structure: number; // J/K
  fraction: number;
  throttle: number; // °C
  trip: number; // °C
  supply: number; // °C
}

const cases: Case[] = [
  { name: 'defaults (132 kW, 30 L, 60 kJ/K, lf 0.85, cap 0.6)', power: 132e3, idle: 33e3, load: 1, lf: 0.85, volume: 0.03, structure: 60e3, fraction: 0.6, throttle: 50, trip: 60, supply: 30 },
  { name: 'custom (100 kW at load 0.8, 50 L, 100 kJ/K, lf 0.9, cap 0.5)', power: 100e3, idle: 20e3, load: 0.8, lf: 0.9, volume: 0.05, structure: 100e3, fraction: 0.5, throttle: 48, trip: 57, supply: 32 },
];

const T_FAIL = 300;
const MAX_DT = 0.02; // documented default max_delta_t, K per step (set explicitly: the engine's default moved)

function scenario(c: Case, solver = `{ record_interval: 0.25 s, max_delta_t: ${MAX_DT} K }`): string {
  return `
version: 1
name: heat-up ${c.name}
duration: 480 s
solver: ${solver}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r:
    power: ${c.power} W
    idle_power: ${c.idle} W
    load: ${c.load}
    liquid_fraction: ${c.lf}
    coolant_volume: ${c.volume} m^3
    structure_heat_capacity: ${c.structure} J/K
    throttle_power_fraction: ${c.fraction}
    throttle_temperature: ${c.throttle} degC
    trip_temperature: ${c.trip} degC
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 2 }
  crahs:
    - { id: crah-1, capacity: 200 kW }
cdus:
  - { id: cdu-A, supply_setpoint: ${c.supply} degC }
plant:
  supply_setpoint: 20 degC
  chillers:
    - { id: ch-1, capacity: 2 MW }
events:
  - { at: ${T_FAIL} s, fail: cdu-A }
`;
}

describe('lumped heat-up', () => {
  for (const c of cases) {
    describe(c.name, () => {
      // Hand-derived constants.
      const C = c.volume * PG25.rho * PG25.cp + c.structure; // J/K
      const pIt = c.idle + (c.power - c.idle) * c.load; // W
      const qLiq = c.lf * pIt;
      const mcp = FLOW_PER_W * c.power * PG25.rho * PG25.cp; // W/K
      const T0 = c.supply + qLiq / mcp; // steady rack coolant, °C
      const slope = qLiq / C; // K/s
      const tThrottle = T_FAIL + (c.throttle - T0) / slope;
      // Above the throttle temperature the GPU power cap falls toward f·P_design at the trip temperature,
      // with the engine's lag: the reference is that ODE, integrated finely (util.cappedHeatup).
      const capped = cappedHeatup({ C, lf: c.lf, P: pIt, Pdesign: c.power, f: c.fraction, throttle: c.throttle, trip: c.trip, tau: CAP_TIME });
      const tTrip = tThrottle + capped.tripAfter;

      const out = run(scenario(c), ['row-A-01.temperature', 'row-A-01.power', 'cdu-A.supply']);
      const rep = out.report;
      const T = series(rep, 'row-A-01.temperature');

      it('starts from the hand-solved steady state T0 = T_supply + Q_liq/(ṁ·cp) (1e-6 K)', () => {
        // Steady state is algebraic; only the report's 6-decimal rounding separates them.
        near(T.v[0]!, T0, 2e-6, 'T0');
        const before = maxDeviation(T, () => T0, 0, T_FAIL);
        expect(before.err).toBeLessThan(2e-6);
        near(series(rep, 'cdu-A.supply').v[0]!, c.supply, 2e-6, 'TCS supply at setpoint');
      });

      it('rises at Q_liquid/C after the CDU fails (|ΔT| ≤ 2·max_delta_t sampling lag)', () => {
        const dev = maxDeviation(T, (t) => T0 + slope * (t - T_FAIL), T_FAIL, tThrottle - 0.5);
        expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(2 * MAX_DT + 1e-6);
        // A least-squares slope over the ramp: the lag is a bounded, roughly constant offset, so the fitted
        // slope matches to a fraction of a per cent.
        const pts = T.t.map((t, i) => [t, T.v[i]!] as const).filter(([t]) => t > T_FAIL + 0.5 && t < tThrottle - 0.5);
        const n = pts.length;
        const mt = pts.reduce((s, p) => s + p[0], 0) / n, mv = pts.reduce((s, p) => s + p[1], 0) / n;
        const fit = pts.reduce((s, p) => s + (p[0] - mt) * (p[1] - mv), 0) / pts.reduce((s, p) => s + (p[0] - mt) ** 2, 0);
        expect(Math.abs(fit / slope - 1)).toBeLessThan(5e-3);
      });

      it('reports time to throttle = (T_throttle − T0)/slope after the failure (10 ms; required 1 s)', () => {
        const x = rep.time_to_limit['rack_throttle'];
        expect(x).toBeDefined();
        near(x!.t_s, tThrottle, 0.01, 'rack_throttle.t_s');
        near(x!.since_event_s!, tThrottle - T_FAIL, 0.01, 'rack_throttle.since_event_s');
        near(x!.value, c.throttle, 2e-3, 'value at throttle');
      });

      it('trips when the capped heat-up reaches the trip temperature: C·dT/dt = lf·min(P, y·P_d), τ·dy/dt = y*(T) − y (0.1 s; required 1 s)', () => {
        // The engine holds the cap over each step and moves it from the step-end temperature (an explicit lag,
        // steps held to τ/5 while it moves): first order in the step. Measured 17 ms off with TR-BDF2's
        // longer steps (1.3 ms with backward Euler's); 0.1 s bounds it, the requirement is 1 s.
        const x = rep.time_to_limit['rack_trip'];
        expect(x).toBeDefined();
        near(x!.t_s, tTrip, 0.1, 'rack_trip.t_s');
        near(x!.since_event_s!, tTrip - T_FAIL, 0.1, 'rack_trip.since_event_s');
        // The throttled segment follows the reference temperature, and the power its cap.
        const dev = maxDeviation(T, (t) => capped.at(t - tThrottle).T, tThrottle + 0.5, tTrip - 0.5);
        expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(0.1);
        const P = series(rep, 'row-A-01.power');
        const mid = P.t.findIndex((t) => t > (tThrottle + tTrip) / 2);
        const ref = Math.min(pIt, capped.at(P.t[mid]! - tThrottle).y * c.power) / 1000;
        near(P.v[mid]!, ref, 0.01 * ref, 'capped power kW (1 %)');
        near(P.v[P.v.length - 1]!, 0, 0, 'tripped power');
        // Tripped and without flow, the node neither heats nor cools: it holds the trip temperature.
        const after = maxDeviation(T, () => c.trip, tTrip + 0.5);
        expect(after.err).toBeLessThan(2e-3);
        expect(rep.kpis.racks_tripped).toBe(2);
      });
    });
  }

  // The same ramp with NO solver block, i.e. the default solver. docs/scenario-format.md documents
  // max_delta_t = 0.02 K by default, so a sample may lag the ramp by at most 2 × 0.02 K. The engine now
  // defaults to max_delta_t = 0.5 K plus a local-error control (sim/scenario/defaults.ts), which sees zero
  // error on a straight ramp (BE is exact there) and lets steps grow to ~0.5–1 K; samples take the value
  // at the END of the step containing them (simulation.ts recordThrough), so they run up to ~0.45 K ahead
  // of the true T(t). Either the sample should be interpolated within the step (exact for a ramp, and
  // consistent with first order elsewhere) or the documented default is wrong.
  it('default solver: the sampled series follows the ramp within 2 × documented max_delta_t (0.04 K)', () => {
    const c = cases[0]!;
    const C = c.volume * PG25.rho * PG25.cp + c.structure;
    const mcp = FLOW_PER_W * c.power * PG25.rho * PG25.cp;
    const T0 = c.supply + (c.lf * c.power) / mcp, slope = (c.lf * c.power) / C;
    const tThrottle = T_FAIL + (c.throttle - T0) / slope;
    const T = series(run(scenario(c, '{ record_interval: 0.25 s }'), ['row-A-01.temperature']).report, 'row-A-01.temperature');
    const dev = maxDeviation(T, (t) => T0 + slope * (t - T_FAIL), T_FAIL, tThrottle - 0.5);
    expect(dev.err, `worst at t=${dev.t}: sample ${T.v[T.t.indexOf(dev.t)]} vs T(t) = ${T0 + slope * (dev.t - T_FAIL)}`).toBeLessThanOrEqual(2 * MAX_DT + 1e-6);
  });

  describe('immersion tank whose exchanger fails', () => {
    // Bath node C = fluid_volume·ρ·cp + structure = 1.5·800·2100 + 200 000 = 2.72 MJ/K; all heat to the
    // liquid. Default circulation gives a 5 K rise at design: T0 = 40 °C + 5 K = 45 °C. After `fail:
    // tank-1-hx` there is no flow: T = T0 + (P/C)·(t − t_fail), throttle at 50 °C after 5·C/P = 136 s.
    const P = 100e3, C = 1.5 * 800 * 2100 + 200e3, slope = P / C, T0 = 45, TF = 100, DT = 0.01;
    const tThrottle = TF + (50 - T0) / slope;
    const rep = run(`
version: 1
name: immersion heat-up
duration: 300 s
solver: { record_interval: 1 s, max_delta_t: ${DT} K }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
hall:
  immersion_tanks: [ { id: tank-1, power: ${P / 1000} kW } ]
  crahs: [ { id: crah-1, capacity: 50 kW } ]
plant:
  supply_setpoint: 25 degC
  chillers: [ { id: ch-1, capacity: 1 MW } ]
events:
  - { at: ${TF} s, fail: tank-1-hx }
`, ['tank-1.temperature']).report;
    const T = series(rep, 'tank-1.temperature');

    it('starts at 45 °C (1e-6) and rises at P/C (2·max_delta_t)', () => {
      near(T.v[0]!, T0, 2e-6, 'T0');
      const dev = maxDeviation(T, (t) => (t <= TF ? T0 : T0 + slope * (t - TF)), 0, tThrottle - 1);
      expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(2 * DT + 1e-6);
    });

    it('throttles (T_throttle − T0)·C/P = 136 s after the failure (10 ms)', () => {
      near(rep.time_to_limit['rack_throttle']!.t_s, tThrottle, 0.01, 'tank throttle');
    });
  });
});
