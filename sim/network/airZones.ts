/**
 * The air side of a hall zoned by row (components/crah/zones.ts has the model and its fractions), inside
 * one implicit stage of the network: C_z·(T_z − R_z)/h_s = f(T).
 *
 * Each zone's CRAH duty and rear-door heat are affine in its own air T_z and the facility-water supply
 * T_fs once its CRAH mode is fixed, so a stage's zones form a tridiagonal system (neighbouring rows
 * exchange air) plus one structure node coupled to every zone. Thomas' algorithm with three right-hand
 * sides (constant, structure, T_fs) solves it in O(zones); the structure then eliminates as a scalar,
 * leaving every zone as T_z = a_z + b_z·T_fs and the heat the zones give the facility water as La + Lb·T_fs
 * for the network's scalar FWS equation. Modes are re-checked against each pass's solution (the network's
 * pass loop), as for CDUs. Energy: every flux is evaluated at the stage's end on both its ends, so the
 * stage conserves it to rounding.
 *
 * A rear door on a CDU's TCS loop takes water at that CDU's supply T_w (the network gives each pass its
 * estimate: the setpoint while the CDU holds it, which is exact, else the last pass's supply, re-passed
 * until it settles). Its heat k·(T_in − T_w) + q is affine in T_fs like the rest and goes to its CDU
 * (cduDoorA + cduDoorB·T_fs), not to the facility water; the same expression leaves the zone, so the
 * stage still conserves energy whatever T_w's estimate.
 */
import type { Plant } from '../plant/types';
import type { AirZones } from '../components/crah/zones';
import { Mode } from './mode';

export class ZonedAir {
  readonly n: number;
  /** Rack inlet (cold aisle) of each zone, then the hottest inlet of zones with racks, K. */
  readonly inlet: Float64Array;
  /** Heat the CRAHs and the rear doors took in the last stage, W. */
  crahHeat = 0;
  doorHeat = 0;
  /** Affine terms of the last pass: the heat to the facility water is La + Lb·T_fs. */
  La = 0;
  Lb = 0;
  /** Heat the rear doors on each CDU's loop give it in the last pass, as cduDoorA + cduDoorB·T_fs, W. */
  readonly cduDoorA: Float64Array;
  readonly cduDoorB: Float64Array;
  /** Per CDU: 1 when a rear door is on its loop. */
  readonly cduHasDoors: Uint8Array;
  /** k·(exhaust − inlet) of each door this stage: its heat is k·(T_in − T_w) + this, W. */
  private readonly doorQd: Float64Array;
  /** Per zone: ε·C_min and constant heat of its facility-water doors, and Σ k·T_w of its CDU doors. */
  private readonly doorKf: Float64Array;
  private readonly doorQf: Float64Array;
  private readonly doorW: Float64Array;
  private readonly zones: AirZones;
  private readonly hasRacks: Uint8Array;
  private readonly source: Float64Array;
  private readonly doorK: Float64Array;
  private readonly doorQ: Float64Array;
  private readonly cap: Float64Array;
  private readonly air: Float64Array;
  private readonly coil: Float64Array;
  private readonly mode: Uint8Array;
  private readonly s0: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly c: Float64Array;
  private readonly cpr: Float64Array;
  private readonly P: Float64Array;
  private readonly M: Float64Array;
  private readonly F: Float64Array;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private m0 = 0;
  private mf = 0;
  private cm = 0;
  private Rm = 0;

  constructor(private readonly plant: Plant, zones: AirZones) {
    this.zones = zones;
    const n = (this.n = zones.n);
    this.inlet = new Float64Array(n + 1);
    this.hasRacks = new Uint8Array(n);
    for (let r = 0; r < plant.racks.n; r++) { const z = zones.rackZone[r]!; if (z >= 0) this.hasRacks[z] = 1; }
    const f = () => new Float64Array(n);
    this.source = f(); this.doorK = f(); this.doorQ = f(); this.cap = f(); this.air = f(); this.coil = f();
    this.doorKf = f(); this.doorQf = f(); this.doorW = f();
    const { doors, cdus } = plant;
    this.doorQd = new Float64Array(doors.n);
    this.cduDoorA = new Float64Array(cdus.n); this.cduDoorB = new Float64Array(cdus.n);
    this.cduHasDoors = new Uint8Array(cdus.n);
    for (let i = 0; i < doors.n; i++) if (doors.cdu[i]! >= 0) this.cduHasDoors[doors.cdu[i]!] = 1;
    this.s0 = f(); this.s1 = f(); this.s2 = f(); this.c = f(); this.cpr = f(); this.P = f(); this.M = f(); this.F = f(); this.a = f(); this.b = f();
    this.mode = new Uint8Array(n).fill(Mode.Controlled);
  }

  /**
   * The stage's sources and running CRAHs, per zone: rack air heat (all of it, doors or not: a door's
   * removal is a flux, in doorK/doorQ), fans, and the hall-wide gains by each zone's share. Returns the fans' power.
   */
  prepare(T: Float64Array, R: Float64Array, inv: number, qIt: Float64Array, extraHeat: number): number {
    const { racks, crahs, doors, hall, layout } = this.plant;
    const zn = this.zones, n = this.n;
    const src = this.source, cap = this.cap, air = this.air, coil = this.coil, dk = this.doorK, dq = this.doorQ;
    src.fill(0); cap.fill(0); air.fill(0); coil.fill(0); dk.fill(0); dq.fill(0); this.doorKf.fill(0); this.doorQf.fill(0);
    let spread = hall.otherHeat + extraHeat;
    for (let r = 0; r < racks.n; r++) {
      const q = qIt[r]! * (1 - racks.liquidFraction[r]!);
      const z = zn.rackZone[r]!;
      if (z >= 0) src[z] = src[z]! + q; else spread += q;
    }
    for (let i = 0; i < doors.n; i++) {
      const k = doors.failed[i] ? 0 : doors.k[i]!; // k is 0 with no water through the door (updateDoorFlows)
      const r = doors.rack[i]!, z = zn.rackZone[r]!;
      const qd = (k * qIt[r]! * (1 - racks.liquidFraction[r]!)) / doors.airRate[i]!;
      this.doorQd[i] = qd;
      if (k === 0) continue;
      dk[z] = dk[z]! + k;
      dq[z] = dq[z]! + qd;
      if (doors.cdu[i]! < 0) { this.doorKf[z] = this.doorKf[z]! + k; this.doorQf[z] = this.doorQf[z]! + qd; }
    }
    const fwsOn = this.plant.fws.powered;
    let fans = 0;
    for (let i = 0; i < crahs.n; i++) {
      if (crahs.failed[i] || !crahs.powered[i]) continue;
      const fan = crahs.fanPower[i]!;
      fans += fan;
      for (let l = zn.linkStart[i]!; l < zn.linkStart[i + 1]!; l++) {
        const z = zn.linkZone[l]!, s = zn.linkShare[l]!;
        cap[z] = cap[z]! + s * crahs.capacity[i]!; air[z] = air[z]! + s * crahs.airRate[i]!; src[z] = src[z]! + s * fan;
        if (fwsOn) coil[z] = coil[z]! + s * crahs.coilRate[i]!; // a coil with no water takes no heat
      }
    }
    for (let z = 0; z < n; z++) { src[z] = src[z]! + spread * zn.gainShare[z]!; this.c[z] = zn.capacity[z]! * inv; }
    this.cm = hall.structureCapacity * inv;
    this.Rm = R[layout.structure]!;
    // First pass of the stage: estimates are the present state.
    for (let z = 0; z < n; z++) { this.a[z] = T[layout.air + z]!; this.b[z] = 0; }
    return fans;
  }

  /**
   * One pass at the guessed facility-water supply Tfs, with `tw` the water each CDU's doors take: each
   * zone's mode from the last estimate, then the coupled solve. Returns whether any zone's mode changed.
   */
  pass(Tfs: number, R: Float64Array, tw: Float64Array): boolean {
    const zn = this.zones, n = this.n, set = this.plant.hall.airSetpoint, base = this.plant.layout.air;
    const { s0, s1, s2, cap, air, coil, c, cpr, P, M, F, a, b, doorK, doorQ, doorKf, doorQf, doorW } = this;
    const doors = this.plant.doors;
    doorW.fill(0);
    for (let i = 0; i < doors.n; i++) {
      const cd = doors.cdu[i]!;
      if (cd < 0 || doors.failed[i]) continue;
      const z = zn.rackZone[doors.rack[i]!]!;
      doorW[z] = doorW[z]! + doors.k[i]! * tw[cd]!;
    }
    let changed = false;
    const X = zn.exchange, U = zn.structureUA, rc = zn.recirculation, bp = zn.bypass;
    for (let z = 0; z < n; z++) {
      const Tz = a[z]! + b[z]! * Tfs;
      const A = air[z]!, by = bp[z]!;
      const G = A * (1 - by);
      let mode: Mode;
      let sat1 = 0, sat2 = 0;
      if (cap[z]! <= 0 || A <= 0) mode = Mode.NoFlow;
      else if (Tz <= set) mode = Mode.Idle;
      else {
        const eps = coil[z]! / A, den = 1 - by + eps * by;
        sat1 = ((1 - eps) * (1 - by)) / den; sat2 = eps / den;
        const qc = G * (Tz - set), qs = G * (1 - sat1) * Tz - G * sat2 * Tfs;
        mode = qc <= cap[z]! && qc <= qs ? Mode.Controlled : qs <= cap[z]! ? Mode.Saturated : Mode.Capped;
      }
      if (mode !== this.mode[z]) { changed = true; this.mode[z] = mode; }
      // Supply air T_s = s0 + s1·T_z + s2·T_fs in this mode; the duty is G·(T_z − T_s).
      if (mode === Mode.Controlled) { s0[z] = set; s1[z] = 0; s2[z] = 0; }
      else if (mode === Mode.Saturated) { s0[z] = 0; s1[z] = sat1; s2[z] = sat2; }
      else if (mode === Mode.Capped) { s0[z] = -cap[z]! / G; s1[z] = 1; s2[z] = 0; }
      else { s0[z] = 0; s1[z] = 1; s2[z] = 0; }
    }
    // Tridiagonal solve (Thomas), three right-hand sides: T_z = P_z + M_z·T_m + F_z·T_fs.
    for (let z = 0; z < n; z++) {
      const G = air[z]! * (1 - bp[z]!), r = rc[z]!, dkz = doorK[z]!;
      const i0 = (1 - r) * s0[z]!, i1 = (1 - r) * s1[z]! + r, i2 = (1 - r) * s2[z]!;
      const lo = z > 0 ? X[z - 1]! : 0, up = z + 1 < n ? X[z]! : 0;
      // Doors remove dk·T_in + dq − (Σ k_fws)·T_fs − Σ k·T_w (their water: facility or a CDU's supply).
      let diag = c[z]! + lo + up + U[z]! + G * (1 - s1[z]!) + dkz * i1;
      let rp = c[z]! * R[base + z]! + this.source[z]! - doorQ[z]! + G * s0[z]! - dkz * i0 + doorW[z]!;
      let rm = U[z]!;
      let rf = G * s2[z]! + doorKf[z]! - dkz * i2;
      if (z > 0) {
        // Eliminate the sub-diagonal −lo against the previous row.
        diag -= lo * cpr[z - 1]!;
        rp += lo * P[z - 1]!; rm += lo * M[z - 1]!; rf += lo * F[z - 1]!;
      }
      cpr[z] = up / diag; // row z now reads T_z = P_z + cpr_z·T_z+1
      P[z] = rp / diag; M[z] = rm / diag; F[z] = rf / diag;
    }
    for (let z = n - 2; z >= 0; z--) {
      const k = cpr[z]!;
      P[z] = P[z]! + k * P[z + 1]!; M[z] = M[z]! + k * M[z + 1]!; F[z] = F[z]! + k * F[z + 1]!;
    }
    // The structure: cm·(T_m − R_m) = Σ U_z·(T_z − T_m).
    let den = this.cm, num0 = this.cm * this.Rm, numf = 0;
    for (let z = 0; z < n; z++) { const u = U[z]!; den += u * (1 - M[z]!); num0 += u * P[z]!; numf += u * F[z]!; }
    if (den > 0) { this.m0 = num0 / den; this.mf = numf / den; } else { this.m0 = this.Rm; this.mf = 0; }
    let La = 0, Lb = 0;
    for (let z = 0; z < n; z++) {
      const az = P[z]! + M[z]! * this.m0, bz = F[z]! + M[z]! * this.mf;
      a[z] = az; b[z] = bz;
      const G = air[z]! * (1 - bp[z]!), r = rc[z]!, dkf = doorKf[z]!;
      const i0 = (1 - r) * s0[z]!, i1 = (1 - r) * s1[z]! + r, i2 = (1 - r) * s2[z]!;
      // CRAH duty G·((1 − s1)·T_z − s0 − s2·T_fs) and facility-water door heat Dk·(T_in − T_fs) + Dq.
      La += G * ((1 - s1[z]!) * az - s0[z]!) + dkf * (i0 + i1 * az) + doorQf[z]!;
      Lb += G * ((1 - s1[z]!) * bz - s2[z]!) + dkf * (i1 * bz + i2 - 1);
    }
    this.La = La; this.Lb = Lb;
    // CDU doors: k·(T_in − T_w) + q into their CDU's loop, T_in = i0 + i1·T_z + i2·T_fs.
    this.cduDoorA.fill(0); this.cduDoorB.fill(0);
    for (let i = 0; i < doors.n; i++) {
      const cd = doors.cdu[i]!;
      if (cd < 0 || doors.failed[i]) continue;
      const z = zn.rackZone[doors.rack[i]!]!, k = doors.k[i]!, r = rc[z]!;
      const i0 = (1 - r) * s0[z]!, i1 = (1 - r) * s1[z]! + r, i2 = (1 - r) * s2[z]!;
      this.cduDoorA[cd]! += k * (i0 + i1 * a[z]! - tw[cd]!) + this.doorQd[i]!;
      this.cduDoorB[cd]! += k * (i1 * b[z]! + i2);
    }
    return changed;
  }

  /**
   * Back-substitution at the solved Tfs (`tw`: the water of each CDU's doors, as in the last pass): zone air
   * into T, inlets, duties, each door's heat. Returns the structure's temperature.
   */
  finish(Tfs: number, T: Float64Array, qIt: Float64Array, tw: Float64Array): number {
    const { racks, doors, layout } = this.plant;
    const zn = this.zones, n = this.n, base = layout.air;
    const { s0, s1, s2, air, a, b } = this;
    let crah = 0, hottest = -Infinity, anyInlet = -Infinity;
    for (let z = 0; z < n; z++) {
      const Tz = a[z]! + b[z]! * Tfs;
      T[base + z] = Tz;
      const Ts = s0[z]! + s1[z]! * Tz + s2[z]! * Tfs;
      const r = zn.recirculation[z]!;
      const tin = (1 - r) * Ts + r * Tz;
      this.inlet[z] = tin;
      crah += air[z]! * (1 - zn.bypass[z]!) * (Tz - Ts);
      if (this.hasRacks[z] && tin > hottest) hottest = tin;
      if (tin > anyInlet) anyInlet = tin;
    }
    this.inlet[n] = hottest > -Infinity ? hottest : anyInlet;
    let door = 0;
    for (let i = 0; i < doors.n; i++) {
      if (doors.failed[i] || doors.k[i] === 0) { doors.heat[i] = 0; continue; }
      const r = doors.rack[i]!, cd = doors.cdu[i]!;
      const exhaust = this.inlet[zn.rackZone[r]!]! + (qIt[r]! * (1 - racks.liquidFraction[r]!)) / doors.airRate[i]!;
      const q = doors.k[i]! * (exhaust - (cd >= 0 ? tw[cd]! : Tfs));
      doors.heat[i] = q;
      door += q;
    }
    this.crahHeat = crah;
    this.doorHeat = door;
    return this.m0 + this.mf * Tfs;
  }
}
