/**
 * The time cursor: simulated seconds shown by the 3D view, charts, KPIs and inspector. A signal, not
 * React state, because playback moves it every animation frame; React readers sample it at a few Hz.
 *
 * One moment, one truth: once a run has frames, the cursor only ever holds the time of a frame. Every
 * view reads the frame at the cursor, so the hall's colours, the inspector, the chart cursor, the KPIs
 * and the timeline readout all show the same instant, and the time they print is that frame's time.
 * A request for any other instant (an alarm, a click on a chart, playback) goes through `showInstant`,
 * which picks the frame to show.
 */
import { useEffect, useState } from 'react';
import { createSignal } from './store';
import { frames } from './frameBuffer';

export const cursor = createSignal(0);

/** While a run streams in, the cursor rides on the newest frame until the user scrubs. */
export const followLive = createSignal(true);

/**
 * How an instant the run has no frame for is shown: the closest frame (scrubbing, chart clicks), or
 * the first frame at or after it (an alarm or event: the frame that already shows its consequence).
 */
export type Snap = 'nearest' | 'from';

/** The frame time `showInstant(t, snap)` would move to (t itself when there are no frames). */
export function snapToFrame(t: number, snap: Snap = 'nearest'): number {
  const f = snap === 'from' ? frames.frameFrom(t) : frames.frameNearest(t);
  return f < 0 ? t : frames.t[f]!;
}

/** The user picked an instant: stop following the live run and show the frame for it. */
export function showInstant(t: number, snap: Snap = 'nearest'): void {
  followLive.set(false);
  cursor.set(snapToFrame(t, snap));
}

/** Steps the cursor by `n` frames (keyboard scrubbing). */
export function stepFrames(n: number): void {
  if (frames.count === 0) return;
  const f = Math.max(0, Math.min(frames.count - 1, frames.frameNearest(cursor.get()) + n));
  followLive.set(false);
  cursor.set(frames.t[f]!);
}

/** The cursor for React components, re-rendering at most `hz` times a second. */
export function useCursor(hz = 8): number {
  const [t, setT] = useState(cursor.get());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const unsubscribe = cursor.subscribe(() => {
      if (timer) return;
      const wait = Math.max(0, 1000 / hz - (performance.now() - last));
      timer = setTimeout(() => {
        timer = null;
        last = performance.now();
        setT(cursor.get());
      }, wait);
    });
    setT(cursor.get());
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [hz]);
  return t;
}

/** Playback is running (the timeline advances the cursor every animation frame). */
export const playing = createSignal(false);
