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
import type { Plant } from '../plant/types';
import { RackState } from '../plant/types';
import type { ScenarioIssue } from '../scenario/issues';
import { WORKLOAD } from '../scenario/defaults';
import { compileProfile } from '../scenario/profile';
import { Rng } from '../kernel/rng';

type Kind = 'training' | 'inference' | 'batch';
const enum JobState { Waiting, Queued, Restarting, Running, Checkpoint, Done, Paused }

interface Job {
  id: string;
  kind: Kind;
  gpus: number;
  arrival: number;
  /** Training/batch: work at full speed, s. Inference: serving time, s (Infinity = to the end). */
  work: number;
  util: (t: number) => number;
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
  /** Callback at time t; a higher `priority` runs after every lower one at the same instant. */
  later(t: number, what: () => void, priority?: number): number;
  cancel(handle: number): void;
  alarm(t: number, severity: 'info' | 'warning' | 'major' | 'critical', component: string, kind: string, message: string): void;
}

export class Workload {
  readonly jobs: Job[] = [];
  private readonly queue: Job[] = [];
  private readonly free: Int32Array;
  private readonly onRack: Job[][];
  private readonly ckptUtil: number;
  private readonly rackSpeed: Float64Array;
  /** Totals: tokens, GPU-seconds allocated, GPU-seconds lost, queue waits. */
  readonly acc = { tokens: 0, gpuSecondsAllocated: 0, gpuSecondsLost: 0, rollbackGpuSeconds: 0, queueWaits: [] as number[], completed: 0, interrupted: 0 };
  readonly totalGpus: number;

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
    const make = (j: { id: string; kind: Kind; gpus: number; utilisation?: number | string | undefined; tokens_per_gpu_s?: number | undefined }, path: string, arrival: number, work: number, extra: Partial<Job> = {}): Job | null => {
      let util: (t: number) => number;
      const u = j.utilisation ?? WORKLOAD.utilisation[j.kind];
      if (typeof u === 'string') {
        const c = compileProfile(u, 0, 1, `${path}.utilisation`);
        if (!c.ok) { errors.push({ path: `${path}.utilisation`, message: c.message }); return null; }
        util = c.fn;
      } else util = () => u;
      return {
        id: j.id, kind: j.kind, gpus: j.gpus, arrival, work, util,
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
      const job = make(j, path, j.start ?? 0, j.kind === 'inference' ? j.duration ?? Infinity : j.duration ?? Infinity, {
        ckptInterval: j.checkpoint_interval ?? WORKLOAD.checkpointInterval,
        ckptDuration: j.checkpoint_duration ?? WORKLOAD.checkpointDuration,
        restartTime: j.restart_time ?? WORKLOAD.restartTime,
        allowed,
      });
      if (job) this.jobs.push(job);
    });
    // Poisson arrivals, each stream seeded from the scenario seed and its own id.
    for (const a of spec.arrivals ?? []) {
      const rng = new Rng(seed, `arrivals:${a.id}`);
      let t = 0;
      for (let k = 0; k < (a.max_jobs ?? 10_000); k++) {
        t += rng.exponential(a.every);
        if (t > end) break;
        const job = make({ id: `${a.id}-${k + 1}`, kind: a.kind, gpus: Math.min(a.gpus, this.totalGpus), utilisation: a.utilisation, tokens_per_gpu_s: a.tokens_per_gpu_s }, `workload.arrivals`, t, rng.exponential(a.duration));
        if (job) this.jobs.push(job);
      }
    }
  }

  /** Jobs there at t = 0 are placed now (the run starts from their steady state); later ones arrive as events. */
  start(): void {
    for (const j of this.jobs) {
      if (j.arrival === 0) { j.state = JobState.Queued; this.queue.push(j); }
      else if (j.arrival <= this.end) this.hooks.later(j.arrival, () => {
        if (j.paused) { j.state = JobState.Paused; return; }
        j.state = JobState.Queued; this.queue.push(j); this.dispatch(j.arrival);
      });
    }
    this.dispatch(0);
    this.refreshSpeeds(0);
    this.syncRacks(0);
  }

  /** FIFO with (aggressive) backfill: the head starts when it fits; otherwise any later job that fits. */
  private dispatch(t: number): void {
    for (let i = 0; i < this.queue.length; ) {
      const j = this.queue[i]!;
      if (this.place(j)) { this.queue.splice(i, 1); this.begin(j, t); } else i++;
    }
  }

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
    this.refreshSpeeds(t);
  }

  private run(j: Job, t: number): void {
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
        case JobState.Queued: this.queue.splice(this.queue.indexOf(j), 1); j.state = JobState.Paused; break;
        case JobState.Checkpoint: break; // parks when the checkpoint it is writing completes
        case JobState.Running:
          if (j.kind === 'inference') { this.advanceWork(j, t); this.park(j, t); break; }
          this.advanceWork(j, t);
          j.state = JobState.Checkpoint;
          j.checkpoints.push(t);
          this.cancelAll(j);
          j.handles.push(this.hooks.later(t + j.ckptDuration, () => {
            j.handles = [];
            j.ckptWork = j.done;
            if (j.paused) this.park(j, t + j.ckptDuration);
            else this.run(j, t + j.ckptDuration);
          }));
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
    this.acc.completed++;
    this.hooks.alarm(t, 'info', j.id, 'job_done', `${j.id} finished`);
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
        if (j.paused) { j.state = JobState.Paused; continue; }
        j.state = JobState.Queued;
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
    const { racks } = this.plant;
    for (let r = 0; r < racks.n; r++) {
      if (racks.cap[r]! >= 1) { this.rackSpeed[r] = 1; continue; }
      let L = 0;
      for (const j of this.onRack[r]!) L += (j.share[j.racks.indexOf(r)]! / racks.gpus[r]!) * j.util(t);
      const idle = racks.idlePower[r]!, P = racks.designPower[r]!;
      const cap = racks.cap[r]! * P;
      const demand = idle + (P - idle) * L;
      this.rackSpeed[r] = demand > cap && L > 0 ? Math.max(0, (cap - idle) / ((P - idle) * L)) : 1;
    }
    for (const j of this.jobs) {
      if (j.state !== JobState.Running && j.state !== JobState.Checkpoint && j.state !== JobState.Restarting) continue;
      let s = 1;
      if (j.kind === 'inference') {
        let sum = 0;
        for (const r of j.racks) sum += this.rackSpeed[r]!;
        s = j.racks.length ? sum / j.racks.length : 0;
      } else for (const r of j.racks) s = Math.min(s, this.rackSpeed[r]!);
      if (s !== j.speed) {
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
    return this.onRack.map((list, r) => list.map((j) => `${this.jobs.indexOf(j)}:${j.share[j.racks.indexOf(r)]}`).join(','));
  }

  /** Rack loads at time t (the solver's sources): the share of each rack's GPUs busy, scaled by pace. */
  fillLoads(t: number, load: Float64Array): void {
    load.fill(0);
    for (const j of this.jobs) {
      const st = j.state;
      if (st !== JobState.Running && st !== JobState.Checkpoint && st !== JobState.Restarting) continue;
      const u = st === JobState.Running ? j.util(t) * (j.kind === 'inference' ? 1 : j.speed) : st === JobState.Checkpoint ? this.ckptUtil : 0.1;
      const gpus = this.plant.racks.gpus;
      for (let k = 0; k < j.racks.length; k++) {
        const r = j.racks[k]!;
        load[r] = load[r]! + (u * j.share[k]!) / gpus[r]!;
      }
    }
  }

  /** Integrate tokens and GPU-seconds over an accepted step ending at t. */
  accumulate(t: number, h: number): void {
    const a = this.acc;
    for (const j of this.jobs) {
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
  }

  summary(now: number) {
    const jobs = this.jobs.map((j) => ({
      id: j.id, kind: j.kind, gpus: j.gpus,
      state: ['waiting', 'queued', 'restarting', 'running', 'checkpoint', 'done', 'paused'][j.state]!,
      progress: j.kind === 'inference' || !Number.isFinite(j.work) ? null : Math.min(1, (j.done + (j.state === JobState.Running ? j.speed * (now - j.lastUpdate) : 0)) / j.work),
      speed: j.speed,
      checkpoints_s: j.checkpoints.map((t) => Math.round(t * 1000) / 1000),
    }));
    return jobs;
  }
}
