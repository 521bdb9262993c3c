import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DIMENSION_INFO, formatQuantity, parseQuantity } from '../../sim/scenario/units'
import type { Dimension } from '../../sim/scenario/units'

/** Parse and expect success; returns the SI value. */
function si(input: unknown, dim: Dimension): number {
  const r = parseQuantity(input, dim)
  if (!r.ok) throw new Error(`expected ok for ${String(input)} as ${dim}: ${r.expected} / ${r.found}`)
  return r.value
}

/** Relative comparison to `digits` significant digits (toBeCloseTo is absolute). */
function expectRel(actual: number, expected: number, digits = 12): void {
  expect(actual / expected).toBeCloseTo(1, digits)
}

describe('parseQuantity: units to SI', () => {
  it.each<[string, Dimension, number]>([
    ['132 kW', 'power', 132_000],
    ['1.5 MW', 'power', 1.5e6],
    ['450 kWh', 'energy', 450 * 3.6e6],
    ['2 m^3', 'volume', 2],
    ['500 L', 'volume', 0.5],
    ['90 s', 'time', 90],
    ['24 h', 'time', 86_400],
    ['1200 kg', 'mass', 1200],
    ['60 cm', 'length', 0.6],
    ['250 m^2', 'area', 250],
    ['150 kPa', 'pressure', 150_000],
    ['2 bar', 'pressure', 200_000],
    ['30 m', 'head', 30],
    ['100 ft', 'head', 30.48],
    ['997 kg/m^3', 'density', 997],
    ['4.18 kJ/(kg K)', 'specific_heat', 4180],
    ['4.18 kJ/kg/K', 'specific_heat', 4180],
    ['500 kJ/K', 'heat_capacity', 500_000],
    ['150 kW/K', 'conductance', 150_000],
    ['150 kW/degC', 'conductance', 150_000], // derived units never get the degC offset
    ['2.5 kg/s', 'mass_flow', 2.5],
    ['120 L/min', 'volume_flow', 0.002],
    ['36 m^3/h', 'volume_flow', 0.01],
    ['1 gpm', 'volume_flow', 3.785411784e-3 / 60],
    ['100 cfm', 'volume_flow', (100 * 0.3048 ** 3) / 60],
    ['1.5 L/min/kW', 'flow_per_power', 1.5e-3 / 60 / 1000],
    ['2 /day', 'rate_per_time', 2 / 86_400],
    ['2.5 m/s', 'speed', 2.5],
    ['32 A', 'current', 32],
    ['415 V', 'voltage', 415],
    ['400 Ah', 'charge', 400 * 3600],
    ['400 A h', 'charge', 400 * 3600],
    ['2.5 kAh', 'charge', 2500 * 3600],
    ['7200 C', 'charge', 7200],
    ['15 kW/m^2', 'power_density', 15_000],
    ['0.4 kg/kWh', 'carbon_intensity', 0.4 / 3.6e6],
    ['1 TR', 'power', 3516.852842],
    ['2 m³', 'volume', 2],
    ['250 m²', 'area', 250],
    ['500 µs', 'time', 5e-4],
  ])('%s as %s', (input, dim, expected) => {
    expectRel(si(input, dim), expected, 9)
  })

  it('takes bare numbers and numeric strings as SI', () => {
    expect(si(132_000, 'power')).toBe(132_000)
    expect(si('132000', 'power')).toBe(132_000)
    expect(si(-5, 'power')).toBe(-5) // sign/range checks are the caller's job
    expect(si('1e3', 'energy')).toBe(1000)
  })

  it('rejects non-finite numbers and unparseable input without throwing', () => {
    for (const bad of [NaN, Infinity, -Infinity, '1e400 W', 'kW', '', '   ', 'foo', '2 * 3 kW', 'sin(1) kW', '1,5 kW']) {
      const r = parseQuantity(bad, 'power')
      expect(r.ok).toBe(false)
    }
  })

  it('explains dimension mismatches with a planner-readable phrase', () => {
    expect(parseQuantity('120 kg', 'power')).toEqual({
      ok: false,
      expected: 'a power such as "120 kW"',
      found: '"120 kg" (a mass)',
    })
    const r = parseQuantity('450 kWh', 'power')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.found).toBe('"450 kWh" (an energy)')
    // A battery stated in amp-hours where an energy is expected: the charge is named, not taken.
    const ah = parseQuantity('400 Ah', 'energy')
    expect(ah.ok).toBe(false)
    if (!ah.ok) expect(ah.found).toBe('"400 Ah" (an electric charge)')
  })

  it('describes non-string, non-number input', () => {
    const found = (x: unknown) => {
      const r = parseQuantity(x, 'power')
      return r.ok ? 'ok' : r.found
    }
    expect(found(true)).toBe('true')
    expect(found(null)).toBe('null')
    expect(found(undefined)).toBe('nothing')
    expect(found({ a: 1 })).toBe('an object')
    expect(found([1])).toBe('a list')
    expect(found('')).toBe('an empty string')
  })

  it('rejects strings over 100 characters and truncates what it quotes to 60', () => {
    const long = '1'.repeat(101) + ' W'
    const r = parseQuantity(long, 'power')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.found).toContain('103 characters')
      const quoted = r.found.slice(0, r.found.indexOf('"', 1) + 1)
      expect(JSON.parse(quoted).length).toBe(60)
    }
  })
})

describe('parseQuantity: temperatures', () => {
  it('converts absolute temperatures with offsets', () => {
    expect(si('32 degC', 'temperature')).toBeCloseTo(305.15, 10)
    expect(si('-40 degF', 'temperature')).toBeCloseTo(233.15, 10)
    expect(si('95 degF', 'temperature')).toBeCloseTo(308.15, 10)
    expect(si('300 K', 'temperature')).toBe(300)
    expect(si('540 degR', 'temperature')).toBeCloseTo(300, 10)
    expect(si('32 °C', 'temperature')).toBeCloseTo(305.15, 10)
    expect(si('95°F', 'temperature')).toBeCloseTo(308.15, 10)
    expect(si(300, 'temperature')).toBe(300)
  })

  it('rejects implausible absolute temperatures and suggests degC for bare numbers', () => {
    const r = parseQuantity(30, 'temperature')
    expect(r).toEqual({
      ok: false,
      expected: 'an absolute temperature between 150 K and 700 K, such as "32 degC"',
      found: '30 (read as 30 K); write "30 degC"',
    })
    const s = parseQuantity('30 K', 'temperature')
    expect(s.ok).toBe(false)
    if (!s.ok) expect(s.found).toBe('"30 K" (= 30 K)')
    const huge = parseQuantity(5000, 'temperature')
    expect(huge.ok).toBe(false)
    if (!huge.ok) expect(huge.found).toBe('5000 (read as 5000 K)') // no degC hint: 5000 degC is no better
    expect(parseQuantity('32 kW', 'temperature').ok).toBe(false)
  })

  it('treats temperature differences without the 273.15 offset', () => {
    expect(si('10 K', 'temperature_difference')).toBe(10)
    expect(si('10 degC', 'temperature_difference')).toBeCloseTo(10, 12)
    expect(si('18 degF', 'temperature_difference')).toBeCloseTo(10, 12)
    expect(si('18 degR', 'temperature_difference')).toBeCloseTo(10, 12)
    expect(si(10, 'temperature_difference')).toBe(10)
    expect(si(-5, 'temperature_difference')).toBe(-5)
    expect(si('-5 degC', 'temperature_difference')).toBeCloseTo(-5, 12)
  })
})

describe('parseQuantity: fractions, money, prices', () => {
  it('accepts fractions and percentages', () => {
    expect(si(0.85, 'fraction')).toBe(0.85)
    expect(si('0.85', 'fraction')).toBe(0.85)
    expect(si('85 %', 'fraction')).toBeCloseTo(0.85, 15)
    expect(si('85%', 'fraction')).toBeCloseTo(0.85, 15)
    expect(si('120 %', 'fraction')).toBeCloseTo(1.2, 15) // range is the caller's job
    expect(parseQuantity('85 kW', 'fraction').ok).toBe(false)
    expect(parseQuantity('%', 'fraction').ok).toBe(false)
  })

  it('converts energy prices per kWh to per joule', () => {
    const perJ = 0.08 / 3.6e6
    for (const s of ['0.08 USD/kWh', '0.08 /kWh', '$0.08/kWh', '0.08 EUR/kWh', '80 USD/MWh', 'USD 0.08/kWh']) {
      expectRel(si(s, 'energy_price'), perJ, 12)
    }
    expect(parseQuantity('0.08 USD/kW', 'energy_price').ok).toBe(false)
    expect(parseQuantity('0.08 USD EUR/kWh', 'energy_price').ok).toBe(false)
  })

  it('accepts money as a number with an optional currency word', () => {
    for (const s of [3_200_000, '3200000', '3200000 USD', 'USD 3200000', '$3200000', '3.2e6 EUR']) {
      expect(si(s, 'money')).toBe(3_200_000)
    }
    expect(parseQuantity('3.2 kUSD', 'money').ok).toBe(false)
    expect(parseQuantity('USD', 'money').ok).toBe(false)
  })
})

describe('formatQuantity', () => {
  it.each<[number, Dimension, string | undefined, string]>([
    [305.15, 'temperature', undefined, '32 degC'],
    [305.15, 'temperature', 'degF', '89.6 degF'],
    [305.15, 'temperature', 'K', '305.15 K'],
    [273.15 + 21.456, 'temperature', undefined, '21.46 degC'],
    [132_000, 'power', undefined, '132 kW'],
    [132_000, 'power', 'MW', '0.132 MW'],
    [-5000, 'power', undefined, '-5 kW'],
    [0, 'power', undefined, '0 W'],
    [1.62e9, 'energy', undefined, '450 kWh'],
    [10, 'temperature_difference', undefined, '10 K'],
    [10, 'temperature_difference', 'degF', '18 degF'],
    [0.85, 'fraction', undefined, '85 %'],
    [0.002, 'volume_flow', undefined, '120 L/min'],
    [2.5e-8, 'flow_per_power', undefined, '1.5 L/min/kW'],
    [0.08 / 3.6e6, 'energy_price', undefined, '0.08 /kWh'],
    [0.08 / 3.6e6, 'energy_price', 'USD/MWh', '80 USD/MWh'],
    [3_200_000, 'money', undefined, '3200000'],
    [132_000, 'power', 'kg', '132 kW'], // a unit that does not fit falls back to auto
    [NaN, 'power', undefined, 'NaN'],
  ])('%s %s %s -> %s', (v, dim, unit, expected) => {
    expect(formatQuantity(v, dim, unit)).toBe(expected)
  })

  it('round-trips through parseQuantity to 4 significant digits for every dimension', () => {
    const dims = Object.keys(DIMENSION_INFO) as Dimension[]
    fc.assert(
      fc.property(
        fc.constantFrom(...dims),
        fc.double({ min: 1e-9, max: 1e12, noNaN: true }),
        fc.boolean(),
        (dim, magnitude, negative) => {
          // Absolute temperatures must stay inside the accepted band (rounding at 150 K could leave it).
          const v = dim === 'temperature' ? 151 + (magnitude % 548) : negative ? -magnitude : magnitude
          const text = formatQuantity(v, dim)
          const back = parseQuantity(text, dim)
          expect(back.ok, `${v} ${dim} -> ${text}`).toBe(true)
          if (back.ok) expect(Math.abs(back.value - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-3)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('parseQuantity never throws', () => {
  it('on arbitrary input for every dimension', () => {
    const dims = Object.keys(DIMENSION_INFO) as Dimension[]
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.double()), fc.constantFrom(...dims), (input, dim) => {
        const r = parseQuantity(input, dim)
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true)
        else expect(r.found.length).toBeLessThanOrEqual(200)
      }),
      { numRuns: 1000 },
    )
  })

  it('on unit-like strings built from real unit words', () => {
    const word = fc.constantFrom('kW', 'degC', 'K', 'm', '^', '/', '*', '(', ')', ' ', '1e308', '-', '%', 'USD', '$', 'e', '.', 'kWh', '0')
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.constantFrom<Dimension>('power', 'temperature', 'energy_price', 'fraction'), (parts, dim) => {
        const r = parseQuantity(parts.join(''), dim)
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('a bare C or F in temperature fields', () => {
  it('is the degree there (34 C = 34 degC), the coulomb elsewhere', () => {
    expect(parseQuantity('34 C', 'temperature')).toEqual({ ok: true, value: 34 + 273.15 });
    const f = parseQuantity('93.2 F', 'temperature');
    expect(f.ok && Math.abs(f.value - (34 + 273.15)) < 1e-9).toBe(true);
    expect(parseQuantity('10 C', 'temperature_difference')).toEqual({ ok: true, value: 10 });
    expect(parseQuantity('34 C', 'power').ok).toBe(false);
  });
});
