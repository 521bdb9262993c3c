/**
 * Text → schema-checked scenario, with every problem reported at once and each naming its field path.
 * Order: size and syntax guards, tree guards (depth, hostile keys), then the schema. Cross-references
 * (ids that must exist, events that must make sense) are found by compiling: `compileModel` in
 * sim/model/model.ts, a layer above (this one knows nothing of the plant, power chain or workload).
 */
import type { Document } from 'yaml';
import { parseScenarioText, checkTree, formatPath } from './guard';
import { scenarioSchema, type Scenario } from './schema';
import type { ScenarioIssue } from './issues';

export type ScenarioFormat = 'yaml' | 'json';

export interface LoadedScenario {
  scenario: Scenario;
  /** What the file said, untouched: saving writes this back (units as written, order, comments). */
  raw: unknown;
  /** The YAML document when the source was YAML (keeps comments). */
  doc: Document | undefined;
  format: ScenarioFormat;
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
  return { ok: true, scenario: res.data, raw: data, doc, format };
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
