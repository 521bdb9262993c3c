/**
 * A small pool of worker threads (Node's worker_threads) for studies made of many independent runs: the
 * N-1 sweep and Monte Carlo replicates. Each thread is set up once with plain data (the scenario its runs
 * compile), then handed one job at a time as it finishes the last, so a slow job does not hold a queue
 * behind it. Results come back into the slot of their job: the caller assembles them in job order, so
 * the answer is the same, bit for bit, whatever the number of threads — each job is deterministic and
 * shares nothing with the others.
 *
 * The worker is the CLI bundle itself, started again in a thread with a flag in its workerData (the
 * bundle's entry asks `isPoolWorker()` first and serves the task table of sim/cli/tasks.ts): one file to
 * ship, nothing to locate at run time. Without that entry (the API, tests importing the TypeScript) a
 * pool has no threads and runs its jobs in this thread. The browser needs its own pool (Web Workers).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

const FLAG = 'dctwin-pool-worker';

/** What a worker thread can do: from the task's set-up data, a function running one job. */
export type TaskTable = Record<string, (setup: never) => (job: never) => unknown>;

interface Setup { flag: typeof FLAG; task: string; data: unknown }
type Job = { k: number; job: unknown };
type Reply = { k: number; result: unknown } | { k: number; error: string };

let entry: URL | null = null;

/** The script worker threads start: the bundled CLI names itself at start-up. */
export function setWorkerEntry(url: string | URL): void { entry = new URL(url); }

/** Whether this thread is a pool worker (the bundle then serves jobs instead of parsing arguments). */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as Partial<Setup> | null)?.flag === FLAG;
}

/** A worker's life: set up its task, run each job it is sent and post the result (or the error) back. */
export function servePool(tasks: TaskTable): void {
  const { task, data } = workerData as Setup;
  const port = parentPort!;
  const make = tasks[task];
  let run: ((job: never) => unknown) | null = null;
  let failure: string | null = make ? null : `no task "${task}" in this worker`;
  if (make) {
    try { run = make(data as never); } catch (e) { failure = (e as Error).message; }
  }
  port.on('message', (m: Job | null) => {
    if (m === null) { port.close(); return; }
    let reply: Reply;
    if (!run) reply = { k: m.k, error: failure ?? 'worker not set up' };
    else {
      try { reply = { k: m.k, result: run(m.job as never) }; }
      catch (e) { reply = { k: m.k, error: (e as Error).message }; }
    }
    port.postMessage(reply);
  });
}

/** Threads for a `--workers` value: the number asked, or with 'auto' the cores available. */
export function threadsWanted(workers: number | 'auto'): number {
  return workers === 'auto' ? availableParallelism() : Math.max(1, Math.floor(workers));
}

export class Pool {
  private threads: Worker[] = [];
  private startFailure: Error | null = null;

  /**
   * Starts `wanted` threads for `task` at once (they load while the caller prepares its jobs); none when
   * fewer than two are wanted or there is no worker entry.
   */
  constructor(task: string, data: unknown, wanted: number) {
    if (wanted < 2 || entry === null) return;
    const setup: Setup = { flag: FLAG, task, data };
    for (let w = 0; w < wanted; w++) {
      const t = new Worker(entry, { workerData: setup });
      t.on('error', (e) => { this.startFailure ??= e; }); // before the jobs start; reported by run()
      this.threads.push(t);
    }
  }

  /** Threads in use: 0 means the jobs run in this thread. */
  get size(): number { return this.threads.length; }

  /** Keep at most `n` threads; with fewer than two left, none (one thread is this one). */
  limit(n: number): void {
    for (const t of this.threads.splice(n < 2 ? 0 : n)) void t.terminate();
  }

  /**
   * Every job, results in job order. `local` runs a job in this thread when the pool has no threads;
   * `onDone(done, k)` after each job (`done` jobs finished, the last one job k: progress).
   */
  async run<J, R>(jobs: readonly J[], local: (job: J) => R, onDone?: (done: number, k: number) => void): Promise<R[]> {
    const results = new Array<R>(jobs.length);
    if (this.threads.length === 0) {
      for (let i = 0; i < jobs.length; i++) { results[i] = local(jobs[i]!); onDone?.(i + 1, i); }
      return results;
    }
    if (jobs.length === 0) return results;
    await new Promise<void>((resolve, reject) => {
      if (this.startFailure) { reject(this.startFailure); return; }
      let next = 0, done = 0;
      for (const worker of this.threads) {
        let busy = false;
        const feed = () => {
          busy = next < jobs.length;
          if (busy) { const k = next++; worker.postMessage({ k, job: jobs[k] } satisfies Job); }
          else worker.postMessage(null);
        };
        worker.on('message', (m: Reply) => {
          if ('error' in m) { reject(new Error(m.error)); return; }
          busy = false;
          results[m.k] = m.result as R;
          onDone?.(++done, m.k);
          if (done === jobs.length) resolve();
          feed();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => { if (busy) reject(new Error(`a worker thread stopped (exit code ${code}) in the middle of a job`)); });
        feed();
      }
    });
    return results;
  }

  /** Stop every thread (after the jobs, or on an error). A pool serves one `run`. */
  close(): void {
    for (const t of this.threads.splice(0)) void t.terminate();
  }
}
