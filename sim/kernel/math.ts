/**
 * Elementary functions that give the same bits on every JavaScript engine.
 *
 * Math.log, exp, sin, cos, pow… are not required to be correctly rounded, and V8 has changed its
 * implementations between versions: Node 20 and current Chromium return different last bits for some
 * inputs, so the same scenario and seed drifted apart between the CLI and the browser worker. These are
 * stdlib's ports of FreeBSD's msun (fdlibm) — plain JavaScript arithmetic on doubles, which IEEE 754 fixes
 * bit for bit — so results depend only on the scenario and the seed. Math.sqrt, abs, min, max, floor and
 * ceil are exact by specification and stay as they are.
 *
 * Every transcendental the engine evaluates (random draws, exchanger effectiveness, weather, expressions
 * from files) goes through here; a test keeps Math.<transcendental> out of sim/.
 */
import exp from '@stdlib/math-base-special-exp';
import ln from '@stdlib/math-base-special-ln';
import sin from '@stdlib/math-base-special-sin';
import cos from '@stdlib/math-base-special-cos';
import tan from '@stdlib/math-base-special-tan';
import asin from '@stdlib/math-base-special-asin';
import acos from '@stdlib/math-base-special-acos';
import atan from '@stdlib/math-base-special-atan';
import atan2 from '@stdlib/math-base-special-atan2';
import sinh from '@stdlib/math-base-special-sinh';
import cosh from '@stdlib/math-base-special-cosh';
import tanh from '@stdlib/math-base-special-tanh';
import log10 from '@stdlib/math-base-special-log10';
import log2 from '@stdlib/math-base-special-log2';
import cbrt from '@stdlib/math-base-special-cbrt';
import pow from '@stdlib/math-base-special-pow';

/**
 * hypot of any number of arguments: scaled by the largest magnitude (no overflow or underflow), then the
 * square root of a sum of squares — only IEEE-exact operations, so deterministic; about 1 ulp.
 */
function hypot(...xs: number[]): number {
  let m = 0;
  for (const x of xs) {
    const a = Math.abs(x);
    if (a === Infinity) return Infinity;
    if (a > m || a !== a) m = a;
  }
  if (m === 0 || m !== m) return m;
  let sum = 0;
  for (const x of xs) { const r = x / m; sum += r * r; }
  return m * Math.sqrt(sum);
}

export const dmath = { exp, log: ln, sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, log10, log2, cbrt, pow, hypot } as const;
