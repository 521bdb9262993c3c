/**
 * Golden results beside the built-in models (as SimPy's examples carry their `.out` files): the key results
 * of each model's run, pinned in `models/golden/<name>.json`. A change that moves one shows up as a failing
 * test and, once accepted, as a reviewed diff of that file: `npm run golden` rewrites them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadText, runScenario } from '../../sim/api';
import type { Report } from '../../sim/run/report';
import { runDrill, bestAnswers, nothingAnswers, type DrillOutcome } from '../../sim/analysis/drill';

export const MODELS = fileURLToPath(new URL('../../models/', import.meta.url));

export const modelNames = () => readdirSync(MODELS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

/** In a folder of their own: the page and the CLI take every *.json directly in models/ for a model. */
export const goldenPath = (name: string) => `${MODELS}golden/${name}.json`;

/** What a golden file pins: the results a planner reads, not the solver's step count or series. */
export function pinned(r: Report): Record<string, unknown> {
  const count = (xs: string[]) => Object.fromEntries([...xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) => a.localeCompare(b)));
  return {
    scenario: r.scenario,
    seed: r.seed,
    duration_s: r.duration_s,
    kpis: r.kpis,
    time_to_limit: Object.fromEntries(Object.entries(r.time_to_limit).map(([k, c]) => [k, { t_s: c.t_s, component: c.component }])),
    violations: r.violations.map((v) => v.limit),
    alarms_by_kind: count(r.alarms.map((a) => a.kind)),
    final_states: count(Object.values(r.final).map((f) => `${f['kind']}:${f['state']}`)),
    jobs: r.jobs.map((j) => ({ id: j.id, state: j.state, progress: j.progress, checkpoints: j.checkpoints_s.length })),
  };
}

export function runModel(name: string): Record<string, unknown> {
  const r = loadText(readFileSync(`${MODELS}${name}.yaml`, 'utf8'), `${name}.yaml`);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.errors)}`);
  return pinned(runScenario(r.scenario, {}).report);
}

/** Differences beyond a relative 1e-6 (the report rounds to about that), as `path: golden → now` lines. */
export function differences(golden: unknown, now: unknown, path = ''): string[] {
  if (typeof golden === 'number' && typeof now === 'number') {
    return Math.abs(golden - now) <= 1e-6 * Math.max(1, Math.abs(golden)) ? [] : [`${path}: ${golden} → ${now}`];
  }
  if (golden && now && typeof golden === 'object' && typeof now === 'object') {
    const keys = new Set([...Object.keys(golden), ...Object.keys(now)]);
    return [...keys].flatMap((k) => differences((golden as Record<string, unknown>)[k], (now as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(golden) === JSON.stringify(now) ? [] : [`${path}: ${JSON.stringify(golden)} → ${JSON.stringify(now)}`];
}

/** Built-in drills (models/drills/*.yaml) and their golden results (models/drills/golden/<name>.json). */
export const DRILLS = `${MODELS}drills/`;
export const drillNames = () => readdirSync(DRILLS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
export const drillGoldenPath = (name: string) => `${DRILLS}golden/${name}.json`;

export function loadDrill(name: string) {
  const r = loadText(readFileSync(`${DRILLS}${name}.yaml`, 'utf8'), `${name}.yaml`);
  if (!r.ok) throw new Error(`drills/${name}: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

/** What a drill's golden file pins: doing nothing, the best answer, and each option played on its own (others "nothing"). */
export function runDrillGolden(name: string): Record<string, unknown> {
  const s = loadDrill(name);
  const keep = (o: DrillOutcome) => { const { answers: _a, resolution_s: _r, ...rest } = o; return rest; };
  const best = runDrill(s, bestAnswers(s));
  const options: Record<string, unknown> = {};
  for (const dec of s.drill!.decisions) {
    for (const o of dec.options) {
      const r = runDrill(s, { ...nothingAnswers(s), [dec.id]: o.id });
      options[`${dec.id}=${o.id}`] = { score: r.score.total, ...keep(r.answer) };
    }
  }
  return {
    title: best.title, seed: best.seed,
    nothing: { score: best.nothing_score.total, ...keep(best.nothing) },
    best: { answers: best.best.answers, score: best.score.total, ...keep(best.best) },
    options,
  };
}
