/**
 * What scenario events can do to the plant — fail, repair, change a setpoint or a load — resolved from
 * ids once at compile time into small closures, with errors that point at the event's field. Each
 * component kind says how it fails and what may be set on it (sim/components/<kind>/); this file
 * gathers them by id and reliability class.
 */
import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/issues';
import type { Plant } from './types';
import { SETTABLE } from '../scenario/schema';
import type { Action, Settable } from '../components/contract';
import { setNumber } from '../components/contract';
import { rackFailure, loadSettables } from '../components/rack/rack';
import { cduFailures, cduSettables } from '../components/cdu/cdu';
import { crahFailure, hallSettables } from '../components/crah/crah';
import { chillerFailure } from '../components/chiller/chiller';
import { freeCoolerFailure } from '../components/free-cooler/free-cooler';
import { rearDoorFailure } from '../components/rear-door/rear-door';
import { heatRecoveryFailure } from '../components/heat-recovery/heat-recovery';

export type { ActionContext, Action } from '../components/contract';

export interface FailRepair {
  id: string;
  /** Reliability class (`reliability[].target` may name it): cdu, pump, crah, chiller, free_cooling, rack, or a power class. */
  cls: string;
  fail: Action;
  repair: Action;
}

/** Failable units by id (what events name) and by reliability class (what MTBF/MTTR sampling iterates). */
export interface FailableUnits { byId: Map<string, FailRepair>; byClass: Map<string, FailRepair[]> }

/** One failable unit per component (and per pump), used by scenario events and by MTBF/MTTR sampling. */
export function failableUnits(plant: Plant): FailableUnits {
  const byId = new Map<string, FailRepair>();
  const byClass = new Map<string, FailRepair[]>();
  const add = (cls: string, u: Omit<FailRepair, 'cls'>, withId = true) => {
    const unit = { ...u, cls };
    if (withId) byId.set(u.id, unit);
    (byClass.get(cls) ?? byClass.set(cls, []).get(cls)!).push(unit);
  };
  const { racks, cdus, crahs, chillers, freeCoolers } = plant;
  for (let c = 0; c < cdus.n; c++) {
    const { unit, pumps, anyPump, units, anyUnit } = cduFailures(cdus, c);
    // A CDU of several units: the units are what fails (class cdu_unit); the set as a whole failing is its
    // shared header or controls, a passive single point of its own (class cdu_header).
    add(cdus.unitCount[c]! > 1 ? 'cdu_header' : 'cdu', unit);
    for (const p of pumps) add('pump', p, false);
    byId.set(anyPump.id, { ...anyPump, cls: 'pump' });
    for (const u of units) add('cdu_unit', u, false);
    if (anyUnit) byId.set(anyUnit.id, { ...anyUnit, cls: 'cdu_unit' });
  }
  for (let i = 0; i < crahs.n; i++) add('crah', crahFailure(crahs, i));
  for (const ch of chillers) add('chiller', chillerFailure(ch));
  for (const f of freeCoolers) add('free_cooling', freeCoolerFailure(f));
  if (plant.heatRecovery) add('heat_recovery', heatRecoveryFailure(plant.heatRecovery));
  for (let r = 0; r < racks.n; r++) add('rack', rackFailure(racks, r));
  // A door is named `<rack>, part: door` in events (its key `<rack>.door`).
  for (let i = 0; i < plant.doors.n; i++) add('rear_door', rearDoorFailure(plant.doors, i));
  return { byId, byClass };
}

function settables(plant: Plant): Map<string, Settable> {
  const { cdus, racks, hall, fws } = plant;
  const m = new Map<string, Settable>();
  for (let c = 0; c < cdus.n; c++) for (const [k, v] of cduSettables(cdus, c)) m.set(k, v);
  m.set('plant.supply_setpoint', { schema: SETTABLE.plant.supply_setpoint, apply: setNumber((v) => () => { fws.supplySetpoint = v; }) });
  for (const [k, v] of hallSettables(hall)) m.set(k, v);
  for (const [k, v] of loadSettables(racks, plant.loadExprs, hall.id)) m.set(k, v);
  return m;
}

export interface CompiledEvent { at: number; order: number; action: Action }

/** Fail/repair entry points of the power chain, when the scenario has one. */
export interface PowerTargets {
  has(id: string): boolean;
  /** Why `part` cannot go with power id `id` in an event, or null. */
  partError(id: string, part: string | undefined): string | null;
  fail(id: string, t: number, part?: string): boolean;
  repair(id: string, t: number, part?: string): boolean;
  readonly utilityIds: string[];
  /** Failable power units with their reliability class (utility, generator, bus, ups, ups_module, distribution, feed, bess). */
  units(): { id: string; cls: string; part?: string; key?: string }[];
}

/** What `job: pause|resume` events reach, when the scenario has a workload. */
export interface JobTargets {
  hasJob(id: string): boolean;
  pause(id: string, t: number): void;
  resume(id: string, t: number): void;
}

export function compileEvents(s: Scenario, plant: Plant, power?: PowerTargets, jobs?: JobTargets): { events: CompiledEvent[]; units: FailableUnits; errors: ScenarioIssue[] } {
  const errors: ScenarioIssue[] = [];
  const units = failableUnits(plant);
  // Power units join the same registry, so MTBF/MTTR sampling covers utilities, generators, UPS modules, …
  for (const u of power?.units() ?? []) {
    const fr: FailRepair = { id: u.key ?? u.id, cls: u.cls, fail: (x) => { power!.fail(u.id, x.t, u.part); }, repair: (x) => { power!.repair(u.id, x.t, u.part); } };
    if (!u.part) units.byId.set(u.id, fr);
    (units.byClass.get(u.cls) ?? units.byClass.set(u.cls, []).get(u.cls)!).push(fr);
  }
  const sets = settables(plant);
  const events: CompiledEvent[] = [];
  (s.events ?? []).forEach((e, i) => {
    const path = `events[${i}]`;
    const verbs = [e.fail !== undefined, e.repair !== undefined, e.set !== undefined, e.utility !== undefined, e.job !== undefined].filter(Boolean).length;
    if (verbs !== 1) { errors.push({ path, message: 'expected exactly one of "fail", "repair", "set", "utility" or "job"' }); return; }
    if (e.job !== undefined) {
      if (!jobs) { errors.push({ path: `${path}.job`, message: 'a job event needs a "workload" section with jobs' }); return; }
      if (e.target === undefined) { errors.push({ path: `${path}.target`, message: `expected the id of a job in workload.jobs to ${e.job}` }); return; }
      if (!jobs.hasJob(e.target)) { errors.push({ path: `${path}.target`, message: `expected the id of a job in workload.jobs, found "${e.target}"` }); return; }
      const id = e.target, pause = e.job === 'pause';
      events.push({ at: e.at, order: i, action: (x) => { (pause ? jobs.pause(id, x.t) : jobs.resume(id, x.t)); } });
      return;
    }
    if (e.utility !== undefined) {
      if (!power) { errors.push({ path: `${path}.utility`, message: 'a utility event needs a "power" section with utilities' }); return; }
      const ids = e.target !== undefined ? [e.target] : power.utilityIds;
      if (e.target !== undefined && !power.utilityIds.includes(e.target)) { errors.push({ path: `${path}.target`, message: `expected a utility id (${power.utilityIds.join(', ')}), found "${e.target}"` }); return; }
      const loss = e.utility === 'loss';
      events.push({ at: e.at, order: i, action: (x) => { for (const u of ids) (loss ? power.fail(u, x.t) : power.repair(u, x.t)); } });
      return;
    }
    if (e.fail !== undefined || e.repair !== undefined) {
      const target = (e.fail ?? e.repair)!;
      if (power?.has(target)) {
        const bad = power.partError(target, e.part);
        if (bad) { errors.push({ path: `${path}.part`, message: bad }); return; }
        const part = e.part;
        const times = e.count ?? 1;
        const isFail = e.fail !== undefined;
        events.push({ at: e.at, order: i, action: (x) => { for (let k = 0; k < times; k++) (isFail ? power.fail(target, x.t, part) : power.repair(target, x.t, part)); } });
        return;
      }
      if (e.part === 'a' || e.part === 'b' || e.part === 'module') {
        errors.push({ path: `${path}.part`, message: `part: ${e.part} names ${e.part === 'module' ? 'a UPS module' : 'a path of a power feed'}; "${target}" is not ${e.part === 'module' ? 'a UPS' : 'a feed'}` });
        return;
      }
      const key = e.part === 'pump' ? `${target}.pump` : e.part === 'unit' ? `${target}.unit` : e.part === 'door' ? `${target}.door` : target;
      const u = units.byId.get(key);
      if (!u) {
        errors.push({ path: `${path}.${e.fail !== undefined ? 'fail' : 'repair'}`, message: `expected the id of a component that can ${e.fail !== undefined ? 'fail' : 'be repaired'}${e.part === 'pump' ? ' (a CDU, with part: pump)' : e.part === 'unit' ? ' (a CDU of more than one unit, with part: unit)' : e.part === 'door' ? ' (a rack with a rear door, with part: door)' : ''}, found "${target}"` });
        return;
      }
      const times = e.count ?? 1;
      const act = e.fail !== undefined ? u.fail : u.repair;
      events.push({ at: e.at, order: i, action: (x) => { for (let k = 0; k < times; k++) act(x); } });
      return;
    }
    const st = sets.get(e.set!);
    if (!st) {
      errors.push({ path: `${path}.set`, message: `expected "<component>.<parameter>" naming a settable parameter (e.g. ${[...sets.keys()].slice(0, 4).join(', ')}), found "${e.set}"` });
      return;
    }
    if (e.value === undefined) { errors.push({ path: `${path}.value`, message: `expected a value for ${e.set}` }); return; }
    const checked = st.schema.safeParse(e.value);
    if (!checked.success) {
      const m = checked.error.issues[0]?.message ?? 'invalid value';
      errors.push({ path: `${path}.value`, message: /found/.test(m) ? m : `${m.replace(/^[^:]*: /, '')} for ${e.set}, found ${JSON.stringify(e.value)}` });
      return;
    }
    let action: Action;
    try { action = st.apply(checked.data, `${path}.value`); }
    catch (err) { errors.push({ path: `${path}.value`, message: (err as Error).message }); return; }
    events.push({ at: e.at, order: i, action });
  });
  (s.reliability ?? []).forEach((rel, i) => {
    if (!units.byId.has(rel.target) && !units.byClass.has(rel.target))
      errors.push({ path: `reliability[${i}].target`, message: `expected a component id or a class (${[...units.byClass.keys()].join(', ')}), found "${rel.target}"` });
  });
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  return { events, units, errors };
}
