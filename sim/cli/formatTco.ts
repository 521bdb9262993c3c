/** The TCO as a finance reader reads it: what it costs, per delivered GPU-hour, against the cloud. */
import type { TcoResult } from '../analysis/tco';

const money = (x: number) => Math.round(x).toLocaleString('en-US');
const rate = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));
const pct = (x: number) => `${(100 * x).toFixed(x > 0.999 && x < 1 ? 4 : 1)} %`;

export function tcoSummary(r: TcoResult): string {
  const b = r.basis, a = r.annual;
  const av = b.availability;
  const lines = [
    `${r.scenario}: total cost of ownership (per year of 365.25 days; the scenario's currency)`,
    `  basis: ${b.racks} racks, ${b.gpus} GPUs, ${b.it_design_mw.toFixed(2)} MW IT design; run of ${(b.run_s / 3600).toFixed(1)} h at PUE ${b.pue.toFixed(3)}, mean IT ${b.it_power_kw.toFixed(0)} kW (idle ${b.idle_it_power_kw.toFixed(0)} kW)`,
    `  availability ${pct(av.value)} (${av.source === 'montecarlo' ? `Monte Carlo, ${av.replicates} replicates${av.ci95 ? `, 95 % CI ${pct(av.ci95[0])} … ${pct(av.ci95[1])}` : ''}` : 'the plain run'}), utilisation ${pct(b.utilisation.value)} (${b.utilisation.source}), energy ${b.energy_price_per_kwh.toFixed(3)} per kWh${b.energy_price_source === 'tariff' ? ' (tariff, mean over the run)' : ''}`,
    '',
    `  capital ${money(r.capex.total)} (facility ${money(r.capex.facility)}, GPUs ${money(r.capex.gpu)}), residual ${money(r.capex.residual)}, life ${r.capex.life_years.toFixed(1)} years at ${pct(r.capex.interest_rate)}`,
    `  per year: capital ${money(a.capital)} + energy ${money(a.energy)} + water ${money(a.water)} + maintenance ${money(a.maintenance)} + staff ${money(a.staff)} + other ${money(a.other_opex)}${a.heat_credit !== undefined ? ` − heat credit ${money(a.heat_credit)}` : ''} = ${money(a.total)}`,
    `  delivered ${money(r.delivered_gpu_hours_per_year)} GPU-hours a year; facility energy ${money(r.facility_energy_kwh_per_year)} kWh a year`,
    '',
    `  COST PER DELIVERED GPU-HOUR: ${rate(r.cost_per_gpu_hour)}${r.cost_per_1k_tokens !== null ? `     per 1k tokens: ${r.cost_per_1k_tokens.toPrecision(4)}` : ''}     over the life: ${money(r.total_over_life)}`,
  ];
  if (r.cloud) {
    const c = r.cloud;
    lines.push(`  cloud at ${c.price_per_gpu_hour} per GPU-hour: ${money(c.cost_per_year)} a year for the same hours; ${c.saving_per_year >= 0 ? `owning saves ${money(c.saving_per_year)}` : `owning costs ${money(-c.saving_per_year)} more`} a year`);
    const y = r.cumulative.crossover_year;
    lines.push(`  cumulative over the life: own ${money(r.cumulative.own[r.cumulative.own.length - 1]!)}, cloud ${money(r.cumulative.cloud![r.cumulative.cloud!.length - 1]!)}; ${y === null ? 'the cloud stays cheaper over the whole life' : y >= r.capex.life_years - 1e-9 ? 'owning catches up only when the residual value comes back at the end of the life' : `owning overtakes the cloud after ${y.toFixed(1)} years`}`);
    lines.push(`  break-even utilisation: ${c.break_even_utilisation === null ? 'none (the cloud price is below the marginal cost)' : c.break_even_utilisation > 1 ? `${pct(c.break_even_utilisation)} (above 100 %: not reachable)` : pct(c.break_even_utilisation)}`);
  }
  const s = r.sensitivity;
  lines.push('', '  cost per delivered GPU-hour by energy price (rows, per kWh) and utilisation (columns):');
  const head = ['', ...s.utilisations.map((u) => `${(100 * u).toFixed(0)} %`)];
  const body = s.cost_per_gpu_hour.map((row, i) => [s.energy_prices_per_kwh[i]!.toFixed(3), ...row.map((v) => `${rate(v)}${r.cloud && v <= r.cloud.price_per_gpu_hour ? '*' : ''}`)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((x) => x[i]!.length)));
  for (const row of [head, ...body]) lines.push('    ' + row.map((c, i) => c.padStart(widths[i]!)).join('  '));
  if (r.cloud) lines.push(`    * at or below the cloud price`);
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n') + '\n';
}
