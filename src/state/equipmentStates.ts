/**
 * Equipment state at a frame, read from the frames' state series (cduState, crahState, chillerState,
 * freeCoolerState, powerState, batteryState; FRAME_SERIES gives their codes). The engine computes them at every frame,
 * so the page shows exactly the state at the shown instant and never rebuilds it from alarm kinds.
 */
import type { HallLayout } from '../worker/protocol';
import type { FrameBuffer } from './frameBuffer';
import type { SeriesName } from '../../sim/run/frameSeries';

/**
 * `standby`: in service and ready but not running — a chiller staged off, a storage battery idle. `empty`: a
 * storage battery with nothing left while its bus imports over its limit.
 */
export type EquipmentState = 'normal' | 'degraded' | 'restarting' | 'unpowered' | 'failed' | 'standby' | 'empty';

type StateSeries = Extract<SeriesName, 'cduState' | 'crahState' | 'chillerState' | 'freeCoolerState' | 'powerState' | 'batteryState'>;

/** Code → state, per series (index = the frame's code). */
const UNIT: readonly EquipmentState[] = ['normal', 'degraded', 'failed', 'unpowered'];
const CHILLER: readonly EquipmentState[] = ['normal', 'restarting', 'failed', 'unpowered', 'standby'];
/** Storage batteries: 0 charging or discharging, 1 empty while its bus is over the limit, 2 failed (off line), 3 bus dead, 4 idle. */
const BATTERY: readonly EquipmentState[] = ['normal', 'empty', 'failed', 'unpowered', 'standby'];
/**
 * Power elements: 0 live, 1 on reserve, 2 dead or failed, 3 starting. A UPS on battery shows degraded; a
 * bus on its generator and a running generator are doing their job and show normal; a generator in its
 * start delay shows restarting.
 */
const UPS: readonly EquipmentState[] = ['normal', 'degraded', 'failed'];
const POWER: readonly EquipmentState[] = ['normal', 'normal', 'failed', 'restarting'];

interface Where { series: StateSeries; k: number; codes: readonly EquipmentState[] }

const indexes = new WeakMap<HallLayout, Map<string, Where>>();

/** Where each piece of equipment's state sits in the frames (built once per layout). */
function indexOf(layout: HallLayout): Map<string, Where> {
  let m = indexes.get(layout);
  if (m) return m;
  m = new Map();
  layout.cdus.forEach((x, k) => m!.set(x.id, { series: 'cduState', k, codes: UNIT }));
  layout.crahs.forEach((x, k) => m!.set(x.id, { series: 'crahState', k, codes: UNIT }));
  layout.chillers.forEach((x, k) => m!.set(x.id, { series: 'chillerState', k, codes: CHILLER }));
  layout.freeCoolers.forEach((x, k) => m!.set(x.id, { series: 'freeCoolerState', k, codes: UNIT }));
  layout.power.forEach((x, k) => m!.set(x.id, { series: 'powerState', k, codes: x.kind === 'ups' ? UPS : POWER }));
  layout.batteries.forEach((x, k) => m!.set(x.id, { series: 'batteryState', k, codes: BATTERY }));
  indexes.set(layout, m);
  return m;
}

const WIDTH: Record<StateSeries, keyof FrameBuffer['shape']> = {
  cduState: 'cdus', crahState: 'crahs', chillerState: 'chillers', freeCoolerState: 'freeCoolers', powerState: 'power', batteryState: 'batteries',
};

/** State of equipment `id` at frame f; null when the frames hold no state for it (or f is no frame). */
export function equipmentState(fb: FrameBuffer, layout: HallLayout, id: string, f: number): EquipmentState | null {
  if (f < 0 || f >= fb.count) return null;
  const w = indexOf(layout).get(id);
  if (!w) return null;
  const width = fb.shape[WIDTH[w.series]];
  if (w.k >= width) return null; // frames of another layout
  return w.codes[fb[w.series][f * width + w.k]!] ?? 'normal';
}
