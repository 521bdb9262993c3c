/**
 * A profile over time from a file's expression of `t` (s), clamped to [lo, hi]. A non-finite value
 * (`1/0`, `log(0)`, `1/(t-3600)` at 3600 s) is an error naming the field: at load when t = 0 already gives
 * one, else an EngineError the moment the run meets it. It never reads as 0.
 */
import { compileExpression } from './expr';
import { EngineError } from './issues';

export type Profile = (t: number) => number;

export function compileProfile(src: string, lo: number, hi: number, field: string): { ok: true; fn: Profile } | { ok: false; message: string } {
  const c = compileExpression(src, ['t']);
  if (!c.ok) return c;
  const scope = new Float64Array(1);
  const f = c.fn;
  const fn: Profile = (t) => {
    scope[0] = t;
    const v = f(scope);
    if (!Number.isFinite(v)) throw new EngineError('expression', `"${src}"`, v, field, '', t);
    return Math.min(hi, Math.max(lo, v));
  };
  scope[0] = 0;
  const v0 = f(scope);
  if (!Number.isFinite(v0)) return { ok: false, message: `expected an expression with a finite value, found ${v0} at t = 0 s for "${src}"` };
  return { ok: true, fn };
}
