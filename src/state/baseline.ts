/**
 * A finished run pinned as the baseline: the next runs' charts draw its series beside theirs and the
 * KPI bar shows each KPI's difference from it (the pumps-on-UPS run pinned, pumps-off-UPS run next).
 * It keeps its own copy of the frames, and lives in a store of its own, apart from the session's
 * results, so opening another model or file keeps it; only unpinning (or pinning another run) drops it.
 * It is not saved across a reload: a baseline is a moment's comparison, and frames of a large hall are
 * tens of megabytes.
 */
import type { HallLayout, Report } from '../worker/protocol';
import { createStore } from './store';
import { app } from './session';
import { frames, type FrameBuffer } from './frameBuffer';

export interface Baseline {
  report: Report;
  frames: FrameBuffer;
  layout: HallLayout;
  /** The built-in model's name or the file's, as the model picker shows it. */
  source: string;
  /** The scenario's own `name`. */
  scenarioName: string;
  /** The scenario had unsaved edits when it ran. */
  edited: boolean;
  /** The run was older than the latest edit when pinned. */
  stale: boolean;
  /** When it was pinned (wall clock, ms). */
  pinnedAt: number;
}

export const baseline = createStore<{ pinned: Baseline | null }>({ pinned: null });

/** Pins the finished run on the page (replacing any earlier baseline). */
export function pinBaseline(): void {
  const s = app.get();
  if (s.sim !== 'done' || !s.report || !s.layout || frames.count === 0) return;
  baseline.set({
    pinned: {
      report: s.report, frames: frames.snapshot(), layout: s.layout, source: s.source?.name ?? s.fileName,
      scenarioName: s.scenarioName, edited: s.edited, stale: s.resultsStale, pinnedAt: Date.now(),
    },
  });
}

export function unpinBaseline(): void {
  baseline.set({ pinned: null });
}

/** What the page calls it: the model (or file) and when it was pinned. */
export const baselineTitle = (b: Baseline) =>
  `${b.source}${b.edited ? ' (edited)' : ''}${b.stale ? ' (before later edits)' : ''} · pinned ${new Date(b.pinnedAt).toLocaleTimeString()}`;
