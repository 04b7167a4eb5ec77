/**
 * Google Cloud: the Carbon Footprint export in BigQuery, read with GitHub OIDC through Workload Identity
 * Federation (auth.ts). One parameterised Standard SQL query per month (the export is partitioned by month, so a
 * month's query reads that partition only), aggregated to the record key in SQL, pages followed to the end; the
 * months run side by side within `concurrency`, and a failure costs a month.
 */
import type { CarbonRecord, Month } from '../../model.js'
import { monthsOf } from '../../period.js'
import { getIdToken } from '../../auth/github-oidc.js'
import { registerSecret } from '../../secrets.js'
import { recordsTask } from '../kit/schedule.js'
import type { Provider, ProviderContext, WorkPlan } from '../kit/seam.js'
import { signIn } from './auth.js'
import { BigQueryError, readQuery } from './bigquery.js'
import { PagingStopped } from '../kit/paging.js'
import { GcpRecordFolder } from './records.js'

/** Refusals that are the same for every month: the provider fails once with them instead of per month. */
const WHOLE_PROVIDER = new Set([401, 403, 404])

export const gcpProvider: Provider = {
  id: 'gcp',
  async plan(ctx: ProviderContext): Promise<WorkPlan<Month>> {
    const { settings } = ctx
    const gcp = settings.gcp
    const t = gcp.table
    ctx.note(
      `Figures are Google Cloud's Carbon Footprint export (${t.project}.${t.dataset}.${t.table}): ${settings.method}-based totals, ` +
        'Scope 3 is the same under both methods, and market-based figures exist from January 2023 on.'
    )
    const months = monthsOf(ctx.period)
    let token: { accessToken: string; identity: string } | null = null
    return {
      unit: '(month)',
      units: months,
      start: async (mine) => {
        // Sign in first: a refused federation or impersonation fails the provider here, once, with its reason.
        token = await signIn(gcp, {
          http: ctx.http,
          env: ctx.env,
          idToken: (audience) => getIdToken(ctx.http, ctx.env, audience, 'Google Cloud'),
          registerSecret
        })
        ctx.log(
          `Google Cloud: ${t.project}.${t.dataset}.${t.table} (${gcp.location}), queries run in ${gcp.projectId} as ${token.identity}, ${mine.length} month${mine.length === 1 ? '' : 's'}`
        )
        const signed = token
        return mine.map((month) => recordsTask('gcp', ctx.keepRecords, () => fetchMonth(ctx, signed, month)))
      },
      lookahead: Math.max(2, settings.concurrency),
      fallbackNote: (n) =>
        `${n} record${n === 1 ? ' has' : 's have'} no ${settings.method}-based figure from Google Cloud (market-based figures start in 2023); ` +
        `${n === 1 ? 'its' : 'their'} headline is the ${settings.method === 'market' ? 'location' : 'market'}-based one.`
    }
  }
}

/** A month's records: every page of its query, folded to the record key; what came before a failure is kept. */
async function fetchMonth(
  ctx: ProviderContext,
  token: { accessToken: string; identity: string },
  month: Month
): Promise<CarbonRecord[]> {
  const one = { start: month, end: month }
  const folder = new GcpRecordFolder(one)
  try {
    await readQuery(
      {
        http: ctx.http,
        settings: ctx.settings.gcp,
        accessToken: token.accessToken,
        identity: token.identity,
        period: one
      },
      (page) => folder.add(page.fields, page.rows)
    )
  } catch (e) {
    const cause = e instanceof PagingStopped ? e.cause : e
    if (cause instanceof BigQueryError && WHOLE_PROVIDER.has(cause.status)) throw cause
    ctx.missing(`${month}`, e)
  }
  if (folder.outside > 0)
    ctx.warn(`${month}: ${folder.outside} rows of other months came back despite the query's filter and were left out`)
  return folder.records(ctx.settings.method).records
}
