/**
 * AWS: the Sustainability API's GetEstimatedCarbonEmissions (restJson1, SigV4 service `sustainability`).
 *
 * One query per (identity, month): MONTHLY granularity, grouped by USAGE_ACCOUNT_ID, REGION and SERVICE, all
 * seven emissions types, MaxResults 5000, NextToken followed to the end. Splitting by month lets the page
 * sequences of different months run side by side (bounded by `concurrency`) and makes a failure cost one
 * month, not the year. Values are metric tons (MTCO2e, 1 g resolution): converted once to integer grams.
 */
import type { AwsCredentialIdentity } from '@smithy/types'
import type { Month } from '../../model.js'
import { addMonths, monthStartIso, monthsOf } from '../../period.js'
import { errorMessage } from '../../secrets.js'
import { followPages } from '../kit/paging.js'
import type { PageFlow, Provider, ProviderContext, UnitTask, WorkPlan } from '../kit/seam.js'
import { awsIdentities, type AwsIdentity } from './auth.js'
import { resolveSustainabilityEndpoint } from './endpoints.js'
import { configuredEndpoint, useFipsFromEnv } from './env.js'
import { checkAccountIds } from './accounts.js'
import { callSustainability, roleAccount, type AwsTarget } from './api.js'
import { fetchWater } from './water.js'
import { EMISSIONS_TYPES, type AwsPage } from './page.js'
import { sustainabilitySigner, type Sign } from './signer.js'
import { createDecoder, type PageDecoder } from './workers/pool.js'

const MAX_RESULTS = 5000

interface Unit {
  id: AwsIdentity
  month: Month
}

export const awsProvider: Provider = {
  id: 'aws',
  async plan(ctx: ProviderContext): Promise<WorkPlan<Unit>> {
    const { settings, http, env } = ctx
    const aws = settings.aws
    const resolved = resolveSustainabilityEndpoint({
      region: aws.region,
      useFips: useFipsFromEnv(env) === true,
      endpoint: configuredEndpoint(env, 'SUSTAINABILITY')
    })
    const endpoint = resolved.url
    const identities = awsIdentities(aws, http, env)
    ctx.note(
      settings.method === 'market'
        ? 'Figures are AWS market-based (MBM) estimates; location-based (LBM) figures are in the files.'
        : 'Figures are AWS location-based (LBM) estimates; market-based (MBM) figures are in the files.'
    )
    if (aws.accountIds.length > 0) ctx.note(`Only usage accounts ${aws.accountIds.join(', ')} (aws-account-ids).`)
    const months = monthsOf(ctx.period)
    const targets: AwsTarget[] = []
    // Large pages are decoded on worker threads (started on the first one), made for this run's share.
    let decoder: PageDecoder | null = null
    return {
      unit: '(identity, month)',
      // Identity-major: several roles split by role, one role by months.
      units: identities.flatMap((id) => months.map((month) => ({ id, month }))),
      start: async (mine) => {
        const signers = await signIn(ctx, identities, mine, resolved.signingRegion)
        const pages = (decoder = createDecoder(env))
        ctx.log(
          `AWS: ${signers.size} identit${signers.size === 1 ? 'y' : 'ies'}, ${months.length} month${months.length === 1 ? '' : 's'}, endpoint ${endpoint} (signed for ${resolved.signingRegion})`
        )
        // An identity's whole-period questions go with its first month: one shard asks them, once.
        for (const [id, sign] of signers)
          if (mine.some((u) => u.id === id && u.month === months[0])) targets.push({ endpoint, sign, id })
        const tasks: UnitTask[] = []
        for (const { id, month } of mine) {
          const sign = signers.get(id)
          if (sign) tasks.push((flow) => fetchMonth(ctx, { endpoint, sign, id, month, decoder: pages }, flow))
        }
        return tasks
      },
      end: async () => {
        // The account check needs every organization's answer: a shard sees only some, so a matrix skips it.
        await Promise.all([
          settings.shard === null ? checkAccountIds(ctx, targets, aws.accountIds) : Promise.resolve(),
          settings.water ? fetchWater(ctx, targets) : Promise.resolve()
        ])
      },
      close: async () => {
        if (decoder === null) return
        const d = decoder.stats()
        if (d.onWorkers > 0)
          ctx.log(`AWS: pages decoded: ${d.onWorkers} on ${d.workers} worker thread(s), ${d.here} on the main thread`)
        await decoder.close()
      },
      lookahead: Math.max(2, settings.concurrency * 2),
      budget: { records: MAX_RESULTS * Math.max(2, settings.concurrency), pageSize: MAX_RESULTS },
      fallbackNote: (n) => awsFallbackNote(settings.method, n)
    }
  }
}

/** The note when `n` records have no figure of the chosen method, so their headline is the other one. */
export function awsFallbackNote(method: 'market' | 'location', n: number): string {
  const market = method === 'market'
  return (
    `${n} record${n === 1 ? ' has' : 's have'} no ${market ? 'market-based (MBM)' : 'location-based (LBM)'} figure from AWS; ` +
    `${n === 1 ? 'its' : 'their'} headline is the ${market ? 'location-based (LBM)' : 'market-based (MBM)'} one.`
  )
}

/**
 * Credentials for the identities of this share, concurrently: a role that cannot be assumed is missing from the
 * report and the rest go on; when none can be used the provider failed, each distinct cause said once (no
 * id-token permission is one cause for every role).
 */
async function signIn(
  ctx: ProviderContext,
  identities: AwsIdentity[],
  mine: Unit[],
  signingRegion: string
): Promise<Map<AwsIdentity, Sign>> {
  const wanted = identities.filter((id) => mine.some((u) => u.id === id))
  const ready = new Map<AwsIdentity, AwsCredentialIdentity>()
  const failures: { id: AwsIdentity; message: string }[] = []
  const settled = await Promise.allSettled(wanted.map(async (id) => ({ id, creds: await id.getCredentials() })))
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') ready.set(s.value.id, s.value.creds)
    else failures.push({ id: wanted[i], message: errorMessage(s.reason) })
  })
  if (ready.size === 0) {
    const byCause = new Map<string, string[]>()
    for (const f of failures) {
      const cause = f.message.split(f.id.label).join('\u0000')
      byCause.set(cause, [...(byCause.get(cause) ?? []), f.id.label])
    }
    throw new Error([...byCause].map(([cause, labels]) => cause.split('\u0000').join(labels.join(', '))).join(' | '))
  }
  for (const f of failures) ctx.missing(`all data of ${f.id.label}`, f.message)
  const signers = new Map<AwsIdentity, Sign>()
  for (const [id, creds] of ready) {
    signers.set(
      id,
      sustainabilitySigner(signingRegion, async () => (await id.getCredentials().catch(() => creds)) ?? creds)
    )
  }
  return signers
}

interface MonthQuery extends AwsTarget {
  month: Month
  decoder: PageDecoder
}

async function fetchMonth(ctx: ProviderContext, q: MonthQuery, flow: PageFlow): Promise<void> {
  // Records go out page by page (emit), so a month's data is never held whole.
  try {
    await followPages({
      cursorName: 'NextToken',
      fetch: async (token) => {
        // The response (bytes, text, parsed JSON) lives only inside fetchPage: a task waiting for its turn
        // holds its page's batch, not the page it came from.
        await flow.turn()
        const got = await fetchPage(ctx, q, token)
        // What a page holds before a bad row is kept: the month is marked incomplete, nothing is dropped.
        flow.emit(got.batch)
        if (got.error !== null) throw new Error(got.error)
        return got.next
      }
    })
  } catch (e) {
    ctx.missing(`${q.month} of ${q.id.label}`, e)
  }
}

/** One page of a month: its batch (as far as its rows are good), the NextToken, and what was wrong if anything. */
async function fetchPage(ctx: ProviderContext, q: MonthQuery, token: string | undefined): Promise<AwsPage> {
  const body: Record<string, unknown> = {
    TimePeriod: { Start: monthStartIso(q.month), End: monthStartIso(addMonths(q.month, 1)) },
    GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
    EmissionsTypes: EMISSIONS_TYPES,
    Granularity: 'MONTHLY',
    MaxResults: MAX_RESULTS
  }
  if (ctx.settings.aws.accountIds.length > 0)
    body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } }
  if (token !== undefined) body.NextToken = token
  const res = await callSustainability(ctx, q, {
    path: '/v1/estimated-carbon-emissions',
    action: 'sustainability:GetEstimatedCarbonEmissions',
    body,
    decode: (bytes) =>
      q.decoder.decode(bytes, {
        method: ctx.settings.method,
        fallbackAccount: roleAccount(q.id),
        month: q.month,
        keepRecords: ctx.keepRecords
      })
  })
  return res.json as AwsPage
}
