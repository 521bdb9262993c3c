/**
 * GPU throttling as a continuous power cap that settles (sim/run/monitor.ts). The old on/off cap at 60 %
 * with 2 K hysteresis toggled a ride-through between full power and the floor (16 times in 70 s), and a
 * rack with no heat capacity toggled every millisecond (69,726 steps, ~69,600 alarms).
 *
 * The settled state is algebraic: a rack at cap·P with its CDU at setpoint T_s sits at
 * T = T_s + K·cap (K = lf·P/(ṁ·cp) for the flow it gets) on the cap line cap = 1 − k·(T − T_throttle),
 * so cap* = (1 − k·(T_s − T_throttle))/(1 + k·K).
 */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';
import { PG25 } from './util';

function hall(extra: string, rack = '') {
  const text = `version: 1
name: throttle
duration: 1 h
solver: { record_interval: 5 s }
rack_types: { r: { power: 120 kW, idle_power: 30 kW, cooling: dlc, load: 1, throttle_temperature: 40 degC, trip_temperature: 60 degC, throttle_power_fraction: 0.6${rack} } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 4 } ]
  crahs: [ { id: crah-1, capacity: 200 kW } ]
cdus: [ { id: cdu-A, supply_setpoint: 32 degC, pumps: { count: 2, required: 2 } } ]
plant: { chillers: [ { id: ch-1, capacity: 2 MW } ] }
${extra}`;
  const r = loadText(text, 't.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, { probes: ['row-A-01.power', 'row-A-01.temperature', 'cdu-A.flow'] }).report;
}

describe('throttling settles', () => {
  it('a CDU that loses one of two needed pumps: each rack caps once and settles where the reduced flow carries it', () => {
    const rep = hall('events: [ { at: 10 min, fail: cdu-A, part: pump } ]');
    const P = rep.series['row-A-01.power']!, T = rep.series['row-A-01.temperature']!, F = rep.series['cdu-A.flow']!;
    // One episode per rack: one alarm each, no release-and-recapture.
    expect(rep.alarms.filter((a) => a.kind === 'rack_throttle')).toHaveLength(4);
    expect(rep.alarms.filter((a) => a.kind === 'rack_throttle_cleared')).toHaveLength(0);
    // The last 20 minutes: power steady to 0.1 %.
    const tail = P.values.filter((_, i) => P.t_s[i]! > 40 * 60);
    expect((Math.max(...tail) - Math.min(...tail)) / Math.max(...tail)).toBeLessThan(1e-3);
    // …at the algebraic steady cap for the flow the one pump delivers (2 % for the CDU loop and the
    // supply held at setpoint by the exchanger).
    const flow = F.values[F.values.length - 1]! / 1000 / 4; // m³/s per rack
    const K = (0.85 * 120e3) / (flow * PG25.rho * PG25.cp), k = 0.4 / 20;
    const cap = (1 - k * (32 - 40)) / (1 + k * K);
    expect(cap).toBeLessThan(1);
    expect(Math.abs(tail[tail.length - 1]! / 120 - cap) / cap).toBeLessThan(0.02);
    expect(Math.abs(T.values[T.values.length - 1]! - (32 + K * cap))).toBeLessThan(0.3);
    expect(rep.steps).toBeLessThan(3000);
  });

  it('a rack with the smallest heat capacity allowed settles too, in a bounded number of steps', () => {
    const rep = hall('events: [ { at: 10 min, fail: cdu-A, part: pump } ]', ', coolant_volume: 0 m^3, structure_heat_capacity: 1 kJ/K');
    expect(rep.alarms.filter((a) => a.kind === 'rack_throttle')).toHaveLength(4);
    expect(rep.alarms.length).toBeLessThan(20);
    expect(rep.steps).toBeLessThan(5000); // was 69,726 with the on/off cap and C = 0
  });

  it('a rack with no heat capacity at all is rejected with its field', () => {
    const r = loadText(`version: 1
name: zero C
rack_types: { r: { power: 120 kW, cooling: dlc, coolant_volume: 0 m^3, structure_heat_capacity: 0 J/K } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 1 } ], crahs: [ { id: crah-1, capacity: 50 kW } ] }
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
`, 'z.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('hall.rows[0].coolant_volume');
  });
});
