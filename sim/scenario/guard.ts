// Hostile-input guards for scenario text, run BEFORE schema validation.
//
// Scenario files are untrusted. The goals here: never throw, never hang for
// long, never blow the stack, and turn every problem into a
// { path, message } the user can act on (with line/column for syntax errors).
//
// Why the YAML is parsed with Lexer/Parser/Composer instead of parseDocument:
// the yaml library builds nodes recursively, and a deeply nested input such as
// 10,000 "[" overflows the stack; in one of our experiments the overflow hit
// V8's regexp compiler and aborted the whole process with a fatal OOM that no
// try/catch can catch. The CST parser is iterative, so we drive it lexeme by
// lexeme and stop as soon as its stack gets deeper than our limit, before the
// recursive composer ever sees the document (so a hostile file fails fast).

import { Composer, CST, isAlias, isMap, isScalar, isSeq, Lexer, LineCounter, Parser } from 'yaml'
import type { Document } from 'yaml'

export const LIMITS = {
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 2_000_000,
  maxStringLength: 10_000,
  maxAliasCount: 100,
} as const

export type GuardError = { path: string; message: string }
export type ParseResult = { ok: true; data: unknown; doc?: Document } | { ok: false; errors: GuardError[] }

/** Stop listing problems after this many; the first ones are what matter. */
const MAX_ERRORS = 50
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/
/**
 * Text fields that hold bulk data (a year of hourly weather is ~0.3 MB): only the file size bounds
 * them, so a file that fits in maxBytes is never refused for one of these strings.
 */
const BULK_TEXT_FIELDS: ReadonlySet<string> = new Set(['weather.data', 'workload.swf.data', 'workload.telemetry.data'])

/** `hall.rows[2].racks[5].power`; odd keys as `["odd key"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else if (IDENT.test(p)) out += out === '' ? p : `.${p}`
    else out += `[${JSON.stringify(p)}]`
  }
  return out
}

const where = (path: string) => (path === '' ? 'the top level' : path)

// ---------------------------------------------------------------- tree check

interface Item {
  v: unknown
  key: string | number | undefined
  parent: Item | undefined
  depth: number
}

function pathOf(item: Item): string {
  const keys: (string | number)[] = []
  for (let it: Item | undefined = item; it?.key !== undefined; it = it.parent) keys.push(it.key)
  return formatPath(keys.reverse())
}

function kindOf(v: unknown): string {
  if (v === undefined) return 'undefined'
  if (typeof v !== 'object' || v === null) return typeof v
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: unknown } } | null)?.constructor?.name
  return typeof name === 'string' && name !== '' ? name : 'object'
}

/**
 * Iterative walk (no recursion) of parsed data. Reports: nesting deeper than
 * maxDepth, more than maxNodes values, strings/keys longer than
 * maxStringLength (bulk data fields: maxBytes), the keys __proto__/constructor/prototype, non-finite
 * numbers, cycles (YAML aliases can make them), and anything that is not
 * null/boolean/number/string/array/plain object (Date, Buffer, Map, ...).
 */
export function checkTree(data: unknown): GuardError[] {
  const errors: GuardError[] = []
  const add = (item: Item, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path: pathOf(item), message })
  }
  const stack: Item[] = [{ v: data, key: undefined, parent: undefined, depth: 0 }]
  let count = 0
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const item = stack.pop() as Item
    const v = item.v
    if (++count > LIMITS.maxNodes) {
      errors.push({ path: '', message: `scenario has more than ${LIMITS.maxNodes} values; that is the limit` })
      break
    }
    if (v === null || typeof v === 'boolean') continue
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) add(item, `${String(v)} is not allowed at ${where(pathOf(item))}; use a finite number`)
      continue
    }
    if (typeof v === 'string') {
      if (v.length > LIMITS.maxStringLength) {
        const path = pathOf(item)
        const limit = BULK_TEXT_FIELDS.has(path) ? LIMITS.maxBytes : LIMITS.maxStringLength
        if (v.length > limit) add(item, `text at ${where(path)} is ${v.length} characters; at most ${limit} allowed`)
      }
      continue
    }
    const isArray = Array.isArray(v)
    const proto: unknown = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined
    if (!isArray && !(typeof v === 'object' && (proto === Object.prototype || proto === null))) {
      add(item, `unsupported value (${kindOf(v)}) at ${where(pathOf(item))}; only numbers, text, true/false, null, lists and maps are allowed`)
      continue
    }
    if (item.depth >= LIMITS.maxDepth) {
      add(item, `data is nested more than ${LIMITS.maxDepth} levels deep at ${where(pathOf(item))}`)
      continue
    }
    // Cycles (e.g. YAML "a: &x [1, *x]"): compare with ancestors; depth is bounded, so this is cheap.
    let cyclic = false
    for (let p = item.parent; p; p = p.parent) if (p.v === v) cyclic = true
    if (cyclic) {
      add(item, `value at ${where(pathOf(item))} contains itself (a YAML alias cycle)`)
      continue
    }
    const depth = item.depth + 1
    if (isArray) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: item, depth })
      continue
    }
    const obj = v as Record<string, unknown>
    const children: Item[] = []
    for (const k of Object.keys(obj)) {
      const child: Item = { v: undefined, key: k, parent: item, depth }
      if (FORBIDDEN_KEYS.has(k)) {
        add(child, `key "${k}" is not allowed (at ${pathOf(child)})`)
      } else if (k.length > LIMITS.maxStringLength) {
        add({ ...child, key: k.slice(0, 40) + '…' }, `key is ${k.length} characters; at most ${LIMITS.maxStringLength} allowed`)
      } else {
        // Read via the descriptor so no getter or prototype lookup runs.
        child.v = Object.getOwnPropertyDescriptor(obj, k)?.value
        children.push(child)
      }
    }
    // Pushed in reverse so they pop in document order (errors come out in order).
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Item)
  }
  return errors
}

// ---------------------------------------------------------------- text helpers

/** UTF-8 size without allocating; stops counting once past `limit`. */
function utf8Bytes(text: string, limit: number): number {
  let n = 0
  for (let i = 0; i < text.length && n <= limit; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1
  let start = 0
  const end = Math.min(Math.max(offset, 0), text.length)
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      start = i + 1
    }
  }
  return { line, col: end - start + 1 }
}

const at = (p: { line: number; col: number }) => `line ${p.line}, column ${p.col}`

// ---------------------------------------------------------------- JSON

interface JsonFrame {
  obj: boolean
  keys: Set<string> | undefined
  key: string | number
  expectKey: boolean
}

/**
 * One iterative, string-aware pass over JSON text: reject nesting deeper than
 * maxDepth before JSON.parse sees it, and find duplicate keys (JSON.parse
 * silently keeps the last one). Results are only meaningful for valid JSON.
 */
function scanJson(text: string): { tooDeepAt?: number; duplicates: GuardError[] } {
  const duplicates: GuardError[] = []
  const stack: JsonFrame[] = []
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34 /* " */) {
      const start = i
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 92 /* \ */) i++
        else if (d === 34) break
      }
      const top = stack[stack.length - 1]
      if (top?.obj && top.expectKey) {
        let key: unknown
        try {
          key = JSON.parse(text.slice(start, i + 1))
        } catch {
          continue // invalid JSON; JSON.parse will report it
        }
        if (typeof key !== 'string') continue
        top.expectKey = false
        top.key = key
        if (top.keys?.has(key)) {
          if (duplicates.length < MAX_ERRORS) {
            const path = formatPath(stack.map((f) => f.key))
            duplicates.push({ path, message: `duplicate key "${key}" at ${at(lineCol(text, start))}` })
          }
        } else top.keys?.add(key)
      }
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (stack.length >= LIMITS.maxDepth) return { tooDeepAt: i, duplicates }
      const obj = c === 123
      stack.push({ obj, keys: obj ? new Set() : undefined, key: obj ? '' : 0, expectKey: obj })
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      stack.pop()
    } else if (c === 44 /* , */) {
      const top = stack[stack.length - 1]
      if (top?.obj) top.expectKey = true
      else if (top) top.key = (top.key as number) + 1
    }
  }
  return { duplicates }
}

function parseJson(text: string): ParseResult {
  const scan = scanJson(text)
  if (scan.tooDeepAt !== undefined) {
    const message = `data is nested more than ${LIMITS.maxDepth} levels deep (${at(lineCol(text, scan.tooDeepAt))})`
    return { ok: false, errors: [{ path: '', message }] }
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: jsonErrorMessage(text, e) }] }
  }
  if (scan.duplicates.length > 0) return { ok: false, errors: scan.duplicates }
  return { ok: true, data }
}

/**
 * JSON.parse messages differ between engines and often carry no position
 * (Node 20: `Unexpected token '}', ..."b": }" is not valid JSON`), so on
 * failure we locate the first error ourselves with a small iterative checker.
 */
function jsonErrorMessage(text: string, e: unknown): string {
  const found = findJsonError(text)
  if (found) return `JSON syntax error at ${at(lineCol(text, found.offset))}: ${found.message}`
  return `JSON syntax error: ${(e instanceof Error ? e.message : String(e)).slice(0, 200)}`
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const JSON_WS = /[ \t\n\r]*/y

/** Offset and description of the first JSON syntax error, or undefined if the text is valid. */
function findJsonError(text: string): { offset: number; message: string } | undefined {
  let i = 0
  const skipWs = () => {
    JSON_WS.lastIndex = i
    JSON_WS.exec(text)
    i = JSON_WS.lastIndex
  }
  const describe = (): string => (i >= text.length ? 'the end of the text' : JSON.stringify(text.slice(i, i + 10)))
  const err = (what: string) => ({ offset: i, message: `expected ${what}, found ${describe()}` })
  // Each open container: '{' or '['. `want` is what the grammar needs next.
  const stack: string[] = []
  let want: 'value' | 'key' | 'after' = 'value'
  let first = false // just after '{' or '[' (a closing bracket is allowed)
  for (;;) {
    skipWs()
    const c = text[i]
    const top = stack[stack.length - 1]
    if (want === 'value' || want === 'key') {
      if (first && ((top === '{' && c === '}') || (top === '[' && c === ']'))) {
        stack.pop()
        i++
        want = 'after'
        first = false
        continue
      }
      first = false
      if (c === '"') {
        const start = i
        for (i++; i < text.length; i++) {
          const d = text.charCodeAt(i)
          if (d === 92) i++
          else if (d === 34) break
          else if (d < 32) return { offset: i, message: 'control character inside a string' }
        }
        if (i >= text.length) return { offset: start, message: 'unterminated string' }
        try {
          JSON.parse(text.slice(start, i + 1))
        } catch {
          return { offset: start, message: 'invalid escape in string' }
        }
        i++
        if (want === 'key') {
          skipWs()
          if (text[i] !== ':') return err('":"')
          i++
          want = 'value'
          continue
        }
      } else if (want === 'key') {
        return err('a property name in double quotes')
      } else if (c === '{' || c === '[') {
        stack.push(c)
        i++
        want = c === '{' ? 'key' : 'value'
        first = true
        continue
      } else if (text.startsWith('true', i) || text.startsWith('null', i)) {
        i += 4
      } else if (text.startsWith('false', i)) {
        i += 5
      } else {
        JSON_NUMBER.lastIndex = i
        if (c === undefined || !JSON_NUMBER.test(text)) return err('a value')
        i = JSON_NUMBER.lastIndex
      }
      want = 'after'
      continue
    }
    // want === 'after': a complete value was read.
    if (top === undefined) return i >= text.length ? undefined : err('the end of the text')
    if (c === ',') {
      i++
      want = top === '{' ? 'key' : 'value'
    } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop()
      i++
    } else {
      return err(top === '{' ? '"," or "}"' : '"," or "]"')
    }
  }
}

// ---------------------------------------------------------------- YAML

function parseYaml(text: string): ParseResult {
  const lineCounter = new LineCounter()
  const parser = new Parser(lineCounter.addNewLine)
  lineCounter.addNewLine(0) // Parser.parse() does this; we drive Parser.next() ourselves.
  // The CST stack grows by up to ~2 entries per data level (e.g. seq + map);
  // anything past this is rejected before the recursive composer runs. The
  // exact data depth is checked again by checkTree.
  const maxStack = 2 * LIMITS.maxDepth + 8
  let stop: { offset: number; message: string } | undefined
  let aliases = 0
  let scalars = 0
  function* tokens() {
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme)
      if (parser.stack.length > maxStack) {
        stop = { offset: parser.offset, message: `data is nested more than ${LIMITS.maxDepth} levels deep` }
        return
      }
      const type = CST.tokenType(lexeme)
      // yaml resolves each alias by scanning all anchors/aliases (quadratic),
      // and its own maxAliasCount only bounds expansion, so cap the count here.
      if (type === 'alias' && ++aliases > LIMITS.maxAliasCount) {
        stop = { offset: parser.offset, message: `more than ${LIMITS.maxAliasCount} aliases (*name references)` }
        return
      }
      // Stop early on huge flat files (the CST parser runs at roughly 1 MB/s).
      if (type === 'scalar' && ++scalars > LIMITS.maxNodes) {
        stop = { offset: parser.offset, message: `scenario has more than ${LIMITS.maxNodes} values` }
        return
      }
    }
    yield* parser.end()
  }

  // uniqueKeys is checked by checkYamlKeys below: yaml's own check compares
  // every key with every other key, which took ~10 s for a 40,000-key map.
  // Line/column come from our LineCounter (prettyErrors only applies inside parseDocument).
  const composer = new Composer({ uniqueKeys: false, strict: true })
  let doc: Document | undefined
  let multiple = false
  for (const d of composer.compose(tokens(), true, text.length)) {
    if (stop) break
    if (doc) {
      multiple = true
      break
    }
    doc = d
  }
  if (stop) {
    return { ok: false, errors: [{ path: '', message: `${stop.message} (${at(lineCounter.linePos(stop.offset))})` }] }
  }
  if (!doc) return { ok: true, data: null }

  // Warnings too (e.g. unresolved tags like "!foo"): scenario files are plain YAML.
  const errors: GuardError[] = [...doc.errors, ...doc.warnings].slice(0, MAX_ERRORS).map((err) => ({
    path: '',
    message: `YAML ${err.name === 'YAMLWarning' ? 'problem' : 'syntax error'} at ${at(lineCounter.linePos(err.pos[0]))}: ${err.message.split('\n')[0] ?? ''}`,
  }))
  if (multiple) errors.push({ path: '', message: 'the file contains more than one YAML document ("---"); put everything in one' })
  if (errors.length === 0) errors.push(...checkYamlKeys(doc, lineCounter))
  if (errors.length > 0) return { ok: false, errors }

  let data: unknown
  try {
    data = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount })
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e)
    const message = /alias count/i.test(raw)
      ? `too many YAML alias expansions (*name references); this looks like an "alias bomb" (limit ${LIMITS.maxAliasCount})`
      : `YAML error: ${raw.slice(0, 200)}`
    return { ok: false, errors: [{ path: '', message }] }
  }
  return { ok: true, data, doc }
}

/**
 * Duplicate and non-scalar map keys, in one iterative pass with a Set per map.
 * Keys are compared as the JS object will see them (1 and "1" collide), and
 * complex keys (maps, lists, aliases as keys) are refused outright.
 */
function checkYamlKeys(doc: Document, lineCounter: LineCounter): GuardError[] {
  const errors: GuardError[] = []
  const pos = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return range ? ` at ${at(lineCounter.linePos(range[0]))}` : ''
  }
  const stack: { node: unknown; path: (string | number)[] }[] = [{ node: doc.contents, path: [] }]
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { node, path } = stack.pop() as { node: unknown; path: (string | number)[] }
    if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i] }))
    } else if (isMap(node)) {
      const seen = new Set<string>()
      for (const pair of node.items) {
        const key: unknown = pair.key
        if (!(isScalar(key) || key === null) || isAlias(key)) {
          errors.push({ path: formatPath(path), message: `map keys must be plain names or numbers${pos(key)}` })
          continue
        }
        const name = key === null || key.value === null ? '' : String(key.value)
        const childPath = [...path, name]
        if (seen.has(name)) {
          errors.push({ path: formatPath(childPath), message: `duplicate key "${name}"${pos(key)}` })
        }
        seen.add(name)
        stack.push({ node: pair.value, path: childPath })
      }
    }
  }
  return errors
}

// ---------------------------------------------------------------- entry point

/**
 * Parse scenario text as JSON or YAML ('auto': JSON when the first
 * non-blank character is "{"). Runs the size limit first and checkTree last,
 * so ok:true data is safe to hand to the schema. For YAML the Document is
 * returned too, for lossless save-back (comments kept). Never throws.
 */
export function parseScenarioText(text: string, format: 'yaml' | 'json' | 'auto'): ParseResult {
  try {
    if (typeof text !== 'string') return { ok: false, errors: [{ path: '', message: 'scenario must be text' }] }
    if (text.length > LIMITS.maxBytes || utf8Bytes(text, LIMITS.maxBytes) > LIMITS.maxBytes) {
      // Past the limit, the character count is a cheap lower bound of the UTF-8 size.
      const bytes = text.length > LIMITS.maxBytes ? text.length : utf8Bytes(text, Infinity)
      const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`
      const message = `scenario is too large: at least ${bytes} bytes (${mib(bytes)}); the limit is ${LIMITS.maxBytes} bytes (${mib(LIMITS.maxBytes)})`
      return { ok: false, errors: [{ path: '', message }] }
    }
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
    const json = format === 'json' || (format === 'auto' && body.trimStart().startsWith('{'))
    const parsed = json ? parseJson(body) : parseYaml(body)
    if (!parsed.ok) return parsed
    const problems = checkTree(parsed.data)
    return problems.length > 0 ? { ok: false, errors: problems } : parsed
  } catch (e) {
    // Defensive: nothing above should throw, but callers rely on it.
    return { ok: false, errors: [{ path: '', message: `cannot read scenario: ${e instanceof Error ? e.message : String(e)}` }] }
  }
}
