/**
 * A Monte Carlo study (sim/analysis/montecarlo.ts) across cores: the reference runs here while the
 * threads start, then the replicates in ranges handed to whichever thread is free. Every replicate is a
 * function of its index, and the outcomes are put back in index order, so the result is the same bit
 * for bit on any number of threads — and for any split into shards (`--shard i/n`, then `dctwin merge`).
 */
import type { Scenario } from '../scenario/schema';
import { studyKey, runReplicate, runReplicates, shardRange, assembleMonteCarlo, type MonteCarloOptions, type MonteCarloPartial, type MonteCarloResult, type ReplicateOutcome, type StudyKey } from '../analysis/montecarlo';
import { Pool, threadsWanted } from './pool';
import { SMALL_MS } from './sweepParallel';

export interface StudyRun {
  key: StudyKey;
  reference: ReplicateOutcome[];
  /** Outcomes of replicates [from, to), [replicate][design]. */
  outcomes: ReplicateOutcome[][];
  from: number;
  to: number;
  /** Threads used (1: this one). */
  workers: number;
}

/** Replicates [from, to) (default: all) of the designs on up to `workers` threads ('auto': the cores, or one when short). */
export async function runStudy(designs: readonly Scenario[], opts: MonteCarloOptions, workers: number | 'auto', shard: { index: number; count: number } | null, onReplicate?: (done: number, total: number) => void): Promise<StudyRun> {
  const key = studyKey(designs, opts);
  const [from, to] = shard ? shardRange(key.replicates, shard.index, shard.count) : [0, key.replicates];
  const count = to - from;
  const pool = new Pool('montecarlo', { designs, key }, Math.min(threadsWanted(workers), Math.max(1, count)));
  try {
    const t0 = performance.now();
    const reference = designs.map((s) => runReplicate(s, key, null));
    const small = workers === 'auto' && (performance.now() - t0) * count < SMALL_MS;
    // Ranges small enough to keep every thread busy to the end (8 per thread), large enough that a
    // message per range costs nothing beside the runs in it.
    const threads = small ? 1 : Math.max(1, pool.size);
    const size = Math.max(1, Math.min(64, Math.floor(count / (threads * 8))));
    const ranges: [number, number][] = [];
    for (let a = from; a < to; a += size) ranges.push([a, Math.min(to, a + size)]);
    pool.limit(small ? 0 : ranges.length);
    let done = 0;
    const parts = await pool.run(ranges, ([a, b]) => runReplicates(designs, key, a, b), (_, k) => { done += ranges[k]![1] - ranges[k]![0]; onReplicate?.(done, count); });
    return { key, reference, outcomes: parts.flat(), from, to, workers: Math.max(1, pool.size) };
  } finally {
    pool.close();
  }
}

export function studyResult(run: StudyRun): MonteCarloResult {
  return assembleMonteCarlo(run.key, run.reference, run.outcomes);
}

export function studyPartial(run: StudyRun, shard: { index: number; count: number }): MonteCarloPartial {
  return {
    format: 'dctwin-montecarlo-partial', version: 1, study: run.key, shard,
    reference: run.reference,
    replicates: run.outcomes.map((outcomes, k) => ({ index: run.from + k, outcomes })),
  };
}
