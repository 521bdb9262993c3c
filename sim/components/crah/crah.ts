/**
 * CRAH units and the hall air compiled: the CRAH arrays (coil and air capacity rates, fan power), the hall
 * air and structure nodes' parameters, how a CRAH fails, what an event may set on the hall, their probes
 * and final states.
 */
import type { Failable, Settable, ThermalState, Reader, FinalState } from '../contract';
import { setNumber, temperatureReader, powerReader, toC } from '../contract';
import { CRAH, HALL, HALL_SETTABLE, type CrahSpec, type HallAirSpec } from './schema';

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

/** The hall air and structure nodes. */
export interface Hall {
  id: string;
  airCapacity: number;
  airSetpoint: number;
  structureCapacity: number;
  structureUA: number;
  otherHeat: number;
}

type Fluid = { density: number; cp: number };

export function compileCrahs(specs: CrahSpec[], air: Fluid): Crahs {
  const airflow = (c: CrahSpec) => c.airflow ?? c.capacity / (air.density * air.cp * CRAH.airRise);
  return {
    n: specs.length, ids: specs.map((c) => c.id), capacity: Float64Array.from(specs, (c) => c.capacity),
    airRate: Float64Array.from(specs, (c) => airflow(c) * air.density * air.cp),
    coilRate: Float64Array.from(specs, (c) => (c.effectiveness ?? CRAH.effectiveness) * airflow(c) * air.density * air.cp),
    fanPower: Float64Array.from(specs, (c) => c.fan_power ?? CRAH.fanPowerFraction * c.capacity),
    failed: new Uint8Array(specs.length), powered: new Uint8Array(specs.length).fill(1),
  };
}

export function compileHall(h: HallAirSpec, air: Fluid): Hall {
  return {
    id: h.id ?? 'hall', airCapacity: (h.air_volume ?? HALL.volume) * air.density * air.cp, airSetpoint: h.air_setpoint ?? HALL.airSetpoint,
    structureCapacity: h.structure_heat_capacity ?? HALL.structureHeatCapacity,
    structureUA: h.structure_ua ?? HALL.structureUA, otherHeat: h.other_heat ?? 0,
  };
}

export function crahFailure(crahs: Crahs, i: number): Failable {
  const id = crahs.ids[i]!;
  return {
    id,
    fail: (x) => { crahs.failed[i] = 1; x.alarm('major', id, 'failure', `${id} failed`); },
    repair: (x) => { crahs.failed[i] = 0; x.alarm('info', id, 'repaired', `${id} back in service`); },
  };
}

/** What an event may set on the hall air, by `<hall>.<parameter>`. */
export function hallSettables(hall: Hall): [string, Settable][] {
  return [
    [`${hall.id}.air_setpoint`, { schema: HALL_SETTABLE.air_setpoint, apply: setNumber((v) => () => { hall.airSetpoint = v; }) }],
    [`${hall.id}.other_heat`, { schema: HALL_SETTABLE.other_heat, apply: setNumber((v) => () => { hall.otherHeat = v; }) }],
  ];
}

/** Mean of the hall's `nodes` air nodes from `air` (zones hold equal shares of the air), K. */
const meanAir = (T: Float64Array, air: number, nodes: number) => {
  if (nodes === 1) return T[air]!;
  let sum = 0;
  for (let z = 0; z < nodes; z++) sum += T[air + z]!;
  return sum / nodes;
};

/** Probes of the hall; `air` (the first of `nodes` zone nodes) and `structure` are its nodes in the state vector. */
export function hallProbes(air: number, nodes: number, structure: number, state: ThermalState): Map<string, Reader> {
  return new Map<string, Reader>([
    ['air', temperatureReader(() => meanAir(state.T, air, nodes))],
    ['inlet', temperatureReader(() => state.inlet)],
    ['crah_heat', powerReader(() => state.crahHeat)],
    ['structure', temperatureReader(() => state.T[structure]!)],
  ]);
}

export const crahFinal = (crahs: Crahs, i: number): FinalState => ({ kind: 'crah', state: crahs.failed[i] ? 'failed' : 'normal' });

export const hallFinal = (air: number, nodes: number, structure: number, state: ThermalState): FinalState =>
  ({ kind: 'hall', air_c: toC(meanAir(state.T, air, nodes)), inlet_c: toC(state.inlet), structure_c: toC(state.T[structure]!) });
