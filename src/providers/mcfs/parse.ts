/** The MCFS API's OData pages, folded into records (pure: the documented shapes parse in the tests). */
import type { CarbonRecord, Month, Period } from '../../model.js'
import { monthIndex } from '../../period.js'
import { apportionGrams, tonnesToNanograms } from '../../units.js'
import { marketOnlyRecord } from '../kit/records.js'
import type { ForecastPoint } from '../kit/seam.js'
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
  const m = typeof row.scope === 'string' ? /^\s*scope\s*([123])\s*$/i.exec(row.scope) : null
  return m ? (Number(m[1]) as 1 | 2 | 3) : null
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null)

/** Nanograms of one cell by scope (index 0 = no recognisable scope: counted in the total only). */
type Scopes = [bigint, bigint, bigint, bigint]

interface Cell {
  month: Month
  account: string
  accountName: string | null
  service: string | null
  region: string | null
  ng: Scopes
  subServices: Set<string>
}

/** Folds rows into cells keyed by (month, account, service, region). */
export class Folder {
  readonly cells = new Map<string, Cell>()
  /** Rows outside the period (the server ignored the filter) and rows without a scope, for warnings. */
  outside = 0
  unscoped = 0
  rows = 0

  private readonly first: number
  private readonly last: number

  constructor(
    period: Period,
    private readonly dims: (row: Record<string, unknown>) => {
      account: string
      accountName: string | null
      service: string | null
      region: string | null
      subService?: string | null
    }
  ) {
    this.first = monthIndex(period.start)
    this.last = monthIndex(period.end)
  }

  add(row: Record<string, unknown>): void {
    if (!row || typeof row !== 'object') throw new Error('a row is not an object')
    const month = monthOfDateKey(row.dateKey)
    if (month === null) throw new Error(`a row has no valid dateKey (${JSON.stringify(row.dateKey)})`)
    const ng = tonnesToNanograms(row.totalEmissions, `totalEmissions of ${month}`)
    this.rows++
    const at = monthIndex(month)
    if (at < this.first || at > this.last) {
      this.outside++
      return
    }
    const d = this.dims(row)
    const key = `${month}\u0000${d.account}\u0000${d.service ?? ''}\u0000${d.region ?? ''}`
    let cell = this.cells.get(key)
    if (!cell) {
      cell = {
        month,
        account: d.account,
        accountName: d.accountName,
        service: d.service,
        region: d.region,
        ng: [0n, 0n, 0n, 0n],
        subServices: new Set()
      }
      this.cells.set(key, cell)
    }
    if (cell.accountName === null && d.accountName !== null) cell.accountName = d.accountName
    if (d.subService) cell.subServices.add(d.subService)
    const scope = scopeOf(row)
    if (scope === null) this.unscoped++
    cell.ng[scope ?? 0] += ng
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
      const grams = apportionGrams(month.flatMap((c) => c.ng))
      month.forEach((c, k) => {
        const [unscoped, s1, s2, s3] = grams.slice(k * 4, k * 4 + 4)
        const total = unscoped + s1 + s2 + s3
        const more = extra(c)
        const { account, accountName, service, region } = c
        const id = { provider, account, accountName, month: c.month, service, region }
        const r = marketOnlyRecord(id, { total, scopes: [s1, s2, s3] })
        out.push(more ? { ...r, extra: more } : r)
      })
      i = j
    }
    return out
  }
}

export function enrollmentDims(row: Record<string, unknown>): {
  account: string
  accountName: string | null
  service: string | null
  region: string | null
  subService: string | null
} {
  const sub = text(row.subscriptionId)
  if (sub === null)
    throw new Error(`a row of ${monthOfDateKey(row.dateKey) ?? 'an unknown month'} has no subscriptionId`)
  return {
    account: sub.toLowerCase(),
    accountName: text(row.subscriptionName),
    service: text(row.azureServiceName),
    region: text(row.azureRegionName),
    subService: text(row.subService)
  }
}

export function tenantDims(tenantId: string): (row: Record<string, unknown>) => {
  account: string
  accountName: string | null
  service: string
  region: string | null
} {
  return (row) => ({
    account: (text(row.tenantId) ?? tenantId).toLowerCase(),
    accountName: text(row.tenantName),
    service: M365_SERVICE,
    region: text(row.officeRegionName)
  })
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
