/**
 * A quantity drawn at random, as a file states it: a plain quantity keeps its field's old meaning (a
 * constant, or the mean of an exponential where the field always was one), or an object names a
 * distribution — `uniform`, `log_uniform`, `log_normal`, `normal` (truncated), `exponential`, `empirical`,
 * `constant` — with parameters in the field's own unit. The sampler is sim/workload/distribution.ts.
 */
import { z } from 'zod';
import { quantity } from './quantity';
import type { Dimension } from './units';

/** Values an empirical distribution may list (a histogram of a real log, not the log itself). */
export const MAX_EMPIRICAL_VALUES = 10_000;

export type DistributionSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'log_uniform'; min: number; max: number }
  | { dist: 'log_normal'; mean: number; sd: number }
  | { dist: 'normal'; mean: number; sd: number; min: number; max: number }
  | { dist: 'empirical'; values: number[]; weights?: number[] | undefined };

/** The objects of one dimension; `low` is the smallest value the field allows (0 for times and counts). */
function objects(dim: Dimension, low: number) {
  const q = () => quantity(dim, { min: low });
  const pos = () => quantity(dim, { positive: true });
  const range = <T extends { min: number; max: number }>(v: T, ctx: z.RefinementCtx) => {
    if (!(v.max > v.min)) ctx.addIssue({ code: 'custom', path: ['max'], message: `expected max above min (${v.min}), found ${v.max} (SI)` });
  };
  return z.discriminatedUnion('dist', [
    z.strictObject({ dist: z.literal('constant'), value: q() }),
    z.strictObject({ dist: z.literal('exponential'), mean: pos() }),
    z.strictObject({ dist: z.literal('uniform'), min: q(), max: q() }).superRefine(range),
    z.strictObject({ dist: z.literal('log_uniform'), min: pos(), max: pos() }).superRefine(range),
    z.strictObject({ dist: z.literal('log_normal'), mean: pos(), sd: pos() }),
    z.strictObject({
      dist: z.literal('normal'), mean: quantity(dim), sd: pos(),
      /** Truncation bounds (default: the field's smallest value, and mean + 10 sd). */
      min: q().optional(), max: q().optional(),
    }).transform((v, ctx) => {
      const min = v.min ?? low, max = v.max ?? Math.max(min, v.mean) + 10 * v.sd;
      if (!(max > min)) ctx.addIssue({ code: 'custom', path: ['max'], message: `expected max above min (${min}), found ${max} (SI)` });
      return { dist: 'normal' as const, mean: v.mean, sd: v.sd, min, max };
    }),
    z.strictObject({
      dist: z.literal('empirical'),
      values: z.array(q()).min(1).max(MAX_EMPIRICAL_VALUES),
      /** Relative weight of each value (default: equal). */
      weights: z.array(z.number().min(0).max(1e12)).max(MAX_EMPIRICAL_VALUES).optional(),
    }).superRefine((v, ctx) => {
      if (v.weights && v.weights.length !== v.values.length) ctx.addIssue({ code: 'custom', path: ['weights'], message: `expected ${v.values.length} weights (one per value), found ${v.weights.length}` });
      else if (v.weights && !(v.weights.reduce((a, b) => a + b, 0) > 0)) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'expected at least one positive weight' });
    }),
  ]);
}

/**
 * A field that is either a plain quantity (returned as the SI number) or a distribution object. One
 * transform picks the branch by shape, so an error names the field the user got wrong (`….max`), not
 * "no union member matched".
 */
export function distributed(dim: Dimension, low = 0, plain: z.ZodType<number, unknown> = quantity(dim, { positive: true })) {
  const obj = objects(dim, low);
  return z.any().describe(`a ${dim} quantity, or { dist: uniform | log_uniform | log_normal | normal | exponential | empirical | constant, … } (docs/scenario-format.md)`)
    .transform((raw, ctx): number | DistributionSpec => {
      const isObject = raw !== null && typeof raw === 'object' && !Array.isArray(raw);
      const r = isObject ? obj.safeParse(raw) : plain.safeParse(raw);
      if (r.success) return r.data as number | DistributionSpec;
      for (const i of r.error.issues) ctx.addIssue({ code: 'custom', path: i.path as (string | number)[], message: i.code === 'invalid_union' ? 'expected "dist" to be one of constant, exponential, uniform, log_uniform, log_normal, normal, empirical' : i.message });
      return z.NEVER;
    });
}
