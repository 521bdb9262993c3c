/**
 * Time-series charts (uPlot) of series the user picks, with the time cursor drawn on them; clicking a
 * chart moves the cursor. Data refresh when frames arrive (at most 4 times a second, one chart per task);
 * the cursor is a DOM line over the plot, so moving it never redraws a chart.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { cursor, showInstant } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { CHARTS, chartSpec, type ChartId, type ChartSpec } from './chartSeries';
import { clock } from '../format';
import { withCpuCanvases } from './cpuCanvas';
import { StaleBadge, useStale } from './StaleBadge';

const AXIS = { stroke: '#9aa4ae', grid: { stroke: '#2a3038', width: 1 }, ticks: { stroke: '#2a3038', width: 1 }, font: '11px system-ui, sans-serif' };
const TIME_STEPS = [60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];
/** Series are rebuilt at most this often while frames stream in. */
const REFRESH_MS = 250;

/**
 * Chart work (creating a plot, new data) runs one chart per task, each job in its own setTimeout: three
 * charts redrawn back to back in one task was one of the page's long tasks. A chart queued again before
 * its turn keeps its place and runs once, with its latest data.
 */
const jobs = new Map<object, () => void>();
let pumping = false;
function runNextJob(): void {
  pumping = false;
  const next = jobs.entries().next();
  if (next.done) return;
  const [key, job] = next.value;
  jobs.delete(key);
  schedulePump();
  job();
}
function schedulePump(): void {
  if (pumping || jobs.size === 0) return;
  pumping = true;
  setTimeout(runNextJob, 0);
}
function queueJob(key: object, job: () => void): void {
  jobs.set(key, job);
  schedulePump();
}

/** The time cursor as a 2 px line over the plot area, moved with a transform (no canvas redraw). */
function cursorLine(over: HTMLElement): { place(u: uPlot): void; dispose(): void } {
  const line = document.createElement('div');
  line.className = 'chart-cursor';
  over.appendChild(line);
  let plotted: uPlot | null = null;
  let raf = 0;
  const place = (u: uPlot) => {
    plotted = u;
    const x = u.valToPos(cursor.get(), 'x');
    const shown = Number.isFinite(x) && x >= 0 && x <= u.bbox.width / devicePixelRatio;
    line.style.display = shown ? '' : 'none';
    // Whole device pixels, so the line is equally crisp wherever it lands.
    if (shown) line.style.transform = `translateX(${Math.round(x * devicePixelRatio - devicePixelRatio) / devicePixelRatio}px)`;
  };
  const off = cursor.subscribe(() => {
    if (!raf) raf = requestAnimationFrame(() => { raf = 0; if (plotted) place(plotted); });
  });
  return { place, dispose: () => { off(); if (raf) cancelAnimationFrame(raf); line.remove(); } };
}

const plotData = (spec: ChartSpec) => [frames.t.subarray(0, frames.count), ...spec.series.map((s) => s.values)] as unknown as uPlot.AlignedData;
/** The plot's size for a host of `width` × `height` CSS px (the legend takes 26 px). */
const plotSize = (width: number, height: number) => ({ width: Math.max(200, Math.round(width)), height: Math.max(80, Math.round(height) - 26) });

function Chart({ spec, durationS }: { spec: ChartSpec; durationS: number }) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(spec);
  latest.current = spec;
  /** Queues bringing the plot up to date with `latest` (set by the effect that owns the plot). */
  const requestSync = useRef<() => void>(() => {});
  const shape = `${spec.id}|${spec.series.map((s) => s.label).join(',')}|${spec.unit2 ?? ''}`;

  useEffect(() => {
    const el = host.current!;
    const key = {};
    let u: uPlot | null = null;
    let line: ReturnType<typeof cursorLine> | null = null;
    let drawn: ChartSpec | null = null;
    // The host's size comes from a ResizeObserver (read after layout, for free): asking the element
    // would force a layout of the page in the middle of a task.
    let box: { width: number; height: number } | null = null;
    let size = { width: 0, height: 0 };
    const create = () => {
      const s = latest.current;
      size = plotSize(box!.width, box!.height);
      const opts: uPlot.Options = {
        ...size,
        scales: { x: { time: false, range: [0, durationS] } },
        axes: [
          { ...AXIS, incrs: TIME_STEPS, values: (_u, ticks) => ticks.map((t) => clock(t).replace(/:00$/, '')), size: 28 },
          { ...AXIS, label: s.unit, labelSize: 14, size: 46 },
          ...(s.unit2 ? [{ ...AXIS, scale: 'y2', side: 1, label: s.unit2, labelSize: 14, size: 46, grid: { show: false } }] : []),
        ],
        series: [{ label: 'time', value: (_u, v) => (v == null ? '—' : clock(v)) }, ...s.series.map((x) => ({
          label: x.label, stroke: x.color, width: 1.5, scale: x.scale ?? 'y', ...(x.dash ? { dash: x.dash } : {}),
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : v.toFixed(2)),
        }))],
        legend: { show: true, live: true },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        hooks: { draw: [(p) => line?.place(p)] },
      };
      drawn = s;
      // Built now, attached and first drawn on the next turn (uPlot's deferred init): each half is a task.
      u = withCpuCanvases(() => new uPlot(opts, plotData(s), (_self, init) => { pendingInit = init as () => void; }));
    };
    let pendingInit: (() => void) | null = null;
    const attach = (plotted: uPlot, init: () => void) => {
      el.appendChild(plotted.root);
      init();
      line = cursorLine(plotted.over);
      line.place(plotted);
      plotted.over.addEventListener('click', (e) => {
        const t = plotted.posToVal(e.offsetX, 'x');
        showInstant(Math.max(0, Math.min(t, frames.end)));
      });
    };
    // On its turn: builds the plot, or attaches and draws it, or gives it its new size and the latest series.
    const sync = () => {
      if (!box) return;
      if (!u) { create(); queueJob(key, sync); return; }
      const next = plotSize(box.width, box.height);
      const resized = next.width !== size.width || next.height !== size.height;
      if (pendingInit) {
        const init = pendingInit;
        pendingInit = null;
        attach(u, init);
        if (resized || drawn !== latest.current) queueJob(key, sync); // changed while it was being built
        return;
      }
      if (resized) { size = next; u.setSize(size); }
      if (drawn === latest.current) return;
      drawn = latest.current;
      u.setData(plotData(drawn), false);
      u.redraw(true, true);
    };
    requestSync.current = () => queueJob(key, sync);
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]!.contentRect;
      box = { width: r.width, height: r.height };
      queueJob(key, sync);
    });
    ro.observe(el);
    return () => {
      jobs.delete(key);
      requestSync.current = () => {};
      ro.disconnect();
      line?.dispose();
      u?.destroy();
    };
  }, [shape, durationS]);

  useEffect(() => requestSync.current(), [spec]);

  return (
    <div className="chart">
      <div className="chart-title">{spec.title}</div>
      <div className="chart-host" ref={host} />
    </div>
  );
}

export function Charts() {
  const layout = useStore(app, (s) => s.layout);
  const version = useStore(app, (s) => s.framesVersion);
  const selection = useStore(app, (s) => s.selection);
  const durationS = useStore(app, (s) => s.durationS);
  const stale = useStale();
  const chosen = useStore(app, (s) => s.charts);
  const setChosen = (charts: ChartId[]) => app.set({ charts });
  // Recompute the series when frames arrive, at most 4 times a second during a run.
  const [specs, setSpecs] = useState<ChartSpec[]>([]);
  const last = useRef(0);
  useEffect(() => {
    if (!layout) return;
    const build = () => {
      last.current = performance.now();
      const ok = frames.count > 0 && frames.shape.racks === layout.racks.length;
      setSpecs(ok ? chosen.map((id) => chartSpec(id, frames, layout, selection)).filter((s): s is ChartSpec => s !== null) : []);
    };
    const wait = REFRESH_MS - (performance.now() - last.current);
    if (wait <= 0) { build(); return; }
    const id = setTimeout(build, wait);
    return () => clearTimeout(id);
  }, [layout, version, chosen, selection]);

  return (
    <section className={`charts${stale ? ' stale' : ''}`} data-testid="charts" data-stale={stale}>
      <div className="panel-head">
        <b>Charts</b>
        <StaleBadge where="charts" />
        {CHARTS.map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} /> {c.title}
          </label>
        ))}
      </div>
      <div className="chart-row">
        {specs.length === 0 ? <div className="muted pad">{frames.count ? 'Pick a series above (the rack chart needs a selected rack).' : 'Charts appear as the run streams in.'}</div>
          : specs.map((s) => <Chart key={s.id} spec={s} durationS={durationS} />)}
      </div>
    </section>
  );
}
