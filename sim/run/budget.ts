/**
 * Every run has a stated budget, so no file — hostile or mistaken — can hang the engine or fill memory.
 * docs/limits.md lists these beside the file limits. Estimates made at load name the field that would
 * exceed them before anything runs; the run itself stops with a BudgetError if one is exceeded anyway.
 *
 * Sizes: a day of the 1,024-rack hall takes ~11,000 steps, a year of a 20-rack hall with random failures
 * ~565,000; 20 million steps is a ten-year study with room to spare and a few minutes at most of CPU.
 */
export const RUN_BUDGET = {
  /** Integration steps in one run (retaken steps count). */
  steps: 20_000_000,
  /** Discrete events processed in one run (scenario events, failures and repairs, jobs, restarts). */
  events: 5_000_000,
  /** Alarms in one run's log: beyond this the log is a symptom (a limit toggling), not information. */
  alarms: 100_000,
} as const;

export type RunBudget = { -readonly [K in keyof typeof RUN_BUDGET]: number };

/** A run went past its budget: what, how far it got, and the inputs most likely behind it. */
export class BudgetError extends Error {
  constructor(readonly what: keyof RunBudget, readonly limit: number, readonly t: number, readonly hint: string) {
    super(`run budget exceeded at t = ${t.toFixed(3)} s: more than ${limit.toLocaleString('en-US')} ${what} (the limit every run has; docs/limits.md). ${hint}`);
    this.name = 'BudgetError';
  }
}
