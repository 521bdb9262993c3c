/**
 * The site's plant-wide loads on the power chain (`fws_pumps`, `lighting`, `facility_other` in power.feeds):
 * a bus carries exactly what is named on it, and losing power has its physical consequence.
 *
 * The hall (test/power/hall.ts): two 100 kW DLC racks (liquid fraction 0.85) on one CDU, a 100 kW CRAH, a
 * 1 MW chiller; `facility` states 100 m² at 10 W/m² of lighting (1 kW) and 7 kW of other loads.
 *
 * FWS pumps, by hand (documented defaults): the FWS flow is what the exchangers draw, the CDU at its TCS
 * capacity rate (2 racks × 1.5 L/min/kW × 100 kW = 5 L/s of PG25, 5e-3·1015·3940 = 19,995.5 W/K) and the
 * CRAH at a 10 K rise (100 kW / 10 K = 10,000 W/K): 29,995.5 W/K of water, Q = 29,995.5 / (996·4180) m³/s;
 * P = ρ·g·H·Q/η with 25 m and 0.70 (ASHRAE 90.1 Appendix G baseline) = 2,513 W.
 */
import { describe, it, expect } from 'vitest';
import { runHall } from './hall';
import { series, at } from '../physics/util';

const G0 = 9.80665;
const WATER = { rho: 996, cp: 4180 }, PG25 = { rho: 1015, cp: 3940 };
const TCS_RATE = 2 * 2.5e-3 * PG25.rho * PG25.cp; // W/K: 2 racks × 150 L/min
const FWS_Q = (TCS_RATE + 100e3 / 10) / (WATER.rho * WATER.cp); // m³/s
const FWS_PUMPS = (WATER.rho * G0 * 25 * FWS_Q) / 0.7; // W
const LIGHTING = 100 * 10, OTHER = 7000;
const FACILITY = 'facility: { floor_area: 100 m^2, lighting: 10 W/m^2, other: 7 kW }';

/** Three buses on one utility: IT on a UPS, the mechanical loads, and the house loads. */
const threeBuses = (mech: string, house: string, generator = '') => `  utilities: [ { id: grid } ]
${generator}
  buses:
    - { id: msb, sources: [grid${generator ? ', gen' : ''}] }
    - { id: mech, sources: [grid${generator ? ', gen' : ''}] }
    - { id: house, sources: [grid] }
  ups: [ { id: ups, bus: msb, modules: 2, module_rating: 150 kW, battery: 50 kWh } ]
  feeds:
    - { loads: [racks, cdus, crahs], a: ups }
    - { loads: [${mech}], a: mech }
    - { loads: [${house}], a: house }`;

describe('site loads on buses: a bus carries the sum of what is named on it', () => {
  const rep = runHall({
    duration: '600 s', power: threeBuses('fws_pumps', 'lighting, facility_other'), extra: FACILITY,
    probes: ['house.import', 'mech.import', 'plant.fws_pump_power'],
  });

  it('premise: the FWS pumps draw ρ·g·H·Q/η at the loop\'s flow (2,513 W)', () => {
    expect(FWS_PUMPS).toBeCloseTo(2513, 0);
    expect(at(series(rep, 'plant.fws_pump_power'), 300) * 1000).toBeCloseTo(FWS_PUMPS, 3);
  });

  it('the house bus imports lighting + other = 1 kW + 7 kW; the mechanical bus the FWS pumps alone', () => {
    // Buses have no loss: their import is exactly their loads (kW, to the watt).
    expect(at(series(rep, 'house.import'), 300)).toBeCloseTo((LIGHTING + OTHER) / 1000, 6);
    expect(at(series(rep, 'mech.import'), 300)).toBeCloseTo(FWS_PUMPS / 1000, 6);
  });

  it("a chiller's load point carries its compressor with its condenser fans and pumps: mech = FWS pumps + all three", () => {
    const withChiller = runHall({
      duration: '600 s', power: threeBuses('fws_pumps, chillers', 'lighting, facility_other'), extra: FACILITY,
      probes: ['mech.import', 'plant.fws_pump_power', 'plant.chiller_power', 'plant.condenser_power'],
    });
    const v = (p: string) => at(series(withChiller, p), 300);
    expect(v('plant.condenser_power')).toBeGreaterThan(0); // a tower-cooled chiller: fans and a pump
    expect(v('mech.import')).toBeCloseTo(v('plant.fws_pump_power') + v('plant.chiller_power') + v('plant.condenser_power'), 5);
  });

  it('lighting and other still meter into facility energy as before (they draw the same on the chain)', () => {
    expect(rep.kpis.facility_parts_kwh.lighting).toBeCloseTo((LIGHTING * 600) / 3.6e6, 3);
    expect(rep.kpis.facility_parts_kwh.other).toBeCloseTo((OTHER * 600) / 3.6e6, 3);
  });

  it('a load no feed names is not on the chain: a utility loss leaves it powered', () => {
    const off = runHall({
      duration: '600 s', power: threeBuses('chillers', 'chiller_controls'), extra: FACILITY,
      events: '  - { at: 100 s, utility: loss }',
    });
    expect(off.alarms.some((a) => a.kind === 'fws_pumps_power_loss' || a.kind === 'lighting_power_loss')).toBe(false);
    expect(off.kpis.facility_parts_kwh.lighting).toBeCloseTo((LIGHTING * 600) / 3.6e6, 3);
  });
});

describe('losing the house bus: lighting and other stop drawing, metering and (lighting) heating', () => {
  // The house bus's feed fails from 100 s to 400 s of 600 s: 300 s without the house loads.
  const power = threeBuses('fws_pumps', 'lighting, facility_other').replace('- { loads: [lighting, facility_other], a: house }', '- { id: house-feed, loads: [lighting, facility_other], a: house }');
  const rep = runHall({
    duration: '600 s', power, extra: FACILITY,
    events: '  - { at: 100 s, fail: house-feed, part: a }\n  - { at: 400 s, repair: house-feed, part: a }',
  });

  it('meters lighting and other for the 300 s they had power', () => {
    // The report rounds kWh to 3 decimals.
    expect(rep.kpis.facility_parts_kwh.lighting).toBeCloseTo((LIGHTING * 300) / 3.6e6, 3);
    expect(rep.kpis.facility_parts_kwh.other).toBeCloseTo((OTHER * 300) / 3.6e6, 3);
  });

  it('raises the loss and the return of each', () => {
    for (const k of ['lighting_power_loss', 'facility_other_power_loss']) expect(rep.alarms.find((a) => a.kind === k)?.t_s).toBe(100);
    for (const k of ['lighting_power_restored', 'facility_other_power_restored']) expect(rep.alarms.find((a) => a.kind === k)?.t_s).toBe(400);
  });
});

/**
 * A utility loss with the FWS pumps on the generator-backed mechanical bus and not on UPS: from the loss
 * until the generator is on line (start_delay 60 s) no facility water flows, so the CDU's exchanger passes
 * nothing (its FWS side is still) while its pumps (on UPS) keep the TCS loop moving. The loop and the racks
 * then heat as two coupled nodes, adiabatic but for their heat:
 *   rack r:  C_r·dT_r/dt = q_l − g·(T_r − T_c)          (q_l = 0.85·100 kW, g = 150 L/min of PG25)
 *   loop:    C_l·dT_c/dt = Σ g·(T_r − T_c) + P_pump     (supply = return: the exchanger takes nothing)
 * The mean rises at (2·q_l + P_pump)/C_tot, C_tot = 2·C_r + C_l, and D = T_r − T_c relaxes as
 * D(t) = D∞ + (D0 − D∞)·e^(−λt), λ = g·(1/C_r + 2/C_l), D∞ = (q_l/C_r − P_pump/C_l)/λ; so
 *   T_r(t) = T̄0 + (2·q_l + P_pump)·t/C_tot + C_l·D(t)/C_tot.
 * From the controlled steady state before the loss: T_r0 = 30 + q_l/g, T_c0 = 30 + (2·q_l + P_pump)/(2g).
 * C_r = 30 L of PG25 + 60 kJ/K (rack defaults), C_l = 0.4 m³ of PG25 (CDU loop default).
 * A sample takes the values at the end of the step that holds its time, and no node moves more than
 * max_delta_t (0.02 K here) in a step: samples sit within 2·max_delta_t of the closed form.
 */
describe('utility loss with the FWS pumps off UPS: no FWS flow until the generator is on line', () => {
  const T_LOSS = 100, START = 60, THROTTLE = 45, MAX_DT = 0.02;
  const rack = `power: 100 kW, idle_power: 20 kW, gpus: 8, cooling: dlc, load: 1, throttle_temperature: ${THROTTLE} degC`;
  const gen = `  generators: [ { id: gen, capacity: 1 MW, start_delay: ${START} s } ]`;
  const run = (mech: string, ups: string) => runHall({
    duration: '300 s', rack, extra: `${FACILITY}\nsolver: { record_interval: 1 s, max_delta_t: ${MAX_DT} K }`,
    power: threeBuses(mech, 'lighting, facility_other', gen).replace('[racks, cdus, crahs]', `[racks, cdus, crahs${ups}]`),
    events: `  - { at: ${T_LOSS} s, utility: loss }`,
    probes: ['cdu-A.heat', 'cdu-A.pump_power', 'row-A-01.temperature', 'plant.fws_pump_power'],
  });
  const rep = run('fws_pumps, chillers, chiller_controls', '');
  const onUps = run('chillers, chiller_controls', ', fws_pumps');

  const q = 0.85 * 100e3, g = TCS_RATE / 2;
  const Cr = 0.03 * PG25.rho * PG25.cp + 60e3, Cl = 0.4 * PG25.rho * PG25.cp, Ct = 2 * Cr + Cl;
  const pump = at(series(rep, 'cdu-A.pump_power'), 50) * 1000;
  const Tr0 = 30 + q / g, Tc0 = 30 + (2 * q + pump) / (2 * g);
  const mean0 = (2 * Cr * Tr0 + Cl * Tc0) / Ct;
  const lambda = g * (1 / Cr + 2 / Cl), Dinf = (q / Cr - pump / Cl) / lambda, D0 = Tr0 - Tc0;
  const Tr = (t: number) => (t <= T_LOSS ? Tr0 : mean0 + ((2 * q + pump) * (t - T_LOSS)) / Ct + (Cl * (Dinf + (D0 - Dinf) * Math.exp(-lambda * (t - T_LOSS)))) / Ct);
  let lo = T_LOSS, hi = T_LOSS + START;
  for (let i = 0; i < 100; i++) { const m = (lo + hi) / 2; if (Tr(m) < THROTTLE) lo = m; else hi = m; }
  const tThrottle = lo;

  it('premise: the CDU pumps draw ρ·g·H·Q/η = 1,777 W at 5 L/s and 25 m; the throttle falls inside the generator gap', () => {
    expect(pump).toBeCloseTo((PG25.rho * G0 * 25 * 5e-3) / 0.7, 0);
    expect(tThrottle).toBeGreaterThan(T_LOSS + 10);
    expect(tThrottle).toBeLessThan(T_LOSS + START - 10);
  });

  it('the FWS pumps lose power at the loss and get it back when the generator is on line', () => {
    expect(rep.alarms.find((a) => a.kind === 'fws_pumps_power_loss')?.t_s).toBe(T_LOSS);
    expect(rep.alarms.find((a) => a.kind === 'fws_pumps_power_restored')?.t_s).toBe(T_LOSS + START);
    const p = series(rep, 'plant.fws_pump_power');
    for (const t of [T_LOSS + 1, T_LOSS + 30, T_LOSS + START - 1]) expect(at(p, t)).toBe(0);
    expect(at(p, T_LOSS + START + 1) * 1000).toBeCloseTo(FWS_PUMPS, 3);
  });

  it('no heat reaches the facility water through the gap: the CDU passes 0 W', () => {
    const h = series(rep, 'cdu-A.heat');
    for (let t = T_LOSS + 1; t < T_LOSS + START; t += 5) expect(at(h, t)).toBe(0);
    expect(at(h, T_LOSS - 1)).toBeCloseTo((2 * q + pump) / 1000, 3); // before: the racks' liquid heat and the pumps
  });

  it('the rack coolant follows the two-node closed form from the loss to the throttle (±2·max_delta_t)', () => {
    // Past the throttle the GPUs cap their power: the closed form's q_l no longer holds.
    const s = series(rep, 'row-A-01.temperature');
    for (let t = T_LOSS + 1; t < tThrottle; t += 1) expect(Math.abs(at(s, t) - Tr(t)), `t = ${t}`).toBeLessThan(2 * MAX_DT);
  });

  it('time to throttle is the closed form\'s crossing (±0.1 s)', () => {
    const x = rep.time_to_limit['rack_throttle'];
    expect(x).toBeDefined();
    expect(Math.abs(x!.t_s - tThrottle)).toBeLessThan(0.1);
  });

  it('with the FWS pumps on UPS instead, the water keeps flowing: the CDU keeps passing heat and no rack throttles', () => {
    expect(onUps.alarms.some((a) => a.kind === 'fws_pumps_power_loss')).toBe(false);
    expect(at(series(onUps, 'cdu-A.heat'), T_LOSS + 30)).toBeGreaterThan(100);
    expect(onUps.time_to_limit['rack_throttle']).toBeUndefined();
  });
});
