/** The colour legend for the chosen metric. */
import { useState, type ReactNode } from 'react';
import type { HallLayout } from '../worker/protocol';
import type { Metric } from '../state/session';
import { CONTINUOUS, RACK_STATES } from './metrics';
import { cssGradient, FAILED_OUTLINE, OKABE_ITO } from './colorScales';
import { KIND_COLOR, STANDBY, STATE_COLOR } from './equipmentState';

/** Collapses to its title so it never has to cover the hall (narrow windows and large halls start collapsed). */
function Title({ children, open, toggle }: { children: ReactNode; open: boolean; toggle(): void }) {
  return (
    <div className="legend-title">
      {children}
      <button className="legend-toggle" data-testid="legend-toggle" onClick={toggle} aria-expanded={open} title={open ? 'Collapse the legend' : 'Expand the legend'}>{open ? '▾' : '▸'}</button>
    </div>
  );
}

export function Legend({ metric, layout, hasResults }: { metric: Metric; layout: HallLayout; hasResults: boolean }) {
  // Folded where it would cover the hall: narrow windows, and large halls whose fitted view reaches the corner.
  const [open, setOpen] = useState(() => window.innerWidth > 1200 && layout.racks.length <= 400);
  const toggle = () => setOpen(!open);
  const cls = `legend${open ? '' : ' closed'}`;
  const flow = (
    <div className="legend-pipes">
      <span className="swatch" style={{ background: OKABE_ITO.skyBlue }} /> supply
      <span className="swatch" style={{ background: OKABE_ITO.orange }} /> return
      <span className="swatch" style={{ background: '#3b4047' }} /> no flow
      <span className="swatch outline" style={{ borderColor: FAILED_OUTLINE }} /> failed / tripped
      {(layout.chillers.length > 1 || layout.batteries.length > 0) && (
        <div className="legend-equipment" data-testid="legend-equipment" title="Plant units: a chiller staged off by chiller staging, or a battery with nothing to do, stands by (in service, not running)">
          <span className="swatch" style={{ background: KIND_COLOR.chiller }} /> running
          <span className="swatch" style={{ background: STANDBY }} /> standby
          <span className="swatch" style={{ background: STATE_COLOR.restarting }} /> starting
          {layout.batteries.length > 0 && <><span className="swatch" style={{ background: STATE_COLOR.empty }} /> empty</>}
          <span className="swatch" style={{ background: STATE_COLOR.failed }} /> failed
        </div>
      )}
    </div>
  );
  if (!hasResults) {
    return (
      <div className={cls}>
        <Title open={open} toggle={toggle}>No results yet</Title>
        <div className="legend-note">Run the scenario to colour racks by {metric === 'state' ? 'state' : CONTINUOUS[metric].label.toLowerCase()}.</div>
        {flow}
      </div>
    );
  }
  if (metric === 'state') {
    return (
      <div className={cls}>
        <Title open={open} toggle={toggle}>Rack state</Title>
        {RACK_STATES.map((s) => (
          <div key={s.state} className="legend-row"><span className="swatch" style={{ background: s.color }} />{s.label}</div>
        ))}
        {flow}
      </div>
    );
  }
  const m = CONTINUOUS[metric];
  const [lo, hi] = m.domain(layout);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((u) => lo + (hi - lo) * u);
  return (
    <div className={cls}>
      <Title open={open} toggle={toggle}>{m.label} ({m.unit})</Title>
      <div className="legend-bar" style={{ background: cssGradient(m.scale) }} />
      <div className="legend-ticks">{ticks.map((v) => <span key={v}>{Math.round(v)}</span>)}</div>
      <div className="legend-note">{m.note}</div>
      <div className="legend-pipes" title="Racks that are off draw no power: they show their state, not a value on the scale">
        {RACK_STATES.filter((x) => x.state === 'tripped' || x.state === 'failed' || x.state === 'unpowered').map((x) => (
          <span key={x.state}><span className="swatch" style={{ background: x.color }} /> {x.state}</span>
        ))}
      </div>
      {flow}
    </div>
  );
}
