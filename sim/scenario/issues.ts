/** One problem found in a scenario: where (a field path such as `hall.rows[2].racks[5].power`) and what. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/**
 * The engine met a number it cannot stand behind: a non-finite value (NaN, ±Infinity) in its state or a
 * state outside the physics it models. Raised the moment it appears, so a run never reports a confident
 * wrong answer. Names the component and quantity, and the scenario field that caused it when known.
 */
export class EngineError extends Error {
  constructor(
    readonly component: string,
    readonly quantity: string,
    readonly value: number,
    /** Scenario field behind the value, e.g. `events[0].value`, when the engine knows it. */
    readonly field: string | null = null,
    readonly detail = '',
    /** Simulated time, s; stamped by the run when the raiser does not know it. */
    public t: number | null = null,
  ) {
    super();
    this.name = 'EngineError';
    this.message = this.describe();
  }

  /** Stamp the simulated time (once: the first stamp is the moment it appeared). */
  stamp(t: number): this {
    if (this.t === null) { this.t = t; this.message = this.describe(); }
    return this;
  }

  private describe(): string {
    const at = this.t === null ? '' : ` at t = ${this.t.toFixed(3)} s`;
    const v = Number.isFinite(this.value) ? String(+this.value.toPrecision(6)) : String(this.value);
    return `engine error${at}: ${this.component} ${this.quantity} is ${v}${this.detail ? ` (${this.detail})` : ''}${this.field ? `; caused by ${this.field}` : ''}`;
  }
}
