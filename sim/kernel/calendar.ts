/**
 * Future-event list of the discrete-event kernel.
 *
 * A binary min-heap ordered by (time, priority, insertion sequence): the
 * sequence number makes ties on (time, priority) pop FIFO, so a run is
 * deterministic whatever the heap's internal layout.
 *
 * Nothing is allocated per event. Each pending event occupies a *slot* whose
 * fields live in parallel typed arrays; the heap holds slot indices, and
 * `slotHeapIndex` maps a slot back to its heap position so `cancel` is a
 * true O(log n) removal and `size` counts live events only. Freed slots go
 * on a LIFO free list (the most recently freed slot is the hottest in cache).
 *
 * Handles are `generation * SLOT_SPAN + slot`, positive float-safe integers.
 * A slot's generation is bumped every time it is freed, so a handle to an
 * event that already fired or was cancelled never matches the slot's next
 * occupant. Generations wrap after GENERATION_LIMIT reuses of one slot; only
 * a handle kept across that many reuses of its slot could alias.
 */

/** Slot indices take the low 26 bits of a handle: room for 67 M pending events. */
const SLOT_BITS = 26;
const SLOT_SPAN = 2 ** SLOT_BITS;
/** 53 - 26 bits of generation keep every handle a safe integer. */
const GENERATION_LIMIT = 2 ** (53 - SLOT_BITS);
const INITIAL_CAPACITY = 64;
const DEFAULT_MAX_EVENTS = 50_000_000;

export interface EventCalendarOptions {
  /** Hard cap on pending events; scheduling beyond it throws instead of exhausting memory. */
  maxEvents?: number;
}

export class EventCalendar {
  /** Fields of the event removed by the last successful `pop()`; read them right after it. */
  time = 0;
  kind = 0;
  arg = 0;
  priority = 0;
  handle = 0;

  private readonly maxEvents: number;
  private capacity = 0;
  private slotTime = new Float64Array(0);
  private slotPriority = new Int32Array(0);
  private slotSeq = new Float64Array(0);
  private slotKind = new Int32Array(0);
  private slotArg = new Float64Array(0);
  private slotGeneration = new Int32Array(0);
  /** Heap position of a pending slot, -1 when the slot is free. */
  private slotHeapIndex = new Int32Array(0);
  private heap = new Int32Array(0);
  private count = 0;
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  /** Slots at or above this index have never been used. */
  private untouched = 0;
  private nextSeq = 0;

  constructor(options: EventCalendarOptions = {}) {
    const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
    if (!Number.isInteger(maxEvents) || maxEvents < 1 || maxEvents > SLOT_SPAN) {
      throw new RangeError(`EventCalendar: maxEvents must be an integer in [1, ${SLOT_SPAN}], got ${maxEvents}`);
    }
    this.maxEvents = maxEvents;
    this.grow(Math.min(INITIAL_CAPACITY, maxEvents));
  }

  /** Number of pending (scheduled, not yet popped or cancelled) events. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds an event and returns its handle. `priority` breaks ties at equal
   * time (lower fires first); `arg` is a free numeric payload for the handler.
   */
  schedule(time: number, kind: number, arg = 0, priority = 0): number {
    if (Number.isNaN(time) || time === -Infinity) {
      throw new RangeError(`EventCalendar.schedule: invalid time ${time}`);
    }
    if ((kind | 0) !== kind || (priority | 0) !== priority) {
      throw new RangeError(`EventCalendar.schedule: kind and priority must be 32-bit integers, got ${kind}, ${priority}`);
    }
    const slot = this.allocateSlot();
    this.slotTime[slot] = time;
    this.slotPriority[slot] = priority;
    this.slotSeq[slot] = this.nextSeq++;
    this.slotKind[slot] = kind;
    this.slotArg[slot] = arg;
    this.siftUp(this.count++, slot);
    return this.slotGeneration[slot]! * SLOT_SPAN + slot;
  }

  /** Removes a pending event; false if the handle is stale, already fired or unknown. */
  cancel(handle: number): boolean {
    if (!Number.isSafeInteger(handle) || handle < 0) return false;
    const slot = handle % SLOT_SPAN;
    if (slot >= this.untouched) return false;
    if (this.slotGeneration[slot] !== (handle - slot) / SLOT_SPAN) return false;
    const index = this.slotHeapIndex[slot]!;
    if (index < 0) return false;
    this.removeAt(index);
    this.releaseSlot(slot);
    return true;
  }

  /** Time of the earliest pending event, Infinity when none. */
  peekTime(): number {
    return this.count === 0 ? Infinity : this.slotTime[this.heap[0]!]!;
  }

  /** Removes the earliest event into `time`, `kind`, `arg`, `priority`, `handle`; false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    const slot = this.heap[0]!;
    this.time = this.slotTime[slot]!;
    this.kind = this.slotKind[slot]!;
    this.arg = this.slotArg[slot]!;
    this.priority = this.slotPriority[slot]!;
    this.handle = this.slotGeneration[slot]! * SLOT_SPAN + slot;
    this.removeAt(0);
    this.releaseSlot(slot);
    return true;
  }

  /** Drops every pending event; their handles become stale. */
  clear(): void {
    for (let slot = 0; slot < this.untouched; slot++) {
      if (this.slotHeapIndex[slot]! >= 0) this.releaseSlot(slot);
    }
    this.count = 0;
  }

  /** Strict "fires before" on the (time, priority, seq) key. */
  private before(a: number, b: number): boolean {
    const ta = this.slotTime[a]!;
    const tb = this.slotTime[b]!;
    if (ta !== tb) return ta < tb;
    const pa = this.slotPriority[a]!;
    const pb = this.slotPriority[b]!;
    if (pa !== pb) return pa < pb;
    return this.slotSeq[a]! < this.slotSeq[b]!;
  }

  /** Places `slot` at `index` or above, moving larger ancestors down (hole insertion). */
  private siftUp(index: number, slot: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!this.before(slot, parent)) break;
      heap[index] = parent;
      this.slotHeapIndex[parent] = index;
      index = parentIndex;
    }
    heap[index] = slot;
    this.slotHeapIndex[slot] = index;
  }

  /** Places `slot` at `index` or below, moving smaller children up. */
  private siftDown(index: number, slot: number): void {
    const heap = this.heap;
    const count = this.count;
    for (;;) {
      let childIndex = 2 * index + 1;
      if (childIndex >= count) break;
      let child = heap[childIndex]!;
      if (childIndex + 1 < count) {
        const right = heap[childIndex + 1]!;
        if (this.before(right, child)) {
          childIndex++;
          child = right;
        }
      }
      if (!this.before(child, slot)) break;
      heap[index] = child;
      this.slotHeapIndex[child] = index;
      index = childIndex;
    }
    heap[index] = slot;
    this.slotHeapIndex[slot] = index;
  }

  /** Fills the hole at `index` with the last heap entry and restores heap order. */
  private removeAt(index: number): void {
    const last = this.heap[--this.count]!;
    if (index === this.count) return;
    if (index > 0 && this.before(last, this.heap[(index - 1) >> 1]!)) {
      this.siftUp(index, last);
    } else {
      this.siftDown(index, last);
    }
  }

  private allocateSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount]!;
    if (this.untouched === this.capacity) {
      if (this.capacity === this.maxEvents) {
        throw new Error(
          `EventCalendar: more than ${this.maxEvents} pending events (maxEvents); ` +
            'a model is scheduling without bound or maxEvents must be raised',
        );
      }
      this.grow(Math.min(this.capacity * 2, this.maxEvents));
    }
    const slot = this.untouched++;
    this.slotGeneration[slot] = 1;
    return slot;
  }

  /** Invalidates outstanding handles to `slot` (generation 0 is skipped so handles stay > 0). */
  private releaseSlot(slot: number): void {
    const next = this.slotGeneration[slot]! + 1;
    this.slotGeneration[slot] = next === GENERATION_LIMIT ? 1 : next;
    this.slotHeapIndex[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(capacity: number): void {
    const n = this.untouched;
    this.slotTime = copyInto(new Float64Array(capacity), this.slotTime, n);
    this.slotPriority = copyInto(new Int32Array(capacity), this.slotPriority, n);
    this.slotSeq = copyInto(new Float64Array(capacity), this.slotSeq, n);
    this.slotKind = copyInto(new Int32Array(capacity), this.slotKind, n);
    this.slotArg = copyInto(new Float64Array(capacity), this.slotArg, n);
    this.slotGeneration = copyInto(new Int32Array(capacity), this.slotGeneration, n);
    this.slotHeapIndex = copyInto(new Int32Array(capacity), this.slotHeapIndex, n);
    this.heap = copyInto(new Int32Array(capacity), this.heap, this.count);
    this.freeSlots = copyInto(new Int32Array(capacity), this.freeSlots, this.freeCount);
    this.capacity = capacity;
  }
}

function copyInto<T extends Float64Array | Int32Array>(target: T, source: T, length: number): T {
  target.set(source.subarray(0, length));
  return target;
}
