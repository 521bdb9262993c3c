import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compileExpression, EXPR_LIMITS } from '../../sim/scenario/expr'
import * as restrictedMath from '../../sim/scenario/math'

/** Compile (expecting success) and evaluate once. */
function ev(src: string, symbols: string[] = [], scope: number[] = []): number {
  const r = compileExpression(src, symbols)
  if (!r.ok) throw new Error(`expected ok for ${src}: ${r.message}`)
  return r.fn(scope)
}

/** Compile expecting failure; returns the message. */
function rejected(src: string, symbols: string[] = ['t']): string {
  const r = compileExpression(src, symbols)
  expect(r.ok, `should reject ${src.slice(0, 40)}`).toBe(false)
  return r.ok ? '' : r.message
}

describe('compileExpression: allowed grammar', () => {
  it('evaluates a load profile like the real scenario files', () => {
    const r = compileExpression('0.6 + 0.3*sin(2*pi*t/86400)', ['t'])
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.symbols).toEqual(['t'])
    expect(r.used).toEqual(['t'])
    expect(r.fn([0])).toBeCloseTo(0.6, 14)
    expect(r.fn([21_600])).toBeCloseTo(0.9, 14) // quarter day: sin = 1
    expect(r.fn(new Float64Array([64_800]))).toBeCloseTo(0.3, 14) // three quarters: sin = -1
  })

  it('follows operator precedence and associativity', () => {
    expect(ev('1 + 2 * 3')).toBe(7)
    expect(ev('(1 + 2) * 3')).toBe(9)
    expect(ev('2 ^ 3 ^ 2')).toBe(512) // right-associative
    expect(ev('-2 ^ 2')).toBe(-4) // mathjs: unary minus binds looser than ^
    expect(ev('10 / 4 - 1')).toBe(1.5)
    expect(ev('+3')).toBe(3)
    expect(ev('50%')).toBe(0.5) // mathjs percent literal = 50/100
    expect(ev('7 mod 3')).toBe(1)
    expect(ev('-7 mod 3')).toBe(2) // floored, like mathjs
    expect(ev('2x', ['x'], [4])).toBe(8) // implicit multiplication with a declared symbol
  })

  it('evaluates comparisons, logic and conditionals as 1/0', () => {
    const sym = ['a', 'b']
    expect(ev('a < b', sym, [1, 2])).toBe(1)
    expect(ev('a >= b', sym, [1, 2])).toBe(0)
    expect(ev('a == b', sym, [2, 2])).toBe(1)
    expect(ev('a != b', sym, [2, 2])).toBe(0)
    expect(ev('a <= b and b > 0', sym, [1, 2])).toBe(1)
    expect(ev('a > b or not b', sym, [1, 0])).toBe(1)
    expect(ev('0 < a < b', sym, [1, 2])).toBe(1) // chained comparison
    expect(ev('0 < a < b', sym, [3, 2])).toBe(0)
    expect(ev('a > 1 ? 10 : 20', sym, [2, 0])).toBe(10)
    expect(ev('a > 1 ? 10 : 20', sym, [0, 0])).toBe(20)
  })

  it('implements every allowed function', () => {
    const x = 0.3
    const cases: [string, number][] = [
      ['sin(0.3)', Math.sin(x)],
      ['cos(0.3)', Math.cos(x)],
      ['tan(0.3)', Math.tan(x)],
      ['asin(0.3)', Math.asin(x)],
      ['acos(0.3)', Math.acos(x)],
      ['atan(0.3)', Math.atan(x)],
      ['atan2(1, 2)', Math.atan2(1, 2)],
      ['sinh(0.3)', Math.sinh(x)],
      ['cosh(0.3)', Math.cosh(x)],
      ['tanh(0.3)', Math.tanh(x)],
      ['exp(2)', Math.E ** 2],
      ['log(e)', 1],
      ['log(8, 2)', 3],
      ['log10(1000)', 3],
      ['log2(8)', 3],
      ['sqrt(16)', 4],
      ['cbrt(27)', 3],
      ['abs(-3)', 3],
      ['sign(-3)', -1],
      ['min(3, 1, 2)', 1],
      ['max(3, 1, 2)', 3],
      ['floor(2.7)', 2],
      ['ceil(2.1)', 3],
      ['round(2.5)', 3],
      ['round(-2.5)', -3], // half away from zero, like mathjs
      ['round(3.14159, 2)', 3.14],
      ['mod(7, 3)', 1],
      ['mod(7, 0)', 7], // mathjs convention
      ['pow(2, 10)', 1024],
      ['hypot(3, 4)', 5],
      ['clamp(5, 0, 1)', 1],
      ['clamp(-5, 0, 1)', 0],
      ['clamp(0.5, 0, 1)', 0.5],
      ['tau / pi', 2],
      ['max(1, 2, 3, 4, 5)', 5],
    ]
    for (const [src, expected] of cases) expect(ev(src), src).toBeCloseTo(expected, 12)
  })

  it('returns NaN (never Infinity) for non-finite results', () => {
    expect(ev('1e308^1e308')).toBeNaN()
    expect(ev('1 / t', ['t'], [0])).toBeNaN()
    expect(ev('sqrt(-1)')).toBeNaN()
    expect(ev('log(0)')).toBeNaN()
    expect(ev('t', ['t'], [])).toBeNaN() // missing scope value
    expect(ev('1 / (1e308^1e308)')).toBe(0) // only the final result is guarded
  })

  it('lets declared symbols shadow constants and reports used symbols', () => {
    expect(ev('e * 2', ['e'], [5])).toBe(10)
    const r = compileExpression('a + 1', ['a', 'b'])
    expect(r.ok && r.used).toEqual(['a'])
  })

  it('is fast enough to sample a million times', () => {
    const r = compileExpression('0.6 + 0.3*sin(2*pi*t/86400) * (t > 3600 ? 1 : 0.5)', ['t'])
    if (!r.ok) throw new Error(r.message)
    const scope = new Float64Array(1)
    let acc = 0
    for (let i = 0; i < 1_000_000; i++) {
      scope[0] = i
      acc += r.fn(scope)
    }
    expect(Number.isFinite(acc)).toBe(true)
  })
})

describe('the shared mathjs instance', () => {
  it('is never exported; only narrow helpers are', () => {
    expect(Object.keys(restrictedMath).sort()).toEqual(['isKnownUnitName', 'makeUnit', 'parseExpressionAst', 'parseUnit'])
  })

  it('keeps working for our own parse/unit after the public ones are disabled', () => {
    expect(restrictedMath.parseExpressionAst('1 + t').type).toBe('OperatorNode')
    expect(restrictedMath.parseUnit('1 gpm').toNumber('L/min')).toBeCloseTo(3.785411784, 12)
    expect(restrictedMath.makeUnit(305.15, 'K').toNumber('degC')).toBeCloseTo(32, 12)
    expect(restrictedMath.isKnownUnitName('kW')).toBe(true)
    expect(restrictedMath.isKnownUnitName('t')).toBe(true) // tonne: why "2 t" is fine only when t is declared
    expect(restrictedMath.isKnownUnitName('load')).toBe(false)
  })
})

describe('compileExpression: hostile input is rejected with a clear message', () => {
  it.each<[string, RegExp]>([
    ['import({}, {})', /function "import" is not allowed/],
    ['createUnit("x")', /function "createUnit" is not allowed/],
    ['evaluate("1")', /function "evaluate" is not allowed/],
    ['parse("1")', /function "parse" is not allowed/],
    ['f(x) = x', /function definitions/],
    ['a = 1', /assignments/],
    ['[1,2]', /lists/],
    ['{a:1}', /objects/],
    ['"str"', /text strings/],
    ['t.constructor', /property access/],
    ['cos.constructor("return process")()', /cannot parse expression: Value expected/],
    ['cos.constructor("return process")', /only calls of named functions/],
    ['sin(t)[1]', /indexing/],
    ['t.sin(1)', /property access|named functions/],
    ['2 m', /"m" looks like a unit/],
    ['5 kW + t', /"kW" looks like a unit/],
    ['factorial(1e6)', /function "factorial" is not allowed/],
    ['5!', /operator "!" is not allowed/],
    ['1 to cm', /operator "to"/],
    ['t & 1', /operator "&"/],
    ["t'", /operator "'"/],
    ['1:3', /ranges/],
    ['t; t', /only one expression/],
    ['y + 1', /unknown symbol "y" \(declared symbols: t/],
    ['constructor', /unknown symbol "constructor"/],
    ['__proto__', /unknown symbol "__proto__"/],
    ['sin', /must be called/],
    ['true', /not allowed/],
    ['null', /not allowed/],
    ['NaN', /not finite/],
    ['Infinity', /not finite/],
    ['1e999', /not finite/],
    ['i', /unknown symbol "i"/],
    ['sin(1, 2)', /takes 1 argument/],
    ['clamp(1, 2)', /takes 3 argument/],
    ['1 +', /cannot parse/],
    ['', /empty/],
  ])('%s', (src, message) => {
    expect(rejected(src)).toMatch(message)
  })

  it('rejects a 10,000-character string before parsing', () => {
    expect(rejected('1+'.repeat(5000))).toMatch(/10000 characters long; at most 1000 allowed/)
  })

  it('rejects 5,000 nested parentheses without a stack overflow', () => {
    expect(rejected('('.repeat(5000) + 't' + ')'.repeat(5000))).toMatch(/characters/)
    // Within the length limit but deeper than the depth limit; mathjs's
    // recursive parser overflows the stack at ~500 levels.
    expect(rejected('('.repeat(400) + 't' + ')'.repeat(400))).toMatch(/nested more than 32/)
    expect(rejected('('.repeat(33) + 't' + ')'.repeat(33))).toMatch(/nested more than 32/)
  })

  it('rejects deep trees without brackets and too many nodes', () => {
    expect(rejected('-'.repeat(40) + 't')).toMatch(/nested more than 32/)
    expect(rejected(Array(120).fill('t').join('+'))).toMatch(/nested more than 32/) // left-leaning chain
    expect(rejected(`max(${Array(250).fill('t').join(',')})`)).toMatch(/more than 200 parts/)
    expect(EXPR_LIMITS).toEqual({ maxChars: 1000, maxNodes: 200, maxDepth: 32 })
  })

  it('rejects bad symbol declarations', () => {
    expect(compileExpression('1', ['a b'])).toMatchObject({ ok: false })
    expect(compileExpression('1', ['t', 't'])).toMatchObject({ ok: false })
  })

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (src) => {
        const r = compileExpression(src, ['t'])
        if (r.ok) expect(typeof r.fn([1])).toBe('number')
      }),
      { numRuns: 2000 },
    )
  })

  it('never throws on strings built from grammar pieces', () => {
    const piece = fc.constantFrom('t', '1', '(', ')', '+', '-', '*', '/', '^', 'sin(', ',', '?', ':', '<', 'and', ' ', '.', '[', ']', '"', '=', 'e', 'pi', '!', '%', 'mod')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const r = compileExpression(parts.join(''), ['t'])
        if (r.ok) {
          const v = r.fn([0.5])
          expect(Number.isNaN(v) || Number.isFinite(v)).toBe(true)
        }
      }),
      { numRuns: 3000 },
    )
  })
})
