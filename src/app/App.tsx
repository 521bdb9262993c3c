/**
 * The desktop-tool layout: top bar; scenario editor · 3D hall · inspector; timeline, charts and alarms.
 * Dropping a scenario file anywhere opens it.
 */
import { useEffect, useState } from 'react';
import { TopBar } from '../panels/TopBar';
import { ScenarioEditor } from '../panels/ScenarioEditor';
import { Inspector } from '../panels/Inspector';
import { ResultsPanel } from '../panels/ResultsPanel';
import { Timeline } from '../panels/Timeline';
import { Charts } from '../panels/Charts';
import { AlarmList } from '../panels/AlarmList';
import { TwinView } from '../twin/TwinView';
import { app, boot, openFile, select } from '../state/session';
import { stats } from '../twin/stats';
import { watchOtherTabs } from '../state/otherTabs';
import { fitHall, focusOn } from '../twin/cameraCommands';
import { stepFrames } from '../state/cursor';
import { Shortcuts } from './Shortcuts';
import { HeadroomView } from '../panels/HeadroomView';
import { SweepView } from '../panels/SweepView';
import { TcoView } from '../panels/TcoView';
import { AnnualView } from '../panels/AnnualView';
import { ViewTabs } from '../panels/ViewTabs';
import { useStore } from '../state/store';
import { views, type SideView } from '../state/views';
import { DrillPanel } from '../panels/DrillPanel';
import { DrillsIndex } from '../panels/DrillsIndex';

const SIDE_TABS: readonly (readonly [SideView, string])[] = [['run', 'Run'], ['headroom', 'Headroom'], ['drills', 'Drills']];
const DRILL_TABS: readonly (readonly [SideView, string])[] = [['drill', 'Drill'], ...SIDE_TABS];

export function App() {
  const [dragging, setDragging] = useState(false);
  const side = useStore(views, (v) => v.side);
  const bottom = useStore(views, (v) => v.bottom);
  const isDrill = useStore(app, (s) => s.drill !== null);

  useEffect(() => {
    void boot();
    const unwatch = watchOtherTabs();
    stats.simState = app.get().sim;
    const unsubscribe = app.subscribe(() => { stats.simState = app.get().sim; });
    return () => { unwatch(); unsubscribe(); };
  }, []);

  const [shortcuts, setShortcuts] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || el.closest('input, select, textarea')) return;
      if (e.key === '?') setShortcuts((v) => !v);
      else if (e.key === 'Escape') { setShortcuts(false); select(null); }
      else if (e.key === 'f') fitHall();
      else if (e.key === 'z' && app.get().selection) focusOn(app.get().selection!);
      else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') { e.preventDefault(); stepFrames((e.key === 'ArrowRight' ? 1 : -1) * (e.shiftKey ? 10 : 1)); }
      // Space presses a focused button (Run, Cancel…) as everywhere else; elsewhere it plays or pauses.
      else if (e.key === ' ' && !el.closest('button, summary, a')) { e.preventDefault(); document.querySelector<HTMLButtonElement>('[data-testid=play-button]')?.click(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div
      className="app"
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const f = e.dataTransfer.files[0];
        if (f) void openFile(f);
      }}
    >
      <TopBar />
      <ScenarioEditor />
      <main className="center"><TwinView /></main>
      <div className="side">
        <ViewTabs label="Side panel" tabs={isDrill ? DRILL_TABS : SIDE_TABS} value={side} onChange={(v) => views.set({ side: v })} />
        {side === 'run' ? <><ResultsPanel /><Inspector /></> : side === 'drill' ? <DrillPanel /> : side === 'drills' ? <DrillsIndex /> : <HeadroomView />}
      </div>
      <footer className="bottom">
        <Timeline />
        {bottom === 'charts' ? <><Charts /><AlarmList /></> : bottom === 'sweep' ? <SweepView /> : bottom === 'tco' ? <TcoView /> : <AnnualView />}
      </footer>
      {shortcuts && <Shortcuts onClose={() => setShortcuts(false)} />}
      {dragging && <div className="drop-overlay">Drop a scenario file (YAML or JSON) to open it</div>}
    </div>
  );
}
