/**
 * The one list of per-frame series. FrameData's arrays, their allocation, the worker's chunk slicing and
 * transfer list, the protocol's chunk type and the page's frame buffer are all derived from FRAME_SERIES,
 * so adding a series is one line here (plus the line in Frames.capture that fills it).
 *
 * Every series is frame-major: value k of frame f sits at [f * width + k], where width is the count of
 * the thing the series is `per` (1 for `frame`).
 */

/** Typed-array kind of a series. */
export type SeriesKind = 'f64' | 'f32' | 'u8';
/** What a series has one value of, per frame. */
export type SeriesPer = 'frame' | 'rack' | 'cdu' | 'crah' | 'chiller' | 'freeCooler' | 'power' | 'battery';

export interface SeriesSpec {
  kind: SeriesKind;
  per: SeriesPer;
  unit: string;
  description: string;
}

export const FRAME_SERIES = {
  t: { kind: 'f64', per: 'frame', unit: 's', description: 'time of the frame' },
  rackTemperature: { kind: 'f32', per: 'rack', unit: '°C', description: 'DLC coolant, immersion bath, or inlet air of an air-cooled rack' },
  rackPower: { kind: 'f32', per: 'rack', unit: 'kW', description: 'IT power' },
  rackState: { kind: 'u8', per: 'rack', unit: 'code', description: '0 normal, 1 throttled, 2 tripped; +4 when unpowered; +8 when failed (a scenario failure, tripped)' },
  cduSupply: { kind: 'f32', per: 'cdu', unit: '°C', description: 'TCS supply' },
  cduReturn: { kind: 'f32', per: 'cdu', unit: '°C', description: 'TCS return' },
  cduFlow: { kind: 'f32', per: 'cdu', unit: 'share', description: 'flow as a share of design' },
  hallAir: { kind: 'f32', per: 'frame', unit: '°C', description: 'hall (inlet) air' },
  fwsSupply: { kind: 'f32', per: 'frame', unit: '°C', description: 'facility water supply' },
  itPower: { kind: 'f32', per: 'frame', unit: 'kW', description: 'IT power of the hall' },
  facilityPower: { kind: 'f32', per: 'frame', unit: 'kW', description: 'IT + pumps + fans + chillers + free-cooling fans' },
  cduState: { kind: 'u8', per: 'cdu', unit: 'code', description: '0 normal, 1 degraded (a pump down), 2 failed, 3 unpowered' },
  crahState: { kind: 'u8', per: 'crah', unit: 'code', description: '0 normal, 2 failed, 3 unpowered' },
  chillerState: { kind: 'u8', per: 'chiller', unit: 'code', description: '0 cooling, 1 restarting (or starting after staging on), 2 failed, 3 unpowered, 4 standby (staged off by chiller staging: in service, not running)' },
  freeCoolerState: { kind: 'u8', per: 'freeCooler', unit: 'code', description: '0 normal, 2 failed, 3 unpowered' },
  powerState: { kind: 'u8', per: 'power', unit: 'code', description: 'HallLayout.power order: 0 live, 1 on reserve (UPS on battery, bus on generator, generator running), 2 dead or failed, 3 starting (a generator in its start delay)' },
  upsSoc: { kind: 'f32', per: 'power', unit: 'share', description: "HallLayout.power order: a UPS battery's stored energy over its full energy, 0–1 (NaN for elements without one)" },
  batterySoc: { kind: 'f32', per: 'battery', unit: 'share', description: 'storage battery (power.batteries, HallLayout.batteries order): stored energy over its capacity, 0–1' },
  batteryPower: { kind: 'f32', per: 'battery', unit: 'kW', description: 'storage battery power into its bus over the last step: + discharging, − charging' },
  batteryState: { kind: 'u8', per: 'battery', unit: 'code', description: '0 charging or discharging, 1 empty while its bus imports above the limit, 2 failed (off line), 3 unpowered (its bus dead), 4 standby (idle: full, or its bus within the limit)' },
} as const satisfies Record<string, SeriesSpec>;

export type SeriesName = keyof typeof FRAME_SERIES;
export const SERIES_NAMES = Object.keys(FRAME_SERIES) as SeriesName[];

interface ArrayOfKind { f64: Float64Array; f32: Float32Array; u8: Uint8Array }
/** The arrays of every series, typed from the table. */
export type FrameSeries = { [K in SeriesName]: ArrayOfKind[(typeof FRAME_SERIES)[K]['kind']] };

const CTOR = { f64: Float64Array, f32: Float32Array, u8: Uint8Array } as const;

/** How many of each thing a frame holds values for (the widths of the series). */
export interface FrameCounts { racks: number; cdus: number; crahs: number; chillers: number; freeCoolers: number; power: number; batteries: number }

export const NO_COUNTS: FrameCounts = { racks: 0, cdus: 0, crahs: 0, chillers: 0, freeCoolers: 0, power: 0, batteries: 0 };

/** Values of one series per frame. */
export function seriesWidth(name: SeriesName, n: FrameCounts): number {
  switch (FRAME_SERIES[name].per) {
    case 'frame': return 1;
    case 'rack': return n.racks;
    case 'cdu': return n.cdus;
    case 'crah': return n.crahs;
    case 'chiller': return n.chillers;
    case 'freeCooler': return n.freeCoolers;
    case 'power': return n.power;
    case 'battery': return n.batteries;
  }
}

/** Bytes one frame takes over all series. */
export function bytesPerFrame(n: FrameCounts): number {
  let b = 0;
  for (const k of SERIES_NAMES) b += seriesWidth(k, n) * CTOR[FRAME_SERIES[k].kind].BYTES_PER_ELEMENT;
  return b;
}

/** Zeroed arrays for `capacity` frames. */
export function allocSeries(capacity: number, n: FrameCounts): FrameSeries {
  const out: Record<string, Float64Array | Float32Array | Uint8Array> = {};
  for (const k of SERIES_NAMES) out[k] = new CTOR[FRAME_SERIES[k].kind](capacity * seriesWidth(k, n));
  return out as FrameSeries;
}

/** Copies of frames [from, to) of every series, in fresh buffers (so they can be transferred). */
export function sliceSeries(src: FrameSeries, n: FrameCounts, from: number, to: number): FrameSeries {
  const out: Record<string, Float64Array | Float32Array | Uint8Array> = {};
  for (const k of SERIES_NAMES) { const w = seriesWidth(k, n); out[k] = src[k].slice(from * w, to * w); }
  return out as FrameSeries;
}

/** Writes frames [from, to) of `src` (indices within src) at frame `at` of `dst`. */
export function copySeries(dst: FrameSeries, at: number, src: FrameSeries, n: FrameCounts, from: number, to: number): void {
  for (const k of SERIES_NAMES) {
    const w = seriesWidth(k, n);
    (dst[k] as Uint8Array).set((src[k] as Uint8Array).subarray(from * w, to * w), at * w);
  }
}

/** The buffers under every series (a transfer list). */
export function seriesBuffers(s: FrameSeries): ArrayBuffer[] {
  return SERIES_NAMES.map((k) => s[k].buffer as ArrayBuffer);
}
