/** Ambient conditions over time: constant, an ASHRAE-style design day, a CSV series or an EnergyPlus weather file. */
import type { WeatherSpec } from '../scenario/schema';
import type { Weather } from './types';
import { C_TO_K } from '../scenario/defaults';
import { dmath } from '../kernel/math';
import { parseEpw, type Epw } from './epw';

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
        designTimes: [peak * 3600],
        at(t, out) {
          // Sinusoidal daily swing with its maximum at the peak hour (ASHRAE Handbook—Fundamentals ch. 14
          // gives a tabulated fraction; a cosine is within ~1 K of it). Wet bulb swings about a third as much.
          const hour = (t / 3600) % 24;
          const swing = (1 - dmath.cos((2 * Math.PI * (hour - peak)) / 24)) / 2;
          out.dryBulb = w.dry_bulb_max - w.daily_range * swing;
          out.wetBulb = Math.min(out.dryBulb, wbMax - 0.35 * w.daily_range * swing);
        },
      };
    }
    case 'csv':
      return csvWeather(w.data);
    case 'epw': {
      if (w.data === undefined) return `the EPW file "${w.file}" was not read: the command line reads it (relative to the scenario file); in the browser, embed the file's text as weather.data`;
      const r = parseEpw(w.data);
      return r.ok ? epwWeather(r.epw) : (w.file !== undefined ? `${w.file}: ` : '') + r.errors.join('; ');
    }
  }
}

/**
 * Hourly (or sub-hourly) EPW records, interpolated linearly between records as EnergyPlus interpolates
 * them between hours. Record k holds the values at the end of its interval; before the first record a
 * whole-year file wraps (its last record, 24:00 on the last day, is 00:00 of the first), a shorter one
 * holds its first record. After the last record the values are held.
 */
function epwWeather(epw: Epw): Weather {
  const n = epw.t.length;
  const wrap = epw.period.days >= 365;
  const T = new Float64Array(n + (wrap ? 1 : 0)), D = new Float64Array(T.length), W = new Float64Array(T.length);
  const o = wrap ? 1 : 0;
  if (wrap) { T[0] = 0; D[0] = epw.dryBulb[n - 1]!; W[0] = epw.wetBulb[n - 1]!; }
  T.set(epw.t, o); D.set(epw.dryBulb, o); W.set(epw.wetBulb, o);
  return { ...seriesWeather(T, D, W), epw };
}

function constant(dry: number, wet: number): Weather {
  const wb = Math.min(dry, wet);
  return { designTimes: [0], at(_t, out) { out.dryBulb = dry; out.wetBulb = wb; } };
}

/**
 * Plausible ambient at a data-centre site, °C. Recorded surface air temperatures at inhabited places span
 * about −68 °C (Oymyakon) to 57 °C (Death Valley); a value outside −60 … 60 °C is a unit or typing mistake
 * (Kelvin or Fahrenheit, a lost minus sign), not weather.
 */
const AMBIENT_MIN_C = -60;
const AMBIENT_MAX_C = 60;
/** Wet bulb may exceed dry bulb by this much: two readings each rounded to 0.1 K, or a saturated hour. */
const WET_ABOVE_DRY_TOLERANCE = 0.5;
/** A decimal number as people and spreadsheets write it; `Number()` alone would read "" and " " as 0, "0x1f" as 31. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** A header cell is a word (`t_s`, `dry_bulb_c`, `Wet bulb (°C)`): it starts with a letter. */
const WORD = /^\p{L}/u;
const COLUMNS = ['t_s', 'dry_bulb_c', 'wet_bulb_c'] as const;
/** List this many problems; the first ones are what matter. */
const MAX_ERRORS = 10;

/**
 * Parses `t_s,dry_bulb_c[,wet_bulb_c]` lines strictly: a blank or non-numeric cell, an implausible
 * temperature or a time that does not increase is an error naming its line and column, never a
 * silent 0 or a skipped row. Blank lines and `#` comments are skipped; the first line may be a header
 * only if every cell is a word, so a typo in the first data row is reported, not dropped. Returns the
 * problems as one message.
 */
function csvWeather(text: string): Weather | string {
  const ts: number[] = [];
  const db: number[] = [];
  const wb: number[] = [];
  const errors: string[] = [];
  let extra = 0;
  const fail = (msg: string) => { if (errors.length < MAX_ERRORS) errors.push(msg); else extra++; };
  let width = 0; // cells per line, fixed by the header or the first data line
  let widthLine = 0;
  let seenLine = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `line ${i + 1}`;
    const cells = line.split(',').map((c) => c.trim());
    const first = !seenLine;
    seenLine = true;
    if (cells.length < 2 || cells.length > 3) {
      fail(`${where}: expected 2 or 3 cells "${COLUMNS.join(',')}", found ${cells.length}`);
      continue;
    }
    if (width === 0) { width = cells.length; widthLine = i + 1; }
    else if (cells.length !== width) {
      fail(`${where}: ${cells.length} cells, but line ${widthLine} has ${width}; every line needs the same columns`);
      continue;
    }
    if (first && cells.every((c) => WORD.test(c))) continue; // header
    const nums: number[] = [];
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c]!;
      const at = `${where}, column ${c + 1} (${COLUMNS[c]})`;
      const x = DECIMAL.test(cell) ? Number(cell) : NaN;
      if (cell === '') fail(`${at}: blank cell; expected a number`);
      else if (!Number.isFinite(x)) fail(`${at}: expected a finite number, found "${cell.slice(0, 40)}"`);
      nums.push(x);
    }
    const [t, dry, wet] = nums as [number, number, number | undefined];
    if (nums.some((x) => !Number.isFinite(x))) continue;
    if (ts.length && t <= ts[ts.length - 1]!) fail(`${where}, column 1 (t_s): ${t} s does not come after ${ts[ts.length - 1]} s; times must increase`);
    if (dry < AMBIENT_MIN_C || dry > AMBIENT_MAX_C) {
      fail(`${where}, column 2 (dry_bulb_c): ${dry} °C is outside ${AMBIENT_MIN_C} … ${AMBIENT_MAX_C} °C (values are °C)`);
    }
    if (wet !== undefined && (wet < AMBIENT_MIN_C || wet > dry + WET_ABOVE_DRY_TOLERANCE)) {
      fail(`${where}, column 3 (wet_bulb_c): ${wet} °C is outside ${AMBIENT_MIN_C} °C … the dry bulb ${dry} °C (+${WET_ABOVE_DRY_TOLERANCE} K)`);
    }
    ts.push(t);
    db.push(dry + C_TO_K);
    wb.push((wet ?? dry - DEFAULT_DEPRESSION) + C_TO_K);
  }
  if (errors.length) return errors.join('; ') + (extra ? `; and ${extra} more` : '');
  if (ts.length === 0) return `expected at least one line "${COLUMNS.join(',')}" of numbers`;
  return seriesWeather(Float64Array.from(ts), Float64Array.from(db), Float64Array.from(wb));
}

/** Dry and wet bulb (K) at increasing times T (s), linear between them and held at the ends. */
function seriesWeather(T: Float64Array, D: Float64Array, W: Float64Array): Weather {
  let last = 0;
  let hotDry = 0, hotWet = 0;
  for (let i = 1; i < T.length; i++) {
    if (D[i]! > D[hotDry]!) hotDry = i;
    if (Math.min(D[i]!, W[i]!) > Math.min(D[hotWet]!, W[hotWet]!)) hotWet = i;
  }
  return {
    designTimes: hotDry === hotWet ? [T[hotDry]!] : [T[hotDry]!, T[hotWet]!],
    at(t, out) {
      const n = T.length;
      if (t <= T[0]!) { out.dryBulb = D[0]!; out.wetBulb = Math.min(D[0]!, W[0]!); return; }
      if (t >= T[n - 1]!) { out.dryBulb = D[n - 1]!; out.wetBulb = Math.min(D[n - 1]!, W[n - 1]!); return; }
      // A run asks at nearby times (forward, or a little back when a step is retaken), so a cursor that
      // walks either way makes lookups O(1) amortised; restarting from 0 cost a year's scan per retake.
      while (last > 0 && T[last]! >= t) last--;
      while (T[last + 1]! < t) last++;
      const f = (t - T[last]!) / (T[last + 1]! - T[last]!);
      out.dryBulb = D[last]! + f * (D[last + 1]! - D[last]!);
      out.wetBulb = Math.min(out.dryBulb, W[last]! + f * (W[last + 1]! - W[last]!));
    },
  };
}
