/**
 * The session: which scenario is open, its raw (edited) form, the engine's verdict on it, and the run.
 * Every edit goes raw → autosave → worker validation; runs stream frames into the frame buffer.
 */
import type { DrillSpec, FrameChunk, HallLayout, Report, RunProgress, RunRequest, ScenarioFormat, ScenarioIssue, Validation } from '../worker/protocol';
import { loadRaw, loadText, saveText, startRun, cancelRun, onEngineRestart, EngineLost } from '../worker/engineClient';
import { createStore } from './store';
import { frames } from './frameBuffer';
import { bytesPerFrame } from '../../sim/run/frameSeries';
import { cursor, followLive } from './cursor';
import { readAutosave, loadAutosave, pruneAutosaveBlobs, writeAutosave, clearAutosave, rememberSource, lastSource, saveCopy, markTabEdits, tabEdited, type SavedScenario, type ScenarioSource } from './autosave';
import { DEFAULT_MODEL, DRILL_PREFIX, findModel } from '../scenario/models';
import { placeIssue, type PlacedIssue } from '../scenario/issueSections';
import { isObject, type RawObject } from '../scenario/raw';
import { download } from '../panels/download';
import type { ChartId } from '../panels/chartSeries';

export type SimState = 'idle' | 'running' | 'done' | 'error' | 'cancelled';
export type Metric = 'coolant' | 'inlet' | 'power' | 'headroom' | 'state';

export interface AppState {
  source: ScenarioSource | null;
  fileName: string;
  format: ScenarioFormat;
  raw: RawObject | null;
  edited: boolean;
  originalText: string | null;
  /** A validation is on its way back from the worker. */
  validating: boolean;
  issues: PlacedIssue[];
  warnings: string[];
  scenarioName: string;
  /** The last valid hall (kept while the raw scenario has errors). */
  layout: HallLayout | null;
  durationS: number;
  /** Problems of a file that could not be opened (the previous scenario stays). */
  fileErrors: { fileName: string; issues: PlacedIssue[] } | null;
  sim: SimState;
  progress: RunProgress | null;
  runMessage: string | null;
  report: Report | null;
  /** The results were computed before the latest edit. */
  resultsStale: boolean;
  framesVersion: number;
  selection: string | null;
  metric: Metric;
  showStats: boolean;
  notice: string | null;
  /** The charts shown (and exported as CSV), in the order picked. */
  charts: ChartId[];
  /** Another tab saved a different version of the open scenario while this one has edits (see otherTabs.ts). */
  conflict: TabConflict | null;
  /** Autosaved edits not applied because a shared link opened the model as published (offered instead). */
  offer: SavedScenario | null;
  /** The run shown is a case of the N-1 sweep, not the file's events (null: an ordinary run). */
  runCase: RunCase | null;
  /** The open file's drill (times in s), when it is one (docs/drills.md). */
  drill: DrillSpec | null;
  /** The run shown plays the drill with these answers (null: an ordinary run). */
  drillAnswers: Record<string, string> | null;
}

/** A sweep case opened as a run: the unit failed at `at` (s); repaired at `repairAt` (null: never; undefined: not known yet). */
export interface RunCase { failed: string; kind: string; at: number; repairAt?: number | null }

/** `theirs` null: the other tab discarded its edits (reset to the model or file). */
export interface TabConflict { theirs: SavedScenario | null; at: number }

export const app = createStore<AppState>({
  source: null, fileName: '', format: 'yaml', raw: null, edited: false, originalText: null,
  validating: false, issues: [], warnings: [], scenarioName: '', layout: null, durationS: 86_400,
  fileErrors: null, sim: 'idle', progress: null, runMessage: null, report: null,
  resultsStale: false, framesVersion: 0, selection: null, metric: 'coolant', showStats: false, notice: null,
  charts: ['power', 'air', 'cduSupply'], conflict: null, offer: null, runCase: null, drill: null, drillAnswers: null,
});

let validationSeq = 0;
let runSeq = 0;

/** Same racks and CDUs in the same order: frames of one fit the other. */
const sameHall = (a: HallLayout | null, b: HallLayout | null) =>
  !!a && !!b && a.racks.length === b.racks.length && a.cdus.length === b.cdus.length && a.racks.every((r, i) => r.id === b.racks[i]!.id);

/** Nothing drawn differs (a setpoint edit): keep the old object so the 3D scene is not rebuilt. */
function sameLayout(a: HallLayout, b: HallLayout): boolean {
  const keys = ['id', 'row', 'rowIndex', 'slot', 'cooling', 'cdu', 'gpus', 'designPowerKw'] as const;
  return sameHall(a, b) && a.hallId === b.hallId && a.hasStorage === b.hasStorage && a.rows.join() === b.rows.join()
    && JSON.stringify(a.spares) === JSON.stringify(b.spares)
    && a.racks.every((r, i) => keys.every((k) => r[k] === b.racks[i]![k]))
    && JSON.stringify([a.cdus, a.crahs, a.chillers, a.freeCoolers, a.power, a.batteries]) === JSON.stringify([b.cdus, b.crahs, b.chillers, b.freeCoolers, b.power, b.batteries]);
}

function clearResults(): void {
  frames.clear();
  cursor.set(0);
  followLive.set(true);
  app.set({ report: null, resultsStale: false, progress: null, runMessage: null, framesVersion: frames.version, runCase: null, drillAnswers: null, sim: app.get().sim === 'running' ? 'running' : 'idle' });
}

/** Applies the engine's verdict on the current raw scenario. */
function accept(v: Validation): void {
  const s = app.get();
  if (!v.ok) {
    app.set({ validating: false, issues: v.errors.map((e) => placeIssue(s.raw, e)) });
    return;
  }
  const hallChanged = !sameHall(s.layout, v.layout);
  const layout = s.layout && sameLayout(s.layout, v.layout) ? s.layout : v.layout;
  app.set({ validating: false, issues: [], warnings: v.warnings, scenarioName: v.name, layout, durationS: v.durationS, drill: v.drill });
  // A hall that brings storage batteries shows their chart (state of charge and power) unasked.
  if (v.layout.batteries.length && !s.layout?.batteries.length && !s.charts.includes('battery')) app.set({ charts: [...s.charts, 'battery'] });
  if (hallChanged) {
    if (s.sim === 'running') abandonRun('cancelled: the hall was edited during the run');
    clearResults();
  } else if (s.report || frames.count > 0) app.set({ resultsStale: true });
}

/** A call the engine restart cut short: the restart handler takes over (and says so). */
function lostIsNull(e: unknown): null {
  if (e instanceof EngineLost) return null;
  throw e;
}

async function validate(raw: RawObject): Promise<void> {
  const seq = ++validationSeq;
  app.set({ validating: true });
  const v = await loadRaw(raw).catch(lostIsNull);
  if (v && seq === validationSeq) accept(v);
}

/** The address names the open built-in model (`?model=NAME`) or drill (`?drill=NAME`), so it can be shared. */
export function setUrlModel(name: string | null): void {
  const url = new URL(location.href);
  url.searchParams.delete('model');
  url.searchParams.delete('drill');
  if (name?.startsWith(DRILL_PREFIX)) url.searchParams.set('drill', name.slice(DRILL_PREFIX.length));
  else if (name) url.searchParams.set('model', name);
  history.replaceState(null, '', url);
}

/** Opens text as the scenario of `source`; returns the problems when it cannot be opened. */
async function openText(source: ScenarioSource, text: string, fileName: string): Promise<ScenarioIssue[] | null> {
  const seq = ++validationSeq;
  app.set({ validating: true });
  const v = await loadText(text, fileName).catch(lostIsNull);
  if (!v || seq !== validationSeq) return null;
  if (!v.ok) {
    app.set({ validating: false });
    return v.errors;
  }
  const raw = isObject(v.raw) ? v.raw : {};
  app.set({ source, fileName, format: v.format, raw, edited: false, originalText: text, fileErrors: null, selection: null, conflict: null, offer: null });
  accept(v);
  clearResults();
  rememberSource(source);
  if (source.kind === 'file') {
    const failed = writeAutosave({ v: 1, source, format: v.format, raw, edited: false, originalText: text, savedAt: Date.now() }, tell);
    if (failed) app.set({ notice: failed });
  }
  return null;
}

/**
 * Opens a built-in model or a previously opened file, with its autosaved edits when there are any.
 * `published`: a shared link asked for the model as it ships, so its autosaved edits are offered, not applied.
 */
export async function openSource(source: ScenarioSource, opts: { published?: boolean } = {}): Promise<void> {
  const loaded = await loadAutosave(source);
  const saved = loaded?.saved ?? null;
  // A stored weather file that is gone (the browser cleared its storage): the edits still open, and the user is told.
  const what = loaded?.missing.join(' and ') ?? '';
  const lost = what ? ` ${what[0]!.toUpperCase()}${what.slice(1)} it used ${loaded!.missing.length > 1 ? 'are' : 'is'} no longer stored in this browser: choose the weather file again with the Weather… button.` : '';
  const model = source.kind === 'model' ? findModel(source.name) : undefined;
  if (source.kind === 'model') setUrlModel(source.name);
  else setUrlModel(null);
  if (model && saved?.edited && opts.published) {
    const errors = await openText(source, model.text, model.fileName);
    if (errors) app.set({ fileErrors: { fileName: model.fileName, issues: errors.map((e) => placeIssue(null, e)) } });
    else app.set({ offer: saved });
    return;
  }
  if (saved && (saved.edited || !model)) {
    const raw = saved.raw as RawObject;
    const ext = saved.format === 'json' ? '.json' : '.yaml';
    app.set({
      source, fileName: model?.fileName ?? (source.name.includes('.') ? source.name : source.name + ext), format: saved.format, raw,
      edited: saved.edited, originalText: saved.originalText ?? model?.text ?? null, fileErrors: null, selection: null, conflict: null, offer: null,
      notice: saved.edited ? `Restored your unsaved edits to ${source.name} (autosaved ${new Date(saved.savedAt).toLocaleString()}).${lost}` : lost ? `${source.name}:${lost}` : null,
    });
    rememberSource(source);
    clearResults();
    await validate(raw);
    return;
  }
  if (model) {
    const errors = await openText(source, model.text, model.fileName);
    if (errors) app.set({ fileErrors: { fileName: model.fileName, issues: errors.map((e) => placeIssue(null, e)) } });
  }
}

export async function boot(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const drill = params.get('drill');
  const requested = drill !== null ? DRILL_PREFIX + drill : params.get('model');
  let source: ScenarioSource = requested ? { kind: 'model', name: requested } : lastSource() ?? { kind: 'model', name: DEFAULT_MODEL };
  let notice: string | null = null;
  if (source.kind === 'model' && !findModel(source.name)) {
    notice = `There is no built-in model "${source.name}"; opened ${DEFAULT_MODEL}.`;
    source = { kind: 'model', name: DEFAULT_MODEL };
  }
  if (source.kind === 'file' && !readAutosave(source)) source = { kind: 'model', name: DEFAULT_MODEL };
  // A link names the model: show it as published unless this very tab was editing it (a reload).
  await openSource(source, { published: !!requested && !tabEdited(source) });
  if (notice) app.set({ notice });
  void pruneAutosaveBlobs();
}

export async function openFile(file: File): Promise<void> {
  const text = await file.text();
  const errors = await openText({ kind: 'file', name: file.name }, text, file.name);
  if (errors) {
    const raw = app.get().raw;
    app.set({ fileErrors: { fileName: file.name, issues: errors.map((e) => placeIssue(raw, e)) } });
  } else setUrlModel(null);
}

/**
 * Puts an EnergyPlus weather file into the open scenario, embedded (`weather: { kind: epw, file, data }`):
 * the page has no file system to read `weather.file` from, and the saved scenario then carries its
 * weather with it. The engine checks the file like any edit; its problems show at `weather.file`.
 */
export async function openWeatherFile(file: File): Promise<void> {
  const text = await file.text();
  edit((raw) => { raw.weather = { kind: 'epw', file: file.name, data: text }; });
}

/** Shows a message that arrives after the action that caused it (a weather file the browser would not store). */
const tell = (message: string) => app.set({ notice: message });

/** Applies an edit to a copy of the raw scenario, autosaves it, and has the engine re-validate it. */
export function edit(change: (raw: RawObject) => void): void {
  const s = app.get();
  if (!s.raw || !s.source) return;
  const raw = structuredClone(s.raw);
  change(raw);
  // The autosave about to be overwritten holds edits that were offered and not taken: keep them as a copy.
  const kept = s.offer ? keepOfferAsCopy(s.offer) : null;
  const failed = writeAutosave({ v: 1, source: s.source, format: s.format, raw, edited: true, originalText: s.source.kind === 'file' ? s.originalText : null, savedAt: Date.now() }, tell);
  markTabEdits(s.source);
  app.set({ raw, edited: true, notice: failed ?? kept });
  void validate(raw);
}

/** Moves offered edits to a copy of their own; returns what to tell the user. */
function keepOfferAsCopy(offer: SavedScenario): string {
  const copy = saveCopy(offer);
  app.set({ offer: null });
  return typeof copy === 'string' ? `Could not keep your earlier edits: ${copy}` : `Your earlier edits to ${offer.source.name} are kept as "${copy.name}" (in the model list).`;
}

/** Applies the offered autosaved edits (the user chose them over the published model). */
export function restoreOffer(): void {
  const { offer, source } = app.get();
  if (!offer || !source) return;
  markTabEdits(source);
  app.set({ offer: null, format: offer.format, notice: `Restored your edits to ${source.name} (autosaved ${new Date(offer.savedAt).toLocaleString()}).` });
  replaceRaw(offer.raw as RawObject, true);
}

/** Keeps the published model open; the offered edits go to a copy so they are never lost. */
export function keepOfferAside(): void {
  const { offer } = app.get();
  if (offer) app.set({ notice: keepOfferAsCopy(offer) });
}

/** Shows a version of the open scenario saved elsewhere (another tab) without saving it again. */
export function replaceRaw(raw: RawObject, edited: boolean): void {
  app.set({ raw, edited });
  void validate(raw);
}

/** Drops the autosaved edits and reopens the model (or the file as it was opened). */
export async function resetToModel(): Promise<void> {
  const s = app.get();
  if (!s.source) return;
  clearAutosave(s.source);
  app.set({ notice: null });
  if (s.source.kind === 'file' && s.originalText !== null) await openText(s.source, s.originalText, s.fileName);
  else await openSource(s.source.kind === 'model' ? s.source : { kind: 'model', name: DEFAULT_MODEL });
}

/**
 * Bytes of frames copied into the page's buffer per task. The first run of a hall writes fresh memory,
 * and its page faults made one 90-frame chunk of 10,000 racks cost about 30 ms in one piece.
 */
const INGEST_BYTES_PER_TASK = 1.5e6;
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Takes a chunk into the frame buffer a slice per task, then moves the live cursor (the 3D view repaints
 * its colours in place) and, in a task of its own, tells React readers. The worker waits for this.
 */
async function ingest(chunk: FrameChunk, current: () => boolean): Promise<void> {
  const step = Math.max(1, Math.floor(INGEST_BYTES_PER_TASK / bytesPerFrame(chunk.shape)));
  for (let from = 0; from < chunk.count; from += step) {
    if (from > 0) await nextTask();
    if (!current()) return;
    frames.appendFrames(chunk, from, Math.min(chunk.count, from + step));
  }
  if (followLive.get()) cursor.set(frames.end);
  publishFrames();
}

let publishing = false;
/** Tells React readers that frames arrived (once per task, however many chunks came in it). */
function publishFrames(): void {
  if (publishing) return;
  publishing = true;
  setTimeout(() => {
    publishing = false;
    if (app.get().framesVersion !== frames.version) app.set({ framesVersion: frames.version });
  }, 0);
}

export function run(): Promise<void> {
  return startSession({}, null);
}

/** Plays the open drill with these answers (their actions join the file's events) on the timeline. */
export function runDrillPlay(answers: Record<string, string>): Promise<void> {
  return startSession({ drillAnswers: answers }, null);
}

/**
 * Runs one case of the N-1 sweep (sweep.ts) on the timeline like any run: the healthy design with
 * `failed` failing at `at`, repaired after the sweep's `repair` (null: the unit's MTTR, else never).
 */
export function runSweepCase(c: { failed: string; kind: string }, at: number, repair: number | null): Promise<void> {
  return startSession({ sweepCase: { failed: c.failed, at, repair } }, { failed: c.failed, kind: c.kind, at });
}

async function startSession(req: RunRequest, runCase: RunCase | null): Promise<void> {
  const s = app.get();
  if (s.sim === 'running' || s.validating || s.issues.length > 0 || !s.layout) return;
  const seq = ++runSeq;
  frames.clear();
  followLive.set(true);
  cursor.set(0);
  app.set({ sim: 'running', progress: { fraction: 0, simTime: 0, wallMs: 0 }, report: null, resultsStale: false, runMessage: null, framesVersion: frames.version, runCase, drillAnswers: req.drillAnswers ?? null });
  const result = await startRun(
    req,
    (p) => { if (seq === runSeq) app.set({ progress: p }); },
    (chunk) => ingest(chunk, () => seq === runSeq),
  );
  if (seq !== runSeq) return;
  if (result.status === 'done') {
    app.set({
      sim: 'done', framesVersion: frames.version, report: result.report, runMessage: `ran ${fmtDuration(s.durationS)} of simulated time in ${(result.wallMs / 1000).toFixed(1)} s`,
      ...(runCase && { runCase: { ...runCase, repairAt: result.repairAt ?? null } }),
    });
  } else if (result.status === 'cancelled') {
    app.set({ sim: 'cancelled', framesVersion: frames.version, runMessage: `cancelled at ${fmtDuration(result.simTime)} of simulated time` });
  } else {
    app.set({ sim: 'error', runMessage: result.message });
  }
}

export function cancel(): void {
  if (app.get().sim === 'running') cancelRun();
}

/** Stops listening to the current run (its results no longer fit the hall) and tells the worker to stop. */
function abandonRun(message: string): void {
  runSeq++;
  cancelRun();
  app.set({ sim: 'cancelled', runMessage: message });
}

/**
 * The worker was replaced (dead, silent for too long, or deaf to Cancel). The run's own promise ends it
 * as an error or a cancellation; here the page says what happened and hands the scenario, with the
 * user's edits, to the fresh worker.
 */
onEngineRestart(({ message, byCancel }) => {
  validationSeq++;
  const raw = app.get().raw;
  app.set({ validating: false, notice: byCancel ? `Cancelled: ${message}. Your edits are kept.` : `The simulation engine stopped (${message}); it was restarted. Your edits are kept.` });
  if (raw) void validate(raw);
});

export async function saveAs(format: ScenarioFormat): Promise<void> {
  const s = app.get();
  if (!s.raw) return;
  // An unedited file is written back byte for byte (comments and all); edits go through the engine's serialiser.
  const text = !s.edited && s.originalText !== null && format === s.format ? s.originalText : await saveText(s.raw, format, s.originalText !== null ? { text: s.originalText, format: s.format } : undefined);
  const base = s.fileName.replace(/\.(ya?ml|json)$/i, '') || 'scenario';
  download(`${base}.${format === 'json' ? 'json' : 'yaml'}`, text, format === 'json' ? 'application/json' : 'application/yaml');
}

export function select(id: string | null): void {
  app.set({ selection: id });
}

/** A wall-clock time of day (autosave stamps). */
export const fmtClock = (ms: number) => new Date(ms).toLocaleTimeString();

export function fmtDuration(s: number): string {
  if (s >= 3600) return `${+(s / 3600).toFixed(2)} h`;
  if (s >= 60) return `${+(s / 60).toFixed(1)} min`;
  return `${+s.toFixed(1)} s`;
}
