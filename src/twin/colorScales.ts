/**
 * Colour-blind-safe scales: viridis and cividis (matplotlib's perceptually uniform maps) for continuous
 * metrics, Okabe & Ito's palette for states. LUTs hold linear RGB, as three.js expects for instance colours.
 */
import { Color, SRGBColorSpace } from 'three';

/** matplotlib viridis at 0, 0.1, … 1. */
const VIRIDIS = ['#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725'];
/** matplotlib cividis at 0, 0.25, … 1 (Nuñez et al. 2018, optimised for colour-vision deficiency). */
const CIVIDIS = ['#00204d', '#414d6b', '#7c7b78', '#bcaf6f', '#ffea46'];

export type ScaleName = 'viridis' | 'cividis';
const ANCHORS: Record<ScaleName, string[]> = { viridis: VIRIDIS, cividis: CIVIDIS };

/**
 * The darkest tenth of viridis sinks into a dark floor; the scale starts a little in so that the
 * lowest values still read as racks.
 */
const FLOOR = 0.08;

const LUT_SIZE = 256;
const luts = new Map<ScaleName, Float32Array>();

const _color = new Color();

function srgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

function buildLut(name: ScaleName): Float32Array {
  const anchors = ANCHORS[name].map(srgb);
  const lut = new Float32Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const u = (FLOOR + (1 - FLOOR) * (i / (LUT_SIZE - 1))) * (anchors.length - 1);
    const k = Math.min(Math.floor(u), anchors.length - 2);
    const f = u - k;
    const a = anchors[k]!, b = anchors[k + 1]!;
    _color.setRGB(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f, SRGBColorSpace);
    lut[i * 3] = _color.r; lut[i * 3 + 1] = _color.g; lut[i * 3 + 2] = _color.b;
  }
  return lut;
}

export function lut(name: ScaleName): Float32Array {
  let l = luts.get(name);
  if (!l) luts.set(name, (l = buildLut(name)));
  return l;
}

/** CSS gradient of a scale, for legends (same anchors and floor as the LUT). */
export function cssGradient(name: ScaleName): string {
  const a = ANCHORS[name];
  const stops = a.map((c, i) => {
    const u = i / (a.length - 1);
    return `${c} ${(((u - FLOOR) / (1 - FLOOR)) * 100).toFixed(1)}%`;
  });
  return `linear-gradient(to right, ${stops.join(', ')})`;
}

/** Okabe & Ito (2008) colour-universal-design palette. */
export const OKABE_ITO = {
  orange: '#E69F00', skyBlue: '#56B4E9', bluishGreen: '#009E73', yellow: '#F0E442',
  blue: '#0072B2', vermillion: '#D55E00', reddishPurple: '#CC79A7',
} as const;

/** Failed parts: outline and label in a saturated magenta no other metric uses. */
export const FAILED_OUTLINE = '#ff2bd6';
export const SELECTED_OUTLINE = '#ffffff';
export const HOVER_OUTLINE = '#9fb3c8';
/** Racks before a run has produced results, and unpowered racks (Okabe-Ito black would vanish on a dark floor). */
export const NO_DATA = '#5b6470';
export const UNPOWERED = '#3a3f46';

export function linear(hex: string): [number, number, number] {
  _color.set(hex);
  return [_color.r, _color.g, _color.b];
}
