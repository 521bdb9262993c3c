// One shared, restricted mathjs instance for scenario units and expressions.
//
// Why restricted: scenario files come from users (or planners) and are
// untrusted. We never evaluate their text with mathjs; we only
//   - parse unit strings with `unit()` (mathjs's own small unit grammar, which
//     cannot call functions), and
//   - parse expression strings with `parse()` into an AST that expr.ts walks,
//     validates against an allow-list and compiles to plain JS closures.
// Following the mathjs "Security" guide ("less vulnerable expression parser"),
// the functions that alter the instance or turn strings into executable trees
// are replaced by throwing stubs right after we capture private references
// for our own use. The instance itself is never exported.
//
// Why a small factory set instead of `create(all)`: we only need the parser and
// the Unit type, so the bundle shipped to the Web Worker stays smaller and the
// surface an attacker could reach (if one ever got hold of the instance) is
// ~117 functions instead of ~400.

import { create, createUnitDependencies, parseDependencies, unitDependencies } from 'mathjs'
import type { FactoryFunctionMap, MathNode, Unit } from 'mathjs'

// The typings declare each *Dependencies export as possibly undefined
// (noUncheckedIndexedAccess); they always exist at run time.
const factories = { parseDependencies, unitDependencies, createUnitDependencies }
for (const [name, f] of Object.entries(factories)) {
  if (!f) throw new Error(`mathjs is missing ${name}`)
}
const math = create(factories as FactoryFunctionMap)

// Units the data-hall world uses that mathjs lacks. Defined once, before
// createUnit is disabled. (mathjs `gal` is the US liquid gallon.)
math.createUnit('gpm', '1 gal/min') // US gallons per minute
math.createUnit('lpm', '1 L/min')
math.createUnit('cfm', '1 ft^3/min') // cubic feet per minute (air flow)
math.createUnit('TR', '12000 BTU/h') // ton of refrigeration ≈ 3516.85 W

// Private references, captured before the public names are disabled.
const privateParse = math.parse.bind(math) as (expr: string) => MathNode
const privateUnit = math.unit.bind(math) as {
  (s: string): Unit
  (value: number, unit: string): Unit
}

const disabled = (name: string) => () => {
  throw new Error(`Function ${name} is disabled`)
}
// Names from the mathjs security guide plus their relatives; stubs for names
// that this small instance does not contain are harmless.
const DISABLED = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'rationalize',
  'derivative',
  'resolve',
  'parser',
  'chain',
] as const
math.import(Object.fromEntries(DISABLED.map((n) => [n, disabled(n)])), { override: true })

/** Parse an expression into a mathjs AST. Throws on syntax errors. Internal use only. */
export function parseExpressionAst(src: string): MathNode {
  return privateParse(src)
}

/** Parse a unit string like "132 kW" (throws on bad input). Internal use only. */
export function parseUnit(src: string): Unit {
  return privateUnit(src)
}

/** Build a unit from a number and a valueless unit string, e.g. (305.15, 'K'). Throws on bad unit. */
export function makeUnit(value: number, unit: string): Unit {
  return privateUnit(value, unit)
}

/** True when `name` is a unit mathjs knows (used to explain "2 m" in expressions). */
export function isKnownUnitName(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return false
  try {
    privateUnit(name)
    return true
  } catch {
    return false
  }
}

export type { MathNode, Unit }
