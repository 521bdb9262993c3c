/**
 * A chart's legend: every series (uPlot's own cut all but the first), with its value at the instant shown;
 * then, with a baseline pinned, the baseline's series, labelled "baseline", at the same simulated instant.
 */
import { useCursor } from '../state/cursor';
import { frames, type FrameBuffer } from '../state/frameBuffer';
import type { ChartSpec, SeriesSpec } from './chartSeries';

function Item({ x, spec, fb, t, baseline = false }: { x: SeriesSpec; spec: ChartSpec; fb: FrameBuffer; t: number; baseline?: boolean }) {
  // The baseline's value only while its run lasted (its last frame is not held past its end).
  const f = baseline && t > fb.end ? -1 : fb.frameAt(t);
  const v = f >= 0 ? x.values[f] : undefined;
  const axis = spec.unit2 ? (x.scale === 'y2' ? `${spec.unit2}, right` : `${spec.unit}, left`) : null;
  return (
    <span className="legend-item" title={`${x.label}${baseline ? ' (baseline run)' : ''}${axis ? ` (${axis} axis)` : ''}`}>
      <span className="line-swatch" style={{ borderTopColor: x.color, borderTopStyle: baseline || x.dash ? 'dashed' : 'solid', opacity: baseline ? 0.6 : 1 }} />
      {x.label}{axis && <span className="muted"> ({axis})</span>} <b className="mono">{v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2)}</b>
    </span>
  );
}

/** One line per series: its stroke, name (and axis when there are two), and its value at the cursor. */
export function ChartLegend({ spec, base }: { spec: ChartSpec; base?: { spec: ChartSpec; fb: FrameBuffer } | undefined }) {
  const t = useCursor(8);
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {spec.series.map((x) => <Item key={x.label} x={x} spec={spec} fb={frames} t={t} />)}
      {base && <span className="baseline-tag" data-testid="chart-baseline">baseline:</span>}
      {base?.spec.series.map((x) => <Item key={`b-${x.label}`} x={x} spec={base.spec} fb={base.fb} t={t} baseline />)}
    </div>
  );
}
