/**
 * "Did this design change cost us ride-through?" Two scenarios, each run as `dctwin run` would run it
 * (same seed and end time when the caller overrides them), compared: the KPIs side by side with their
 * differences (kpiCompare.ts), each run's limits verdict, and what differs between the two files
 * (scenarioDiff.ts). The result is plain data: the CLI prints it or writes it as JSON.
 */
import type { Model } from '../model/model';
import { Simulation } from '../run/simulation';
import { buildReport, type Report, type Violation } from '../run/report';
import { compareKpis, type KpiComparison } from './kpiCompare';
import { diffScenarios, type Difference, type ScenarioSide } from './scenarioDiff';

export interface CompareInput extends ScenarioSide {
  /** As the user named it (a path or a built-in model's name). */
  file: string;
  /** Compiled for this run (one compile serves validation and the run). */
  model: Model;
}

export interface CompareSide {
  file: string;
  name: string;
  seed: number;
  duration_s: number;
  kpis: Report['kpis'];
  violations: Violation[];
}

export interface CompareResult {
  a: CompareSide;
  b: CompareSide;
  kpis: KpiComparison[];
  differences: Difference[];
}

function runToEnd(model: Model): Report {
  const sim = new Simulation(model);
  sim.runTo(sim.end);
  return buildReport(sim);
}

const side = (file: string, r: Report): CompareSide =>
  ({ file, name: r.scenario, seed: r.seed, duration_s: r.duration_s, kpis: r.kpis, violations: r.violations });

/** Run both and compare. `onRun(i)` is called before run i (0: A, 1: B), for progress. */
export function compareScenarios(a: CompareInput, b: CompareInput, onRun?: (i: 0 | 1) => void): CompareResult {
  onRun?.(0);
  const ra = runToEnd(a.model);
  onRun?.(1);
  const rb = runToEnd(b.model);
  return { a: side(a.file, ra), b: side(b.file, rb), kpis: compareKpis(ra, rb), differences: diffScenarios(a, b) };
}
