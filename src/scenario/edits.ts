/**
 * The planner's common moves as edits of the raw scenario. Each mutates a clone the session hands it;
 * the engine then re-validates the result, so these only need to produce what a person would write.
 */
import { asArray, asObject, asText, isObject, rawCdus, rawRows, setIn, type RawObject, type RawValue } from './raw';
import { eventSeconds } from './events';

/** Next id in a family: row-D → row-E, r099 → r100, cdu-3 → cdu-4; falls back to `<base>-<n>`. */
export function nextId(existing: readonly string[], fallbackBase: string): string {
  const taken = new Set(existing);
  const last = existing[existing.length - 1];
  const bump = (id: string): string | null => {
    const num = /^(.*?)(\d+)$/.exec(id);
    if (num) return num[1]! + String(Number(num[2]) + 1).padStart(num[2]!.length, '0');
    const letter = /^(.*?)([A-Y])$/.exec(id);
    if (letter) return letter[1]! + String.fromCharCode(letter[2]!.charCodeAt(0) + 1);
    return null;
  };
  let candidate = last ? bump(last) : null;
  for (let guard = 0; candidate && taken.has(candidate) && guard < 10_000; guard++) candidate = bump(candidate);
  if (candidate && !taken.has(candidate)) return candidate;
  for (let n = existing.length + 1; ; n++) if (!taken.has(`${fallbackBase}-${n}`)) return `${fallbackBase}-${n}`;
}

export interface NewRow {
  type: string;
  count: number;
  /** An existing CDU id, or 'new' to add a CDU like the last one. */
  cdu: string;
}

export function addRow(raw: RawObject, spec: NewRow): string {
  const rows = rawRows(raw);
  const rowId = nextId(rows.map((r) => asText(r.id)), 'row');
  let cdu = spec.cdu;
  if (cdu === 'new') {
    const cdus = rawCdus(raw);
    const template = cdus[cdus.length - 1];
    cdu = nextId(cdus.map((c) => asText(c.id)), 'cdu');
    // Copy the operating settings of the last CDU; size (capacity, UA) defaults from the new row's racks.
    const fresh: RawObject = { id: cdu };
    for (const k of ['supply_setpoint', 'flow_setpoint', 'design_approach', 'pumps'] as const) {
      if (template?.[k] !== undefined) fresh[k] = structuredClone(template[k]);
    }
    setIn(raw, ['cdus', cdus.length], fresh);
  }
  const row: RawObject = { id: rowId, type: spec.type, count: spec.count };
  if (cdu) row.cdu = cdu;
  setIn(raw, ['hall', 'rows', rows.length], row);
  return rowId;
}

/** Removes a row; its CDU goes too when nothing else is fed by it (events naming it stay, and will say so). */
export function removeRow(raw: RawObject, index: number): void {
  const rows = rawRows(raw);
  const row = rows[index];
  if (!row) return;
  setIn(raw, ['hall', 'rows', index], undefined);
  const cdu = asText(row.cdu);
  if (!cdu) return;
  const stillUsed = rawRows(raw).some((r) => asText(r.cdu) === cdu || asArray(r.racks).some((k) => isObject(k) && asText(k.cdu) === cdu));
  if (stillUsed) return;
  const ci = rawCdus(raw).findIndex((c) => asText(c.id) === cdu);
  if (ci >= 0) setIn(raw, ['cdus', ci], undefined);
}

/** A bare number typed into a field with a conventional unit gets that unit ("140" → "140 kW"). */
export function withUnit(input: string, unit: string): RawValue {
  const text = input.trim();
  if (unit && /^[-+]?\d+(\.\d+)?$/.test(text)) return `${text} ${unit}`;
  return text;
}

/** Sets one field on every CDU (the "all CDUs" setpoint). */
export function setAllCdus(raw: RawObject, field: string, value: RawValue): void {
  rawCdus(raw).forEach((_, i) => setIn(raw, ['cdus', i, field], value));
}

export interface NewFailure {
  at: string;
  component: string;
  /** CDUs only: one pump instead of the whole unit. */
  part?: 'pump' | 'unit';
  /** Optional repair time (absolute, same units as `at`). */
  repairAt?: string;
  note?: string;
}

export function addFailure(raw: RawObject, f: NewFailure): void {
  const fail: RawObject = { at: f.at, fail: f.component };
  if (f.part === 'pump') fail.part = 'pump';
  if (f.note) fail.note = f.note;
  addEvent(raw, fail);
  if (f.repairAt) {
    const repair: RawObject = { at: f.repairAt, repair: f.component };
    if (f.part === 'pump') repair.part = 'pump';
    addEvent(raw, repair);
  }
}

/** A repair of `component` at `at` (for a rack: its restart after a trip). */
export function addRepair(raw: RawObject, component: string, at: string, note?: string): void {
  addEvent(raw, { at, repair: component, ...(note ? { note } : {}) });
}

/**
 * Inserts an event in time order: after every event at or before its time, so the list reads as a
 * timeline. Events whose time the page cannot read stay where they are; one it cannot read goes last.
 */
function addEvent(raw: RawObject, ev: RawObject): void {
  const events = asArray(raw.events);
  const t = eventSeconds(ev.at);
  let at = events.length;
  if (t !== null) {
    for (let i = events.length - 1; i >= 0; i--) {
      const ti = eventSeconds(asObject(events[i])?.at);
      if (ti !== null && ti > t) at = i; else if (ti !== null) break;
    }
  }
  raw.events = [...events.slice(0, at), ev, ...events.slice(at)];
}

/** `a` fails (or repairs) what `b` fails: same component, same part. */
const sameTarget = (a: RawObject, b: RawObject, key: 'fail' | 'repair') => a[key] !== undefined && a[key] === b.fail && (a.part ?? null) === (b.part ?? null);

/**
 * Removes event `index`. A failure takes its repair with it (the first later repair of the same
 * component and part, unless another failure of it comes first): a repair of nothing is an orphan.
 */
export function removeEvent(raw: RawObject, index: number): void {
  const events = asArray(raw.events).map(asObject);
  const ev = events[index];
  const drop = new Set([index]);
  if (ev?.fail !== undefined) {
    for (let i = index + 1; i < events.length; i++) {
      const other = events[i];
      if (!other) continue;
      if (sameTarget(other, ev, 'fail')) break;
      if (sameTarget(other, ev, 'repair')) { drop.add(i); break; }
    }
  }
  raw.events = asArray(raw.events).filter((_, i) => !drop.has(i));
  if (asArray(raw.events).length === 0) delete raw.events;
}

/**
 * Indices of repairs with no failure of the same component (and part) before them in the list. A repair
 * of a rack is not one: it restarts a rack that tripped.
 */
export function orphanRepairs(raw: RawObject, racks: ReadonlySet<string>): Set<number> {
  const events = asArray(raw.events).map(asObject);
  const failed = new Set<string>();
  const orphans = new Set<number>();
  events.forEach((ev, i) => {
    if (!ev) return;
    const key = (id: unknown) => `${asText(id)}\u0000${asText(ev.part)}`;
    if (ev.fail !== undefined) failed.add(key(ev.fail));
    else if (ev.repair !== undefined && !racks.has(asText(ev.repair)) && !failed.has(key(ev.repair))) orphans.add(i);
  });
  return orphans;
}

/** The power chain's feed of a set of loads: point its A (or B) cord at another bus, UPS or distribution element. */
export function setFeedSource(raw: RawObject, feedIndex: number, cord: 'a' | 'b', source: string): void {
  const feed = asObject(asArray(asObject(raw.power)?.feeds)[feedIndex]);
  if (!feed) return;
  if (cord === 'b' && !source) delete feed.b; else feed[cord] = source;
}
