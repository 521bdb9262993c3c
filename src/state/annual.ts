/**
 * A year of the open scenario at hourly weather (sim/analysis/annual.ts, the code of `dctwin annual`),
 * computed in an analysis worker of its own: the run is as long as the weather file the Weather… button
 * embedded (else a plain year of the scenario's own weather), then binned by month. The answer remembers
 * the scenario it answers, so an edit asks again (a question still running is dropped); Cancel ends it.
 */
import { proxy } from 'comlink';
import { createStore } from './store';
import { app } from './session';
import { AnalysisLane } from '../worker/analysisClient';
import type { RawObject } from '../scenario/raw';
import type { AnalysisOutcome, AnnualResult, ScenarioIssue } from '../worker/protocol';

export interface AnnualState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  result: AnnualResult | null;
  errors: ScenarioIssue[];
  /** Share of the year simulated, 0…1, while running. */
  progress: number;
  wallMs: number | null;
  /** The scenario the result (or the question running) answers. */
  forRaw: RawObject | null;
}

export const annualStore = createStore<AnnualState>({ status: 'idle', result: null, errors: [], progress: 0, wallMs: null, forRaw: null });

const lane = new AnalysisLane();
let seq = 0;

/** The answer on screen is for the scenario as it is now. */
export const annualCurrent = (a: AnnualState = annualStore.get()) => a.result !== null && a.forRaw === app.get().raw;

/** Asks for the year of the open scenario (superseding a question running); nothing when the answer is current or was cancelled for it. */
export function computeAnnual(opts: { again?: boolean } = {}): void {
  const { raw, issues } = app.get();
  if (!raw || issues.length) return;
  const a = annualStore.get();
  if (!opts.again && a.forRaw === raw && a.status !== 'idle' && a.status !== 'error') return;
  const mine = ++seq;
  annualStore.set({ status: 'running', errors: [], progress: 0, forRaw: raw });
  const onProgress = proxy((f: number) => { if (mine === seq) annualStore.set({ progress: f }); });
  void lane.start((api) => api.annual(raw, onProgress) as Promise<AnalysisOutcome<AnnualResult>>).then((o) => {
    if (mine !== seq) return;
    if (o.status === 'cancelled') annualStore.set({ status: 'cancelled' });
    else if (o.status === 'error') annualStore.set({ status: 'error', errors: [{ path: '(engine)', message: o.message }] });
    else if (!o.value.ok) annualStore.set({ status: 'error', errors: o.value.errors });
    else annualStore.set({ status: 'done', result: o.value.result, wallMs: o.value.wallMs, progress: 1 });
  });
}

/** Stops the year running (the answer before it, if any, stays on screen marked as not current). */
export function cancelAnnual(): void {
  lane.cancel();
}
