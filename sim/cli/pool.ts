/**
 * The N-1 sweep across cores with Node's worker_threads. The plan (which runs, which case reads which)
 * and the healthy run are made here while the threads start; each worker compiles the plan's scenario afresh for every run it is handed, one at a
 * time as it finishes the last (so a slow case does not hold a queue behind it), and posts back the run's
 * outcome. The result is assembled in plan order, so it is the same, bit for bit, whatever the number of
 * workers: each run is deterministic and shares nothing with the others.
 *
 * The worker is the CLI bundle itself, started again in a thread with a flag in its workerData (the
 * bundle's entry asks `isSweepWorker()` first): one file to ship, nothing to locate at run time. The
 * browser will need its own pool (Web Workers); the API's `sweep()` stays in one thread.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Scenario } from '../scenario/schema';
import { planSweep, sweptScenario, runSweepCase, assembleSweep, type SweepOptions, type SweepResult, type SweepRun, type RunOutcome, type SweepPlan } from '../analysis/sweep';

const FLAG = 'dctwin-sweep-worker';

/**
 * Runs expected to take less than this in all (the healthy run's time × the runs; that first run is the
 * coldest, so this overestimates) stay in this thread with `auto`: starting threads (each loads the
 * bundle and warms its JIT) took ~1 s on the 2-core machine, so below ~2 s of runs one thread is done first.
 */
const SMALL_MS = 2000;

interface Setup { flag: typeof FLAG; base: SweepPlan['base']; until: SweepPlan['until'] }
type Job = { k: number; run: SweepRun | null };
type Reply = { k: number; outcome: RunOutcome } | { k: number; error: string };

let entry: URL | null = null;

/** The script worker threads start: the bundled CLI names itself at start-up. Without it the sweep runs in this thread. */
export function setWorkerEntry(url: string | URL): void { entry = new URL(url); }

/** Whether this thread is a sweep worker (the bundle then serves runs instead of parsing arguments). */
export function isSweepWorker(): boolean {
  return !isMainThread && (workerData as Partial<Setup> | null)?.flag === FLAG;
}

/** A worker's life: run each job it is sent on the plan's scenario and post the outcome (or the error) back. */
export function serveSweep(): void {
  const { base, until } = workerData as Setup;
  const port = parentPort!;
  port.on('message', (job: Job | null) => {
    if (job === null) { port.close(); return; }
    let reply: Reply;
    try { reply = { k: job.k, outcome: runSweepCase({ base, until }, job.run) }; }
    catch (e) { reply = { k: job.k, error: (e as Error).message }; }
    port.postMessage(reply);
  });
}

/**
 * The sweep on up to `workers` threads (never more than it has runs); 'auto': the cores available, or
 * none when the runs are short;
 * returns the result and the number of threads used. One worker, or no worker entry, runs in this thread.
 */
export async function sweepParallel(scenario: Scenario, opts: SweepOptions, workers: number | 'auto'): Promise<{ result: SweepResult; workers: number }> {
  // Threads start loading while this one plans: they need only the scenario every run compiles.
  const setup: Setup = { flag: FLAG, base: sweptScenario(scenario, opts), until: opts.until };
  const threads: Worker[] = [];
  const wanted = workers === 'auto' ? availableParallelism() : Math.max(1, Math.floor(workers));
  let startFailure: Error | null = null;
  if (wanted > 1 && entry !== null) {
    for (let w = 0; w < wanted; w++) {
      const t = new Worker(entry, { workerData: setup });
      t.on('error', (e) => { startFailure ??= e; }); // while planning; reported when the runs start
      threads.push(t);
    }
  }
  try {
    const plan = planSweep(scenario, opts);
    const jobs: (SweepRun | null)[] = [null, ...plan.runs];
    const outcomes: RunOutcome[] = new Array<RunOutcome>(jobs.length);
    // The healthy run here while the threads load; its time says whether threads are worth their start.
    const t0 = performance.now();
    outcomes[0] = runSweepCase(plan, null);
    opts.onRun?.(1, jobs.length);
    const small = workers === 'auto' && (performance.now() - t0) * plan.runs.length < SMALL_MS;
    // At most one thread per run: the rest stop unused.
    for (const t of threads.splice(small ? 0 : plan.runs.length)) void t.terminate();
    if (threads.length < 2) {
      for (let i = 1; i < jobs.length; i++) { outcomes[i] = runSweepCase(plan, jobs[i]!); opts.onRun?.(i + 1, jobs.length); }
      return { result: assembleSweep(scenario, plan, outcomes[0], outcomes.slice(1), opts.repair), workers: 1 };
    }
    await new Promise<void>((resolve, reject) => {
      if (startFailure) { reject(startFailure); return; }
      let next = 1, done = 1;
      for (const worker of threads) {
        let busy = false;
        const feed = () => {
          busy = next < jobs.length;
          if (busy) { const i = next++; worker.postMessage({ k: i, run: jobs[i]! } satisfies Job); }
          else worker.postMessage(null);
        };
        worker.on('message', (m: Reply) => {
          if ('error' in m) { reject(new Error(m.error)); return; }
          busy = false;
          outcomes[m.k] = m.outcome;
          opts.onRun?.(++done, jobs.length);
          if (done === jobs.length) resolve();
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => { if (busy) reject(new Error(`a sweep worker stopped (exit code ${code}) in the middle of a run`)); });
        feed();
      }
    });
    return { result: assembleSweep(scenario, plan, outcomes[0]!, outcomes.slice(1), opts.repair), workers: threads.length };
  } finally {
    for (const t of threads) void t.terminate();
  }
}
