/**
 * Zod building blocks for quantities with units. The file keeps what the user wrote (`"132 kW"`);
 * the validated scenario holds the SI number. Conversion happens here and nowhere else.
 */
import { z } from 'zod';
import { parseQuantity, formatQuantity, DIMENSION_INFO, type Dimension } from './units';

/** Registry tag read by the JSON Schema generator (see jsonSchema.ts). */
export interface QuantityMeta {
  dimension: Dimension;
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

const quantityMeta = z.registry<QuantityMeta>();
export { quantityMeta };

interface Bounds {
  min?: number;
  max?: number;
  /** Strictly greater than min (capacities, volumes). */
  positive?: boolean;
}

function describeBound(dim: Dimension, b: Bounds): string {
  const noun = DIMENSION_INFO[dim].noun.replace(/^(a|an) /, '');
  const f = (v: number) => (dim === 'fraction' || dim === 'dimensionless' ? String(v) : formatQuantity(v, dim));
  if (b.positive && b.max !== undefined) return `a positive ${noun} of at most ${f(b.max)}`;
  if (b.positive) return `a positive ${noun}`;
  if (b.min !== undefined && b.max !== undefined) return `a ${noun} between ${f(b.min)} and ${f(b.max)}`;
  if (b.min !== undefined) return `a ${noun} of at least ${f(b.min)}`;
  return `a ${noun} of at most ${f(b.max!)}`;
}

const MAX_MAGNITUDE = 1e15;

/** A quantity of the given dimension, converted to SI; bounds are checked on the SI value. */
export function quantity(dim: Dimension, bounds: Bounds = {}) {
  const schema = z.any().transform((raw, ctx): number => {
    const r = parseQuantity(raw, dim);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `expected ${r.expected}, found ${r.found}` });
      return z.NEVER;
    }
    const v = r.value;
    const low = bounds.min ?? (bounds.positive ? 0 : undefined);
    const bad =
      (low !== undefined && (bounds.positive ? v <= low : v < low)) ||
      (bounds.max !== undefined && v > bounds.max);
    if (bad) {
      ctx.addIssue({
        code: 'custom',
        message: `expected ${describeBound(dim, bounds)}, found ${JSON.stringify(raw)}`,
      });
      return z.NEVER;
    }
    // No real quantity of a data hall is near 1e15 in SI units (1 PW, 1 PJ, 30 million years, 1e15 m³);
    // beyond it, products such as volume·density·cp overflow to Infinity in the engine.
    if (Math.abs(v) > MAX_MAGNITUDE) {
      ctx.addIssue({ code: 'custom', message: `expected ${DIMENSION_INFO[dim].noun} of a real size (at most 1e15 in SI units), found ${JSON.stringify(raw)}` });
      return z.NEVER;
    }
    return v;
  });
  const meta: QuantityMeta = { dimension: dim };
  if (bounds.min !== undefined) meta.min = bounds.min;
  else if (bounds.positive) { meta.min = 0; meta.exclusiveMin = true; }
  if (bounds.max !== undefined) meta.max = bounds.max;
  quantityMeta.add(schema, meta);
  return schema;
}

/**
 * An absolute temperature within a plausible range given in °C (checked on the SI value in K). The models
 * are single-phase water and air: a liquid setpoint past ~90 °C or an air temperature past 60 °C is a typo,
 * not a design, and a confident answer for it would be wrong.
 */
export const temperature = (minC: number, maxC: number) => quantity('temperature', { min: minC + 273.15, max: maxC + 273.15 });

export const fraction = () => quantity('fraction', { min: 0, max: 1 });
export const positive = (dim: Dimension) => quantity(dim, { positive: true });
export const nonNegative = (dim: Dimension) => quantity(dim, { min: 0 });

/** Identifiers: short, printable, safe as map keys and in probe names. */
export const id = () =>
  z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, {
      message: 'expected an id: a letter, then letters, digits, "-" or "_" (at most 64)',
    });

export const count = (max: number, min = 0) => z.number().int().min(min).max(max);
