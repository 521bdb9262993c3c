/**
 * The time scheme: TR-BDF2 over the thermal network (network.ts), with step-size control and the
 * energy accounting that matches it.
 *
 * Why TR-BDF2: the network is stiff (a rack's few litres of coolant at 3 kg/s beside a hall of air and
 * concrete), so the scheme must be L-stable; backward Euler is, but first order, and slow approaches (tens
 * of minutes) were off by several per cent. TR-BDF2 is second order and L-stable, and each of its stages
 * has the backward-Euler form the network solves exactly.
 */
import type { Plant } from '../plant/types';
import { ThermalNetwork, copyFlows, emptyFlows, type StepFlows } from './network';

/**
 * TR-BDF2 coefficients, γ = 2 − √2 (Hosea & Shampine 1996). Stage 1: trapezoid over γh (BE form with step
 * γh/2). Stage 2: BDF2, T₁ = a·Tγ − b·T₀ + h·bdf2·T'₁. As a Runge–Kutta method its weights are (w, w, d),
 * w = √2/4, d = γ/2; the embedded third-order weights are ((1 − w)/3, w + 1/3, d/3).
 */
const TRBDF2 = (() => {
  const gamma = 2 - Math.SQRT2, w = Math.SQRT2 / 4, d = gamma / 2;
  return {
    gamma, trapezoid: gamma / 2,
    a: 1 / (gamma * (2 - gamma)), b: ((1 - gamma) * (1 - gamma)) / (gamma * (2 - gamma)), bdf2: (1 - gamma) / (2 - gamma),
    w, d,
    e0: w - (1 - w) / 3, eg: w - (w + 1 / 3), e1: d - d / 3,
  };
})();

/**
 * out = w·a + w·b + d·c for every rate; temperatures are the end values. Written out field by field on
 * purpose: a loop over the keys made year-20 (a plain small-hall year) 20 % slower (0.075 → 0.090 s).
 */
function weighFlows(out: StepFlows, a: StepFlows, b: StepFlows, c: StepFlows): void {
  const { w, d } = TRBDF2;
  out.itPower = w * (a.itPower + b.itPower) + d * c.itPower;
  out.pumpPower = w * (a.pumpPower + b.pumpPower) + d * c.pumpPower;
  out.fanPower = w * (a.fanPower + b.fanPower) + d * c.fanPower;
  out.chillerPower = w * (a.chillerPower + b.chillerPower) + d * c.chillerPower;
  out.freeCoolingFanPower = w * (a.freeCoolingFanPower + b.freeCoolingFanPower) + d * c.freeCoolingFanPower;
  out.fwsPumpPower = w * (a.fwsPumpPower + b.fwsPumpPower) + d * c.fwsPumpPower;
  out.condenserFanPower = w * (a.condenserFanPower + b.condenserFanPower) + d * c.condenserFanPower;
  out.condenserPumpPower = w * (a.condenserPumpPower + b.condenserPumpPower) + d * c.condenserPumpPower;
  out.controlsPower = w * (a.controlsPower + b.controlsPower) + d * c.controlsPower;
  out.lightingPower = w * (a.lightingPower + b.lightingPower) + d * c.lightingPower;
  out.otherPower = w * (a.otherPower + b.otherPower) + d * c.otherPower;
  out.heatIn = w * (a.heatIn + b.heatIn) + d * c.heatIn;
  out.heatRejected = w * (a.heatRejected + b.heatRejected) + d * c.heatRejected;
  out.freeCoolingHeat = w * (a.freeCoolingHeat + b.freeCoolingHeat) + d * c.freeCoolingHeat;
  out.chillerHeat = w * (a.chillerHeat + b.chillerHeat) + d * c.chillerHeat;
  out.waterUse = w * (a.waterUse + b.waterUse) + d * c.waterUse;
  out.chillerWater = w * (a.chillerWater + b.chillerWater) + d * c.chillerWater;
  out.reusedHeat = w * (a.reusedHeat + b.reusedHeat) + d * c.reusedHeat;
  out.exportedHeat = w * (a.exportedHeat + b.exportedHeat) + d * c.exportedHeat;
  out.heatPumpPower = w * (a.heatPumpPower + b.heatPumpPower) + d * c.heatPumpPower;
  out.heatAsked = w * (a.heatAsked + b.heatAsked) + d * c.heatAsked;
  out.fwsSupply = c.fwsSupply; out.plantOutlet = c.plantOutlet; out.dryBulb = c.dryBulb; out.wetBulb = c.wetBulb;
}

/** Stage length that measures the slope after a source jump, s (see resumeAfterSourceChange). */
const RESUME_H = 1e-3;

export class ThermalSolver extends ThermalNetwork {
  /** Largest |ΔT| of any node over the last step. */
  maxDeltaT = 0;
  /** Local-error estimate of the last step, K (drives the step size). */
  errorEstimate = 0;
  private readonly dPrev: Float64Array;
  private hPrev = 0;
  /** Order of the last step's scheme: 1 (backward Euler, after a discrete change) or 2 (TR-BDF2). */
  order: 1 | 2 = 1;
  /** The step's mean flows for energy accounts (weighted as the scheme weights them), W. */
  readonly mean: StepFlows = emptyFlows();
  private readonly flowsStart: StepFlows = emptyFlows();
  private readonly flowsMid: StepFlows = emptyFlows();
  /** T' of every node at the step's start, after its trapezoid stage and at its end, K/s. */
  private readonly dStart: Float64Array;
  private readonly dMid: Float64Array;
  private readonly dEnd: Float64Array;
  private historyValid = false;

  constructor(plant: Plant) {
    super(plant);
    const n = plant.layout.size;
    this.dPrev = new Float64Array(n);
    this.dStart = new Float64Array(n);
    this.dMid = new Float64Array(n);
    this.dEnd = new Float64Array(n);
  }

  /**
   * Advance the network from t to t+h. T0 keeps the start state for a retake. Returns false when the
   * control modes did not settle: retake with a shorter step.
   *
   * TR-BDF2 (Bank et al. 1985; Hosea & Shampine 1996): a trapezoidal stage to t + γh, then BDF2 to t + h,
   * γ = 2 − √2 — second order and L-stable, so slow approaches are accurate and stiff nodes stay damped.
   * Each stage has the backward-Euler form C·(T − R)/h_s = f(T) with its own reference R and step h_s,
   * so the same exact elimination solves it. The first step after a discrete change (sources jumped:
   * no derivative at the start) and the steady start (`tNew` = t) are plain backward Euler.
   */
  step(t: number, h: number, tNew = t + h): boolean {
    const T = this.T, T0 = this.T0, R = this.R;
    T0.set(T);
    if (!this.historyValid || tNew === t) {
      this.order = 1;
      R.set(T0);
      const ok = this.solveStage(t, tNew, h);
      this.derivative(this.dEnd, h);
      this.estimateError(h);
      copyFlows(this.flows, this.mean);
      return ok;
    }
    this.order = 2;
    // Trapezoid to t + γh: C·(Tγ − T0)/(γh/2) = f(T0) + f(Tγ) ⇔ BE form with R = T0 + (γh/2)·T'(t).
    const h1 = TRBDF2.trapezoid * h, dStart = this.dStart;
    for (let i = 0; i < R.length; i++) R[i] = T0[i]! + h1 * dStart[i]!;
    const ok1 = this.solveStage(t, t + TRBDF2.gamma * h, h1);
    this.derivative(this.dMid, h1);
    copyFlows(this.flows, this.flowsMid);
    // BDF2 to t + h: T1 − a·Tγ + b·T0 = h₂·T'(t+h)/… ⇔ BE form with R = a·Tγ − b·T0, step h₂.
    for (let i = 0; i < R.length; i++) R[i] = TRBDF2.a * T[i]! - TRBDF2.b * T0[i]!;
    const h2 = TRBDF2.bdf2 * h;
    const ok2 = this.solveStage(t, tNew, h2);
    this.derivative(this.dEnd, h2);
    // The step's energy: every flux weighted as the state update weights it (w, w, d), so
    // Σ C·ΔT = h·Σ w_s·(heat in − heat rejected)_s holds to rounding.
    weighFlows(this.mean, this.flowsStart, this.flowsMid, this.flows);
    this.estimateErrorTrBdf2(h);
    return ok1 && ok2;
  }

  /** T' of every node after a stage: (T − R)/h_s; zero where a node stores no heat (algebraic). */
  private derivative(out: Float64Array, hs: number): void {
    const T = this.T, R = this.R, C = this.nodeC;
    for (let i = 0; i < T.length; i++) out[i] = C[i]! > 0 ? (T[i]! - R[i]!) / hs : 0;
  }

  /**
   * The steady state of time t: pseudo-transient continuation — backward-Euler steps of growing length
   * with the sources frozen at t, until nothing moves. (One huge step would do for a linear network, but
   * the control modes are badly conditioned there.) Returns false if no steady state was found.
   */
  solveSteady(t: number): boolean {
    let h = 1;
    for (let i = 0; i < 200; i++) {
      if (!this.step(t, h, t)) { this.undo(); h /= 2; continue; }
      if (this.maxDeltaT < 1e-7 && h >= 1e4) return true;
      h = Math.min(h * 2, 1e7);
    }
    return false;
  }

  /**
   * Largest change and local-error estimate of the step. Backward Euler's local error is ≈ h²/2·T'';
   * with the previous accepted increment it is estimated as ½·|ΔT − ΔT_prev·h/h_prev| per node.
   * Right after a discrete change there is no usable history: the estimate is the change itself.
   */
  private estimateError(h: number): void {
    const T = this.T, T0 = this.T0, prev = this.dPrev;
    const ratio = this.hPrev > 0 ? h / this.hPrev : 0;
    let dmax = 0, err = 0;
    for (let i = 0; i < T.length; i++) {
      const d = T[i]! - T0[i]!;
      const a = d < 0 ? -d : d;
      if (a > dmax) dmax = a;
      const e = d - prev[i]! * ratio;
      const ea = e < 0 ? -e : e;
      if (ea > err) err = ea;
    }
    this.maxDeltaT = dmax;
    this.errorEstimate = this.hPrev > 0 ? 0.5 * err : dmax;
  }

  /**
   * TR-BDF2's embedded estimate (Hosea & Shampine 1996): the difference to a third-order solution from
   * the same three derivatives, h·|(w − ê₀)·T'₀ + (w − ê₁)·T'γ + (d − ê₂)·T'₁| per node, in K.
   */
  private estimateErrorTrBdf2(h: number): void {
    const T = this.T, T0 = this.T0, d0 = this.dStart, dg = this.dMid, d1 = this.dEnd;
    const { e0, eg, e1 } = TRBDF2;
    let dmax = 0, err = 0;
    for (let i = 0; i < T.length; i++) {
      const d = T[i]! - T0[i]!;
      const a = d < 0 ? -d : d;
      if (a > dmax) dmax = a;
      const e = h * (e0 * d0[i]! + eg * dg[i]! + e1 * d1[i]!);
      const ea = e < 0 ? -e : e;
      if (ea > err) err = ea;
    }
    this.maxDeltaT = dmax;
    this.errorEstimate = err;
  }

  /** The last step was accepted: remember its increments, end derivatives and flows for the next step. */
  accept(h: number): void {
    const T = this.T, T0 = this.T0, prev = this.dPrev;
    for (let i = 0; i < T.length; i++) prev[i] = T[i]! - T0[i]!;
    this.hPrev = h;
    this.inlet0 = this.inlet;
    this.zoneInlet0.set(this.zoneInlet);
    this.dStart.set(this.dEnd);
    copyFlows(this.flows, this.flowsStart);
    this.historyValid = true;
  }

  /**
   * The heat sources or the plant's power jumped at t (a job started, ended or checkpointed; a chiller was
   * staged on or off, or began to cool with the setpoint already held) but no flow did: keep the step history and
   * re-take the start derivative and start flows at the new sources, so the next TR-BDF2 step integrates
   * from the right slope under the usual error control. Measured by a backward-Euler stage of RESUME_H
   * from the current state (its derivative is f at T + RESUME_H·T', within ~RESUME_H/τ of f(T) for the
   * fastest node time constant τ ≳ 1 s; the state is put back untouched). Without a valid history this
   * is a no-op: the next step restarts as after any change.
   */
  resumeAfterSourceChange(t: number): void {
    if (!this.historyValid) return;
    const T = this.T, R = this.R, saved = this.resumeScratch;
    saved.set(T);
    R.set(T);
    this.solveStage(t, t + RESUME_H, RESUME_H); // sources just after the jump (a held value changes at t)
    this.derivative(this.dStart, RESUME_H);
    copyFlows(this.flows, this.flowsStart);
    T.set(saved);
  }
  private readonly resumeScratch: Float64Array = new Float64Array(this.plant.layout.size);

  /** A discrete change broke the history (sources or flows jumped): the next step starts afresh. */
  forgetHistory(): void {
    this.hPrev = 0;
    this.historyValid = false;
  }
}
