/** Human-readable outputs of the CLI: the run summary and CSV series. */
import type { Report, HeatReuseKpis } from '../run/report';
import { pueParts } from '../run/pueParts';
import type { SweepResult } from '../analysis/sweep';
import type { CompareResult, CompareSide } from '../analysis/compare';
import { kpiDigits, type KpiComparison } from '../analysis/kpiCompare';

const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));

export function summary(r: Report, wallS: number): string {
  const k = r.kpis;
  const lines = [
    `${r.scenario}  (seed ${r.seed}, ${(r.duration_s / 3600).toFixed(2)} h simulated in ${wallS.toFixed(2)} s, ${r.steps} steps, ${r.events_processed} events)`,
    '',
    `  PUE                ${fmt(k.pue, 3)}${k.heat_reuse ? `     ERE ${fmt(k.ere ?? null, 3)}     ERF ${fmt(k.erf ?? null, 3)}` : ''}`,
    `  IT energy          ${fmt(k.it_energy_kwh, 0)} kWh     facility ${fmt(k.facility_energy_kwh, 0)} kWh     cooling ${fmt(k.cooling_energy_kwh, 0)} kWh`,
    `  free cooling       ${k.free_cooling_heat_fraction === null ? '—' : (100 * k.free_cooling_heat_fraction).toFixed(1) + ' % of heat'}     water ${fmt(k.water_l, 0)} L (WUE ${fmt(k.wue_l_per_kwh, 3)} L/kWh)`,
    `  peak rack inlet    ${fmt(k.peak_rack_inlet_c)} °C    peak TCS supply ${fmt(k.peak_tcs_supply_c)} °C    peak rack coolant ${fmt(k.peak_rack_coolant_c)} °C    peak FWS supply ${fmt(k.peak_fws_supply_c)} °C`,
    `  racks throttled    ${k.racks_throttled}     racks tripped ${k.racks_tripped}`,
    `  pPUE cooling       ${fmt(k.ppue_cooling, 3)}     pPUE power ${fmt(k.ppue_power, 3)}     losses ${fmt(k.losses_kwh.total, 0)} kWh (UPS ${fmt(k.losses_kwh.ups, 0)}, distribution ${fmt(k.losses_kwh.distribution, 0)}${k.losses_kwh.storage !== undefined ? `, storage ${fmt(k.losses_kwh.storage, 0)}` : ''})`,
    `  PUE parts          ${pueParts(k.facility_parts_kwh).map((p) => `${p.label} ${p.share === 1 ? '1' : p.share.toFixed(3)}`).join(' + ') || '—'}`,
    ...(k.heat_reuse ? [heatReuseLine(k.heat_reuse, r.economics.heat_credit ?? 0)] : []),
    ...(r.power?.ups ?? []).filter((u) => u.transfers_to_bypass > 0).map((u) =>
      `  ${u.id} bypass${' '.repeat(Math.max(1, 12 - u.id.length))}${fmt(u.time_on_bypass_s, 0)} s on static bypass (${u.transfers_to_bypass} transfer${u.transfers_to_bypass > 1 ? 's' : ''}${u.bypass_locked_out ? ', locked out' : ''}${u.on_bypass_at_end ? ', still on it' : ''})`),
    ...(r.power?.batteries ?? []).map((b) =>
      `  ${b.id} on ${b.bus}  peak import ${fmt(b.peak_import_kw, 0)} kW (limit ${fmt(b.limit_kw, 0)} kW, above it ${fmt(b.time_above_limit_s, 0)} s)     SOC ${fmt(100 * b.soc_start, 0)} → ${fmt(100 * b.soc_end, 0)} % (min ${fmt(100 * b.soc_min, 0)} %)     out ${fmt(b.discharged_kwh, 1)} kWh, in ${fmt(b.charged_kwh, 1)} kWh`),
    ...(r.jobs.length ? [
      `  workload           ${(k.tokens / 1e9).toFixed(3)} G tokens     ${k.energy_per_1k_tokens_kwh === null ? '—' : (k.energy_per_1k_tokens_kwh * 1000).toFixed(3) + ' Wh'}/1k tokens     ${k.cost_per_1k_tokens === null ? '—' : '$' + k.cost_per_1k_tokens.toFixed(5)}/1k tokens`,
      `  GPUs               utilisation ${k.gpu_utilisation === null ? '—' : (100 * k.gpu_utilisation).toFixed(1) + ' %'}     mean queue ${fmt(k.mean_queue_time_s, 0)} s     GPU-hours lost ${fmt(k.gpu_hours_lost, 2)}`,
    ] : []),
    `  cost               $${r.economics.total_cost.toFixed(0)} (energy $${r.economics.energy_cost.toFixed(0)}, capex $${r.economics.capex_cost.toFixed(0)})     $${fmt(k.cost_per_gpu_hour, 3)} per installed GPU-hour${r.economics.cloud_price_per_gpu_hour !== null ? ` vs cloud $${r.economics.cloud_price_per_gpu_hour}` : ''}`,
    ...(k.ups_min_runtime_margin_s !== null ? [`  UPS runtime margin ${fmt(k.ups_min_runtime_margin_s, 0)} s`] : []),
    `  energy balance     in ${(r.energy_balance.in_j / 3.6e9).toFixed(1)} MWh, rejected ${(r.energy_balance.rejected_j / 3.6e9).toFixed(1)} MWh,${r.energy_balance.reused_j !== undefined ? ` reused ${(r.energy_balance.reused_j / 3.6e9).toFixed(1)} MWh,` : ''} stored ${(r.energy_balance.stored_j / 3.6e6).toFixed(1)} kWh, error ${r.energy_balance.error_rel.toExponential(1)}`,
  ];
  const ttl = Object.entries(r.time_to_limit);
  if (ttl.length) {
    lines.push('', '  time to limit:');
    for (const [kind, c] of ttl.sort((a, b) => a[1].t_s - b[1].t_s))
      lines.push(`    ${kind.padEnd(20)} t=${hms(c.t_s)}${c.since_event_s !== null ? ` (${hms(c.since_event_s)} after the preceding event)` : ''}  ${c.component}  ${c.value} °C > ${c.limit} °C`);
  }
  const shown = r.alarms.filter((a) => a.severity !== 'info');
  if (r.alarms.length) {
    lines.push('', `  alarms: ${r.alarms.length} (${shown.length} warning or worse)`);
    for (const a of shown.slice(0, 12)) lines.push(`    ${hms(a.t_s).padStart(9)}  ${a.severity.padEnd(8)} ${a.component.padEnd(14)} ${a.message}`);
    if (shown.length > 12) lines.push(`    … ${shown.length - 12} more (see --json)`);
  }
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  if (r.violations.length) {
    lines.push('', '  LIMITS VIOLATED:');
    for (const v of r.violations) lines.push(`    ${v.limit}: ${v.message}`);
  } else lines.push('', '  all stated limits held');
  return lines.join('\n') + '\n';
}

/** The heat export: what went to the network, from where, the heat pump's share, and what it earned. */
function heatReuseLine(h: HeatReuseKpis, credit: number): string {
  return `  heat reuse         ${fmt(h.exported_kwh / 1000, 1)} MWh exported (${fmt(h.from_fws_kwh / 1000, 1)} from the facility water${h.heat_pump_kwh > 0 ? `, ${fmt(h.heat_pump_kwh / 1000, 1)} heat-pump electricity, COP ${fmt(h.mean_cop, 2)}` : ''})` +
    `     ${fmt(h.hours_exporting, 1)} h exporting     demand met ${h.demand_met === null ? '—' : (100 * h.demand_met).toFixed(1) + ' %'}     credit $${credit.toFixed(0)}`;
}

export function hms(s: number): string {
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${sec.toFixed(1).padStart(4, '0')}`;
}

/** One column per probe, one row per record time. */
export function seriesCsv(r: Report): string {
  const names = Object.keys(r.series);
  if (!names.length) return 't_s\n';
  const t = r.series[names[0]!]!.t_s;
  const head = ['t_s', ...names.map((n) => `${n} [${r.series[n]!.unit}]`)].map(csvCell).join(',');
  const rows = t.map((ts, i) => [ts, ...names.map((n) => r.series[n]!.values[i])].join(','));
  return [head, ...rows].join('\n') + '\n';
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The N-1 sweep as a table, worst case first. */
export function sweepSummary(r: SweepResult): string {
  const head = `${r.scenario}: N-1 sweep, ${r.cases.length} cases in ${r.runs} runs (interchangeable units share one: "run of"), each unit failed at ${hms(r.at_s)}` +
    `${r.repair_s === null ? ' (repaired after its MTTR where reliability states one, else not)' : `, repaired after ${r.repair_s} s`}, runs of ${hms(r.duration_s)}`;
  const rows = r.cases.map((c) => [
    c.failed, c.kind, c.time_to_first_limit_s === null ? '—' : `${c.time_to_first_limit_s.toFixed(1)} s`, c.first_limit ?? '—',
    String(c.racks_throttled), String(c.racks_tripped), String(c.racks_lost_power), c.gpu_hours_lost.toFixed(1), c.recovered ? 'yes' : 'NO',
    c.worst.rack_coolant_c === null ? '—' : c.worst.rack_coolant_c.toFixed(1), c.worst.rack_inlet_c.toFixed(1), c.worst.fws_supply_c.toFixed(1),
    c.represented_by ?? '',
  ]);
  const header = ['failed', 'kind', 'to limit', 'first limit', 'throttled', 'tripped', 'no power', 'GPU-h lost', 'recovered', 'coolant °C', 'inlet °C', 'FWS °C', 'run of'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => (i < 2 || i === 3 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const b = r.baseline;
  return [head, `  healthy design: ${b.racks_throttled} throttled, ${b.racks_tripped} tripped, peak rack coolant ${b.peak_rack_coolant_c ?? '—'} °C`, '',
    line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Units a count's label already names: the table leaves them out. */
const COUNT_UNITS = new Set(['racks', 'alarms', 'limits', 'tokens']);

/** A compared KPI's number: its digits (thousands grouped), or three significant ones for small numbers (kWh per 1k tokens). */
function kpiNumber(x: number, key: string): string {
  const d = kpiDigits(key);
  if (x !== 0 && Math.abs(x) < 10 ** -Math.min(d, 2)) return x.toPrecision(3);
  return Math.abs(x) >= 1e5 ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : x.toFixed(d);
}

/** With its unit, and a sign when it is a difference (− for minus, as the rest of the output). */
function kpiText(x: number | null, key: string, unit: string, diff = false): string {
  if (x === null) return '—';
  if (key === 'time_to_first_limit_s' && !diff) return hms(x);
  const n = kpiNumber(Math.abs(x), key);
  const sign = !diff ? (x < 0 ? '−' : '') : /^[0.,]+$/.test(n) ? '' : x < 0 ? '−' : '+';
  if (unit === '$') return `${sign}$${n}`;
  return `${sign}${n}${unit && !COUNT_UNITS.has(unit) ? ` ${unit}` : ''}`;
}

function pctText(p: number | null): string {
  if (p === null) return '';
  const n = Math.abs(p) >= 0.1 || p === 0 ? Math.abs(p).toFixed(1) : Math.abs(p).toPrecision(1);
  return `${p > 0 ? '+' : p < 0 ? '−' : ''}${n} %`;
}

function kpiRow(c: KpiComparison): string[] {
  const better = c.better === 'a' ? 'A' : c.better === 'b' ? 'B' : c.better === 'same' ? '=' : '';
  return [c.label, kpiText(c.a, c.key, c.unit), kpiText(c.b, c.key, c.unit), kpiText(c.diff, c.key, c.diff_unit, true), pctText(c.diff_pct), better];
}

/** A value as its file wrote it, on one line: quantities and ids bare, other text quoted, long text cut. */
export function writtenValue(v: unknown, max = 100): string {
  let s: string;
  if (typeof v === 'string') s = /^[-+]?[0-9.]/.test(v) || !/[\s"]/.test(v) ? v : JSON.stringify(v);
  else if (Array.isArray(v)) s = `[${v.map((x) => writtenValue(x, Infinity)).join(', ')}]`;
  else if (v !== null && typeof v === 'object') s = `{ ${Object.entries(v).map(([k, x]) => `${k}: ${writtenValue(x, Infinity)}`).join(', ')} }`;
  else s = String(v);
  return s.length > max ? `${s.slice(0, max - 20)}… (${s.length} characters)` : s;
}

const verdictLines = (tag: string, s: CompareSide) =>
  s.violations.length ? [`  ${tag}: LIMITS VIOLATED`, ...s.violations.map((v) => `       ${v.limit}: ${v.message}`)] : [`  ${tag}: all stated limits held`];

/** `dctwin compare`: the two runs, their KPIs side by side, each limits verdict, and what differs between the files. */
export function compareSummary(r: CompareResult): string {
  const files = [r.a.file, r.b.file];
  const fw = Math.max(...files.map((f) => f.length));
  const head = ([['A', r.a], ['B', r.b]] as const).map(([tag, s]) =>
    `${tag}  ${s.file.padEnd(fw)}  ${s.name}  (seed ${s.seed}, ${(s.duration_s / 3600).toFixed(2)} h)`);
  const header = ['KPI', 'A', 'B', 'B − A', '%', 'better'];
  const rows = r.kpis.filter((c) => c.a !== null || c.b !== null).map(kpiRow);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => ('  ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('   ')).trimEnd();
  const out = [...head, ''];
  if (r.a.duration_s !== r.b.duration_s) out.push('  the runs differ in length: totals (energy, water, cost) are not comparable; use --until', '');
  out.push(line(header), ...rows.map(line), '', 'limits:', ...verdictLines('A', r.a), ...verdictLines('B', r.b), '');
  const d = r.differences;
  if (!d.length) out.push('the files do not differ (comments, key order and the spelling of units aside)');
  else {
    out.push(`${d.length} difference${d.length > 1 ? 's' : ''} between the files (A → B):`);
    for (const x of d) {
      out.push(x.change === 'changed' ? `  ${x.path}: ${writtenValue(x.a)} → ${writtenValue(x.b)}`
        : `  ${x.path}: ${x.change}  ${writtenValue(x.change === 'added' ? x.b : x.a)}`);
    }
  }
  return out.join('\n') + '\n';
}
