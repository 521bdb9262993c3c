/**
 * Free cooling ahead of the chillers.
 *
 * Each free cooler cools the return water towards floor = max(T_set, T_ambient + approach) (dry bulb for
 * dry coolers, wet bulb for towers), capacity permitting; the chillers trim what is left to the setpoint.
 * At steady state the FWS loop carries Q = IT + fans + FWS pumps + hall lighting with flow rate G = ṁ·cp:
 *     T_return = T_set + Q/G
 *     free-cooling heat = G·(T_return − floor)⁺ (≤ capacity),   chiller heat = Q − free-cooling heat
 * So:
 *   cold ambient (floor = T_set):     free cooling takes all of Q; chiller energy 0; fraction 1
 *   warm ambient (floor > T_return):  free cooling takes nothing; fraction 0
 *   in between (T_set < floor < T_return): chiller heat = G·(floor − T_set) exactly
 * Fan power scales with duty: P_fan = fan_power·Q_fc/capacity. Towers evaporate Q/2.43 MJ/kg, × C/(C−1).
 * Steady states: 1e-6 relative; report energies are rounded to 1 Wh.
 */
import { describe, it, expect } from 'vitest';
import { run, series, WATER, G0, near, nearRel } from './util';

const DUR = 3600;
const RACKS = 4 * 100e3, CRAH = 600e3;
const G = 0.02 * WATER.rho * WATER.cp; // plant flow 20 L/s
// FWS pumps at the documented default head and efficiency: ρ·g·H·q/η; their work heats the loop.
const FWS_PUMP = (WATER.rho * G0 * 25 * 0.02) / 0.7;
// Hall lighting at the documented default: 6 W/m² over 2.5 m² per rack position.
const LIGHTING = 6 * 2.5 * 4;
const Q = RACKS + 0.015 * CRAH + FWS_PUMP + LIGHTING; // rack heat + CRAH fans (1.5 % of capacity) + FWS pumps + lighting
const SET = 20;
const FC_CAP = 1.5e6, FC_FAN = 15e3;

function yaml(dry: number, wet: number, kind: 'dry_cooler' | 'tower', approach: number): string {
  return `
version: 1
name: free cooling ${kind} ${dry}/${wet}
duration: ${DUR} s
weather: { kind: constant, dry_bulb: ${dry} degC, wet_bulb: ${wet} degC }
rack_types:
  air: { cooling: air, power: 100 kW, load: 1 }
hall:
  air_setpoint: 27 degC
  rows:
    - { id: row-A, type: air, count: 4 }
  crahs:
    - { id: crah-1, capacity: ${CRAH / 1000} kW }
plant:
  supply_setpoint: ${SET} degC
  flow: 20 L/s
  free_cooling:
    - { id: fc-1, kind: ${kind}, capacity: ${FC_CAP / 1000} kW, approach: ${approach} K, fan_power: ${FC_FAN / 1000} kW, cycles_of_concentration: 4 }
  chillers:
    - { id: ch-1, capacity: 2 MW }
`;
}

const probes = ['plant.free_cooling_heat', 'plant.chiller_heat', 'plant.chiller_power', 'plant.fws_supply', 'plant.fws_return', 'plant.water'];
const last = (out: ReturnType<typeof run>, name: string) => { const s = series(out.report, name); return s.v[s.v.length - 1]!; };
const maxAbs = (out: ReturnType<typeof run>, name: string) => Math.max(...series(out.report, name).v.map(Math.abs));

describe('free cooling', () => {
  it('cold ambient (dry bulb 5 °C + 5 K < 20 °C setpoint): dry coolers carry everything, chiller energy 0, fraction 1', () => {
    const out = run(yaml(5, 2, 'dry_cooler', 5), probes);
    const k = out.report.kpis;
    expect(k.chiller_energy_kwh).toBe(0);
    expect(maxAbs(out, 'plant.chiller_power')).toBe(0);
    expect(maxAbs(out, 'plant.chiller_heat')).toBe(0);
    expect(k.free_cooling_heat_fraction).toBe(1);
    nearRel(last(out, 'plant.free_cooling_heat'), Q / 1000, 1e-6, 'free-cooling heat');
    near(last(out, 'plant.fws_supply'), SET, 2e-6, 'FWS supply held at setpoint by free cooling alone');
    near(last(out, 'plant.fws_return'), SET + Q / G, 2e-6, 'FWS return = set + Q/G');
    // Fans at duty Q/capacity: energy = fan_power·(Q/cap)·t.
    near(k.free_cooling_energy_kwh, (FC_FAN * (Q / FC_CAP) * DUR) / 3.6e6, 1e-3, 'free-cooling fan energy');
    expect(k.water_l).toBe(0); // dry coolers use no water
  });

  it('warm ambient (dry bulb 35 °C + 5 K above the return): no free cooling, fraction 0, chillers carry Q', () => {
    const out = run(yaml(35, 22, 'dry_cooler', 5), probes);
    const k = out.report.kpis;
    expect(SET + Q / G).toBeLessThan(40); // premise: return below ambient + approach
    expect(k.free_cooling_heat_fraction).toBe(0);
    expect(maxAbs(out, 'plant.free_cooling_heat')).toBe(0);
    expect(k.free_cooling_energy_kwh).toBe(0);
    nearRel(last(out, 'plant.chiller_heat'), Q / 1000, 1e-6, 'chiller heat');
    expect(k.chiller_energy_kwh).toBeGreaterThan(0);
  });

  it('partial (dry bulb 18 °C + 5 K = 23 °C between setpoint and return): chiller heat = G·(23 − 20)', () => {
    const out = run(yaml(18, 12, 'dry_cooler', 5), probes);
    const tRet = SET + Q / G;
    expect(tRet).toBeGreaterThan(23); // premise
    nearRel(last(out, 'plant.chiller_heat'), (G * (23 - SET)) / 1000, 1e-6, 'chiller heat');
    nearRel(last(out, 'plant.free_cooling_heat'), (G * (tRet - 23)) / 1000, 1e-6, 'free-cooling heat');
    nearRel(out.report.kpis.free_cooling_heat_fraction!, (tRet - 23) / (tRet - SET), 2e-6, 'fraction');
  });

  it('a tower follows the wet bulb: hot and dry (35 °C / 12 °C wb + 4 K) still free-cools fully, using water', () => {
    const out = run(yaml(35, 12, 'tower', 4), probes);
    const k = out.report.kpis;
    expect(k.chiller_energy_kwh).toBe(0);
    expect(k.free_cooling_heat_fraction).toBe(1);
    // Evaporation Q/2.43 MJ/kg, blowdown × C/(C−1) = 4/3.
    const kgPerS = (Q / 2.43e6) * (4 / 3);
    nearRel(last(out, 'plant.water'), kgPerS * 3600, 1e-6, 'water L/h');
    near(k.water_l, kgPerS * DUR, 1e-3 + 1e-9 * kgPerS * DUR, 'water L');
  });
});
