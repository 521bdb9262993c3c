/**
 * "Which single failure hurts most?" The N-1 sweep of the open scenario (every failable infrastructure
 * unit failed in turn, each a transient run of the whole model) in an analysis worker, with a case count
 * and Cancel; the cases as a table sorted by severity, re-sorted by clicking a header. Clicking a case (or
 * Enter on it) runs that case on the timeline like any run: the 3D hall, charts and alarms show it.
 */
import type { KeyboardEvent } from 'react';
import { useEffect, useState } from 'react';
import { useStore } from '../state/store';
import { app, runSweepCase } from '../state/session';
import { sweepStore, startSweep, cancelSweep, sortBy } from '../state/sweep';
import { views } from '../state/views';
import { sweepColumns, sortedCases, cellValue, formatCell } from './sweepColumns';
import { ViewTabs } from './ViewTabs';
import { BOTTOM_TABS } from './bottomTabs';
import { clock, num } from '../format';
import { fmtDuration } from '../state/session';

export function SweepView() {
  const s = useStore(sweepStore, (x) => x);
  const raw = useStore(app, (x) => x.raw);
  const sim = useStore(app, (x) => x.sim);
  const runCase = useStore(app, (x) => x.runCase);
  const issues = useStore(app, (x) => x.issues.length);
  const r = s.result;
  const running = s.status === 'running';
  const [, tick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [running]);

  const columns = r ? sweepColumns(r.cases) : [];
  const rows = r ? sortedCases(r.cases, s.sort) : [];
  const stale = !!r && s.forRaw !== raw;
  const pct = s.progress ? Math.round((100 * s.progress.done) / Math.max(1, s.progress.total)) : 0;
  const open = (c: (typeof rows)[number]['c']) => { if (r && sim !== 'running') void runSweepCase(c, r.at_s, r.repair_s); };
  const onKey = (e: KeyboardEvent, c: (typeof rows)[number]['c']) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(c); } };

  return (
    <section className="sweep" data-testid="sweep-view" data-status={s.status} data-cases={r?.cases.length ?? 0}>
      <div className="panel-head">
        <ViewTabs label="Bottom panel" tabs={BOTTOM_TABS} value="sweep" onChange={(v) => views.set({ bottom: v })} />
        <label title="When each unit fails (empty: a tenth into the run)">fail at <input data-testid="sweep-at" value={s.at} placeholder="auto" size={6} onChange={(e) => sweepStore.set({ at: e.target.value })} /></label>
        <label title="Repair after (empty: the class's MTTR from reliability, else never)">repair after <input data-testid="sweep-repair" value={s.repair} placeholder="MTTR" size={6} onChange={(e) => sweepStore.set({ repair: e.target.value })} /></label>
        <button data-testid="sweep-run" className="primary" onClick={startSweep} disabled={running || !raw || issues > 0}
          title={issues ? 'Fix the scenario problems first' : 'Fail every infrastructure unit in turn, each a transient run of the whole model'}>
          {r ? 'Run sweep again' : 'Run N-1 sweep'}
        </button>
        <button data-testid="sweep-cancel" onClick={cancelSweep} disabled={!running}>Cancel</button>
        <div className="progress small-progress" data-testid="sweep-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-state={s.status}>
          <div className="progress-fill" style={{ width: `${running || s.status === 'done' ? (s.status === 'done' ? 100 : pct) : 0}%` }} />
          <span className="progress-text">
            {running ? (s.progress ? `${s.progress.done} / ${s.progress.total} runs · ${((performance.now() - s.startedAt) / 1000).toFixed(1)} s` : `starting · ${((performance.now() - s.startedAt) / 1000).toFixed(1)} s`)
              : s.status === 'done' && s.wallMs !== null ? `${r?.cases.length ?? 0} cases · ${r?.runs ?? '?'} runs · ${num(s.wallMs / 1000, 1)} s` : s.status}
          </span>
        </div>
        {r && <span className="muted small">failures at {clock(r.at_s)}, repaired {r.repair_s === null ? 'after the class MTTR (or never)' : `after ${fmtDuration(r.repair_s)}`}; healthy design{r.baseline.racks_tripped || r.baseline.racks_throttled ? ` (itself ${r.baseline.racks_throttled} throttled, ${r.baseline.racks_tripped} tripped)` : ''}</span>}
        {stale && <span className="stale-tag" data-testid="sweep-stale" title="The scenario was edited after this sweep: run it again to update it.">before your last edit</span>}
      </div>
      {s.errors.length > 0 && (
        <ul className="issues" data-testid="sweep-errors">{s.errors.map((e, i) => <li key={i}><b>{e.path}</b>: {e.message}</li>)}</ul>
      )}
      <div className="sweep-scroll">
        {!r ? (
          <div className="muted pad">{running ? 'Sweeping…' : 'Run the N-1 sweep to fail each pump, CDU, CRAH, chiller, free cooler and power element in turn. Click a case to watch it on the timeline.'}</div>
        ) : (
          <table className="sweep-table">
            <thead>
              <tr>
                {columns.map((col) => {
                  const dir = s.sort?.column === col.key ? s.sort.dir : 0;
                  return (
                    <th key={col.key} className={col.numeric ? 'num' : ''} aria-sort={dir === 1 ? 'ascending' : dir === -1 ? 'descending' : 'none'}>
                      <button className="link" data-testid={`sweep-sort-${col.key}`} title={`${col.title} — click to sort`} onClick={() => sortBy(col.key)}>
                        {col.label}{dir === 1 ? ' ▲' : dir === -1 ? ' ▼' : ''}
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {rows.map(({ c, rank }) => {
                const active = runCase?.failed === c.failed && runCase.at === r.at_s;
                return (
                  <tr key={c.failed} data-testid="sweep-row" data-failed={c.failed} tabIndex={0} className={`${active ? 'active' : ''}${c.racks_tripped ? ' tripped' : c.racks_throttled ? ' throttled' : ''}`}
                    title={sim === 'running' ? 'A run is in progress' : `Run this case: ${c.failed} fails at ${clock(r.at_s)}`} onClick={() => open(c)} onKeyDown={(e) => onKey(e, c)}>
                    {columns.map((col) => {
                      const v = col.key === 'rank' ? rank : cellValue(c, col.key);
                      const text = formatCell(col.key, v);
                      return <td key={col.key} className={col.numeric ? 'num' : ''} title={Array.isArray(v) ? v.join(', ') : undefined}>{text}</td>;
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
