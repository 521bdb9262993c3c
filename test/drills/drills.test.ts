/**
 * Training drills (docs/drills.md): each built-in drill validates, matches its golden file, and its
 * author's best answer beats doing nothing on every measure; drill files with mistakes get errors at the
 * field; job pause/resume loses exactly the GPU-hours a hand count gives; the score's arithmetic.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadText, runScenario } from '../../sim/api';
import { runDrill, bestAnswers, nothingAnswers, checkAnswers, progress, backToNormal, type DrillOutcome } from '../../sim/analysis/drill';
import { drillNames, drillGoldenPath, runDrillGolden, loadDrill, differences } from '../models/golden-files';
import type { FrameData } from '../../sim/run/frames';

describe('built-in drills', () => {
  const names = drillNames();
  it('there are at least six, one per incident of the training plan', () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
  });

  for (const name of names) {
    describe(name, () => {
      it('matches its golden file (npm run golden drills/<name> to accept a change)', () => {
        expect(existsSync(drillGoldenPath(name)), `models/drills/golden/${name}.json is missing: run \`npm run golden drills/${name}\``).toBe(true);
        const golden = JSON.parse(readFileSync(drillGoldenPath(name), 'utf8'));
        expect(differences(golden, runDrillGolden(name)), 'results moved; if intended, `npm run golden drills/<name>` and review the diff').toEqual([]);
      }, 120_000);

      it("the author's best answer beats doing nothing: no worse on any measure, better on one, and scores 100", () => {
        const s = loadDrill(name);
        const r = runDrill(s, bestAnswers(s));
        const n = r.nothing, b = r.best;
        const never = (o: DrillOutcome) => o.back_to_normal_s ?? Infinity;
        expect(b.gpu_hours_lost).toBeLessThanOrEqual(n.gpu_hours_lost + 1e-9);
        expect(b.violations.every((v) => n.violations.includes(v)) || b.violations.length < n.violations.length).toBe(true);
        expect(never(b)).toBeLessThanOrEqual(never(n));
        const better = b.gpu_hours_lost < n.gpu_hours_lost - 0.01 || b.violations.length < n.violations.length || never(b) < never(n);
        expect(better).toBe(true);
        expect(r.score.total).toBe(100);
        expect(r.nothing_score.total).toBeLessThan(100);
        // Every option's story is told: the best answer differs from doing nothing in what it does.
        expect(Object.values(bestAnswers(s)).some((a) => a !== 'nothing')).toBe(true);
      }, 120_000);
    });
  }
});

const HALL = `
version: 1
name: pause test
duration: 4 h
weather: { kind: constant, dry_bulb: 20 degC }
rack_types:
  r: { power: 100 kW, idle_power: 25 kW, gpus: 8, cooling: dlc, liquid_fraction: 0.8 }
hall:
  rows: [ { id: row, type: r, cdu: cdu-1, count: 2 } ]
  crahs: [ { id: crah-1, capacity: 100 kW } ]
cdus: [ { id: cdu-1, supply_setpoint: 30 degC } ]
plant:
  supply_setpoint: 20 degC
  chillers: [ { id: ch, capacity: 600 kW } ]
workload:
  jobs:
    - { id: train, kind: training, gpus: 16, duration: 100 h, checkpoint_interval: 50 h, checkpoint_duration: 120 s, restart_time: 600 s }
`;

function loadYaml(text: string) {
  const r = loadText(text, 'd.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('job pause and resume events', () => {
  it('a paused training job drains a checkpoint, frees its GPUs, and loses exactly the pause and the reload', () => {
    const t1 = 3600, t2 = 7200, D = 120, R = 600, T = 4 * 3600, gpus = 16;
    const s = loadYaml(HALL + `events:\n  - { at: ${t1} s, job: pause, target: train }\n  - { at: ${t2} s, job: resume, target: train }\n`);
    const rep = runScenario(s).report;
    // Lost while paused (from the end of the drain to the resume) and while reloading; a checkpoint is not lost.
    expect(rep.kpis.gpu_hours_lost).toBeCloseTo((gpus * (t2 - t1 - D + R)) / 3600, 3);
    // Work done: up to the pause, and after the reload; nothing rolled back.
    const job = rep.jobs.find((j) => j.id === 'train')!;
    expect(job.progress! * 100 * 3600).toBeCloseTo(t1 + (T - t2 - R), 0);
    expect(job.checkpoints_s).toEqual([t1]);
    expect(rep.alarms.filter((a) => a.kind === 'job_paused' || a.kind === 'job_resumed').map((a) => [a.kind, a.t_s])).toEqual([['job_paused', t1], ['job_resumed', t2]]);
  });

  it('an idle hall draws idle power while the job is paused', () => {
    const s = loadYaml(HALL + `events:\n  - { at: 1 h, job: pause, target: train }\n`);
    const out = runScenario(s);
    const f = out.frames;
    const last = f.count - 1;
    expect(f.itPower[last]).toBeCloseTo(2 * 25, 3);
  });

  it('an unknown job or a job event without a workload is an error at the field', () => {
    const bad = loadText(HALL + `events:\n  - { at: 1 h, job: pause, target: nope }\n`, 'd.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toMatchObject({ path: 'events[0].target' });
    const noWl = loadText(HALL.replace(/workload:[\s\S]*$/, '') + `events:\n  - { at: 1 h, job: pause, target: train }\n`, 'd.yaml');
    expect(noWl.ok).toBe(false);
    if (!noWl.ok) expect(noWl.errors[0]).toMatchObject({ path: 'events[0].job' });
  });
});

const DRILL = (body: string) => HALL + `drill:\n  title: t\n  briefing: b\n${body}`;

describe('drill files with mistakes', () => {
  const errs = (body: string) => {
    const r = loadText(DRILL(body), 'd.yaml');
    return r.ok ? [] : r.errors;
  };
  it('an action is checked like the event it becomes, with the action\'s path', () => {
    const e = errs(`  decisions:\n    - { id: d, at: 1 h, question: q, best: a, options: [ { id: a, label: A, actions: [ { set: cdu-1.supply_setpoint, value: 900 degC } ] } ] }\n`);
    expect(e.length).toBe(1);
    expect(e[0]!.path).toBe('drill.decisions[0].options[0].actions[0].value');
    const e2 = errs(`  decisions:\n    - { id: d, at: 1 h, question: q, best: a, options: [ { id: a, label: A, actions: [ { fail: nope } ] } ] }\n`);
    expect(e2[0]!.path).toBe('drill.decisions[0].options[0].actions[0].fail');
  });
  it('best must be an option, "nothing" is reserved, decisions are in time and inside the run', () => {
    expect(errs(`  decisions:\n    - { id: d, at: 1 h, question: q, best: b, options: [ { id: a, label: A } ] }\n`)[0]).toMatchObject({ path: 'drill.decisions[0].best' });
    expect(errs(`  decisions:\n    - { id: d, at: 1 h, question: q, best: a, options: [ { id: a, label: A }, { id: nothing, label: N } ] }\n`)[0]).toMatchObject({ path: 'drill.decisions[0].options[1].id' });
    expect(errs(`  decisions:\n    - { id: d, at: 5 h, question: q, best: a, options: [ { id: a, label: A } ] }\n`)[0]).toMatchObject({ path: 'drill.decisions[0].at' });
    expect(errs(`  decisions:\n    - { id: d, at: 2 h, question: q, best: a, options: [ { id: a, label: A } ] }\n    - { id: e, at: 1 h, question: q, best: a, options: [ { id: a, label: A } ] }\n`)[0]).toMatchObject({ path: 'drill.decisions[1].at' });
    expect(errs(`  decisions:\n    - { id: d, at: 3 h, question: q, best: a, options: [ { id: a, label: A, actions: [ { after: 2 h, job: pause, target: train } ] } ] }\n`)[0]).toMatchObject({ path: 'drill.decisions[0].options[0].actions[0].after' });
  });
  it('answers name a decision and one of its options, or get a clear error', () => {
    const s = loadYaml(DRILL(`  decisions:\n    - { id: d, at: 1 h, question: q, best: a, options: [ { id: a, label: A } ] }\n`));
    expect(checkAnswers(s, {})).toEqual({ d: 'nothing' });
    expect(() => checkAnswers(s, { x: 'a' })).toThrow(/decision id of this drill \(d\)/);
    expect(() => checkAnswers(s, { d: 'zz' })).toThrow(/expected one of a, nothing, found "zz"/);
    expect(nothingAnswers(s)).toEqual({ d: 'nothing' });
  });
});

describe('scoring', () => {
  it('progress is the share of the way from doing nothing to the best answer, clamped', () => {
    expect(progress(50, 100, 0, 0.01)).toBe(0.5);
    expect(progress(0, 100, 0, 0.01)).toBe(1);
    expect(progress(-10, 100, 0, 0.01)).toBe(1);
    expect(progress(150, 100, 0, 0.01)).toBe(0);
    // When the best does no better than nothing on a measure, matching it is full marks, worse is none.
    expect(progress(5, 5, 5, 0.01)).toBe(1);
    expect(progress(6, 5, 5, 0.01)).toBe(0);
  });

  it('back to normal is the first frame after the last one with a rack out of normal', () => {
    const frames = { count: 5, racks: 2, t: Float64Array.from([0, 10, 20, 30, 40]), rackState: Uint8Array.from([0, 0, 1, 0, 0, 2, 0, 0, 0, 0]) } as unknown as FrameData;
    expect(backToNormal(frames, 0)).toBe(30);
    expect(backToNormal(frames, 30)).toBe(0);
    const stuck = { ...frames, rackState: Uint8Array.from([0, 0, 1, 0, 0, 0, 0, 0, 4, 0]) } as unknown as FrameData;
    expect(backToNormal(stuck, 0)).toBeNull();
  });

  it('a partial answer scores between doing nothing and the best, by the stated weights', () => {
    const s = loadDrill('straggler');
    const r = runDrill(s, { straggler: 'strainer' });
    const { answer: a, nothing: n, best: b } = r;
    const g = (n.gpu_hours_lost - a.gpu_hours_lost) / (n.gpu_hours_lost - b.gpu_hours_lost);
    expect(r.score.gpu_hours.points).toBeCloseTo(60 * g, 1);
    expect(r.score.total).toBeGreaterThan(r.nothing_score.total);
    expect(r.score.total).toBeLessThan(100);
  });
});
