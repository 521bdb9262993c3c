/** Standard Workload Format import: the parser against lines checked by hand, and the replayed log's GPU-seconds. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSwf } from '../../sim/workload/swf';
import { loadModelText } from '../../sim/model/model';
import { Simulation } from '../../sim/run/simulation';
import { buildReport } from '../../sim/run/report';
import { hallYaml } from './hall';

const FIXTURE = readFileSync(new URL('../fixtures/workload/gpu-cluster.swf', import.meta.url), 'utf8');

const HAND = `; Version: 2.2
; MaxNodes: 4
; MaxProcs: 32
; UnixStartTime: 1700000000
    1      0     10    600    8   300   -1    8   900  -1  1  1  1  1  1  1  -1  -1
    2     30     -1     -1    4    -1   -1    4   900  -1  5  2  1  1  1  1  -1  -1
    3     45      5      0    2    -1   -1    2   900  -1  1  1  1  1  1  1  -1  -1
    4     60      0   1200   -1  1200   -1   16  3600  -1  1  3  1  1  1  1  -1  -1
`;

function model(text: string) {
  const r = loadModelText(text, 'swf.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

const indent = (s: string) => s.replace(/^/gm, '    ');

describe('parseSwf', () => {
  it('reads the header and the fields used, skipping what has no run (checked by hand)', () => {
    const r = parseSwf(HAND);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.log.header).toEqual({ maxProcs: 32, maxNodes: 4, unixStartTime: 1700000000 });
    // Line 5: job 1, 8 processors for 600 s, 300 s of CPU each → CPU utilisation 0.5.
    // Line 6: cancelled (run −1); line 7: ran under half a second (run 0) → skipped.
    // Line 8: field 5 unknown → the 16 requested processors; 1200 s of CPU in 1200 s → 1.
    expect(r.log.jobs).toEqual([
      { line: 5, number: 1, submit: 0, run: 600, procs: 8, cpuUtil: 0.5 },
      { line: 8, number: 4, submit: 60, run: 1200, procs: 16, cpuUtil: 1 },
    ]);
    expect(r.log.skipped).toEqual({ noRunTime: 2, noProcs: 0 });
  });

  it('names the line of every malformed record', () => {
    const r = parseSwf(`; MaxProcs: 8\n1 5 0 10 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n2 5 0 10 1\n3 4 0 10 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n4 9 0 ten 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1\n`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 3, message: 'expected 18 whitespace-separated fields (SWF 2.2), found 5' },
      { line: 4, message: 'field 2 (submit time) 4 s is before the previous line\'s 5 s; SWF lines are sorted by submit time' },
      { line: 5, message: 'field 4 expected a number (−1 when unknown), found "ten"' },
    ]);
  });
});

describe('SWF replay in a run', () => {
  it('maps processors to GPUs and log time to run time (gpus_per_node, time_scale, from, start_at)', () => {
    // 32 processors on 4 nodes: 8 per node; 8 GPUs per node → 1 GPU per processor.
    const m = model(hallYaml(2, `swf:\n  gpus_per_node: 8\n  time_scale: 0.5\n  from: 30 s\n  start_at: 1 h\n  data: |\n${indent(HAND)}`));
    const jobs = m.workload!.jobs.map((j) => ({ id: j.id, gpus: j.gpus, arrival: j.arrival, work: j.work, kind: j.kind }));
    // Job 1 (submit 0) is before "from"; job 4: 3600 + (60 − 30)·0.5 = 3615 s, 1200·0.5 = 600 s, 16 GPUs.
    expect(jobs).toEqual([{ id: 'swf-4', gpus: 16, arrival: 3615, work: 600, kind: 'batch' }]);
    expect(m.warnings.join('\n')).toContain('1 job(s) submitted before "from" skipped');
  });

  it('the fixture log replayed: GPU-seconds allocated = Σ processors × run time, summed here by hand', () => {
    let hand = 0, jobs = 0;
    for (const line of FIXTURE.split('\n')) {
      if (line.startsWith(';') || line.trim() === '') continue;
      const f = line.trim().split(/\s+/).map(Number);
      const run = f[3]!, procs = f[4]! > 0 ? f[4]! : f[7]!;
      if (run > 0 && procs > 0) { hand += procs * run; jobs++; }
    }
    expect(jobs).toBe(300 - 13 - 8); // 13 cancelled (every 23rd), 8 under half a second (every 37th)
    // 8 racks of 72 GPUs: 576 GPUs, more than the largest job (128); two days hold the ~10 h log and its queue.
    const m = model(hallYaml(8, `swf:\n  gpus_per_proc: 1\n  data: |\n${indent(FIXTURE)}`));
    expect(m.workload!.jobs.length).toBe(jobs);
    const sim = new Simulation(m);
    sim.runTo(sim.end);
    const wl = sim.workload!;
    expect(wl.acc.completed).toBe(jobs);
    // Batch jobs at full pace: each holds its GPUs for exactly its run time; steps end on starts and finishes.
    expect(Math.abs(wl.acc.gpuSecondsAllocated / hand - 1)).toBeLessThan(1e-9);
    // 560 starts and finishes resume the step from the new slope instead of restarting it: heat still balances.
    expect(buildReport(sim).energy_balance.error_rel).toBeLessThan(1e-9);
  });

  it('a job larger than the hall, a missing header and an unread file are errors naming the field', () => {
    const big = loadModelText(hallYaml(1, `swf:\n  gpus_per_proc: 8\n  data: |\n${indent(HAND)}`), 'x.yaml');
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors).toContainEqual({ path: 'workload.swf.data line 8', message: 'job 4 asks for 16 processors = 128 GPUs at 8 GPUs per processor; the hall has 72. Lower gpus_per_proc (or gpus_per_node)' });
    const noHeader = loadModelText(hallYaml(1, `swf:\n  gpus_per_node: 8\n  data: "1 0 0 10 1 -1 -1 1 -1 -1 1 1 1 1 1 1 -1 -1"`), 'x.yaml');
    expect(noHeader.ok).toBe(false);
    if (!noHeader.ok) expect(noHeader.errors[0]!.path).toBe('workload.swf.gpus_per_node');
    const file = loadModelText(hallYaml(1, `swf: { file: log.swf }`), 'x.yaml');
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.errors[0]).toEqual({ path: 'workload.swf.file', message: '"log.swf" was not read: the command line (dctwin) reads it relative to the scenario file; elsewhere put the log\'s text in workload.swf.data' });
  });
});
