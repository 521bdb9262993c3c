/**
 * The compiled plant: flat, index-based, SI. Built once from a validated scenario (compile.ts) and then
 * mutated only by the run (states, flows, setpoints). Structure-of-arrays so the solver's inner loops
 * touch typed arrays and nothing else.
 */
import type { Racks } from '../components/rack/rack';
import type { Cdus } from '../components/cdu/cdu';
import type { Crahs, Hall } from '../components/crah/crah';
import type { FreeCooler } from '../components/free-cooler/free-cooler';
import type { Chiller } from '../components/chiller/chiller';
import type { Epw } from './epw';
import type { Staging } from '../components/chiller/staging';
import type { Facility } from '../components/facility/facility';
import type { AirZones } from '../components/crah/zones';
import type { RearDoors } from '../components/rear-door/rear-door';
import type { HeatRecovery } from '../components/heat-recovery/heat-recovery';

// Each kind's arrays are declared in its home (sim/components/<kind>/); the Plant composes them.
export { Cooling, RackState } from '../components/rack/rack';
export type { Racks, Cdus, Crahs, Hall, FreeCooler, Chiller, Staging, Facility, AirZones, RearDoors, HeatRecovery };

export interface Weather {
  /** Dry and wet bulb (K) at time t (s). */
  at(t: number, out: { dryBulb: number; wetBulb: number }): void;
  /**
   * The design conditions: the times of the highest dry bulb and of the highest wet bulb (one time when they
   * coincide): a design day's peak hour, a CSV's hottest rows, a constant's t = 0.
   */
  readonly designTimes: readonly number[];
  /** The EnergyPlus weather file behind it, if any: its site, calendar and hourly records (an annual run bins by them). */
  readonly epw?: Epw;
}

export interface Plant {
  racks: Racks;
  cdus: Cdus;
  crahs: Crahs;
  hall: Hall;
  /** Per-row air zones, or null: the hall air is one mixed node (crah/zones.ts). */
  zones: AirZones | null;
  /** Rear-door heat exchangers (none: n = 0). */
  doors: RearDoors;
  fws: {
    rate: number;
    capacity: number;
    supplySetpoint: number;
    /** Supply-side water (half the loop) plus any storage tank, J/K: a mixed node between plant and CDUs. */
    storageCapacity: number;
    /** FWS (primary) pumps' electric power at the loop's constant flow, W; their work heats the return water. */
    pumpPower: number;
    /** Whether the FWS pumps have power (power.feeds `fws_pumps`): without it no water flows, no heat reaches the plant. */
    powered: boolean;
  };
  freeCoolers: FreeCooler[];
  chillers: Chiller[];
  staging: Staging;
  /** Heat export on the FWS return, ahead of free cooling and the chillers (`heat_reuse`), or null. */
  heatRecovery: HeatRecovery | null;
  /** Site loads besides IT and cooling (lighting, BMS, offices). */
  facility: Facility;
  weather: Weather;
  /** Every row's id as the file lists them, empty rows (spare positions only) included. */
  rowIds: readonly string[];
  loadExprs: ((t: number) => number)[];
  /** Initial temperatures (K) of every node, in state-vector order (see layout). */
  initial: Float64Array;
  layout: StateLayout;
}

/** Where each node sits in the state vector T. */
export interface StateLayout {
  racks: number;
  cdus: number;
  /** First hall air node: one per zone (one for an unzoned hall). */
  air: number;
  /** Number of air nodes from `air` on. */
  airNodes: number;
  structure: number;
  fwsReturn: number;
  storage: number;
  size: number;
}
