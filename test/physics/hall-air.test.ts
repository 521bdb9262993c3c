/**
 * Hall air plus structural mass heated after the only CRAH fails.
 *
 * Two nodes: the hall air (C_a = V·ρ_air·cp_air) and the structure (C_m), coupled by UA:
 *     C_a·Ṫa = Q − UA·(Ta − Tm)
 *     C_m·Ṫm = UA·(Ta − Tm)
 * The system matrix [[−UA/C_a, UA/C_a], [UA/C_m, −UA/C_m]] has eigenvalues 0 and −λ with
 * λ = UA·(1/C_a + 1/C_m). With d = Ta − Tm and Ta(0) = Tm(0) = T0 (steady state before the failure):
 *     ḋ = Q/C_a − λ·d                 ⇒ d(s) = (Q/(C_a·λ))·(1 − e^(−λs))
 *     C_a·Ta + C_m·Tm = (C_a + C_m)·T0 + Q·s   (energy)
 * ⇒  Ta(s) = T0 + (Q·s + C_m·d(s)) / (C_a + C_m),   Tm(s) = Ta(s) − d(s),   s = t − t_fail.
 *
 * Before the failure the CRAH holds its supply air at the setpoint; the hall (return) air sits at
 *     T0 = T_set + Q_before/(V̇·ρ·cp),   V̇·ρ·cp = capacity/12 K (documented default airflow),
 * where Q_before includes the CRAH's fan power (1.5 % of capacity); after the failure the fan stops and
 * Q = rack power + other heat.
 *
 * Tolerance: 3·max_delta_t. The zero-eigenvalue (ramp) mode is integrated exactly by backward Euler; the
 * decaying mode accumulates ≲ max_delta_t of first-order error (its per-step change is bounded by the
 * node's, ≤ 2·max_delta_t), and a sample takes the end of the step containing it (≤ 2·max_delta_t more).
 */
import { describe, it, expect } from 'vitest';
import { run, series, AIR, near, maxDeviation } from './util';

const T_FAIL = 600, SPAN = 3600;
const DT = 0.005;
const V = 3000, CM = 110e6, UA = 20e3; // documented defaults
const CAP = 150e3, RACK = 60e3, OTHER = 20e3, SET = 24;

const CA = V * AIR.rho * AIR.cp;
const LAMBDA = UA * (1 / CA + 1 / CM);
const FAN = 0.015 * CAP;
const AIR_RATE = CAP / 12;
const T0 = SET + (RACK + OTHER + FAN) / AIR_RATE;
const Q = RACK + OTHER;
const d = (s: number) => (Q / (CA * LAMBDA)) * (1 - Math.exp(-LAMBDA * s));
const Ta = (t: number) => (t <= T_FAIL ? T0 : T0 + (Q * (t - T_FAIL) + CM * d(t - T_FAIL)) / (CA + CM));
const Tm = (t: number) => (t <= T_FAIL ? T0 : Ta(t) - d(t - T_FAIL));

const yaml = `
version: 1
name: hall air and structure
duration: ${T_FAIL + SPAN} s
solver: { record_interval: 10 s, max_delta_t: ${DT} K }
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
# No hall lighting: the closed forms count the rack, other_heat and CRAH fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
rack_types:
  # Inlet limits raised out of the way: the rack's power must stay constant for the closed form.
  air: { cooling: air, power: ${RACK / 1000} kW, idle_power: 15 kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
  other_heat: ${OTHER / 1000} kW
  air_setpoint: ${SET} degC
  rows:
    - { id: row-A, type: air, count: 1 }
  crahs:
    - { id: crah-1, capacity: ${CAP / 1000} kW }
plant:
  supply_setpoint: 15 degC
  chillers:
    - { id: ch-1, capacity: 1 MW }
events:
  - { at: ${T_FAIL} s, fail: crah-1 }
`;

describe('hall air plus structural mass', () => {
  const out = run(yaml, ['hall.air', 'hall.structure', 'hall.inlet', 'hall.crah_heat']);
  const air = series(out.report, 'hall.air');
  const str = series(out.report, 'hall.structure');

  it('has hand-computed constants: C_a = 3.561 MJ/K, 1/λ ≈ 172 s', () => {
    expect(CA).toBeCloseTo(3000 * 1.18 * 1006, 6);
    expect(1 / LAMBDA).toBeGreaterThan(170);
    expect(1 / LAMBDA).toBeLessThan(175);
  });

  it('starts at the CRAH steady state: hall air = setpoint + Q/(airflow·ρ·cp), inlet = setpoint (1e-6 K)', () => {
    near(air.v[0]!, T0, 2e-6, 'hall air');
    near(str.v[0]!, T0, 2e-6, 'structure');
    near(series(out.report, 'hall.inlet').v[0]!, SET, 2e-6, 'inlet');
    near(series(out.report, 'hall.crah_heat').v[0]!, (RACK + OTHER + FAN) / 1000, 1e-6, 'CRAH heat kW');
  });

  it('follows the two-node closed form Ta(t) after the CRAH fails (3·max_delta_t)', () => {
    const dev = maxDeviation(air, Ta);
    expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(3 * DT + 1e-6);
    // And the rise is substantial (the test is not vacuous): several kelvin over the hour.
    expect(air.v[air.v.length - 1]! - T0).toBeGreaterThan(5);
  });

  it('structure follows Tm(t) = Ta(t) − d(t) (3·max_delta_t)', () => {
    const dev = maxDeviation(str, Tm);
    expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(3 * DT + 1e-6);
  });

  it('with no CRAH running, the rack inlet is the hall air', () => {
    const inlet = series(out.report, 'hall.inlet');
    const after = inlet.t.map((t, i) => [t, inlet.v[i]! - air.v[i]!] as const).filter(([t]) => t > T_FAIL);
    expect(Math.max(...after.map(([, x]) => Math.abs(x)))).toBeLessThan(1e-9);
  });
});

describe('CRAH coil limits', () => {
  const base = (hall: string, solver = '') => `
version: 1
name: crah modes
duration: 3600 s
${solver}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
# No hall lighting: the closed forms count the rack, other_heat and CRAH fans as the hall's heat.
facility: { lighting: 0 W/m^2 }
rack_types:
  air: { cooling: air, power: 100 kW, load: 1, inlet_throttle: 60 degC, inlet_trip: 70 degC }
hall:
${hall}
  crahs: [ { id: crah-1, capacity: 150 kW } ]
plant:
  supply_setpoint: 20 degC
  chillers: [ { id: ch-1, capacity: 1 MW } ]
`;

  it('saturated coil (air setpoint 18 °C below the 20 °C FWS): T_air = T_fws + Q/(ε·V̇ρcp), inlet = T_air − Q/(V̇ρcp) (1e-6)', () => {
    // The coil cools the air by ε·(T_air − T_fws) at most; at steady state the coil removes Q:
    // Q = ε·V̇ρcp·(T_air − T_fws). Q = 60 kW rack + 20 kW other + 2.25 kW fan; V̇ρcp = 150 kW/12 K; ε = 0.7.
    const out = run(base(`  other_heat: 20 kW
  air_setpoint: 18 degC
  rows: [ { id: row-A, type: air, count: 1, racks: [ { id: r1, type: air, power: 60 kW } ] } ]`), ['hall.air', 'hall.inlet', 'hall.crah_heat']);
    const q = 60e3 + 20e3 + 0.015 * 150e3, rate = 150e3 / 12;
    const ta = 20 + q / (0.7 * rate);
    near(series(out.report, 'hall.air').v[0]!, ta, 2e-6, 'hall air');
    near(series(out.report, 'hall.inlet').v[0]!, ta - q / rate, 2e-6, 'inlet');
    near(series(out.report, 'hall.crah_heat').v[0]!, q / 1000, 1e-6, 'CRAH heat');
  });

  describe('CRAH at capacity (200 kW of racks against 150 kW), starting from 40 °C hall air', () => {
    // solver.initial: setpoints with hall.initial_temperature 40 °C: air and structure start at 40 °C.
    // The CRAH removes its capacity (its airflow would take 12.5 kW/K × 16 K = 200 kW > 150 kW), so the
    // net heat Q − capacity = 200 + 2.25 − 150 = 52.25 kW warms the two-node air + structure system, the
    // same closed form as above with T0 = 40 °C. Rack inlet = T_air − capacity/(V̇ρcp) = T_air − 12 K.
    const dT = 0.005;
    const out = run(base(`  initial_temperature: 40 degC
  rows: [ { id: row-A, type: air, count: 2 } ]`, `solver: { initial: setpoints, max_delta_t: ${dT} K, record_interval: 10 s }`), ['hall.air', 'hall.inlet', 'hall.crah_heat']);
    const q = 200e3 + 0.015 * 150e3 - 150e3;
    const ta = (t: number) => 40 + (q * t + CM * (q / (CA * LAMBDA)) * (1 - Math.exp(-LAMBDA * t))) / (CA + CM);

    it('hall air follows the closed form with Q − capacity (3·max_delta_t), CRAH heat = capacity', () => {
      const dev = maxDeviation(series(out.report, 'hall.air'), ta);
      expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(3 * dT + 1e-6);
      const crah = series(out.report, 'hall.crah_heat');
      expect(maxDeviation({ t: crah.t.slice(1), v: crah.v.slice(1) }, () => 150).err).toBeLessThan(1e-6);
      const inlet = series(out.report, 'hall.inlet'), air2 = series(out.report, 'hall.air');
      for (let i = 1; i < inlet.v.length; i++) near(inlet.v[i]!, air2.v[i]! - 12, 2e-6, `inlet at ${inlet.t[i]}`);
    });

    // ENGINE BUG (certain, cosmetic): with solver.initial: setpoints, Simulation.initialise() returns before
    // the zero-length refresh step the steady path runs ("refresh derived flows and inlet at t = 0"), so
    // the t = 0 sample reports the placeholder inlet (= air setpoint, 24 °C) and CRAH heat 0 instead of the
    // values of the t = 0 state (28 °C, 150 kW).
    it('the t = 0 sample reports the t = 0 state: inlet = 40 − 12 = 28 °C, CRAH heat 150 kW', () => {
      near(series(out.report, 'hall.inlet').v[0]!, 28, 1e-6, 'inlet at t = 0');
      near(series(out.report, 'hall.crah_heat').v[0]!, 150, 1e-6, 'CRAH heat at t = 0');
    });
  });
});
