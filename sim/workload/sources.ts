/**
 * Where a run's jobs come from: the listed jobs, the arrival streams (gaps, sizes and durations drawn from
 * their stated distributions on their own random streams) and a Standard Workload Format log. Each source
 * turns into job drafts, in that order; the scheduler (workload.ts) makes them jobs.
 *
 * Budget: MAX_WORKLOAD_JOBS drafts in all. A stream is drawn only until the run's end (or its `max_jobs`),
 * and drawing stops with an error naming the stream as soon as the budget is passed, so a hostile file
 * (`every: 1 ms` over ten years) costs at most the budget's draws, not 3·10¹¹.
 */
import type { ArrivalSpec, ComponentsSpec, JobKind, SwfSpec } from '../scenario/workload';
import { MAX_WORKLOAD_JOBS } from '../scenario/workload';
import type { ScenarioIssue } from '../scenario/issues';
import { Rng } from '../kernel/rng';
import { sampler, maxOf } from './distribution';
import { parseSwf } from './swf';

/** A job before scheduling: what a source says of it. */
export interface JobDraft {
  id: string;
  kind: JobKind;
  gpus: number;
  arrival: number;
  /** Work at full pace, s (inference: serving time). */
  work: number;
  /** A constant GPU utilisation, or undefined for the kind's default. */
  utilisation: number | undefined;
  components: ComponentsSpec | undefined;
  tokensPerGpuS: number | undefined;
}

/** Everything the sources produced, with warnings a planner should read (clamped sizes, skipped lines). */
export interface Drafts { jobs: JobDraft[]; warnings: string[] }

/**
 * Arrival streams: a Poisson (or renewal) process per stream on the stream `arrivals:<id>`. Per job the
 * draws come in a fixed order — gap, work, then GPUs (only when the GPU count is a distribution) — so a
 * stream of plain numbers draws exactly as it always has.
 */
export function drawArrivals(arrivals: readonly ArrivalSpec[], seed: number, end: number, totalGpus: number, budget: number, out: Drafts, errors: ScenarioIssue[]): void {
  arrivals.forEach((a, i) => {
    const path = `workload.arrivals[${i}]`;
    const gap = sampler(a.every, 'exponential'), work = sampler(a.duration, 'exponential'), size = typeof a.gpus === 'number' ? null : sampler(a.gpus, 'constant');
    const multiple = a.gpus_multiple ?? 1;
    if (typeof a.gpus === 'number' && a.gpus > totalGpus) { errors.push({ path: `${path}.gpus`, message: `expected at most the hall's ${totalGpus} GPUs, found ${a.gpus}` }); return; }
    if (typeof a.gpus !== 'number' && maxOf(a.gpus, 'constant') > totalGpus && a.gpus.dist !== 'normal' && a.gpus.dist !== 'log_normal' && a.gpus.dist !== 'exponential') {
      errors.push({ path: `${path}.gpus`, message: `expected draws of at most the hall's ${totalGpus} GPUs, found a largest value of ${maxOf(a.gpus, 'constant')}` });
      return;
    }
    const rng = new Rng(seed, `arrivals:${a.id}`);
    const cap = a.max_jobs ?? Infinity;
    let t = 0, clamped = 0;
    for (let k = 0; k < cap; k++) {
      t += gap(rng);
      if (t > end) break;
      if (out.jobs.length >= budget) {
        errors.push({ path: `${path}.every`, message: `the workload would hold more than ${MAX_WORKLOAD_JOBS.toLocaleString('en-US')} jobs (the budget of one run; docs/limits.md): this stream had drawn ${k.toLocaleString('en-US')} by ${(t / 3600).toFixed(1)} h of ${(end / 3600).toFixed(1)} h. Set max_jobs, a longer "every" or a shorter duration` });
        return;
      }
      const w = work(rng);
      let g = a.gpus as number;
      if (size) {
        // Whole GPUs, rounded up to the stated multiple (a node), at least one multiple, at most the hall.
        g = Math.max(multiple, Math.ceil(size(rng) / multiple - 1e-9) * multiple);
        if (g > totalGpus) { g = totalGpus; clamped++; }
      }
      out.jobs.push({ id: `${a.id}-${k + 1}`, kind: a.kind, gpus: g, arrival: t, work: w, utilisation: a.utilisation, components: a.components, tokensPerGpuS: a.tokens_per_gpu_s });
    }
    if (clamped) out.warnings.push(`${path}.gpus: ${clamped} draw(s) above the hall's ${totalGpus} GPUs were set to ${totalGpus}`);
  });
}

/** A Standard Workload Format log as jobs: processors → GPUs, log time → run time (docs/scenario-format.md). */
export function importSwf(swf: SwfSpec, end: number, totalGpus: number, budget: number, out: Drafts, errors: ScenarioIssue[]): void {
  const where = swf.file !== undefined ? `workload.swf.file ("${swf.file}")` : 'workload.swf.data';
  if (swf.data === undefined) {
    errors.push({ path: 'workload.swf.file', message: `"${swf.file}" was not read: the command line (dctwin) reads it relative to the scenario file; elsewhere put the log's text in workload.swf.data` });
    return;
  }
  const parsed = parseSwf(swf.data);
  if (!parsed.ok) { for (const e of parsed.errors) errors.push({ path: `${where} line ${e.line}`, message: e.message }); return; }
  const { log } = parsed;
  let perProc = swf.gpus_per_proc ?? 1;
  if (swf.gpus_per_node !== undefined) {
    const { maxProcs, maxNodes } = log.header;
    if (!maxProcs || !maxNodes) { errors.push({ path: 'workload.swf.gpus_per_node', message: `expected the log's header to state MaxProcs and MaxNodes (processors per node = MaxProcs / MaxNodes); found MaxProcs ${maxProcs ?? 'missing'}, MaxNodes ${maxNodes ?? 'missing'}. Use gpus_per_proc instead` }); return; }
    perProc = swf.gpus_per_node / (maxProcs / maxNodes);
  }
  const scale = swf.time_scale ?? 1, from = swf.from ?? 0, startAt = swf.start_at ?? 0;
  let before = 0, after = 0, oversize = 0;
  for (const j of log.jobs) {
    if (j.submit < from) { before++; continue; }
    const arrival = startAt + (j.submit - from) * scale;
    if (arrival > end) { after++; continue; }
    // Whole GPUs: a job on part of a GPU still holds it (the scheduler places whole GPUs).
    const gpus = Math.ceil(j.procs * perProc - 1e-9);
    if (gpus > totalGpus) {
      if (++oversize <= 5) errors.push({ path: `${where} line ${j.line}`, message: `job ${j.number} asks for ${j.procs} processors = ${gpus} GPUs at ${perProc} GPUs per processor; the hall has ${totalGpus}. Lower gpus_per_proc (or gpus_per_node)` });
      continue;
    }
    if (out.jobs.length >= budget) { errors.push({ path: where, message: `the workload would hold more than ${MAX_WORKLOAD_JOBS.toLocaleString('en-US')} jobs (the budget of one run; docs/limits.md) at line ${j.line}; replay a shorter span (from, or a shorter duration)` }); return; }
    const components = swf.components ?? (j.cpuUtil !== null ? { cpu: j.cpuUtil } : undefined);
    out.jobs.push({ id: `swf-${j.number}`, kind: swf.kind ?? 'batch', gpus, arrival, work: j.run * scale, utilisation: swf.utilisation, components, tokensPerGpuS: swf.tokens_per_gpu_s });
  }
  if (oversize > 5) errors.push({ path: where, message: `${oversize - 5} more job(s) larger than the hall` });
  const skipped = log.skipped.noRunTime + log.skipped.noProcs;
  const notes = [
    skipped && `${skipped} line(s) without a positive run time or processor count skipped (${log.skipped.noRunTime} run time −1 or 0, ${log.skipped.noProcs} processors −1)`,
    before && `${before} job(s) submitted before "from" skipped`,
    after && `${after} job(s) arriving after the run's end not replayed`,
  ].filter(Boolean);
  if (notes.length) out.warnings.push(`${where}: ${notes.join('; ')}`);
}
