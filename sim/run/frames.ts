/**
 * Frames for the 3D twin and the timeline: the state of every rack and CDU at regular times, packed in
 * typed arrays (frame-major) so a run's results cross the worker boundary as transferred buffers.
 */
import type { Plant } from '../plant/types';
import type { ThermalSolver } from '../network/solver';
import { sitePower } from '../network/network';
import { C_TO_K } from '../scenario/defaults';
import type { PowerChain } from '../power/chain';
import { allocSeries, type FrameCounts, type FrameSeries } from './frameSeries';

/** Upper bound on frames kept: the interval widens rather than memory growing without bound. */
export const MAX_FRAMES = 2000;

/**
 * A run's frames: the series of FRAME_SERIES (see there for units and codes; equipment state is there so
 * views need not rebuild it from alarm kinds) and the counts that give their widths.
 */
export type FrameData = FrameSeries & {
  count: number;
  interval: number;
  racks: number;
  cdus: number;
  equipment: { crahs: number; chillers: number; freeCoolers: number; power: number; batteries: number };
};

/** The widths of a run's series. */
export function frameCounts(d: Pick<FrameData, 'racks' | 'cdus' | 'equipment'>): FrameCounts {
  return { racks: d.racks, cdus: d.cdus, ...d.equipment };
}

export class Frames {
  readonly data: FrameData;
  private next = 0;

  constructor(private readonly plant: Plant, private readonly solver: ThermalSolver, interval: number, end: number, private readonly power: PowerChain | null = null) {
    const iv = Math.max(interval, end / (MAX_FRAMES - 1));
    const cap = Math.floor(end / iv + 1e-9) + 1;
    const nr = plant.racks.n, nc = plant.cdus.n;
    const equipment = { crahs: plant.crahs.n, chillers: plant.chillers.length, freeCoolers: plant.freeCoolers.length, power: power ? power.order.length : 0, batteries: power ? power.storage.n : 0 };
    this.data = { count: 0, interval: iv, racks: nr, cdus: nc, equipment, ...allocSeries(cap, { racks: nr, cdus: nc, ...equipment }) };
  }

  through(t: number): void {
    while (this.next <= t + 1e-9 && this.data.count < this.data.t.length) this.capture(this.next);
  }

  capture(t: number): void {
    const d = this.data;
    if (d.count >= d.t.length || t + 1e-9 < this.next) return;
    const i = d.count++;
    this.next = (i + 1) * d.interval;
    const { racks, cdus, layout } = this.plant, s = this.solver, T = s.T;
    d.t[i] = t;
    const ro = i * racks.n;
    for (let r = 0; r < racks.n; r++) {
      d.rackTemperature[ro + r] = (racks.cooling[r] === 0 ? s.zoneInlet[s.rackZone[r]!]! : T[r]!) - C_TO_K;
      d.rackPower[ro + r] = s.qIt[r]! / 1000;
      d.rackState[ro + r] = racks.state[r]! + (racks.powered[r] ? 0 : 4) + (racks.failed[r] ? 8 : 0);
    }
    const co = i * cdus.n;
    for (let c = 0; c < cdus.n; c++) {
      d.cduSupply[co + c] = s.cduSupply[c]! - C_TO_K;
      d.cduReturn[co + c] = T[layout.cdus + c]! - C_TO_K;
      d.cduFlow[co + c] = cdus.designFlow[c]! > 0 ? cdus.flow[c]! / cdus.designFlow[c]! : 0;
    }
    d.hallAir[i] = s.inlet - C_TO_K;
    d.fwsSupply[i] = s.flows.fwsSupply - C_TO_K;
    const f = s.flows;
    d.itPower[i] = f.itPower / 1000;
    d.facilityPower[i] = sitePower(f) / 1000;
    for (let c = 0; c < cdus.n; c++)
      d.cduState[co + c] = !cdus.powered[c] ? 3 : cdus.failed[c] ? 2 : cdus.pumpsHealthy[c]! < cdus.pumpCount[c]! ? 1 : 0;
    const { crahs, chillers, freeCoolers } = this.plant, e = d.equipment;
    for (let k = 0; k < crahs.n; k++) d.crahState[i * e.crahs + k] = !crahs.powered[k] ? 3 : crahs.failed[k] ? 2 : 0;
    chillers.forEach((ch, k) => { d.chillerState[i * e.chillers + k] = !ch.powered ? 3 : ch.failed ? 2 : !ch.staged ? 4 : t < ch.availableAt ? 1 : 0; });
    freeCoolers.forEach((fc, k) => { d.freeCoolerState[i * e.freeCoolers + k] = !fc.powered ? 3 : fc.failed ? 2 : 0; });
    if (this.power) {
      this.power.fillStates(d.powerState, i * e.power);
      this.power.fillBatteries(d.upsSoc, i * e.power, d.batterySoc, d.batteryPower, d.batteryState, i * e.batteries);
    }
  }
}
