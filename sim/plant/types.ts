/**
 * The compiled plant: flat, index-based, SI. Built once from a validated scenario (compile.ts) and then
 * mutated only by the run (states, flows, setpoints). Structure-of-arrays so the solver's inner loops
 * touch typed arrays and nothing else.
 */
import type { ChillerCurves } from '../physics/chiller';
import type { PumpSet } from '../physics/hydraulics';

export enum Cooling { Air = 0, Dlc = 1, Immersion = 2 }
export enum RackState { Normal = 0, Throttled = 1, Tripped = 2 }

export interface Racks {
  n: number;
  ids: string[];
  /** Row id or immersion-tank marker, for grouping in reports and the 3D view. */
  rows: string[];
  /** Position of the rack in the hall grid (row index, slot in row). */
  rowIndex: Int32Array;
  slot: Int32Array;
  cooling: Uint8Array;
  cdu: Int32Array;
  gpus: Int32Array;
  designPower: Float64Array;
  idlePower: Float64Array;
  liquidFraction: Float64Array;
  /** Share of its CDU's flow (design flow / CDU design flow). */
  flowShare: Float64Array;
  designFlow: Float64Array;
  /** Node heat capacity, J/K. */
  capacity: Float64Array;
  /** Coolant temperature where GPU power capping begins, K. */
  throttleT: Float64Array;
  /** Coolant temperature where the rack shuts down, K. */
  tripT: Float64Array;
  /** Power cap (share of design power) reached at the trip temperature: the cap falls linearly to it. */
  throttleFraction: Float64Array;
  /** How far below the throttle temperature the coolant (or inlet) must fall to end a throttling episode, K. */
  hysteresis: Float64Array;
  /** Present GPU power cap, share of design power (1 = uncapped); follows temperature with a lag. */
  cap: Float64Array;
  inletThrottle: Float64Array;
  inletTrip: Float64Array;
  /** Constant load fraction, used when loadExpr is −1. */
  load: Float64Array;
  /** Index into Plant.loadExprs, or −1. */
  loadExpr: Int32Array;
  state: Uint8Array;
  /** 1 while the rack has power (power chain); a rack without power draws nothing. */
  powered: Uint8Array;
  everThrottled: Uint8Array;
  everTripped: Uint8Array;
}

export interface Cdus {
  n: number;
  ids: string[];
  /** Racks of CDU c are racks[rackStart[c] .. rackEnd[c]) — racks are ordered by CDU. */
  rackStart: Int32Array;
  rackEnd: Int32Array;
  supplySetpoint: Float64Array;
  flowSetpoint: Float64Array;
  designFlow: Float64Array;
  /** Coolant density and cp of the loop (PG25 for rack loops, dielectric for immersion tanks). */
  density: Float64Array;
  cp: Float64Array;
  uaClean: Float64Array;
  fouling: Float64Array;
  /** FWS-side capacity rate through the exchanger, W/K. */
  fwsRate: Float64Array;
  capacity: Float64Array;
  loopCapacity: Float64Array;
  pumps: PumpSet[];
  pumpCount: Int32Array;
  pumpsHealthy: Int32Array;
  pumpsRequired: Int32Array;
  pumpEfficiency: Float64Array;
  /** 1 when the unit as a whole has failed (controls, exchanger): no flow, no heat transfer. */
  failed: Uint8Array;
  /** 1 while its pumps have power. */
  powered: Uint8Array;
  /** Immersion-tank exchangers are CDUs too; flagged so reports can tell them apart. */
  immersion: Uint8Array;
  // Derived on every flow change (see hydraulicsUpdate):
  flow: Float64Array;
  rate: Float64Array;
  /** ε·Cmin / C_tcs of the exchanger at the present flows. */
  hxK: Float64Array;
  pumpPower: Float64Array;
}

export interface Crahs {
  n: number;
  ids: string[];
  capacity: Float64Array;
  /** airflow · ρ · cp, W/K. */
  airRate: Float64Array;
  /** ε · airflow · ρ · cp, W/K. */
  coilRate: Float64Array;
  fanPower: Float64Array;
  failed: Uint8Array;
  powered: Uint8Array;
}

export interface FreeCooler {
  id: string;
  kind: 'dry_cooler' | 'tower';
  capacity: number;
  approach: number;
  fanPower: number;
  cycles: number;
  failed: boolean;
  powered: boolean;
}

export interface Chiller {
  id: string;
  capacity: number;
  cop: number;
  restartDelay: number;
  fastRestartDelay: number;
  /** 1 while the chiller's controls have power (they may sit on UPS while the compressor does not). */
  controlsPowered: boolean;
  condenser: 'tower' | 'air';
  condenserApproach: number;
  curves: ChillerCurves;
  failed: boolean;
  powered: boolean;
  /** Time before which the chiller gives no cooling (restart after failure or power loss). */
  availableAt: number;
}

export interface Weather {
  /** Dry and wet bulb (K) at time t (s). */
  at(t: number, out: { dryBulb: number; wetBulb: number }): void;
}

export interface Plant {
  racks: Racks;
  cdus: Cdus;
  crahs: Crahs;
  hall: {
    id: string;
    airCapacity: number;
    airSetpoint: number;
    structureCapacity: number;
    structureUA: number;
    otherHeat: number;
  };
  fws: {
    rate: number;
    capacity: number;
    supplySetpoint: number;
    /** Supply-side water (half the loop) plus any storage tank, J/K: a mixed node between plant and CDUs. */
    storageCapacity: number;
  };
  freeCoolers: FreeCooler[];
  chillers: Chiller[];
  weather: Weather;
  loadExprs: ((t: number) => number)[];
  /** Initial temperatures (K) of every node, in state-vector order (see layout). */
  initial: Float64Array;
  layout: StateLayout;
}

/** Where each node sits in the state vector T. */
export interface StateLayout {
  racks: number;
  cdus: number;
  air: number;
  structure: number;
  fwsReturn: number;
  storage: number;
  size: number;
}
