/**
 * PUE composed by hand: a small hall whose every electrical part is stated or a documented default, held
 * steady for two hours, so each part's energy is its power × 2 h and PUE = Σ parts / IT.
 *
 *   IT            2 air-cooled racks × 100 kW at load 1                                  = 200 kW
 *   distribution  PDU 400 kW, 1 % of rating at rated load: 0.01 · 400 kW · (200/400)²    = 1 kW
 *   UPS           one 500 kW module carrying 201 kW (x = 0.402), documented loss curve:
 *                 500 kW · (0.015 + 0.020·x + 0.010·x²)                                  = 12.328 kW
 *   CRAH fans     stated                                                                 = 3 kW
 *   FWS pumps     10 L/s at 30 m, 75 % wire-to-water: ρ·g·H·q/η = 996·9.80665·30·0.01/0.75 = 3.907 kW
 *   chiller       DOE-2 Centrifugal/5.50COP at 6.67 °C leaving / 29.4 °C entering (wet bulb 25.4 + 4 K),
 *                 400 kW: P = (Cap·CAPFT/COP)·EIRFT·EIRFPLR(Q/(Cap·CAPFT)) with Q the heat the FWS
 *                 carries = IT + CRAH fans + lighting + FWS pumps (UPS and PDU in the electrical room)
 *   controls      the documented 1 kW per chiller
 *   condenser     tower fans stated 6 kW at design rejection 400 kW·(1 + 1/5.5), scaled with Q + P;
 *                 condenser-water pump stated 5 kW while the chiller runs
 *   lighting      50 m² × 10 W/m²                                                        = 0.5 kW
 *   other         stated                                                                 = 4 kW
 *
 * Tolerances: the report rounds energies to 1 Wh and PUE to 1e-6; the hall starts at its steady state and
 * nothing moves, so the engine's parts equal the hand ones to that rounding (1e-3 kWh; PUE 2e-6).
 */
import { describe, it, expect } from 'vitest';
import { run, WATER, G0, near } from './util';
import { pueParts } from '../../sim/run/pueParts';

// Published DOE-2 Centrifugal/5.50COP coefficients (EnergyPlus Chiller:Electric:EIR dataset).
const CAPFT = [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344];
const EIRFT = [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215];
const EIRFPLR = [0.222903, 0.313387, 0.46371];
const bi = (c: number[], x: number, y: number) => c[0]! + c[1]! * x + c[2]! * x * x + c[3]! * y + c[4]! * y * y + c[5]! * x * y;

const H = 2; // hours
const IT = 200e3;
const DIST = 0.01 * 400e3 * (IT / 400e3) ** 2;
const UPS_LOAD = IT + DIST, X = UPS_LOAD / 500e3;
const UPS = 500e3 * (0.015 + 0.02 * X + 0.01 * X * X);
const CRAH_FANS = 3e3;
const FWS_PUMP = (WATER.rho * G0 * 30 * 0.01) / 0.75;
const LIGHTING = 50 * 10;
const OTHER = 4e3;
const Q = IT + CRAH_FANS + LIGHTING + FWS_PUMP;
const CAP = 400e3 * bi(CAPFT, 6.67, 29.4);
const PLR = Q / CAP;
const CHILLER = (CAP / 5.5) * bi(EIRFT, 6.67, 29.4) * (EIRFPLR[0]! + EIRFPLR[1]! * PLR + EIRFPLR[2]! * PLR * PLR);
const CONTROLS = 1e3;
const COND_FAN = (6e3 * (Q + CHILLER)) / (400e3 * (1 + 1 / 5.5));
const COND_PUMP = 5e3;
const COOLING = FWS_PUMP + CRAH_FANS + CHILLER + CONTROLS + COND_FAN + COND_PUMP;
const FACILITY = IT + DIST + UPS + COOLING + LIGHTING + OTHER;
/** Tower water, kg/s ≈ L/s: (Q + P)/2.43 MJ/kg evaporated, × C/(C − 1) = 4/3 with blowdown at 4 cycles. */
const WATER_L = ((Q + CHILLER) / 2.43e6) * (4 / 3) * H * 3600;
const kWh = (w: number) => (w * H) / 1000;

const yaml = `
version: 1
name: hand-composed PUE
duration: ${H} h
weather: { kind: constant, dry_bulb: 32 degC, wet_bulb: 25.4 degC }
rack_types:
  air: { cooling: air, power: 100 kW, load: 1 }
facility: { floor_area: 50 m^2, lighting: 10 W/m^2, other: 4 kW }
hall:
  rows: [ { id: row-A, type: air, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 300 kW, fan_power: 3 kW } ]
plant:
  supply_setpoint: 6.67 degC
  flow: 10 L/s
  pump_head: 30 m
  pump_efficiency: 75 %
  chillers:
    - { id: ch-1, capacity: 400 kW, cop: 5.5, condenser: tower, condenser_approach: 4 K, condenser_fan_power: 6 kW, condenser_pump_power: 5 kW }
power:
  utilities: [ { id: grid } ]
  buses: [ { id: main, sources: [grid] } ]
  ups: [ { id: ups-1, bus: main, modules: 1, module_rating: 500 kW, battery: 200 kWh, location: electrical_room } ]
  distribution: [ { id: pdu-1, from: ups-1, rating: 400 kW, loss_at_rating: 0.01, location: electrical_room } ]
  feeds: [ { loads: [racks], a: pdu-1 } ]
`;

describe('PUE composed from named parts, by hand', () => {
  const rep = run(yaml).report;
  const k = rep.kpis;
  const parts = k.facility_parts_kwh;

  it.each([
    ['it', IT], ['distribution_losses', DIST], ['ups_losses', UPS], ['crah_fans', CRAH_FANS], ['fws_pumps', FWS_PUMP],
    ['chillers', CHILLER], ['chiller_controls', CONTROLS], ['condenser_fans', COND_FAN], ['condenser_pumps', COND_PUMP],
    ['lighting', LIGHTING], ['other', OTHER], ['cdu_pumps', 0], ['free_cooling_fans', 0],
  ] as const)('%s: the hand power × 2 h (1e-3 kWh)', (name, watts) => {
    near(parts[name], kWh(watts), 1e-3, name);
  });

  it(`PUE = Σ parts / IT = ${(FACILITY / IT).toFixed(6)} (2e-6)`, () => {
    near(k.pue!, FACILITY / IT, 2e-6, 'PUE');
    near(k.facility_energy_kwh, kWh(FACILITY), 2e-3, 'facility energy');
    const sum = Object.values(parts).reduce((a, b) => a + b, 0);
    near(sum, k.facility_energy_kwh, 13 * 5e-4, 'the parts add up to facility energy (13 roundings)');
    // The CLI's and the page's "PUE parts": shares of IT that add up to the PUE.
    const shares = pueParts(parts, 0);
    expect(shares.map((p) => p.label)).toEqual(['IT', 'UPS', 'distribution', 'CDU pumps', 'FWS pumps', 'CRAH fans', 'chillers', 'chiller controls', 'tower fans', 'condenser pumps', 'free-cooling fans', 'lighting', 'other']);
    near(shares.reduce((a, p) => a + p.share, 0), FACILITY / IT, 2e-5, 'Σ shares');
    expect(pueParts(parts).map((p) => p.label)).not.toContain('CDU pumps'); // 0 kWh: left out of the line
  });

  it('pPUE of cooling, of power and of the other loads, and WUE, by hand', () => {
    near(k.ppue_cooling!, (IT + COOLING) / IT, 2e-6, 'pPUE cooling');
    near(k.ppue_power!, (IT + UPS + DIST) / IT, 2e-6, 'pPUE power');
    near(k.ppue_other!, (IT + LIGHTING + OTHER) / IT, 2e-6, 'pPUE other');
    near(k.cooling_energy_kwh, kWh(COOLING), 2e-3, 'cooling energy');
    near(k.water_parts_l.chiller_towers, WATER_L, 1e-3, 'tower water L');
    expect(k.water_parts_l.free_cooling_towers).toBe(0);
    near(k.wue_l_per_kwh!, WATER_L / kWh(IT), 1e-6, 'WUE');
  });

  it('the energy balance still closes with the FWS pumps\' and the lighting\'s heat in it', () => {
    expect(rep.energy_balance.error_rel).toBeLessThan(1e-9);
    near(rep.energy_balance.in_j, Q * H * 3600, 2, 'heat in = IT + fans + lighting + FWS pumps (J)');
  });
});
