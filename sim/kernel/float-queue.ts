/**
 * FIFO queue of numbers (arrival times, job ids) in a growable ring buffer,
 * so waiting lines in models cost no allocation per customer.
 */

const INITIAL_CAPACITY = 16;

export class FloatQueue {
  private buffer = new Float64Array(INITIAL_CAPACITY);
  /** Capacity - 1; capacity stays a power of two so wrapping is a bit mask. */
  private mask = INITIAL_CAPACITY - 1;
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(value: number): void {
    if (this.count > this.mask) this.grow();
    this.buffer[(this.head + this.count) & this.mask] = value;
    this.count++;
  }

  /** Removes and returns the oldest value; throws when empty. */
  shift(): number {
    if (this.count === 0) throw new Error('FloatQueue.shift: queue is empty');
    const value = this.buffer[this.head]!;
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return value;
  }

  /** Doubles capacity, unrolling the ring so the oldest value sits at index 0. */
  private grow(): void {
    const old = this.buffer;
    const next = new Float64Array(old.length * 2);
    next.set(old.subarray(this.head));
    next.set(old.subarray(0, this.head), old.length - this.head);
    this.buffer = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}
