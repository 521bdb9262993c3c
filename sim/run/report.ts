/**
 * The JSON report: a public interface (docs/report.md). Temperatures °C, energy kWh, time s.
 * Deterministic: nothing in it depends on wall-clock time or the machine.
 */
import type { Simulation } from './simulation';
import { coolingJ, lossesJ, facilityJ } from './energy';
import type { Alarm, LimitCrossing } from './alarms';
import { toC } from './alarms';
import { Cooling } from '../plant/types';
import { ECONOMICS } from '../scenario/defaults';
import { capital, YEAR_S } from './economics';
import { NodeKind } from '../power/topology';
import { EngineError } from '../scenario/issues';
import { rackFinal } from '../components/rack/rack';
import { cduFinal } from '../components/cdu/cdu';
import { crahFinal, hallFinal } from '../components/crah/crah';
import { zoneFinal } from '../components/crah/zones';
import { rearDoorFinal } from '../components/rear-door/rear-door';
import { chillerFinal } from '../components/chiller/chiller';
import { freeCoolerFinal } from '../components/free-cooler/free-cooler';
import { heatRecoveryFinal } from '../components/heat-recovery/heat-recovery';

/**
 * Smallest remaining battery runtime seen while any UPS was on battery; if none ever discharged, the
 * smallest full-battery runtime at the present UPS load (the ride-through a utility loss would get).
 */
function upsMargin(sim: Simulation): number | null {
  const pw = sim.power;
  if (!pw) return null;
  if (Number.isFinite(pw.minRuntime)) return pw.minRuntime;
  let best: number | null = null;
  for (let i = 0; i < pw.kind.length; i++) {
    if (pw.kind[i] !== NodeKind.Ups) continue;
    const draw = pw.batteryDraw(i, pw.load[i]! + pw.loss[i]!);
    if (draw <= 0) continue;
    const rt = pw.battery[i]! / draw;
    if (best === null || rt < best) best = rt;
  }
  return best;
}

/** What each UPS and each storage battery did over the run. */
export interface PowerSummary {
  ups: { id: string; time_on_battery_s: number; time_on_bypass_s: number; transfers_to_bypass: number; bypass_locked_out: boolean; on_bypass_at_end: boolean; battery_left: number }[];
  batteries: {
    id: string; bus: string; limit_kw: number; charged_kwh: number; discharged_kwh: number; losses_kwh: number; stored_change_kwh: number;
    soc_start: number; soc_end: number; soc_min: number; peak_import_kw: number; time_above_limit_s: number;
  }[];
}

function powerSummary(sim: Simulation): PowerSummary | undefined {
  const pw = sim.power;
  if (!pw) return undefined;
  const bp = pw.bypass, st = pw.storage;
  const ups: PowerSummary['ups'] = [];
  for (let i = 0; i < pw.kind.length; i++) {
    if (pw.kind[i] !== NodeKind.Ups) continue;
    ups.push({
      id: pw.ids[i]!, time_on_battery_s: r3(pw.batterySeconds[i]!), time_on_bypass_s: r3(bp.seconds[i]!), transfers_to_bypass: bp.transfers[i]!,
      bypass_locked_out: bp.lockedOut[i] === 1, on_bypass_at_end: bp.on[i] === 1, battery_left: pw.battery[i]! > 0 ? r6(pw.energy[i]! / pw.battery[i]!) : 0,
    });
  }
  const batteries: PowerSummary['batteries'] = [];
  for (let j = 0; j < st.n; j++) {
    const cap = st.capacity[j]!;
    batteries.push({
      id: st.ids[j]!, bus: pw.ids[st.bus[j]!]!, limit_kw: r3(st.limit[j]! / 1000),
      charged_kwh: r3(st.charged[j]! / KWH), discharged_kwh: r3(st.discharged[j]! / KWH),
      losses_kwh: r3((st.charged[j]! - st.discharged[j]! - (st.energy[j]! - st.initial[j]!)) / KWH),
      stored_change_kwh: r3((st.energy[j]! - st.initial[j]!) / KWH),
      soc_start: r6(st.initial[j]! / cap), soc_end: r6(st.energy[j]! / cap), soc_min: r6(st.minEnergy[j]! / cap),
      peak_import_kw: r3(st.peakImport[j]! / 1000), time_above_limit_s: r3(st.aboveLimitS[j]!),
    });
  }
  return { ups, batteries };
}

export interface Violation { limit: string; value: number; allowed: number; message: string }

/** The named parts of facility energy, kWh. */
export interface FacilityParts {
  it: number;
  ups_losses: number;
  distribution_losses: number;
  /** Only when the scenario states `power.batteries`. */
  storage_losses?: number;
  cdu_pumps: number;
  fws_pumps: number;
  crah_fans: number;
  chillers: number;
  chiller_controls: number;
  condenser_fans: number;
  condenser_pumps: number;
  free_cooling_fans: number;
  lighting: number;
  other: number;
  /** Only when the scenario states `heat_reuse` (0 for a direct exchanger). */
  heat_pump?: number;
}

/** What the heat export did over the run (docs/report.md); present only when the scenario states `heat_reuse`. */
export interface HeatReuseKpis {
  /** Heat delivered to the network, kWh (the reuse energy of ERE and ERF). */
  exported_kwh: number;
  /** The part of it taken from the facility water (the rest is the heat pump's electricity), kWh. */
  from_fws_kwh: number;
  heat_pump_kwh: number;
  /** What the network asked for (its demand up to the unit's capacity), kWh, and the share delivered. */
  demand_kwh: number;
  demand_met: number | null;
  /** Share of the heat the plant would otherwise reject (rejected + taken from the FWS) that was reused. */
  fws_heat_reused: number | null;
  /** Seasonal COP of the heat pump: exported / electricity (null for a direct exchanger or no export). */
  mean_cop: number | null;
  /** Hours in which heat went to the network (to within a step). */
  hours_exporting: number;
}

export interface Report {
  scenario: string;
  seed: number;
  duration_s: number;
  events_processed: number;
  steps: number;
  kpis: {
    pue: number | null;
    it_energy_kwh: number;
    facility_energy_kwh: number;
    cooling_energy_kwh: number;
    pump_energy_kwh: number;
    fan_energy_kwh: number;
    chiller_energy_kwh: number;
    free_cooling_energy_kwh: number;
    free_cooling_heat_fraction: number | null;
    water_l: number;
    wue_l_per_kwh: number | null;
    peak_rack_inlet_c: number;
    peak_tcs_supply_c: number | null;
    peak_rack_coolant_c: number | null;
    peak_fws_supply_c: number;
    racks_throttled: number;
    racks_tripped: number;
    /** Racks that lost power (both cords dead) at any time: a rack without power trips nothing and breaks no temperature limit. */
    racks_lost_power: number;
    ppue_cooling: number | null;
    ppue_power: number | null;
    /** `storage` (battery storage conversion losses) only when the scenario states `power.batteries`. */
    losses_kwh: { ups: number; distribution: number; storage?: number; total: number };
    /** Facility energy by named part; they sum to facility_energy_kwh (to rounding). */
    facility_parts_kwh: FacilityParts;
    /** Site water by where it evaporates; they sum to water_l. */
    water_parts_l: { free_cooling_towers: number; chiller_towers: number };
    ppue_other: number | null;
    tokens: number;
    energy_per_1k_tokens_kwh: number | null;
    cost_per_1k_tokens: number | null;
    cost_per_gpu_hour: number | null;
    gpu_utilisation: number | null;
    mean_queue_time_s: number | null;
    gpu_hours_lost: number;
    ups_min_runtime_margin_s: number | null;
    /**
     * The Green Grid's Energy Reuse Effectiveness (facility − reused)/IT and Energy Reuse Factor
     * reused/facility (White Paper #29), and the export's totals: only when the scenario states `heat_reuse`.
     */
    ere?: number | null;
    erf?: number | null;
    heat_reuse?: HeatReuseKpis;
  };
  economics: {
    energy_cost: number;
    capex_cost: number;
    opex_cost: number;
    water_cost: number;
    total_cost: number;
    gpu_hours_installed: number;
    gpu_hours_used: number;
    cloud_price_per_gpu_hour: number | null;
    cloud_cost_for_gpu_hours_used: number | null;
    /** Value of the heat exported (sold at `heat_reuse.price`, or boiler fuel displaced), subtracted in total_cost; only with `heat_reuse`. */
    heat_credit?: number;
  };
  jobs: { id: string; kind: string; gpus: number; state: string; progress: number | null; speed: number; checkpoints_s: number[] }[];
  alarms: Alarm[];
  time_to_limit: Record<string, LimitCrossing>;
  /** Heat in = rejected + reused (taken from the FWS for export; only with `heat_reuse`) + stored. */
  energy_balance: { in_j: number; rejected_j: number; reused_j?: number; stored_j: number; error_rel: number };
  series: Record<string, { unit: string; t_s: number[]; values: number[] }>;
  final: Record<string, Record<string, number | string>>;
  /** The power chain's UPS systems and batteries over the run (absent without a power chain). */
  power?: PowerSummary;
  violations: Violation[];
  warnings: string[];
}

/** Energy of a run so far, J, and its water, kg: the parts PUE and WUE are composed of; `reused`: heat delivered to a heat network (ERE, ERF). */
export interface EnergyTotals { it: number; cooling: number; losses: number; facility: number; water: number; reused: number }
export const emptyTotals = (): EnergyTotals => ({ it: 0, cooling: 0, losses: 0, facility: 0, water: 0, reused: 0 });

/**
 * Fills `out` with the run's energy so far: the one place facility energy is composed, read by the
 * report's KPIs and by the annual breakdown's hours and months (which must add up to them).
 */
export function energyTotals(sim: Simulation, out: EnergyTotals): EnergyTotals {
  const a = sim.acc, pw = sim.power;
  out.it = a.it;
  out.cooling = coolingJ(a);
  out.losses = lossesJ(pw);
  out.facility = facilityJ(a, pw);
  out.water = a.water;
  out.reused = a.heatExported;
  return out;
}

const KWH = 3.6e6;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function buildReport(sim: Simulation): Report {
  const { plant, acc, solver, peaks } = sim;
  const { racks, cdus, layout } = plant;
  const T = solver.T, T0 = sim.initialState;

  // Stored heat: Σ C·(T_end − T_start) over every node with a heat capacity.
  let stored = 0;
  for (let r = 0; r < racks.n; r++) if (racks.cooling[r] !== Cooling.Air) stored += racks.capacity[r]! * (T[r]! - T0[r]!);
  for (let c = 0; c < cdus.n; c++) stored += cdus.loopCapacity[c]! * (T[layout.cdus + c]! - T0[layout.cdus + c]!);
  if (plant.zones) for (let z = 0; z < plant.zones.n; z++) stored += plant.zones.capacity[z]! * (T[layout.air + z]! - T0[layout.air + z]!);
  else stored += plant.hall.airCapacity * (T[layout.air]! - T0[layout.air]!);
  stored += plant.hall.structureCapacity * (T[layout.structure]! - T0[layout.structure]!);
  stored += plant.fws.capacity * (T[layout.fwsReturn]! - T0[layout.fwsReturn]!);
  stored += plant.fws.storageCapacity * (T[layout.storage]! - T0[layout.storage]!);
  const hr = plant.heatRecovery;
  const errorRel = Math.abs(acc.heatIn - acc.heatRejected - acc.heatReused - stored) / Math.max(acc.heatIn, 1);

  const { cooling, losses, facility } = energyTotals(sim, emptyTotals());
  const pw = sim.power;
  const upsLoss = pw ? pw.acc.upsLoss : 0, distLoss = pw ? pw.acc.distLoss : 0;
  const storageLoss = pw ? pw.storage.loss : 0;
  const wl = sim.workload;
  const tokens = wl ? wl.acc.tokens : 0;
  const totalGpus = racks.gpus.reduce((a, b) => a + b, 0);
  const hours = sim.now / 3600;
  const econ = sim.scenario.economics ?? {};
  // Under a tariff the run priced each step at its band (Simulation.energyCost); else one price.
  const energyCost = sim.energyCost ?? facility * (econ.energy_price ?? ECONOMICS.energyPrice);
  const cap = capital(econ, racks);
  const capexCost = (cap.annual * sim.now) / YEAR_S;
  const opexCost = (((econ.opex_per_year ?? 0) + (econ.staff_per_year ?? 0) + (econ.maintenance ?? 0) * cap.total) * sim.now) / YEAR_S;
  const waterCost = (econ.water_price ?? 0) * (acc.water / 1000);
  const heatCredit = acc.heatCredit;
  const totalCost = energyCost + capexCost + opexCost + waterCost - heatCredit;
  const gpuHoursUsed = wl ? wl.acc.gpuSecondsAllocated / 3600 : totalGpus * hours;
  const ups = upsMargin(sim);
  let throttled = 0, tripped = 0;
  for (let r = 0; r < racks.n; r++) { throttled += racks.everThrottled[r]!; tripped += racks.everTripped[r]!; }
  const waterL = acc.water; // 1 kg of water ≈ 1 L
  const kpis: Report['kpis'] = {
    pue: acc.it > 0 ? r6(facility / acc.it) : null,
    it_energy_kwh: r3(acc.it / KWH),
    facility_energy_kwh: r3(facility / KWH),
    cooling_energy_kwh: r3(cooling / KWH),
    pump_energy_kwh: r3(acc.pumps / KWH),
    fan_energy_kwh: r3(acc.fans / KWH),
    chiller_energy_kwh: r3(acc.chillers / KWH),
    free_cooling_energy_kwh: r3(acc.freeCoolingFans / KWH),
    free_cooling_heat_fraction: acc.heatRejected > 0 ? r6(acc.freeCoolingHeat / acc.heatRejected) : null,
    water_l: r3(waterL),
    wue_l_per_kwh: acc.it > 0 ? r6(waterL / (acc.it / KWH)) : null,
    peak_rack_inlet_c: toC(peaks.inlet === -Infinity ? solver.inlet : peaks.inlet),
    peak_tcs_supply_c: peaks.tcsSupply === -Infinity ? null : toC(peaks.tcsSupply),
    peak_rack_coolant_c: peaks.rackCoolant === -Infinity ? null : toC(peaks.rackCoolant),
    peak_fws_supply_c: toC(peaks.fwsSupply === -Infinity ? solver.flows.fwsSupply : peaks.fwsSupply),
    racks_throttled: throttled,
    racks_tripped: tripped,
    racks_lost_power: new Set(sim.log.alarms.filter((a) => a.kind === 'rack_power_loss').map((a) => a.component)).size,
    ppue_cooling: acc.it > 0 ? r6((acc.it + cooling) / acc.it) : null,
    ppue_power: acc.it > 0 ? r6((acc.it + losses) / acc.it) : null,
    losses_kwh: pw && pw.storage.n > 0
      ? { ups: r3(upsLoss / KWH), distribution: r3(distLoss / KWH), storage: r3(storageLoss / KWH), total: r3(losses / KWH) }
      : { ups: r3(upsLoss / KWH), distribution: r3(distLoss / KWH), total: r3(losses / KWH) },
    facility_parts_kwh: {
      it: r3(acc.it / KWH), ups_losses: r3(upsLoss / KWH), distribution_losses: r3(distLoss / KWH),
      ...(pw && pw.storage.n > 0 ? { storage_losses: r3(storageLoss / KWH) } : {}),
      cdu_pumps: r3(acc.pumps / KWH), fws_pumps: r3(acc.fwsPumps / KWH), crah_fans: r3(acc.fans / KWH),
      chillers: r3(acc.chillers / KWH), chiller_controls: r3(acc.chillerControls / KWH),
      condenser_fans: r3(acc.condenserFans / KWH), condenser_pumps: r3(acc.condenserPumps / KWH),
      free_cooling_fans: r3(acc.freeCoolingFans / KWH), lighting: r3(acc.lighting / KWH), other: r3(acc.other / KWH),
      ...(hr ? { heat_pump: r3(acc.heatPump / KWH) } : {}),
    },
    water_parts_l: { free_cooling_towers: r3(acc.water - acc.chillerWater), chiller_towers: r3(acc.chillerWater) },
    ppue_other: acc.it > 0 ? r6((acc.it + acc.lighting + acc.other) / acc.it) : null,
    tokens: Math.round(tokens),
    energy_per_1k_tokens_kwh: tokens > 0 ? facility / KWH / (tokens / 1000) : null,
    cost_per_1k_tokens: tokens > 0 ? totalCost / (tokens / 1000) : null,
    cost_per_gpu_hour: totalGpus > 0 && hours > 0 ? r6(totalCost / (totalGpus * hours)) : null,
    gpu_utilisation: wl && totalGpus > 0 && sim.now > 0 ? r6(wl.acc.gpuSecondsAllocated / (totalGpus * sim.now)) : null,
    mean_queue_time_s: wl && wl.acc.queueWaits.length ? r3(wl.acc.queueWaits.reduce((a, b) => a + b, 0) / wl.acc.queueWaits.length) : null,
    gpu_hours_lost: wl ? r3(wl.acc.gpuSecondsLost / 3600) : 0,
    ups_min_runtime_margin_s: ups === null ? null : r3(ups),
    ...(hr ? heatReuseKpis(acc, facility) : {}),
  };

  const series: Report['series'] = {};
  sim.probes.forEach((p, i) => {
    series[p.name] = { unit: p.unit, t_s: sim.series.t.map(r3), values: sim.series.v[i]!.map(r6) };
  });

  const final: Report['final'] = {};
  for (let r = 0; r < racks.n; r++) final[racks.ids[r]!] = rackFinal(racks, r, solver);
  for (let c = 0; c < cdus.n; c++) final[cdus.ids[c]!] = cduFinal(cdus, c, layout.cdus + c, solver);
  for (let i = 0; i < plant.crahs.n; i++) final[plant.crahs.ids[i]!] = crahFinal(plant.crahs, i);
  for (const ch of plant.chillers) final[ch.id] = chillerFinal(ch, sim.now);
  for (const f of plant.freeCoolers) final[f.id] = freeCoolerFinal(f);
  if (hr) final[hr.id] = heatRecoveryFinal(hr, solver.recovery);
  for (let i = 0; i < plant.doors.n; i++) Object.assign(final[plant.doors.ids[i]!]!, rearDoorFinal(plant.doors, i));
  final[plant.hall.id] = hallFinal(layout.air, layout.airNodes, layout.structure, solver);
  if (plant.zones) for (let z = 0; z < plant.zones.n; z++) final[plant.zones.ids[z]!] = zoneFinal(plant.zones, layout.air, z, solver);
  final['plant'] = {
    kind: 'plant', fws_supply_c: toC(solver.flows.fwsSupply), fws_return_c: toC(T[layout.fwsReturn]!),
    chillers_running: plant.chillers.reduce((n, ch) => n + (ch.staged && !ch.failed ? 1 : 0), 0), chiller_staging: plant.staging.mode,
  };

  const report: Report = {
    scenario: sim.scenario.name,
    seed: sim.seed,
    duration_s: r3(sim.now),
    events_processed: sim.kernel.eventsProcessed,
    steps: sim.steps,
    kpis,
    alarms: sim.log.alarms,
    time_to_limit: sim.log.firstCrossing,
    energy_balance: { in_j: Math.round(acc.heatIn), rejected_j: Math.round(acc.heatRejected), ...(hr ? { reused_j: Math.round(acc.heatReused) } : {}), stored_j: Math.round(stored), error_rel: errorRel },
    economics: {
      energy_cost: r3(energyCost), capex_cost: r3(capexCost), opex_cost: r3(opexCost), water_cost: r3(waterCost), total_cost: r3(totalCost),
      gpu_hours_installed: r3(totalGpus * hours), gpu_hours_used: r3(gpuHoursUsed),
      cloud_price_per_gpu_hour: econ.cloud_price_per_gpu_hour ?? null,
      cloud_cost_for_gpu_hours_used: econ.cloud_price_per_gpu_hour !== undefined ? r3(econ.cloud_price_per_gpu_hour * gpuHoursUsed) : null,
      ...(hr ? { heat_credit: r3(heatCredit) } : {}),
    },
    jobs: wl ? wl.summary(sim.now) : [],
    series,
    final,
    ...(pw ? { power: powerSummary(sim)! } : {}),
    violations: [],
    warnings: sim.warnings,
  };
  assertFinite(report);
  report.violations = checkLimits(sim, report);
  return report;
}

/**
 * ERE, ERF and the export's totals. The Green Grid WP#29: ERE = (E_facility − E_reuse)/E_IT and
 * ERF = E_reuse/E_facility, E_reuse the energy reused outside the data centre — here the heat delivered to
 * the network. The heat pump is inside the boundary: its electricity is in E_facility and in the heat it
 * delivers, so it cancels in ERE (which credits only the hall's own heat) while PUE carries it.
 */
function heatReuseKpis(acc: Simulation['acc'], facility: number): Pick<Report['kpis'], 'ere' | 'erf' | 'heat_reuse'> {
  const plantHeat = acc.heatRejected + acc.heatReused;
  return {
    ere: acc.it > 0 ? r6((facility - acc.heatExported) / acc.it) : null,
    erf: facility > 0 ? r6(acc.heatExported / facility) : null,
    heat_reuse: {
      exported_kwh: r3(acc.heatExported / KWH), from_fws_kwh: r3(acc.heatReused / KWH), heat_pump_kwh: r3(acc.heatPump / KWH),
      demand_kwh: r3(acc.heatAsked / KWH), demand_met: acc.heatAsked > 0 ? r6(acc.heatExported / acc.heatAsked) : null,
      fws_heat_reused: plantHeat > 0 ? r6(acc.heatReused / plantHeat) : null,
      mean_cop: acc.heatPump > 0 ? r6(acc.heatExported / acc.heatPump) : null,
      hours_exporting: r3(acc.exportSeconds / 3600),
    },
  };
}

/**
 * Every number a report carries is finite: JSON would turn NaN into null and a reader would take it for
 * "not applicable". A non-finite one is an engine error naming where it sits (`kpis.pue`).
 */
export function assertFinite(value: unknown, path = 'report'): void {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === 'number') { if (!Number.isFinite(v)) throw new EngineError('report', p, v, null, 'a computed result is not a finite number'); }
    else if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) stack.push([v[i], `${p}[${i}]`]); }
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, `${p}.${k}`]);
  }
}

/** The scenario's stated limits, checked against the run. A violation makes the CLI exit 2. */
function checkLimits(sim: Simulation, rep: Report): Violation[] {
  const L = sim.scenario.limits;
  if (!L) return [];
  const out: Violation[] = [];
  const k = rep.kpis;
  const check = (limit: string, value: number | null, allowed: number | undefined, what: string) => {
    if (allowed === undefined || value === null) return;
    if (value > allowed + 1e-9) out.push({ limit, value, allowed, message: `${what} ${value} exceeds the stated limit ${allowed}` });
  };
  check('max_rack_inlet', k.peak_rack_inlet_c, L.max_rack_inlet !== undefined ? toC(L.max_rack_inlet) : undefined, 'peak rack inlet °C');
  check('max_rack_coolant', k.peak_rack_coolant_c, L.max_rack_coolant !== undefined ? toC(L.max_rack_coolant) : undefined, 'peak rack coolant °C');
  check('max_tcs_supply', k.peak_tcs_supply_c, L.max_tcs_supply !== undefined ? toC(L.max_tcs_supply) : undefined, 'peak TCS supply °C');
  check('max_fws_supply', k.peak_fws_supply_c, L.max_fws_supply !== undefined ? toC(L.max_fws_supply) : undefined, 'peak FWS supply °C');
  check('max_racks_throttled', k.racks_throttled, L.max_racks_throttled, 'racks throttled');
  check('max_racks_tripped', k.racks_tripped, L.max_racks_tripped, 'racks tripped');
  check('max_racks_lost_power', k.racks_lost_power, L.max_racks_lost_power, 'racks that lost power');
  check('max_pue', k.pue, L.max_pue, 'PUE');
  check('max_gpu_hours_lost', k.gpu_hours_lost, L.max_gpu_hours_lost, 'GPU-hours lost');
  if (L.min_ups_runtime_margin !== undefined && k.ups_min_runtime_margin_s !== null && k.ups_min_runtime_margin_s < L.min_ups_runtime_margin)
    out.push({ limit: 'min_ups_runtime_margin', value: k.ups_min_runtime_margin_s, allowed: L.min_ups_runtime_margin, message: `UPS runtime margin ${k.ups_min_runtime_margin_s} s is below the stated ${L.min_ups_runtime_margin} s` });
  return out;
}
