/** The text of `dctwin annual`: the year's KPIs, its peak conditions and the monthly table. */
import type { AnnualResult, HourStamp, HoursTotals } from '../analysis/annual';

const fmt = (x: number | null, d = 1) => (x === null ? '—' : x.toFixed(d));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const when = (s: HourStamp) => `${s.day} ${MONTHS[s.month - 1]} ${String(s.hour - 1).padStart(2, '0')}:00–${String(s.hour).padStart(2, '0')}:00`;
const mwh = (kwh: number) => (kwh / 1000).toFixed(1);

/** With heat reuse, three more columns: heat exported (MWh), ERE and ERF. */
const reuseCells = (t: HoursTotals) => (t.heat_exported_kwh === undefined ? '' : `  ${mwh(t.heat_exported_kwh).padStart(10)} ${fmt(t.ere ?? null, 3).padStart(6)} ${fmt(t.erf ?? null, 3).padStart(6)}`);

export function annualSummary(r: AnnualResult, wallS: number): string {
  const a = r.annual, p = r.peaks, w = r.weather;
  const reuse = a.heat_exported_kwh !== undefined;
  const site = w.source === 'epw' ? `EPW ${w.site ?? '(no site name)'}${w.latitude !== null ? ` (${w.latitude}°, ${w.longitude}°, ${w.elevation_m} m)` : ''}` : "the scenario's weather on a plain year";
  const lines = [
    `${r.scenario}  (${a.hours.toFixed(0)} h at hourly weather from ${site}, simulated in ${wallS.toFixed(1)} s, ${r.report.steps} steps)`,
    '',
    `  PUE                ${fmt(a.pue, 3)}     WUE ${fmt(a.wue_l_per_kwh, 3)} L/kWh (${fmt(a.water_l / 1000, 1)} m³ of water)`,
    ...(reuse ? [`  heat reuse         ${mwh(a.heat_exported_kwh!)} MWh exported     ERE ${fmt(a.ere ?? null, 3)}     ERF ${fmt(a.erf ?? null, 3)}`] : []),
    `  energy             IT ${mwh(a.it_energy_kwh)} MWh     facility ${mwh(a.facility_energy_kwh)} MWh     cooling ${mwh(a.cooling_energy_kwh)} MWh`,
    `  free cooling       ${a.free_cooling_hours.toFixed(0)} h without chillers, ${a.partial_free_cooling_hours.toFixed(0)} h with chillers trimming`,
    `  hottest hour       ${when(p.hottest_hour)}: ${fmt(p.hottest_hour.dry_bulb_c)} °C dry bulb, ${fmt(p.hottest_hour.wet_bulb_c)} °C wet bulb, PUE ${fmt(p.hottest_hour.pue, 3)}`,
    `  most humid hour    ${when(p.most_humid_hour)}: ${fmt(p.most_humid_hour.wet_bulb_c)} °C wet bulb, ${fmt(p.most_humid_hour.dry_bulb_c)} °C dry bulb, PUE ${fmt(p.most_humid_hour.pue, 3)}`,
    `  peak PUE hour      ${p.pue_hour ? `${when(p.pue_hour)}: PUE ${p.pue_hour.pue.toFixed(3)} at ${fmt(p.pue_hour.dry_bulb_c)} °C dry bulb` : '—'}`,
    `  peak FWS supply    ${fmt(p.fws_supply.fws_supply_c, 2)} °C in ${when(p.fws_supply)} (${fmt(p.fws_supply.dry_bulb_c)} °C dry bulb)`,
    '',
    `  month  hours  IT MWh  facility MWh    PUE   water m³    WUE  free-cool h  partial h  dry bulb mean/max °C${reuse ? '  reused MWh    ERE    ERF' : ''}`,
  ];
  for (const m of r.months) {
    lines.push(`  ${m.name.padEnd(5)} ${m.hours.toFixed(0).padStart(5)} ${mwh(m.it_energy_kwh).padStart(7)} ${mwh(m.facility_energy_kwh).padStart(13)} ${fmt(m.pue, 3).padStart(6)} ${(m.water_l / 1000).toFixed(1).padStart(10)} ${fmt(m.wue_l_per_kwh, 3).padStart(6)} ${m.free_cooling_hours.toFixed(0).padStart(12)} ${m.partial_free_cooling_hours.toFixed(0).padStart(10)}  ${`${fmt(m.mean_dry_bulb_c).padStart(6)} / ${fmt(m.max_dry_bulb_c)}`.padEnd(reuse ? 20 : 0)}${reuseCells(m)}`);
  }
  lines.push(`  ${'year'.padEnd(5)} ${a.hours.toFixed(0).padStart(5)} ${mwh(a.it_energy_kwh).padStart(7)} ${mwh(a.facility_energy_kwh).padStart(13)} ${fmt(a.pue, 3).padStart(6)} ${(a.water_l / 1000).toFixed(1).padStart(10)} ${fmt(a.wue_l_per_kwh, 3).padStart(6)} ${a.free_cooling_hours.toFixed(0).padStart(12)} ${a.partial_free_cooling_hours.toFixed(0).padStart(10)}${reuse ? ' '.repeat(22) + reuseCells(a) : ''}`);
  for (const n of w.notes) lines.push(`  weather: ${n}`);
  for (const x of r.report.warnings) lines.push(`  warning: ${x}`);
  const rep = r.report;
  if (rep.violations.length) {
    lines.push('', '  LIMITS VIOLATED:');
    for (const v of rep.violations) lines.push(`    ${v.limit}: ${v.message}`);
  } else lines.push('', `  all stated limits held (${rep.alarms.length} alarms; see --json)`);
  return lines.join('\n') + '\n';
}
