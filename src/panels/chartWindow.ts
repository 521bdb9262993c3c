/**
 * What a chart draws of a time window. With few frames per pixel column: every frame. With many (a day
 * of a large hall whose training checkpoints swing power every 30 min): for each column the lowest and
 * highest value, so fast swings read as an envelope when zoomed out and in detail when zoomed in,
 * instead of an aliased comb. All charts share one window (drag on a chart to zoom, double-click to
 * see the whole run): the time axes always line up.
 */
import { createSignal } from '../state/store';

/** [from, to] in simulated seconds, or null for the whole run. */
export const chartWindow = createSignal<readonly [number, number] | null>(null);

type Values = Float32Array | Float64Array;

/** First index with t[i] >= x (t sorted), in [0, n]. */
function lowerBound(t: Float64Array, n: number, x: number): number {
  let lo = 0, hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Pixels per envelope column: wide enough that a column of a day spans a 30-minute checkpoint cycle. */
const ENVELOPE_PX = 6;

/** Per series an upper and a lower line: the same array when every frame is drawn, max and min of a column otherwise. */
export interface WindowData { x: Values; hi: Values[]; lo: Values[] }

/**
 * The window [from, to] drawn `width` pixels wide: the frames themselves (with one frame either side, so
 * lines reach the edges) while there is at most one frame per pixel; else, per ENVELOPE_PX column, the
 * highest and lowest value of each series, drawn as a band.
 */
export function windowData(t: Float64Array, n: number, series: readonly Values[], from: number, to: number, width: number): WindowData {
  const i0 = Math.max(0, lowerBound(t, n, from) - 1);
  const i1 = Math.min(n, lowerBound(t, n, to) + 1);
  if (i1 - i0 <= width) {
    const ys = series.map((s) => s.subarray(i0, i1));
    return { x: t.subarray(i0, i1), hi: ys, lo: ys };
  }
  const columns = Math.max(1, Math.floor(width / ENVELOPE_PX));
  const x = new Float64Array(columns);
  const hi = series.map(() => new Float32Array(columns)), lo = series.map(() => new Float32Array(columns));
  const step = (to - from) / columns;
  let out = 0, i = i0;
  for (let c = 0; c < columns; c++) {
    const end = c === columns - 1 ? i1 : lowerBound(t, n, from + (c + 1) * step);
    if (end <= i) continue; // no frame in this column
    x[out] = from + (c + 0.5) * step;
    series.forEach((s, k) => {
      let a = s[i]!, b = a;
      for (let j = i + 1; j < end; j++) { const v = s[j]!; if (v < a) a = v; else if (v > b) b = v; }
      lo[k]![out] = a;
      hi[k]![out] = b;
    });
    out++;
    i = end;
  }
  return { x: x.subarray(0, out), hi: hi.map((y) => y.subarray(0, out)), lo: lo.map((y) => y.subarray(0, out)) };
}
