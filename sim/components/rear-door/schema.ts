/**
 * A rear-door heat exchanger as a scenario file states it (`cooling: rear_door` on a rack or rack type,
 * with a `door` block), and the defaults used for what the file leaves out. The compiled doors are
 * rear-door.ts; the network removes their heat in network/airZones.ts, into the facility water or into
 * the TCS loop of the CDU the door names.
 */
import { z } from 'zod';
import { positive, id } from '../../scenario/quantity';

export const REAR_DOOR = {
  /**
   * Leaving air − entering water at the rated duty. Active (fan-assisted) doors are sold as "room
   * neutral": leaving air at about the room's supply with water a few kelvin below it; 3 K sits in the
   * 2–5 K that vendors' selection tables give.
   */
  approach: 3,
  /** Water temperature rise at the rated duty: door selections run 4–6 K on facility water (and on a TCS loop). */
  waterRise: 5,
} as const;

export const rearDoorSchema = z.strictObject({
  /** Heat the door removes at its rating point (default: the rack's design air heat). */
  capacity: positive('power').optional(),
  /** Water through the door (default: the rated duty at a 5 K rise). */
  water_flow: positive('volume_flow').optional(),
  /** Leaving air − entering water at the rated duty. */
  approach: positive('temperature_difference').optional(),
  /** Server air rise at full power (sets the air capacity rate through the door; default RACK.airRise). */
  air_rise: positive('temperature_difference').optional(),
  /**
   * Where the door's water comes from: `facility` (the default), the facility-water (FWS) supply. A door
   * on a CDU's TCS loop states `cdu` instead.
   */
  water: z.string().max(200).optional(),
  /**
   * The CDU whose TCS loop feeds the door (a `cdus` id): the door's water is that loop's supply, its heat
   * goes into the loop (the CDU's duty), its flow is part of the CDU's design flow and its design heat of
   * the CDU's default capacity. Without it the door is on facility water.
   */
  cdu: id().optional(),
});

export type RearDoorSpec = z.output<typeof rearDoorSchema>;
