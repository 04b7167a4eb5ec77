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
import type { CarbonRecord, Month } from '../../model.js'
import { monthIndex, monthsOf } from '../../period.js'
import { formatKg, groupThousands, kilogramsToGrams } from '../../units.js'
import { entraAuth } from '../../auth/entra.js'
import { errorMessage } from '../../secrets.js'
import { CallError } from '../kit/errors.js'
import { followPages } from '../kit/paging.js'
import { recordsTask } from '../kit/schedule.js'
import type { Provider, ProviderContext, WorkPlan } from '../kit/seam.js'
import { Arm, RANGE_PATH, REPORTS_PATH, type Subscription } from './arm.js'
import { BatchMonthCells } from './cells.js'
import { decodeAzurePage, type AzurePage } from './page.js'
import { parseDateRange, parseReportPage, rowMonth, type AccessDecision } from './parse.js'
import {
  CARBON_OPTIMIZATION_READER,
  MAX_SUBSCRIPTIONS_PER_REQUEST,
  SCOPES,
  clampPeriod,
  detailQueryBody,
  planQueries,
  type QueryPlan
} from './queries.js'

export * from './queries.js'
export * from './parse.js'
export { explainArmError } from './errors.js'

interface Unit {
  batch: number
  month: Month
}

export const azureProvider: Provider = {
  id: 'azure',
  async plan(ctx: ProviderContext): Promise<WorkPlan<Unit> | null> {
    const { settings } = ctx
    const azure = settings.azure
    const auth = entraAuth(azure, ctx.http, ctx.env)
    const arm = new Arm(ctx.http, auth, azure.resourceManagerEndpoint)

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
    if (period === null) return null

    let subscriptions: Subscription[]
    if (azure.subscriptionIds.length > 0) {
      subscriptions = azure.subscriptionIds.map((id) => ({ id, name: null }))
    } else {
      subscriptions = await arm.listSubscriptions()
      if (subscriptions.length === 0) {
        throw new Error(
          `The identity (${auth.describe}) can list no subscription at ${arm.endpoint}. Assign it Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) ` +
            `on each subscription to report, or set azure-subscription-ids.`
        )
      }
    }
    const plan = planQueries(
      subscriptions.map((s) => s.id),
      period
    )
    const months = monthsOf(period)
    ctx.log(
      `Azure: ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'} in ${plan.batches.length} batch${plan.batches.length === 1 ? '' : 'es'}, ` +
        `${months.length} month${months.length === 1 ? '' : 's'} (${period.start} to ${period.end}), ${plan.detail.length + plan.summary.length} queries before paging, ${arm.endpoint}`
    )
    const run = new AzureRun(ctx, arm, plan, subscriptions)
    return {
      unit: '(batch, month)',
      // Batch-major: a matrix shard takes a contiguous share.
      units: plan.batches.flatMap((_, batch) => months.map((month) => ({ batch, month }))),
      start: async (mine) => mine.map((u) => recordsTask('azure', ctx.keepRecords, () => run.batchMonth(u))),
      end: async () => run.end(),
      lookahead: Math.max(2, settings.concurrency)
    }
  }
}

/** The state of one run: who was denied, and the monthly summaries the months are checked against. */
class AzureRun {
  private readonly denied = new Set<string>()
  private readonly summaries = new Map<string, Promise<Map<Month, number> | null>>()
  private readonly names: Map<string, string | null>

  constructor(
    private readonly ctx: ProviderContext,
    private readonly arm: Arm,
    private readonly plan: QueryPlan,
    private readonly subscriptions: Subscription[]
  ) {
    this.names = new Map(subscriptions.map((s) => [s.id, s.name]))
  }

  /** Access: a subscription the identity may not read is missing (once), whichever response says so first. */
  readonly deny = (id: string, reason: string): void => {
    if (this.denied.has(id)) return
    this.denied.add(id)
    this.ctx.missing(`subscription ${id}`, reason)
  }

  readonly takeDecisions = (decisions: AccessDecision[]): void => {
    for (const d of decisions) {
      if (d.decision.toLowerCase() === 'allowed') continue
      this.deny(
        d.subscriptionId,
        `access ${d.decision ? d.decision.toLowerCase() : 'refused'} by Carbon Optimization${d.denialReason ? ` (${d.denialReason})` : ''}`
      )
    }
  }

  /** The monthly summary of a batch's months, one request per (batch, <= 12 months), shared by those months. */
  private summaryFor(batch: number, month: Month): Promise<Map<Month, number> | null> {
    const q = this.plan.summary.find(
      (s) =>
        s.batch === batch &&
        monthIndex(s.period.start) <= monthIndex(month) &&
        monthIndex(month) <= monthIndex(s.period.end)
    )!
    const key = `${batch}:${q.period.start}`
    let p = this.summaries.get(key)
    if (!p) {
      p = (async () => {
        try {
          const page = parseReportPage(
            await this.arm.post(REPORTS_PATH, q.body, `the monthly summary ${q.period.start} to ${q.period.end}`)
          )
          this.takeDecisions(page.decisions)
          const byMonth = new Map<Month, number>()
          for (const row of page.rows) {
            const m = rowMonth(row)
            if (m === null) throw new Error('a monthly summary row has no date')
            byMonth.set(m, (byMonth.get(m) ?? 0) + kilogramsToGrams(row.latestMonthEmissions, `the summary of ${m}`))
          }
          return byMonth
        } catch (e) {
          // A batch the identity may read none of is refused as a whole: that is told once, per subscription.
          if (e instanceof CallError && e.status === 403) {
            for (const id of this.plan.batches[batch]) this.deny(id, e.message)
            return null
          }
          this.ctx.warn(
            `${q.period.start} to ${q.period.end}: the monthly summary could not be fetched, so the detail was not checked against it (${errorMessage(e)})`
          )
          return null
        }
      })()
      this.summaries.set(key, p)
    }
    return p
  }

  /** A batch's month: its records, checked against the monthly summary. */
  async batchMonth({ batch, month }: Unit): Promise<CarbonRecord[]> {
    const subs = this.plan.batches[batch]
    const label = batchLabel(subs, batch, this.plan.batches.length, this.subscriptions.length)
    const summary = this.summaryFor(batch, month)
    const { records, complete } = await fetchBatchMonth(this, subs, month, label)
    const expected = await summary
    if (complete && expected !== null) {
      const got = records.reduce((a, r) => a + r.grams, 0)
      const want = expected.get(month) ?? 0
      if (Math.abs(got - want) > 1) {
        const where = this.plan.batches.length > 1 ? ` (${label})` : ''
        this.ctx.warn(
          `${month}${where}: resource detail sums to ${groupThousands(formatKg(got))} kg but the monthly summary says ${groupThousands(formatKg(want))} kg ` +
            `(gap ${groupThousands(formatKg(Math.abs(got - want)))} kg)`
        )
      }
    }
    return records
  }

  end(): void {
    if (this.denied.size === 0) return
    const list = [...this.denied].map((id) => (this.names.get(id) ? `${id} (${this.names.get(id)})` : id))
    const n = this.denied.size
    this.ctx.note(
      `${n} subscription${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'is' : 'are'} not in the figures: ${list.join(', ')}. ` +
        `Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on ${n === 1 ? 'it' : 'them'}.`
    )
  }

  get parts(): { ctx: ProviderContext; arm: Arm } {
    return { ctx: this.ctx, arm: this.arm }
  }

  nameOf(id: string): string | null {
    return this.names.get(id) ?? null
  }
}

/** The label of a batch for messages. */
function batchLabel(subs: readonly string[], index: number, count: number, total: number): string {
  if (subs.length === 1) return `subscription ${subs[0]}`
  const first = index * MAX_SUBSCRIPTIONS_PER_REQUEST + 1
  return count === 1 ? `${subs.length} subscriptions` : `subscriptions ${first}-${first + subs.length - 1} of ${total}`
}

/**
 * The records of one batch and month: the three scope queries side by side, each paged to its end, summed
 * into (subscription, service, region) and rounded together. What came is kept when a part failed; the month
 * is then marked incomplete and not reconciled.
 */
async function fetchBatchMonth(
  run: AzureRun,
  subs: readonly string[],
  month: Month,
  label: string
): Promise<{ records: CarbonRecord[]; complete: boolean }> {
  const { ctx, arm } = run.parts
  const cells = new BatchMonthCells()
  let failed = 0
  await Promise.all(
    SCOPES.map(async (scope, j) => {
      try {
        await followPages({
          cursorName: 'skipToken',
          fetch: async (token) => {
            // Read and summed as it comes (a body that is not JSON is fetched again by the HTTP layer).
            const p = (await arm.post(
              REPORTS_PATH,
              detailQueryBody(subs, month, scope, token),
              `${scope} of ${month}`,
              (b) => Promise.resolve(decodeAzurePage(b, j))
            )) as AzurePage
            run.takeDecisions(p.decisions)
            cells.addPage(p.cells, j)
            if (p.error !== null) throw new Error(p.error)
            return p.skipToken
          }
        })
      } catch (e) {
        failed |= 1 << j
        const cause = e instanceof Error ? e.cause : undefined
        if (cause instanceof CallError && cause.status === 403) {
          for (const id of subs) run.deny(id, cause.message)
        } else {
          ctx.missing(`${month} ${scope} of ${label}`, e)
        }
      }
    })
  )

  const records = cells.records(subs, month, failed, (id) => run.nameOf(id))
  return { records, complete: failed === 0 }
}
