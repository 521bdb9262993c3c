/**
 * Headline numbers: PUE over the period (energy-based, ISO/IEC 30134-2), IT and facility power at the
 * instant shown (its time is the "at" KPI), peak temperatures, racks affected, alarm counts and the limits
 * verdict. From the report when the run is done; while it streams, PUE is the energy ratio of the frames
 * so far (marked "so far"). Each value has a `kpi-…` testid.
 */
import { useStore } from '../state/store';
import { app } from '../state/session';
import { useCursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { clock, num } from '../format';
import { limitsVerdict } from './results';

function pueSoFar(): number | null {
  let it = 0, facility = 0;
  for (let i = 0; i < frames.count; i++) { it += frames.itPower[i]!; facility += frames.facilityPower[i]!; }
  return it > 0 ? facility / it : null;
}

function Kpi({ id, label, title, value, bad = false }: { id: string; label: string; title: string; value: string; bad?: boolean }) {
  return (
    <div className="kpi" title={title}>
      <span>{label}</span><b data-testid={`kpi-${id}`} className={bad ? 'bad' : ''}>{value}</b>
    </div>
  );
}

export function Kpis() {
  const report = useStore(app, (s) => s.report);
  const sim = useStore(app, (s) => s.sim);
  const stale = useStore(app, (s) => s.resultsStale);
  useStore(app, (s) => s.framesVersion);
  const t = useCursor(8);
  const f = frames.frameAt(t);
  const k = report?.kpis;
  const pue = k ? k.pue : frames.count > 0 ? pueSoFar() : null;
  const serious = report ? report.alarms.filter((a) => a.severity === 'major' || a.severity === 'critical').length : 0;
  const verdict = report ? limitsVerdict(report) : null;
  return (
    <div className={`kpis${stale ? ' stale' : ''}`} data-testid="kpis" title={stale ? 'These results were computed before your last edit: run again.' : undefined}>
      <Kpi id="limits" label="Limits" title={verdict?.detail ?? 'The limits the scenario states, checked when a run completes'}
        value={verdict ? verdict.short : '—'} bad={!!verdict && !verdict.ok} />
      <Kpi id="pue" label={`PUE${!k && pue !== null ? ' so far' : ''}`} title="Power usage effectiveness: facility energy / IT energy over the period" value={pue === null ? '—' : num(pue, 3)} />
      <Kpi id="at" label="At" title="The instant the hall, the inspector, the charts' cursor and the IT and facility KPIs show" value={f >= 0 ? clock(frames.t[f]!) : '—'} />
      <Kpi id="it" label="IT" title="IT power at the instant shown" value={f >= 0 ? `${num(frames.itPower[f]! / 1000, 2)} MW` : '—'} />
      <Kpi id="facility" label="Facility" title="Facility power at the instant shown" value={f >= 0 ? `${num(frames.facilityPower[f]! / 1000, 2)} MW` : '—'} />
      <Kpi id="peak-coolant" label="Peak coolant" title="Peak rack coolant temperature over the run" value={k?.peak_rack_coolant_c != null ? `${num(k.peak_rack_coolant_c)} °C` : '—'} />
      <Kpi id="peak-inlet" label="Peak inlet" title="Peak rack inlet air over the run" value={k ? `${num(k.peak_rack_inlet_c)} °C` : '—'} />
      <Kpi id="racks" label="Throttled / tripped" title="Racks throttled / tripped at least once" value={k ? `${k.racks_throttled} / ${k.racks_tripped}` : '—'} bad={!!k && k.racks_tripped > 0} />
      <Kpi id="alarms" label="Alarms" title="Major and critical alarms (all alarms)" value={report ? `${serious} (${report.alarms.length})` : sim === 'running' ? '…' : '—'} bad={serious > 0} />
    </div>
  );
}
