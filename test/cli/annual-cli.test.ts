/** `dctwin annual` and `dctwin run --epw` as a user meets them: EPW files read relative to the scenario, errors, JSON. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/dist/dctwin.mjs', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/weather/three-days.epw', import.meta.url).pathname;
const dctwin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'dctwin-annual-'));

const SCENARIO = (weather: string) => `version: 1
name: annual cli hall
rack_types: { r: { power: 132 kW, idle_power: 30 kW, gpus: 72, cooling: dlc, load: 0.8 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A } ]
plant:
  supply_setpoint: 20 degC
  free_cooling: [ { id: dry-1, kind: dry_cooler, capacity: 2 MW, approach: 5 K } ]
  chillers: [ { id: ch-1, capacity: 1 MW } ]
${weather}
`;

describe('dctwin annual', () => {
  mkdirSync(join(dir, 'site', 'weather'), { recursive: true });
  copyFileSync(FIXTURE, join(dir, 'site', 'weather', 'july.epw'));
  const file = join(dir, 'site', 'hall.yaml');
  writeFileSync(file, SCENARIO('weather: { kind: epw, file: weather/july.epw }'));

  it('reads weather.file relative to the scenario and runs the file\'s whole length (72 h), months and peaks in the JSON', () => {
    const r = dctwin('annual', file, '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.duration_s).toBe(72 * 3600);
    expect(res.weather).toMatchObject({ source: 'epw', site: 'Fixture Site, XXX' });
    expect(res.months).toHaveLength(1);
    expect(res.months[0]).toMatchObject({ month: 7, name: 'Jul', hours: 72 });
    for (const k of ['it_energy_kwh', 'facility_energy_kwh', 'cooling_energy_kwh', 'pue', 'water_l', 'wue_l_per_kwh', 'free_cooling_hours', 'partial_free_cooling_hours'])
      expect(res.annual).toHaveProperty(k);
    expect(res.peaks.hottest_hour).toMatchObject({ month: 7, day: 3, hour: 16, dry_bulb_c: 29.6 });
    expect(res.annual.pue).toBeCloseTo(res.report.kpis.pue, 6);
  });

  it('prints a summary with the monthly table', () => {
    const r = dctwin('annual', file);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/72 h at hourly weather from EPW Fixture Site, XXX \(50°, 8\.6°, 112 m\)/);
    expect(r.stdout).toMatch(/hottest hour\s+3 Jul 15:00–16:00: 29\.6 °C dry bulb/);
    expect(r.stdout).toMatch(/\n  Jul\s+72 /);
    expect(r.stdout).toMatch(/\n  year\s+72 /);
    expect(r.stdout).toMatch(/weather: 1 missing dew point temperature value \(first at line 30\)/);
  });

  it('--epw replaces the scenario weather (a design day here), relative to the working directory; --until shortens the run', () => {
    const plain = join(dir, 'plain.yaml');
    writeFileSync(plain, SCENARIO('weather: { kind: design_day, dry_bulb_max: 35 degC, daily_range: 10 K }'));
    const r = dctwin('annual', plain, '--epw', FIXTURE, '--until', '24h', '--json');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.duration_s).toBe(86400);
    expect(res.peaks.hottest_hour).toMatchObject({ day: 1, hour: 16, dry_bulb_c: 27.6 });
  });

  it('without an EPW the scenario weather runs on a plain year (here shortened to 2 days)', () => {
    const plain = join(dir, 'plain2.yaml');
    writeFileSync(plain, SCENARIO('weather: { kind: design_day, dry_bulb_max: 35 degC, daily_range: 10 K }'));
    const res = JSON.parse(dctwin('annual', plain, '--until', '48h', '--json').stdout);
    expect(res.weather.source).toBe('scenario');
    expect(res.months[0]).toMatchObject({ name: 'Jan', hours: 48 });
  });

  it('a missing EPW file, a broken one and a run past its end exit 1 with the file and the line', () => {
    const missing = dctwin('annual', file, '--epw', join(dir, 'nope.epw'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope\.epw: cannot read \(ENOENT\)/);
    const broken = join(dir, 'broken.epw');
    writeFileSync(broken, 'LOCATION,x\nDESIGN CONDITIONS,0\n');
    const b = dctwin('annual', file, '--epw', broken);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/weather\.file: .*broken\.epw: line 3: expected the TYPICAL\/EXTREME PERIODS header/);
    const long = dctwin('annual', file, '--until', '100h');
    expect(long.status).toBe(1);
    expect(long.stderr).toMatch(/the weather's calendar covers 72 h/);
    const ref = join(dir, 'site', 'ref.yaml');
    writeFileSync(ref, SCENARIO('weather: { kind: epw, file: weather/missing.epw }'));
    const m2 = dctwin('annual', ref);
    expect(m2.status).toBe(1);
    expect(m2.stderr).toMatch(/weather\.file "weather\/missing\.epw": cannot read \(ENOENT\)/);
  });

  it('a device or a directory is refused as a weather file', () => {
    const r = dctwin('annual', file, '--epw', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is a directory; give an EnergyPlus weather file \(\.epw\)/);
  });
});

describe('dctwin run --epw', () => {
  it('runs the scenario on the EPW weather instead of its own', () => {
    const file = join(dir, 'run.yaml');
    writeFileSync(file, SCENARIO('weather: { kind: constant, dry_bulb: 40 degC }'));
    const hot = JSON.parse(dctwin('run', file, '--until', '24h', '--json').stdout);
    const r = dctwin('run', file, '--until', '24h', '--epw', FIXTURE, '--json');
    expect(r.status).toBe(0);
    const mild = JSON.parse(r.stdout);
    // The fixture's nights (16–20 °C) let the dry cooler share the load; 40 °C never does.
    expect(mild.kpis.free_cooling_heat_fraction).toBeGreaterThan(0);
    expect(hot.kpis.free_cooling_heat_fraction).toBe(0);
    expect(mild.kpis.pue).toBeLessThan(hot.kpis.pue);
  });
});
