/**
 * Restart of a thermally tripped rack (docs/scenario-format.md, `restart_after`).
 *
 * Two DLC racks on one CDU; the CDU fails at t_f and is repaired at t_r. With `throttle_power_fraction: 1`
 * the GPUs never cap, so the rack node is the lumped ramp of heatup.test.ts until the trip:
 *     T0 = T_s + Q/(ṁ·cp),   t_trip = t_f + C·(T_trip − T0)/Q,   Q = lf·P,
 * with C = V·ρ·cp + C_structure. The tripped rack draws nothing and, with no flow, holds T_trip. At the
 * repair its flow returns and the node relaxes to the CDU's supply (held at setpoint by its exchanger):
 *     T(t) = T_s + (T_trip − T_s)·e^{−(t − t_r)/τ},   τ = C/(ṁ·cp),
 * so it is back at the restart level T_thr − hysteresis at t_rec = t_r + τ·ln((T_trip − T_s)/(T_thr − hy − T_s))
 * and restarts at t_rec + restart_after. Both racks are down from t_trip to the restart:
 *     GPU-hours down = 2 · gpus · (t_restart − t_trip) / 3600.
 * Tolerances: the trip is located to a few ms (heatup.test.ts); the relaxation runs through the CDU loop's
 * own node (a small volume at high flow: its supply is back at setpoint within about a second), so the
 * recovery is asserted to 2 s — against a 600 s delay and 20 min of downtime, a 0.3 % bound on the hours.
 */
import { describe, it, expect } from 'vitest';
import { Simulation } from '../../sim/run/simulation';
import { load, PG25, FLOW_PER_W, near } from './util';

const P = 132e3, LF = 0.85, V = 0.03, CS = 60e3, GPUS = 72;
const T_S = 30, T_THR = 50, T_TRIP = 60, HY = 2;
const T_FAIL = 300, T_REPAIR = 900, DELAY = 600;

function yaml(restart: string, events: string | undefined = undefined, extra = ''): string {
  events ??= `  - { at: ${T_FAIL} s, fail: cdu-A }\n  - { at: ${T_REPAIR} s, repair: cdu-A }`;
  return `
version: 1
name: restart after trip
duration: 3600 s
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r:
    power: ${P} W
    load: 1
    gpus: ${GPUS}
    liquid_fraction: ${LF}
    coolant_volume: ${V} m^3
    structure_heat_capacity: ${CS} J/K
    throttle_power_fraction: 1
    throttle_temperature: ${T_THR} degC
    throttle_hysteresis: ${HY} K
    trip_temperature: ${T_TRIP} degC
    ${restart}
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 2 }
  crahs:
    - { id: crah-1, capacity: 200 kW }
cdus:
  - { id: cdu-A, supply_setpoint: ${T_S} degC }
plant:
  supply_setpoint: 20 degC
  chillers:
    - { id: ch-1, capacity: 2 MW }
${extra}
events:
${events}
`;
}

function runIt(text: string) {
  const sim = Simulation.fromScenario(load(text));
  sim.runTo(sim.end);
  const at = (kind: string, id = 'row-A-01') => sim.log.alarms.filter((a) => a.kind === kind && a.component === id).map((a) => a.t_s);
  return { sim, at };
}

// Hand-derived constants.
const C = V * PG25.rho * PG25.cp + CS;
const mcp = FLOW_PER_W * P * PG25.rho * PG25.cp;
const Q = LF * P;
const T0 = T_S + Q / mcp;
const tTrip = T_FAIL + (C * (T_TRIP - T0)) / Q;
const tau = C / mcp;
const tRecover = T_REPAIR + tau * Math.log((T_TRIP - T_S) / (T_THR - HY - T_S));
const tRestart = tRecover + DELAY;

describe('a tripped rack restarts restart_after past its recovery', () => {
  const { sim, at } = runIt(yaml(`restart_after: ${DELAY} s`));

  it(`trips at t_f + C·(T_trip − T0)/Q = ${tTrip.toFixed(2)} s (10 ms)`, () => {
    expect(at('rack_trip')).toHaveLength(1);
    near(at('rack_trip')[0]!, tTrip, 0.01, 't_trip');
  });

  it(`restarts at t_r + τ·ln(…) + delay = ${tRestart.toFixed(1)} s (2 s)`, () => {
    expect(at('rack_restarted')).toHaveLength(1);
    near(at('rack_restarted')[0]!, tRestart, 2, 't_restart');
    expect(at('rack_restarted', 'row-A-02')).toEqual(at('rack_restarted'));
    expect(sim.plant.racks.state[0]).toBe(0); // normal at the end
  });

  it('loses 2·gpus·(t_restart − t_trip) GPU-hours, by hand', () => {
    const hand = (2 * GPUS * (tRestart - tTrip)) / 3600;
    near(sim.service.gpuSecondsDown / 3600, hand, (2 * GPUS * 2) / 3600, 'GPU-hours down');
    // The engine's own times give the count to the step: only the recovery's location is approximate.
    near(sim.service.gpuSecondsDown, 2 * GPUS * (at('rack_restarted')[0]! - at('rack_trip')[0]!), 2 * GPUS * 0.002, 'GPU-seconds down vs alarms');
  });
});

describe('restart rules', () => {
  it('restart_after: never keeps the rack off to the end (the upper bound)', () => {
    const { sim, at } = runIt(yaml('restart_after: never'));
    expect(at('rack_restarted')).toHaveLength(0);
    near(sim.service.gpuSecondsDown, 2 * GPUS * (3600 - at('rack_trip')[0]!), 2 * GPUS * 0.002, 'down to the end');
  });

  it('no restart while the cooling is still out (the rack holds its trip temperature)', () => {
    const { at } = runIt(yaml(`restart_after: ${DELAY} s`, `  - { at: ${T_FAIL} s, fail: cdu-A }`));
    expect(at('rack_restarted')).toHaveLength(0);
  });

  it('a relapse before the restart cancels it; the wait starts again at the next recovery', () => {
    // Air-cooled racks tripping on inlet air (34 °C) while the hall's only CRAH is out; row B (higher
    // limits) keeps heating the hall. The inlet is back below 30 − 2 °C as soon as the CRAH runs again.
    const air = (ev: string) => `
version: 1
name: inlet relapse
duration: 4000 s
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  a: { power: 30 kW, cooling: air, gpus: 8, inlet_throttle: 30 degC, inlet_trip: 34 degC, throttle_power_fraction: 1, restart_after: 600 s }
  b: { power: 30 kW, cooling: air, gpus: 8, inlet_throttle: 44 degC, inlet_trip: 50 degC, throttle_power_fraction: 1, restart_after: 600 s }
hall:
  rows:
    - { id: row-A, type: a, count: 2 }
    - { id: row-B, type: b, count: 4 }
  crahs:
    - { id: crah-1, capacity: 400 kW }
plant:
  supply_setpoint: 15 degC
  chillers:
    - { id: ch-1, capacity: 2 MW }
events:
${ev}
`;
    const once = runIt(air('  - { at: 300 s, fail: crah-1 }\n  - { at: 900 s, repair: crah-1 }'));
    expect(once.at('rack_trip')).toHaveLength(1);
    near(once.at('rack_restarted')[0]!, 900 + 600, 1, 'restart after one recovery');
    // Out again at 1200 s (before 1500 s): that restart is cancelled; back at 1500 s, restart at 2100 s.
    const twice = runIt(air('  - { at: 300 s, fail: crah-1 }\n  - { at: 900 s, repair: crah-1 }\n  - { at: 1200 s, fail: crah-1 }\n  - { at: 1500 s, repair: crah-1 }'));
    expect(twice.at('rack_restarted')).toHaveLength(1);
    near(twice.at('rack_restarted')[0]!, 1500 + 600, 1, 'restart after the second recovery');
  });

  it('a default restart is stated (30 min) and applies when the file says nothing', () => {
    const { at } = runIt(yaml(''));
    near(at('rack_restarted')[0]!, tRecover + 1800, 2, 'default restart');
  });
});

describe('a job on a restarted rack resumes from its last checkpoint', () => {
  // 144 GPUs (both racks), 1,000 s of work, a checkpoint every 120 s taking no time, 60 s to reload.
  // Checkpoints at 120 and 240 s; the trip at t_trip rolls the job back to 240 s of work; it waits in the
  // queue until the racks restart, reloads for 60 s and runs the 760 s left: done at t_restart + 820 s.
  // (The job's utilisation sets the racks' power, so the trip and restart times are the engine's here;
  // the closed forms for them are above.)
  const workload = `workload:
  jobs:
    - { id: train, kind: training, gpus: ${2 * GPUS}, duration: 1000 s, checkpoint_interval: 120 s, checkpoint_duration: 0 s, restart_time: 60 s }`;
  const { sim, at } = runIt(yaml(`restart_after: ${DELAY} s`, undefined, workload));

  it('is interrupted at the trip and loses the work since its checkpoint (by hand)', () => {
    const trip = at('rack_trip')[0]!;
    expect(at('job_interrupted', 'train')).toEqual([trip]);
    near(sim.workload!.acc.rollbackGpuSeconds, 2 * GPUS * (trip - 240), 2 * GPUS * 0.001, 'rolled-back GPU-seconds');
  });

  it('finishes at t_restart + 60 + 760 s', () => {
    near(at('job_done', 'train')[0]!, at('rack_restarted')[0]! + 820, 0.002, 'done');
    expect(at('job_interrupted', 'train')).toHaveLength(1);
  });
});
