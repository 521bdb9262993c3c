/** The chartable series, all computed from the run's FrameData (nothing else). */
import type { HallLayout } from '../worker/protocol';
import type { FrameBuffer } from '../state/frameBuffer';
import { OKABE_ITO } from '../twin/colorScales';

export type ChartId = 'power' | 'air' | 'cduSupply' | 'cduFlow' | 'rack' | 'battery';

export interface SeriesSpec { label: string; color: string; values: Float32Array | Float64Array; scale?: string; dash?: number[] }
export interface ChartSpec { id: ChartId; title: string; unit: string; series: SeriesSpec[]; unit2?: string }

export const CHARTS: { id: ChartId; title: string }[] = [
  { id: 'power', title: 'IT & facility power' },
  { id: 'air', title: 'Inlet air & FWS supply' },
  { id: 'cduSupply', title: 'CDU supply' },
  { id: 'cduFlow', title: 'CDU flow' },
  { id: 'rack', title: 'Selected rack' },
  { id: 'battery', title: 'Batteries' },
];

/** UPS elements with a battery (their state of charge is in the frames' upsSoc). */
const upsWithBattery = (fb: FrameBuffer, layout: HallLayout) =>
  layout.power.flatMap((p, k) => (p.kind === 'ups' && fb.count > 0 && Number.isFinite(fb.upsSoc[k]!) ? [k] : []));

/** Whether the hall has batteries to chart: storage on buses, or UPS batteries (known once frames came). */
export const hasBatteries = (layout: HallLayout) => layout.batteries.length > 0 || layout.power.some((p) => p.kind === 'ups');

const PALETTE = [OKABE_ITO.skyBlue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.yellow, OKABE_ITO.reddishPurple, OKABE_ITO.vermillion, '#9ecae1', '#c7e9c0', '#fdd0a2', '#dadaeb', '#bcbddc', '#d9d9d9'];
/** More CDUs than this are drawn as min / mean / max bands rather than one line each. */
const MAX_LINES = 12;

function scaled(src: Float32Array, n: number, k: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i]! * k;
  return out;
}

/** Column c of a frame-major [frame × width] array. */
function column(src: Float32Array, n: number, width: number, c: number, k = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = src[i * width + c]! * k;
  return out;
}

function envelope(src: Float32Array, n: number, width: number, k = 1): [Float32Array, Float32Array, Float32Array] {
  const lo = new Float32Array(n), mean = new Float32Array(n), hi = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let a = Infinity, b = -Infinity, s = 0;
    for (let c = 0; c < width; c++) { const v = src[i * width + c]! * k; a = Math.min(a, v); b = Math.max(b, v); s += v; }
    lo[i] = a; hi[i] = b; mean[i] = s / width;
  }
  return [lo, mean, hi];
}

function perCdu(fb: FrameBuffer, layout: HallLayout, src: Float32Array, k: number): SeriesSpec[] {
  const n = fb.count, C = fb.shape.cdus;
  if (C <= MAX_LINES) return layout.cdus.map((c, i) => ({ label: c.id, color: PALETTE[i % PALETTE.length]!, values: column(src, n, C, i, k) }));
  const [lo, mean, hi] = envelope(src, n, C, k);
  return [
    { label: `max of ${C}`, color: OKABE_ITO.vermillion, values: hi },
    { label: 'mean', color: OKABE_ITO.skyBlue, values: mean },
    { label: 'min', color: OKABE_ITO.bluishGreen, values: lo },
  ];
}

export function chartSpec(id: ChartId, fb: FrameBuffer, layout: HallLayout, selection: string | null): ChartSpec | null {
  const n = fb.count;
  switch (id) {
    case 'power':
      return { id, title: 'IT & facility power', unit: 'MW', series: [
        { label: 'IT', color: OKABE_ITO.skyBlue, values: scaled(fb.itPower, n, 1e-3) },
        { label: 'facility', color: OKABE_ITO.orange, values: scaled(fb.facilityPower, n, 1e-3) },
      ] };
    case 'air':
      return { id, title: 'Inlet air & FWS supply', unit: '°C', series: [
        { label: 'rack inlet air', color: OKABE_ITO.bluishGreen, values: fb.hallAir.subarray(0, n) },
        { label: 'FWS supply', color: OKABE_ITO.skyBlue, values: fb.fwsSupply.subarray(0, n) },
      ] };
    case 'cduSupply':
      return { id, title: 'CDU (TCS) supply', unit: '°C', series: perCdu(fb, layout, fb.cduSupply, 1) };
    case 'cduFlow':
      return { id, title: 'CDU flow', unit: '% of design', series: perCdu(fb, layout, fb.cduFlow, 100) };
    case 'battery': {
      // State of charge on the left (storage and UPS batteries); storage power on the right, dashed, + discharging.
      const B = fb.shape.batteries, P = fb.shape.power, ups = upsWithBattery(fb, layout);
      if (B === 0 && ups.length === 0) return null;
      let c = 0;
      const color = () => PALETTE[c++ % PALETTE.length]!;
      const soc: SeriesSpec[] = [
        ...layout.batteries.map((b, j) => ({ label: `${b.id} SOC`, color: color(), values: column(fb.batterySoc, n, B, j, 100) })),
        ...ups.map((k) => ({ label: `${layout.power[k]!.id} SOC`, color: color(), values: column(fb.upsSoc, n, P, k, 100) })),
      ];
      c = 0;
      const power: SeriesSpec[] = layout.batteries.map((b, j) => ({ label: `${b.id} kW`, color: color(), values: column(fb.batteryPower, n, B, j), scale: 'y2', dash: [6, 3] }));
      return { id, title: 'Batteries: state of charge and power (+ discharging)', unit: '% SOC', ...(power.length ? { unit2: 'kW' } : {}), series: [...soc, ...power] };
    }
    case 'rack': {
      const r = selection ? layout.racks.findIndex((x) => x.id === selection) : -1;
      if (r < 0) return null;
      const R = fb.shape.racks;
      return { id, title: `Rack ${selection}`, unit: '°C', unit2: 'kW', series: [
        { label: 'coolant / inlet', color: OKABE_ITO.vermillion, values: column(fb.rackTemperature, n, R, r) },
        // Dashed, on the right axis (coloured like it): power never reads as a temperature.
        { label: 'power', color: OKABE_ITO.skyBlue, values: column(fb.rackPower, n, R, r), scale: 'y2', dash: [6, 3] },
      ] };
    }
  }
}
