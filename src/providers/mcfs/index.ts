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
import type { CarbonRecord, Month } from '../../model.js'
import { monthsOf } from '../../period.js'
import { entraAuth } from '../../auth/entra.js'
import { errorMessage, registerSecret } from '../../secrets.js'
import { CallError } from '../kit/errors.js'
import { recordsTask } from '../kit/schedule.js'
import type { Provider, ProviderContext, WorkPlan } from '../kit/seam.js'
import { McfsApi } from './api.js'
import { enrollmentDims, Folder, forecastPoints, subServiceNames, tenantDims } from './parse.js'
import { enrollmentEmissionsUrl, projectionsUrl, tenantEmissionsUrl } from './queries.js'

export * from './queries.js'
export * from './parse.js'
export { explainMcfsError } from './errors.js'

type DataSet = 'enrollment' | 'tenant'

interface Unit {
  set: DataSet
  month: Month
}

interface Tally {
  name: string
  range: string
  outside: number
  unscoped: number
  rows: number
  failed: boolean
}

export const mcfsProvider: Provider = {
  id: 'mcfs',
  async plan(ctx: ProviderContext): Promise<WorkPlan<Unit>> {
    const { settings } = ctx
    const m = settings.mcfs
    registerSecret(m.apiKey)
    const tenantId = m.tenantId.toLowerCase()
    const auth = entraAuth(m.entra, ctx.http, ctx.env)
    const api = new McfsApi(ctx.http, auth, m.apiKey, {
      instanceId: m.instanceId,
      endpoint: m.endpoint,
      identity: auth.describe
    })

    ctx.note(
      'MCFS gives one figure per scope and names no accounting method; Microsoft computes Scope 2 of its cloud emissions market-based, ' +
        'so Scope 1+2+3 is the market-based figure (Scope 2 and 3 in their market-based columns) and location-based columns are empty.'
    )
    if (settings.method === 'location')
      ctx.note('MCFS gives no location-based figure: its market-based total is the headline.')
    ctx.note('MCFS is a preview API (Microsoft may restate past months); its projections are a forecast, in no total.')

    // The data sets (the enrollment, the Microsoft 365 tenant), one paged query per (data set, month): the page
    // chains of different months run side by side (bounded by `concurrency`), and a failure costs a month.
    const allSets: DataSet[] = [
      ...(m.enrollmentId !== '' ? ['enrollment' as const] : []),
      ...(tenantId !== '' ? ['tenant' as const] : [])
    ]
    const months = monthsOf(ctx.period)
    /** Per data set of this share (in data set order): its name, its months, what their rows came to, whether any failed. */
    const tally = new Map<DataSet, Tally>()

    const monthTask = (set: DataSet, month: Month) => async (): Promise<CarbonRecord[]> => {
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
        await api.readAll({
          firstUrl: url,
          what,
          dataSet: t.name,
          onRows: (rows) => {
            for (const row of rows) folder.add(row)
          },
          incomplete: (w, c) => ctx.missing(w, c)
        })
      } catch (e) {
        // A refused key or token is wrong for every call: the provider fails with that one message.
        if (e instanceof CallError && e.status === 401) throw e
        // A page failed (or one of its rows did not parse): nothing more of this month; what came is kept.
        t.failed = true
        ctx.missing(what, e)
      }
      t.outside += folder.outside
      t.unscoped += folder.unscoped
      t.rows += folder.rows
      return folder.records(
        'mcfs',
        set === 'enrollment'
          ? (c) => ({
              enrollmentId: enrollment,
              subServices: subServiceNames(c)?.slice().sort().join(', ') ?? null
            })
          : () => undefined
      )
    }

    return {
      unit: '(data set, month)',
      units: allSets.flatMap((set) => months.map((month) => ({ set, month }))),
      start: async (mine) => {
        for (const set of allSets) {
          const own = mine.filter((u) => u.set === set)
          if (own.length === 0) continue
          const name = set === 'enrollment' ? `enrollment ${m.enrollmentId}` : `Microsoft 365 tenant ${tenantId}`
          const range = `${own[0].month} to ${own[own.length - 1].month}`
          tally.set(set, { name, range, outside: 0, unscoped: 0, rows: 0, failed: false })
        }
        // Sign in first: a wrong app, tenant or federated credential fails the provider here, once, with Entra's reason.
        await api.token()
        ctx.log(
          `MCFS: instance ${m.instanceId}${m.enrollmentId ? `, enrollment ${m.enrollmentId}` : ''}${tenantId ? `, Microsoft 365 tenant ${tenantId}` : ''}, ` +
            `${ctx.period.start} to ${ctx.period.end}, ${m.endpoint}`
        )
        return mine.map((u) => recordsTask('mcfs', ctx.keepRecords, monthTask(u.set, u.month)))
      },
      end: async () => {
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
        if (tally.has('enrollment') && !failed.has(`enrollment ${m.enrollmentId}`)) {
          try {
            const rows: Record<string, unknown>[] = []
            await api.readAll({
              firstUrl: projectionsUrl(m.endpoint, m.instanceId, m.enrollmentId),
              what: `the projections of enrollment ${m.enrollmentId}`,
              dataSet: `enrollment ${m.enrollmentId}`,
              onRows: (r) => rows.push(...r),
              incomplete: (what, cause) => ctx.warn(`${what}: ${errorMessage(cause)}; the forecast may lack months`)
            })
            const points = forecastPoints(rows, `enrollment ${m.enrollmentId}`)
            if (points.length > 0) ctx.forecast(points)
          } catch (e) {
            ctx.warn(
              `The projections of enrollment ${m.enrollmentId} could not be fetched, so there is no forecast: ${errorMessage(e)}`
            )
          }
        }
      },
      lookahead: Math.max(2, settings.concurrency)
    }
  }
}
