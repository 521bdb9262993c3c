/**
 * kernel/math.ts: the engine's elementary functions are engine-independent (fdlibm ports in plain
 * arithmetic) and as accurate as the host's. Agreement with Math.* to 2 ulp-ish (relative 4.5e-16, or an
 * absolute 1e-300 near zero) over seeded random arguments in each function's useful range; and no
 * Math.<transcendental> left anywhere in sim/, where it would reintroduce host-dependent last bits.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dmath } from '../../sim/kernel/math';
import { Rng } from '../../sim/kernel/rng';

const close = (a: number, b: number) => a === b || Math.abs(a - b) <= 4.5e-16 * Math.max(Math.abs(a), Math.abs(b)) || Math.abs(a - b) < 1e-300;

describe('deterministic elementary functions', () => {
  const rng = new Rng(42, 'math-test');
  const cases: [keyof typeof dmath, (x: number) => number, number, number][] = [
    ['exp', Math.exp, -700, 700], ['log', Math.log, 1e-300, 1e300], ['sin', Math.sin, -1e5, 1e5], ['cos', Math.cos, -1e5, 1e5],
    ['tan', Math.tan, -1.5, 1.5], ['asin', Math.asin, -1, 1], ['acos', Math.acos, -1, 1], ['atan', Math.atan, -1e3, 1e3],
    ['sinh', Math.sinh, -50, 50], ['cosh', Math.cosh, -50, 50], ['tanh', Math.tanh, -20, 20],
    ['log10', Math.log10, 1e-300, 1e300], ['log2', Math.log2, 1e-300, 1e300], ['cbrt', Math.cbrt, -1e6, 1e6],
  ];
  it.each(cases)('%s agrees with Math to rounding', (name, ref, lo, hi) => {
    const f = dmath[name] as (x: number) => number;
    const log = lo > 0;
    for (let i = 0; i < 5000; i++) {
      const u = rng.next();
      const x = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
      if (!close(f(x), ref(x))) expect.fail(`${name}(${x}) = ${f(x)}, Math gives ${ref(x)}`);
    }
  });
  it('pow, atan2 and hypot agree with Math; edge cases follow IEEE 754', () => {
    for (let i = 0; i < 5000; i++) {
      const x = rng.uniform(0, 100), y = rng.uniform(-10, 10);
      expect(close(dmath.pow(x, y), Math.pow(x, y)), `pow(${x}, ${y})`).toBe(true);
      expect(close(dmath.atan2(y, x - 50), Math.atan2(y, x - 50))).toBe(true);
      expect(Math.abs(dmath.hypot(x, y, 3) - Math.hypot(x, y, 3)) <= 4.5e-16 * 2 * Math.hypot(x, y, 3), `hypot(${x}, ${y}, 3)`).toBe(true);
    }
    expect(dmath.log(0)).toBe(-Infinity);
    expect(dmath.log(-1)).toBeNaN();
    expect(dmath.exp(1000)).toBe(Infinity);
    expect(dmath.pow(2, 10)).toBe(1024);
    expect(dmath.pow(0, -1)).toBe(Infinity);
  });
});

describe('no host transcendental in the engine', () => {
  it('sim/ calls Math.<log|exp|sin|…> nowhere but through kernel/math.ts', () => {
    const SIM = new URL('../../sim/', import.meta.url).pathname;
    const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : f.endsWith('.ts') ? [join(d, f)] : []));
    const banned = /\bMath\.(log|log10|log2|log1p|exp|expm1|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|asinh|acosh|atanh|pow|cbrt|hypot)\b|[\w)\]]\s*\*\*\s*(?!\d+\b)[\w(]/; // `**` with a literal integer exponent is exact
    for (const f of files(SIM)) {
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return;
        const code = line.replace(/\b(2|10)\s*\*\*\s*(\w+|\([^)]*\))/g, '2'); // integer powers of 2 and 10 (to 10^22) are exact
        expect(banned.test(code), `${f}:${i + 1}: ${line.trim()}`).toBe(false);
      });
    }
  });
});
