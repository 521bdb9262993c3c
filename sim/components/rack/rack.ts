/**
 * The rack compiled: its arrays (structure of arrays, racks ordered by CDU), how a rack fails, how an event
 * sets a rack's, row's or hall's load, its probes and its final state. Immersion tanks are racks here too
 * (a bath node with all heat to liquid, drafted by immersion-tank/immersion-tank.ts).
 */
import { compileProfile } from '../../scenario/profile';
import type { Failable, Settable, Action, ThermalState, Reader, FinalState } from '../contract';
import { temperatureReader, powerReader, toC, r3 } from '../contract';
import { RACK, LOAD_SETTABLE, type RackSpec, type RackTypeSpec, type RowSpec } from './schema';
import type { RearDoorSpec } from '../rear-door/schema';

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
  /**
   * Shares of dynamic power by part, 4 per rack (GPU, CPU, memory, network), or null when no rack states
   * a `power_split` (then the GPU part is the whole, as every rack's is by default).
   */
  powerSplit: Float64Array | null;
  state: Uint8Array;
  /** 1 while the rack has power (power chain); a rack without power draws nothing. */
  powered: Uint8Array;
  everThrottled: Uint8Array;
  everTripped: Uint8Array;
  /** Restart delay after a thermal trip, counted from the recovery, s (∞: never restarts). */
  restartDelay: Float64Array;
  /** When the pending restart of a thermally tripped rack falls, s (NaN: none pending). */
  restartAt: Float64Array;
  /** 1 while the rack is failed by a scenario event (state Tripped until repaired); frames show it apart from a thermal trip. */
  failed: Uint8Array;
}

/** A rack's parameters resolved from its spec, its type and the defaults, before racks are ordered. */
export interface RackDraft {
  id: string;
  row: string;
  rowIndex: number;
  slot: number;
  cooling: Cooling;
  cduId: string | undefined;
  gpus: number;
  power: number;
  idle: number;
  lf: number;
  flow: number;
  capacity: number;
  rate: number;
  throttleT: number;
  tripT: number;
  throttleFraction: number;
  hysteresis: number;
  inletThrottle: number;
  inletTrip: number;
  restartDelay: number;
  load: number | string;
  /** GPU, CPU, memory and network shares of dynamic power, when stated. */
  split: [number, number, number, number] | null;
  path: string;
  /** Field that set the rack's coolant flow (its own, its type's, or the default). */
  flowField: string;
  /** Its rear door (`cooling: rear_door`, or a `door` on a liquid-cooled rack for its residual air heat). */
  door?: RearDoorSpec;
}

type Err = (path: string, message: string) => void;

/** A file's `restart_after` as a delay, s (`never`: ∞). */
export const restartDelay = (v: number | 'never' | undefined): number => (v === 'never' ? Infinity : v ?? RACK.restartAfter);

/** Smallest heat capacity of a liquid-cooled rack node, J/K: ¼ L of water. */
const MIN_RACK_CAPACITY = 1000;

/** Every rack of the hall's rows, listed or generated; `claim` registers each id where it is defined. */
export function draftRacks(rows: RowSpec[], types: Record<string, RackTypeSpec>, tcs: { density: number; cp: number }, claim: (id: string, path: string) => void, err: Err): RackDraft[] {
  const rackDrafts: RackDraft[] = [];
  rows.forEach((row, ri) => {
    const rowPath = `hall.rows[${ri}]`;
    claim(row.id, `${rowPath}.id`);
    const listed: (RackSpec | undefined)[] = row.racks ?? [];
    const n = row.racks ? row.racks.length : row.count ?? 0;
    if (!row.racks && row.count === undefined) err(rowPath, 'expected "count" or a "racks" list');
    if (row.racks && row.count !== undefined && row.count !== row.racks.length)
      err(`${rowPath}.count`, `expected ${row.racks.length} (the number of listed racks), found ${row.count}`);
    for (let i = 0; i < n; i++) {
      const spec = listed[i];
      const path = spec ? `${rowPath}.racks[${i}]` : rowPath;
      const typeId = spec?.type ?? row.type;
      let type: RackTypeSpec = {};
      if (typeId !== undefined) {
        const t = types[typeId];
        if (!t) err(spec?.type !== undefined ? `${path}.type` : `${rowPath}.type`, `expected a rack type defined in rack_types, found "${typeId}"`);
        else type = t;
      }
      const id = spec?.id ?? `${row.id}-${String(i + 1).padStart(2, '0')}`;
      claim(id, spec ? `${path}.id` : `${rowPath} (generated rack ${id})`);
      const pick = <K extends keyof RackTypeSpec>(k: K): RackTypeSpec[K] => (spec?.[k as keyof RackSpec] as RackTypeSpec[K]) ?? type[k];
      const coolingName = pick('cooling') ?? 'dlc';
      // A rear-door rack is air-cooled; its door takes heat out of the exhaust (rear-door/rear-door.ts).
      const cooling = coolingName === 'dlc' ? Cooling.Dlc : Cooling.Air;
      const doorSpec = pick('door');
      if (coolingName === 'air' && doorSpec !== undefined) err(`${spec?.door !== undefined ? path : `rack_types.${typeId}`}.door`, 'a door needs "cooling: rear_door" (or "dlc" for the residual air heat); found "cooling: air"');
      const door = coolingName === 'rear_door' ? doorSpec ?? {} : coolingName === 'dlc' ? doorSpec : undefined;
      const power = pick('power') ?? RACK.power;
      const idle = pick('idle_power') ?? RACK.idleFraction * power;
      if (idle > power) err(`${path}.idle_power`, `expected at most the rack power (${power / 1000} kW), found ${idle / 1000} kW`);
      const lf = cooling === Cooling.Air ? 0 : pick('liquid_fraction') ?? RACK.liquidFraction;
      const flow = cooling === Cooling.Air ? 0 : (pick('flow_per_power') ?? RACK.flowPerPower) * power;
      const capacity = cooling === Cooling.Air ? 0 : (pick('coolant_volume') ?? RACK.coolantVolume) * tcs.density * tcs.cp + (pick('structure_heat_capacity') ?? RACK.structureHeatCapacity);
      // A liquid node with (almost) no heat capacity has no temperature of its own once its flow stops: reject.
      if (cooling !== Cooling.Air && capacity < MIN_RACK_CAPACITY)
        err(`${path}.coolant_volume`, `rack ${id} has a heat capacity of ${capacity.toFixed(0)} J/K (coolant_volume and structure_heat_capacity); expected at least ${MIN_RACK_CAPACITY} J/K (a quarter litre of water)`);
      const throttleT = pick('throttle_temperature') ?? RACK.throttleTemperature;
      const tripT = pick('trip_temperature') ?? RACK.tripTemperature;
      if (tripT <= throttleT) err(`${path}.trip_temperature`, 'expected a trip temperature above the throttle temperature');
      const cduId = cooling === Cooling.Air ? undefined : spec?.cdu ?? row.cdu;
      if (cooling !== Cooling.Air && cduId === undefined) err(path, `rack ${id} is liquid-cooled: expected a "cdu" on the rack or its row`);
      // Where this rack's coolant flow was stated, for a design check that must name it.
      const flowField = spec?.flow_per_power !== undefined ? `${path}.flow_per_power` : type.flow_per_power !== undefined ? `rack_types.${typeId}.flow_per_power` : `${path} (default flow_per_power)`;
      rackDrafts.push({
        flowField,
        id, row: row.id, rowIndex: ri, slot: i, cooling, cduId, gpus: pick('gpus') ?? RACK.gpus,
        power, idle, lf, flow, capacity, rate: flow * tcs.density * tcs.cp,
        throttleT, tripT,
        throttleFraction: pick('throttle_power_fraction') ?? RACK.throttlePowerFraction,
        hysteresis: pick('throttle_hysteresis') ?? RACK.throttleHysteresis,
        inletThrottle: pick('inlet_throttle') ?? RACK.inletThrottle,
        inletTrip: pick('inlet_trip') ?? RACK.inletTrip,
        restartDelay: restartDelay(pick('restart_after')),
        load: pick('load') ?? 1,
        split: splitOf(pick('power_split')),
        path,
        ...(door ? { door } : {}),
      });
    }
  });
  return rackDrafts;
}

const splitOf = (s: RackTypeSpec['power_split']): RackDraft['split'] => (s ? [s.gpu, s.cpu ?? 0, s.memory ?? 0, s.network ?? 0] : null);

/** The rack arrays from drafts already ordered by CDU; load expressions compiled once per distinct text. */
export function compileRacks(order: RackDraft[], cduIndex: Map<string, number>, err: Err): { racks: Racks; loadExprs: ((t: number) => number)[] } {
  const exprIndex = new Map<string, number>();
  const loadExprs: ((t: number) => number)[] = [];
  const exprOf = (src: string, path: string): number => {
    const known = exprIndex.get(src);
    if (known !== undefined) return known;
    const c = compileProfile(src, 0, 1.5, `${path}.load`);
    if (!c.ok) { err(`${path}.load`, c.message); return -1; }
    loadExprs.push(c.fn);
    exprIndex.set(src, loadExprs.length - 1);
    return loadExprs.length - 1;
  };

  const n = order.length;
  const racks: Racks = {
    n, ids: order.map((r) => r.id), rows: order.map((r) => r.row),
    rowIndex: Int32Array.from(order, (r) => r.rowIndex), slot: Int32Array.from(order, (r) => r.slot),
    cooling: Uint8Array.from(order, (r) => r.cooling),
    cdu: Int32Array.from(order, (r) => (r.cduId !== undefined ? cduIndex.get(r.cduId) ?? -1 : -1)),
    gpus: Int32Array.from(order, (r) => r.gpus),
    designPower: Float64Array.from(order, (r) => r.power), idlePower: Float64Array.from(order, (r) => r.idle),
    liquidFraction: Float64Array.from(order, (r) => r.lf), flowShare: new Float64Array(n),
    designFlow: Float64Array.from(order, (r) => r.flow), capacity: Float64Array.from(order, (r) => r.capacity),
    throttleT: Float64Array.from(order, (r) => r.throttleT), tripT: Float64Array.from(order, (r) => r.tripT),
    throttleFraction: Float64Array.from(order, (r) => r.throttleFraction), hysteresis: Float64Array.from(order, (r) => r.hysteresis),
    inletThrottle: Float64Array.from(order, (r) => r.inletThrottle), inletTrip: Float64Array.from(order, (r) => r.inletTrip),
    load: Float64Array.from(order, (r) => (typeof r.load === 'number' ? r.load : 0)),
    loadExpr: Int32Array.from(order, (r) => (typeof r.load === 'string' ? exprOf(r.load, r.path) : -1)),
    powerSplit: order.some((r) => r.split) ? Float64Array.from(order.flatMap((r) => r.split ?? [1, 0, 0, 0])) : null,
    state: new Uint8Array(n), powered: new Uint8Array(n).fill(1), everThrottled: new Uint8Array(n), everTripped: new Uint8Array(n), failed: new Uint8Array(n),
    cap: new Float64Array(n).fill(1),
    restartDelay: Float64Array.from(order, (r) => r.restartDelay), restartAt: new Float64Array(n).fill(NaN),
  };
  return { racks, loadExprs };
}

/** How rack r fails: its GPUs shut down, as at the trip temperature. */
export function rackFailure(racks: Racks, r: number): Failable {
  const id = racks.ids[r]!;
  return {
    id,
    fail: (x) => { racks.state[r] = RackState.Tripped; racks.failed[r] = 1; x.alarm('major', id, 'failure', `${id} failed`); },
    repair: (x) => { racks.state[r] = RackState.Normal; racks.failed[r] = 0; x.alarm('info', id, 'repaired', `${id} back in service`); },
  };
}

/**
 * `<rack>.load`, `<row>.load` and `<hall>.load`. A load expression is compiled here, at load time, into the
 * plant's list the solver reads.
 */
export function loadSettables(racks: Racks, loadExprs: ((t: number) => number)[], hallId: string): [string, Settable][] {
  const setLoad = (members: number[]) => (v: number | string, field: string): Action => {
    let idx = -1;
    if (typeof v === 'string') {
      const c = compileProfile(v, 0, 1.5, field);
      if (!c.ok) throw new Error(c.message);
      loadExprs.push(c.fn);
      idx = loadExprs.length - 1;
    }
    return () => { for (const r of members) { racks.loadExpr[r] = idx; if (idx < 0) racks.load[r] = v as number; } };
  };
  const load = (members: number[]): Settable => ({ schema: LOAD_SETTABLE, apply: setLoad(members) });
  const out: [string, Settable][] = [];
  const byRow = new Map<string, number[]>();
  for (let r = 0; r < racks.n; r++) {
    out.push([`${racks.ids[r]}.load`, load([r])]);
    (byRow.get(racks.rows[r]!) ?? byRow.set(racks.rows[r]!, []).get(racks.rows[r]!)!).push(r);
  }
  for (const [row, members] of byRow) if (row !== 'immersion') out.push([`${row}.load`, load(members)]);
  out.push([`${hallId}.load`, load(Array.from({ length: racks.n }, (_, i) => i))]);
  return out;
}

/** Probes of rack r (its node is r in the state vector). */
export function rackProbes(racks: Racks, r: number, state: ThermalState): Map<string, Reader> {
  return new Map<string, Reader>([
    ['temperature', temperatureReader(() => state.T[r]!)],
    ['inlet', temperatureReader(() => state.zoneInlet[state.rackZone[r]!]!)],
    ['power', powerReader(() => state.qIt[r]!)],
    ['state', { unit: '0 normal, 1 throttled, 2 tripped', read: () => racks.state[r]! }],
  ]);
}

const STATE_NAME = ['normal', 'throttled', 'tripped'];

/** Rack (or immersion tank) r at the end of the run. */
export function rackFinal(racks: Racks, r: number, state: ThermalState): FinalState {
  return {
    kind: racks.cooling[r] === Cooling.Immersion ? 'immersion_tank' : 'rack',
    state: racks.powered[r] ? STATE_NAME[racks.state[r]!]! : 'unpowered',
    temperature_c: toC(racks.cooling[r] === Cooling.Air ? state.zoneInlet[state.rackZone[r]!]! : state.T[r]!),
    power_kw: r3(state.qIt[r]! / 1000),
  };
}
