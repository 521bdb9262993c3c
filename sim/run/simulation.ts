/**
 * One run of a scenario: the kernel carries discrete events (scenario events, stochastic failures and
 * repairs, restarts of equipment and of thermally tripped racks); between them the integrator advances the thermal network with adaptive
 * backward-Euler steps, locating throttle and trip crossings and retaking the step to land on them.
 */
import type { Scenario } from '../scenario/schema';
import type { Plant } from '../plant/types';
import type { ActionContext, FailRepair } from '../plant/actions';
import { Kernel } from '../kernel/kernel';
import { Rng } from '../kernel/rng';
import { ThermalSolver } from '../network/solver';
import { AlarmLog } from './alarms';
import { Monitor } from './monitor';
import { resolveProbes, type Probe } from './probes';
import { Frames } from './frames';
import { SOLVER, C_TO_K } from '../scenario/defaults';
import { EngineError } from '../scenario/issues';
import { RUN_BUDGET, BudgetError, type RunBudget } from './budget';
import { dmath } from '../kernel/math';
import type { PowerChain } from '../power/chain';
import type { Workload } from '../workload/workload';
import type { ScenarioIssue } from '../scenario/issues';
import { compileModel, type Model, type RunSettings } from '../model/model';
import { RackState } from '../components/rack/rack';
import { ChillerStaging } from '../components/chiller/staging';
import { chillerCools } from '../components/chiller/chiller';
import { Tariff } from './tariff';
import { nextDemandChange } from '../components/heat-recovery/heat-recovery';
import { facilityJ } from './energy';

/** How to run a compiled model (the seed and end time are the model's: see RunSettings). */
export interface RunOptions {
  probes?: readonly string[];
  /** Per-component frames for the 3D view, every `frameInterval` seconds (0 = none). */
  frameInterval?: number;
  /** A smaller budget than RUN_BUDGET (tests, hosts with less patience); larger values are capped. */
  budget?: Partial<RunBudget>;
  /**
   * Failures injected by an analysis (the N-1 sweep): unit `index` of `model.failable` fails at `at` and,
   * if `repairAt` is given, is repaired then — applied like a scenario event.
   */
  inject?: readonly { index: number; at: number; repairAt?: number | undefined }[];
  /**
   * Seed of the random failure and repair streams (`reliability`) alone, instead of the model's seed: a
   * Monte Carlo study draws each replicate's failure history from its own seed while the workload and
   * everything else keep the scenario's (sim/analysis/montecarlo.ts).
   */
  reliabilitySeed?: number;
  /**
   * Called after every accepted step with its start and length, once its energies are in `acc` (the
   * annual breakdown bins them by hour: sim/analysis/annual.ts).
   */
  onStep?: (t: number, h: number) => void;
}

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  }
}

/** Energy counters, J (water in kg). */
export interface Accounts {
  it: number; pumps: number; fans: number; chillers: number; freeCoolingFans: number;
  fwsPumps: number; condenserFans: number; condenserPumps: number; chillerControls: number; lighting: number; other: number;
  heatIn: number; heatRejected: number; freeCoolingHeat: number; chillerHeat: number; water: number; chillerWater: number;
  /** Heat reuse: source heat taken from the FWS, heat delivered to the network, the heat pump's electricity (J), seconds exporting. */
  heatReused: number; heatExported: number; heatPump: number; exportSeconds: number; heatAsked: number;
  /** Value of the heat delivered (a sale or the boiler fuel it displaced), currency. */
  heatCredit: number;
}

type ChangeSource = 'scenario' | 'reliability' | 'workload' | 'power' | 'staging';

/**
 * Run totals of the service the hall gave, for availability studies (taken from the state each step
 * ends in, so to within a step; steps are short around every change): time above each stated limit,
 * GPU-seconds of racks out of service (tripped, failed or without power) and lost to power caps.
 */
export interface Service {
  /** GPU-seconds of racks that were down: thermal trip, failure, or no live cord. */
  gpuSecondsDown: number;
  /** GPU-seconds lost to power caps on racks in service: Σ gpus · (1 − cap) · h. */
  gpuSecondsCapped: number;
  /** Seconds during which at least one rack was down. */
  anyRackDownS: number;
  /** Racks that were down at some time (each counted once). */
  racksEverDown: number;
  /** Random failures drawn from `reliability` that happened in the run. */
  failures: number;
  /** Seconds above each limit the scenario states (absent limits stay 0). */
  above: { max_rack_inlet: number; max_rack_coolant: number; max_tcs_supply: number; max_fws_supply: number };
}

/** Most samples kept per probe series. */
const MAX_SAMPLES = 200_000;

export class Simulation {
  readonly scenario: Scenario;
  readonly plant: Plant;
  readonly solver: ThermalSolver;
  readonly kernel = new Kernel();
  readonly log = new AlarmLog();
  readonly monitor: Monitor;
  readonly probes: Probe[];
  readonly series: { t: number[]; v: number[][] };
  readonly frames: Frames | null;
  readonly seed: number;
  readonly end: number;
  readonly warnings: string[];
  readonly acc: Accounts = {
    it: 0, pumps: 0, fans: 0, chillers: 0, freeCoolingFans: 0, fwsPumps: 0, condenserFans: 0, condenserPumps: 0, chillerControls: 0,
    lighting: 0, other: 0, heatIn: 0, heatRejected: 0, freeCoolingHeat: 0, chillerHeat: 0, water: 0, chillerWater: 0,
    heatReused: 0, heatExported: 0, heatPump: 0, exportSeconds: 0, heatAsked: 0, heatCredit: 0,
  };
  readonly peaks = { inlet: -Infinity, tcsSupply: -Infinity, rackCoolant: -Infinity, fwsSupply: -Infinity };
  readonly initialState: Float64Array;
  readonly service: Service = { gpuSecondsDown: 0, gpuSecondsCapped: 0, anyRackDownS: 0, racksEverDown: 0, failures: 0, above: { max_rack_inlet: 0, max_rack_coolant: 0, max_tcs_supply: 0, max_fws_supply: 0 } };
  /** Energy cost under `economics.tariff`: Σ price × facility energy, step by step (null without a tariff). */
  energyCost: number | null = null;
  private readonly tariff: Tariff | null;
  /** Facility energy counted into `energyCost` so far, J. */
  private pricedJ = 0;
  /** The stated limits in K (+∞ when not stated), for `service.above`. */
  private readonly limitK: { inlet: number; coolant: number; tcs: number; fws: number };
  private readonly everDown: Uint8Array;
  private readonly reliabilitySeed: number;
  steps = 0;
  retakes = 0;
  private h: number;
  private readonly maxStep: number;
  private readonly minStep: number;
  private readonly maxDT: number;
  private readonly errorTol: number;
  /** First step after a discrete change: short, so the transient's start is resolved. */
  private readonly initialStep = 0.1;
  private readonly fixedStep: number | undefined;
  private readonly recordInterval: number;
  private nextRecord = 0;
  private readonly cb: (() => void)[] = [];
  private readonly callbackKind: number;
  readonly power: PowerChain | null;
  readonly workload: Workload | null;
  private readonly onStep: ((t: number, h: number) => void) | null;
  /** How many chillers run (plant.chiller_staging). */
  readonly staging: ChillerStaging;

  /** Compile a scenario and set up its run in one go (throws ScenarioError on a problem in the file). */
  static fromScenario(scenario: Scenario, opts: RunOptions & RunSettings = {}): Simulation {
    const compiled = compileModel(scenario, { seed: opts.seed, until: opts.until });
    if (!compiled.ok) throw new ScenarioError(compiled.errors);
    return new Simulation(compiled.model, opts);
  }

  /** Run a compiled model; the model becomes this run's state (claim it once: see sim/model/model.ts). */
  constructor(readonly model: Model, opts: RunOptions = {}) {
    const scenario = (this.scenario = model.scenario);
    this.plant = model.plant;
    this.power = model.power;
    this.workload = model.workload;
    this.warnings = [...model.warnings];
    this.seed = model.seed;
    this.reliabilitySeed = opts.reliabilitySeed ?? model.seed;
    this.onStep = opts.onStep ?? null;
    this.end = model.end;
    const L = scenario.limits ?? {};
    this.limitK = { inlet: L.max_rack_inlet ?? Infinity, coolant: L.max_rack_coolant ?? Infinity, tcs: L.max_tcs_supply ?? Infinity, fws: L.max_fws_supply ?? Infinity };
    this.everDown = new Uint8Array(model.plant.racks.n);
    const sv = scenario.solver ?? {};
    this.maxStep = sv.max_step ?? Math.min(SOLVER.maxStep, Math.max(SOLVER.maxStepFloor, this.end / SOLVER.stepsPerRun));
    this.minStep = sv.min_step ?? SOLVER.minStep;
    this.maxDT = sv.max_delta_t ?? SOLVER.maxDeltaT;
    this.errorTol = sv.error_tolerance ?? SOLVER.errorTolerance;
    this.fixedStep = sv.fixed_step;
    // Series are bounded whatever the file asks: the interval widens rather than memory growing.
    this.recordInterval = Math.max(sv.record_interval ?? SOLVER.recordInterval, this.end / MAX_SAMPLES);
    this.h = this.initialStep;
    const b = opts.budget ?? {};
    this.budget = { steps: Math.min(b.steps ?? Infinity, RUN_BUDGET.steps), events: Math.min(b.events ?? Infinity, RUN_BUDGET.events), alarms: Math.min(b.alarms ?? Infinity, RUN_BUDGET.alarms) };
    this.log.maxAlarms = this.budget.alarms;

    const k = this.kernel;
    this.callbackKind = k.register((_k, i) => {
      const f = this.cb[i];
      this.cb[i] = noop;
      this.freeSlots.push(i);
      if (k.eventsProcessed > this.budget.events) throw this.overBudget('events');
      f?.();
    });
    model.claim({
      power: {
        later: (t, what) => this.later(t, () => { what(); this.afterDiscreteChange(); }, 'power'),
        alarm: (t, severity, component, kind, message, value = null, limit = null) => this.log.add({ t_s: t, severity, component, kind, value, limit, message }),
      },
      workload: {
        // A workload event moves rack loads only: steps keep their history and go on from the new slope (the
        // solver's resumeAfterSourceChange). A day of 86,400 drawn jobs otherwise restarted the step control
        // 170,000 times (~5 steps and a retake per event); a training run's checkpoints, twice an hour.
        later: (t, what, priority = 0) => this.later(t, () => { what(); if (this.workload!.takeLoadsChanged()) this.solver.resumeAfterSourceChange(this.kernel.now); }, 'workload', priority),
        cancel: (h) => { this.kernel.cancel(h); },
        alarm: (t, severity, component, kind, message) => this.log.add({ t_s: t, severity, component, kind, value: null, limit: null, message }),
      },
    });
    this.power?.start();
    this.solver = new ThermalSolver(this.plant);
    this.staging = new ChillerStaging(this.plant.chillers, this.plant.staging);
    if (this.workload) this.solver.loadProvider = (t, load) => this.workload!.fillLoads(t, load);
    this.monitor = new Monitor(this.plant, this.solver, this.log);
    // A tripped rack's restart is a discrete change at its own time: the step ends there.
    this.monitor.onRestartDue = (r, at) => {
      if (at <= this.end) this.later(at, () => { if (this.monitor.restart(r, at)) this.afterDiscreteChange(); }, 'scenario');
    };
    const pr = resolveProbes(this.plant, this.solver, opts.probes ?? [], this.power);
    if (pr.errors.length) throw new ScenarioError(pr.errors.map((m) => ({ path: '--probe', message: m })));
    this.probes = pr.probes;
    this.series = { t: [], v: this.probes.map(() => []) };
    this.frames = opts.frameInterval ? new Frames(this.plant, this.solver, opts.frameInterval, this.end, this.power) : null;

    // Scenario events, then the stochastic failure/repair processes, each unit on its own random stream
    // so adding a component or an event never shifts another unit's draws.
    const eventKind = k.register((_k, i) => { this.changes.scenario++; this.applyAction(model.events[i]!.action); });
    model.events.forEach((e, i) => { if (e.at <= this.end) k.scheduleAt(e.at, eventKind, i); });
    // Budgets known before the run: refuse, naming the field, what would certainly exceed them.
    const budget: ScenarioIssue[] = [];
    if (this.fixedStep !== undefined && this.end / this.fixedStep > this.budget.steps)
      budget.push({ path: 'solver.fixed_step', message: `${this.fixedStep} s over ${this.end} s is ${(this.end / this.fixedStep).toExponential(2)} steps; a run may take at most ${this.budget.steps.toLocaleString('en-US')}` });
    (scenario.reliability ?? []).forEach((rel, i) => {
      const units = (model.units.byClass.get(rel.target) ?? [model.units.byId.get(rel.target)]).length;
      const expected = (2 * units * this.end) / (rel.mtbf + rel.mttr);
      if (expected > this.budget.events / 2)
        budget.push({ path: `reliability[${i}].mtbf`, message: `${units} unit(s) failing every ${rel.mtbf} s on average would give about ${Math.round(expected).toLocaleString('en-US')} failures and repairs in ${this.end} s; a run may process at most ${this.budget.events.toLocaleString('en-US')} events` });
    });
    if (budget.length) throw new ScenarioError(budget);
    for (const rel of scenario.reliability ?? []) {
      const targets = model.units.byClass.get(rel.target) ?? [model.units.byId.get(rel.target)!];
      for (const u of targets) this.stochastic(u, rel.mtbf, rel.mttr);
    }
    // A tariff's changes of price end integration steps (events that change nothing else), so every step
    // is priced at one rate.
    const tariffSpec = scenario.economics?.tariff;
    this.tariff = tariffSpec ? new Tariff(tariffSpec) : null;
    if (this.tariff) {
      const tariff = this.tariff;
      this.energyCost = 0;
      const boundary = (t: number) => { const next = tariff.nextChange(t); if (next < this.end) this.later(next, () => boundary(next)); };
      boundary(0);
    }
    // A stepwise heat demand (hourly or monthly factors) changes only the recovery's duty: steps end there
    // and keep their history from the new slope, so each step integrates one factor.
    const hr = this.plant.heatRecovery;
    if (hr) {
      const change = (t: number) => { const next = nextDemandChange(hr, t); if (next < this.end) this.later(next, () => { this.solver.resumeAfterSourceChange(this.kernel.now); change(next); }); };
      change(0);
    }
    for (const inj of opts.inject ?? []) {
      const u = model.failable[inj.index];
      if (!u) throw new RangeError(`inject: no failable unit ${inj.index}`);
      if (inj.at <= this.end) this.later(inj.at, () => this.applyAction(u.fail));
      if (inj.repairAt !== undefined && inj.repairAt <= this.end) this.later(inj.repairAt, () => this.applyAction(u.repair));
    }
    // Jobs present at t = 0 are placed before the steady start, so racks start at their load.
    this.workload?.start();
    this.initialise();
    this.initialState = Float64Array.from(this.solver.T);
    this.power?.prime(this.solver.demandSources);
    k.setContinuous((from, to) => this.advance(from, to));
    this.probeStart();
    this.record(0);
    this.frames?.capture(0); // later frames on their own grid (Frames.through), never at sample times
  }

  /**
   * Run until at least `t` (clamped to the end), stopping at the end of the integration step that passes
   * it: slices never cut a step, so results are the same however a host slices a run.
   */
  runTo(t: number): void {
    if (this.kernel.now >= Math.min(t, this.end)) return;
    this.pauseAt = t;
    try { this.kernel.run(this.end); }
    catch (e) { if (e instanceof EngineError) e.stamp(this.kernel.now); throw e; }
    finally { this.pauseAt = Infinity; }
  }
  private pauseAt = Infinity;

  get now(): number { return this.kernel.now; }
  get done(): boolean { return this.kernel.now >= this.end; }

  /** Start from the steady state of t = 0: backward Euler with a huge step is the steady solve. */
  private initialise(): void {
    const s = this.solver;
    const saved = Float64Array.from(s.T);
    let ok = this.scenario.solver?.initial === 'setpoints' ? true : s.solveSteady(0);
    // Stage the chillers this steady load needs (compiled, every chiller counts), then settle with them.
    if (ok && this.staging.initial(s.chillerNeed, s.chillerCapEach)) ok = s.solveSteady(0);
    for (let i = 0; i < s.T.length; i++) if (!(s.T[i]! > 0 && s.T[i]! < 1000)) ok = false;
    if (!ok) {
      s.T.set(saved);
      this.warnings.push('no steady state at t = 0 (the heat has nowhere to go); starting from setpoints');
    }
    s.step(0, 1e-9, 0); // refresh derived flows and inlet at t = 0 without moving the state
    s.T.set(s.T0);
    s.inlet0 = s.inlet;
    s.zoneInlet0.set(s.zoneInlet);
  }

  private stochastic(u: FailRepair, mtbf: number, mttr: number): void {
    const rng = new Rng(this.reliabilitySeed, `reliability:${u.id}`);
    const failAt = (t: number) => {
      const tf = t + rng.exponential(mtbf);
      if (tf > this.end) return;
      this.later(tf, () => {
        this.service.failures++;
        this.applyAction(u.fail);
        const tr = tf + rng.exponential(mttr);
        if (tr <= this.end) this.later(tr, () => { this.applyAction(u.repair); failAt(tr); }, 'reliability');
      }, 'reliability');
    };
    failAt(0);
  }

  /** Schedule a callback; slots of fired callbacks are reused, so a long run holds only what is pending. */
  private later(t: number, f: () => void, source: ChangeSource = 'scenario', priority = 0): number {
    const i = this.freeSlots.pop() ?? this.cb.length;
    this.cb[i] = () => { this.changes[source]++; f(); };
    // A time computed inside a step (a located trip: t0 + θ·h) can round to just before the step's end,
    // where the clock already is: due now, not in the past.
    const at = Math.max(t, this.stepEnd, this.kernel.now);
    if (at < this.horizon) this.horizon = at;
    return this.kernel.scheduleAt(at, this.callbackKind, i, priority);
  }
  /** Where the running advance stops (−∞ outside one). */
  private horizon = -Infinity;
  /** End of the last accepted integration step (the continuous clock, ahead of the kernel's during advance). */
  private stepEnd = 0;
  private readonly freeSlots: number[] = [];
  private readonly budget: RunBudget;
  /** Discrete changes by where they came from, to name the input behind a run that exceeds its budget. */
  private readonly changes: Record<ChangeSource, number> = { scenario: 0, reliability: 0, workload: 0, power: 0, staging: 0 };

  private overBudget(what: 'steps' | 'events'): BudgetError {
    const c = this.changes;
    const parts = [
      c.workload && `${c.workload.toLocaleString('en-US')} from the workload (workload.jobs, workload.arrivals: every, max_jobs, checkpoint_interval)`,
      c.reliability && `${c.reliability.toLocaleString('en-US')} from random failures and repairs (reliability[].mtbf, mttr)`,
      c.power && `${c.power.toLocaleString('en-US')} from the power chain`,
      c.staging && `${c.staging.toLocaleString('en-US')} from chiller staging (plant.chiller_staging: delay, min_run_time)`,
      c.scenario && `${c.scenario.toLocaleString('en-US')} scripted or restarts (events)`,
    ].filter(Boolean);
    const step = this.fixedStep !== undefined ? `the fixed step is ${this.fixedStep} s (solver.fixed_step)` : `the last step was ${this.h.toPrecision(3)} s (solver.min_step, error_tolerance; a rack or loop with almost no heat capacity forces tiny steps)`;
    return new BudgetError(what, this.budget[what], this.kernel.now, `Discrete changes so far: ${parts.join('; ') || 'none'}; ${step}.`);
  }

  private applyAction(action: (x: ActionContext) => void): void {
    const t = this.kernel.now;
    const x: ActionContext = {
      t, hydraulicsChanged: false,
      alarm: (severity, component, kind, message) => this.log.add({ t_s: this.kernel.now, severity, component, kind, value: null, limit: null, message }),
      // A restarting chiller coming on line changes the plant's capacity: steps start short again.
      at: (when, what) => this.later(when, () => { what(); this.afterDiscreteChange(); }),
    };
    action(x);
    if (x.hydraulicsChanged) this.solver.updateHydraulics();
    this.log.lastEventTime = t;
    this.afterDiscreteChange();
  }

  /**
   * Chiller staging after a step ending at t: a chiller started or stopped, which changes no temperature
   * (a started one cools only after its restart delay; one stops only when the rest carry the demand below
   * stage_down), only the plant's power: the step resumes from the new slope rather than restarting. A
   * start is followed by an event when it begins to cool (chillerOnLine), and a pending condition by one
   * when its hold time ends, so steps end exactly there.
   */
  private stage(t: number): boolean {
    const r = this.staging.update(t, this.solver.chillerNeed, this.solver.chillerCapEach);
    const wake = r.wakeAt;
    if (wake === wake && wake > t && wake <= this.end) {
      if (r.started >= 0) this.later(wake, () => this.chillerOnLine(), 'staging');
      else if (wake !== this.stagingWake) { this.stagingWake = wake; this.later(wake, noop, 'staging'); }
    }
    return r.started >= 0 || r.stopped >= 0;
  }
  /** The pending staging hold time already has an event at this time (one per hold, not one per step). */
  private stagingWake = NaN;

  /**
   * A staged chiller begins to cool. If the chillers already cooling held the setpoint, the plant outlet
   * stays at it and only their shared part load (power) changes: resume from the new slope. If they fell
   * short (a tripped chiller's stand-by), the supply temperature falls at once, a transient to resolve
   * from short steps (without storage it reaches every loop: the chiller-trip-no-storage drill's recovery
   * moved 4 s when resumed).
   */
  private chillerOnLine(): void {
    const s = this.solver, t = this.kernel.now, chillers = this.plant.chillers;
    // Capacity of the chillers that were cooling before now (not the one coming on line, nor another due at t).
    let before = 0;
    for (let j = 0; j < chillers.length; j++) if (chillerCools(chillers[j]!, t) && chillers[j]!.availableAt < t) before += s.chillerCapEach[j]!;
    if (s.chillerDemand > before * (1 + 1e-6)) this.afterDiscreteChange();
    else s.resumeAfterSourceChange(t);
  }

  /** After anything discrete: flows may have changed, steps start short again, limits are re-checked. */
  private afterDiscreteChange(): void {
    this.solver.updateHydraulics();
    this.restartSteps();
    this.monitor.applyTransitions(this.kernel.now);
    this.workload?.syncRacks(this.kernel.now);
  }



  /**
   * Integrate from `from` to `to` (the next discrete event). Always reaches `to`.
   * Step control: the local-error estimate stays below `errorTol` and no node moves more than `maxDT`
   * in one step (that also keeps limit crossings, found by interpolation, accurate).
   */
  private advance(from: number, to: number): number {
    let t = from;
    // `horizon` is `to` unless a callback inside this advance (the workload rescheduling a checkpoint on a
    // rate change) schedules an event before it: then the advance stops there, as the kernel requires.
    this.horizon = to;
    const s = this.solver;
    const pw = this.power;
    const adaptive = this.fixedStep === undefined;
    this.probeStart(); // after the events at `from`
    while (this.horizon - t > 1e-9) {
      const planned = this.fixedStep ?? this.h;
      let h = Math.min(planned, this.horizon - t);
      const settled = s.step(t, h);
      if (adaptive && h > this.minStep && (!settled || s.errorEstimate > 2 * this.errorTol || s.maxDeltaT > 2 * this.maxDT)) {
        s.undo();
        this.retakes++;
        this.h = Math.max(this.minStep, h * (settled ? Math.min(0.5, this.growth(s)) : 0.5));
        continue;
      }
      pw?.step(h, s.demandSources);
      const theta = Math.min(this.monitor.earliestConsequence(), pw ? pw.earliestEvent() : 1, this.staging.shortfallAt(s.chillerNeed, s.chillerCapEach));
      if (theta < 1 && theta * h > this.minStep) {
        // Retake the step so it ends where the limit is reached: the consequence starts on time.
        s.undo();
        pw?.undo();
        this.retakes++;
        // Land just past the crossing; backward Euler is not linear in h, so correct once by secant.
        const h0 = h;
        h = Math.min(h0, theta * h0 * (1 + 1e-6) + 1e-9);
        s.step(t, h);
        pw?.step(h, s.demandSources);
        const again = Math.min(this.monitor.shortfall(), pw ? pw.earliestEvent() : 1);
        if (again > 0 && again < 1) { s.undo(); pw?.undo(); h = Math.min(h0, h * (1 + again * 2) + 1e-9); s.step(t, h); pw?.step(h, s.demandSources); }
      }
      this.accumulate(h, t + h);
      this.onStep?.(t, h);
      this.checkSane(t + h);
      this.monitor.scanAlarms(t, h);
      this.recordThrough(t, h);
      s.accept(h);
      t += h;
      // Steps summed in floating point can end a hair before the next event: that is the event's time.
      if (this.horizon - t <= 1e-9) t = this.horizon;
      this.stepEnd = t;
      if (++this.steps + this.retakes > this.budget.steps) throw this.overBudget('steps');
      let changed = false;
      if (pw) {
        s.extraHallHeat = pw.hallHeat;
        if (pw.commit(t)) { s.updateHydraulics(); changed = true; }
      }
      const mon = this.monitor;
      if (mon.applyTransitions(t, h)) changed = true;
      const staged = this.stage(t);
      if (changed) {
        this.restartSteps();
        this.workload?.syncRacks(t);
      } else {
        if (adaptive) this.h = Math.min(this.maxStep, Math.max(this.minStep, this.nextStep(s, h, planned)));
        // A chiller staged on or off changes no temperature (see stage()): the step goes on from the new slope.
        if (staged) s.resumeAfterSourceChange(t);
      }
      // A moving power cap: steps short enough to follow it, and the jobs' pace follows the cap.
      if (adaptive && mon.maxStep < this.h) this.h = Math.max(this.minStep, mon.maxStep);
      if (mon.capsMoved) { mon.capsMoved = false; this.workload?.refreshPace(t); }
      // Values after this step's discrete changes start the next step: a step now often runs on across a
      // change, and samples inside it must not ramp from the value before it.
      this.probeStart();
      if (t >= this.pauseAt && this.horizon - t > 1e-9) { this.kernel.pause(); this.horizon = -Infinity; return t; }
    }
    const reached = this.horizon;
    this.horizon = -Infinity;
    return reached;
  }

  /**
   * No silent wrong answer: after every step, every node temperature and every energy account is finite and
   * the liquids have not boiled (the network is single-phase). One sum per step finds a NaN or infinity
   * anywhere in the state (they propagate through a sum); only then is the culprit looked for by name.
   */
  private checkSane(t: number): void {
    const T = this.solver.T;
    let sum = 0;
    for (let i = 0; i < T.length; i++) sum += T[i]!;
    const a = this.acc;
    sum += a.it + a.pumps + a.fans + a.chillers + a.freeCoolingFans + a.fwsPumps + a.condenserFans + a.condenserPumps + a.heatIn + a.heatRejected + a.water + a.heatPump + a.heatReused;
    if (!Number.isFinite(sum)) {
      for (let i = 0; i < T.length; i++) if (!Number.isFinite(T[i]!)) { const [c, q] = this.nodeName(i); throw new EngineError(c, q, T[i]!, null, '', t); }
      for (const [k, v] of Object.entries(a)) if (!Number.isFinite(v)) throw new EngineError('run', `energy account "${k}"`, v, null, 'a power in the plant became non-finite', t);
    }
    const boiling = C_TO_K + 100;
    if (this.solver.maxRackT > boiling || this.solver.flows.fwsSupply > boiling || T[this.plant.layout.fwsReturn]! > boiling) {
      for (let i = 0; i < T.length; i++) {
        const L = this.plant.layout;
        if ((i >= L.air && i <= L.structure) || !(T[i]! > boiling)) continue; // air and structure do not boil
        const [c, q] = this.nodeName(i);
        throw new EngineError(c, q, T[i]! - C_TO_K, null, '°C: past 100 °C the water boils and this single-phase model no longer holds; check the design (flows, capacities, limits)', t);
      }
      throw new EngineError('plant', 'facility-water supply temperature', this.solver.flows.fwsSupply - C_TO_K, null, '°C: past 100 °C the water boils; check plant.flow and the chillers', t);
    }
  }

  /** The component and quantity behind state node i. */
  private nodeName(i: number): [string, string] {
    const { layout: L, racks, cdus, hall } = this.plant;
    if (i < L.cdus) return [racks.ids[i]!, 'coolant temperature'];
    if (i < L.air) return [cdus.ids[i - L.cdus]!, 'loop temperature'];
    if (i < L.structure) return this.plant.zones ? [this.plant.zones.ids[i - L.air]!, 'air zone temperature'] : [hall.id, 'air temperature'];
    if (i === L.structure) return [hall.id, 'structure temperature'];
    if (i === L.fwsReturn) return ['plant', 'facility-water return temperature'];
    return ['plant', 'facility-water supply-side (storage) temperature'];
  }

  /**
   * Step-size factor from the error estimate (local error ∝ h^(p+1): square root for backward Euler,
   * cube root for TR-BDF2) and the ΔT cap.
   */
  private growth(s: ThermalSolver): number {
    return Math.min(2, Math.max(0.1, this.factor(s)));
  }

  /** The step-size factor the error estimate and the ΔT cap allow, unbounded (+∞ when neither binds). */
  private factor(s: ThermalSolver): number {
    const ratio = this.errorTol / s.errorEstimate;
    const byError = s.errorEstimate > 0 ? 0.9 * (s.order === 2 ? dmath.cbrt(ratio) : Math.sqrt(ratio)) : Infinity;
    const byChange = s.maxDeltaT > 0 ? (0.9 * this.maxDT) / s.maxDeltaT : Infinity;
    return Math.min(byError, byChange);
  }

  /**
   * The step after an accepted step of length h when the controller had planned `planned`. A step cut short
   * (it reached an event, or was landed on a limit crossing) tells what a step of its own length does, not
   * that the planned one was too long: the next step is what its error allows, up to twice the planned
   * step, instead of at most twice the short one. Events a fraction of a second apart (a day of drawn jobs)
   * otherwise held every step near the gap between two events whatever the error allowed.
   */
  private nextStep(s: ThermalSolver, h: number, planned: number): number {
    if (h >= planned) return h * this.growth(s);
    return Math.max(0.1 * h, Math.min(2 * planned, h * this.factor(s)));
  }

  /** After a discrete change: short steps again, and no error history across the jump. */
  private restartSteps(): void {
    this.h = this.initialStep;
    this.solver.forgetHistory();
  }

  private accumulate(h: number, tEnd: number): void {
    this.workload?.accumulate(tEnd, h);
    // Energies from the step's mean flows (weighted as the scheme weights them); peaks from its end.
    const f = this.solver.mean, a = this.acc, { cdus } = this.plant;
    a.it += f.itPower * h;
    a.pumps += f.pumpPower * h;
    a.fans += f.fanPower * h;
    a.chillers += f.chillerPower * h;
    a.freeCoolingFans += f.freeCoolingFanPower * h;
    a.fwsPumps += f.fwsPumpPower * h;
    a.condenserFans += f.condenserFanPower * h;
    a.condenserPumps += f.condenserPumpPower * h;
    a.chillerControls += f.controlsPower * h;
    a.lighting += f.lightingPower * h;
    a.other += f.otherPower * h;
    a.heatIn += f.heatIn * h;
    a.heatRejected += f.heatRejected * h;
    a.freeCoolingHeat += f.freeCoolingHeat * h;
    a.chillerHeat += f.chillerHeat * h;
    a.water += f.waterUse * h;
    a.chillerWater += f.chillerWater * h;
    const hr = this.plant.heatRecovery;
    if (hr) {
      a.heatReused += f.reusedHeat * h;
      a.heatExported += f.exportedHeat * h;
      a.heatPump += f.heatPumpPower * h;
      a.heatAsked += f.heatAsked * h;
      a.heatCredit += hr.credit * f.exportedHeat * h;
      if (this.solver.flows.exportedHeat > 0) a.exportSeconds += h;
    }
    if (this.tariff) {
      // The step lies inside one band (its boundaries end steps): its facility energy at that band's price.
      const facility = facilityJ(a, this.power);
      this.energyCost! += this.tariff.priceAt(tEnd - h / 2) * (facility - this.pricedJ);
      this.pricedJ = facility;
    }
    const p = this.peaks;
    if (this.solver.inlet > p.inlet) p.inlet = this.solver.inlet;
    if (this.solver.flows.fwsSupply > p.fwsSupply) p.fwsSupply = this.solver.flows.fwsSupply;
    // A stopped loop has no supply worth a peak (as for its alarm): its stagnant coolant is not supplied.
    for (let c = 0; c < cdus.n; c++) if (!cdus.immersion[c] && cdus.flow[c]! > 0 && this.solver.cduSupply[c]! > p.tcsSupply) p.tcsSupply = this.solver.cduSupply[c]!;
    if (this.solver.maxRackT > p.rackCoolant) p.rackCoolant = this.solver.maxRackT; // every liquid node (racks and tanks)
    this.accountService(h);
  }

  /** `service`: what the step's end state says of the racks and the limits, held over the step. */
  private accountService(h: number): void {
    const sv = this.service, { racks, cdus } = this.plant, s = this.solver, L = this.limitK;
    let down = false;
    for (let r = 0; r < racks.n; r++) {
      if (racks.state[r] === RackState.Tripped || racks.powered[r] === 0) {
        down = true;
        sv.gpuSecondsDown += racks.gpus[r]! * h;
        if (this.everDown[r] === 0) { this.everDown[r] = 1; sv.racksEverDown++; }
      } else if (racks.cap[r]! < 1) sv.gpuSecondsCapped += racks.gpus[r]! * (1 - racks.cap[r]!) * h;
    }
    if (down) sv.anyRackDownS += h;
    const a = sv.above;
    if (s.inlet > L.inlet) a.max_rack_inlet += h;
    if (s.maxRackT > L.coolant) a.max_rack_coolant += h;
    if (s.flows.fwsSupply > L.fws) a.max_fws_supply += h;
    if (L.tcs < Infinity) {
      for (let c = 0; c < cdus.n; c++) if (!cdus.immersion[c] && cdus.flow[c]! > 0 && s.cduSupply[c]! > L.tcs) { a.max_tcs_supply += h; break; }
    }
  }

  /** Probe values at the start of the coming step, for interpolating samples inside it. */
  private readonly probePrev: number[] = [];
  private probeStart(): void {
    for (let i = 0; i < this.probes.length; i++) this.probePrev[i] = this.probes[i]!.read();
  }

  private record(t: number, frac = 1): void {
    this.series.t.push(t);
    for (let i = 0; i < this.probes.length; i++) {
      const v = this.probes[i]!.read();
      const v0 = this.probePrev[i] ?? v;
      this.series.v[i]!.push(v0 + (v - v0) * frac);
    }
    this.nextRecord = t + this.recordInterval;
  }

  /** Samples due inside the step are interpolated linearly between its ends. */
  private recordThrough(t: number, h: number): void {
    const end = t + h;
    // Without probes there is no series to keep: a year would otherwise push 200,000 sample times that
    // nothing reads (a tenth of a Monte Carlo year's time went to them and their garbage collection).
    if (this.probes.length > 0) while (this.nextRecord <= end + 1e-9 && this.nextRecord <= this.end + 1e-9) this.record(this.nextRecord, Math.min(1, (this.nextRecord - t) / h));
    this.frames?.through(end);
  }
}

function noop(): void {}
