/**
 * A year at hourly weather, as a user runs it: whole process, `node bin/dist/dctwin.mjs annual SCENARIO
 * --epw YEAR.epw --json`, on a deterministic synthetic year (test/fixtures/weather/generate-epw.ts: mean
 * 12 °C, ±10 K annual and 10 K daily swings, 8,760 hourly records) written to a temporary directory.
 * `annual-dlc`: dlc-hall (32 NVL72-class racks) with a steady inference load (every GPU at 80 %), target
 * under 10 s; `annual-1024`: ai-hall-1024 as shipped (its 55,296-GPU training run checkpointing every
 * 30 min, inference with a daily swing, the day-one drill), target under 60 s; `annual-heat-reuse`:
 * heat-reuse-hall as shipped (its heat pump following an hourly, monthly and degree-day demand: a step
 * ends at each of the demand's ~6,000 changes in the year). Wall time and the child's
 * CPU time (bash's `times`: what the process used, whatever else the machine runs), median of `--runs`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { syntheticYear } from '../fixtures/weather/generate-epw';
import type { BenchRecord } from './registry';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/dist/dctwin.mjs', import.meta.url));

function setup(): { dir: string; epw: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dctwin-bench-annual-'));
  const epw = join(dir, 'year.epw');
  writeFileSync(epw, syntheticYear());
  return { dir, epw };
}

/** dlc-hall with its racks' daily load swing replaced by one inference job on every GPU at 80 %. */
function dlcInference(dir: string): string {
  const s = parse(readFileSync(join(ROOT, 'models/dlc-hall.yaml'), 'utf8')) as { name: string; rack_types: Record<string, { load?: unknown }>; workload?: unknown };
  for (const t of Object.values(s.rack_types)) delete t.load;
  s.name += ' — steady inference';
  s.workload = { jobs: [{ id: 'serve', kind: 'inference', gpus: 32 * 72, utilisation: 0.8 }] };
  const file = join(dir, 'dlc-inference.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}

function timeAnnual(bench: string, scenario: string, epw: string, runs: number): BenchRecord {
  const walls: number[] = [], cpus: number[] = [];
  let res = { annual: { pue: 0, free_cooling_hours: 0 }, report: { steps: 0, events_processed: 0 } };
  for (let i = 0; i < runs; i++) {
    const out = join(epw, '..', 'out.json');
    const t0 = process.hrtime.bigint();
    // `times` prints the shell's and its children's user and system time; the second line is the child's.
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" annual "${scenario}" --epw "${epw}" --json > "${out}"; s=$?; times; exit $s`], { cwd: ROOT, encoding: 'utf8' });
    walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
    if (r.error) throw r.error;
    if (r.status !== 0 && r.status !== 2) throw new Error(`dctwin annual ${scenario} exited ${r.status}: ${r.stderr}`);
    const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(r.stdout.trim());
    cpus.push(m ? 60 * Number(m[1]) + Number(m[2]) + 60 * Number(m[3]) + Number(m[4]) : NaN);
    res = JSON.parse(readFileSync(out, 'utf8')) as typeof res;
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  return {
    bench, command: `node bin/dist/dctwin.mjs annual ${bench === 'annual-dlc' ? 'dlc-inference.json' : scenario} --epw year.epw --json`,
    sim_h: 8760, steps: res.report.steps, events_processed: res.report.events_processed, pue: res.annual.pue, free_cooling_hours: res.annual.free_cooling_hours,
    processes: runs, wall_s_median: +med(walls).toFixed(3), wall_s_min: +Math.min(...walls).toFixed(3), cpu_s_median: +med(cpus).toFixed(2),
  };
}

export function benchAnnualDlc(flags: Readonly<Record<string, string>>): BenchRecord {
  const { dir, epw } = setup();
  return timeAnnual('annual-dlc', dlcInference(dir), epw, Number(flags['runs'] ?? 3));
}

export function benchAnnual1024(flags: Readonly<Record<string, string>>): BenchRecord {
  const { epw } = setup();
  return timeAnnual('annual-1024', 'ai-hall-1024', epw, Number(flags['runs'] ?? 1));
}

export function benchAnnualHeatReuse(flags: Readonly<Record<string, string>>): BenchRecord {
  const { epw } = setup();
  return timeAnnual('annual-heat-reuse', 'heat-reuse-hall', epw, Number(flags['runs'] ?? 3));
}
