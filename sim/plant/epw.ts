/**
 * EnergyPlus weather files (EPW), read strictly to the published format: EnergyPlus Auxiliary Programs,
 * "Weather Converter Program", section "EnergyPlus Weather File (EPW) Data Dictionary". Eight header
 * lines (LOCATION, DESIGN CONDITIONS, TYPICAL/EXTREME PERIODS, GROUND TEMPERATURES, HOLIDAYS/DAYLIGHT
 * SAVINGS, COMMENTS 1, COMMENTS 2, DATA PERIODS), then one comma-separated record per interval: year,
 * month, day, hour (1–24; hour 1 is 00:00–01:00, its values those at its end), minute, data-source flags,
 * dry bulb °C, dew point °C, relative humidity %, station pressure Pa, then radiation, wind, sky and
 * precipitation fields that the plant does not use (35 fields in all).
 *
 * What is checked, each problem naming its line and field: the headers in order; one data period whose
 * records are consecutive (every record's month, day and hour are the ones the period's calendar expects,
 * so a missing, repeated or shuffled hour is found where it happens); numbers written as decimals; values
 * inside the dictionary's ranges. The dictionary's "missing" codes (99.9 °C, 999 %, 999999 Pa) are
 * replaced as EnergyPlus replaces them (the last good value; a dew point from the relative humidity when
 * that is present; the standard pressure of the site's elevation before any good pressure) and counted
 * in `notes`. Size is bounded before anything is split: at most EPW_LIMITS.maxBytes and one year.
 */
import { C_TO_K } from '../scenario/defaults';
import { saturationPressure, standardPressure, wetBulbFromVapourPressure } from '../physics/psychrometrics';

export const EPW_LIMITS = {
  /** A year of hourly records is about 1.6 MB; four records an hour (15 min) about 6.5 MB. */
  maxBytes: 8 * 1024 * 1024,
  /** Records per hour the reader accepts: divisors of 60 up to 4 (a year of them fits in maxBytes). */
  maxRecordsPerHour: 4,
  /** Lines a file may have: the headers, a leap year at the most records an hour, and a few blank ones. */
  maxLines: 8 + 366 * 24 * 4 + 16,
  /** A record has 35 fields; a line with more than this many is not a record. */
  maxFields: 40,
  /** List this many problems; the first ones are what matter. */
  maxErrors: 10,
} as const;

export interface EpwLocation {
  city: string; region: string; country: string; source: string; wmo: string;
  /** Degrees, + north / + east; hours from GMT; metres above sea level. */
  latitude: number; longitude: number; timeZone: number; elevation: number;
}

export interface Epw {
  location: EpwLocation;
  recordsPerHour: number;
  /** Whether 29 February is in the calendar (the HOLIDAYS/DAYLIGHT SAVINGS header's LeapYear Observed). */
  leapYear: boolean;
  /** The data period as the file writes it (start and end day) and its length in days. */
  period: { name: string; start: string; end: string; days: number };
  /** Record k holds the values at t[k] = (k + 1)·3600/recordsPerHour s after 00:00 of the period's first day. */
  t: Float64Array;
  month: Uint8Array;
  day: Uint8Array;
  hour: Uint8Array;
  /** K, K, Pa, K (wet bulb from dry bulb, humidity and pressure: sim/physics/psychrometrics.ts). */
  dryBulb: Float64Array;
  dewPoint: Float64Array;
  pressure: Float64Array;
  wetBulb: Float64Array;
  /** Substitutions made for missing values, one line per field. */
  notes: string[];
}

export type EpwResult = { ok: true; epw: Epw } | { ok: false; errors: string[] };

const HEADERS = ['LOCATION', 'DESIGN CONDITIONS', 'TYPICAL/EXTREME PERIODS', 'GROUND TEMPERATURES', 'HOLIDAYS/DAYLIGHT SAVINGS', 'COMMENTS 1', 'COMMENTS 2', 'DATA PERIODS'] as const;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A decimal number as weather files write it; `Number()` alone would read "" as 0 and "0x1f" as 31. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** The data dictionary's fields the plant reads: index in the record, name, valid range, "missing" code. */
const FIELDS = {
  dryBulb: { index: 6, name: 'dry bulb temperature', unit: '°C', min: -70, max: 70, missing: 99.9 },
  dewPoint: { index: 7, name: 'dew point temperature', unit: '°C', min: -70, max: 70, missing: 99.9 },
  relativeHumidity: { index: 8, name: 'relative humidity', unit: '%', min: 0, max: 110, missing: 999 },
  pressure: { index: 9, name: 'atmospheric station pressure', unit: 'Pa', min: 31000, max: 120000, missing: 999999 },
} as const;
type FieldName = keyof typeof FIELDS;

export function parseEpw(text: string): EpwResult {
  const errors: string[] = [];
  let extra = 0;
  const fail = (msg: string) => { if (errors.length < EPW_LIMITS.maxErrors) errors.push(msg); else extra++; };
  const done = (): EpwResult => ({ ok: false, errors: extra ? [...errors, `and ${extra} more`] : errors });
  if (text.length > EPW_LIMITS.maxBytes) {
    return { ok: false, errors: [`${text.length.toLocaleString('en-US')} characters; an EPW file may have at most ${EPW_LIMITS.maxBytes.toLocaleString('en-US')} bytes (a year at ${EPW_LIMITS.maxRecordsPerHour} records an hour)`] };
  }
  // Count lines before splitting: 8 MB of newlines would otherwise become 8 million strings.
  let newlines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && newlines <= EPW_LIMITS.maxLines; i = text.indexOf('\n', i + 1)) newlines++;
  if (newlines > EPW_LIMITS.maxLines) {
    return { ok: false, errors: [`more than ${EPW_LIMITS.maxLines.toLocaleString('en-US')} lines; an EPW file has 8 header lines and at most a leap year of records at ${EPW_LIMITS.maxRecordsPerHour} an hour`] };
  }
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();

  // Header lines, in the dictionary's order.
  for (let i = 0; i < HEADERS.length; i++) {
    const got = (lines[i] ?? '').split(',')[0]!.trim().toUpperCase();
    // Files written by some tools say HOLIDAYS/DAYLIGHT SAVING (the dictionary's own spelling in one place).
    const ok = got === HEADERS[i] || (HEADERS[i] === 'HOLIDAYS/DAYLIGHT SAVINGS' && got === 'HOLIDAYS/DAYLIGHT SAVING');
    if (!ok) fail(`line ${i + 1}: expected the ${HEADERS[i]} header (an EPW file starts with ${HEADERS.join(', ')}), found "${(lines[i] ?? '(end of file)').slice(0, 40)}"`);
  }
  if (errors.length) return done();

  const loc = lines[0]!.split(',').map((c) => c.trim());
  const num = (line: number, field: number, what: string, min: number, max: number): number => {
    const cell = (line === 1 ? loc : lines[line - 1]!.split(',').map((c) => c.trim()))[field] ?? '';
    const x = DECIMAL.test(cell) ? Number(cell) : NaN;
    if (!(x >= min && x <= max)) fail(`line ${line}, field ${field + 1} (${what}): expected a number ${min} … ${max}, found "${cell.slice(0, 40)}"`);
    return x;
  };
  const location: EpwLocation = {
    city: loc[1] ?? '', region: loc[2] ?? '', country: loc[3] ?? '', source: loc[4] ?? '', wmo: loc[5] ?? '',
    latitude: num(1, 6, 'latitude, degrees', -90, 90), longitude: num(1, 7, 'longitude, degrees', -180, 180),
    timeZone: num(1, 8, 'time zone, hours from GMT', -12, 14), elevation: num(1, 9, 'elevation, m', -1000, 9999.9),
  };
  const leapCell = (lines[4]!.split(',')[1] ?? '').trim().toLowerCase();
  if (leapCell !== 'yes' && leapCell !== 'no') fail(`line 5, field 2 (LeapYear Observed): expected Yes or No, found "${leapCell.slice(0, 20)}"`);
  const leapYear = leapCell === 'yes';

  const dp = lines[7]!.split(',').map((c) => c.trim());
  const periods = num(8, 1, 'number of data periods', 1, 1);
  const perHour = num(8, 2, 'records per hour', 1, EPW_LIMITS.maxRecordsPerHour);
  if (Number.isFinite(perHour) && (!Number.isInteger(perHour) || 60 % perHour !== 0)) fail(`line 8, field 3 (records per hour): expected a whole number that divides 60, found ${perHour}`);
  const calendar = leapYear ? [31, 29, ...MONTH_DAYS.slice(2)] : MONTH_DAYS;
  const start = dayOfYear(dp[5] ?? '', calendar), end = dayOfYear(dp[6] ?? '', calendar);
  if (typeof start === 'string') fail(`line 8, field 6 (data period start day): ${start}`);
  if (typeof end === 'string') fail(`line 8, field 7 (data period end day): ${end}`);
  if (typeof start === 'number' && typeof end === 'number' && end < start) fail(`line 8: the data period ${dp[5]} … ${dp[6]} runs past the end of the year; split it at 12/31`);
  if (errors.length || periods !== 1 || typeof start !== 'number' || typeof end !== 'number') return done();

  const days = end - start + 1;
  const n = days * 24 * perHour;
  const records = lines.length - HEADERS.length;
  if (records !== n) {
    fail(`the data period ${dp[5]} … ${dp[6]} (${days} day${days > 1 ? 's' : ''} × 24 h × ${perHour} record${perHour > 1 ? 's' : ''} an hour) needs ${n.toLocaleString('en-US')} records; found ${records.toLocaleString('en-US')}`);
    return done();
  }

  const step = 3600 / perHour;
  const epw: Epw = {
    location, recordsPerHour: perHour, leapYear, period: { name: dp[3] ?? '', start: dp[5]!, end: dp[6]!, days },
    t: new Float64Array(n), month: new Uint8Array(n), day: new Uint8Array(n), hour: new Uint8Array(n),
    dryBulb: new Float64Array(n), dewPoint: new Float64Array(n), pressure: new Float64Array(n), wetBulb: new Float64Array(n),
    notes: [],
  };
  const rh = new Float64Array(n);
  const missing: Record<FieldName, { count: number; line: number }> = { dryBulb: { count: 0, line: 0 }, dewPoint: { count: 0, line: 0 }, relativeHumidity: { count: 0, line: 0 }, pressure: { count: 0, line: 0 } };
  let timingOk = true;
  // The expected date of record k: walk the calendar from the period's first day.
  let month = 0, day = start;
  while (day > calendar[month]!) day -= calendar[month++]!;
  for (let k = 0; k < n; k++) {
    const lineNo = HEADERS.length + k + 1;
    const slot = k % (24 * perHour);
    if (k > 0 && slot === 0 && ++day > calendar[month]!) { day = 1; month++; }
    const hour = Math.floor(slot / perHour) + 1;
    const cells = lines[lineNo - 1]!.split(',');
    if (cells.length < 10 || cells.length > EPW_LIMITS.maxFields) {
      fail(`line ${lineNo}: ${cells.length} fields; an EPW record has 35 (year, month, day, hour, minute, flags, dry bulb, dew point, relative humidity, pressure, …)`);
      continue;
    }
    const m = cells[1]!.trim(), d = cells[2]!.trim(), h = cells[3]!.trim();
    if (timingOk && (!INTEGER.test(m) || !INTEGER.test(d) || !INTEGER.test(h) || Number(m) !== month + 1 || Number(d) !== day || Number(h) !== hour)) {
      // Every later record would be off by the same slip: report the first and stop checking dates.
      timingOk = false;
      fail(`line ${lineNo}: expected month ${month + 1}, day ${day}, hour ${hour} (record ${k + 1} of the data period ${dp[5]} … ${dp[6]}, ${perHour} a hour, consecutive${leapYear ? '' : ', no 29 February'}), found month "${m}", day "${d}", hour "${h}"`);
    }
    epw.t[k] = (k + 1) * step;
    epw.month[k] = month + 1;
    epw.day[k] = day;
    epw.hour[k] = hour;
    const read = (f: FieldName): number => {
      const spec = FIELDS[f];
      const cell = cells[spec.index]!.trim();
      const x = cell === '' ? spec.missing : DECIMAL.test(cell) ? Number(cell) : NaN;
      if (Number.isNaN(x)) { fail(`line ${lineNo}, field ${spec.index + 1} (${spec.name}): expected a number, found "${cell.slice(0, 40)}"`); return NaN; }
      if (x >= spec.missing) { if (missing[f].count++ === 0) missing[f].line = lineNo; return NaN; }
      const inside = f === 'relativeHumidity' ? x >= spec.min && x <= spec.max : x > spec.min && x < spec.max;
      if (!inside) { fail(`line ${lineNo}, field ${spec.index + 1} (${spec.name}): ${x} ${spec.unit} is outside the EPW range ${spec.min} … ${spec.max} ${spec.unit}`); return NaN; }
      return x;
    };
    epw.dryBulb[k] = read('dryBulb');
    epw.dewPoint[k] = read('dewPoint');
    rh[k] = read('relativeHumidity');
    epw.pressure[k] = read('pressure');
  }
  if (errors.length) return done();

  // Missing values, as EnergyPlus's weather reader replaces them.
  const firstDry = epw.dryBulb.findIndex((x) => !Number.isNaN(x));
  if (firstDry < 0) return { ok: false, errors: ['every dry bulb temperature is missing (99.9)'] };
  let dry = epw.dryBulb[firstDry]!, dew = NaN, p = standardPressure(location.elevation);
  for (let k = 0; k < n; k++) {
    if (Number.isNaN(epw.dryBulb[k]!)) epw.dryBulb[k] = dry; else dry = epw.dryBulb[k]!;
    if (!Number.isNaN(epw.pressure[k]!)) p = epw.pressure[k]!;
    epw.pressure[k] = p;
    if (!Number.isNaN(epw.dewPoint[k]!)) dew = epw.dewPoint[k]!;
    else if (!Number.isNaN(rh[k]!)) dew = dewPointFromVapourPressure(Math.min(1, rh[k]! / 100) * saturationPressure(dry), dry);
    else if (Number.isNaN(dew)) return { ok: false, errors: [`line ${HEADERS.length + k + 1}: neither a dew point nor a relative humidity, and no earlier record to hold one from`] };
    // A dew point above the dry bulb (supersaturated air, or rounding) is saturation: wet bulb = dry bulb.
    epw.dewPoint[k] = Math.min(dew, dry);
    epw.wetBulb[k] = wetBulbFromVapourPressure(dry, saturationPressure(epw.dewPoint[k]!), p) + C_TO_K;
    epw.dewPoint[k] = epw.dewPoint[k]! + C_TO_K;
    epw.dryBulb[k] = dry + C_TO_K;
  }
  const held: Record<FieldName, string> = {
    dryBulb: 'held from the record before', dewPoint: 'taken from the relative humidity where given, else held from the record before',
    relativeHumidity: 'not needed where the dew point is given', pressure: `held from the record before (the standard pressure at ${location.elevation} m before the first)`,
  };
  for (const f of Object.keys(FIELDS) as FieldName[]) {
    const mi = missing[f];
    if (mi.count) epw.notes.push(`${mi.count} missing ${FIELDS[f].name} value${mi.count > 1 ? 's' : ''} (first at line ${mi.line}): ${held[f]}`);
  }
  return { ok: true, epw };
}

/** Dew point, °C, of vapour pressure pw: saturationPressure inverted by bisection (it rises with temperature). */
function dewPointFromVapourPressure(pw: number, dryC: number): number {
  let lo = -100, hi = dryC;
  for (let i = 0; i < 60 && hi - lo > 1e-6; i++) {
    const mid = 0.5 * (lo + hi);
    if (saturationPressure(mid) > pw) hi = mid; else lo = mid;
  }
  return 0.5 * (lo + hi);
}

/**
 * Day of the year (1-based) of a data-period date as the dictionary allows it: `m/d`, a day-of-year
 * number, `Jan 5` or `5 Jan` (month names by their first three letters). A message when it is none.
 */
function dayOfYear(text: string, calendar: readonly number[]): number | string {
  const s = text.trim();
  const length = calendar.reduce((a, b) => a + b, 0);
  const of = (m: number, d: number) => {
    if (!(m >= 1 && m <= 12) || !(d >= 1 && d <= calendar[m - 1]!)) return `no such day: month ${m}, day ${d}`;
    let n = d;
    for (let i = 0; i < m - 1; i++) n += calendar[i]!;
    return n;
  };
  let r: RegExpExecArray | null;
  if ((r = /^(\d{1,2})\s*\/\s*(\d{1,2})$/.exec(s))) return of(Number(r[1]), Number(r[2]));
  if (/^\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d+$/.test(s)) return `"${s}" is a multi-year data period (month/day/year); dctwin reads one year`;
  if ((r = /^(\d{1,3})$/.exec(s))) return Number(r[1]) >= 1 && Number(r[1]) <= length ? Number(r[1]) : `day of year ${r[1]} is outside 1 … ${length}`;
  if ((r = /^([A-Za-z]{3})[A-Za-z]*\s+(\d{1,2})$/.exec(s)) || (r = /^(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*$/.exec(s))) {
    const [name, d] = /^\d/.test(r[1]!) ? [r[2]!, r[1]!] : [r[1]!, r[2]!];
    const m = MONTHS.indexOf(name.toLowerCase());
    if (m >= 0) return of(m + 1, Number(d));
  }
  return `expected a date such as 1/1, Jan 1 or a day of the year, found "${s.slice(0, 30)}"`;
}

/**
 * The span of an EPW file's records, s (records × 3600 / records per hour), from its DATA PERIODS header
 * and its line count alone: what an annual run's length defaults to before the file is compiled. Null
 * when the header is unreadable (the full parse then says why).
 */
export function epwDuration(text: string): number | null {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const perHour = Number((lines[7] ?? '').split(',')[2]);
  const records = lines.length - HEADERS.length;
  return Number.isInteger(perHour) && perHour >= 1 && records > 0 ? (records * 3600) / perHour : null;
}
