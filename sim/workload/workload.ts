/**
 * AI workload on the racks: jobs arrive, queue, get placed on free GPUs (FIFO with backfill), run,
 * checkpoint, finish — and feed the racks' power. Training is synchronous: the whole job runs at the
 * pace of its slowest rack, so one throttled rack slows (and unloads) every rack of the job. A rack that
 * trips or loses power kills the training and batch jobs on it; they lose the work since their last
 * checkpoint, queue again at the front and pay a restart. Inference keeps serving on the racks it has.
 *
 * Work progress and completion times are exact between discrete changes (speeds only change at events);
 * tokens and GPU-seconds are integrated with the thermal steps.
 */
import type { WorkloadSpec } from '../scenario/schema';
import { MAX_WORKLOAD_JOBS, type ComponentsSpec } from '../scenario/workload';
import type { Plant } from '../plant/types';
import { RackState } from '../plant/types';
import type { ScenarioIssue } from '../scenario/issues';
import { WORKLOAD } from '../scenario/defaults';
import { compileProfile } from '../scenario/profile';
import { drawArrivals, importSwf, type Drafts } from './sources';
import { parseTelemetry, locate, valueAt, type Telemetry } from './telemetry';

type Kind = 'training' | 'inference' | 'batch';
const enum JobState { Waiting, Queued, Restarting, Running, Checkpoint, Done, Paused }

interface Job {
  /** Position in `jobs` (the active list keeps this order, so sums run in the same order as ever). */
  index: number;
  /** A listed job (raises job_done), not one drawn from a stream or read from a log. */
  listed: boolean;
  id: string;
  kind: Kind;
  gpus: number;
  arrival: number;
  /** Training/batch: work at full speed, s. Inference: serving time, s (Infinity = to the end). */
  work: number;
  util: (t: number) => number;
  /** In the tracked list (Workload.track). */
  tracked: boolean;
  /** The utilisation changes with time (an expression, a telemetry column): loads must be recomputed each call. */
  varying: boolean;
  /** CPU, memory and network utilisation (for racks with a power_split), or null: the GPU utilisation. */
  parts: Float64Array | null;
  ckptInterval: number;
  ckptDuration: number;
  restartTime: number;
  tps: number;
  allowed: Uint8Array | null;
  state: JobState;
  racks: number[];
  share: number[];
  done: number;
  ckptWork: number;
  /** When the pending checkpoint falls, s (a wall-clock interval after the last one ended, or the start). */
  nextCkpt: number;
  speed: number;
  lastUpdate: number;
  started: number;
  interrupted: boolean;
  /** An operator paused it (`job: pause` event): it drains to a checkpoint, frees its GPUs and waits for `job: resume`. */
  paused: boolean;
  handles: number[];
  /** When each checkpoint began, s (the dips in power the charts mark). */
  checkpoints: number[];
}

/** Calendar priority of work that must follow everything else happening at the same instant. */
const AFTER_SIMULTANEOUS = 10;

export interface WorkloadHooks {
  /**
   * Callback at time t; a higher `priority` runs after every lower one at the same instant. Callbacks change
   * rack loads only (no flows, no rack states), so the run keeps its step history across them.
   */
  later(t: number, what: () => void, priority?: number): number;
  cancel(handle: number): void;
  alarm(t: number, severity: 'info' | 'warning' | 'major' | 'critical', component: string, kind: string, message: string): void;
}

/** Jobs the report lists one by one (listed jobs first); the KPIs count every job. */
export const MAX_REPORTED_JOBS = 10_000;

/** CPU, memory, network utilisation; NaN where the part follows the GPU utilisation (the default). */
const partsOf = (c: ComponentsSpec | undefined): Float64Array | null => (c ? Float64Array.of(c.cpu ?? NaN, c.memory ?? NaN, c.network ?? NaN) : null);

export class Workload {
  readonly jobs: Job[] = [];
  private readonly queue: Job[] = [];
  /** Jobs running, checkpointing, restarting, paused or waiting after an interruption, in `jobs` order (track()). */
  private readonly active: Job[] = [];
  private readonly free: Int32Array;
  private readonly onRack: Job[][];
  private readonly ckptUtil: number;
  private readonly rackSpeed: Float64Array;
  /** Totals: tokens, GPU-seconds allocated, GPU-seconds lost, queue waits. */
  readonly acc = { tokens: 0, gpuSecondsAllocated: 0, gpuSecondsLost: 0, rollbackGpuSeconds: 0, queueWaits: [] as number[], completed: 0, interrupted: 0 };
  readonly totalGpus: number;
  /** What a planner should read about the workload as compiled (clamped draws, skipped log lines). */
  readonly warnings: string[] = [];
  /** Telemetry replayed (null: none); racks it drives and the columns of each; the job columns. */
  private readonly telemetry: Telemetry | null = null;
  private readonly replayRacks: { rack: number; cols: number[] }[] = [];
  private readonly at = { i: 0, f: 0 };

  constructor(spec: WorkloadSpec, private readonly plant: Plant, private readonly hooks: WorkloadHooks, seed: number, private readonly end: number, errors: ScenarioIssue[]) {
    const { racks } = plant;
    this.free = Int32Array.from(racks.gpus);
    this.onRack = Array.from({ length: racks.n }, () => []);
    this.rackSpeed = new Float64Array(racks.n).fill(1);
    this.totalGpus = racks.gpus.reduce((a, b) => a + b, 0);
    this.ckptUtil = spec.checkpoint_utilisation ?? WORKLOAD.checkpointUtilisation;
    const tps = { ...WORKLOAD.tokensPerGpuS, ...spec.tokens_per_gpu_s };
    const groups = new Map<string, number[]>();
    for (let r = 0; r < racks.n; r++) {
      for (const key of [racks.ids[r]!, racks.rows[r]!]) (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
    }
    const constant = new Map<number, (t: number) => number>();
    const flat = (u: number) => constant.get(u) ?? constant.set(u, () => u).get(u)!;
    const make = (j: { id: string; kind: Kind; gpus: number; utilisation?: number | string | undefined; components?: ComponentsSpec | undefined; tokens_per_gpu_s?: number | undefined }, path: string, arrival: number, work: number, listed: boolean, extra: Partial<Job> = {}): Job | null => {
      let util: (t: number) => number;
      const u = j.utilisation ?? WORKLOAD.utilisation[j.kind];
      if (typeof u === 'string') {
        const c = compileProfile(u, 0, 1, `${path}.utilisation`);
        if (!c.ok) { errors.push({ path: `${path}.utilisation`, message: c.message }); return null; }
        util = c.fn;
      } else util = flat(u);
      const varying = typeof u === 'string';
      return {
        index: this.jobs.length, listed,
        id: j.id, kind: j.kind, gpus: j.gpus, arrival, work, util, varying, tracked: false, parts: partsOf(j.components),
        ckptInterval: WORKLOAD.checkpointInterval, ckptDuration: WORKLOAD.checkpointDuration, restartTime: WORKLOAD.restartTime,
        tps: j.tokens_per_gpu_s ?? tps[j.kind], allowed: null, state: JobState.Waiting, racks: [], share: [],
        done: 0, ckptWork: 0, nextCkpt: Infinity, speed: 1, lastUpdate: arrival, started: -1, interrupted: false, paused: false, handles: [], checkpoints: [], ...extra,
      };
    };
    // Job ids name jobs in the report and in alarms; arrival streams name theirs `<stream>-<k>`.
    const jobIds = new Map<string, string>();
    const claimJobId = (id: string, path: string) => {
      const prev = jobIds.get(id);
      if (prev !== undefined) errors.push({ path, message: `job id "${id}" is already used at ${prev}; job ids must be unique` });
      else jobIds.set(id, path);
    };
    (spec.arrivals ?? []).forEach((a, i) => claimJobId(a.id, `workload.arrivals[${i}].id`));
    (spec.jobs ?? []).forEach((j, i) => {
      const path = `workload.jobs[${i}]`;
      claimJobId(j.id, `${path}.id`);
      if (j.gpus > this.totalGpus) errors.push({ path: `${path}.gpus`, message: `expected at most the hall's ${this.totalGpus} GPUs, found ${j.gpus}` });
      let allowed: Uint8Array | null = null;
      if (j.racks) {
        allowed = new Uint8Array(racks.n);
        j.racks.forEach((g, k) => {
          const members = groups.get(g);
          if (!members) errors.push({ path: `${path}.racks[${k}]`, message: `expected a row or rack id, found "${g}"` });
          else for (const r of members) allowed![r] = 1;
        });
      }
      const job = make(j, path, j.start ?? 0, j.kind === 'inference' ? j.duration ?? Infinity : j.duration ?? Infinity, true, {
        ckptInterval: j.checkpoint_interval ?? WORKLOAD.checkpointInterval,
        ckptDuration: j.checkpoint_duration ?? WORKLOAD.checkpointDuration,
        restartTime: j.restart_time ?? WORKLOAD.restartTime,
        allowed,
      });
      if (job) this.jobs.push(job);
    });
    // Drawn and imported jobs, each stream on its own random stream (sources.ts), within one budget.
    const drafts: Drafts = { jobs: [], warnings: this.warnings };
    const budget = MAX_WORKLOAD_JOBS - this.jobs.length;
    drawArrivals(spec.arrivals ?? [], seed, end, this.totalGpus, budget, drafts, errors);
    if (spec.swf) importSwf(spec.swf, end, this.totalGpus, budget, drafts, errors);
    for (const d of drafts.jobs) {
      const job = make({ id: d.id, kind: d.kind, gpus: d.gpus, utilisation: d.utilisation, components: d.components, tokens_per_gpu_s: d.tokensPerGpuS }, 'workload', d.arrival, d.work, false);
      if (job) this.jobs.push(job);
    }
    if (spec.telemetry) this.telemetry = this.replay(spec.telemetry, groups, errors);
    if (this.jobs.length > MAX_REPORTED_JOBS) this.warnings.push(`the report lists the first ${MAX_REPORTED_JOBS.toLocaleString('en-US')} of ${this.jobs.length.toLocaleString('en-US')} jobs one by one; the KPIs count them all`);
  }

  /**
   * Telemetry columns become rack loads (node columns averaged per rack: each node an equal share of its
   * rack) or job utilisations. A replayed rack takes no scheduled jobs: the replay holds its GPUs.
   */
  private replay(spec: NonNullable<WorkloadSpec['telemetry']>, groups: Map<string, number[]>, errors: ScenarioIssue[]): Telemetry | null {
    const where = spec.file !== undefined ? `workload.telemetry.file ("${spec.file}")` : 'workload.telemetry.data';
    if (spec.data === undefined) {
      errors.push({ path: 'workload.telemetry.file', message: `"${spec.file}" was not read: the command line (dctwin) reads it relative to the scenario file; elsewhere put the CSV's text in workload.telemetry.data` });
      return null;
    }
    const parsed = parseTelemetry(spec.data, spec.time_scale ?? 1, spec.start_at ?? 0, spec.interpolation === 'step');
    if (!parsed.ok) { for (const e of parsed.errors) errors.push({ path: `${where} line ${e.line}`, message: e.message }); return null; }
    const tel = parsed.telemetry;
    const { racks } = this.plant;
    const byRack = new Map<number, number[]>();
    const jobById = new Map(this.jobs.filter((j) => j.listed).map((j) => [j.id, j]));
    const nodes = spec.nodes ?? {}, jobs = spec.jobs ?? {};
    for (const [col, id] of Object.entries(nodes)) if (!tel.columns.includes(col)) errors.push({ path: `workload.telemetry.nodes.${col}`, message: `expected a column of the CSV, found "${col}" (columns: ${tel.columns.slice(0, 8).join(', ')}${tel.columns.length > 8 ? ', …' : ''})` });
    for (const [col] of Object.entries(jobs)) if (!tel.columns.includes(col)) errors.push({ path: `workload.telemetry.jobs.${col}`, message: `expected a column of the CSV, found "${col}"` });
    tel.columns.forEach((col, c) => {
      const jobId = jobs[col];
      if (jobId !== undefined) {
        const job = jobById.get(jobId);
        if (!job) { errors.push({ path: `workload.telemetry.jobs.${col}`, message: `expected a job id of workload.jobs, found "${jobId}"` }); return; }
        const at = { i: 0, f: 0 };
        job.util = (t) => { locate(tel, t, at); return valueAt(tel, c, at); };
        job.varying = true;
        return;
      }
      const rackId = nodes[col] ?? col;
      const members = groups.get(rackId);
      const r = members && members.length === 1 && racks.ids[members[0]!] === rackId ? members[0]! : -1;
      if (r < 0) { errors.push({ path: nodes[col] !== undefined ? `workload.telemetry.nodes.${col}` : `${where} line 1`, message: `column "${col}": expected a rack id (or an entry in nodes: or jobs:), found "${rackId}"` }); return; }
      (byRack.get(r) ?? byRack.set(r, []).get(r)!).push(c);
    });
    for (const [rack, cols] of byRack) { this.replayRacks.push({ rack, cols }); this.free[rack] = 0; }
    for (const j of this.jobs) if (j.allowed) for (const { rack } of this.replayRacks) j.allowed[rack] = 0;
    return tel;
  }

  /** Jobs there at t = 0 are placed now (the run starts from their steady state); later ones arrive as events. */
  start(): void {
    for (const j of this.jobs) {
      if (j.arrival === 0) { j.state = JobState.Queued; this.queue.push(j); }
      else if (j.arrival <= this.end) this.hooks.later(j.arrival, () => {
        if (j.paused) { j.state = JobState.Paused; this.track(j); return; }
        j.state = JobState.Queued; this.queue.push(j); this.dispatch(j.arrival);
      });
    }
    this.dispatch(0);
    this.refreshSpeeds(0);
    this.syncRacks(0);
    if (this.telemetry) this.nextKnot(0);
  }


  /**
   * Each telemetry sample inside the run is a discrete event, one scheduled at a time: steps end on the
   * samples, so no step straddles a kink of the replayed load (and a year of minute samples holds one
   * calendar entry, not half a million).
   */
  private nextKnot(i: number): void {
    const ts = this.telemetry!.times;
    while (i < ts.length && ts[i]! <= 0) i++;
    if (i >= ts.length || ts[i]! > this.end) return;
    const at = ts[i]!;
    this.hooks.later(at, () => { this.loadsChanged = true; this.refreshSpeeds(at); this.nextKnot(i + 1); });
  }

  /** FIFO with (aggressive) backfill: the head starts when it fits; otherwise any later job that fits. */
  private dispatch(t: number): void {
    if (this.queue.length === 0) return;
    // GPUs free on usable racks, counted once: a job placeable anywhere that needs more is skipped in O(1)
    // (the scan in place() would say the same), and nothing fits once none are free. With thousands queued
    // behind a full hall this keeps a dispatch O(queue), not O(queue × racks).
    let free = 0;
    for (let r = 0; r < this.plant.racks.n; r++) if (this.usable(r)) free += this.free[r]!;
    for (let i = 0; i < this.queue.length && free > 0; ) {
      const j = this.queue[i]!;
      if (!j.allowed && j.gpus > free) { i++; continue; }
      if (this.place(j)) { this.queue.splice(i, 1); free -= j.gpus; this.begin(j, t); } else i++;
    }
  }

  /**
   * Keep j's place in the tracked list right after a change of its state: in it while it runs,
   * checkpoints or restarts (it draws power), is paused, or waits for GPUs after an interruption (its
   * GPU-seconds are lost). In `jobs` order (binary search on the index), so sums run in the same order as
   * a loop over every job would.
   */
  private track(j: Job): void {
    this.loadsChanged = true; this.cacheValid = false;
    const st = j.state;
    const want = st === JobState.Running || st === JobState.Checkpoint || st === JobState.Restarting || st === JobState.Paused || (st === JobState.Queued && j.interrupted);
    if (want === j.tracked) return;
    const a = this.active;
    let lo = 0, hi = a.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (a[mid]!.index < j.index) lo = mid + 1; else hi = mid; }
    if (want) a.splice(lo, 0, j); else a.splice(lo, 1);
    j.tracked = want;
    if (j.varying) this.varyingActive += want ? 1 : -1;
  }

  /**
   * Whether rack loads may have changed since the last call (a job started, ended, checkpointed or changed
   * pace; a telemetry sample passed), and clears it. The run resumes its step from the new slope only then.
   */
  takeLoadsChanged(): boolean {
    const c = this.loadsChanged;
    this.loadsChanged = false;
    return c;
  }
  /** Set by anything that moves a rack load (track, run, checkpoint, a change of pace, a telemetry sample). */
  private loadsChanged = true;
  private cacheValid = false;
  private varyingActive = 0;
  /** Job loads of every rack as last computed, reused while nothing moved and no active job's utilisation varies. */
  private cachedLoads: Float64Array | null = null;

  private usable(r: number): boolean {
    const racks = this.plant.racks;
    return racks.state[r] !== RackState.Tripped && racks.powered[r] === 1;
  }

  private place(j: Job): boolean {
    const n = this.plant.racks.n;
    let avail = 0;
    for (let r = 0; r < n && avail < j.gpus; r++) if ((!j.allowed || j.allowed[r]) && this.usable(r)) avail += this.free[r]!;
    if (avail < j.gpus) return false;
    let need = j.gpus;
    j.racks = []; j.share = [];
    for (let r = 0; r < n && need > 0; r++) {
      if ((j.allowed && !j.allowed[r]) || !this.usable(r) || this.free[r]! === 0) continue;
      const take = Math.min(need, this.free[r]!);
      this.free[r] = this.free[r]! - take;
      need -= take;
      j.racks.push(r); j.share.push(take);
      this.onRack[r]!.push(j);
    }
    return true;
  }

  private release(j: Job): void {
    j.racks.forEach((r, k) => {
      this.free[r] = this.free[r]! + j.share[k]!;
      const list = this.onRack[r]!;
      list.splice(list.indexOf(j), 1);
    });
    j.racks = []; j.share = [];
    for (const h of j.handles) this.hooks.cancel(h);
    j.handles = [];
  }

  private begin(j: Job, t: number): void {
    if (j.started < 0) { j.started = t; this.acc.queueWaits.push(t - j.arrival); }
    j.lastUpdate = t;
    if (j.interrupted && j.restartTime > 0) {
      j.state = JobState.Restarting;
      j.handles.push(this.hooks.later(t + j.restartTime, () => { j.handles = []; this.run(j, t + j.restartTime); }));
    } else this.run(j, t);
    this.track(j);
    this.refreshSpeeds(t);
  }

  private run(j: Job, t: number): void {
    this.loadsChanged = true; this.cacheValid = false;
    j.state = JobState.Running;
    j.lastUpdate = t;
    if (j.kind === 'inference') {
      const endAt = j.started + j.work;
      if (endAt <= this.end) j.handles.push(this.hooks.later(Math.max(t, endAt), () => this.finish(j, Math.max(t, endAt))));
      return;
    }
    if (j.kind === 'training' && j.ckptInterval > 0) {
      const next = (j.nextCkpt = t + j.ckptInterval);
      j.handles.push(this.hooks.later(next, () => this.checkpoint(j, next)));
    }
    this.scheduleFinish(j, t);
  }

  private checkpoint(j: Job, t: number): void {
    if (j.state !== JobState.Running) return;
    this.advanceWork(j, t);
    this.loadsChanged = true; this.cacheValid = false;
    j.state = JobState.Checkpoint;
    j.checkpoints.push(t);
    this.cancelAll(j);
    j.handles.push(this.hooks.later(t + j.ckptDuration, () => {
      j.handles = [];
      j.ckptWork = j.done;
      if (j.paused) this.park(j, t + j.ckptDuration);
      else this.run(j, t + j.ckptDuration);
    }));
  }

  /** Job ids an event may pause or resume: the listed jobs (arrival streams' jobs are not named in a file). */
  hasJob(id: string): boolean {
    return this.jobs.some((j) => j.id === id);
  }

  /**
   * Operator pause (`job: pause`): a running training or batch job drains — it writes a checkpoint
   * (checkpoint_duration at checkpoint utilisation), then frees its GPUs, so no work is rolled back; an
   * inference service stops at once; a queued or restarting job just stops waiting. While paused, its GPUs
   * count as lost GPU-hours (the work it would have done is not done).
   */
  pause(id: string, t: number): void {
    for (const j of this.jobs) {
      if (j.id !== id || j.paused || j.state === JobState.Done) continue;
      j.paused = true;
      this.hooks.alarm(t, 'warning', j.id, 'job_paused', `${j.id} paused by the operator`);
      switch (j.state) {
        case JobState.Waiting: break;
        case JobState.Queued: this.queue.splice(this.queue.indexOf(j), 1); j.state = JobState.Paused; this.track(j); break;
        case JobState.Checkpoint: break; // parks when the checkpoint it is writing completes
        case JobState.Running:
          if (j.kind === 'inference') { this.advanceWork(j, t); this.park(j, t); break; }
          // Drain: an ordinary checkpoint, which parks the job when it completes (it is paused).
          this.checkpoint(j, t);
          this.refreshSpeeds(t);
          break;
        case JobState.Restarting: this.park(j, t); break;
      }
    }
  }

  /** Operator resume (`job: resume`): a paused job queues again (at the head) and reloads its checkpoint when placed. */
  resume(id: string, t: number): void {
    for (const j of this.jobs) {
      if (j.id !== id || !j.paused) continue;
      j.paused = false;
      this.hooks.alarm(t, 'info', j.id, 'job_resumed', `${j.id} resumed by the operator`);
      if (j.state !== JobState.Paused) continue; // still draining or not yet arrived: it carries on as if never paused
      j.state = JobState.Queued;
      this.track(j);
      this.queue.unshift(j);
      this.dispatch(t);
      this.refreshSpeeds(t);
    }
  }

  /** Stop a paused job: free its GPUs (their work goes to whatever is queued) and wait for resume. */
  private park(j: Job, t: number): void {
    this.release(j);
    j.state = JobState.Paused;
    if (j.kind !== 'inference') j.interrupted = true;
    this.track(j);
    j.lastUpdate = t;
    this.dispatch(t);
    this.refreshSpeeds(t);
  }

  private cancelAll(j: Job): void {
    for (const h of j.handles) this.hooks.cancel(h);
    j.handles = [];
  }

  private scheduleFinish(j: Job, t: number): void {
    if (j.state !== JobState.Running || j.kind === 'inference' || !Number.isFinite(j.work)) return;
    const left = j.work - j.done;
    if (j.speed <= 0) return;
    const at = t + left / j.speed;
    if (at <= this.end) j.handles.push(this.hooks.later(at, () => this.finish(j, at)));
  }

  private finish(j: Job, t: number): void {
    this.advanceWork(j, t);
    j.state = JobState.Done;
    this.release(j);
    this.track(j);
    this.acc.completed++;
    // Listed jobs only: a day of drawn jobs would fill the alarm log with 86,400 lines nobody reads.
    if (j.listed) this.hooks.alarm(t, 'info', j.id, 'job_done', `${j.id} finished`);
    // Dispatch once every job finishing at this instant has freed its racks (a priority after theirs):
    // dispatching after the first let a small later job backfill ahead of the head job.
    if (!this.dispatchPending) {
      this.dispatchPending = true;
      this.hooks.later(t, () => { this.dispatchPending = false; this.dispatch(t); this.refreshSpeeds(t); }, AFTER_SIMULTANEOUS);
    }
  }
  private dispatchPending = false;

  private advanceWork(j: Job, t: number): void {
    if (j.state === JobState.Running && j.kind !== 'inference') j.done += j.speed * (t - j.lastUpdate);
    j.lastUpdate = t;
  }

  private lastSeen: Uint8Array | null = null;

  /** Compare every rack's state and power with what the workload last saw; react to the changes. */
  syncRacks(t: number): void {
    const racks = this.plant.racks;
    const seen = (this.lastSeen ??= Uint8Array.from({ length: racks.n }, (_, r) => racks.state[r]! | (racks.powered[r]! << 3)));
    let any = false;
    for (let r = 0; r < racks.n; r++) {
      const now = racks.state[r]! | (racks.powered[r]! << 3);
      if (now !== seen[r]) { seen[r] = now; any = true; this.onRackChange(r, t, false); }
    }
    if (any) { this.dispatch(t); this.refreshSpeeds(t); }
  }

  /**
   * A rack changed state (throttle, trip, power): interrupt what a dead rack carried, recompute every
   * job's pace, and let queued work use what is free.
   */
  onRackChange(r: number, t: number, settle = true): void {
    if (!this.usable(r)) {
      for (const j of [...this.onRack[r]!]) {
        if (j.kind === 'inference') continue;
        this.advanceWork(j, t);
        const lost = Math.max(0, j.done - j.ckptWork);
        this.acc.rollbackGpuSeconds += lost * j.gpus;
        this.acc.gpuSecondsLost += lost * j.gpus;
        this.acc.interrupted++;
        j.done = j.ckptWork;
        this.release(j);
        j.interrupted = true;
        this.hooks.alarm(t, 'major', j.id, 'job_interrupted', `${j.id} interrupted by ${this.plant.racks.ids[r]}: ${(lost / 60).toFixed(1)} min of work since the last checkpoint lost on ${j.gpus} GPUs`);
        // Interrupted while draining for a pause: it stays paused rather than queueing again.
        if (j.paused) { j.state = JobState.Paused; this.track(j); continue; }
        j.state = JobState.Queued;
        this.track(j);
        this.queue.unshift(j);
      }
    }
    if (settle) { this.dispatch(t); this.refreshSpeeds(t); }
  }

  /** The racks' power caps moved: recompute every job's pace (and its finish and checkpoint times). */
  refreshPace(t: number): void {
    this.refreshSpeeds(t);
  }

  /** Synchronous pace: the slowest rack's share of its demanded power it can actually draw under its cap. */
  private refreshSpeeds(t: number): void {
    // Every path that changes a job's state ends here: the cached loads cannot outlive a change.
    this.cacheValid = false;
    const { racks } = this.plant;
    for (let r = 0; r < racks.n; r++) {
      if (racks.cap[r]! >= 1) { this.rackSpeed[r] = 1; continue; }
      let L = 0;
      const split = racks.powerSplit;
      for (const j of this.onRack[r]!) {
        const u = j.util(t);
        L += (j.share[j.racks.indexOf(r)]! / racks.gpus[r]!) * (split && j.parts ? effective(split, r, u, j.parts, 1) : u);
      }
      const idle = racks.idlePower[r]!, P = racks.designPower[r]!;
      const cap = racks.cap[r]! * P;
      const demand = idle + (P - idle) * L;
      this.rackSpeed[r] = demand > cap && L > 0 ? Math.max(0, (cap - idle) / ((P - idle) * L)) : 1;
    }
    for (const j of this.active) {
      if (j.state !== JobState.Running && j.state !== JobState.Checkpoint && j.state !== JobState.Restarting) continue;
      let s = 1;
      if (j.kind === 'inference') {
        let sum = 0;
        for (const r of j.racks) sum += this.rackSpeed[r]!;
        s = j.racks.length ? sum / j.racks.length : 0;
      } else for (const r of j.racks) s = Math.min(s, this.rackSpeed[r]!);
      if (s !== j.speed) {
        this.loadsChanged = true; this.cacheValid = false;
        this.advanceWork(j, t);
        j.speed = s;
        if (j.state === JobState.Running && j.kind !== 'inference') {
          this.cancelAll(j);
          if (j.kind === 'training' && j.ckptInterval > 0) {
            // A change of pace moves the finish, not the checkpoint: it stays where run() put it (a wall-clock
            // interval after the last one ended). Recomputing it on a grid from the start moved a checkpoint
            // due at 1:01 to 1:30 when racks throttled at 1:00, and the slower run did more work.
            const next = Math.max(t, j.nextCkpt);
            j.handles.push(this.hooks.later(next, () => this.checkpoint(j, next)));
          }
          this.scheduleFinish(j, t);
        }
      }
    }
  }

  /**
   * Each rack's jobs as placed now (`<job index>:<GPUs>` in placement order), for the N-1 sweep's
   * interchangeable units — or null when a rack failure could re-place work in a way that depends on rack
   * order (first-fit): while arrivals exist, a job starts later or ends inside the run, GPUs are left free
   * or not every job is placed, or more than one job is re-queued when interrupted. When every GPU of the
   * hall is held by jobs that run past the end and only one of them can be interrupted, its only free GPUs
   * are the ones it held, so it goes back on exactly those racks or waits: order decides nothing.
   */
  rackJobs(): string[] | null {
    let held = 0, requeued = 0;
    for (const j of this.jobs) {
      if (j.arrival !== 0 || j.state === JobState.Queued || j.state === JobState.Waiting || !(j.work > this.end)) return null;
      held += j.gpus;
      if (j.kind !== 'inference') requeued++;
    }
    if (held !== this.totalGpus || requeued > 1) return null;
    return this.onRack.map((list, r) => list.map((j) => `${j.index}:${j.share[j.racks.indexOf(r)]}`).join(','));
  }

  /**
   * Rack loads at time t (the solver's sources): the share of each rack's GPUs busy, scaled by pace; on a
   * rack with a power_split, each part's share of dynamic power times its own utilisation. Replayed racks
   * take their telemetry (the mean of their node columns).
   */
  fillLoads(t: number, load: Float64Array): void {
    const cache = (this.cachedLoads ??= new Float64Array(load.length));
    if (this.cacheValid && this.varyingActive === 0) load.set(cache);
    else this.jobLoads(t, load);
    if (this.varyingActive === 0) { cache.set(load); this.cacheValid = true; }
    const tel = this.telemetry;
    if (tel) {
      locate(tel, t, this.at);
      for (const { rack, cols } of this.replayRacks) {
        let sum = 0;
        for (const c of cols) sum += valueAt(tel, c, this.at);
        load[rack] = sum / cols.length;
      }
    }
  }

  private jobLoads(t: number, load: Float64Array): void {
    load.fill(0);
    const { gpus, powerSplit: split } = this.plant.racks;
    for (const j of this.active) {
      const st = j.state;
      if (st !== JobState.Running && st !== JobState.Checkpoint && st !== JobState.Restarting) continue;
      const pace = j.kind === 'inference' ? 1 : j.speed;
      const u = st === JobState.Running ? j.util(t) * pace : st === JobState.Checkpoint ? this.ckptUtil : 0.1;
      // Checkpoints and restarts hold every part at one level: the GPUs wait, and so does the rest.
      const parts = st === JobState.Running && split ? j.parts : null;
      for (let k = 0; k < j.racks.length; k++) {
        const r = j.racks[k]!;
        const e = parts ? effective(split!, r, u, parts, pace) : u;
        load[r] = load[r]! + (e * j.share[k]!) / gpus[r]!;
      }
    }
  }

  /** Integrate tokens and GPU-seconds over an accepted step ending at t. */
  accumulate(t: number, h: number): void {
    const a = this.acc;
    for (const j of this.active) {
      const st = j.state;
      // Paused by the operator, or interrupted and waiting for GPUs again: the work these GPUs would do is lost.
      if (st === JobState.Paused || (st === JobState.Queued && j.interrupted)) { a.gpuSecondsLost += j.gpus * h; continue; }
      if (st !== JobState.Running && st !== JobState.Checkpoint && st !== JobState.Restarting) continue;
      a.gpuSecondsAllocated += j.gpus * h;
      if (st === JobState.Restarting) { a.gpuSecondsLost += j.gpus * h; continue; }
      if (st !== JobState.Running) continue;
      if (j.kind === 'inference') a.tokens += j.gpus * j.tps * j.util(t) * j.speed * h;
      else {
        a.tokens += j.gpus * j.tps * j.speed * h;
        a.gpuSecondsLost += (1 - j.speed) * j.gpus * h;
      }
    }
    // A replayed rack's GPUs are held by the replay while the rack is up.
    for (const { rack } of this.replayRacks) if (this.usable(rack)) a.gpuSecondsAllocated += this.plant.racks.gpus[rack]! * h;
  }

  /** The report's job list: the first MAX_REPORTED_JOBS jobs (listed ones first). */
  summary(now: number) {
    const jobs = this.jobs.slice(0, MAX_REPORTED_JOBS).map((j) => ({
      id: j.id, kind: j.kind, gpus: j.gpus,
      state: ['waiting', 'queued', 'restarting', 'running', 'checkpoint', 'done', 'paused'][j.state]!,
      progress: j.kind === 'inference' || !Number.isFinite(j.work) ? null : Math.min(1, (j.done + (j.state === JobState.Running ? j.speed * (now - j.lastUpdate) : 0)) / j.work),
      speed: j.speed,
      checkpoints_s: j.checkpoints.map((t) => Math.round(t * 1000) / 1000),
    }));
    return jobs;
  }
}

/**
 * Effective load of rack r for a job at GPU utilisation u: Σ share_part · utilisation_part over the rack's
 * power split, each stated part scaled by the job's pace like its GPUs; a NaN part follows u.
 */
function effective(split: Float64Array, r: number, u: number, parts: Float64Array, pace: number): number {
  const o = 4 * r;
  let e = split[o]! * u;
  for (let p = 0; p < 3; p++) { const v = parts[p]!; e += split[o + 1 + p]! * (v === v ? v * pace : u); }
  return e;
}
