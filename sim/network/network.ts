/**
 * The thermal-hydraulic network and its exact implicit solve: one stage C·(T − R)/h_s = f(T) of any
 * implicit time scheme (backward Euler is R = T(t), h_s = h), solved by elimination.
 *
 * Why elimination: the network is a tree of loops — racks hang off CDU loops, CDU exchangers and CRAH
 * coils hang off the facility-water (FWS) loop, the plant closes it — so each node's new temperature is
 * linear in its parent's supply temperature and the whole system collapses to one scalar equation in the
 * FWS supply temperature. Controls (a CDU holding its supply setpoint, a capacity limit, free cooling down
 * to ambient + approach) make it piecewise linear: we guess each mode, solve, and re-check the modes (a
 * few passes at most). A hall zoned by row adds a small linear solve to each pass (its zones exchange air
 * with their neighbours and share the structure): airZones.ts, O(rows), affine in the FWS supply like a CDU.
 *
 * Every flux is evaluated at the stage's level on both of its ends, so each stage conserves energy to
 * rounding: Σ C·(T − R) = (heat in − heat rejected)·h_s. The time scheme that strings stages together is
 * in solver.ts: swap it there.
 */
import type { Plant } from '../plant/types';
import { RackState } from '../plant/types';
import { capacityFactor, chillerPower } from '../physics/chiller';
import { counterflowEffectiveness } from '../physics/hx';
import { pumpPower, deliveredFlow } from '../physics/hydraulics';
import { C_TO_K } from '../scenario/defaults';
import { HEAT_REJECTION } from '../components/free-cooler/schema';
import { CHILLER } from '../components/chiller/schema';
import { chillerCools, chillerRunning } from '../components/chiller/chiller';
import { heatDemand, recoveryPass, recoveryOutput } from '../components/heat-recovery/heat-recovery';
import { Mode } from './mode';
import { ZonedAir } from './airZones';
import { updateDoorFlows } from '../components/rear-door/rear-door';

/** Stage lengths of a steady-state solve, s: from seconds up to about 30,000 years. */
const STEADY_STAGES = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e8, 1e10, 1e12];

/** Mode passes before a step is declared unsettled and retaken shorter. */
const MAX_PASSES = 8;

export const emptyFlows = (): StepFlows => ({
  itPower: 0, pumpPower: 0, fanPower: 0, chillerPower: 0, freeCoolingFanPower: 0, fwsPumpPower: 0, condenserFanPower: 0,
  condenserPumpPower: 0, controlsPower: 0, lightingPower: 0, otherPower: 0, heatIn: 0, heatRejected: 0,
  freeCoolingHeat: 0, chillerHeat: 0, waterUse: 0, chillerWater: 0, fwsSupply: 0, plantOutlet: 0, dryBulb: 0, wetBulb: 0,
  reusedHeat: 0, exportedHeat: 0, heatPumpPower: 0, heatAsked: 0,
});

export function copyFlows(from: StepFlows, to: StepFlows): void {
  to.itPower = from.itPower; to.pumpPower = from.pumpPower; to.fanPower = from.fanPower; to.chillerPower = from.chillerPower;
  to.freeCoolingFanPower = from.freeCoolingFanPower; to.fwsPumpPower = from.fwsPumpPower; to.condenserFanPower = from.condenserFanPower;
  to.condenserPumpPower = from.condenserPumpPower; to.controlsPower = from.controlsPower; to.lightingPower = from.lightingPower;
  to.otherPower = from.otherPower; to.heatIn = from.heatIn; to.heatRejected = from.heatRejected;
  to.freeCoolingHeat = from.freeCoolingHeat; to.chillerHeat = from.chillerHeat; to.waterUse = from.waterUse; to.chillerWater = from.chillerWater;
  to.fwsSupply = from.fwsSupply; to.plantOutlet = from.plantOutlet; to.dryBulb = from.dryBulb; to.wetBulb = from.wetBulb;
  to.reusedHeat = from.reusedHeat; to.exportedHeat = from.exportedHeat; to.heatPumpPower = from.heatPumpPower; to.heatAsked = from.heatAsked;
}

/** Cooling's electric power: CDU and FWS pumps, CRAH fans, chillers with their controls, condensers, free-cooling fans, W. */
export const coolingPower = (f: StepFlows): number =>
  f.pumpPower + f.fwsPumpPower + f.fanPower + f.chillerPower + f.controlsPower + f.condenserFanPower + f.condenserPumpPower + f.freeCoolingFanPower;

/** The site's electric power but electrical losses (those are the power chain's): IT, cooling, lighting, other, heat pump, W. */
export const sitePower = (f: StepFlows): number => f.itPower + coolingPower(f) + f.lightingPower + f.otherPower + f.heatPumpPower;

/** Instantaneous flows and powers at the end of the last step, W (and kg/s for water). */
export interface StepFlows {
  itPower: number;
  /** CDU pumps. */
  pumpPower: number;
  /** CRAH fans. */
  fanPower: number;
  /** Chiller compressors. */
  chillerPower: number;
  freeCoolingFanPower: number;
  /** FWS (primary) pumps. */
  fwsPumpPower: number;
  /** Tower fans of tower-cooled chillers. */
  condenserFanPower: number;
  /** Condenser-water pumps of running tower-cooled chillers. */
  condenserPumpPower: number;
  /** Chiller controls (panels, PLCs). */
  controlsPower: number;
  /** Hall lighting (also heat into the hall air). */
  lightingPower: number;
  /** BMS, security, offices (outside the hall). */
  otherPower: number;
  heatIn: number;
  heatRejected: number;
  freeCoolingHeat: number;
  chillerHeat: number;
  waterUse: number;
  /** The part of waterUse evaporated by chiller condenser towers, kg/s. */
  chillerWater: number;
  fwsSupply: number;
  plantOutlet: number;
  dryBulb: number;
  wetBulb: number;
  /** Heat the heat-recovery unit took from the FWS return (its source), W: leaves the FWS beside what the plant rejects. */
  reusedHeat: number;
  /** Heat delivered to the district-heating network (source heat plus a heat pump's electricity), W. */
  exportedHeat: number;
  /** The recovery heat pump's electric power, W (facility energy, outside the cooling). */
  heatPumpPower: number;
  /** Heat the network asked for (its demand, up to the unit's capacity), W. */
  heatAsked: number;
}

export class ThermalNetwork {
  readonly T: Float64Array;
  readonly T0: Float64Array;
  readonly qIt: Float64Array;
  readonly cduSupply: Float64Array;
  readonly cduHeat: Float64Array;
  readonly flows: StepFlows = emptyFlows();
  /** Reference state of the stage being solved (T0 for backward Euler). */
  protected readonly R: Float64Array;
  /** Heat capacity of every node, J/K (0 for algebraic ones: air racks, a loop without storage). */
  protected readonly nodeC: Float64Array;
  /** Mode passes the last step needed (≥ 1). */
  passes = 0;
  /** Hottest rack inlet air (cold aisle) at the end and at the start of the last step, K. */
  inlet: number;
  inlet0: number;
  /**
   * Rack inlet of each air zone, then the hottest (index zones), at the end and at the start of the last
   * step, K: rack r breathes zoneInlet[rackZone[r]]. An unzoned hall has one zone, its inlet the CRAH supply air.
   */
  readonly zoneInlet: Float64Array;
  readonly zoneInlet0: Float64Array;
  readonly rackZone: Int32Array;
  /** Heat the CRAHs took from the hall in the last step, W. */
  crahHeat = 0;
  /** Heat the rear doors moved to the facility water in the last step, W. */
  doorHeat = 0;
  /** When set (a workload drives the racks), fills every rack's load at time t instead of the file's loads. */
  loadProvider: ((t: number, load: Float64Array) => void) | null = null;
  /** Electrical losses dissipated in the hall (busways, PDUs, UPS standing in the hall), W. */
  extraHallHeat = 0;
  private readonly alpha: Float64Array;
  private readonly beta: Float64Array;
  private readonly cduE: Float64Array;
  /** A pass's CDU loop source with its rear doors' heat, cduEa + cduEf·T_fs (cduE when it has none). */
  private readonly cduEa: Float64Array;
  private readonly cduEf: Float64Array;
  /** The water each CDU's rear doors take in a pass: its supply as the last pass left it, K. */
  private readonly doorWater: Float64Array;
  private readonly cduB: Float64Array;
  private readonly cduD: Float64Array;
  private readonly cduMode: Uint8Array;
  private readonly exprValues: Float64Array;
  private readonly weather = { dryBulb: 0, wetBulb: 0 };
  private readonly fcHeat: Float64Array;
  private lastSupply: number;
  private firstAirRack = 0;
  /** Mixed free-cooling outlet as e0 + e1·T_fr, set by freeCoolingMap (fields, not a returned object: hot path). */
  private e0 = 0;
  private e1 = 1;
  private readonly air: AirSide = { J: 0, Ha: 0, cap: 0, air: 0, coil: 0, set: 0 };
  /** The per-row air zones' solve, or null for the single mixed hall node. */
  private readonly zoned: ZonedAir | null;
  /** Electric power of each chiller's compressor, and what it draws in all (with condenser fans and pump), and each free cooler's fans in the last step, W. */
  readonly chillerPowerEach: Float64Array;
  readonly chillerDrawEach: Float64Array;
  /** Cooling each chiller could give in the last step at its setpoint and condenser conditions, staged or not, W. */
  readonly chillerCapEach: Float64Array;
  /** What the chillers must remove to bring the free-cooled water to the FWS setpoint, at the end of the last step, W. */
  chillerDemand = 0;
  /**
   * The same, signed: negative when free cooling alone brings the water below the setpoint (W). The run
   * interpolates it inside a step to start a stand-by chiller where the running set first falls short.
   */
  chillerNeed = 0;
  readonly freeCoolerFanEach: Float64Array;
  /** The per-component electrical demands, for the power chain. */
  readonly demandSources: { rackPower: Float64Array; chillerPower: Float64Array; freeCoolerFan: Float64Array };
  /** Hottest rack coolant node after the last step, K (lets the monitor skip racks when all are cool). */
  maxRackT = -Infinity;
  /** Cooling the running chillers could give in the last step at its setpoint and condenser conditions, W. */
  chillerCapacity = 0;
  /** The heat-recovery unit's output at the end of the last step (W, and its COP; 0 for a direct exchanger). */
  readonly recovery = { delivered: 0, electric: 0, cop: 0 };

  constructor(readonly plant: Plant) {
    const { racks, cdus, layout } = plant;
    this.T = Float64Array.from(plant.initial);
    this.T0 = new Float64Array(layout.size);
    this.R = new Float64Array(layout.size);
    this.nodeC = new Float64Array(layout.size);
    for (let c = 0; c < cdus.n; c++) {
      for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) this.nodeC[r] = racks.capacity[r]!;
      this.nodeC[layout.cdus + c] = cdus.loopCapacity[c]!;
    }
    if (plant.zones) for (let z = 0; z < plant.zones.n; z++) this.nodeC[layout.air + z] = plant.zones.capacity[z]!;
    else this.nodeC[layout.air] = plant.hall.airCapacity;
    this.zoned = plant.zones ? new ZonedAir(plant, plant.zones) : null;
    const zones = plant.zones?.n ?? 1;
    this.zoneInlet = new Float64Array(zones + 1).fill(plant.hall.airSetpoint);
    this.zoneInlet0 = new Float64Array(zones + 1).fill(plant.hall.airSetpoint);
    this.rackZone = plant.zones ? Int32Array.from(plant.zones.rackZone, (z) => (z >= 0 ? z : zones)) : new Int32Array(racks.n);
    this.nodeC[layout.structure] = plant.hall.structureCapacity;
    this.nodeC[layout.fwsReturn] = plant.fws.capacity;
    this.nodeC[layout.storage] = plant.fws.storageCapacity;
    this.qIt = new Float64Array(racks.n);
    this.alpha = new Float64Array(racks.n);
    this.beta = new Float64Array(racks.n);
    this.cduE = new Float64Array(cdus.n);
    this.cduEa = new Float64Array(cdus.n);
    this.cduEf = new Float64Array(cdus.n);
    this.doorWater = new Float64Array(cdus.n);
    this.cduB = new Float64Array(cdus.n);
    this.cduD = new Float64Array(cdus.n);
    this.cduMode = new Uint8Array(cdus.n);
    this.cduSupply = new Float64Array(cdus.n);
    this.cduHeat = new Float64Array(cdus.n);
    this.exprValues = new Float64Array(plant.loadExprs.length);
    this.fcHeat = new Float64Array(plant.freeCoolers.length);
    this.chillerPowerEach = new Float64Array(plant.chillers.length);
    this.chillerDrawEach = new Float64Array(plant.chillers.length);
    this.chillerCapEach = new Float64Array(plant.chillers.length);
    this.freeCoolerFanEach = new Float64Array(plant.freeCoolers.length);
    this.demandSources = { rackPower: this.qIt, chillerPower: this.chillerDrawEach, freeCoolerFan: this.freeCoolerFanEach };
    this.lastSupply = plant.fws.supplySetpoint;
    // Air-cooled racks come after every CDU's range (compile orders racks by CDU).
    for (let c = 0; c < cdus.n; c++) this.firstAirRack = Math.max(this.firstAirRack, cdus.rackEnd[c]!);
    this.inlet = this.inlet0 = plant.hall.airSetpoint;
    this.updateHydraulics();
  }

  /** Recompute pump flows, capacity rates and exchanger effectiveness: call after any change to pumps, power or setpoints. */
  updateHydraulics(): void {
    const c = this.plant.cdus;
    // FWS pumps without power: no facility water through any exchanger.
    const fwsOn = this.plant.fws.powered;
    for (let i = 0; i < c.n; i++) {
      const running = c.failed[i] || !c.powered[i] || c.unitsHealthy[i] === 0 ? 0 : c.pumpsHealthy[i]!;
      const target = c.flowSetpoint[i]! * c.designFlow[i]!;
      const q = c.designFlow[i]! > 0 ? deliveredFlow(c.pumps[i]!, running, target) : 0;
      c.flow[i] = q;
      const rate = q * c.density[i]! * c.cp[i]!;
      c.rate[i] = rate;
      // Units on a shared header: a unit out takes its share of the exchanger (its pumps are out of the set).
      const ua = (c.uaClean[i]! * (1 - c.fouling[i]!) * c.unitsHealthy[i]!) / c.unitCount[i]!;
      const fwsRate = fwsOn ? c.fwsRate[i]! : 0;
      const eps = counterflowEffectiveness(ua, rate, fwsRate);
      c.hxK[i] = rate > 0 ? (eps * Math.min(rate, fwsRate)) / rate : 0;
      c.pumpPower[i] = q > 0 ? pumpPower(c.pumps[i]!, q, c.density[i]!, c.pumpEfficiency[i]!) : 0;
    }
    updateDoorFlows(this.plant.doors, c, fwsOn);
  }

  /** IT power of every rack at time t from its load, throttle state and power. */
  private updateSources(t: number): number {
    const { racks, loadExprs } = this.plant;
    const provided = this.loadProvider !== null;
    if (provided) this.loadProvider!(t, racks.load);
    else {
      // Every expression must exist before the solver does (events compile theirs first).
      if (loadExprs.length !== this.exprValues.length) throw new Error(`load expressions changed after the solver was built (${this.exprValues.length} → ${loadExprs.length})`);
      for (let e = 0; e < loadExprs.length; e++) this.exprValues[e] = loadExprs[e]!(t);
    }
    let total = 0;
    for (let r = 0; r < racks.n; r++) {
      let q = 0;
      const state = racks.state[r]!;
      if (racks.powered[r] && state !== RackState.Tripped) {
        const e = provided ? -1 : racks.loadExpr[r]!;
        const load = e >= 0 ? this.exprValues[e]! : racks.load[r]!;
        const idle = racks.idlePower[r]!;
        q = idle + (racks.designPower[r]! - idle) * load;
        const cap = racks.cap[r]!; // GPU power cap while throttling (a load above 1 is not capped otherwise)
        if (cap < 1) q = Math.min(q, cap * racks.designPower[r]!);
      }
      this.qIt[r] = q;
      total += q;
    }
    return total;
  }

  /**
   * One implicit stage C·(T − R)/hs = f(T) with sources and weather at `tStage`, solved exactly by
   * elimination (backward Euler is the case R = T0, hs = h).
   */
  protected solveStage(t: number, tNew: number, hs: number): boolean {
    const { racks, cdus, crahs, hall, fws, layout, chillers, freeCoolers, facility } = this.plant;
    const T = this.T, T0 = this.R;
    const it = this.updateSources(tNew);
    this.plant.weather.at(tNew, this.weather);
    const inv = 1 / hs;
    // Site loads on the power chain draw and heat nothing while they have no live cord.
    const lighting = facility.lightingPowered ? facility.lighting : 0;
    const fwsOn = fws.powered;

    // 1. Racks: T_r = α + β·T_supply(cdu); aggregate per CDU.
    let airHeat = hall.otherHeat + this.extraHallHeat + lighting;
    let pumpTotal = 0;
    for (let c = 0; c < cdus.n; c++) {
      const rate = cdus.rate[c]!;
      let A = 0, B = 0;
      for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) {
        const g = racks.flowShare[r]! * rate;
        const a = racks.capacity[r]! * inv;
        const d = a + g;
        const lf = racks.liquidFraction[r]!;
        const q = this.qIt[r]!;
        airHeat += q * (1 - lf);
        const al = (a * T0[r]! + q * lf) / d;
        const be = g / d;
        this.alpha[r] = al;
        this.beta[r] = be;
        A += g * al;
        B += g * be;
      }
      const cap = cdus.loopCapacity[c]! * inv;
      const pp = cdus.pumpPower[c]!;
      pumpTotal += pp;
      this.cduE[c] = cap * T0[layout.cdus + c]! + A + pp;
      this.cduB[c] = B;
      this.cduD[c] = cap + rate;
    }
    for (let r = this.firstAirRack; r < racks.n; r++) airHeat += this.qIt[r]!;
    // Rear doors on a CDU's loop are branches beside its racks: their water leaves at the supply and comes
    // back with their heat (the heat is added per pass, with the zones); a first guess of that water.
    const doors = this.plant.doors;
    for (let i = 0; i < doors.n; i++) { const c = doors.cdu[i]!; if (c >= 0) this.cduB[c]! += doors.flowShare[i]! * cdus.rate[c]!; }
    for (let c = 0; c < cdus.n; c++) this.doorWater[c] = this.cduMode[c] === Mode.Controlled || !(this.cduSupply[c]! > 0) ? cdus.supplySetpoint[c]! : this.cduSupply[c]!;

    // 2. Hall air (the mixed, return-side air) with its structural mass: T_m = m0 + m1·T_a; or the zones.
    let crahCap = 0, crahAir = 0, crahRate = 0, fanTotal = 0;
    const zoned = this.zoned;
    // Hall-wide gains for the zones to share: other heat, the hall's electrical losses and the lighting.
    if (zoned) fanTotal = zoned.prepare(T, T0, inv, this.qIt, this.extraHallHeat + lighting);
    else for (let i = 0; i < crahs.n; i++) {
      if (crahs.failed[i] || !crahs.powered[i]) continue;
      crahCap += crahs.capacity[i]!;
      crahAir += crahs.airRate[i]!;
      if (fwsOn) crahRate += crahs.coilRate[i]!; // a coil with no water takes no heat
      fanTotal += crahs.fanPower[i]!;
    }
    airHeat += fanTotal;
    const cm = hall.structureCapacity * inv, ua = hall.structureUA;
    const m1 = cm + ua > 0 ? ua / (cm + ua) : 0;
    const m0 = cm + ua > 0 ? (cm * T0[layout.structure]!) / (cm + ua) : T0[layout.structure]!;
    const Ha = hall.airCapacity * inv + ua * (1 - m1);
    const J = hall.airCapacity * inv * T0[layout.air]! + airHeat + ua * m0;
    const air = this.air;
    air.J = J; air.Ha = Ha; air.cap = crahCap; air.air = crahAir; air.coil = crahRate; air.set = hall.airSetpoint;

    // 3. Plant inputs at the new time.
    const G = fwsOn ? fws.rate : 0;
    const cf = fws.capacity * inv;
    const set = fws.supplySetpoint;
    let fcTotalCap = 0;
    for (const f of freeCoolers) if (!f.failed && f.powered) fcTotalCap += f.capacity;
    let chCap = 0;
    for (let j = 0; j < chillers.length; j++) {
      const ch = chillers[j]!;
      const cap = ch.capacity * capacityFactor(ch.curves, set - C_TO_K, this.condenserC(ch));
      this.chillerCapEach[j] = cap;
      if (chillerCools(ch, t)) chCap += cap; // cools only in steps that start at or after its (re)start time
    }
    // FWS pumps: their work heats the water they move (into the return, ahead of the plant).
    const fwsPump = G > 0 ? fws.pumpPower : 0;
    this.chillerCapacity = chCap;
    const cs = fws.storageCapacity * inv;
    const hr = this.plant.heatRecovery;
    if (hr) hr.asked = Math.min(hr.capacity, heatDemand(hr, tNew, this.weather.dryBulb));
    const d1 = cs > 0 ? G / (cs + G) : 1;
    const d0 = cs > 0 ? (cs * T0[layout.storage]!) / (cs + G) : 0;

    // 4. Mode passes.
    let Tfs = this.lastSupply, Tfr = T0[layout.fwsReturn]!;
    let airMode = Mode.Idle, e0 = 0, e1 = 1, c0 = 0, c1 = 1, r0 = 0, r1 = 1;
    let passes = 0;
    let settled = false;
    for (;;) {
      passes++;
      let La = 0, Lb = 0, changed = false;
      // Zones first: the rear doors on CDU loops bring their heat to the CDUs.
      if (zoned) {
        if (zoned.pass(Tfs, T0, this.doorWater)) changed = true;
        La += zoned.La;
        Lb += zoned.Lb;
      }
      for (let c = 0; c < cdus.n; c++) {
        const doorsOn = zoned !== null && zoned.cduHasDoors[c] === 1;
        this.cduEa[c] = this.cduE[c]! + (doorsOn ? zoned.cduDoorA[c]! : 0);
        this.cduEf[c] = doorsOn ? zoned.cduDoorB[c]! : 0;
        const mode = this.cduModeAt(c, Tfs);
        if (mode !== this.cduMode[c]) { changed = true; this.cduMode[c] = mode; }
        La += this.cduHeatA(c, mode);
        Lb += this.cduHeatB(c, mode);
        if (doorsOn) {
          // The doors' water is this pass's supply: passes go on until it stops moving.
          const tw = this.supplyAt(c, mode, Tfs);
          if (Math.abs(tw - this.doorWater[c]!) > 1e-9) { changed = true; this.doorWater[c] = tw; }
        }
      }
      if (!zoned) {
        const am = airModeAt(air, Tfs);
        if (am !== airMode) { changed = true; airMode = am; }
        if (am === Mode.Controlled) La += crahAir * ((J + crahAir * air.set) / (Ha + crahAir) - air.set);
        else if (am === Mode.Capped) La += crahCap;
        else if (am === Mode.Saturated) {
          La += (crahRate * J) / (Ha + crahRate);
          Lb += crahRate * (crahRate / (Ha + crahRate) - 1);
        }
      }
      const p = (cf * T0[layout.fwsReturn]! + La + fwsPump) / (cf + G);
      const q = (G + Lb) / (cf + G);
      // Heat recovery first (T_r = r0 + r1·T_fr), then free cooling (T_e = e0 + e1·T_r, composed into T_fr);
      // then chillers trim to setpoint. Without recovery r0 = 0, r1 = 1 and the composition is exact.
      if (hr) { if (recoveryPass(hr, Tfr, G, set)) changed = true; r0 = hr.h0; r1 = hr.h1; }
      this.freeCoolingMap(r0 + r1 * Tfr, G, fcTotalCap, set);
      e0 = this.e0 + this.e1 * r0; e1 = this.e1 * r1;
      const Te = e0 + e1 * Tfr;
      const need = Te - set;
      if (need <= 0 || chCap <= 0) { c0 = e0; c1 = e1; }
      else if (need * G <= chCap) { c0 = set; c1 = 0; }
      else { c0 = e0 - chCap / G; c1 = e1; }
      const newFs = (d0 + d1 * (c0 + c1 * p)) / (1 - d1 * c1 * q);
      const newFr = p + q * newFs;
      settled = !changed && passes > 1 && Math.abs(newFs - Tfs) < 1e-9 && Math.abs(newFr - Tfr) < 1e-9;
      Tfs = newFs;
      Tfr = newFr;
      if (settled || passes >= MAX_PASSES) break;
    }
    this.passes = passes;
    this.lastSupply = Tfs;

    // 5. Back-substitution, with the largest temperature change for step control.
    let maxRack = -Infinity;
    for (let c = 0; c < cdus.n; c++) {
      const mode = this.cduMode[c]!;
      const E = this.cduSource(c, Tfs), B = this.cduB[c]!, Dd = this.cduD[c]!, rate = cdus.rate[c]!;
      const set = cdus.supplySetpoint[c]!, k = cdus.hxK[c]!;
      let Tc: number, Tts: number, Q: number;
      if (mode === Mode.Controlled) { Tc = (E + B * set) / Dd; Tts = set; Q = rate * (Tc - set); }
      else if (mode === Mode.Saturated) {
        Tc = (E + B * k * Tfs) / (Dd - B * (1 - k));
        Tts = (1 - k) * Tc + k * Tfs;
        Q = rate * k * (Tc - Tfs);
      } else { Tc = E / (Dd - B); Tts = Tc; Q = 0; }
      T[layout.cdus + c] = Tc;
      this.cduSupply[c] = Tts;
      this.cduHeat[c] = Q;
      for (let r = cdus.rackStart[c]!; r < cdus.rackEnd[c]!; r++) {
        const v = this.alpha[r]! + this.beta[r]! * Tts;
        if (v > maxRack) maxRack = v;
        T[r] = v;
      }
    }
    if (zoned) {
      T[layout.structure] = zoned.finish(Tfs, T, this.qIt, this.doorWater);
      this.zoneInlet.set(zoned.inlet);
      this.inlet = zoned.inlet[zoned.n]!;
      this.crahHeat = zoned.crahHeat;
      this.doorHeat = zoned.doorHeat;
    } else {
      // Rack inlet = the air the CRAHs supply (contained cold aisle); with no CRAH running, the hall air.
      let Ta: number, crahHeat: number;
      if (airMode === Mode.Controlled) { Ta = (J + crahAir * air.set) / (Ha + crahAir); crahHeat = crahAir * (Ta - air.set); }
      else if (airMode === Mode.Capped) { Ta = (J - crahCap) / Ha; crahHeat = crahCap; }
      else if (airMode === Mode.Saturated) { Ta = (J + crahRate * Tfs) / (Ha + crahRate); crahHeat = crahRate * (Ta - Tfs); }
      else { Ta = J / Ha; crahHeat = 0; }
      this.inlet = crahAir > 0 ? Ta - crahHeat / crahAir : Ta;
      this.zoneInlet[0] = this.zoneInlet[1] = this.inlet;
      this.crahHeat = crahHeat;
      T[layout.air] = Ta;
      T[layout.structure] = m0 + m1 * Ta;
    }
    T[layout.fwsReturn] = Tfr;
    const Tpo = c0 + c1 * Tfr;
    if (cs > 0) T[layout.storage] = Tfs;
    this.maxRackT = maxRack;

    // 6. Plant duty and power.
    const Te = e0 + e1 * Tfr;
    const Tr = r0 + r1 * Tfr;
    const fcHeat = G * (Tr - Te);
    const reused = G * (Tfr - Tr);
    const chHeat = G * (Te - Tpo);
    const f = this.flows;
    let fcFan = 0, water = 0;
    const cycles = (c: number) => c / (c - 1);
    this.freeCoolerFanEach.fill(0);
    this.chillerPowerEach.fill(0);
    if (fcHeat > 0) {
      let outSum = 0;
      for (let i = 0; i < freeCoolers.length; i++) outSum += this.fcHeat[i]!;
      for (let i = 0; i < freeCoolers.length; i++) {
        const u = freeCoolers[i]!;
        const share = outSum > 0 ? (fcHeat * this.fcHeat[i]!) / outSum : 0;
        const fan = u.fanPower * Math.min(1, share / u.capacity);
        this.freeCoolerFanEach[i] = fan;
        fcFan += fan;
        if (u.kind === 'tower') water += (share / HEAT_REJECTION.latentHeat) * cycles(u.cycles);
      }
    }
    // Chillers: the running ones share the duty by available capacity, each at its own part load.
    let chPower = 0, condFan = 0, condPump = 0, controls = 0, chWater = 0;
    this.chillerDrawEach.fill(0);
    for (let j = 0; j < chillers.length; j++) {
      const ch = chillers[j]!;
      if (ch.controlsPowered) controls += CHILLER.controlsPower;
      if (!chillerRunning(ch)) continue;
      let draw = ch.condenserPumpPower;
      condPump += ch.condenserPumpPower;
      if (chHeat > 0 && chCap > 0 && chillerCools(ch, t)) {
        const load = (chHeat * this.chillerCapEach[j]!) / chCap;
        const p = chillerPower(ch.curves, ch.capacity, ch.cop, load, Tpo - C_TO_K, this.condenserC(ch));
        // Tower fans scale with the heat the condenser rejects, against its design rejection capacity·(1 + 1/COP).
        const fan = (ch.condenserFanPower * (load + p)) / (ch.capacity * (1 + 1 / ch.cop));
        chPower += p;
        condFan += fan;
        draw += p + fan;
        this.chillerPowerEach[j] = p;
        if (ch.condenser === 'tower') chWater += ((load + p) / HEAT_REJECTION.latentHeat) * cycles(HEAT_REJECTION.cyclesOfConcentration);
      }
      this.chillerDrawEach[j] = draw;
    }
    this.chillerDemand = G * Math.max(0, Te - set);
    this.chillerNeed = G * (Te - set);
    f.itPower = it;
    f.pumpPower = pumpTotal;
    f.fanPower = fanTotal;
    f.chillerPower = chPower;
    f.freeCoolingFanPower = fcFan;
    f.fwsPumpPower = fwsPump;
    f.condenserFanPower = condFan;
    f.condenserPumpPower = condPump;
    f.controlsPower = controls;
    f.lightingPower = lighting;
    f.otherPower = facility.otherPowered ? facility.other : 0;
    f.heatIn = it + pumpTotal + fanTotal + hall.otherHeat + this.extraHallHeat + lighting + fwsPump;
    f.heatRejected = fcHeat + chHeat;
    f.freeCoolingHeat = fcHeat;
    f.chillerHeat = chHeat;
    f.waterUse = water + chWater;
    f.chillerWater = chWater;
    f.fwsSupply = Tfs;
    f.plantOutlet = Tpo;
    const rec = this.recovery;
    if (hr) recoveryOutput(hr, reused, Tr, rec);
    f.reusedHeat = reused;
    f.exportedHeat = rec.delivered;
    f.heatPumpPower = rec.electric;
    f.heatAsked = hr ? hr.asked : 0;
    f.dryBulb = this.weather.dryBulb;
    f.wetBulb = this.weather.wetBulb;
    return settled;
  }

  /**
   * The steady state with every source and the weather held at their values at t (planning checks), by
   * pseudo-transient continuation: implicit stages of growing length from the present state, up to one so
   * long (1e12 s) that every heat capacity's term C/h is ~1e-12 of the flows beside it, so its solution is
   * the steady state to rounding. Each stage starts from the last one's modes (a single huge stage from a
   * cold start can guess a mode whose equation is singular at steady state). Hydraulics must be current.
   * Where no steady state exists (heat in beyond what can be rejected, a rack with no flow) temperatures
   * come out absurdly high, never infinite, and a limit check reads them as violated. `warm`: the present
   * state is a nearby steady state (the same design with one unit out), so one long stage from it does
   * unless its modes fail to settle. Returns whether the last stage's
   * modes settled.
   */
  steadyState(t: number, warm = false): boolean {
    if (warm) {
      // One stage from the nearby state; if its modes do not settle, the whole ladder from there.
      const start = Float64Array.from(this.T);
      if (this.stage(t, STEADY_STAGES[STEADY_STAGES.length - 1]!)) return true;
      this.T.set(start);
    }
    let settled = false;
    for (const h of STEADY_STAGES) settled = this.stage(t, h);
    return settled;
  }

  private stage(t: number, h: number): boolean {
    this.T0.set(this.T);
    this.R.set(this.T);
    return this.solveStage(t, t, h);
  }

  /** Entering condenser temperature of a chiller, °C: wet bulb (tower) or dry bulb (air-cooled) + approach. */
  private condenserC(ch: Plant['chillers'][number]): number {
    return (ch.condenser === 'tower' ? this.weather.wetBulb : this.weather.dryBulb) + ch.condenserApproach - C_TO_K;
  }

  /** Restore the state of the start of the last step (to retake it with a shorter h). */
  undo(): void {
    this.T.set(this.T0);
    this.inlet = this.inlet0;
    this.zoneInlet.set(this.zoneInlet0);
  }

  private cduModeAt(c: number, Tfs: number): Mode {
    const cdus = this.plant.cdus;
    const rate = cdus.rate[c]!;
    if (rate <= 0) return Mode.NoFlow;
    const set = cdus.supplySetpoint[c]!;
    const Tc = (this.cduSource(c, Tfs) + this.cduB[c]! * set) / this.cduD[c]!;
    if (Tc < set) return Mode.Idle;
    return Tc - set <= cdus.hxK[c]! * (Tc - Tfs) ? Mode.Controlled : Mode.Saturated;
  }

  /**
   * Heat a CDU passes to the FWS, as a + b·T_fs: the constant part. Its loop's source is E = Ea + Ef·T_fs
   * (Ef: its rear doors' heat, which depends on the facility water through the zones' air).
   */
  private cduHeatA(c: number, mode: Mode): number {
    const cdus = this.plant.cdus;
    const rate = cdus.rate[c]!, E = this.cduEa[c]!, B = this.cduB[c]!, Dd = this.cduD[c]!;
    if (mode === Mode.Controlled) {
      const set = cdus.supplySetpoint[c]!;
      return rate * ((E + B * set) / Dd - set);
    }
    if (mode === Mode.Saturated) {
      const k = cdus.hxK[c]!;
      return (rate * k * E) / (Dd - B * (1 - k));
    }
    return 0;
  }

  private cduHeatB(c: number, mode: Mode): number {
    const cdus = this.plant.cdus;
    const rate = cdus.rate[c]!, B = this.cduB[c]!, Dd = this.cduD[c]!, Ef = this.cduEf[c]!;
    if (mode === Mode.Controlled) return (rate * Ef) / Dd;
    if (mode !== Mode.Saturated) return 0;
    const k = cdus.hxK[c]!;
    return rate * k * ((B * k + Ef) / (Dd - B * (1 - k)) - 1);
  }

  /**
   * CDU c's loop source E at T_fs: Ea + Ef·T_fs, and Ea alone without doors (so a non-finite T_fs, which the
   * run reports as an engine error, is not turned into NaN here by 0·∞).
   */
  private cduSource(c: number, Tfs: number): number {
    const f = this.cduEf[c]!;
    return f === 0 ? this.cduEa[c]! : this.cduEa[c]! + f * Tfs;
  }

  /** CDU c's supply at the guessed T_fs in `mode` (what its rear doors take). */
  private supplyAt(c: number, mode: Mode, Tfs: number): number {
    const cdus = this.plant.cdus;
    const E = this.cduSource(c, Tfs), B = this.cduB[c]!, Dd = this.cduD[c]!, k = cdus.hxK[c]!;
    if (mode === Mode.Controlled) return cdus.supplySetpoint[c]!;
    if (mode === Mode.Saturated) { const Tc = (E + B * k * Tfs) / (Dd - B * (1 - k)); return (1 - k) * Tc + k * Tfs; }
    return Dd - B > 0 ? E / (Dd - B) : cdus.supplySetpoint[c]!;
  }

  /**
   * Free coolers in parallel, flow split by capacity; each cools its share towards
   * max(setpoint, ambient + approach), limited by its capacity. Returns the mixed outlet as e0 + e1·T_fr,
   * linearised in the mode that holds at the guessed return temperature.
   */
  private freeCoolingMap(Tfr: number, G: number, totalCap: number, set: number): void {
    const units = this.plant.freeCoolers;
    if (totalCap <= 0 || G <= 0) { this.fcHeat.fill(0); this.e0 = 0; this.e1 = 1; return; }
    let e0 = 0, e1 = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i]!;
      if (u.failed || !u.powered) { this.fcHeat[i] = 0; continue; }
      const w = u.capacity / totalCap;
      const gi = G * w;
      const amb = u.kind === 'tower' ? this.weather.wetBulb : this.weather.dryBulb;
      const floor = Math.max(set, amb + u.approach);
      const drop = Tfr - floor;
      if (drop <= 0) { e1 += w; this.fcHeat[i] = 0; }
      else if (drop * gi <= u.capacity) { e0 += w * floor; this.fcHeat[i] = drop * gi; }
      else { e0 -= w * (u.capacity / gi); e1 += w; this.fcHeat[i] = u.capacity; }
    }
    this.e0 = e0;
    this.e1 = e1;
  }
}

interface AirSide { J: number; Ha: number; cap: number; air: number; coil: number; set: number }

/**
 * CRAH mode: the valve holds the supply air at setpoint when the coil (ε·airflow·cp against the FWS
 * supply) and the capacity allow it; otherwise the coil is wide open or the unit is at capacity.
 */
function airModeAt(a: AirSide, Tfs: number): Mode {
  if (a.cap <= 0 || a.air <= 0) return Mode.NoFlow;
  if (a.J < a.Ha * a.set) return Mode.Idle;
  const Ta = (a.J + a.air * a.set) / (a.Ha + a.air);
  const need = a.air * (Ta - a.set);
  const eps = a.coil / a.air;
  if (need <= a.cap && Ta - a.set <= eps * (Ta - Tfs)) return Mode.Controlled;
  const Ts = (a.J + a.coil * Tfs) / (a.Ha + a.coil);
  return a.coil * (Ts - Tfs) > a.cap ? Mode.Capped : Mode.Saturated;
}
