/**
 * Training drills (docs/drills.md): the scenario is the incident, `drill` adds narration and decision
 * points. A trainee's answers become events at each decision's time, and the run is simulated again from
 * the start — the engine is deterministic, so everything before the first decision is identical to what
 * the trainee watched, and the consequence follows from that moment. The answer is scored against doing
 * nothing and against the author's best answer on the same three measures: GPU-hours lost, limits kept,
 * and time back to normal (every rack in service at full power, to the end of the run).
 */
import type { Scenario, DrillSpec } from '../scenario/schema';
import { ScenarioError } from '../run/simulation';
import { compileModel } from '../model/model';
import { NOTHING, actionEvent } from '../model/drill';
import { Simulation } from '../run/simulation';
import { buildReport, type Report } from '../run/report';
import type { FrameData } from '../run/frames';

export { NOTHING };

/** Decision id → option id ("nothing" or one of the decision's options). */
export type DrillAnswers = Record<string, string>;

/** What one way of playing the drill led to. */
export interface DrillOutcome {
  answers: DrillAnswers;
  gpu_hours_lost: number;
  tokens: number;
  racks_throttled: number;
  racks_tripped: number;
  /** Stated limits (`limits`) the run broke, by name. */
  violations: string[];
  peak_rack_coolant_c: number | null;
  peak_rack_inlet_c: number;
  /**
   * Seconds from the first decision until every rack is in service at full power for the rest of the run
   * (0: it already was and stayed so); null: not by the end. Read from frames every `resolution_s`.
   */
  back_to_normal_s: number | null;
  resolution_s: number;
}

export interface DrillScorePart { points: number; of: number }

export interface DrillScore {
  /** Out of 100. */
  total: number;
  gpu_hours: DrillScorePart;
  limits: DrillScorePart;
  back_to_normal: DrillScorePart;
  /** GPU-hours the answer saved against doing nothing (negative: it cost some). */
  gpu_hours_saved: number;
}

export interface DrillDecisionResult {
  id: string;
  at_s: number;
  question: string;
  chosen: string;
  chosen_label: string;
  best: string;
  best_label: string;
  /** The chosen option's feedback, when the author wrote one. */
  feedback: string | null;
  /** The author's explanation of the best answer (the instructor's view). */
  explain: string | null;
}

export interface DrillResult {
  title: string;
  scenario: string;
  seed: number;
  answer: DrillOutcome;
  nothing: DrillOutcome;
  best: DrillOutcome;
  score: DrillScore;
  /** Doing nothing's own score (the floor a trainee should beat). */
  nothing_score: DrillScore;
  decisions: DrillDecisionResult[];
}

export interface DrillRunOptions { seed?: number }

const WEIGHTS = { gpu_hours: 60, limits: 25, back_to_normal: 15 };
const LABEL_NOTHING = 'Do nothing';

function drillOf(s: Scenario): DrillSpec {
  if (!s.drill) throw new ScenarioError([{ path: 'drill', message: 'this scenario is not a drill: it has no "drill" section' }]);
  return s.drill;
}

/** The author's best answer to every decision. */
export function bestAnswers(s: Scenario): DrillAnswers {
  return Object.fromEntries(drillOf(s).decisions.map((d) => [d.id, d.best]));
}

/** Doing nothing at every decision. */
export function nothingAnswers(s: Scenario): DrillAnswers {
  return Object.fromEntries(drillOf(s).decisions.map((d) => [d.id, NOTHING]));
}

/**
 * Answers checked against the drill: each key a decision id, each value one of its options or "nothing";
 * a decision left out is answered "nothing". Throws ScenarioError naming the bad answer and what it could be.
 */
export function checkAnswers(s: Scenario, answers: DrillAnswers): DrillAnswers {
  const d = drillOf(s);
  const out: DrillAnswers = {};
  for (const key of Object.keys(answers)) {
    if (!d.decisions.some((x) => x.id === key)) throw new ScenarioError([{ path: `answer ${key}`, message: `expected a decision id of this drill (${d.decisions.map((x) => x.id).join(', ')}), found "${key}"` }]);
  }
  for (const dec of d.decisions) {
    const a = answers[dec.id] ?? NOTHING;
    if (a !== NOTHING && !dec.options.some((o) => o.id === a)) {
      throw new ScenarioError([{ path: `answer ${dec.id}`, message: `expected one of ${[...dec.options.map((o) => o.id), NOTHING].join(', ')}, found "${a}"` }]);
    }
    out[dec.id] = a;
  }
  return out;
}

/**
 * The scenario as played with these answers: the chosen options' actions join its events (after the
 * file's own events at the same instant). Decisions answered "nothing" add nothing.
 */
export function drillScenario(s: Scenario, answers: DrillAnswers): Scenario {
  const d = drillOf(s);
  const checked = checkAnswers(s, answers);
  const extra = d.decisions.flatMap((dec) => {
    const o = dec.options.find((x) => x.id === checked[dec.id]);
    return (o?.actions ?? []).map((a) => actionEvent(dec.at, a));
  });
  return { ...s, events: [...(s.events ?? []), ...extra] };
}

/** Frames often enough to place "back to normal" within a few seconds: 1,800 over the run. */
export function drillFrameInterval(end: number): number {
  return end / 1800;
}

/**
 * Seconds from `from` until the hall is back to normal for good: the first frame time after the last frame
 * (at or after `from`) in which some rack was throttled, tripped, unpowered or failed. 0 when none was;
 * null when the last frame still had one.
 */
export function backToNormal(frames: FrameData, from: number): number | null {
  const n = frames.racks;
  let lastBad = -1;
  for (let i = 0; i < frames.count; i++) {
    if (frames.t[i]! < from - 1e-9) continue;
    const base = i * n;
    for (let r = 0; r < n; r++) if (frames.rackState[base + r] !== 0) { lastBad = i; break; }
  }
  if (lastBad < 0) return 0;
  if (lastBad === frames.count - 1) return null;
  return frames.t[lastBad + 1]! - from;
}

/** One play of the drill: its outcome, and the report and frames behind it (for a host to show). */
export function playDrill(s: Scenario, answers: DrillAnswers, opts: DrillRunOptions = {}): { outcome: DrillOutcome; report: Report; frames: FrameData } {
  const d = drillOf(s);
  const played = drillScenario(s, answers);
  const compiled = compileModel(played, { seed: opts.seed });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  const model = compiled.model;
  const sim = new Simulation(model, { frameInterval: drillFrameInterval(model.end) });
  sim.runTo(model.end);
  const report = buildReport(sim);
  const frames = sim.frames!.data;
  const k = report.kpis;
  const outcome: DrillOutcome = {
    answers: checkAnswers(s, answers),
    gpu_hours_lost: k.gpu_hours_lost,
    tokens: k.tokens,
    racks_throttled: k.racks_throttled,
    racks_tripped: k.racks_tripped,
    violations: report.violations.map((v) => v.limit),
    peak_rack_coolant_c: k.peak_rack_coolant_c,
    peak_rack_inlet_c: k.peak_rack_inlet_c,
    back_to_normal_s: backToNormal(frames, d.decisions[0]!.at),
    resolution_s: frames.interval,
  };
  return { outcome, report, frames };
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Share of the way from `worst` (doing nothing) to `best` (the author's answer) that `got` went, on a
 * lower-is-better measure: 1 at the best or better, 0 at doing nothing or worse. When the best answer does
 * no better than doing nothing on this measure, matching it (within `tol`) is full marks and doing worse is 0.
 */
export function progress(got: number, worst: number, best: number, tol: number): number {
  if (worst - best > tol) return clamp01((worst - got) / (worst - best));
  return got <= best + tol ? 1 : 0;
}

/** Score `a` against doing nothing (`n`) and the author's best (`b`) with the drill's weights. */
export function scoreOutcome(a: DrillOutcome, n: DrillOutcome, b: DrillOutcome, spec: DrillSpec, end: number, from: number): DrillScore {
  const w = { ...WEIGHTS, ...spec.scoring };
  const sum = w.gpu_hours + w.limits + w.back_to_normal;
  const scale = sum > 0 ? 100 / sum : 0;
  const gpuTol = Math.max(0.01, 1e-3 * Math.max(n.gpu_hours_lost, b.gpu_hours_lost));
  const gpu = progress(a.gpu_hours_lost, n.gpu_hours_lost, b.gpu_hours_lost, gpuTol);
  const extra = (o: DrillOutcome) => o.violations.filter((v) => !b.violations.includes(v)).length;
  const lim = clamp01(1 - extra(a) / Math.max(1, extra(n)));
  const never = end - from;
  const t = (o: DrillOutcome) => o.back_to_normal_s ?? never;
  const back = progress(t(a), t(n), t(b), a.resolution_s);
  const part = (x: number, weight: number): DrillScorePart => ({ points: Math.round(x * weight * scale * 10) / 10, of: Math.round(weight * scale * 10) / 10 });
  const p = { gpu_hours: part(gpu, w.gpu_hours), limits: part(lim, w.limits), back_to_normal: part(back, w.back_to_normal) };
  return {
    total: Math.round(p.gpu_hours.points + p.limits.points + p.back_to_normal.points),
    ...p,
    gpu_hours_saved: Math.round((n.gpu_hours_lost - a.gpu_hours_lost) * 1000) / 1000,
  };
}

/** Play the drill with `answers`, doing nothing, and the author's best answer; score the answers. */
export function runDrill(s: Scenario, answers: DrillAnswers, opts: DrillRunOptions = {}): DrillResult {
  const d = drillOf(s);
  const checked = checkAnswers(s, answers);
  const key = (x: DrillAnswers) => d.decisions.map((dec) => x[dec.id]).join('\u0000');
  const nothingA = nothingAnswers(s), bestA = bestAnswers(s);
  const cache = new Map<string, DrillOutcome>();
  let end = 0;
  const play = (x: DrillAnswers) => {
    const k = key(x);
    let o = cache.get(k);
    if (!o) {
      const r = playDrill(s, x, opts);
      end = r.report.duration_s;
      o = r.outcome;
      cache.set(k, o);
    }
    return o;
  };
  const nothing = play(nothingA), best = play(bestA), answer = play(checked);
  const from = d.decisions[0]!.at;
  const label = (dec: DrillSpec['decisions'][number], id: string) => (id === NOTHING ? LABEL_NOTHING : dec.options.find((o) => o.id === id)!.label);
  return {
    title: d.title,
    scenario: s.name,
    seed: opts.seed ?? s.seed ?? 1,
    answer, nothing, best,
    score: scoreOutcome(answer, nothing, best, d, end, from),
    nothing_score: scoreOutcome(nothing, nothing, best, d, end, from),
    decisions: d.decisions.map((dec) => ({
      id: dec.id,
      at_s: dec.at,
      question: dec.question,
      chosen: checked[dec.id]!,
      chosen_label: label(dec, checked[dec.id]!),
      best: dec.best,
      best_label: label(dec, dec.best),
      feedback: dec.options.find((o) => o.id === checked[dec.id])?.feedback ?? null,
      explain: dec.explain ?? null,
    })),
  };
}
