/**
 * The page's copy of a run's frames: allocated once from the first chunk's shape, filled in place as
 * transferred chunks arrive. Mutable on purpose (10,000 racks × 2,000 frames); readers key off `version`.
 */
import type { FrameChunk, FrameShape } from '../worker/protocol';
import { RACK_SERIES, CDU_SERIES, HALL_SERIES } from '../worker/protocol';

export class FrameBuffer {
  shape: FrameShape = { capacity: 0, racks: 0, cdus: 0, interval: 1 };
  count = 0;
  version = 0;
  t = new Float64Array(0);
  rackTemperature = new Float32Array(0);
  rackPower = new Float32Array(0);
  rackState = new Uint8Array(0);
  cduSupply = new Float32Array(0);
  cduReturn = new Float32Array(0);
  cduFlow = new Float32Array(0);
  hallAir = new Float32Array(0);
  fwsSupply = new Float32Array(0);
  itPower = new Float32Array(0);
  facilityPower = new Float32Array(0);

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
    if (s.capacity !== this.t.length || s.racks !== this.shape.racks || s.cdus !== this.shape.cdus) {
      const n = s.capacity;
      this.t = new Float64Array(n);
      this.rackTemperature = new Float32Array(n * s.racks);
      this.rackPower = new Float32Array(n * s.racks);
      this.rackState = new Uint8Array(n * s.racks);
      this.cduSupply = new Float32Array(n * s.cdus);
      this.cduReturn = new Float32Array(n * s.cdus);
      this.cduFlow = new Float32Array(n * s.cdus);
      this.hallAir = new Float32Array(n);
      this.fwsSupply = new Float32Array(n);
      this.itPower = new Float32Array(n);
      this.facilityPower = new Float32Array(n);
    }
    this.shape = s;
    const R = s.racks, C = s.cdus, at = c.start + from;
    this.t.set(c.t.subarray(from, to), at);
    for (const k of RACK_SERIES) this[k].set(c[k].subarray(from * R, to * R), at * R);
    for (const k of CDU_SERIES) this[k].set(c[k].subarray(from * C, to * C), at * C);
    for (const k of HALL_SERIES) this[k].set(c[k].subarray(from, to), at);
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

  get end(): number {
    return this.count > 0 ? this.t[this.count - 1]! : 0;
  }
}

/** The one buffer of the session (the current run). */
export const frames = new FrameBuffer();
