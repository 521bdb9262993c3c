/**
 * A sweep case opened as a run of its own (sim/api.ts createSweepCaseRun, what the browser's sweep table
 * runs when a case is clicked): the healthy design with one unit failed at `at` and repaired as the sweep
 * repaired it. Run to the end in the browser's slices, it must tell the same story as the sweep's row.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadText, createSweepCaseRun, ScenarioError, type RunHandle } from '../../sim/api';
import { sweep } from '../../sim/analysis/sweep';

const load = (m: string) => {
  const r = loadText(readFileSync(new URL(`../../models/${m}.yaml`, import.meta.url), 'utf8'), `${m}.yaml`);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
};

/** As the worker runs it: 100 slices. */
function finish(run: RunHandle) {
  for (let i = 1; i <= 100; i++) run.advanceTo((run.end * i) / 100);
  return run.finish().report;
}

describe('a sweep case as a run (dlc-hall: failures at 12:00, repaired after 10 min, 2 h after)', () => {
  const s = load('dlc-hall');
  const res = sweep(s, { at: 12 * 3600, repair: 600, until: 14 * 3600 });

  for (const failed of ['cdu-A', 'chiller-1']) {
    it(`${failed}: the run shows what the sweep's row says`, () => {
      const row = res.cases.find((c) => c.failed === failed)!;
      const run = createSweepCaseRun(s, { failed, at: res.at_s, repair: res.repair_s }, { until: 14 * 3600 });
      expect(run.repairAt).toBe(12 * 3600 + 600);
      const rep = finish(run);
      expect(rep.kpis.racks_tripped).toBe(row.racks_tripped);
      expect(rep.kpis.racks_throttled).toBe(row.racks_throttled);
      // The file's own events (a chiller trip at 10 h, a CDU fault at 15 h) are left out: nothing before 12:00.
      expect(rep.alarms.filter((a) => a.severity !== 'info' && a.t_s < res.at_s)).toEqual([]);
      if (row.time_to_first_limit_s !== null) {
        const first = Math.min(...Object.values(rep.time_to_limit).map((c) => c.t_s));
        // Slice boundaries clip the step; the crossing is located as a state event to within a second.
        expect(Math.abs(first - res.at_s - row.time_to_first_limit_s)).toBeLessThan(1);
      }
      expect(rep.kpis.peak_rack_coolant_c!).toBeCloseTo(row.worst.rack_coolant_c!, 1);
    });
  }

  it('repairs after the class MTTR when the sweep stated no repair time, and never without one', () => {
    const withMttr = { ...s, reliability: [{ target: 'cdu', mtbf: 1e6, mttr: 1800 }] } as typeof s;
    expect(createSweepCaseRun(withMttr, { failed: 'cdu-B', at: 3600, repair: null }).repairAt).toBe(3600 + 1800);
    expect(createSweepCaseRun(s, { failed: 'cdu-B', at: 3600, repair: null }).repairAt).toBeNull();
  });

  it('names a unit that is not failable', () => {
    expect(() => createSweepCaseRun(s, { failed: 'cdu-Z', at: 3600, repair: 600 })).toThrow(ScenarioError);
    expect(() => createSweepCaseRun(s, { failed: 'cdu-Z', at: 3600, repair: 600 })).toThrow(/cdu-Z/);
  });
});
