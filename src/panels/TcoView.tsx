/**
 * "Own or rent?" The TCO of the open scenario as `dctwin tco` gives it (sim/analysis/tco.ts, run in an
 * analysis worker): cost per delivered GPU-hour and per 1k tokens, the year's costs, the cloud comparison;
 * the break-even chart (cost per delivered GPU-hour against utilisation, meeting the cloud price at the
 * break-even utilisation); the cumulative cost over the life, own against cloud, with the crossover year; the sensitivity table over energy price and utilisation. The availability is
 * the session's Monte Carlo study of this scenario when one has run, else the plain run's.
 */
import { useEffect } from 'react';
import { useStore } from '../state/store';
import { app } from '../state/session';
import { study } from '../state/montecarlo';
import { tcoStore, computeTco, tcoCurrent } from '../state/tco';
import { views } from '../state/views';
import { ViewTabs } from './ViewTabs';
import { BOTTOM_TABS } from './bottomTabs';
import { download } from './download';
import { baseName } from './results';
import { num } from '../format';
import type { TcoResult } from '../worker/protocol';

const money = (x: number) => Math.round(x).toLocaleString('en-US');
/** Per GPU-hour: three decimals, as the CLI prints it. */
const rate = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));
const pct = (x: number) => `${(100 * x).toFixed(x > 0.999 && x < 1 ? 4 : 1)} %`;

/** A figure with its raw value for tests and tools (data-value), its text for people. */
function Fig({ label, value, raw, testid, title }: { label: string; value: string; raw?: number | null; testid?: string; title?: string }) {
  return <div className="kv" title={title}><span>{label}</span><span data-testid={testid} data-value={raw ?? undefined}>{value}</span></div>;
}

function Summary({ r }: { r: TcoResult }) {
  const b = r.basis, av = b.availability, c = r.cloud;
  return (
    <div className="tco-col">
      <div className="tco-big"><span className="muted">per delivered GPU-hour</span> <b data-testid="tco-cost-per-gpu-hour" data-value={r.cost_per_gpu_hour}>{rate(r.cost_per_gpu_hour)}</b></div>
      <Fig label="per 1k tokens" value={r.cost_per_1k_tokens === null ? '— (no tokens)' : r.cost_per_1k_tokens.toPrecision(4)} raw={r.cost_per_1k_tokens} testid="tco-per-1k-tokens" />
      <Fig label="over the life" value={`${money(r.total_over_life)} (${num(r.capex.life_years, 1)} y)`} raw={r.total_over_life} testid="tco-life" />
      {c && <Fig label={`cloud at ${c.price_per_gpu_hour}/GPU-h`} value={`${c.saving_per_year >= 0 ? 'owning saves' : 'owning costs'} ${money(Math.abs(c.saving_per_year))} a year${c.saving_per_year >= 0 ? '' : ' more'}`} raw={c.saving_per_year} testid="tco-saving" />}
      {c && <Fig label="break-even utilisation" value={c.break_even_utilisation === null ? 'none (cloud below marginal cost)' : c.break_even_utilisation > 1 ? `${pct(c.break_even_utilisation)} (not reachable)` : pct(c.break_even_utilisation)} raw={c.break_even_utilisation} testid="tco-break-even" />}
      <Fig label="availability" value={`${pct(av.value)} · ${av.source === 'montecarlo' ? `Monte Carlo, ${av.replicates} years` : 'the plain run'}`} raw={av.value} testid="tco-availability"
        title={av.ci95 ? `95 % interval ${pct(av.ci95[0])} … ${pct(av.ci95[1])}` : 'Run a Monte Carlo study (Results panel) for a mean with its interval'} />
      <Fig label="utilisation · energy" value={`${pct(b.utilisation.value)} (${b.utilisation.source}) · ${b.energy_price_per_kwh.toFixed(3)}/kWh${b.energy_price_source === 'tariff' ? ' (tariff mean)' : ''}`} />
    </div>
  );
}

/** The year's costs, as the CLI's "per year" line, and the capital behind them. */
function YearCosts({ r }: { r: TcoResult }) {
  const a = r.annual, b = r.basis;
  return (
    <div className="tco-col">
      <div className="small"><b>Per year</b></div>
      <table className="mini-table tco-annual" data-testid="tco-annual">
        <tbody>
          {([['capital', a.capital], ['energy', a.energy], ['water', a.water], ['maintenance', a.maintenance], ['staff', a.staff], ['other opex', a.other_opex]] as const).map(([k, v]) => (
            <tr key={k}><td>{k}</td><td className="num">{money(v)}</td></tr>
          ))}
          {a.heat_credit !== undefined && <tr><td>heat reuse credit</td><td className="num" data-testid="tco-heat-credit">−{money(a.heat_credit)}</td></tr>}
          <tr className="total"><td>per year</td><td className="num" data-testid="tco-annual-total" data-value={a.total}>{money(a.total)}</td></tr>
        </tbody>
      </table>
      <div className="muted small">capital {money(r.capex.total)} (GPUs {money(r.capex.gpu)}), residual {money(r.capex.residual)}; {money(r.delivered_gpu_hours_per_year)} GPU-hours delivered a year; PUE {b.pue.toFixed(3)}</div>
    </div>
  );
}

/** Cost per delivered GPU-hour against utilisation, the cloud price across it, the break-even marked. */
function BreakEven({ r }: { r: TcoResult }) {
  const W = 380, H = 190, L = 44, B = 22, T = 8, R = 20;
  const { utilisations: us, cost_per_gpu_hour: cs } = r.curve;
  const cloud = r.cloud?.price_per_gpu_hour ?? null;
  const atBase = r.cost_per_gpu_hour;
  // The curve rises without bound toward 0 %: the axis stops at three times the larger of the base cost and the cloud price.
  const yMax = 3 * Math.max(atBase, cloud ?? 0);
  const x = (u: number) => L + u * (W - L - R);
  const y = (c: number) => T + (1 - Math.min(c, yMax) / yMax) * (H - T - B);
  // Points past the top of the axis are left out: the line enters the chart where it comes into range.
  const path = us.flatMap((u, i) => (cs[i]! <= yMax ? [[x(u), y(cs[i]!)]] : [])).map(([px, py], i) => `${i ? 'L' : 'M'}${px!.toFixed(1)},${py!.toFixed(1)}`).join(' ');
  const uStar = r.cloud?.break_even_utilisation ?? null;
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <figure className="tco-col tco-chart" data-testid="tco-break-even-chart" data-break-even={uStar ?? ''}>
      <figcaption>Break-even: cost per delivered GPU-hour vs utilisation{cloud !== null ? ', against the cloud price' : ''}</figcaption>
      <svg width={W} height={H} role="img" aria-label="cost per delivered GPU-hour against utilisation">
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
        <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
        {ticks.map((u) => <text key={u} x={x(u)} y={H - 6} textAnchor="middle" className="mc-axis">{`${u * 100} %`}</text>)}
        {[0, 0.5, 1].map((f) => <text key={f} x={L - 4} y={y(f * yMax) + 3} textAnchor="end" className="mc-axis">{rate(f * yMax)}</text>)}
        {cloud !== null && <line x1={L} x2={W - R} y1={y(cloud)} y2={y(cloud)} className="tco-cloud" />}
        {cloud !== null && <text x={W - R} y={y(cloud) - 4} textAnchor="end" className="mc-axis">cloud {cloud}</text>}
        <path d={path} className="tco-own" />
        {uStar !== null && uStar <= 1 && cloud !== null && (
          <g data-testid="tco-crossing">
            <line x1={x(uStar)} x2={x(uStar)} y1={y(cloud)} y2={H - B} className="tco-mark" />
            <circle cx={x(uStar)} cy={y(cloud)} r={4} className="tco-cross" />
            <text x={x(uStar) + 5} y={H - B - 4} className="mc-axis">break-even {pct(uStar)}</text>
          </g>
        )}
        <circle cx={x(r.basis.utilisation.value)} cy={y(atBase)} r={3.5} className="tco-base"><title>{`at ${pct(r.basis.utilisation.value)}: ${rate(atBase)} per GPU-hour`}</title></circle>
      </svg>
      <div className="muted small">own hall (line) · cloud price (dashed) · ● this design at its utilisation; owning is cheaper right of the crossing</div>
    </figure>
  );
}

/** Running totals over the life at the base utilisation: own (capital up front, the residual back at the end) against the cloud, their crossing marked. */
function Cumulative({ r }: { r: TcoResult }) {
  const W = 340, H = 190, L = 52, B = 22, T = 8, R = 20;
  const { years, own, cloud, crossover_year: yStar } = r.cumulative;
  const life = years[years.length - 1]!;
  // Before the residual comes back, owning's last point is the end value plus the residual.
  const ownTop = own[own.length - 1]! + r.capex.residual;
  const yMax = Math.max(ownTop, ...(cloud ?? [0])) * 1.05;
  const x = (yr: number) => L + (yr / life) * (W - L - R);
  const y = (c: number) => T + (1 - c / yMax) * (H - T - B);
  const pts = (vs: number[]) => vs.map((v, i) => `${x(years[i]!).toFixed(1)},${y(v).toFixed(1)}`);
  const ownPts = [...pts(own.slice(0, -1)), `${x(life).toFixed(1)},${y(ownTop).toFixed(1)}`, `${x(life).toFixed(1)},${y(own[own.length - 1]!).toFixed(1)}`];
  const short = (c: number) => (c >= 1e9 ? `${num(c / 1e9, 1)} bn` : c >= 1e6 ? `${num(c / 1e6, 1)} M` : c >= 1e3 ? `${num(c / 1e3, 0)} k` : c.toFixed(0));
  const cross = yStar !== null && cloud ? { x: x(yStar), y: y(r.cloud!.cost_per_year * yStar) } : null;
  return (
    <figure className="tco-col tco-chart" data-testid="tco-cumulative-chart" data-own-end={own[own.length - 1]} data-cloud-end={cloud?.[cloud.length - 1] ?? ''} data-crossover={yStar ?? ''}>
      <figcaption>Cumulative cost over the life: own{cloud ? ' against cloud GPU-hours' : ''}</figcaption>
      <svg width={W} height={H} role="img" aria-label="cumulative cost over the life, own against cloud">
        <line x1={L} y1={H - B} x2={W - R} y2={H - B} className="axis" />
        <line x1={L} y1={T} x2={L} y2={H - B} className="axis" />
        {years.map((yr) => <text key={yr} x={x(yr)} y={H - 6} textAnchor="middle" className="mc-axis">{Number.isInteger(yr) ? `${yr}` : yr.toFixed(1)}</text>)}
        {[0, 0.5, 1].map((q) => <text key={q} x={L - 4} y={y(q * yMax) + 3} textAnchor="end" className="mc-axis">{short(q * yMax)}</text>)}
        {cloud && <polyline points={pts(cloud).join(' ')} className="tco-cloud" fill="none" />}
        <polyline points={ownPts.join(' ')} className="tco-own" />
        {cross && (
          <g data-testid="tco-crossover">
            <line x1={cross.x} x2={cross.x} y1={cross.y} y2={H - B} className="tco-mark" />
            <circle cx={cross.x} cy={cross.y} r={4} className="tco-cross" />
            {/* Above the lines, on the side with room: left of the crossing in the chart's right half. */}
            <text x={cross.x > (L + W - R) / 2 ? cross.x - 7 : cross.x + 7} y={cross.y - 9} textAnchor={cross.x > (L + W - R) / 2 ? 'end' : 'start'} className="mc-axis">{`crossover ${yStar!.toFixed(1)} y`}</text>
          </g>
        )}
      </svg>
      <div className="muted small">own (line: capital at year 0, residual back at {num(life, 1)} y, ends at {short(own[own.length - 1]!)}){cloud ? ` · cloud (dashed, ends at ${short(cloud[cloud.length - 1]!)})` : ''}; {yStar === null ? (cloud ? 'the cloud stays cheaper over the life' : 'no cloud price') : yStar >= life - 1e-9 ? 'owning catches up only with the residual' : `owning is cheaper after ${yStar.toFixed(1)} years`}</div>
    </figure>
  );
}

function Sensitivity({ r }: { r: TcoResult }) {
  const s = r.sensitivity, cloud = r.cloud?.price_per_gpu_hour;
  return (
    <div className="tco-col">
      <div className="small"><b>Cost per delivered GPU-hour</b> by energy price (rows, per kWh) and utilisation</div>
      <table className="sweep-table tco-sensitivity" data-testid="tco-sensitivity">
        <thead><tr><th />{s.utilisations.map((u) => <th key={u} className="num">{`${(100 * u).toFixed(0)} %`}</th>)}</tr></thead>
        <tbody>
          {s.cost_per_gpu_hour.map((row, i) => (
            <tr key={i}>
              <th className="num">{s.energy_prices_per_kwh[i]!.toFixed(3)}</th>
              {row.map((v, j) => <td key={j} className={`num${cloud !== undefined && v <= cloud ? ' cheaper' : ''}`} data-value={v}>{rate(v)}{cloud !== undefined && v <= cloud ? '*' : ''}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      {cloud !== undefined && <div className="muted small">* at or below the cloud price ({cloud})</div>}
      {r.notes.map((n) => <div key={n} className="muted small tco-note">note: {n}</div>)}
    </div>
  );
}

export function TcoView() {
  const t = useStore(tcoStore, (x) => x);
  const raw = useStore(app, (x) => x.raw);
  const issues = useStore(app, (x) => x.issues.length);
  const fileName = useStore(app, (x) => x.fileName);
  const studyResult = useStore(study, (x) => x.result);
  // Ask whenever the view shows and the scenario or the session's study changed.
  useEffect(() => { computeTco(); }, [raw, issues, studyResult]);
  const r = t.result;
  const current = tcoCurrent(t);
  return (
    <section className="sweep tco" data-testid="tco-view" data-status={t.status} data-current={current}>
      <div className="panel-head">
        <ViewTabs label="Bottom panel" tabs={BOTTOM_TABS} value="tco" onChange={(v) => views.set({ bottom: v })} />
        <span className="muted small">
          {t.status === 'running' ? 'computing: the scenario\'s run, then the cost…' : r ? `${r.scenario}: per year of 365.25 days, in the scenario's currency (dctwin tco)${t.wallMs !== null ? ` · ${num(t.wallMs / 1000, 1)} s` : ''}` : issues ? 'Fix the scenario problems first.' : ''}
        </span>
        <span className="grow" />
        <button data-testid="tco-json" disabled={!r} title="Download the TCO as dctwin tco --json writes it"
          onClick={() => r && download(`${baseName(fileName)}-tco.json`, JSON.stringify(r, null, 1) + '\n', 'application/json')}>JSON</button>
      </div>
      {t.status === 'error' && <div className="warnings pad-s" data-testid="tco-error">{t.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}</div>}
      {r && (
        <div className={`tco-body${current ? '' : ' previous'}`} data-testid="tco-result">
          <Summary r={r} />
          <YearCosts r={r} />
          <BreakEven r={r} />
          <Cumulative r={r} />
          <Sensitivity r={r} />
        </div>
      )}
    </section>
  );
}
