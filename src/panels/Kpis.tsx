/**
 * Headline numbers: PUE over the period (energy-based, ISO/IEC 30134-2), IT and facility power at the
 * instant shown (its time is the "at" KPI), peak temperatures, racks affected, alarm counts and the limits
 * verdict, and beside PUE, for a hall that exports heat, ERE and ERF. From the report when the run is done; while it streams, PUE is the energy ratio of the frames
 * so far (marked "so far"). Each value has a `kpi-…` testid.
 */
import { useStore } from '../state/store';
import { app } from '../state/session';
import { useCursor } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { clock, num } from '../format';
import { limitsVerdict } from './results';
import { baseline, baselineTitle, unpinBaseline } from '../state/baseline';
import { compareKpis, type KpiComparison } from '../../sim/analysis/kpiCompare';

function pueSoFar(): number | null {
  let it = 0, facility = 0;
  for (let i = 0; i < frames.count; i++) { it += frames.itPower[i]!; facility += frames.facilityPower[i]!; }
  return it > 0 ? facility / it : null;
}

/** A difference from the baseline: its text, and whether the current run is the better one. */
interface Delta { text: string; tone: 'better' | 'worse' | '' }

function Kpi({ id, label, title, value, bad = false, delta }: { id: string; label: string; title: string; value: string; bad?: boolean; delta?: Delta | null }) {
  return (
    <div className="kpi" title={title}>
      <span>{label}</span><b data-testid={`kpi-${id}`} className={bad ? 'bad' : ''}>{value}</b>
      {delta && <small data-testid={`kpi-${id}-delta`} className={`delta ${delta.tone}`} title="difference from the baseline (this run − baseline)">{delta.text}</small>}
    </div>
  );
}

/** "+1.5", "−0.2", "0.0": a difference with its sign (a true minus). */
const signed = (v: number, digits: number) => {
  const s = num(Math.abs(v), digits);
  return /^[0.,]+$/.test(s) ? s : `${v < 0 ? '−' : '+'}${s}`;
};
const tone = (c: KpiComparison | undefined): Delta['tone'] => (c?.better === 'b' ? 'better' : c?.better === 'a' ? 'worse' : '');
const delta = (c: KpiComparison | undefined, digits: number, unit = ''): Delta | null =>
  c && c.diff !== null ? { text: `${signed(c.diff, digits)}${unit}`, tone: tone(c) } : null;

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
  const base = useStore(baseline, (s) => s.pinned);
  const cmp = base && report ? Object.fromEntries(compareKpis(base.report, report).map((c) => [c.key, c])) : null;
  // IT and facility power: the baseline's frame at the same simulated instant, while its run lasted that long.
  const bf = base && f >= 0 && frames.t[f]! <= base.frames.end ? base.frames.frameAt(frames.t[f]!) : -1;
  const powerDelta = (cur: Float32Array, old: Float32Array): Delta | null => (bf >= 0 ? { text: `${signed((cur[f]! - old[bf]!) / 1000, 2)} MW`, tone: '' } : null);
  const racksDelta = cmp && cmp['racks_throttled']!.diff !== null
    ? { text: `${signed(cmp['racks_throttled']!.diff!, 0)} / ${signed(cmp['racks_tripped']!.diff!, 0)}`, tone: tone(cmp['racks_tripped']!.better === 'same' ? cmp['racks_throttled'] : cmp['racks_tripped']) } : null;
  const baseVerdict = base ? limitsVerdict(base.report) : null;
  return (
    <div className={`kpis${stale ? ' stale' : ''}`} data-testid="kpis" title={stale ? 'These results were computed before your last edit: run again.' : undefined}>
      {base && (
        <div className="kpi baseline" data-testid="baseline-label" title={`Baseline: ${base.scenarioName} — ${baselineTitle(base)}. The charts draw it dashed; the KPIs show this run − baseline.`}>
          <span>vs baseline <button className="unpin" data-testid="unpin-baseline" onClick={unpinBaseline} title="Unpin the baseline">✕</button></span>
          <b>{base.source}{base.edited ? ' (edited)' : ''}</b>
          <small>pinned {new Date(base.pinnedAt).toLocaleTimeString()}{base.stale ? ' · before later edits' : ''}</small>
        </div>
      )}
      <Kpi id="limits" label="Limits" title={verdict?.detail ?? 'The limits the scenario states, checked when a run completes'}
        value={verdict ? verdict.short : '—'} bad={!!verdict && !verdict.ok}
        delta={baseVerdict && report ? { text: `base: ${baseVerdict.short}`, tone: baseVerdict.ok === verdict!.ok ? '' : verdict!.ok ? 'better' : 'worse' } : null} />
      <Kpi id="pue" label={`PUE${!k && pue !== null ? ' so far' : ''}`} title="Power usage effectiveness: facility energy / IT energy over the period" value={pue === null ? '—' : num(pue, 3)}
        delta={delta(cmp?.['pue'], 3)} />
      {k?.heat_reuse && <>
        <Kpi id="ere" label="ERE" title="Energy reuse effectiveness (The Green Grid): (facility energy − heat reused) / IT energy" value={k.ere == null ? '—' : num(k.ere, 3)}
          delta={delta(cmp?.['ere'], 3)} />
        <Kpi id="erf" label="ERF" title="Energy reuse factor (The Green Grid): heat reused / facility energy" value={k.erf == null ? '—' : num(k.erf, 3)}
          delta={delta(cmp?.['erf'], 3)} />
      </>}
      <Kpi id="at" label="At" title="The instant the hall, the inspector, the charts' cursor and the IT and facility KPIs show" value={f >= 0 ? clock(frames.t[f]!) : '—'} />
      <Kpi id="it" label="IT" title="IT power at the instant shown" value={f >= 0 ? `${num(frames.itPower[f]! / 1000, 2)} MW` : '—'}
        delta={base ? powerDelta(frames.itPower, base.frames.itPower) : null} />
      <Kpi id="facility" label="Facility" title="Facility power at the instant shown" value={f >= 0 ? `${num(frames.facilityPower[f]! / 1000, 2)} MW` : '—'}
        delta={base ? powerDelta(frames.facilityPower, base.frames.facilityPower) : null} />
      <Kpi id="peak-coolant" label="Peak coolant" title="Peak rack coolant temperature over the run" value={k?.peak_rack_coolant_c != null ? `${num(k.peak_rack_coolant_c)} °C` : '—'}
        delta={delta(cmp?.['peak_rack_coolant_c'], 1, ' K')} />
      <Kpi id="peak-inlet" label="Peak inlet" title="Peak rack inlet air over the run" value={k ? `${num(k.peak_rack_inlet_c)} °C` : '—'}
        delta={delta(cmp?.['peak_rack_inlet_c'], 1, ' K')} />
      <Kpi id="racks" label="Throttled / tripped" title="Racks throttled / tripped at least once" value={k ? `${k.racks_throttled} / ${k.racks_tripped}` : '—'} bad={!!k && k.racks_tripped > 0}
        delta={racksDelta} />
      <Kpi id="alarms" label="Alarms" title="Major and critical alarms (all alarms)" value={report ? `${serious} (${report.alarms.length})` : sim === 'running' ? '…' : '—'} bad={serious > 0}
        delta={delta(cmp?.['alarms_serious'], 0)} />
    </div>
  );
}
