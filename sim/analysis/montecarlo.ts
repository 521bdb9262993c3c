/**
 * Monte Carlo availability: replicates of a simulated year, each drawing its units' failure and repair
 * times from the scenario's `reliability` MTBF/MTTR on streams seeded by the replicate (docs/availability.md).
 *
 * - Replicate i's failure streams take the seed `replicateSeed(study seed, i)`, a function of the index
 *   alone; the workload, weather and scripted events keep the study seed in every replicate. So a
 *   replicate is the same whichever thread, shard or machine runs it, and two designs run with the same
 *   replicate seeds draw the same history for every unit id they share (paired replicates: common random
 *   numbers, the difference's interval is narrower than either design's).
 * - Every number comes from the run's totals (energies, `Simulation.service`, the workload's accounts),
 *   none from the alarm list. The reference (what the load demanded) is one run of the same year with
 *   nothing failing at random.
 * - A result is assembled from the replicates in index order whatever produced them: one thread, many,
 *   or shards merged from partial files give the same bits.
 */
import type { Scenario } from '../scenario/schema';
import { Simulation } from '../run/simulation';
import { compileModel } from '../model/model';
import { ScenarioError } from '../run/simulation';
import { Rng } from '../kernel/rng';
import { meanSummary, proportionSummary, type MeanSummary, type ProportionSummary } from './stats';

/** Default replicate length: one year of 365 days. */
export const YEAR_S = 365 * 86_400;
/** Most replicates a study may ask for (each is a simulated year: a million is ~a CPU-day already). */
export const MAX_REPLICATES = 1_000_000;

export interface MonteCarloOptions {
  /** Replicates (simulated years, or `until` each). */
  years: number;
  /** Length of each replicate, s (default: 365 days, whatever the file's duration). */
  until?: number | undefined;
  /** Study seed (default: the first design's `seed`, else 1). */
  seed?: number | undefined;
}

/** What identifies a study: partial results of different studies must not be merged. */
export interface StudyKey {
  /** Each design's name, content hash and the limits it states (the merge needs no scenario file). */
  designs: { scenario: string; hash: string; limits: LimitName[] }[];
  replicates: number;
  replicate_s: number;
  seed: number;
}

/** One run's totals (raw SI numbers, never rounded, so a partial file round-trips exactly). */
export interface ReplicateOutcome {
  it_j: number;
  gpu_s_lost: number;
  tokens: number;
  racks_tripped: number;
  racks_down: number;
  any_down_s: number;
  failures: number;
  above_s: Record<LimitName, number>;
}

export type LimitName = 'max_rack_inlet' | 'max_rack_coolant' | 'max_tcs_supply' | 'max_fws_supply';
const LIMITS: readonly LimitName[] = ['max_rack_inlet', 'max_rack_coolant', 'max_tcs_supply', 'max_fws_supply'];

export interface DesignMetrics {
  /** IT energy served / IT energy the reference year drew. */
  it_availability: MeanSummary;
  /** GPU-hours lost against the reference year (the workload's account; without one, racks down or capped). */
  gpu_hours_lost: MeanSummary;
  tokens_lost: MeanSummary;
  /** Hours with at least one rack down (trip, failure, or no power). */
  rack_down_hours: MeanSummary;
  /** Random failures per replicate. */
  failures: MeanSummary;
  /** Hours above each limit the scenario states. */
  hours_above: Partial<Record<LimitName, MeanSummary>>;
  /** Replicates with at least one thermal rack trip. */
  p_rack_trip: ProportionSummary;
  /** Replicates with at least one rack down for any reason. */
  p_rack_down: ProportionSummary;
  /** Replicates spending any time above a stated limit. */
  p_limit_exceeded: ProportionSummary;
}

export interface MonteCarloResult {
  replicates: number;
  replicate_s: number;
  seed: number;
  designs: { scenario: string; hash: string; reference: { it_energy_kwh: number; gpu_hours_lost: number; tokens: number }; metrics: DesignMetrics }[];
  /** Paired differences B − A, replicate by replicate (two designs only). */
  difference: Record<string, MeanSummary> | null;
}

export interface MonteCarloPartial {
  format: 'dctwin-montecarlo-partial';
  version: 1;
  study: StudyKey;
  shard: { index: number; count: number };
  /** Each design's reference run (every shard makes it; the merge checks they agree). */
  reference: ReplicateOutcome[];
  /** Replicate index → one outcome per design. */
  replicates: { index: number; outcomes: ReplicateOutcome[] }[];
}

/** The seed of replicate i's failure streams: a function of the study seed and the index alone. */
export function replicateSeed(seed: number, index: number): number {
  return new Rng(seed, `montecarlo:${index}`).nextUint32();
}

/** Shard i of n (0-based) takes replicates [from, to): contiguous, sizes differing by at most one. */
export function shardRange(replicates: number, index: number, count: number): [number, number] {
  return [Math.floor((index * replicates) / count), Math.floor(((index + 1) * replicates) / count)];
}

/** FNV-1a, twice (two offsets) for 64 bits, over the scenario as parsed: same content, same hash. */
export function scenarioHash(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function studyKey(designs: readonly Scenario[], opts: MonteCarloOptions): StudyKey {
  if (designs.length < 1 || designs.length > 2) throw new RangeError('a study has one design, or two to compare');
  if (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > MAX_REPLICATES) throw new RangeError(`years: expected an integer 1 … ${MAX_REPLICATES}`);
  designs.forEach((s, i) => {
    if (!s.reliability?.length) throw new ScenarioError([{ path: `${designs.length > 1 ? `${'AB'[i]}: ` : ''}reliability`, message: 'nothing fails at random: a Monte Carlo study needs reliability entries (MTBF/MTTR per class or unit)' }]);
  });
  return {
    designs: designs.map((s) => ({ scenario: s.name, hash: scenarioHash(s), limits: LIMITS.filter((l) => s.limits?.[l] !== undefined) })),
    replicates: opts.years,
    replicate_s: opts.until ?? YEAR_S,
    seed: opts.seed ?? designs[0]!.seed ?? 1,
  };
}

/** The scenario with nothing failing at random: the reference year. */
function withoutReliability(scenario: Scenario): Scenario {
  const { reliability: _, ...rest } = scenario;
  return rest;
}

/** One run: replicate `index` of a design, or (null) its reference year. */
export function runReplicate(scenario: Scenario, key: Pick<StudyKey, 'seed' | 'replicate_s'>, index: number | null): ReplicateOutcome {
  const compiled = compileModel(index === null ? withoutReliability(scenario) : scenario, { seed: key.seed, until: key.replicate_s });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  const sim = new Simulation(compiled.model, index === null ? {} : { reliabilitySeed: replicateSeed(key.seed, index) });
  sim.runTo(sim.end);
  const { racks } = sim.plant, sv = sim.service, wl = sim.workload;
  let tripped = 0;
  for (let r = 0; r < racks.n; r++) tripped += racks.everTripped[r]!;
  return {
    it_j: sim.acc.it,
    gpu_s_lost: wl ? wl.acc.gpuSecondsLost : sv.gpuSecondsDown + sv.gpuSecondsCapped,
    tokens: wl ? wl.acc.tokens : 0,
    racks_tripped: tripped,
    racks_down: sv.racksEverDown,
    any_down_s: sv.anyRackDownS,
    failures: sv.failures,
    above_s: { ...sv.above },
  };
}

/** Replicates [from, to) of every design: outcomes[k][d]. */
export function runReplicates(designs: readonly Scenario[], key: Pick<StudyKey, 'seed' | 'replicate_s'>, from: number, to: number): ReplicateOutcome[][] {
  const out: ReplicateOutcome[][] = [];
  for (let i = from; i < to; i++) out.push(designs.map((s) => runReplicate(s, key, i)));
  return out;
}

/** Per-replicate metrics of one design, in replicate order (the browser draws their distributions). */
export function metricValues(stated: readonly LimitName[], ref: ReplicateOutcome, reps: readonly ReplicateOutcome[]) {
  if (!(ref.it_j > 0)) throw new ScenarioError([{ path: 'hall', message: 'the reference year draws no IT energy: availability of the IT load is undefined' }]);
  return {
    it_availability: reps.map((o) => o.it_j / ref.it_j),
    gpu_hours_lost: reps.map((o) => (o.gpu_s_lost - ref.gpu_s_lost) / 3600),
    tokens_lost: reps.map((o) => ref.tokens - o.tokens),
    rack_down_hours: reps.map((o) => o.any_down_s / 3600),
    failures: reps.map((o) => o.failures),
    hours_above: Object.fromEntries(stated.map((l) => [l, reps.map((o) => o.above_s[l] / 3600)])) as Partial<Record<LimitName, number[]>>,
    p_rack_trip: reps.map((o) => o.racks_tripped > 0),
    p_rack_down: reps.map((o) => o.racks_down > 0),
    p_limit_exceeded: reps.map((o) => stated.some((l) => o.above_s[l] > 0)),
  };
}

/**
 * The study's result from its reference runs and every replicate's outcomes (outcomes[i][d]: replicate i,
 * design d, in index order): the one function behind a single process, threads, and a merge of shards.
 */
export function assembleMonteCarlo(key: StudyKey, reference: readonly ReplicateOutcome[], outcomes: readonly (readonly ReplicateOutcome[])[]): MonteCarloResult {
  if (outcomes.length !== key.replicates) throw new RangeError(`expected ${key.replicates} replicates, got ${outcomes.length}`);
  const designs = key.designs;
  const values = designs.map((s, d) => metricValues(s.limits, reference[d]!, outcomes.map((o) => o[d]!)));
  // Each measure's physical range (where its interval may lie) and its own bootstrap stream: the
  // bootstrap runs on all replicates in index order, so threads and merged shards give the same bits.
  const hours = key.replicate_s / 3600;
  const mean = (x: readonly number[], range: readonly [number, number], stream: string) => meanSummary(x, { range, seed: key.seed, stream: `bootstrap:${stream}` });
  const result: MonteCarloResult = {
    replicates: key.replicates,
    replicate_s: key.replicate_s,
    seed: key.seed,
    designs: designs.map((s, d) => {
      const v = values[d]!, ref = reference[d]!;
      return {
        scenario: s.scenario,
        hash: s.hash,
        reference: { it_energy_kwh: ref.it_j / 3.6e6, gpu_hours_lost: ref.gpu_s_lost / 3600, tokens: ref.tokens },
        metrics: {
          it_availability: mean(v.it_availability, [0, 1], `${d}:it_availability`),
          gpu_hours_lost: mean(v.gpu_hours_lost, [0, Infinity], `${d}:gpu_hours_lost`),
          tokens_lost: mean(v.tokens_lost, [0, Infinity], `${d}:tokens_lost`),
          rack_down_hours: mean(v.rack_down_hours, [0, hours], `${d}:rack_down_hours`),
          failures: mean(v.failures, [0, Infinity], `${d}:failures`),
          hours_above: Object.fromEntries(Object.entries(v.hours_above).map(([l, x]) => [l, mean(x, [0, hours], `${d}:hours_above.${l}`)])),
          p_rack_trip: proportionSummary(v.p_rack_trip),
          p_rack_down: proportionSummary(v.p_rack_down),
          p_limit_exceeded: proportionSummary(v.p_limit_exceeded),
        },
      };
    }),
    difference: null,
  };
  if (designs.length === 2) {
    const [a, b] = values as [ReturnType<typeof metricValues>, ReturnType<typeof metricValues>];
    // Differences of bounded measures are bounded too: availability and 0/1 outcomes in [−1, 1], hours in [−T, T].
    const diff = (name: string, x: readonly number[], y: readonly number[], bound = Infinity) => mean(y.map((v, i) => v - x[i]!), [-bound, bound], `difference:${name}`);
    const ind = (name: string, x: readonly boolean[], y: readonly boolean[]) => mean(y.map((v, i) => Number(v) - Number(x[i]!)), [-1, 1], `difference:${name}`);
    result.difference = {
      it_availability: diff('it_availability', a.it_availability, b.it_availability, 1),
      gpu_hours_lost: diff('gpu_hours_lost', a.gpu_hours_lost, b.gpu_hours_lost),
      tokens_lost: diff('tokens_lost', a.tokens_lost, b.tokens_lost),
      rack_down_hours: diff('rack_down_hours', a.rack_down_hours, b.rack_down_hours, hours),
      p_rack_trip: ind('p_rack_trip', a.p_rack_trip, b.p_rack_trip),
      p_rack_down: ind('p_rack_down', a.p_rack_down, b.p_rack_down),
      p_limit_exceeded: ind('p_limit_exceeded', a.p_limit_exceeded, b.p_limit_exceeded),
    };
    for (const l of LIMITS) {
      const x = a.hours_above[l], y = b.hours_above[l];
      if (x && y) result.difference[`hours_above.${l}`] = diff(`hours_above.${l}`, x, y, hours);
    }
  }
  return result;
}

/** A whole study in this thread (the API's entry; the CLI spreads the replicates over threads). */
export function monteCarlo(designs: readonly Scenario[], opts: MonteCarloOptions, onReplicate?: (done: number, total: number) => void): MonteCarloResult {
  const key = studyKey(designs, opts);
  const reference = designs.map((s) => runReplicate(s, key, null));
  const outcomes: ReplicateOutcome[][] = [];
  for (let i = 0; i < key.replicates; i++) { outcomes.push(runReplicates(designs, key, i, i + 1)[0]!); onReplicate?.(i + 1, key.replicates); }
  return assembleMonteCarlo(key, reference, outcomes);
}

/** Every field of an outcome present and finite: a damaged part must not turn into NaN in a result. */
function isOutcome(o: unknown): boolean {
  const x = o as Partial<ReplicateOutcome> | null;
  if (x === null || typeof x !== 'object' || x.above_s === null || typeof x.above_s !== 'object') return false;
  const nums = [x.it_j, x.gpu_s_lost, x.tokens, x.racks_tripped, x.racks_down, x.any_down_s, x.failures, ...LIMITS.map((l) => x.above_s![l])];
  return nums.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Combine partial results into the study's result: every shard of one study (same designs, replicates,
 * length and seed), each replicate exactly once, the reference runs identical. Errors name the part.
 */
export function mergePartials(parts: readonly { name: string; partial: MonteCarloPartial }[]): MonteCarloResult {
  if (!parts.length) throw new Error('merge: no partial results given');
  const first = parts[0]!;
  if (first.partial?.format !== 'dctwin-montecarlo-partial') throw new Error(`${first.name}: not a dctwin Monte Carlo partial result`);
  const key = first.partial.study;
  if (!Number.isInteger(key?.replicates) || key.replicates < 1 || key.replicates > MAX_REPLICATES || !Array.isArray(key.designs) || !Array.isArray(first.partial.reference) || first.partial.reference.length !== key.designs.length || !first.partial.reference.every(isOutcome))
    throw new Error(`${first.name}: the study or its reference runs are damaged`);
  const keyText = JSON.stringify(key), refText = JSON.stringify(first.partial.reference);
  const outcomes: (ReplicateOutcome[] | undefined)[] = new Array(key.replicates);
  for (const { name, partial } of parts) {
    if (partial.format !== 'dctwin-montecarlo-partial' || partial.version !== 1) throw new Error(`${name}: not a dctwin Monte Carlo partial result (format ${JSON.stringify(partial.format)}, version ${JSON.stringify(partial.version)})`);
    if (JSON.stringify(partial.study) !== keyText) throw new Error(`${name}: belongs to another study than ${first.name} (designs, replicates, length or seed differ)`);
    if (JSON.stringify(partial.reference) !== refText) throw new Error(`${name}: its reference run differs from ${first.name}'s (another engine version?)`);
    if (!Array.isArray(partial.replicates)) throw new Error(`${name}: no replicates list (a damaged file?)`);
    for (const r of partial.replicates) {
      if (!Number.isInteger(r.index) || r.index < 0 || r.index >= key.replicates) throw new Error(`${name}: replicate index ${r.index} outside 0 … ${key.replicates - 1}`);
      if (outcomes[r.index]) throw new Error(`${name}: replicate ${r.index} is also in another part (a shard given twice?)`);
      if (!Array.isArray(r.outcomes) || r.outcomes.length !== key.designs.length || !r.outcomes.every(isOutcome)) throw new Error(`${name}: replicate ${r.index} is not a complete outcome of ${key.designs.length} design(s) (a damaged file?)`);
      outcomes[r.index] = r.outcomes;
    }
  }
  const missing: number[] = [];
  for (let i = 0; i < key.replicates && missing.length < 5; i++) if (!outcomes[i]) missing.push(i);
  if (missing.length) throw new Error(`merge: replicates missing (${missing.join(', ')}${missing.length === 5 ? ', …' : ''}): a shard was not given or did not finish; shards are ${first.partial.shard.count}`);
  return assembleMonteCarlo(key, first.partial.reference, outcomes as ReplicateOutcome[][]);
}
