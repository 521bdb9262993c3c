/**
 * Counterflow ε-NTU: the building blocks against the textbook, and a CDU at steady state against the
 * hand-solved exchanger.
 *
 * Textbook (Incropera §11.4, eq. 11.29): NTU = UA/C_min, Cr = C_min/C_max,
 *     ε = (1 − e^(−NTU(1−Cr))) / (1 − Cr·e^(−NTU(1−Cr)))      Cr < 1
 *     ε = NTU/(1 + NTU)                                        Cr = 1
 *     ε = 1 − e^(−NTU)                                          Cr → 0
 * Inverse (eq. 11.30): NTU = ln((1 − ε·Cr)/(1 − ε))/(1 − Cr);  Cr = 1: NTU = ε/(1 − ε).
 *
 * CDU at steady state, exchanger wide open (supply setpoint below anything reachable):
 *     Q  = Σ liquid heat of the racks + pump power (pump work ends up in the loop)
 *     Q  = ε·C_min·(T_return − T_fws,supply)      ⇒ T_return = T_fws + Q/(ε·C_min)
 *     T_supply = T_return − Q/C_tcs
 *     rack coolant = T_supply + Q_liq,rack/(ṁcp)_rack
 * with UA_eff = UA·(1 − fouling), C_tcs = Σ flow_per_power·power·ρ_tcs·cp_tcs, C_fws = fws_flow·ρ_w·cp_w (default: = C_tcs), and
 * pump power = ρ_tcs·g·H_design·Q_design/η at design flow. A chiller with ample capacity holds the FWS
 * supply at its setpoint exactly. Steady states are algebraic: tolerance 1e-6 relative (the report
 * rounds temperatures to 1e-6 °C and powers to 1e-6 kW).
 */
import { describe, it, expect } from 'vitest';
import { counterflowEffectiveness, counterflowNtu, uaForApproach } from '../../sim/physics/hx';
import { run, series, epsCounterflow, PG25, WATER, FLOW_PER_W, G0, near, nearRel, maxDeviation } from './util';

describe('ε-NTU building blocks (sim/physics/hx.ts)', () => {
  const ntus = [0.05, 0.3, 1, 2.5, 6, 12];

  it.each([0.1, 0.25, 0.5, 0.75, 0.9, 0.99])('counterflowEffectiveness matches eq. 11.29a at Cr = %f (1e-12 rel)', (cr) => {
    for (const ntu of ntus) {
      const cMin = 5000, cMax = cMin / cr, ua = ntu * cMin;
      const want = epsCounterflow(ntu, cr);
      nearRel(counterflowEffectiveness(ua, cMin, cMax), want, 1e-12, `hot=min ntu=${ntu}`);
      nearRel(counterflowEffectiveness(ua, cMax, cMin), want, 1e-12, `cold=min ntu=${ntu}`);
    }
  });

  it('Cr = 1: ε = NTU/(1+NTU) exactly (1e-15 rel)', () => {
    for (const ntu of ntus) nearRel(counterflowEffectiveness(ntu * 7000, 7000, 7000), ntu / (1 + ntu), 1e-15, `ntu=${ntu}`);
  });

  it('Cr → 1 from below is continuous with the Cr = 1 limit (1e-6 rel at 1 − Cr = 1e-8)', () => {
    // ∂ε/∂Cr is finite, so ε(1 − 1e-8) − ε(1) = O(1e-8·NTU²/(1+NTU)²) — below 1e-6 relative here.
    for (const ntu of ntus) nearRel(counterflowEffectiveness(ntu * 7000, 7000, 7000 / (1 - 1e-8)), ntu / (1 + ntu), 1e-6, `ntu=${ntu}`);
  });

  it('Cr → 0: ε → 1 − e^(−NTU) (C_max = 1e9·C_min: 1e-8 rel)', () => {
    for (const ntu of ntus) nearRel(counterflowEffectiveness(ntu * 1000, 1000, 1e12), 1 - Math.exp(-ntu), 1e-8, `ntu=${ntu}`);
  });

  it('returns 0 for no flow or no UA', () => {
    expect(counterflowEffectiveness(1000, 0, 500)).toBe(0);
    expect(counterflowEffectiveness(0, 500, 500)).toBe(0);
  });

  it.each([0, 0.3, 0.8, 1])('counterflowNtu inverts the effectiveness at Cr = %f (round trip 1e-9 rel)', (cr) => {
    for (const ntu of ntus) {
      const eps = epsCounterflow(ntu, cr);
      nearRel(counterflowNtu(eps, cr), ntu, 1e-9, `ntu=${ntu}`);
    }
    // Closed-form inverses at the ends.
    nearRel(counterflowNtu(0.6, 1), 0.6 / 0.4, 1e-14, 'Cr=1 inverse');
    nearRel(counterflowNtu(0.6, 0), -Math.log(0.4), 1e-14, 'Cr=0 inverse');
    expect(counterflowNtu(1, cr)).toBe(Infinity);
  });

  it('uaForApproach gives the UA at which the design duty leaves the stated approach (1e-9 rel)', () => {
    // Duty Q, hot side C_h (TCS), cold side C_c (FWS), approach a = T_hot,out − T_cold,in:
    // T_hot,in − T_cold,in = a + Q/C_h; with the returned UA the exchanger must deliver exactly Q.
    for (const [Q, a, ch, cc] of [[1.2e6, 3, 90e3, 90e3], [500e3, 2, 40e3, 60e3], [300e3, 5, 50e3, 30e3]] as const) {
      const ua = uaForApproach(Q, a, ch, cc);
      const cMin = Math.min(ch, cc), cr = cMin / Math.max(ch, cc);
      const q = epsCounterflow(ua / cMin, cr) * cMin * (a + Q / ch);
      nearRel(q, Q, 1e-9, `Q=${Q}`);
    }
    // Impossible duty (needs ε ≥ 1): NaN.
    expect(uaForApproach(1e6, 0.5, 10e3, 1e3)).toBeNaN();
  });
});

describe('CDU exchanger at steady state (scenario)', () => {
  // Four rows of four 100 kW racks (liquid fraction 0.8), one CDU per row.
  const P = 100e3, LF = 0.8, N = 4, FWS = 20;
  const cTcs = N * FLOW_PER_W * P * PG25.rho * PG25.cp; // 39 991 W/K
  const pump = (PG25.rho * G0 * 25 * (N * FLOW_PER_W * P)) / 0.7; // design head 25 m, η 0.7
  const Q = N * LF * P + pump;
  const rackRate = cTcs / N;

  const cdus = [
    // id, yaml, C_fws, UA, saturated?
    { id: 'cdu-A', yaml: '{ id: cdu-A, supply_setpoint: 18 degC, ua: 60 kW/K, fws_flow: 8 L/s }', cFws: 0.008 * WATER.rho * WATER.cp, ua: 60e3 },
    { id: 'cdu-B', yaml: '{ id: cdu-B, supply_setpoint: 18 degC, ua: 50 kW/K }', cFws: cTcs, ua: 50e3 },
    { id: 'cdu-C', yaml: '{ id: cdu-C, supply_setpoint: 18 degC, ua: 45 kW/K, fws_flow: 30 L/s }', cFws: 0.03 * WATER.rho * WATER.cp, ua: 45e3 },
    // Fouling removes a share of UA: 80 kW/K × (1 − 0.25) = 60 kW/K effective.
    { id: 'cdu-E', yaml: '{ id: cdu-E, supply_setpoint: 18 degC, ua: 80 kW/K, fws_flow: 8 L/s, fouling: 0.25 }', cFws: 0.008 * WATER.rho * WATER.cp, ua: 60e3 },
  ];

  const yaml = `
version: 1
name: cdu exchangers
duration: 1 h
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r: { power: ${P / 1000} kW, liquid_fraction: ${LF}, load: 1 }
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: ${N} }
    - { id: row-B, type: r, cdu: cdu-B, count: ${N} }
    - { id: row-C, type: r, cdu: cdu-C, count: ${N} }
    - { id: row-D, type: r, cdu: cdu-D, count: ${N} }
    - { id: row-E, type: r, cdu: cdu-E, count: ${N} }
  crahs:
    - { id: crah-1, capacity: 500 kW }
cdus:
${cdus.map((c) => `  - ${c.yaml}`).join('\n')}
  - { id: cdu-D, supply_setpoint: 30 degC, ua: 60 kW/K }
plant:
  supply_setpoint: ${FWS} degC
  chillers:
    - { id: ch-1, capacity: 5 MW }
`;
  const probes = ['plant.fws_supply'];
  for (const c of ['cdu-A', 'cdu-B', 'cdu-C', 'cdu-D', 'cdu-E']) probes.push(`${c}.supply`, `${c}.return`, `${c}.heat`, `${c}.pump_power`);
  probes.push('row-A-01.temperature', 'row-B-01.temperature', 'row-C-01.temperature', 'row-D-01.temperature', 'row-E-01.temperature');
  const out = run(yaml, probes);
  const last = (name: string) => { const s = series(out.report, name); return s.v[s.v.length - 1]!; };
  const first = (name: string) => series(out.report, name).v[0]!;

  it('the plant holds the FWS supply at setpoint (premise)', () => {
    expect(maxDeviation(series(out.report, 'plant.fws_supply'), () => FWS).err).toBeLessThan(2e-6);
  });

  it('pump power = ρ·g·H·Q/η at design flow (1e-6 rel)', () => {
    nearRel(first('cdu-A.pump_power'), pump / 1000, 1e-6, 'pump kW');
  });

  for (const c of cdus) {
    it(`${c.id}: saturated exchanger matches hand-solved ε-NTU (C_tcs ${(cTcs / 1e3).toFixed(1)} kW/K, C_fws ${(c.cFws / 1e3).toFixed(1)} kW/K, UA ${c.ua / 1e3} kW/K; 1e-6 rel)`, () => {
      const cMin = Math.min(cTcs, c.cFws), cr = cMin / Math.max(cTcs, c.cFws);
      const eps = epsCounterflow(c.ua / cMin, cr === 1 ? 1 : cr);
      const tRet = FWS + Q / (eps * cMin);
      const tSup = tRet - Q / cTcs;
      const row = c.id.replace('cdu', 'row');
      for (const pick of [first, last]) {
        nearRel(pick(`${c.id}.heat`), Q / 1000, 1e-6, `${c.id} heat kW`);
        near(pick(`${c.id}.return`), tRet, 1e-5, `${c.id} return °C`);
        near(pick(`${c.id}.supply`), tSup, 1e-5, `${c.id} supply °C`);
        near(pick(`${row}-01.temperature`), tSup + (LF * P) / rackRate, 1e-5, `${row}-01 coolant °C`);
      }
      // Saturated: the setpoint (18 °C) is not reached.
      expect(first(`${c.id}.supply`)).toBeGreaterThan(FWS);
    });
  }

  it('cdu-D (controlled): supply at setpoint, return = setpoint + Q/C_tcs, heat = Q (1e-6)', () => {
    near(first('cdu-D.supply'), 30, 2e-6, 'supply');
    near(first('cdu-D.return'), 30 + Q / cTcs, 1e-5, 'return');
    nearRel(first('cdu-D.heat'), Q / 1000, 1e-6, 'heat');
    // Controlled needs the open exchanger to be able to do more: ε·C_min·(T_ret − T_fws) ≥ Q.
    const eps = epsCounterflow(60e3 / cTcs, 1);
    expect(eps * cTcs * (30 + Q / cTcs - FWS)).toBeGreaterThan(Q);
  });
});
