/**
 * Telemetry replay: a rack's IT energy is the integral of its power over the replayed samples — the
 * trapezoid rule exactly for linear interpolation, rectangles for `step` — since every sample is a
 * discrete event and no integration step straddles one. Tolerance 1e-6 relative: the only departure is
 * the start slope after each sample, measured 1 ms after it (the solver's resumeAfterSourceChange) —
 * at most 80 kW·(0.7/600 s)·1 ms ≈ 0.1 W for one step's first stage, on ~5·10⁸ J.
 */
import { describe, it, expect } from 'vitest';
import { loadModelText } from '../../sim/model/model';
import { Simulation } from '../../sim/run/simulation';
import { parseTelemetry } from '../../sim/workload/telemetry';
import { hallYaml } from './hall';

const IDLE = 20_000, DYN = 80_000;
const power = (u: number) => IDLE + DYN * u;

function run(text: string) {
  const r = loadModelText(text, 't.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const sim = new Simulation(r.model);
  sim.runTo(sim.end);
  return sim;
}

// Samples at 0, 10, 30, 60 min; held after the last until the end (2 h).
const T = [0, 600, 1800, 3600], U = [0.2, 0.9, 0.5, 1.0];
const CSV = ['t_s,row-A-01', ...T.map((t, i) => `${t},${U[i]}`)].join('\n');
const tel = (csv: string, more = '') => `telemetry:\n  ${more}data: |\n${csv.replace(/^/gm, '    ')}`;
const twoHours = (s: string) => s.replace('duration: 48 h', 'duration: 2 h');

describe('telemetry replay', () => {
  it('linear: IT energy = trapezoid integral of idle + (power − idle)·u over the samples, then the last held', () => {
    const sim = run(twoHours(hallYaml(1, tel(CSV))));
    let trapezoid = 0;
    for (let i = 0; i + 1 < T.length; i++) trapezoid += ((power(U[i]!) + power(U[i + 1]!)) / 2) * (T[i + 1]! - T[i]!);
    trapezoid += power(1.0) * (7200 - 3600);
    expect(Math.abs(sim.acc.it / trapezoid - 1)).toBeLessThan(1e-6);
  });

  it('step: each sample held until the next (rectangles)', () => {
    const sim = run(twoHours(hallYaml(1, tel(CSV, 'interpolation: step\n  '))));
    let rect = 0;
    for (let i = 0; i + 1 < T.length; i++) rect += power(U[i]!) * (T[i + 1]! - T[i]!);
    rect += power(1.0) * 3600;
    expect(Math.abs(sim.acc.it / rect - 1)).toBeLessThan(1e-6);
  });

  it('node columns mapped to one rack average (each node an equal share); time_scale and start_at move the samples', () => {
    const csv = 't_s,n1,n2\n0,0.2,0.6\n1800,0.2,0.6';
    const sim = run(twoHours(hallYaml(1, tel(csv, 'nodes: { n1: row-A-01, n2: row-A-01 }\n  time_scale: 2\n  start_at: 10 min\n  '))));
    expect(sim.acc.it / (power(0.4) * 7200) - 1).toBeCloseTo(0, 9);
    const p = parseTelemetry(csv, 2, 600, false);
    expect(p.ok && Array.from(p.telemetry.times)).toEqual([600, 4200]);
  });

  it('a job column drives that job\'s GPU utilisation; a replayed rack takes no scheduled jobs', () => {
    const text = twoHours(hallYaml(2, `jobs: [ { id: serve, kind: inference, gpus: 72 } ]\n${tel('t_s,row-A-02,serving\n0,0.5,0.3\n7200,0.5,0.3', 'jobs: { serving: serve }\n  ')}`));
    const sim = run(text);
    // serve goes to row-A-01 (row-A-02 is replayed): 0.3 there, 0.5 on the replayed rack.
    expect(sim.acc.it / ((power(0.3) + power(0.5)) * 7200) - 1).toBeCloseTo(0, 9);
    expect(sim.workload!.jobs[0]!.racks).toEqual([0]);
  });

  it('errors carry the field path and line: a bad cell, an unknown column, an unknown job', () => {
    const bad = loadModelText(hallYaml(1, tel('t_s,row-A-01\n0,0.5\n60,1.7\n0,0.2')), 't.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual([
      { path: 'workload.telemetry.data line 3', message: 'column "row-A-01": expected a utilisation between 0 and 1.5, found "1.7"' },
      { path: 'workload.telemetry.data line 4', message: 'time 0 s is not after the previous line\'s 0 s; times must increase' },
    ]);
    const col = loadModelText(hallYaml(1, tel('t_s,node-9\n0,0.5')), 't.yaml');
    expect(col.ok).toBe(false);
    if (!col.ok) expect(col.errors).toEqual([{ path: 'workload.telemetry.data line 1', message: 'column "node-9": expected a rack id (or an entry in nodes: or jobs:), found "node-9"' }]);
    const job = loadModelText(hallYaml(1, tel('t_s,x\n0,0.5', 'jobs: { x: nope }\n  ')), 't.yaml');
    expect(job.ok).toBe(false);
    if (!job.ok) expect(job.errors).toEqual([{ path: 'workload.telemetry.jobs.x', message: 'expected a job id of workload.jobs, found "nope"' }]);
  });
});
