/**
 * M/M/1 queue on the dctwin kernel: the classic DES throughput benchmark
 * (SimPy manages ~130 k customers/s on it). Poisson arrivals (mean
 * inter-arrival 1.0), exponential service (mean 0.9), one FIFO server, so
 * rho = 0.9 and the mean wait in queue is Wq = rho * S / (1 - rho) = 8.1.
 */

import { FloatQueue } from '../../sim/kernel/float-queue';
import { Kernel } from '../../sim/kernel/kernel';
import { Rng } from '../../sim/kernel/rng';

const MEAN_INTERARRIVAL = 1.0;
const MEAN_SERVICE = 0.9;
/**
 * Warm-up runs before timing. Several short runs rather than one long one:
 * each fresh kernel takes first-use paths (new slots, loop exit) that the
 * first optimised code never saw, and those deoptimise once more.
 */
const WARMUP_RUNS = 3;
const WARMUP_CUSTOMERS = 30_000;

export interface Mm1Result {
  customers: number;
  events: number;
  /** Mean time from arrival to start of service. */
  meanWait: number;
}

/**
 * Serves exactly `customers` customers starting from an empty system: arrivals
 * stop after the last customer, so the run ends when the calendar drains.
 * Arrivals and services draw from separate streams of `seed`.
 */
export function runMm1(customers: number, seed: number): Mm1Result {
  const kernel = new Kernel();
  const model = new Mm1(kernel, customers, seed);
  if (customers > 0) model.start();
  kernel.run();
  return { customers, events: kernel.eventsProcessed, meanWait: customers > 0 ? model.totalWait / customers : 0 };
}

/**
 * Model state lives in object fields rather than closure variables: V8 updates
 * a double field in place, but boxes a fresh number for every write to a
 * captured `let`, which would allocate per event.
 */
class Mm1 {
  totalWait = 0;
  private arrived = 0;
  private serverBusy = false;
  private readonly waitingSince = new FloatQueue();
  private readonly interarrivals: Rng;
  private readonly services: Rng;
  private readonly arrival: number;
  private readonly departure: number;

  constructor(
    private readonly kernel: Kernel,
    private readonly customers: number,
    seed: number,
  ) {
    this.interarrivals = Rng.stream(seed, 'arrivals');
    this.services = Rng.stream(seed, 'services');
    this.arrival = kernel.register(() => this.onArrival());
    this.departure = kernel.register(() => this.onDeparture());
  }

  start(): void {
    this.kernel.schedule(this.interarrivals.exponential(MEAN_INTERARRIVAL), this.arrival);
  }

  private onArrival(): void {
    const kernel = this.kernel;
    if (this.serverBusy) {
      this.waitingSince.push(kernel.now);
    } else {
      this.serverBusy = true;
      kernel.schedule(this.services.exponential(MEAN_SERVICE), this.departure);
    }
    if (++this.arrived < this.customers) {
      kernel.schedule(this.interarrivals.exponential(MEAN_INTERARRIVAL), this.arrival);
    }
  }

  private onDeparture(): void {
    const kernel = this.kernel;
    if (this.waitingSince.length === 0) {
      this.serverBusy = false;
      return;
    }
    this.totalWait += kernel.now - this.waitingSince.shift();
    kernel.schedule(this.services.exponential(MEAN_SERVICE), this.departure);
  }
}

export function benchDesMm1(opts: { customers: number; seed: number }): Record<string, number | string> {
  for (let i = 1; i <= WARMUP_RUNS; i++) runMm1(Math.min(WARMUP_CUSTOMERS, opts.customers), opts.seed + i);
  const start = performance.now();
  const result = runMm1(opts.customers, opts.seed);
  const wallS = (performance.now() - start) / 1000;
  return {
    bench: 'des-mm1',
    customers: opts.customers,
    wall_s: round(wallS, 4),
    customers_per_s: Math.round(opts.customers / wallS),
    events_per_s: Math.round(result.events / wallS),
    mean_wait: round(result.meanWait, 4),
  };
}

function round(x: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}
