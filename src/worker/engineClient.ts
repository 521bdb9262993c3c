/** The page's handle on the engine worker (one worker for the app's lifetime). */
import { wrap, proxy, type Remote } from 'comlink';
import type { EngineApi, FrameChunk, RunProgress, RunRequest, RunResult } from './protocol';

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

/** Starts a run; callbacks are proxied so the worker can stream progress and frame chunks back. */
export function startRun(req: RunRequest, onProgress: (p: RunProgress) => void, onChunk: (c: FrameChunk) => void): Promise<RunResult> {
  return engine().run(req, proxy(onProgress), proxy(onChunk));
}

export function cancelRun(): Promise<void> {
  return engine().cancel();
}
