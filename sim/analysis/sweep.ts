/**
 * The N-1 sweep: "which single failure hurts most?" Every failable infrastructure unit (each CDU and each
 * of its pumps, CRAH, chiller, free cooler, and the power chain's utilities, generators, buses, UPS (whole
 * and each module), distribution elements and each path of each feed) fails in turn at `at`, in a
 * transient run of the whole coupled model — not a table lookup — repaired after `repair` seconds (or its
 * class's MTTR from the scenario's reliability entries, else never). The sweep starts from the healthy
 * design: the file's scripted events and random failures are left out unless `keepEvents`. Cases are
 * sorted by severity: racks tripped, racks that lost power, racks throttled, GPU-hours lost, then the
 * sooner a limit is reached and the hotter the worst rack coolant. Racks are IT, not infrastructure, and are not swept.
 *
 * Interchangeable units share one run (symmetry.ts: the same pump of identical row CDUs, the A-side
 * busway of identical rows); every unit still gets its case, naming the unit whose run it shares in
 * `represented_by`. Runs are independent: `planSweep` lists them, `runSweepCase` runs one (a fresh
 * compile each: a model is one run's state), `assembleSweep` makes the result — so a host may spread the
 * runs over threads (the CLI does) and get the same result, bit for bit, as `sweep` gets in one.
 */
import type { Scenario } from '../scenario/schema';
import { compileModel } from '../model/model';
import { Simulation, ScenarioError } from '../run/simulation';
import { buildReport } from '../run/report';
import { interchangeable } from './symmetry';

export interface SweepOptions {
  /** When each unit fails, s (default: a tenth into the run). */
  at?: number;
  /** Repair after this long, s (default: the class's MTTR from `reliability`, else never). */
  repair?: number;
  /** End of each run, s (default: the scenario's duration). */
  until?: number;
  /** Keep the file's scripted events and random failures (default: the healthy design only; then no unit shares a run). */
  keepEvents?: boolean;
  /** Let interchangeable units share one run (default true). */
  group?: boolean;
  /** Called after each run (progress). */
  onRun?: (done: number, total: number) => void;
}

export interface SweepCase {
  failed: string;
  kind: string;
  /** From the failure to the first limit crossed (throttle, trip, ASHRAE class, supply), s; null if none. */
  time_to_first_limit_s: number | null;
  first_limit: string | null;
  racks_throttled: number;
  racks_tripped: number;
  /** Racks that lost both cords (or their only one) at or after the failure: down, though not tripped. */
  racks_lost_power: number;
  gpu_hours_lost: number;
  /** Tokens the healthy run produced and this one did not. */
  tokens_lost: number;
  /** At the end: every rack back at full power and every limit that was crossed clear again. */
  recovered: boolean;
  worst: { rack_coolant_c: number | null; rack_inlet_c: number; fws_supply_c: number };
  /** The unit whose run this case shares (interchangeable with it), or null: the case ran on its own. */
  represented_by: string | null;
}

export interface SweepResult {
  scenario: string;
  at_s: number;
  repair_s: number | null;
  duration_s: number;
  /** Transient runs made for the cases (interchangeable units share one), besides the healthy baseline. */
  runs: number;
  baseline: { racks_throttled: number; racks_tripped: number; tokens: number; peak_rack_coolant_c: number | null };
  cases: SweepCase[];
}

/** One run of the sweep: unit `index` of `model.failable` fails at `at`, repaired at `repairAt`. */
export interface SweepRun { index: number; at: number; repairAt?: number | undefined }

/** What the sweep keeps of one run (plain data: it crosses threads). */
export interface RunOutcome {
  /** First crossing time of each limit kind, s. */
  crossings: [string, number][];
  racks_throttled: number;
  racks_tripped: number;
  racks_lost_power: number;
  gpu_hours_lost: number;
  tokens: number;
  peak_rack_coolant_c: number | null;
  peak_rack_inlet_c: number;
  peak_fws_supply_c: number;
  recovered: boolean;
}

/** The runs a sweep needs and the case each unit gets. */
export interface SweepPlan {
  /** The scenario every run compiles (the healthy design unless keepEvents). */
  base: Scenario;
  until: number | undefined;
  at: number;
  end: number;
  runs: SweepRun[];
  /** Per swept unit, in model order: its id and class, and the run (index in `runs`) it reads. */
  cases: { failed: string; kind: string; run: number }[];
}

/** Units an N-1 sweep fails: infrastructure, not IT. */
const SWEPT = (cls: string) => cls !== 'rack';

/** The scenario every run of a sweep compiles: the healthy design (no events, no random failures) unless keepEvents. */
export function sweptScenario(scenario: Scenario, opts: Pick<SweepOptions, 'keepEvents'> = {}): Scenario {
  return opts.keepEvents ? scenario : { ...scenario, events: [], reliability: [] };
}

function compile(scenario: Scenario, until: number | undefined) {
  const compiled = compileModel(scenario, { until });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  return compiled.model;
}

/**
 * When a swept unit failed at `at` is repaired: after `repair` when stated, else after the MTTR that
 * `reliability` gives its id or its class, else never (undefined). The sweep and a case opened on its own agree.
 */
export function sweepRepairAt(scenario: Scenario, unit: { id: string; cls: string }, at: number, repair: number | null | undefined): number | undefined {
  const mttr = new Map((scenario.reliability ?? []).map((r) => [r.target, r.mttr] as const));
  const after = repair ?? mttr.get(unit.id) ?? mttr.get(unit.cls);
  return after === undefined ? undefined : at + after;
}

export function planSweep(scenario: Scenario, opts: SweepOptions = {}): SweepPlan {
  const keepEvents = opts.keepEvents ?? false;
  const base = sweptScenario(scenario, { keepEvents });
  const model = compile(base, opts.until);
  const end = model.end;
  const at = opts.at ?? end / 10;
  const units = model.failable.map((u, index) => ({ u, index })).filter(({ u }) => SWEPT(u.cls));
  const repairAt = units.map(({ u }) => sweepRepairAt(scenario, u, at, opts.repair));
  let shares = units.map((_, k) => k);
  if ((opts.group ?? true) && !keepEvents) {
    // Jobs are placed when a run starts: a second compile, started, says where (the first stays unrun).
    const placed = compile(base, opts.until);
    new Simulation(placed);
    const rackJobs = placed.workload ? placed.workload.rackJobs() : placed.plant.racks.ids.map(() => '');
    shares = interchangeable(model, units.map((x) => x.index), (k) => `${repairAt[k]}`, rackJobs);
  }
  const runs: SweepRun[] = [];
  const runOf = new Map<number, number>();
  const cases = units.map(({ u }, k) => {
    const rep = shares[k]!;
    if (!runOf.has(rep)) { runOf.set(rep, runs.length); runs.push({ index: units[rep]!.index, at, repairAt: repairAt[rep] }); }
    return { failed: u.id, kind: u.cls, run: runOf.get(rep)! };
  });
  return { base, until: opts.until, at, end, runs, cases };
}

/** One run of a plan: `run` injected into a fresh compile of the plan's scenario, or the healthy baseline (null). */
export function runSweepCase(plan: Pick<SweepPlan, 'base' | 'until'>, run: SweepRun | null): RunOutcome {
  const sim = new Simulation(compile(plan.base, plan.until), run ? { inject: [run] } : {});
  sim.runTo(sim.end);
  const rep = buildReport(sim);
  const final = Object.values(rep.final).filter((f) => f['kind'] === 'rack' || f['kind'] === 'immersion_tank');
  return {
    crossings: Object.entries(rep.time_to_limit).map(([kind, c]) => [kind, c.t_s]),
    racks_throttled: rep.kpis.racks_throttled,
    racks_tripped: rep.kpis.racks_tripped,
    racks_lost_power: new Set(rep.alarms.filter((a) => a.kind === 'rack_power_loss' && a.t_s + 1e-9 >= (run?.at ?? 0)).map((a) => a.component)).size,
    gpu_hours_lost: rep.kpis.gpu_hours_lost,
    tokens: rep.kpis.tokens,
    peak_rack_coolant_c: rep.kpis.peak_rack_coolant_c,
    peak_rack_inlet_c: rep.kpis.peak_rack_inlet_c,
    peak_fws_supply_c: rep.kpis.peak_fws_supply_c,
    recovered: final.every((f) => f['state'] === 'normal'),
  };
}

/** The sweep's result from its plan, the baseline's outcome and each run's (in `plan.runs` order). */
export function assembleSweep(scenario: Scenario, plan: SweepPlan, baseline: RunOutcome, outcomes: readonly RunOutcome[], repair: number | undefined): SweepResult {
  const { at } = plan;
  const ranBy = new Map<number, string>();
  const cases: SweepCase[] = plan.cases.map((c) => {
    const o = outcomes[c.run]!;
    const by = ranBy.get(c.run);
    if (by === undefined) ranBy.set(c.run, c.failed);
    let first: [string, number] | null = null;
    for (const [kind, t] of o.crossings) {
      if (t + 1e-9 < at) continue; // crossed before the failure: the design's, not this case's
      if (!first || t < first[1]) first = [kind, t];
    }
    return {
      failed: c.failed,
      kind: c.kind,
      time_to_first_limit_s: first ? Math.round((first[1] - at) * 1000) / 1000 : null,
      first_limit: first ? first[0] : null,
      racks_throttled: o.racks_throttled,
      racks_tripped: o.racks_tripped,
      racks_lost_power: o.racks_lost_power,
      gpu_hours_lost: o.gpu_hours_lost,
      tokens_lost: Math.max(0, baseline.tokens - o.tokens),
      recovered: o.recovered,
      worst: { rack_coolant_c: o.peak_rack_coolant_c, rack_inlet_c: o.peak_rack_inlet_c, fws_supply_c: o.peak_fws_supply_c },
      represented_by: by ?? null,
    };
  });
  cases.sort((a, b) =>
    b.racks_tripped - a.racks_tripped || b.racks_lost_power - a.racks_lost_power || b.racks_throttled - a.racks_throttled || b.gpu_hours_lost - a.gpu_hours_lost ||
    (a.time_to_first_limit_s ?? Infinity) - (b.time_to_first_limit_s ?? Infinity) ||
    (b.worst.rack_coolant_c ?? -Infinity) - (a.worst.rack_coolant_c ?? -Infinity) || a.failed.localeCompare(b.failed));
  return {
    scenario: scenario.name, at_s: at, repair_s: repair ?? null, duration_s: plan.end, runs: plan.runs.length,
    baseline: { racks_throttled: baseline.racks_throttled, racks_tripped: baseline.racks_tripped, tokens: baseline.tokens, peak_rack_coolant_c: baseline.peak_rack_coolant_c },
    cases,
  };
}

/** The whole sweep in this thread, run by run. */
export function sweep(scenario: Scenario, opts: SweepOptions = {}): SweepResult {
  const plan = planSweep(scenario, opts);
  const baseline = runSweepCase(plan, null);
  const outcomes = plan.runs.map((r, k) => {
    const o = runSweepCase(plan, r);
    opts.onRun?.(k + 1, plan.runs.length);
    return o;
  });
  return assembleSweep(scenario, plan, baseline, outcomes, opts.repair);
}
