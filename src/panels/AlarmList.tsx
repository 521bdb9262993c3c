/**
 * The alarm log of the run, grouped (see alarmGroups.ts) and virtualised (a 10,000-rack hall can raise
 * tens of thousands). Clicking an alarm moves the time cursor to it, selects its component and flies the
 * camera there; clicking a group does the same for its first member and opens the group.
 */
import { useMemo, useRef, useState, useEffect } from 'react';
import { useStore } from '../state/store';
import { app, select } from '../state/session';
import { showInstant } from '../state/cursor';
import { fitHall, focusOn } from '../twin/cameraCommands';
import { clock } from '../format';
import type { Report } from '../worker/protocol';
import { StaleBadge, useStale } from './StaleBadge';
import { alarmLines, componentRange, groupAlarms } from './alarmGroups';

type Severity = Report['alarms'][number]['severity'];
const SEVERITIES: Severity[] = ['critical', 'major', 'warning', 'info'];
const ROW = 22;

export function AlarmList() {
  const report = useStore(app, (s) => s.report);
  const sim = useStore(app, (s) => s.sim);
  const stale = useStale();
  const [shown, setShown] = useState<Record<Severity, boolean>>({ critical: true, major: true, warning: true, info: true });
  const [scroll, setScroll] = useState(0);
  const [height, setHeight] = useState(200);
  const [active, setActive] = useState(-1);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // A new run (or none): folds every group and forgets the active line.
  useEffect(() => { setExpanded(new Set()); setActive(-1); }, [report]);
  const all = report?.alarms ?? [];
  const groups = useMemo(() => groupAlarms(all.filter((a) => shown[a.severity])), [all, shown]);
  const lines = useMemo(() => alarmLines(groups, expanded), [groups, expanded]);
  const toggle = (id: string, open?: boolean) => {
    const next = new Set(expanded);
    if (open ?? !next.has(id)) next.add(id); else next.delete(id);
    setExpanded(next);
  };
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { critical: 0, major: 0, warning: 0, info: 0 };
    for (const a of all) c[a.severity]++;
    return c;
  }, [all]);
  const first = Math.max(0, Math.floor(scroll / ROW) - 5);
  const last = Math.min(lines.length, Math.ceil((scroll + height) / ROW) + 5);

  const open = (i: number) => {
    const line = lines[i];
    if (!line) return;
    setActive(i);
    const a = line.type === 'group' ? line.group.members[0]! : line.alarm;
    if (line.type === 'group' && !line.expanded) toggle(line.group.id, true);
    showInstant(a.t_s, 'from');
    const layout = app.get().layout;
    if (!layout) return;
    if (a.component === layout.hallId || a.component === 'plant') {
      select(null);
      fitHall();
    } else {
      select(a.component);
      focusOn(a.component);
    }
  };

  return (
    <section className={`alarms${stale ? ' stale' : ''}`} data-testid="alarm-list" data-stale={stale}>
      <div className="panel-head">
        <b>Alarms</b>
        <StaleBadge where="alarms" />
        {SEVERITIES.map((s) => (
          <label key={s} className={`sev-toggle sev-${s}`}>
            <input type="checkbox" checked={shown[s]} onChange={(e) => setShown({ ...shown, [s]: e.target.checked })} /> {s} {counts[s]}
          </label>
        ))}
      </div>
      <div
        className="alarm-scroll" ref={box} tabIndex={0} onScroll={(e) => setScroll(e.currentTarget.scrollTop)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') open(Math.min(active + 1, lines.length - 1));
          else if (e.key === 'ArrowUp') open(Math.max(active - 1, 0));
          else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && lines[active]?.type === 'group') toggle(lines[active]!.group.id, e.key === 'ArrowRight');
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      >
        {lines.length === 0 ? (
          <div className="muted pad">{report ? 'No alarms of the selected severities.' : sim === 'running' ? 'Running… alarms appear when the run completes.' : 'Run the scenario to see its alarms.'}</div>
        ) : (
          <div style={{ height: lines.length * ROW, position: 'relative' }}>
            {lines.slice(first, last).map((line, k) => {
              const i = first + k;
              const cls = `${i === active ? ' active' : ''}`;
              if (line.type === 'group') {
                const g = line.group, a = g.members[0]!;
                return (
                  <div key={`g${g.id}`} className={`alarm group sev-${a.severity}${cls}`} style={{ top: i * ROW }} onClick={() => open(i)}
                    data-testid="alarm-row" data-count={g.members.length} title={`${g.members.length} alarms: ${componentRange(g)} · ${g.common}`}>
                    <button className="icon caret" aria-expanded={line.expanded} title={line.expanded ? 'Fold the group' : 'List every alarm of the group'}
                      onClick={(e) => { e.stopPropagation(); toggle(g.id); }}>{line.expanded ? '▾' : '▸'}</button>
                    <span className="mono">{clock(a.t_s)}</span>
                    <span className={`sev sev-${a.severity}`}>{a.severity}</span>
                    <span className="group-count">{g.members.length}×</span>
                    <span className="comp">{componentRange(g)}</span>
                    <span className="msg">{g.common}</span>
                  </div>
                );
              }
              const a = line.alarm;
              return (
                <div key={i} className={`alarm sev-${a.severity}${line.member ? ' member' : ''}${cls}`} style={{ top: i * ROW }} onClick={() => open(i)} data-testid="alarm-row" data-count={1} title={a.message}>
                  <span className="caret-space" />
                  <span className="mono">{clock(a.t_s)}</span>
                  <span className={`sev sev-${a.severity}`}>{a.severity}</span>
                  <span className="comp">{a.component}</span>
                  <span className="msg">{a.message}</span>
                </div>
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
