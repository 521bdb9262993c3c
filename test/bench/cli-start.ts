/**
 * Whole-process time of the bundled CLI, as a user at a shell sees it: `node bin/dist/dctwin.mjs validate
 * models/dlc-hall.yaml` and `… run dlc-hall`, median of `--runs` (default 5) fresh processes each, after
 * one unmeasured run to settle the file cache.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRecord } from './registry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dist/dctwin.mjs', import.meta.url));

function timeCommand(args: string[], runs: number): { median: number; min: number; status: number | null } {
  const times: number[] = [];
  let status: number | null = null;
  
  for (let i = 0; i <= runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.error) throw r.error;
    status = r.status;
    if (i > 0) times.push(s);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, status };
}

export function benchCliStart(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const runs = Number(flags['runs'] ?? 5);
  const cases: [string, string[]][] = [
    ['cli-validate', ['validate', 'models/dlc-hall.yaml']],
    ['cli-run', ['run', 'dlc-hall']],
  ];
  return cases.map(([name, args]) => {
    const t = timeCommand(args, runs);
    return { bench: name, command: `node bin/dist/dctwin.mjs ${args.join(' ')}`, runs, wall_s_median: +t.median.toFixed(3), wall_s_min: +t.min.toFixed(3), exit_code: t.status ?? -1 };
  });
}
