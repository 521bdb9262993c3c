/**
 * Probes: `<component>.<quantity>` names a series to record. The report gives temperatures in °C,
 * powers in kW, flows in L/s, water in L/h; the engine itself stays SI.
 */
import type { Plant } from '../plant/types';
import type { ThermalSolver } from '../network/solver';
import { C_TO_K } from '../scenario/defaults';

export interface Probe {
  name: string;
  unit: string;
  read(): number;
}

type Reader = { unit: string; read: () => number };

export function probeCatalog(plant: Plant, solver: ThermalSolver): Map<string, Map<string, Reader>> {
  const cat = new Map<string, Map<string, Reader>>();
  const T = solver.T, f = solver.flows, { racks, cdus, layout } = plant;
  const temp = (get: () => number): Reader => ({ unit: 'degC', read: () => get() - C_TO_K });
  const kw = (get: () => number): Reader => ({ unit: 'kW', read: () => get() / 1000 });
  for (let r = 0; r < racks.n; r++) {
    cat.set(racks.ids[r]!, new Map<string, Reader>([
      ['temperature', temp(() => T[r]!)],
      ['inlet', temp(() => solver.inlet)],
      ['power', kw(() => solver.qIt[r]!)],
      ['state', { unit: '0 normal, 1 throttled, 2 tripped', read: () => racks.state[r]! }],
    ]));
  }
  for (let c = 0; c < cdus.n; c++) {
    cat.set(cdus.ids[c]!, new Map<string, Reader>([
      ['supply', temp(() => solver.cduSupply[c]!)],
      ['return', temp(() => T[layout.cdus + c]!)],
      ['flow', { unit: 'L/s', read: () => cdus.flow[c]! * 1000 }],
      ['heat', kw(() => solver.cduHeat[c]!)],
      ['pump_power', kw(() => cdus.pumpPower[c]!)],
    ]));
  }
  cat.set(plant.hall.id, new Map<string, Reader>([
    ['air', temp(() => T[layout.air]!)],
    ['inlet', temp(() => solver.inlet)],
    ['crah_heat', kw(() => solver.crahHeat)],
    ['structure', temp(() => T[layout.structure]!)],
  ]));
  cat.set('plant', new Map<string, Reader>([
    ['fws_supply', temp(() => f.fwsSupply)],
    ['fws_return', temp(() => T[layout.fwsReturn]!)],
    ['storage', temp(() => T[layout.storage]!)],
    ['chiller_power', kw(() => f.chillerPower)],
    ['chiller_heat', kw(() => f.chillerHeat)],
    ['free_cooling_heat', kw(() => f.freeCoolingHeat)],
    ['it_power', kw(() => f.itPower)],
    ['cooling_power', kw(() => f.pumpPower + f.fanPower + f.chillerPower + f.freeCoolingFanPower)],
    ['facility_power', kw(() => f.itPower + f.pumpPower + f.fanPower + f.chillerPower + f.freeCoolingFanPower)],
    ['water', { unit: 'L/h', read: () => f.waterUse * 3600 }],
    ['dry_bulb', temp(() => f.dryBulb)],
    ['wet_bulb', temp(() => f.wetBulb)],
  ]));
  return cat;
}

/** Resolves probe names; unknown names produce a message listing what exists. */
export function resolveProbes(plant: Plant, solver: ThermalSolver, names: readonly string[]): { probes: Probe[]; errors: string[] } {
  const cat = probeCatalog(plant, solver);
  const probes: Probe[] = [];
  const errors: string[] = [];
  for (const name of names) {
    const dot = name.lastIndexOf('.');
    const comp = dot > 0 ? name.slice(0, dot) : name;
    const qty = dot > 0 ? name.slice(dot + 1) : '';
    const q = cat.get(comp);
    if (!q) { errors.push(`probe "${name}": no component "${comp}" (components: ${[...cat.keys()].slice(0, 12).join(', ')}${cat.size > 12 ? ', …' : ''})`); continue; }
    const reader = q.get(qty);
    if (!reader) { errors.push(`probe "${name}": ${comp} has no quantity "${qty}" (it has: ${[...q.keys()].join(', ')})`); continue; }
    probes.push({ name, unit: reader.unit, read: reader.read });
  }
  return { probes, errors };
}
