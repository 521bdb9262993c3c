import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { isDocument } from 'yaml'
import { checkTree, formatPath, LIMITS, parseScenarioText } from '../../sim/scenario/guard'

function errorsOf(r: ReturnType<typeof parseScenarioText>): { path: string; message: string }[] {
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.errors
}

describe('formatPath', () => {
  it('formats identifiers, indices and odd keys', () => {
    expect(formatPath(['hall', 'rows', 2, 'racks', 5, 'power'])).toBe('hall.rows[2].racks[5].power')
    expect(formatPath([])).toBe('')
    expect(formatPath([0, 'a'])).toBe('[0].a')
    expect(formatPath(['a', 'odd key', '2x', 'ok_1'])).toBe('a["odd key"]["2x"].ok_1')
    expect(formatPath(['a', 'say "hi"'])).toBe('a["say \\"hi\\""]')
  })
})

describe('parseScenarioText: ordinary files', () => {
  it('parses YAML and returns the Document for lossless save-back', () => {
    const text = '# hall\nhall:\n  rows:\n    - racks: [{power: 132 kW}]  # a comment\n'
    const r = parseScenarioText(text, 'auto')
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.data).toEqual({ hall: { rows: [{ racks: [{ power: '132 kW' }] }] } })
    expect(r.doc && isDocument(r.doc)).toBe(true)
    // Comments survive; flow collections are re-spaced by the yaml library.
    expect(String(r.doc)).toBe('# hall\nhall:\n  rows:\n    - racks: [ { power: 132 kW } ] # a comment\n')
  })

  it('parses JSON (explicitly or when the text starts with "{")', () => {
    const auto = parseScenarioText('  {"a": [1, 2, {"b": null}]}', 'auto')
    expect(auto).toEqual({ ok: true, data: { a: [1, 2, { b: null }] } })
    expect(parseScenarioText('[1]', 'json')).toEqual({ ok: true, data: [1] })
    expect(parseScenarioText('\uFEFF{"a": 1}', 'auto')).toEqual({ ok: true, data: { a: 1 } })
  })

  it('treats an empty YAML file as null', () => {
    expect(parseScenarioText('', 'yaml')).toMatchObject({ ok: true, data: null })
  })
})

describe('parseScenarioText: syntax errors carry line and column', () => {
  it('malformed YAML', () => {
    expect(errorsOf(parseScenarioText('a:\n  b: 1\n c: 2\n', 'yaml'))[0]?.message).toBe(
      'YAML syntax error at line 3, column 1: All mapping items must start at the same column',
    )
    expect(errorsOf(parseScenarioText('a: 1\n\tb: 2\n', 'yaml'))[0]?.message).toBe(
      'YAML syntax error at line 2, column 1: Tabs are not allowed as indentation',
    )
    // yaml reports a missing quote where it gave up: at the end of the text.
    expect(errorsOf(parseScenarioText('a: 1\nb: "unterminated\nc: 3\n', 'yaml'))[0]?.message).toBe(
      'YAML syntax error at line 4, column 1: Missing closing "quote',
    )
  })

  it.each<[string, string]>([
    ['{\n  "a": 1,\n  "b": }\n', 'line 3, column 8: expected a value, found "}\\n"'],
    ['{"a": 1,}', 'line 1, column 9: expected a property name in double quotes, found "}"'],
    ['{"a" 1}', 'line 1, column 6: expected ":", found "1}"'],
    ['{"a": [1, 2}', 'line 1, column 12: expected "," or "]", found "}"'],
    ['{"a": 1', 'line 1, column 8: expected "," or "}", found the end of the text'],
    ['{"a": "x', 'line 1, column 7: unterminated string'],
    ['{"a": tru}', 'line 1, column 7: expected a value, found "tru}"'],
    ['{"a": 01}', 'line 1, column 8: expected "," or "}", found "1}"'],
    ['{} {}', 'line 1, column 4: expected the end of the text, found "{}"'],
    ["{'a': 1}", 'line 1, column 2: expected a property name in double quotes, found "\'a\': 1}"'],
  ])('malformed JSON %s', (text, where) => {
    const [e] = errorsOf(parseScenarioText(text, 'json'))
    expect(e?.message).toBe(`JSON syntax error at ${where}`)
  })

  it('duplicate keys in YAML and JSON', () => {
    expect(errorsOf(parseScenarioText('a: 1\nb: 2\na: 3\n', 'yaml'))).toEqual([
      { path: 'a', message: 'duplicate key "a" at line 3, column 1' },
    ])
    expect(errorsOf(parseScenarioText('hall:\n  rows:\n    - {x: 1, "x": 2}\n', 'yaml'))).toEqual([
      { path: 'hall.rows[0].x', message: 'duplicate key "x" at line 3, column 14' },
    ])
    expect(errorsOf(parseScenarioText('1: a\n"1": b\n', 'yaml'))[0]?.message).toMatch(/duplicate key "1"/) // same JS key
    expect(errorsOf(parseScenarioText('? [a, b]\n: 1\n', 'yaml'))[0]?.message).toMatch(/map keys must be plain/)
    const j = errorsOf(parseScenarioText('{"hall": {"rows": [{"x": 1, "x": 2}]}}', 'json'))
    expect(j).toEqual([{ path: 'hall.rows[0].x', message: 'duplicate key "x" at line 1, column 29' }])
    // Same key in sibling objects is fine; escaped spellings of one key are not.
    expect(parseScenarioText('[{"x": 1}, {"x": 2}]', 'json').ok).toBe(true)
    expect(errorsOf(parseScenarioText('{"x": 1, "\\u0078": 2}', 'json'))[0]?.message).toMatch(/duplicate key "x"/)
  })

  it('several YAML documents, unknown tags and unresolved aliases', () => {
    expect(errorsOf(parseScenarioText('a: 1\n---\nb: 2\n', 'yaml'))[0]?.message).toMatch(/more than one YAML document/)
    expect(errorsOf(parseScenarioText('a: !foo 1\n', 'yaml'))[0]?.message).toMatch(/line 1, column 4: Unresolved tag: !foo/)
    expect(errorsOf(parseScenarioText('a: *nowhere\n', 'yaml'))[0]?.message).toMatch(/Unresolved alias/)
  })
})

describe('parseScenarioText: hostile input', () => {
  it('rejects a 50 MB string by size (quickly: a length check, no parsing)', () => {
    const big = 'a'.repeat(50 * 1024 * 1024)
    const [e] = errorsOf(parseScenarioText(big, 'auto'))
    expect(e?.message).toBe(
      'scenario is too large: at least 52428800 bytes (50.0 MiB); the limit is 4194304 bytes (4.0 MiB)',
    )
  })

  it('counts UTF-8 bytes, not characters', () => {
    const text = `a: "${'€'.repeat(3 * 1024 * 1024)}"` // 3 Mi characters (under the 4 MiB character count), 9 MiB of UTF-8
    expect(errorsOf(parseScenarioText(text, 'yaml'))[0]?.message).toMatch(/^scenario is too large: at least 943718\d bytes/)
  })

  it('rejects 10,000-deep nesting in JSON and YAML without throwing', () => {
    const n = 10_000
    for (const [text, format] of [
      ['['.repeat(n) + ']'.repeat(n), 'json'],
      ['{"a":'.repeat(n) + '1' + '}'.repeat(n), 'auto'],
      ['['.repeat(n) + ']'.repeat(n), 'yaml'],
      ['{a: '.repeat(n) + '1' + '}'.repeat(n), 'yaml'],
      ['- '.repeat(n) + 'x', 'yaml'],
      ['['.repeat(n), 'yaml'], // unclosed
    ] as const) {
      const errors = errorsOf(parseScenarioText(text, format))
      expect(errors[0]?.message, `${format}: ${text.slice(0, 10)}`).toMatch(/nested more than 64 levels deep \(line 1, column \d+\)/)
    }
    // Deep block-style YAML (indentation) is caught too.
    let block = ''
    for (let i = 0; i < 300; i++) block += ' '.repeat(i) + 'k:\n'
    expect(errorsOf(parseScenarioText(block, 'yaml'))[0]?.message).toMatch(/nested more than 64 levels deep/)
  })

  it('accepts exactly the depth limit and rejects one more', () => {
    const nest = (d: number) => '['.repeat(d) + ']'.repeat(d)
    expect(parseScenarioText(nest(LIMITS.maxDepth), 'json').ok).toBe(true)
    expect(parseScenarioText(nest(LIMITS.maxDepth), 'yaml').ok).toBe(true)
    expect(parseScenarioText(nest(LIMITS.maxDepth + 1), 'json').ok).toBe(false)
    expect(parseScenarioText(nest(LIMITS.maxDepth + 1), 'yaml').ok).toBe(false)
  })

  it('rejects __proto__ / constructor / prototype keys with their path', () => {
    const json = '{"hall": {"rows": [{"__proto__": {"x": 1}}]}}'
    // JSON.parse makes __proto__ an own property rather than setting the prototype.
    expect(Object.keys(JSON.parse('{"__proto__": {"x": 1}}'))).toEqual(['__proto__'])
    expect(errorsOf(parseScenarioText(json, 'json'))).toEqual([
      { path: 'hall.rows[0].__proto__', message: 'key "__proto__" is not allowed (at hall.rows[0].__proto__)' },
    ])
    const yaml = 'hall:\n  __proto__:\n    polluted: true\n  a:\n    constructor: 1\n    prototype: 2\n'
    expect(errorsOf(parseScenarioText(yaml, 'yaml')).map((e) => e.path)).toEqual([ // document order
      'hall.__proto__',
      'hall.a.constructor',
      'hall.a.prototype',
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects a billion-laughs alias bomb', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    const names = 'abcdefghi'
    for (let i = 1; i < names.length; i++) {
      const prev = names[i - 1] as string
      rows.push(`${names[i]}: &${names[i]} [${Array(9).fill('*' + prev).join(',')}]`)
    }
    const [e] = errorsOf(parseScenarioText(rows.join('\n'), 'yaml'))
    expect(e?.message).toMatch(/alias bomb/)
  })

  it('allows ordinary anchors and aliases', () => {
    const r = parseScenarioText('defaults: &d {power: 132 kW}\nrack1: *d\nrack2: *d\n', 'yaml')
    expect(r).toMatchObject({ ok: true, data: { rack1: { power: '132 kW' }, rack2: { power: '132 kW' } } })
  })

  it('rejects YAML alias cycles', () => {
    const errors = errorsOf(parseScenarioText('a: &x [1, *x]\n', 'yaml'))
    expect(errors[0]).toEqual({ path: 'a[1]', message: 'value at a[1] contains itself (a YAML alias cycle)' })
  })

  it('rejects long strings, non-finite numbers and non-plain YAML values', () => {
    const long = errorsOf(parseScenarioText(`name: ${'x'.repeat(LIMITS.maxStringLength + 1)}\n`, 'yaml'))
    expect(long[0]).toEqual({ path: 'name', message: 'text at name is 10001 characters; at most 10000 allowed' })
    expect(errorsOf(parseScenarioText('a: .nan\nb: -.inf\n', 'yaml')).map((e) => e.path)).toEqual(['a', 'b'])
    const binary = errorsOf(parseScenarioText('blob: !!binary aGVsbG8=\n', 'yaml'))
    expect(binary[0]?.path).toBe('blob')
    expect(binary[0]?.message).toMatch(/unsupported value/)
  })
})

describe('checkTree', () => {
  it('accepts plain data and null-prototype objects', () => {
    const bare = Object.create(null) as Record<string, unknown>
    bare.x = 1
    expect(checkTree({ a: [1, 'x', true, null, { b: bare }] })).toEqual([])
  })

  it('rejects non-plain values with a path', () => {
    expect(checkTree({ when: new Date(0) })[0]?.message).toMatch(/unsupported value \(Date\) at when/)
    expect(checkTree({ m: new Map() })[0]?.path).toBe('m')
    expect(checkTree([undefined])[0]?.path).toBe('[0]')
    expect(checkTree({ f: () => 1 })[0]?.path).toBe('f')
    expect(checkTree(1n)[0]?.message).toMatch(/bigint/)
  })

  it('is iterative: a 100,000-deep array does not overflow the stack', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const errors = checkTree(deep)
    expect(errors).toHaveLength(1)
    expect(errors[0]?.message).toMatch(/nested more than 64 levels deep/)
  })

  it('stops at maxNodes', () => {
    const wide = new Array(LIMITS.maxNodes + 10).fill(0)
    expect(checkTree(wide)).toEqual([{ path: '', message: 'scenario has more than 2000000 values; that is the limit' }])
  })

  it('caps the number of reported errors', () => {
    const many = Array.from({ length: 500 }, () => NaN)
    expect(checkTree(many)).toHaveLength(50)
  })
})

describe('never throws', () => {
  it('on arbitrary strings, as YAML, JSON and auto', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom('yaml', 'json', 'auto') , (text, format) => {
        const r = parseScenarioText(text, format)
        if (r.ok) expect(checkTree(r.data)).toEqual([])
        else expect(r.errors.length).toBeGreaterThan(0)
      }),
      { numRuns: 2000 },
    )
  })

  it('on strings built from YAML/JSON syntax pieces', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', '-', ' ', '\n', '  ', '"', "'", '&a', '*a', '!!', '#', '?', '|', '>', 'a', '1', '__proto__', '---', '%YAML 1.1', '\\')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('yaml', 'json', 'auto'), (parts, format) => {
        const r = parseScenarioText(parts.join(''), format)
        if (r.ok) expect(checkTree(r.data)).toEqual([])
      }),
      { numRuns: 3000 },
    )
  })

  it('locates every JSON syntax error that JSON.parse finds', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ':', ',', ' ', '\n', '"', '"a"', '\\', '1', '-', '.', 'e', 'true', 'nul', '0')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('')
        let valid = true
        try {
          JSON.parse(text)
        } catch {
          valid = false
        }
        const r = parseScenarioText(text, 'json')
        if (!valid) expect(r.ok ? '' : r.errors[0]?.message).toMatch(/^JSON syntax error at line \d+, column \d+: /)
      }),
      { numRuns: 3000 },
    )
  })

  it('on arbitrary JSON values, round-tripped through JSON and YAML text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value)
        for (const format of ['json', 'yaml'] as const) {
          const r = parseScenarioText(text, format)
          if (r.ok) expect(r.data).toEqual(JSON.parse(text))
          else expect(r.errors.every((e) => typeof e.message === 'string')).toBe(true)
        }
        expect(() => checkTree(value)).not.toThrow()
      }),
      { numRuns: 500 },
    )
  })

  it('on arbitrary JS values passed to checkTree', () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true, withBigInt: true, withNullPrototype: true }), (value) => {
        expect(Array.isArray(checkTree(value))).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})
