/**
 * The chiller compiled: its state (the solver evaluates its DOE-2 curves in physics/chiller.ts), how it
 * trips and restarts, and its final state. Its power and heat are probed as the plant's (`plant.chiller_power`).
 */
import type { ChillerCurves } from '../../physics/chiller';
import type { Failable, FinalState } from '../contract';
import { CHILLER, DOE2_CENTRIFUGAL, type ChillerSpec } from './schema';

export interface Chiller {
  id: string;
  capacity: number;
  cop: number;
  restartDelay: number;
  fastRestartDelay: number;
  /** 1 while the chiller's controls have power (they may sit on UPS while the compressor does not). */
  controlsPowered: boolean;
  condenser: 'tower' | 'air';
  condenserApproach: number;
  curves: ChillerCurves;
  failed: boolean;
  powered: boolean;
  /** Time before which the chiller gives no cooling (restart after failure or power loss). */
  availableAt: number;
}

export function compileChiller(c: ChillerSpec): Chiller {
  const curves = {
    ...DOE2_CENTRIFUGAL,
    capFT: c.curves?.cap_ft ?? DOE2_CENTRIFUGAL.capFT,
    eirFT: c.curves?.eir_ft ?? DOE2_CENTRIFUGAL.eirFT,
    eirFPLR: c.curves?.eir_fplr ?? DOE2_CENTRIFUGAL.eirFPLR,
  };
  return {
    id: c.id, capacity: c.capacity, cop: c.cop ?? CHILLER.cop, restartDelay: c.restart_delay ?? CHILLER.restartDelay,
    fastRestartDelay: c.fast_restart_delay ?? CHILLER.fastRestartDelay, controlsPowered: true,
    condenser: c.condenser ?? 'tower', condenserApproach: c.condenser_approach ?? CHILLER.condenserApproach,
    curves, failed: false, powered: true, availableAt: 0,
  };
}

/** A chiller trips at once; after repair it cools again only after its restart delay. */
export function chillerFailure(ch: Chiller): Failable {
  return {
    id: ch.id,
    fail: (x) => { ch.failed = true; x.alarm('major', ch.id, 'failure', `${ch.id} tripped`); },
    repair: (x) => {
      if (!ch.failed) return;
      ch.failed = false;
      ch.availableAt = x.t + ch.restartDelay;
      x.alarm('info', ch.id, 'repaired', `${ch.id} restarting: cooling in ${ch.restartDelay} s`);
      x.at(ch.availableAt, () => x.alarm('info', ch.id, 'online', `${ch.id} cooling again`));
    },
  };
}

export const chillerFinal = (ch: Chiller, now: number): FinalState =>
  ({ kind: 'chiller', state: ch.failed ? 'failed' : now < ch.availableAt ? 'restarting' : 'normal' });
