/**
 * The closed-form checks behind docs/physics.md: each runs the engine (through the public API) on a case
 * whose answer can be written down by hand, and returns {expected, got, tolerance}. One home for them:
 * `test/physics/closed-form.test.ts` asserts every row within its tolerance AND that the table in
 * docs/physics.md is the one these results give; `npm run docs:physics` (scripts/docs-physics.ts) writes
 * that table. So the page can only show numbers the engine computed, and it cannot go stale unnoticed.
 *
 * The detailed suites (heatup, exponential, hx, pumps, …: the `test` field of each group) probe the same
 * laws more finely (whole series, more parameters); these are the headline numbers, one row per claim,
 * each chosen to run in well under a second.
 */
import { powerHallText } from '../power/hall';
import { heatReuse } from '../heat-reuse/checks';
import { CAP_TIME } from '../../sim/components/rack/throttle';
import type { Report } from '../../sim/api';
import { cappedHeatup, run, series, at, epsCounterflow, maxDeviation, chillerPowerByHand, biquadratic, DOE2, PG25, WATER, AIR, FLOW_PER_W, G0 } from './util';

export interface CheckRow {
  /** What is compared, in words (the law and the quantity). */
  check: string;
  unit: string;
  expected: number;
  got: number;
  /** Allowed |got − expected| (mode 'abs', in `unit`) or |got/expected − 1| (mode 'rel'). */
  tolerance: number;
  mode: 'abs' | 'rel';
}

export interface CheckGroup {
  /** The component or law, as the page's sections name it. */
  component: string;
  /** The detailed test file for the same law. */
  test: string;
  rows(): CheckRow[];
}

/** |got − expected| (abs) or |got/expected − 1| (rel): what the tolerance bounds. */
export const errorOf = (r: CheckRow): number => r.mode === 'abs' ? Math.abs(r.got - r.expected) : Math.abs(r.got / r.expected - 1);
export const passes = (r: CheckRow): boolean => errorOf(r) <= r.tolerance;

const HOUR = 3600;
const last = (rep: Report, name: string) => { const s = series(rep, name); return s.v[s.v.length - 1]!; };

// ---------------------------------------------------------------------------------------------------------
// Rack: lumped heat-up after its CDU fails, then the GPU power cap, then the trip (heatup.test.ts).
// C = V·ρ·cp + C_structure; before: T0 = T_s + Q_liq/(ṁcp); after: dT/dt = Q_liq/C until the throttle
// temperature, then C·dT/dt = lf·min(P, y·P_d), τ·dy/dt = y*(T) − y to the trip (RK4 at 1 ms).
const rack: CheckGroup = {
  component: 'Rack (DLC) heat-up',
  test: 'test/physics/heatup.test.ts',
  rows() {
    const P = 132e3, LF = 0.85, T_FAIL = 300, SUPPLY = 30;
    const C = 0.03 * PG25.rho * PG25.cp + 60e3;
    const mcp = FLOW_PER_W * P * PG25.rho * PG25.cp;
    const T0 = SUPPLY + (LF * P) / mcp;
    const tThrottle = T_FAIL + ((50 - T0) * C) / (LF * P);
    const capped = cappedHeatup({ C, lf: LF, P, Pdesign: P, f: 0.6, throttle: 50, trip: 60, tau: CAP_TIME });
    const rep = run(`
version: 1
name: heat-up
duration: 480 s
solver: { record_interval: 1 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types: { r: { power: 132 kW, idle_power: 33 kW, load: 1, liquid_fraction: ${LF} } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 200 kW } ]
cdus: [ { id: cdu-A, supply_setpoint: ${SUPPLY} degC } ]
plant: { supply_setpoint: 20 degC, chillers: [ { id: ch-1, capacity: 2 MW } ] }
events: [ { at: ${T_FAIL} s, fail: cdu-A } ]
`, ['row-A-01.temperature']).report;
    return [
      { check: 'steady coolant T0 = T_s + lf·P/(ṁ·cp)', unit: '°C', expected: T0, got: series(rep, 'row-A-01.temperature').v[0]!, tolerance: 2e-6, mode: 'abs' },
      { check: 'time to throttle = t_fail + (T_thr − T0)·C/(lf·P)', unit: 's', expected: tThrottle, got: rep.time_to_limit['rack_throttle']!.t_s, tolerance: 0.01, mode: 'abs' },
      { check: 'time to trip: capped heat-up ODE (RK4, 1 ms)', unit: 's', expected: tThrottle + capped.tripAfter, got: rep.time_to_limit['rack_trip']!.t_s, tolerance: 0.1, mode: 'abs' },
      { check: 'energy balance (in − rejected − stored)/in', unit: '', expected: 0, got: rep.energy_balance.error_rel, tolerance: 1e-9, mode: 'abs' },
    ];
  },
};

// Immersion tank whose exchanger fails: bath C = V·ρ·cp + C_structure, T0 = 40 °C + 5 K design rise,
// throttle at 50 °C after (50 − 45)·C/P.
const immersion: CheckGroup = {
  component: 'Immersion tank heat-up',
  test: 'test/physics/heatup.test.ts',
  rows() {
    const P = 100e3, C = 1.5 * 800 * 2100 + 200e3, TF = 100;
    const rep = run(`
version: 1
name: immersion heat-up
duration: 300 s
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
hall:
  immersion_tanks: [ { id: tank-1, power: ${P / 1000} kW } ]
  crahs: [ { id: crah-1, capacity: 50 kW } ]
plant: { supply_setpoint: 25 degC, chillers: [ { id: ch-1, capacity: 1 MW } ] }
events: [ { at: ${TF} s, fail: tank-1-hx } ]
`).report;
    return [{ check: 'time to throttle = t_fail + (50 − 45 °C)·C/P', unit: 's', expected: TF + (5 * C) / P, got: rep.time_to_limit['rack_throttle']!.t_s, tolerance: 0.01, mode: 'abs' }];
  },
};

// ---------------------------------------------------------------------------------------------------------
// The integrator: a node with τ = 10 min stepped 10 K from its steady state, default solver settings
// (slow-approach.test.ts), and the same fast node at two fixed steps to measure the order (exponential.test.ts).
/**
 * A DLC rack node with τ = C/(ṁcp) = 10 min (all heat to liquid, no coolant volume, C = 600 s·ṁcp) whose CDU
 * holds its supply at setpoint, and a load step `from` → `to` at T_STEP that moves its steady state by
 * 10 K per unit of load (100 kW·ΔL/ṁcp). Also slow-approach.test.ts's case.
 */
export const SLOW = (() => {
  const P = 100e3, SUPPLY = 30, TAU = 600, T_STEP = 60, mcp = FLOW_PER_W * P * PG25.rho * PG25.cp;
  return { P, SUPPLY, TAU, T_STEP, mcp };
})();

export const slowApproachScenario = (from: number, to: number) => `
version: 1
name: slow approach
duration: ${SLOW.T_STEP + 5 * SLOW.TAU + 60} s
solver: { record_interval: 60 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r: { power: 100 kW, idle_power: 0 kW, liquid_fraction: 1, load: ${from}, coolant_volume: 0 m^3, structure_heat_capacity: ${SLOW.TAU * SLOW.mcp} J/K, throttle_temperature: 90 degC, trip_temperature: 95 degC }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 1 } ]
  crahs: [ { id: crah-1, capacity: 50 kW } ]
cdus:
  - { id: cdu-A, supply_setpoint: ${SLOW.SUPPLY} degC, loop_volume: 2 m^3, design_approach: 2 K }
plant: { supply_setpoint: 18 degC, chillers: [ { id: ch-1, capacity: 1 MW } ] }
events:
  - { at: ${SLOW.T_STEP} s, set: row-A.load, value: ${to} }
`;

const slowApproach: CheckGroup = {
  component: 'Integrator (TR-BDF2) accuracy',
  test: 'test/physics/slow-approach.test.ts',
  rows() {
    const { P, SUPPLY, TAU, T_STEP, mcp } = SLOW;
    const T = series(run(slowApproachScenario(1, 0), ['row-A-01.temperature']).report, 'row-A-01.temperature');
    const excess0 = P / mcp;
    return [1, 3, 5].map((k) => ({
      check: `default solver, τ = 10 min: excess T − T∞ at ${k}τ = ΔT·e^(−${k})`, unit: 'K',
      expected: excess0 * Math.exp(-k), got: T.v[T.t.indexOf(T_STEP + k * TAU)]! - SUPPLY, tolerance: 0.005, mode: 'rel' as const,
    }));
  },
};

/** τ = C/(ṁcp) of the default 132 kW rack node, and its steady-state jump for a load step 0.4 → 1. */
const FAST = (() => {
  const P = 132e3, IDLE = 33e3, LF = 0.85, mcp = FLOW_PER_W * P * PG25.rho * PG25.cp;
  return { tau: (0.03 * PG25.rho * PG25.cp + 60e3) / mcp, jump: (LF * (P - IDLE) * 0.6) / mcp };
})();

/** Max |T − exact| of a rack node after a load step (τ = C/(ṁcp) ≈ 13.6 s) at a fixed step h. */
function fixedStepError(h: number): number {
  const P = 132e3, IDLE = 33e3, LF = 0.85, SUPPLY = 30, T_STEP = 60;
  const C = 0.03 * PG25.rho * PG25.cp + 60e3, mcp = FLOW_PER_W * P * PG25.rho * PG25.cp, tau = C / mcp;
  const q = (load: number) => LF * (IDLE + (P - IDLE) * load);
  const T0 = SUPPLY + q(0.4) / mcp, Tinf = SUPPLY + q(1) / mcp;
  const rep = run(`
version: 1
name: load step
duration: 200 s
solver: { record_interval: 0.8 s, fixed_step: ${h} s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types: { r: { power: 132 kW, idle_power: 33 kW, liquid_fraction: ${LF}, load: 0.4 } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 300 kW } ]
cdus: [ { id: cdu-A, supply_setpoint: ${SUPPLY} degC, loop_volume: 2 m^3, design_approach: 2 K } ]
plant: { supply_setpoint: 18 degC, chillers: [ { id: ch-1, capacity: 3 MW } ] }
events: [ { at: ${T_STEP} s, set: row-A.load, value: 1 } ]
`, ['row-A-01.temperature']).report;
  return maxDeviation(series(rep, 'row-A-01.temperature'), (t) => (t <= T_STEP ? T0 : Tinf + (T0 - Tinf) * Math.exp(-(t - T_STEP) / tau))).err;
}

const order: CheckGroup = {
  component: 'Integrator (TR-BDF2) order',
  test: 'test/physics/exponential.test.ts',
  rows() {
    const e1 = fixedStepError(0.4), e2 = fixedStepError(0.2);
    return [
      // TR-BDF2's global error on one decaying mode is ≈ 0.05·(h/τ)²·ΔT; the bound allowed is (h/τ)²·ΔT.
      { check: `fixed step h = 0.4 s: max |T − exact exponential| after a ${FAST.jump.toFixed(2)} K step, τ = ${FAST.tau.toFixed(1)} s`, unit: 'K', expected: 0, got: e1, tolerance: (0.4 / FAST.tau) ** 2 * FAST.jump, mode: 'abs' },
      { check: 'observed order log2(err(h)/err(h/2)), second order expected', unit: '', expected: 2, got: Math.log2(e1 / e2), tolerance: 0.1, mode: 'abs' },
    ];
  },
};

// ---------------------------------------------------------------------------------------------------------
// CDU exchanger at steady state, ε-NTU counterflow (hx.test.ts): wide open (setpoint unreachable),
// T_return = T_fws + Q/(ε·C_min), T_supply = T_return − Q/C_tcs; Q includes the pump work.
const cdu: CheckGroup = {
  component: 'CDU exchanger (ε-NTU)',
  test: 'test/physics/hx.test.ts',
  rows() {
    const P = 100e3, LF = 0.8, N = 4, FWS = 20;
    const cTcs = N * FLOW_PER_W * P * PG25.rho * PG25.cp, cFws = 0.008 * WATER.rho * WATER.cp;
    const pump = (PG25.rho * G0 * 25 * (N * FLOW_PER_W * P)) / 0.7;
    const Q = N * LF * P + pump;
    const cMin = Math.min(cTcs, cFws), eps = epsCounterflow(60e3 / cMin, cMin / Math.max(cTcs, cFws));
    const rep = run(`
version: 1
name: cdu exchanger
duration: 1 h
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types: { r: { power: 100 kW, liquid_fraction: ${LF}, load: 1 } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: ${N} }, { id: row-B, type: r, cdu: cdu-B, count: ${N} } ]
  crahs: [ { id: crah-1, capacity: 300 kW } ]
cdus:
  - { id: cdu-A, supply_setpoint: 18 degC, ua: 60 kW/K, fws_flow: 8 L/s }
  - { id: cdu-B, supply_setpoint: 30 degC, ua: 60 kW/K }
plant: { supply_setpoint: ${FWS} degC, chillers: [ { id: ch-1, capacity: 5 MW } ] }
`, ['cdu-A.return', 'cdu-A.supply', 'cdu-A.pump_power', 'cdu-B.return', 'cdu-B.supply']).report;
    const tRet = FWS + Q / (eps * cMin);
    return [
      { check: 'pump power ρ·g·H_d·Q_d/η at design flow', unit: 'kW', expected: pump / 1000, got: last(rep, 'cdu-A.pump_power'), tolerance: 1e-6, mode: 'rel' },
      { check: 'saturated: T_return = T_fws + Q/(ε·C_min)', unit: '°C', expected: tRet, got: last(rep, 'cdu-A.return'), tolerance: 1e-5, mode: 'abs' },
      { check: 'saturated: T_supply = T_return − Q/C_tcs', unit: '°C', expected: tRet - Q / cTcs, got: last(rep, 'cdu-A.supply'), tolerance: 1e-5, mode: 'abs' },
      { check: 'controlled: T_return = setpoint + Q/C_tcs', unit: '°C', expected: 30 + Q / cTcs, got: last(rep, 'cdu-B.return'), tolerance: 1e-5, mode: 'abs' },
    ];
  },
};

// Pumps in parallel against the system curve (pumps.test.ts, cdu-units.test.ts): H0 = 1.25·H_d; one pump
// of a 2-required set at full speed gives Q = Q_d·√(H0/(H_d + 4(H0 − H_d))) = Q_d·√(1.25/2); speed control
// to 0.7·Q_d costs 0.7³ of the design power; one unit of an N+1 set out keeps the design flow.
const pumps: CheckGroup = {
  component: 'CDU pumps and units',
  test: 'test/physics/pumps.test.ts, test/physics/cdu-units.test.ts',
  rows() {
    const N = 4, Qd = N * FLOW_PER_W * 132e3, T_FAIL = 60;
    const rep = run(`
version: 1
name: pumps
duration: 180 s
solver: { record_interval: 10 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
hall:
  rows: [ { id: row-B, cdu: cdu-B, count: ${N} }, { id: row-E, cdu: cdu-E, count: ${N} }, { id: row-U, cdu: cdu-U, count: ${N} } ]
  crahs: [ { id: crah-1, capacity: 600 kW } ]
cdus:
  - { id: cdu-B, pumps: { count: 2, required: 2 } }
  - { id: cdu-E }
  - { id: cdu-U, units: { count: 3, required: 2 }, pumps: { count: 1, required: 1 } }
plant: { supply_setpoint: 20 degC, chillers: [ { id: ch-1, capacity: 5 MW } ] }
events:
  - { at: ${T_FAIL} s, fail: cdu-B, part: pump }
  - { at: ${T_FAIL} s, set: cdu-E.flow_setpoint, value: 0.7 }
  - { at: ${T_FAIL} s, fail: cdu-U, part: unit }
`, ['cdu-B.flow', 'cdu-E.flow', 'cdu-E.pump_power', 'cdu-U.flow']).report;
    const after = (p: string) => at(series(rep, p), T_FAIL + 60);
    const design = (PG25.rho * G0 * 25 * Qd) / 0.7 / 1000;
    return [
      { check: 'one of 2 required pumps left: Q = Q_d·√(H0/(H_d + 4(H0 − H_d)))', unit: 'L/s', expected: Qd * 1000 * Math.sqrt(1.25 / 2), got: after('cdu-B.flow'), tolerance: 1e-6, mode: 'rel' },
      { check: 'speed control to 0.7·Q_d: P = 0.7³·ρgH_dQ_d/η (affinity)', unit: 'kW', expected: 0.343 * design, got: after('cdu-E.pump_power'), tolerance: 1e-6, mode: 'rel' },
      { check: 'flow setpoint 0.7: delivered flow', unit: 'L/s', expected: 0.7 * Qd * 1000, got: after('cdu-E.flow'), tolerance: 1e-6, mode: 'rel' },
      { check: 'N+1 CDU units, one out: design flow kept', unit: 'L/s', expected: Qd * 1000, got: after('cdu-U.flow'), tolerance: 1e-6, mode: 'rel' },
    ];
  },
};

// ---------------------------------------------------------------------------------------------------------
// Hall air and structure after the only CRAH fails (hall-air.test.ts): two nodes coupled by UA,
// Ta(s) = T0 + (Q·s + C_m·d(s))/(C_a + C_m), d(s) = Q/(C_a·λ)·(1 − e^(−λs)), λ = UA(1/C_a + 1/C_m);
// and the CRAH's saturated coil: T_air = T_fws + Q/(ε·V̇ρcp).
const hallAir: CheckGroup = {
  component: 'Hall air, structure and CRAH',
  test: 'test/physics/hall-air.test.ts',
  rows() {
    const T_FAIL = 600, CAP = 150e3, RACK = 60e3, OTHER = 20e3, SET = 24;
    const CA = 3000 * AIR.rho * AIR.cp, CM = 110e6, UA = 20e3, L = UA * (1 / CA + 1 / CM);
    const T0 = SET + (RACK + OTHER + 0.015 * CAP) / (CAP / 12), Q = RACK + OTHER;
    const Ta = (s: number) => T0 + (Q * s + CM * (Q / (CA * L)) * (1 - Math.exp(-L * s))) / (CA + CM);
    const yaml = (air: string, events: string) => `
version: 1
name: hall air
duration: ${T_FAIL + HOUR} s
solver: { record_interval: 60 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types: { air: { cooling: air, power: 60 kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC } }
hall:
  other_heat: 20 kW
  air_setpoint: ${air}
  rows: [ { id: row-A, type: air, count: 1 } ]
  crahs: [ { id: crah-1, capacity: 150 kW } ]
plant: { supply_setpoint: 20 degC, chillers: [ { id: ch-1, capacity: 1 MW } ] }
# No hall lighting: the closed forms count the rack, other_heat and CRAH fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
${events}`;
    const warm = run(yaml(`${SET} degC`, `events: [ { at: ${T_FAIL} s, fail: crah-1 } ]`), ['hall.air']).report;
    const coil = run(yaml('18 degC', ''), ['hall.air']).report;
    const q = RACK + OTHER + 0.015 * CAP;
    return [
      { check: 'before: hall air = setpoint + Q/(V̇·ρ·cp)', unit: '°C', expected: T0, got: series(warm, 'hall.air').v[0]!, tolerance: 2e-6, mode: 'abs' },
      // 5·error_tolerance (default 0.002 K): the documented accuracy of the default solver.
      { check: 'CRAH failed, after 1 h: two-node closed form Ta(s)', unit: '°C', expected: Ta(HOUR), got: last(warm, 'hall.air'), tolerance: 0.01, mode: 'abs' },
      { check: 'saturated coil: T_air = T_fws + Q/(ε·V̇ρcp)', unit: '°C', expected: 20 + q / (0.7 * (CAP / 12)), got: series(coil, 'hall.air').v[0]!, tolerance: 2e-6, mode: 'abs' },
    ];
  },
};

// ---------------------------------------------------------------------------------------------------------
// Heat rejection (chiller.test.ts, free-cooling.test.ts): DOE-2 centrifugal curves at their reference
// point; free cooling to max(setpoint, ambient + approach), chillers trimming the rest: G·(floor − T_set).
const plant: CheckGroup = {
  component: 'Chillers and free cooling',
  test: 'test/physics/chiller.test.ts, test/physics/free-cooling.test.ts',
  rows() {
    // Air racks 4 × 50 kW + CRAH fan 4.5 kW on one 400 kW chiller, 6.67 °C leaving, tower 25.4 °C wb + 4 K.
    const Qc = 4 * 50e3 + 0.015 * 300e3, plr = Qc / (400e3 * biquadratic(DOE2.capFT, 6.67, 29.4));
    const pChiller = chillerPowerByHand(400e3, 5.5, Qc, 6.67, 29.4);
    const ch = run(`
version: 1
name: chiller reference
duration: 1 h
weather: { kind: constant, dry_bulb: 32 degC, wet_bulb: 25.4 degC }
rack_types: { air: { cooling: air, power: 50 kW, load: 1 } }
hall:
  rows: [ { id: row-A, type: air, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 300 kW } ]
plant:
  supply_setpoint: 6.67 degC
  pump_head: 0 m   # the closed form counts the racks and CRAH fan as the chiller's load, no FWS pump work
  chillers: [ { id: ch-1, capacity: 400 kW, cop: 5.5, condenser: tower, condenser_approach: 4 K } ]
facility: { lighting: 0 W/m^2 }
`, ['plant.chiller_power', 'plant.water']).report;
    // Free cooling: 4 × 100 kW air racks + 9 kW fans, plant flow 20 L/s, dry bulb 18 °C + 5 K approach.
    const Qf = 4 * 100e3 + 0.015 * 600e3, G = 0.02 * WATER.rho * WATER.cp;
    const fc = run(`
version: 1
name: partial free cooling
duration: 1 h
weather: { kind: constant, dry_bulb: 18 degC, wet_bulb: 12 degC }
rack_types: { air: { cooling: air, power: 100 kW, load: 1 } }
hall:
  air_setpoint: 27 degC
  rows: [ { id: row-A, type: air, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 600 kW } ]
plant:
  supply_setpoint: 20 degC
  flow: 20 L/s
  pump_head: 0 m
  free_cooling: [ { id: fc-1, kind: dry_cooler, capacity: 1500 kW, approach: 5 K, fan_power: 15 kW } ]
  chillers: [ { id: ch-1, capacity: 2 MW } ]
facility: { lighting: 0 W/m^2 }
`, ['plant.chiller_heat', 'plant.fws_return']).report;
    return [
      { check: `DOE-2 chiller at PLR ${plr.toFixed(2)}: P = Cap·CAPFT/COP·EIRFT·EIRFPLR`, unit: 'kW', expected: pChiller / 1000, got: last(ch, 'plant.chiller_power'), tolerance: 1e-6, mode: 'rel' },
      { check: 'tower water (Q + P)/2.43 MJ/kg × C/(C − 1)', unit: 'L/h', expected: ((Qc + pChiller) / 2.43e6) * (4 / 3) * HOUR, got: last(ch, 'plant.water'), tolerance: 1e-6, mode: 'rel' },
      { check: 'FWS return = T_set + Q/G', unit: '°C', expected: 20 + Qf / G, got: last(fc, 'plant.fws_return'), tolerance: 2e-6, mode: 'abs' },
      { check: 'partial free cooling: chiller heat = G·(T_db + approach − T_set)', unit: 'kW', expected: (G * 3) / 1000, got: last(fc, 'plant.chiller_heat'), tolerance: 1e-6, mode: 'rel' },
    ];
  },
};

// ---------------------------------------------------------------------------------------------------------
// Power chain (test/power/chain.test.ts): UPS loss R·(0.015 + 0.020x + 0.010x²); battery runtime E/(P + loss);
// a surviving feed path past its rating trips after T/(x² − 1).
/** Two 100 kW DLC racks (idle 20 kW, 8 GPUs, at full load) on one CDU, with the power chain and events given (YAML lines). */
export const powerHallYaml = (power: string, events: string, extra = '') => powerHallText({ power, events, extra });

const power: CheckGroup = {
  component: 'Power chain (UPS, battery, feeds)',
  test: 'test/power/chain.test.ts',
  rows() {
    const P = 200e3, R = 300e3, x = P / R, loss = R * (0.015 + 0.02 * x + 0.01 * x * x), E = 50 * 3.6e6;
    const hall = (pw: string, events: string) => run(powerHallYaml(pw, events)).report;
    const ups = hall(`  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  ups: [ { id: ups, bus: msb, modules: 2, module_rating: 150 kW, battery: 50 kWh } ]
  feeds: [ { loads: [racks], a: ups } ]`, '  - { at: 100 s, utility: loss }');
    const ab = hall(`  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  distribution:
    - { id: bw-A, from: msb, rating: 150 kW, loss_at_rating: 0 }
    - { id: bw-B, from: msb, rating: 150 kW, loss_at_rating: 0 }
  feeds: [ { loads: [racks], a: bw-A, b: bw-B } ]
  overload_time: 60 s`, '  - { at: 1000 s, fail: bw-A }');
    const xo = P / 150e3;
    return [
      { check: 'battery runtime: depleted at t_loss + E/(P + loss(P))', unit: 's', expected: 100 + E / (P + loss), got: ups.alarms.find((a) => a.kind === 'ups_battery_depleted')!.t_s, tolerance: 1, mode: 'abs' },
      { check: 'UPS at x = 2/3: pPUE of power = (P + R·(0.015 + 0.020x + 0.010x²))/P', unit: '', expected: (P + loss) / P, got: hall(`  utilities: [ { id: grid } ]
  buses: [ { id: msb, sources: [grid] } ]
  ups: [ { id: ups, bus: msb, modules: 2, module_rating: 150 kW, battery: 50 kWh } ]
  feeds: [ { loads: [racks], a: ups } ]`, '  []').kpis.ppue_power!, tolerance: 1e-5, mode: 'rel' },
      { check: 'A/B feeds, A lost: B at x = 4/3 trips after T/(x² − 1)', unit: 's', expected: 1000 + 60 / (xo * xo - 1), got: ab.alarms.find((a) => a.kind === 'overload_trip')!.t_s, tolerance: 1, mode: 'abs' },
    ];
  },
};

export const CHECKS: CheckGroup[] = [rack, immersion, slowApproach, order, cdu, pumps, hallAir, plant, heatReuse, power];
