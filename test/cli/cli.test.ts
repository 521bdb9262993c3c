/** The CLI as a CI job sees it: exit codes, the JSON report's public fields, CSV, schema, validate. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** One line on stderr, no Node stack trace, exit 1: what a hostile or mistaken input must give. */
function refusedWith(r: ReturnType<typeof dctwin>, message: RegExp) {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.status).toBe(1);
}

describe('dctwin run: input bounds', () => {
  it.skipIf(!existsSync('/dev/zero'))('refuses /dev/zero at once instead of reading it (it once read 16.9 GB and crashed)', () => {
    refusedWith(dctwin('run', '/dev/zero'), /^\/dev\/zero: is not a regular file/);
  });

  it('refuses a directory', () => {
    refusedWith(dctwin('run', dir), /: is a directory; give a scenario file/);
  });

  it.skipIf(spawnSync('mkfifo', [join(dir, 'fifo')]).status !== 0)('refuses a FIFO without waiting for a writer', () => {
    refusedWith(dctwin('run', join(dir, 'fifo')), /fifo: is not a regular file/);
  });

  it('refuses a file past 4 MiB (a 5 MB weather string) with the size limit, before parsing it', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, 'version: 1\nname: big\nhall: {}\nweather:\n  kind: csv\n  data: |\n' + '    0,18\n'.repeat(555_556));
    refusedWith(dctwin('run', big), /big\.yaml: larger than 4194304 bytes \(4\.0 MiB\), the limit for a scenario file \(it is 4\.8 MiB\)/);
  });

  it('--until obeys the bound of the file\'s duration: positive, at most ten years', () => {
    refusedWith(dctwin('run', 'dlc-hall', '--until', '1e308'), /--until .*1e308.* is invalid\. expected a positive duration of at most/);
    refusedWith(dctwin('run', 'dlc-hall', '--until', '100years'), /--until .*100years.* is invalid\. expected a positive duration of at most/);
    refusedWith(dctwin('run', 'dlc-hall', '--until', '0'), /--until .* is invalid/);
  });
});

describe('dctwin run: output errors', () => {
  it('--csv into a missing directory fails before the run with one line', () => {
    const r = dctwin('run', 'dlc-hall', '--csv', '/nonexistent/dir/x.csv');
    refusedWith(r, /^cannot write \/nonexistent\/dir\/x\.csv \(no such directory, ENOENT\)$/m);
    expect(r.stdout).toBe('');
  });

  it.skipIf(spawnSync('bash', ['-c', 'true']).status !== 0)('a reader that closes the pipe early (| head -c 10) ends the run quietly with exit 1 (EPIPE)', () => {
    // 1,024 racks give a ~130 kB report: more than a 64 kB pipe buffer, so the write meets the closed pipe.
    const cmd = `set -o pipefail; "${process.execPath}" "${BIN}" run ai-hall-1024 --json --until 1h | head -c 10`;
    const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('{\n "scenar');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});

describe('dctwin sweep', () => {
  it('prints the N-1 cases as JSON with the documented fields, worst first', () => {
    const r = dctwin('sweep', 'dlc-hall', '--at', '12h', '--until', '13h', '--repair', '10min', '--json');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.cases).toHaveLength(21);
    for (const k of ['failed', 'kind', 'time_to_first_limit_s', 'racks_throttled', 'racks_tripped', 'gpu_hours_lost', 'tokens_lost', 'recovered', 'worst'])
      expect(res.cases[0]).toHaveProperty(k);
    expect(Object.keys(res.cases[0].worst)).toEqual(['rack_coolant_c', 'rack_inlet_c', 'fws_supply_c']);
    expect(res.cases[0].kind).toBe('cdu');
    const text = dctwin('sweep', 'dlc-hall', '--at', '12h', '--until', '13h');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/N-1 sweep, 21 cases[\s\S]*cdu-A/);
  });

  it('gives the same JSON, byte for byte, on 2 worker threads as on 1, grouped or not', () => {
    const args = ['sweep', 'utility-loss-pumps-on-ups', '--at', '1h', '--until', '2h', '--json'];
    const one = dctwin(...args, '--workers', '1'), two = dctwin(...args, '--workers', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const res = JSON.parse(one.stdout);
    expect(res.runs).toBeLessThan(res.cases.length);
    const alone = dctwin(...args, '--workers', '2', '--no-group');
    const all = JSON.parse(alone.stdout);
    expect(all.runs).toBe(all.cases.length);
    expect(all.cases.every((c: { represented_by: string | null }) => c.represented_by === null)).toBe(true);
    const strip = (r: { cases: object[] }) => r.cases.map((c) => ({ ...c, represented_by: null }));
    expect(strip(all)).toEqual(strip(res));
  });

  it('refuses --workers 0 with exit 1', () => {
    const r = dctwin('sweep', 'dlc-hall', '--workers', '0');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/expected an integer 1/);
  });
});

describe('dctwin compare', () => {
  it('prints the two runs side by side, both verdicts and the three file differences; exits 2 as B breaks its limits', () => {
    const r = dctwin('compare', 'utility-loss-pumps-on-ups', 'utility-loss-pumps-off-ups');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^ {2}peak rack coolant +38\.2 °C +55\.9 °C +\+17\.7 K +A$/m);
    expect(r.stdout).toMatch(/^ {2}racks throttled +0 +16 +\+16 +A$/m);
    expect(r.stdout).toMatch(/ {2}A: all stated limits held\n {2}B: LIMITS VIOLATED\n +max_racks_throttled: racks throttled 16 exceeds the stated limit 0/);
    expect(r.stdout).toContain([
      '3 differences between the files (A → B):',
      '  name: "Utility loss — CDU pumps on UPS" → "Utility loss — CDU pumps NOT on UPS"',
      '  power.feeds[loads=cdus,fws_pumps].a: ups-A → mcc-A',
      '  power.feeds[loads=cdus,fws_pumps].b: ups-B → mcc-B',
    ].join('\n'));
  });

  it('--json carries the documented fields; a file against itself differs nowhere and exits 0', () => {
    const r = dctwin('compare', 'dlc-hall', 'dlc-hall', '--json', '--until', '1h', '--seed', '3');
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(Object.keys(res)).toEqual(['a', 'b', 'kpis', 'differences']);
    expect(Object.keys(res.a)).toEqual(['file', 'name', 'seed', 'duration_s', 'kpis', 'violations']);
    expect([res.a.seed, res.b.duration_s]).toEqual([3, 3600]);
    expect(Object.keys(res.kpis[0])).toEqual(['key', 'label', 'unit', 'a', 'b', 'diff', 'diff_unit', 'diff_pct', 'better']);
    expect(res.differences).toEqual([]);
    expect(res.kpis.every((k: { a: number | null; diff: number | null }) => k.a === null || k.diff === 0)).toBe(true);
    const text = dctwin('compare', 'dlc-hall', 'dlc-hall', '--until', '1h');
    expect(text.stdout).toContain('the files do not differ');
  });

  it('exits 1 naming the file when either one is bad', () => {
    const bad = join(dir, 'bad-compare.yaml');
    writeFileSync(bad, 'version: 1\nname: x\nhall: { rows: [ { id: a, count: 2, type: nope } ] }\n');
    const r = dctwin('compare', 'dlc-hall', bad);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bad-compare.yaml');
    expect(r.stdout).toBe('');
  });
});

describe('dctwin drill', () => {
  it('plays scripted answers headless and prints the score against doing nothing and the best answer', () => {
    const best = dctwin('drill', 'cdu-pumps', '--answer', 'first-pump=reset');
    expect(best.stderr).toBe('');
    expect(best.status).toBe(0);
    expect(best.stdout).toMatch(/Score: 100 \/ 100/);
    const none = dctwin('drill', 'cdu-pumps', '--json');
    const r = JSON.parse(none.stdout);
    expect(r.score.total).toBe(r.nothing_score.total);
    expect(r.answer.gpu_hours_lost).toBeGreaterThan(r.best.gpu_hours_lost);
    expect(r.decisions.map((d: { chosen: string }) => d.chosen)).toEqual(['nothing', 'nothing']);
  });
  it('lists the questions, and rejects an answer that is not an option with what it could be', () => {
    const q = dctwin('drill', 'straggler', '--questions');
    expect(q.status).toBe(0);
    expect(q.stdout).toMatch(/Decision "straggler"[\s\S]*colder[\s\S]*nothing/);
    const bad = dctwin('drill', 'straggler', '--answer', 'hope');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/expected one of colder, strainer, both, pause, nothing, found "hope"/);
    const notDrill = dctwin('drill', 'dlc-hall');
    expect(notDrill.status).toBe(1);
    expect(notDrill.stderr).toMatch(/not a drill/);
  });
});
