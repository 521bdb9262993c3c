/**
 * What the app knows about one component at the cursor: its kind, parameters as the scenario wrote
 * them, and live values from the frames. Shared by the tooltip and the inspector.
 */
import type { HallLayout } from '../worker/protocol';
import type { FrameBuffer } from './frameBuffer';
import { equipmentState } from './equipmentStates';
import { asArray, asObject, isObject, rawCdus, rawRows, type RawObject } from '../scenario/raw';
import { rackState } from '../twin/metrics';

export interface Reading { label: string; value: string }

export interface ComponentInfo {
  id: string;
  kind: string;
  /** Where the parameters come from in the scenario (for the inspector's heading). */
  source: string;
  params: Reading[];
  live: Reading[];
  state: string;
}

const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');
const show = (v: unknown): string => (isObject(v) ? Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ') : Array.isArray(v) ? v.map(show).join(', ') : String(v));
const entries = (o: RawObject | undefined, skip: string[] = ['id']): Reading[] =>
  Object.entries(o ?? {}).filter(([k]) => !skip.includes(k)).map(([k, v]) => ({ label: k.replace(/_/g, ' '), value: show(v) }));

function findById(list: unknown, id: string): RawObject | undefined {
  return asArray(list).map(asObject).find((o) => o?.id === id);
}

export function describeComponent(id: string, layout: HallLayout, raw: RawObject | null, fb: FrameBuffer, t: number): ComponentInfo | null {
  const hasFrames = fb.count > 0 && fb.shape.racks === layout.racks.length;
  const f = hasFrames ? fb.frameAt(t) : -1;
  const r = layout.racks.findIndex((x) => x.id === id);
  if (r >= 0) {
    const rack = layout.racks[r]!;
    const row = raw ? rawRows(raw).find((x) => x.id === rack.row) : undefined;
    const listed = asArray(row?.racks).map(asObject).find((x) => x?.id === id);
    const typeName = (listed?.type ?? row?.type) as string | undefined;
    const type = typeName ? asObject(asObject(raw?.rack_types)?.[typeName]) : undefined;
    const tank = raw ? findById(asObject(raw.hall)?.immersion_tanks, id) : undefined;
    const params: Reading[] = [
      { label: 'cooling', value: rack.cooling },
      { label: 'design power', value: `${f1(rack.designPowerKw)} kW` },
      { label: 'GPUs', value: String(rack.gpus) },
      { label: 'row', value: rack.row || '—' },
      { label: 'CDU', value: layout.cdus[rack.cdu]?.id ?? '—' },
      ...(typeName ? [{ label: 'rack type', value: typeName }] : []),
      ...entries(type, ['description', 'power', 'gpus', 'cooling']),
      ...entries(listed, ['id', 'type', 'cdu']),
      ...entries(tank, ['id', 'gpus']),
    ];
    const live: Reading[] = [];
    let state = 'no results';
    if (f >= 0) {
      const i = f * fb.shape.racks + r;
      state = rackState(fb, f, r);
      const power = fb.rackPower[i]!;
      live.push(
        { label: rack.cooling === 'air' ? 'inlet air' : rack.cooling === 'immersion' ? 'bath' : 'coolant', value: `${f1(fb.rackTemperature[i]!)} °C` },
        { label: 'inlet air (hall, hottest row)', value: `${f1(fb.hallAir[f]!)} °C` },
        { label: 'IT power', value: `${f1(power)} kW` },
        // A rack that is off has no headroom to offer, whatever it draws (0 kW).
        { label: 'headroom', value: state === 'tripped' || state === 'failed' || state === 'unpowered' ? `— (${state})` : rack.designPowerKw > 0 ? `${f1(100 * (1 - power / rack.designPowerKw))} %` : '—' },
      );
      if (rack.cdu >= 0) live.push({ label: 'CDU supply', value: `${f1(fb.cduSupply[f * fb.shape.cdus + rack.cdu]!)} °C` });
    }
    return { id, kind: rack.cooling === 'immersion' ? 'Immersion tank' : 'Rack', source: typeName ? `rack type ${typeName}` : 'rack', params, live, state };
  }

  const c = layout.cdus.findIndex((x) => x.id === id);
  if (c >= 0) {
    const cdu = layout.cdus[c]!;
    const spec = raw ? rawCdus(raw).find((x) => x.id === id) : undefined;
    const fed = layout.racks.filter((x) => x.cdu === c);
    const params: Reading[] = [
      { label: 'capacity', value: `${f1(cdu.capacityKw)} kW` },
      { label: 'feeds', value: `${fed.length} ${cdu.immersion ? 'tank' : 'racks'}${fed.length ? ` (${[...new Set(fed.map((x) => x.row || x.id))].join(', ')})` : ''}` },
      ...entries(spec, ['id', 'capacity']),
    ];
    const live: Reading[] = [];
    if (f >= 0) {
      const i = f * fb.shape.cdus + c;
      live.push(
        { label: 'TCS supply', value: `${f1(fb.cduSupply[i]!)} °C` },
        { label: 'TCS return', value: `${f1(fb.cduReturn[i]!)} °C` },
        { label: 'flow', value: `${f1(100 * fb.cduFlow[i]!)} % of design` },
        { label: 'FWS supply', value: `${f1(fb.fwsSupply[f]!)} °C` },
      );
    }
    return { id, kind: cdu.immersion ? 'Tank heat exchanger' : 'CDU', source: 'cdus', params, live, state: f >= 0 ? equipmentState(fb, layout, id, f) ?? 'normal' : 'no results' };
  }

  const plant = asObject(raw?.plant);
  const hall = asObject(raw?.hall);
  const lookups: [string, unknown, string][] = [
    ['CRAH', hall?.crahs, 'hall.crahs'],
    ['Chiller', plant?.chillers, 'plant.chillers'],
    ['Free cooler', plant?.free_cooling, 'plant.free_cooling'],
    ['UPS', asObject(raw?.power)?.ups, 'power.ups'],
    ['Generator', asObject(raw?.power)?.generators, 'power.generators'],
    ['Utility feed', asObject(raw?.power)?.utilities, 'power.utilities'],
    ['Bus (ATS)', asObject(raw?.power)?.buses, 'power.buses'],
    ['Distribution', asObject(raw?.power)?.distribution, 'power.distribution'],
  ];
  const b = layout.batteries.findIndex((x) => x.id === id);
  if (b >= 0) {
    const bat = layout.batteries[b]!;
    const live: Reading[] = [];
    if (f >= 0 && b < fb.shape.batteries) {
      const k = f * fb.shape.batteries + b, p = fb.batteryPower[k]!;
      live.push(
        { label: 'state of charge', value: `${f1(100 * fb.batterySoc[k]!)} % (${f1(fb.batterySoc[k]! * bat.energyKwh)} kWh)` },
        { label: 'power', value: Math.abs(p) < 0.05 ? 'idle' : p > 0 ? `discharging ${f1(p)} kW` : `charging ${f1(-p)} kW` },
        { label: 'holds its bus at', value: `${f1(bat.limitKw)} kW` },
      );
    }
    const spec = findById(asObject(raw?.power)?.batteries, id);
    return { id, kind: 'Battery storage', source: 'power.batteries', params: entries(spec), live, state: f >= 0 ? equipmentState(fb, layout, id, f) ?? 'normal' : 'no results' };
  }
  for (const [kind, list, source] of lookups) {
    const spec = findById(list, id);
    if (!spec) continue;
    const live: Reading[] = f >= 0 ? [{ label: 'FWS supply (plant)', value: `${f1(fb.fwsSupply[f]!)} °C` }, { label: 'hall inlet air', value: `${f1(fb.hallAir[f]!)} °C` }] : [];
    const p = layout.power.findIndex((x) => x.id === id && x.kind === 'ups');
    if (f >= 0 && p >= 0 && p < fb.shape.power && Number.isFinite(fb.upsSoc[f * fb.shape.power + p]!)) live.unshift({ label: 'battery', value: `${f1(100 * fb.upsSoc[f * fb.shape.power + p]!)} % charged` });
    return { id, kind, source, params: entries(spec), live, state: f >= 0 ? equipmentState(fb, layout, id, f) ?? 'normal' : 'no results' };
  }
  const heat = asObject(raw?.heat_reuse);
  if (heat && heat['id'] === id) {
    return { id, kind: 'Heat recovery', source: 'heat_reuse', params: entries(heat), live: [], state: f >= 0 ? equipmentState(fb, layout, id, f) ?? 'normal' : 'no results' };
  }
  if (id === 'storage' && plant?.storage) {
    return { id, kind: 'Thermal storage', source: 'plant.storage', params: entries(asObject(plant.storage)), live: [], state: 'normal' };
  }
  return null;
}
