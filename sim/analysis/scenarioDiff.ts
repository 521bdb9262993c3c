/**
 * What differs between two scenario files, in words a planner reads: components added, removed and
 * changed, matched by id, with each value as its file wrote it (`cdus[cdu-A].supply_setpoint: 30 degC →
 * 32 degC`). The comparison is semantic — it walks the two *parsed* scenarios (SI numbers), so `2.5 MW`
 * and `2500 kW` are the same value — while the values shown come from the files' own text (the raw trees,
 * which have the parsed trees' shape: the schema converts leaves, never structure).
 *
 * Lists are matched by identity, not position, so inserting a rack row does not make every later row
 * "changed": by `id` where every element has one; power feeds by their loads (`feeds[loads=cdus]`);
 * reliability entries by target; events by what they do (`events[utility loss]`, `events[fail cdu-A
 * pump]`), so moving an event in time reads as its `at` changing. Repeats of one key are numbered in
 * file order (`#2`). When the shared members of an id-matched list come in another order, that is a
 * difference of its own (`hall.rows (order)`): order places racks. Lists of plain values (a bus's
 * sources, a job's racks) are compared whole. Comments, key order and spelling of units are not
 * differences; a field written in one file and left to its default in the other is (the file says so).
 */
import type { Scenario } from '../scenario/schema';

export interface Difference {
  /** Where, with list members named by their key: `power.feeds[loads=cdus].a`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** As file A wrote it (absent when added). */
  a?: unknown;
  /** As file B wrote it (absent when removed). */
  b?: unknown;
}

/** One side of the comparison: the parsed scenario and the tree the file's text parsed to. */
export interface ScenarioSide {
  scenario: Scenario;
  raw: unknown;
}

/** Numbers converted from different spellings (`1.5 L/min/kW`, `0.025 L/s/kW`) may differ in the last bits. */
const REL_TOL = 1e-9;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= REL_TOL * Math.max(Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!sameValue(a[k], b[k])) return false;
    return true;
  }
  return a === b;
}

/** What an event does, as its key: the verb and its target, without the time. */
function eventKey(e: Record<string, unknown>): string {
  const part = e['part'] !== undefined ? ` ${String(e['part'])}` : '';
  if (e['fail'] !== undefined) return `fail ${String(e['fail'])}${part}`;
  if (e['repair'] !== undefined) return `repair ${String(e['repair'])}${part}`;
  if (e['utility'] !== undefined) return `utility ${String(e['utility'])}${e['target'] !== undefined ? ` ${String(e['target'])}` : ''}`;
  if (e['set'] !== undefined) return `set ${String(e['set'])}`;
  return 'event';
}

/** The key of a list member at `path`, or null when the list is not one of identities. */
function memberKey(path: string, el: unknown): string | null {
  if (!isObject(el)) return null;
  if (typeof el['id'] === 'string') return el['id'];
  if (path === 'events') return eventKey(el);
  if (path === 'reliability' && typeof el['target'] === 'string') return el['target'];
  if (path === 'power.feeds' && Array.isArray(el['loads'])) return `loads=${el['loads'].join(',')}`;
  return null;
}

/** Keys of a list's members in order, repeats numbered (`#2`); null if any member has none. */
function keysOf(path: string, list: readonly unknown[]): string[] | null {
  const seen = new Map<string, number>();
  const keys: string[] = [];
  for (const el of list) {
    const k = memberKey(path, el);
    if (k === null) return null;
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    keys.push(n > 1 ? `${k} #${n}` : k);
  }
  return keys;
}

const at = (raw: unknown, key: string | number): unknown =>
  Array.isArray(raw) && typeof key === 'number' ? raw[key] : isObject(raw) ? raw[key as string] : undefined;

function walk(path: string, pa: unknown, pb: unknown, ra: unknown, rb: unknown, out: Difference[]): void {
  if (pa === undefined && pb === undefined) return;
  if (pa === undefined) { out.push({ path, change: 'added', b: rb }); return; }
  if (pb === undefined) { out.push({ path, change: 'removed', a: ra }); return; }
  if (Array.isArray(pa) && Array.isArray(pb)) {
    const ka = keysOf(path, pa), kb = keysOf(path, pb);
    if (ka && kb) { walkList(path, ka, kb, pa, pb, ra, rb, out); return; }
  } else if (isObject(pa) && isObject(pb)) {
    const keys = [...Object.keys(pa), ...Object.keys(pb).filter((k) => !(k in pa))];
    for (const k of keys) walk(path ? `${path}.${k}` : k, pa[k], pb[k], at(ra, k), at(rb, k), out);
    return;
  }
  if (!sameValue(pa, pb)) out.push({ path, change: 'changed', a: ra, b: rb });
}

function walkList(path: string, ka: string[], kb: string[], pa: unknown[], pb: unknown[], ra: unknown, rb: unknown, out: Difference[]): void {
  const ib = new Map(kb.map((k, i) => [k, i]));
  const ia = new Map(ka.map((k, i) => [k, i]));
  const sharedA = ka.filter((k) => ib.has(k)), sharedB = kb.filter((k) => ia.has(k));
  if (sharedA.some((k, i) => k !== sharedB[i])) out.push({ path: `${path} (order)`, change: 'changed', a: sharedA, b: sharedB });
  ka.forEach((k, i) => {
    const j = ib.get(k);
    if (j === undefined) out.push({ path: `${path}[${k}]`, change: 'removed', a: at(ra, i) });
    else walk(`${path}[${k}]`, pa[i], pb[j], at(ra, i), at(rb, j), out);
  });
  kb.forEach((k, j) => { if (!ia.has(k)) out.push({ path: `${path}[${k}]`, change: 'added', b: at(rb, j) }); });
}

/** Every difference from A to B, in A's order (then what only B has). Empty for a file and itself. */
export function diffScenarios(a: ScenarioSide, b: ScenarioSide): Difference[] {
  const out: Difference[] = [];
  walk('', a.scenario, b.scenario, a.raw, b.raw, out);
  return out;
}
