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
      subscriptionId: d.subscriptionId,
      service: d.service,
      region: d.region,
      // One flat string (a template literal makes a chain of pieces): every cell of a month keeps its key.
      key: [d.subscriptionId, d.service ?? '', d.region ?? ''].join('\u0000')
    }
    if (known && sub.trim() !== '' && type.trim() !== '') this.remember(sub, type, loc, dims)
    return dims
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

interface Cell {
  dims: Dims
  /** Per scope (SCOPES' order): nanograms summed as a Number while that is exact, the rest in `big`. */
  ng: [number, number, number]
  big: [bigint, bigint, bigint] | null
  /** Bit j: a figure of SCOPES[j] came. */
  seen: number
  /** The sort keys: the subscription's place in the batch, then collator ranks. */
  listed: number
  subRank: number
  serviceRank: number
  regionRank: number
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

/** One (batch, month): its pages' cells added as they come, then its records. */
export class BatchMonthCells {
  /** Keyed like the records: the first page cell's dims name a cell. */
  private readonly cells = new Map<string, Cell>()

  /** A page's cells, of SCOPES[j]'s query. */
  addPage(page: readonly PageCell[], j: number): void {
    for (const p of page) {
      let cell = this.cells.get(p.dims.key)
      if (cell === undefined) {
        cell = { dims: p.dims, ng: [0, 0, 0], big: null, seen: 0, listed: 0, subRank: 0, serviceRank: 0, regionRank: 0 }
        this.cells.set(p.dims.key, cell)
      }
      const sum = cell.ng[j] + p.ng
      if (p.big === null && safe(sum)) cell.ng[j] = sum
      else {
        this.bigOf(cell)[j] += BigInt(cell.ng[j]) + BigInt(p.ng) + (p.big ?? 0n)
        cell.ng[j] = 0
      }
      if (p.seen) cell.seen |= 1 << j
    }
  }

  private bigOf(cell: Cell): [bigint, bigint, bigint] {
    return (cell.big ??= [0n, 0n, 0n])
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
    const list = inReportOrder([...this.cells.values()], subs)
    // A scope of a cell is its Number part plus its bigint part (both 0 when nothing of it came).
    let grams: number[] | null = null
    if (list.every((c) => c.big === null)) {
      const flat = new Float64Array(list.length * 3)
      for (let i = 0; i < list.length; i++) for (let j = 0; j < 3; j++) flat[i * 3 + j] = list[i].ng[j]
      grams = apportionSmallGrams(flat)
    }
    if (grams === null) {
      const flat: bigint[] = new Array(list.length * 3)
      for (let i = 0; i < list.length; i++) {
        const c = list[i]
        for (let j = 0; j < 3; j++) flat[i * 3 + j] = BigInt(c.ng[j]) + (c.big === null ? 0n : c.big[j])
      }
      grams = apportionGrams(flat)
    }
    // A scope whose query failed is null where nothing of it came (not given), else what came.
    const scope = (c: Cell, j: number, g: number): number | null =>
      failed & (1 << j) && !(c.seen & (1 << j)) ? null : g
    const out: CarbonRecord[] = new Array(list.length)
    for (let i = 0; i < list.length; i++) {
      const c = list[i]
      const s1 = scope(c, 0, grams[i * 3])
      const s2 = scope(c, 1, grams[i * 3 + 1])
      const s3 = scope(c, 2, grams[i * 3 + 2])
      const { subscriptionId, service, region } = c.dims
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

/** Deterministic order: subscriptions as listed (others after them, by the collator), then service, then region. */
function inReportOrder(list: Cell[], subs: readonly string[]): Cell[] {
  const order = new Map(subs.map((s, i) => [s, i]))
  // Only subscriptions that are not listed are compared by the collator (listed ones by their place).
  const subRanks = collatorRanks(
    list.filter((c) => !order.has(c.dims.subscriptionId)).map((c) => c.dims.subscriptionId)
  )
  const serviceRanks = collatorRanks(list.map((c) => c.dims.service ?? ''))
  const regionRanks = collatorRanks(list.map((c) => c.dims.region ?? ''))
  for (const c of list) {
    c.listed = order.get(c.dims.subscriptionId) ?? Infinity
    c.subRank = subRanks.get(c.dims.subscriptionId) ?? 0
    c.serviceRank = serviceRanks.get(c.dims.service ?? '')!
    c.regionRank = regionRanks.get(c.dims.region ?? '')!
  }
  // Two unlisted subscriptions: Infinity - Infinity is NaN, falsy, so their collator ranks decide.
  return list.sort(
    (a, b) =>
      a.listed - b.listed || a.subRank - b.subRank || a.serviceRank - b.serviceRank || a.regionRank - b.regionRank
  )
}
