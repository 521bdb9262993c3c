/**
 * What crosses the worker boundary: plain data only. Frame chunks carry typed arrays that are
 * transferred (moved, not copied) from the worker to the page.
 */
import type { FrameCounts, FrameSeries } from '../../sim/run/frameSeries';
import type { HallLayout, Report, ScenarioFormat, ScenarioIssue, HeadroomResult, HeadroomResource, SweepResult, SweepCase, SweepRunOutcome, DrillSpec, DrillResult, TcoResult, MonteCarloResult, AnnualResult } from '../../sim/api';

export type { HallLayout, Report, ScenarioFormat, ScenarioIssue, HeadroomResult, HeadroomResource, SweepResult, SweepCase, DrillSpec, DrillResult, TcoResult, AnnualResult };

/** A validated scenario as the page needs it; the typed Scenario itself stays in the worker. */
export interface ValidScenario {
  ok: true;
  name: string;
  layout: HallLayout;
  durationS: number;
  warnings: string[];
  format: ScenarioFormat;
  /** The file's drill section (times in s), or null when it is not a drill. */
  drill: DrillSpec | null;
}

export type Validation = ValidScenario | { ok: false; errors: ScenarioIssue[] };

/** loadText also hands back the parsed file (the raw object the editor edits). */
export type TextValidation = (ValidScenario & { raw: unknown }) | { ok: false; errors: ScenarioIssue[] };

/** Shape of a run's frame store, sent with every chunk so the page can allocate once. */
export interface FrameShape extends FrameCounts {
  /** Frames the run will hold at most. */
  capacity: number;
  /** Seconds between frames. */
  interval: number;
}

/** Frames [start, start + count) of a run: every series of FRAME_SERIES (frame-major), cut to the chunk. */
export type FrameChunk = FrameSeries & {
  shape: FrameShape;
  start: number;
  count: number;
};

export interface RunProgress {
  /** 0…1 of simulated time. */
  fraction: number;
  simTime: number;
  wallMs: number;
}

export interface RunRequest {
  until?: number;
  seed?: number;
  /** Run one case of the N-1 sweep instead of the file's events (see sim/api.ts createSweepCaseRun). */
  sweepCase?: SweepCaseRequest;
  /** Play the file's drill with these answers (decision id → option id): their actions join the events. */
  drillAnswers?: Record<string, string>;
}

/** A sweep case to open as a run: the unit (the sweep's `failed`), when it fails, the sweep's repair time (null: MTTR or never). */
export interface SweepCaseRequest { failed: string; at: number; repair: number | null }

export type RunResult =
  /** repairAt: a sweep case's repair time (null: never repaired); absent for an ordinary run. */
  | { status: 'done'; report: Report; wallMs: number; repairAt?: number | null }
  | { status: 'cancelled'; simTime: number }
  | { status: 'error'; message: string };

/**
 * The report as it crosses the worker boundary: `final` (one object per component, about 1 MB for 10,000
 * racks) travels as JSON text. Rebuilding ten thousand small objects from a structured clone happens on
 * the page's main thread in one piece; a string is copied in one go and parsed only if someone reads it.
 */
export type WireReport = Omit<Report, 'final'> & { finalJson: string; /** Holds the key's place (order of the JSON export). */ final: undefined };
export type WireRunResult = Exclude<RunResult, { status: 'done' }> | { status: 'done'; report: WireReport; wallMs: number; repairAt?: number | null };

export interface EngineApi {
  loadText(text: string, fileName?: string): TextValidation;
  loadRaw(raw: unknown): Validation;
  /** Serialises raw; YAML edits of a YAML original keep the original's comments. */
  save(raw: unknown, format: ScenarioFormat, original?: { text: string; format: ScenarioFormat }): string;
  /** Callbacks may return a promise (a comlink proxy does); the worker waits for each before going on. */
  run(req: RunRequest, onProgress: (p: RunProgress) => void | Promise<void>, onChunk: (c: FrameChunk) => void | Promise<void>): Promise<WireRunResult>;
  cancel(): void;
  /** Answers at once when the worker is alive and idle (the page's watchdog asks between calls). */
  ping(): 'pong';
}

/** The rack profile of a headroom question: a rack type of the file, or an inline spec as a file writes it ("132 kW"). */
export type RackChoice = { kind: 'type'; name: string } | { kind: 'spec'; spec: Record<string, unknown> };

export interface SweepRequest {
  /** When each unit fails, s (default: a tenth into the run). */
  at?: number;
  /** Repair after this long, s (default: the class's MTTR, else never). */
  repair?: number;
}

/** An analysis's answer, or the problems (of the scenario, the profile) that kept it from one. */
export type AnalysisOutcome<T> = { ok: true; result: T; wallMs: number } | { ok: false; errors: ScenarioIssue[] };

export interface AnalysisApi {
  headroom(raw: unknown, rack: RackChoice): AnalysisOutcome<HeadroomResult>;
  /**
   * One worker's share of a sweep run across a pool: the sweep planned here as everywhere (the same plan in
   * every worker), and runs k with k mod `part.of` = `part.index` made; part 0 also runs the healthy baseline
   * and keeps the plan for sweepAssemble. `onRun(done, total)` after each run (interchangeable units share
   * one): this part's runs done, all the sweep's runs; a promise it returns is not waited for.
   */
  sweepPart(raw: unknown, req: SweepRequest, part: { index: number; of: number }, onRun: (done: number, total: number) => void | Promise<void>): AnalysisOutcome<SweepPart>;
  /** The sweep's result from every part's outcomes (on the worker that ran part 0). */
  sweepAssemble(baseline: SweepRunOutcome, outcomes: [number, SweepRunOutcome][]): AnalysisOutcome<SweepResult>;
  /** A drill played with `answers`, doing nothing and the author's best answer, and the answers' score (sim/analysis/drill.ts). */
  drill(raw: unknown, answers: Record<string, string>): AnalysisOutcome<DrillResult>;
  /** `dctwin tco` of the scenario: its run (duration and seed of the file), then the cost, with a Monte Carlo study's availability when given. */
  tco(raw: unknown, study: MonteCarloResult | null): AnalysisOutcome<TcoResult>;
  /**
   * `dctwin annual` of the scenario: a year (the embedded EPW file's records, else a plain year of its own
   * weather) binned by month. `onProgress(share done)` every 1 % of the run; a promise it returns is not waited for.
   */
  annual(raw: unknown, onProgress: (done: number) => void | Promise<void>): AnalysisOutcome<AnnualResult>;
  ping(): 'pong';
}

export interface SweepPart {
  /** The healthy run (part 0 only). */
  baseline: SweepRunOutcome | null;
  /** [run index in the plan, its outcome]. */
  outcomes: [number, SweepRunOutcome][];
  runs: number;
}
