/**
 * The planner's analyses as the analysis worker serves them: expansion headroom, the N-1 sweep (a part
 * of it per worker of a pool), the year at hourly weather and the TCO of the scenario as the page holds it (raw, with the user's edits). Each is
 * one synchronous call into the engine that cannot stop half way, so it runs in a worker of its own
 * (analysisClient.ts): the run worker stays free and its watchdog quiet, and Cancel ends the analysis by
 * terminating that worker.
 */
import { loadRaw, headroom, planSweep, runSweepCase, assembleSweep, parseRackSpec, runDrill, tcoOfScenario, annualOfScenario, ScenarioError, type Scenario, type ScenarioIssue, type SweepPlan, type SweepRunOutcome } from '../../sim/api';
import type { AnalysisApi, RackChoice } from './protocol';

const issuesOf = (e: unknown): ScenarioIssue[] =>
  e instanceof ScenarioError ? e.issues : [{ path: '(engine)', message: e instanceof Error ? e.message : String(e) }];

export function createAnalysisApi(): AnalysisApi {
  /** What part 0 of a pooled sweep planned, for sweepAssemble. */
  let planned: { scenario: Scenario; plan: SweepPlan; repair: number | undefined } | null = null;
  return {
    headroom(raw: unknown, rack: RackChoice) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors };
      let profile: Parameters<typeof headroom>[1]['rack'];
      if (rack.kind === 'type') profile = rack.name;
      else {
        const p = parseRackSpec(rack.spec);
        if (!p.ok) return { ok: false, errors: p.errors };
        profile = p.spec;
      }
      const started = performance.now();
      try {
        return { ok: true, result: headroom(o.scenario, { rack: profile }), wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    sweepPart(raw, req, part, onRun) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors };
      const started = performance.now();
      try {
        const plan = planSweep(o.scenario, req);
        if (part.index === 0) planned = { scenario: o.scenario, plan, repair: req.repair };
        const baseline = part.index === 0 ? runSweepCase(plan, null) : null;
        const outcomes: [number, SweepRunOutcome][] = [];
        plan.runs.forEach((run, k) => {
          if (k % part.of !== part.index) return;
          outcomes.push([k, runSweepCase(plan, run)]);
          void onRun(outcomes.length, plan.runs.length);
        });
        return { ok: true, result: { baseline, outcomes, runs: plan.runs.length }, wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    sweepAssemble(baseline, outcomes) {
      if (!planned) return { ok: false, errors: [{ path: '(sweep)', message: 'no sweep part 0 was run on this worker' }] };
      const { scenario, plan, repair } = planned;
      const byRun: SweepRunOutcome[] = [];
      for (const [k, o] of outcomes) byRun[k] = o;
      const missing = plan.runs.findIndex((_, k) => !byRun[k]);
      if (missing >= 0) return { ok: false, errors: [{ path: '(sweep)', message: `run ${missing} of ${plan.runs.length} has no outcome` }] };
      return { ok: true, result: assembleSweep(scenario, plan, baseline, byRun, repair), wallMs: 0 };
    },

    drill(raw, answers) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors };
      const started = performance.now();
      try {
        return { ok: true, result: runDrill(o.scenario, answers), wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    tco(raw, study) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors };
      const started = performance.now();
      try {
        return { ok: true, result: tcoOfScenario(o.scenario, { study: study ?? undefined }), wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    annual(raw, onProgress) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors };
      const started = performance.now();
      try {
        return { ok: true, result: annualOfScenario(o.scenario, { onProgress: (f) => void onProgress(f) }), wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    ping: () => 'pong',
  };
}
