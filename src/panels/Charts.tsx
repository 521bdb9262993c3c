/**
 * Time-series charts (uPlot) of series the user picks, with the time cursor drawn on them; clicking a
 * chart moves the cursor. Data refresh when frames arrive; the cursor line redraws at most 15 times a second.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { cursor, followLive } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { CHARTS, chartSpec, type ChartId, type ChartSpec } from './chartSeries';
import { clock } from '../format';
import { withCpuCanvases } from './cpuCanvas';

const AXIS = { stroke: '#9aa4ae', grid: { stroke: '#2a3038', width: 1 }, ticks: { stroke: '#2a3038', width: 1 }, font: '11px system-ui, sans-serif' };
const TIME_STEPS = [60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];

function cursorLine(): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const x = Math.round(u.valToPos(cursor.get(), 'x', true));
        if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
        const g = u.ctx;
        g.save();
        g.strokeStyle = '#ffffff';
        g.lineWidth = 1.5 * devicePixelRatio;
        g.beginPath();
        g.moveTo(x, u.bbox.top);
        g.lineTo(x, u.bbox.top + u.bbox.height);
        g.stroke();
        g.restore();
      },
    },
  };
}

function Chart({ spec, durationS }: { spec: ChartSpec; durationS: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = `${spec.id}|${spec.series.map((s) => s.label).join(',')}|${spec.unit2 ?? ''}`;

  useEffect(() => {
    const el = host.current!;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth), height: Math.max(80, el.clientHeight - 26),
      scales: { x: { time: false, range: [0, durationS] } },
      axes: [
        { ...AXIS, incrs: TIME_STEPS, values: (_u, ticks) => ticks.map((t) => clock(t).replace(/:00$/, '')), size: 28 },
        { ...AXIS, label: spec.unit, labelSize: 14, size: 46 },
        ...(spec.unit2 ? [{ ...AXIS, scale: 'y2', side: 1, label: spec.unit2, labelSize: 14, size: 46, grid: { show: false } }] : []),
      ],
      series: [{ label: 'time', value: (_u, v) => (v == null ? '—' : clock(v)) }, ...spec.series.map((s) => ({
        label: s.label, stroke: s.color, width: 1.5, scale: s.scale ?? 'y', value: (_u: uPlot, v: number | null) => (v == null ? '—' : v.toFixed(2)),
      }))],
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      plugins: [cursorLine()],
    };
    const u = withCpuCanvases(() => new uPlot(opts, [new Float64Array(0), ...spec.series.map(() => new Float32Array(0))] as unknown as uPlot.AlignedData, el));
    plot.current = u;
    u.over.addEventListener('click', (e) => {
      const t = u.posToVal(e.offsetX, 'x');
      followLive.set(false);
      cursor.set(Math.max(0, Math.min(t, frames.end)));
    });
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height: Math.max(80, el.clientHeight - 26) }));
    ro.observe(el);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = cursor.subscribe(() => {
      if (timer) return;
      timer = setTimeout(() => { timer = null; u.redraw(false, false); }, 66);
    });
    return () => { off(); ro.disconnect(); if (timer) clearTimeout(timer); u.destroy(); plot.current = null; };
  }, [shape, durationS]);

  useEffect(() => {
    plot.current?.setData([frames.t.subarray(0, frames.count), ...spec.series.map((s) => s.values)] as unknown as uPlot.AlignedData, false);
    plot.current?.redraw(true, true);
  }, [spec]);

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
  const [chosen, setChosen] = useState<ChartId[]>(['power', 'air', 'cduSupply']);
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
    const wait = 250 - (performance.now() - last.current);
    if (wait <= 0) { build(); return; }
    const id = setTimeout(build, wait);
    return () => clearTimeout(id);
  }, [layout, version, chosen, selection]);

  return (
    <section className="charts" data-testid="charts">
      <div className="panel-head">
        <b>Charts</b>
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
