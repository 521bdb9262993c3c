// Quantities with units for scenario files.
//
// Every quantity in a scenario may carry a unit ("132 kW", "32 degC",
// "1.5 L/min/kW"); a bare number means SI. The engine works in SI only, so
// parseQuantity() turns whatever the user wrote into one SI number, or into a
// planner-readable complaint. It never throws: the zod schema calls it from
// .transform/.superRefine and wants a result object.

import { makeUnit, parseUnit } from './math'
import type { Unit } from './math'

export type Dimension =
  | 'power' // W
  | 'energy' // J
  | 'temperature' // absolute, K
  | 'temperature_difference' // K (no offset)
  | 'time' // s
  | 'volume' // m^3
  | 'mass' // kg
  | 'length' // m
  | 'area' // m^2
  | 'mass_per_area' // kg/m^2 (floor loading)
  | 'pressure' // Pa
  | 'head' // m of fluid column (a length; pressures are not accepted)
  | 'density' // kg/m^3
  | 'specific_heat' // J/(kg K)
  | 'heat_capacity' // J/K
  | 'conductance' // W/K (UA)
  | 'mass_flow' // kg/s
  | 'volume_flow' // m^3/s
  | 'flow_per_power' // m^3/(s W)
  | 'energy_price' // currency per J
  | 'money' // currency units (no FX conversion: the currency word is decoration)
  | 'fraction' // dimensionless, "85 %" allowed
  | 'rate_per_time' // 1/s
  | 'speed' // m/s
  | 'current' // A
  | 'voltage' // V
  | 'charge' // C (A·s): battery capacity in amp-hours
  | 'power_density' // W/m^2
  | 'carbon_intensity' // kg/J (kg CO2e per J)
  | 'dimensionless'

export interface DimensionInfo {
  /** SI unit the engine uses for this dimension ('' = plain number). */
  si: string
  /** A typical value as a user would write it. */
  example: string
  /** Noun phrase with article, for messages: "a power". */
  noun: string
}

export const DIMENSION_INFO: Record<Dimension, DimensionInfo> = {
  power: { si: 'W', example: '120 kW', noun: 'a power' },
  energy: { si: 'J', example: '450 kWh', noun: 'an energy' },
  temperature: { si: 'K', example: '32 degC', noun: 'an absolute temperature' },
  temperature_difference: { si: 'K', example: '10 K', noun: 'a temperature difference' },
  time: { si: 's', example: '90 s', noun: 'a duration' },
  volume: { si: 'm^3', example: '2 m^3', noun: 'a volume' },
  mass: { si: 'kg', example: '1200 kg', noun: 'a mass' },
  length: { si: 'm', example: '0.6 m', noun: 'a length' },
  area: { si: 'm^2', example: '250 m^2', noun: 'an area' },
  mass_per_area: { si: 'kg/m^2', example: '1500 kg/m^2', noun: 'a floor loading (mass per area)' },
  pressure: { si: 'Pa', example: '150 kPa', noun: 'a pressure' },
  head: { si: 'm', example: '30 m', noun: 'a pump head (height of fluid column)' },
  density: { si: 'kg/m^3', example: '997 kg/m^3', noun: 'a density' },
  specific_heat: { si: 'J/(kg K)', example: '4.18 kJ/(kg K)', noun: 'a specific heat' },
  heat_capacity: { si: 'J/K', example: '500 kJ/K', noun: 'a heat capacity' },
  conductance: { si: 'W/K', example: '150 kW/K', noun: 'a thermal conductance (UA)' },
  mass_flow: { si: 'kg/s', example: '2.5 kg/s', noun: 'a mass flow' },
  volume_flow: { si: 'm^3/s', example: '120 L/min', noun: 'a volume flow' },
  flow_per_power: { si: 'm^3/(s W)', example: '1.5 L/min/kW', noun: 'a flow per unit power' },
  energy_price: { si: '1/J', example: '0.08 USD/kWh', noun: 'an energy price' },
  money: { si: '', example: '3200000 USD', noun: 'an amount of money' },
  fraction: { si: '', example: '85 %', noun: 'a fraction' },
  rate_per_time: { si: '1/s', example: '2 /day', noun: 'a rate per unit time' },
  speed: { si: 'm/s', example: '2.5 m/s', noun: 'a speed' },
  current: { si: 'A', example: '32 A', noun: 'an electric current' },
  voltage: { si: 'V', example: '415 V', noun: 'a voltage' },
  charge: { si: 'C', example: '400 Ah', noun: 'an electric charge' },
  power_density: { si: 'W/m^2', example: '15 kW/m^2', noun: 'a power density' },
  carbon_intensity: { si: 'kg/J', example: '0.4 kg/kWh', noun: 'a carbon intensity (kg CO2e per energy)' },
  dimensionless: { si: '', example: '1.2', noun: 'a plain number' },
}

/**
 * mathjs unit used to check the dimension with equalBase ('' = all base
 * dimensions zero), and the display units for formatQuantity, ascending in size.
 */
const DIM_UNITS: Record<Dimension, { ref: string; display: readonly string[] }> = {
  power: { ref: 'W', display: ['W', 'kW', 'MW', 'GW'] },
  energy: { ref: 'J', display: ['J', 'kJ', 'kWh', 'MWh', 'GWh'] },
  temperature: { ref: 'K', display: ['degC'] },
  temperature_difference: { ref: 'K', display: ['K'] },
  time: { ref: 's', display: ['s', 'min', 'h', 'day'] },
  volume: { ref: 'm^3', display: ['L', 'm^3'] },
  mass: { ref: 'kg', display: ['kg', 'tonne'] },
  length: { ref: 'm', display: ['mm', 'm', 'km'] },
  area: { ref: 'm^2', display: ['m^2'] },
  mass_per_area: { ref: 'kg/m^2', display: ['kg/m^2'] },
  pressure: { ref: 'Pa', display: ['Pa', 'kPa', 'MPa'] },
  head: { ref: 'm', display: ['m'] },
  density: { ref: 'kg/m^3', display: ['kg/m^3'] },
  specific_heat: { ref: 'J/(kg K)', display: ['J/(kg K)', 'kJ/(kg K)'] },
  heat_capacity: { ref: 'J/K', display: ['J/K', 'kJ/K', 'MJ/K'] },
  conductance: { ref: 'W/K', display: ['W/K', 'kW/K', 'MW/K'] },
  mass_flow: { ref: 'kg/s', display: ['kg/s'] },
  volume_flow: { ref: 'm^3/s', display: ['L/min', 'm^3/s'] },
  flow_per_power: { ref: 'm^3/(s W)', display: ['L/min/kW'] },
  energy_price: { ref: 'J^-1', display: ['/kWh'] },
  money: { ref: '', display: [''] },
  fraction: { ref: '', display: ['%'] },
  rate_per_time: { ref: 's^-1', display: ['/year', '/day', '/h', '/min', '/s'] },
  speed: { ref: 'm/s', display: ['m/s'] },
  current: { ref: 'A', display: ['A', 'kA'] },
  voltage: { ref: 'V', display: ['V', 'kV'] },
  charge: { ref: 'C', display: ['Ah', 'kAh'] },
  power_density: { ref: 'W/m^2', display: ['W/m^2', 'kW/m^2'] },
  carbon_intensity: { ref: 'kg/J', display: ['kg/kWh'] },
  dimensionless: { ref: '', display: [''] },
}

/** Absolute temperatures outside this band are almost surely a unit mistake. */
export const TEMPERATURE_RANGE_K = { min: 150, max: 700 } as const

const MAX_INPUT_CHARS = 100
const MAX_FOUND_CHARS = 60
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const BARE_DEGREE_RE = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([CF])$/
const PERCENT_RE = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*%$/
// mathjs has no currencies: one currency word/sign is accepted and dropped.
const CURRENCY_RE = /(?<![A-Za-z])(?:USD|EUR|GBP|CHF|JPY|CNY)(?![A-Za-z])|[$€£¥]/g

/** Typographic spellings people paste from datasheets: "32 °C", "2 m³", "5 µs". */
function normalizeSymbols(s: string): string {
  return s
    .replace(/°\s*C/g, 'degC')
    .replace(/°\s*F/g, 'degF')
    .replace(/²/g, '^2')
    .replace(/³/g, '^3')
    .replace(/[µμ]/g, 'u')
}

export type QuantityResult = { ok: true; value: number } | { ok: false; expected: string; found: string }

/** Short, quoted description of what the user wrote, for messages. */
export function describeFound(input: unknown): string {
  if (typeof input === 'string') {
    const s = input.length > MAX_FOUND_CHARS ? input.slice(0, MAX_FOUND_CHARS - 1) + '…' : input
    return s.trim() === '' ? 'an empty string' : JSON.stringify(s)
  }
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint') return String(input)
  if (input === null) return 'null'
  if (input === undefined) return 'nothing'
  if (Array.isArray(input)) return 'a list'
  if (typeof input === 'object') return 'an object'
  return `a ${typeof input}`
}

function expectedFor(dim: Dimension): string {
  const info = DIMENSION_INFO[dim]
  return `${info.noun} such as "${info.example}"`
}

// Reference units are parsed lazily and cached (parsing is cheap but not free).
const refCache = new Map<string, Unit | null>()
function refUnit(ref: string): Unit | null {
  if (ref === '') return null
  let u = refCache.get(ref)
  if (u === undefined) {
    u = parseUnit(ref)
    refCache.set(ref, u)
  }
  return u
}

function hasDimension(u: Unit, dim: Dimension): boolean {
  const ref = refUnit(DIM_UNITS[dim].ref)
  return ref === null ? u.dimensions.every((d) => Math.abs(d) < 1e-12) : u.equalBase(ref)
}

/** Name what a unit measures, to say '"120 kg" (a mass)'. */
function guessDimension(u: Unit): string | undefined {
  for (const dim of Object.keys(DIM_UNITS) as Dimension[]) {
    if (dim === 'head' || dim === 'temperature_difference' || dim === 'fraction' || dim === 'money') continue
    if (hasDimension(u, dim)) return DIMENSION_INFO[dim].noun
  }
  return undefined
}

function fail(dim: Dimension, found: string, expected = expectedFor(dim)): QuantityResult {
  return { ok: false, expected, found }
}

/** Range-check absolute temperatures (value in K), with a degC hint for bare numbers. */
function checkTemperature(valueK: number, input: unknown): QuantityResult {
  const { min, max } = TEMPERATURE_RANGE_K
  if (valueK >= min && valueK <= max) return { ok: true, value: valueK }
  const expected = `an absolute temperature between ${min} K and ${max} K, such as "32 degC"`
  const shown = Number(valueK.toPrecision(6))
  if (typeof input === 'number' || (typeof input === 'string' && NUMBER_RE.test(input.trim()))) {
    const asC = valueK + 273.15
    const hint = asC >= min && asC <= max ? `; write "${shown} degC"` : ''
    return { ok: false, expected, found: `${describeFound(input)} (read as ${shown} K)${hint}` }
  }
  return { ok: false, expected, found: `${describeFound(input)} (= ${shown} K)` }
}

/** SI value of a number that is already SI; applies the same checks as strings. */
function fromSiNumber(n: number, dim: Dimension, input: unknown): QuantityResult {
  if (!Number.isFinite(n)) return fail(dim, describeFound(input))
  if (dim === 'temperature') return checkTemperature(n, input)
  return { ok: true, value: n }
}

/**
 * Parse a quantity written by a user into its SI value.
 * Numbers (and numeric strings) are SI already; strings with units are parsed
 * by the restricted mathjs `unit()` grammar (no expressions, no functions).
 * Never throws.
 */
export function parseQuantity(input: unknown, dim: Dimension): QuantityResult {
  try {
    return parseQuantityUnsafe(input, dim)
  } catch {
    // Defensive: mathjs internals should not throw past our try blocks, but
    // callers rely on "never throws".
    return fail(dim, describeFound(input))
  }
}

function parseQuantityUnsafe(input: unknown, dim: Dimension): QuantityResult {
  if (typeof input === 'number') return fromSiNumber(input, dim, input)
  if (typeof input !== 'string') return fail(dim, describeFound(input))
  if (input.length > MAX_INPUT_CHARS) {
    return fail(dim, `${describeFound(input)} (${input.length} characters; at most ${MAX_INPUT_CHARS} allowed)`)
  }
  let s = normalizeSymbols(input.trim())
  if (s === '') return fail(dim, describeFound(input))
  if (NUMBER_RE.test(s)) return fromSiNumber(Number(s), dim, input)
  // In temperature fields a bare C or F is the degree, as planners write it ("34 C"); elsewhere C stays the
  // coulomb and gets the dimension error.
  if (dim === 'temperature' || dim === 'temperature_difference') {
    const m = BARE_DEGREE_RE.exec(s)
    if (m) s = `${m[1]} deg${m[2]}`
  }

  if (dim === 'fraction' || dim === 'dimensionless') {
    const m = PERCENT_RE.exec(s)
    if (m?.[1] !== undefined) return fromSiNumber(Number(m[1]) / 100, dim, input)
  }

  if (dim === 'money' || dim === 'energy_price') {
    const matches = s.match(CURRENCY_RE)
    if (matches && matches.length > 1) return fail(dim, `${describeFound(input)} (more than one currency)`)
    s = s.replace(CURRENCY_RE, ' ').trim()
    if (dim === 'money') {
      return NUMBER_RE.test(s) ? fromSiNumber(Number(s), dim, input) : fail(dim, describeFound(input))
    }
    if (NUMBER_RE.test(s)) return fromSiNumber(Number(s), dim, input)
  }

  let u: Unit
  try {
    u = parseUnit(s)
  } catch {
    return fail(dim, describeFound(input))
  }
  // "kW" alone parses as a valueless unit.
  if (u.value === null || typeof u.value !== 'number') {
    return fail(dim, `${describeFound(input)} (no number)`)
  }
  if (!hasDimension(u, dim)) {
    const what = guessDimension(u)
    return fail(dim, what ? `${describeFound(input)} (${what})` : describeFound(input))
  }

  let value: number
  if (dim === 'temperature') {
    // Absolute temperature: mathjs applies the degC/degF offset when
    // converting a single offset unit to K (32 degC -> 305.15 K).
    value = u.toNumber('K')
  } else {
    // Everything else, including temperature *differences*: Unit.value is the
    // number scaled to SI base units WITHOUT any offset (10 degC -> 10,
    // 18 degF -> 10), and derived units like kW/degC never get offsets.
    value = u.value
  }
  if (!Number.isFinite(value)) return fail(dim, describeFound(input))
  if (dim === 'temperature') return checkTemperature(value, input)
  return { ok: true, value }
}

/** 4 significant digits, without trailing zeros or a needless exponent. */
function fmtNumber(n: number, digits = 4): string {
  const r = Number(n.toPrecision(digits))
  return String(Object.is(r, -0) ? 0 : r)
}

/** SI size of one `unit` for this dimension (no offsets), or undefined if it does not fit. */
function unitScale(unit: string, dim: Dimension): number | undefined {
  if (dim === 'fraction' && unit.trim() === '%') return 0.01
  if (unit.trim() === '') return dim === 'money' || dim === 'dimensionless' || dim === 'fraction' ? 1 : undefined
  const stripped = dim === 'energy_price' || dim === 'money' ? unit.replace(CURRENCY_RE, ' ').trim() : unit
  try {
    const u = parseUnit(`1 ${stripped}`)
    if (typeof u.value !== 'number' || !hasDimension(u, dim)) return undefined
    return u.value
  } catch {
    return undefined
  }
}

function joinUnit(n: string, unit: string): string {
  return unit === '' ? n : `${n} ${unit}`
}

/**
 * Format an SI value for display, e.g. (305.15, 'temperature') -> "32 degC",
 * (132000, 'power') -> "132 kW". With `unit`, that unit is used if it fits
 * the dimension (otherwise the automatic choice). Output parses back with
 * parseQuantity to the same value within 4 significant digits.
 */
export function formatQuantity(valueSI: number, dim: Dimension, unit?: string): string {
  if (!Number.isFinite(valueSI)) return String(valueSI)
  try {
    if (dim === 'temperature') {
      const target = unit !== undefined && unitScale(unit, dim) !== undefined ? unit.trim() : 'degC'
      // Absolute temperatures: 2 decimals, not 4 significant digits (305.15 K stays 305.15 K).
      const t = Number(makeUnit(valueSI, 'K').toNumber(target).toFixed(2))
      return joinUnit(String(Object.is(t, -0) ? 0 : t), target)
    }
    if (unit !== undefined) {
      const scale = unitScale(unit, dim)
      if (scale !== undefined) return joinUnit(fmtNumber(valueSI / scale), unit.trim())
    }
    // Automatic: the largest display unit in which |value| >= 1, else the smallest.
    const candidates = DIM_UNITS[dim].display
      .map((d) => ({ d, scale: unitScale(d, dim) }))
      .filter((c): c is { d: string; scale: number } => c.scale !== undefined)
      .sort((a, b) => a.scale - b.scale)
    let best = candidates[0]
    for (const c of candidates) if (Math.abs(valueSI) / c.scale >= 1) best = c
    if (!best) return fmtNumber(valueSI)
    return joinUnit(fmtNumber(valueSI / best.scale), best.d)
  } catch {
    return fmtNumber(valueSI)
  }
}
