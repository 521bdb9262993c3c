/**
 * The CDU compiled: one entry per unit in structure-of-arrays form (the solver's fused loops read these),
 * how its pumps and exchanger are sized, how it fails, what an event may set on it, its probes and its
 * final state. Immersion-tank exchangers are CDUs too (immersion-tank/tank.ts drafts them).
 */
import type { PumpSet } from '../../physics/hydraulics';
import { sizePumps } from '../../physics/hydraulics';
import { uaForApproach } from '../../physics/hx';
import type { Racks } from '../rack/rack';
import type { RearDoors } from '../rear-door/rear-door';
import type { Failable, ActionContext, Settable, ThermalState, Reader, FinalState } from '../contract';
import { setNumber, temperatureReader, powerReader, toC, r3 } from '../contract';
import { CDU, CDU_SETTABLE, type CduSpec } from './schema';

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
  /** Identical units on the CDU's shared header, those in service, those the design needs, pumps per unit. */
  unitCount: Int32Array;
  unitsHealthy: Int32Array;
  unitsRequired: Int32Array;
  pumpsPerUnit: Int32Array;
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

/** A CDU's parameters resolved from its spec and defaults, before racks are ordered and it is sized. */
export interface CduDraft {
  id: string;
  path: string;
  supplySetpoint: number;
  flowSetpoint: number;
  density: number;
  cp: number;
  capacity: number | undefined;
  designApproach: number;
  ua: number | undefined;
  fwsFlow: number | undefined;
  loopVolume: number;
  fouling: number;
  pumps: number;
  required: number;
  designHead: number;
  shutoffRatio: number;
  efficiency: number;
  /** Flow the required pumps give at design head; undefined: the racks' design flow. */
  ratedFlow: number | undefined;
  /** Units on the shared header and how many the design needs; `pumps`/`required` count all units' pumps. */
  units: number;
  unitsRequired: number;
  immersion: boolean;
}

type Err = (path: string, message: string) => void;

/** A CDU of `cdus[i]` on the TCS fluid. */
export function draftCdu(c: CduSpec, i: number, tcs: { density: number; cp: number }, err: Err): CduDraft {
  const required = c.pumps?.required ?? CDU.pumpsRequired;
  const count = c.pumps?.count ?? required + 1;
  if (required > count) err(`cdus[${i}].pumps.required`, `expected at most pumps.count (${count}), found ${required}`);
  const units = c.units?.count ?? 1;
  const unitsRequired = c.units?.required ?? units;
  if (unitsRequired > units) err(`cdus[${i}].units.required`, `expected at most units.count (${units}), found ${unitsRequired}`);
  return {
    id: c.id, path: `cdus[${i}]`, supplySetpoint: c.supply_setpoint ?? CDU.supplySetpoint, flowSetpoint: c.flow_setpoint ?? 1,
    density: tcs.density, cp: tcs.cp, capacity: c.capacity, designApproach: c.design_approach ?? CDU.designApproach,
    ua: c.ua, fwsFlow: c.fws_flow, loopVolume: c.loop_volume ?? CDU.loopVolume, fouling: c.fouling ?? 0,
    // Every unit's pumps in one parallel set: the design flow comes from the required units' duty pumps.
    pumps: count * units, required: required * unitsRequired, units, unitsRequired, designHead: c.pumps?.design_head ?? CDU.designHead,
    shutoffRatio: c.pumps?.shutoff_ratio ?? CDU.shutoffRatio, efficiency: c.pumps?.efficiency ?? CDU.pumpEfficiency, ratedFlow: c.pumps?.rated_flow, immersion: false,
  };
}

/**
 * Each CDU's design flow, the sum of its racks' and of the rear doors on its loop, and each one's share of
 * it (the loop's flow splits among its branches in those proportions).
 */
export function shareCduFlow(cdus: Cdus, racks: Racks, doors: RearDoors): void {
  for (let c = 0; c < cdus.n; c++) {
    let flow = 0;
    for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) flow += racks.designFlow[r]!;
    cdus.designFlow[c] = flow;
  }
  for (let i = 0; i < doors.n; i++) { const c = doors.cdu[i]!; if (c >= 0) cdus.designFlow[c]! += doors.waterFlow[i]!; }
  for (let c = 0; c < cdus.n; c++) {
    const flow = cdus.designFlow[c]!;
    for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) racks.flowShare[r] = flow > 0 ? racks.designFlow[r]! / flow : 0;
  }
  for (let i = 0; i < doors.n; i++) { const c = doors.cdu[i]!; doors.flowShare[i] = c >= 0 && cdus.designFlow[c]! > 0 ? doors.waterFlow[i]! / cdus.designFlow[c]! : 0; }
}

/**
 * The CDU arrays over racks already ordered by CDU: each CDU's rack range, its design flow (its racks' and
 * its rear doors'), the flow shares, the exchanger UA for the design approach and the pump set. The default
 * capacity is the racks' liquid heat plus the rated duty of the doors on its loop.
 */
export function compileCdus(drafts: CduDraft[], racks: Racks, doors: RearDoors, fwsFluid: { density: number; cp: number }, err: Err, warn: (m: string) => void): Cdus {
  const n = racks.n;
  const m = drafts.length;
  const cdus: Cdus = {
    n: m, ids: drafts.map((c) => c.id), rackStart: new Int32Array(m), rackEnd: new Int32Array(m),
    supplySetpoint: Float64Array.from(drafts, (c) => c.supplySetpoint), flowSetpoint: Float64Array.from(drafts, (c) => c.flowSetpoint),
    designFlow: new Float64Array(m), density: Float64Array.from(drafts, (c) => c.density), cp: Float64Array.from(drafts, (c) => c.cp),
    uaClean: new Float64Array(m), fouling: Float64Array.from(drafts, (c) => c.fouling), fwsRate: new Float64Array(m),
    capacity: new Float64Array(m), loopCapacity: Float64Array.from(drafts, (c) => c.loopVolume * c.density * c.cp),
    pumps: [], unitCount: Int32Array.from(drafts, (c) => c.units), unitsHealthy: Int32Array.from(drafts, (c) => c.units),
    unitsRequired: Int32Array.from(drafts, (c) => c.unitsRequired), pumpsPerUnit: Int32Array.from(drafts, (c) => c.pumps / c.units),
    pumpCount: Int32Array.from(drafts, (c) => c.pumps), pumpsHealthy: Int32Array.from(drafts, (c) => c.pumps),
    pumpsRequired: Int32Array.from(drafts, (c) => c.required), pumpEfficiency: Float64Array.from(drafts, (c) => c.efficiency),
    failed: new Uint8Array(m), powered: new Uint8Array(m).fill(1), immersion: Uint8Array.from(drafts, (c) => (c.immersion ? 1 : 0)),
    flow: new Float64Array(m), rate: new Float64Array(m), hxK: new Float64Array(m), pumpPower: new Float64Array(m),
  };
  cdus.rackStart.fill(n);
  cdus.rackEnd.fill(n);
  for (let c = m - 1; c >= 0; c--) {
    let start = -1, end = -1;
    for (let r = 0; r < n; r++) if (racks.cdu[r] === c) { if (start < 0) start = r; end = r + 1; }
    if (start >= 0) { cdus.rackStart[c] = start; cdus.rackEnd[c] = end; } else { cdus.rackStart[c] = 0; cdus.rackEnd[c] = 0; }
  }
  shareCduFlow(cdus, racks, doors);
  const doorHeat = new Float64Array(m);
  for (let d = 0; d < doors.n; d++) if (doors.cdu[d]! >= 0) doorHeat[doors.cdu[d]!]! += doors.duty[d]!;
  drafts.forEach((c, i) => {
    let liquidHeat = doorHeat[i]!;
    for (let r = cdus.rackStart[i]!; r < cdus.rackEnd[i]!; r++) liquidHeat += racks.designPower[r]! * racks.liquidFraction[r]!;
    const flow = cdus.designFlow[i]!;
    const rate = flow * c.density * c.cp;
    // The exchanger and pumps are sized at the set's rated flow when stated (pumps bought for more racks
    // than are installed), else at the racks' design flow.
    const sizing = c.ratedFlow !== undefined ? c.ratedFlow * c.density * c.cp : rate;
    const capacity = c.capacity ?? liquidHeat;
    cdus.capacity[i] = capacity;
    const fwsRate = c.fwsFlow !== undefined ? c.fwsFlow * fwsFluid.density * fwsFluid.cp : sizing;
    cdus.fwsRate[i] = fwsRate;
    if (flow === 0 && c.ratedFlow === undefined) {
      warn(`${c.path}: CDU ${c.id} feeds no rack`);
      cdus.pumps.push({ h0: 1, k: 0, r: 1 });
      return;
    }
    let ua = c.ua;
    if (ua === undefined) {
      // Sized so the required units meet the design approach; every unit carries an equal share.
      ua = (uaForApproach(capacity, c.designApproach, sizing, fwsRate) * c.units) / c.unitsRequired;
      if (!Number.isFinite(ua)) {
        err(`${c.path}.design_approach`, `the exchanger cannot deliver ${Math.round(capacity / 1000)} kW with a ${c.designApproach} K approach at these flows; give a larger approach or "ua"`);
        ua = 0;
      }
    }
    cdus.uaClean[i] = ua;
    cdus.pumps.push(sizePumps(c.ratedFlow ?? flow, c.designHead, c.required, c.shutoffRatio));
  });
  return cdus;
}

/**
 * How CDU c fails: the whole unit (controls, exchanger: no flow, no heat transfer), one pump of its set
 * (reliability class `pump`, one unit per pump), or "a pump" (`fail: <cdu>, part: pump`).
 */
export function cduFailures(cdus: Cdus, c: number): { unit: Failable; pumps: Failable[]; anyPump: Failable; units: Failable[]; anyUnit: Failable | null } {
  const id = cdus.ids[c]!;
  const unit: Failable = {
    id,
    fail: (x) => { cdus.failed[c] = 1; x.hydraulicsChanged = true; x.alarm('major', id, 'failure', `${id} failed: no flow, no heat transfer`); },
    repair: (x) => { cdus.failed[c] = 0; x.hydraulicsChanged = true; x.alarm('info', id, 'repaired', `${id} back in service`); },
  };
  const pumpChange = (x: ActionContext, d: number) => {
    const h = Math.max(0, Math.min(cdus.pumpCount[c]!, cdus.pumpsHealthy[c]! + d));
    if (h === cdus.pumpsHealthy[c]) return;
    cdus.pumpsHealthy[c] = h;
    x.hydraulicsChanged = true;
    x.alarm(d < 0 ? 'major' : 'info', id, d < 0 ? 'pump_failure' : 'pump_repaired',
      `${id}: ${h} of ${cdus.pumpCount[c]} pumps running (${cdus.pumpsRequired[c]} needed for design flow)`);
  };
  const pumps: Failable[] = [];
  for (let p = 0; p < cdus.pumpCount[c]!; p++) pumps.push({ id: `${id}.pump${p + 1}`, fail: (x) => pumpChange(x, -1), repair: (x) => pumpChange(x, +1) });
  // One unit of a CDU's shared-header set: its pumps leave the set and its share of the exchanger is lost.
  // The set is a pool: a unit out takes pumps_per_unit of those running (a pump already out counts in it).
  const unitChange = (x: ActionContext, d: number) => {
    const h = Math.max(0, Math.min(cdus.unitCount[c]!, cdus.unitsHealthy[c]! + d));
    if (h === cdus.unitsHealthy[c]) return;
    cdus.unitsHealthy[c] = h;
    cdus.pumpsHealthy[c] = Math.max(0, Math.min(cdus.pumpCount[c]!, cdus.pumpsHealthy[c]! + d * cdus.pumpsPerUnit[c]!));
    x.hydraulicsChanged = true;
    x.alarm(d < 0 ? 'major' : 'info', id, d < 0 ? 'cdu_unit_failure' : 'cdu_unit_repaired',
      `${id}: ${h} of ${cdus.unitCount[c]} units in service (${cdus.unitsRequired[c]} needed for the design load)`);
  };
  const units: Failable[] = [];
  if (cdus.unitCount[c]! > 1) for (let u = 0; u < cdus.unitCount[c]!; u++) units.push({ id: `${id}.unit${u + 1}`, fail: (x) => unitChange(x, -1), repair: (x) => unitChange(x, +1) });
  return {
    unit, pumps, anyPump: { id: `${id}.pump`, fail: (x) => pumpChange(x, -1), repair: (x) => pumpChange(x, +1) },
    units, anyUnit: cdus.unitCount[c]! > 1 ? { id: `${id}.unit`, fail: (x) => unitChange(x, -1), repair: (x) => unitChange(x, +1) } : null,
  };
}

/** What an event may set on CDU c, by `<cdu>.<parameter>`. */
export function cduSettables(cdus: Cdus, c: number): [string, Settable][] {
  const id = cdus.ids[c]!;
  return [
    [`${id}.supply_setpoint`, { schema: CDU_SETTABLE.supply_setpoint, apply: setNumber((v) => () => { cdus.supplySetpoint[c] = v; }) }],
    [`${id}.flow_setpoint`, { schema: CDU_SETTABLE.flow_setpoint, apply: setNumber((v) => (x) => { cdus.flowSetpoint[c] = v; x.hydraulicsChanged = true; }) }],
    [`${id}.fouling`, { schema: CDU_SETTABLE.fouling, apply: setNumber((v) => (x) => { cdus.fouling[c] = v; x.hydraulicsChanged = true; }) }],
  ];
}

/** Probes of CDU c; `node` is its return (loop) node in the state vector. */
export function cduProbes(cdus: Cdus, c: number, node: number, state: ThermalState): Map<string, Reader> {
  return new Map<string, Reader>([
    ['supply', temperatureReader(() => state.cduSupply[c]!)],
    ['return', temperatureReader(() => state.T[node]!)],
    ['flow', { unit: 'L/s', read: () => cdus.flow[c]! * 1000 }],
    ['heat', powerReader(() => state.cduHeat[c]!)],
    ['pump_power', powerReader(() => cdus.pumpPower[c]!)],
  ]);
}

/** CDU c at the end of the run; `node` is its return node. */
export function cduFinal(cdus: Cdus, c: number, node: number, state: ThermalState): FinalState {
  return {
    kind: cdus.immersion[c] ? 'tank_exchanger' : 'cdu',
    state: cdus.failed[c] || cdus.unitsHealthy[c] === 0 ? 'failed' : cdus.pumpsHealthy[c]! < cdus.pumpCount[c]! || cdus.unitsHealthy[c]! < cdus.unitCount[c]! ? 'degraded' : 'normal',
    supply_c: toC(state.cduSupply[c]!), return_c: toC(state.T[node]!),
    flow_l_s: r3(cdus.flow[c]! * 1000), heat_kw: r3(state.cduHeat[c]! / 1000),
    pumps_running: cdus.failed[c] ? 0 : cdus.pumpsHealthy[c]!, pump_power_kw: r3(cdus.pumpPower[c]! / 1000),
    ...(cdus.unitCount[c]! > 1 ? { units_in_service: cdus.failed[c] ? 0 : cdus.unitsHealthy[c]! } : {}),
  };
}
