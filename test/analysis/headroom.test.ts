/**
 * Expansion headroom against answers counted on paper (models/expansion-hall.yaml states the arithmetic in
 * its header): a 2N UPS pair, N+1 CDU pumps with a rated flow, N+1 CRAHs, a floor rating.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenarioText } from '../../sim/scenario/load';
import { headroom } from '../../sim/analysis/headroom';
import { ScenarioError } from '../../sim/run/simulation';
import type { Scenario } from '../../sim/scenario/schema';
import { FLUIDS } from '../../sim/scenario/defaults';
import { CHILLER } from '../../sim/components/chiller/schema';

const load = (name: string): Scenario => {
  const r = loadScenarioText(readFileSync(new URL(`../../models/${name}.yaml`, import.meta.url), 'utf8'), `${name}.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};
const hall = () => load('expansion-hall');
const res = (r: ReturnType<typeof headroom>, kind: string, element: string) => r.resources.find((x) => x.kind === kind && x.element === element)!;

describe('headroom on the expansion hall (2N UPS, N+1 pumps and CRAHs)', () => {
  const r = headroom(hall(), { rack: 'nvl72' });

  it('adds the three racks the 2N UPS can carry, in row-A first spare positions', () => {
    // One UPS carries everything when the other side is lost: 3 × 880 kW = 2,640 kW. 19 racks × 132 kW =
    // 2,508 kW (+ busway I²R loss, pumps, fans) fits, 20 × 132 = 2,640 kW before those does not: 16 + 3.
    expect(r.added).toBe(3);
    expect(r.positions).toEqual(['row-A-09', 'row-A-10', 'row-A-11']);
    expect(r.rows.map((x) => x.added)).toEqual([3, 0, 0]);
    expect(r.binding?.resource).toBe('power');
    expect(['ups-A', 'ups-B']).toContain(r.binding?.element);
    const other = r.binding!.element === 'ups-A' ? 'B' : 'A';
    expect(r.binding?.case).toMatch(new RegExp(`-${other} out \\(2N\\)`));
    expect(r.already_short).toBe(false);
  });

  it('the surviving UPS carries every rack, the busways\' I²R loss, the pumps, fans and chiller controls (closed form)', () => {
    // Side B lost: busway-A1 carries row A (11 racks), busway-A2 row B (8); loss = 1 % of rating at rating, ∝ load².
    const loss = (kw: number) => 0.01 * 2000 * (kw / 2000) ** 2;
    // Pumps on the system curve H = 25 m · (Q/Q_rated)², P = ρ·g·H·Q/η (40 L/s rated, η 0.7).
    const pump = (q: number) => (FLUIDS.tcs.density * 9.80665 * 25 * (q / 0.04) ** 2 * q) / 0.7 / 1000;
    const fans = 4 * 150 * 0.015;
    const expected = 19 * 132 + loss(11 * 132) + loss(8 * 132) + pump(11 * 3.3e-3) + pump(8 * 3.3e-3) + fans + 3 * CHILLER.controlsPower / 1000;
    const ups = res(r, 'power', 'ups-A');
    expect(ups.load).toBeCloseTo(expected, 2);
    expect(ups.capacity).toBe(2640);
    expect(ups.n.load).toBeCloseTo(expected / 2, -1); // healthy: each side about half (loss is quadratic)
  });

  it('steady-state rack coolant is the CDU setpoint plus Q_liquid / (ṁ·cp) (closed form)', () => {
    const flow = 1.5 / 60 / 1000 * 132; // 1.5 L/min/kW × 132 kW, m³/s
    const rise = (132_000 * 0.85) / (flow * FLUIDS.tcs.density * FLUIDS.tcs.cp);
    expect(res(r, 'rack_coolant', 'cdu-B').load).toBeCloseTo(30 + rise, 3);
    expect(res(r, 'rack_coolant', 'cdu-B').capacity).toBe(50); // the NVL72 throttle temperature
  });

  it('checks pumps with one out against the racks\' design flow, and lists stranded capacity', () => {
    const f = res(r, 'cdu_flow', 'cdu-A');
    expect(f.capacity).toBeCloseTo(40, 6); // rated_flow: one duty pump at design head
    expect(f.load).toBeCloseTo(11 * 3.3, 6);
    expect(f.case).toBe('cdu-A: 1 pump out');
    expect(r.stranded.find((s) => s.element === 'plant')!.headroom).toBeGreaterThan(1000);
    expect(r.stranded.every((s) => !(s.element === r.binding!.element && s.kind === r.binding!.resource))).toBe(true);
  });

  it('lists each stated redundancy as a case: pumps, chillers N+1, CRAHs N+1, each 2N element, utilities', () => {
    expect(r.cases).toContain('cdu-A: 1 pump out');
    expect(r.cases).not.toContain('cdu-C: 1 pump out'); // it feeds no rack in the final design
    expect(r.cases.filter((c) => c.includes('(chillers N+1)'))).toHaveLength(3);
    expect(r.cases.filter((c) => c.includes('(CRAHs N+1)'))).toHaveLength(4);
    for (const id of ['msb-A', 'ups-A', 'busway-A1', 'busway-B3', 'mcc-B']) expect(r.cases).toContain(`${id} out (2N)`);
    expect(r.cases).toContain('utility-A lost');
    expect(r.cases).toContain('all utilities lost (on generators)');
    const gen = res(r, 'generator', 'gen-A');
    expect(gen.case).toMatch(/utility-A lost|all utilities lost/);
  });

  it('is deterministic, and one compile with racks switched on and off answers as a compile per design does', () => {
    expect(JSON.stringify(headroom(hall(), { rack: 'nvl72' }))).toBe(JSON.stringify(r));
    expect(JSON.stringify(headroom(hall(), { rack: 'nvl72', compileEach: true }))).toBe(JSON.stringify(r));
    const air = { power: 35_000, cooling: 'air' as const, weight: 800 };
    expect(JSON.stringify(headroom(hall(), { rack: air, compileEach: true }))).toBe(JSON.stringify(headroom(hall(), { rack: air })));
  });
});

describe('headroom: other binding constraints, counted by hand', () => {
  /** The hall with power, CRAHs and chillers ample, so the CDUs are what bind. */
  const ample = () => {
    const s = hall();
    for (const u of s.power!.ups!) u.modules = 6;
    for (const c of s.hall.crahs!) c.capacity = 300_000;
    for (const c of s.plant!.chillers!) c.capacity = 3e6;
    return s;
  };

  it('CDU pumps bind when power is ample: 40 L/s rated / 3.3 L/s per rack = 12 racks a row', () => {
    const s = ample();
    s.hall.rows![0]!.spare = 6;
    const r = headroom(s, { rack: 'nvl72' });
    expect(r.rows.map((x) => x.added)).toEqual([4, 4, 8]); // row-A 8 + 4 = 12; row-B 12; row-C 8 of 12
    expect(r.rows[0]!.stopped_by).toMatchObject({ resource: 'cdu_flow', element: 'cdu-A', case: 'cdu-A: 1 pump out' });
    expect(r.rows[2]!.stopped_by).toBeNull();
  });

  it('without a standby pump (2 of 2 required) the flow case is the healthy one', () => {
    const s = ample();
    s.hall.rows![0]!.spare = 6;
    s.cdus![0]!.pumps = { ...s.cdus![0]!.pumps, count: 2, required: 2 };
    const r = headroom(s, { rack: 'nvl72' });
    expect(r.cases).not.toContain('cdu-A: 1 pump out');
    expect(r.rows[0]!.added).toBe(4);
    expect(r.rows[0]!.stopped_by).toMatchObject({ resource: 'cdu_flow', element: 'cdu-A', case: 'N (all healthy)' });
  });

  it('the floor binds a rack heavier than a position carries: 2,500 kg/m² × 0.72 m² = 1,800 kg', () => {
    const r = headroom(hall(), { rack: { power: 60_000, cooling: 'dlc', weight: 1900 } });
    expect(r.added).toBe(0);
    expect(r.binding).toMatchObject({ resource: 'floor' });
    const light = headroom(hall(), { rack: { power: 60_000, cooling: 'dlc', weight: 1700 } });
    expect(light.added).toBeGreaterThan(0);
  });

  it('air-cooled racks load the CRAHs: N+1 leaves 450 kW for 16 × 19.8 kW + fans + losses, so three 35 kW racks fit', () => {
    const r = headroom(hall(), { rack: { power: 35_000, cooling: 'air', weight: 800 } });
    expect(r.added).toBe(3);
    expect(res(r, 'crah', 'crahs').capacity).toBe(450);
    expect(r.binding!.case).toMatch(/crah-\d out \(CRAHs N\+1\)/);
  });

  it('a design that already fails a stated redundancy adds nothing and says so', () => {
    const s = hall();
    s.redundancy = { crahs: 'N+2' }; // two of the four 150 kW CRAHs out leaves 300 kW for ~330 kW of air heat
    const r = headroom(s, { rack: 'nvl72' });
    expect(r.already_short).toBe(true);
    expect(r.added).toBe(0);
    expect(r.binding?.resource).toMatch(/crah|rack_inlet/);
    expect(r.notes.join(' ')).toMatch(/already fails/);
  });

  it('a hall without spare positions says so', () => {
    const r = headroom(load('dlc-hall'), { rack: 'nvl72' });
    expect(r.spare_positions).toBe(0);
    expect(r.added).toBe(0);
    expect(r.binding).toBeNull();
    expect(r.notes.join(' ')).toMatch(/no spare positions/);
  });

  it('CDU units on a shared header (N+1) are a case: one unit out leaves the required units\' pumps and capacity', () => {
    const s = hall();
    s.cdus![0]!.units = { count: 3, required: 2 };
    const r = headroom(s, { rack: 'nvl72' });
    expect(r.cases).toContain('cdu-A: 1 unit out');
    // The pumps of all three units form one set (3 × 2, 2 required): one unit out leaves 4 pumps, ≥ the 2 required.
    expect(res(r, 'cdu_flow', 'cdu-A').capacity).toBeGreaterThanOrEqual(40 - 1e-9);
    expect(res(r, 'cdu_duty', 'cdu-A').capacity).toBe(1600);
  });

  it('a single-corded load makes its path non-redundant: no 2N case for it', () => {
    const s = hall();
    s.power!.feeds[0] = { loads: ['row-A'], a: 'busway-A1' };
    const r = headroom(s, { rack: 'nvl72' });
    expect(r.cases).not.toContain('busway-A1 out (2N)');
    expect(r.cases).not.toContain('ups-A out (2N)');
    expect(r.cases).toContain('busway-A2 out (2N)');
  });

  it('errors name what is wrong: an unknown rack type, a CDU with no racks and no rating', () => {
    expect(() => headroom(hall(), { rack: 'gb300' })).toThrow(/expected a rack type of this file \(nvl72\)/);
    const s = hall();
    delete s.cdus![2]!.capacity;
    try { headroom(s, { rack: 'nvl72' }); expect.unreachable(); }
    catch (e) { expect(e).toBeInstanceOf(ScenarioError); expect((e as ScenarioError).issues[0]!.path).toBe('cdus[2]'); }
  });
});

/**
 * The site's plant-wide loads named on the UPS (`fws_pumps`, `lighting`, `facility_other` in a feed) load it
 * like any other: the surviving UPS of the 2N case carries them too, so the answer moves by their sum.
 * FWS pumps: the loop's flow as installed, the CDUs at their rated 40 L/s of PG25 and the CRAHs at a 10 K
 * rise, Q = (3·0.04·ρcp_tcs + 600 kW / 10 K) / ρcp_fws; P = ρ·g·25 m·Q / 0.7 = 45.2 kW. Lighting 100 m² ×
 * 10 W/m² = 1 kW; other as stated.
 */
describe('headroom: FWS pumps, lighting and other on the UPS count against it', () => {
  const loss = (kw: number) => 0.01 * 2000 * (kw / 2000) ** 2;
  const pump = (q: number) => (FLUIDS.tcs.density * 9.80665 * 25 * (q / 0.04) ** 2 * q) / 0.7 / 1000;
  /** The surviving UPS's load with nA racks in row A and nB in row B, kW (as the 2N test above counts it). */
  const ups = (nA: number, nB: number) => (nA + nB) * 132 + loss(nA * 132) + loss(nB * 132) + pump(nA * 3.3e-3) + pump(nB * 3.3e-3) + 4 * 150 * 0.015 + 3 * CHILLER.controlsPower / 1000;
  const fwsQ = (3 * 0.04 * FLUIDS.tcs.density * FLUIDS.tcs.cp + 600e3 / 10) / (FLUIDS.fws.density * FLUIDS.fws.cp);
  const FWS = (FLUIDS.fws.density * 9.80665 * 25 * fwsQ) / 0.7 / 1000;
  const withSite = (other: number) => {
    const s = hall();
    s.facility = { floor_area: 100, lighting: 10, other };
    s.power!.feeds.push({ loads: ['fws_pumps', 'lighting', 'facility_other'], a: 'ups-A', b: 'ups-B' });
    return headroom(s, { rack: 'nvl72' });
  };

  it('premise: the FWS pumps draw 45.2 kW; the bare hall fits 3 racks with ups(11, 8) = 2,550.8 kW ≤ 2,640 kW', () => {
    expect(FWS).toBeCloseTo(45.24, 1);
    expect(ups(11, 8)).toBeCloseTo(2550.8, 0);
    expect(ups(12, 8)).toBeGreaterThan(2640);
  });

  it('10 kW of other: still 3 racks, and the binding UPS carries exactly FWS + 1 kW + 10 kW more', () => {
    const site = FWS + 1 + 10;
    expect(ups(11, 8) + site).toBeLessThan(2640); // 2,607 kW
    const r = withSite(10_000);
    expect(r.added).toBe(3);
    const u = res(r, 'power', r.binding!.element);
    expect(u.load).toBeCloseTo(ups(11, 8) + site, 2);
    expect(u.load - res(headroom(hall(), { rack: 'nvl72' }), 'power', r.binding!.element).load).toBeCloseTo(site, 2);
  });

  it('50 kW of other: the 19th rack no longer fits (2,647 kW > 2,640 kW); 18 do (2,511 kW)', () => {
    const site = FWS + 1 + 50;
    expect(ups(11, 8) + site).toBeGreaterThan(2640);
    expect(ups(10, 8) + site).toBeLessThan(2640);
    const r = withSite(50_000);
    expect(r.added).toBe(2);
    expect(r.binding?.resource).toBe('power');
    expect(res(r, 'power', r.binding!.element).load).toBeCloseTo(ups(10, 8) + site, 2);
  });
});

/**
 * Rear doors on a CDU's loop load that CDU in the headroom check as in a run. Racks of 40 kW air heat with
 * doors (rated 35 kW at a 3 K approach, 1.5 L/s of PG25) on cdu-A (supply 20 °C, capacity 100 kW), one
 * installed and three spare, in one cold-aisle zone with a 300 kW CRAH (A = 300 kW / 12 K, G = 0.9·A,
 * fan F = 4.5 kW, r = 0.05). With n racks each door takes Q = k·(T_set + r·(n·P + F)/G + P/C_a − T_w) /
 * (1 + n·k·r/G), k = ε·C_min from the rating (C_a = 40 kW / 12 K): about 41.5 kW, so two fit (83 kW) and
 * three (124 kW) do not.
 */
describe('headroom: rear doors on a CDU loop count in its duty', () => {
  const file = `version: 1
name: doors on a CDU
facility: { lighting: 0 W/m^2 }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  rd: { cooling: rear_door, power: 40 kW, idle_power: 0 kW, load: 1, door: { capacity: 35 kW, water_flow: 1.5 L/s, approach: 3 K, cdu: cdu-A } }
hall:
  air_setpoint: 24 degC
  rows:
    - { id: row-A, type: rd, count: 1, spare: 3, containment: cold_aisle }
  crahs:
    - { id: crah-1, capacity: 300 kW }
cdus:
  - { id: cdu-A, supply_setpoint: 20 degC, capacity: 100 kW, pumps: { rated_flow: 10 L/s } }
plant:
  supply_setpoint: 14 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
`;
  const P = 40e3, F = 0.015 * 300e3, G = 0.9 * (300e3 / 12), r = 0.05, ca = P / 12;
  const cw = 1.5e-3 * FLUIDS.tcs.density * FLUIDS.tcs.cp, cmin = Math.min(ca, cw), cr = cmin / Math.max(ca, cw);
  const epsR = 35e3 / (cmin * (3 + 35e3 / ca));
  const ntu = Math.log((1 - epsR * cr) / (1 - epsR)) / (1 - cr);
  const k = ((1 - Math.exp(-ntu * (1 - cr))) / (1 - cr * Math.exp(-ntu * (1 - cr)))) * cmin;
  const door = (n: number) => (k * (24 + (r * (n * P + F)) / G + P / ca - 20)) / (1 + (n * k * r) / G);
  const parsed = loadScenarioText(file, 'd.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const h = headroom(parsed.scenario, { rack: 'rd' });

  it('premise: two doors fit 100 kW, three do not', () => {
    expect(2 * door(2)).toBeLessThan(100e3);
    expect(3 * door(3)).toBeGreaterThan(100e3);
  });

  it('adds one rack, bound by cdu-A\'s duty; its load is the two doors\' heat (±1 W); the flow check counts 2 × 1.5 L/s', () => {
    expect(h.added).toBe(1);
    expect(h.binding).toMatchObject({ resource: 'cdu_duty', element: 'cdu-A' });
    expect(res(h, 'cdu_duty', 'cdu-A').load).toBeCloseTo((2 * door(2)) / 1000, 3);
    expect(res(h, 'cdu_flow', 'cdu-A').load).toBeCloseTo(3, 9);
  });

  it('one compile with racks switched on and off answers as a compile per design does', () => {
    expect(JSON.stringify(headroom(parsed.scenario, { rack: 'rd', compileEach: true }))).toBe(JSON.stringify(h));
  });
});

describe('headroom --confirm: the tightest cases re-run in time', () => {
  it('the expansion hall rides through every confirmed case: pumps and fans on UPS, storage over the chiller restart', () => {
    const r = headroom(hall(), { rack: 'nvl72', confirm: 3 });
    const names = r.transient!.cases.map((c) => c.case);
    expect(names).toContain('all utilities lost (on generators)');
    expect(names).toContain('utility-A lost');
    expect(names.length).toBeGreaterThanOrEqual(3 + 1);
    expect(r.transient!.held).toBe(true);
    for (const c of r.transient!.cases) expect(c.failed_at_s).toBe(15 * 3600); // the design day's peak hour
  });

  it('with the pumps and fans off UPS and no storage, steady state passes but a utility loss throttles racks', () => {
    const s = hall();
    s.power!.feeds[3] = { loads: ['cdus', 'crahs', 'chiller_controls'], a: 'mcc-A', b: 'mcc-B' };
    delete s.plant!.storage;
    const r = headroom(s, { rack: 'nvl72', confirm: 0 });
    expect(r.added).toBeGreaterThan(0);
    const loss = r.transient!.cases.find((c) => c.case === 'all utilities lost (on generators)')!;
    expect(loss.held).toBe(false);
    expect(loss.racks_throttled).toBeGreaterThan(0);
    expect(loss.first_limit).not.toBeNull();
    expect(r.transient!.held).toBe(false);
    expect(r.notes.join(' ')).toMatch(/steady state holds, but in time "all utilities lost/);
  });
});

