/**
 * Probes: `<component>.<quantity>` names a series to record. The report gives temperatures in °C,
 * powers in kW, flows in L/s, water in L/h; the engine itself stays SI. Each component kind offers its
 * own probes (sim/components/<kind>/); the plant-wide ones (`plant.*`) are here.
 */
import type { Plant } from '../plant/types';
import type { ThermalSolver } from '../network/solver';
import { coolingPower, sitePower } from '../network/network';
import { heatRecoveryProbes } from '../components/heat-recovery/heat-recovery';
import { temperatureReader, powerReader, type Reader } from '../components/contract';
import { rackProbes } from '../components/rack/rack';
import { chillerRunning } from '../components/chiller/chiller';
import { cduProbes } from '../components/cdu/cdu';
import { hallProbes } from '../components/crah/crah';
import type { PowerChain } from '../power/chain';
import { powerProbes } from '../power/probes';
import { zoneProbes } from '../components/crah/zones';
import { rearDoorProbes } from '../components/rear-door/rear-door';

export interface Probe {
  name: string;
  unit: string;
  read(): number;
}

export function probeCatalog(plant: Plant, solver: ThermalSolver, power: PowerChain | null = null): Map<string, Map<string, Reader>> {
  const cat = new Map<string, Map<string, Reader>>();
  const T = solver.T, f = solver.flows, { racks, cdus, layout } = plant;
  const temp = temperatureReader, kw = powerReader;
  for (let r = 0; r < racks.n; r++) cat.set(racks.ids[r]!, rackProbes(racks, r, solver));
  for (let c = 0; c < cdus.n; c++) cat.set(cdus.ids[c]!, cduProbes(cdus, c, layout.cdus + c, solver));
  for (let i = 0; i < plant.doors.n; i++) for (const [k, v] of rearDoorProbes(plant.doors, i)) cat.get(plant.doors.ids[i]!)!.set(k, v);
  cat.set(plant.hall.id, hallProbes(layout.air, layout.airNodes, layout.structure, solver));
  if (plant.zones) for (let z = 0; z < plant.zones.n; z++) cat.set(plant.zones.ids[z]!, zoneProbes(layout.air, z, solver));
  // The FWS loop and plant as a whole: storage, chillers, free coolers, weather and totals.
  cat.set('plant', new Map<string, Reader>([
    ['fws_supply', temp(() => f.fwsSupply)],
    ['fws_return', temp(() => T[layout.fwsReturn]!)],
    ['storage', temp(() => T[layout.storage]!)],
    ['chiller_power', kw(() => f.chillerPower)],
    ['chiller_heat', kw(() => f.chillerHeat)],
    ['free_cooling_heat', kw(() => f.freeCoolingHeat)],
    ['it_power', kw(() => f.itPower)],
    ['cooling_power', kw(() => coolingPower(f))],
    ['facility_power', kw(() => sitePower(f))],
    ['water', { unit: 'L/h', read: () => f.waterUse * 3600 }],
    ['chillers_running', { unit: 'count', read: () => plant.chillers.reduce((n, ch) => n + (chillerRunning(ch) ? 1 : 0), 0) }],
    ['chiller_demand', kw(() => solver.chillerDemand)],
    ['fws_pump_power', kw(() => f.fwsPumpPower)],
    ['condenser_power', kw(() => f.condenserFanPower + f.condenserPumpPower)],
    ['dry_bulb', temp(() => f.dryBulb)],
    ['wet_bulb', temp(() => f.wetBulb)],
  ]));
  const hr = plant.heatRecovery;
  if (hr) cat.set(hr.id, heatRecoveryProbes(hr, solver.recovery, () => f.reusedHeat, () => T[layout.fwsReturn]!));
  if (power) for (const [id, q] of powerProbes(power)) cat.set(id, q);
  return cat;
}

/** Resolves probe names; unknown names produce a message listing what exists. */
export function resolveProbes(plant: Plant, solver: ThermalSolver, names: readonly string[], power: PowerChain | null = null): { probes: Probe[]; errors: string[] } {
  const cat = probeCatalog(plant, solver, power);
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
