/**
 * The page's handle on the engine worker, with a watchdog. A worker that dies (an uncaught error, out of
 * memory), that has run without a word for WATCHDOG_MS, or that does not answer a ping while idle, is
 * terminated and replaced by a fresh one; every call still waiting on the old one fails with
 * EngineLost, and the session re-sends the scenario (the
 * user's edits live in the page and in autosave, never only in the worker). Cancel asks the run to stop
 * and, when the worker is too busy to hear it, restarts the worker: Cancel always works.
 */
import { wrap, proxy, type Remote } from 'comlink';
import type { EngineApi, FrameChunk, Report, RunProgress, RunRequest, RunResult, ScenarioFormat, TextValidation, Validation, WireReport } from './protocol';

/** A run that sends neither progress nor frames for this long is stuck or dead (issue 8: 10 s). */
export const WATCHDOG_MS = 10_000;
/** A validation is one call without progress reports, and a large file takes seconds: allow plenty. */
const VALIDATION_WATCHDOG_MS = 30_000;
/** After Cancel, the worker has this long to stop the run by itself before it is restarted. */
const CANCEL_GRACE_MS = 2_000;

declare global {
  interface Window {
    /** Tests shorten the watchdog (set before the app loads); never set by the app. */
    __dctwinWatchdogMs?: number;
  }
}
const watchdogMs = () => window.__dctwinWatchdogMs ?? WATCHDOG_MS;

/** The worker that was asked was replaced before it answered. */
export class EngineLost extends Error {
  constructor(message: string, readonly byCancel: boolean) {
    super(message);
  }
}

export type RestartReason = { message: string; byCancel: boolean };

let worker: Worker | null = null;
/** Calls and runs waiting on the worker; the idle ping runs only when there are none. */
let busy = 0;
let remote: Remote<EngineApi> | null = null;
/** Rejects (with EngineLost) when the current worker is replaced: every call races it. */
let lost: Promise<never> = new Promise(() => {});
let loseCurrent: (e: EngineLost) => void = () => {};
const restartListeners = new Set<(reason: RestartReason) => void>();

function spawn(): Remote<EngineApi> {
  worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
  const mine = worker;
  // A crashed worker never answers: replace it instead of waiting forever.
  worker.addEventListener('error', (e) => { if (worker === mine) restartEngine({ message: `the engine failed: ${e.message || 'worker error'}`, byCancel: false }); });
  lost = new Promise<never>((_, reject) => { loseCurrent = reject; });
  lost.catch(() => {}); // nobody may be waiting
  remote = wrap<EngineApi>(worker);
  watchIdle();
  return remote;
}

let watching = false;
/**
 * While nothing is asked of it, the worker is pinged every half watchdog period; no answer within the
 * other half means it died quietly (a terminated or crashed worker fires no event): replace it now,
 * not when the user next edits or runs.
 */
function watchIdle(): void {
  if (watching) return;
  watching = true;
  const check = async () => {
    const half = watchdogMs() / 2;
    if (busy === 0 && remote) {
      const asked = remote;
      const answered = await Promise.race([
        asked.ping().then(() => true, () => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), half)),
      ]);
      if (!answered && asked === remote && busy === 0) restartEngine({ message: 'the engine stopped answering', byCancel: false });
    }
    setTimeout(() => void check(), half);
  };
  setTimeout(() => void check(), watchdogMs() / 2);
}

export function engine(): Remote<EngineApi> {
  return remote ?? spawn();
}

/** Terminates the worker, fails the calls waiting on it, starts a fresh one and tells the listeners. */
export function restartEngine(reason: RestartReason): void {
  worker?.terminate();
  worker = null;
  remote = null;
  loseCurrent(new EngineLost(reason.message, reason.byCancel));
  spawn();
  restartListeners.forEach((l) => l(reason));
}

/** Called after the worker was replaced (the new one holds no scenario yet). */
export function onEngineRestart(listener: (reason: RestartReason) => void): () => void {
  restartListeners.add(listener);
  return () => restartListeners.delete(listener);
}

/** Calls the engine; fails with EngineLost if the worker is replaced first, or is silent for `limitMs`. */
async function guarded<T>(call: (e: Remote<EngineApi>) => Promise<T>, limitMs: number, what: string): Promise<T> {
  const e = engine();
  const timer = setTimeout(() => restartEngine({ message: `the engine did not answer ${what} within ${limitMs / 1000} s`, byCancel: false }), limitMs);
  busy++;
  try {
    return await Promise.race([call(e), lost]);
  } finally {
    busy--;
    clearTimeout(timer);
  }
}

export const loadText = (text: string, fileName?: string) =>
  guarded<TextValidation>((e) => e.loadText(text, fileName) as Promise<TextValidation>, VALIDATION_WATCHDOG_MS, 'a validation');
export const loadRaw = (raw: unknown) => guarded<Validation>((e) => e.loadRaw(raw) as Promise<Validation>, VALIDATION_WATCHDOG_MS, 'a validation');
export const saveText = (raw: unknown, format: ScenarioFormat, original?: { text: string; format: ScenarioFormat }) =>
  guarded((e) => e.save(raw, format, original), VALIDATION_WATCHDOG_MS, 'a save');

let running: { cancelTimer: ReturnType<typeof setTimeout> | null } | null = null;

/**
 * Starts a run; callbacks are proxied so the worker can stream progress and frame chunks back (and waits
 * for each). Every progress report or chunk feeds the watchdog.
 */
export async function startRun(req: RunRequest, onProgress: (p: RunProgress) => void, onChunk: (c: FrameChunk) => void | Promise<void>): Promise<RunResult> {
  let lastBeat = performance.now(), simTime = 0;
  const beat = () => { lastBeat = performance.now(); };
  const run = (running = { cancelTimer: null });
  busy++;
  const watchdog = setInterval(() => {
    const silent = performance.now() - lastBeat;
    if (silent > watchdogMs()) restartEngine({ message: `the engine sent no progress for ${Math.round(silent / 1000)} s`, byCancel: false });
  }, Math.min(1000, watchdogMs() / 4));
  try {
    const result = await Promise.race([
      engine().run(req, proxy((p: RunProgress) => { beat(); simTime = p.simTime; onProgress(p); }), proxy((c: FrameChunk) => { beat(); return onChunk(c); })),
      lost,
    ]);
    return result.status === 'done' ? { ...result, report: fromWire(result.report) } : result;
  } catch (e) {
    if (!(e instanceof EngineLost)) throw e;
    return e.byCancel ? { status: 'cancelled', simTime } : { status: 'error', message: e.message };
  } finally {
    busy--;
    clearInterval(watchdog);
    if (run.cancelTimer) clearTimeout(run.cancelTimer);
    if (running === run) running = null;
  }
}

/** The full report again; `final` is parsed the first time it is read. */
export function fromWire(wire: WireReport): Report {
  const { finalJson, ...rest } = wire;
  let final: Report['final'] | null = null;
  // Redefining the key `final` (kept by toWire) leaves it where buildReport put it.
  return Object.defineProperty(rest, 'final', {
    enumerable: true,
    configurable: true,
    get: () => (final ??= JSON.parse(finalJson) as Report['final']),
  }) as unknown as Report;
}

/**
 * Asks the run to stop (the worker checks between slices). A worker stuck inside a slice, or dead, never
 * hears it: after CANCEL_GRACE_MS it is restarted, and the run ends as cancelled.
 */
export function cancelRun(): void {
  const run = running;
  void Promise.race([engine().cancel(), lost]).catch(() => {});
  if (run && !run.cancelTimer) {
    run.cancelTimer = setTimeout(() => {
      if (running === run) restartEngine({ message: 'the engine did not stop when asked, so it was restarted', byCancel: true });
    }, CANCEL_GRACE_MS);
  }
}
