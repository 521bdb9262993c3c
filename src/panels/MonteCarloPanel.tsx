/**
 * Availability by Monte Carlo in the results panel: run N simulated years of the open scenario in a pool
 * of workers with a progress bar, then the mean availability with its 95 % interval, the probability of a
 * rack trip (Wilson), GPU-hours lost, and the distributions of availability and GPU-hours lost over the
 * replicates — what `dctwin montecarlo FILE --years N` reports (docs/availability.md).
 */
import { useState } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { study, runStudy, cancelStudy } from '../state/montecarlo';
import { num } from '../format';
import { views } from '../state/views';

/** Bars of a histogram of `values` in `bins` equal bins from min to max (one bar when all are equal). */
function Histogram({ values, label, digits, testid }: { values: number[]; label: string; digits: number; testid: string }) {
  const W = 260, H = 70;
  let lo = Infinity, hi = -Infinity;
  for (const v of values) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const span = hi - lo;
  const bins = span > 0 ? Math.min(20, Math.max(5, Math.ceil(Math.sqrt(values.length)))) : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[span > 0 ? Math.min(bins - 1, Math.floor(((v - lo) / span) * bins)) : 0]!++;
  const top = Math.max(...counts);
  const w = W / bins;
  return (
    <figure className="mc-hist" data-testid={testid} data-bins={bins}>
      <figcaption>{label}</figcaption>
      <svg width={W} height={H + 14} role="img" aria-label={`${label}: ${values.length} replicates`}>
        {counts.map((c, i) => {
          const h = top > 0 ? (c / top) * H : 0;
          return <rect key={i} x={i * w + 1} y={H - h} width={Math.max(1, w - 2)} height={h} className="mc-bar"><title>{`${c} replicate${c === 1 ? '' : 's'}`}</title></rect>;
        })}
        <text x={0} y={H + 12} className="mc-axis">{num(lo, digits)}</text>
        {span > 0 && <text x={W} y={H + 12} textAnchor="end" className="mc-axis">{num(hi, digits)}</text>}
      </svg>
    </figure>
  );
}

const ci = (c: [number, number] | null, digits: number) => (c ? `[${num(c[0], digits)}, ${num(c[1], digits)}]` : '—');

/** A measure's mean on its row, its 95 % interval under it (the panel is narrow). */
function Measure({ label, value, interval, testid, raw }: { label: string; value: string; interval: string; testid?: string; raw?: number }) {
  return (
    <>
      <div className="kv"><span>{label}</span><span data-testid={testid} data-value={raw}>{value}</span></div>
      <div className="kv mc-ci"><span /><span>{interval}</span></div>
    </>
  );
}

export function MonteCarloPanel() {
  const s = useStore(study, (x) => x);
  const hasScenario = useStore(app, (x) => x.raw !== null && x.issues.length === 0);
  const [years, setYears] = useState(50);
  const d = s.result?.designs[0];
  return (
    <>
      <h4>Availability (Monte Carlo)</h4>
      <div className="mc-controls">
        <label>years <input type="number" min={1} max={10000} value={years} data-testid="mc-years"
          onChange={(e) => setYears(Math.max(1, Math.min(10000, Math.floor(Number(e.target.value) || 1))))} /></label>
        {s.status === 'running'
          ? <button data-testid="mc-cancel" onClick={cancelStudy}>Cancel</button>
          : <button data-testid="mc-run" disabled={!hasScenario} title="Simulate this many years with the file's random failures (reliability MTBF/MTTR)" onClick={() => void runStudy(years)}>Run study</button>}
        {s.status === 'running' && <progress data-testid="mc-progress" value={s.done} max={s.total} />}
        {s.status === 'running' && <span className="muted small">{s.done}/{s.total} on {s.workers} worker{s.workers > 1 ? 's' : ''}</span>}
      </div>
      {s.status === 'error' && <div className="muted small pad-s" data-testid="mc-error">No study: {s.message}</div>}
      {d && s.values && (
        <div data-testid="mc-result">
          <div className="muted small pad-s">{s.scenario}: {s.result!.replicates} years, seed {s.result!.seed}; 95 % intervals</div>
          <Measure label="IT availability" value={num(d.metrics.it_availability.mean, 6)} interval={`${ci(d.metrics.it_availability.ci95, 6)}${d.metrics.it_availability.interval === 'bootstrap' ? ' bootstrap' : ''}`} testid="mc-availability" raw={d.metrics.it_availability.mean} />
          <Measure label="GPU-hours lost / year" value={num(d.metrics.gpu_hours_lost.mean, 1)} interval={ci(d.metrics.gpu_hours_lost.ci95, 1)} />
          <Measure label="P(rack trip in a year)" value={`${num(d.metrics.p_rack_trip.p, 3)} (${d.metrics.p_rack_trip.events} of ${d.metrics.p_rack_trip.n})`} interval={`${ci(d.metrics.p_rack_trip.ci95, 3)} Wilson · ${ci(d.metrics.p_rack_trip.ci95_exact, 3)} Clopper–Pearson`} testid="mc-trip" />
          <Measure label="random failures / year" value={num(d.metrics.failures.mean, 1)} interval={ci(d.metrics.failures.ci95, 1)} />
          <Histogram values={s.values.availability} label="IT availability per year" digits={5} testid="mc-hist-availability" />
          <Histogram values={s.values.gpuHoursLost} label="GPU-hours lost per year" digits={1} testid="mc-hist-gpu" />
          <div className="muted small pad-s">The cost view uses this availability: <button className="link" data-testid="mc-open-tco" onClick={() => views.set({ bottom: 'tco' })}>Cost (TCO)</button></div>
        </div>
      )}
    </>
  );
}
