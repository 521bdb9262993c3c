/**
 * Text → validated scenario, with every problem reported at once and each naming its field path.
 * Order: size and syntax guards, tree guards (depth, hostile keys), the schema, then cross-references
 * (ids that must exist, events that must make sense) by compiling the plant.
 */
import type { Document } from 'yaml';
import { parseScenarioText, checkTree, formatPath } from './guard';
import { scenarioSchema, type Scenario } from './schema';
import type { ScenarioIssue } from './issues';
import { compilePlant } from '../plant/compile';
import { compileEvents } from '../plant/actions';
import { PowerChain } from '../power/chain';
import { Workload } from '../workload/workload';

export type ScenarioFormat = 'yaml' | 'json';

export interface LoadedScenario {
  scenario: Scenario;
  /** What the file said, untouched: saving writes this back (units as written, order, comments). */
  raw: unknown;
  /** The YAML document when the source was YAML (keeps comments). */
  doc: Document | undefined;
  format: ScenarioFormat;
  warnings: string[];
}

export type LoadResult = ({ ok: true } & LoadedScenario) | { ok: false; errors: ScenarioIssue[] };

export function detectFormat(text: string, fileName?: string): ScenarioFormat {
  if (fileName && /\.json$/i.test(fileName)) return 'json';
  if (fileName && /\.ya?ml$/i.test(fileName)) return 'yaml';
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

export function loadScenarioText(text: string, fileName?: string): LoadResult {
  const format = detectFormat(text, fileName);
  const parsed = parseScenarioText(text, format);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ path: e.path || '(top level)', message: e.message })) };
  return validateScenarioData(parsed.data, parsed.doc, format);
}

/** Validate already-parsed data (the browser editor holds the raw object and re-validates it). */
export function validateScenarioData(data: unknown, doc: Document | undefined, format: ScenarioFormat): LoadResult {
  const treeErrors = checkTree(data);
  if (treeErrors.length) return { ok: false, errors: treeErrors.map((e) => ({ path: e.path || '(top level)', message: e.message })) };
  // reportInput: messages say what was found ("expected object, found 5"), not "nothing".
  const res = scenarioSchema.safeParse(data, { reportInput: true });
  if (!res.success) {
    const errors = res.error.issues.map((i) => ({ path: formatPath(i.path as (string | number)[]) || '(top level)', message: issueMessage(i) }));
    return { ok: false, errors: dedupe(errors) };
  }
  const scenario = res.data;
  const plant = compilePlant(scenario);
  if (!plant.ok) return { ok: false, errors: plant.errors };
  const powerErrors: ScenarioIssue[] = [];
  const power = scenario.power ? new PowerChain(scenario.power, plant.plant, { later: () => {}, alarm: () => {} }, powerErrors) : undefined;
  if (powerErrors.length) return { ok: false, errors: powerErrors };
  if (scenario.workload) {
    const wlErrors: ScenarioIssue[] = [];
    new Workload(scenario.workload, plant.plant, { later: () => 0, cancel: () => {}, alarm: () => {} }, scenario.seed ?? 1, scenario.duration ?? 86_400, wlErrors);
    if (wlErrors.length) return { ok: false, errors: wlErrors };
  }
  const ev = compileEvents(scenario, plant.plant, power);
  if (ev.errors.length) return { ok: false, errors: ev.errors };
  return { ok: true, scenario, raw: data, doc, format, warnings: [...plant.warnings, ...(power?.warnings ?? [])] };
}

/** Writes the scenario back as it was written (YAML keeps comments; JSON is pretty-printed). */
export function saveScenarioText(loaded: Pick<LoadedScenario, 'raw' | 'doc' | 'format'>): string {
  if (loaded.format === 'yaml') {
    if (loaded.doc) return loaded.doc.toString({ lineWidth: 0 });
  }
  return JSON.stringify(loaded.raw, null, 2) + '\n';
}

type ZodIssue = { code: string; message: string; path: PropertyKey[]; keys?: string[]; expected?: string; input?: unknown; values?: unknown[] };

/** Planner-readable wording for zod's built-in issues; custom ones already say "expected …, found …". */
function issueMessage(i: ZodIssue): string {
  const found = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60) ?? String(v));
  switch (i.code) {
    case 'unrecognized_keys':
      return `unknown field${(i.keys?.length ?? 0) > 1 ? 's' : ''} ${i.keys?.map((k) => `"${k}"`).join(', ')} (check the spelling against docs/scenario-format.md)`;
    case 'invalid_type':
      return i.input === undefined ? `expected ${i.expected ?? 'a value'}, found nothing (the field is required)` : `expected ${i.expected}, found ${found(i.input)}`;
    case 'invalid_value':
      return `expected one of ${i.values?.map((v) => JSON.stringify(v)).join(', ')}, found ${found(i.input)}`;
    default:
      return i.message;
  }
}

function dedupe(errors: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return errors.filter((e) => { const k = e.path + '\n' + e.message; if (seen.has(k)) return false; seen.add(k); return true; });
}
