/**
 * Scenario (validated objects, SI) → Plant (flat arrays). Also the cross-reference check: every id a
 * scenario names must exist, with the error pointing at the field that names it.
 */
import type { Scenario, RackSpec, RackTypeSpec } from '../scenario/schema';
import type { Plant, Racks, Cdus, Crahs, FreeCooler, Chiller, StateLayout } from './types';
import { Cooling } from './types';
import * as D from '../scenario/defaults';
import { compileProfile } from '../scenario/profile';
import { checkDesign } from './design';
import { sizePumps } from '../physics/hydraulics';
import { uaForApproach } from '../physics/hx';
import { compileWeather } from './weather';
import type { ScenarioIssue } from '../scenario/issues';

interface RackDraft {
  id: string;
  row: string;
  rowIndex: number;
  slot: number;
  cooling: Cooling;
  cduId: string | undefined;
  gpus: number;
  power: number;
  idle: number;
  lf: number;
  flow: number;
  capacity: number;
  rate: number;
  throttleT: number;
  tripT: number;
  throttleFraction: number;
  hysteresis: number;
  inletThrottle: number;
  inletTrip: number;
  load: number | string;
  path: string;
  /** Field that set the rack's coolant flow (its own, its type's, or the default). */
  flowField: string;
}

interface CduDraft {
  id: string;
  path: string;
  supplySetpoint: number;
  flowSetpoint: number;
  density: number;
  cp: number;
  capacity: number | undefined;
  designApproach: number;
  ua: number | undefined;
  fwsFlow: number | undefined;
  loopVolume: number;
  fouling: number;
  pumps: number;
  required: number;
  designHead: number;
  shutoffRatio: number;
  efficiency: number;
  immersion: boolean;
}

export type CompileResult = { ok: true; plant: Plant; warnings: string[] } | { ok: false; errors: ScenarioIssue[] };

/**
 * Names that already mean something in probes, events, feeds and reliability targets: a component called
 * `plant` would vanish behind the plant's own entry in reports, one called `racks` would shadow the class.
 */
const RESERVED_IDS = new Map<string, string>([
  ['plant', 'the heat-rejection plant in probes, events and reports'],
  ...(['racks', 'cdus', 'crahs', 'chillers', 'chiller_controls', 'free_cooling'] as const).map((k) => [k, `the class "${k}" in power feeds`] as [string, string]),
  ...(['rack', 'cdu', 'pump', 'crah', 'chiller', 'utility', 'generator', 'ups_module', 'distribution', 'immersion'] as const).map((k) => [k, `the class "${k}" in reliability targets`] as [string, string]),
]);

/** Smallest heat capacity of a liquid-cooled rack node, J/K: ¼ L of water. */
const MIN_RACK_CAPACITY = 1000;

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
  const types = s.rack_types ?? {};
  const rackDrafts: RackDraft[] = [];
  const rows = s.hall.rows ?? [];
  rows.forEach((row, ri) => {
    const rowPath = `hall.rows[${ri}]`;
    claim(row.id, `${rowPath}.id`);
    const listed: (RackSpec | undefined)[] = row.racks ?? [];
    const n = row.racks ? row.racks.length : row.count ?? 0;
    if (!row.racks && row.count === undefined) err(rowPath, 'expected "count" or a "racks" list');
    if (row.racks && row.count !== undefined && row.count !== row.racks.length)
      err(`${rowPath}.count`, `expected ${row.racks.length} (the number of listed racks), found ${row.count}`);
    for (let i = 0; i < n; i++) {
      const spec = listed[i];
      const path = spec ? `${rowPath}.racks[${i}]` : rowPath;
      const typeId = spec?.type ?? row.type;
      let type: RackTypeSpec = {};
      if (typeId !== undefined) {
        const t = types[typeId];
        if (!t) err(spec?.type !== undefined ? `${path}.type` : `${rowPath}.type`, `expected a rack type defined in rack_types, found "${typeId}"`);
        else type = t;
      }
      const id = spec?.id ?? `${row.id}-${String(i + 1).padStart(2, '0')}`;
      claim(id, spec ? `${path}.id` : `${rowPath} (generated rack ${id})`);
      const pick = <K extends keyof RackTypeSpec>(k: K): RackTypeSpec[K] => (spec?.[k as keyof RackSpec] as RackTypeSpec[K]) ?? type[k];
      const cooling = (pick('cooling') ?? 'dlc') === 'air' ? Cooling.Air : Cooling.Dlc;
      const power = pick('power') ?? D.RACK.power;
      const idle = pick('idle_power') ?? D.RACK.idleFraction * power;
      if (idle > power) err(`${path}.idle_power`, `expected at most the rack power (${power / 1000} kW), found ${idle / 1000} kW`);
      const lf = cooling === Cooling.Air ? 0 : pick('liquid_fraction') ?? D.RACK.liquidFraction;
      const flow = cooling === Cooling.Air ? 0 : (pick('flow_per_power') ?? D.RACK.flowPerPower) * power;
      const capacity = cooling === Cooling.Air ? 0 : (pick('coolant_volume') ?? D.RACK.coolantVolume) * tcs.density * tcs.cp + (pick('structure_heat_capacity') ?? D.RACK.structureHeatCapacity);
      // A liquid node with (almost) no heat capacity has no temperature of its own once its flow stops: reject.
      if (cooling !== Cooling.Air && capacity < MIN_RACK_CAPACITY)
        err(`${path}.coolant_volume`, `rack ${id} has a heat capacity of ${capacity.toFixed(0)} J/K (coolant_volume and structure_heat_capacity); expected at least ${MIN_RACK_CAPACITY} J/K (a quarter litre of water)`);
      const throttleT = pick('throttle_temperature') ?? D.RACK.throttleTemperature;
      const tripT = pick('trip_temperature') ?? D.RACK.tripTemperature;
      if (tripT <= throttleT) err(`${path}.trip_temperature`, 'expected a trip temperature above the throttle temperature');
      const cduId = cooling === Cooling.Air ? undefined : spec?.cdu ?? row.cdu;
      if (cooling !== Cooling.Air && cduId === undefined) err(path, `rack ${id} is liquid-cooled: expected a "cdu" on the rack or its row`);
      // Where this rack's coolant flow was stated, for a design check that must name it.
      const flowField = spec?.flow_per_power !== undefined ? `${path}.flow_per_power` : type.flow_per_power !== undefined ? `rack_types.${typeId}.flow_per_power` : `${path} (default flow_per_power)`;
      rackDrafts.push({
        flowField,
        id, row: row.id, rowIndex: ri, slot: i, cooling, cduId, gpus: pick('gpus') ?? D.RACK.gpus,
        power, idle, lf, flow, capacity, rate: flow * tcs.density * tcs.cp,
        throttleT, tripT,
        throttleFraction: pick('throttle_power_fraction') ?? D.RACK.throttlePowerFraction,
        hysteresis: pick('throttle_hysteresis') ?? D.RACK.throttleHysteresis,
        inletThrottle: pick('inlet_throttle') ?? D.RACK.inletThrottle,
        inletTrip: pick('inlet_trip') ?? D.RACK.inletTrip,
        load: pick('load') ?? 1,
        path,
      });
    }
  });

  const cduDrafts: CduDraft[] = (s.cdus ?? []).map((c, i) => {
    claim(c.id, `cdus[${i}].id`);
    const required = c.pumps?.required ?? D.CDU.pumpsRequired;
    const count = c.pumps?.count ?? required + 1;
    if (required > count) err(`cdus[${i}].pumps.required`, `expected at most pumps.count (${count}), found ${required}`);
    return {
      id: c.id, path: `cdus[${i}]`, supplySetpoint: c.supply_setpoint ?? D.CDU.supplySetpoint, flowSetpoint: c.flow_setpoint ?? 1,
      density: tcs.density, cp: tcs.cp, capacity: c.capacity, designApproach: c.design_approach ?? D.CDU.designApproach,
      ua: c.ua, fwsFlow: c.fws_flow, loopVolume: c.loop_volume ?? D.CDU.loopVolume, fouling: c.fouling ?? 0,
      pumps: count, required, designHead: c.pumps?.design_head ?? D.CDU.designHead,
      shutoffRatio: c.pumps?.shutoff_ratio ?? D.CDU.shutoffRatio, efficiency: c.pumps?.efficiency ?? D.CDU.pumpEfficiency, immersion: false,
    };
  });

  // Immersion tanks: the bath is a "rack" node with all heat to liquid; its exchanger loop is a CDU.
  const diel = D.FLUIDS.dielectric;
  const tankRow = rows.length;
  (s.hall.immersion_tanks ?? []).forEach((t, i) => {
    const path = `hall.immersion_tanks[${i}]`;
    claim(t.id, `${path}.id`);
    const density = t.fluid?.density ?? diel.density;
    const cp = t.fluid?.cp ?? diel.cp;
    // Default circulation gives a 5 K rise across the bath at design power.
    const flow = t.flow ?? t.power / (density * cp * 5);
    const throttleT = t.throttle_temperature ?? 50 + D.C_TO_K;
    const tripT = t.trip_temperature ?? 55 + D.C_TO_K;
    if (tripT <= throttleT) err(`${path}.trip_temperature`, 'expected a trip temperature above the throttle temperature');
    const cduId = `${t.id}-hx`;
    rackDrafts.push({
      id: t.id, row: 'immersion', rowIndex: tankRow, slot: i, cooling: Cooling.Immersion, cduId, gpus: t.gpus ?? 64, flowField: `${path}.flow`,
      power: t.power, idle: t.idle_power ?? D.RACK.idleFraction * t.power, lf: 1, flow,
      capacity: (t.fluid_volume ?? 1.5) * density * cp + (t.structure_heat_capacity ?? 200_000), rate: flow * density * cp,
      throttleT, tripT, throttleFraction: t.throttle_power_fraction ?? D.RACK.throttlePowerFraction,
      hysteresis: t.throttle_hysteresis ?? D.RACK.throttleHysteresis, inletThrottle: Infinity, inletTrip: Infinity,
      load: t.load ?? 1, path,
    });
    cduDrafts.push({
      id: cduId, path, supplySetpoint: t.supply_setpoint ?? 40 + D.C_TO_K, flowSetpoint: 1, density, cp, capacity: t.power,
      designApproach: t.design_approach ?? 5, ua: t.ua, fwsFlow: undefined, loopVolume: 0.05, fouling: 0,
      pumps: 2, required: 1, designHead: 15, shutoffRatio: D.CDU.shutoffRatio, efficiency: D.CDU.pumpEfficiency, immersion: true,
    });
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

  // Load profiles: one compiled function per distinct expression.
  const exprIndex = new Map<string, number>();
  const loadExprs: ((t: number) => number)[] = [];
  const exprOf = (src: string, path: string): number => {
    const known = exprIndex.get(src);
    if (known !== undefined) return known;
    const c = compileProfile(src, 0, 1.5, `${path}.load`);
    if (!c.ok) { err(`${path}.load`, c.message); return -1; }
    loadExprs.push(c.fn);
    exprIndex.set(src, loadExprs.length - 1);
    return loadExprs.length - 1;
  };

  const n = order.length;
  const racks: Racks = {
    n, ids: order.map((r) => r.id), rows: order.map((r) => r.row),
    rowIndex: Int32Array.from(order, (r) => r.rowIndex), slot: Int32Array.from(order, (r) => r.slot),
    cooling: Uint8Array.from(order, (r) => r.cooling),
    cdu: Int32Array.from(order, (r) => (r.cduId !== undefined ? cduIndex.get(r.cduId) ?? -1 : -1)),
    gpus: Int32Array.from(order, (r) => r.gpus),
    designPower: Float64Array.from(order, (r) => r.power), idlePower: Float64Array.from(order, (r) => r.idle),
    liquidFraction: Float64Array.from(order, (r) => r.lf), flowShare: new Float64Array(n),
    designFlow: Float64Array.from(order, (r) => r.flow), capacity: Float64Array.from(order, (r) => r.capacity),
    throttleT: Float64Array.from(order, (r) => r.throttleT), tripT: Float64Array.from(order, (r) => r.tripT),
    throttleFraction: Float64Array.from(order, (r) => r.throttleFraction), hysteresis: Float64Array.from(order, (r) => r.hysteresis),
    inletThrottle: Float64Array.from(order, (r) => r.inletThrottle), inletTrip: Float64Array.from(order, (r) => r.inletTrip),
    load: Float64Array.from(order, (r) => (typeof r.load === 'number' ? r.load : 0)),
    loadExpr: Int32Array.from(order, (r) => (typeof r.load === 'string' ? exprOf(r.load, r.path) : -1)),
    state: new Uint8Array(n), powered: new Uint8Array(n).fill(1), everThrottled: new Uint8Array(n), everTripped: new Uint8Array(n),
    cap: new Float64Array(n).fill(1),
  };

  const m = cduDrafts.length;
  const cdus: Cdus = {
    n: m, ids: cduDrafts.map((c) => c.id), rackStart: new Int32Array(m), rackEnd: new Int32Array(m),
    supplySetpoint: Float64Array.from(cduDrafts, (c) => c.supplySetpoint), flowSetpoint: Float64Array.from(cduDrafts, (c) => c.flowSetpoint),
    designFlow: new Float64Array(m), density: Float64Array.from(cduDrafts, (c) => c.density), cp: Float64Array.from(cduDrafts, (c) => c.cp),
    uaClean: new Float64Array(m), fouling: Float64Array.from(cduDrafts, (c) => c.fouling), fwsRate: new Float64Array(m),
    capacity: new Float64Array(m), loopCapacity: Float64Array.from(cduDrafts, (c) => c.loopVolume * c.density * c.cp),
    pumps: [], pumpCount: Int32Array.from(cduDrafts, (c) => c.pumps), pumpsHealthy: Int32Array.from(cduDrafts, (c) => c.pumps),
    pumpsRequired: Int32Array.from(cduDrafts, (c) => c.required), pumpEfficiency: Float64Array.from(cduDrafts, (c) => c.efficiency),
    failed: new Uint8Array(m), powered: new Uint8Array(m).fill(1), immersion: Uint8Array.from(cduDrafts, (c) => (c.immersion ? 1 : 0)),
    flow: new Float64Array(m), rate: new Float64Array(m), hxK: new Float64Array(m), pumpPower: new Float64Array(m),
  };
  cdus.rackStart.fill(n);
  cdus.rackEnd.fill(n);
  for (let c = m - 1; c >= 0; c--) {
    let start = -1, end = -1;
    for (let r = 0; r < n; r++) if (racks.cdu[r] === c) { if (start < 0) start = r; end = r + 1; }
    if (start >= 0) { cdus.rackStart[c] = start; cdus.rackEnd[c] = end; } else { cdus.rackStart[c] = 0; cdus.rackEnd[c] = 0; }
  }
  cduDrafts.forEach((c, i) => {
    let flow = 0, liquidHeat = 0, rate = 0;
    for (let r = cdus.rackStart[i]!; r < cdus.rackEnd[i]!; r++) {
      flow += racks.designFlow[r]!;
      liquidHeat += racks.designPower[r]! * racks.liquidFraction[r]!;
    }
    for (let r = cdus.rackStart[i]!; r < cdus.rackEnd[i]!; r++) racks.flowShare[r] = flow > 0 ? racks.designFlow[r]! / flow : 0;
    rate = flow * c.density * c.cp;
    cdus.designFlow[i] = flow;
    const capacity = c.capacity ?? liquidHeat;
    cdus.capacity[i] = capacity;
    const fwsRate = c.fwsFlow !== undefined ? c.fwsFlow * fwsFluid.density * fwsFluid.cp : rate;
    cdus.fwsRate[i] = fwsRate;
    if (flow === 0) {
      warnings.push(`${c.path}: CDU ${c.id} feeds no rack`);
      cdus.pumps.push({ h0: 1, k: 0, r: 1 });
      return;
    }
    let ua = c.ua;
    if (ua === undefined) {
      ua = uaForApproach(capacity, c.designApproach, rate, fwsRate);
      if (!Number.isFinite(ua)) {
        err(`${c.path}.design_approach`, `the exchanger cannot deliver ${Math.round(capacity / 1000)} kW with a ${c.designApproach} K approach at these flows; give a larger approach or "ua"`);
        ua = 0;
      }
    }
    cdus.uaClean[i] = ua;
    cdus.pumps.push(sizePumps(flow, c.designHead, c.required, c.shutoffRatio));
  });

  const crahSpecs = s.hall.crahs ?? [];
  const crahs: Crahs = {
    n: crahSpecs.length, ids: crahSpecs.map((c) => c.id), capacity: Float64Array.from(crahSpecs, (c) => c.capacity),
    // Default airflow gives a 12 K air-side rise at capacity (typical CRAH/fan-wall selection).
    airRate: Float64Array.from(crahSpecs, (c) => (c.airflow ?? c.capacity / (air.density * air.cp * 12)) * air.density * air.cp),
    coilRate: Float64Array.from(crahSpecs, (c) => (c.effectiveness ?? D.CRAH.effectiveness) * (c.airflow ?? c.capacity / (air.density * air.cp * 12)) * air.density * air.cp),
    fanPower: Float64Array.from(crahSpecs, (c) => c.fan_power ?? D.CRAH.fanPowerFraction * c.capacity),
    failed: new Uint8Array(crahSpecs.length), powered: new Uint8Array(crahSpecs.length).fill(1),
  };
  crahSpecs.forEach((c, i) => claim(c.id, `hall.crahs[${i}].id`));

  const p = s.plant ?? {};
  const freeCoolers: FreeCooler[] = (p.free_cooling ?? []).map((f, i) => {
    claim(f.id, `plant.free_cooling[${i}].id`);
    return {
      id: f.id, kind: f.kind, capacity: f.capacity,
      approach: f.approach ?? (f.kind === 'tower' ? D.HEAT_REJECTION.towerApproach : D.HEAT_REJECTION.dryCoolerApproach),
      fanPower: f.fan_power ?? D.HEAT_REJECTION.fanPowerFraction * f.capacity,
      cycles: f.cycles_of_concentration ?? D.HEAT_REJECTION.cyclesOfConcentration, failed: false, powered: true,
    };
  });
  const chillers: Chiller[] = (p.chillers ?? []).map((c, i) => {
    claim(c.id, `plant.chillers[${i}].id`);
    const curves = {
      ...D.DOE2_CENTRIFUGAL,
      capFT: c.curves?.cap_ft ?? D.DOE2_CENTRIFUGAL.capFT,
      eirFT: c.curves?.eir_ft ?? D.DOE2_CENTRIFUGAL.eirFT,
      eirFPLR: c.curves?.eir_fplr ?? D.DOE2_CENTRIFUGAL.eirFPLR,
    };
    return {
      id: c.id, capacity: c.capacity, cop: c.cop ?? D.CHILLER.cop, restartDelay: c.restart_delay ?? D.CHILLER.restartDelay,
      fastRestartDelay: c.fast_restart_delay ?? D.CHILLER.fastRestartDelay, controlsPowered: true,
      condenser: c.condenser ?? 'tower', condenserApproach: c.condenser_approach ?? D.CHILLER.condenserApproach,
      curves, failed: false, powered: true, availableAt: 0,
    };
  });

  // FWS flow: what the exchangers and coils draw at design (a 10 K rise across CRAH coils).
  let fwsRate = 0;
  for (let c = 0; c < m; c++) fwsRate += cdus.fwsRate[c]!;
  for (let c = 0; c < crahs.n; c++) fwsRate += crahs.capacity[c]! / D.PLANT.designDeltaT;
  if (p.flow !== undefined) fwsRate = p.flow * fwsFluid.density * fwsFluid.cp;
  let designHeat = 0;
  for (let r = 0; r < n; r++) designHeat += racks.designPower[r]!;
  // Headers, risers and plant piping: 2 m³ plus 0.5 m³ per MW of design heat unless stated.
  const loopVolume = p.loop_volume ?? 2 + 0.5 * (designHeat / 1e6);

  const weather = compileWeather(s.weather);
  if (typeof weather === 'string') err('weather.data', weather);

  // State-vector layout: racks, CDU loops, hall air, structure, FWS return, storage.
  const layout: StateLayout = { racks: 0, cdus: n, air: n + m, structure: n + m + 1, fwsReturn: n + m + 2, storage: n + m + 3, size: n + m + 4 };
  const fwsSet = p.supply_setpoint ?? D.PLANT.supplySetpoint;
  const airSet = s.hall.air_setpoint ?? D.HALL.airSetpoint;
  const initial = new Float64Array(layout.size);
  for (let r = 0; r < n; r++) initial[r] = racks.cdu[r]! >= 0 ? cdus.supplySetpoint[racks.cdu[r]!]! : airSet;
  for (let c = 0; c < m; c++) initial[n + c] = cdus.supplySetpoint[c]!;
  initial[layout.air] = s.hall.initial_temperature ?? airSet;
  initial[layout.structure] = s.hall.initial_temperature ?? airSet;
  initial[layout.fwsReturn] = p.initial_temperature ?? fwsSet;
  initial[layout.storage] = p.storage?.initial_temperature ?? p.initial_temperature ?? fwsSet;

  if (errors.length) return { ok: false, errors };
  const plant: Plant = {
    racks, cdus, crahs,
    hall: {
      id: s.hall.id ?? 'hall', airCapacity: (s.hall.air_volume ?? D.HALL.volume) * air.density * air.cp, airSetpoint: airSet,
      structureCapacity: s.hall.structure_heat_capacity ?? D.HALL.structureHeatCapacity,
      structureUA: s.hall.structure_ua ?? D.HALL.structureUA, otherHeat: s.hall.other_heat ?? 0,
    },
    fws: {
      // The loop's water is split between the return side (before the plant) and the supply side (after
      // it, with any storage tank): both delay a change at the plant from reaching the exchangers.
      rate: fwsRate, capacity: 0.5 * loopVolume * fwsFluid.density * fwsFluid.cp, supplySetpoint: fwsSet,
      storageCapacity: ((p.storage?.volume ?? 0) + 0.5 * loopVolume) * fwsFluid.density * fwsFluid.cp,
    },
    freeCoolers, chillers, weather: weather as Exclude<typeof weather, string>, loadExprs, initial, layout,
  };
  checkDesign(s, plant, fwsFluid.density * fwsFluid.cp, order.map((r) => r.flowField), err, (m) => warnings.push(m));
  if (errors.length) return { ok: false, errors };
  return { ok: true, plant, warnings };
}
