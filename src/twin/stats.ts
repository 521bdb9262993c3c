/**
 * Render statistics for the overlay and for tests/benchmarks: `window.__dctwinStats`.
 * drawCalls is per frame (renderer.info is reset before each scene render, read after it).
 */
import type { SimState } from '../state/session';

export interface TwinStats {
  drawCalls: number;
  racks: number;
  fps: number;
  simState: SimState;
  triangles: number;
  /** Frames rendered since load. */
  renders: number;
  /** performance.now() of the first frame rendered with racks in it (null until then). */
  firstRackFrameAt: number | null;
  /** CPU time of the last render call, ms. */
  renderMs: number;
  /** performance.now() of the first frame rendered with the current hall (set again when another hall layout is shown). */
  hallFrameAt: number | null;
  /** Racks in that frame's hall. */
  hallFrameRacks: number;
  /** Shader programs the renderer holds (a new one is compiled and linked on the frame that first needs it). */
  programs: number;
}

declare global {
  interface Window {
    __dctwinStats: TwinStats;
  }
}

export const stats: TwinStats = { drawCalls: 0, racks: 0, fps: 0, simState: 'idle', triangles: 0, renders: 0, firstRackFrameAt: null, renderMs: 0, hallFrameAt: null, hallFrameRacks: 0, programs: 0 };
window.__dctwinStats = stats;

const renderTimes: number[] = [];

export function recordRender(at: number): void {
  stats.renders++;
  renderTimes.push(at);
  while (renderTimes.length && renderTimes[0]! < at - 1000) renderTimes.shift();
  stats.fps = renderTimes.length;
}

/** fps decays to 0 when the view is idle (frameloop "demand" renders nothing then). */
setInterval(() => {
  const now = performance.now();
  while (renderTimes.length && renderTimes[0]! < now - 1000) renderTimes.shift();
  stats.fps = renderTimes.length;
}, 500);
