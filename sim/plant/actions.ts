/**
 * What scenario events can do to the plant — fail, repair, change a setpoint or a load — resolved from
 * ids once at compile time into small closures, with errors that point at the event's field.
 */
import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/issues';
import type { Plant } from './types';
import { RackState } from './types';
import type { z } from 'zod';
import { SETTABLE } from '../scenario/schema';
import { compileProfile } from '../scenario/profile';

/** Effects an action has beyond the plant arrays, reported back to the run. */
export interface ActionContext {
  t: number;
  /** Flows or exchanger parameters changed: recompute hydraulics. */
  hydraulicsChanged: boolean;
  alarm(severity: 'info' | 'major', component: string, kind: string, message: string): void;
  /** Ask for a callback at time t (chiller back on line after its restart delay). */
  at(t: number, what: () => void): void;
}

export type Action = (ctx: ActionContext) => void;

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
    const id = cdus.ids[c]!;
    add('cdu', {
      id,
      fail: (x) => { cdus.failed[c] = 1; x.hydraulicsChanged = true; x.alarm('major', id, 'failure', `${id} failed: no flow, no heat transfer`); },
      repair: (x) => { cdus.failed[c] = 0; x.hydraulicsChanged = true; x.alarm('info', id, 'repaired', `${id} back in service`); },
    });
    for (let p = 0; p < cdus.pumpCount[c]!; p++) {
      add('pump', {
        id: `${id}.pump${p + 1}`,
        fail: (x) => pumpChange(x, -1), repair: (x) => pumpChange(x, +1),
      }, false);
    }
    const pumpChange = (x: ActionContext, d: number) => {
      const h = Math.max(0, Math.min(cdus.pumpCount[c]!, cdus.pumpsHealthy[c]! + d));
      if (h === cdus.pumpsHealthy[c]) return;
      cdus.pumpsHealthy[c] = h;
      x.hydraulicsChanged = true;
      x.alarm(d < 0 ? 'major' : 'info', id, d < 0 ? 'pump_failure' : 'pump_repaired',
        `${id}: ${h} of ${cdus.pumpCount[c]} pumps running (${cdus.pumpsRequired[c]} needed for design flow)`);
    };
    byId.set(`${id}.pump`, { id: `${id}.pump`, cls: 'pump', fail: (x) => pumpChange(x, -1), repair: (x) => pumpChange(x, +1) });
  }
  for (let i = 0; i < crahs.n; i++) {
    const id = crahs.ids[i]!;
    add('crah', {
      id,
      fail: (x) => { crahs.failed[i] = 1; x.alarm('major', id, 'failure', `${id} failed`); },
      repair: (x) => { crahs.failed[i] = 0; x.alarm('info', id, 'repaired', `${id} back in service`); },
    });
  }
  for (const ch of chillers) {
    add('chiller', {
      id: ch.id,
      fail: (x) => { ch.failed = true; x.alarm('major', ch.id, 'failure', `${ch.id} tripped`); },
      repair: (x) => {
        if (!ch.failed) return;
        ch.failed = false;
        ch.availableAt = x.t + ch.restartDelay;
        x.alarm('info', ch.id, 'repaired', `${ch.id} restarting: cooling in ${ch.restartDelay} s`);
        x.at(ch.availableAt, () => x.alarm('info', ch.id, 'online', `${ch.id} cooling again`));
      },
    });
  }
  for (const f of freeCoolers) {
    add('free_cooling', {
      id: f.id,
      fail: (x) => { f.failed = true; x.alarm('major', f.id, 'failure', `${f.id} failed`); },
      repair: (x) => { f.failed = false; x.alarm('info', f.id, 'repaired', `${f.id} back in service`); },
    });
  }
  for (let r = 0; r < racks.n; r++) {
    const id = racks.ids[r]!;
    add('rack', {
      id,
      fail: (x) => { racks.state[r] = RackState.Tripped; x.alarm('major', id, 'failure', `${id} failed`); },
      repair: (x) => { racks.state[r] = RackState.Normal; x.alarm('info', id, 'repaired', `${id} back in service`); },
    });
  }
  return { byId, byClass };
}

/** A parameter an event can set: the schema of the field it sets, and how to apply a checked value. */
interface Settable { schema: z.ZodType<number | string>; apply: (v: number | string, field: string) => Action }

function settables(plant: Plant): Map<string, Settable> {
  const m = new Map<string, Settable>();
  const { cdus, racks, hall, fws } = plant;
  const num = (f: (v: number) => Action) => (v: number | string) => f(v as number);
  for (let c = 0; c < cdus.n; c++) {
    const id = cdus.ids[c]!;
    m.set(`${id}.supply_setpoint`, { schema: SETTABLE.cdu.supply_setpoint, apply: num((v) => () => { cdus.supplySetpoint[c] = v; }) });
    m.set(`${id}.flow_setpoint`, { schema: SETTABLE.cdu.flow_setpoint, apply: num((v) => (x) => { cdus.flowSetpoint[c] = v; x.hydraulicsChanged = true; }) });
    m.set(`${id}.fouling`, { schema: SETTABLE.cdu.fouling, apply: num((v) => (x) => { cdus.fouling[c] = v; x.hydraulicsChanged = true; }) });
  }
  m.set('plant.supply_setpoint', { schema: SETTABLE.plant.supply_setpoint, apply: num((v) => () => { fws.supplySetpoint = v; }) });
  m.set(`${hall.id}.air_setpoint`, { schema: SETTABLE.hall.air_setpoint, apply: num((v) => () => { hall.airSetpoint = v; }) });
  m.set(`${hall.id}.other_heat`, { schema: SETTABLE.hall.other_heat, apply: num((v) => () => { hall.otherHeat = v; }) });
  // A load expression is compiled here, at load time, into the plant's list the solver reads.
  const setLoad = (members: number[]) => (v: number | string, field: string): Action => {
    let idx = -1;
    if (typeof v === 'string') {
      const c = compileProfile(v, 0, 1.5, field);
      if (!c.ok) throw new Error(c.message);
      plant.loadExprs.push(c.fn);
      idx = plant.loadExprs.length - 1;
    }
    return () => { for (const r of members) { racks.loadExpr[r] = idx; if (idx < 0) racks.load[r] = v as number; } };
  };
  const load = (members: number[]): Settable => ({ schema: SETTABLE.load, apply: setLoad(members) });
  const byRow = new Map<string, number[]>();
  for (let r = 0; r < racks.n; r++) {
    m.set(`${racks.ids[r]}.load`, load([r]));
    (byRow.get(racks.rows[r]!) ?? byRow.set(racks.rows[r]!, []).get(racks.rows[r]!)!).push(r);
  }
  for (const [row, members] of byRow) if (row !== 'immersion') m.set(`${row}.load`, load(members));
  m.set(`${hall.id}.load`, load(Array.from({ length: racks.n }, (_, i) => i)));
  return m;
}

export interface CompiledEvent { at: number; order: number; action: Action }

/** Fail/repair entry points of the power chain, when the scenario has one. */
export interface PowerTargets {
  has(id: string): boolean;
  fail(id: string, t: number, part?: string): boolean;
  repair(id: string, t: number, part?: string): boolean;
  readonly utilityIds: string[];
  /** Failable power units with their reliability class (utility, generator, ups_module, distribution). */
  units(): { id: string; cls: string; part?: string; key?: string }[];
}

export function compileEvents(s: Scenario, plant: Plant, power?: PowerTargets): { events: CompiledEvent[]; units: FailableUnits; errors: ScenarioIssue[] } {
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
    const verbs = [e.fail !== undefined, e.repair !== undefined, e.set !== undefined, e.utility !== undefined].filter(Boolean).length;
    if (verbs !== 1) { errors.push({ path, message: 'expected exactly one of "fail", "repair", "set" or "utility"' }); return; }
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
        const part = e.part === 'module' ? 'module' : undefined;
        const times = e.count ?? 1;
        const isFail = e.fail !== undefined;
        events.push({ at: e.at, order: i, action: (x) => { for (let k = 0; k < times; k++) (isFail ? power.fail(target, x.t, part) : power.repair(target, x.t, part)); } });
        return;
      }
      const key = e.part === 'pump' ? `${target}.pump` : target;
      const u = units.byId.get(key);
      if (!u) {
        errors.push({ path: `${path}.${e.fail !== undefined ? 'fail' : 'repair'}`, message: `expected the id of a component that can ${e.fail !== undefined ? 'fail' : 'be repaired'}${e.part === 'pump' ? ' (a CDU, with part: pump)' : ''}, found "${target}"` });
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
