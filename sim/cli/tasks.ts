/**
 * What the CLI's worker threads can be asked to do (sim/cli/pool.ts): each task turns its set-up data
 * (plain, structured-clonable) into a function running one job.
 */
import { runSweepCase, type SweepPlan, type SweepRun } from '../analysis/sweep';
import { runReplicates, type StudyKey } from '../analysis/montecarlo';
import type { Scenario } from '../scenario/schema';
import type { TaskTable } from './pool';

export const TASKS = {
  /** One N-1 case: a run of the swept scenario with one unit failed. */
  sweep: (plan: Pick<SweepPlan, 'base' | 'until'>) => (run: SweepRun) => runSweepCase(plan, run),
  /** A range [from, to) of Monte Carlo replicates of every design. */
  montecarlo: (s: { designs: Scenario[]; key: StudyKey }) => ([from, to]: [number, number]) => runReplicates(s.designs, s.key, from, to),
} satisfies TaskTable;
