/** Scheduled events: the list (click to jump there), remove, and "inject a failure" (appends fail/repair events). */
import { useMemo, useState } from 'react';
import { edit, select } from '../../state/session';
import { addFailure, orphanRepairs, removeEvent, withUnit } from '../../scenario/edits';
import { asText, rawEvents, type RawObject } from '../../scenario/raw';
import { describeEvent as describe, eventSeconds as seconds } from '../../scenario/events';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { showInstant } from '../../state/cursor';
import { focusOn } from '../../twin/cameraCommands';
import { Issues, Section } from './fields';
import type { HallLayout } from '../../worker/protocol';

function failable(layout: HallLayout | null): { group: string; ids: string[] }[] {
  if (!layout) return [];
  return [
    { group: 'CDUs', ids: layout.cdus.map((c) => c.id) },
    { group: 'CRAHs', ids: layout.crahs.map((c) => c.id) },
    { group: 'Chillers', ids: layout.chillers.map((c) => c.id) },
    { group: 'Free cooling', ids: layout.freeCoolers.map((c) => c.id) },
    { group: 'Racks', ids: layout.racks.length <= 400 ? layout.racks.map((r) => r.id) : [] },
  ].filter((g) => g.ids.length);
}

export function EventsSection({ raw, issues, layout }: { raw: RawObject; issues: PlacedIssue[]; layout: HallLayout | null }) {
  const events = rawEvents(raw);
  const orphans = useMemo(() => orphanRepairs(raw, new Set(layout?.racks.map((r) => r.id))), [raw, layout]);
  const mine = issuesFor(issues, 'events');
  const groups = failable(layout);
  const [component, setComponent] = useState('');
  const [at, setAt] = useState('2 h');
  const [repairAt, setRepairAt] = useState('');
  const [part, setPart] = useState<'unit' | 'pump'>('unit');
  const target = component || groups[0]?.ids[0] || '';
  const isCdu = !!layout?.cdus.some((c) => c.id === target && !c.immersion);
  return (
    <Section title="Events" count={events.length} issues={mine} testId="section-events">
      <Issues issues={issuesFor(mine, 'events', null)} />
      <div className="events-list">
        {events.map((ev, i) => {
          const own = issuesFor(mine, 'events', String(i));
          const t = seconds(ev.at);
          const id = asText(ev.fail ?? ev.repair ?? ev.target ?? '');
          return (
            <div key={i} className={`item${own.length ? ' has-issues' : ''}`} data-testid="event-item">
              <div className="item-line">
                <button className="link mono" disabled={t === null} onClick={() => { if (t !== null) showInstant(t, 'from'); if (id) { select(id); focusOn(id); } }}>
                  {asText(ev.at)}
                </button>
                <span className="grow">{describe(ev)}</span>
                <button className="icon" title={ev.fail !== undefined ? 'Remove this failure (and its repair)' : 'Remove this event'} onClick={() => edit((r) => removeEvent(r, i))}>✕</button>
              </div>
              {ev.note !== undefined && <div className="note">{asText(ev.note)}</div>}
              {orphans.has(i) && <div className="orphan" data-testid="orphan-repair">Repairs nothing: no failure of {asText(ev.repair)} comes before it.</div>}
              <Issues issues={own} />
            </div>
          );
        })}
      </div>
      <div className="add-form wrap" data-testid="inject-failure">
        <span>Inject failure:</span>
        {layout && layout.racks.length > 400 ? (
          <input className="qty" style={{ width: 110 }} value={component} placeholder={target} onChange={(e) => setComponent(e.target.value)} list="failable-ids" title="Component id" />
        ) : (
          <select value={target} onChange={(e) => setComponent(e.target.value)} title="Component">
            {groups.map((g) => <optgroup key={g.group} label={g.group}>{g.ids.map((id) => <option key={id} value={id}>{id}</option>)}</optgroup>)}
          </select>
        )}
        {isCdu && (
          <select value={part} onChange={(e) => setPart(e.target.value as 'unit' | 'pump')} title="Whole unit or one pump">
            <option value="unit">whole unit</option>
            <option value="pump">one pump</option>
          </select>
        )}
        <label>at <input className="qty" style={{ width: 56 }} value={at} onChange={(e) => setAt(e.target.value)} title="Time, e.g. 2 h or 90 min" /></label>
        <label>repair at <input className="qty" style={{ width: 56 }} value={repairAt} placeholder="never" onChange={(e) => setRepairAt(e.target.value)} /></label>
        <button
          data-testid="add-failure" disabled={!target || !at.trim()}
          onClick={() => edit((r) => addFailure(r, { component: target, at: String(withUnit(at, 'h')), ...(repairAt.trim() ? { repairAt: String(withUnit(repairAt, 'h')) } : {}), ...(isCdu ? { part } : {}) }))}
        >Add</button>
        {layout && layout.racks.length > 400 && (
          <datalist id="failable-ids">{groups.flatMap((g) => g.ids).map((id) => <option key={id} value={id} />)}</datalist>
        )}
      </div>
      {events.length > 0 && <div className="muted small">Click an event's time to move the time cursor there.</div>}
    </Section>
  );
}
