/**
 * Watches the state after every step: moves each rack's GPU power cap (the model is in
 * components/rack/throttle.ts), trips racks (a trip changes the heat sources at once, so it is located in
 * time and the step retaken to land on it), and raises alarms. A throttling episode starts when the
 * coolant (or inlet air) reaches the throttle temperature — one alarm — and ends when it has fallen
 * `throttle_hysteresis` below it and the cap is back to full power.
 *
 * A thermally tripped rack restarts by the same release rule plus a delay: once its coolant and inlet are
 * both back at or below their throttle limits less the hysteresis (the recovery, located in the step by
 * interpolation), its restart is due `restart_after` later; the host schedules it as an event
 * (`onRestartDue`) and calls `restart`, which starts the rack only if the conditions held meanwhile (a
 * relapse before then cancels the restart and the wait starts again at the next recovery). A rack failed
 * by an event or at random is not restarted: its repair is.
 */
import type { Plant } from '../plant/types';
import { Cooling, RackState } from '../plant/types';
import type { ThermalSolver } from '../network/solver';
import type { AlarmLog } from './alarms';
import { C_TO_K } from '../scenario/defaults';
import { dmath } from '../kernel/math';
import { CAP_STEPS, CAP_TIME, bandPosition, capLoopGain, capTarget } from '../components/rack/throttle';

/** ASHRAE TC9.9 recommended upper inlet temperature and A1 allowable upper bound. */
const INLET_RECOMMENDED = 27 + C_TO_K;
const INLET_ALLOWABLE_A1 = 32 + C_TO_K;
/** A supply more than this above its setpoint means the loop has lost control. */
const SUPPLY_DEVIATION = 3;
/** Clearing hysteresis for report-only alarms. */
const CLEAR_BAND = 0.5;
/** Slack when applying a located crossing after the retaken step landed on it (rounding only). */
const LANDING_SLACK = 1e-7;
/** Cap movement (share of design power) after which the workload's pace is refreshed. */
const PACE_REFRESH = 0.001;

export type RackTransition = (rack: number, from: RackState, to: RackState, t: number) => void;

export class Monitor {
  onTransition: RackTransition | null = null;
  /** A tripped rack's restart falls due at `at` (the host schedules `restart(r, at)` then). */
  onRestartDue: ((rack: number, at: number) => void) | null = null;
  constructor(private readonly plant: Plant, private readonly solver: ThermalSolver, private readonly log: AlarmLog) {
    const { racks } = plant;
    let coolant = Infinity, inlet = Infinity;
    for (let r = 0; r < racks.n; r++) {
      if (racks.cooling[r] !== Cooling.Air) coolant = Math.min(coolant, racks.throttleT[r]!);
      inlet = Math.min(inlet, racks.inletThrottle[r]!);
    }
    this.coolest = { coolant, inlet };
    this.up = new Uint8Array(plant.cdus.n + 3);
    this.capSeen = new Float64Array(racks.n).fill(1);
    this.awaiting = new Uint8Array(racks.n);
  }

  /** Standing state of each report-only alarm slot: hall ×2, FWS, then one per CDU. */
  private readonly up: Uint8Array;

  /**
   * Earliest fraction θ ∈ (0, 1] of the last step at which a throttle or trip limit was reached, by linear
   * interpolation between the step's ends; 1 when none was. The step is retaken to land there: a trip
   * changes the sources at once, and a throttle crossing starts the episode (and its alarm) on time.
   */
  earliestConsequence(): number {
    const { racks, layout } = this.plant;
    const T = this.solver.T, T0 = this.solver.T0;
    const zi = this.solver.zoneInlet, zi0 = this.solver.zoneInlet0, rz = this.solver.rackZone;
    let theta = 1;
    for (let r = 0; r < racks.n; r++) {
      const s = racks.state[r]!;
      if (s === RackState.Tripped || !racks.powered[r]) continue;
      const ta = zi[rz[r]!]!, ta0 = zi0[rz[r]!]!;
      if (racks.cooling[r] !== Cooling.Air) {
        const lim = s === RackState.Normal ? racks.throttleT[r]! : racks.tripT[r]!;
        const v = T[r]!, v0 = T0[r]!;
        if (v >= lim && v0 < lim) theta = Math.min(theta, (lim - v0) / (v - v0));
      }
      const il = s === RackState.Normal ? racks.inletThrottle[r]! : racks.inletTrip[r]!;
      if (ta >= il && ta0 < il) theta = Math.min(theta, (il - ta0) / (ta - ta0));
    }
    return theta;
  }

  /** Racks currently throttled (they may need releasing even when everything is cool). */
  private throttled = 0;
  /** Racks thermally tripped that will restart once cool (they need watching even when everything is cool). */
  private waiting = 0;
  private readonly awaiting: Uint8Array;
  private readonly coolest: { coolant: number; inlet: number };

  /**
   * After a retake meant to land on a crossing: if the limit was not quite reached (backward Euler is
   * not linear in h), how much further (as a fraction of the step) the linear trend needs; 0 if reached.
   */
  shortfall(): number {
    const { racks } = this.plant;
    const T = this.solver.T, T0 = this.solver.T0;
    let worst = 0;
    for (let r = 0; r < racks.n; r++) {
      const s = racks.state[r]!;
      if (s === RackState.Tripped || !racks.powered[r] || racks.cooling[r] === Cooling.Air) continue;
      const lim = s === RackState.Normal ? racks.throttleT[r]! : racks.tripT[r]!;
      const v = T[r]!, v0 = T0[r]!;
      if (v < lim && v > v0 && lim - v < 0.01 * (v - v0) + 1e-3) worst = Math.max(worst, (lim - v) / (v - v0));
    }
    return worst;
  }

  /** Largest step allowed while a power cap moves (Infinity when none does), s. */
  maxStep = Infinity;
  /** Set when some cap moved more than PACE_REFRESH since the workload last read them. */
  capsMoved = false;
  private readonly capSeen: Float64Array;

  /**
   * After a step of length h ending at t (h = 0 after a discrete change): trips, the start and end of
   * throttling episodes, and each capped rack's cap moved toward its target. Returns true if any rack
   * changed state.
   */
  applyTransitions(t: number, h = 0): boolean {
    const { racks, cdus } = this.plant;
    const T = this.solver.T, T0 = this.solver.T0;
    const zi = this.solver.zoneInlet, zi0 = this.solver.zoneInlet0, rz = this.solver.rackZone;
    this.maxStep = Infinity;
    // Fast path: nothing throttled or waiting to restart, and every rack below the lowest limit in the hall (inlet: the hottest zone's).
    if (this.throttled === 0 && this.waiting === 0 && this.solver.maxRackT < this.coolest.coolant - LANDING_SLACK && this.solver.inlet < this.coolest.inlet - LANDING_SLACK) return false;
    const w = h > 0 ? 1 - dmath.exp(-h / CAP_TIME) : 0;
    let changed = false;
    for (let r = 0; r < racks.n; r++) {
      const s = racks.state[r]! as RackState;
      if (this.awaiting[r]) {
        if (s === RackState.Tripped && !racks.failed[r]) { this.watchRecovery(r, t, h); continue; }
        // Failed meanwhile (its repair restarts it) or already back: stop waiting.
        this.awaiting[r] = 0; this.waiting--; racks.restartAt[r] = NaN;
      }
      if (s === RackState.Tripped || !racks.powered[r]) continue;
      const liquid = racks.cooling[r] !== Cooling.Air;
      const v = liquid ? T[r]! : -Infinity;
      const ta = zi[rz[r]!]!, ta0 = zi0[rz[r]!]!;
      const id = racks.ids[r]!;
      const thT = racks.throttleT[r]!, trT = racks.tripT[r]!, inTh = racks.inletThrottle[r]!, inTr = racks.inletTrip[r]!;
      let next: RackState = s;
      if ((liquid && v >= trT - LANDING_SLACK) || ta >= inTr - LANDING_SLACK) {
        next = RackState.Tripped;
        racks.cap[r] = 1; // a restarted rack starts uncapped
        const byCoolant = liquid && v >= trT - LANDING_SLACK;
        this.log.raise(t, 'critical', id, 'rack_trip', byCoolant ? v : ta, byCoolant ? trT : inTr,
          `${id} tripped: ${byCoolant ? 'coolant' : 'inlet air'} passed its critical limit`);
      } else {
        const { x, byCoolant } = bandPosition(racks, r, v, ta);
        const target = capTarget(racks, r, x);
        if (w > 0 && racks.cap[r] !== target) racks.cap[r] = Math.abs(target - racks.cap[r]!) < 1e-9 ? target : racks.cap[r]! + (target - racks.cap[r]!) * w;
        if (s === RackState.Normal && x >= -LANDING_SLACK) {
          next = RackState.Throttled;
          // Stamped where the limit was crossed inside the step (linear between its ends).
          const val = byCoolant ? v : ta, val0 = byCoolant ? T0[r]! : ta0, lim = byCoolant ? thT : inTh;
          const at = h > 0 && val > val0 && val0 < lim ? t - h * (val - lim) / (val - val0) : t;
          this.log.raise(at, 'warning', id, 'rack_throttle', val, lim,
            `${id} throttled: ${byCoolant ? 'coolant' : 'inlet air'} above its throttle limit; GPU power capped`);
        } else if (s === RackState.Throttled) {
          const hy = racks.hysteresis[r]!;
          if ((!liquid || v <= thT - hy) && ta <= inTh - hy && racks.cap[r]! > 1 - 1e-3) {
            next = RackState.Normal;
            racks.cap[r] = 1;
            this.log.clear(id, 'rack_throttle');
            this.log.add({ t_s: t, severity: 'info', component: id, kind: 'rack_throttle_cleared', value: null, limit: null, message: `${id} back to full power` });
          }
        }
        if (next === RackState.Throttled && Math.abs(target - racks.cap[r]!) > 1e-4) {
          const c = racks.cdu[r]!;
          const gain = capLoopGain(racks, r, c >= 0 ? racks.flowShare[r]! * cdus.rate[c]! : 0, liquid);
          const limit = CAP_TIME / (CAP_STEPS * Math.max(1, gain));
          if (limit < this.maxStep) this.maxStep = limit;
        }
        if (Math.abs(racks.cap[r]! - this.capSeen[r]!) > PACE_REFRESH) { this.capSeen[r] = racks.cap[r]!; this.capsMoved = true; }
      }
      if (next !== s) {
        if (s === RackState.Throttled) this.throttled--;
        if (next === RackState.Throttled) this.throttled++;
        racks.state[r] = next;
        if (next === RackState.Throttled) racks.everThrottled[r] = 1;
        if (next === RackState.Tripped) {
          racks.everTripped[r] = 1;
          if (racks.restartDelay[r]! < Infinity) { this.awaiting[r] = 1; this.waiting++; racks.restartAt[r] = NaN; }
        }
        if (this.capSeen[r] !== racks.cap[r]) { this.capSeen[r] = racks.cap[r]!; this.capsMoved = true; }
        changed = true;
        this.onTransition?.(r, s, next, t);
      }
    }
    return changed;
  }

  /**
   * A tripped rack waiting to restart, after a step of length h ending at t: at the recovery (coolant and
   * inlet both at or below throttle − hysteresis; the later of the two crossings, linear in the step) its
   * restart falls due `restartDelay` later; a relapse above before then cancels it.
   */
  private watchRecovery(r: number, t: number, h: number): void {
    const { racks } = this.plant;
    const hy = racks.hysteresis[r]!;
    const liquid = racks.cooling[r] !== Cooling.Air;
    const cool = racks.throttleT[r]! - hy, air = racks.inletThrottle[r]! - hy;
    // The rack's own inlet: its row's zone when the hall has air zones (zone 0, the hall, when it has none).
    const z = this.solver.rackZone[r]!;
    const v = this.solver.T[r]!, ta = this.solver.zoneInlet[z]!, ta0 = this.solver.zoneInlet0[z]!;
    const ok = (!liquid || v <= cool) && ta <= air;
    if (!ok) { racks.restartAt[r] = NaN; return; }
    if (!Number.isNaN(racks.restartAt[r]!)) return;
    // When each fell through its level inside the step (at its start if it was already below).
    const fell = (v0: number, v1: number, lim: number) => (h > 0 && v0 > lim ? t - h + (h * (v0 - lim)) / (v0 - v1) : t - h);
    const rec = h > 0 ? Math.max(liquid ? fell(this.solver.T0[r]!, v, cool) : -Infinity, fell(ta0, ta, air)) : t;
    const at = rec + racks.restartDelay[r]!;
    racks.restartAt[r] = at;
    this.onRestartDue?.(r, at);
  }

  /**
   * The restart of tripped rack r scheduled for `at`, now due: the rack runs again (uncapped, as after a
   * trip) if that restart still stands. Returns true if the rack changed state.
   */
  restart(r: number, at: number): boolean {
    const { racks } = this.plant;
    if (!this.awaiting[r] || racks.restartAt[r] !== at || racks.state[r] !== RackState.Tripped || racks.failed[r]) return false;
    this.awaiting[r] = 0; this.waiting--;
    racks.restartAt[r] = NaN;
    racks.state[r] = RackState.Normal;
    racks.cap[r] = 1;
    const id = racks.ids[r]!;
    this.log.clear(id, 'rack_trip');
    this.log.clear(id, 'rack_throttle');
    this.log.add({ t_s: at, severity: 'info', component: id, kind: 'rack_restarted', value: null, limit: null, message: `${id} restarted after its thermal trip` });
    if (this.capSeen[r] !== 1) { this.capSeen[r] = 1; this.capsMoved = true; }
    this.onTransition?.(r, RackState.Tripped, RackState.Normal, at);
    return true;
  }

  /** Report-only alarms over the step [t0, t0+h]: hall inlet classes, loop supplies off setpoint. */
  scanAlarms(t0: number, h: number): void {
    const { cdus, hall, fws } = this.plant;
    const i0 = this.solver.inlet0, i1 = this.solver.inlet;
    if (this.level(0, t0, h, i0, i1, INLET_RECOMMENDED))
      this.log.record(this.at, 'warning', hall.id, 'inlet_recommended', i1, INLET_RECOMMENDED, 'rack inlet air above the ASHRAE recommended 27 °C');
    if (this.level(1, t0, h, i0, i1, INLET_ALLOWABLE_A1))
      this.log.record(this.at, 'major', hall.id, 'inlet_allowable', i1, INLET_ALLOWABLE_A1, 'rack inlet air above the ASHRAE A1 allowable 32 °C');
    const fs = this.solver.flows.fwsSupply;
    const fsLim = fws.supplySetpoint + SUPPLY_DEVIATION;
    if (this.level(2, t0, h, this.prevFws ?? fs, fs, fsLim))
      this.log.record(this.at, 'warning', 'plant', 'fws_supply_high', fs, fsLim, `facility water supply more than ${SUPPLY_DEVIATION} K above setpoint`);
    this.prevFws = fs;
    for (let c = 0; c < cdus.n; c++) {
      // A stopped loop has no supply temperature worth alarming on (the failure itself alarmed).
      if (cdus.flow[c]! <= 0) continue;
      const lim = cdus.supplySetpoint[c]! + SUPPLY_DEVIATION;
      const v = this.solver.cduSupply[c]!;
      if (this.level(3 + c, t0, h, this.prevSupply[c] ?? v, v, lim))
        this.log.record(this.at, 'warning', cdus.ids[c]!, 'tcs_supply_high', v, lim, `${cdus.ids[c]} TCS supply more than ${SUPPLY_DEVIATION} K above setpoint`);
      this.prevSupply[c] = v;
    }
  }

  private readonly prevSupply: number[] = [];
  private prevFws: number | undefined;
  /** Crossing time of the last level() that returned true. */
  private at = 0;

  /** True when slot's value rises through lim in this step (crossing time in this.at); clears below lim − band. */
  private level(slot: number, t0: number, h: number, v0: number, v: number, lim: number): boolean {
    if (v >= lim) {
      if (this.up[slot]) return false;
      this.up[slot] = 1;
      this.at = v0 < lim && v > v0 ? t0 + (h * (lim - v0)) / (v - v0) : t0 + h;
      return true;
    }
    if (this.up[slot] && v < lim - CLEAR_BAND) this.up[slot] = 0;
    return false;
  }
}
