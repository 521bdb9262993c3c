/**
 * `dctwin montecarlo` and `dctwin merge` as processes: the same bytes on one thread or two, shards run as
 * separate processes and merged equal to one process, and the Kubernetes and Slurm examples in
 * docs/examples/ run as written (their command lines parsed out of the files, the scheduler's index
 * variables set by hand) on a tiny study.
 */
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const BIN = new URL('../../bin/dist/dctwin.mjs', import.meta.url).pathname;
const EXAMPLES = new URL('../../docs/examples/', import.meta.url).pathname;
const dctwin = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
const dir = mkdtempSync(join(tmpdir(), 'dctwin-mc-'));

// A tiny study: one rack failing every 100 h on average, replicates of 500 h.
const TINY = join(dir, 'tiny.yaml');
writeFileSync(TINY, `version: 1
name: tiny study
seed: 3
rack_types: { r: { power: 100 kW, gpus: 8, cooling: dlc, load: 0.5 } }
hall: { rows: [ { id: row-A, type: r, cdu: cdu-A, count: 2 } ], crahs: [ { id: crah-1, capacity: 100 kW } ] }
cdus: [ { id: cdu-A, pumps: { count: 2, required: 1 } } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
reliability:
  - { target: rack, mtbf: 100 h, mttr: 10 h }
  - { target: pump, mtbf: 300 h, mttr: 5 h }
limits: { max_rack_coolant: 45 degC }
`);
const TINY_ARGS = ['--years', '12', '--until', '500h'];

/** A directory with a `dctwin` on PATH that runs this checkout's bundle, as the examples expect. */
function shimPath(): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'dctwin'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'dctwin'), 0o755);
  return `${bin}:${process.env['PATH'] ?? ''}`;
}

describe('dctwin montecarlo', () => {
  it('gives the same JSON, byte for byte, on one thread and on two', () => {
    const one = dctwin('montecarlo', TINY, ...TINY_ARGS, '--workers', '1', '--json');
    const two = dctwin('montecarlo', TINY, ...TINY_ARGS, '--workers', '2', '--json');
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const r = JSON.parse(one.stdout);
    expect(r.replicates).toBe(12);
    expect(r.replicate_s).toBe(500 * 3600);
    expect(Object.keys(r.designs[0].metrics)).toEqual(['it_availability', 'gpu_hours_lost', 'tokens_lost', 'rack_down_hours', 'failures', 'hours_above', 'p_rack_trip', 'p_rack_down', 'p_limit_exceeded']);
    expect(r.designs[0].metrics.it_availability.mean).toBeLessThan(1);
    expect(Object.keys(r.designs[0].metrics.hours_above)).toEqual(['max_rack_coolant']);
  });

  it('n shards as separate processes, merged, equal the single process exactly', async () => {
    const single = dctwin('montecarlo', TINY, ...TINY_ARGS, '--json');
    const n = 5;
    const runShard = (i: number) => new Promise<number>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'montecarlo', TINY, ...TINY_ARGS, '--shard', `${i}/${n}`, '--out', join(dir, `s-${i}.json`)], { stdio: 'ignore' });
      p.on('exit', (code) => resolve(code ?? -1));
    });
    expect(await Promise.all([...Array(n).keys()].map(runShard))).toEqual([0, 0, 0, 0, 0]);
    const parts = [4, 2, 0, 3, 1].map((i) => join(dir, `s-${i}.json`));
    const merged = dctwin('merge', ...parts, '--json');
    expect(merged.status, merged.stderr).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    // The text summary of a merge is the single run's too.
    expect(dctwin('merge', ...parts).stdout).toBe(dctwin('montecarlo', TINY, ...TINY_ARGS).stdout);
    // A missing shard is named, exit 1.
    const short = dctwin('merge', ...parts.slice(1)); // shard 4 of 5: replicates 9, 10, 11
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/replicates missing \(9, 10, 11\)/);
  });

  it('compares two designs on paired replicates', () => {
    const b = join(dir, 'tiny-b.yaml');
    writeFileSync(b, readFileSync(TINY, 'utf8').replace('mttr: 10 h', 'mttr: 4 h').replace('tiny study', 'tiny study, faster repair'));
    const r = dctwin('montecarlo', TINY, b, ...TINY_ARGS);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/A: tiny study[\s\S]*B: tiny study, faster repair[\s\S]*B − A, paired replicates[\s\S]*it_availability\s+0\.0\d+/);
  });

  it('runs the built-in availability hall', () => {
    const r = dctwin('montecarlo', 'availability-hall', '--years', '2', '--until', '720h', '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).designs[0].scenario).toMatch(/Availability hall/);
  });

  it('refuses a file with nothing failing at random, a bad shard and a file that is not a partial (exit 1)', () => {
    const none = dctwin('montecarlo', 'dlc-hall', '--years', '2');
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/reliability: nothing fails at random/);
    expect(dctwin('montecarlo', TINY, '--years', '2', '--shard', '3/3').status).toBe(1);
    const notPart = dctwin('merge', TINY);
    expect(notPart.status).toBe(1);
    expect(notPart.stderr).toMatch(/not JSON|not a dctwin Monte Carlo partial/);
  });
});

describe('the Kubernetes Indexed Job example', () => {
  const docs = parseAllDocuments(readFileSync(join(EXAMPLES, 'montecarlo-indexed-job.yaml'), 'utf8')).map((d) => d.toJS());
  const [shardJob, mergeJob] = docs;

  it('is two valid Jobs: an Indexed one with SHARDS = completions, and the merge', () => {
    expect(docs).toHaveLength(2);
    expect(shardJob.kind).toBe('Job');
    expect(shardJob.spec.completionMode).toBe('Indexed');
    const env = Object.fromEntries(shardJob.spec.template.spec.containers[0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(Number(env.SHARDS)).toBe(shardJob.spec.completions);
    expect(mergeJob.kind).toBe('Job');
  });

  it('its commands, run with JOB_COMPLETION_INDEX set for each index, merge to the single-process result', () => {
    const c = shardJob.spec.template.spec.containers[0];
    const mount = c.volumeMounts[0].mountPath as string;
    const results = join(dir, 'k8s');
    mkdirSync(results);
    const env = { ...process.env, PATH: shimPath(), ...Object.fromEntries(c.env.map((e: { name: string; value: string }) => [e.name, e.value])), MODEL: TINY, YEARS: '8' };
    expect(c.command).toEqual(['sh', '-c']);
    const script = (c.args[0] as string).replaceAll(mount, results);
    for (let i = 0; i < shardJob.spec.completions; i++) {
      const r = spawnSync('sh', ['-c', script], { env: { ...env, JOB_COMPLETION_INDEX: String(i) }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    expect(readdirSync(results)).toHaveLength(shardJob.spec.completions);
    const m = mergeJob.spec.template.spec.containers[0];
    const merged = spawnSync('sh', ['-c', (m.args[0] as string).replaceAll(m.volumeMounts[0].mountPath, results)], { env, encoding: 'utf8' });
    expect(merged.status, merged.stderr).toBe(0);
    // The replicates' default length (a year) as in the file: compare with one process of the same study.
    const single = dctwin('montecarlo', TINY, '--years', '8', '--json');
    expect(readFileSync(join(results, 'result.json'), 'utf8')).toBe(single.stdout);
    expect(merged.stdout).toBe(dctwin('montecarlo', TINY, '--years', '8').stdout);
  });
});

describe('the Slurm job array example', () => {
  const file = join(EXAMPLES, 'montecarlo-slurm.sh');
  const text = readFileSync(file, 'utf8');

  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });

  it('run for every task id of its --array, then its merge command, gives the single-process result', () => {
    const m = /^#SBATCH --array=(\d+)-(\d+)$/m.exec(text);
    expect(m).not.toBeNull();
    const [first, last] = [Number(m![1]), Number(m![2])];
    expect(first).toBe(0); // shards count from 0
    const cwd = join(dir, 'slurm');
    mkdirSync(cwd);
    const env = { ...process.env, PATH: shimPath(), MODEL: TINY, YEARS: '8', SLURM_ARRAY_TASK_COUNT: String(last - first + 1), SLURM_CPUS_PER_TASK: '1' };
    for (let i = first; i <= last; i++) {
      const r = spawnSync('bash', [file], { cwd, env: { ...env, SLURM_ARRAY_TASK_ID: String(i) }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const wrap = /--wrap '([^']+)'/.exec(text);
    expect(wrap).not.toBeNull();
    const merged = spawnSync('bash', ['-c', wrap![1]!], { cwd, env, encoding: 'utf8' });
    expect(merged.status, merged.stderr).toBe(0);
    expect(readFileSync(join(cwd, 'results', 'result.json'), 'utf8')).toBe(dctwin('montecarlo', TINY, '--years', '8', '--json').stdout);
  });
});
