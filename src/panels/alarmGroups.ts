/**
 * Alarms as the list shows them: alarms of the same kind and severity, raised at the same instant with
 * the same message apart from the component's name (one cause: a CDU failure trips its eight racks), are
 * one line with a count, which expands to its members. The report keeps every alarm; only the list groups.
 */
import type { Report } from '../worker/protocol';

export type Alarm = Report['alarms'][number];

export interface AlarmGroup {
  /** Stable across renders of the same report (expansion state is keyed by it). */
  id: string;
  members: Alarm[];
  /** The message with the component's name taken out (what the members have in common). */
  common: string;
}

export type AlarmLine =
  | { type: 'alarm'; alarm: Alarm; group: AlarmGroup; member: boolean }
  | { type: 'group'; group: AlarmGroup; expanded: boolean };

const PLACEHOLDER = '\u0001';

/** Groups alarms (in time order) by instant, kind, severity and message pattern; order of first appearance. */
export function groupAlarms(alarms: readonly Alarm[]): AlarmGroup[] {
  const out: AlarmGroup[] = [];
  let i = 0;
  while (i < alarms.length) {
    const t = alarms[i]!.t_s;
    const byKey = new Map<string, AlarmGroup>();
    for (; i < alarms.length && alarms[i]!.t_s === t; i++) {
      const a = alarms[i]!;
      const pattern = a.component ? a.message.split(a.component).join(PLACEHOLDER) : a.message;
      const key = `${a.severity}|${a.kind}|${pattern}`;
      let g = byKey.get(key);
      if (!g) {
        const common = pattern.replace(PLACEHOLDER, '').split(PLACEHOLDER).join('…').replace(/^[\s:]+/, '').trim();
        g = { id: `${t}|${key}`, members: [], common };
        byKey.set(key, g);
        out.push(g);
      }
      g.members.push(a);
    }
  }
  return out;
}

/** The lines of the list: single alarms, group lines, and the members of expanded groups. */
export function alarmLines(groups: readonly AlarmGroup[], expanded: ReadonlySet<string>): AlarmLine[] {
  const lines: AlarmLine[] = [];
  for (const g of groups) {
    if (g.members.length === 1) { lines.push({ type: 'alarm', alarm: g.members[0]!, group: g, member: false }); continue; }
    const open = expanded.has(g.id);
    lines.push({ type: 'group', group: g, expanded: open });
    if (open) for (const a of g.members) lines.push({ type: 'alarm', alarm: a, group: g, member: true });
  }
  return lines;
}

/** "row-C-01 … row-C-08" for a group's components. */
export function componentRange(g: AlarmGroup): string {
  const first = g.members[0]!.component, last = g.members[g.members.length - 1]!.component;
  return first === last ? first : `${first} … ${last}`;
}
