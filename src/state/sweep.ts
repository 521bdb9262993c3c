/**
 * The N-1 sweep of the open scenario (sim/analysis/sweep.ts), run in an analysis worker with a case count
 * for progress; Cancel stops it. The table's sort order lives here too. The answer remembers the scenario it
 * was computed for: after an edit it is marked as computed before it; another model or file clears it.
 */
import { proxy } from 'comlink';
import { createStore } from './store';
import { app } from './session';
import { AnalysisLane } from '../worker/analysisClient';
import { eventSeconds } from '../scenario/events';
import type { RawObject } from '../scenario/raw';
import type { AnalysisOutcome, ScenarioIssue, SweepRequest, SweepResult } from '../worker/protocol';

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

const lane = new AnalysisLane();
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
  sweepStore.set({ status: 'running', progress: null, startedAt: performance.now(), errors: [] });
  const onRun = (done: number, total: number) => { if (mine === seq) sweepStore.set({ progress: { done, total } }); };
  void lane.start((api) => api.sweep(raw, parsed.req, proxy(onRun)) as Promise<AnalysisOutcome<SweepResult>>).then((o) => {
    if (mine !== seq) return;
    if (o.status === 'cancelled') sweepStore.set({ status: 'cancelled' });
    else if (o.status === 'error') sweepStore.set({ status: 'error', errors: [{ path: '(engine)', message: o.message }] });
    else if (!o.value.ok) sweepStore.set({ status: 'error', errors: o.value.errors });
    else sweepStore.set({ status: 'done', result: o.value.result, wallMs: o.value.wallMs, forRaw: raw, sort: null });
  });
}

export function cancelSweep(): void {
  seq++;
  lane.cancel();
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
