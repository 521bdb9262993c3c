/**
 * A chart's legend: every series (uPlot's own cut all but the first), with its value at the instant shown.
 * With a baseline pinned, a dashed "baseline" swatch, and beside each series the baseline's value at the
 * same simulated instant (a baseline series the run does not have gets an item of its own), so the legend
 * grows by one item, not by one per series.
 */
import { useCursor } from '../state/cursor';
import { frames, type FrameBuffer } from '../state/frameBuffer';
import type { ChartSpec, SeriesSpec } from './chartSeries';

const shown = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2));
/** A series' value at t; for a baseline, only while its run lasted (its last frame is not held past its end). */
const valueAt = (x: SeriesSpec, fb: FrameBuffer, t: number, baseline: boolean) => {
  const f = baseline && t > fb.end ? -1 : fb.frameAt(t);
  return f >= 0 ? x.values[f] : undefined;
};

function Item({ x, spec, value, base, baselineOnly = false }: { x: SeriesSpec; spec: ChartSpec; value: number | undefined; base?: number | undefined; baselineOnly?: boolean }) {
  const axis = spec.unit2 ? (x.scale === 'y2' ? `${spec.unit2}, right` : `${spec.unit}, left`) : null;
  return (
    <span className="legend-item" title={`${x.label}${baselineOnly ? ' (baseline run)' : ''}${axis ? ` (${axis} axis)` : ''}`}>
      <span className="line-swatch" style={{ borderTopColor: x.color, borderTopStyle: baselineOnly || x.dash ? 'dashed' : 'solid', opacity: baselineOnly ? 0.6 : 1 }} />
      {x.label}{axis && <span className="muted"> ({axis})</span>} <b className="mono">{shown(value)}</b>
      {base !== undefined && <> <span className="muted">base</span> <b className="mono">{shown(base)}</b></>}
    </span>
  );
}

/** One item per series: its stroke, name (and axis when there are two), its value at the cursor (and the baseline's). */
export function ChartLegend({ spec, base }: { spec: ChartSpec; base?: { spec: ChartSpec; fb: FrameBuffer } | undefined }) {
  const t = useCursor(8);
  const baseByLabel = new Map(base?.spec.series.map((x) => [x.label, x]));
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {base && (
        <span className="legend-item baseline-tag" data-testid="chart-baseline" title="The pinned baseline run: dashed and faded on the chart; its values marked “base”">
          <span className="line-swatch" style={{ borderTopColor: '#d7dde4', borderTopStyle: 'dashed', opacity: 0.6 }} />baseline
        </span>
      )}
      {spec.series.map((x) => {
        const b = baseByLabel.get(x.label);
        return <Item key={x.label} x={x} spec={spec} value={valueAt(x, frames, t, false)} {...(base ? { base: b ? valueAt(b, base.fb, t, true) : undefined } : {})} />;
      })}
      {base?.spec.series.filter((x) => !spec.series.some((s) => s.label === x.label)).map((x) => (
        <Item key={`b-${x.label}`} x={x} spec={base.spec} value={valueAt(x, base.fb, t, true)} baselineOnly />
      ))}
    </div>
  );
}
