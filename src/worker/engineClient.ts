/** The page's handle on the engine worker (one worker for the app's lifetime). */
import { wrap, proxy, type Remote } from 'comlink';
import type { EngineApi, FrameChunk, Report, RunProgress, RunRequest, RunResult, WireReport } from './protocol';

let remote: Remote<EngineApi> | null = null;
const errorListeners = new Set<(message: string) => void>();

export function engine(): Remote<EngineApi> {
  if (!remote) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    // A crashed worker (out of memory, a bug) never answers: say so instead of waiting forever.
    worker.addEventListener('error', (e) => errorListeners.forEach((l) => l(e.message || 'worker error')));
    remote = wrap<EngineApi>(worker);
  }
  return remote;
}

export function onWorkerError(listener: (message: string) => void): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

/** Starts a run; callbacks are proxied so the worker can stream progress and frame chunks back (and waits for each). */
export async function startRun(req: RunRequest, onProgress: (p: RunProgress) => void, onChunk: (c: FrameChunk) => void | Promise<void>): Promise<RunResult> {
  const result = await engine().run(req, proxy(onProgress), proxy(onChunk));
  return result.status === 'done' ? { ...result, report: fromWire(result.report) } : result;
}

/** The full report again; `final` is parsed the first time it is read. */
export function fromWire(wire: WireReport): Report {
  const { finalJson, ...rest } = wire;
  let final: Report['final'] | null = null;
  // Redefining the key `final` (kept by toWire) leaves it where buildReport put it.
  return Object.defineProperty(rest, 'final', {
    enumerable: true,
    configurable: true,
    get: () => (final ??= JSON.parse(finalJson) as Report['final']),
  }) as unknown as Report;
}

export function cancelRun(): Promise<void> {
  return engine().cancel();
}
