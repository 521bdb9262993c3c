/**
 * The run's results as the engine's report states them: the limits verdict (the CLI's exit rule), time
 * to each limit, cost, GPU-hours lost, UPS runtime margin, water; the engine's design warnings before a
 * run; and the exports (the JSON report, the charted series as CSV, a printable one-page summary).
 */
import { useState } from 'react';
import { useStore } from '../state/store';
import { app, select } from '../state/session';
import { showInstant } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { focusOn } from '../twin/cameraCommands';
import { clock, num } from '../format';
import { pueParts } from '../../sim/run/pueParts';
import { chartSpec, type ChartSpec } from './chartSeries';
import { download } from './download';
import { baseName, chartedCsv, limitsVerdict, reportJson } from './results';
import { StaleBadge } from './StaleBadge';
import type { Report } from '../worker/protocol';
import { baseline, pinBaseline, unpinBaseline } from '../state/baseline';
import { MonteCarloPanel } from './MonteCarloPanel';

const money = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : `$${num(v, digits)}`);
const seconds = (s: number) => (s >= 3600 ? `${num(s / 3600, 2)} h` : s >= 60 ? `${num(s / 60, 1)} min` : `${num(s, 1)} s`);
const Row = ({ label, value, title }: { label: string; value: string; title?: string }) => (
  <div className="kv" title={title}><span>{label}</span><span>{value}</span></div>
);

function exportCsv(): void {
  const s = app.get();
  if (!s.layout || frames.count === 0) return;
  const specs = s.charts.map((id) => chartSpec(id, frames, s.layout!, s.selection)).filter((x): x is ChartSpec => x !== null);
  download(`${baseName(s.fileName)}-series.csv`, chartedCsv(specs, frames), 'text/csv');
}

function Figures({ report }: { report: Report }) {
  const k = report.kpis, e = report.economics;
  const crossings = Object.entries(report.time_to_limit).sort((a, b) => a[1].t_s - b[1].t_s);
  return (
    <>
      <h4>Time to limit</h4>
      {crossings.length === 0 ? <div className="muted small">No temperature limit was crossed.</div> : (
        <ul className="ttl" data-testid="time-to-limit">
          {crossings.map(([kind, c]) => (
            <li key={kind} title="Show this instant" onClick={() => { showInstant(c.t_s, 'from'); select(c.component); focusOn(c.component); }}>
              <b>{kind.replace(/_/g, ' ')}</b> at <span className="mono">{clock(c.t_s)}</span>
              {c.since_event_s !== null && <> · <b>{seconds(c.since_event_s)}</b> after the preceding event</>}
              <div className="muted small">{c.component}: {c.value} °C &gt; {c.limit} °C</div>
            </li>
          ))}
        </ul>
      )}
      <h4>Cost</h4>
      <Row label="total" value={money(e.total_cost, 0)} title="energy + capex share + opex share + water over the run" />
      <Row label="energy" value={`${money(e.energy_cost, 0)} · ${num(k.facility_energy_kwh, 0)} kWh`} />
      <Row label="per installed GPU-hour" value={money(k.cost_per_gpu_hour, 3)} />
      <Row label="per 1k tokens" value={k.cost_per_1k_tokens === null ? '— (no token workload)' : money(k.cost_per_1k_tokens, 5)} />
      {k.energy_per_1k_tokens_kwh !== null && <Row label="energy per 1k tokens" value={`${num(k.energy_per_1k_tokens_kwh * 1000, 3)} Wh`} />}
      {e.heat_credit !== undefined && <Row label="heat reuse credit" value={`−${money(e.heat_credit, 0)}`} title="heat delivered × its price (or the boiler fuel it displaced); subtracted in the total" />}
      {e.cloud_cost_for_gpu_hours_used !== null && <Row label={`cloud at $${e.cloud_price_per_gpu_hour}/GPU-h`} value={money(e.cloud_cost_for_gpu_hours_used, 0)} />}
      <h4>GPUs and power</h4>
      <Row label="GPU-hours lost" value={num(k.gpu_hours_lost, 2)} title="to throttling and shutdown" />
      {k.gpu_utilisation !== null && <Row label="GPU utilisation" value={`${num(100 * k.gpu_utilisation, 1)} %`} />}
      {k.mean_queue_time_s !== null && <Row label="mean queue time" value={seconds(k.mean_queue_time_s)} />}
      <Row label="UPS runtime margin" value={k.ups_min_runtime_margin_s === null ? '— (no UPS)' : seconds(k.ups_min_runtime_margin_s)}
        title="smallest battery runtime left while on battery; else the full-battery runtime at the present load" />
      <Row label="PUE · pPUE cooling" value={`${num(k.pue, 3)} · ${num(k.ppue_cooling, 3)}`} />
      {k.heat_reuse && <>
        <Row label="ERE · ERF" value={`${k.ere == null ? '—' : num(k.ere, 3)} · ${k.erf == null ? '—' : num(k.erf, 3)}`} title="The Green Grid: ERE = (facility − heat reused)/IT, ERF = heat reused/facility" />
        <Row label="heat exported" value={`${num(k.heat_reuse.exported_kwh / 1000, 1)} MWh · ${num(k.heat_reuse.hours_exporting, 1)} h${k.heat_reuse.mean_cop !== null ? ` · COP ${num(k.heat_reuse.mean_cop, 2)}` : ''}`}
          title={`${num(k.heat_reuse.from_fws_kwh / 1000, 1)} MWh from the facility water, ${num(k.heat_reuse.heat_pump_kwh / 1000, 1)} MWh heat-pump electricity; ${k.heat_reuse.demand_met === null ? '' : `${num(100 * k.heat_reuse.demand_met, 1)} % of the demand met`}`} />
      </>}
      <Row label="PUE parts" value={pueParts(k.facility_parts_kwh).slice(1).sort((a, b) => b.share - a.share).slice(0, 3).map((p) => `${p.label} ${num(p.share, 3)}`).join(' · ') || '—'}
        title={`PUE = ${pueParts(k.facility_parts_kwh).map((p) => `${p.label} ${p.share === 1 ? '1' : num(p.share, 4)}`).join(' + ')}`} />
      <Row label="IT · cooling energy" value={`${num(k.it_energy_kwh, 0)} · ${num(k.cooling_energy_kwh, 0)} kWh`} />
      <Row label="WUE" value={k.wue_l_per_kwh === null ? '—' : `${num(k.wue_l_per_kwh, 3)} L/kWh (${num(k.water_l, 0)} L)`} />
      {k.free_cooling_heat_fraction !== null && <Row label="free cooling" value={`${num(100 * k.free_cooling_heat_fraction, 1)} % of heat`} />}
      <Row label="energy balance error" value={report.energy_balance.error_rel.toExponential(1)} title="|heat in − rejected − reused − stored| / heat in" />
    </>
  );
}

export function ResultsPanel() {
  const report = useStore(app, (s) => s.report);
  const sim = useStore(app, (s) => s.sim);
  const warnings = useStore(app, (s) => s.warnings);
  const fileName = useStore(app, (s) => s.fileName);
  const runMessage = useStore(app, (s) => s.runMessage);
  const hasFrames = useStore(app, (s) => s.framesVersion >= 0 && frames.count > 0);
  const [open, setOpen] = useState(true);
  const verdict = report ? limitsVerdict(report) : null;
  const pinned = useStore(baseline, (s) => s.pinned);
  const isBaseline = !!report && pinned?.report === report;
  return (
    <section className={`results${open ? '' : ' closed'}`} data-testid="results">
      <div className="results-head">
        <button className="icon" onClick={() => setOpen(!open)} aria-expanded={open} title={open ? 'Collapse' : 'Expand'}>{open ? '▾' : '▸'}</button>
        <b>Results</b>
        <StaleBadge where="results" short />
        <span className="grow" />
        <button data-testid="export-report" disabled={!report} title="Download the run's JSON report (as dctwin run --json writes it)"
          onClick={() => report && download(`${baseName(fileName)}-report.json`, reportJson(report), 'application/json')}>JSON</button>
        <button data-testid="export-csv" disabled={!hasFrames} title="Download the charted series (every frame) as CSV" onClick={exportCsv}>CSV</button>
        <button data-testid="export-print" disabled={!report} title="Print a one-page summary" onClick={() => { setOpen(true); setTimeout(() => window.print(), 0); }}>Print</button>
      </div>
      {report && (
        <div className="print-only">
          {report.scenario} ({fileName}) · seed {report.seed} · {clock(report.duration_s)} simulated · {report.steps.toLocaleString()} steps · printed {new Date().toLocaleString()}
        </div>
      )}
      {verdict && (
        <div className={`verdict ${verdict.ok ? 'ok' : 'bad'}`} data-testid="limits-status" data-ok={verdict.ok}>
          {verdict.ok ? 'all stated limits held' : 'LIMITS VIOLATED'}
          {verdict.lines.map((l) => <div key={l} className="verdict-line">{l}</div>)}
        </div>
      )}
      {verdict && (
        <div className="baseline-row">
          <button data-testid="pin-baseline" disabled={sim !== 'done'} aria-pressed={isBaseline}
            title={isBaseline ? 'Unpin: charts and KPIs stop comparing with this run'
              : `Keep this run as the baseline: the next runs' charts draw it dashed and the KPIs show their difference from it${pinned ? ' (replaces the current baseline)' : ''}`}
            onClick={isBaseline ? unpinBaseline : pinBaseline}>{isBaseline ? 'Unpin baseline' : 'Pin as baseline'}</button>
          <span className="muted small">{isBaseline ? 'this run is the baseline' : pinned ? `compared with ${pinned.source}` : 'compare the next runs with this one'}</span>
        </div>
      )}
      {!verdict && (
        <div className="muted small pad-s">{sim === 'running' ? 'Running… the results come when the run completes.' : runMessage && sim !== 'idle' ? `No results: ${runMessage}.` : 'No results yet: run the scenario.'}</div>
      )}
      {open && (
        <div className="results-body">
          {warnings.length > 0 && (
            <>
              <h4>Design warnings <span className="count">{warnings.length}</span></h4>
              <ul className="warnings" data-testid="design-warnings">{warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            </>
          )}
          {report && <Figures report={report} />}
          <MonteCarloPanel />
        </div>
      )}
    </section>
  );
}
