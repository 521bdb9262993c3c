/**
 * DOE-2 electric EIR chiller (EnergyPlus Chiller:Electric:EIR), "DOE-2 Centrifugal/5.50COP" curves.
 *
 *   CAPFT(x, y)  = a + b·x + c·x² + d·y + e·y² + f·x·y     x = leaving CHW °C, y = entering CW °C
 *   EIRFT(x, y)  = same form, other coefficients
 *   EIRFPLR(p)   = a + b·p + c·p²
 *   available capacity = Cap_ref·CAPFT;  PLR = load / available
 *   P = (Cap_ref·CAPFT / COP_ref)·EIRFT·EIRFPLR(max(PLR, 0.1))·min(1, PLR/0.1)   (cycling below PLR 0.1)
 * Inputs clamped to x ∈ [5, 10] °C, y ∈ [24, 35] °C.
 *
 * Reference point (6.67 °C, 29.4 °C), by hand with the published coefficients:
 *   CAPFT = 0.257896 + 0.0389016·6.67 − 0.00021708·6.67² + 0.0468684·29.4 − 0.00094284·29.4² − 0.00034344·6.67·29.4
 *         = 1.003342
 *   EIRFT = 0.933884 − 0.058212·6.67 + 0.00450036·6.67² + 0.00243·29.4 + 0.000486·29.4² − 0.001215·6.67·29.4
 *         = 0.999088
 *   EIRFPLR(1) = 0.222903 + 0.313387 + 0.46371 = 1.000000
 *   COP at full load = load/P = COP_ref/(EIRFT·EIRFPLR(1)) = 5.5/0.999088 = 5.5050
 * so the curve fit reproduces its nominal COP to 0.09 %: we assert |COP/5.5 − 1| < 0.1 %. (At the exact
 * ARI condition 85 °F = 29.444 °C, EIRFT = 1.000107 and COP = 5.4994, also inside 0.1 %.)
 * The functions themselves are algebra: 1e-12 relative.
 */
import { describe, it, expect } from 'vitest';
import { capacityFactor, chillerPower } from '../../sim/physics/chiller';
import { DOE2_CENTRIFUGAL } from '../../sim/components/chiller/schema';
import { run, series, nearRel, near, DOE2, biquadratic, eirFPLR, chillerPowerByHand, WATER, G0 } from './util';
import { loadText, runScenario } from '../../sim/api';

const CAPFT = DOE2.capFT, EIRFT = DOE2.eirFT, EIRFPLR = DOE2.eirFPLR;
const bi = biquadratic, quad = eirFPLR, power = chillerPowerByHand;

const curves = DOE2_CENTRIFUGAL;

describe('chiller curves (sim/physics/chiller.ts)', () => {
  it('the engine carries the published DOE-2 Centrifugal/5.50COP coefficients and bounds', () => {
    expect([...curves.capFT]).toEqual(CAPFT);
    expect([...curves.eirFT]).toEqual(EIRFT);
    expect([...curves.eirFPLR]).toEqual(EIRFPLR);
    expect([...curves.leavingBounds]).toEqual([5, 10]);
    expect([...curves.condenserBounds]).toEqual([24, 35]);
    expect(curves.minPLR).toBe(0.1);
  });

  it('reference point: CAPFT = 1.003342, EIRFT = 0.999088 (hand values, 1e-6)', () => {
    near(capacityFactor(curves, 6.67, 29.4), 1.003342, 1e-6, 'CAPFT');
    near(bi(EIRFT, 6.67, 29.4), 0.999088, 1e-6, 'EIRFT');
    near(quad(1), 1, 1e-12, 'EIRFPLR(1)');
  });

  it('full-load COP at the reference point is 5.5 within the curve fit (0.1 %)', () => {
    const cap = 1e6;
    const avail = cap * capacityFactor(curves, 6.67, 29.4);
    const p = chillerPower(curves, cap, 5.5, avail, 6.67, 29.4);
    const cop = avail / p;
    nearRel(cop, 5.5 / 0.999087916004, 1e-9, 'COP = 5.5/EIRFT');
    expect(Math.abs(cop / 5.5 - 1)).toBeLessThan(1e-3);
  });

  it.each([1, 0.75, 0.5, 0.25, 0.1])('part load PLR %f: P = Cap·CAPFT/COP·EIRFT·EIRFPLR(PLR) (1e-12 rel)', (plr) => {
    const cap = 2.5e6;
    for (const [x, y] of [[6.67, 29.4], [8, 26], [10, 35], [5, 24]] as const) {
      const load = plr * cap * bi(CAPFT, x, y);
      nearRel(chillerPower(curves, cap, 5.5, load, x, y), (cap * bi(CAPFT, x, y) / 5.5) * bi(EIRFT, x, y) * quad(plr), 1e-12, `x=${x} y=${y}`);
    }
  });

  it('EIRFPLR(0.5) = 0.495524 by hand: half load at the reference costs 49.6 % of full-load power', () => {
    near(quad(0.5), 0.495524, 1e-12, 'EIRFPLR(0.5)');
    const cap = 1e6, avail = cap * bi(CAPFT, 6.67, 29.4);
    nearRel(chillerPower(curves, cap, 5.5, 0.5 * avail, 6.67, 29.4) / chillerPower(curves, cap, 5.5, avail, 6.67, 29.4), 0.495524, 1e-12, 'ratio');
  });

  it.each([0.09, 0.05, 0.01])('cycles below PLR 0.1: P(PLR %f) = P(0.1)·PLR/0.1 (1e-12 rel)', (plr) => {
    const cap = 1e6, avail = cap * bi(CAPFT, 6.67, 29.4);
    const p01 = (avail / 5.5) * bi(EIRFT, 6.67, 29.4) * quad(0.1);
    nearRel(chillerPower(curves, cap, 5.5, plr * avail, 6.67, 29.4), p01 * (plr / 0.1), 1e-12, 'cycling');
    // EIRFPLR(0.1) by hand: 0.222903 + 0.0313387 + 0.0046371 = 0.2588788
    near(quad(0.1), 0.2588788, 1e-12, 'EIRFPLR(0.1)');
  });

  it('clamps curve inputs to 5–10 °C and 24–35 °C; no load → no power; load beyond capacity is capped at PLR 1', () => {
    expect(capacityFactor(curves, 2, 40)).toBe(capacityFactor(curves, 5, 35));
    expect(capacityFactor(curves, 14, 18)).toBe(capacityFactor(curves, 10, 24));
    expect(chillerPower(curves, 1e6, 5.5, 5e5, 2, 40)).toBe(chillerPower(curves, 1e6, 5.5, 5e5, 5, 35));
    expect(chillerPower(curves, 1e6, 5.5, 0, 6.67, 29.4)).toBe(0);
    const avail = 1e6 * bi(CAPFT, 6.67, 29.4);
    nearRel(chillerPower(curves, 1e6, 5.5, 2 * avail, 6.67, 29.4), power(1e6, 5.5, avail, 6.67, 29.4), 1e-12, 'PLR capped at 1');
  });
});

describe('chillers in a scenario at the reference point', () => {
  // Air-cooled racks only (4 × 50 kW) and one 300 kW CRAH (fan 1.5 % = 4.5 kW): at steady state the
  // chillers take Q ≈ 207.07 kW from the FWS loop, held at 6.67 °C leaving. Tower condenser at
  // wet bulb 25.4 °C + 4 K approach = 29.4 °C entering.
  // Also in Q: the FWS pumps' work, ρ·g·H·q/η at the documented 25 m and 0.7 with the loop's default flow
  // (the CRAH's capacity at a 10 K rise), and hall lighting, 6 W/m² over 2.5 m² per rack position.
  const fwsFlow = 300e3 / 10 / (WATER.rho * WATER.cp);
  const Q = 4 * 50e3 + 0.015 * 300e3 + (WATER.rho * G0 * 25 * fwsFlow) / 0.7 + 6 * 2.5 * 4;
  const DUR = 3600;
  const yaml = (chillers: number[]) => `
version: 1
name: chiller reference
duration: ${DUR} s
weather: { kind: constant, dry_bulb: 32 degC, wet_bulb: 25.4 degC }
rack_types:
  air: { cooling: air, power: 50 kW, load: 1 }
hall:
  rows:
    - { id: row-A, type: air, count: 4 }
  crahs:
    - { id: crah-1, capacity: 300 kW }
plant:
  supply_setpoint: 6.67 degC
  chiller_staging: { mode: all }  # every chiller runs and they share the load by capacity
  chillers:
${chillers.map((c, i) => `    - { id: ch-${i + 1}, capacity: ${c} W, cop: 5.5, condenser: tower, condenser_approach: 4 K }`).join('\n')}
`;

  it.each([
    ['one chiller at PLR ≈ 0.51', [400e3]],
    ['two equal chillers sharing, PLR ≈ 0.25 each', [400e3, 400e3]],
    ['two unequal chillers sharing by capacity', [300e3, 500e3]],
    ['one oversized chiller cycling at PLR ≈ 0.05', [4e6]],
  ] as const)('%s: plant.chiller_power = Σ hand P_i, energy and tower water follow (1e-6 rel)', (_name, caps) => {
    const out = run(yaml([...caps]), ['plant.chiller_power', 'plant.chiller_heat', 'plant.fws_supply', 'plant.water']);
    const capft = bi(CAPFT, 6.67, 29.4);
    const total = caps.reduce((s, c) => s + c, 0) * capft;
    // Load shared by available capacity.
    const p = caps.reduce((s, c) => s + power(c, 5.5, (Q * c * capft) / total, 6.67, 29.4), 0);
    const s = series(out.report, 'plant.chiller_power');
    near(series(out.report, 'plant.fws_supply').v[0]!, 6.67, 2e-6, 'FWS supply');
    nearRel(series(out.report, 'plant.chiller_heat').v[0]!, Q / 1000, 1e-6, 'chiller heat');
    nearRel(s.v[0]!, p / 1000, 1e-6, 'chiller power');
    nearRel(s.v[s.v.length - 1]!, p / 1000, 1e-6, 'chiller power at end');
    near(out.report.kpis.chiller_energy_kwh, (p * DUR) / 3.6e6, 1e-3, 'chiller energy kWh');
    // Tower condenser water: (load + power)/2.43 MJ/kg evaporated, × C/(C−1) = 4/3 with blowdown.
    const water = ((Q + p) / 2.43e6) * (4 / 3); // kg/s ≈ L/s
    nearRel(series(out.report, 'plant.water').v[0]!, water * 3600, 1e-6, 'water L/h');
    near(out.report.kpis.water_l, water * DUR, 1e-3 + 1e-9 * water * DUR, 'water L');
  });
});

describe('chiller restart', () => {
  it('cools only from its restart time on, not in the step that ends there', () => {
    // ch-1 trips at 600 s and is repaired at 1200 s with a 90 s restart: no chiller heat until 1290 s.
    const text = `version: 1
name: restart
duration: 40 min
solver: { record_interval: 1 s }
rack_types: { r: { power: 100 kW, cooling: dlc, load: 1 } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 100 kW } ]
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW, restart_delay: 90 s } ] }
events:
  - { at: 600 s, fail: ch-1 }
  - { at: 1200 s, repair: ch-1 }
`;
    const r = loadText(text, 'c.yaml');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const s = runScenario(r.scenario, { probes: ['plant.chiller_heat'] }).report.series['plant.chiller_heat']!;
    const at = (t: number) => s.values[s.t_s.indexOf(t)]!;
    for (const t of [601, 900, 1200, 1289, 1290]) expect(at(t), `chiller heat at ${t} s`).toBe(0);
    expect(at(1291)).toBeGreaterThan(10);
  });
});
