/**
 * MCFS's exact nanograms without a BigInt per row (hot: one figure per row). A figure is a Number of nanograms
 * while that is a safe integer; a cell's sum per scope is whole grams plus a nanogram remainder, both Numbers.
 * Every result is the one of units.ts (tonnesToNanograms, apportionGrams), which this falls back to beyond
 * those bounds; the tests check both ways agree on tricky inputs.
 */
import { apportionGrams, apportionParts, fastNanograms, tonnesToNanograms, toNanogramsExact } from '../../units.js'

const NG = 1e9
const NG_BIG = 1_000_000_000n
/** Below this many grams, a double's spacing is under 2^-32 t: see tonnesToNg. */
const FAST_G = 2 ** 40
/** Whole grams whose nanograms are still a safe integer. */
const MAX_G_AS_NG = Math.floor(Number.MAX_SAFE_INTEGER / NG)

/**
 * Metric tons (a number or numeric string) as exact nanograms: `tonnesToNanograms(value)`, as a Number when it
 * is a safe integer. `what` names the figure in an error (built only then).
 */
export function tonnesToNg(value: unknown, what: () => string): number | bigint {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isFinite(n)) return tonnesToNanograms(value, what()) // throws its error
  // Below ~0.56 t: units.ts's own fast path (a product within 1/4 of an integer is that integer).
  const near = fastNanograms(n, 15)
  if (near !== null) return near
  // Whole grams (0 < |g| < 2^40) with g / 1e6 === n: then n's shortest decimal d is g x 10^-6 exactly, and its
  // nanograms g x 10^9. Why: d and g x 10^-6 both round to n, so they are within ulp(n) < 2^-32 of each other;
  // d has no more digits than g x 10^-6 (it is the shortest), so its last digit is at least 10^-7 (10^-6 unless
  // d sits just below a power of ten that g x 10^-6 reaches, at least 10^-7 away): two such decimals that
  // close are equal.
  const g = Math.round(n * 1e6)
  if (g / 1e6 === n && Math.abs(g) < FAST_G) return Math.abs(g) <= MAX_G_AS_NG ? g * NG : BigInt(g) * NG_BIG
  const ng = toNanogramsExact(n, 15, what(), value)
  return ng >= -Number.MAX_SAFE_INTEGER && ng <= Number.MAX_SAFE_INTEGER ? Number(ng) : ng
}

/**
 * Exact nanograms by scope (index 0: no scope; 1..3): gr[i] x 10^9 + gr[4 + i] + big[i], with gr[i] (grams) a
 * safe integer and gr[4 + i] (the nanogram remainder) in [0, 10^9). One list of eight, not two of four: a month's
 * cells live until its last page. `big` holds what would leave the safe integers (past 9 billion tonnes).
 */
export interface NgSums {
  gr: number[]
  big: bigint[] | null
}

/** Sums of nothing. */
export const zeroSums = (): number[] => [0, 0, 0, 0, 0, 0, 0, 0]

/** Adds nanograms (from tonnesToNg) to scope i. */
export function addNg(s: NgSums, i: number, ng: number | bigint): void {
  let g: number
  let r: number
  if (typeof ng === 'number') {
    // |ng| < 2^53: g x 10^9 and the difference are exact; the rounded quotient is off by at most one (fixed below).
    g = Math.floor(ng / NG)
    r = ng - g * NG
  } else {
    let q = ng / NG_BIG
    let m = ng % NG_BIG
    if (m < 0n) {
      q -= 1n
      m += NG_BIG
    }
    g = Number(q)
    r = Number(m)
    // A figure past 2^53 g (9 billion tonnes) stays a BigInt.
    if (!Number.isSafeInteger(g)) return addBig(s, i, ng)
  }
  if (r < 0) {
    g--
    r += NG
  } else if (r >= NG) {
    g++
    r -= NG
  }
  const gr = s.gr
  let sr = gr[4 + i] + r
  let sg = gr[i] + g
  if (sr >= NG) {
    sr -= NG
    sg++
  }
  // A sum of safe integers that is itself safe is exact; beyond, the figure goes to the BigInt part.
  if (!Number.isSafeInteger(sg)) return addBig(s, i, ng)
  gr[i] = sg
  gr[4 + i] = sr
}

function addBig(s: NgSums, i: number, ng: number | bigint): void {
  s.big ??= [0n, 0n, 0n, 0n]
  s.big[i] += BigInt(ng)
}

/**
 * `apportionGrams` of the cells' nanograms (4 per cell, in order), in Numbers: the floors are the g[i], the
 * remainders the r[i]. Falls back to apportionGrams itself (and its range error) beyond safe integers.
 */
export function apportionSums(cells: readonly NgSums[]): number[] {
  const n = cells.length * 4
  const floors = new Float64Array(n)
  const rems = new Float64Array(n)
  for (let c = 0; c < cells.length; c++) {
    const { gr, big } = cells[c]
    if (big !== null) return apportionBig(cells)
    for (let i = 0; i < 4; i++) {
      floors[c * 4 + i] = gr[i]
      rems[c * 4 + i] = gr[4 + i]
    }
  }
  return apportionParts(floors, rems) ?? apportionBig(cells)
}

function apportionBig(cells: readonly NgSums[]): number[] {
  return apportionGrams(
    cells.flatMap((c) => [0, 1, 2, 3].map((i) => BigInt(c.gr[i]) * NG_BIG + BigInt(c.gr[4 + i]) + (c.big?.[i] ?? 0n)))
  )
}
