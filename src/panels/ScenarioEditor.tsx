/** The left panel: the scenario as a tree of editable sections, with the engine's problems next to each. */
import { useDeferredValue, useMemo } from 'react';
import { useStore } from '../state/store';
import type { RawObject } from '../scenario/raw';
import type { PlacedIssue } from '../scenario/issueSections';
import type { HallLayout } from '../worker/protocol';
import { app, resetToModel } from '../state/session';
import { issuesFor } from '../scenario/issueSections';
import { asText, rawCdus, rawRows } from '../scenario/raw';
import { Issues, Section } from './editor/fields';
import { RackTypesSection } from './editor/RackTypesSection';
import { RowsSection } from './editor/RowsSection';
import { SetpointsSection } from './editor/SetpointsSection';
import { CoolingSection } from './editor/CoolingSection';
import { PowerSection } from './editor/PowerSection';
import { EventsSection } from './editor/EventsSection';
import { fmtClock, fmtDuration, keepOfferAside, restoreOffer } from '../state/session';
import { keepMine, takeTheirs } from '../state/otherTabs';
import { differences } from '../scenario/diff';

export function ScenarioEditor() {
  const raw = useStore(app, (s) => s.raw);
  const issues = useStore(app, (s) => s.issues);
  const warnings = useStore(app, (s) => s.warnings);
  const layout = useStore(app, (s) => s.layout);
  const fileName = useStore(app, (s) => s.fileName);
  const edited = useStore(app, (s) => s.edited);
  const durationS = useStore(app, (s) => s.durationS);
  const fileErrors = useStore(app, (s) => s.fileErrors);
  const notice = useStore(app, (s) => s.notice);
  const conflict = useStore(app, (s) => s.conflict);
  const offer = useStore(app, (s) => s.offer);
  const source = useStore(app, (s) => s.source);
  const validating = useStore(app, (s) => s.validating);
  const originalText = useStore(app, (s) => s.originalText);
  const doc = `${source?.kind}:${source?.name}\u0000${originalText ?? ''}`;
  const scenario = useMemo(() => (raw ? { raw, issues, layout, doc } : null), [raw, issues, layout, doc]);
  if (!raw || !scenario) return <aside className="left"><div className="muted pad">Loading…</div></aside>;
  const general = issuesFor(issues, 'scenario');
  const racks = layout?.racks.length ?? 0;
  const designMw = (layout?.racks.reduce((s, r) => s + r.designPowerKw, 0) ?? 0) / 1000;
  return (
    <aside className="left" data-testid="scenario-editor">
      {fileErrors && (
        <div className="banner error" data-testid="file-errors">
          <div className="banner-title">
            Could not open {fileErrors.fileName}: {fileErrors.issues.length} problem{fileErrors.issues.length > 1 ? 's' : ''}
            <button className="icon" onClick={() => app.set({ fileErrors: null })} title="Dismiss">✕</button>
          </div>
          <Issues issues={fileErrors.issues} />
          <div className="muted small">The scenario below is still the one you had open.</div>
        </div>
      )}
      {offer && (
        <div className="banner info" data-testid="autosave-offer">
          <div className="banner-title">This link opens {source?.name} as published.</div>
          <div className="small">You have edits to it, autosaved {new Date(offer.savedAt).toLocaleString()}.</div>
          <div className="actions">
            <button data-testid="offer-restore" onClick={restoreOffer}>Restore my edits</button>
            <button data-testid="offer-keep-aside" onClick={keepOfferAside} title="Keep the published model open; your edits are saved as a copy">Keep them as a copy</button>
          </div>
        </div>
      )}
      {conflict && (
        <div className="banner warn" data-testid="tab-conflict">
          <div className="banner-title">
            {conflict.theirs ? `Another tab saved a different version of ${source?.name} at ${fmtClock(conflict.at)}.` : `Another tab discarded the edits to ${source?.name}.`}
          </div>
          {conflict.theirs && (
            <ul className="diff small" data-testid="conflict-diff">
              {differences(raw, conflict.theirs.raw).map((d) => <li key={d.path}><b>{d.path}</b>: yours {d.mine}, theirs {d.theirs}</li>)}
            </ul>
          )}
          <div className="small">This tab still shows your edits: choose which version to keep. Nothing is dropped until you do.</div>
          <div className="actions">
            <button data-testid="conflict-keep-mine" onClick={keepMine} title="Save this tab's edits under a new name; the other tab's version stays">Keep mine (save as a copy)</button>
            <button data-testid="conflict-take-theirs" onClick={takeTheirs} title="Show the other tab's version here; this tab's edits are dropped">Take theirs</button>
          </div>
        </div>
      )}
      {notice && (
        <div className="banner info" data-testid="notice">
          {notice}
          <button className="icon" onClick={() => app.set({ notice: null })} title="Dismiss">✕</button>
        </div>
      )}
      {issues.length > 0 && (
        <div className="banner warn" data-testid="validation-summary">
          {issues.length} problem{issues.length > 1 ? 's' : ''} in the scenario (shown below, where they are). The 3D view shows the last valid hall; Run is off until they are fixed.
        </div>
      )}
      <Section title={asText(raw.name) || 'Scenario'} issues={general} testId="section-scenario">
        <div className="kv"><span>file</span><span>{fileName}{edited ? ' (edited, autosaved)' : ''}{validating ? ' · checking…' : ''}</span></div>
        <div className="kv"><span>duration</span><span>{fmtDuration(durationS)}</span></div>
        <div className="kv"><span>hall</span><span>{racks.toLocaleString()} racks · {rawRows(raw).length} rows · {designMw.toFixed(2)} MW design IT</span></div>
        <div className="kv"><span>CDUs</span><span>{rawCdus(raw).length}</span></div>
        {edited && <button className="link" onClick={() => void resetToModel()}>Discard edits (reset to model)</button>}
        <Issues issues={general} />
        {warnings.length > 0 && <ul className="warnings">{warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
      </Section>
      <Sections scenario={scenario} />
    </aside>
  );
}

/**
 * The editable sections. When another scenario opens, they render from deferred values: its sections (a
 * few hundred to a thousand elements for a large hall) are built by React in slices of a few milliseconds,
 * after the urgent update (the hall, the top bar) and between frames, not in the one task that opened it;
 * for that moment they still show the scenario before, whole (the values are deferred together). An edit
 * of the open scenario shows at once, as before.
 */
function Sections({ scenario }: { scenario: { raw: RawObject; issues: PlacedIssue[]; layout: HallLayout | null; doc: string } }) {
  const deferred = useDeferredValue(scenario);
  const { raw, issues, layout } = deferred.doc === scenario.doc ? scenario : deferred;
  const stale = raw !== scenario.raw;
  return (
    <div className="sections" data-testid="editor-sections" aria-busy={stale}>
      <RackTypesSection raw={raw} issues={issues} />
      <RowsSection raw={raw} issues={issues} />
      <SetpointsSection raw={raw} issues={issues} />
      <CoolingSection raw={raw} issues={issues} />
      <PowerSection raw={raw} issues={issues} />
      <EventsSection raw={raw} issues={issues} layout={layout} />
    </div>
  );
}
