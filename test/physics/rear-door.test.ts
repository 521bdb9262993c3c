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
import { run, series, near, epsCounterflow, compileErrors, WATER } from './util';
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

/** The closed-form door: k = ε·C_min from the rating, and the steady door heat at load. */
function door(capacity: number, waterFlow: number, approach: number, load: number) {
  const ca = P / 12, cw = waterFlow * WATER.rho * WATER.cp;
  const cmin = Math.min(ca, cw), cr = cmin / Math.max(ca, cw);
  const epsRated = capacity / (cmin * (approach + capacity / ca));
  const ntu = Math.log((1 - epsRated * cr) / (1 - epsRated)) / (1 - cr);
  const eps = epsCounterflow(ntu, cr);
  const k = eps * cmin, q = P * load;
  const qd = (k * (SET + (R * (q + F)) / G + q / ca - FWS)) / (1 + (k * R) / G);
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
  it('door water from a CDU (not modelled yet)', () => {
    const s = base();
    s.rack_types.rd.door = { water: 'cdu-A' };
    expect(errorsOf(s)).toContainEqual(expect.objectContaining({ path: 'hall.rows[0].door.water', message: expect.stringContaining('not modelled yet') }));
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
