/**
 * Scenario (validated objects, SI) → Plant (flat arrays). Each component kind compiles its own arrays
 * (sim/components/<kind>/); this file orders and wires them (racks by CDU, the FWS loop, the state
 * layout) and does the cross-reference check: every id a scenario names must exist, with the error
 * pointing at the field that names it.
 */
import type { Scenario } from '../scenario/schema';
import type { Plant, StateLayout } from './types';
import * as D from '../scenario/defaults';
import { checkDesign } from './design';
import { compileWeather } from './weather';
import type { ScenarioIssue } from '../scenario/issues';
import { draftRacks, compileRacks } from '../components/rack/rack';
import { draftImmersionTank } from '../components/immersion-tank/immersion-tank';
import { draftCdu, compileCdus } from '../components/cdu/cdu';
import { compileCrahs, compileHall } from '../components/crah/crah';
import { compileZones, wantsZones } from '../components/crah/zones';
import { compileRearDoors } from '../components/rear-door/rear-door';
import { compileFreeCooler } from '../components/free-cooler/free-cooler';
import { compileChiller } from '../components/chiller/chiller';
import { compileStaging } from '../components/chiller/staging';
import { compileFacility } from '../components/facility/facility';
import { compileHeatRecovery } from '../components/heat-recovery/heat-recovery';
import { hydraulicPower } from '../physics/hydraulics';
import { supplySideCapacity, storageInitialTemperature } from '../components/storage/storage';

export type CompileResult = { ok: true; plant: Plant; warnings: string[] } | { ok: false; errors: ScenarioIssue[] };

/**
 * Names that already mean something in probes, events, feeds and reliability targets: a component called
 * `plant` would vanish behind the plant's own entry in reports, one called `racks` would shadow the class.
 */
const RESERVED_IDS = new Map<string, string>([
  ['plant', 'the heat-rejection plant in probes, events and reports'],
  ...(['racks', 'cdus', 'crahs', 'chillers', 'chiller_controls', 'free_cooling', 'fws_pumps', 'lighting', 'facility_other'] as const).map((k) => [k, `the class "${k}" in power feeds`] as [string, string]),
  ...(['rack', 'rear_door', 'cdu', 'pump', 'cdu_unit', 'cdu_header', 'crah', 'chiller', 'heat_recovery', 'utility', 'generator', 'ups_module', 'ups', 'bus', 'feed', 'distribution', 'bess', 'immersion'] as const).map((k) => [k, `the class "${k}" in reliability targets`] as [string, string]),
]);

export function compilePlant(s: Scenario): CompileResult {
  const errors: ScenarioIssue[] = [];
  const warnings: string[] = [];
  // Each problem once: a row's bad CDU reference is one problem, not one per generated rack.
  const seen = new Set<string>();
  const err = (path: string, message: string) => {
    const key = path + '\n' + message;
    if (!seen.has(key)) { seen.add(key); errors.push({ path, message }); }
  };
  const tcs = { density: s.fluids?.tcs?.density ?? D.FLUIDS.tcs.density, cp: s.fluids?.tcs?.cp ?? D.FLUIDS.tcs.cp };
  const fwsFluid = { density: s.fluids?.fws?.density ?? D.FLUIDS.fws.density, cp: s.fluids?.fws?.cp ?? D.FLUIDS.fws.cp };
  const air = { density: s.fluids?.air?.density ?? D.FLUIDS.air.density, cp: s.fluids?.air?.cp ?? D.FLUIDS.air.cp };
  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    if (RESERVED_IDS.has(id)) { err(path, `"${id}" is a reserved name (it stands for ${RESERVED_IDS.get(id)}); choose another id`); return; }
    const prev = ids.get(id);
    if (prev !== undefined) err(path, `id "${id}" is already used at ${prev}; ids must be unique`);
    else ids.set(id, path);
  };

  claim(s.hall.id ?? 'hall', 'hall.id');
  const rows = s.hall.rows ?? [];
  const rackDrafts = draftRacks(rows, s.rack_types ?? {}, tcs, claim, err);
  const cduDrafts = (s.cdus ?? []).map((c, i) => {
    claim(c.id, `cdus[${i}].id`);
    return draftCdu(c, i, tcs, err);
  });
  // Immersion tanks: the bath is a "rack" node with all heat to liquid; its exchanger loop is a CDU.
  (s.hall.immersion_tanks ?? []).forEach((t, i) => {
    claim(t.id, `hall.immersion_tanks[${i}].id`);
    const tank = draftImmersionTank(t, i, rows.length, err);
    rackDrafts.push(tank.rack);
    cduDrafts.push(tank.cdu);
  });

  const cduIndex = new Map(cduDrafts.map((c, i) => [c.id, i]));
  for (const r of rackDrafts) {
    if (r.cduId !== undefined && !cduIndex.has(r.cduId))
      err(`${r.path}.cdu`, `expected a CDU id defined in cdus, found "${r.cduId}"`);
  }
  if (rackDrafts.length === 0) err('hall.rows', 'expected at least one rack or immersion tank');

  // Racks ordered by CDU so each CDU's racks are a contiguous range; air-cooled racks last.
  const order = rackDrafts
    .map((r, i) => ({ r, i, c: r.cduId !== undefined ? cduIndex.get(r.cduId) ?? 1e9 : 1e9 }))
    .sort((a, b) => a.c - b.c || a.i - b.i)
    .map((x) => x.r);

  const { racks, loadExprs } = compileRacks(order, cduIndex, err);
  const n = racks.n;
  // Doors before CDUs: a door on a CDU's loop is part of its flow and its default capacity.
  const doors = compileRearDoors(order, fwsFluid, (id) => {
    const c = cduIndex.get(id);
    return c === undefined ? undefined : { index: c, density: cduDrafts[c]!.density, cp: cduDrafts[c]!.cp };
  }, err);
  const cdus = compileCdus(cduDrafts, racks, doors, fwsFluid, err, (m) => warnings.push(m));
  const m = cdus.n;

  const crahSpecs = s.hall.crahs ?? [];
  const crahs = compileCrahs(crahSpecs, air);
  crahSpecs.forEach((c, i) => claim(c.id, `hall.crahs[${i}].id`));
  const hall = compileHall(s.hall, air);
  const zones = wantsZones(rows, crahSpecs, doors.n > 0) ? compileZones(rows, crahSpecs, racks, hall, err) : null;

  const p = s.plant ?? {};
  const freeCoolers = (p.free_cooling ?? []).map((f, i) => {
    claim(f.id, `plant.free_cooling[${i}].id`);
    return compileFreeCooler(f);
  });
  const staging = compileStaging(p.chiller_staging);
  if (s.heat_reuse) claim(s.heat_reuse.id, 'heat_reuse.id');
  const chillers = (p.chillers ?? []).map((c, i) => {
    claim(c.id, `plant.chillers[${i}].id`);
    return compileChiller(c, staging.mode === 'load' ? i : 0);
  });

  // FWS flow: what the exchangers and coils draw at design (a 10 K rise across CRAH coils).
  let fwsRate = 0;
  for (let c = 0; c < m; c++) fwsRate += cdus.fwsRate[c]!;
  for (let c = 0; c < crahs.n; c++) fwsRate += crahs.capacity[c]! / D.PLANT.designDeltaT;
  for (let i = 0; i < doors.n; i++) if (doors.cdu[i]! < 0) fwsRate += doors.waterRate[i]!;
  if (p.flow !== undefined) fwsRate = p.flow * fwsFluid.density * fwsFluid.cp;
  let designHeat = 0;
  for (let r = 0; r < n; r++) designHeat += racks.designPower[r]!;
  // Headers, risers and plant piping: 2 m³ plus 0.5 m³ per MW of design heat unless stated.
  const loopVolume = p.loop_volume ?? 2 + 0.5 * (designHeat / 1e6);

  // FWS pumps: the loop's constant flow against the stated (or Appendix G baseline) head.
  const fwsPumpPower = hydraulicPower(fwsRate / (fwsFluid.density * fwsFluid.cp), p.pump_head ?? D.PLANT.pumpHead, fwsFluid.density, p.pump_efficiency ?? D.PLANT.pumpEfficiency);
  let positions = rackDrafts.length;
  for (const row of rows) positions += row.spare ?? 0;
  const facility = compileFacility(s.facility, positions, designHeat);

  const weather = compileWeather(s.weather);
  if (typeof weather === 'string') err(s.weather?.kind === 'epw' && s.weather.file !== undefined ? 'weather.file' : 'weather.data', weather);
  const heatRecovery = s.heat_reuse ? compileHeatRecovery(s.heat_reuse, typeof weather === 'string' ? undefined : weather.epw) : null;

  // State-vector layout: racks, CDU loops, hall air (one node per zone), structure, FWS return, storage.
  const z = zones?.n ?? 1;
  const layout: StateLayout = { racks: 0, cdus: n, air: n + m, airNodes: z, structure: n + m + z, fwsReturn: n + m + z + 1, storage: n + m + z + 2, size: n + m + z + 3 };
  const fwsSet = p.supply_setpoint ?? D.PLANT.supplySetpoint;
  const airSet = hall.airSetpoint;
  const initial = new Float64Array(layout.size);
  for (let r = 0; r < n; r++) initial[r] = racks.cdu[r]! >= 0 ? cdus.supplySetpoint[racks.cdu[r]!]! : airSet;
  for (let c = 0; c < m; c++) initial[n + c] = cdus.supplySetpoint[c]!;
  for (let k = 0; k < z; k++) initial[layout.air + k] = s.hall.initial_temperature ?? airSet;
  initial[layout.structure] = s.hall.initial_temperature ?? airSet;
  initial[layout.fwsReturn] = p.initial_temperature ?? fwsSet;
  initial[layout.storage] = storageInitialTemperature(p.storage, p.initial_temperature ?? fwsSet);

  if (errors.length) return { ok: false, errors };
  const plant: Plant = {
    racks, cdus, crahs,
    hall, zones, doors,
    fws: {
      // The loop's water is split between the return side (before the plant) and the supply side (after
      // it, with any storage tank): both delay a change at the plant from reaching the exchangers.
      rate: fwsRate, capacity: 0.5 * loopVolume * fwsFluid.density * fwsFluid.cp, supplySetpoint: fwsSet,
      storageCapacity: supplySideCapacity(p.storage, loopVolume, fwsFluid),
      pumpPower: fwsPumpPower, powered: true,
    },
    freeCoolers, chillers, staging, heatRecovery, facility, weather: weather as Exclude<typeof weather, string>, loadExprs, initial, layout,
    rowIds: rows.map((r) => r.id),
  };
  checkDesign(s, plant, fwsFluid.density * fwsFluid.cp, order.map((r) => r.flowField), err, (m) => warnings.push(m));
  if (errors.length) return { ok: false, errors };
  return { ok: true, plant, warnings };
}
