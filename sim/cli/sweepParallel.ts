/**
 * The N-1 sweep across cores (sim/cli/pool.ts). The plan (which runs, which case reads which) and the
 * healthy run are made here while the threads start; each thread compiles the plan's scenario afresh for
 * every run it is handed. The result is assembled in plan order: the same bit for bit on any number of
 * threads. The API's `sweep()` stays in one thread.
 */
import type { Scenario } from '../scenario/schema';
import { planSweep, sweptScenario, runSweepCase, assembleSweep, type SweepOptions, type SweepResult } from '../analysis/sweep';
import { Pool, threadsWanted } from './pool';

/**
 * Runs expected to take less than this in all (the healthy run's time × the runs; that first run is the
 * coldest, so this overestimates) stay in this thread with `auto`: starting threads (each loads the
 * bundle and warms its JIT) took ~1 s on the 2-core machine, so below ~2 s of runs one thread is done first.
 */
export const SMALL_MS = 2000;

/**
 * The sweep on up to `workers` threads (never more than it has runs); 'auto': the cores available, or
 * none when the runs are short; returns the result and the number of threads used.
 */
export async function sweepParallel(scenario: Scenario, opts: SweepOptions, workers: number | 'auto'): Promise<{ result: SweepResult; workers: number }> {
  // Threads start loading while this one plans: they need only the scenario every run compiles.
  const pool = new Pool('sweep', { base: sweptScenario(scenario, opts), until: opts.until }, threadsWanted(workers));
  try {
    const plan = planSweep(scenario, opts);
    const total = plan.runs.length + 1;
    // The healthy run here while the threads load; its time says whether threads are worth their start.
    const t0 = performance.now();
    const healthy = runSweepCase(plan, null);
    opts.onRun?.(1, total);
    const small = workers === 'auto' && (performance.now() - t0) * plan.runs.length < SMALL_MS;
    pool.limit(small ? 0 : plan.runs.length); // at most one thread per run
    const outcomes = await pool.run(plan.runs, (run) => runSweepCase(plan, run), (done) => opts.onRun?.(done + 1, total));
    return { result: assembleSweep(scenario, plan, healthy, outcomes, opts.repair), workers: Math.max(1, pool.size) };
  } finally {
    pool.close();
  }
}
