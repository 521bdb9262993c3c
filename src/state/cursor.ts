/**
 * The time cursor: simulated seconds shown by the 3D view, charts, KPIs and inspector. A signal, not
 * React state, because playback moves it every animation frame; React readers sample it at a few Hz.
 */
import { useEffect, useState } from 'react';
import { createSignal } from './store';

export const cursor = createSignal(0);

/** While a run streams in, the cursor rides on the newest frame until the user scrubs. */
export const followLive = createSignal(true);

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
