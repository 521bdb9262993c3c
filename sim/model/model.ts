/**
 * The compiled model: a checked scenario turned into everything a run reads — the plant's arrays, the
 * power chain, the workload with its drawn arrivals, the scenario events as closures, the failable units
 * by class — plus what hosts and analyses ask about it (the layout, the power-chain order). One
 * `compileModel` serves validation, the API, the CLI and the Simulation, so a file is compiled once per
 * run and validating it builds no kernel, solver or run.
 *
 * A model is one run's state, not a template: the plant's arrays, the chain's batteries and the jobs
 * change as the run goes, and the chain and workload schedule through the run that claims the model.
 * So a model is claimed by exactly one Simulation (a second claim throws); a second run compiles again.
 * Compiling is cheap next to running (tens of ms for the 1,024-rack hall, whose 6 h run takes seconds);
 * cloning every mutable array and rebinding the closures that capture them would be a second compile.
 * The workload's arrivals are drawn for a seed and an end time, so those two are compile inputs too.
 */
import type { Scenario } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/issues';
import { loadScenarioText, type LoadResult, type LoadedScenario } from '../scenario/load';
import type { Plant } from '../plant/types';
import { compilePlant } from '../plant/compile';
import { checkDrill } from './drill';
import { compileEvents, type CompiledEvent, type FailableUnits, type FailRepair } from '../plant/actions';
import { PowerChain, type PowerHooks } from '../power/chain';
import type { PowerElement } from '../power/topology';
import { Workload, type WorkloadHooks } from '../workload/workload';
import { describeLayout, type HallLayout } from './layout';

/** Run settings that shape the compiled model (the workload draws arrivals up to `until` from `seed`). */
export interface RunSettings {
  /** Overrides the scenario's seed. */
  seed?: number | undefined;
  /** End time, s (default: the scenario's duration, else 24 h). */
  until?: number | undefined;
}

/** Where a model's power chain and workload send what they schedule and raise: the run that claimed it. */
export interface RunHooks {
  power: PowerHooks;
  workload: WorkloadHooks;
}

export interface Model {
  readonly scenario: Scenario;
  /** Seed and end time the model was compiled for. */
  readonly seed: number;
  readonly end: number;
  readonly plant: Plant;
  readonly power: PowerChain | null;
  readonly workload: Workload | null;
  /** Scenario events, sorted by time then file order. */
  readonly events: readonly CompiledEvent[];
  /** Failable units by id and by reliability class. */
  readonly units: FailableUnits;
  /** Every failable unit once, with its reliability class (classes in the order they were found). */
  readonly failable: readonly FailRepair[];
  /** Power-chain elements: utilities, generators, buses, UPS, distribution (file order within each). */
  readonly powerOrder: readonly PowerElement[];
  readonly layout: HallLayout;
  /** Design warnings found while compiling (a rating below its healthy design load, …). */
  readonly warnings: readonly string[];
  /** Bind the model to the run that will own it; a model is claimed once. */
  claim(hooks: RunHooks): void;
}

export type ModelResult = { ok: true; model: Model } | { ok: false; errors: ScenarioIssue[] };

const DAY = 86_400;

/** Compile a schema-checked scenario; every cross-reference problem comes back with its field path. */
export function compileModel(scenario: Scenario, run: RunSettings = {}): ModelResult {
  const seed = run.seed ?? scenario.seed ?? 1;
  const end = run.until ?? scenario.duration ?? DAY;
  const compiled = compilePlant(scenario);
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const plant = compiled.plant;

  // Nothing calls back while compiling; afterwards everything goes to the run that claimed the model.
  let hooks: RunHooks | null = null;
  const owner = (): RunHooks => {
    if (!hooks) throw new Error('a compiled model was used before a Simulation claimed it');
    return hooks;
  };
  const powerHooks: PowerHooks = {
    later: (t, what) => owner().power.later(t, what),
    alarm: (...a) => owner().power.alarm(...a),
  };
  const workloadHooks: WorkloadHooks = {
    later: (t, what, priority) => owner().workload.later(t, what, priority),
    cancel: (h) => owner().workload.cancel(h),
    alarm: (...a) => owner().workload.alarm(...a),
  };

  let power: PowerChain | null = null;
  if (scenario.power) {
    const errors: ScenarioIssue[] = [];
    power = new PowerChain(scenario.power, plant, powerHooks, errors);
    if (errors.length) return { ok: false, errors };
  }
  let workload: Workload | null = null;
  if (scenario.workload) {
    const errors: ScenarioIssue[] = [];
    workload = new Workload(scenario.workload, plant, workloadHooks, seed, end, errors);
    if (errors.length) return { ok: false, errors };
  }
  // Events before any solver: a load event's expression joins the plant's list the solver sizes itself by.
  const ev = compileEvents(scenario, plant, power ?? undefined, workload ?? undefined);
  if (ev.errors.length) return { ok: false, errors: ev.errors };
  if (scenario.drill) {
    // Drill actions compile like events (then are dropped: a drill run adds the chosen ones to `events`).
    const exprs = plant.loadExprs.length;
    const errors = checkDrill(scenario, end, (events) => compileEvents({ ...scenario, events }, plant, power ?? undefined, workload ?? undefined).errors);
    plant.loadExprs.length = exprs;
    if (errors.length) return { ok: false, errors };
  }

  const model: Model = {
    scenario, seed, end, plant, power, workload,
    events: ev.events,
    units: ev.units,
    failable: [...ev.units.byClass.values()].flat(),
    powerOrder: power?.order ?? [],
    layout: describeLayout(scenario, plant, power),
    warnings: [...compiled.warnings, ...(power?.warnings ?? []), ...(workload?.warnings ?? [])],
    claim(h) {
      if (hooks) throw new Error('a compiled model holds one run\'s state: compile the scenario again for another run');
      hooks = h;
    },
  };
  return { ok: true, model };
}

/** A loaded scenario and its compiled model, or every problem with its field path. */
export type LoadedModel = ({ ok: true; model: Model } & LoadedScenario) | { ok: false; errors: ScenarioIssue[] };

/** Finish checking a loaded scenario by compiling it (ids that must exist, ratings, events, jobs). */
export function compileLoaded(res: LoadResult, run: RunSettings = {}): LoadedModel {
  if (!res.ok) return res;
  const m = compileModel(res.scenario, run);
  return m.ok ? { ...res, model: m.model } : m;
}

/** Parse, check and compile a scenario file's text. */
export function loadModelText(text: string, fileName?: string, run: RunSettings = {}): LoadedModel {
  return compileLoaded(loadScenarioText(text, fileName), run);
}
