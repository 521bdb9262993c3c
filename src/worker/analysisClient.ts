/**
 * Workers for the planner's analyses (analysis.worker.ts), one lane per kind — headroom, N-1 sweep — so
 * both can be open at once beside a run. A lane keeps its worker between calls (a fresh one parses the
 * engine again); a call cancelled or superseded while it runs terminates the worker, the only way to stop
 * a synchronous analysis, and the next call starts a fresh one. A worker that crashes ends its call as an
 * error. The run worker (engineClient.ts) is never involved.
 */
import { wrap, type Remote } from 'comlink';
import type { AnalysisApi } from './protocol';

export type LaneOutcome<T> = { status: 'done'; value: T } | { status: 'cancelled' } | { status: 'error'; message: string };

interface Call { settle(o: LaneOutcome<never>): void }

export class AnalysisLane {
  private worker: Worker | null = null;
  private remote: Remote<AnalysisApi> | null = null;
  private current: Call | null = null;

  /** Runs `call` on the lane's worker; a call still running is cancelled first (its outcome: cancelled). */
  async start<T>(call: (api: Remote<AnalysisApi>) => Promise<T>): Promise<LaneOutcome<T>> {
    this.cancel();
    const api = this.api();
    let settle!: (o: LaneOutcome<never>) => void;
    const ended = new Promise<LaneOutcome<never>>((resolve) => { settle = resolve; });
    const mine: Call = { settle };
    this.current = mine;
    try {
      return await Promise.race([call(api).then((value) => ({ status: 'done', value }) as const), ended]);
    } catch (e) {
      return { status: 'error', message: e instanceof Error ? e.message : String(e) };
    } finally {
      if (this.current === mine) this.current = null;
    }
  }

  get busy(): boolean {
    return this.current !== null;
  }

  /** Stops the running call, if any, by terminating the worker. */
  cancel(): void {
    const c = this.current;
    if (!c) return;
    this.current = null;
    this.drop();
    c.settle({ status: 'cancelled' });
  }

  private drop(): void {
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
  }

  private api(): Remote<AnalysisApi> {
    if (this.remote) return this.remote;
    const w = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('error', (e) => {
      if (this.worker !== w) return;
      const c = this.current;
      this.current = null;
      this.drop();
      c?.settle({ status: 'error', message: `the analysis failed: ${e.message || 'worker error'}` });
    });
    this.worker = w;
    return (this.remote = wrap<AnalysisApi>(w));
  }
}
