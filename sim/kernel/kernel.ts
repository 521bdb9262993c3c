/**
 * Discrete-event kernel: a clock, a future-event list and a table of event
 * handlers, plus an optional hook that lets a continuous-time integrator
 * (thermal, electrical physics) advance the state between events.
 *
 * Events carry only a numeric kind and a numeric argument, and handlers live
 * in an array indexed by kind, so the event loop allocates nothing and its
 * dispatch is a single indexed call.
 */

import { EventCalendar } from './calendar';

export type EventHandler = (kernel: Kernel, arg: number) => void;

/**
 * Integrates continuous state from `from` to at most `to` and returns the time
 * actually reached. Returning early (< `to`) means a threshold was crossed:
 * the callback should have scheduled an event at the returned time.
 */
export type ContinuousAdvance = (from: number, to: number) => number;

export interface KernelOptions {
  /** Cap on events processed over the kernel's life (default 2e9); exceeding it throws. */
  maxEvents?: number;
  /** Cap on simultaneously pending events, passed to the calendar (default 50 M). */
  maxPending?: number;
}

const DEFAULT_MAX_EVENTS = 2e9;
/** Consecutive zero-progress `advance` calls tolerated before declaring the run stuck. */
const MAX_STALLED_ADVANCES = 1_000_000;

export class Kernel {
  /** Events whose handler has been called, over the kernel's life. */
  eventsProcessed = 0;

  private clock = 0;
  private readonly calendar: EventCalendar;
  private readonly handlers: EventHandler[] = [];
  private readonly maxEvents: number;
  private advance: ContinuousAdvance | null = null;
  private stalledAdvances = 0;
  private running = false;
  private pauseRequested = false;

  constructor(options: KernelOptions = {}) {
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (!(maxEvents >= 0)) throw new RangeError(`Kernel: maxEvents must be >= 0, got ${maxEvents}`);
    this.maxEvents = maxEvents;
    this.calendar = new EventCalendar(
      options.maxPending === undefined ? {} : { maxEvents: options.maxPending },
    );
  }

  /** Simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Number of events scheduled and not yet fired or cancelled. */
  get pending(): number {
    return this.calendar.size;
  }

  /** Adds an event handler and returns the kind id to schedule it with. */
  register(handler: EventHandler): number {
    return this.handlers.push(handler) - 1;
  }

  /**
   * From inside the continuous integrator: stop `run()` at the time the integrator returns, without
   * moving the clock to `until`. Hosts use it to run in slices that do not cut integration steps, so a
   * run's results do not depend on how it was sliced.
   */
  pause(): void {
    this.pauseRequested = true;
  }

  /** Installs (or with null removes) the continuous-time integrator. */
  setContinuous(advance: ContinuousAdvance | null): void {
    this.advance = advance;
  }

  /** Schedules `kind` after `delay` seconds; lower `priority` fires first among simultaneous events. */
  schedule(delay: number, kind: number, arg = 0, priority = 0): number {
    if (!(delay >= 0 && delay < Infinity)) {
      throw new RangeError(`Kernel.schedule: delay must be finite and >= 0, got ${delay}`);
    }
    this.checkKind(kind);
    return this.calendar.schedule(this.clock + delay, kind, arg, priority);
  }

  /** Schedules `kind` at absolute time `time` (>= now). */
  scheduleAt(time: number, kind: number, arg = 0, priority = 0): number {
    if (!(time >= this.clock && time < Infinity)) {
      throw new RangeError(`Kernel.scheduleAt: time ${time} is not finite or is before now (${this.clock})`);
    }
    this.checkKind(kind);
    return this.calendar.schedule(time, kind, arg, priority);
  }

  /** Cancels a pending event; false if it already fired, was cancelled or is unknown. */
  cancel(handle: number): boolean {
    return this.calendar.cancel(handle);
  }

  /** Advances to the next event and fires it; false when no event is pending. */
  step(): boolean {
    this.enter();
    try {
      if (this.advance !== null) this.integrateToNextEvent(Infinity);
      return this.fireNext();
    } finally {
      this.running = false;
    }
  }

  /**
   * Fires events in time order while the next one is due at or before `until`
   * and `stop()` (checked after each event) is false. Unless stopped, the
   * clock ends at `until` when `until` is finite.
   */
  run(until = Infinity, stop?: () => boolean): void {
    if (!(until >= this.clock)) {
      throw new RangeError(`Kernel.run: until (${until}) is before now (${this.clock})`);
    }
    this.enter();
    try {
      const calendar = this.calendar;
      for (;;) {
        const next = this.advance === null ? calendar.peekTime() : this.integrateToNextEvent(until);
        if (this.pauseRequested) { this.pauseRequested = false; return; }
        // An empty calendar reports Infinity, which passes `<= Infinity`; fireNext then ends the run.
        if (next > until || !this.fireNext()) break;
        if (stop !== undefined && stop()) return;
      }
      if (until < Infinity) this.clock = until;
    } finally {
      this.running = false;
    }
  }

  private checkKind(kind: number): void {
    if (!(kind >= 0 && kind < this.handlers.length && kind % 1 === 0)) {
      throw new RangeError(`Kernel: unknown event kind ${kind}; obtain kinds from register()`);
    }
  }

  /** Pops the earliest event, moves the clock to it and calls its handler. */
  private fireNext(): boolean {
    const calendar = this.calendar;
    if (calendar.size === 0) return false;
    if (this.eventsProcessed >= this.maxEvents) {
      throw new Error(`Kernel: event cap of ${this.maxEvents} events reached (maxEvents); the model may be looping`);
    }
    calendar.pop();
    this.clock = calendar.time;
    this.eventsProcessed++;
    this.handlers[calendar.kind]!(this, calendar.arg);
    return true;
  }

  /**
   * Lets the integrator carry continuous state up to the next event or
   * `until`, whichever is first, re-reading the calendar after every early
   * return (the integrator may have scheduled a threshold event). Returns the
   * time of the next pending event; on return the clock is at min(that, until).
   * With an empty calendar and no finite horizon there is nothing to reach.
   */
  private integrateToNextEvent(until: number): number {
    const calendar = this.calendar;
    const advance = this.advance!;
    let next = calendar.peekTime();
    for (;;) {
      const target = next < until ? next : until;
      if (!(target > this.clock) || target === Infinity) return next;
      const from = this.clock;
      const reached = advance(from, target);
      if (!(reached >= from && reached <= target)) {
        throw new Error(`Kernel: continuous advance(${from}, ${target}) returned ${reached}, outside [from, to]`);
      }
      next = calendar.peekTime();
      if (next < reached) {
        throw new Error(`Kernel: continuous advance reached ${reached} but scheduled an event at ${next}, before it`);
      }
      if (this.pauseRequested) { this.clock = reached; return next; }
      if (reached > from) {
        this.stalledAdvances = 0;
      } else if (++this.stalledAdvances >= MAX_STALLED_ADVANCES) {
        throw new Error(
          `Kernel: continuous advance made no progress past t=${from} ${MAX_STALLED_ADVANCES} times in a row`,
        );
      }
      this.clock = reached;
    }
  }

  /** The loop is not re-entrant: a handler calling run() or step() would fire events out of order. */
  private enter(): void {
    if (this.running) throw new Error('Kernel: run()/step() called from inside an event handler');
    this.running = true;
  }
}
