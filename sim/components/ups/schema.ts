/**
 * A UPS system (modules, battery, three-term loss curve, static bypass) as a scenario file states it, with
 * the defaults used for what the file leaves out. Its battery, bypass and failure modes live in the power
 * chain (power/chain.ts, power/battery.ts, power/bypass.ts).
 */
import { z } from 'zod';
import { positive, nonNegative, id, count } from '../../scenario/quantity';

export const UPS = {
  /** Three-term UPS loss per unit of rating (DESIGN.md §7): 0.015 + 0.020x + 0.010x². */
  loss: [0.015, 0.02, 0.01] as const,
  /** Battery recharge at 10 % of rating. */
  recharge: 0.1,
  /** Warn when a UPS on battery has less than 5 minutes left at the present load. */
  runtimeAlarm: 300,
  /**
   * Peukert exponent of a battery stated in amp-hours: 1.15, a VRLA (AGM/gel) figure — published ranges are
   * 1.05–1.15 for AGM, 1.10–1.25 for gel, 1.2–1.3 for flooded lead-acid, about 1.05 for Li-ion (battery
   * makers' tables fitted from their 20-hour ratings and reserve minutes).
   */
  peukert: 1.15,
  /** Discharge time at which an amp-hour capacity is rated: the 20-hour rate (C20) lead-acid makers quote. */
  ratedHours: 20,
  bypass: {
    /**
     * Load, as a multiple of the healthy modules' rating, above which the static switch moves the load to
     * bypass at once: 1.25, where double-conversion inverters' stated overload capability ends (125 % for
     * minutes; below it the inverter's own inverse-time element, `overload_time`, decides).
     */
    transferAt: 1.25,
    /**
     * Back on the inverter once the load has stayed within the rating this long with the bypass source live.
     * Guide specifications ask for automatic forward transfer once the load is back under 100 % (UFGS
     * 16265A); no standard gives a delay: 10 s rides through a transient without chattering.
     */
    retransferAfter: 10,
    /** After 3 overload transfers within 10 minutes the UPS stays on bypass (Eaton 9390 manual: three attempts in ten minutes, then lockout). */
    maxTransfers: 3,
    lockoutPeriod: 600,
  },
} as const;

/** A battery stated by its cells: amp-hours at a DC voltage, with Peukert's law for the discharge rate. */
export const ampHourBatterySchema = z.strictObject({
  /** Capacity at the `rated_hours` discharge rate. */
  capacity: positive('charge'),
  /** Nominal DC bus voltage of the battery string(s). */
  voltage: positive('voltage'),
  /** Peukert exponent k: runtime at current I is H·(C/(I·H))^k. */
  peukert: z.number().min(1).max(2).optional(),
  /** Hours of the discharge at which `capacity` is rated (C20: 20). */
  rated_hours: z.number().positive().max(1000).optional(),
});

/**
 * One message for a battery that fits neither form: the object form's first complaint (with its field) when
 * the file wrote an object, the energy's otherwise ("400 Ah" alone says it is a charge, not an energy).
 */
function batteryError(iss: { input?: unknown; errors?: { message: string; path?: PropertyKey[] }[][] }): string {
  const isObject = typeof iss.input === 'object' && iss.input !== null && !Array.isArray(iss.input);
  const first = iss.errors?.[isObject ? 0 : 1]?.[0];
  const hint = 'an energy such as "200 kWh", or { capacity: 400 Ah, voltage: 480 V }';
  if (!first) return `expected ${hint}`;
  const at = first.path?.length ? `${first.path.join('.')}: ` : '';
  return isObject ? `${at}${first.message}` : `${first.message}; or state the cells: { capacity: 400 Ah, voltage: 480 V }`;
}

export const bypassSchema = z.strictObject({
  enabled: z.boolean(),
  /** Multiple of the healthy rating above which the load transfers to bypass at once. */
  transfer_at: z.number().min(1).max(10).optional(),
  /** Time within the rating, with the bypass source live, before the load goes back to the inverter. */
  retransfer_after: nonNegative('time').optional(),
});

export const upsSchema = z.strictObject({
  id: id(),
  bus: id(),
  modules: count(64, 1),
  required: count(64, 1).optional(),
  module_rating: positive('power'),
  /** Usable energy (`200 kWh`), or the cells in amp-hours (`{ capacity: 400 Ah, voltage: 480 V }`). */
  battery: z.union([ampHourBatterySchema, nonNegative('energy')], { error: batteryError }),
  /** Three-term loss per unit of rating: loss = a + b·x + c·x², x = load/rating. */
  loss: z.array(z.number().min(0).max(1)).length(3).optional(),
  /** Battery recharge power as a share of rating. */
  recharge: z.number().min(0).max(1).optional(),
  runtime_alarm: nonNegative('time').optional(),
  location: z.enum(['hall', 'electrical_room']).optional(),
  /** Static bypass: on overload or an inverter failure the load goes straight to the UPS's bus. */
  bypass: bypassSchema.optional(),
});

export type UpsSpec = z.output<typeof upsSchema>;
export type AmpHourBattery = z.output<typeof ampHourBatterySchema>;
