/** The MCFS API's OData pages, folded into records (pure: the documented shapes parse in the tests). */
import type { CarbonRecord, Month, Period } from '../../model.js'
import { monthIndex } from '../../period.js'
import { tonnesToNanograms } from '../../units.js'
import { marketOnlyRecord } from '../kit/records.js'
import type { ForecastPoint } from '../kit/seam.js'
import { addNg, apportionSums, tonnesToNg, zeroSums, type NgSums } from './nanograms.js'
import { M365_SERVICE, monthOfDateKey } from './queries.js'

export interface ODataPage {
  rows: Record<string, unknown>[]
  nextLink: string | null
  count: number | null
}

/** An OData collection response: `value`, `@odata.nextLink` (absent, null or empty on the last page), `@odata.count`. */
export function parseODataPage(json: unknown): ODataPage {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the response is not an OData object')
  const o = json as Record<string, unknown>
  if (!Array.isArray(o.value)) throw new Error('the response has no value list')
  const next = o['@odata.nextLink']
  const count = o['@odata.count']
  return {
    rows: o.value as Record<string, unknown>[],
    nextLink: typeof next === 'string' && next.trim() !== '' ? next : null,
    count:
      typeof count === 'number' && Number.isInteger(count)
        ? count
        : typeof count === 'string' && /^\d+$/.test(count)
          ? Number(count)
          : null
  }
}

/** The scope (1, 2, 3) of a row: `scopeId`, else the `scope` text ("Scope 1"); null when neither says. */
export function scopeOf(row: Record<string, unknown>): 1 | 2 | 3 | null {
  const id = typeof row.scopeId === 'string' ? Number(row.scopeId) : row.scopeId
  if (id === 1 || id === 2 || id === 3) return id
  const s = row.scope
  if (typeof s !== 'string') return null
  // The documented spelling ("Scope 2", every Microsoft 365 row) without the regex.
  if (s.length === 7 && s.startsWith('Scope ') && s[6] >= '1' && s[6] <= '3') return Number(s[6]) as 1 | 2 | 3
  const m = /^\s*scope\s*([123])\s*$/i.exec(s)
  return m ? (Number(m[1]) as 1 | 2 | 3) : null
}

const text = (v: unknown): string | null => {
  if (typeof v !== 'string') return null
  const t = v.trim()
  return t !== '' ? t : null
}

/** The last id lowercased: consecutive rows share one, and toLowerCase copies even a lowercase string. */
let lastId = ''
let lastIdLower = ''
const lower = (id: string): string => {
  if (id !== lastId) {
    lastId = id
    lastIdLower = id.toLowerCase()
  }
  return lastIdLower
}

/** The dimensions of a row's record. */
export interface Dims {
  account: string
  accountName: string | null
  service: string | null
  region: string | null
  subService: string | null
}

/** Reads a row's dimensions into `d` (one object per Folder, not one per row: this runs for every row). */
export type DimsOf = (row: Record<string, unknown>, d: Dims) => void

interface Cell extends NgSums {
  month: Month
  account: string
  accountName: string | null
  service: string | null
  region: string | null
  /** The distinct subServices folded in (a handful per service): null while none, the name while one. */
  subServices: string | string[] | null
}

/** The distinct subServices of a cell, in the order they came; null when none came. */
export function subServiceNames(c: Pick<Cell, 'subServices'>): string[] | null {
  return typeof c.subServices === 'string' ? [c.subServices] : c.subServices
}

/** Ids below this fit the cell key: a month of the period, an account, a (service, region). */
const ID_LIMIT = 2 ** 22

/** The id of `key` in `ids` (the next one when new). */
function idOf(ids: Map<string, number>, key: string): number {
  let id = ids.get(key)
  if (id === undefined) {
    id = ids.size
    if (id >= ID_LIMIT) throw new Error(`more than ${ID_LIMIT} distinct accounts or (service, region) in one query`)
    ids.set(key, id)
  }
  return id
}

/** Folds rows into cells keyed by (month, account, service, region). */
export class Folder {
  /**
   * By a number made of ids of the month, account and (service, region) (not a string per cell: a large month
   * has tens of thousands of cells, held until its last page).
   */
  private readonly cells = new Map<number, Cell>()
  private readonly accountIds = new Map<string, number>()
  private readonly pairIds = new Map<string, number>()
  /** One string per distinct name: every cell of a service or region shares it. */
  private readonly names = new Map<string, string>()
  /** Rows outside the period (the server ignored the filter) and rows without a scope, for warnings. */
  outside = 0
  unscoped = 0
  rows = 0

  private readonly first: number
  private readonly last: number
  private readonly d: Dims = { account: '', accountName: null, service: null, region: null, subService: null }
  /** The last dateKey seen and its month: the rows of a page share one (a query is one month). */
  private lastKey: unknown = NaN
  private lastMonth: Month | null = null
  private lastAt = 0
  private lastCell: Cell | null = null
  /** Names a row's figure in an error (one function per Folder, not one per row). */
  private readonly whatTotal = (): string => `totalEmissions of ${this.lastMonth}`

  constructor(
    period: Period,
    private readonly dims: DimsOf
  ) {
    this.first = monthIndex(period.start)
    this.last = monthIndex(period.end)
    // The cell key holds the month's place in the period below 2^9, so the key stays an exact integer.
    if (this.last - this.first >= 512) throw new Error('a period of more than 512 months')
  }

  add(row: Record<string, unknown>): void {
    if (!row || typeof row !== 'object') throw new Error('a row is not an object')
    if (row.dateKey !== this.lastKey) {
      this.lastKey = row.dateKey
      this.lastMonth = monthOfDateKey(row.dateKey)
      if (this.lastMonth !== null) this.lastAt = monthIndex(this.lastMonth)
    }
    const month = this.lastMonth
    if (month === null) throw new Error(`a row has no valid dateKey (${JSON.stringify(row.dateKey)})`)
    const ng = tonnesToNg(row.totalEmissions, this.whatTotal)
    this.rows++
    if (this.lastAt < this.first || this.lastAt > this.last) {
      this.outside++
      return
    }
    const d = this.d
    this.dims(row, d)
    // The rows of a cell tend to come together (one per scope and subService): the same cell as the last row's
    // needs no key (equal dimensions make an equal key).
    let cell = this.lastCell
    if (
      cell === null ||
      cell.account !== d.account ||
      cell.service !== d.service ||
      cell.region !== d.region ||
      cell.month !== month
    )
      cell = this.cellOf(month, d)
    if (cell.accountName === null && d.accountName !== null) cell.accountName = d.accountName
    const sub = d.subService
    if (sub !== null) {
      const known = cell.subServices
      if (known === null) cell.subServices = this.name(sub)
      else if (typeof known === 'string') {
        if (known !== sub) cell.subServices = [known, this.name(sub)]
      } else if (!known.includes(sub)) known.push(this.name(sub))
    }
    const scope = scopeOf(row)
    if (scope === null) this.unscoped++
    addNg(cell, scope ?? 0, ng)
  }

  private cellOf(month: Month, d: Dims): Cell {
    const account = idOf(this.accountIds, d.account)
    const pair = idOf(this.pairIds, `${d.service ?? ''}\u0000${d.region ?? ''}`)
    const key = ((monthIndex(month) - this.first) * ID_LIMIT + account) * ID_LIMIT + pair
    let cell = this.cells.get(key)
    if (!cell) {
      cell = {
        month,
        account: this.name(d.account),
        accountName: d.accountName === null ? null : this.name(d.accountName),
        service: d.service === null ? null : this.name(d.service),
        region: d.region === null ? null : this.name(d.region),
        gr: zeroSums(),
        big: null,
        subServices: null
      }
      this.cells.set(key, cell)
    }
    this.lastCell = cell
    return cell
  }

  private name(s: string): string {
    const known = this.names.get(s)
    if (known !== undefined) return known
    this.names.set(s, s)
    return s
  }

  /** The records, in a fixed order (month, account, service, region), each month rounded to the gram as a whole. */
  records(provider: 'mcfs', extra: (c: Cell) => CarbonRecord['extra']): CarbonRecord[] {
    const cmp = (a: string | null, b: string | null): number =>
      (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0
    const list = [...this.cells.values()].sort(
      (a, b) =>
        cmp(a.month, b.month) || cmp(a.account, b.account) || cmp(a.service, b.service) || cmp(a.region, b.region)
    )
    const out: CarbonRecord[] = []
    for (let i = 0; i < list.length;) {
      let j = i
      while (j < list.length && list[j].month === list[i].month) j++
      const month = list.slice(i, j)
      const grams = apportionSums(month)
      for (let k = 0; k < month.length; k++) {
        const c = month[k]
        const s1 = grams[k * 4 + 1]
        const s2 = grams[k * 4 + 2]
        const s3 = grams[k * 4 + 3]
        const { account, accountName, service, region } = c
        const id = { provider, account, accountName, month: c.month, service, region }
        const r = marketOnlyRecord(id, { total: grams[k * 4] + s1 + s2 + s3, scopes: [s1, s2, s3] })
        const more = extra(c)
        // Appended last, as a copy with `extra` would put it.
        if (more) r.extra = more
        out.push(r)
      }
      i = j
    }
    return out
  }
}

export function enrollmentDims(row: Record<string, unknown>, d: Dims): void {
  const sub = text(row.subscriptionId)
  if (sub === null)
    throw new Error(`a row of ${monthOfDateKey(row.dateKey) ?? 'an unknown month'} has no subscriptionId`)
  d.account = lower(sub)
  d.accountName = text(row.subscriptionName)
  d.service = text(row.azureServiceName)
  d.region = text(row.azureRegionName)
  d.subService = text(row.subService)
}

export function tenantDims(tenantId: string): DimsOf {
  return (row, d) => {
    d.account = lower(text(row.tenantId) ?? tenantId)
    d.accountName = text(row.tenantName)
    d.service = M365_SERVICE
    d.region = text(row.officeRegionName)
    d.subService = null
  }
}

/**
 * Forecast points from projection rows: the months after the latest one with an actual figure, that have a
 * projected figure. Projected metric tons to grams (rounded per month: a forecast is never summed into totals).
 */
export function forecastPoints(rows: Record<string, unknown>[], scope: string): ForecastPoint[] {
  let latestActual = -Infinity
  for (const r of rows) {
    const m = monthOfDateKey(r.dateKey)
    const a = r.actualEmissions
    if (m !== null && a !== null && a !== undefined && Number(a) !== 0)
      latestActual = Math.max(latestActual, monthIndex(m))
  }
  const out: ForecastPoint[] = []
  for (const r of rows) {
    const m = monthOfDateKey(r.dateKey)
    const p = r.projectedEmissions
    if (m === null || p === null || p === undefined || monthIndex(m) <= latestActual) continue
    const ng = tonnesToNanograms(p, `projectedEmissions of ${m}`)
    out.push({
      month: m,
      grams: Number((ng + 500_000_000n) / 1_000_000_000n),
      basis: 'MCFS projectedEmissions (rolling average of the previous five months)',
      scope
    })
  }
  return out.sort((a, b) => monthIndex(a.month) - monthIndex(b.month))
}
