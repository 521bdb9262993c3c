/** Synchronous training runs at the pace of its slowest rack; tokens follow the pace. */
import { describe, it, expect } from 'vitest';
import { loadText, runScenario } from '../../sim/api';
import { C_TO_K } from '../../sim/scenario/defaults';
import { CDU } from '../../sim/components/cdu/schema';
import { FLOW_PER_W, PG25 } from '../physics/util';

function run(throttleB: string) {
  const text = `version: 1
name: pacing
duration: 1 h
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 72, cooling: dlc, throttle_power_fraction: 0.6 } }
hall:
  rows:
    - id: row-A
      cdu: cdu-A
      racks:
        - { id: a1, type: r }
        - { id: b1, type: r, throttle_temperature: ${throttleB}, trip_temperature: 95 degC }
  crahs: [ { id: crah-1, capacity: 100 kW } ]
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
workload:
  tokens_per_gpu_s: { training: 1000 }
  jobs: [ { id: job, kind: training, gpus: 144, utilisation: 1, duration: 30 days, checkpoint_interval: 10 h } ]
`;
  const r = loadText(text, 'w.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario, {}).report;
}

describe('synchronous training', () => {
  it('runs at full pace when no rack is throttled: tokens = GPUs · rate · time', () => {
    const rep = run('50 degC');
    expect(rep.kpis.tokens).toBeCloseTo(144 * 1000 * 3600, -3);
    expect(rep.kpis.gpu_hours_lost).toBe(0);
    expect(rep.jobs[0]!.speed).toBe(1);
  });

  it('one capped rack slows the whole job to (cap·P − idle)/(P − idle), and unloads the other rack', () => {
    const rep = run('20 degC'); // b1's coolant is always above 20 °C: its power cap settles inside the band
    // b1 runs at its cap (the job's pace is set so its demand meets it), so its coolant sits at
    // T = T_s + K·cap with K = lf·P/(ṁ·cp) = lf/(flow_per_W·ρ·cp), and its cap on the line from 1 at 20 °C
    // to 0.6 at 95 °C: cap = 1 − k·(T − 20), k = 0.4/75 → cap* = (1 − k·(T_s − 20))/(1 + k·K).
    const Ts = CDU.supplySetpoint - C_TO_K, K = 0.85 / (FLOW_PER_W * PG25.rho * PG25.cp), k = 0.4 / 75;
    const cap = (1 - k * (Ts - 20)) / (1 + k * K);
    const speed = (cap * 100 - 20) / (100 - 20);
    // The pace is refreshed each time a cap moves by 0.1 % of design power: within 0.2 % of the limit.
    expect(rep.jobs[0]!.speed / speed).toBeCloseTo(1, 2);
    expect(Math.abs((rep.final['b1']!.power_kw as number) - cap * 100)).toBeLessThan(0.2); // at its cap
    expect(Math.abs((rep.final['a1']!.power_kw as number) - (20 + 80 * speed))).toBeLessThan(0.2); // waits at the barrier
    expect(rep.kpis.tokens / (144 * 1000 * 3600 * speed)).toBeCloseTo(1, 2);
    expect(rep.kpis.gpu_hours_lost / (144 * (1 - speed))).toBeCloseTo(1, 1);
    // One throttling episode: one alarm, however the cap moves.
    expect(rep.alarms.filter((a) => a.kind === 'rack_throttle')).toHaveLength(1);
  });
});

/** A row of `count` 100 kW, 72-GPU DLC racks running the given `workload.jobs` YAML; the run's report. */
function runJobs(count: number, duration: string, jobs: string) {
  const text = `version: 1
name: jobs
duration: ${duration}
rack_types: { r: { power: 100 kW, idle_power: 20 kW, gpus: 72, cooling: dlc } }
hall:
  rows: [ { id: row-A, type: r, cdu: cdu-A, count: ${count} } ]
  crahs: [ { id: crah-1, capacity: 100 kW } ]
cdus: [ { id: cdu-A } ]
plant: { chillers: [ { id: ch-1, capacity: 1 MW } ] }
workload:
  jobs:
${jobs}
`;
  const r = loadText(text, 'w.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return runScenario(r.scenario).report;
}

describe('simultaneous completions', () => {
  it('free every finishing job\'s racks before the scheduler dispatches (no backfill ahead of the head job)', () => {
    // j1 and j2 (144 GPUs each) end together at 3600 s. The head of the queue, j3, needs all 288 GPUs;
    // j4 (72 GPUs) queued after it. Dispatching after j1 alone let j4 backfill onto j1's racks, and j3
    // then no longer fit: it must start at 3600 s and j4 wait.
    const rep = runJobs(4, '2 h', `    - { id: j1, kind: batch, gpus: 144, duration: 1 h }
    - { id: j2, kind: batch, gpus: 144, duration: 1 h }
    - { id: j3, kind: batch, gpus: 288, start: 60 s, duration: 4 h }
    - { id: j4, kind: batch, gpus: 72, start: 120 s, duration: 10 min }`);
    const job = (id: string) => rep.jobs.find((j) => j.id === id)!;
    expect(job('j1').state).toBe('done');
    expect(job('j2').state).toBe('done');
    expect(job('j3').state).toBe('running');
    expect(job('j3').progress).toBeCloseTo(3600 / (4 * 3600), 3);
    expect(job('j4').state).toBe('queued');
  });
});

describe('checkpoints in the report', () => {
  it('lists when each checkpoint began: every interval of running, after each checkpoint ends', () => {
    // interval 10 min of work, then 1 min writing: starts at 600, 1260, 1920, 2580, 3240 s within the hour.
    const rep = runJobs(2, '1 h', '    - { id: train, kind: training, gpus: 144, duration: 30 days, checkpoint_interval: 10 min, checkpoint_duration: 1 min }');
    expect(rep.jobs[0]!.checkpoints_s).toEqual([600, 1260, 1920, 2580, 3240]);
  });
});
