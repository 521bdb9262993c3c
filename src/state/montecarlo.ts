/**
 * A Monte Carlo availability study in the browser: a pool of Web Workers (src/worker/montecarlo.worker.ts),
 * one replicate at a time to whichever is free, a progress count, and the result assembled by the engine's
 * own function from the outcomes in index order — the numbers `dctwin montecarlo` gives for the same
 * scenario, years and seed. Cancel stops every worker.
 */
import { createStore } from './store';
import { app } from './session';
import { assembleMonteCarlo, metricValues, type MonteCarloResult, type ReplicateOutcome, type StudyKey } from '../../sim/api';
import type { McReply, McRequest } from '../worker/montecarloProtocol';

export interface StudyState {
  status: 'idle' | 'running' | 'done' | 'error';
  /** Replicates finished and asked for. */
  done: number;
  total: number;
  workers: number;
  result: MonteCarloResult | null;
  /** Per-replicate IT availability and GPU-hours lost, for the distributions. */
  values: { availability: number[]; gpuHoursLost: number[] } | null;
  message: string | null;
  /** The scenario the result is of. */
  scenario: string | null;
}

export const study = createStore<StudyState>({ status: 'idle', done: 0, total: 0, workers: 0, result: null, values: null, message: null, scenario: null });

let pool: Worker[] = [];

function stop(): void {
  for (const w of pool) w.terminate();
  pool = [];
}

export function cancelStudy(): void {
  if (study.get().status !== 'running') return;
  stop();
  study.set({ status: 'idle', message: 'cancelled' });
}

/** Threads for the pool: the cores the browser reports, at most 4 (the page and the engine keep theirs). */
function poolSize(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(4, n));
}

const ask = (w: Worker, m: McRequest) => new Promise<McReply>((resolve) => {
  w.onmessage = (e: MessageEvent<McReply>) => resolve(e.data);
  w.postMessage(m);
});

export async function runStudy(years: number, until?: number): Promise<void> {
  const { raw, format } = app.get();
  if (!raw) return;
  stop();
  const size = Math.min(poolSize(), years);
  pool = Array.from({ length: size }, () => new Worker(new URL('../worker/montecarlo.worker.ts', import.meta.url), { type: 'module' }));
  const mine = pool;
  study.set({ status: 'running', done: 0, total: years, workers: size, result: null, values: null, message: null, scenario: null });
  const fail = (message: string) => { if (pool === mine) { stop(); study.set({ status: 'error', message }); } };
  try {
    const setups = await Promise.all(pool.map((w) => ask(w, { kind: 'setup', raw, format, years, ...(until !== undefined ? { until } : {}) })));
    const bad = setups.find((r) => r.kind === 'error');
    if (bad?.kind === 'error') return fail(bad.message);
    const key = (setups[0] as Extract<McReply, { kind: 'ready' }>).key as StudyKey;
    const outcomes: ReplicateOutcome[][] = new Array(years);
    let next = 0, done = 0;
    let reference: ReplicateOutcome | null = null;
    // The reference year on the first thread while the others start on replicates.
    const work = pool.map(async (w, i) => {
      if (i === 0) {
        const r = await ask(w, { kind: 'reference' });
        if (r.kind !== 'reference') throw new Error(r.kind === 'error' ? r.message : 'unexpected reply');
        reference = r.outcome;
      }
      while (next < years && pool === mine) {
        const k = next++;
        const r = await ask(w, { kind: 'range', from: k, to: k + 1 });
        if (r.kind !== 'range') throw new Error(r.kind === 'error' ? r.message : 'unexpected reply');
        outcomes[k] = [r.outcomes[0]!];
        study.set({ done: ++done });
      }
    });
    await Promise.all(work);
    if (pool !== mine) return; // cancelled, or another study started
    stop();
    const result = assembleMonteCarlo(key, [reference!], outcomes);
    const v = metricValues(key.designs[0]!.limits, reference!, outcomes.map((o) => o[0]!));
    study.set({ status: 'done', result, values: { availability: v.it_availability, gpuHoursLost: v.gpu_hours_lost }, scenario: key.designs[0]!.scenario });
  } catch (e) {
    fail((e as Error).message);
  }
}
