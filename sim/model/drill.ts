/**
 * Checks a drill section (docs/drills.md) against the scenario it drills: decision times in order and
 * inside the run, option ids unique ("nothing" is always an option and reserved), the best answer one of
 * them, and every option's actions compiled as the events they become — with errors at the action's path.
 */
import type { Scenario, EventSpec, DrillSpec, DrillActionSpec } from '../scenario/schema';
import type { ScenarioIssue } from '../scenario/issues';

/** The option every decision has: do nothing. */
export const NOTHING = 'nothing';

/** A drill action as the scenario event it becomes, at the decision's time plus its delay. */
export function actionEvent(decisionAt: number, a: DrillActionSpec): EventSpec {
  const { after, ...verb } = a;
  return { ...verb, at: decisionAt + (after ?? 0) };
}

/** Every option's actions as one list of events, with where each came from (for error paths). */
export function allActionEvents(d: DrillSpec): { events: EventSpec[]; paths: string[] } {
  const events: EventSpec[] = [], paths: string[] = [];
  d.decisions.forEach((dec, i) => dec.options.forEach((o, j) => (o.actions ?? []).forEach((a, k) => {
    events.push(actionEvent(dec.at, a));
    paths.push(`drill.decisions[${i}].options[${j}].actions[${k}]`);
  })));
  return { events, paths };
}

const fmt = (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

/**
 * Problems with the drill; `compileEvents` compiles a list of events against this scenario's plant and
 * returns their issues with `events[k]` paths (the caller's compiler, so drill actions are checked exactly
 * like events).
 */
export function checkDrill(s: Scenario, end: number, compileEvents: (events: EventSpec[]) => ScenarioIssue[]): ScenarioIssue[] {
  const d = s.drill;
  if (!d) return [];
  const issues: ScenarioIssue[] = [];
  (d.narration ?? []).forEach((n, i) => {
    if (n.at > end) issues.push({ path: `drill.narration[${i}].at`, message: `expected a time within the run (duration ${fmt(end)}), found ${fmt(n.at)}` });
  });
  const ids = new Map<string, number>();
  let prev = -1;
  d.decisions.forEach((dec, i) => {
    const path = `drill.decisions[${i}]`;
    if (ids.has(dec.id)) issues.push({ path: `${path}.id`, message: `decision id "${dec.id}" is already used at drill.decisions[${ids.get(dec.id)}]` });
    else ids.set(dec.id, i);
    if (dec.at >= end) issues.push({ path: `${path}.at`, message: `expected a time before the end of the run (duration ${fmt(end)}), found ${fmt(dec.at)}` });
    if (dec.at <= prev) issues.push({ path: `${path}.at`, message: `expected decisions in time order, each after the one before (${fmt(prev)}), found ${fmt(dec.at)}` });
    prev = Math.max(prev, dec.at);
    const opts = new Map<string, number>();
    dec.options.forEach((o, j) => {
      if (o.id === NOTHING) issues.push({ path: `${path}.options[${j}].id`, message: `"${NOTHING}" is reserved: doing nothing is always an option; give this option another id` });
      else if (opts.has(o.id)) issues.push({ path: `${path}.options[${j}].id`, message: `option id "${o.id}" is already used at ${path}.options[${opts.get(o.id)}]` });
      else opts.set(o.id, j);
      (o.actions ?? []).forEach((a, k) => {
        const at = dec.at + (a.after ?? 0);
        if (at > end) issues.push({ path: `${path}.options[${j}].actions[${k}].after`, message: `expected the action to fall within the run (at ${fmt(at)}, the run ends at ${fmt(end)})` });
      });
    });
    if (dec.best !== NOTHING && !opts.has(dec.best)) issues.push({ path: `${path}.best`, message: `expected one of the options (${[...opts.keys(), NOTHING].join(', ')}), found "${dec.best}"` });
  });
  const { events, paths } = allActionEvents(d);
  for (const issue of compileEvents(events)) {
    const m = /^events\[(\d+)\](.*)$/.exec(issue.path);
    issues.push(m ? { path: paths[Number(m[1])]! + m[2], message: issue.message } : issue);
  }
  return issues;
}
