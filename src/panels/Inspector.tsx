/**
 * The right panel: the selected component's parameters (as the scenario states them) and its values at
 * the time cursor, its alarms, and actions. With nothing selected: the hall at the cursor.
 */
import { useStore } from '../state/store';
import { app, edit, select } from '../state/session';
import { useCursor, showInstant } from '../state/cursor';
import { frames } from '../state/frameBuffer';
import { describeComponent } from '../state/componentInfo';
import { addFailure, addRepair } from '../scenario/edits';
import { asObject, asText } from '../scenario/raw';
import { focusOn } from '../twin/cameraCommands';
import { clock, num } from '../format';
import { StaleBadge } from './StaleBadge';

/** The instant the inspector's values are for (a frame's time), marked when the results are stale. */
function ShownTime({ t }: { t: number }) {
  return <><span data-testid="inspector-time" data-t={t}>{clock(t)}</span> <StaleBadge where="inspector" /></>;
}

function HallSummary() {
  const layout = useStore(app, (s) => s.layout);
  const raw = useStore(app, (s) => s.raw);
  useStore(app, (s) => s.framesVersion);
  const t = useCursor(8);
  if (!layout) return null;
  const name = asText(asObject(raw?.hall)?.name);
  const f = frames.count > 0 && frames.shape.racks === layout.racks.length ? frames.frameAt(t) : -1;
  const design = layout.racks.reduce((s, r) => s + r.designPowerKw, 0);
  const cooling = { dlc: 0, air: 0, immersion: 0 };
  for (const r of layout.racks) cooling[r.cooling]++;
  return (
    <>
      <h3>{name || 'Hall'} <span className="muted">({layout.hallId})</span></h3>
      <div className="muted small">Click a rack or a piece of equipment to inspect it.</div>
      <h4>Design</h4>
      <div className="kv"><span>racks</span><span>{layout.racks.length.toLocaleString()} ({[cooling.dlc && `${cooling.dlc} DLC`, cooling.air && `${cooling.air} air`, cooling.immersion && `${cooling.immersion} immersion`].filter(Boolean).join(', ')})</span></div>
      <div className="kv"><span>design IT power</span><span>{num(design / 1000, 2)} MW</span></div>
      <div className="kv"><span>GPUs</span><span>{layout.racks.reduce((s, r) => s + r.gpus, 0).toLocaleString()}</span></div>
      <div className="kv"><span>CDUs</span><span>{layout.cdus.length} · {num(layout.cdus.reduce((s, c) => s + c.capacityKw, 0) / 1000, 2)} MW</span></div>
      <div className="kv"><span>CRAHs</span><span>{layout.crahs.length} · {num(layout.crahs.reduce((s, c) => s + c.capacityKw, 0) / 1000, 2)} MW</span></div>
      <div className="kv"><span>chillers</span><span>{layout.chillers.length} · {num(layout.chillers.reduce((s, c) => s + c.capacityKw, 0) / 1000, 1)} MW</span></div>
      <div className="kv"><span>free cooling</span><span>{layout.freeCoolers.length} · {num(layout.freeCoolers.reduce((s, c) => s + c.capacityKw, 0) / 1000, 1)} MW</span></div>
      <div className="kv"><span>thermal storage</span><span>{layout.hasStorage ? 'yes' : 'no'}</span></div>
      <h4>At <ShownTime t={f >= 0 ? frames.t[f]! : t} /></h4>
      {f >= 0 ? (
        <>
          <div className="kv"><span>IT power</span><span>{num(frames.itPower[f]! / 1000, 2)} MW</span></div>
          <div className="kv"><span>facility power</span><span>{num(frames.facilityPower[f]! / 1000, 2)} MW</span></div>
          <div className="kv"><span>rack inlet air</span><span>{num(frames.hallAir[f]!)} °C</span></div>
          <div className="kv"><span>FWS supply</span><span>{num(frames.fwsSupply[f]!)} °C</span></div>
        </>
      ) : <div className="muted small">No results yet: run the scenario.</div>}
    </>
  );
}

export function Inspector() {
  const selection = useStore(app, (s) => s.selection);
  const layout = useStore(app, (s) => s.layout);
  const raw = useStore(app, (s) => s.raw);
  const report = useStore(app, (s) => s.report);
  const running = useStore(app, (s) => s.sim === 'running');
  useStore(app, (s) => s.framesVersion);
  const t = useCursor(8);
  const info = selection && layout ? describeComponent(selection, layout, raw, frames, t) : null;
  const alarms = info && report ? report.alarms.filter((a) => a.component === info.id) : [];
  const f = frames.frameAt(t);
  return (
    <aside className="right" data-testid="inspector">
      {!info ? <HallSummary /> : (
        <>
          <div className="inspector-head">
            <h3>{info.kind} <b>{info.id}</b></h3>
            <button className="icon" onClick={() => select(null)} title="Clear the selection">✕</button>
          </div>
          <div className={`state state-${info.state}`}>{info.state}</div>
          <div className="actions">
            <button onClick={() => focusOn(info.id)}>Focus</button>
            <button
              disabled={running}
              title="Add a failure of this component at the time cursor to the scenario's events"
              onClick={() => edit((r) => addFailure(r, { component: info.id, at: `${+(Math.round(t) / 3600).toFixed(4)} h`, note: 'injected from the inspector' }))}
            >Fail at {clock(t)}</button>
          </div>
          {info.state === 'tripped' && (
            <div className="trip-note" data-testid="trip-note">
              A tripped rack restarts by itself <code>restart_after</code> (default 30 min) after its coolant and
              inlet are back below the throttle limits less the hysteresis; with <code>restart_after: never</code> it
              stays off. <button className="link" disabled={running} data-testid="restart-rack"
                onClick={() => edit((r) => addRepair(r, info.id, `${+(Math.round(t) / 3600).toFixed(4)} h`, 'restart after the trip'))}>Restart it at {clock(t)}</button>
            </div>
          )}
          <h4>Values at <ShownTime t={f >= 0 ? frames.t[f]! : t} /></h4>
          {info.live.length ? info.live.map((r) => <div key={r.label} className="kv"><span>{r.label}</span><span>{r.value}</span></div>)
            : <div className="muted small">No results yet: run the scenario.</div>}
          <h4>Parameters <span className="muted">({info.source})</span></h4>
          {info.params.map((r, i) => <div key={i} className="kv"><span>{r.label}</span><span>{r.value}</span></div>)}
          {alarms.length > 0 && (
            <>
              <h4>Alarms <span className="count">{alarms.length}</span></h4>
              <ul className="mini-alarms">
                {alarms.slice(0, 50).map((a, i) => (
                  <li key={i} className={`sev-${a.severity}`} onClick={() => showInstant(a.t_s, 'from')}>
                    <span className="mono">{clock(a.t_s)}</span> {a.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </aside>
  );
}
