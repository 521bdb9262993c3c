/**
 * Battery energy storage on buses (BESS), peak shaving: each battery holds its bus's import at a stated
 * limit. Above it, the battery discharges the excess (up to its power, while it has energy); below it, the
 * battery recharges with the headroom (up to its power, until full). So a synchronous training job's swing
 * between compute and checkpoint reaches the utility clipped at the limit for as long as the energy lasts.
 *
 * Energy: the round-trip efficiency η is split evenly, √η on the way in and √η on the way out, so what
 * comes back out of a cycle is η of what went in and the loss is (1 − η) of it. Steps are exact for a
 * constant load: the energy moves linearly, and a battery that would empty inside a step is located like a
 * trip (the run retakes the step to end where it empties). It works while its bus is live, on whichever
 * source feeds it (grid-following: it does not form a grid on a dead bus). Its losses are heat in the
 * electrical room, not in the hall, and count in the facility's energy.
 *
 * A battery fails as a unit (`fail: <id>`: its inverter or battery management trips it off line): it
 * neither discharges nor charges, holding the energy it had, so its bus imports its whole load, until repaired.
 */
import type { BessSpec } from '../components/bess/schema';
import { BESS } from '../components/bess/schema';
import { dmath } from '../kernel/math';

export class BatteryStorage {
  readonly n: number;
  readonly ids: string[];
  /** Bus node index of each battery. */
  readonly bus: Int32Array;
  readonly capacity: Float64Array;
  readonly power: Float64Array;
  readonly limit: Float64Array;
  private readonly etaIn: Float64Array;
  private readonly etaOut: Float64Array;
  readonly energy: Float64Array;
  private readonly energy0: Float64Array;
  readonly initial: Float64Array;
  /** 1 while battery j is failed (off line). */
  readonly failed: Uint8Array;
  /** Power into the bus in the last step, W: + discharging, − charging. */
  readonly flow: Float64Array;
  /** The import of each battery's bus in the last step, after every battery on it, W. */
  readonly busImport: Float64Array;
  /** Fraction of the last step at which a discharging battery emptied (1 = it did not). */
  private readonly emptyAt: Float64Array;
  /** Per battery, J: charged from the bus, discharged to it, lost; and running extremes. */
  readonly charged: Float64Array;
  readonly discharged: Float64Array;
  readonly minEnergy: Float64Array;
  readonly peakImport: Float64Array;
  readonly aboveLimitS: Float64Array;
  /** Energy lost in conversion, all batteries, J (the power chain's energy account). */
  loss = 0;
  private lastLoss = 0;
  private readonly lastCharged: Float64Array;
  private readonly lastDischarged: Float64Array;
  private stepH = 0;

  constructor(specs: readonly BessSpec[], busIndex: (id: string) => number) {
    const n = (this.n = specs.length);
    this.ids = specs.map((s) => s.id);
    this.bus = Int32Array.from(specs, (s) => busIndex(s.bus));
    this.capacity = Float64Array.from(specs, (s) => s.energy);
    this.power = Float64Array.from(specs, (s) => s.power);
    this.limit = Float64Array.from(specs, (s) => s.strategy.peak_shave.limit);
    this.etaIn = Float64Array.from(specs, (s) => dmath.pow(s.efficiency ?? BESS.efficiency, 0.5));
    this.etaOut = this.etaIn.slice();
    this.initial = Float64Array.from(specs, (s) => (s.soc ?? BESS.soc) * s.energy);
    this.energy = this.initial.slice();
    this.energy0 = this.initial.slice();
    this.failed = new Uint8Array(n);
    this.minEnergy = this.initial.slice();
    this.flow = new Float64Array(n); this.busImport = new Float64Array(n); this.emptyAt = new Float64Array(n).fill(1);
    this.charged = new Float64Array(n); this.discharged = new Float64Array(n);
    this.peakImport = new Float64Array(n); this.aboveLimitS = new Float64Array(n);
    this.lastCharged = new Float64Array(n); this.lastDischarged = new Float64Array(n);
  }

  /** Round-trip efficiency of battery j. */
  efficiencyOf(j: number): number { return this.etaIn[j]! * this.etaOut[j]!; }

  /**
   * The batteries on bus `b` act on its load L over a step of h: returns the import that reaches the bus's
   * source. Each battery sees the import the ones before it (file order) left.
   */
  shape(b: number, L: number, live: boolean, h: number): number {
    let imp = L;
    for (let j = 0; j < this.n; j++) {
      if (this.bus[j] !== b) continue;
      const e0 = this.energy0[j]!, lim = this.limit[j]!, pmax = this.power[j]!;
      let p = 0; // into the bus: + discharge, − charge
      this.emptyAt[j] = 1;
      if (live && h > 0 && !this.failed[j]) {
        if (imp > lim) {
          const want = Math.min(pmax, imp - lim);
          const take = (want / this.etaOut[j]!) * h;
          if (take > e0) { this.emptyAt[j] = take > 0 ? e0 / take : 1; p = (e0 * this.etaOut[j]!) / h; } else p = want;
          this.energy[j] = Math.max(0, e0 - (p / this.etaOut[j]!) * h);
        } else {
          const room = this.capacity[j]! - e0;
          p = -Math.min(pmax, lim - imp, room / (this.etaIn[j]! * h));
          this.energy[j] = Math.min(this.capacity[j]!, e0 - p * this.etaIn[j]! * h);
        }
      } else this.energy[j] = e0;
      this.flow[j] = p;
      imp -= p;
      this.lastDischarged[j] = p > 0 ? p * h : 0;
      this.lastCharged[j] = p < 0 ? -p * h : 0;
    }
    for (let j = 0; j < this.n; j++) if (this.bus[j] === b) this.busImport[j] = imp;
    return imp;
  }

  /** Energy lost in the last step, J: what the bus gave minus what it got back minus what was stored. */
  private stepLoss(): number {
    let l = 0;
    for (let j = 0; j < this.n; j++) l += this.lastCharged[j]! - this.lastDischarged[j]! - (this.energy[j]! - this.energy0[j]!);
    return l;
  }

  /** Account the last step (the chain calls it once per step, after `shape` for every bus). */
  account(h: number): void {
    this.stepH = h;
    this.lastLoss = this.stepLoss();
    this.loss += this.lastLoss;
  }

  undo(): void { this.loss -= this.lastLoss; this.lastLoss = 0; }

  /** Fraction of the last step at which a battery emptied (1 = none). */
  earliestEvent(): number {
    let f = 1;
    for (let j = 0; j < this.n; j++) if (this.emptyAt[j]! < f && this.energy0[j]! > 0) f = this.emptyAt[j]!;
    return f;
  }

  /** Accept the step; `emptied(j)` is told of a battery that ran out in it. */
  commit(emptied: (j: number) => void): void {
    const h = this.stepH;
    for (let j = 0; j < this.n; j++) {
      this.charged[j]! += this.lastCharged[j]!;
      this.discharged[j]! += this.lastDischarged[j]!;
      const was = this.energy0[j]!;
      // Within rounding of empty is empty (as a UPS battery: power/battery.ts `depleted`).
      if (this.energy[j]! <= 1e-9 * this.capacity[j]! + 1e-6) this.energy[j] = 0;
      this.energy0[j] = this.energy[j]!;
      if (this.energy[j]! < this.minEnergy[j]!) this.minEnergy[j] = this.energy[j]!;
      const imp = this.busImport[j]!;
      if (imp > this.peakImport[j]!) this.peakImport[j] = imp;
      // Above the limit by more than rounding (1 W) while the step lasted.
      if (imp > this.limit[j]! + 1) this.aboveLimitS[j]! += h;
      if (was > 0 && this.energy[j] === 0 && this.flow[j]! > 0) emptied(j);
      this.lastCharged[j] = this.lastDischarged[j] = 0;
    }
    this.lastLoss = 0;
  }
}
