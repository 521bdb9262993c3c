/**
 * Where an engine error belongs in the editor, in the planner's words: `hall.rows[2].count` becomes
 * "Row row-C · count" under Rows; `events[1].fail` becomes "Event 2 · fail" under Events.
 */
import type { ScenarioIssue } from '../worker/protocol';
import { asArray, asObject, asText, getIn, parsePath, type RawObject } from './raw';

export type EditorSection = 'scenario' | 'rackTypes' | 'rows' | 'setpoints' | 'cooling' | 'power' | 'events';

export interface PlacedIssue {
  section: EditorSection;
  /** The item inside the section (row index, rack type name, event index, CDU id), when there is one. */
  item: string | null;
  /** The field inside the item, when there is one. */
  field: string | null;
  /** Where, in words: "Row row-C · racks 6 · power". */
  where: string;
  message: string;
}

const words = (s: string | number) => String(s).replace(/_/g, ' ');
const ordinal = (i: number) => `${i + 1}`;

export function placeIssue(raw: RawObject | null, issue: ScenarioIssue): PlacedIssue {
  const p = parsePath(issue.path);
  const [a, b, c, d] = p;
  const rest = (from: number) => p.slice(from).map((s) => (typeof s === 'number' ? `#${s + 1}` : words(s))).join(' · ');
  const place = (section: EditorSection, item: string | null, where: string, fieldFrom: number): PlacedIssue => {
    const field = p.length > fieldFrom ? p.slice(fieldFrom).join('.') : null;
    const tail = rest(fieldFrom);
    return { section, item, field, where: tail ? `${where} · ${tail}` : where, message: issue.message };
  };

  if (a === 'rack_types' && typeof b === 'string') return place('rackTypes', b, `Rack type ${b}`, 2);
  if (a === 'hall' && b === 'rows' && typeof c === 'number') {
    const id = asText(getIn(raw, ['hall', 'rows', c, 'id']));
    if (d === 'racks' && typeof p[4] === 'number') {
      const rackId = asText(getIn(raw, ['hall', 'rows', c, 'racks', p[4], 'id']));
      return place('rows', String(c), `Row ${id || ordinal(c)} · rack ${rackId || ordinal(p[4])}`, 5);
    }
    return place('rows', String(c), `Row ${id || ordinal(c)}`, 3);
  }
  if (a === 'hall' && b === 'rows') return place('rows', null, 'Rows', 2);
  if (a === 'hall' && b === 'air_setpoint') return place('setpoints', 'hall', 'Hall air setpoint', 2);
  if (a === 'hall' && b === 'crahs' && typeof c === 'number') {
    const id = asText(getIn(raw, ['hall', 'crahs', c, 'id']));
    return place('cooling', id || null, `CRAH ${id || ordinal(c)}`, 3);
  }
  if (a === 'hall' && b === 'immersion_tanks' && typeof c === 'number') {
    const id = asText(getIn(raw, ['hall', 'immersion_tanks', c, 'id']));
    return place('rows', null, `Immersion tank ${id || ordinal(c)}`, 3);
  }
  if (a === 'cdus' && typeof b === 'number') {
    const id = asText(getIn(raw, ['cdus', b, 'id']));
    if (c === 'supply_setpoint' || c === 'flow_setpoint') return place('setpoints', id || null, `CDU ${id || ordinal(b)}`, 2);
    return place('cooling', id || null, `CDU ${id || ordinal(b)}`, 2);
  }
  if (a === 'plant' && b === 'supply_setpoint') return place('setpoints', 'plant', 'Facility water (FWS) supply setpoint', 2);
  if (a === 'plant' && (b === 'chillers' || b === 'free_cooling') && typeof c === 'number') {
    const id = asText(getIn(raw, ['plant', b, c, 'id']));
    return place('cooling', id || null, `${b === 'chillers' ? 'Chiller' : 'Free cooler'} ${id || ordinal(c)}`, 3);
  }
  if (a === 'plant') return place('cooling', null, 'Plant', 1);
  if (a === 'power') return place('power', null, 'Power chain', 1);
  if (a === 'events' && typeof b === 'number') {
    const ev = asObject(asArray(raw?.events)[b]);
    const what = ev ? [ev.fail !== undefined ? `fail ${asText(ev.fail)}` : ev.repair !== undefined ? `repair ${asText(ev.repair)}` : ev.set !== undefined ? `set ${asText(ev.set)}` : '', ev.at !== undefined ? `at ${asText(ev.at)}` : ''].filter(Boolean).join(' ') : '';
    return place('events', String(b), `Event ${ordinal(b)}${what ? ` (${what})` : ''}`, 2);
  }
  if (a === 'events') return place('events', null, 'Events', 1);
  return place('scenario', null, a === undefined || a === '(top level)' ? 'Scenario' : 'Scenario', 0);
}

export function issuesFor(placed: readonly PlacedIssue[], section: EditorSection, item?: string | null): PlacedIssue[] {
  return placed.filter((i) => i.section === section && (item === undefined || i.item === item));
}
