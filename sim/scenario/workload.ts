/**
 * The workload as a file states it: listed jobs, arrival streams whose gaps, sizes and durations follow
 * stated distributions, a job log in the Standard Workload Format (SWF) and a utilisation telemetry CSV
 * to replay. The compiled workload is sim/workload/workload.ts; the SWF and CSV readers sit beside it.
 */
import { z } from 'zod';
import { positive, nonNegative, fraction, id, count } from './quantity';
import { loadProfile } from './fields';
import { distributed } from './distribution';
import { LIMITS } from './guard';

/**
 * Jobs one run may hold in all (listed, drawn from arrival streams, read from a log): each job costs a few
 * hundred bytes and two events, so 250,000 is ~100 MB at most and a few seconds of scheduling. A day of one
 * job per second (86,400) fits twice over; a file asking for more gets an error naming the stream.
 */
export const MAX_WORKLOAD_JOBS = 250_000;

const jobKind = z.enum(['training', 'inference', 'batch']);

/**
 * Utilisation of a job's non-GPU parts, for racks whose type splits its power (`power_split`): each part
 * draws its share of the rack's dynamic power times this. Default: the job's GPU utilisation.
 */
const componentsSchema = z.strictObject({ cpu: fraction().optional(), memory: fraction().optional(), network: fraction().optional() });

const jobSchema = z.strictObject({
  id: id(),
  kind: jobKind,
  gpus: count(1_000_000, 1),
  /** Arrival time: the job queues until enough GPUs are free. */
  start: nonNegative('time').optional(),
  /** Training and batch: work at full speed. Inference: how long it serves (default: to the end). */
  duration: positive('time').optional(),
  /** GPU busy share while computing (sets its power). Inference: a number or an expression of t. */
  utilisation: loadProfile().optional(),
  components: componentsSchema.optional(),
  checkpoint_interval: positive('time').optional(),
  checkpoint_duration: nonNegative('time').optional(),
  /** Reload from the last checkpoint after an interruption. */
  restart_time: nonNegative('time').optional(),
  tokens_per_gpu_s: nonNegative('dimensionless').optional(),
  /** Restrict placement to these rows or racks. */
  racks: z.array(id()).max(20_000).optional(),
});

/** A GPU count: a whole number, or a distribution whose draws are rounded (see `gpus_multiple`). */
const gpuCount = distributed('dimensionless', 1, count(1_000_000, 1));

const arrivalSchema = z.strictObject({
  id: id(),
  kind: jobKind,
  /** Time between arrivals: a plain time is the mean of a Poisson process; a distribution makes a renewal process. */
  every: distributed('time'),
  gpus: gpuCount,
  /** Drawn GPU counts are rounded up to a multiple of this (a node's GPUs); default 1. */
  gpus_multiple: count(1024, 1).optional(),
  /** Work of a job: a plain time is the mean of an exponential; or a distribution. */
  duration: distributed('time'),
  utilisation: fraction().optional(),
  components: componentsSchema.optional(),
  tokens_per_gpu_s: nonNegative('dimensionless').optional(),
  /** At most this many jobs from the stream (default: as many as arrive before the end, within MAX_WORKLOAD_JOBS). */
  max_jobs: count(MAX_WORKLOAD_JOBS, 1).optional(),
});

/** Bulk text, or a file the command line reads (relative to the scenario) into `data` before compiling. */
const source = {
  /** Path of the file, relative to the scenario file (read by `dctwin`; the browser needs `data`). */
  file: z.string().min(1).max(1000).optional(),
  /** The file's text itself. Bounded only by the scenario file's size (guard.ts BULK_TEXT_FIELDS). */
  data: z.string().max(LIMITS.maxBytes).optional(),
};
const oneSource = (v: { file?: string | undefined; data?: string | undefined }, ctx: z.RefinementCtx) => {
  if (v.file === undefined && v.data === undefined) ctx.addIssue({ code: 'custom', path: ['data'], message: 'expected "file" (a path relative to the scenario) or "data" (the text itself)' });
};

const swfSchema = z.strictObject({
  ...source,
  /** GPUs per SWF processor (default 1); or `gpus_per_node` with the log's MaxProcs / MaxNodes header. */
  gpus_per_proc: positive('dimensionless').optional(),
  gpus_per_node: count(1024, 1).optional(),
  /** Multiplies the log's times (submit gaps and run times): 0.5 replays twice as fast. Default 1. */
  time_scale: positive('dimensionless').optional(),
  /** Log time (after its first line's clock, UnixStartTime) where the replay begins; earlier jobs are skipped. */
  from: nonNegative('time').optional(),
  /** Run time at which log time `from` falls (default 0). */
  start_at: nonNegative('time').optional(),
  kind: jobKind.optional(),
  utilisation: fraction().optional(),
  components: componentsSchema.optional(),
  tokens_per_gpu_s: nonNegative('dimensionless').optional(),
}).superRefine((v, ctx) => {
  oneSource(v, ctx);
  if (v.gpus_per_proc !== undefined && v.gpus_per_node !== undefined) ctx.addIssue({ code: 'custom', path: ['gpus_per_node'], message: 'expected gpus_per_proc or gpus_per_node, not both' });
});

const telemetrySchema = z.strictObject({
  ...source,
  /** Between samples: `linear` (default) or `step` (each sample held until the next). */
  interpolation: z.enum(['linear', 'step']).optional(),
  time_scale: positive('dimensionless').optional(),
  /** Run time of the CSV's t = 0 (default 0). */
  start_at: nonNegative('time').optional(),
  /** Column → rack id for node columns (several nodes may share a rack); a column that is a rack id needs no entry. */
  nodes: z.record(z.string().min(1).max(64), id()).optional(),
  /** Column → job id: that job's GPU utilisation follows the column instead of its `utilisation`. */
  jobs: z.record(z.string().min(1).max(64), id()).optional(),
}).superRefine(oneSource);

export const workloadSchema = z.strictObject({
  jobs: z.array(jobSchema).max(100_000).optional(),
  arrivals: z.array(arrivalSchema).max(100).optional(),
  swf: swfSchema.optional(),
  telemetry: telemetrySchema.optional(),
  /** Tokens per GPU-second by job kind (defaults documented in docs/scenario-format.md). */
  tokens_per_gpu_s: z.strictObject({ training: z.number().min(0).optional(), inference: z.number().min(0).optional(), batch: z.number().min(0).optional() }).optional(),
  /** GPU power share while a training job writes a checkpoint (GPUs wait on storage). */
  checkpoint_utilisation: fraction().optional(),
});

export type JobKind = z.output<typeof jobKind>;
export type JobSpec = z.output<typeof jobSchema>;
export type ArrivalSpec = z.output<typeof arrivalSchema>;
export type SwfSpec = z.output<typeof swfSchema>;
export type TelemetrySpec = z.output<typeof telemetrySchema>;
export type ComponentsSpec = z.output<typeof componentsSchema>;
