/**
 * FRAME_SERIES is the one list of per-frame series: the engine's FrameData, the worker's chunks and the
 * page's buffer all follow it. A series missing from it would silently not reach the page.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText, runScenario, type FrameData } from '../../sim/api';
import { FRAME_SERIES, SERIES_NAMES, seriesWidth, type SeriesName } from '../../sim/run/frameSeries';
import { frameCounts } from '../../sim/run/frames';
import { sliceFrames } from '../../src/worker/engineApi';
import { FrameBuffer } from '../../src/state/frameBuffer';
import { equipmentState } from '../../src/state/equipmentStates';
import { rackState } from '../../src/twin/metrics';

/** FrameData's fields that are not series: the counts that size them. */
const NOT_SERIES = ['count', 'interval', 'racks', 'cdus', 'equipment'] as const;
// Compile-time half of the check: every FrameData key is a series or one of the counts.
const covered: Record<Exclude<keyof FrameData, SeriesName | (typeof NOT_SERIES)[number]>, never> = {};
void covered;

const CTOR = { f64: Float64Array, f32: Float32Array, u8: Uint8Array } as const;

function runWith(model: string, extra = '') {
  const text = readFileSync(new URL(`../../models/${model}`, import.meta.url), 'utf8');
  const r = loadText(extra ? text.replace('\nlimits:', `${extra}\nlimits:`) : text, model);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, { frameInterval: 10 });
}
const run = (model: string, extra = ''): FrameData => runWith(model, extra).frames;

describe('the frame-series table', () => {
  const { frames: data, layout } = runWith('utility-loss-pumps-off-ups.yaml');

  it('covers every FrameData field, with the kind and width it lists', () => {
    const n = frameCounts(data);
    expect(n.power).toBeGreaterThan(0);
    expect(n.chillers).toBeGreaterThan(0);
    const keys = Object.keys(data).filter((k) => !(NOT_SERIES as readonly string[]).includes(k)).sort();
    expect(keys).toEqual([...SERIES_NAMES].sort());
    const capacity = data.t.length;
    for (const k of SERIES_NAMES) {
      expect(data[k], k).toBeInstanceOf(CTOR[FRAME_SERIES[k].kind]);
      expect(data[k].length, k).toBe(capacity * seriesWidth(k, n));
    }
  });

  it('a chunk sliced for the worker round-trips into the page buffer identically', () => {
    const capacity = data.t.length, half = Math.floor(data.count / 2);
    const fb = new FrameBuffer();
    // Two chunks, as a run sends them, each through a structured clone with its buffers transferred.
    for (const [from, to] of [[0, half], [half, data.count]] as const) {
      const chunk = sliceFrames({ ...data, count: to }, from, capacity);
      expect(Object.keys(chunk).filter((k) => k !== 'shape' && k !== 'start' && k !== 'count').sort()).toEqual([...SERIES_NAMES].sort());
      const moved = structuredClone(chunk, { transfer: SERIES_NAMES.map((k) => chunk[k].buffer as ArrayBuffer) });
      expect(chunk.rackTemperature.byteLength).toBe(0); // transferred, not copied
      // The page takes a chunk in pieces.
      fb.appendFrames(moved, 0, 1);
      fb.appendFrames(moved, 1, moved.count);
    }
    expect(fb.count).toBe(data.count);
    expect(fb.shape).toEqual({ capacity, interval: data.interval, ...frameCounts(data) });
    for (const k of SERIES_NAMES) {
      const w = seriesWidth(k, fb.shape);
      expect(fb[k], k).toBeInstanceOf(CTOR[FRAME_SERIES[k].kind]);
      expect(Array.from(fb[k].subarray(0, data.count * w)), k).toEqual(Array.from(data[k].subarray(0, data.count * w)));
    }
    // Equipment state reaches the page: the UPS goes on battery when the utility is lost.
    // Equipment state reaches the page, read at the shown frame (not rebuilt from alarms): at 3,620 s the
    // utility is lost, the UPS is on battery, the CDUs have no power and the chillers neither.
    const f = fb.frameAt(3620);
    expect(equipmentState(fb, layout, 'ups-A', f)).toBe('degraded');
    expect(equipmentState(fb, layout, layout.cdus[0]!.id, f)).toBe('unpowered');
    expect(equipmentState(fb, layout, layout.chillers[0]!.id, f)).toBe('unpowered');
    expect(equipmentState(fb, layout, layout.chillers[0]!.id, fb.frameAt(3000))).toBe('normal');
    expect(equipmentState(fb, layout, 'gen-A', f)).toBe('restarting'); // in its 30 s start delay
    expect(equipmentState(fb, layout, 'gen-A', fb.frameAt(3000))).toBe('normal');
    expect(equipmentState(fb, layout, 'gen-A', fb.frameAt(3700))).toBe('normal'); // on line, carrying the bus
    expect(equipmentState(fb, layout, 'no-such-thing', f)).toBeNull();
  });

  it('marks a failed rack apart from a thermal trip (+8), until it is repaired', () => {
    const failed = run('dlc-hall.yaml', '  - { at: 2 h, fail: row-A-01 }\n  - { at: 3 h, repair: row-A-01 }\n');
    const rack = 0; // row-A-01 is the first rack
    const code = (t: number) => failed.rackState[Math.round(t / failed.interval) * failed.racks + rack]!;
    expect(code(1.5 * 3600)).toBe(0);
    expect(code(2.5 * 3600) & 8).toBe(8);
    expect(code(2.5 * 3600) & 3).toBe(2);
    expect(code(3.5 * 3600) & 8).toBe(0);
    const fb = new FrameBuffer();
    fb.append(sliceFrames(failed, 0, failed.t.length));
    expect(rackState(fb, fb.frameAt(2.5 * 3600), rack)).toBe('failed');
    expect(rackState(fb, fb.frameAt(1.5 * 3600), rack)).toBe('normal');
  });
});
