/**
 * The annual breakdown: its hours, months and year hold exactly what the run's report holds; free-cooling
 * hours equal a hand count on a designed weather file; peaks fall on the hours the weather file says.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../sim/model/model';
import { runAnnual, type AnnualResult } from '../../sim/analysis/annual';
import { epwText } from '../fixtures/weather/generate-epw';

const FIXTURE = readFileSync(new URL('../fixtures/weather/three-days.epw', import.meta.url), 'utf8');

/**
 * Two 132 kW DLC racks on one CDU; the FWS supply is held at 20 °C by a dry cooler (approach 5 K, so it
 * carries the whole load alone while the dry bulb is at or below 15 °C) ahead of a tower-cooled chiller
 * (which uses water, so WUE is not zero). A UPS so losses are part of facility energy.
 */
function hall(weather: object, solver = ''): string {
  return JSON.stringify({
    version: 1, name: 'annual test hall',
    rack_types: { r: { power: '132 kW', idle_power: '30 kW', gpus: 72, cooling: 'dlc', load: 0.8 } },
    hall: { rows: [{ id: 'row-A', type: 'r', cdu: 'cdu-A', count: 2 }], crahs: [{ id: 'crah-1', capacity: '100 kW' }] },
    cdus: [{ id: 'cdu-A' }],
    plant: {
      supply_setpoint: '20 degC',
      free_cooling: [{ id: 'dry-1', kind: 'dry_cooler', capacity: '2 MW', approach: '5 K' }],
      chillers: [{ id: 'ch-1', capacity: '1 MW', condenser: 'tower' }],
    },
    power: {
      utilities: [{ id: 'grid' }], buses: [{ id: 'bus', sources: ['grid'] }], ups: [{ id: 'ups', bus: 'bus', modules: 1, module_rating: '500 kW', battery: '100 kWh' }],
      feeds: [{ loads: ['racks'], a: 'ups' }, { loads: ['cdus', 'crahs', 'chillers', 'free_cooling'], a: 'bus' }],
    },
    weather,
    ...(solver ? { solver: JSON.parse(solver) } : {}),
  });
}

function annual(text: string, until: number): AnnualResult {
  const r = loadModelText(text, 'x.json', { until });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runAnnual(r.model);
}

describe('annual: the parts add up to the whole', () => {
  // 50 days from 15 January: three months of the calendar, a winter-to-spring swing (4 → 34 °C with a
  // 16 K daily swing) that uses free cooling, the chiller and both.
  const text = epwText({ startMonth: 1, startDay: 15, days: 50, dryBulb: (h) => 4 + h / 40 + 8 * Math.sin((2 * Math.PI * h) / 24), dewPoint: (h) => h / 60 });
  const res = annual(hall({ kind: 'epw', data: text }), 50 * 86400);
  const k = res.report.kpis;

  it('months follow the EPW calendar: 17 days of January, 28 of February, 5 of March', () => {
    expect(res.months.map((m) => [m.name, m.hours])).toEqual([['Jan', 17 * 24], ['Feb', 28 * 24], ['Mar', 5 * 24]]);
    expect(res.annual.hours).toBe(50 * 24);
  });

  it('annual totals equal the sum of the monthly parts (each month rounded to 0.001 kWh and L)', () => {
    const sum = (f: (m: AnnualResult['months'][number]) => number) => res.months.reduce((a, m) => a + f(m), 0);
    const tol = res.months.length * 5e-4 + 1e-9;
    expect(Math.abs(sum((m) => m.it_energy_kwh) - res.annual.it_energy_kwh)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum((m) => m.facility_energy_kwh) - res.annual.facility_energy_kwh)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum((m) => m.cooling_energy_kwh) - res.annual.cooling_energy_kwh)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum((m) => m.water_l) - res.annual.water_l)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum((m) => m.free_cooling_hours) - res.annual.free_cooling_hours)).toBeLessThanOrEqual(tol);
    expect(Math.abs(sum((m) => m.partial_free_cooling_hours) - res.annual.partial_free_cooling_hours)).toBeLessThanOrEqual(tol);
  });

  it('and the year equals the run report: IT, facility, cooling energy, water, PUE and WUE', () => {
    expect(res.annual.it_energy_kwh).toBeCloseTo(k.it_energy_kwh, 3);
    expect(res.annual.facility_energy_kwh).toBeCloseTo(k.facility_energy_kwh, 3);
    expect(res.annual.cooling_energy_kwh).toBeCloseTo(k.cooling_energy_kwh, 3);
    expect(res.annual.water_l).toBeCloseTo(k.water_l, 3);
    expect(res.annual.pue!).toBeCloseTo(k.pue!, 6);
    expect(res.annual.wue_l_per_kwh!).toBeCloseTo(k.wue_l_per_kwh!, 6);
    // Every part is really there: UPS losses, chiller work, tower water, free-cooling fans.
    expect(k.losses_kwh.ups).toBeGreaterThan(0);
    expect(k.chiller_energy_kwh).toBeGreaterThan(0);
    expect(res.annual.water_l).toBeGreaterThan(0);
    expect(res.annual.free_cooling_hours).toBeGreaterThan(0);
  });

  it('the IT energy of every whole hour is two racks at 80 % load for an hour, to rounding', () => {
    // 30 + (132 − 30)·0.8 = 111.6 kW per rack: 223.2 kWh an hour, 24 · 223.2 kWh a day.
    for (const m of res.months) expect(m.it_energy_kwh).toBeCloseTo(223.2 * m.hours, 3);
  });
});

describe('annual: free-cooling hours against a hand count', () => {
  /**
   * 48 hourly records: 5 °C for records 0–9 and 30–39, 30 °C otherwise. Between records the dry bulb is
   * linear, so it crosses 15 °C (where the dry cooler alone holds the 20 °C setpoint: 15 + 5 K approach)
   * 0.4 h into 10–11 h (5 → 30 °C), 0.6 h into 30–31 h (30 → 5 °C) and 0.4 h into 40–41 h. Before the
   * first record (01:00) the file's first value holds. So the plant runs without chillers from 0 to
   * 10.4 h and from 30.6 to 40.4 h: 10.4 + 9.8 = 20.2 h by hand — and on, at each warming crossing, until
   * the chiller (off since it was staged down) has started and passed its restart delay (90 s): 20.25 h.
   */
  const cold = (k: number) => k < 10 || (k >= 30 && k < 40);
  const text = epwText({ startMonth: 6, startDay: 1, days: 2, dryBulb: (k) => (cold(k) ? 5 : 30), dewPoint: (k) => (cold(k) ? 0 : 15) });
  // Steps of at most 60 s: a step counts whole by its mean flows, and a shortfall starts the chiller at the
  // end of the step that shows it, so each of the three crossings is placed to within 60 s: 3 min in all.
  const res = annual(hall({ kind: 'epw', data: text }, '{"max_step": 60}'), 48 * 3600);

  it('20.2 h without chillers and two restart delays, to within three 60 s steps', () => {
    expect(Math.abs(res.annual.free_cooling_hours - (20.2 + 2 * 90 / 3600))).toBeLessThanOrEqual(3 * 60 / 3600);
  });

  it('partial free cooling only while the dry bulb ramps through the band between 15 °C and the return less 5 K', () => {
    // The three ramps last an hour each; the band is part of each.
    expect(res.annual.partial_free_cooling_hours).toBeGreaterThan(0);
    expect(res.annual.partial_free_cooling_hours).toBeLessThan(3);
    // The rest of the 48 h the chiller carries the whole load.
    expect(res.annual.free_cooling_hours + res.annual.partial_free_cooling_hours).toBeLessThan(48 - 17);
  });
});

describe('annual: peak conditions and calendars', () => {
  it('the hottest hour of the fixture is 3 July, 15:00–16:00 (29.6 °C, line 72), with the PUE the hall ran at in it', () => {
    const res = annual(hall({ kind: 'epw', data: FIXTURE }), 72 * 3600);
    expect(res.peaks.hottest_hour).toMatchObject({ month: 7, day: 3, hour: 16, t_s: 64 * 3600, dry_bulb_c: 29.6 });
    expect(res.peaks.hottest_hour.pue).toBeGreaterThan(1);
    // The hour of the highest PUE is a whole hour whose PUE is the highest of all; the chiller works hardest in the warm afternoons.
    expect(res.peaks.pue_hour!.pue).toBeGreaterThanOrEqual(res.peaks.hottest_hour.pue!);
    expect(res.peaks.pue_hour!.dry_bulb_c).toBeGreaterThan(25);
    expect(res.peaks.fws_supply.fws_supply_c).toBeGreaterThanOrEqual(20 - 1e-6);
    expect(res.weather).toMatchObject({ source: 'epw', site: 'Fixture Site, XXX', latitude: 50, elevation_m: 112 });
    expect(res.weather.notes.length).toBe(2);
    expect(res.months.map((m) => m.name)).toEqual(['Jul']);
  });

  it('weather without a calendar runs on a plain year from 1 January', () => {
    const res = annual(hall({ kind: 'design_day', dry_bulb_max: '30 degC', daily_range: '10 K' }), 40 * 86400);
    expect(res.weather.source).toBe('scenario');
    expect(res.months.map((m) => [m.name, m.hours])).toEqual([['Jan', 744], ['Feb', 216]]);
    // The design day peaks at 15:00: the hottest hour is 14:00–15:00 on the first day.
    expect(res.peaks.hottest_hour).toMatchObject({ month: 1, day: 1, hour: 15, dry_bulb_c: 30 });
  });

  it('a run longer than the weather file is refused, naming the file\'s period', () => {
    const r = loadModelText(hall({ kind: 'epw', data: FIXTURE }), 'x.json', { until: 100 * 3600 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(() => runAnnual(r.model)).toThrow(/the weather's calendar covers 72 h \(the EPW data period 7\/1 … 7\/3\)/);
  });
});
