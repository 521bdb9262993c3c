/**
 * A UPS's static bypass: when the inverter cannot carry the load — above `transfer_at` × the healthy
 * modules' rating at once, at the end of the inverter's own inverse-time overload between 1 and that, or an
 * inverter failure (every module out, or the UPS failed) — the static switch puts the load straight on the
 * UPS's input bus. On bypass there is no double conversion (no UPS loss) and no battery: the load lives and
 * dies with the bus (a utility loss drops it until a generator closes). The load goes back to the inverter
 * once it has stayed within the rating for `retransfer_after` with the bypass source live and the inverter
 * healthy; after `maxTransfers` overload transfers within the lockout period it stays on bypass until the
 * UPS is repaired whole (`repair: <ups>`, the operator's reset) (a load that keeps swinging across the rating would otherwise chatter between the two).
 *
 * The chain (chain.ts) asks `overloaded` in its step and carries a UPS found overloaded as on bypass from
 * that step's start; `commit` and `recomputeAlive` make the moves and raise the alarms.
 */
import type { UpsSpec } from '../components/ups/schema';
import { UPS } from '../components/ups/schema';
import type { PowerHooks } from './chain';

export type BypassReason = 'overload' | 'inverter_overload' | 'inverter_failure';

const REASON: Record<BypassReason, string> = {
  overload: 'load above its bypass transfer point',
  inverter_overload: 'inverter overload time run out',
  inverter_failure: 'inverter out of service',
};

export class StaticBypass {
  readonly enabled: Uint8Array;
  private readonly transferAt: Float64Array;
  private readonly retransferAfter: Float64Array;
  /** 1 while the UPS's load is on its bypass. */
  readonly on: Uint8Array;
  /** Set by the chain's step: the load is above the transfer point and moves to bypass from the step's start. */
  readonly pending: Uint8Array;
  /** Time on bypass, s, and transfers to it. */
  readonly seconds: Float64Array;
  readonly transfers: Int32Array;
  readonly lockedOut: Uint8Array;
  /** When the load came within the rating on a live bypass (−1: it is not). */
  private readonly within: Float64Array;
  /** Times of the overload transfers still inside the lockout period. */
  private readonly recent: number[][];

  constructor(specs: readonly (UpsSpec | undefined)[], private readonly ids: readonly string[]) {
    const n = specs.length;
    this.enabled = Uint8Array.from(specs, (s) => (s?.bypass?.enabled ? 1 : 0));
    this.transferAt = Float64Array.from(specs, (s) => s?.bypass?.transfer_at ?? UPS.bypass.transferAt);
    this.retransferAfter = Float64Array.from(specs, (s) => s?.bypass?.retransfer_after ?? UPS.bypass.retransferAfter);
    this.on = new Uint8Array(n); this.pending = new Uint8Array(n); this.lockedOut = new Uint8Array(n);
    this.seconds = new Float64Array(n); this.transfers = new Int32Array(n);
    this.within = new Float64Array(n).fill(-1);
    this.recent = specs.map(() => []);
  }

  /** The settings of UPS i's bypass, as text (for the sweep's symmetry check). */
  label(i: number): string {
    return this.enabled[i] ? `bypass ${this.transferAt[i]} ${this.retransferAfter[i]}` : '';
  }

  /** Whether an inverter carrying L on a healthy rating R, with its bus live (`up`), goes to bypass at once. */
  overloaded(i: number, L: number, R: number, up: boolean): boolean {
    return this.enabled[i] === 1 && up && L > this.transferAt[i]! * R;
  }

  /** Move UPS i's load to bypass at t. */
  transfer(t: number, i: number, reason: BypassReason, load: number, hooks: PowerHooks): void {
    if (this.on[i]) return;
    this.on[i] = 1;
    this.within[i] = -1;
    this.transfers[i]!++;
    const id = this.ids[i]!;
    hooks.alarm(t, 'major', id, 'ups_on_bypass', `${id} on static bypass (${REASON[reason]}): load ${(load / 1000).toFixed(0)} kW on raw mains, no battery behind it`, load / 1000, null);
    if (reason === 'inverter_failure') return;
    const recent = this.recent[i]!;
    recent.push(t);
    while (recent.length && recent[0]! < t - UPS.bypass.lockoutPeriod) recent.shift();
    if (recent.length > UPS.bypass.maxTransfers && !this.lockedOut[i]) {
      this.lockedOut[i] = 1;
      hooks.alarm(t, 'major', id, 'ups_bypass_lockout', `${id}: ${recent.length} overload transfers in ${UPS.bypass.lockoutPeriod / 60} min: stays on bypass until repaired`);
    }
  }

  /**
   * After a step on bypass: `fits` says the load is within the rating, the inverter is healthy and the bypass
   * source live. Held for `retransfer_after`, the load goes back (`back` is called when it does).
   */
  watch(t: number, i: number, fits: boolean, hooks: PowerHooks, back: (at: number) => void): void {
    if (!this.on[i] || this.lockedOut[i]) return;
    if (!fits) { this.within[i] = -1; return; }
    if (this.within[i]! >= 0) return;
    const since = (this.within[i] = t);
    const at = t + this.retransferAfter[i]!;
    hooks.later(at, () => {
      if (!this.on[i] || this.within[i] !== since || this.lockedOut[i]) return;
      this.on[i] = 0;
      this.within[i] = -1;
      hooks.alarm(at, 'info', this.ids[i]!, 'ups_on_inverter', `${this.ids[i]} back on its inverter`);
      back(at);
    });
  }

  /** The UPS was repaired whole (an operator's reset): an overload lockout ends with it. */
  repaired(i: number): void {
    this.lockedOut[i] = 0;
    this.recent[i]!.length = 0;
  }
}
