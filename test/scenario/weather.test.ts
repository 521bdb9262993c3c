/**
 * CSV weather (`weather: { kind: csv, data }`): every cell a finite number in a plausible range, times
 * increasing, a header only when it reads as one; each problem reported at `weather.data` with its line
 * and column. Only the 4 MiB file limit bounds the data.
 */
import { describe, it, expect } from 'vitest';
import { loadModelText } from '../../sim/model/model';
import { compileWeather } from '../../sim/plant/weather';
import { LIMITS } from '../../sim/scenario/guard';

const scenario = (data: string) => JSON.stringify({
  version: 1,
  name: 'weather',
  hall: { rows: [{ id: 'row-A', cdu: 'cdu-A', count: 2 }] },
  cdus: [{ id: 'cdu-A' }],
  weather: { kind: 'csv', data },
});

function weatherErrors(data: string): string[] {
  const r = loadModelText(scenario(data), 'x.json');
  expect(r.ok).toBe(false);
  if (r.ok) return [];
  expect(r.errors.map((e) => e.path)).toEqual(['weather.data']);
  return r.errors.map((e) => e.message);
}

describe('CSV weather: bad cells are errors naming line and column', () => {
  it('a blank cell is an error, not 0 °C', () => {
    const [m] = weatherErrors('t_s,dry_bulb_c,wet_bulb_c\n0,18,14\n3600,,14\n');
    expect(m).toMatch(/line 3, column 2 \(dry_bulb_c\): blank cell/);
  });

  it('−300 °C is outside the plausible −60 … 60 °C', () => {
    const [m] = weatherErrors('0,18\n3600,-300\n');
    expect(m).toMatch(/line 2, column 2 \(dry_bulb_c\): -300 °C is outside -60 … 60 °C/);
  });

  it('a wet bulb above the dry bulb, or below −60 °C, is an error', () => {
    const [m] = weatherErrors('0,18,25\n3600,18,-70\n');
    expect(m).toMatch(/line 1, column 3 \(wet_bulb_c\): 25 °C/);
    expect(m).toMatch(/line 2, column 3 \(wet_bulb_c\): -70 °C/);
  });

  it('a typo in the first data row is reported, not dropped as a header', () => {
    const [m] = weatherErrors('0,1B,14\n3600,20,15\n');
    expect(m).toMatch(/line 1, column 2 \(dry_bulb_c\): expected a finite number, found "1B"/);
    // A header is only a line of words; a number among them makes it data.
    const [n] = weatherErrors('t_s,18,14\n3600,20,15\n');
    expect(n).toMatch(/line 1, column 1 \(t_s\): expected a finite number, found "t_s"/);
  });

  it('times must be finite and increase; columns must not change', () => {
    const [m] = weatherErrors('0,18\n0,19\n1e400,20\n7200,21,15\n');
    expect(m).toMatch(/line 2, column 1 \(t_s\): 0 s does not come after 0 s/);
    expect(m).toMatch(/line 3, column 1 \(t_s\): expected a finite number, found "1e400"/);
    expect(m).toMatch(/line 4: 3 cells, but line 1 has 2/);
  });

  it('numbers are decimals: hex, "Infinity" and spaces inside a cell are refused', () => {
    const [m] = weatherErrors('0,0x12\n3600,Infinity\n7200,1 8\n');
    expect(m).toMatch(/line 1, column 2 .*"0x12"/);
    expect(m).toMatch(/line 2, column 2 .*"Infinity"/);
    expect(m).toMatch(/line 3, column 2 .*"1 8"/);
  });
});

describe('CSV weather: size is bounded by the file limit only', () => {
  /** A year of hourly data with a daily swing: 8,760 lines after the header. */
  const year = ['t_s,dry_bulb_c,wet_bulb_c'];
  for (let h = 0; h < 8760; h++) {
    const dry = 15 + 10 * Math.sin((2 * Math.PI * h) / 24);
    year.push(`${h * 3600},${dry.toFixed(1)},${(dry - 6).toFixed(1)}`);
  }
  const yearText = year.join('\n') + '\n';

  it('a year of hourly data (8,760 lines, far past the 10,000-character limit of other text) loads', () => {
    expect(yearText.length).toBeGreaterThan(LIMITS.maxStringLength);
    const r = loadModelText(scenario(yearText), 'x.json');
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const w = compileWeather(r.scenario.weather);
    if (typeof w === 'string') throw new Error(w);
    const out = { dryBulb: 0, wetBulb: 0 };
    // Hour 6 of day 200: the row says 15 + 10·sin(π/2) = 25.0 °C; half an hour later, halfway to hour 7.
    w.at((200 * 24 + 6) * 3600, out);
    expect(out.dryBulb - 273.15).toBeCloseTo(25, 9);
    expect(out.wetBulb - 273.15).toBeCloseTo(19, 9);
    w.at((200 * 24 + 6.5) * 3600, out);
    expect(out.dryBulb - 273.15).toBeCloseTo((25 + Number((15 + 10 * Math.sin((2 * Math.PI * 7) / 24)).toFixed(1))) / 2, 9);
  });

  it('the other text fields keep the 10,000-character limit', () => {
    const r = loadModelText(JSON.stringify({ version: 1, name: 'x', description: 'a'.repeat(20_000), hall: {} }), 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/description is 20000 characters; at most 10000 allowed/);
  });

  it('a 5 MB weather string is refused by the file size limit', () => {
    const big = '0,18\n'.repeat(1_000_000);
    const r = loadModelText(scenario(big), 'x.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/scenario is too large: at least \d+ bytes .*; the limit is 4194304 bytes \(4\.0 MiB\)/);
  });
});
