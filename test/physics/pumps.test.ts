/**
 * Parallel pumps against a closed-loop system curve.
 *
 * One pump at speed s: H = s²·H0 − k·q². n identical pumps in parallel share the flow: H = s²·H0 − k·(Q/n)².
 * System: H = R·Q². Operating point at full speed: H0 − k·Q²/n² = R·Q² ⇒ Q = √(H0/(R + k/n²)).
 * Sizing (documented): H0 = shutoff_ratio·H_d; `required` pumps at full speed give Q_d at H_d:
 *     R = H_d/Q_d²,   k = (H0 − H_d)/(Q_d/required)².
 * Speed for flow Q with n pumps: s = Q·√((R + k/n²)/H0).
 * Power: the operating head equals the system head R·Q², so P = ρ·g·R·Q²·Q/η.
 *
 * Algebra only: 1e-12 relative for the functions, 1e-6 relative through the report (rounded to 1e-6).
 */
import { describe, it, expect } from 'vitest';
import { sizePumps, maxFlow, speedFor, deliveredFlow, pumpPower } from '../../sim/physics/hydraulics';
import { run, series, PG25, FLOW_PER_W, G0, nearRel, at } from './util';

describe('pump building blocks (sim/physics/hydraulics.ts)', () => {
  const Qd = 0.0132, Hd = 25, ratio = 1.25;

  it.each([1, 2, 3])('sizePumps with %i required: R, k, H0 by hand; the design point is the operating point', (req) => {
    const p = sizePumps(Qd, Hd, req, ratio);
    nearRel(p.h0, ratio * Hd, 1e-15, 'H0');
    nearRel(p.r, Hd / Qd ** 2, 1e-12, 'R');
    nearRel(p.k, (ratio * Hd - Hd) / (Qd / req) ** 2, 1e-12, 'k');
    // `required` pumps at full speed: pump curve and system curve cross at (Q_d, H_d).
    nearRel(maxFlow(p, req), Qd, 1e-12, 'maxFlow(required)');
    nearRel(p.h0 - p.k * (Qd / req) ** 2, Hd, 1e-12, 'pump head at design');
    nearRel(speedFor(p, req, Qd), 1, 1e-12, 'speed at design');
  });

  it('2 of 3 required, all 3 running: speed √((H_d + 4(H0−H_d)/9)/H0) for design flow', () => {
    const p = sizePumps(Qd, Hd, 2, ratio);
    const h0 = ratio * Hd;
    nearRel(speedFor(p, 3, Qd), Math.sqrt((Hd + (4 * (h0 - Hd)) / 9) / h0), 1e-12, 'speed');
    nearRel(deliveredFlow(p, 3, Qd), Qd, 1e-12, 'delivered');
    expect(maxFlow(p, 3)).toBeGreaterThan(Qd);
  });

  it('one pump of a 2-required set at full speed: Q = √(H0/(R + k)) = Q_d·√(H0/(H_d + 4(H0 − H_d)))', () => {
    const p = sizePumps(Qd, Hd, 2, ratio);
    const h0 = ratio * Hd;
    const q1 = Qd * Math.sqrt(h0 / (Hd + 4 * (h0 - Hd)));
    nearRel(maxFlow(p, 1), q1, 1e-12, 'maxFlow(1)');
    nearRel(deliveredFlow(p, 1, Qd), q1, 1e-12, 'delivered');
    expect(speedFor(p, 1, Qd)).toBeGreaterThan(1);
    expect(maxFlow(p, 0)).toBe(0);
  });

  it('pumpPower = ρ·g·R·Q³/η', () => {
    const p = sizePumps(Qd, Hd, 1, ratio);
    for (const q of [0.3 * Qd, Qd, 1.2 * Qd]) nearRel(pumpPower(p, q, 1015, 0.7), (1015 * G0 * (Hd / Qd ** 2) * q ** 3) / 0.7, 1e-12, `q=${q}`);
  });
});

describe('pump failures in a scenario (cdu.flow and cdu.pump_power probes)', () => {
  const N = 4, P = 132e3;
  const Qd = N * FLOW_PER_W * P; // m³/s per CDU
  const T_FAIL = 60;
  const yaml = `
version: 1
name: pumps
duration: 180 s
solver: { record_interval: 10 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
hall:
  rows:
    - { id: row-A, cdu: cdu-A, count: ${N} }
    - { id: row-B, cdu: cdu-B, count: ${N} }
    - { id: row-C, cdu: cdu-C, count: ${N} }
    - { id: row-D, cdu: cdu-D, count: ${N} }
    - { id: row-E, cdu: cdu-E, count: ${N} }
  crahs:
    - { id: crah-1, capacity: 600 kW }
cdus:
  - { id: cdu-A, pumps: { count: 3, required: 2 } }
  - { id: cdu-B, pumps: { count: 2, required: 2 } }
  - { id: cdu-C, pumps: { count: 2, required: 2, design_head: 30 m, shutoff_ratio: 1.4, efficiency: 0.65 } }
  - { id: cdu-D, pumps: { count: 3, required: 2 } }
  - { id: cdu-E }
plant:
  supply_setpoint: 20 degC
  chillers:
    - { id: ch-1, capacity: 5 MW }
events:
  - { at: ${T_FAIL} s, fail: cdu-A, part: pump }
  - { at: ${T_FAIL} s, fail: cdu-B, part: pump }
  - { at: ${T_FAIL} s, fail: cdu-C, part: pump }
  - { at: ${T_FAIL} s, fail: cdu-D, part: pump, count: 2 }
  - { at: ${T_FAIL} s, set: cdu-E.flow_setpoint, value: 0.7 }
`;
  const ids = ['cdu-A', 'cdu-B', 'cdu-C', 'cdu-D', 'cdu-E'];
  const out = run(yaml, ids.flatMap((c) => [`${c}.flow`, `${c}.pump_power`]));
  const flowAt = (c: string, t: number) => at(series(out.report, `${c}.flow`), t) / 1000; // m³/s
  const powerAt = (c: string, t: number) => at(series(out.report, `${c}.pump_power`), t) * 1000; // W
  /** ρ·g·R·Q³/η with R = H_d/Q_d². */
  const power = (q: number, hd = 25, eta = 0.7) => (PG25.rho * G0 * (hd / Qd ** 2) * q ** 3) / eta;

  it('all CDUs deliver design flow before the failures, at ρgH_dQ_d/η (1e-6 rel)', () => {
    for (const c of ids) nearRel(flowAt(c, 0), Qd, 1e-6, `${c} flow`);
    nearRel(powerAt('cdu-A', 0), power(Qd), 1e-6, 'A power');
    nearRel(powerAt('cdu-C', 0), power(Qd, 30, 0.65), 1e-6, 'C power');
  });

  it('2 required of 3, one failed: still design flow and design power', () => {
    nearRel(flowAt('cdu-A', T_FAIL + 60), Qd, 1e-6, 'A flow');
    nearRel(powerAt('cdu-A', T_FAIL + 60), power(Qd), 1e-6, 'A power');
  });

  it('2 required of 2, one failed: one pump at full speed, Q = √(H0/(R + k)), P = ρgRQ³/η', () => {
    const q1 = Qd * Math.sqrt((1.25 * 25) / (25 + 4 * (1.25 * 25 - 25))); // = Q_d·√(1.25/2)
    nearRel(flowAt('cdu-B', T_FAIL + 60), q1, 1e-6, 'B flow');
    nearRel(powerAt('cdu-B', T_FAIL + 60), power(q1), 1e-6, 'B power');
    // Non-default head, shut-off ratio and efficiency.
    const q1c = Qd * Math.sqrt((1.4 * 30) / (30 + 4 * (1.4 * 30 - 30))); // = Q_d·√(1.4/2.6)
    nearRel(flowAt('cdu-C', T_FAIL + 60), q1c, 1e-6, 'C flow');
    nearRel(powerAt('cdu-C', T_FAIL + 60), power(q1c, 30, 0.65), 1e-6, 'C power');
  });

  it('2 required of 3, two failed (count: 2): one pump at full speed', () => {
    const q1 = Qd * Math.sqrt((1.25 * 25) / (25 + 4 * (1.25 * 25 - 25)));
    nearRel(flowAt('cdu-D', T_FAIL + 60), q1, 1e-6, 'D flow');
    nearRel(powerAt('cdu-D', T_FAIL + 60), power(q1), 1e-6, 'D power');
  });

  it('flow_setpoint 0.7: speed control delivers 0.7·Q_d at (0.7)³ of the design power', () => {
    nearRel(flowAt('cdu-E', T_FAIL + 60), 0.7 * Qd, 1e-6, 'E flow');
    nearRel(powerAt('cdu-E', T_FAIL + 60), power(0.7 * Qd), 1e-6, 'E power');
  });
});
