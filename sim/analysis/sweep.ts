/**
 * The N-1 sweep: "which single failure hurts most?" Every failable infrastructure unit (each CDU and each
 * of its pumps, CRAH, chiller, free cooler, and the power chain's utilities, generators, UPS modules and
 * distribution elements) fails in turn at `at`, in a transient run of the whole coupled model — not a
 * table lookup — repaired after `repair` seconds (or its class's MTTR from the scenario's reliability
 * entries, else never). The sweep starts from the healthy design: the file's scripted events and random
 * failures are left out unless `keepEvents`. Cases are sorted by severity: racks tripped, racks
 * throttled, GPU-hours lost, then the sooner a limit is reached and the hotter the worst rack coolant.
 *
 * One process, case by case (each a fresh compile: a model is one run's state). Racks are IT, not
 * infrastructure, and are not swept.
 */
import type { Scenario } from '../scenario/schema';
import { compileModel } from '../model/model';
import { Simulation, ScenarioError } from '../run/simulation';
import { buildReport, type Report } from '../run/report';

export interface SweepOptions {
  /** When each unit fails, s (default: a tenth into the run). */
  at?: number;
  /** Repair after this long, s (default: the class's MTTR from `reliability`, else never). */
  repair?: number;
  /** End of each run, s (default: the scenario's duration). */
  until?: number;
  /** Keep the file's scripted events and random failures (default: the healthy design only). */
  keepEvents?: boolean;
  /** Called after each case (progress). */
  onCase?: (done: number, total: number) => void;
}

export interface SweepCase {
  failed: string;
  kind: string;
  /** From the failure to the first limit crossed (throttle, trip, ASHRAE class, supply), s; null if none. */
  time_to_first_limit_s: number | null;
  first_limit: string | null;
  racks_throttled: number;
  racks_tripped: number;
  gpu_hours_lost: number;
  /** Tokens the healthy run produced and this one did not. */
  tokens_lost: number;
  /** At the end: every rack back at full power and every limit that was crossed clear again. */
  recovered: boolean;
  worst: { rack_coolant_c: number | null; rack_inlet_c: number; fws_supply_c: number };
}

export interface SweepResult {
  scenario: string;
  at_s: number;
  repair_s: number | null;
  duration_s: number;
  baseline: { racks_throttled: number; racks_tripped: number; tokens: number; peak_rack_coolant_c: number | null };
  cases: SweepCase[];
}

/** Units an N-1 sweep fails: infrastructure, not IT. */
const SWEPT = (cls: string) => cls !== 'rack';

function healthy(scenario: Scenario, keepEvents: boolean): Scenario {
  return keepEvents ? scenario : { ...scenario, events: [], reliability: [] };
}

function run(scenario: Scenario, until: number | undefined, inject?: { index: number; at: number; repairAt?: number | undefined }): Report {
  const compiled = compileModel(scenario, { until });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  const sim = new Simulation(compiled.model, inject ? { inject: [inject] } : {});
  sim.runTo(sim.end);
  return buildReport(sim);
}

export function sweep(scenario: Scenario, opts: SweepOptions = {}): SweepResult {
  const base = healthy(scenario, opts.keepEvents ?? false);
  const compiled = compileModel(base, { until: opts.until });
  if (!compiled.ok) throw new ScenarioError(compiled.errors);
  const model = compiled.model;
  const end = model.end;
  const at = opts.at ?? end / 10;
  const mttr = new Map((scenario.reliability ?? []).map((r) => [r.target, r.mttr] as const));
  const units = model.failable.map((u, index) => ({ u, index })).filter(({ u }) => SWEPT(u.cls));

  const baseline = run(base, opts.until);
  const cases: SweepCase[] = [];
  units.forEach(({ u, index }, k) => {
    const repairAfter = opts.repair ?? mttr.get(u.id) ?? mttr.get(u.cls);
    const rep = run(base, opts.until, { index, at, repairAt: repairAfter === undefined ? undefined : at + repairAfter });
    let first: [string, number] | null = null;
    for (const [kind, c] of Object.entries(rep.time_to_limit)) {
      if (c.t_s + 1e-9 < at) continue; // crossed before the failure: the design's, not this case's
      if (!first || c.t_s < first[1]) first = [kind, c.t_s];
    }
    const final = Object.values(rep.final).filter((f) => f['kind'] === 'rack' || f['kind'] === 'immersion_tank');
    cases.push({
      failed: u.id,
      kind: u.cls,
      time_to_first_limit_s: first ? Math.round((first[1] - at) * 1000) / 1000 : null,
      first_limit: first ? first[0] : null,
      racks_throttled: rep.kpis.racks_throttled,
      racks_tripped: rep.kpis.racks_tripped,
      gpu_hours_lost: rep.kpis.gpu_hours_lost,
      tokens_lost: Math.max(0, baseline.kpis.tokens - rep.kpis.tokens),
      recovered: final.every((f) => f['state'] === 'normal'),
      worst: { rack_coolant_c: rep.kpis.peak_rack_coolant_c, rack_inlet_c: rep.kpis.peak_rack_inlet_c, fws_supply_c: rep.kpis.peak_fws_supply_c },
    });
    opts.onCase?.(k + 1, units.length);
  });
  cases.sort((a, b) =>
    b.racks_tripped - a.racks_tripped || b.racks_throttled - a.racks_throttled || b.gpu_hours_lost - a.gpu_hours_lost ||
    (a.time_to_first_limit_s ?? Infinity) - (b.time_to_first_limit_s ?? Infinity) ||
    (b.worst.rack_coolant_c ?? -Infinity) - (a.worst.rack_coolant_c ?? -Infinity) || a.failed.localeCompare(b.failed));
  return {
    scenario: scenario.name, at_s: at, repair_s: opts.repair ?? null, duration_s: end,
    baseline: { racks_throttled: baseline.kpis.racks_throttled, racks_tripped: baseline.kpis.racks_tripped, tokens: baseline.kpis.tokens, peak_rack_coolant_c: baseline.kpis.peak_rack_coolant_c },
    cases,
  };
}
