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
  /** Time before which the chiller gives no cooling (restart after failure or power loss, start when staged on). */
  availableAt: number;
  /** Tower fans at design heat rejection capacity·(1 + 1/COP), W (0 for air-cooled: in the rated COP). */
  condenserFanPower: number;
  /** Condenser-water pump while running, W. */
  condenserPumpPower: number;
  /** Place in the staging sequence (file order) when the plant stages by load; 0 when every chiller runs. */
  leadOrder: number;
  /** Staged on by the plant controller (staging.ts); compiled on, so a plant analysed without a run counts every chiller. */
  staged: boolean;
  /** When it was last staged on, s (−∞: running since before the run). */
  stagedAt: number;
  /** Starts made by the staging controller in the run. */
  starts: number;
}

/** A chiller cools in a step starting at t: in service, staged on and past its start or restart delay. */
export const chillerCools = (ch: Chiller, t: number): boolean => ch.staged && !ch.failed && ch.powered && t >= ch.availableAt;
/** Its condenser pump and controls run (it may still be starting). */
export const chillerRunning = (ch: Chiller): boolean => ch.staged && !ch.failed && ch.powered;

export function compileChiller(c: ChillerSpec, leadOrder: number): Chiller {
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
    condenserFanPower: c.condenser_fan_power ?? (c.condenser === 'air' ? 0 : CHILLER.towerFanFraction * c.capacity),
    condenserPumpPower: c.condenser_pump_power ?? (c.condenser === 'air' ? 0 : CHILLER.condenserPumpFraction * c.capacity),
    leadOrder, staged: true, stagedAt: -Infinity, starts: 0,
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
      // With staging by load it rejoins as a stand-by unless the plant needs it (staging.ts).
      x.alarm('info', ch.id, 'repaired', `${ch.id} repaired: restart sequence, available in ${ch.restartDelay} s`);
      x.at(ch.availableAt, () => x.alarm('info', ch.id, 'online', `${ch.id} available again${ch.staged ? ': cooling' : ' (stand-by)'}`));
    },
  };
}

export const chillerFinal = (ch: Chiller, now: number): FinalState =>
  ({ kind: 'chiller', state: ch.failed ? 'failed' : !ch.staged ? 'standby' : now < ch.availableAt ? 'restarting' : 'normal', starts: ch.starts });
