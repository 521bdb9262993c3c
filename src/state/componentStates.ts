/**
 * Equipment state over time, read from the engine's alarm log: frames carry per-rack state and CDU flow,
 * but chillers, CRAHs, free coolers and the power chain change state only through events, which the
 * engine reports as alarms of known kinds (each kind's failure modes in sim/components/<kind>/; power
 * loss and restarts in sim/power/chain.ts and sim/power/loads.ts).
 */
import type { Report } from '../worker/protocol';

export type EquipmentState = 'normal' | 'degraded' | 'restarting' | 'unpowered' | 'failed';

type Alarm = Report['alarms'][number];

interface Change { t: number; state: EquipmentState; kind: string }

export class StateTimeline {
  private readonly byComponent = new Map<string, Change[]>();
  /** Components that failed at least once (an alarm of kind `failure`). */
  readonly everFailed = new Set<string>();

  constructor(alarms: readonly Alarm[]) {
    for (const a of alarms) {
      const next = transition(a);
      if (!next) continue;
      if (next === 'failed') this.everFailed.add(a.component);
      let list = this.byComponent.get(a.component);
      if (!list) this.byComponent.set(a.component, (list = []));
      list.push({ t: a.t_s, state: next, kind: a.kind });
    }
    // A repair followed by `online` (a chiller's restart delay) is a restart, not yet normal.
    for (const list of this.byComponent.values()) {
      list.forEach((c, i) => { if (c.kind === 'repaired' && list[i + 1]?.kind === 'online') c.state = 'restarting'; });
    }
  }

  at(component: string, t: number): EquipmentState {
    const list = this.byComponent.get(component);
    let state: EquipmentState = 'normal';
    if (!list) return state;
    for (const c of list) {
      if (c.t > t + 1e-6) break;
      state = c.state;
    }
    return state;
  }

  has(component: string): boolean {
    return this.byComponent.has(component);
  }
}

/** Alarm kind → the state it puts its component in (kinds not listed leave the state alone). */
const TRANSITIONS: Record<string, EquipmentState> = {
  failure: 'failed', utility_loss: 'failed', bus_dead: 'failed', generator_failure: 'failed', generator_overload_trip: 'failed',
  overload_trip: 'failed', ups_battery_depleted: 'failed',
  pumps_power_loss: 'unpowered', fans_power_loss: 'unpowered', chiller_power_loss: 'unpowered',
  pump_failure: 'degraded', ups_module_failure: 'degraded', ups_on_battery: 'degraded',
  generator_start: 'restarting',
  repaired: 'normal', online: 'normal', pump_repaired: 'normal', utility_restored: 'normal', generator_online: 'normal',
  ups_on_mains: 'normal', pumps_power_restored: 'normal', fans_power_restored: 'normal', transfer: 'normal',
  // The engine announces no end to a power-restart delay (no `online` after it), so it shows as normal.
  chiller_restart: 'normal',
};

function transition(a: Alarm): EquipmentState | null {
  return TRANSITIONS[a.kind] ?? null;
}

export const emptyTimeline = new StateTimeline([]);
