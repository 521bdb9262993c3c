/** The headroom answer as a planner reads it: what fits, where, what binds, every resource's margin. */
import type { HeadroomResult } from '../analysis/headroom';

const UNIT_WORD: Record<string, string> = { kW: 'kW', 'L/s': 'L/s', K: 'K', kg: 'kg' };

export function headroomSummary(r: HeadroomResult): string {
  const p = r.profile;
  const lines = [
    `${r.scenario}: expansion headroom for ${p.type} (${p.power_kw} kW, ${p.gpus} GPUs${p.weight_kg !== null ? `, ${p.weight_kg} kg` : ''})`,
    `  design condition: ${r.design_condition.dry_bulb_c} °C dry bulb, ${r.design_condition.wet_bulb_c} °C wet bulb, every rack at design power; ${r.cases.length} cases (healthy and each stated redundancy)`,
    '',
    `  ADDED: ${r.added} of ${r.spare_positions} spare positions (${r.added_kw} kW)${r.positions.length ? `: ${compact(r.positions)}` : ''}`,
  ];
  if (r.binding) lines.push(`  BINDING: ${r.binding.resource === 'space' ? 'space — every spare position is taken' : `${r.binding.element} (${r.binding.resource}) in case "${r.binding.case}": ${r.binding.message}`}`);
  if (r.already_short) lines.push('  the design as it stands already fails that case');
  if (r.rows.length) {
    lines.push('', '  rows:');
    for (const row of r.rows) lines.push(`    ${row.row.padEnd(12)} ${String(row.added).padStart(3)} of ${String(row.spare).padEnd(3)} ${row.stopped_by ? `stopped by ${row.stopped_by.element} (${row.stopped_by.resource}) in "${row.stopped_by.case}"` : ''}`);
  }
  const header = ['resource', 'element', 'load', 'capacity', 'headroom', '%', 'worst case', 'healthy load'];
  const rows = r.resources.map((x) => [
    x.kind, x.element, `${x.load} ${UNIT_WORD[x.unit]}`.replace(' K', x.unit === 'K' ? ' °C' : ' K'), `${x.capacity} ${x.unit === 'K' ? '°C' : x.unit}`,
    `${x.headroom} ${x.unit}`, x.headroom_pct === null ? '' : `${x.headroom_pct}`, x.case, `${x.n.load}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => '    ' + cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  lines.push('', '  resources (least headroom first; temperatures: load is the steady state, capacity the limit):', line(header), ...rows.map(line));
  if (r.stranded.length) {
    lines.push('', `  stranded (installed, unusable because ${r.stranded[0]!.because}):`);
    lines.push('    ' + r.stranded.map((s) => `${s.element} ${s.kind} ${s.headroom} ${s.unit}`).join('; '));
  }
  if (r.transient) {
    lines.push('', `  in time (each failure at ${(r.transient.cases[0]?.failed_at_s ?? 0) / 3600} h, every rack at design power): ${r.transient.held ? 'every case held' : 'NOT every case held'}`);
    for (const c of r.transient.cases) {
      const what = c.held ? 'held' : `${c.racks_throttled} throttled, ${c.racks_tripped} tripped${c.violations.length ? `, breaks ${c.violations.join(', ')}` : ''}`;
      lines.push(`    ${c.case.padEnd(40)} ${what}${c.first_limit ? `  (${c.first_limit.kind} after ${c.first_limit.after_s} s)` : ''}  peak coolant ${c.peak_rack_coolant_c ?? '—'} °C, FWS ${c.peak_fws_supply_c} °C`);
    }
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return lines.join('\n') + '\n';
}

/** "row-A-09 … row-A-11, row-B-09" — runs of one row shortened. */
function compact(ids: string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 4).join(', ')}, … ${ids.slice(-2).join(', ')}`;
}
