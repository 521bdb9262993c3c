/**
 * The energy tariff of `economics.tariff` as a file states it: prices by time of day, optionally a second
 * list for weekends (docs/scenario-format.md). The run integrates price × facility power over these
 * bands (sim/run/tariff.ts); here: the schema and its checks.
 */
import { z } from 'zod';
import { nonNegative } from './quantity';
import { parseQuantity } from './units';

const DAY_S = 86_400;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A time of day, s after midnight: `"07:00"` (24 h clock) or a duration since midnight (`7 h`, `25200 s`). */
export const timeOfDay = () => z.any().transform((raw, ctx): number => {
  const expected = 'a time of day from 00:00 to 23:59, as "07:30" or "7.5 h"';
  if (typeof raw === 'string') {
    const m = /^\s*(\d{1,2}):([0-5]\d)\s*$/.exec(raw);
    if (m) {
      const h = Number(m[1]), min = Number(m[2]);
      if (h < 24) return h * 3600 + min * 60;
      ctx.addIssue({ code: 'custom', message: `expected ${expected}, found ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
  }
  const r = parseQuantity(raw, 'time');
  if (!r.ok || !(r.value >= 0 && r.value < DAY_S)) {
    ctx.addIssue({ code: 'custom', message: `expected ${expected}, found ${JSON.stringify(raw)}` });
    return z.NEVER;
  }
  return r.value;
});

const band = z.strictObject({
  /** The band starts here and runs to the next band's `from`; the day's last band runs to midnight and, before the first `from`, from midnight. */
  from: timeOfDay(),
  price: nonNegative('energy_price'),
});

/** Bands of one day, in time order: a tariff states at most one band per quarter hour. */
const bands = z.array(band).min(1, { message: 'expected at least one band ({ from, price })' }).max(96).superRefine((list, ctx) => {
  for (let i = 1; i < list.length; i++)
    if (!(list[i]!.from > list[i - 1]!.from)) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `expected a time after the previous band's (bands in time order, each starting once)` });
});

export const tariffSchema = z.strictObject({
  /** Every day's bands, or Monday to Friday's when `weekend` is given. */
  bands,
  /** Saturday and Sunday's bands. */
  weekend: bands.optional(),
  /** The day of the week at t = 0 (00:00 of that day); only matters with `weekend`. */
  start_day: z.enum(WEEKDAYS, { message: `expected one of ${WEEKDAYS.join(', ')}` }).optional(),
});

export type TariffSpec = z.output<typeof tariffSchema>;
