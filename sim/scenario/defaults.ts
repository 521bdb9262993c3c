/**
 * Reference values used when a scenario leaves a field out. Every number has its basis next to it
 * (DESIGN.md §7 collects them). All SI: W, J, K (absolute), kg, m³, s, Pa.
 */
export const C_TO_K = 273.15;

export const FLUIDS = {
  /** PG25 at 30 °C — property tables. */
  tcs: { density: 1015, cp: 3940 },
  /** Water at ~25 °C. */
  fws: { density: 996, cp: 4180 },
  /** Air at 25 °C, sea level. */
  air: { density: 1.18, cp: 1006 },
  /** Synthetic hydrocarbon immersion fluid (PAO-class), typical datasheet values. */
  dielectric: { density: 800, cp: 2100 },
} as const;

export const RACK = {
  /** GB200/GB300 NVL72-class rack, vendor reports: 120–132 kW. */
  power: 132_000,
  /** Idle draw of a GPU rack is roughly a quarter of its peak (fans, NICs, idle GPUs). */
  idleFraction: 0.25,
  gpus: 72,
  /** Direct-to-chip share of rack heat: 0.85 (server vendors, range 0.70–0.95). */
  liquidFraction: 0.85,
  /** OCP guideline 1.5 L/min per kW (1.2–2.0), in m³/s per W. */
  flowPerPower: 1.5e-3 / 60 / 1000,
  /** Coolant held in the rack manifold, hoses and cold plates. */
  coolantVolume: 0.03,
  /** Copper cold plates and chip packages (≈ 150 kg·385 J/(kg·K)). */
  structureHeatCapacity: 60_000,
  /** Cold-plate outlet temperature where GPUs start capping power (above a 10 K design rise on a W32-class loop). */
  throttleTemperature: 50 + C_TO_K,
  /** Shutdown of the rack's GPUs. */
  tripTemperature: 60 + C_TO_K,
  /** Power capped to this share of design when throttled (GPU power-capping floor). */
  throttlePowerFraction: 0.6,
  /** Throttling releases this far below the limit, so it does not chatter. */
  throttleHysteresis: 2,
  /** ASHRAE TC9.9 allowable A2 upper bound: beyond it air-cooled parts cap power. */
  inletThrottle: 35 + C_TO_K,
  /** ASHRAE A4 upper bound: beyond it the rack shuts down. */
  inletTrip: 45 + C_TO_K,
} as const;

export const CDU = {
  /** W32-class TCS supply. */
  supplySetpoint: 30 + C_TO_K,
  /** CDU approach TCS supply − FWS supply at design: 3 K (vendors, range 2–5). */
  designApproach: 3,
  /** Pipes, manifolds and reservoir of a row CDU loop. */
  loopVolume: 0.4,
  pumps: 2,
  pumpsRequired: 1,
  /** 2.5 bar across the loop at design flow ≈ 25 m of head (typical CDU rating). */
  designHead: 25,
  /** Centrifugal shut-off head ≈ 1.25× the head at the best-efficiency point. */
  shutoffRatio: 1.25,
  /** Wire-to-water efficiency of a variable-speed pump set. */
  pumpEfficiency: 0.7,
} as const;

export const HALL = {
  volume: 3000,
  /** Raised-floor halls: ≈ 21 °C mixed air; slab halls with containment run warmer. */
  airSetpoint: 24 + C_TO_K,
  /** Thermally active concrete ≈ 5 cm × 1000 m² × 2.2 MJ/(m³·K). */
  structureHeatCapacity: 110e6,
  /** 8 W/(m²·K) surface coefficient × 2500 m² of exposed surface. */
  structureUA: 20_000,
} as const;

export const CRAH = {
  /** Coil effectiveness of a chilled-water fan-coil at design airflow. */
  effectiveness: 0.7,
  /** Fan power ≈ 1.5 % of sensible capacity for EC fan walls. */
  fanPowerFraction: 0.015,
} as const;

export const PLANT = {
  /** W27-class facility water supply. */
  supplySetpoint: 25 + C_TO_K,
  /** Headers and risers of a mid-size plant. */
  loopVolume: 20,
  /** FWS design ΔT of 10 K at design heat when no flow is stated. */
  designDeltaT: 10,
} as const;

export const CHILLER = {
  /** DOE-2 centrifugal reference: COP 5.5 at 6.67 °C leaving CHW / 29.4 °C entering CW (EnergyPlus, Modelica Buildings). */
  cop: 5.5,
  /** Chiller manuals: 45 s – 8 min to first cooling after a restart; 90 s typical modern. */
  restartDelay: 90,
  /** Fast-restart chillers with controls on UPS reach cooling in ~30 s (vendor data). */
  fastRestartDelay: 30,
  /** Cooling-tower approach to wet bulb for the condenser water. */
  condenserApproach: 4,
} as const;

/**
 * DOE-2 centrifugal chiller curves "DOE-2 Centrifugal/5.50COP" (EnergyPlus Chiller:Electric:EIR dataset,
 * also Modelica Buildings.Fluid.Chillers.Data.ElectricEIR.DOE_2_Centrifugal_5_50COP).
 * Biquadratic f(x,y) = a + b·x + c·x² + d·y + e·y² + f·x·y with x = leaving CHW °C, y = entering CW °C;
 * the curve inputs are clamped to the stated bounds, as EnergyPlus does.
 */
export const DOE2_CENTRIFUGAL = {
  capFT: [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344],
  eirFT: [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215],
  eirFPLR: [0.222903, 0.313387, 0.46371],
  leavingBounds: [5.0, 10.0],
  condenserBounds: [24.0, 35.0],
  minPLR: 0.1,
} as const;

export const HEAT_REJECTION = {
  /** Dry-cooler approach to ambient dry bulb (leaving water − dry bulb). */
  dryCoolerApproach: 5,
  /** Open cooling-tower approach to wet bulb. */
  towerApproach: 4,
  /** Fan power ≈ 1 % of rated heat rejection (EC fans at design). */
  fanPowerFraction: 0.01,
  /** Cycles of concentration for blowdown: water = evaporation · C/(C−1). */
  cyclesOfConcentration: 4,
  /** Latent heat of vaporisation of water at ~30 °C, J/kg. */
  latentHeat: 2.43e6,
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
  /** NFPA 110 Type 10: generator on line within 10 s. */
  generatorStartDelay: 10,
  /** Three-term UPS loss per unit of rating (DESIGN.md §7): 0.015 + 0.020x + 0.010x². */
  upsLoss: [0.015, 0.02, 0.01] as const,
  /** Battery recharge at 10 % of rating. */
  upsRecharge: 0.1,
  /** Warn when a UPS on battery has less than 5 minutes left at the present load. */
  upsRuntimeAlarm: 300,
  /** Busway/PDU I²R loss at rated load: 1 % of rating. */
  distributionLoss: 0.01,
  /** Inverse-time overload: at 2× rating a path trips after overloadTime/3 = 20 s. */
  overloadTime: 60,
  /** Chiller controls draw: panel, PLC, sensors. */
  chillerControls: 1000,
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
