/**
 * Reference values used when a scenario leaves a field out, for what is not a component kind (fluids,
 * the FWS loop, solver, workload, economics): a component's defaults live in its home,
 * sim/components/<kind>/schema.ts. Every number has its basis next to it (DESIGN.md §7 collects them).
 * All SI: W, J, K (absolute), kg, m³, s, Pa.
 */
export const C_TO_K = 273.15;

export const FLUIDS = {
  /** PG25 at 30 °C — property tables. */
  tcs: { density: 1015, cp: 3940 },
  /** Water at ~25 °C. */
  fws: { density: 996, cp: 4180 },
  /** Air at 25 °C, sea level. */
  air: { density: 1.18, cp: 1006 },
} as const;

export const PLANT = {
  /** W27-class facility water supply. */
  supplySetpoint: 25 + C_TO_K,
  /** Headers and risers of a mid-size plant. */
  loopVolume: 20,
  /** FWS design ΔT of 10 K at design heat when no flow is stated. */
  designDeltaT: 10,
  /**
   * FWS (primary) pump head, m, and wire-to-water efficiency: 25 m at 0.70 is ρ·g·H/η = 349 kW per m³/s =
   * 22 W/gpm, the chilled-water pumping power of the ASHRAE 90.1 Appendix G baseline (G3.1.3.10).
   */
  pumpHead: 25,
  pumpEfficiency: 0.7,
} as const;

export const SOLVER = {
  /**
   * Longest step, s, unless solver.max_step says: 1/480 of the run (the 3D view's default frame interval,
   * so a frame is never more than a step from a computed state), within [60 s, 1 h]. TR-BDF2's error
   * control sets the step while anything moves; this only bounds how long a steady stretch is skipped.
   * A plain year of a 20-rack hall took 531,000 steps at a fixed 60 s cap, 16,000 at 1 h, same KPIs to
   * nine digits.
   */
  maxStep: 3600,
  maxStepFloor: 60,
  stepsPerRun: 480,
  minStep: 1e-3,
  /** Largest temperature change any node may take in one step (keeps crossing interpolation tight). */
  maxDeltaT: 0.5,
  /** Local error per step, K: backward Euler's ½·h²·|T''| estimated from successive increments. */
  errorTolerance: 0.002,
  recordInterval: 60,
} as const;

export const POWER = {
  /** Inverse-time overload: at 2× rating a path trips after overloadTime/3 = 20 s. */
  overloadTime: 60,
} as const;

export const WORKLOAD = {
  /**
   * Tokens per GPU-second. Order-of-magnitude figures for a 70B-parameter model on a Blackwell-class GPU:
   * training ≈ 6·N FLOPs/token at ~40 % MFU of ~2.5 PFLOP/s dense ≈ 2,400 tokens/s; inference decode at
   * large batch ≈ 5,000 tokens/s; batch (fine-tuning, embedding) in between.
   */
  tokensPerGpuS: { training: 2400, inference: 5000, batch: 1500 },
  checkpointInterval: 1800,
  /** A checkpoint of a large model to a parallel file system: about a minute of stalled GPUs. */
  checkpointDuration: 60,
  checkpointUtilisation: 0.15,
  restartTime: 600,
  utilisation: { training: 0.95, inference: 0.6, batch: 0.85 },
} as const;

export const ECONOMICS = {
  /** Industrial electricity, USD per J (0.08 USD/kWh). */
  energyPrice: 0.08 / 3.6e6,
  /** Five-year straight-line amortisation with 10 % residual value. */
  life: 5 * 365.25 * 86400,
  residualValue: 0.1,
} as const;
