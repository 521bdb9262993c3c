/**
 * Expansion headroom, whole process as a planner runs it (`node bin/dist/dctwin.mjs headroom …`), median of
 * `--runs` (default 5) fresh processes after one unmeasured run:
 *  - headroom-expansion: models/expansion-hall.yaml (16 racks, 2N power, N+1 pumps/chillers/CRAHs, 16 spare
 *    positions; 25 cases). Target < 0.5 s.
 *  - headroom-1024: the 1,024-rack hall of hall-generator.ts with four spare positions a row (256), CDUs bought
 *    for 20 racks (2.5 MW, pumps rated 70 L/s) and chillers stated N+1 (232 cases). Target < 5 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { largeHall } from './hall-generator';
import type { BenchRecord } from './registry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dist/dctwin.mjs', import.meta.url));

/** The 1,024-rack hall with room to grow: spare positions, CDU nameplates above today's load. */
export function hall1024WithSpares(): string {
  const h = largeHall(1024, false) as { hall: { rows: Record<string, unknown>[] }; cdus: Record<string, unknown>[]; workload?: unknown } & Record<string, unknown>;
  for (const r of h.hall.rows) r['spare'] = 4;
  for (const c of h.cdus) { c['capacity'] = '2.5 MW'; c['pumps'] = { count: 3, required: 2, rated_flow: '70 L/s' }; }
  h['redundancy'] = { chillers: 'N+1' };
  return stringify(h, { lineWidth: 0 });
}

export function benchHeadroom(flags: Readonly<Record<string, string>>): BenchRecord[] {
  const runs = Number(flags['runs'] ?? 5);
  const file = join(mkdtempSync(join(tmpdir(), 'dctwin-bench-')), 'hall-1024-spares.yaml');
  writeFileSync(file, hall1024WithSpares());
  const cases: [string, string[], number][] = [
    ['headroom-expansion', ['headroom', 'expansion-hall', '--rack', 'nvl72', '--json'], 0.5],
    ['headroom-1024', ['headroom', file, '--rack', 'nvl72', '--json'], 5],
  ];
  return cases.map(([name, args, target]) => {
    const times: number[] = [];
    let out: { added?: number; cases?: unknown[] } = {};
    for (let i = 0; i <= runs; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.error) throw r.error;
      if (r.status !== 0) throw new Error(`${name}: exit ${r.status}: ${r.stderr}`);
      if (i === 0) out = JSON.parse(r.stdout);
      else times.push(s);
    }
    times.sort((a, b) => a - b);
    return { bench: name, runs, wall_s_median: +times[Math.floor(times.length / 2)]!.toFixed(3), wall_s_min: +times[0]!.toFixed(3), target_s: target, added: out.added ?? -1, cases: out.cases?.length ?? -1 };
  });
}
