/** Alarms and first crossings of limits, as the report presents them (temperatures in °C). */
import { toC } from '../components/contract';

export type Severity = 'info' | 'warning' | 'major' | 'critical';

export interface Alarm {
  t_s: number;
  severity: Severity;
  component: string;
  kind: string;
  value: number | null;
  limit: number | null;
  message: string;
}

export interface LimitCrossing {
  t_s: number;
  component: string;
  value: number;
  limit: number;
  /** Time since the last scenario event before the crossing (the failure that caused it, usually). */
  since_event_s: number | null;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
export { toC };

import { RUN_BUDGET, BudgetError } from './budget';

export class AlarmLog {
  readonly alarms: Alarm[] = [];
  readonly firstCrossing: Record<string, LimitCrossing> = {};
  /** Raised (component, kind) pairs, so a standing condition alarms once until it clears. */
  private readonly raised = new Set<string>();
  lastEventTime: number | null = null;
  /** The run budget bounds the log: past it the run stops and says which alarm flooded it. */
  /** Most alarms one run may raise (a host may lower it; never above RUN_BUDGET.alarms). */
  maxAlarms: number = RUN_BUDGET.alarms;

  add(a: Alarm): void {
    if (this.alarms.length >= this.maxAlarms) {
      const counts = new Map<string, number>();
      for (const x of this.alarms) counts.set(`${x.component} ${x.kind}`, (counts.get(`${x.component} ${x.kind}`) ?? 0) + 1);
      const [top, n] = [...counts].sort((p, q) => q[1] - p[1])[0]!;
      throw new BudgetError('alarms', this.maxAlarms, a.t_s, `Most of them are "${top}" (${n.toLocaleString('en-US')}): a limit toggling on and off; check that component's limits, hysteresis and heat capacity.`);
    }
    this.alarms.push({ ...a, t_s: round(a.t_s) });
  }

  /** A temperature limit crossed upwards: alarm once and remember the first crossing of this limit kind. */
  raise(t: number, severity: Severity, component: string, kind: string, valueK: number, limitK: number, message: string): void {
    const key = `${component}\u0000${kind}`;
    if (this.raised.has(key)) return;
    this.raised.add(key);
    this.add({ t_s: t, severity, component, kind, value: toC(valueK), limit: toC(limitK), message });
    this.cross(kind, t, component, toC(valueK), toC(limitK));
  }

  /** A limit crossed upwards, deduplicated by the caller: alarm and remember the first crossing. */
  record(t: number, severity: Severity, component: string, kind: string, valueK: number, limitK: number, message: string): void {
    this.add({ t_s: t, severity, component, kind, value: toC(valueK), limit: toC(limitK), message });
    this.cross(kind, t, component, toC(valueK), toC(limitK));
  }

  clear(component: string, kind: string): void {
    this.raised.delete(`${component}\u0000${kind}`);
  }


  cross(kind: string, t: number, component: string, value: number, limit: number): void {
    if (this.firstCrossing[kind]) return;
    this.firstCrossing[kind] = {
      t_s: round(t), component, value, limit,
      since_event_s: this.lastEventTime !== null && this.lastEventTime <= t ? round(t - this.lastEventTime) : null,
    };
  }
}
