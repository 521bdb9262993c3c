/**
 * The planner's analyses as the analysis worker serves them: expansion headroom and the N-1 sweep of the
 * scenario as the page holds it (raw, with the user's edits). Each is one synchronous call into the engine
 * that cannot stop half way, so it runs in a worker of its own (analysisClient.ts): the run worker stays
 * free and its watchdog quiet, and Cancel ends the analysis by terminating that worker.
 */
import { loadRaw, headroom, sweep, parseRackSpec, ScenarioError, type ScenarioIssue } from '../../sim/api';
import type { AnalysisApi, AnalysisOutcome, RackChoice, SweepRequest } from './protocol';

const issuesOf = (e: unknown): ScenarioIssue[] =>
  e instanceof ScenarioError ? e.issues : [{ path: '(engine)', message: e instanceof Error ? e.message : String(e) }];

export function createAnalysisApi(): AnalysisApi {
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

    sweep(raw: unknown, req: SweepRequest, onRun: (done: number, total: number) => void) {
      const o = loadRaw(raw);
      if (!o.ok) return { ok: false, errors: o.errors } satisfies AnalysisOutcome<never>;
      const started = performance.now();
      try {
        // onRun is a comlink proxy: each call posts a message at once, while the sweep goes on.
        const result = sweep(o.scenario, { ...req, onRun: (done, total) => void onRun(done, total) });
        return { ok: true, result, wallMs: performance.now() - started };
      } catch (e) {
        return { ok: false, errors: issuesOf(e) };
      }
    },

    ping: () => 'pong',
  };
}
