/**
 * "What does a year cost in energy and water?" The open scenario run over a year at hourly weather, as
 * `dctwin annual` runs it (sim/analysis/annual.ts in an analysis worker): the year's PUE, WUE, energy and
 * free-cooling hours, the peak hours, the monthly table, and a monthly chart (free-cooling hours as bars,
 * PUE as a line). The weather is the EPW file the Weather… button embedded, else the scenario's own on a
 * plain year.
 */
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { annualStore, annualCurrent, computeAnnual, cancelAnnual } from '../state/annual';
import { views } from '../state/views';
import { ViewTabs } from './ViewTabs';
import { BOTTOM_TABS } from './bottomTabs';
import { download } from './download';
import { baseName } from './results';
import { num } from '../format';
import type { AnnualResult, HourStamp } from '../../sim/api';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const f = (x: number | null, d: number) => (x === null ? '—' : x.toFixed(d));
/** As formatAnnual.ts writes it: the day, the month, the hour's span. */
const when = (s: HourStamp) => `${s.day} ${MONTHS[s.month - 1]} ${String(s.hour - 1).padStart(2, '0')}:00–${String(s.hour).padStart(2, '0')}:00`;

function Fig({ label, value, raw, testid }: { label: string; value: string; raw?: number | null; testid?: string }) {
  return <div className="kv"><span>{label}</span><span data-testid={testid} data-value={raw ?? undefined}>{value}</span></div>;
}

function Year({ r }: { r: AnnualResult }) {
  const a = r.annual, p = r.peaks;
  return (
    <div className="tco-col">
      <div className="tco-big"><span className="muted">annual PUE</span> <b data-testid="annual-pue" data-value={a.pue ?? undefined}>{f(a.pue, 3)}</b></div>
      <Fig label="WUE" value={`${f(a.wue_l_per_kwh, 3)} L/kWh · ${num(a.water_l / 1000, 1)} m³`} raw={a.wue_l_per_kwh} testid="annual-wue" />
      <Fig label="IT · facility" value={`${num(a.it_energy_kwh / 1000, 1)} · ${num(a.facility_energy_kwh / 1000, 1)} MWh`} raw={a.facility_energy_kwh} testid="annual-facility-kwh" />
      <Fig label="cooling" value={`${num(a.cooling_energy_kwh / 1000, 1)} MWh`} raw={a.cooling_energy_kwh} testid="annual-cooling-kwh" />
      <Fig label="free cooling" value={`${num(a.free_cooling_hours, 0)} h alone · ${num(a.partial_free_cooling_hours, 0)} h with chillers`} raw={a.free_cooling_hours} testid="annual-free-hours" />
      <div className="small" style={{ marginTop: 6 }}><b>Peaks</b></div>
      <Fig label="hottest hour" value={`${when(p.hottest_hour)} · ${f(p.hottest_hour.dry_bulb_c, 1)} °C, PUE ${f(p.hottest_hour.pue, 3)}`} raw={p.hottest_hour.dry_bulb_c} testid="annual-hottest" />
      <Fig label="most humid hour" value={`${when(p.most_humid_hour)} · ${f(p.most_humid_hour.wet_bulb_c, 1)} °C wet bulb`} raw={p.most_humid_hour.wet_bulb_c} />
      <Fig label="peak PUE hour" value={p.pue_hour ? `${when(p.pue_hour)} · PUE ${p.pue_hour.pue.toFixed(3)}` : '—'} raw={p.pue_hour?.pue ?? null} testid="annual-peak-pue" />
      <Fig label="peak FWS supply" value={`${f(p.fws_supply.fws_supply_c, 2)} °C · ${when(p.fws_supply)}`} raw={p.fws_supply.fws_supply_c} testid="annual-peak-fws" />
    </div>
  );
}

/** The monthly table, with the year's row; each cell carries its raw value (data-value). */
function Months({ r }: { r: AnnualResult }) {
  const row = (name: string, m: AnnualResult['annual'] & Partial<AnnualResult['months'][number]>, testid: string) => (
    <tr key={name} data-testid={testid} className={testid === 'annual-year' ? 'total' : ''}>
      <th>{name}</th>
      {([[m.hours, 0], [m.it_energy_kwh / 1000, 1], [m.facility_energy_kwh / 1000, 1], [m.pue, 3], [m.water_l / 1000, 1], [m.wue_l_per_kwh, 3], [m.free_cooling_hours, 0], [m.partial_free_cooling_hours, 0]] as const).map(([v, d], i) => (
        <td key={i} className="num" data-value={v ?? undefined}>{f(v, d)}</td>
      ))}
      <td className="num">{m.mean_dry_bulb_c === undefined ? '' : `${f(m.mean_dry_bulb_c, 1)} / ${f(m.max_dry_bulb_c!, 1)}`}</td>
    </tr>
  );
  return (
    <div className="tco-col annual-months">
      <table className="sweep-table" data-testid="annual-table">
        <thead><tr><th>month</th><th className="num">hours</th><th className="num">IT MWh</th><th className="num">facility MWh</th><th className="num">PUE</th><th className="num">water m³</th><th className="num">WUE</th><th className="num">free-cool h</th><th className="num">partial h</th><th className="num">dry bulb mean / max °C</th></tr></thead>
        <tbody>
          {r.months.map((m) => row(m.name, m, 'annual-month'))}
          {row('year', r.annual, 'annual-year')}
        </tbody>
      </table>
    </div>
  );
}

/** Free-cooling hours a month (bars: alone, then with the chillers trimming) and the month's PUE (line, right axis). */
function MonthChart({ r }: { r: AnnualResult }) {
  const W = 400, H = 200, L = 40, R = 44, T = 10, B = 22;
  const ms = r.months, n = ms.length;
  const hMax = Math.max(1, ...ms.map((m) => m.hours));
  const pues = ms.map((m) => m.pue).filter((p): p is number => p !== null);
  // The PUE axis spans the months' range with a margin, so a flat year still shows as a line mid-chart.
  const pLo = pues.length ? Math.min(...pues) : 1, pHi = pues.length ? Math.max(...pues) : 1.1;
  const pad = Math.max(0.01, (pHi - pLo) * 0.15), p0 = pLo - pad, p1 = pHi + pad;
  const slot = (W - L - R) / Math.max(n, 1), bw = slot * 0.62;
  const x = (i: number) => L + slot * (i + 0.5);
  const yH = (h: number) => T + (1 - h / hMax) * (H - T - B);
  const yP = (p: number) => T + (1 - (p - p0) / (p1 - p0)) * (H - T - B);
  const line = ms.flatMap((m, i) => (m.pue === null ? [] : [`${x(i).toFixed(1)},${yP(m.pue).toFixed(1)}`]));
  return (
    <figure className="tco-col tco-chart" data-testid="annual-chart">
      <figcaption>Free-cooling hours and PUE by month</figcaption>
      <svg width={W} height={H} role="img" aria-label="free-cooling hours and PUE by month">
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
        <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
        <line x1={W - R} y1={T} x2={W - R} y2={H - B} className="axis" />
        {[0, 0.5, 1].map((q) => <text key={q} x={L - 4} y={yH(q * hMax) + 3} textAnchor="end" className="mc-axis">{(q * hMax).toFixed(0)}</text>)}
        {[p0, (p0 + p1) / 2, p1].map((p) => <text key={p} x={W - R + 4} y={yP(p) + 3} className="mc-axis">{p.toFixed(3)}</text>)}
        {ms.map((m, i) => (
          <g key={m.month} data-testid="annual-bar" data-free={m.free_cooling_hours} data-partial={m.partial_free_cooling_hours} data-pue={m.pue ?? ''}>
            <rect x={x(i) - bw / 2} y={yH(m.free_cooling_hours)} width={bw} height={H - B - yH(m.free_cooling_hours)} className="annual-free"><title>{`${m.name}: ${m.free_cooling_hours.toFixed(0)} h free cooling alone`}</title></rect>
            <rect x={x(i) - bw / 2} y={yH(m.free_cooling_hours + m.partial_free_cooling_hours)} width={bw} height={yH(m.free_cooling_hours) - yH(m.free_cooling_hours + m.partial_free_cooling_hours)} className="annual-partial"><title>{`${m.name}: ${m.partial_free_cooling_hours.toFixed(0)} h with chillers trimming`}</title></rect>
            <text x={x(i)} y={H - 7} textAnchor="middle" className="mc-axis">{m.name.slice(0, 1)}</text>
          </g>
        ))}
        {line.length > 1 && <polyline points={line.join(' ')} className="tco-own" />}
        {ms.map((m, i) => m.pue !== null && <circle key={m.month} cx={x(i)} cy={yP(m.pue)} r={2.5} className="annual-pue-dot"><title>{`${m.name}: PUE ${m.pue.toFixed(3)}`}</title></circle>)}
      </svg>
      <div className="muted small"><span className="swatch annual-free" /> free cooling alone · <span className="swatch annual-partial" /> with chillers trimming (hours, left) · <span className="swatch annual-pue-line" /> PUE (right)</div>
    </figure>
  );
}

export function AnnualView() {
  const a = useStore(annualStore, (x) => x);
  const raw = useStore(app, (x) => x.raw);
  const issues = useStore(app, (x) => x.issues.length);
  const fileName = useStore(app, (x) => x.fileName);
  useEffect(() => { computeAnnual(); }, [raw, issues]);
  const r = a.result;
  const current = annualCurrent(a);
  const w = r?.weather;
  const weather = (raw as { weather?: { kind?: string; file?: string } } | null)?.weather;
  const source = weather?.kind === 'epw' ? `EPW ${weather.file ?? '(embedded)'}` : "the scenario's own weather on a plain year — give an EPW file with Weather… for a real year";
  return (
    <section className="sweep tco annual" data-testid="annual-view" data-status={a.status} data-current={current}>
      <div className="panel-head">
        <ViewTabs label="Bottom panel" tabs={BOTTOM_TABS} value="annual" onChange={(v) => views.set({ bottom: v })} />
        <span className="muted small" data-testid="annual-status">
          {a.status === 'running' ? `simulating the year… ${(100 * a.progress).toFixed(0)} %`
            : a.status === 'cancelled' ? 'cancelled'
            : r && w ? `${r.scenario}: ${num(r.annual.hours, 0)} h at hourly weather from ${w.source === 'epw' ? `EPW ${w.site ?? '(no site name)'}` : "the scenario's weather on a plain year"} (dctwin annual)${a.wallMs !== null ? ` · ${num(a.wallMs / 1000, 1)} s` : ''}`
            : issues ? 'Fix the scenario problems first.' : `weather: ${source}`}
        </span>
        {a.status === 'running' && <progress max={1} value={a.progress} />}
        <span className="grow" />
        {a.status === 'running'
          ? <button data-testid="annual-cancel" onClick={cancelAnnual}>Cancel</button>
          : <button data-testid="annual-run" disabled={!raw || issues > 0} title="Simulate the year again" onClick={() => computeAnnual({ again: true })}>Run year</button>}
        <button data-testid="annual-json" disabled={!r} title="Download the year as dctwin annual --json writes it"
          onClick={() => r && download(`${baseName(fileName)}-annual.json`, JSON.stringify(r, null, 1) + '\n', 'application/json')}>JSON</button>
      </div>
      {a.status === 'error' && <div className="warnings pad-s" data-testid="annual-error">{a.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}</div>}
      {r && (
        <div className={`tco-body annual-body${current ? '' : ' previous'}`} data-testid="annual-result">
          <Year r={r} />
          <MonthChart r={r} />
          <Months r={r} />
          {(r.weather.notes.length > 0 || r.report.violations.length > 0) && (
            <div className="tco-col">
              {r.weather.notes.map((x) => <div key={x} className="muted small">weather: {x}</div>)}
              {r.report.violations.map((v) => <div key={v.limit} className="small bad-text">limit {v.limit}: {v.message}</div>)}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
