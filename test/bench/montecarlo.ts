/**
 * Monte Carlo availability as a user runs it: whole process, `node bin/dist/dctwin.mjs montecarlo
 * availability-hall --years N --workers K --json` (20 NVL72-class racks, 2N power, N+1 cooling, every
 * infrastructure class failing at random: ~10 failures and repairs a year). One record per K (default
 * 1 and 2: `--mc-workers 1,2`), `--mc-years` replicates (default 1000): wall time, CPU time of the
 * process and its threads (bash's `times`: other work on the machine shows in wall time, less in CPU),
 * years per wall second, per CPU second, and the speed-up over the first K.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRecord } from './registry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dist/dctwin.mjs', import.meta.url));

const seconds = (m: string, s: string) => Number(m) * 60 + Number(s);

export function benchMonteCarlo(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const years = Number(flags['mc-years'] ?? 1000);
  const workers = (flags['mc-workers'] ?? '1,2').split(',').map(Number);
  const out: BenchRecord[] = [];
  let first: number | null = null;
  for (const k of workers) {
    const args = ['montecarlo', 'availability-hall', '--years', String(years), '--workers', String(k), '--json'];
    const t0 = process.hrtime.bigint();
    const r = spawnSync('bash', ['-c', `"$0" "$@" > /dev/null && times`, process.execPath, BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`dctwin montecarlo exited ${r.status}: ${r.stderr}`);
    // `times`: the shell's user/sys, then its children's — the second line.
    const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(r.stdout.trim());
    const cpu = m ? seconds(m[1]!, m[2]!) + seconds(m[3]!, m[4]!) : NaN;
    first ??= wall;
    out.push({
      bench: 'montecarlo availability-hall', command: `node bin/dist/dctwin.mjs ${args.join(' ')}`,
      years, workers: k, wall_s: +wall.toFixed(2), cpu_s: +cpu.toFixed(2),
      years_per_s: +(years / wall).toFixed(1), years_per_cpu_s: +(years / cpu).toFixed(1), speedup: +(first / wall).toFixed(2),
    });
  }
  return out;
}
