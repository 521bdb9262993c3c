/** A sweep case shown as a run: how the page names it and marks it on the timeline and charts. */
import type { RunCase } from '../state/session';
import type { EventMark } from '../scenario/events';
import { clock } from '../format';

export function runCaseLabel(c: RunCase): string {
  const repair = c.repairAt === undefined ? '' : c.repairAt === null ? ', not repaired' : `, repaired at ${clock(c.repairAt)}`;
  return `sweep case: ${c.failed} (${c.kind}) failed at ${clock(c.at)}${repair}`;
}

export function runCaseMarks(c: RunCase): EventMark[] {
  return [{ t: c.at, label: `fail ${c.failed}` }, ...(typeof c.repairAt === 'number' ? [{ t: c.repairAt, label: `repair ${c.failed}` }] : [])];
}
