/**
 * The power chain: utilities and generators feed buses through ATSs; UPS systems (modules, battery,
 * three-term loss curve) and distribution (busways, PDUs, panels) hang below; every load — rack cords,
 * CDU pumps, CRAH fans, chiller compressors and controls, free-cooler fans — draws from one or two paths.
 *
 * Between discrete events the chain only moves energy: batteries drain or recharge, overloaded paths
 * heat their inverse-time trip elements. Those two are located in time like thermal limits (the run
 * retakes the step to land on them). Everything else — a utility loss, a generator on line, a trip —
 * is a discrete change after which `recomputeAlive` decides what still has power.
 *
 * Its topology (element kinds, parent-first order) is topology.ts; its loads (load points, demands, which
 * keep power) are loads.ts; a UPS's static bypass is bypass.ts, battery storage on buses storage.ts.
 */
import type { PowerSpec } from '../scenario/schema';
import type { Plant } from '../plant/types';
import type { ScenarioIssue } from '../scenario/issues';
import { POWER } from '../scenario/defaults';
import { GENERATOR } from '../components/generator/schema';
import { UPS } from '../components/ups/schema';
import { compileLoads, feedIds, designLoads, fillDemands, applyPower, type DemandSources } from './loads';
import { upsLoss, rechargePower, runtimeCrossing, depleted, peukertDraw } from './battery';
import { StaticBypass } from './bypass';
import { BatteryStorage } from './storage';
import { overloadTheta, tripFraction, TRIP_THETA } from './protection';
import { buildTopology, NodeKind, SourceKind, type SourceRef, type PowerElement } from './topology';

interface Generator { id: string; capacity: number; startDelay: number; failed: boolean; running: boolean; starting: boolean; theta: number; theta0: number; load: number }

export interface PowerHooks {
  later(t: number, what: () => void): void;
  alarm(t: number, severity: 'info' | 'warning' | 'major' | 'critical', component: string, kind: string, message: string, value?: number | null, limit?: number | null): void;
}

export class PowerChain {
  readonly ids: string[] = [];
  readonly kind: NodeKind[] = [];
  readonly parent: number[] = [];
  /** Sources each bus can take, in its ATS's order of preference (empty for UPS and distribution). */
  readonly busSources: SourceRef[][] = [];
  /** The source each bus is on, or null when none of its sources is live. */
  readonly busActive: (SourceRef | null)[] = [];
  readonly rating: Float64Array;
  readonly lossK: Float64Array;
  readonly inHall: Uint8Array;
  readonly alive: Uint8Array;
  readonly tripped: Uint8Array;
  readonly load: Float64Array;
  readonly loss: Float64Array;
  readonly input: Float64Array;
  readonly theta: Float64Array;
  private readonly theta0: Float64Array;
  // UPS (by node index; unused entries zero)
  readonly modules: Int32Array;
  readonly modulesHealthy: Int32Array;
  readonly moduleRating: Float64Array;
  readonly battery: Float64Array;
  readonly energy: Float64Array;
  private readonly energy0: Float64Array;
  /** Energy the battery had to give over the last step, J (unclamped). */
  private readonly drain: Float64Array;
  readonly upsLoss: [number, number, number][] = [];
  /** A battery stated in amp-hours: its DC voltage, capacity (C), rated hours (s) and Peukert exponent (1 for kWh). */
  private readonly cellVoltage: Float64Array;
  private readonly cellCharge: Float64Array;
  private readonly ratedTime: Float64Array;
  private readonly peukert: Float64Array;
  /** Time each UPS spent on battery, s. */
  readonly batterySeconds: Float64Array;
  readonly bypass: StaticBypass;
  readonly storage: BatteryStorage;
  readonly recharge: Float64Array;
  readonly runtimeAlarm: Float64Array;
  readonly onBattery: Uint8Array;
  readonly utilities: { id: string; failed: boolean }[];
  readonly generators: Generator[];
  readonly loadKind: Uint8Array;
  /** Load points are sorted by kind: kind k occupies [kindStart[k], kindStart[k+1]). */
  readonly kindStart: Int32Array;
  /** Demand of each load point in the last step, W. */
  private demandW = new Float64Array(0);
  readonly loadIndex: Int32Array;
  readonly pathA: Int32Array;
  readonly pathB: Int32Array;
  readonly feedOf: Int32Array;
  /** The feeds (`power.feeds`, file order): id, whether it has a b path, and which of its paths have failed. */
  readonly feeds: { id: string; hasB: boolean; failedA: boolean; failedB: boolean }[];
  /** Paths of each load point as compiled, to restore when a failed feed path is repaired. */
  private readonly pathA0: Int32Array;
  private readonly pathB0: Int32Array;
  readonly overloadTime: number;
  /** Every element in the order hosts see (HallLayout.power, frame power states). */
  readonly order: PowerElement[];
  /** What each entry of `order` reads its state from: a node index, or a source. */
  private readonly orderRefs: { node: number; source: SourceRef | null }[];
  /** Energy counters, J. */
  readonly acc = { upsLoss: 0, distLoss: 0, source: 0, generator: 0 };
  /** Power lost as heat in the hall in the last step, W (the solver adds it to the hall air next step). */
  hallHeat = 0;
  /** Losses of the last step, W. */
  upsLossW = 0;
  distLossW = 0;
  /** Smallest remaining UPS runtime seen while on battery, s (Infinity if never on battery). */
  minRuntime = Infinity;
  private readonly n: number;

  constructor(spec: PowerSpec, private readonly plant: Plant, private hooks: PowerHooks, errors: ScenarioIssue[]) {
    const err = (path: string, message: string) => errors.push({ path, message });
    this.utilities = spec.utilities.map((u) => ({ id: u.id, failed: false }));
    this.generators = (spec.generators ?? []).map((g) => ({ id: g.id, capacity: g.capacity, startDelay: g.start_delay ?? GENERATOR.startDelay, failed: false, running: false, starting: false, theta: 0, theta0: 0, load: 0 }));
    this.overloadTime = spec.overload_time ?? POWER.overloadTime;
    const { specs, ordered, index, sourceIndex } = buildTopology(spec, err);
    const n = (this.n = ordered.length);
    this.rating = Float64Array.from(ordered, (s) => s.rating);
    this.lossK = Float64Array.from(ordered, (s) => s.lossK);
    this.inHall = Uint8Array.from(ordered, (s) => (s.inHall ? 1 : 0));
    this.alive = new Uint8Array(n); this.tripped = new Uint8Array(n);
    this.load = new Float64Array(n); this.loss = new Float64Array(n); this.input = new Float64Array(n);
    this.theta = new Float64Array(n); this.theta0 = new Float64Array(n);
    this.modules = new Int32Array(n); this.modulesHealthy = new Int32Array(n); this.moduleRating = new Float64Array(n);
    this.battery = new Float64Array(n); this.energy = new Float64Array(n); this.energy0 = new Float64Array(n); this.drain = new Float64Array(n);
    this.recharge = new Float64Array(n); this.runtimeAlarm = new Float64Array(n); this.onBattery = new Uint8Array(n);
    this.cellVoltage = new Float64Array(n); this.cellCharge = new Float64Array(n); this.ratedTime = new Float64Array(n);
    this.peukert = new Float64Array(n).fill(1); this.batterySeconds = new Float64Array(n);
    this.bypass = new StaticBypass(ordered.map((s) => s.ups), ordered.map((s) => s.id));
    ordered.forEach((s, i) => {
      this.ids.push(s.id);
      this.kind.push(s.kind);
      this.parent.push(s.parentId !== null ? index.get(s.parentId) ?? -1 : -1);
      this.upsLoss.push(s.ups?.loss ? [s.ups.loss[0]!, s.ups.loss[1]!, s.ups.loss[2]!] : [...UPS.loss]);
      const srcs: SourceRef[] = [];
      if (s.kind === NodeKind.Bus) {
        const b = spec.buses.find((x) => x.id === s.id)!;
        b.sources.forEach((src, k) => {
          const ref = sourceIndex.get(src);
          if (ref === undefined) err(`${s.path}.sources[${k}]`, `expected a utility or generator id, found "${src}"`);
          else srcs.push(ref);
        });
      }
      this.busSources.push(srcs);
      this.busActive.push(null);
      if (s.ups) {
        const req = s.ups.required ?? s.ups.modules;
        if (req > s.ups.modules) err(`${s.path}.required`, `expected at most modules (${s.ups.modules}), found ${req}`);
        this.modules[i] = s.ups.modules; this.modulesHealthy[i] = s.ups.modules; this.moduleRating[i] = s.ups.module_rating;
        const b = s.ups.battery;
        // An amp-hour battery's nominal energy is V·C; Peukert's law sets how fast a load uses it up.
        const energy = typeof b === 'number' ? b : b.voltage * b.capacity;
        if (typeof b !== 'number') {
          this.cellVoltage[i] = b.voltage; this.cellCharge[i] = b.capacity;
          this.ratedTime[i] = (b.rated_hours ?? UPS.ratedHours) * 3600; this.peukert[i] = b.peukert ?? UPS.peukert;
        }
        this.battery[i] = energy; this.energy[i] = energy; this.energy0[i] = energy;
        this.recharge[i] = (s.ups.recharge ?? UPS.recharge) * s.ups.modules * s.ups.module_rating;
        this.runtimeAlarm[i] = s.ups.runtime_alarm ?? UPS.runtimeAlarm;
      }
    });

    // The one order of elements for hosts: sources first, then nodes by kind, each group in file order.
    const sources: { el: PowerElement; ref: SourceRef }[] = [
      ...this.utilities.map((u, index) => ({ el: { id: u.id, kind: 'utility' as const, parent: null }, ref: { kind: SourceKind.Utility, index } })),
      ...this.generators.map((g, index) => ({ el: { id: g.id, kind: 'generator' as const, parent: null }, ref: { kind: SourceKind.Generator, index } })),
    ];
    const kindName = { [NodeKind.Bus]: 'bus', [NodeKind.Ups]: 'ups', [NodeKind.Dist]: 'distribution' } as const;
    // `specs` is in that order already: buses, UPS, distribution, each as the file lists them.
    const nodes = specs.map((s) => ({ el: { id: s.id, kind: kindName[s.kind], parent: s.parentId }, node: index.get(s.id) ?? -1 }));
    this.order = [...sources.map((x) => x.el), ...nodes.map((x) => x.el)];
    this.orderRefs = [...sources.map((x) => ({ node: -1, source: x.ref })), ...nodes.map((x) => ({ node: x.node, source: null }))];

    // Loads: each selector expands to load points; each point gets path a and optionally b.
    const loads = compileLoads(spec.feeds, plant, index, err);
    this.loadKind = loads.loadKind; this.kindStart = loads.kindStart; this.loadIndex = loads.loadIndex;
    this.pathA = loads.pathA; this.pathB = loads.pathB; this.feedOf = loads.feedOf;
    this.pathA0 = loads.pathA.slice(); this.pathB0 = loads.pathB.slice();
    this.feeds = feedIds(spec.feeds, (id) => index.has(id) || sourceIndex.has(id), err)
      .map((id, fi) => ({ id, hasB: spec.feeds[fi]!.b !== undefined, failedA: false, failedB: false }));
    this.storage = new BatteryStorage(spec.batteries ?? [], (id) => index.get(id) ?? -1);
    (spec.batteries ?? []).forEach((b, k) => {
      const at = this.storage.bus[k]!;
      if (at < 0 || this.kind[at] !== NodeKind.Bus) err(`power.batteries[${k}].bus`, `expected a bus id (${spec.buses.map((x) => x.id).join(', ')}), found "${b.bus}"`);
      if (index.has(b.id) || sourceIndex.has(b.id) || this.storage.ids.indexOf(b.id) !== k) err(`power.batteries[${k}].id`, `id "${b.id}" is used twice in the power chain`);
    });
    if (!errors.length) this.checkRatings(ordered.map((o) => o.path), err);
  }

  /**
   * What node i's design holds beyond the chain's own arrays — its bypass settings, the batteries on it — so
   * the sweep's symmetry check (analysis/symmetry.ts) never takes two differently equipped elements as one.
   */
  designLabel(i: number): string {
    const st = this.storage, parts: string[] = [this.bypass.label(i)];
    for (let j = 0; j < st.n; j++) if (st.bus[j] === i) parts.push(`bess ${st.capacity[j]} ${st.power[j]} ${st.limit[j]} ${st.initial[j]} ${st.efficiencyOf(j)}`);
    return parts.join(';');
  }

  /**
   * How fast UPS i's battery is used up while it delivers `power` (its load and loss), W: the power itself
   * for a battery stated in kWh, more at high rates for one stated in amp-hours (Peukert, battery.ts).
   * Energy left / this draw is the runtime left at the present load.
   */
  batteryDraw(i: number, power: number): number {
    const k = this.peukert[i]!;
    return k === 1 ? power : peukertDraw(power, this.cellVoltage[i]!, this.cellCharge[i]!, this.ratedTime[i]!, k);
  }

  /** Warnings found at load (a rating below its healthy design load). */
  readonly warnings: string[] = [];

  /**
   * Healthy design load of each element (racks at design power, chillers at capacity/COP, fans at rating;
   * a load with two cords shares it) against its rating. Twice the rating with everything healthy cannot
   * work — a typo or a wrong unit (a 1 W PDU booked 9 MWh of loss in its first step) — and is rejected;
   * above the rating is a warning. Failover loading is the scenario's to script, never judged here.
   */
  private checkRatings(paths: string[], err: (path: string, message: string) => void): void {
    const design = designLoads(this, this.plant, this.n);
    // Children come after their parents in this order: walk it backwards to add each load to its parent.
    for (let i = this.n - 1; i >= 0; i--) { const p = this.parent[i]!; if (p >= 0) design[p]! += design[i]!; }
    const kw = (w: number) => `${Math.round(w / 1000).toLocaleString('en-US')} kW`;
    for (let i = 0; i < this.n; i++) {
      const rating = this.rating[i]!, load = design[i]!;
      if (!(rating < Infinity) || load <= rating) continue;
      const field = this.kind[i] === NodeKind.Ups ? `${paths[i]}.module_rating` : `${paths[i]}.rating`;
      if (load > 2 * rating) err(field, `${this.ids[i]} is rated ${kw(rating)} but carries ${kw(load)} at design with everything healthy: it cannot work (more than twice its rating)`);
      else this.warnings.push(`${field}: ${this.ids[i]} is rated ${kw(rating)} but carries ${kw(load)} at design with everything healthy`);
    }
  }

  /** Establish the initial state (everything on its first source) without alarms. */
  start(): void {
    const hooks = this.hooks;
    this.hooks = { later: hooks.later, alarm: () => {} };
    this.recomputeAlive(0);
    this.hooks = hooks;
  }

  /** What still has power after a discrete change; sets the plant's `powered` flags. */
  recomputeAlive(t: number): void {
    const { racks, cdus, crahs, chillers, freeCoolers } = this.plant;
    for (let i = 0; i < this.n; i++) {
      const k = this.kind[i]!;
      if (k === NodeKind.Bus) {
        const srcs = this.busSources[i]!;
        let active: SourceRef | null = null;
        for (const s of srcs) {
          if (this.sourceLive(s)) { active = s; break; }
        }
        const prev = this.busActive[i]!;
        this.busActive[i] = active;
        this.alive[i] = active !== null && !this.tripped[i] ? 1 : 0;
        if (active !== prev) this.onTransfer(t, i, prev, active);
      } else {
        const p = this.parent[i]!;
        const up = p >= 0 && this.alive[p] === 1;
        if (k === NodeKind.Ups) {
          const ok = !this.tripped[i] && this.modulesHealthy[i]! > 0;
          const wasOnBattery = this.onBattery[i];
          const bp = this.bypass;
          // An inverter out of service hands its load to a live bypass.
          if (bp.enabled[i] && !ok && up && !bp.on[i]) bp.transfer(t, i, 'inverter_failure', this.load[i]!, this.hooks);
          if (bp.on[i]) {
            // On bypass the load follows the bus: no battery behind it.
            if (this.alive[i] && !up) this.hooks.alarm(t, 'critical', this.ids[i]!, 'ups_bypass_source_lost', `${this.ids[i]} on bypass lost its bypass source: output lost (no battery ride-through on bypass)`);
            this.alive[i] = up ? 1 : 0;
            this.onBattery[i] = 0;
            continue;
          }
          this.alive[i] = ok && (up || this.energy[i]! > 0) ? 1 : 0;
          this.onBattery[i] = ok && !up && this.energy[i]! > 0 ? 1 : 0;
          if (this.onBattery[i] && !wasOnBattery) this.hooks.alarm(t, 'major', this.ids[i]!, 'ups_on_battery', `${this.ids[i]} on battery (${(this.energy[i]! / 3.6e6).toFixed(1)} kWh left)`);
          if (!this.onBattery[i] && wasOnBattery && this.alive[i]) this.hooks.alarm(t, 'info', this.ids[i]!, 'ups_on_mains', `${this.ids[i]} back on mains; recharging`);
        } else this.alive[i] = up && !this.tripped[i] ? 1 : 0;
      }
    }
    applyPower(this, this.alive, this.plant, t, () => this.hooks);
  }

  /** A utility that has not failed, or a generator on line. */
  private sourceLive(s: SourceRef): boolean {
    switch (s.kind) {
      case SourceKind.Utility: return !this.utilities[s.index]!.failed;
      case SourceKind.Generator: return this.generators[s.index]!.running;
    }
  }

  private sourceId(s: SourceRef): string {
    switch (s.kind) {
      case SourceKind.Utility: return this.utilities[s.index]!.id;
      case SourceKind.Generator: return this.generators[s.index]!.id;
    }
  }

  /** Whether bus b can take generator g. */
  private busTakesGenerator(b: number, g: number): boolean {
    return this.busSources[b]!.some((s) => s.kind === SourceKind.Generator && s.index === g);
  }

  private onTransfer(t: number, bus: number, prev: SourceRef | null, active: SourceRef | null): void {
    const name = this.ids[bus]!;
    if (active === null) {
      this.hooks.alarm(t, 'major', name, 'bus_dead', `${name} lost ${prev === null ? 'its sources' : this.sourceId(prev)}`);
      // ATS start signal to every generator this bus can use.
      for (const s of this.busSources[bus]!) if (s.kind === SourceKind.Generator) this.startGenerator(t, s.index);
    } else this.hooks.alarm(t, 'info', name, 'transfer', `${name} now fed by ${this.sourceId(active)}`);
    if (active?.kind === SourceKind.Utility) {
      // Back on utility: generators no bus needs any more cool down and stop.
      for (let g = 0; g < this.generators.length; g++) {
        const gen = this.generators[g]!;
        if (gen.running && !this.busSources.some((srcs, b) => { const a = this.busActive[b]; return a?.kind === SourceKind.Generator && a.index === g && srcs.length > 0; })) gen.running = false;
      }
    }
  }

  private startGenerator(t: number, g: number): void {
    const gen = this.generators[g]!;
    if (gen.running || gen.starting) return;
    if (gen.failed) { this.hooks.alarm(t, 'critical', gen.id, 'generator_failure', `${gen.id} failed to start`); return; }
    gen.starting = true;
    this.hooks.alarm(t, 'info', gen.id, 'generator_start', `${gen.id} starting: on line in ${gen.startDelay} s`);
    this.hooks.later(t + gen.startDelay, () => {
      gen.starting = false;
      if (gen.failed) { this.hooks.alarm(t + gen.startDelay, 'critical', gen.id, 'generator_failure', `${gen.id} failed to start`); return; }
      if (!this.busSources.some((_, b) => this.alive[b] === 0 && this.kind[b] === NodeKind.Bus && this.busTakesGenerator(b, g))) return;
      gen.running = true;
      gen.theta = gen.theta0 = 0;
      this.hooks.alarm(t + gen.startDelay, 'info', gen.id, 'generator_online', `${gen.id} on line`);
      this.recomputeAlive(t + gen.startDelay);
    });
  }

  /** Length of the last step, s (to locate the low-runtime alarm inside it). */
  private stepH = 0;

  /** Power flow for the last step's demands, then battery energy and overload integrals over h. */
  step(h: number, src: DemandSources): void {
    this.stepH = h;
    const n = this.n;
    this.load.fill(0);
    if (this.demandW.length !== this.loadKind.length) this.demandW = new Float64Array(this.loadKind.length);
    fillDemands(this, this.plant, src, this.demandW);
    const demand = this.demandW;
    for (let j = 0; j < this.loadKind.length; j++) {
      const d = demand[j]!;
      if (d <= 0) continue;
      const a = this.pathA[j]!, b = this.pathB[j]!;
      const la = a >= 0 && this.alive[a] === 1, lb = b >= 0 && this.alive[b] === 1;
      const load = this.load;
      if (la && lb) { load[a] = load[a]! + d / 2; load[b] = load[b]! + d / 2; }
      else if (la) load[a] = load[a]! + d;
      else if (lb) load[b] = load[b]! + d;
    }
    let hallHeat = 0, upsLossSum = 0, distLoss = 0, source = 0;
    for (let i = n - 1; i >= 0; i--) {
      const k = this.kind[i]!, L = this.load[i]!;
      let loss = 0, input = 0;
      if (k === NodeKind.Dist) {
        const x = L / this.rating[i]!;
        loss = this.lossK[i]! * this.rating[i]! * x * x;
        input = L + loss;
        distLoss += loss;
      } else if (k === NodeKind.Ups) {
        const R = this.modulesHealthy[i]! * this.moduleRating[i]!;
        const bp = this.bypass;
        const up = this.parent[i]! >= 0 && this.alive[this.parent[i]!] === 1;
        bp.pending[i] = !bp.on[i] && !this.onBattery[i] && bp.overloaded(i, L, R, up) ? 1 : 0;
        if (bp.on[i] || bp.pending[i]) {
          // Static bypass: the load goes straight to the bus, no conversion loss; the rectifier of a healthy
          // UPS keeps its battery charged.
          this.drain[i] = 0;
          const charge = rechargePower(up && !this.tripped[i] && this.modulesHealthy[i]! > 0, this.recharge[i]!, this.battery[i]!, this.energy0[i]!, h);
          this.energy[i] = this.energy0[i]! + charge * h;
          input = L + charge;
        } else {
          loss = upsLoss(L, R, this.upsLoss[i]!);
          upsLossSum += loss;
          if (this.onBattery[i]) {
            const draw = this.batteryDraw(i, L + loss);
            this.drain[i] = draw * h;
            this.energy[i] = Math.max(0, this.energy0[i]! - this.drain[i]!);
            const rt = draw > 0 ? this.energy[i]! / draw : Infinity;
            if (rt < this.minRuntime) this.minRuntime = rt;
            input = 0;
          } else {
            this.drain[i] = 0;
            const charge = rechargePower(this.alive[i] === 1, this.recharge[i]!, this.battery[i]!, this.energy0[i]!, h);
            this.energy[i] = this.energy0[i]! + charge * h;
            input = L + loss + charge;
          }
        }
      } else {
        // A bus: its batteries (if any) shape what it imports from its source.
        input = this.storage.n > 0 ? this.storage.shape(i, L, this.alive[i] === 1, h) : L;
        if (this.alive[i]) source += input;
      }
      this.loss[i] = loss;
      this.input[i] = input;
      if (this.inHall[i]) hallHeat += loss;
      const p = this.parent[i]!;
      if (p >= 0) this.load[p] = this.load[p]! + input;
      // Inverse-time overload on the path's rating (a UPS's healthy modules; none for a load on bypass).
      const bypassed = k === NodeKind.Ups && (this.bypass.on[i] || this.bypass.pending[i]);
      const x = this.rating[i]! > 0 && Number.isFinite(this.rating[i]!) && !bypassed ? (k === NodeKind.Ups ? L / Math.max(1, this.modulesHealthy[i]! * this.moduleRating[i]!) : L / this.rating[i]!) : 0;
      this.theta[i] = overloadTheta(this.theta0[i]!, x, h, this.overloadTime);
    }
    // Generators carry the buses they feed.
    for (const g of this.generators) g.load = 0;
    for (let i = 0; i < n; i++) {
      const a = this.busActive[i];
      if (this.kind[i] === NodeKind.Bus && a?.kind === SourceKind.Generator) this.generators[a.index]!.load += this.input[i]!;
    }
    let gen = 0;
    for (const g of this.generators) {
      gen += g.load;
      const x = g.load / g.capacity;
      g.theta = overloadTheta(g.theta0, x, h, this.overloadTime);
    }
    this.hallHeat = hallHeat;
    this.upsLossW = upsLossSum;
    this.distLossW = distLoss;
    const l = this.last;
    l.upsLoss = upsLossSum * h; l.distLoss = distLoss * h; l.source = source * h; l.generator = gen * h;
    this.storage.account(h);
    this.acc.upsLoss += l.upsLoss;
    this.acc.distLoss += l.distLoss;
    this.acc.source += l.source;
    this.acc.generator += l.generator;
  }

  /**
   * The power flow at the start, for what probes read at t = 0, with nothing moved: a step of a nanosecond,
   * undone (its batteries and trip elements are never committed).
   */
  prime(src: DemandSources): void {
    const minRuntime = this.minRuntime;
    this.step(1e-9, src);
    this.undo();
    this.minRuntime = minRuntime;
  }

  /** Fraction of the last step at which a battery emptied or an overload element reached 1 (1 = none). */
  earliestEvent(): number {
    let theta = 1;
    for (let i = 0; i < this.n; i++) {
      // Constant power over the step: the battery empties at the fraction energy0 / drain.
      if (this.onBattery[i] && this.energy0[i]! > 0 && this.drain[i]! >= this.energy0[i]!) theta = Math.min(theta, this.energy0[i]! / this.drain[i]!);
      if (this.theta[i]! >= 1 && this.theta0[i]! < 1) theta = Math.min(theta, tripFraction(this.theta0[i]!, this.theta[i]!));
    }
    for (const g of this.generators) if (g.theta >= 1 && g.theta0 < 1) theta = Math.min(theta, tripFraction(g.theta0, g.theta));
    return Math.min(theta, this.storage.earliestEvent());
  }

  /** Undo the last step's accumulation (before a retake); state is recomputed from the step's start. */
  undo(): void {
    const a = this.acc, l = this.last;
    a.upsLoss -= l.upsLoss; a.distLoss -= l.distLoss; a.source -= l.source; a.generator -= l.generator;
    this.storage.undo();
  }
  private readonly last = { upsLoss: 0, distLoss: 0, source: 0, generator: 0 };

  /** Accept the step: batteries and trip elements move on; returns true if anything lost or regained power. */
  commit(t: number): boolean {
    let changed = false;
    for (let i = 0; i < this.n; i++) {
      const start = this.energy0[i]!; // the battery's energy at the step's start, for locating alarms in it
      this.energy0[i] = this.energy[i]!;
      this.theta0[i] = this.theta[i]!;
      const bp = this.bypass;
      if (this.kind[i] === NodeKind.Ups) {
        if (this.onBattery[i]) this.batterySeconds[i]! += this.stepH;
        if (bp.on[i] || bp.pending[i]) bp.seconds[i]! += this.stepH;
        // Found above its transfer point in the step: carried on bypass from the step's start.
        if (bp.pending[i]) { bp.pending[i] = 0; bp.transfer(t - this.stepH, i, 'overload', this.load[i]!, this.hooks); }
      }
      if (this.onBattery[i]) {
        const L = this.batteryDraw(i, this.load[i]! + this.loss[i]!);
        const rt = L > 0 ? this.energy[i]! / L : Infinity;
        if (rt < this.runtimeAlarm[i]!) {
          // Stamp the instant runtime fell through the threshold, not the step's end.
          const crossed = runtimeCrossing(t, this.stepH, start, this.energy[i]!, this.runtimeAlarm[i]!, L);
          const located = crossed !== null;
          const at = crossed ?? t;
          this.raiseOnce(at, 'critical', this.ids[i]!, 'ups_runtime_low', `${this.ids[i]} battery runtime below ${this.runtimeAlarm[i]} s at the present load`, located ? this.runtimeAlarm[i]! : rt, this.runtimeAlarm[i]!);
        }
        if (depleted(this.energy[i]!, this.battery[i]!)) { this.energy[i] = this.energy0[i] = 0; changed = true; this.hooks.alarm(t, 'critical', this.ids[i]!, 'ups_battery_depleted', `${this.ids[i]} battery exhausted: output lost`); }
      }
      const up = this.parent[i]! >= 0 && this.alive[this.parent[i]!] === 1;
      if (this.theta[i]! >= TRIP_THETA && !this.tripped[i] && this.kind[i] === NodeKind.Ups && bp.enabled[i] && up && !this.onBattery[i]) {
        // The inverter's overload time has run out: the static switch takes the load instead of a trip.
        this.theta[i] = this.theta0[i] = 0;
        bp.transfer(t, i, 'inverter_overload', this.load[i]!, this.hooks);
      } else if (this.theta[i]! >= TRIP_THETA && !this.tripped[i]) {
        this.tripped[i] = 1;
        changed = true;
        this.hooks.alarm(t, 'critical', this.ids[i]!, 'overload_trip', `${this.ids[i]} tripped on overload (${(this.load[i]! / 1000).toFixed(0)} kW on a ${(this.rating[i]! / 1000).toFixed(0)} kW rating)`, this.load[i]! / 1000, this.rating[i]! / 1000);
      } else if (this.theta[i]! > 0 && this.theta0[i] === this.theta[i] && this.theta[i]! < 1) {
        this.raiseOnce(t, 'warning', this.ids[i]!, 'overload', `${this.ids[i]} above its rating`, this.load[i]! / 1000, this.rating[i]! / 1000);
      }
      if (bp.on[i]) {
        const R = this.modulesHealthy[i]! * this.moduleRating[i]!;
        bp.watch(t, i, up && !this.tripped[i] && R > 0 && this.load[i]! <= R, this.hooks, (at) => this.recomputeAlive(at));
      }
    }
    this.storage.commit((j) => this.hooks.alarm(t, 'warning', this.storage.ids[j]!, 'storage_empty', `${this.storage.ids[j]} empty: its bus imports above ${(this.storage.limit[j]! / 1000).toFixed(0)} kW again`));
    for (const g of this.generators) {
      g.theta0 = g.theta;
      if (g.running && g.theta >= TRIP_THETA) { g.running = false; g.failed = true; changed = true; this.hooks.alarm(t, 'critical', g.id, 'generator_overload_trip', `${g.id} tripped on overload (${(g.load / 1000).toFixed(0)} kW on ${(g.capacity / 1000).toFixed(0)} kW)`); }
    }
    if (changed) this.recomputeAlive(t);
    return changed;
  }

  private readonly raised = new Set<string>();
  private raiseOnce(t: number, sev: 'warning' | 'critical', comp: string, kind: string, msg: string, value: number, limit: number) {
    const key = comp + kind;
    if (this.raised.has(key)) return;
    this.raised.add(key);
    this.hooks.alarm(t, sev, comp, kind, msg, value, limit);
  }

  /**
   * Why `part` cannot go with power id `id` in a fail/repair event, or null: a feed fails by one path
   * (`a` or `b`, the one it has), `module` is a UPS's, `a`/`b` only a feed's.
   */
  partError(id: string, part: string | undefined): string | null {
    const f = this.feeds.find((x) => x.id === id);
    if (f) {
      if (part === 'a' || (part === 'b' && f.hasB)) return null;
      return `expected part: a${f.hasB ? ' or part: b' : ''} (the path of feed "${id}" that fails), found ${part === undefined ? 'no part' : `"${part}"`}`;
    }
    if (part === 'a' || part === 'b') return `part: ${part} names a path of a feed; "${id}" is not a feed`;
    if (part === 'module' && this.kind[this.ids.indexOf(id)] !== NodeKind.Ups) return `part: module names a UPS module; "${id}" is not a UPS`;
    if (part !== undefined && part !== 'module') return `expected no part or part: module for power id "${id}", found "${part}"`;
    return null;
  }

  /** Cut (or restore) path a or b of feed `f` for every load point that hangs on it. */
  private setFeedPath(f: number, part: 'a' | 'b', failed: boolean): void {
    const feed = this.feeds[f]!;
    if (part === 'a') feed.failedA = failed; else feed.failedB = failed;
    const path = part === 'a' ? this.pathA : this.pathB, path0 = part === 'a' ? this.pathA0 : this.pathB0;
    for (let j = 0; j < this.feedOf.length; j++) if (this.feedOf[j] === f) path[j] = failed ? -1 : path0[j]!;
  }

  /** Fail/repair targets of the power chain. */
  fail(id: string, t: number, part?: string): boolean {
    const st = this.storage.ids.indexOf(id);
    if (st >= 0) { this.storage.failed[st] = 1; this.hooks.alarm(t, 'major', id, 'storage_failure', `${id} off line: its bus imports its whole load`); return true; }
    const u = this.utilities.find((x) => x.id === id);
    if (u) { u.failed = true; this.hooks.alarm(t, 'major', id, 'utility_loss', `${id} lost`); this.recomputeAlive(t); return true; }
    const g = this.generators.find((x) => x.id === id);
    if (g) { g.failed = true; if (g.running) { g.running = false; this.hooks.alarm(t, 'critical', id, 'generator_failure', `${id} failed`); } this.recomputeAlive(t); return true; }
    const f = this.feeds.findIndex((x) => x.id === id);
    if (f >= 0 && (part === 'a' || part === 'b')) {
      this.setFeedPath(f, part, true);
      this.hooks.alarm(t, 'major', `${id}.${part}`, 'feed_failure', `${id}: path ${part} lost`);
      this.recomputeAlive(t);
      return true;
    }
    const i = this.ids.indexOf(id);
    if (i < 0) return false;
    if (part === 'module' && this.kind[i] === NodeKind.Ups) {
      this.modulesHealthy[i] = Math.max(0, this.modulesHealthy[i]! - 1);
      this.hooks.alarm(t, 'major', id, 'ups_module_failure', `${id}: ${this.modulesHealthy[i]} of ${this.modules[i]} modules`);
    } else { this.tripped[i] = 1; this.hooks.alarm(t, 'major', id, 'failure', `${id} failed`); }
    this.recomputeAlive(t);
    return true;
  }

  repair(id: string, t: number, part?: string): boolean {
    const st = this.storage.ids.indexOf(id);
    if (st >= 0) { this.storage.failed[st] = 0; this.hooks.alarm(t, 'info', id, 'repaired', `${id} back in service`); return true; }
    const u = this.utilities.find((x) => x.id === id);
    if (u) { u.failed = false; this.hooks.alarm(t, 'info', id, 'utility_restored', `${id} restored`); this.recomputeAlive(t); return true; }
    const g = this.generators.find((x) => x.id === id);
    if (g) { g.failed = false; g.theta = g.theta0 = 0; this.recomputeAlive(t); for (let b = 0; b < this.n; b++) if (this.kind[b] === NodeKind.Bus && !this.alive[b] && this.busTakesGenerator(b, this.generators.indexOf(g))) this.startGenerator(t, this.generators.indexOf(g)); return true; }
    const f = this.feeds.findIndex((x) => x.id === id);
    if (f >= 0 && (part === 'a' || part === 'b')) {
      this.setFeedPath(f, part, false);
      this.hooks.alarm(t, 'info', `${id}.${part}`, 'repaired', `${id}: path ${part} back`);
      this.recomputeAlive(t);
      return true;
    }
    const i = this.ids.indexOf(id);
    if (i < 0) return false;
    if (part === 'module' && this.kind[i] === NodeKind.Ups) this.modulesHealthy[i] = Math.min(this.modules[i]!, this.modulesHealthy[i]! + 1);
    else { this.tripped[i] = 0; this.theta[i] = this.theta0[i] = 0; if (this.kind[i] === NodeKind.Ups) this.bypass.repaired(i); }
    this.hooks.alarm(t, 'info', id, 'repaired', `${id} back in service`);
    this.recomputeAlive(t);
    return true;
  }

  /** Writes each element's state (0 live, 1 on reserve, 2 dead or failed) from `offset`, in `order`. */
  fillStates(out: Uint8Array, offset: number): void {
    const refs = this.orderRefs;
    for (let k = 0; k < refs.length; k++) {
      const x = refs[k]!;
      let v: number;
      if (x.node < 0) {
        const s = x.source!;
        switch (s.kind) {
          case SourceKind.Utility: v = this.utilities[s.index]!.failed ? 2 : 0; break;
          case SourceKind.Generator: { const g = this.generators[s.index]!; v = g.failed ? 2 : g.running ? 1 : g.starting ? 3 : 0; break; }
        }
      } else if (!this.alive[x.node]) v = 2;
      else if (this.kind[x.node] === NodeKind.Ups) v = this.onBattery[x.node] || this.bypass.on[x.node] ? 1 : 0;
      else if (this.kind[x.node] === NodeKind.Bus) v = this.busActive[x.node]?.kind !== SourceKind.Utility ? 1 : 0;
      else v = 0;
      out[offset + k] = v;
    }
  }

  /**
   * Batteries at a frame: each UPS's state of charge in `order` (NaN for other elements) at `at`; each
   * storage battery's state of charge, power into its bus (kW, + discharging) and state code (FRAME_SERIES
   * batteryState) at `atB`.
   */
  fillBatteries(upsSoc: Float32Array, at: number, soc: Float32Array, power: Float32Array, state: Uint8Array, atB: number): void {
    const refs = this.orderRefs;
    for (let k = 0; k < refs.length; k++) {
      const i = refs[k]!.node;
      upsSoc[at + k] = i >= 0 && this.kind[i] === NodeKind.Ups && this.battery[i]! > 0 ? this.energy[i]! / this.battery[i]! : NaN;
    }
    const st = this.storage;
    for (let j = 0; j < st.n; j++) {
      const p = st.flow[j]!, e = st.energy[j]!;
      soc[atB + j] = st.capacity[j]! > 0 ? e / st.capacity[j]! : 0;
      power[atB + j] = p / 1000;
      state[atB + j] = st.failed[j] ? 2 : !this.alive[st.bus[j]!] ? 3 : Math.abs(p) > 1e-6 ? 0 : e <= 0 && st.busImport[j]! > st.limit[j]! ? 1 : 4;
    }
  }

  /**
   * Failable units; `key` names a unit where several share an id (UPS modules, the two paths of a feed).
   * A bus or a whole UPS fails as a unit (its output lost, batteries included); a feed by one path; a
   * battery on a bus (`power.batteries`) as a unit, off line.
   */
  units(): { id: string; cls: string; part?: string; key?: string }[] {
    const out: { id: string; cls: string; part?: string; key?: string }[] = [];
    for (const u of this.utilities) out.push({ id: u.id, cls: 'utility' });
    for (const g of this.generators) out.push({ id: g.id, cls: 'generator' });
    for (let i = 0; i < this.n; i++) {
      if (this.kind[i] === NodeKind.Bus) out.push({ id: this.ids[i]!, cls: 'bus' });
      if (this.kind[i] === NodeKind.Ups) {
        out.push({ id: this.ids[i]!, cls: 'ups' });
        for (let m = 0; m < this.modules[i]!; m++) out.push({ id: this.ids[i]!, cls: 'ups_module', part: 'module', key: `${this.ids[i]}.module${m + 1}` });
      }
      if (this.kind[i] === NodeKind.Dist) out.push({ id: this.ids[i]!, cls: 'distribution' });
    }
    for (const f of this.feeds) {
      out.push({ id: f.id, cls: 'feed', part: 'a', key: `${f.id}.a` });
      if (f.hasB) out.push({ id: f.id, cls: 'feed', part: 'b', key: `${f.id}.b` });
    }
    for (const id of this.storage.ids) out.push({ id, cls: 'bess' });
    return out;
  }

  has(id: string): boolean {
    return this.ids.includes(id) || this.utilities.some((u) => u.id === id) || this.generators.some((g) => g.id === id) || this.feeds.some((f) => f.id === id) || this.storage.ids.includes(id);
  }

  get utilityIds(): string[] { return this.utilities.map((u) => u.id); }
}
