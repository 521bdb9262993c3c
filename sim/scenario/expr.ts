// Restricted arithmetic expressions for scenario files, e.g. a load profile
// "0.6 + 0.3*sin(2*pi*t/86400)".
//
// Why not mathjs evaluate/compile: expressions come from untrusted files and
// may be sampled millions of times. We use mathjs only to PARSE; then we walk
// the AST once, reject anything outside a small allow-list, and build plain JS
// closures over Math.*. The closures can only do arithmetic on numbers, so
// there is nothing to escape to, and they are fast.

import { isKnownUnitName, parseExpressionAst } from './math'
import { dmath } from '../kernel/math'

export const EXPR_LIMITS = { maxChars: 1000, maxNodes: 200, maxDepth: 32 } as const

export type CompiledExpression = {
  ok: true
  /** Evaluate with scope values in the order of `symbols`. Non-finite results come back as NaN. */
  fn: (scope: Float64Array | number[]) => number
  /** The declared symbols, i.e. the scope layout. */
  symbols: string[]
  /** The declared symbols the expression actually uses. */
  used: string[]
}
export type CompileResult = CompiledExpression | { ok: false; message: string }

type Scope = ArrayLike<number>
type Fn = (s: Scope) => number

const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E, tau: 2 * Math.PI }

const truthy = (x: number): boolean => x !== 0 && !Number.isNaN(x)
const b = (x: boolean): number => (x ? 1 : 0)

// mathjs conventions where they differ from Math.*: floored modulo with
// mod(x, 0) = x, and round half away from zero with optional decimals.
function mod(x: number, y: number): number {
  return y === 0 ? x : x - y * Math.floor(x / y)
}
function round(x: number, n = 0): number {
  if (!Number.isInteger(n) || n < 0 || n > 15) return NaN
  const f = 10 ** n
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f
}
/** Own-property lookup, so names like "constructor" never hit Object.prototype. */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

/** Allowed functions: implementation and [min, max] argument count. */
const FUNCTIONS: Readonly<Record<string, { f: (...xs: number[]) => number; min: number; max: number }>> = {
  sin: { f: dmath.sin, min: 1, max: 1 },
  cos: { f: dmath.cos, min: 1, max: 1 },
  tan: { f: dmath.tan, min: 1, max: 1 },
  asin: { f: dmath.asin, min: 1, max: 1 },
  acos: { f: dmath.acos, min: 1, max: 1 },
  atan: { f: dmath.atan, min: 1, max: 1 },
  atan2: { f: dmath.atan2, min: 2, max: 2 },
  sinh: { f: dmath.sinh, min: 1, max: 1 },
  cosh: { f: dmath.cosh, min: 1, max: 1 },
  tanh: { f: dmath.tanh, min: 1, max: 1 },
  exp: { f: dmath.exp, min: 1, max: 1 },
  // log(x) is natural log; log(x, base) like mathjs.
  log: { f: (x: number, base?: number) => (base === undefined ? dmath.log(x) : dmath.log(x) / dmath.log(base)), min: 1, max: 2 },
  log10: { f: dmath.log10, min: 1, max: 1 },
  log2: { f: dmath.log2, min: 1, max: 1 },
  sqrt: { f: Math.sqrt, min: 1, max: 1 },
  cbrt: { f: dmath.cbrt, min: 1, max: 1 },
  abs: { f: Math.abs, min: 1, max: 1 },
  sign: { f: Math.sign, min: 1, max: 1 },
  min: { f: Math.min, min: 1, max: Infinity },
  max: { f: Math.max, min: 1, max: Infinity },
  floor: { f: Math.floor, min: 1, max: 1 },
  ceil: { f: Math.ceil, min: 1, max: 1 },
  round: { f: round, min: 1, max: 2 },
  mod: { f: mod, min: 2, max: 2 },
  pow: { f: dmath.pow, min: 2, max: 2 },
  hypot: { f: dmath.hypot, min: 1, max: Infinity },
  clamp: { f: (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi), min: 3, max: 3 },
}

const BINARY: Readonly<Record<string, (x: number, y: number) => number>> = {
  add: (x, y) => x + y,
  subtract: (x, y) => x - y,
  multiply: (x, y) => x * y,
  divide: (x, y) => x / y,
  pow: dmath.pow,
  mod,
  smaller: (x, y) => b(x < y),
  larger: (x, y) => b(x > y),
  smallerEq: (x, y) => b(x <= y),
  largerEq: (x, y) => b(x >= y),
  // Exact comparison (mathjs uses a relative tolerance; exact is predictable).
  equal: (x, y) => b(x === y),
  unequal: (x, y) => b(x !== y),
}
const LOGICAL = new Set(['and', 'or'])
const UNARY: Readonly<Record<string, (x: number) => number>> = {
  unaryMinus: (x) => -x,
  unaryPlus: (x) => x,
  not: (x) => b(!truthy(x)),
}
const COMPARISONS = new Set(['smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal'])

const FORBIDDEN_NODES: Readonly<Record<string, string>> = {
  AssignmentNode: 'assignments like "a = 1" are not allowed',
  FunctionAssignmentNode: 'function definitions like "f(x) = x" are not allowed',
  AccessorNode: 'property access and indexing like "x.constructor" or "x[1]" are not allowed',
  IndexNode: 'indexing like "x[1]" is not allowed',
  ArrayNode: 'lists like "[1, 2]" are not allowed',
  ObjectNode: 'objects like "{a: 1}" are not allowed',
  RangeNode: 'ranges like "1:3" are not allowed',
  BlockNode: 'only one expression is allowed (no ";" or line breaks)',
}

/** Loose structural view of a mathjs node: we check every field at run time. */
interface AnyNode {
  type: string
  [k: string]: unknown
}
const isNode = (x: unknown): x is AnyNode =>
  typeof x === 'object' && x !== null && typeof (x as { type?: unknown }).type === 'string'

function snippet(node: AnyNode): string {
  try {
    const s = String(node.toString())
    return s.length > 40 ? s.slice(0, 39) + '…' : s
  } catch {
    return node.type
  }
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Bracket nesting depth by an iterative scan, so hostile input never reaches the recursive parser. */
function bracketDepth(src: string): number {
  let depth = 0
  let max = 0
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i)
    if (c === 40 || c === 91 || c === 123) max = Math.max(max, ++depth) // ( [ {
    else if (c === 41 || c === 93 || c === 125) depth-- // ) ] }
  }
  return max
}

/** Children of an allowed node, or an error message for anything else. */
function validate(node: AnyNode, declared: ReadonlyMap<string, number>): AnyNode[] | string {
  const kids = (...xs: unknown[]): AnyNode[] | string =>
    xs.every(isNode) ? (xs as AnyNode[]) : `malformed ${node.type}`
  switch (node.type) {
    case 'ConstantNode': {
      const v = node.value
      if (typeof v === 'number') return Number.isFinite(v) ? [] : `the number ${String(v)} is not finite`
      if (typeof v === 'string') return `text strings like ${JSON.stringify(v.slice(0, 20))} are not allowed`
      return `"${String(v)}" is not allowed; use plain numbers (1 or 0 for true/false)`
    }
    case 'SymbolNode': {
      const name = String(node.name)
      if (declared.has(name) || own(CONSTANTS, name) !== undefined) return []
      const known = [...declared.keys()].join(', ') || 'none'
      if (own(FUNCTIONS, name)) return `function "${name}" must be called with arguments, like ${name}(x)`
      if (isKnownUnitName(name)) {
        return `"${name}" looks like a unit; units are not allowed in expressions, which work on plain SI numbers (declared symbols: ${known})`
      }
      return `unknown symbol "${name}" (declared symbols: ${known}; constants: pi, e, tau)`
    }
    case 'ParenthesisNode':
      return kids(node.content)
    case 'ConditionalNode':
      return kids(node.condition, node.trueExpr, node.falseExpr)
    case 'OperatorNode': {
      const fn = String(node.fn)
      const args = Array.isArray(node.args) ? (node.args as unknown[]) : []
      const ok =
        (args.length === 2 && (own(BINARY, fn) !== undefined || LOGICAL.has(fn))) ||
        (args.length === 1 && own(UNARY, fn) !== undefined)
      if (!ok) return `operator "${String(node.op)}" is not allowed in "${snippet(node)}"`
      return kids(...args)
    }
    case 'RelationalNode': {
      const conds = Array.isArray(node.conditionals) ? (node.conditionals as unknown[]) : []
      const params = Array.isArray(node.params) ? (node.params as unknown[]) : []
      if (!conds.every((c) => COMPARISONS.has(String(c))) || params.length !== conds.length + 1) {
        return `comparison "${snippet(node)}" is not allowed`
      }
      return kids(...params)
    }
    case 'FunctionNode': {
      const fnNode = node.fn
      if (!isNode(fnNode) || fnNode.type !== 'SymbolNode') {
        return `only calls of named functions like sin(x) are allowed, not "${snippet(node)}"`
      }
      const name = String(fnNode.name)
      const spec = own(FUNCTIONS, name)
      if (!spec) return `function "${name}" is not allowed (allowed: ${Object.keys(FUNCTIONS).join(', ')})`
      const args = Array.isArray(node.args) ? (node.args as unknown[]) : []
      if (args.length < spec.min || args.length > spec.max) {
        const want = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} or ${spec.max}`
        return `function "${name}" takes ${want} argument(s), got ${args.length}`
      }
      return kids(...args)
    }
    default:
      return own(FORBIDDEN_NODES, node.type) ?? `"${snippet(node)}" (${node.type}) is not allowed`
  }
}

/**
 * Build a closure for a validated node. Recursion is safe: depth <= maxDepth.
 * Sub-trees without symbols are folded into constants once.
 */
function build(node: AnyNode, declared: ReadonlyMap<string, number>, used: Set<string>): { f: Fn; k?: number } {
  const fold = (f: Fn, parts: { k?: number }[]): { f: Fn; k?: number } => {
    if (!parts.every((p) => p.k !== undefined)) return { f }
    const k = f([])
    return { f: () => k, k }
  }
  const sub = (x: unknown) => build(x as AnyNode, declared, used)
  switch (node.type) {
    case 'ConstantNode': {
      const k = node.value as number
      return { f: () => k, k }
    }
    case 'SymbolNode': {
      const name = String(node.name)
      const i = declared.get(name)
      if (i !== undefined) {
        used.add(name)
        return { f: (s) => s[i] ?? NaN }
      }
      const k = CONSTANTS[name] as number
      return { f: () => k, k }
    }
    case 'ParenthesisNode':
      return sub(node.content)
    case 'ConditionalNode': {
      const c = sub(node.condition)
      const t = sub(node.trueExpr)
      const e = sub(node.falseExpr)
      const cf = c.f
      const tf = t.f
      const ef = e.f
      return fold((s) => (truthy(cf(s)) ? tf(s) : ef(s)), [c, t, e])
    }
    case 'OperatorNode': {
      const fn = String(node.fn)
      const parts = (node.args as unknown[]).map(sub)
      const [x, y] = parts.map((p) => p.f) as [Fn, Fn]
      if (parts.length === 1) {
        const op = UNARY[fn] as (x: number) => number
        return fold((s) => op(x(s)), parts)
      }
      if (fn === 'and') return fold((s) => b(truthy(x(s)) && truthy(y(s))), parts)
      if (fn === 'or') return fold((s) => b(truthy(x(s)) || truthy(y(s))), parts)
      const op = BINARY[fn] as (x: number, y: number) => number
      return fold((s) => op(x(s), y(s)), parts)
    }
    case 'RelationalNode': {
      const parts = (node.params as unknown[]).map(sub)
      const fs = parts.map((p) => p.f)
      const ops = (node.conditionals as string[]).map((c) => BINARY[c] as (x: number, y: number) => number)
      return fold((s) => {
        let prev = (fs[0] as Fn)(s)
        for (let i = 0; i < ops.length; i++) {
          const next = (fs[i + 1] as Fn)(s)
          if (!(ops[i] as (x: number, y: number) => number)(prev, next)) return 0
          prev = next
        }
        return 1
      }, parts)
    }
    case 'FunctionNode': {
      const spec = FUNCTIONS[String((node.fn as AnyNode).name)] as { f: (...xs: number[]) => number }
      const parts = (node.args as unknown[]).map(sub)
      const fs = parts.map((p) => p.f)
      const f = spec.f
      // Fixed-arity fast paths avoid allocating an argument array per call.
      if (fs.length === 1) {
        const [a] = fs as [Fn]
        return fold((s) => f(a(s)), parts)
      }
      if (fs.length === 2) {
        const [a, c] = fs as [Fn, Fn]
        return fold((s) => f(a(s), c(s)), parts)
      }
      if (fs.length === 3) {
        const [a, c, d] = fs as [Fn, Fn, Fn]
        return fold((s) => f(a(s), c(s), d(s)), parts)
      }
      return fold((s) => f(...fs.map((g) => g(s))), parts)
    }
    default:
      throw new Error(`unreachable: ${node.type}`)
  }
}

/**
 * Validate and compile an expression over the declared symbols. Never throws.
 * Scope values are passed in the order of `symbols`.
 */
export function compileExpression(src: string, symbols: readonly string[]): CompileResult {
  try {
    return compileUnsafe(src, symbols)
  } catch (e) {
    return { ok: false, message: `invalid expression: ${e instanceof Error ? e.message : String(e)}` }
  }
}

function compileUnsafe(src: string, symbols: readonly string[]): CompileResult {
  const fail = (message: string): CompileResult => ({ ok: false, message })
  if (typeof src !== 'string') return fail('expression must be a text string')
  if (src.length > EXPR_LIMITS.maxChars) {
    return fail(`expression is ${src.length} characters long; at most ${EXPR_LIMITS.maxChars} allowed`)
  }
  if (src.trim() === '') return fail('expression is empty')
  const declared = new Map<string, number>()
  for (const [i, name] of symbols.entries()) {
    if (!IDENT.test(name)) return fail(`symbol name ${JSON.stringify(name)} is not a plain identifier`)
    if (declared.has(name)) return fail(`symbol "${name}" is declared twice`)
    declared.set(name, i)
  }
  if (bracketDepth(src) > EXPR_LIMITS.maxDepth) {
    return fail(`brackets are nested more than ${EXPR_LIMITS.maxDepth} levels deep`)
  }

  let root: unknown
  try {
    root = parseExpressionAst(src)
  } catch (e) {
    // Syntax errors, and RangeError if the recursive-descent parser ever runs out of stack.
    const msg = e instanceof RangeError ? 'expression is too deeply nested' : e instanceof Error ? e.message : String(e)
    return fail(`cannot parse expression: ${msg}`)
  }
  if (!isNode(root)) return fail('cannot parse expression')

  // Iterative walk: count nodes, bound depth, check every node.
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 1 }]
  let count = 0
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: AnyNode; depth: number }
    if (++count > EXPR_LIMITS.maxNodes) return fail(`expression is too large (more than ${EXPR_LIMITS.maxNodes} parts)`)
    if (depth > EXPR_LIMITS.maxDepth) return fail(`expression is nested more than ${EXPR_LIMITS.maxDepth} levels deep`)
    const children = validate(node, declared)
    if (typeof children === 'string') return fail(children)
    for (const c of children) stack.push({ node: c, depth: depth + 1 })
  }

  const used = new Set<string>()
  const body = build(root, declared, used).f
  const fn = (scope: Float64Array | number[]): number => {
    const v = body(scope)
    return Number.isFinite(v) ? v : NaN
  }
  return { ok: true, fn, symbols: [...symbols], used: symbols.filter((s) => used.has(s)) }
}
