/** Ambient conditions over time: constant, an ASHRAE-style design day, or a CSV series. */
import type { WeatherSpec } from '../scenario/schema';
import type { Weather } from './types';
import { C_TO_K } from '../scenario/defaults';

/** Wet-bulb depression assumed when a file gives no wet bulb: a temperate-climate typical 8 K. */
const DEFAULT_DEPRESSION = 8;

export function compileWeather(w: WeatherSpec | undefined): Weather | string {
  if (!w) return constant(25 + C_TO_K, 25 + C_TO_K - DEFAULT_DEPRESSION);
  switch (w.kind) {
    case 'constant':
      return constant(w.dry_bulb, w.wet_bulb ?? w.dry_bulb - DEFAULT_DEPRESSION);
    case 'design_day': {
      const peak = w.peak_hour ?? 15;
      const wbMax = w.wet_bulb_max ?? w.dry_bulb_max - DEFAULT_DEPRESSION;
      return {
        at(t, out) {
          // Sinusoidal daily swing with its maximum at the peak hour (ASHRAE Handbook—Fundamentals ch. 14
          // gives a tabulated fraction; a cosine is within ~1 K of it). Wet bulb swings about a third as much.
          const hour = (t / 3600) % 24;
          const swing = (1 - Math.cos((2 * Math.PI * (hour - peak)) / 24)) / 2;
          out.dryBulb = w.dry_bulb_max - w.daily_range * swing;
          out.wetBulb = Math.min(out.dryBulb, wbMax - 0.35 * w.daily_range * swing);
        },
      };
    }
    case 'csv':
      return csvWeather(w.data);
  }
}

function constant(dry: number, wet: number): Weather {
  const wb = Math.min(dry, wet);
  return { at(_t, out) { out.dryBulb = dry; out.wetBulb = wb; } };
}

/** Parses `t_s,dry_bulb_c[,wet_bulb_c]` lines; returns an error message on bad data. */
function csvWeather(text: string): Weather | string {
  const ts: number[] = [];
  const db: number[] = [];
  const wb: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    const nums = cells.map(Number);
    if (nums.some((x) => !Number.isFinite(x))) {
      if (ts.length === 0 && i === 0) continue; // header line
      return `weather.data line ${i + 1}: expected "t_s,dry_bulb_c[,wet_bulb_c]" numbers, found "${line.slice(0, 60)}"`;
    }
    if (nums.length < 2) return `weather.data line ${i + 1}: expected at least t_s and dry_bulb_c`;
    if (ts.length && nums[0]! <= ts[ts.length - 1]!) return `weather.data line ${i + 1}: times must increase`;
    ts.push(nums[0]!);
    db.push(nums[1]! + C_TO_K);
    wb.push((nums[2] ?? nums[1]! - DEFAULT_DEPRESSION) + C_TO_K);
  }
  if (ts.length === 0) return 'weather.data: expected at least one line "t_s,dry_bulb_c[,wet_bulb_c]"';
  const T = Float64Array.from(ts), D = Float64Array.from(db), W = Float64Array.from(wb);
  let last = 0;
  return {
    at(t, out) {
      const n = T.length;
      if (t <= T[0]!) { out.dryBulb = D[0]!; out.wetBulb = Math.min(D[0]!, W[0]!); return; }
      if (t >= T[n - 1]!) { out.dryBulb = D[n - 1]!; out.wetBulb = Math.min(D[n - 1]!, W[n - 1]!); return; }
      // Time only moves forward in a run, so a moving cursor makes lookups O(1) amortised.
      if (t < T[last]!) last = 0;
      while (T[last + 1]! < t) last++;
      const f = (t - T[last]!) / (T[last + 1]! - T[last]!);
      out.dryBulb = D[last]! + f * (D[last + 1]! - D[last]!);
      out.wetBulb = Math.min(out.dryBulb, W[last]! + f * (W[last + 1]! - W[last]!));
    },
  };
}
