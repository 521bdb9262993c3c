/**
 * EPW weather files: the parser against the hand-made fixture (test/fixtures/weather/three-days.epw,
 * its fields explained in the README beside it), its errors naming line and field, its bounds, and the
 * weather a scenario gets from it (hourly values, linear between hours).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseEpw, epwDuration, EPW_LIMITS, type Epw } from '../../sim/plant/epw';
import { compileWeather } from '../../sim/plant/weather';
import { loadModelText } from '../../sim/model/model';
import { saturationPressure, wetBulbFromDewPoint, wetBulbFromRelativeHumidity, standardPressure } from '../../sim/physics/psychrometrics';
import { epwText, syntheticYear } from '../fixtures/weather/generate-epw';

const FIXTURE = readFileSync(new URL('../fixtures/weather/three-days.epw', import.meta.url), 'utf8');
const C2K = 273.15;

function parsed(text: string): Epw {
  const r = parseEpw(text);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.epw;
}
function errorsOf(text: string): string {
  const r = parseEpw(text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.errors.join('\n');
}
/** The fixture with line `n` (1-based) rewritten. */
function withLine(n: number, edit: (line: string) => string): string {
  const lines = FIXTURE.split('\n');
  lines[n - 1] = edit(lines[n - 1]!);
  return lines.join('\n');
}
const setField = (field: number, value: string) => (line: string) => { const c = line.split(','); c[field - 1] = value; return c.join(','); };

describe('EPW parser: the fixture, field by field', () => {
  const e = parsed(FIXTURE);

  it('reads the LOCATION header (site, latitude, longitude, time zone, elevation)', () => {
    expect(e.location).toMatchObject({ city: 'Fixture Site', country: 'XXX', source: 'dctwin fixture', latitude: 50, longitude: 8.6, timeZone: 1, elevation: 112 });
    expect(e.leapYear).toBe(false);
    expect(e.period).toEqual({ name: 'Data', start: '7/1', end: '7/3', days: 3 });
    expect(e.recordsPerHour).toBe(1);
  });

  it('has 72 hourly records, each at the end of its hour from 00:00 on 1 July', () => {
    expect(e.t.length).toBe(72);
    expect([e.t[0], e.t[1], e.t[71]]).toEqual([3600, 7200, 72 * 3600]);
    expect([e.month[0], e.day[0], e.hour[0]]).toEqual([7, 1, 1]);
    expect([e.month[24], e.day[24], e.hour[24]]).toEqual([7, 2, 1]);
    expect([e.month[71], e.day[71], e.hour[71]]).toEqual([7, 3, 24]);
  });

  it('line 9 (1 July, hour 1): 18.0 °C dry bulb, 14.0 °C dew point, 99,987 Pa, in K and Pa', () => {
    expect(e.dryBulb[0]).toBeCloseTo(18 + C2K, 12);
    expect(e.dewPoint[0]).toBeCloseTo(14 + C2K, 12);
    expect(e.pressure[0]).toBe(99987);
    // Wet bulb from dry bulb, dew point and station pressure (the psychrometrics tested on their own).
    expect(e.wetBulb[0]! - C2K).toBeCloseTo(wetBulbFromDewPoint(18, 14, 99987), 9);
    // By hand, from a psychrometric chart near sea level: 18 °C with a 14 °C dew point is a ~15.6 °C wet bulb.
    expect(Math.abs(e.wetBulb[0]! - C2K - 15.6)).toBeLessThan(0.2);
  });

  it('line 23 (1 July, 15:00): 27.4 °C; line 71 (3 July, 15:00): 29.4 °C, two days warmer by 1 K each', () => {
    expect(e.dryBulb[14]! - C2K).toBeCloseTo(27.4, 9);
    expect(e.dryBulb[14 + 48]! - C2K).toBeCloseTo(29.4, 9);
  });

  it('line 30: a missing dew point (99.9) is taken from the relative humidity (67 %) at 20.8 °C', () => {
    expect(e.dryBulb[21]! - C2K).toBeCloseTo(20.8, 9);
    // The dew point is the temperature whose saturation pressure is 67 % of that at 20.8 °C.
    expect(saturationPressure(e.dewPoint[21]! - C2K) / saturationPressure(20.8)).toBeCloseTo(0.67, 5);
    expect(e.wetBulb[21]! - C2K).toBeCloseTo(wetBulbFromRelativeHumidity(20.8, 0.67, 99987), 4);
    expect(e.notes.join('\n')).toMatch(/1 missing dew point temperature value \(first at line 30\): taken from the relative humidity/);
  });

  it('line 40: a missing station pressure (999999) is held from the record before', () => {
    expect(e.pressure[31]).toBe(99987);
    expect(e.notes.join('\n')).toMatch(/1 missing atmospheric station pressure value \(first at line 40\): held from the record before/);
  });

  it('its span is 72 h from the header and line count alone', () => {
    expect(epwDuration(FIXTURE)).toBe(72 * 3600);
  });
});

describe('EPW parser: problems name their line and field', () => {
  it('a header out of order or missing', () => {
    expect(errorsOf(withLine(2, () => 'TYPICAL/EXTREME PERIODS,0'))).toMatch(/line 2: expected the DESIGN CONDITIONS header/);
    expect(errorsOf('2025,7,1,1,0,x,18,14,77,99987\n')).toMatch(/line 1: expected the LOCATION header/);
  });

  it('a missing hour is found where it happens, not as a shifted year', () => {
    const lines = FIXTURE.trimEnd().split('\n');
    lines.splice(20, 1); // drop line 21 (1 July, hour 13)
    lines.push(lines[lines.length - 1]!); // keep the count right so the date check is what fails
    expect(errorsOf(lines.join('\n'))).toMatch(/line 21: expected month 7, day 1, hour 13 .*found month "7", day "1", hour "14"/);
  });

  it('too few records for the data period', () => {
    const lines = FIXTURE.trimEnd().split('\n');
    expect(errorsOf(lines.slice(0, -1).join('\n'))).toMatch(/the data period 7\/1 … 7\/3 \(3 days × 24 h × 1 record an hour\) needs 72 records; found 71/);
  });

  it('a non-number, an out-of-range value and a short record', () => {
    expect(errorsOf(withLine(9, setField(7, '18,0')))).toMatch(/line 9: 36 fields|line 9, field/);
    expect(errorsOf(withLine(9, setField(7, 'abc')))).toMatch(/line 9, field 7 \(dry bulb temperature\): expected a number, found "abc"/);
    expect(errorsOf(withLine(10, setField(7, '75')))).toMatch(/line 10, field 7 \(dry bulb temperature\): 75 °C is outside the EPW range -70 … 70 °C/);
    expect(errorsOf(withLine(11, setField(10, '20000')))).toMatch(/line 11, field 10 \(atmospheric station pressure\): 20000 Pa is outside/);
    expect(errorsOf(withLine(12, setField(9, '150')))).toMatch(/line 12, field 9 \(relative humidity\): 150 % is outside/);
    expect(errorsOf(withLine(13, (l) => l.split(',').slice(0, 8).join(',')))).toMatch(/line 13: 8 fields; an EPW record has 35/);
  });

  it('header values: latitude, leap-year flag, records per hour, dates', () => {
    expect(errorsOf(withLine(1, setField(7, '95')))).toMatch(/line 1, field 7 \(latitude, degrees\): expected a number -90 … 90, found "95"/);
    expect(errorsOf(withLine(5, setField(2, 'Maybe')))).toMatch(/line 5, field 2 \(LeapYear Observed\): expected Yes or No/);
    expect(errorsOf(withLine(8, setField(3, '7')))).toMatch(/line 8, field 3 \(records per hour\)/);
    expect(errorsOf(withLine(8, setField(6, '2/30')))).toMatch(/line 8, field 6 \(data period start day\): no such day: month 2, day 30/);
    expect(errorsOf(withLine(8, setField(2, '2')))).toMatch(/line 8, field 2 \(number of data periods\)/);
  });

  it('a dry bulb missing in every record is an error, not a year at 99.9 °C', () => {
    const text = FIXTURE.split('\n').map((l, i) => (i >= 8 && l ? setField(7, '99.9')(l) : l)).join('\n');
    expect(errorsOf(text)).toMatch(/every dry bulb temperature is missing/);
  });

  it('at most ten problems are listed, then a count', () => {
    const text = FIXTURE.split('\n').map((l, i) => (i >= 8 && l ? setField(10, '5') (l) : l)).join('\n');
    const msg = errorsOf(text);
    expect(msg.split('\n').length).toBe(11);
    expect(msg).toMatch(/and 62 more$/);
  });
});

describe('EPW parser: bounded size', () => {
  it('a whole synthetic year (8,760 records, ~1.5 MB) parses; a file past the byte limit is refused before it is split', () => {
    const year = syntheticYear();
    expect(parsed(year).t.length).toBe(8760);
    const huge = year + ' '.repeat(EPW_LIMITS.maxBytes);
    expect(errorsOf(huge)).toMatch(/an EPW file may have at most 8,388,608 bytes/);
    // Within the byte limit but made of newlines: counted and refused before anything is split.
    expect(errorsOf('\n'.repeat(4_000_000))).toMatch(/more than 35,160 lines; an EPW file has 8 header lines and at most a leap year of records at 4 an hour/);
  });

  it('29 February is refused unless the file observes leap years', () => {
    const text = epwText({ startMonth: 2, startDay: 28, days: 2, dryBulb: () => 5, dewPoint: () => 0 });
    // The generator writes a non-leap calendar: 28 Feb then 1 Mar. Claim 29 Feb in the second day's records.
    const edited = text.split('\n').map((l, i) => (i >= 8 + 24 && l ? l.replace(/^2025,3,1,/, '2025,2,29,') : l)).join('\n');
    expect(errorsOf(edited)).toMatch(/line 33: expected month 3, day 1, hour 1 .*no 29 February/);
  });
});

describe('EPW weather in a scenario', () => {
  const scenario = (weather: object) => JSON.stringify({ version: 1, name: 'w', hall: { rows: [{ id: 'row-A', cdu: 'cdu-A', count: 2 }] }, cdus: [{ id: 'cdu-A' }], weather });

  it('embedded as weather.data: the plant sees the hourly values, linear between hours', () => {
    const r = loadModelText(scenario({ kind: 'epw', data: FIXTURE }), 'x.json');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const w = r.model.plant.weather;
    const out = { dryBulb: 0, wetBulb: 0 };
    w.at(15 * 3600, out); // 1 July 15:00: line 23
    expect(out.dryBulb - C2K).toBeCloseTo(27.4, 9);
    w.at(15.5 * 3600, out); // halfway to 16:00 (27.6 °C)
    expect(out.dryBulb - C2K).toBeCloseTo(27.5, 9);
    w.at(0, out); // before the first record of a three-day file: held at it
    expect(out.dryBulb - C2K).toBeCloseTo(18, 9);
    // Design times: the hottest record (3 July 16:00, 29.6 °C) for the headroom check.
    expect(w.designTimes).toContain((48 + 16) * 3600);
    expect(w.epw?.t.length).toBe(72);
  });

  it('a whole year wraps: before its first record (01:00) it interpolates from the last (24:00 on 31 December)', () => {
    const w = compileWeather({ kind: 'epw', data: syntheticYear() });
    if (typeof w === 'string') throw new Error(w);
    const out = { dryBulb: 0, wetBulb: 0 };
    const last = w.epw!.dryBulb[8759]!, first = w.epw!.dryBulb[0]!;
    w.at(0, out);
    expect(out.dryBulb).toBeCloseTo(last, 12);
    w.at(1800, out);
    expect(out.dryBulb).toBeCloseTo((last + first) / 2, 12);
  });

  it('a file reference with no text (a host that did not read it) is an error at weather.file', () => {
    const r = loadModelText(scenario({ kind: 'epw', file: 'site.epw' }), 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.path).toBe('weather.file');
      expect(r.errors[0]!.message).toMatch(/the EPW file "site.epw" was not read/);
    }
  });

  it('neither file nor data, and a broken embedded file, are errors with paths', () => {
    const a = loadModelText(scenario({ kind: 'epw' }), 'x.json');
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.errors[0]!.message).toMatch(/expected file .* or data/);
    const b = loadModelText(scenario({ kind: 'epw', data: withLine(10, setField(7, '75')) }), 'x.json');
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.errors[0]).toMatchObject({ path: 'weather.data', message: expect.stringMatching(/line 10, field 7/) });
  });

  it('a missing pressure before any good one is the standard atmosphere at the site elevation', () => {
    const e = parsed(withLine(9, setField(10, '999999')));
    expect(e.pressure[0]).toBeCloseTo(standardPressure(112), 6);
  });
});
