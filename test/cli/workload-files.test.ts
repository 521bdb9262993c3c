/** `dctwin` reads the data files a scenario names (SWF log, telemetry CSV) relative to the scenario file. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hallYaml } from '../workload/hall';

const BIN = new URL('../../bin/dist/dctwin.mjs', import.meta.url).pathname;
const FIXTURE = new URL('../fixtures/workload/gpu-cluster.swf', import.meta.url).pathname;
const dctwin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('workload data files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dctwin-wl-'));
  mkdirSync(join(dir, 'logs'));
  copyFileSync(FIXTURE, join(dir, 'logs', 'cluster.swf'));
  writeFileSync(join(dir, 'tel.csv'), 't_s,row-A-08\n0,0.3\n3600,0.9\n');

  it('reads swf.file and telemetry.file relative to the scenario and runs them', () => {
    const file = join(dir, 'hall.yaml');
    writeFileSync(file, hallYaml(8, 'swf: { file: logs/cluster.swf, gpus_per_node: 8 }\ntelemetry: { file: tel.csv }'));
    const r = dctwin('run', file, '--json', '--until', '2h');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.jobs[0].id).toBe('swf-1');
    expect(rep.jobs.length).toBeGreaterThan(40); // jobs submitted in the first two hours of the log
    expect(rep.final['row-A-08'].power_kw).toBeCloseTo(20 + 80 * 0.9, 3); // the replayed rack, last sample held
  });

  it('a missing data file is exit 1 naming the field and the file', () => {
    const file = join(dir, 'missing.yaml');
    writeFileSync(file, hallYaml(1, 'swf: { file: nope.swf }'));
    const r = dctwin('validate', file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/workload\.swf\.file "nope\.swf": cannot read \(ENOENT\)/);
  });
});
