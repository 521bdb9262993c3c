/**
 * Rear-door heat exchangers (components/rear-door/rear-door.ts) against the ε-NTU closed form.
 *
 * The door's UA comes from its rating: rated duty Q_r, approach Δ (leaving air − entering water), air
 * capacity rate C_a = rack air heat / 12 K, water C_w = flow·ρ·cp:
 *     ε_r = Q_r / (C_min·(Δ + Q_r/C_a)),   NTU = ln((1 − ε_r·Cr)/(1 − ε_r)) / (1 − Cr),   UA = NTU·C_min
 * (counterflow, Incropera eq. 11.30a). In operation at the same flows the door removes
 *     Q_d = ε·C_min·(T_in + q/C_a − T_w),   ε = counterflow ε(UA/C_min, Cr) (eq. 11.29a, util.ts)
 * with q the rack's air heat at its load and T_w the facility-water supply (held at its setpoint).
 * In a zone whose CRAH holds the supply at T_set (recirculation r, G = A·(1 − b)):
 *     T_in = T_set + r·(P + F − Q_d)/G
 * so Q_d·(1 + k·r/G) = k·(T_set + r·(P + F)/G + q/C_a − T_w), k = ε·C_min, and the CRAH's duty is
 * P + F − Q_d (F: CRAH fan heat). A door whose water fails removes nothing: the CRAH takes it all.
 * Tolerance 1e-6 kW / 1e-6 K: steady solves are exact to rounding; series are rounded to 1e-6.
 */
import { describe, it, expect } from 'vitest';
import { run, series, near, epsCounterflow, compileErrors, WATER, PG25, AIR } from './util';
import { validateScenarioData } from '../../sim/scenario/load';
import { compileModel } from '../../sim/model/model';

// Warm facility water (22 °C, above any dew point, as doors run): the door leaves the CRAH some duty.
const SET = 24, FWS = 22, P = 40e3, CAP = 150e3;
const A = CAP / 12, F = 0.015 * CAP;
const R = 0.05, B = 0.1; // cold-aisle containment
const G = A * (1 - B);

const yaml = (door: string, load: number, events = '', duration = 60, fws = FWS) => `
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: rear door
duration: ${duration} s
solver: { record_interval: 10 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  rd: { cooling: rear_door, power: ${P / 1000} kW, idle_power: 0 kW, load: ${load}, door: { ${door} } }
hall:
  air_setpoint: ${SET} degC
  structure_heat_capacity: 0 J/K
  structure_ua: 0 W/K
  rows:
    - { id: row-A, type: rd, count: 1, containment: cold_aisle }
  crahs:
    - { id: crah-1, capacity: ${CAP / 1000} kW }
plant:
  supply_setpoint: ${fws} degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
${events}
`;

/** The closed-form door: k = ε·C_min from the rating, and the steady door heat at load with water `fluid` at `tw` °C. */
function door(capacity: number, waterFlow: number, approach: number, load: number, fluid: { rho: number; cp: number } = WATER, tw = FWS) {
  const ca = P / 12, cw = waterFlow * fluid.rho * fluid.cp;
  const cmin = Math.min(ca, cw), cr = cmin / Math.max(ca, cw);
  const epsRated = capacity / (cmin * (approach + capacity / ca));
  const ntu = Math.log((1 - epsRated * cr) / (1 - epsRated)) / (1 - cr);
  const eps = epsCounterflow(ntu, cr);
  const k = eps * cmin, q = P * load;
  const qd = (k * (SET + (R * (q + F)) / G + q / ca - tw)) / (1 + (k * R) / G);
  return { epsRated, eps, k, qd, inlet: SET + (R * (q + F - qd)) / G, crah: q + F - qd, cmin, ca, cw };
}

describe('a rear door removes ε·C_min·(exhaust − water) (ε-NTU closed form)', () => {
  const cases: [string, number, number, number, number][] = [
    ['air the smaller stream, full load', 35e3, 1.5e-3, 3, 1],
    ['air the smaller stream, half load', 35e3, 1.5e-3, 3, 0.5],
    ['water the smaller stream', 15e3, 0.5e-3, 3, 1],
  ];
  for (const [name, cap, flow, appr, load] of cases) {
    it(`${name}: door heat, rack inlet and CRAH duty (1e-6)`, () => {
      const d = door(cap, flow, appr, load);
      // The operating ε at the rating's flows is the rated one (the UA round trip), and it is < 1.
      expect(d.eps).toBeCloseTo(d.epsRated, 12);
      expect(d.eps).toBeLessThan(1);
      const out = run(yaml(`capacity: ${cap / 1000} kW, water_flow: ${flow * 1000} L/s, approach: ${appr} K`, load), ['row-A-01.door_heat', 'row-A.inlet', 'hall.crah_heat']);
      near(series(out.report, 'row-A-01.door_heat').v[0]!, d.qd / 1000, 1e-6, 'door heat kW');
      near(series(out.report, 'row-A.inlet').v[0]!, d.inlet, 2e-6, 'inlet');
      near(series(out.report, 'hall.crah_heat').v[0]!, d.crah / 1000, 1e-6, 'CRAH duty kW');
      expect(out.report.final['row-A-01']).toMatchObject({ door: 'normal' });
      expect(out.report.energy_balance.error_rel).toBeLessThan(1e-9);
    });
  }

  it('a door on cold water overcools: the CRAH idles, the door takes P + F and the zone settles at T_w + (P + F)/k − P/C_a (1e-6)', () => {
    const cold = 15;
    const d = door(35e3, 1.5e-3, 3, 1);
    const tz = cold + (P + F) / d.k - P / d.ca;
    expect(tz).toBeLessThan(SET); // below the setpoint: the CRAH's valve stays shut
    const out = run(yaml('capacity: 35 kW, water_flow: 1.5 L/s, approach: 3 K', 1, '', 60, cold), ['row-A-01.door_heat', 'row-A.inlet', 'row-A.air', 'hall.crah_heat']);
    near(series(out.report, 'row-A-01.door_heat').v[0]!, (P + F) / 1000, 1e-6, 'door heat kW');
    near(series(out.report, 'hall.crah_heat').v[0]!, 0, 1e-6, 'CRAH duty kW');
    near(series(out.report, 'row-A.air').v[0]!, tz, 2e-6, 'zone air');
    near(series(out.report, 'row-A.inlet').v[0]!, tz, 2e-6, 'inlet (no supply air: the zone air)');
  });

  it('defaults: capacity = the rack air heat, a 5 K water rise, 3 K approach (ε_r = 40/(3.333·15) = 0.8)', () => {
    const ca = P / 12, cw = P / 5;
    const d = door(P, cw / (WATER.rho * WATER.cp), 3, 1);
    expect(d.epsRated).toBeCloseTo(P / (ca * 15), 12);
    expect(d.epsRated).toBeCloseTo(0.8, 12);
    const out = run(yaml('', 1), ['row-A-01.door_heat']);
    near(series(out.report, 'row-A-01.door_heat').v[0]!, d.qd / 1000, 1e-6, 'door heat kW');
  });
});

describe("a door's water failing puts the rack's heat into the room", () => {
  const T_FAIL = 600;
  const d = door(35e3, 1.5e-3, 3, 1);
  const out = run(yaml('capacity: 35 kW, water_flow: 1.5 L/s, approach: 3 K', 1, `events:\n  - { at: ${T_FAIL} s, fail: row-A-01, part: door }\n  - { at: 6000 s, repair: row-A-01, part: door }`, 9000),
    ['row-A-01.door_heat', 'row-A.inlet', 'hall.crah_heat']);
  const heat = series(out.report, 'row-A-01.door_heat'), crah = series(out.report, 'hall.crah_heat'), inlet = series(out.report, 'row-A.inlet');
  const at = (s: typeof heat, t: number) => s.v[s.t.findIndex((x) => x >= t - 1e-6)]!;

  it('door heat drops to zero at the failure and returns after the repair', () => {
    near(at(heat, T_FAIL - 10), d.qd / 1000, 1e-6, 'before');
    expect(at(heat, T_FAIL + 10)).toBe(0);
    expect(at(heat, 5990)).toBe(0);
    near(heat.v[heat.v.length - 1]!, d.qd / 1000, 1e-4, 'after the repair, settled');
    expect(out.report.alarms.some((a) => a.kind === 'door_failure' && a.component === 'row-A-01' && a.t_s === T_FAIL)).toBe(true);
  });

  it('the CRAH takes the whole rack (P + F) and the inlet rises to set + r·(P + F)/G once settled (1e-4)', () => {
    near(at(crah, 5990), (P + F) / 1000, 1e-4, 'CRAH duty kW');
    near(at(inlet, 5990), SET + (R * (P + F)) / G, 1e-4, 'inlet');
    expect(at(inlet, 5990)).toBeGreaterThan(d.inlet + 0.1);
  });

  it('closes the energy balance to 1e-9', () => {
    expect(out.report.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('rear-door validation names the field', () => {
  const base = () => ({
    version: 1, name: 'v', duration: '60 s',
    rack_types: { rd: { cooling: 'rear_door', power: '40 kW', door: {} as Record<string, unknown> } },
    hall: { rows: [{ id: 'row-A', type: 'rd', count: 1 }], crahs: [{ id: 'crah-1', capacity: '150 kW' }] },
    plant: { chillers: [{ id: 'ch-1', capacity: '1 MW' }] },
  });
  const errorsOf = compileErrors;
  it('an approach the door cannot make at its flows', () => {
    const s = base();
    s.rack_types.rd.door = { capacity: '40 kW', water_flow: '0.5 L/s', approach: '1 K' };
    expect(errorsOf(s)).toContainEqual(expect.objectContaining({ path: 'hall.rows[0].door.approach', message: expect.stringContaining('effectiveness') }));
  });
  it('a door on a plain air-cooled rack', () => {
    const s = base();
    (s.rack_types.rd as Record<string, unknown>).cooling = 'air';
    expect(errorsOf(s)).toContainEqual(expect.objectContaining({ path: 'rack_types.rd.door' }));
  });
  it('door water named other than facility, a CDU that does not exist, or both water and cdu', () => {
    const s = base();
    s.rack_types.rd.door = { water: 'cdu-A' };
    expect(errorsOf(s)).toContainEqual(expect.objectContaining({ path: 'hall.rows[0].door.water', message: expect.stringContaining('states "cdu: <id>" instead') }));
    s.rack_types.rd.door = { cdu: 'cdu-Z' };
    expect(errorsOf(s)).toContainEqual({ path: 'hall.rows[0].door.cdu', message: 'expected a CDU id defined in cdus, found "cdu-Z"' });
    (s as Record<string, unknown>).cdus = [{ id: 'cdu-A' }];
    s.rack_types.rd.door = { cdu: 'cdu-A', water: 'facility' };
    expect(errorsOf(s)).toContainEqual(expect.objectContaining({ path: 'hall.rows[0].door.water', message: expect.stringContaining('not both') }));
    s.rack_types.rd.door = { cdu: 'cdu-A' };
    expect(errorsOf(s)).toEqual([]);
  });
  it('part: door on a unit without one', () => {
    const s = base() as ReturnType<typeof base> & { events?: unknown[] };
    s.events = [{ at: '10 s', fail: 'crah-1', part: 'door' }];
    const res = validateScenarioData(s, undefined, 'json');
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    const m = compileModel(res.scenario);
    expect(m.ok).toBe(false);
    if (!m.ok) expect(m.errors).toContainEqual(expect.objectContaining({ path: 'events[0].fail', message: expect.stringContaining('with part: door') }));
  });
});

/**
 * A door on a CDU's TCS loop (`door.cdu`). The CDU holds its supply at T_w = 20 °C, so the door's water is
 * T_w exactly and its heat has the facility-water door's closed form with T_w for the water and the TCS
 * fluid (PG25) for C_w. The door's heat joins the loop: at steady state the CDU passes to the facility
 * water its racks' liquid heat + its pump power + the door heat, and its flow is the racks' design flow
 * + the door's water flow. A 60 kW DLC rack (liquid fraction 1, so its heat is all the CDU's and none the
 * zone's) shares the loop.
 *
 * When the CDU fails its loop stops, the door has no water and removes nothing: the zone (air C_z =
 * 500 m³ of air; no structure) then follows C_z·dT_z/dt = P + F − G·(T_z − T_set) with the CRAH at its
 * setpoint, T_z(t) = T∞ + (T_z0 − T∞)·e^(−G·t/C_z), T∞ = T_set + (P + F)/G, and the inlet
 * T_in = T_set + r·(T_z − T_set). Tolerance r·5·error_tolerance = 5e-4 K on the inlet: the integrator
 * keeps the zone air within a few error_tolerance (0.002 K) of the solution (the documented bound, as in
 * time-to-limit.test.ts), and the inlet sees r of it.
 */
describe('a rear door on a CDU loop (door.cdu)', () => {
  const TW = 20, DLC = 60e3, T_FAIL = 300, VOL = 500;
  const yamlCdu = (events = '') => `
version: 1
facility: { lighting: 0 W/m^2 }
name: rear door on a CDU loop
duration: 1200 s
solver: { record_interval: 5 s }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  rd: { cooling: rear_door, power: ${P / 1000} kW, idle_power: 0 kW, load: 1, door: { capacity: 35 kW, water_flow: 1.5 L/s, approach: 3 K, cdu: cdu-A } }
  gpu: { cooling: dlc, power: ${DLC / 1000} kW, idle_power: 0 kW, load: 1, liquid_fraction: 1 }
hall:
  air_setpoint: ${SET} degC
  air_volume: ${VOL} m^3
  structure_heat_capacity: 0 J/K
  structure_ua: 0 W/K
  rows:
    - { id: row-A, count: 2, containment: cold_aisle, racks: [ { id: door-rack, type: rd }, { id: gpu-1, type: gpu, cdu: cdu-A } ] }
  crahs:
    - { id: crah-1, capacity: ${CAP / 1000} kW }
cdus:
  - { id: cdu-A, supply_setpoint: ${TW} degC }
plant:
  supply_setpoint: 14 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
${events}
`;
  // The door's closed form with the TCS water: C_w = 1.5 L/s of PG25 at T_w.
  const { k, qd, ca } = door(35e3, 1.5e-3, 3, 1, PG25, TW);
  const probes = ['door-rack.door_heat', 'cdu-A.heat', 'cdu-A.pump_power', 'cdu-A.flow', 'cdu-A.supply', 'row-A.inlet', 'hall.crah_heat'];
  const steady = run(yamlCdu(), probes).report;
  const v0 = (name: string) => series(steady, name).v[0]!;

  it('the door takes k·(T_in + P/C_a − T_w) at the CDU supply T_w (1e-6 kW)', () => {
    near(v0('cdu-A.supply'), TW, 1e-9, 'CDU holds its supply');
    near(v0('door-rack.door_heat'), qd / 1000, 1e-6, 'door heat kW');
    near(v0('hall.crah_heat'), (P + F - qd) / 1000, 1e-6, 'CRAH duty kW');
  });

  it("the door's heat adds exactly to the CDU's duty: racks' liquid heat + pumps + door (1e-6 kW)", () => {
    near(v0('cdu-A.heat'), DLC / 1000 + v0('cdu-A.pump_power') + qd / 1000, 1e-6, 'CDU duty kW');
  });

  it("the door's water is part of the CDU's flow: 60 kW × 1.5 L/min/kW + 1.5 L/s", () => {
    near(v0('cdu-A.flow'), (60 * 1.5) / 60 + 1.5, 1e-9, 'CDU flow L/s');
  });

  it('closes the energy balance to 1e-9', () => {
    expect(steady.energy_balance.error_rel).toBeLessThan(1e-9);
  });

  it('with the CDU unable to hold its setpoint (facility water 19.5 °C), the door takes the supply the CDU makes (1e-5 kW)', () => {
    // Saturated: the supply is above 20 °C and depends on the door's own heat; the solve settles both.
    const warm = run(yamlCdu().replace('supply_setpoint: 14 degC', 'supply_setpoint: 19.5 degC'), probes).report;
    const w = (name: string) => series(warm, name).v[0]!;
    const tts = w('cdu-A.supply'), tin = w('row-A.inlet');
    expect(tts).toBeGreaterThan(TW + 0.1);
    // Series round temperatures to 1e-6 K: k·(T_in − T_w) from them is good to k·1e-6 K ≈ 3e-6 kW.
    near(w('door-rack.door_heat'), (k * (tin + P / ca - tts)) / 1000, 1e-5, 'door heat kW at the CDU supply');
    near(w('cdu-A.heat'), DLC / 1000 + w('cdu-A.pump_power') + w('door-rack.door_heat'), 1e-6, 'CDU duty kW');
    expect(warm.energy_balance.error_rel).toBeLessThan(1e-9);
  });

  describe('the CDU fails: the door stops, the zone takes the rack\'s air heat', () => {
    const out = run(yamlCdu(`events:\n  - { at: ${T_FAIL} s, fail: cdu-A }`), probes).report;
    const s = (name: string) => series(out, name);
    const at = (x: ReturnType<typeof s>, t: number) => x.v[x.t.findIndex((y) => y >= t - 1e-6)]!;
    const Cz = VOL * AIR.rho * AIR.cp;
    const Tinf = SET + (P + F) / G;
    const Tz0 = SET + (P + F - qd) / G; // the zone before: the CRAH's duty G·(T_z − T_set) is P + F − Q_d
    const inlet = (t: number) => SET + R * (Tinf + (Tz0 - Tinf) * Math.exp((-G * (t - T_FAIL)) / Cz) - SET);

    it('door heat 0 from the failure on', () => {
      near(at(s('door-rack.door_heat'), T_FAIL - 5), qd / 1000, 1e-6, 'before');
      for (const t of [T_FAIL + 5, 600, 1200]) expect(at(s('door-rack.door_heat'), t)).toBe(0);
    });

    it('rack inlet follows the zone\'s exponential to T_set + r·(P + F)/G (r·5·error_tolerance)', () => {
      for (let t = T_FAIL + 10; t <= 1200; t += 50) near(at(s('row-A.inlet'), t), inlet(t), R * 5 * 0.002, `inlet at ${t} s`);
      near(at(s('row-A.inlet'), 1200), SET + (R * (P + F)) / G, 1e-4, 'settled');
    });

    it('closes the energy balance to 1e-9', () => {
      expect(out.energy_balance.error_rel).toBeLessThan(1e-9);
    });
  });
});
