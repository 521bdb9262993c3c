/**
 * The page's copy of a run's frames: allocated once from the first chunk's shape, filled in place as
 * transferred chunks arrive. Mutable on purpose (10,000 racks × 2,000 frames); readers key off `version`.
 */
import type { FrameChunk, FrameShape } from '../worker/protocol';
import { allocSeries, copySeries, NO_COUNTS, type FrameCounts, type FrameSeries } from '../../sim/run/frameSeries';

// The series' arrays (rackTemperature, cduState, …) are fields of the buffer, as FRAME_SERIES lists them.
export interface FrameBuffer extends FrameSeries {}

export class FrameBuffer {
  shape: FrameShape = { capacity: 0, interval: 1, ...NO_COUNTS };
  count = 0;
  version = 0;

  constructor() {
    Object.assign(this, allocSeries(0, NO_COUNTS));
  }

  clear(): void {
    this.count = 0;
    this.version++;
  }

  append(c: FrameChunk): void {
    this.appendFrames(c, 0, c.count);
  }

  /** Copies frames [from, to) of a chunk (indices within the chunk), so a large chunk can go in pieces. */
  appendFrames(c: FrameChunk, from: number, to: number): void {
    const s = c.shape;
    if (s.capacity !== this.t.length || !sameCounts(s, this.shape)) {
      Object.assign(this, allocSeries(s.capacity, s));
    }
    this.shape = s;
    copySeries(this, c.start + from, c, s, from, to);
    this.count = Math.max(this.count, c.start + to);
    this.version++;
  }

  /** Index of the last frame at or before t (frames are in time order); −1 when there are none. */
  frameAt(t: number): number {
    if (this.count === 0) return -1;
    let lo = 0, hi = this.count - 1;
    if (t >= this.t[hi]!) return hi;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.t[mid]! <= t + 1e-6) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  /** Index of the frame closest to t; −1 when there are none. */
  frameNearest(t: number): number {
    const f = this.frameAt(t);
    if (f < 0 || f + 1 >= this.count) return f;
    return t - this.t[f]! <= this.t[f + 1]! - t ? f : f + 1;
  }

  /** Index of the first frame at or after t (the first that can show what happened at t), else the last. */
  frameFrom(t: number): number {
    const f = this.frameAt(t);
    if (f < 0 || this.t[f]! >= t - 1e-6 || f + 1 >= this.count) return f;
    return f + 1;
  }

  /** A copy of the frames so far, sized to them (a pinned baseline keeps it while the next run fills this one). */
  snapshot(): FrameBuffer {
    const copy = new FrameBuffer();
    Object.assign(copy, allocSeries(this.count, this.shape));
    copySeries(copy, 0, this, this.shape, 0, this.count);
    copy.shape = { ...this.shape, capacity: this.count };
    copy.count = this.count;
    return copy;
  }

  get end(): number {
    return this.count > 0 ? this.t[this.count - 1]! : 0;
  }
}

function sameCounts(a: FrameShape, b: FrameShape): boolean {
  return (Object.keys(NO_COUNTS) as (keyof FrameCounts)[]).every((k) => a[k] === b[k]);
}

/** The one buffer of the session (the current run). */
export const frames = new FrameBuffer();
