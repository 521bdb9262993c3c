/**
 * The TCO of the open scenario (sim/analysis/tco.ts, the code of `dctwin tco`), computed in an analysis
 * worker: the scenario's run, then the cost. When a Monte Carlo study of the same scenario has run in this
 * session its availability is used, as `dctwin tco --availability FILE` does. The answer remembers the
 * scenario and study it answers, so an edit or a new study asks again (a question still running is dropped).
 */
import { createStore } from './store';
import { app } from './session';
import { study } from './montecarlo';
import { AnalysisLane } from '../worker/analysisClient';
import type { RawObject } from '../scenario/raw';
import type { AnalysisOutcome, ScenarioIssue, TcoResult } from '../worker/protocol';
import type { MonteCarloResult } from '../../sim/api';

export interface TcoState {
  status: 'idle' | 'running' | 'done' | 'error';
  result: TcoResult | null;
  errors: ScenarioIssue[];
  wallMs: number | null;
  /** The scenario and study the result answers. */
  forRaw: RawObject | null;
  forStudy: MonteCarloResult | null;
}

export const tcoStore = createStore<TcoState>({ status: 'idle', result: null, errors: [], wallMs: null, forRaw: null, forStudy: null });

const lane = new AnalysisLane();
let seq = 0;

/** The session's Monte Carlo result if it is of the open scenario (same name), else null. */
export function studyForScenario(): MonteCarloResult | null {
  const s = study.get(), name = (app.get().raw as { name?: unknown } | null)?.name;
  return s.status === 'done' && s.result && s.scenario === name ? s.result : null;
}

/** The answer on screen is for the scenario and study as they are now. */
export const tcoCurrent = (t: TcoState = tcoStore.get()) => t.forRaw === app.get().raw && t.forStudy === studyForScenario();

/** Asks for the TCO of the open scenario (superseding a question running); nothing when the answer is current. */
export function computeTco(): void {
  const { raw, issues } = app.get();
  if (!raw || issues.length) return;
  const t = tcoStore.get();
  const forStudy = studyForScenario();
  if (t.status !== 'error' && t.forRaw === raw && t.forStudy === forStudy && t.status !== 'idle') return;
  const mine = ++seq;
  tcoStore.set({ status: 'running', errors: [], forRaw: raw, forStudy });
  void lane.start((api) => api.tco(raw, forStudy) as Promise<AnalysisOutcome<TcoResult>>).then((o) => {
    if (mine !== seq) return;
    if (o.status === 'cancelled') return;
    if (o.status === 'error') tcoStore.set({ status: 'error', errors: [{ path: '(engine)', message: o.message }] });
    else if (!o.value.ok) tcoStore.set({ status: 'error', errors: o.value.errors });
    else tcoStore.set({ status: 'done', result: o.value.result, wallMs: o.value.wallMs });
  });
}
