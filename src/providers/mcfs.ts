/**
 * Microsoft Cloud for Sustainability (MCFS): the preview OData API behind API Management, for an Azure billing
 * account (enrollment) and, with `mcfs-tenant-id`, a Microsoft 365 tenant.
 *
 * Requests. Every call carries two credentials: the API Management key (`Ocp-Apim-Subscription-Key`, from
 * `mcfs-api-key`) and an Entra bearer token for the MCFS app (`c3163bf1-…/.default`, the shared Entra module:
 * GitHub OIDC federated credential or the environment's credentials). One query per data set and month,
 * filtered on the server (the page chains of the months run side by side, bounded by `concurrency`):
 *   {root}/enrollments/{id}/emissions?$filter=dateKey ge yyyymm01 and dateKey le yyyymm01&$select=…&$count=true
 *   {root}/m365/tenantemissions?$filter=tenantId eq '…' and dateKey ge … and dateKey le …&$select=…&$count=true
 * each followed through every `@odata.nextLink` (pages of at most 1000 rows) to the page without one. A link
 * that was already followed (a loop), or one that leaves the MCFS host (the key and token go nowhere else),
 * stops that month of the data set; what came is kept and the rest is reported missing. `@odata.count` of
 * the first page is checked against the rows that came. Then `{root}/enrollments/{id}/projections` for the forecast.
 *
 * Records. One per (subscription, month, azureServiceName, azureRegionName) for the enrollment (account =
 * subscriptionId, accountName = subscriptionName; the subServices folded in are kept in `extra.subServices`),
 * one per (tenant, month, officeRegionName) for Microsoft 365 (service `Microsoft 365`). The rows of the three
 * scopes are folded into the record's scope breakdown.
 *
 * Which figure goes where (the accounting method). MCFS gives one figure per scope, in metric tons CO2e, and
 * does not name a method; Microsoft's methodology for its cloud emissions computes Scope 2 market-based
 * (renewable energy purchases counted). So:
 *   scope1 = Scope 1; scope2_market = Scope 2; scope3_market = Scope 3;
 *   market = Scope 1 + 2 + 3 = kgco2e (the headline, whatever `method` is: there is no other figure);
 *   location, scope2_location, scope3_location = null (not given, never 0).
 * The provider's notes say so in the report.
 *
 * Arithmetic. Each row's metric tons are read from their shortest decimal form into exact nanograms, summed per
 * cell, and the cells of one (data set, month) are rounded together (largest remainder), so that records are
 * within a gram of their exact value and every month adds up to its exact total rounded to the gram, however
 * many rows or pages there are.
 *
 * Projections (rolling average of the previous five months, for the rest of the calendar year) become forecast
 * points, shown apart and never added to any total.
 */
import type { CarbonRecord, Month, Period } from '../model.js'
import { monthIndex, monthsOf } from '../period.js'
import { entraAuth, MCFS_SCOPE, type EntraAuth } from '../auth/entra.js'
import type { HttpResponse } from '../http.js'
import { errorMessage, registerSecret, scrub } from '../secrets.js'
import type { RecordBatch } from '../report/batch.js'
import { inOrder, type ForecastPoint, type Provider, type ProviderContext } from './provider.js'
import { shareOf } from '../shard.js'
import { apportionGrams, tonnesToNanograms } from '../units.js'

export const SERVICE = 'Microsoft Cloud for Sustainability API'
export const MCFS_APP_ID = MCFS_SCOPE.split('/')[0]
export const EMISSIONS_PERMISSION = 'App.Emissions.Read'
export const M365_SERVICE = 'Microsoft 365'
/** A guard against an endless page sequence: far beyond any real enrollment's rows (pages of 1000). */
const MAX_PAGES = 100_000

export const ENROLLMENT_SELECT = [
  'dateKey',
  'subscriptionId',
  'subscriptionName',
  'azureServiceName',
  'subService',
  'azureRegionName',
  'scope',
  'scopeId',
  'totalEmissions'
]
export const M365_SELECT = ['dateKey', 'tenantId', 'tenantName', 'officeRegionName', 'scope', 'totalEmissions']
export const PROJECTION_SELECT = ['dateKey', 'enrollmentId', 'actualEmissions', 'projectedEmissions']

// ---------------------------------------------------------------------------------------------------------
// Queries (pure)

/** `yyyymm01` of a month, as the API's int32 dateKey. */
export function dateKeyOf(month: Month): number {
  return Number(month.replace('-', '')) * 100 + 1
}

/** The month of a dateKey (`yyyymmdd`, dd always 01), or null when it is not one. */
export function monthOfDateKey(value: unknown): Month | null {
  const s =
    typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : ''
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
  return `${m[1]}-${m[2]}`
}

/** An OData string literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** A query string with the OData option names left readable (`$filter=…`) and the values percent-encoded. */
export function odataQuery(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
}

export function serviceRoot(endpoint: string, instanceId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/api/v1.0/instances/${encodeURIComponent(instanceId)}`
}

const periodFilter = (period: Period): string =>
  `dateKey ge ${dateKeyOf(period.start)} and dateKey le ${dateKeyOf(period.end)}`

export function enrollmentEmissionsUrl(
  endpoint: string,
  instanceId: string,
  enrollmentId: string,
  period: Period
): string {
  return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/emissions?${odataQuery({
    $filter: periodFilter(period),
    $select: ENROLLMENT_SELECT.join(','),
    $count: 'true'
  })}`
}

export function tenantEmissionsUrl(endpoint: string, instanceId: string, tenantId: string, period: Period): string {
  return `${serviceRoot(endpoint, instanceId)}/m365/tenantemissions?${odataQuery({
    $filter: `tenantId eq ${odataString(tenantId)} and ${periodFilter(period)}`,
    $select: M365_SELECT.join(','),
    $count: 'true'
  })}`
}

export function projectionsUrl(endpoint: string, instanceId: string, enrollmentId: string): string {
  return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/projections?${odataQuery({ $select: PROJECTION_SELECT.join(',') })}`
}

// ---------------------------------------------------------------------------------------------------------
// Responses (pure: the documented shapes parse in the tests)

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
        out.push({
          provider,
          account: c.account,
          accountName: c.accountName,
          month: c.month,
          service: c.service,
          region: c.region,
          grams: total,
          marketGrams: total,
          locationGrams: null,
          scope1Grams: s1,
          scope2MarketGrams: s2,
          scope2LocationGrams: null,
          scope3MarketGrams: s3,
          scope3LocationGrams: null,
          modelVersion: null,
          ...(more ? { extra: more } : {})
        })
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

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface McfsErrorBody {
  status: number
  /** The message of the body: API Management's `{statusCode, message}`, the API's `{code, message}`, or `{error:{…}}`. */
  message: string
  code: string
}

export function parseErrorBody(res: Pick<HttpResponse, 'status' | 'text'>): McfsErrorBody {
  let body: unknown
  try {
    body = JSON.parse(res.text)
  } catch {
    body = null
  }
  const o = (body && typeof body === 'object' ? ((body as { error?: unknown }).error ?? body) : {}) as {
    message?: unknown
    code?: unknown
    statusCode?: unknown
  }
  const message = typeof o.message === 'string' ? o.message : res.text.replace(/\s+/g, ' ').trim().slice(0, 200)
  const code =
    o.code !== undefined && o.code !== null ? String(o.code) : o.statusCode !== undefined ? String(o.statusCode) : ''
  return { status: res.status, message: scrub(message), code }
}

export interface ErrorContext {
  /** The data set asked for, for the 403 hint ("enrollment 12345678", "Microsoft 365 tenant …"). */
  dataSet: string
  instanceId: string
  endpoint: string
  /** How the run signs in to Entra (for the token and permission messages). */
  identity: string
}

/** A failure of the API that says which credential or setting is wrong and what to check. */
export function explainMcfsError(err: McfsErrorBody, c: ErrorContext): string {
  const said = err.message.trim().replace(/[.\s]+$/, '')
  const base = `${SERVICE} answered HTTP ${err.status}${said ? `: ${said}` : ''}`
  if (err.status === 401 && /subscription key/i.test(err.message)) {
    return (
      `${base}. The API key was not accepted: check the mcfs-api-key secret. It is the primary or secondary key of your subscription ` +
      `in the Microsoft Cloud for Sustainability API portal (Profile page), stored as a repository secret: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`
    )
  }
  if (err.status === 401) {
    return (
      `${base}. The Entra access token of ${c.identity} was not accepted: check azure-client-id and azure-tenant-id (the tenant of the MCFS instance), ` +
      `and that the token is for the Microsoft Cloud for Sustainability API app (${MCFS_APP_ID}).`
    )
  }
  if (err.status === 403) {
    return (
      `${base}. The identity (${c.identity}) may not read ${c.dataSet}: grant the app registration the application permission ${EMISSIONS_PERMISSION} ` +
      `of the Microsoft Cloud for Sustainability API (app id ${MCFS_APP_ID}) with admin consent, add it to MCFS instance ${c.instanceId} in the API portal, ` +
      `and check that ${c.dataSet} is connected to that instance.`
    )
  }
  if (err.status === 404)
    return `${base}. Check mcfs-instance-id (${c.instanceId}), mcfs-enrollment-id, mcfs-tenant-id and mcfs-endpoint (${c.endpoint}).`
  if (err.status === 429) return `${base}. Still throttled after retries: lower concurrency, or run again later.`
  if (err.status === 400) return `${base}. The API refused the query; if this persists, report it with this message.`
  if (err.status >= 500) return `${base}. The service failed; run again later.`
  return `${base}.`
}

class McfsCallError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message)
    this.name = 'McfsCallError'
  }
}

// ---------------------------------------------------------------------------------------------------------
// The provider

class Mcfs {
  readonly origin: string
  constructor(
    private readonly ctx: ProviderContext,
    private readonly auth: EntraAuth,
    private readonly errorContext: Omit<ErrorContext, 'dataSet'>
  ) {
    this.origin = new URL(ctx.settings.mcfs.endpoint).origin
  }

  /** The bearer token: entraAuth reuses it until shortly before it expires (one GitHub OIDC token per sign-in). */
  token(): Promise<string> {
    return this.auth.token(MCFS_SCOPE, SERVICE)
  }

  /** One GET with both credentials; the body as JSON, or an McfsCallError that explains the failure. */
  async get(url: string, dataSet: string): Promise<unknown> {
    const token = await this.token()
    const res = await this.ctx.http.request({
      service: SERVICE,
      method: 'GET',
      url,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'ocp-apim-subscription-key': this.ctx.settings.mcfs.apiKey
      },
      expectJson: true
    })
    if (res.status < 200 || res.status >= 300)
      throw new McfsCallError(res.status, explainMcfsError(parseErrorBody(res), { ...this.errorContext, dataSet }))
    return res.json
  }

  /**
   * Every row of a collection: each `@odata.nextLink` followed to the end. `onRows` takes each page. A failure
   * before any row rejects; a later one (or a loop) is reported missing and ends the sequence with what came.
   */
  async collect(
    firstUrl: string,
    what: string,
    dataSet: string,
    onRows: (rows: Record<string, unknown>[]) => void,
    incomplete: (what: string, cause: string) => void = (w, c) => this.ctx.missing(w, c)
  ): Promise<{ complete: boolean }> {
    // Links are compared in their parsed form: the same URL may be spelt with or without percent-encoding.
    let url = new URL(firstUrl).href
    const seen = new Set<string>([url])
    let rows = 0
    let expected: number | null = null
    for (let page = 1; ; page++) {
      let p: ODataPage
      try {
        if (page > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages; stopped`)
        p = parseODataPage(await this.get(url, dataSet))
        if (page === 1) expected = p.count
        onRows(p.rows)
      } catch (e) {
        if (page === 1) throw e
        incomplete(`${what} from page ${page} on (after ${rows} rows)`, errorMessage(e))
        return { complete: false }
      }
      rows += p.rows.length
      if (p.nextLink === null) break
      let next: URL
      try {
        next = new URL(p.nextLink, url)
      } catch {
        incomplete(
          `${what} from page ${page + 1} on (after ${rows} rows)`,
          `the @odata.nextLink of page ${page} is not a URL; stopped paging`
        )
        return { complete: false }
      }
      if (next.origin !== this.origin) {
        incomplete(
          `${what} from page ${page + 1} on (after ${rows} rows)`,
          `the @odata.nextLink of page ${page} leaves ${this.origin}; not followed (the API key and token are only sent to mcfs-endpoint)`
        )
        return { complete: false }
      }
      if (seen.has(next.href)) {
        incomplete(
          `${what} from page ${page + 1} on (after ${rows} rows)`,
          `the API repeated an @odata.nextLink it had already given (page ${page}); stopped paging to avoid a loop, so the data may be incomplete`
        )
        return { complete: false }
      }
      seen.add(next.href)
      url = next.href
    }
    if (expected !== null && expected !== rows) {
      incomplete(what, `the API counted ${expected} rows (@odata.count) but served ${rows} over its pages`)
      return { complete: false }
    }
    return { complete: true }
  }
}

export const mcfsProvider: Provider = {
  id: 'mcfs',
  label: 'Microsoft Cloud for Sustainability',
  async *fetch(ctx: ProviderContext): AsyncGenerator<RecordBatch> {
    const { settings } = ctx
    const m = settings.mcfs
    registerSecret(m.apiKey)
    const tenantId = m.tenantId.toLowerCase()
    const auth = entraAuth(settings.azure, ctx.http, ctx.env)
    const api = new Mcfs(ctx, auth, { instanceId: m.instanceId, endpoint: m.endpoint, identity: auth.describe })

    ctx.note(
      'MCFS gives one figure per scope and names no accounting method; Microsoft computes Scope 2 of its cloud emissions market-based, ' +
        'so Scope 1+2+3 is the market-based figure (Scope 2 and 3 in their market-based columns) and location-based columns are empty.'
    )
    if (settings.method === 'location')
      ctx.note('MCFS gives no location-based figure: its market-based total is the headline.')
    ctx.note('MCFS is a preview API (Microsoft may restate past months); its projections are a forecast, in no total.')

    // The data sets (the enrollment, the Microsoft 365 tenant), one paged query per (data set, month): the page
    // chains of different months run side by side (bounded by `concurrency`), as AWS's and Azure's do, and a
    // failure costs a month, not the year. A matrix shard takes its contiguous share of these units.
    const allSets = [
      ...(m.enrollmentId !== '' ? ['enrollment' as const] : []),
      ...(tenantId !== '' ? ['tenant' as const] : [])
    ]
    const months = monthsOf(ctx.period)
    const units = shareOf(
      allSets.flatMap((set) => months.map((month) => ({ set, month }))),
      settings.shard
    )
    const sets = allSets.filter((set) => units.some((u) => u.set === set))
    if (settings.shard !== null)
      ctx.log(
        `MCFS: shard ${settings.shard.index}/${settings.shard.count} takes ${units.length} of ${allSets.length * months.length} (data set, month) units`
      )
    if (units.length === 0) return

    // Sign in first: a wrong app, tenant or federated credential fails the provider here, once, with Entra's reason.
    await api.token()
    ctx.log(
      `MCFS: instance ${m.instanceId}${m.enrollmentId ? `, enrollment ${m.enrollmentId}` : ''}${tenantId ? `, Microsoft 365 tenant ${tenantId}` : ''}, ` +
        `${ctx.period.start} to ${ctx.period.end}, ${m.endpoint}`
    )

    /** Per data set (in data set order): its name, its months, what their rows came to, whether any failed. */
    const tally = new Map(
      sets.map((set) => {
        const mine = units.filter((u) => u.set === set)
        const name = set === 'enrollment' ? `enrollment ${m.enrollmentId}` : `Microsoft 365 tenant ${tenantId}`
        return [
          set,
          {
            name,
            range: `${mine[0].month} to ${mine[mine.length - 1].month}`,
            outside: 0,
            unscoped: 0,
            rows: 0,
            failed: false
          }
        ]
      })
    )
    const monthTask = (set: 'enrollment' | 'tenant', month: Month) => async (): Promise<CarbonRecord[]> => {
      const t = tally.get(set)!
      const what = `the emissions of ${t.name} for ${month}`
      const one = { start: month, end: month }
      const enrollment = m.enrollmentId
      const url =
        set === 'enrollment'
          ? enrollmentEmissionsUrl(m.endpoint, m.instanceId, enrollment, one)
          : tenantEmissionsUrl(m.endpoint, m.instanceId, tenantId, one)
      const folder = new Folder(one, set === 'enrollment' ? enrollmentDims : tenantDims(tenantId))
      try {
        await api.collect(url, what, t.name, (rows) => {
          for (const row of rows) folder.add(row)
        })
      } catch (e) {
        // A refused key or token is wrong for every call: the provider fails with that one message.
        if (e instanceof McfsCallError && e.status === 401) throw e
        // A page failed (or one of its rows did not parse): nothing more of this month; what came is kept.
        t.failed = true
        ctx.missing(what, errorMessage(e))
      }
      t.outside += folder.outside
      t.unscoped += folder.unscoped
      t.rows += folder.rows
      return folder.records(
        'mcfs',
        set === 'enrollment'
          ? (c) => ({
              enrollmentId: enrollment,
              subServices: c.subServices.size > 0 ? [...c.subServices].sort().join(', ') : null
            })
          : () => undefined
      )
    }
    yield* inOrder(
      'mcfs',
      units.map((u) => monthTask(u.set, u.month)),
      Math.max(2, settings.concurrency),
      ctx.keepRecords
    )

    // Per data set, once all its months came.
    for (const t of tally.values()) {
      const what = `the emissions of ${t.name}`
      if (t.outside > 0)
        ctx.warn(
          `${what}: ${t.outside} rows of other months than the one asked for came back despite the filter and were left out (each month is counted from its own query)`
        )
      if (t.unscoped > 0)
        ctx.warn(`${what}: ${t.unscoped} rows name no scope; they are in the totals but in no scope column`)
      if (t.rows === 0 && !t.failed)
        ctx.warn(
          `${what}: the API has no rows for ${t.range}; check that the data source is connected to MCFS instance ${m.instanceId}`
        )
    }
    const failed = new Set([...tally.values()].filter((t) => t.failed).map((t) => t.name))

    // The forecast, once the emissions came: it never changes a total, so a failure is a warning.
    if (sets.includes('enrollment') && !failed.has(`enrollment ${m.enrollmentId}`)) {
      try {
        const rows: Record<string, unknown>[] = []
        await api.collect(
          projectionsUrl(m.endpoint, m.instanceId, m.enrollmentId),
          `the projections of enrollment ${m.enrollmentId}`,
          `enrollment ${m.enrollmentId}`,
          (r) => rows.push(...r),
          (what, cause) => ctx.warn(`${what}: ${cause}; the forecast may lack months`)
        )
        const points = forecastPoints(rows, `enrollment ${m.enrollmentId}`)
        if (points.length > 0) ctx.forecast(points)
      } catch (e) {
        ctx.warn(
          `The projections of enrollment ${m.enrollmentId} could not be fetched, so there is no forecast: ${errorMessage(e)}`
        )
      }
    }
  }
}
