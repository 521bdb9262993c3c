/**
 * Time-of-day energy prices over a run: the tariff (sim/scenario/tariff.ts) unrolled into one period —
 * a day, or a week when weekends differ — of constant-price pieces. The run ends an integration step at
 * every change of price (an event at each boundary), so each step is priced at one rate and the energy
 * cost Σ price × facility energy of the step is exact at the boundaries, not sampled.
 */
import type { TariffSpec } from '../scenario/tariff';
import { WEEKDAYS } from '../scenario/tariff';

const DAY_S = 86_400;

export class Tariff {
  /** Start of each piece within the period, s (the first is 0), and its price, currency per J. */
  private readonly at: number[] = [];
  private readonly price: number[] = [];
  readonly period: number;

  constructor(spec: TariffSpec) {
    const weekly = spec.weekend !== undefined;
    this.period = weekly ? 7 * DAY_S : DAY_S;
    const first = WEEKDAYS.indexOf(spec.start_day ?? 'monday');
    for (let d = 0; d < this.period / DAY_S; d++) {
      const day = (first + d) % 7;
      const bands = weekly && day >= 5 ? spec.weekend! : spec.bands;
      // Before the day's first `from`, its last band (a day's bands wrap within the day).
      if (bands[0]!.from > 0) this.push(d * DAY_S, bands[bands.length - 1]!.price);
      for (const b of bands) this.push(d * DAY_S + b.from, b.price);
    }
  }

  private push(t: number, p: number): void {
    if (this.price.length && this.price[this.price.length - 1] === p) return; // no change of price: no boundary
    this.at.push(t);
    this.price.push(p);
  }

  /** Index of the piece in force at phase x ∈ [0, period). */
  private piece(x: number): number {
    let lo = 0, hi = this.at.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (this.at[m]! <= x) lo = m; else hi = m - 1; }
    return lo;
  }

  /** Price at time t (currency per J); t ≥ 0. */
  priceAt(t: number): number {
    return this.price[this.piece(t - Math.floor(t / this.period) * this.period)]!; // the first piece starts at 0
  }

  /** The first change of price strictly after t (∞ when the price never changes). */
  nextChange(t: number): number {
    if (this.at.length < 2) return Infinity; // one price all the time
    const base = Math.floor(t / this.period) * this.period;
    // The period's start is a change only if the price differs from the period's end.
    const wraps = this.price[0] !== this.price[this.price.length - 1];
    for (const b of [base, base + this.period, base + 2 * this.period])
      for (let i = wraps ? 0 : 1; i < this.at.length; i++) if (b + this.at[i]! > t) return b + this.at[i]!;
    return Infinity;
  }
}
