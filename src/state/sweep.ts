/**
 * The N-1 sweep of the open scenario (sim/analysis/sweep.ts), run across a pool of analysis workers with a
 * count of runs for progress; Cancel stops it. The table's sort order lives here too. The answer remembers the scenario it
 * was computed for: after an edit it is marked as computed before it; another model or file clears it.
 */
import { proxy } from 'comlink';
import { createStore } from './store';
import { app } from './session';
import { AnalysisLane } from '../worker/analysisClient';
import { eventSeconds } from '../scenario/events';
import type { RawObject } from '../scenario/raw';
import type { AnalysisOutcome, ScenarioIssue, SweepPart, SweepRequest, SweepResult } from '../worker/protocol';

export type SweepStatus = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export interface SweepState {
  status: SweepStatus;
  /** Transient runs made so far of all (interchangeable units share a run). */
  progress: { done: number; total: number } | null;
  result: SweepResult | null;
  errors: ScenarioIssue[];
  startedAt: number;
  wallMs: number | null;
  /** The scenario the result answers. */
  forRaw: RawObject | null;
  /** Column key and direction; null: the sweep's own order (most severe first). */
  sort: { column: string; dir: 1 | -1 } | null;
  /** "Fail at" and "repair after" as typed ("2.4 h", "10 min"; empty: the engine's default). */
  at: string;
  repair: string;
}

export const sweepStore = createStore<SweepState>({
  status: 'idle', progress: null, result: null, errors: [], startedAt: 0, wallMs: null, forRaw: null, sort: null, at: '', repair: '',
});

/**
 * The pool: one analysis worker per core (up to 4). Each plans the sweep (the same plan everywhere) and makes
 * every n-th run; the first also runs the healthy baseline and assembles the result from all outcomes, so the
 * answer is the one `sweep()` gives case by case.
 */
const lanes: AnalysisLane[] = [];
const poolSize = () => Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
let seq = 0;

/** The times typed, in seconds; an entry that is not a time is an issue with its field. */
export function sweepRequest(at: string, repair: string): { ok: true; req: SweepRequest } | { ok: false; errors: ScenarioIssue[] } {
  const req: SweepRequest = {};
  const errors: ScenarioIssue[] = [];
  for (const [key, text, label] of [['at', at, 'fail at'], ['repair', repair, 'repair after']] as const) {
    if (!text.trim()) continue;
    const v = eventSeconds(text);
    if (v === null) errors.push({ path: label, message: `expected a time such as "2.4 h", "90 min" or "600" (seconds), found "${text}"` });
    else req[key] = v;
  }
  return errors.length ? { ok: false, errors } : { ok: true, req };
}

export function startSweep(): void {
  const raw = app.get().raw;
  const { at, repair } = sweepStore.get();
  if (!raw) return;
  const parsed = sweepRequest(at, repair);
  if (!parsed.ok) { sweepStore.set({ status: 'error', errors: parsed.errors }); return; }
  const mine = ++seq;
  const started = performance.now();
  sweepStore.set({ status: 'running', progress: null, startedAt: started, errors: [] });
  void runPool(raw, parsed.req, () => mine === seq).then((o) => {
    if (mine !== seq) return;
    if (o.status === 'cancelled') sweepStore.set({ status: 'cancelled' });
    else if (o.status === 'error') sweepStore.set({ status: 'error', errors: o.errors });
    else sweepStore.set({ status: 'done', result: o.result, wallMs: performance.now() - started, forRaw: raw, sort: null });
  });
}

type PoolOutcome = { status: 'done'; result: SweepResult } | { status: 'cancelled' } | { status: 'error'; errors: ScenarioIssue[] };

async function runPool(raw: RawObject, req: SweepRequest, current: () => boolean): Promise<PoolOutcome> {
  const n = poolSize();
  while (lanes.length < n) lanes.push(new AnalysisLane());
  const done = new Array<number>(n).fill(0);
  const parts = await Promise.all(lanes.slice(0, n).map((lane, index) => lane.start((api) => api.sweepPart(raw, req, { index, of: n }, proxy((d: number, total: number) => {
    done[index] = d;
    if (current()) sweepStore.set({ progress: { done: done.reduce((a, b) => a + b, 0), total } });
  })) as Promise<AnalysisOutcome<SweepPart>>)));
  if (!current()) return { status: 'cancelled' }; // a newer sweep owns the lanes now
  const failed = parts.find((p) => p.status !== 'done');
  if (failed) {
    lanes.forEach((l) => l.cancel());
    return failed.status === 'error' ? { status: 'error', errors: [{ path: '(engine)', message: failed.message }] } : { status: 'cancelled' };
  }
  const values = parts.map((p) => (p as { value: AnalysisOutcome<SweepPart> }).value);
  const bad = values.find((v) => !v.ok);
  if (bad && !bad.ok) return { status: 'error', errors: bad.errors };
  const ok = values as Extract<AnalysisOutcome<SweepPart>, { ok: true }>[];
  const baseline = ok[0]!.result.baseline!;
  const outcomes = ok.flatMap((v) => v.result.outcomes);
  const assembled = await lanes[0]!.start((api) => api.sweepAssemble(baseline, outcomes) as Promise<AnalysisOutcome<SweepResult>>);
  if (assembled.status === 'cancelled') return { status: 'cancelled' };
  if (assembled.status === 'error') return { status: 'error', errors: [{ path: '(engine)', message: assembled.message }] };
  return assembled.value.ok ? { status: 'done', result: assembled.value.result } : { status: 'error', errors: assembled.value.errors };
}

export function cancelSweep(): void {
  seq++;
  lanes.forEach((l) => l.cancel());
  if (sweepStore.get().status === 'running') sweepStore.set({ status: 'cancelled' });
}

/** Clicking a header: ascending first, then descending, then the sweep's own order again. */
export function sortBy(column: string): void {
  const { sort } = sweepStore.get();
  sweepStore.set({ sort: sort?.column !== column ? { column, dir: 1 } : sort.dir === 1 ? { column, dir: -1 } : null });
}

// Another model or file: the table answered a different hall.
let source = app.get().source;
app.subscribe(() => {
  const next = app.get().source;
  if (next === source) return;
  const was = source;
  source = next;
  if (was && next && was.kind === next.kind && was.name === next.name) return;
  cancelSweep();
  sweepStore.set({ status: 'idle', result: null, errors: [], progress: null, forRaw: null, sort: null });
});
