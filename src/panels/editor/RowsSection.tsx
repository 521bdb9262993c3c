/** Rows of racks: type, count, CDU per row; add a row, remove a row. */
import { useState } from 'react';
import { app, edit, select } from '../../state/session';
import { focusOn } from '../../twin/cameraCommands';
import { addRow, removeRow } from '../../scenario/edits';
import { asArray, asText, rawCdus, rawRackTypes, rawRows, setIn, type RawObject } from '../../scenario/raw';
import { issuesFor, type PlacedIssue } from '../../scenario/issueSections';
import { Issues, QuantityField, Section, fieldHas } from './fields';
import { VirtualList } from './VirtualList';

function selectRow(id: string): void {
  const rack = app.get().layout?.racks.find((r) => r.row === id);
  if (!rack) return;
  select(rack.id);
  focusOn(rack.id);
}

export function RowsSection({ raw, issues }: { raw: RawObject; issues: PlacedIssue[] }) {
  const rows = rawRows(raw);
  const types = rawRackTypes(raw).map(([name]) => name);
  const cdus = rawCdus(raw).map((c) => asText(c.id));
  const mine = issuesFor(issues, 'rows');
  const [type, setType] = useState('');
  const [count, setCount] = useState('8');
  const [cdu, setCdu] = useState('new');
  const newType = type || types[0] || '';
  return (
    <Section title="Rows" count={rows.length} issues={mine} testId="section-rows">
      <Issues issues={issuesFor(mine, 'rows', null)} />
      <VirtualList className="rows-list" count={rows.length} estimate={33} item={(i) => {
          const row = rows[i]!;
          const own = issuesFor(mine, 'rows', String(i));
          const listed = asArray(row.racks).length;
          return (
            <div className={`item${own.length ? ' has-issues' : ''}`} data-testid="row-item">
              <div className="item-line">
                <button className="link" onClick={() => selectRow(asText(row.id))} title="Select the row's first rack and look at it">{asText(row.id) || `row ${i + 1}`}</button>
                <select value={asText(row.type)} onChange={(e) => edit((r) => setIn(r, ['hall', 'rows', i, 'type'], e.target.value || undefined))} className={fieldHas(own, 'type') ? 'invalid' : ''} title="Rack type">
                  {!types.includes(asText(row.type)) && <option value={asText(row.type)}>{asText(row.type) || '—'}</option>}
                  {types.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
                {listed ? <span className="muted">{listed} listed</span> : (
                  <QuantityField testId="row-count" width={48} unit="" value={row.count} invalid={fieldHas(own, 'count')}
                    onCommit={(v) => edit((r) => setIn(r, ['hall', 'rows', i, 'count'], v))} />
                )}
                {cdus.length > 24 ? (
                  // Many CDUs: one shared datalist instead of a hundred options per row.
                  <QuantityField width={84} unit="" value={row.cdu} placeholder="no CDU" invalid={fieldHas(own, 'cdu')} list="row-cdu-ids"
                    onCommit={(v) => edit((r) => setIn(r, ['hall', 'rows', i, 'cdu'], v === '' ? undefined : String(v)))} />
                ) : (
                  <select value={asText(row.cdu)} onChange={(e) => edit((r) => setIn(r, ['hall', 'rows', i, 'cdu'], e.target.value || undefined))} className={fieldHas(own, 'cdu') ? 'invalid' : ''} title="CDU feeding the row">
                    <option value="">no CDU</option>
                    {!cdus.includes(asText(row.cdu)) && asText(row.cdu) && <option value={asText(row.cdu)}>{asText(row.cdu)}</option>}
                    {cdus.map((c) => <option key={c} value={c}>{c}</option>)}
                  </select>
                )}
                <select value={asText(row.containment)} data-testid="row-containment" className={fieldHas(own, 'containment') ? 'invalid' : ''}
                  title="Aisle containment: stating it on any row gives every row its own air zone (docs/scenario-format.md, Air zones)"
                  onChange={(e) => edit((r) => setIn(r, ['hall', 'rows', i, 'containment'], e.target.value || undefined))}>
                  <option value="">no zone</option>
                  <option value="none">open aisles</option>
                  <option value="cold_aisle">cold aisle</option>
                  <option value="hot_aisle">hot aisle</option>
                  <option value="chimney">chimney</option>
                </select>
                <button className="icon" title="Remove this row" data-testid="remove-row" onClick={() => edit((r) => removeRow(r, i))}>✕</button>
              </div>
              <Issues issues={own} />
            </div>
          );
        }} />
      {cdus.length > 24 && <datalist id="row-cdu-ids">{cdus.map((c) => <option key={c} value={c} />)}</datalist>}
      <div className="add-form">
        <span>Add row:</span>
        <select value={newType} onChange={(e) => setType(e.target.value)} title="Rack type">
          {types.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <input className="qty" style={{ width: 44 }} value={count} onChange={(e) => setCount(e.target.value)} title="Racks in the row" />
        <select value={cdu} onChange={(e) => setCdu(e.target.value)} title="CDU">
          <option value="new">new CDU</option>
          {cdus.slice(-24).map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
        <button data-testid="add-row" disabled={!newType} onClick={() => edit((r) => { addRow(r, { type: newType, count: Math.max(1, Math.round(Number(count) || 1)), cdu }); })}>Add</button>
      </div>
    </Section>
  );
}
