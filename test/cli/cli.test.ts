/** The CLI as a CI job sees it: exit codes, the JSON report's public fields, CSV, schema, validate. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = new URL('../../bin/dist/dctwin.mjs', import.meta.url).pathname;
const dctwin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });
const dir = mkdtempSync(join(tmpdir(), 'dctwin-cli-'));

describe('dctwin run', () => {
  it('prints the JSON report with its public fields and exits 0 when the limits hold', () => {
    const csv = join(dir, 'out.csv');
    const r = dctwin('run', 'immersion-hall', '--json', '--until', '2h', '--probe', 'tank-3.temperature', '--probe', 'plant.fws_supply', '--csv', csv);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout);
    for (const k of ['scenario', 'seed', 'duration_s', 'events_processed', 'kpis', 'alarms', 'time_to_limit', 'energy_balance', 'series', 'final'])
      expect(rep).toHaveProperty(k);
    for (const k of ['pue', 'it_energy_kwh', 'facility_energy_kwh', 'cooling_energy_kwh', 'peak_rack_inlet_c', 'peak_tcs_supply_c', 'racks_throttled', 'racks_tripped'])
      expect(rep.kpis).toHaveProperty(k);
    expect(rep.duration_s).toBe(7200);
    expect(Object.keys(rep.energy_balance)).toEqual(['in_j', 'rejected_j', 'stored_j', 'error_rel']);
    expect(rep.series['tank-3.temperature'].t_s.length).toBe(rep.series['tank-3.temperature'].values.length);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('t_s,tank-3.temperature [degC],plant.fws_supply [degC]');
    expect(lines.length).toBe(rep.series['plant.fws_supply'].t_s.length + 1);
  });

  it('exits 2 when a stated limit is violated, and says which', () => {
    const r = dctwin('run', 'utility-loss-pumps-off-ups');
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/LIMITS VIOLATED[\s\S]*max_racks_throttled/);
  });

  it('exits 1 on bad input with the field path and no stack trace', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nname: x\nhall:\n  rows: [ { id: a, count: 2, type: t } ]\nrack_types: { t: { power: 120 kg, cooling: air } }\n');
    const r = dctwin('run', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rack_types.t.power: expected a power such as "120 kW", found "120 kg"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const p = dctwin('run', 'immersion-hall', '--probe', 'tank-9.temperature');
    expect(p.status).toBe(1);
    expect(p.stderr).toContain('tank-9');
    expect(dctwin('run', join(dir, 'missing.yaml')).status).toBe(1);
  });
});

describe('dctwin validate and schema', () => {
  it('validates every built-in model', () => {
    const r = dctwin('validate', 'dlc-hall', 'immersion-hall', 'ai-hall-1024');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').every((l) => / ok/.test(l))).toBe(true);
  });
  it('prints a JSON Schema', () => {
    const r = dctwin('schema');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).title).toMatch(/dctwin scenario/);
  });
});
