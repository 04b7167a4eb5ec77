/**
 * Azure: Carbon Optimization (`Microsoft.Carbon`, api-version 2025-04-01) over Azure Resource Manager, with an
 * Entra bearer token (`{arm}/.default`).
 *
 * Which queries, and why. A record is (subscription, month, service, region) with its Scope1/2/3 split.
 * - Only `ItemDetailsReport` with `categoryType: Resource` returns rows that carry the subscription, the
 *   resource type AND the location at once (`ResourceItemDetailsData`). The other categories carry one
 *   dimension each (`ResourceType`, `Location`: no subscription; `Subscription`, `ResourceGroup`: no type nor
 *   location) and the `TopItems*` reports stop at 10 items, so none of them can give the (service, region)
 *   split of a subscription exactly. Resource rows are summed into (subscription, resourceType, location); the
 *   resource level itself stays out of the records.
 * - `ItemDetailsReport` takes one month per request (start = end) and at most 100 subscriptions
 *   (`subscriptionList`), and a row is the sum of the scopes asked for: so one request per
 *   (batch of <= 100 subscriptions, month, scope), `pageSize` 5000 (the maximum) and `skipToken` followed to
 *   the end. Three scopes are three unknowns: three queries is the least that gives the split exactly.
 * - Reconciliation: one `MonthlySummaryReport` per (batch, <= 12 months), all three scopes, compared with the
 *   records' monthly totals of that batch; a gap beyond 1 g is a warning naming the month and the gap.
 * - Requests: 1 (available date range) + ceil(N/1000)-ish subscription list pages (only when
 *   `azure-subscription-ids` is empty) + B x M x 3 x pages + B x ceil(M/12), with B = ceil(N/100) batches and M
 *   months after clamping. Tasks are (batch, month), run ahead with `inOrder`, so `concurrency` is used while
 *   the output order stays deterministic.
 *
 * Arithmetic: each figure (kgCO2e, a double) is read from its shortest decimal form into an exact integer of
 * nanograms; a record's scopes are sums of those; the grams of all the cells of one (batch, month) are then
 * rounded together by largest remainder, so that the records of that batch and month add up to the rounded
 * exact total, to the gram, however many resources there are.
 *
 * Accounting method: the API does not state it. Microsoft's published methodology for Azure emissions is
 * market-based, so the one total goes to the market-based columns and Scope2/Scope3 to their market-based
 * fields; location-based fields are null (see the provider's notes).
 */
import type { CarbonRecord, Month, Period } from '../model.js'
import { chunkPeriod, monthFirstDay, monthIndex, monthsOf } from '../period.js'
import { apportionGrams, formatKg, groupThousands, kilogramsToGrams, kilogramsToNanograms } from '../units.js'
import { entraAuth, type EntraAuth } from '../auth/entra.js'
import type { HttpResponse } from '../http.js'
import { errorMessage, scrub } from '../secrets.js'
import type { RecordBatch } from '../report/batch.js'
import { inOrder, type Provider, type ProviderContext } from './provider.js'
import { shareOf } from '../shard.js'

export const CARBON_API_VERSION = '2025-04-01'
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01'
export const MAX_SUBSCRIPTIONS_PER_REQUEST = 100
export const MAX_MONTHS_PER_REQUEST = 12
export const PAGE_SIZE = 5000
export const SCOPES = ['Scope1', 'Scope2', 'Scope3'] as const
export type CarbonScope = (typeof SCOPES)[number]
export const CARBON_OPTIMIZATION_READER = 'fa0d39e6-28e5-40cf-8521-1eb320653a4c'

/** A guard against an endless page sequence: far beyond any real tenant's resources for one month. */
const MAX_PAGES = 10_000

// ---------------------------------------------------------------------------------------------------------
// Queries (pure: planned and tested without the network)

export interface DetailQuery {
  batch: number
  month: Month
  scope: CarbonScope
  body: Record<string, unknown>
}

export interface SummaryQuery {
  batch: number
  period: Period
  body: Record<string, unknown>
}

export interface QueryPlan {
  batches: string[][]
  detail: DetailQuery[]
  summary: SummaryQuery[]
}

/** Subscriptions in batches of at most 100 (the `subscriptionList` limit). */
export function batchSubscriptions(ids: readonly string[], size = MAX_SUBSCRIPTIONS_PER_REQUEST): string[][] {
  const out: string[][] = []
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size))
  return out
}

/** One page of an ItemDetailsReport of resources: one month (start = end), one scope, the largest page. */
export function detailQueryBody(
  subscriptions: readonly string[],
  month: Month,
  scope: CarbonScope,
  skipToken?: string
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    reportType: 'ItemDetailsReport',
    subscriptionList: subscriptions,
    carbonScopeList: [scope],
    dateRange: { start: monthFirstDay(month), end: monthFirstDay(month) },
    categoryType: 'Resource',
    orderBy: 'ItemName',
    sortDirection: 'Asc',
    pageSize: PAGE_SIZE
  }
  if (skipToken !== undefined) body.skipToken = skipToken
  return body
}

/** A MonthlySummaryReport of all three scopes over at most 12 months. */
export function summaryQueryBody(subscriptions: readonly string[], period: Period): Record<string, unknown> {
  return {
    reportType: 'MonthlySummaryReport',
    subscriptionList: subscriptions,
    carbonScopeList: [...SCOPES],
    dateRange: { start: monthFirstDay(period.start), end: monthFirstDay(period.end) }
  }
}

/** Every request the report needs, within the API's limits (<= 100 subscriptions, one month or <= 12 months). */
export function planQueries(subscriptions: readonly string[], period: Period): QueryPlan {
  const batches = batchSubscriptions(subscriptions)
  const detail: DetailQuery[] = []
  const summary: SummaryQuery[] = []
  batches.forEach((subs, batch) => {
    for (const month of monthsOf(period)) {
      for (const scope of SCOPES) detail.push({ batch, month, scope, body: detailQueryBody(subs, month, scope) })
    }
    for (const chunk of chunkPeriod(period, MAX_MONTHS_PER_REQUEST))
      summary.push({ batch, period: chunk, body: summaryQueryBody(subs, chunk) })
  })
  return { batches, detail, summary }
}

/** The period within the API's available date range: what is kept, and the months left out. */
export function clampPeriod(
  period: Period,
  available: Period
): { period: Period | null; before: Month[]; after: Month[] } {
  const all = monthsOf(period)
  const before = all.filter((m) => monthIndex(m) < monthIndex(available.start))
  const after = all.filter((m) => monthIndex(m) > monthIndex(available.end))
  const kept = all.filter((m) => !before.includes(m) && !after.includes(m))
  return { period: kept.length > 0 ? { start: kept[0], end: kept[kept.length - 1] } : null, before, after }
}

// ---------------------------------------------------------------------------------------------------------
// Responses (pure: the spec's examples parse in the tests)

export interface AccessDecision {
  subscriptionId: string
  decision: string
  denialReason: string | null
}

export interface ReportRow {
  dataType?: string
  latestMonthEmissions?: number | string
  previousMonthEmissions?: number | string
  date?: string
  itemName?: string
  categoryType?: string
  subscriptionId?: string
  resourceGroup?: string
  resourceId?: string
  resourceType?: string
  location?: string
}

export interface ReportPage {
  rows: ReportRow[]
  /** null when this is the last page (the token was missing, null or empty). */
  skipToken: string | null
  decisions: AccessDecision[]
}

/** Lower-case, trimmed, without the stray trailing comma one of the spec's examples has. */
export function normalizeSubscriptionId(id: string): string {
  return id
    .trim()
    .replace(/[\s,]+$/, '')
    .toLowerCase()
}

/** A `carbonEmissionReports` response body. */
export function parseReportPage(json: unknown): ReportPage {
  if (!json || typeof json !== 'object') throw new Error('the response is not a JSON object')
  const o = json as { value?: unknown; skipToken?: unknown; subscriptionAccessDecisionList?: unknown }
  if (!Array.isArray(o.value)) throw new Error('the response has no value list')
  const decisions: AccessDecision[] = []
  if (Array.isArray(o.subscriptionAccessDecisionList)) {
    for (const d of o.subscriptionAccessDecisionList as {
      subscriptionId?: unknown
      decision?: unknown
      denialReason?: unknown
    }[]) {
      if (!d || typeof d.subscriptionId !== 'string') continue
      decisions.push({
        subscriptionId: normalizeSubscriptionId(d.subscriptionId),
        decision: String(d.decision ?? ''),
        denialReason: typeof d.denialReason === 'string' && d.denialReason.trim() !== '' ? d.denialReason.trim() : null
      })
    }
  }
  const token = typeof o.skipToken === 'string' && o.skipToken !== '' ? o.skipToken : null
  return { rows: o.value as ReportRow[], skipToken: token, decisions }
}

/** The available date range (`startDate`/`endDate`, yyyy-MM-dd) as months. */
export function parseDateRange(json: unknown): Period {
  const o = (json ?? {}) as { startDate?: unknown; endDate?: unknown }
  const month = (v: unknown, name: string): Month => {
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})(?:-\d{2})?/.exec(v.trim()) : null
    if (!m) throw new Error(`the available date range has no valid ${name} (${JSON.stringify(v)})`)
    return `${m[1]}-${m[2]}`
  }
  const period = { start: month(o.startDate, 'startDate'), end: month(o.endDate, 'endDate') }
  if (monthIndex(period.start) > monthIndex(period.end))
    throw new Error(`the available date range is empty (${period.start} to ${period.end})`)
  return period
}

/** The month of a monthly row (`date`: yyyy-MM-dd). */
export function rowMonth(row: ReportRow): Month | null {
  const m = typeof row.date === 'string' ? /^(\d{4})-(\d{2})/.exec(row.date) : null
  return m ? `${m[1]}-${m[2]}` : null
}

/** The (subscription, service, region) of a resource row; the type comes from the resource id when absent. */
export function resourceDimensions(row: ReportRow): {
  subscriptionId: string
  service: string | null
  region: string | null
} {
  const id = typeof row.resourceId === 'string' ? row.resourceId : ''
  const fromId = /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1]
  const sub = typeof row.subscriptionId === 'string' && row.subscriptionId.trim() !== '' ? row.subscriptionId : fromId
  if (!sub) throw new Error(`a resource row has no subscriptionId (${JSON.stringify(row.itemName ?? id)})`)
  let service =
    typeof row.resourceType === 'string' && row.resourceType.trim() !== ''
      ? row.resourceType.trim().toLowerCase()
      : null
  if (service === null) {
    // /subscriptions/s/resourceGroups/rg/providers/Microsoft.Ns/type/name[/subtype/subname...]
    const m = /\/providers\/([^/]+)\/(.+)$/i.exec(id)
    if (m) {
      const parts = m[2].split('/')
      const types = parts.filter((_, i) => i % 2 === 0)
      service = [m[1], ...types].join('/').toLowerCase()
    }
  }
  const region = typeof row.location === 'string' && row.location.trim() !== '' ? row.location.trim() : null
  return { subscriptionId: normalizeSubscriptionId(sub), service, region }
}

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface ArmError {
  code: string
  message: string
}

/** The ARM ErrorResponse of a response (`{error:{code,message}}`, or the older top-level form). */
export function armError(res: Pick<HttpResponse, 'text' | 'headers'>): ArmError {
  let body: unknown
  try {
    body = JSON.parse(res.text)
  } catch {
    body = null
  }
  const e = ((body as { error?: unknown } | null)?.error ?? body) as {
    code?: unknown
    message?: unknown
    target?: unknown
    details?: unknown
  } | null
  const header = res.headers['x-ms-failure-cause']
  let message =
    typeof e?.message === 'string' ? e.message : res.text.slice(0, 200) || (typeof header === 'string' ? header : '')
  // ErrorResponse's target and details often hold the reason itself (which parameter, which subscription).
  if (typeof e?.target === 'string' && e.target !== '' && !message.includes(e.target))
    message += ` (target: ${e.target})`
  const details = Array.isArray(e?.details) ? (e.details as { code?: unknown; message?: unknown }[]) : []
  const said = details
    .map((d) => (typeof d?.message === 'string' ? d.message.trim() : typeof d?.code === 'string' ? d.code : ''))
    .filter((m) => m !== '' && !message.includes(m))
  if (said.length > 0)
    message += ` [${said.slice(0, 3).join('; ')}${said.length > 3 ? `; and ${said.length - 3} more` : ''}]`
  return { code: typeof e?.code === 'string' ? e.code : '', message }
}

/** A failure of ARM that says what to check. */
export function explainArmError(status: number, err: ArmError, what: string, arm: string): string {
  const message = scrub(err.message)
    .trim()
    .replace(/[.\s]+$/, '')
  const base = `Azure Resource Manager answered HTTP ${status}${err.code ? ` ${err.code}` : ''} for ${what}${message ? `: ${message}` : ''}`
  switch (err.code) {
    case 'AuthorizationFailed':
    case 'Forbidden':
      return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription: az role assignment create --assignee <client-id> --role "Carbon Optimization Reader" --scope /subscriptions/<id>.`
    case 'InvalidAuthenticationToken':
    case 'InvalidAuthenticationTokenAudience':
    case 'InvalidAuthenticationTokenTenant':
    case 'ExpiredAuthenticationToken':
    case 'AuthenticationFailed':
      return `${base}. The token was not accepted: azure-resource-manager-endpoint (${arm}) and azure-authority-host must be of the same cloud (azure-environment), and azure-tenant-id the tenant of the subscriptions.`
    case 'InvalidRequestPropertyValue':
      return `${base}. The request was outside what the API accepts (months outside the available date range are not requested; if this persists, report it with this message).`
    case 'InvalidNumberOfSubscriptions':
      return `${base}. At most ${MAX_SUBSCRIPTIONS_PER_REQUEST} subscriptions go in one request; if this persists, report it with this message.`
    case 'NoRegisteredProviderFound':
    case 'InvalidResourceType':
    case 'InvalidApiVersionParameter':
      return `${base}. Microsoft.Carbon ${CARBON_API_VERSION} is not available at ${arm}: Carbon Optimization may not be offered in this cloud.`
    case 'TooManyRequests':
    case 'RequestsThrottled':
      return `${base}. Still throttled after retries: lower concurrency, or run again later.`
    default:
      if (status === 401)
        return `${base}. The token was not accepted: check azure-resource-manager-endpoint and azure-authority-host (same cloud) and azure-tenant-id.`
      if (status === 403)
        return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription.`
      if (status === 429) return `${base}. Still throttled after retries: lower concurrency, or run again later.`
      if (status === 404) return `${base}. Check azure-resource-manager-endpoint (${arm}).`
      return `${base}.`
  }
}

// ---------------------------------------------------------------------------------------------------------
// The provider

interface Subscription {
  id: string
  name: string | null
}

/** Calls ARM with a fresh bearer each time (the credential caches it and renews it before it expires). */
class Arm {
  constructor(
    private readonly ctx: ProviderContext,
    private readonly auth: EntraAuth,
    readonly endpoint: string
  ) {}

  private get scope(): string {
    return `${this.endpoint}/.default`
  }

  async request(method: 'GET' | 'POST', url: string, body: string | undefined, what: string): Promise<unknown> {
    const token = await this.auth.token(this.scope, 'Azure Resource Manager')
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' }
    if (body !== undefined && body !== '') headers['content-type'] = 'application/json'
    const res = await this.ctx.http.request({
      service: 'Azure Resource Manager',
      method,
      url,
      headers,
      body,
      expectJson: true
    })
    if (res.status < 200 || res.status >= 300)
      throw new ArmCallError(res.status, armError(res), explainArmError(res.status, armError(res), what, this.endpoint))
    return res.json
  }

  post(path: string, body: Record<string, unknown> | null, what: string): Promise<unknown> {
    // The available-date-range call has no body: an empty one with Content-Length 0, as ARM wants for a POST.
    return this.request(
      'POST',
      `${this.endpoint}${path}?api-version=${CARBON_API_VERSION}`,
      body === null ? '' : JSON.stringify(body),
      what
    )
  }
}

class ArmCallError extends Error {
  constructor(
    readonly status: number,
    readonly arm: ArmError,
    message: string
  ) {
    super(message)
    this.name = 'ArmCallError'
  }
}

const REPORTS_PATH = '/providers/Microsoft.Carbon/carbonEmissionReports'
const RANGE_PATH = '/providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange'

/** Every subscription the identity can list (`nextLink` followed, on the ARM host only). */
async function listSubscriptions(arm: Arm): Promise<Subscription[]> {
  const out = new Map<string, Subscription>()
  const seen = new Set<string>()
  let url: string | null = `${arm.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`
  const origin = new URL(arm.endpoint).origin
  for (let page = 1; url !== null; page++) {
    if (page > MAX_PAGES) throw new Error(`the subscription list has more than ${MAX_PAGES} pages; stopped`)
    const json = (await arm.request('GET', url, undefined, 'the subscription list')) as
      { value?: unknown; nextLink?: unknown } | undefined
    if (!json || !Array.isArray(json.value)) throw new Error('the subscription list has no value list')
    for (const s of json.value as { subscriptionId?: unknown; id?: unknown; displayName?: unknown }[]) {
      const raw =
        typeof s?.subscriptionId === 'string'
          ? s.subscriptionId
          : typeof s?.id === 'string'
            ? s.id.split('/').pop()
            : undefined
      if (!raw) continue
      const id = normalizeSubscriptionId(raw)
      if (!out.has(id))
        out.set(id, { id, name: typeof s.displayName === 'string' && s.displayName !== '' ? s.displayName : null })
    }
    const next = typeof json.nextLink === 'string' && json.nextLink !== '' ? json.nextLink : null
    if (next !== null) {
      if (new URL(next, arm.endpoint).origin !== origin)
        throw new Error(
          `the subscription list's nextLink leaves ${origin}; not followed (the token is only sent to ARM)`
        )
      if (seen.has(next))
        throw new Error(
          `the subscription list repeated a nextLink it had already given (page ${page}); stopped to avoid a loop`
        )
      seen.add(next)
    }
    url = next === null ? null : new URL(next, arm.endpoint).toString()
  }
  return [...out.values()]
}

/** The label of a batch for messages. */
function batchLabel(subs: readonly string[], index: number, count: number, total: number): string {
  if (subs.length === 1) return `subscription ${subs[0]}`
  const first = index * MAX_SUBSCRIPTIONS_PER_REQUEST + 1
  return count === 1 ? `${subs.length} subscriptions` : `subscriptions ${first}-${first + subs.length - 1} of ${total}`
}

interface Cell {
  subscriptionId: string
  service: string | null
  region: string | null
  scopes: Record<CarbonScope, bigint | null>
}

export const azureProvider: Provider = {
  id: 'azure',
  label: 'Azure',
  async *fetch(ctx: ProviderContext): AsyncGenerator<RecordBatch> {
    const { settings } = ctx
    const azure = settings.azure
    const auth = entraAuth(azure, ctx.http, ctx.env)
    const arm = new Arm(ctx, auth, azure.resourceManagerEndpoint)

    ctx.note(
      "Azure Carbon Optimization does not state its accounting method; Microsoft's published methodology for Azure emissions is market-based, " +
        'so its one figure (Scope1+2+3) is in the market-based columns and location-based fields are empty.'
    )
    if (settings.method === 'location')
      ctx.note('Azure gives no location-based figure: its one figure is used as the headline.')

    // Sign in and learn the published range first: a wrong credential or cloud fails the provider here, once.
    const available = parseDateRange(await arm.post(RANGE_PATH, null, 'the available date range'))
    const { period, before, after } = clampPeriod(ctx.period, available)
    const span = (ms: Month[]): string => (ms.length === 1 ? ms[0] : `${ms[0]} to ${ms[ms.length - 1]}`)
    if (before.length > 0 || after.length > 0) {
      const left = [before.length > 0 ? span(before) : '', after.length > 0 ? span(after) : '']
        .filter((s) => s !== '')
        .join(' and ')
      if (period === null) {
        throw new Error(
          `Azure Carbon Optimization has data for ${available.start} to ${available.end} only: none of ${ctx.period.start} to ${ctx.period.end} is in it. ` +
            `Choose start-date/end-date within that range (a month is published by the 19th of the next).`
        )
      }
      ctx.note(
        `Azure Carbon Optimization has data for ${available.start} to ${available.end}: ${left} ${before.length + after.length === 1 ? 'is' : 'are'} outside it and not requested.`
      )
    }
    if (period === null) return

    let subscriptions: Subscription[]
    if (azure.subscriptionIds.length > 0) {
      subscriptions = azure.subscriptionIds.map((id) => ({ id, name: null }))
    } else {
      subscriptions = await listSubscriptions(arm)
      if (subscriptions.length === 0) {
        throw new Error(
          `The identity (${auth.describe}) can list no subscription at ${arm.endpoint}. Assign it Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) ` +
            `on each subscription to report, or set azure-subscription-ids.`
        )
      }
    }
    const names = new Map(subscriptions.map((s) => [s.id, s.name]))
    const plan = planQueries(
      subscriptions.map((s) => s.id),
      period
    )
    const months = monthsOf(period)
    ctx.log(
      `Azure: ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'} in ${plan.batches.length} batch${plan.batches.length === 1 ? '' : 'es'}, ` +
        `${months.length} month${months.length === 1 ? '' : 's'} (${period.start} to ${period.end}), ${plan.detail.length + plan.summary.length} queries before paging, ${arm.endpoint}`
    )

    // Access: a subscription the identity may not read is missing (once), whichever response says so first.
    const denied = new Set<string>()
    const deny = (id: string, reason: string): void => {
      if (denied.has(id)) return
      denied.add(id)
      ctx.missing(`subscription ${id}`, reason)
    }
    const takeDecisions = (decisions: AccessDecision[]): void => {
      for (const d of decisions) {
        if (d.decision.toLowerCase() === 'allowed') continue
        deny(
          d.subscriptionId,
          `access ${d.decision ? d.decision.toLowerCase() : 'refused'} by Carbon Optimization${d.denialReason ? ` (${d.denialReason})` : ''}`
        )
      }
    }

    // The monthly summaries, one request per (batch, <= 12 months), shared by the tasks of those months.
    const summaries = new Map<string, Promise<Map<Month, number> | null>>()
    const summaryFor = (batch: number, month: Month): Promise<Map<Month, number> | null> => {
      const q = plan.summary.find(
        (s) =>
          s.batch === batch &&
          monthIndex(s.period.start) <= monthIndex(month) &&
          monthIndex(month) <= monthIndex(s.period.end)
      )!
      const key = `${batch}:${q.period.start}`
      let p = summaries.get(key)
      if (!p) {
        p = (async () => {
          try {
            const page = parseReportPage(
              await arm.post(REPORTS_PATH, q.body, `the monthly summary ${q.period.start} to ${q.period.end}`)
            )
            takeDecisions(page.decisions)
            const byMonth = new Map<Month, number>()
            for (const row of page.rows) {
              const m = rowMonth(row)
              if (m === null) throw new Error('a monthly summary row has no date')
              byMonth.set(m, (byMonth.get(m) ?? 0) + kilogramsToGrams(row.latestMonthEmissions, `the summary of ${m}`))
            }
            return byMonth
          } catch (e) {
            // A batch the identity may read none of is refused as a whole: that is told once, per subscription.
            if (e instanceof ArmCallError && e.status === 403) {
              for (const id of plan.batches[batch]) deny(id, e.message)
              return null
            }
            ctx.warn(
              `${q.period.start} to ${q.period.end}: the monthly summary could not be fetched, so the detail was not checked against it (${errorMessage(e)})`
            )
            return null
          }
        })()
        summaries.set(key, p)
      }
      return p
    }

    const total = subscriptions.length
    const tasks: (() => Promise<CarbonRecord[]>)[] = []
    // A matrix shard takes its contiguous share of the (batch, month) units (batch-major).
    const units = shareOf(
      plan.batches.flatMap((_, batch) => months.map((month) => ({ batch, month }))),
      settings.shard
    )
    if (settings.shard !== null)
      ctx.log(
        `Azure: shard ${settings.shard.index}/${settings.shard.count} takes ${units.length} of ${plan.batches.length * months.length} (batch, month) units`
      )
    plan.batches.forEach((subs, batch) => {
      const label = batchLabel(subs, batch, plan.batches.length, total)
      for (const { month } of units.filter((u) => u.batch === batch)) {
        tasks.push(async () => {
          const summary = summaryFor(batch, month)
          const { records, complete } = await fetchBatchMonth(ctx, arm, subs, month, label, names, takeDecisions, deny)
          const expected = await summary
          if (complete && expected !== null) {
            const got = records.reduce((a, r) => a + r.grams, 0)
            const want = expected.get(month) ?? 0
            if (Math.abs(got - want) > 1) {
              const where = plan.batches.length > 1 ? ` (${label})` : ''
              ctx.warn(
                `${month}${where}: resource detail sums to ${groupThousands(formatKg(got))} kg but the monthly summary says ${groupThousands(formatKg(want))} kg ` +
                  `(gap ${groupThousands(formatKg(Math.abs(got - want)))} kg)`
              )
            }
          }
          return records
        })
      }
    })
    yield* inOrder('azure', tasks, Math.max(2, settings.concurrency), ctx.keepRecords)
    if (denied.size > 0) {
      const list = [...denied].map((id) => (names.get(id) ? `${id} (${names.get(id)})` : id))
      ctx.note(
        `${denied.size} subscription${denied.size === 1 ? '' : 's'} could not be read and ${denied.size === 1 ? 'is' : 'are'} not in the figures: ${list.join(', ')}. ` +
          `Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on ${denied.size === 1 ? 'it' : 'them'}.`
      )
    }
  }
}

/** localeCompare's order (the default locale and options), with one collator made once instead of per call. */
const COLLATOR = new Intl.Collator()

/**
 * The records of one batch and month: the three scope queries side by side, each paged to its end, summed
 * into (subscription, service, region) and rounded together. What came is kept when a part failed; the month
 * is then marked incomplete and not reconciled.
 */
async function fetchBatchMonth(
  ctx: ProviderContext,
  arm: Arm,
  subs: readonly string[],
  month: Month,
  label: string,
  names: Map<string, string | null>,
  takeDecisions: (d: AccessDecision[]) => void,
  deny: (id: string, reason: string) => void
): Promise<{ records: CarbonRecord[]; complete: boolean }> {
  const cells = new Map<string, Cell>()
  const failed: CarbonScope[] = []
  const add = (row: ReportRow, scope: CarbonScope): void => {
    const dims = resourceDimensions(row)
    const key = `${dims.subscriptionId}\u0000${dims.service ?? ''}\u0000${dims.region ?? ''}`
    let cell = cells.get(key)
    if (!cell) {
      cell = { ...dims, scopes: { Scope1: null, Scope2: null, Scope3: null } }
      cells.set(key, cell)
    }
    cell.scopes[scope] =
      (cell.scopes[scope] ?? 0n) +
      kilogramsToNanograms(row.latestMonthEmissions, `${scope} of ${row.resourceId ?? row.itemName}`)
  }

  await Promise.all(
    SCOPES.map(async (scope) => {
      const seen = new Set<string>()
      let token: string | undefined
      try {
        for (let page = 1; ; page++) {
          if (page > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages; stopped`)
          const json = await arm.post(REPORTS_PATH, detailQueryBody(subs, month, scope, token), `${scope} of ${month}`)
          const p = parseReportPage(json)
          takeDecisions(p.decisions)
          for (const row of p.rows) add(row, scope)
          if (p.skipToken === null) break
          if (seen.has(p.skipToken)) {
            throw new Error(
              `the API repeated a skipToken it had already given (page ${page}); stopped paging to avoid a loop, so this month and scope are incomplete`
            )
          }
          seen.add(p.skipToken)
          token = p.skipToken
        }
      } catch (e) {
        failed.push(scope)
        if (e instanceof ArmCallError && e.status === 403) {
          for (const id of subs) deny(id, e.message)
        } else {
          ctx.missing(`${month} ${scope} of ${label}`, errorMessage(e))
        }
      }
    })
  )

  // Deterministic order: subscriptions as listed, then service, then region.
  const order = new Map(subs.map((s, i) => [s, i]))
  const list = [...cells.values()].sort(
    (a, b) =>
      (order.get(a.subscriptionId) ?? Infinity) - (order.get(b.subscriptionId) ?? Infinity) ||
      COLLATOR.compare(a.subscriptionId, b.subscriptionId) ||
      COLLATOR.compare(a.service ?? '', b.service ?? '') ||
      COLLATOR.compare(a.region ?? '', b.region ?? '')
  )
  // A scope whose query failed is null where nothing of it came (not given), else what came.
  const value = (c: Cell, s: CarbonScope): bigint | null => c.scopes[s] ?? (failed.includes(s) ? null : 0n)
  const flat: bigint[] = []
  for (const c of list) for (const s of SCOPES) flat.push(value(c, s) ?? 0n)
  const grams = apportionGrams(flat)
  const records = list.map((c, i): CarbonRecord => {
    const [s1, s2, s3] = SCOPES.map((s, j) => (value(c, s) === null ? null : grams[i * 3 + j]))
    const sum = (s1 ?? 0) + (s2 ?? 0) + (s3 ?? 0)
    return {
      provider: 'azure',
      account: c.subscriptionId,
      accountName: names.get(c.subscriptionId) ?? null,
      month,
      service: c.service,
      region: c.region,
      grams: sum,
      marketGrams: sum,
      locationGrams: null,
      scope1Grams: s1,
      scope2MarketGrams: s2,
      scope2LocationGrams: null,
      scope3MarketGrams: s3,
      scope3LocationGrams: null,
      modelVersion: null
    }
  })
  return { records, complete: failed.length === 0 }
}
