/**
 * One resource of a headroom answer as a bar: the load in its worst case against that case's capacity
 * (the fill and the limit line), the healthy (N) load as a tick. Temperatures are drawn over the 25 K
 * below their limit (a bar from 0 °C would hide every margin); the numbers say the rest.
 */
import { num } from '../format';
import type { HeadroomResource } from '../worker/protocol';

const KIND_LABELS: Record<string, string> = {
  space: 'space', design: 'design check', power: 'power', generator: 'generator', cdu_duty: 'CDU duty', cdu_flow: 'CDU flow', plant: 'heat rejection',
  crah: 'CRAHs', rack_coolant: 'rack coolant', rack_inlet: 'rack inlet', tcs_supply: 'TCS supply', fws_supply: 'FWS supply', floor: 'floor', feed: 'feed',
};
export const kindLabel = (k: string) => KIND_LABELS[k] ?? k.replace(/_/g, ' ');

/** Temperatures: the bar spans this far below the limit. */
const TEMPERATURE_SPAN_K = 25;

export function ResourceBar({ res, binding }: { res: HeadroomResource; binding: boolean }) {
  const temperature = res.unit === 'K';
  const unit = temperature ? '°C' : res.unit;
  const digits = res.unit === 'kg' ? 0 : 1;
  const lo = temperature ? Math.min(res.capacity, res.n.capacity) - TEMPERATURE_SPAN_K : 0;
  const hi = Math.max(res.capacity, res.n.capacity, res.load, res.n.load, lo + 1e-9);
  const at = (v: number) => `${Math.max(0, Math.min(100, ((v - lo) / (hi - lo)) * 100))}%`;
  const over = res.headroom < 0;
  const pct = res.headroom_pct;
  return (
    <li className={`resource${binding ? ' binding' : ''}${over ? ' over' : ''}`} data-testid="headroom-resource" data-kind={res.kind} data-element={res.element} data-binding={binding}
      title={`${res.element} ${kindLabel(res.kind)}: worst case "${res.case}"`}>
      <div className="resource-head">
        <b>{res.element}</b> <span className="muted">{kindLabel(res.kind)}</span>
        <span className="resource-left mono">{num(res.headroom, digits)} {temperature ? 'K' : res.unit}{pct !== null ? ` · ${num(pct, 1)} %` : ''} left</span>
      </div>
      <div className="resource-bar" aria-hidden="true">
        <div className="resource-fill" style={{ width: at(res.load) }} />
        {res.n.capacity !== res.capacity && <div className="resource-cap n" style={{ left: at(res.n.capacity) }} />}
        <div className="resource-cap" style={{ left: at(res.capacity) }} />
        <div className="resource-n" style={{ left: at(res.n.load) }} />
      </div>
      <div className="resource-text muted small">
        <span className="mono">{num(res.load, digits)} / {num(res.capacity, digits)} {unit}</span> in {res.case}
        {(res.n.load !== res.load || res.n.capacity !== res.capacity) && <> · healthy <span className="mono">{num(res.n.load, digits)} / {num(res.n.capacity, digits)}</span></>}
      </div>
    </li>
  );
}
