import { describe, it, expect } from 'vitest';
import { Kernel } from '../../sim/kernel/kernel';

/** A kernel with one handler that logs (now, arg) of every firing. */
function loggingKernel(): { kernel: Kernel; log: Array<[number, number]>; kind: number } {
  const kernel = new Kernel();
  const log: Array<[number, number]> = [];
  const kind = kernel.register((k, arg) => log.push([k.now, arg]));
  return { kernel, log, kind };
}

describe('Kernel scheduling', () => {
  it('hands out kinds in registration order and dispatches by kind', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const a = kernel.register(() => seen.push('a'));
    const b = kernel.register(() => seen.push('b'));
    expect([a, b]).toEqual([0, 1]);
    kernel.schedule(2, a);
    kernel.schedule(1, b);
    kernel.run();
    expect(seen).toEqual(['b', 'a']);
  });

  it('schedules relative to now and at absolute times', () => {
    const kernel = new Kernel();
    const log: Array<[number, number]> = [];
    const echo = kernel.register((k, arg) => log.push([k.now, arg]));
    const chain = kernel.register((k) => {
      k.schedule(0.5, echo, 1);
      k.scheduleAt(10, echo, 2);
    });
    kernel.scheduleAt(3, chain);
    kernel.run();
    expect(log).toEqual([
      [3.5, 1],
      [10, 2],
    ]);
    expect(kernel.now).toBe(10);
    expect(kernel.eventsProcessed).toBe(3);
  });

  it('fires simultaneous events by priority, then in scheduling order', () => {
    const { kernel, log, kind } = loggingKernel();
    kernel.schedule(1, kind, 1, 0);
    kernel.schedule(1, kind, 2, -1);
    kernel.schedule(1, kind, 3, 0);
    kernel.run();
    expect(log.map(([, arg]) => arg)).toEqual([2, 1, 3]);
  });

  it('rejects the past, non-finite times and unknown kinds', () => {
    const { kernel, kind } = loggingKernel();
    kernel.schedule(5, kind);
    kernel.run();
    expect(() => kernel.scheduleAt(4, kind)).toThrow(RangeError);
    expect(() => kernel.schedule(-1, kind)).toThrow(RangeError);
    expect(() => kernel.schedule(NaN, kind)).toThrow(RangeError);
    expect(() => kernel.schedule(Infinity, kind)).toThrow(RangeError);
    expect(() => kernel.scheduleAt(Infinity, kind)).toThrow(RangeError);
    expect(() => kernel.schedule(1, kind + 1)).toThrow(/unknown event kind/);
    expect(() => kernel.schedule(1, -1)).toThrow(/unknown event kind/);
    expect(kernel.pending).toBe(0);
  });

  it('cancels pending events', () => {
    const { kernel, log, kind } = loggingKernel();
    const keep = kernel.schedule(1, kind, 1);
    const drop = kernel.schedule(2, kind, 2);
    expect(kernel.cancel(drop)).toBe(true);
    expect(kernel.cancel(drop)).toBe(false);
    expect(kernel.pending).toBe(1);
    kernel.run();
    expect(kernel.cancel(keep)).toBe(false);
    expect(log).toEqual([[1, 1]]);
  });
});

describe('Kernel step and run', () => {
  it('step() fires one event at a time and reports an empty calendar', () => {
    const { kernel, log, kind } = loggingKernel();
    kernel.schedule(1, kind, 1);
    kernel.schedule(2, kind, 2);
    expect(kernel.step()).toBe(true);
    expect(kernel.now).toBe(1);
    expect(kernel.step()).toBe(true);
    expect(kernel.step()).toBe(false);
    expect(kernel.now).toBe(2);
    expect(log).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('run(until) fires events due at or before until and leaves the clock at until', () => {
    const { kernel, log, kind } = loggingKernel();
    for (const t of [1, 2, 3, 4]) kernel.scheduleAt(t, kind, t);
    kernel.run(3);
    expect(log.map(([t]) => t)).toEqual([1, 2, 3]);
    expect(kernel.now).toBe(3);
    kernel.run(3.5);
    expect(kernel.now).toBe(3.5);
    expect(kernel.pending).toBe(1);
    kernel.run(10);
    expect(log.map(([t]) => t)).toEqual([1, 2, 3, 4]);
    expect(kernel.now).toBe(10);
  });

  it('run() without a horizon stops when the calendar drains, at the last event', () => {
    const { kernel, kind } = loggingKernel();
    kernel.schedule(7, kind);
    kernel.run();
    expect(kernel.now).toBe(7);
  });

  it('rejects a horizon in the past', () => {
    const { kernel, kind } = loggingKernel();
    kernel.schedule(5, kind);
    kernel.run();
    expect(() => kernel.run(4)).toThrow(RangeError);
    expect(() => kernel.run(NaN)).toThrow(RangeError);
  });

  it('checks stop() after each event and then leaves the clock at the last event', () => {
    const { kernel, log, kind } = loggingKernel();
    for (const t of [1, 2, 3, 4]) kernel.scheduleAt(t, kind, t);
    kernel.run(100, () => log.length === 2);
    expect(kernel.now).toBe(2);
    expect(kernel.pending).toBe(2);
  });

  it('throws instead of looping forever past maxEvents', () => {
    const kernel = new Kernel({ maxEvents: 1000 });
    const again: number = kernel.register((k) => k.schedule(0, again));
    kernel.schedule(0, again);
    expect(() => kernel.run()).toThrow(/event cap of 1000/);
    expect(kernel.eventsProcessed).toBe(1000);
  });

  it('forbids re-entrant run() from a handler', () => {
    const kernel = new Kernel();
    const nested = kernel.register((k) => k.run());
    kernel.schedule(1, nested);
    expect(() => kernel.run()).toThrow(/inside an event handler/);
    // The guard is released after the error.
    const noop = kernel.register(() => {});
    kernel.schedule(1, noop);
    expect(() => kernel.run()).not.toThrow();
  });

  it('passes the maxPending cap to the calendar', () => {
    const kernel = new Kernel({ maxPending: 3 });
    const kind = kernel.register(() => {});
    for (let i = 0; i < 3; i++) kernel.schedule(i, kind);
    expect(() => kernel.schedule(1, kind)).toThrow(/pending events/);
  });
});

describe('Kernel continuous-time hook', () => {
  it('integrates over each inter-event interval and up to the horizon', () => {
    const { kernel, log, kind } = loggingKernel();
    const intervals: Array<[number, number]> = [];
    kernel.setContinuous((from, to) => {
      intervals.push([from, to]);
      return to;
    });
    kernel.scheduleAt(1, kind);
    kernel.scheduleAt(3, kind);
    kernel.scheduleAt(3, kind);
    kernel.run(5);
    expect(intervals).toEqual([
      [0, 1],
      [1, 3],
      [3, 5],
    ]);
    expect(log.map(([t]) => t)).toEqual([1, 3, 3]);
    expect(kernel.now).toBe(5);
  });

  it('lets the integrator stop early at a threshold crossing it scheduled', () => {
    const kernel = new Kernel();
    const fired: Array<[string, number]> = [];
    // Temperature rises at 1 K/s from 20 °C; an alarm is due when it reaches 22.5 °C.
    let temperature = 20;
    let alarmed = false;
    const alarm = kernel.register((k) => {
      alarmed = true;
      fired.push(['alarm', k.now]);
    });
    const tick = kernel.register((k) => fired.push(['tick', k.now]));
    const intervals: Array<[number, number]> = [];
    kernel.setContinuous((from, to) => {
      intervals.push([from, to]);
      const crossing = from + (22.5 - temperature);
      if (!alarmed && crossing < to) {
        temperature = 22.5;
        kernel.scheduleAt(crossing, alarm);
        return crossing;
      }
      temperature += to - from;
      return to;
    });
    kernel.scheduleAt(2, tick);
    kernel.scheduleAt(4, tick);
    kernel.run(6);
    expect(fired).toEqual([
      ['tick', 2],
      ['alarm', 2.5],
      ['tick', 4],
    ]);
    expect(intervals).toEqual([
      [0, 2],
      [2, 4],
      [2.5, 4],
      [4, 6],
    ]);
    expect(temperature).toBe(26);
    expect(kernel.now).toBe(6);
  });

  it('advances physics before each step()', () => {
    const { kernel, kind } = loggingKernel();
    const intervals: Array<[number, number]> = [];
    kernel.setContinuous((from, to) => {
      intervals.push([from, to]);
      return to;
    });
    kernel.scheduleAt(1, kind);
    kernel.scheduleAt(2, kind);
    kernel.step();
    expect(intervals).toEqual([[0, 1]]);
    kernel.step();
    expect(kernel.step()).toBe(false);
    expect(intervals).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('does not integrate towards an infinite horizon with nothing scheduled', () => {
    const kernel = new Kernel();
    let calls = 0;
    kernel.setContinuous((_from, to) => {
      calls++;
      return to;
    });
    kernel.run();
    expect(calls).toBe(0);
    kernel.run(3);
    expect(calls).toBe(1);
    expect(kernel.now).toBe(3);
  });

  it('can be removed again', () => {
    const kernel = new Kernel();
    let calls = 0;
    kernel.setContinuous((_from, to) => {
      calls++;
      return to;
    });
    kernel.setContinuous(null);
    kernel.run(3);
    expect(calls).toBe(0);
  });

  it('throws when the integrator leaves [from, to]', () => {
    for (const bad of [(from: number) => from - 1, (_f: number, to: number) => to + 1, () => NaN]) {
      const kernel = new Kernel();
      kernel.setContinuous(bad);
      expect(() => kernel.run(1)).toThrow(/outside \[from, to\]/);
    }
  });

  it('throws when the integrator makes no progress, instead of hanging', () => {
    const kernel = new Kernel();
    kernel.setContinuous((from) => from);
    expect(() => kernel.run(1)).toThrow(/no progress past t=0/);
  });

  it('throws when the integrator schedules an event before the time it reports', () => {
    const kernel = new Kernel();
    const kind = kernel.register(() => {});
    kernel.setContinuous((from, to) => {
      kernel.scheduleAt(from + (to - from) / 2, kind);
      return to;
    });
    expect(() => kernel.run(1)).toThrow(/scheduled an event at 0.5, before it/);
  });
});
