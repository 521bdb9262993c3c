/**
 * Exponential approach of a DLC rack node to a new steady state after a load step.
 *
 * While the CDU holds its supply at setpoint (controlled mode) the rack node sees a fixed inlet
 * temperature T_s, so
 *     C·dT/dt = Q_liq − ṁcp·(T − T_s)
 * ⇒ T(t) = T∞ + (T0 − T∞)·exp(−(t − t_step)/τ),   τ = C/(ṁ·cp),   T∞ = T_s + Q_liq,new/(ṁcp),
 * with T0 = T_s + Q_liq,old/(ṁcp) (the steady state before the step).
 *
 * Numbers (defaults): C = 0.03·1015·3940 + 60 000 = 179 973 J/K; ṁcp = 132 kW·1.5 L/min/kW·1015·3940
 * = 13 197.03 W/K; τ = 13.637 s.
 *
 * Tolerances.
 *  - Adaptive run (max_delta_t = δ): backward Euler's local error on the decaying mode is ≈ (h/τ)²/2·|y|
 *    while the step control keeps the per-step change (h/τ)|y| ≤ 2δ, so each step adds ≤ δ·h/τ, and the
 *    errors decay with the mode: the global error is ≤ δ·Σ(h/τ)e^{−(t−t_i)/τ} ≲ δ. The series is sampled
 *    at the end of the step containing the sample time, which adds up to one step's change, ≤ 2δ.
 *    Bound: 3δ (+1e-6 report rounding).
 *  - Fixed step h: backward Euler gives exactly y_n = y_0·(1 + h/τ)^(−n) for this linear node; we check the
 *    engine against that discrete solution to 1e-6 K, and against the exact exponential to the BE bound
 *    max_n |(1+h/τ)^(−n) − e^(−nh/τ)| ≤ (h/2τ)·e^(−1)·(1 + h/τ) of |T0 − T∞|.
 */
import { describe, it, expect } from 'vitest';
import { run, series, PG25, FLOW_PER_W, maxDeviation } from './util';

const T_STEP = 60;
const P = 132e3, IDLE = 33e3, LF = 0.85, SUPPLY = 30;
const LOAD0 = 0.4, LOAD1 = 1.0;

const C = 0.03 * PG25.rho * PG25.cp + 60e3;
const MCP = FLOW_PER_W * P * PG25.rho * PG25.cp;
const TAU = C / MCP;
const q = (load: number) => LF * (IDLE + (P - IDLE) * load);
const T0 = SUPPLY + q(LOAD0) / MCP;
const TINF = SUPPLY + q(LOAD1) / MCP;
const exact = (t: number) => (t <= T_STEP ? T0 : TINF + (T0 - TINF) * Math.exp(-(t - T_STEP) / TAU));

function scenario(solver: string): string {
  // A large, generously sized CDU (2 m³ loop, 2 K design approach against an 18 °C FWS supply that a
  // 3 MW chiller holds exactly), so the TCS supply stays at 30 °C through the step.
  return `
version: 1
name: load step
duration: 400 s
solver: ${solver}
weather: { kind: constant, dry_bulb: 25 degC, wet_bulb: 18 degC }
rack_types:
  r: { power: ${P / 1000} kW, idle_power: ${IDLE / 1000} kW, liquid_fraction: ${LF}, load: ${LOAD0} }
hall:
  rows:
    - { id: row-A, type: r, cdu: cdu-A, count: 4 }
  crahs:
    - { id: crah-1, capacity: 300 kW }
cdus:
  - { id: cdu-A, supply_setpoint: ${SUPPLY} degC, loop_volume: 2 m^3, design_approach: 2 K }
plant:
  supply_setpoint: 18 degC
  chillers:
    - { id: ch-1, capacity: 3 MW }
events:
  - { at: ${T_STEP} s, set: row-A.load, value: ${LOAD1} }
`;
}

describe('exponential approach after a load step', () => {
  it('has the hand-computed time constant τ = C/(ṁcp) ≈ 13.64 s', () => {
    expect(TAU).toBeCloseTo(179973 / 13197.03, 6);
  });

  describe('adaptive steps, max_delta_t = 0.002 K', () => {
    const dT = 0.002;
    const out = run(scenario(`{ record_interval: 0.5 s, max_delta_t: ${dT} K }`), ['row-A-01.temperature', 'row-A-04.temperature', 'cdu-A.supply']);
    const T = series(out.report, 'row-A-01.temperature');

    it('keeps the CDU in controlled mode (supply at setpoint to 1e-6 K) — the premise of the closed form', () => {
      const s = series(out.report, 'cdu-A.supply');
      expect(maxDeviation(s, () => SUPPLY).err).toBeLessThan(2e-6);
    });

    it('matches T∞ + (T0 − T∞)e^(−t/τ) within 3·max_delta_t', () => {
      const dev = maxDeviation(T, exact);
      expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(3 * dT + 1e-6);
      // All racks of the row are identical.
      const T4 = series(out.report, 'row-A-04.temperature');
      expect(T4.v).toEqual(T.v);
    });

    it('settles to T∞ = T_s + Q_liq/(ṁcp) after 25 τ (steady state: 1e-6 K)', () => {
      expect(Math.abs(T.v[T.v.length - 1]! - TINF)).toBeLessThan(2e-6);
    });
  });

  describe('fixed step h = 0.05 s', () => {
    const h = 0.05;
    const out = run(scenario(`{ record_interval: 0.5 s, fixed_step: ${h} s }`), ['row-A-01.temperature', 'cdu-A.supply']);
    const T = series(out.report, 'row-A-01.temperature');

    it('reproduces the discrete solution: one backward-Euler step after the load step, then TR-BDF2 (1e-6 K)', () => {
      // For T' = λ(T − T∞), z = λh: BE multiplies the excess by 1/(1 − z); TR-BDF2 by
      // R(z) = (a·(1 + zγ/2)/(1 − zγ/2) − b)/(1 − h₂z/h), γ = 2 − √2, a = 1/(γ(2−γ)), b = (1−γ)²/(γ(2−γ)), h₂/h = (1−γ)/(2−γ).
      expect(maxDeviation(series(out.report, 'cdu-A.supply'), () => SUPPLY).err).toBeLessThan(2e-6);
      const z = -h / TAU, g = 2 - Math.SQRT2;
      const a = 1 / (g * (2 - g)), b = ((1 - g) * (1 - g)) / (g * (2 - g)), h2 = (1 - g) / (2 - g);
      const R = (a * (1 + (z * g) / 2) / (1 - (z * g) / 2) - b) / (1 - h2 * z);
      const discrete = (t: number) => {
        if (t <= T_STEP) return T0;
        const n = Math.round((t - T_STEP) / h);
        return TINF + ((T0 - TINF) / (1 - z)) * Math.pow(R, n - 1);
      };
      const dev = maxDeviation(T, discrete);
      expect(dev.err, `worst at t=${dev.t}`).toBeLessThan(2e-6);
    });

    it('is second order: within (h/τ)²·|T0 − T∞| of the exact exponential, far inside the first-order bound', () => {
      // The first (backward-Euler) step contributes its local error (h/τ)²/2 once; TR-BDF2's global error
      // is c·(h/τ)²·|ΔT| with c ≈ 0.05. The BE bound (h/2τ)·e⁻¹·(1 + h/τ)·|ΔT| is ~70× larger here.
      const dev = maxDeviation(T, exact);
      expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual((h / TAU) ** 2 * Math.abs(T0 - TINF) + 2e-6);
      const beBound = (h / (2 * TAU)) * Math.exp(-1) * (1 + h / TAU) * Math.abs(T0 - TINF);
      expect(dev.err).toBeLessThan(0.1 * beBound);
    });
  });
});

/**
 * The same step made by a job starting (workload events keep the step and its history: the next TR-BDF2
 * step goes on from the slope at the new sources instead of a 0.1 s backward-Euler restart). Before the
 * job the racks idle (load 0), then the job runs them at utilisation 1; default step control. Bound: each
 * step's local error is held to tol = 0.002 K (retaken above 2·tol) and the decaying mode damps what
 * earlier steps added, and samples inside a step are interpolated on its chord (a few tol more on the
 * curve's bend): 8·tol. Measured 0.0099 K in 41 steps; the same step made by a `set` event, which restarts
 * the step control, misses by 0.0100 K in 49.
 */
describe('exponential approach after a job starts (the step resumes from the new slope)', () => {
  const tol = 0.002;
  const out = run(scenario(`{ record_interval: 0.5 s }`).replace(/events:[\s\S]*$/, `workload:
  jobs:
    - { id: job, kind: batch, gpus: 32, start: ${T_STEP} s, duration: 1 h, utilisation: ${LOAD1} }
`).replace('liquid_fraction:', 'gpus: 8, liquid_fraction:'), ['row-A-01.temperature', 'cdu-A.supply']);
  const T = series(out.report, 'row-A-01.temperature');
  const T0job = SUPPLY + q(0) / MCP;
  const exactJob = (t: number) => (t <= T_STEP ? T0job : TINF + (T0job - TINF) * Math.exp(-(t - T_STEP) / TAU));

  it('keeps the CDU at its setpoint (the closed form\'s premise) and matches T∞ + (T0 − T∞)e^(−t/τ) within 8·tol', () => {
    expect(maxDeviation(series(out.report, 'cdu-A.supply'), () => SUPPLY).err).toBeLessThan(2e-6);
    const dev = maxDeviation(T, exactJob);
    expect(dev.err, `worst at t=${dev.t}`).toBeLessThanOrEqual(8 * tol);
    expect(Math.abs(T.v[T.v.length - 1]! - TINF)).toBeLessThan(2e-6);
  });
});

