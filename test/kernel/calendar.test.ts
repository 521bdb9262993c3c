import { describe, it, expect } from 'vitest';
import { EventCalendar } from '../../sim/kernel/calendar';
import { Rng } from '../../sim/kernel/rng';

interface Popped {
  time: number;
  kind: number;
  arg: number;
  priority: number;
  handle: number;
}

function popAll(calendar: EventCalendar): Popped[] {
  const out: Popped[] = [];
  while (calendar.pop()) {
    const { time, kind, arg, priority, handle } = calendar;
    out.push({ time, kind, arg, priority, handle });
  }
  return out;
}

describe('EventCalendar ordering', () => {
  it('pops in time order', () => {
    const calendar = new EventCalendar();
    for (const t of [5, 1, 4, 2, 3]) calendar.schedule(t, t * 10, t / 2);
    const popped = popAll(calendar);
    expect(popped.map((e) => e.time)).toEqual([1, 2, 3, 4, 5]);
    expect(popped.map((e) => e.kind)).toEqual([10, 20, 30, 40, 50]);
    expect(popped.map((e) => e.arg)).toEqual([0.5, 1, 1.5, 2, 2.5]);
  });

  it('breaks time ties by priority (lower first), then FIFO by insertion', () => {
    const calendar = new EventCalendar();
    calendar.schedule(1, 0, 0, 5);
    calendar.schedule(1, 1, 0, -2);
    calendar.schedule(1, 2, 0, 5);
    calendar.schedule(0.5, 3, 0, 99);
    calendar.schedule(1, 4, 0, -2);
    calendar.schedule(1, 5, 0, 5);
    const popped = popAll(calendar);
    expect(popped.map((e) => e.kind)).toEqual([3, 1, 4, 0, 2, 5]);
    expect(popped.map((e) => e.priority)).toEqual([99, -2, -2, 5, 5, 5]);
  });

  it('keeps FIFO order for many simultaneous events across growth', () => {
    const calendar = new EventCalendar();
    for (let i = 0; i < 10_000; i++) calendar.schedule(7, i);
    const kinds = popAll(calendar).map((e) => e.kind);
    expect(kinds).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });

  it('reports Infinity and pops nothing when empty', () => {
    const calendar = new EventCalendar();
    expect(calendar.peekTime()).toBe(Infinity);
    expect(calendar.pop()).toBe(false);
    expect(calendar.size).toBe(0);
    calendar.schedule(3, 0);
    expect(calendar.peekTime()).toBe(3);
  });

  it('exposes the handle returned by schedule on pop', () => {
    const calendar = new EventCalendar();
    const handle = calendar.schedule(2, 1);
    expect(handle).toBeGreaterThan(0);
    expect(Number.isSafeInteger(handle)).toBe(true);
    calendar.pop();
    expect(calendar.handle).toBe(handle);
  });
});

describe('EventCalendar input validation', () => {
  it('rejects NaN and -Infinity times, and non-int32 kind or priority', () => {
    const calendar = new EventCalendar();
    expect(() => calendar.schedule(NaN, 0)).toThrow(RangeError);
    expect(() => calendar.schedule(-Infinity, 0)).toThrow(RangeError);
    expect(() => calendar.schedule(1, 0.5)).toThrow(RangeError);
    expect(() => calendar.schedule(1, 0, 0, 2 ** 31)).toThrow(RangeError);
    expect(calendar.size).toBe(0);
  });

  it('throws a clear error beyond maxEvents pending, and stays usable', () => {
    const calendar = new EventCalendar({ maxEvents: 100 });
    for (let i = 0; i < 100; i++) calendar.schedule(i, 0);
    expect(() => calendar.schedule(1, 0)).toThrow(/more than 100 pending events/);
    expect(calendar.size).toBe(100);
    calendar.pop();
    calendar.schedule(1000, 0);
    expect(calendar.size).toBe(100);
  });

  it('rejects a maxEvents the handle encoding cannot address', () => {
    expect(() => new EventCalendar({ maxEvents: 0 })).toThrow(RangeError);
    expect(() => new EventCalendar({ maxEvents: 2 ** 27 })).toThrow(RangeError);
  });
});

describe('EventCalendar cancel', () => {
  it('removes a pending event exactly once', () => {
    const calendar = new EventCalendar();
    calendar.schedule(1, 1);
    const doomed = calendar.schedule(2, 2);
    calendar.schedule(3, 3);
    expect(calendar.cancel(doomed)).toBe(true);
    expect(calendar.size).toBe(2);
    expect(calendar.cancel(doomed)).toBe(false);
    expect(calendar.size).toBe(2);
    expect(popAll(calendar).map((e) => e.kind)).toEqual([1, 3]);
  });

  it('cancels the earliest event and updates peekTime', () => {
    const calendar = new EventCalendar();
    const first = calendar.schedule(1, 1);
    calendar.schedule(2, 2);
    calendar.cancel(first);
    expect(calendar.peekTime()).toBe(2);
  });

  it('ignores a popped handle even after its slot is reused (generation check)', () => {
    const calendar = new EventCalendar();
    const old = calendar.schedule(1, 1);
    calendar.pop();
    const reuser = calendar.schedule(2, 2);
    expect(reuser % 2 ** 26).toBe(old % 2 ** 26); // same slot, new generation
    expect(calendar.cancel(old)).toBe(false);
    expect(calendar.size).toBe(1);
    expect(calendar.cancel(reuser)).toBe(true);
  });

  it('rejects handles that were never issued', () => {
    const calendar = new EventCalendar();
    const handle = calendar.schedule(1, 0);
    for (const bogus of [0, -1, 0.5, NaN, Infinity, handle + 1, handle + 2 ** 26, 2 ** 60]) {
      expect(calendar.cancel(bogus)).toBe(false);
    }
    // A forged handle matching a free slot's current generation must not corrupt the heap.
    calendar.pop();
    expect(calendar.cancel(handle + 2 ** 26)).toBe(false);
    expect(calendar.size).toBe(0);
  });

  it('clear() drops everything and invalidates handles', () => {
    const calendar = new EventCalendar();
    const handles = [3, 1, 2].map((t) => calendar.schedule(t, t));
    calendar.clear();
    expect(calendar.size).toBe(0);
    expect(calendar.peekTime()).toBe(Infinity);
    for (const h of handles) expect(calendar.cancel(h)).toBe(false);
    calendar.schedule(5, 5);
    expect(popAll(calendar).map((e) => e.kind)).toEqual([5]);
  });
});

describe('EventCalendar against a sorted-array reference', () => {
  interface RefEvent extends Popped {
    seq: number;
  }

  function earliest(events: RefEvent[]): number {
    let best = 0;
    for (let i = 1; i < events.length; i++) {
      const a = events[i]!;
      const b = events[best]!;
      if (a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)))) {
        best = i;
      }
    }
    return best;
  }

  it('agrees on 20 000 random schedule/cancel/pop operations', () => {
    const rng = new Rng(2024, 'calendar-fuzz');
    const calendar = new EventCalendar();
    const pending: RefEvent[] = [];
    const retired: number[] = [];
    let seq = 0;
    for (let op = 0; op < 20_000; op++) {
      const roll = rng.next();
      if (roll < 0.5) {
        // Few distinct times and priorities, so ties are common.
        const time = rng.int(50);
        const priority = rng.int(3) - 1;
        const kind = rng.int(1000);
        const arg = rng.uniform(-1, 1);
        const handle = calendar.schedule(time, kind, arg, priority);
        pending.push({ time, kind, arg, priority, handle, seq: seq++ });
      } else if (roll < 0.7 && pending.length > 0) {
        const victim = pending.splice(rng.int(pending.length), 1)[0]!;
        expect(calendar.cancel(victim.handle)).toBe(true);
        retired.push(victim.handle);
      } else if (roll < 0.75 && retired.length > 0) {
        expect(calendar.cancel(retired[rng.int(retired.length)]!)).toBe(false);
      } else {
        if (pending.length === 0) {
          expect(calendar.pop()).toBe(false);
        } else {
          const expected = pending.splice(earliest(pending), 1)[0]!;
          expect(calendar.pop()).toBe(true);
          const { time, kind, arg, priority, handle } = calendar;
          expect({ time, kind, arg, priority, handle }).toEqual({
            time: expected.time,
            kind: expected.kind,
            arg: expected.arg,
            priority: expected.priority,
            handle: expected.handle,
          });
          retired.push(handle);
        }
      }
      expect(calendar.size).toBe(pending.length);
      expect(calendar.peekTime()).toBe(pending.length === 0 ? Infinity : pending[earliest(pending)]!.time);
    }
  });
});
