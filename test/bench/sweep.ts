/**
 * The N-1 sweep as a user runs it: whole process, `node bin/dist/dctwin.mjs sweep MODEL --json`, every
 * failable unit failed at a tenth into a run of the model's duration (24 h for both halls here).
 * `sweep` times dlc-hall (21 cases) with the default threads (one: its runs are short) and on two,
 * median of `--runs` (default 3);
 * `sweep-1024` times the full N-1 of the 1,024-rack hall once (--sweep-workers overrides the threads).
 * Each record gives cases, runs (interchangeable units share one) and threads.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchRecord } from './registry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dist/dctwin.mjs', import.meta.url));

/** `workers` null: the CLI's default (the cores available, or one thread when the runs are short). */
function timeSweep(model: string, workers: number | null, runs: number): BenchRecord {
  const flags = workers === null ? [] : ['--workers', String(workers)];
  const times: number[] = [];
  let out = { cases: [] as unknown[], runs: 0 };
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, 'sweep', model, '--json', ...flags], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`dctwin sweep ${model} exited ${r.status}: ${r.stderr}`);
    out = JSON.parse(r.stdout) as typeof out;
  }
  times.sort((a, b) => a - b);
  return {
    bench: `sweep ${model}`, command: ['node bin/dist/dctwin.mjs sweep', model, '--json', ...flags].join(' '),
    cases: out.cases.length, runs: out.runs, workers: workers ?? `auto (${availableParallelism()} cores)`, processes: runs,
    wall_s_median: +times[Math.floor(times.length / 2)]!.toFixed(3), wall_s_min: +times[0]!.toFixed(3),
  };
}

export function benchSweep(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const runs = Number(flags['runs'] ?? 3);
  return [timeSweep('dlc-hall', null, runs), timeSweep('dlc-hall', 2, runs)];
}

export function benchSweep1024(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const w = flags['sweep-workers'];
  return [timeSweep('ai-hall-1024', w === undefined ? null : Number(w), 1)];
}
