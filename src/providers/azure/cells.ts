/**
 * Resource rows summed into (subscription, service, region) cells in exact nanograms, page by page, then the
 * pages' cells into a (batch, month)'s and rounded together. The exact functions (resourceDimensions,
 * kilogramsToNanograms) run once per distinct row shape or odd figure.
 */
import type { CarbonRecord, Month } from '../../model.js'
import { apportionGrams, fastNanograms, kilogramsToNanograms } from '../../units.js'
import { marketOnlyRecord } from '../kit/records.js'
import { apportionSmallGrams } from './apportion.js'
import { resourceDimensions, type ReportRow } from './parse.js'
import { SCOPES } from './queries.js'

/** resourceDimensions of a row, with the key of its cell. */
export interface Dims {
  subscriptionId: string
  service: string | null
  region: string | null
  key: string
}

/** Distinct raw (subscriptionId, resourceType, location) remembered at most, then forgotten at once. */
const DIMS_LIMIT = 1 << 16

/**
 * resourceDimensions, remembered per raw (subscriptionId, resourceType, location): when the first two are
 * non-blank strings, the result depends on these three only (the resource id is read only when one is blank).
 */
export class DimsCache {
  private readonly bySub = new Map<string, Map<string, Map<string | undefined, Dims>>>()
  private readonly strings = new Map<string, string>()
  private size = 0

  constructor(private readonly limit = DIMS_LIMIT) {}

  of(row: ReportRow): Dims {
    const sub: unknown = row.subscriptionId
    const type: unknown = row.resourceType
    // Any location that is not a string gives no region, whatever it is.
    const loc = typeof row.location === 'string' ? row.location : undefined
    const known = typeof sub === 'string' && typeof type === 'string'
    if (known) {
      const hit = this.bySub.get(sub)?.get(type)?.get(loc)
      if (hit !== undefined) return hit
    }
    const d = resourceDimensions(row)
    const dims: Dims = {
      subscriptionId: this.intern(d.subscriptionId),
      service: d.service === null ? null : this.intern(d.service),
      region: d.region === null ? null : this.intern(d.region),
      // One flat string (a template literal makes a chain of pieces): every cell of a month keeps its key.
      key: [d.subscriptionId, d.service ?? '', d.region ?? ''].join('\u0000')
    }
    if (known && sub.trim() !== '' && type.trim() !== '') this.remember(sub, type, loc, dims)
    return dims
  }

  /**
   * One string per distinct subscription, service and region: each row read makes its own copy, and the
   * remembered dimensions (tens of thousands) would each keep one.
   */
  private intern(s: string): string {
    const known = this.strings.get(s)
    if (known !== undefined) return known
    if (this.strings.size >= this.limit) this.strings.clear()
    this.strings.set(s, s)
    return s
  }

  private remember(sub: string, type: string, loc: string | undefined, dims: Dims): void {
    if (this.size >= this.limit) {
      this.bySub.clear()
      this.size = 0
    }
    let byType = this.bySub.get(sub)
    if (byType === undefined) this.bySub.set(sub, (byType = new Map()))
    let byLoc = byType.get(type)
    if (byLoc === undefined) byType.set(type, (byLoc = new Map()))
    byLoc.set(loc, dims)
    this.size++
  }
}

/** A page's sum for one cell, of the page's scope: `ng` (a safe integer) plus `big` (when it did not fit). */
export interface PageCell {
  dims: Dims
  ng: number
  big: bigint | null
  /** A figure came (false only for the cell of a row whose figure failed). */
  seen: boolean
}

/** Nanograms per kilogram, as a power of ten. */
const KG_NG_EXPONENT = 12

/** Whether a Number sum of two safe integers is their exact sum: within the safe range, the float sum is exact. */
const safe = (sum: number): boolean => sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER

/**
 * One page's rows (all of one scope, SCOPES[j]) summed per cell. Hot: a large tenant sends about a million
 * rows, so a row costs a few map lookups and one Number addition; what a page comes to is one sum per distinct
 * (subscription, service, region), added to its (batch, month) only once the page is read whole.
 */
export class PageCells {
  private readonly byDims = new Map<Dims, PageCell>()
  private readonly byKey = new Map<string, PageCell>()

  constructor(
    private readonly dimsOf: DimsCache,
    private readonly j: number
  ) {}

  add(row: ReportRow): void {
    const dims = this.dimsOf.of(row)
    let cell = this.byDims.get(dims)
    if (cell === undefined) {
      cell = this.byKey.get(dims.key)
      if (cell === undefined) {
        cell = { dims, ng: 0, big: null, seen: false }
        this.byKey.set(dims.key, cell)
      }
      this.byDims.set(dims, cell)
    }
    const v = row.latestMonthEmissions
    // kilogramsToNanograms's value without a BigInt, when the fast path decides it.
    const ng = typeof v === 'number' ? fastNanograms(v, KG_NG_EXPONENT) : null
    if (ng !== null) {
      const sum = cell.ng + ng
      if (safe(sum)) cell.ng = sum
      else {
        cell.big = (cell.big ?? 0n) + BigInt(cell.ng) + BigInt(ng)
        cell.ng = 0
      }
      cell.seen = true
      return
    }
    const exact = kilogramsToNanograms(v, `${SCOPES[this.j]} of ${row.resourceId ?? row.itemName}`)
    cell.big = (cell.big ?? 0n) + exact
    cell.seen = true
  }

  /** The cells, in the order their first rows came. */
  list(): PageCell[] {
    return [...this.byKey.values()]
  }
}

/**
 * One (batch, month): its pages' cells added as they come, then its records. A cell is an index into flat
 * lists (its dims, three Number sums, the scopes seen), not an object and an array each: a month's cells live
 * until its last page, and a large tenant has a couple of hundred thousand of them.
 */
export class BatchMonthCells {
  /** Keyed like the records: the first page cell's dims name a cell. */
  private readonly index = new Map<string, number>()
  private readonly dims: Dims[] = []
  /** Per cell, per scope (SCOPES' order): nanograms summed as a Number while that is exact, the rest in `big`. */
  private readonly ng: number[] = []
  /** Per cell, bit j: a figure of SCOPES[j] came. */
  private readonly seen: number[] = []
  private big: Map<number, [bigint, bigint, bigint]> | null = null

  /** A page's cells, of SCOPES[j]'s query. */
  addPage(page: readonly PageCell[], j: number): void {
    for (const p of page) {
      let c = this.index.get(p.dims.key)
      if (c === undefined) {
        c = this.dims.length
        this.index.set(p.dims.key, c)
        this.dims.push(p.dims)
        this.ng.push(0, 0, 0)
        this.seen.push(0)
      }
      const k = c * 3 + j
      const sum = this.ng[k] + p.ng
      if (p.big === null && safe(sum)) this.ng[k] = sum
      else {
        this.bigOf(c)[j] += BigInt(this.ng[k]) + BigInt(p.ng) + (p.big ?? 0n)
        this.ng[k] = 0
      }
      if (p.seen) this.seen[c] |= 1 << j
    }
  }

  private bigOf(c: number): [bigint, bigint, bigint] {
    this.big ??= new Map()
    let b = this.big.get(c)
    if (b === undefined) this.big.set(c, (b = [0n, 0n, 0n]))
    return b
  }

  /**
   * The records, rounded together, in the report's order. `failed` has bit j when SCOPES[j]'s query failed.
   */
  records(
    subs: readonly string[],
    month: Month,
    failed: number,
    nameOf: (id: string) => string | null
  ): CarbonRecord[] {
    const order = inReportOrder(this.dims, subs)
    const n = order.length
    // A scope of a cell is its Number part plus its bigint part (both 0 when nothing of it came).
    let grams: number[] | null = null
    if (this.big === null) {
      const flat = new Float64Array(n * 3)
      for (let i = 0; i < n; i++) for (let j = 0; j < 3; j++) flat[i * 3 + j] = this.ng[order[i] * 3 + j]
      grams = apportionSmallGrams(flat)
    }
    if (grams === null) {
      const flat: bigint[] = new Array(n * 3)
      for (let i = 0; i < n; i++) {
        const c = order[i]
        const b = this.big?.get(c)
        for (let j = 0; j < 3; j++) flat[i * 3 + j] = BigInt(this.ng[c * 3 + j]) + (b === undefined ? 0n : b[j])
      }
      grams = apportionGrams(flat)
    }
    const g = grams
    // A scope whose query failed is null where nothing of it came (not given), else what came.
    const scope = (c: number, j: number, g: number): number | null =>
      failed & (1 << j) && !(this.seen[c] & (1 << j)) ? null : g
    const out: CarbonRecord[] = new Array(n)
    for (let i = 0; i < n; i++) {
      const c = order[i]
      const s1 = scope(c, 0, g[i * 3])
      const s2 = scope(c, 1, g[i * 3 + 1])
      const s3 = scope(c, 2, g[i * 3 + 2])
      const { subscriptionId, service, region } = this.dims[c]
      out[i] = marketOnlyRecord(
        { provider: 'azure', account: subscriptionId, accountName: nameOf(subscriptionId), month, service, region },
        { total: (s1 ?? 0) + (s2 ?? 0) + (s3 ?? 0), scopes: [s1, s2, s3] }
      )
    }
    return out
  }
}

/** localeCompare's order (the default locale and options), with one collator made once instead of per call. */
const COLLATOR = new Intl.Collator()

/**
 * Each distinct string's rank in the collator's order, equal strings (to the collator) sharing a rank: comparing
 * ranks gives the collator's comparison, with one collator call per distinct string instead of per comparison.
 */
function collatorRanks(strings: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(strings)].sort(COLLATOR.compare)
  const ranks = new Map<string, number>()
  let rank = 0
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && COLLATOR.compare(sorted[i - 1], sorted[i]) !== 0) rank = i
    ranks.set(sorted[i], rank)
  }
  return ranks
}

/**
 * The cells' indexes in a deterministic order: subscriptions as listed (others after them, by the collator),
 * then service, then region.
 */
function inReportOrder(dims: readonly Dims[], subs: readonly string[]): number[] {
  const order = new Map(subs.map((s, i) => [s, i]))
  // Only subscriptions that are not listed are compared by the collator (listed ones by their place).
  const subRanks = collatorRanks(dims.filter((d) => !order.has(d.subscriptionId)).map((d) => d.subscriptionId))
  const serviceRanks = collatorRanks(dims.map((d) => d.service ?? ''))
  const regionRanks = collatorRanks(dims.map((d) => d.region ?? ''))
  const n = dims.length
  const listed = new Float64Array(n)
  const ranks = new Float64Array(n * 3)
  for (let c = 0; c < n; c++) {
    const d = dims[c]
    listed[c] = order.get(d.subscriptionId) ?? Infinity
    ranks[c * 3] = subRanks.get(d.subscriptionId) ?? 0
    ranks[c * 3 + 1] = serviceRanks.get(d.service ?? '')!
    ranks[c * 3 + 2] = regionRanks.get(d.region ?? '')!
  }
  // Two unlisted subscriptions: Infinity - Infinity is NaN, falsy, so their collator ranks decide.
  return Array.from({ length: n }, (_, c) => c).sort(
    (a, b) =>
      listed[a] - listed[b] ||
      ranks[a * 3] - ranks[b * 3] ||
      ranks[a * 3 + 1] - ranks[b * 3 + 1] ||
      ranks[a * 3 + 2] - ranks[b * 3 + 2]
  )
}
