/**
 * Time-series charts (uPlot) of series the user picks, with the time cursor drawn on them; clicking a
 * chart moves the cursor. Data refresh when frames arrive (at most 4 times a second, one chart per task);
 * the cursor is a DOM line over the plot, so moving it never redraws a chart. A pinned baseline's series
 * (state/baseline.ts) are drawn beside the run's, dashed and faded, on the same time axis (uPlot.join
 * aligns the two runs' frame times; a line spans the other run's points).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { cursor, showInstant } from '../state/cursor';
import { chartWindow, windowData } from './chartWindow';
import { ChartLegend } from './ChartLegend';
import { checkpointMarks, drillMarks, eventMarks, type EventMark } from '../scenario/events';
import { frames } from '../state/frameBuffer';
import { CHARTS, chartSpec, hasBatteries, type ChartId, type ChartSpec } from './chartSeries';
import { clock } from '../format';
import { withCpuCanvases } from './cpuCanvas';
import { StaleBadge, useStale } from './StaleBadge';
import { baseline } from '../state/baseline';
import { views } from '../state/views';
import { ViewTabs } from './ViewTabs';
import { BOTTOM_TABS } from './bottomTabs';
import { runCaseMarks } from './runCase';
import type { FrameBuffer } from '../state/frameBuffer';

/** The baseline's version of a chart: its series and the frames they index. */
export interface BaselineSeries { spec: ChartSpec; fb: FrameBuffer }

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
    if (shown) line.style.transform = `translateX(${Math.round(x * devicePixelRatio) / devicePixelRatio}px)`;
  };
  const off = cursor.subscribe(() => {
    if (!raf) raf = requestAnimationFrame(() => { raf = 0; if (plotted) place(plotted); });
  });
  return { place, dispose: () => { off(); if (raf) cancelAnimationFrame(raf); line.remove(); } };
}

/** The plot's size for a host of `width` × `height` CSS px (the legend is ours, above the host). */
const plotSize = (width: number, height: number) => ({ width: Math.max(160, Math.round(width)), height: Math.max(60, Math.round(height)) });
/** The plot area's width in CSS px. */
const plotColumns = (u: uPlot) => Math.max(50, Math.round(u.bbox.width / devicePixelRatio));

/** Scenario events as dashed lines with their names (when there is room), checkpoints as ticks, over the plot. */
function drawMarks(u: uPlot, marks: readonly EventMark[]): void {
  if (!marks.length) return;
  const g = u.ctx, dpr = devicePixelRatio, { left, top, width, height } = u.bbox;
  g.save();
  g.beginPath();
  g.rect(left, top, width, height);
  g.clip();
  g.lineWidth = dpr;
  g.setLineDash([3 * dpr, 3 * dpr]);
  g.strokeStyle = 'rgba(240, 228, 66, 0.6)';
  g.font = `${10 * dpr}px system-ui, sans-serif`;
  g.textAlign = 'left'; // uPlot leaves its axes' alignment on the context
  g.textBaseline = 'top';
  let free = -Infinity; // labels must not overlap: the next one starts right of this
  let ckptFree = -Infinity;
  for (const m of marks) {
    const x = Math.round(u.valToPos(m.t, 'x', true)) + 0.5;
    if (x < left || x > left + width) continue;
    if (m.checkpoint) {
      // Checkpoints: short solid ticks along the bottom (the power dips they cause sit just above them),
      // labelled where there is room.
      g.save();
      g.setLineDash([]);
      g.strokeStyle = 'rgba(204, 121, 167, 0.9)';
      g.beginPath();
      g.moveTo(x, top + height - 8 * dpr);
      g.lineTo(x, top + height);
      g.stroke();
      const label = 'ckpt';
      const w = g.measureText(label).width + 4 * dpr;
      if (x + 2 * dpr >= ckptFree && x + w <= left + width) {
        g.fillStyle = '#cc79a7';
        g.fillText(label, x + 2 * dpr, top + height - 20 * dpr);
        ckptFree = x + w + 4 * dpr;
      }
      g.restore();
      continue;
    }
    g.beginPath();
    g.moveTo(x, top);
    g.lineTo(x, top + height);
    g.stroke();
    const w = g.measureText(m.label).width + 4 * dpr;
    if (x + 2 * dpr < free || x + w > left + width) continue;
    g.fillStyle = 'rgba(21, 24, 28, 0.85)';
    g.fillRect(x + dpr, top + dpr, w, 12 * dpr);
    g.fillStyle = '#f0e442';
    g.fillText(m.label, x + 3 * dpr, top + 2 * dpr);
    free = x + w + 4 * dpr;
  }
  g.restore();
}

/** Per series its upper and lower line (uPlot series order), x first. */
function tableOf(fb: FrameBuffer, s: ChartSpec, from: number, to: number, columns: number): uPlot.AlignedData {
  const w = windowData(fb.t, fb.count, s.series.map((x) => x.values), from, to, columns);
  return [w.x, ...w.hi.flatMap((h, k) => [h, w.lo[k]!])] as unknown as uPlot.AlignedData;
}

function Chart({ spec, base, durationS, marks }: { spec: ChartSpec; base: BaselineSeries | undefined; durationS: number; marks: readonly EventMark[] }) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef(spec);
  latest.current = spec;
  const latestBase = useRef(base);
  latestBase.current = base;
  const latestMarks = useRef(marks);
  latestMarks.current = marks;
  /** Queues bringing the plot up to date with `latest` (set by the effect that owns the plot). */
  const requestSync = useRef<() => void>(() => {});
  const shape = `${spec.id}|${spec.series.map((s) => s.label).join(',')}|${spec.unit2 ?? ''}|${base ? base.spec.series.map((s) => s.label).join(',') : ''}`;

  useEffect(() => {
    const el = host.current!;
    const key = {};
    let u: uPlot | null = null;
    let line: ReturnType<typeof cursorLine> | null = null;
    let drawn: { spec: ChartSpec; base: BaselineSeries | undefined; from: number; to: number; columns: number } | null = null;
    // The host's size comes from a ResizeObserver (read after layout, for free): asking the element
    // would force a layout of the page in the middle of a task.
    let box: { width: number; height: number } | null = null;
    let size = { width: 0, height: 0 };
    const shown = () => chartWindow.get() ?? [0, durationS] as const;
    const dataFor = (s: ChartSpec, b: BaselineSeries | undefined, columns: number) => {
      const [from, to] = shown();
      // uPlot series: per chart series its upper then its lower line (the same array when not an envelope).
      const run = tableOf(frames, s, from, to, columns);
      return b ? uPlot.join([run, tableOf(b.fb, b.spec, from, to, columns)]) : run;
    };
    const create = () => {
      const s = latest.current, b = latestBase.current;
      size = plotSize(box!.width, box!.height);
      const twoAxes = !!s.unit2;
      const opts: uPlot.Options = {
        ...size,
        // The window is the shared zoom (chartWindow), whatever uPlot asks for.
        scales: { x: { time: false, auto: false, range: () => { const [a, b] = shown(); return [a, b]; } } },
        axes: [
          { ...AXIS, incrs: TIME_STEPS, values: (_u, ticks) => ticks.map((t) => clock(t).replace(/:00$/, '')), size: 28 },
          // With two axes, each takes its series' colour so power and temperature cannot be confused.
          { ...AXIS, label: s.unit, labelSize: 14, size: 46, ...(twoAxes ? { stroke: s.series[0]!.color } : {}) },
          ...(twoAxes ? [{ ...AXIS, scale: 'y2', side: 1, label: s.unit2, labelSize: 14, size: 46, grid: { show: false }, stroke: s.series.find((x) => x.scale === 'y2')?.color ?? AXIS.stroke }] : []),
        ],
        // Each series is an upper and a lower line with a band between: one line when every frame is
        // drawn (both lines are the same), the min/max envelope of fast swings when zoomed out.
        series: [{ label: 'time' }, ...s.series.flatMap((x) => [
          { label: x.label, stroke: x.color, width: 1.5, scale: x.scale ?? 'y', ...(x.dash ? { dash: x.dash } : {}) },
          { label: `${x.label} (low)`, stroke: `${x.color}88`, width: 1, scale: x.scale ?? 'y', ...(x.dash ? { dash: x.dash } : {}) },
        ]), ...(b?.spec.series ?? []).flatMap((x) => [
          // The baseline: the same colours, faded and dashed (a dotted line for a series already dashed).
          { label: `${x.label} (baseline)`, stroke: `${x.color}99`, width: 1.25, scale: x.scale ?? 'y', dash: x.dash ? [1, 3] : [5, 4] },
          { label: `${x.label} (baseline, low)`, stroke: `${x.color}55`, width: 1, scale: x.scale ?? 'y', dash: x.dash ? [1, 3] : [5, 4] },
        ])],
        bands: [
          ...s.series.map((x, k) => ({ series: [1 + 2 * k, 2 + 2 * k] as [number, number], fill: `${x.color}38` })),
          ...(b?.spec.series ?? []).map((x, k) => ({ series: [1 + 2 * (s.series.length + k), 2 + 2 * (s.series.length + k)] as [number, number], fill: `${x.color}18` })),
        ],
        legend: { show: false },
        cursor: { drag: { x: true, y: false, setScale: false }, points: { show: false } },
        hooks: {
          draw: [(p) => { drawMarks(p, latestMarks.current); line?.place(p); }],
          // A drag selects a time window: every chart zooms to it.
          setSelect: [(p) => {
            if (p.select.width > 4) chartWindow.set([p.posToVal(p.select.left, 'x'), p.posToVal(p.select.left + p.select.width, 'x')]);
            p.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          }],
        },
      };
      const columns = Math.max(50, size.width - 92);
      const [from, to] = shown();
      drawn = { spec: s, base: b, from, to, columns };
      // Built now, attached and first drawn on the next turn (uPlot's deferred init): each half is a task.
      u = withCpuCanvases(() => new uPlot(opts, dataFor(s, b, columns), (_self, init) => { pendingInit = init as () => void; }));
    };
    let pendingInit: (() => void) | null = null;
    const attach = (plotted: uPlot, init: () => void) => {
      el.appendChild(plotted.root);
      init();
      line = cursorLine(plotted.over);
      line.place(plotted);
      let downX = 0;
      plotted.over.addEventListener('mousedown', (e) => { downX = e.offsetX; });
      plotted.over.addEventListener('click', (e) => {
        if (Math.abs(e.offsetX - downX) > 4) return; // the end of a zoom drag
        showInstant(Math.max(0, Math.min(plotted.posToVal(e.offsetX, 'x'), frames.end)));
      });
      plotted.over.addEventListener('dblclick', () => chartWindow.set(null));
    };
    // On its turn: builds the plot, or attaches and draws it, or gives it its new size, window and data.
    const sync = () => {
      if (!box) return;
      if (!u) { create(); queueJob(key, sync); return; }
      const next = plotSize(box.width, box.height);
      const resized = next.width !== size.width || next.height !== size.height;
      if (pendingInit) {
        const init = pendingInit;
        pendingInit = null;
        attach(u, init);
        queueJob(key, sync); // brought up to date (size, window, data) on its next turn
        return;
      }
      if (resized) { size = next; u.setSize(size); }
      const columns = plotColumns(u);
      const [from, to] = shown();
      if (drawn && drawn.spec === latest.current && drawn.base === latestBase.current && drawn.from === from && drawn.to === to && drawn.columns === columns) return;
      drawn = { spec: latest.current, base: latestBase.current, from, to, columns };
      u.setData(dataFor(drawn.spec, drawn.base, columns));
      u.setScale('x', { min: from, max: to });
    };
    requestSync.current = () => queueJob(key, sync);
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]!.contentRect;
      box = { width: r.width, height: r.height };
      queueJob(key, sync);
    });
    ro.observe(el);
    const offWindow = chartWindow.subscribe(() => queueJob(key, sync));
    return () => {
      jobs.delete(key);
      requestSync.current = () => {};
      offWindow();
      ro.disconnect();
      line?.dispose();
      u?.destroy();
    };
  }, [shape, durationS]);

  useEffect(() => requestSync.current(), [spec, base, marks]);

  return (
    <div className="chart">
      <div className="chart-title">{spec.title}</div>
      <ChartLegend spec={spec} base={base} />
      <div className="chart-host" ref={host} title="Click: show that instant · drag: zoom every chart · double-click: the whole run" />
    </div>
  );
}

export function Charts() {
  const layout = useStore(app, (s) => s.layout);
  const version = useStore(app, (s) => s.framesVersion);
  const selection = useStore(app, (s) => s.selection);
  const durationS = useStore(app, (s) => s.durationS);
  const raw = useStore(app, (s) => s.raw);
  const report = useStore(app, (s) => s.report);
  const runCase = useStore(app, (s) => s.runCase);
  const drill = useStore(app, (s) => s.drill);
  const drillAnswers = useStore(app, (s) => s.drillAnswers);
  // A sweep case leaves the file's events out: its marks are the failure and repair it injected. A drill
  // played with answers adds the trainee's actions.
  const marks = useMemo(() => [
    ...(runCase ? runCaseMarks(runCase) : eventMarks(raw)),
    ...(drill && drillAnswers ? drillMarks(drill, drillAnswers) : []),
    ...checkpointMarks(report?.jobs),
  ].sort((a, b) => a.t - b.t), [raw, report, runCase, drill, drillAnswers]);
  // A zoom of another scenario's time axis means nothing here.
  useEffect(() => chartWindow.set(null), [durationS]);
  const stale = useStale();
  const chosen = useStore(app, (s) => s.charts);
  const setChosen = (charts: ChartId[]) => app.set({ charts });
  // Recompute the series when frames arrive, at most 4 times a second during a run.
  const [specs, setSpecs] = useState<ChartSpec[]>([]);
  // The baseline's charts: built once per pin (its frames do not change), per chart chosen.
  const pinned = useStore(baseline, (s) => s.pinned);
  const baseSpecs = useMemo(() => {
    const out = new Map<ChartId, BaselineSeries>();
    if (!pinned) return out;
    for (const id of chosen) {
      const spec = chartSpec(id, pinned.frames, pinned.layout, selection);
      if (spec) out.set(id, { spec, fb: pinned.frames });
    }
    return out;
  }, [pinned, chosen, selection]);
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
        <ViewTabs label="Bottom panel" tabs={BOTTOM_TABS} value="charts" onChange={(v) => views.set({ bottom: v })} />
        <StaleBadge where="charts" />
        {CHARTS.filter((c) => c.id !== 'battery' || (layout && hasBatteries(layout))).map((c) => (
          <label key={c.id}>
            <input type="checkbox" checked={chosen.includes(c.id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))} /> {c.title}
          </label>
        ))}
      </div>
      <div className="chart-row">
        {specs.length === 0 ? <div className="muted pad">{frames.count ? 'Pick a series above (the rack chart needs a selected rack).' : 'Charts appear as the run streams in.'}</div>
          : specs.map((s) => <Chart key={s.id} spec={s} base={baseSpecs.get(s.id)} durationS={durationS} marks={marks} />)}
      </div>
    </section>
  );
}
