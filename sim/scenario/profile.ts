/** A profile over time from a file's expression of `t` (s), clamped to [lo, hi]; non-finite values read as 0. */
import { compileExpression } from './expr';

export type Profile = (t: number) => number;

export function compileProfile(src: string, lo: number, hi: number): { ok: true; fn: Profile } | { ok: false; message: string } {
  const c = compileExpression(src, ['t']);
  if (!c.ok) return c;
  const scope = new Float64Array(1);
  const fn = c.fn;
  return { ok: true, fn: (t) => { scope[0] = t; const v = fn(scope); return Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 0; } };
}
