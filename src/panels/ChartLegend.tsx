/** A chart's legend: every series (uPlot's own cut all but the first), with its value at the instant shown. */
import { useCursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import type { ChartSpec } from './chartSeries';

/** One line per series: its stroke, name (and axis when there are two), and its value at the cursor. */
export function ChartLegend({ spec }: { spec: ChartSpec }) {
  const t = useCursor(8);
  const f = frames.frameAt(t);
  return (
    <div className="chart-legend" data-testid="chart-legend">
      {spec.series.map((x) => {
        const v = f >= 0 ? x.values[f] : undefined;
        const axis = spec.unit2 ? (x.scale === 'y2' ? `${spec.unit2}, right` : `${spec.unit}, left`) : null;
        return (
          <span key={x.label} className="legend-item" title={axis ? `${x.label} (${axis} axis)` : x.label}>
            <span className="line-swatch" style={{ borderTopColor: x.color, borderTopStyle: x.dash ? 'dashed' : 'solid' }} />
            {x.label}{axis && <span className="muted"> ({axis})</span>} <b className="mono">{v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2)}</b>
          </span>
        );
      })}
    </div>
  );
}
