/**
 * Headline numbers: PUE over the period (energy-based, ISO/IEC 30134-2), IT power at the cursor, peak
 * temperatures and alarm counts. From the report when the run is done; while it streams, PUE is the
 * energy ratio of the frames so far (marked "so far").
 */
import { useStore } from '../state/store';
import { app } from '../state/session';
import { useCursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { num } from '../format';

function pueSoFar(): number | null {
  let it = 0, facility = 0;
  for (let i = 0; i < frames.count; i++) { it += frames.itPower[i]!; facility += frames.facilityPower[i]!; }
  return it > 0 ? facility / it : null;
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
  return (
    <div className={`kpis${stale ? ' stale' : ''}`} title={stale ? 'These results were computed before your last edit: run again.' : undefined}>
      <div className="kpi" title="Power usage effectiveness: facility energy / IT energy over the period">
        <span>PUE{!k && pue !== null ? ' so far' : ''}</span><b data-testid="kpi-pue">{pue === null ? '—' : num(pue, 3)}</b>
      </div>
      <div className="kpi" title="IT power at the time cursor">
        <span>IT</span><b data-testid="kpi-it">{f >= 0 ? `${num(frames.itPower[f]! / 1000, 2)} MW` : '—'}</b>
      </div>
      <div className="kpi" title="Facility power at the time cursor">
        <span>Facility</span><b>{f >= 0 ? `${num(frames.facilityPower[f]! / 1000, 2)} MW` : '—'}</b>
      </div>
      <div className="kpi" title="Peak rack coolant temperature over the run">
        <span>Peak coolant</span><b>{k?.peak_rack_coolant_c != null ? `${num(k.peak_rack_coolant_c)} °C` : '—'}</b>
      </div>
      <div className="kpi" title="Peak rack inlet air over the run">
        <span>Peak inlet</span><b>{k ? `${num(k.peak_rack_inlet_c)} °C` : '—'}</b>
      </div>
      <div className="kpi" title="Racks throttled / tripped at least once">
        <span>Throttled / tripped</span><b className={k && k.racks_tripped > 0 ? 'bad' : ''}>{k ? `${k.racks_throttled} / ${k.racks_tripped}` : '—'}</b>
      </div>
      <div className="kpi" title="Major and critical alarms (all alarms)">
        <span>Alarms</span><b data-testid="kpi-alarms" className={serious > 0 ? 'bad' : ''}>{report ? `${serious} (${report.alarms.length})` : sim === 'running' ? '…' : '—'}</b>
      </div>
    </div>
  );
}
