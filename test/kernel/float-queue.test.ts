import { describe, it, expect } from 'vitest';
import { FloatQueue } from '../../sim/kernel/float-queue';

describe('FloatQueue', () => {
  it('is FIFO across wrap-around and growth', () => {
    const queue = new FloatQueue();
    const reference: number[] = [];
    let next = 0.5;
    // Interleave so the ring wraps before each growth.
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 7; i++) {
        queue.push(next);
        reference.push(next++);
      }
      for (let i = 0; i < 3; i++) expect(queue.shift()).toBe(reference.shift());
      expect(queue.length).toBe(reference.length);
    }
    while (reference.length > 0) expect(queue.shift()).toBe(reference.shift());
    expect(queue.length).toBe(0);
  });

  it('throws when shifting an empty queue', () => {
    expect(() => new FloatQueue().shift()).toThrow(/empty/);
  });
});
