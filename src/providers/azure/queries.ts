/** Azure Carbon Optimization's queries, planned within the API's limits (pure: tested without the network). */
import type { Month, Period } from '../../model.js'
import { chunkPeriod, monthFirstDay, monthIndex, monthsOf } from '../../period.js'

export const CARBON_API_VERSION = '2025-04-01'
export const SUBSCRIPTIONS_API_VERSION = '2022-12-01'
export const MAX_SUBSCRIPTIONS_PER_REQUEST = 100
export const MAX_MONTHS_PER_REQUEST = 12
export const PAGE_SIZE = 5000
export const SCOPES = ['Scope1', 'Scope2', 'Scope3'] as const
export type CarbonScope = (typeof SCOPES)[number]
export const CARBON_OPTIMIZATION_READER = 'fa0d39e6-28e5-40cf-8521-1eb320653a4c'

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
