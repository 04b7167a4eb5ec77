/**
 * Emissions arithmetic that cannot drift.
 *
 * Providers report metric tons (AWS: doubles with 1 g resolution; MCFS: doubles) or kilograms (Azure).
 * Each figure is converted exactly once into integer grams; sums are integer additions (exact up to
 * 2^53 g = 9 billion tonnes), and formatting goes from the integer digits, never through float rounding.
 */
import type { Grams } from './model.js'

const MAX_GRAMS = Number.MAX_SAFE_INTEGER
/** Below this, a double's spacing is under 2^-12: see the fast path of toGrams. */
const FAST_LIMIT = 2 ** 40

/**
 * n x factor (an exact power of ten) rounded to an integer, without strings, when it is provably what scaling
 * n's shortest decimal form would give: the product lands within 1/4 of an integer and below `limit`, where
 * the double's own errors stay far under 1/4 (see the callers); else null (take the decimal path).
 */
function nearProduct(n: number, factor: number, limit: number): number | null {
  const scaled = n * factor
  const near = Math.round(scaled)
  return Math.abs(scaled - near) < 0.25 && Math.abs(scaled) < limit ? near : null
}

function toGrams(value: unknown, gramsPerUnit: number, what: string): Grams {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new TypeError(`${what} is not a number: ${JSON.stringify(value)}`)
  }
  // Fast path (the common case: a figure at 1 g resolution): when n x gramsPerUnit lands within 0.25 of an
  // integer and far below 2^40 (where a double's spacing is under 2^-12), the decimal scaling below gives that
  // same integer, since the shortest decimal form of n is within half an ulp of n. No strings are built.
  const near = nearProduct(n, gramsPerUnit, FAST_LIMIT)
  if (near !== null) return near === 0 ? 0 : near
  // Scale through the shortest decimal form of the double, so 0.048 t is 48000 g and not 47999.99999.
  const [mantissa, exponent = '0'] = String(n).split('e')
  const grams = Math.round(Number(`${mantissa}e${Number(exponent) + Math.log10(gramsPerUnit)}`))
  if (!Number.isSafeInteger(grams) || Math.abs(grams) > MAX_GRAMS) {
    throw new RangeError(`${what} is out of range: ${JSON.stringify(value)}`)
  }
  return grams === 0 ? 0 : grams // no -0
}

/** Metric tons CO2e (a number or numeric string) to integer grams. */
export function tonnesToGrams(value: unknown, what = 'emissions value'): Grams {
  return toGrams(value, 1e6, what)
}

/** Kilograms CO2e to integer grams. */
export function kilogramsToGrams(value: unknown, what = 'emissions value'): Grams {
  return toGrams(value, 1e3, what)
}

/** Grams as a kilogram number for JSON: exact to the gram (the double nearest to the 3-decimal value). */
export function gramsToKg(grams: Grams): number {
  return grams / 1000
}

/**
 * The text after the whole kilograms for each gram remainder 0..999, trailing zeros dropped:
 * 0 -> '', 500 -> '.5', 50 -> '.05', 123 -> '.123'.
 */
export const KG_FRACTION: readonly string[] = Array.from({ length: 1000 }, (_, f) =>
  f === 0 ? '' : `.${String(f).padStart(3, '0').replace(/0+$/, '')}`
)

/**
 * `String(gramsToKg(grams))` (also its JSON text), built from the integer's digits: for |grams| < 10^15 the
 * kilogram value has at most 15 significant digits, so its shortest round-trip form is that decimal with
 * trailing zeros dropped. Larger or non-integer values go through String().
 * Hot (8 figures per record): one number-to-string of the whole kilograms plus a table lookup, since
 * |grams| < 10^15 makes `% 1000` and the division exact.
 */
export function gramsToKgText(grams: Grams): string {
  if (grams === 0) return '0'
  if (!(grams > -1e15 && grams < 1e15) || !Number.isInteger(grams)) return String(grams / 1000)
  if (grams > 0) {
    const frac = grams % 1000
    return `${(grams - frac) / 1000}${KG_FRACTION[frac]}`
  }
  const frac = -grams % 1000
  return `-${(-grams - frac) / 1000}${KG_FRACTION[frac]}`
}

/** Grams as a kilogram number or null. */
export function gramsToKgOrNull(grams: Grams | null): number | null {
  return grams === null ? null : gramsToKg(grams)
}

/**
 * Formats an integer count of `10^-decimals` units as a fixed-point decimal string, from its digits.
 * fixed(12345678, 3) = "12345.678"; fixed(-5, 3) = "-0.005".
 */
export function fixed(units: number, decimals: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not an integer: ${units}`)
  const negative = units < 0
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const frac = digits.slice(digits.length - decimals)
  return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`
}

/** Divides an integer by 10^k, rounding half away from zero, in integers. */
export function roundDiv(value: number, k: number): number {
  const d = 10 ** k
  const q = Math.trunc(value / d)
  const r = value - q * d
  if (Math.abs(r) * 2 >= d) return q + Math.sign(value)
  return q
}

/** Grams as kilograms with 3 decimals: exact. */
export function formatKg(grams: Grams): string {
  return fixed(grams, 3)
}

/** Grams as metric tons with 3 decimals (kilogram precision, half away from zero). */
export function formatTonnes(grams: Grams): string {
  return fixed(roundDiv(grams, 3), 3)
}

/** Grams as a tonne number with 3 decimals, for report.json threshold figures. */
export function gramsToTonnes3(grams: Grams): number {
  return Number(formatTonnes(grams))
}

/** A limit in tonnes (as typed by the user) to exact grams. */
export function limitToGrams(tonnes: number): Grams {
  return tonnesToGrams(tonnes, 'limit')
}

/**
 * A human figure for summaries: picks t or kg so that the number reads well, never loses a gram in the
 * underlying data (summaries are for reading; the JSON/CSV hold the exact values).
 */
export function humanMass(grams: Grams): string {
  const abs = Math.abs(grams)
  if (abs >= 1_000_000) return `${groupThousands(formatTonnes(grams))} t`
  return `${groupThousands(formatKg(grams))} kg`
}

/** Inserts thousands separators in the whole part of a decimal string. */
export function groupThousands(decimal: string): string {
  const [whole, frac] = decimal.split('.')
  const sign = whole.startsWith('-') ? '-' : ''
  const digits = sign ? whole.slice(1) : whole
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`
}

// ---------------------------------------------------------------------------------------------------------
// Below the gram: providers whose rows are finer than a gram (Azure's resources, MCFS's scope rows) are summed
// in exact integer nanograms, then the cells of a group are rounded together so that they add up to the
// group's rounded total.

const NG_PER_G = 1_000_000_000n
const NG = 1e9

/** 10^0 .. 10^40 as bigints, made once (hot: a power per figure converted). */
const POW10: readonly bigint[] = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k))
const pow10 = (k: number): bigint => (k < POW10.length ? POW10[k] : 10n ** BigInt(k))

/**
 * A figure (number or numeric string) as exact integer nanograms, through its shortest decimal form:
 * 0.1 kg is 100000000000 ng, never 99999999999.99. `exponent`: nanograms per unit as a power of ten.
 */
function toNanograms(value: unknown, exponent: number, what: string): bigint {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new TypeError(`${what} is not a number: ${JSON.stringify(value)}`)
  // Fast path (most figures: below ~560 kg): let d be n's shortest decimal form and x = d x 10^exponent, the
  // exact value the slow path rounds. Below 2^49, the double product n x 10^exponent is within 1/8 of x
  // (|n - d| <= ulp(n)/2 scales to at most |x| x 2^-53 < 1/16; the product's own rounding is at most
  // ulp/2 <= 1/16; 10^exponent <= 10^22 is exact). So when the product is within 1/4 of an integer, x is
  // within 3/8 of that integer, which is x rounded. Checked against the slow path in units.test.ts.
  const near = exponent < NUMBER_POW10.length ? nearProduct(n, NUMBER_POW10[exponent], FAST_NG_LIMIT) : null
  if (near !== null) return BigInt(near)
  return toNanogramsExact(n, exponent, what, value)
}

/**
 * toNanograms's fast path alone, for callers that keep Numbers: `n` x 10^exponent nanograms when the product
 * decides them (the proof above), else null (then toNanograms, or toNanogramsExact, has the answer).
 */
export function fastNanograms(n: number, exponent: number): number | null {
  return nearProduct(n, NUMBER_POW10[exponent], FAST_NG_LIMIT)
}

/** Below this, toNanograms's product is within 1/8 of the exact scaled decimal. */
const FAST_NG_LIMIT = 2 ** 49
/** 10^0 .. 10^22 as doubles (each exact). */
const NUMBER_POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => 10 ** k)

/** toNanograms through the shortest decimal form's digits (any size). Exported for the fast path's test. */
export function toNanogramsExact(n: number, exponent: number, what: string, value: unknown = n): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(n))
  if (!m) throw new TypeError(`${what} is not a decimal: ${JSON.stringify(value)}`)
  const [, sign, whole, frac = '', exp = '0'] = m
  const digits = BigInt(whole + frac)
  const shift = Number(exp) - frac.length + exponent
  let abs: bigint
  if (shift >= 0) abs = digits * pow10(shift)
  else {
    const d = pow10(-shift)
    abs = digits / d + ((digits % d) * 2n >= d ? 1n : 0n)
  }
  return sign === '-' ? -abs : abs
}

/** Kilograms CO2e as exact nanograms. */
export function kilogramsToNanograms(value: unknown, what = 'emissions value'): bigint {
  return toNanograms(value, 12, what)
}

/** Metric tons CO2e as exact nanograms. */
export function tonnesToNanograms(value: unknown, what = 'emissions value'): bigint {
  return toNanograms(value, 15, what)
}

/** floor(a / b) for b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n ? q - 1n : q
}

/** Nanograms to grams, half away from zero. */
export function nanogramsToGrams(ng: bigint): number {
  const abs = ng < 0n ? -ng : ng
  const g = abs / NG_PER_G + ((abs % NG_PER_G) * 2n >= NG_PER_G ? 1n : 0n)
  const n = Number(ng < 0n ? -g : g)
  if (!Number.isSafeInteger(n)) throw new RangeError(`emissions out of range: ${ng} ng`)
  return n === 0 ? 0 : n
}

/** Packs (remainder, index) in one double, so a plain numeric sort gives largest remainder, then earliest index. */
const INDEX_BITS = 2 ** 23

/**
 * `apportionGrams` of cells given as whole grams and nanogram remainders (`floors[i]` x 10^9 + `rems[i]`, with
 * 0 <= rems[i] < 10^9), in Numbers: the same grams without a BigInt per cell (hot: every cell of a large run).
 * null when a sum would leave the safe integers: the caller then takes `apportionGrams`.
 */
export function apportionParts(floors: ArrayLike<number>, rems: ArrayLike<number>): number[] | null {
  const n = floors.length
  if (n > INDEX_BITS) return null
  const out = new Array<number>(n)
  let whole = 0
  let part = 0
  for (let i = 0; i < n; i++) {
    out[i] = floors[i]
    whole += floors[i]
    part += rems[i]
    // Checked at each step: a sum that left the safe integers may come back, inexact.
    if (!Number.isSafeInteger(whole)) return null
  }
  if (!Number.isSafeInteger(part)) return null
  const floorSum = whole
  const carry = Math.floor(part / NG)
  const rem = part - carry * NG
  whole += carry
  // The total is whole x 10^9 + rem, 0 <= rem < 10^9, rounded half away from zero (nanogramsToGrams).
  const total = whole + (rem > NG / 2 || (rem === NG / 2 && whole >= 0) ? 1 : 0)
  if (!Number.isSafeInteger(total)) return null
  let extra = total - floorSum
  if (extra <= 0) return out
  const keys = new Float64Array(n)
  for (let k = 0; k < n; k++) keys[k] = rems[k] * INDEX_BITS + (INDEX_BITS - 1 - k)
  keys.sort()
  for (let j = n - 1; j >= 0 && extra > 0; j--, extra--) out[INDEX_BITS - 1 - (keys[j] % INDEX_BITS)] += 1
  return out
}

/**
 * Rounds cells of nanograms to whole grams so that they add up to the rounded exact total (largest remainder;
 * ties go to the earlier cell): every cell is within 1 g of its exact value and the sum is exact to the gram.
 */
export function apportionGrams(cells: readonly bigint[]): number[] {
  const floors = cells.map((c) => floorDiv(c, NG_PER_G))
  const total = cells.reduce((a, c) => a + c, 0n)
  let extra = Number(BigInt(nanogramsToGrams(total)) - floors.reduce((a, f) => a + f, 0n))
  const order = cells
    .map((c, i) => ({ i, rem: c - floors[i] * NG_PER_G }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))
  const out = floors.map((f) => Number(f))
  for (const { i } of order) {
    if (extra <= 0) break
    out[i] += 1
    extra--
  }
  return out
}
