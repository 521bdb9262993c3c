/**
 * Per-row air zones (components/crah/zones.ts, network/airZones.ts) against closed forms.
 *
 * A zone z has an air node T_z (its hot aisle, what its CRAHs take back); with its CRAHs holding the
 * supply at the setpoint T_set, the duty is G·(T_z − T_set), G = A·(1 − b) (A = airflow·ρ·cp, b = bypass),
 * and the racks breathe T_in = T_set + r·(T_z − T_set) (r = recirculation). Neighbouring rows exchange
 * X = x·(V̇_A + V̇_B)/2·ρ·cp, x the mean recirculation, V̇·ρ·cp = design air heat / 12 K.
 *
 * 1. Steady state of one row: T_z = T_set + Q/G, T_in = T_set + r·Q/G, Q = racks + fans + other heat.
 * 2. Two rows of open aisles (bypass 0.4, stated recirculation 0.3), each served by its own CRAH; row A's
 *    CRAH fails at t_f. With u = T_A − T_set,
 *    v = T_B − T_set and no structure:
 *        C·u' = P − X·u + X·v                  (row A: no cooling; its racks breathe its air, T_in = T_A)
 *        C·v' = P + F + X·u − (X + G)·v        (row B: CRAH holds its supply)
 *    from u = v = (P + F)/G (both CRAHs on, symmetric). Linear with constant coefficients: the solution is
 *    the steady state (v∞ = (2P + F)/G, u∞ = v∞ + P/X) plus two decaying eigenmodes of
 *    M = [[−X, X], [X, −(X + G)]]/C. Row A's inlet crosses 27 °C at the failure (it jumps to its zone air)
 *    and 35 °C at s_A ≈ 83 s; row B's inlet T_set + r·v crosses 27 °C only at s_B ≈ 540 s and never
 *    reaches 35 °C.
 * 3. One row zoned by `serves` with no containment is the single-node model: the same run to 1e-9 K.
 *
 * Tolerances: steady states 1e-6 K (the steady solve is exact to rounding; series are rounded to 1e-6).
 * Crossing times ±2 s: TR-BDF2 with max_delta_t 0.005 K tracks the closed form to a few mK, and a 1 s
 * record interval interpolated linearly locates a crossing of a ≥ 1 mK/s ramp to well under a second.
 */
import { describe, it, expect } from 'vitest';
import { run, series, AIR, near, compileErrors, type Series } from './util';

const SET = 24, FWS = 10;
const P = 60e3, CAP = 150e3;
const A = CAP / 12; // default airflow: a 12 K rise at capacity
const F = 0.015 * CAP;
const NONE = { r: 0.2, b: 0.4 };

/** First time the series reaches `level` (linear between samples), or null. */
function crossing(s: Series, level: number, after = 0): number | null {
  for (let i = 1; i < s.t.length; i++) {
    if (s.t[i]! < after) continue;
    const v0 = s.v[i - 1]!, v1 = s.v[i]!;
    if (v0 < level && v1 >= level) return s.t[i - 1]! + ((s.t[i]! - s.t[i - 1]!) * (level - v0)) / (v1 - v0);
  }
  return null;
}

/** Bisection for the first root of f on [lo, hi] where f(lo) < 0 < f(hi). */
function root(f: (s: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200; k++) { const m = 0.5 * (lo + hi); if (f(m) < 0) lo = m; else hi = m; }
  return 0.5 * (lo + hi);
}

describe('one row, contained or not: steady state', () => {
  const cases: [string, string, number, number][] = [
    ['none', 'containment: none', NONE.r, NONE.b],
    ['cold_aisle', 'containment: cold_aisle', 0.05, 0.1],
    ['hot_aisle', 'containment: hot_aisle', 0.05, 0.1],
    ['chimney', 'containment: chimney', 0.03, 0.1],
    ['stated fractions', 'containment: none, recirculation: 0.3, bypass: 0.25', 0.3, 0.25],
  ];
  for (const [name, row, r, b] of cases) {
    it(`${name}: zone air = set + Q/(A(1−b)), inlet = set + r·Q/(A(1−b)) (1e-6 K)`, () => {
      const OTHER = 10e3;
      const out = run(`
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: one zone
duration: 60 s
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  air: { cooling: air, power: ${P / 1000} kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
  other_heat: ${OTHER / 1000} kW
  air_setpoint: ${SET} degC
  rows:
    - { id: row-A, type: air, count: 1, ${row} }
  crahs:
    - { id: crah-1, capacity: ${CAP / 1000} kW }
plant:
  supply_setpoint: ${FWS} degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
`, ['row-A.air', 'row-A.inlet', 'row-A-01.inlet', 'hall.crah_heat']);
      const Q = P + OTHER + F, G = A * (1 - b);
      near(series(out.report, 'row-A.air').v[0]!, SET + Q / G, 2e-6, 'zone air');
      near(series(out.report, 'row-A.inlet').v[0]!, SET + (r * Q) / G, 2e-6, 'zone inlet');
      near(series(out.report, 'row-A-01.inlet').v[0]!, SET + (r * Q) / G, 2e-6, 'rack inlet');
      near(series(out.report, 'hall.crah_heat').v[0]!, Q / 1000, 1e-6, 'CRAH duty kW');
      expect(out.report.final['row-A']).toMatchObject({ kind: 'air_zone', recirculation: r, bypass: b });
    });
  }
});

describe("a row whose CRAH fails heats before its neighbour", () => {
  const T_FAIL = 600, SPAN = 1500;
  const V = 3000, R = 0.3; // open aisles (bypass 0.4) with a stated recirculation of 0.3
  const C = (V * AIR.rho * AIR.cp) / 2; // two rows share the hall's air equally
  const X = (R * P) / 12; // mean recirculation × design rack airflow capacity rate (60 kW / 12 K)
  const G = A * (1 - NONE.b);
  const u0 = (P + F) / G, vInf = (2 * P + F) / G, uInf = vInf + P / X;
  // Eigen-decomposition of M = [[−X, X], [X, −(X+G)]]/C.
  const tr = -(2 * X + G) / C, det = (X * G) / (C * C);
  const disc = Math.sqrt(tr * tr - 4 * det);
  const l1 = (tr + disc) / 2, l2 = (tr - disc) / 2;
  // Eigenvector for λ: [X/C, λ + X/C].
  const e1 = [X / C, l1 + X / C] as const, e2 = [X / C, l2 + X / C] as const;
  const y0 = [u0 - uInf, u0 - vInf];
  const dd = e1[0] * e2[1] - e2[0] * e1[1];
  const c1 = (y0[0]! * e2[1] - e2[0] * y0[1]!) / dd, c2 = (e1[0] * y0[1]! - y0[0]! * e1[1]) / dd;
  const u = (s: number) => uInf + c1 * e1[0] * Math.exp(l1 * s) + c2 * e2[0] * Math.exp(l2 * s);
  const v = (s: number) => vInf + c1 * e1[1] * Math.exp(l1 * s) + c2 * e2[1] * Math.exp(l2 * s);
  const inletA = (s: number) => SET + u(s);
  const inletB = (s: number) => SET + R * v(s);
  const sA35 = root((s) => inletA(s) - 35, 0, SPAN);
  const sB27 = root((s) => inletB(s) - 27, 0, SPAN);

  const out = run(`
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: two rows, one CRAH each
duration: ${T_FAIL + SPAN} s
solver: { record_interval: 1 s, max_delta_t: 0.005 K }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  # Inlet limits out of the way: the racks' power must stay constant for the closed form.
  air: { cooling: air, power: ${P / 1000} kW, load: 1, inlet_throttle: 79 degC, inlet_trip: 80 degC }
hall:
  air_volume: ${V} m^3
  air_setpoint: ${SET} degC
  structure_heat_capacity: 0 J/K
  structure_ua: 0 W/K
  rows:
    - { id: row-A, type: air, count: 1, containment: none, recirculation: ${R} }
    - { id: row-B, type: air, count: 1, containment: none, recirculation: ${R} }
  crahs:
    - { id: crah-A, capacity: ${CAP / 1000} kW, serves: [row-A] }
    - { id: crah-B, capacity: ${CAP / 1000} kW, serves: [row-B] }
plant:
  supply_setpoint: ${FWS} degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
events:
  - { at: ${T_FAIL} s, fail: crah-A }
`, ['row-A.inlet', 'row-B.inlet', 'row-A.air', 'row-B.air']);
  const inA = series(out.report, 'row-A.inlet'), inB = series(out.report, 'row-B.inlet');

  it('has hand-checked constants: X = 1.5 kW/K, G = 7.5 kW/K, time constants ≈ 1,470 s and 192 s; s_A ≈ 83 s, s_B ≈ 540 s', () => {
    expect(X).toBeCloseTo(1500, 9);
    expect(G).toBeCloseTo(7500, 9);
    // λ = (−(2X + G) ± √((2X + G)² − 4XG)) / 2C = (−10,500 ± 8,078) / (2 · 1.781 MJ/K)
    expect(-1 / l1).toBeGreaterThan(1460); expect(-1 / l1).toBeLessThan(1480);
    expect(-1 / l2).toBeGreaterThan(190); expect(-1 / l2).toBeLessThan(194);
    expect(sA35).toBeGreaterThan(80); expect(sA35).toBeLessThan(86);
    expect(sB27).toBeGreaterThan(530); expect(sB27).toBeLessThan(550);
    // Row A's racks stay below their 80 °C trip over the span (constant power).
    expect(SET + u(SPAN)).toBeLessThan(79);
    // Row B's CRAH stays in control: duty ≤ capacity and its coil can reach the setpoint at the end.
    expect(2 * P + F).toBeLessThan(CAP);
  });

  it('starts symmetric: both inlets at set + r·(P + F)/G, below 27 °C (1e-6 K)', () => {
    expect(SET + R * u0).toBeLessThan(27);
    near(inA.v[0]!, SET + R * u0, 2e-6, 'row A inlet');
    near(inB.v[0]!, SET + R * u0, 2e-6, 'row B inlet');
  });

  it("follows the two-zone closed form after the failure (5 mK)", () => {
    for (const s of [1, 30, 120, 600, 1000, SPAN]) {
      const i = inA.t.findIndex((t) => t >= T_FAIL + s - 1e-6);
      near(inA.v[i]!, inletA(s), 5e-3, `row A inlet at +${s} s`);
      near(inB.v[i]!, inletB(s), 5e-3, `row B inlet at +${s} s`);
      near(series(out.report, 'row-A.air').v[i]!, SET + u(s), 5e-3, `row A air at +${s} s`);
    }
  });

  it(`row A crosses 27 °C at the failure and 35 °C at s_A; row B crosses 27 °C only at s_B (closed form ±2 s)`, () => {
    const a27 = crossing(inA, 27), a35 = crossing(inA, 35), b27 = crossing(inB, 27);
    expect(a27).not.toBeNull(); expect(a35).not.toBeNull(); expect(b27).not.toBeNull();
    expect(Math.abs(a27! - T_FAIL)).toBeLessThanOrEqual(1);
    expect(Math.abs(a35! - (T_FAIL + sA35))).toBeLessThan(2);
    expect(Math.abs(b27! - (T_FAIL + sB27))).toBeLessThan(2);
    // The margin a planner reads: row B has s_B of warning after row A is already out of the recommended range.
    expect(b27! - a27!).toBeGreaterThan(sB27 - 3);
    expect(sB27).toBeGreaterThan(sA35 + 60);
    // Row B's inlet tends to set + r·v∞ < 35 °C: it never crosses the higher limit.
    expect(SET + R * vInf).toBeLessThan(35);
    expect(crossing(inB, 35)).toBeNull();
  });

  it('closes the energy balance to 1e-9', () => {
    expect(out.report.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('coil- and capacity-limited zones', () => {
  const hall = (fws: number, cap: number, rows: string, duration: number, extra = '') => `
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: limited
duration: ${duration} s
solver: { record_interval: 5 s, max_delta_t: 0.005 K }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  air: { cooling: air, power: ${P / 1000} kW, load: 1, inlet_throttle: 79 degC, inlet_trip: 80 degC }
hall:
  air_setpoint: ${SET} degC
  structure_heat_capacity: 0 J/K
  structure_ua: 0 W/K
  rows:
${rows}
  crahs:
    - { id: crah-1, capacity: ${cap / 1000} kW ${extra} }
plant:
  supply_setpoint: ${fws} degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
`;

  it('warm water: the coil saturates; T_z = T_w + Q/K, K = A·ε·(1 − b)/(1 − b + ε·b); the supply and inlet follow (1e-6 K)', () => {
    const TW = 23, eps = 0.7, { r, b } = NONE;
    const K = (A * eps * (1 - b)) / (1 - b + eps * b);
    const Q = P + F;
    // Holding the setpoint would need more than the coil gives at this water temperature.
    expect(K * (SET + Q / (A * (1 - b)) - TW)).toBeLessThan(Q);
    const tz = TW + Q / K;
    const ts = ((1 - eps) * (1 - b) * tz + eps * TW) / (1 - b + eps * b);
    const out = run(hall(TW, CAP, '    - { id: row-A, type: air, count: 1, containment: none }', 60), ['row-A.air', 'row-A.inlet', 'hall.crah_heat']);
    near(series(out.report, 'row-A.air').v[0]!, tz, 2e-6, 'zone air');
    near(series(out.report, 'row-A.inlet').v[0]!, (1 - r) * ts + r * tz, 2e-6, 'inlet');
    near(series(out.report, 'hall.crah_heat').v[0]!, Q / 1000, 1e-6, 'CRAH duty kW');
    // The supply really is above the setpoint: the coil, not the valve, limits.
    expect(ts).toBeGreaterThan(SET + 0.5);
  });

  it('one CRAH short of two rows: each zone held, then capped at half its capacity, ramping at (P + F/2 − cap/2)/C (5 mK)', () => {
    const cap = 100e3, a = cap / 12, g = a * (1 - NONE.b), V = 3000;
    const C = (V * AIR.rho * AIR.cp) / 2;
    const q = P + (0.015 * cap) / 2, half = cap / 2; // each zone: its rack, half the fans (1.5 % of capacity); half the capacity and airflow
    const G2 = g / 2;
    // From the setpoints (no steady state exists): controlled, approaching set + q/G2 until the duty
    // G2·(T − set) reaches cap/2 at t1, then capped: a ramp.
    const t1 = -(C / G2) * Math.log(1 - half / q);
    const Tz = (t: number) => (t <= t1 ? SET + (q / G2) * (1 - Math.exp((-G2 * t) / C)) : SET + half / G2 + ((q - half) * (t - t1)) / C);
    const rows = '    - { id: row-A, type: air, count: 1, containment: none }\n    - { id: row-B, type: air, count: 1, containment: none }';
    const out = run(hall(10, cap, rows, 2400), ['row-A.air', 'row-B.air', 'row-A.inlet', 'hall.crah_heat']);
    expect(out.report.warnings.some((w) => /no steady state/.test(w))).toBe(true);
    // C/G2 = 712 s; cap/2 is 82.3 % of the zone's heat (60.75 kW): t1 = 712·ln(1/0.177) ≈ 1,234 s.
    expect(t1).toBeGreaterThan(1225); expect(t1).toBeLessThan(1245);
    const air = series(out.report, 'row-A.air'), airB = series(out.report, 'row-B.air'), inlet = series(out.report, 'row-A.inlet');
    for (const t of [20, 300, t1, t1 + 100, 2400]) {
      const i = air.t.findIndex((x) => x >= t - 1e-6);
      const ti = air.t[i]!;
      near(air.v[i]!, Tz(ti), 5e-3, `row A air at ${ti} s`);
      near(airB.v[i]!, air.v[i]!, 1e-9, `row B = row A at ${ti} s`);
      // Capped: supply = T_z − (cap/2)/G2, inlet = supply + r·(T_z − supply).
      if (ti > t1 + 1) near(inlet.v[i]!, Tz(ti) - (1 - NONE.r) * half / G2, 5e-3, `inlet at ${ti} s`);
    }
    near(series(out.report, 'hall.crah_heat').v.at(-1)!, cap / 1000, 1e-6, 'CRAH duty at capacity kW');
    expect(out.report.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('one CRAH shared by rows of different load, and a row of spare positions', () => {
  // Rows of 1 and 3 racks and a row of spare positions only, one CRAH serving all (the default): its air
  // and duty, and the hall's other heat, go by design air heat (1 : 3 : 0). Each loaded zone then gets
  // w_z·(Σ racks + other + fan) of heat against w_z·A·(1 − b) of capacity rate: every loaded row sits at
  //     T_z = set + (Σ racks + other + fan) / (A·(1 − b)),   T_in = set + r·(T_z − set),
  // the spare row gets neither heat nor cooling and settles at the structure, which (with no heat of its
  // own) settles at the mean of the zones it touches: (2·T_z + T_spare)/3 ⇒ T_spare = T_z.
  const OTHER = 12e3;
  const out = run(`
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: shared CRAH
duration: 60 s
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  air: { cooling: air, power: ${P / 1000} kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
  other_heat: ${OTHER / 1000} kW
  air_setpoint: ${SET} degC
  rows:
    - { id: row-A, type: air, count: 1, containment: hot_aisle }
    - { id: row-B, type: air, count: 3, containment: hot_aisle }
    - { id: row-S, type: air, count: 0, spare: 4, containment: hot_aisle }
  crahs:
    - { id: crah-1, capacity: 400 kW }
plant:
  supply_setpoint: ${FWS} degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
`, ['row-A.air', 'row-B.air', 'row-S.air', 'row-A.inlet', 'row-B.inlet', 'hall.structure']);
  const a = 400e3 / 12, f = 0.015 * 400e3, b = 0.1, r = 0.05;
  const tz = SET + (4 * P + OTHER + f) / (a * (1 - b));

  it('starts at a steady state (no warning): loaded rows at set + ΣQ/(A(1 − b)), the spare row and the structure with them (1e-6 K)', () => {
    expect(out.report.warnings).toEqual([]);
    near(series(out.report, 'row-A.air').v[0]!, tz, 2e-6, 'row A air');
    near(series(out.report, 'row-B.air').v[0]!, tz, 2e-6, 'row B air');
    near(series(out.report, 'row-A.inlet').v[0]!, SET + r * (tz - SET), 2e-6, 'row A inlet');
    near(series(out.report, 'row-B.inlet').v[0]!, SET + r * (tz - SET), 2e-6, 'row B inlet');
    near(series(out.report, 'row-S.air').v[0]!, tz, 2e-6, 'spare row air');
    near(series(out.report, 'hall.structure').v[0]!, tz, 2e-6, 'structure');
    expect(out.report.energy_balance.error_rel).toBeLessThan(1e-9);
  });
});

describe('a single row zoned by serves (no containment stated) is the single-node model', () => {
  const yaml = (serves: string) => `
version: 1
# No hall lighting: the closed forms count the racks, other heat and fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
name: hall air
duration: 2400 s
solver: { record_interval: 10 s, max_delta_t: 0.005 K }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  air: { cooling: air, power: 60 kW, idle_power: 15 kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
  other_heat: 20 kW
  rows:
    - { id: row-A, type: air, count: 1 }
  crahs:
    - { id: crah-1, capacity: 150 kW ${serves} }
plant:
  supply_setpoint: 15 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
events:
  - { at: 600 s, fail: crah-1 }
`;
  it('same hall air, structure and inlet (1e-9 K) and the same steps', () => {
    const probes = ['hall.air', 'hall.structure', 'hall.inlet', 'row-A-01.inlet'];
    const one = run(yaml(''), probes), zoned = run(yaml(', serves: [row-A]'), probes);
    for (const p of probes) {
      const a = series(one.report, p), b = series(zoned.report, p);
      expect(b.v.length).toBe(a.v.length);
      for (let i = 0; i < a.v.length; i++) near(b.v[i]!, a.v[i]!, 1e-9, `${p}[${i}]`);
    }
    expect(zoned.report.steps).toBe(one.report.steps);
  });
});

describe('zone validation names the field', () => {
  const base = {
    version: 1, name: 'v', duration: '60 s',
    rack_types: { air: { cooling: 'air', power: '20 kW' } },
    hall: { rows: [{ id: 'row-A', type: 'air', count: 1 }], crahs: [{ id: 'crah-1', capacity: '50 kW' }] },
    plant: { chillers: [{ id: 'ch-1', capacity: '1 MW' }] },
  };
  const errorsOf = (edit: (s: typeof base & Record<string, any>) => void) => {
    const s = structuredClone(base) as typeof base & Record<string, any>;
    edit(s);
    return compileErrors(s);
  };
  it('a CRAH serving a row that does not exist', () => {
    const errs = errorsOf((s) => { (s.hall.crahs[0] as any).serves = ['row-Z']; });
    expect(errs).toContainEqual(expect.objectContaining({ path: 'hall.crahs[0].serves[0]', message: expect.stringContaining('row-Z') }));
  });
  it('a bypass of 1 (no air would reach a rack)', () => {
    const errs = errorsOf((s) => { (s.hall.rows[0] as any).bypass = 1; });
    expect(errs).toContainEqual(expect.objectContaining({ path: 'hall.rows[0].bypass' }));
  });
  it('an unknown containment', () => {
    const errs = errorsOf((s) => { (s.hall.rows[0] as any).containment = 'curtains'; });
    expect(errs.some((e) => e.path === 'hall.rows[0].containment')).toBe(true);
  });
});
