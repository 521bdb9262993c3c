/**
 * The engine's public surface for hosts (the Web Worker, the CLI, tests): load a scenario text or an
 * edited raw object, describe the hall for drawing, run with progress and cancellation, get the report
 * and frames. Plain data in and out, so it crosses a worker boundary unchanged.
 */
import { loadScenarioText, validateScenarioData, saveScenarioText, type ScenarioFormat } from './scenario/load';
import type { Scenario, DrillSpec } from './scenario/schema';
import type { ScenarioIssue } from './scenario/issues';
import { compileModel, compileLoaded, type LoadedModel, type Model } from './model/model';
import type { HallLayout, RackInfo } from './model/layout';
import { Simulation, ScenarioError, type RunOptions } from './run/simulation';
import { buildReport, type Report } from './run/report';
import type { FrameData } from './run/frames';
import { rackTypeSchema, type RackTypeSpec } from './components/rack/schema';
import { sweptScenario, sweepRepairAt } from './analysis/sweep';
import { tcoOfModel, type TcoResult, type TcoOverrides } from './analysis/tco';
import type { MonteCarloResult } from './analysis/montecarlo';
import { runAnnual, annualSpan, type AnnualResult } from './analysis/annual';
export { frameCounts } from './run/frames';
export { FRAME_SERIES, SERIES_NAMES, seriesWidth, bytesPerFrame, allocSeries, sliceSeries, copySeries, seriesBuffers, NO_COUNTS } from './run/frameSeries';
export type { FrameSeries, FrameCounts, SeriesName, SeriesSpec } from './run/frameSeries';

export type { Report, FrameData, ScenarioIssue, Scenario, ScenarioFormat, HallLayout, RackInfo };

export type LoadOutcome =
  | { ok: true; scenario: Scenario; raw: unknown; format: ScenarioFormat; warnings: string[]; layout: HallLayout; durationS: number; drill: DrillSpec | null }
  | { ok: false; errors: ScenarioIssue[] };

/** What a host needs of a checked file: plain data (the compiled model stays here; a run compiles its own). */
function outcome(res: LoadedModel): LoadOutcome {
  if (!res.ok) return res;
  const { model } = res;
  return { ok: true, scenario: res.scenario, raw: res.raw, format: res.format, warnings: [...model.warnings], layout: model.layout, durationS: model.end, drill: res.scenario.drill ?? null };
}

/** Parse and validate a scenario file's text. */
export function loadText(text: string, fileName?: string): LoadOutcome {
  return outcome(compileLoaded(loadScenarioText(text, fileName)));
}

/** Validate an edited raw scenario object (as the editor holds it); `format` is what it will be saved as. */
export function loadRaw(raw: unknown, format: ScenarioFormat = 'json'): LoadOutcome {
  return outcome(compileLoaded(validateScenarioData(raw, undefined, format)));
}

/** Serialise a raw scenario object (what the user wrote, units included). */
export function saveRaw(raw: unknown, format: ScenarioFormat): string {
  return saveScenarioText({ raw, doc: undefined, format });
}

export interface RunRequest {
  until?: number;
  seed?: number;
  probes?: string[];
  /** Seconds between frames for the 3D view (default: duration / 480). */
  frameInterval?: number;
}

export interface RunOutcome {
  report: Report;
  frames: FrameData;
  layout: HallLayout;
}

/** A run the host drives slice by slice (so a worker can yield, report progress and honour cancel). */
export interface RunHandle {
  readonly end: number;
  readonly now: number;
  /** Frames captured so far (frames.count grows as the run advances). */
  readonly frames: FrameData;
  readonly layout: HallLayout;
  advanceTo(t: number): void;
  finish(): RunOutcome;
}

/** Compile the scenario for this run (seed and end shape the workload) and start it; throws ScenarioError on a bad file. */
export function createRun(scenario: Scenario, req: RunRequest = {}): RunHandle {
  return start(compile(scenario, req), req);
}

/**
 * One case of the N-1 sweep as a run of its own, to watch on the timeline: the healthy design (the file's
 * scripted events and random failures left out unless `keepEvents`, as the sweep does), unit `failed` (an id
 * of the sweep's `failed` column) failing at `at` and repaired after `repair` s — or, when the sweep stated
 * no repair time, after the unit's class MTTR from `reliability`, else never; the same rule as sweep.ts.
 * Throws ScenarioError when the unit is not a failable unit of the design.
 */
export interface SweepCaseSpec { failed: string; at: number; repair: number | null; keepEvents?: boolean }

export function createSweepCaseRun(scenario: Scenario, spec: SweepCaseSpec, req: RunRequest = {}): RunHandle & { repairAt: number | null } {
  const base = sweptScenario(scenario, { keepEvents: spec.keepEvents ?? false });
  const model = compile(base, req);
  const index = model.failable.findIndex((u) => u.id === spec.failed);
  if (index < 0) throw new ScenarioError([{ path: 'sweep case', message: `"${spec.failed}" is not a failable unit of this design` }]);
  const unit = model.failable[index]!;
  const repairAt = sweepRepairAt(scenario, unit, spec.at, spec.repair) ?? null;
  const run = start(model, { ...req, inject: [{ index, at: spec.at, repairAt: repairAt ?? undefined }] });
  return Object.assign(run, { repairAt });
}

function compile(scenario: Scenario, req: RunRequest): Model {
  const compiled = compileModel(scenario, { seed: req.seed, until: req.until });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  return compiled.model;
}

function start(model: Model, opts: RunRequest & Pick<RunOptions, 'inject'>): RunHandle {
  const end = model.end;
  const sim = new Simulation(model, { ...opts, frameInterval: opts.frameInterval ?? end / 480 });
  const layout = model.layout;
  return {
    end, layout, frames: sim.frames!.data,
    get now() { return sim.now; },
    advanceTo: (t) => sim.runTo(t),
    finish: () => ({ report: buildReport(sim), frames: sim.frames!.data, layout }),
  };
}

/** Run to the end in slices (synchronous; for Node hosts and tests). */
export function runScenario(scenario: Scenario, req: RunRequest = {}, progress?: (fraction: number, t: number) => void, slices = 100): RunOutcome {
  const run = createRun(scenario, req);
  for (let i = 1; i <= slices; i++) {
    run.advanceTo((run.end * i) / slices);
    progress?.(i / slices, run.now);
  }
  return run.finish();
}

export { ScenarioError };

/** The planner's analyses, for hosts (the browser's analysis worker, the CLI). */
export { headroom, type HeadroomResult, type HeadroomResource, type HeadroomOptions, type Binding, type ResourceKind } from './analysis/headroom';
export { sweep, planSweep, runSweepCase, assembleSweep, type SweepResult, type SweepCase, type SweepOptions, type SweepPlan, type RunOutcome as SweepRunOutcome } from './analysis/sweep';
export type { RackTypeSpec };

/** An inline rack profile (`--rack "{power: 132 kW, …}"`, the browser's profile form), checked like a rack type in a file. */
export function parseRackSpec(raw: unknown): { ok: true; spec: RackTypeSpec } | { ok: false; errors: ScenarioIssue[] } {
  const r = rackTypeSchema.safeParse(raw);
  if (r.success) return { ok: true, spec: r.data };
  return { ok: false, errors: r.error.issues.map((i) => ({ path: ['rack', ...i.path.map(String)].join('.'), message: i.message })) };
}

/** Monte Carlo availability (docs/availability.md): the pieces a host's own worker pool needs. */
export type { TcoResult, TcoOverrides } from './analysis/tco';

/** `dctwin tco` of a scenario (its duration and seed): the run, then the cost (throws ScenarioError on a bad file). */
export function tcoOfScenario(scenario: Scenario, opts: { overrides?: TcoOverrides; study?: MonteCarloResult | undefined } = {}): TcoResult {
  return tcoOfModel(compile(scenario, {}), opts);
}
/**
 * `dctwin annual` of a scenario whose EPW weather is embedded (`weather.data`, as the browser holds it):
 * a run as long as the file's records (else a plain year) with the file's seed, binned by hour and month.
 * Throws ScenarioError on a bad file.
 */
export function annualOfScenario(scenario: Scenario, opts: { onProgress?: (done: number) => void } = {}): AnnualResult {
  const w = scenario.weather;
  return runAnnual(compile(scenario, { until: annualSpan(w?.kind === 'epw' ? w.data : undefined) }), opts);
}
export type { AnnualResult, AnnualMonth, HoursTotals, HourStamp } from './analysis/annual';

export { studyKey, runReplicate, runReplicates, assembleMonteCarlo, metricValues, YEAR_S } from './analysis/montecarlo';
export type { StudyKey, ReplicateOutcome, MonteCarloResult } from './analysis/montecarlo';

/** Training drills (docs/drills.md): a drill played with answers, and its score. */
export { runDrill, drillScenario, bestAnswers, nothingAnswers, NOTHING } from './analysis/drill';
export type { DrillResult, DrillAnswers, DrillOutcome, DrillScore } from './analysis/drill';
export type { DrillSpec };
