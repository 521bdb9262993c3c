/**
 * Rear-door heat exchangers compiled: one entry per rack that has a door, its air and water capacity
 * rates and the UA that makes it meet its rating, how a door's water fails, its probe and final state.
 *
 * The door is a water coil across the rack's exhaust, by ε-NTU (counterflow: doors are multi-pass coils;
 * physics/hx.ts). The air capacity rate is the rack's fan airflow (design air heat / air rise), fixed;
 * the water's is the door's flow. The UA comes from the rating: at the rated duty Q with entering water
 * T_w, the air leaves at T_w + approach and enters at that + Q/C_air, so ε_rated = Q / (C_min·(approach +
 * Q/C_air)) and UA = NTU(ε_rated)·C_min. In operation the door removes ε·C_min·(T_exhaust − T_w), with
 * T_exhaust = rack inlet + air heat / C_air; the rest of the rack's air heat goes to its zone's air.
 * A failed door (its water valve shut, its supply lost) removes nothing: all the heat goes to the room.
 *
 * The water is facility water, or the TCS loop of the CDU the door names (`door.cdu`): then the door is a
 * branch of that loop beside its racks, with its share of the CDU's flow, its water entering at the CDU's
 * supply and its heat returning to the loop (the network adds it to the CDU's duty). Its water capacity
 * rate follows the water that actually flows: a CDU with its pumps down or failed, or facility water with
 * its pumps unpowered, leaves the door with none (updateDoorFlows).
 */
import type { Failable, Reader, FinalState } from '../contract';
import { powerReader, r3 } from '../contract';
import { counterflowEffectiveness, uaForApproach } from '../../physics/hx';
import type { Cdus } from '../cdu/cdu';
import type { RackDraft } from '../rack/rack';
import { RACK } from '../rack/schema';
import { REAR_DOOR } from './schema';

export interface RearDoors {
  n: number;
  /** Rack index (racks order) of each door. */
  rack: Int32Array;
  ids: string[];
  /** Air capacity rate through the door, W/K. */
  airRate: Float64Array;
  /** Water capacity rate at design, W/K. */
  waterRate: Float64Array;
  /** Water flow at design, m³/s. */
  waterFlow: Float64Array;
  /** Heat the door removes at its rating point, W. */
  duty: Float64Array;
  /** The CDU whose TCS loop feeds each door, or −1: facility water. */
  cdu: Int32Array;
  /** A CDU door's share of its CDU's flow (shareCduFlow, cdu.ts); 0 on facility water. */
  flowShare: Float64Array;
  ua: Float64Array;
  /** ε·C_min at the water flowing now, W/K: heat removed per kelvin of exhaust above entering water (updateDoorFlows). */
  k: Float64Array;
  failed: Uint8Array;
  /** Heat each door moved to the facility water in the last step, W. */
  heat: Float64Array;
}

type Err = (path: string, message: string) => void;

/** A CDU a door may name: its index and its TCS fluid. */
export interface DoorLoop { index: number; density: number; cp: number }

/**
 * The doors of racks already ordered (`order`), with facility water of the given properties; `loop` finds
 * the CDU a door names (undefined: no such CDU).
 */
export function compileRearDoors(order: RackDraft[], fws: { density: number; cp: number }, loop: (id: string) => DoorLoop | undefined, err: Err): RearDoors {
  const rack: number[] = [], ids: string[] = [], airRate: number[] = [], waterRate: number[] = [], waterFlow: number[] = [], duties: number[] = [], cdu: number[] = [], ua: number[] = [], k: number[] = [];
  order.forEach((d, r) => {
    const door = d.door;
    if (!door) return;
    const path = `${d.path}.door`;
    if (door.water !== undefined && door.water !== 'facility')
      err(`${path}.water`, `expected "facility" (a door on a CDU's TCS loop states "cdu: <id>" instead), found "${door.water}"`);
    if (door.water !== undefined && door.cdu !== undefined)
      err(`${path}.water`, `a door's water is either facility water or the TCS loop of cdu "${door.cdu}", not both: drop "water"`);
    const on = door.cdu !== undefined ? loop(door.cdu) : undefined;
    if (door.cdu !== undefined && !on) { err(`${path}.cdu`, `expected a CDU id defined in cdus, found "${door.cdu}"`); return; }
    const water = on ?? fws;
    const airHeat = d.power * (1 - d.lf);
    if (!(airHeat > 0)) { err(path, `rack ${d.id} puts no heat into the air (liquid_fraction 1): a rear door has nothing to cool`); return; }
    const cAir = airHeat / (door.air_rise ?? RACK.airRise);
    const duty = door.capacity ?? airHeat;
    const flow = door.water_flow ?? duty / (water.density * water.cp * REAR_DOOR.waterRise);
    const cWater = flow * water.density * water.cp;
    const approach = door.approach ?? REAR_DOOR.approach;
    const u = uaForApproach(duty, approach, cAir, cWater);
    if (!Number.isFinite(u)) {
      err(door.approach !== undefined ? `${path}.approach` : path, `the door of ${d.id} cannot remove ${(duty / 1000).toFixed(1)} kW with a ${approach} K approach at these air and water flows (effectiveness would be 1 or more): raise the approach or the water flow, or lower the capacity`);
      return;
    }
    rack.push(r); ids.push(d.id); airRate.push(cAir); waterRate.push(cWater); waterFlow.push(flow); duties.push(duty); cdu.push(on ? on.index : -1); ua.push(u);
    k.push(counterflowEffectiveness(u, cAir, cWater) * Math.min(cAir, cWater));
  });
  const n = rack.length;
  return {
    n, rack: Int32Array.from(rack), ids, airRate: Float64Array.from(airRate), waterRate: Float64Array.from(waterRate),
    waterFlow: Float64Array.from(waterFlow), duty: Float64Array.from(duties), cdu: Int32Array.from(cdu), flowShare: new Float64Array(n),
    ua: Float64Array.from(ua), k: Float64Array.from(k), failed: new Uint8Array(n), heat: new Float64Array(n),
  };
}

/**
 * Each door's ε·C_min for the water flowing now (after any change to pumps, power or setpoints): a CDU
 * door gets its share of the CDU's flow (none while the CDU is failed, unpowered or its pumps are down), a
 * facility-water door its design flow while the FWS pumps run (`fwsOn`), none otherwise.
 */
export function updateDoorFlows(doors: RearDoors, cdus: Cdus, fwsOn: boolean): void {
  for (let i = 0; i < doors.n; i++) {
    const c = doors.cdu[i]!;
    const cWater = c >= 0 ? doors.flowShare[i]! * cdus.rate[c]! : fwsOn ? doors.waterRate[i]! : 0;
    const cAir = doors.airRate[i]!;
    doors.k[i] = cWater > 0 ? counterflowEffectiveness(doors.ua[i]!, cAir, cWater) * Math.min(cAir, cWater) : 0;
  }
}

/** Door i's water failing (`fail: <rack>, part: door`): the door stops removing heat. */
export function rearDoorFailure(doors: RearDoors, i: number): Failable {
  const id = doors.ids[i]!;
  return {
    id: `${id}.door`,
    fail: (x) => { doors.failed[i] = 1; x.alarm('major', id, 'door_failure', `${id}'s rear door lost its water: its heat goes to the room`); },
    repair: (x) => { doors.failed[i] = 0; x.alarm('info', id, 'door_repaired', `${id}'s rear door back in service`); },
  };
}

export const rearDoorProbes = (doors: RearDoors, i: number): [string, Reader][] => [['door_heat', powerReader(() => doors.heat[i]!)]];

export const rearDoorFinal = (doors: RearDoors, i: number): FinalState =>
  ({ door: doors.failed[i] ? 'failed' : 'normal', door_heat_kw: r3(doors.heat[i]! / 1000) });
