/**
 * Chiller staging: how many chillers of the plant run at this load. The run asks it after every accepted
 * step (`update`) with what the chillers must remove to hold the FWS setpoint and what each could give at
 * the present condition; it stages one chiller on or off at a time, in file order (the first listed leads,
 * the last started stops first).
 *
 * Rule (schema.ts STAGING has the thresholds and their sources), with n the staged chillers in service:
 *  - stage up at once when the running set cannot hold the setpoint (demand > its capacity): a tripped
 *    chiller's stand-by starts; its start delay (`restart_delay`) passes before it cools;
 *  - stage up when demand > stage_up · capacity(n) has held for `delay`;
 *  - stage down when demand < stage_down · capacity(n − 1) (or no demand at all) has held for `delay` and
 *    the chiller to stop has run `min_run_time`.
 * No chatter: after a stage up at demand D > up·cap(n), stopping again needs D < down·cap(n) < up·cap(n);
 * a load between the two thresholds changes nothing, and every change waits `delay` except a shortfall.
 * A condition is timed from where the demand crossed its threshold (linear inside the step that saw it
 * begin); `update` returns when to look again so the run ends a step exactly there (the change happens on
 * time, not at the next long step's end).
 */
import type { Chiller } from './chiller';
import { STAGING, type StagingSpec } from './schema';

export interface Staging {
  mode: 'load' | 'all';
  stageUp: number;
  stageDown: number;
  delay: number;
  minRunTime: number;
}

export function compileStaging(s: StagingSpec | undefined): Staging {
  return {
    mode: s?.mode ?? 'load', stageUp: s?.stage_up ?? STAGING.stageUp, stageDown: s?.stage_down ?? STAGING.stageDown,
    delay: s?.delay ?? STAGING.delay, minRunTime: s?.min_run_time ?? STAGING.minRunTime,
  };
}

/** What a staging decision did: a chiller index started or stopped (−1 none), and when to look again (NaN: no need). */
export interface StagingResult { started: number; stopped: number; wakeAt: number }

/** Relative margin on the shortfall test, so rounding at exactly full capacity does not start a chiller. */
const SHORTFALL_MARGIN = 1e-6;

export class ChillerStaging {
  /** Step-end time since which the stage-up / stage-down condition has held (NaN: it does not). */
  private upSince = NaN;
  private downSince = NaN;
  /** The demand at the end of the step before, and when (for locating a crossing inside a step). */
  private lastT = -Infinity;
  private lastD = 0;
  /** The chillers' signed need at the end of the step before, W (NaN before the first; see shortfallAt). */
  private lastNeed = NaN;
  /** The staged set's capacity, its last chiller and the first stand-by (−1: none), as `survey` found them. */
  private cap = 0;
  private last = -1;
  private next = -1;
  readonly result: StagingResult = { started: -1, stopped: -1, wakeAt: NaN };

  constructor(private readonly chillers: Chiller[], readonly spec: Staging) {}

  /**
   * The stage count for a steady start at the chillers' signed need: the fewest chillers in lead order that
   * carry its positive part at or below stage_up (none when there is none; all when even all fall short). Returns whether any changed.
   */
  initial(need: number, capEach: Float64Array): boolean {
    const demand = Math.max(0, need);
    this.lastT = 0;
    this.lastD = demand;
    this.lastNeed = need;
    if (this.spec.mode === 'all') return false;
    let cap = 0, changed = false;
    for (let j = 0; j < this.chillers.length; j++) {
      const ch = this.chillers[j]!;
      const on = demand > 0 && !ch.failed && ch.powered && demand > this.spec.stageUp * cap;
      if (on) cap += capEach[j]!;
      if (on !== ch.staged) { ch.staged = on; changed = true; }
      ch.stagedAt = -Infinity;
    }
    return changed;
  }

  /**
   * After an accepted step ending at t, with the chillers' signed need (W; what they must remove is its
   * positive part). `result` says what changed; a started chiller cools after its restart delay.
   */
  update(t: number, need: number, capEach: Float64Array): StagingResult {
    const r = this.result;
    r.started = -1; r.stopped = -1; r.wakeAt = NaN;
    this.lastNeed = need;
    if (this.spec.mode === 'all') return r;
    const demand = Math.max(0, need);
    const ch = this.chillers, s = this.spec;
    // A tripped chiller leaves the stage: after repair it is a stand-by like any other.
    for (const c of ch) if (c.failed && c.staged) c.staged = false;
    this.survey(capEach);
    const { cap, last, next } = this;
    const t0 = this.lastT, d0 = this.lastD;
    this.lastT = t; this.lastD = demand;
    // Stage up: at once on a shortfall, after `delay` above stage_up.
    const upAt = s.stageUp * cap;
    const up = next >= 0 && demand > upAt;
    if (!up) this.upSince = NaN;
    else if (demand > cap * (1 + SHORTFALL_MARGIN) || this.held('up', t, t0, d0, upAt)) { this.start(next, t); return r; }
    // Stage down: one fewer would still run below stage_down (or nothing is needed), held for `delay`.
    const rest = last >= 0 ? cap - capEach[last]! : 0;
    const downAt = s.stageDown * rest;
    const down = last >= 0 && (demand <= 0 || demand < downAt);
    if (!down) this.downSince = NaN;
    else {
      const held = this.held('down', t, t0, d0, downAt);
      if (held && t - ch[last]!.stagedAt >= s.minRunTime - 1e-9) { this.stop(last); return r; }
      r.wakeAt = Math.max(this.downSince + s.delay, ch[last]!.stagedAt + s.minRunTime);
    }
    if (up) r.wakeAt = this.upSince + s.delay;
    return r;
  }

  /**
   * Whether the condition has held for `delay`. A condition that just began is timed from where the demand
   * crossed `threshold` inside the step from (t0, d0) — linear between the step's ends — not from the step's
   * end: steps in a steady stretch are long, and the hold would otherwise start up to a step late.
   */
  private held(which: 'up' | 'down', t: number, t0: number, d0: number, threshold: number): boolean {
    const key = which === 'up' ? 'upSince' : 'downSince';
    if (!(this[key] === this[key])) {
      const d1 = this.lastD;
      const crossed = t0 > -Infinity && t0 < t && (which === 'up' ? d0 <= threshold : d0 >= threshold) && d1 !== d0;
      this[key] = crossed ? t0 + ((t - t0) * (threshold - d0)) / (d1 - d0) : t;
    }
    return t - this[key] >= this.spec.delay - 1e-9;
  }

  /**
   * Where inside a step a shortfall begins, as a fraction of the step (0–1]: the chillers' signed need
   * (W; negative while free cooling alone holds the water below the setpoint) went from its value at the
   * last update (the step's start) to need1 at its end, linear between. A shortfall (need above the staged set's capacity, with a stand-by
   * to start) stages up at once, so the run retakes the step to end there and the stand-by starts on time,
   * not at the end of a long step in a steady stretch. 1 when no shortfall begins in the step.
   */
  shortfallAt(need1: number, capEach: Float64Array): number {
    const need0 = this.lastNeed;
    if (this.spec.mode === 'all' || !(need0 === need0)) return 1;
    this.survey(capEach);
    const lim = this.cap * (1 + SHORTFALL_MARGIN);
    if (this.next < 0 || need0 > lim || need1 <= lim) return 1;
    return (lim - need0) / (need1 - need0);
  }

  /** The staged, powered set's capacity and last chiller, and the first powered stand-by; failed chillers count in neither. */
  private survey(capEach: Float64Array): void {
    let cap = 0, last = -1, next = -1;
    for (let j = 0; j < this.chillers.length; j++) {
      const c = this.chillers[j]!;
      if (c.failed || !c.powered) continue;
      if (c.staged) { cap += capEach[j]!; last = j; }
      else if (next < 0) next = j;
    }
    this.cap = cap; this.last = last; this.next = next;
  }

  private start(j: number, t: number): void {
    const c = this.chillers[j]!;
    c.staged = true;
    c.stagedAt = t;
    c.starts++;
    c.availableAt = Math.max(c.availableAt, t + c.restartDelay);
    this.upSince = this.downSince = NaN;
    this.result.started = j;
    this.result.wakeAt = c.availableAt;
  }

  private stop(j: number): void {
    this.chillers[j]!.staged = false;
    this.upSince = this.downSince = NaN;
    this.result.stopped = j;
  }
}
