/**
 * The free cooler compiled: its parameters (the solver cools the FWS return with it when ambient allows),
 * how it fails and its final state. Its heat is probed as the plant's (`plant.free_cooling_heat`).
 */
import type { Failable, FinalState } from '../contract';
import { HEAT_REJECTION, type FreeCoolerSpec } from './schema';

export interface FreeCooler {
  id: string;
  kind: 'dry_cooler' | 'tower';
  capacity: number;
  approach: number;
  fanPower: number;
  cycles: number;
  failed: boolean;
  powered: boolean;
}

export function compileFreeCooler(f: FreeCoolerSpec): FreeCooler {
  return {
    id: f.id, kind: f.kind, capacity: f.capacity,
    approach: f.approach ?? (f.kind === 'tower' ? HEAT_REJECTION.towerApproach : HEAT_REJECTION.dryCoolerApproach),
    fanPower: f.fan_power ?? HEAT_REJECTION.fanPowerFraction * f.capacity,
    cycles: f.cycles_of_concentration ?? HEAT_REJECTION.cyclesOfConcentration, failed: false, powered: true,
  };
}

export function freeCoolerFailure(f: FreeCooler): Failable {
  return {
    id: f.id,
    fail: (x) => { f.failed = true; x.alarm('major', f.id, 'failure', `${f.id} failed`); },
    repair: (x) => { f.failed = false; x.alarm('info', f.id, 'repaired', `${f.id} back in service`); },
  };
}

export const freeCoolerFinal = (f: FreeCooler): FinalState => ({ kind: f.kind, state: f.failed ? 'failed' : 'normal' });
