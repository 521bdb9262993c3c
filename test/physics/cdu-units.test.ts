/**
 * CDU units on one shared header (`units: { count: 3, required: 2 }`): every unit's pumps in one parallel
 * set sized so the required units' duty pumps give the design flow, the exchanger split equally among units
 * and sized so the required units meet the design approach.
 *
 * Closed forms (Cr = 1 at design, FWS rate = TCS rate): design approach a = T_s − T_f with Q = ε·C·(T_r − T_f),
 * T_r = T_s + Q/C gives ε = Q/(Q + a·C), NTU = ε/(1 − ε) = Q/(a·C), so UA for the required units = Q/a and
 * the whole set's UA = (count/required)·Q/a. Pumps: 3 × 1 pump, 2 required: one pump left gives
 * Q = √(H0/(R + k)) = Q_d·√(1.25 / (1 + 4·0.25)) (pumps.test.ts). At steady state with the supply not held:
 * T_r = T_f + P/(ε·C_min), T_s = T_r − P/C_tcs.
 */
import { describe, it, expect } from 'vitest';
import { run, series, at, PG25, FLOW_PER_W, epsCounterflow, near, nearRel } from './util';

const RACK_W = 100_000, LF = 0.8, N = 4;
const yaml = (events: string) => `
version: 1
name: cdu units
duration: 4 h
weather: { kind: constant, dry_bulb: 15 degC }
rack_types: { r: { power: 100 kW, idle_power: 0 kW, cooling: dlc, liquid_fraction: ${LF} } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: ${N} } ]
  crahs: [ { id: crah-1, capacity: 400 kW } ]
cdus:
  - { id: cdu-A, supply_setpoint: 24 degC, capacity: ${(N * RACK_W * LF) / 1000} kW, design_approach: 3 K, units: { count: 3, required: 2 }, pumps: { count: 1, required: 1 } }
plant:
  supply_setpoint: 20 degC
  chillers: [ { id: ch-1, capacity: 2 MW }, { id: ch-2, capacity: 2 MW } ]
events:
${events}
`;

describe('CDU units on a shared header (N+1)', () => {
  const design = N * RACK_W * FLOW_PER_W; // m³/s
  const out = run(yaml('  - { at: 1 h, fail: cdu-A, part: unit }\n  - { at: 2 h, fail: cdu-A, part: unit }'), ['cdu-A.flow', 'cdu-A.supply', 'row-A-01.temperature']);
  const rep = out.report;
  const flow = series(rep, 'cdu-A.flow');

  it('one unit out of an N+1 set keeps the design flow; two out leave one pump at full speed: Q_d·√(1.25/2)', () => {
    nearRel(at(flow, 0.5 * 3600), design * 1000, 1e-6, 'healthy');
    nearRel(at(flow, 1.5 * 3600), design * 1000, 1e-6, 'one unit out');
    nearRel(at(flow, 3.5 * 3600), design * 1000 * Math.sqrt(1.25 / 2), 1e-6, 'two units out');
  });

  it('with the required units the supply holds its setpoint; with one unit left it settles where ε-NTU puts it', () => {
    const supply = series(rep, 'cdu-A.supply');
    near(at(supply, 1.5 * 3600), 24, 1e-6, 'one unit out: held');
    const cd = design * PG25.rho * PG25.cp; // W/K at design flow (TCS); the FWS side keeps this rate
    const uaOne = ((N * RACK_W * LF) / 3) * (3 / 2) / 3; // whole set's UA, a third of it left
    const cTcs = cd * Math.sqrt(1.25 / 2);
    const pumpW = rep.final['cdu-A']!['pump_power_kw'] as number * 1000;
    const P = N * RACK_W * LF + pumpW;
    const cMin = Math.min(cTcs, cd), cr = cMin / Math.max(cTcs, cd);
    const eps = epsCounterflow(uaOne / cMin, cr);
    const tr = 20 + P / (eps * cMin);
    const ts = Math.max(24, tr - P / cTcs);
    near(rep.final['cdu-A']!['supply_c'] as number, ts, 2e-3, 'one unit left: supply');
    expect(ts).toBeGreaterThan(24); // the case is the saturated one, not the held one
    // Rack coolant: supply + the rack's liquid heat over its share of the flow.
    near(rep.final['row-A-01']!['temperature_c'] as number, ts + (RACK_W * LF) / (cTcs / N), 2e-3, 'rack coolant');
    expect(rep.final['cdu-A']!['state']).toBe('degraded');
    expect(rep.final['cdu-A']!['units_in_service']).toBe(1);
  });

  it('units are failable one by one (class cdu_unit) and a unit event on a one-unit CDU names the field', () => {
    expect(rep.alarms.filter((a) => a.kind === 'cdu_unit_failure')).toHaveLength(2);
    expect(() => run(yaml('  - { at: 1 h, fail: crah-1, part: unit }'))).toThrow(/events\[0\]\.fail.*part: unit/);
  });
});
