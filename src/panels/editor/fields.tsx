/** Editor inputs: a quantity field that commits on Enter/blur, a select that builds its options on demand, and the inline problem list. */
import { useEffect, useState, type ReactNode } from 'react';
import type { PlacedIssue } from '../../scenario/issueSections';
import { asText } from '../../scenario/raw';
import { withUnit } from '../../scenario/edits';
import type { RawValue } from '../../scenario/raw';

export function QuantityField({ value, unit, placeholder, onCommit, invalid, testId, width = 88, list }: {
  value: unknown; unit: string; placeholder?: string; onCommit: (v: RawValue) => void; invalid?: boolean; testId?: string; width?: number; list?: string;
}) {
  const shown = asText(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    if (text.trim() === shown.trim()) return;
    const v = withUnit(text, unit);
    onCommit(typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
  };
  return (
    <input
      className={`qty${invalid ? ' invalid' : ''}`} data-testid={testId} style={{ width }} value={text} list={list} placeholder={placeholder ?? (unit ? `e.g. 30 ${unit}` : '')}
      title={unit ? `A number in ${unit}, or a quantity with its unit` : undefined}
      onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); if (e.key === 'Escape') setText(shown); }}
    />
  );
}

export function Issues({ issues }: { issues: readonly PlacedIssue[] }) {
  if (!issues.length) return null;
  return (
    <ul className="issues" data-testid="issues">
      {issues.map((i, k) => <li key={k}><b>{i.where}</b>: {i.message}</li>)}
    </ul>
  );
}

export function Section({ title, count, issues, children, open = true, testId }: {
  title: string; count?: number | string; issues: readonly PlacedIssue[]; children: ReactNode; open?: boolean; testId?: string;
}) {
  return (
    <details className={`section${issues.length ? ' has-issues' : ''}`} open={open || issues.length > 0} data-testid={testId}>
      <summary>
        {title}
        {count !== undefined && <span className="count">{count}</span>}
        {issues.length > 0 && <span className="issue-count">{issues.length} problem{issues.length > 1 ? 's' : ''}</span>}
      </summary>
      {children}
    </details>
  );
}

export const fieldHas = (issues: readonly PlacedIssue[], field: string) => issues.some((i) => i.field === field || i.field?.startsWith(field + '.'));

/**
 * A select whose options are built only when someone reaches for it (pointer or focus). The 1,024-rack
 * hall's power section has 262 source selects of 148 sources each: 40,000 option elements, a 1.5 s task
 * when the model was picked. Until then it holds the current value (and the empty choice) only.
 */
export function LazySelect({ value, options, label, onChange, empty, title }: {
  value: string; options: readonly string[]; label?: (id: string) => string; onChange: (v: string) => void; empty?: string; title?: string;
}) {
  const [open, setOpen] = useState(false);
  const shown = open ? options : value ? [value] : [];
  return (
    <select value={value} title={title} onPointerDown={() => setOpen(true)} onFocus={() => setOpen(true)} onChange={(e) => onChange(e.target.value)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {open && value && !options.includes(value) && <option value={value}>{value}</option>}
      {shown.map((id) => <option key={id} value={id}>{label ? label(id) : id}</option>)}
    </select>
  );
}
