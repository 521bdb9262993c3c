/**
 * The planner's common moves as edits of the raw scenario. Each mutates a clone the session hands it;
 * the engine then re-validates the result, so these only need to produce what a person would write.
 */
import { asArray, asObject, asText, isObject, rawCdus, rawRows, setIn, type RawObject, type RawValue } from './raw';

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
  const events = asArray(raw.events);
  const fail: RawObject = { at: f.at, fail: f.component };
  if (f.part === 'pump') fail.part = 'pump';
  if (f.note) fail.note = f.note;
  const added: RawObject[] = [fail];
  if (f.repairAt) {
    const repair: RawObject = { at: f.repairAt, repair: f.component };
    if (f.part === 'pump') repair.part = 'pump';
    added.push(repair);
  }
  raw.events = [...events, ...added];
}

export function removeEvent(raw: RawObject, index: number): void {
  setIn(raw, ['events', index], undefined);
  if (asArray(raw.events).length === 0) delete raw.events;
}

/** The power chain's feed of a set of loads: point its A (or B) cord at another bus, UPS or distribution element. */
export function setFeedSource(raw: RawObject, feedIndex: number, cord: 'a' | 'b', source: string): void {
  const feed = asObject(asArray(asObject(raw.power)?.feeds)[feedIndex]);
  if (!feed) return;
  if (cord === 'b' && !source) delete feed.b; else feed[cord] = source;
}
