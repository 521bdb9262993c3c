/**
 * The alarm log of the run, virtualised (a 10,000-rack hall can raise tens of thousands). Clicking an
 * alarm moves the time cursor to it, selects its component and flies the camera there.
 */
import { useMemo, useRef, useState, useEffect } from 'react';
import { useStore } from '../state/store';
import { app, select } from '../state/session';
import { showInstant } from '../state/cursor';
import { fitHall, focusOn } from '../twin/cameraCommands';
import { clock } from '../format';
import type { Report } from '../worker/protocol';
import { StaleBadge, useStale } from './StaleBadge';

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
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const all = report?.alarms ?? [];
  const alarms = useMemo(() => all.filter((a) => shown[a.severity]), [all, shown]);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { critical: 0, major: 0, warning: 0, info: 0 };
    for (const a of all) c[a.severity]++;
    return c;
  }, [all]);
  const first = Math.max(0, Math.floor(scroll / ROW) - 5);
  const last = Math.min(alarms.length, Math.ceil((scroll + height) / ROW) + 5);

  const open = (i: number) => {
    const a = alarms[i];
    if (!a) return;
    setActive(i);
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
        onKeyDown={(e) => { if (e.key === 'ArrowDown') open(Math.min(active + 1, alarms.length - 1)); if (e.key === 'ArrowUp') open(Math.max(active - 1, 0)); }}
      >
        {alarms.length === 0 ? (
          <div className="muted pad">{report ? 'No alarms of the selected severities.' : sim === 'running' ? 'Running… alarms appear when the run completes.' : 'Run the scenario to see its alarms.'}</div>
        ) : (
          <div style={{ height: alarms.length * ROW, position: 'relative' }}>
            {alarms.slice(first, last).map((a, k) => {
              const i = first + k;
              return (
                <div key={i} className={`alarm sev-${a.severity}${i === active ? ' active' : ''}`} style={{ top: i * ROW }} onClick={() => open(i)} data-testid="alarm-row" title={a.message}>
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
