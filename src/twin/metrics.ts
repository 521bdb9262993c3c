/**
 * What the racks can be coloured by, and how each value is read from the frames at a frame index.
 * Everything comes from FrameData; ranges are fixed physical ones so colours mean the same across runs.
 */
import type { HallLayout } from '../worker/protocol';
import type { FrameBuffer } from '../state/frameBuffer';
import type { Metric } from '../state/session';
import { OKABE_ITO, UNPOWERED, type ScaleName } from './colorScales';

export type RackState = 'normal' | 'throttled' | 'tripped' | 'failed' | 'unpowered';

export const RACK_STATES: { state: RackState; color: string; label: string }[] = [
  { state: 'normal', color: OKABE_ITO.bluishGreen, label: 'normal' },
  { state: 'throttled', color: OKABE_ITO.orange, label: 'throttled (power capped)' },
  { state: 'tripped', color: OKABE_ITO.vermillion, label: 'tripped' },
  { state: 'failed', color: OKABE_ITO.reddishPurple, label: 'failed' },
  { state: 'unpowered', color: UNPOWERED, label: 'unpowered' },
];
export const RACK_STATE_INDEX: Record<RackState, number> = { normal: 0, throttled: 1, tripped: 2, failed: 3, unpowered: 4 };

export interface ContinuousMetric {
  id: Exclude<Metric, 'state'>;
  label: string;
  unit: string;
  scale: ScaleName;
  /** Why this range: shown under the legend. */
  note: string;
  domain(layout: HallLayout): [number, number];
  /** Value of rack r at frame f. */
  value(fb: FrameBuffer, f: number, r: number, layout: HallLayout): number;
}

export const CONTINUOUS: Record<Exclude<Metric, 'state'>, ContinuousMetric> = {
  coolant: {
    id: 'coolant', label: 'Coolant temperature', unit: '°C', scale: 'viridis',
    note: 'DLC: rack coolant; immersion: bath; air-cooled racks: inlet air',
    domain: () => [20, 60],
    value: (fb, f, r) => fb.rackTemperature[f * fb.shape.racks + r]!,
  },
  inlet: {
    id: 'inlet', label: 'Inlet air', unit: '°C', scale: 'viridis',
    note: 'one well-mixed hall air node: every rack sees the same inlet; 15–45 °C spans ASHRAE A1–A4',
    domain: () => [15, 45],
    value: (fb, f) => fb.hallAir[f]!,
  },
  power: {
    id: 'power', label: 'IT power', unit: 'kW', scale: 'viridis',
    note: 'up to the largest rack design power in the hall',
    domain: (layout) => [0, layout.racks.reduce((m, r) => Math.max(m, r.designPowerKw), 1)],
    value: (fb, f, r) => fb.rackPower[f * fb.shape.racks + r]!,
  },
  headroom: {
    id: 'headroom', label: 'Power headroom', unit: '%', scale: 'cividis',
    note: '1 − power / design power',
    domain: () => [0, 100],
    value: (fb, f, r, layout) => {
      const design = layout.racks[r]!.designPowerKw;
      return design > 0 ? 100 * (1 - fb.rackPower[f * fb.shape.racks + r]! / design) : 0;
    },
  },
};

/** State of rack r at frame f: frames say normal/throttled/tripped, +4 unpowered, +8 failed by the scenario. */
export function rackState(fb: FrameBuffer, f: number, r: number): RackState {
  const code = fb.rackState[f * fb.shape.racks + r]!;
  if (code & 4) return 'unpowered';
  if ((code & 3) === 2) return code & 8 ? 'failed' : 'tripped';
  return code === 1 ? 'throttled' : 'normal';
}

export const METRIC_LABELS: Record<Metric, string> = {
  coolant: 'Coolant temperature', inlet: 'Inlet air', power: 'IT power', headroom: 'Power headroom', state: 'State',
};
