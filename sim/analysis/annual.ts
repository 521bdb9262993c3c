/**
 * A year at hourly weather: one run of the scenario over its weather file's calendar, with every step's
 * energy spread over the hours it covers (in proportion to the time it spends in each), so each hour, each
 * month and the year hold exactly what the run's accounts hold. From the hours: the monthly breakdown
 * (energy, PUE, WUE, free-cooling hours), the year's totals and the peak conditions (the hottest hour,
 * the hour of the highest PUE, the highest facility-water supply).
 *
 * Free-cooling hours are hours the plant ran without mechanical cooling: the free coolers rejected heat
 * and the chillers none (a step counts whole by its mean flows, so the split is exact to a step; steps
 * are at most an hour, and short wherever the plant changes). Partial free-cooling hours are those when
 * both worked. The calendar is the EPW file's (its records' months, days and hours); other weather runs
 * on a plain year from 1 January (365 days, hourly).
 */
import type { Model } from '../model/model';
import { Simulation } from '../run/simulation';
import { buildReport, energyTotals, emptyTotals, type Report } from '../run/report';
import { toC } from '../run/alarms';
import { epwDuration } from '../plant/epw';

const KWH = 3.6e6;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const PLAIN_YEAR = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const add = (a: Float64Array, k: number, v: number) => { a[k] = a[k]! + v; };

/** A plain year, the length of an annual run on weather without a calendar of its own. */
export const PLAIN_YEAR_S = 365 * 86_400;

/**
 * How long an annual run lasts with no stated end: as long as the EPW file's records (`weatherText`, the
 * file's text), else a plain year. The CLI and the browser's Annual view both end their runs here.
 */
export function annualSpan(weatherText: string | undefined): number {
  return (weatherText !== undefined ? epwDuration(weatherText) : null) ?? PLAIN_YEAR_S;
}

/** Where an hour falls: the interval ending at t_s, as the weather file dates it (hour 1 is 00:00–01:00). */
export interface HourStamp { t_s: number; month: number; day: number; hour: number }

/** What a stretch of hours used and how it was cooled: a month's, or the year's. */
export interface HoursTotals {
  /** Hours the run covered. */
  hours: number;
  it_energy_kwh: number;
  facility_energy_kwh: number;
  cooling_energy_kwh: number;
  pue: number | null;
  water_l: number;
  wue_l_per_kwh: number | null;
  free_cooling_hours: number;
  partial_free_cooling_hours: number;
  /** With `heat_reuse` only: heat delivered to the network, kWh, and The Green Grid's ERE and ERF over these hours. */
  heat_exported_kwh?: number;
  ere?: number | null;
  erf?: number | null;
}

export interface AnnualMonth extends HoursTotals {
  month: number;
  name: string;
  mean_dry_bulb_c: number;
  max_dry_bulb_c: number;
  max_wet_bulb_c: number;
}

export interface AnnualResult {
  scenario: string;
  weather: {
    /** `epw` with the file's site, or `scenario` (the scenario's own weather on a plain calendar). */
    source: 'epw' | 'scenario';
    site: string | null;
    latitude: number | null;
    longitude: number | null;
    elevation_m: number | null;
    records_per_hour: number;
    /** Substitutions for missing values in the file. */
    notes: string[];
  };
  duration_s: number;
  annual: HoursTotals;
  peaks: {
    /** The hour of the highest dry bulb, with the PUE the hall ran at in it. */
    hottest_hour: HourStamp & { dry_bulb_c: number; wet_bulb_c: number; pue: number | null };
    /** The hour of the highest wet bulb (what towers and tower-cooled chillers see). */
    most_humid_hour: HourStamp & { dry_bulb_c: number; wet_bulb_c: number; pue: number | null };
    /** The whole hour of the highest PUE (facility over IT energy in that hour). */
    pue_hour: (HourStamp & { pue: number; dry_bulb_c: number; wet_bulb_c: number }) | null;
    /** The highest facility-water supply temperature at any step's end, and when. */
    fws_supply: HourStamp & { fws_supply_c: number; dry_bulb_c: number };
  };
  months: AnnualMonth[];
  /** The run's full report: its KPIs are the year's (annual.pue equals report.kpis.pue to rounding). */
  report: Report;
}

/** The calendar the hours are binned on: the length of one bin and each bin's month, day and hour. */
interface Calendar { dt: number; month: Uint8Array; day: Uint8Array; hour: Uint8Array }

function plainYear(): Calendar {
  const n = 365 * 24;
  const c: Calendar = { dt: 3600, month: new Uint8Array(n), day: new Uint8Array(n), hour: new Uint8Array(n) };
  let k = 0;
  PLAIN_YEAR.forEach((days, m) => {
    for (let d = 1; d <= days; d++) for (let h = 1; h <= 24; h++, k++) { c.month[k] = m + 1; c.day[k] = d; c.hour[k] = h; }
  });
  return c;
}

export interface AnnualOptions {
  /** Called every 1 % of the run with the share done (the CLI's progress bar; a worker's cancel point). */
  onProgress?: (done: number) => void;
}

/**
 * Runs the model (its end is the run's end: the CLI sets it to the weather file's length) and bins it by
 * hour. Throws RangeError when the run is longer than the weather's calendar.
 */
export function runAnnual(model: Model, opts: AnnualOptions = {}): AnnualResult {
  const epw = model.plant.weather.epw;
  const cal: Calendar = epw ? { dt: 3600 / epw.recordsPerHour, month: epw.month, day: epw.day, hour: epw.hour } : plainYear();
  const nCal = cal.month.length;
  if (model.end > nCal * cal.dt + 1e-6) {
    throw new RangeError(`the run is ${(model.end / 3600).toLocaleString('en-US')} h long, but the weather's calendar covers ${(nCal * cal.dt / 3600).toLocaleString('en-US')} h${epw ? ` (the EPW data period ${epw.period.start} … ${epw.period.end})` : ' (a plain year)'}; shorten it with --until`);
  }
  const n = Math.ceil(model.end / cal.dt - 1e-9);
  const it = new Float64Array(n), facility = new Float64Array(n), cooling = new Float64Array(n), water = new Float64Array(n);
  const freeS = new Float64Array(n), partialS = new Float64Array(n), covered = new Float64Array(n), reused = new Float64Array(n);
  const reuse = model.plant.heatRecovery !== null;
  const prev = emptyTotals(), cur = emptyTotals();
  let peakFws = -Infinity, peakFwsT = 0;

  let sim: Simulation;
  const onStep = (t: number, h: number) => {
    energyTotals(sim, cur);
    const dIt = cur.it - prev.it, dFac = cur.facility - prev.facility, dCool = cur.cooling - prev.cooling, dWater = cur.water - prev.water, dReused = cur.reused - prev.reused;
    Object.assign(prev, cur);
    const m = sim.solver.mean;
    const free = m.freeCoolingHeat > 0 && m.chillerHeat <= 1e-9 * m.heatRejected;
    const partial = m.freeCoolingHeat > 0 && !free;
    const end = t + h;
    for (let a = t; a < end;) {
      let k = Math.floor(a / cal.dt);
      if ((k + 1) * cal.dt <= a) k++; // a bin boundary that rounding put just below `a`
      if (k >= n) k = n - 1;
      const b = Math.min(end, (k + 1) * cal.dt);
      const span = Math.max(b - a, 0), f = span / h;
      add(it, k, dIt * f); add(facility, k, dFac * f); add(cooling, k, dCool * f); add(water, k, dWater * f); add(reused, k, dReused * f);
      add(covered, k, span);
      if (free) add(freeS, k, span); else if (partial) add(partialS, k, span);
      if (b <= a) break;
      a = b;
    }
    const fs = sim.solver.flows.fwsSupply;
    if (fs > peakFws) { peakFws = fs; peakFwsT = end; }
  };
  sim = new Simulation(model, { onStep });
  const slices = 100;
  for (let i = 1; i <= slices; i++) {
    sim.runTo((sim.end * i) / slices);
    opts.onProgress?.(i / slices);
  }
  const report = buildReport(sim);

  // The weather at the end of each hour (an EPW's records exactly).
  const dry = new Float64Array(n), wet = new Float64Array(n);
  const w = { dryBulb: 0, wetBulb: 0 };
  for (let k = 0; k < n; k++) { model.plant.weather.at((k + 1) * cal.dt, w); dry[k] = toC(w.dryBulb); wet[k] = toC(w.wetBulb); }
  const stamp = (k: number): HourStamp => ({ t_s: r3(Math.min((k + 1) * cal.dt, sim.now)), month: cal.month[k]!, day: cal.day[k]!, hour: cal.hour[k]! });
  const pueOf = (k: number) => (it[k]! > 0 ? r6(facility[k]! / it[k]!) : null);
  const binOf = (t: number) => Math.min(n - 1, Math.max(0, Math.ceil(t / cal.dt - 1e-9) - 1));

  let hot = 0, humid = 0, pueK = -1;
  for (let k = 0; k < n; k++) {
    if (dry[k]! > dry[hot]!) hot = k;
    if (wet[k]! > wet[humid]!) humid = k;
    // Only whole hours compete for the peak PUE: a sliver of an hour at the run's end says little.
    if (it[k]! > 0 && covered[k]! >= cal.dt * (1 - 1e-9) && (pueK < 0 || facility[k]! / it[k]! > facility[pueK]! / it[pueK]!)) pueK = k;
  }

  /** The totals of hours from..to−1, rounded as the report rounds (kWh and L to 0.001, PUE and WUE to 1e-6). */
  const totals = (from: number, to: number): HoursTotals => {
    let sIt = 0, sFac = 0, sCool = 0, sWater = 0, sFree = 0, sPart = 0, sCov = 0, sReused = 0;
    for (let j = from; j < to; j++) {
      sIt += it[j]!; sFac += facility[j]!; sCool += cooling[j]!; sWater += water[j]!; sFree += freeS[j]!; sPart += partialS[j]!; sCov += covered[j]!; sReused += reused[j]!;
    }
    return {
      hours: r3(sCov / 3600), it_energy_kwh: r3(sIt / KWH), facility_energy_kwh: r3(sFac / KWH), cooling_energy_kwh: r3(sCool / KWH),
      pue: sIt > 0 ? r6(sFac / sIt) : null, water_l: r3(sWater), wue_l_per_kwh: sIt > 0 ? r6(sWater / (sIt / KWH)) : null,
      free_cooling_hours: r3(sFree / 3600), partial_free_cooling_hours: r3(sPart / 3600),
      // ERE = (facility − reused)/IT, ERF = reused/facility (The Green Grid WP#29), as the report's.
      ...(reuse ? { heat_exported_kwh: r3(sReused / KWH), ere: sIt > 0 ? r6((sFac - sReused) / sIt) : null, erf: sFac > 0 ? r6(sReused / sFac) : null } : {}),
    };
  };
  const months: AnnualMonth[] = [];
  for (let k = 0; k < n;) {
    const month = cal.month[k]!;
    let j = k, sDry = 0, maxDry = -Infinity, maxWet = -Infinity;
    for (; j < n && cal.month[j] === month; j++) { sDry += dry[j]!; maxDry = Math.max(maxDry, dry[j]!); maxWet = Math.max(maxWet, wet[j]!); }
    months.push({ month, name: MONTH_NAMES[month - 1]!, ...totals(k, j), mean_dry_bulb_c: r3(sDry / (j - k)), max_dry_bulb_c: r3(maxDry), max_wet_bulb_c: r3(maxWet) });
    k = j;
  }

  const fwsK = binOf(peakFwsT);
  const loc = epw?.location;
  return {
    scenario: model.scenario.name,
    weather: {
      source: epw ? 'epw' : 'scenario',
      site: loc ? [loc.city, loc.region, loc.country].filter((x) => x && x !== 'NA' && x !== '-').join(', ') || null : null,
      latitude: loc?.latitude ?? null, longitude: loc?.longitude ?? null, elevation_m: loc?.elevation ?? null,
      records_per_hour: epw?.recordsPerHour ?? 1,
      notes: epw ? [...epw.notes] : [],
    },
    duration_s: r3(sim.now),
    annual: totals(0, n),
    peaks: {
      hottest_hour: { ...stamp(hot), dry_bulb_c: r3(dry[hot]!), wet_bulb_c: r3(wet[hot]!), pue: pueOf(hot) },
      most_humid_hour: { ...stamp(humid), dry_bulb_c: r3(dry[humid]!), wet_bulb_c: r3(wet[humid]!), pue: pueOf(humid) },
      pue_hour: pueK < 0 ? null : { ...stamp(pueK), pue: pueOf(pueK)!, dry_bulb_c: r3(dry[pueK]!), wet_bulb_c: r3(wet[pueK]!) },
      fws_supply: { ...stamp(fwsK), t_s: r3(peakFwsT), fws_supply_c: toC(peakFws), dry_bulb_c: r3(dry[fwsK]!) },
    },
    months,
    report,
  };
}
