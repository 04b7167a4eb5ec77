/**
 * AWS: the Sustainability API's GetEstimatedCarbonEmissions (restJson1, SigV4 service `sustainability`).
 *
 * One query per (identity, month): MONTHLY granularity, grouped by USAGE_ACCOUNT_ID, REGION and SERVICE, all
 * seven emissions types, MaxResults 5000, NextToken followed to the end. Splitting by month lets the page
 * sequences of different months run side by side (bounded by `concurrency`) and makes a failure cost one
 * month, not the year. Values are metric tons (MTCO2e, 1 g resolution): converted once to integer grams.
 */
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentialIdentity } from '@smithy/types'
import type { Month } from '../model.js'
import { addMonths, monthStartIso, monthsOf } from '../period.js'
import type { RecordBatch } from '../report/batch.js'
import { EMISSIONS_TYPES, type AwsPage } from './aws-page.js'
import { awsIdentities, endpointFromEnv, partitionOf, type AwsIdentity } from '../auth/aws.js'
import { errorMessage, scrub } from '../secrets.js'
import type { Provider, ProviderContext } from './provider.js'
import { shareOf } from '../shard.js'

export { EMISSIONS_TYPES, normalizeAwsRow } from './aws-page.js'

const MAX_RESULTS = 5000
/** A guard against an endless sequence of pages: far beyond any real account's data for one month. */
const MAX_PAGES = 10_000

/** A sha256 for the signer, on node:crypto (the Checksum interface smithy expects). */
class Sha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256')
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest())
  }
  reset(): void {}
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

/** The error type of an AWS JSON error: header `x-amzn-errortype` or body `__type`/`code`, without namespace. */
export function awsErrorType(headers: Record<string, string | string[] | undefined>, body: unknown): string {
  const h = headers['x-amzn-errortype']
  const raw =
    (Array.isArray(h) ? h[0] : h) ??
    (body as { __type?: string; code?: string } | null)?.__type ??
    (body as { code?: string } | null)?.code ??
    ''
  return String(raw).split(':')[0].split('#').pop() ?? ''
}

/** A failure of the API that says what to do about it. */
export function explainAwsApiError(status: number, type: string, message: string, who: string): string {
  const base = `AWS Sustainability API answered HTTP ${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`
  switch (type) {
    case 'AccessDeniedException':
      return `${base}. Allow sustainability:GetEstimatedCarbonEmissions (Resource "*") in the permission policy of ${who}.`
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'InvalidClientTokenId':
    case 'IncompleteSignature':
      return `${base}. The credentials of ${who} were not accepted: check the AWS partition (aws-region) and the endpoint.`
    case 'ExpiredTokenException':
      return `${base}. The session of ${who} expired; rerun the job.`
    case 'ThrottlingException':
      return `${base}. Still throttled after retries: lower concurrency, or run again later.`
    case 'ValidationException':
      return `${base}.`
    default:
      return status === 404 ? `${base}. Check AWS_ENDPOINT_URL_SUSTAINABILITY / AWS_ENDPOINT_URL.` : `${base}.`
  }
}

export const awsProvider: Provider = {
  id: 'aws',
  label: 'AWS',
  fetch(ctx: ProviderContext): AsyncGenerator<RecordBatch> {
    // The plan is made inside the ordered stream, on its first next() as a generator body would run; the one
    // wrapper around it counts per batch (a page), so its extra promise round trip is per page, not per record.
    const s = ctx.settings
    return withFallbackNote(
      ctx,
      streamInOrder(
        () => planMonths(ctx),
        Math.max(2, s.concurrency * 2),
        MAX_RESULTS * Math.max(2, s.concurrency),
        MAX_RESULTS
      )
    )
  }
}

/**
 * The batches as they come; at the end, a note when some records have no figure of the chosen method, so
 * that their headline is the other method's (the report's notes say so, as the contract asks).
 */
export async function* withFallbackNote(
  ctx: ProviderContext,
  batches: AsyncGenerator<RecordBatch>
): AsyncGenerator<RecordBatch> {
  const market = ctx.settings.method === 'market'
  let fellBack = 0
  for await (const b of batches) {
    fellBack += market ? b.noMarket : b.noLocation
    yield b
  }
  if (fellBack > 0) {
    ctx.note(
      `${fellBack} record${fellBack === 1 ? ' has' : 's have'} no ${market ? 'market-based (MBM)' : 'location-based (LBM)'} figure from AWS; ` +
        `${fellBack === 1 ? 'its' : 'their'} headline is the ${market ? 'location-based (LBM)' : 'market-based (MBM)'} one.`
    )
  }
}

/** The (identity, month) tasks of this run (or shard), credentials fetched; none when the shard has no share. */
async function planMonths(ctx: ProviderContext): Promise<MonthTask[]> {
  const { settings, http, env } = ctx
  const aws = settings.aws
  const partition = partitionOf(aws.region)
  const endpoint = endpointFromEnv(env, 'SUSTAINABILITY', partition.sustainabilityEndpoint)
  const identities = awsIdentities(aws, http, env)
  ctx.note(
    settings.method === 'market'
      ? 'Figures are AWS market-based (MBM) estimates; location-based (LBM) figures are in the files.'
      : 'Figures are AWS location-based (LBM) estimates; market-based (MBM) figures are in the files.'
  )
  if (aws.accountIds.length > 0) ctx.note(`Only usage accounts ${aws.accountIds.join(', ')} (aws-account-ids).`)

  // The plan: (identity, month) units, identity-major. A matrix shard takes its contiguous share of it
  // (several roles split by role, one role by months); credentials are fetched only for its identities.
  const months = monthsOf(ctx.period)
  const plan = shareOf(
    identities.flatMap((id) => months.map((month) => ({ id, month }))),
    settings.shard
  )
  const mine = identities.filter((id) => plan.some((u) => u.id === id))
  if (settings.shard !== null)
    ctx.log(
      `AWS: shard ${settings.shard.index}/${settings.shard.count} takes ${plan.length} of ${identities.length * months.length} (identity, month) units`
    )
  if (plan.length === 0) return []

  // Credentials first, concurrently: a role that cannot be assumed is missing from the report, the rest go on.
  const ready = new Map<AwsIdentity, AwsCredentialIdentity>()
  const failures: { id: AwsIdentity; message: string }[] = []
  const settled = await Promise.allSettled(mine.map(async (id) => ({ id, creds: await id.getCredentials() })))
  settled.forEach((s, i) => {
    if (s.status === 'fulfilled') ready.set(s.value.id, s.value.creds)
    else failures.push({ id: mine[i], message: errorMessage(s.reason) })
  })
  // None could be used: the provider failed, each distinct cause said once (no id-token permission is one
  // cause for every role). Some could: the others' data is missing, role by role.
  if (ready.size === 0) {
    const byCause = new Map<string, string[]>()
    for (const f of failures) {
      const cause = f.message.split(f.id.label).join('\u0000')
      byCause.set(cause, [...(byCause.get(cause) ?? []), f.id.label])
    }
    throw new Error([...byCause].map(([cause, labels]) => cause.split('\u0000').join(labels.join(', '))).join(' | '))
  }
  for (const f of failures) ctx.missing(`all data of ${f.id.label}`, f.message)
  ctx.log(
    `AWS: ${ready.size} identit${ready.size === 1 ? 'y' : 'ies'}, ${months.length} month${months.length === 1 ? '' : 's'}, endpoint ${endpoint}`
  )

  const signers = new Map<AwsIdentity, SignatureV4>()
  for (const [id, creds] of ready) {
    signers.set(
      id,
      new SignatureV4({
        service: 'sustainability',
        region: partition.signingRegion,
        credentials: async () => (await id.getCredentials().catch(() => creds)) ?? creds,
        sha256: Sha256
      })
    )
  }
  const tasks: MonthTask[] = []
  for (const { id, month } of plan) {
    const signer = signers.get(id)
    if (!signer) continue
    const roleAccount = id.roleArn ? id.roleArn.split(':')[4] : null
    tasks.push((flow) => fetchMonth(ctx, endpoint, signer, id, roleAccount, month, flow))
  }
  return tasks
}

async function fetchMonth(
  ctx: ProviderContext,
  endpoint: string,
  signer: SignatureV4,
  id: AwsIdentity,
  roleAccount: string | null,
  month: Month,
  flow: PageFlow
): Promise<void> {
  // Records go out page by page (emit), so a month's data is never held whole.
  const seenTokens = new Set<string>()
  let token: string | undefined
  const what = `${month} of ${id.label}`
  try {
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw new Error(`more than ${MAX_PAGES} pages for one month; stopped`)
      // The response (bytes, text, parsed JSON) lives only inside fetchPage: a task waiting for its turn
      // holds its page's batch, not the page it came from.
      await flow.turn()
      const got = await fetchPage(ctx, endpoint, signer, id, roleAccount, month, token)
      // What a page holds before a bad row is kept: the month is marked incomplete, nothing is dropped.
      flow.emit(got.batch)
      if (got.error !== null) throw new Error(got.error)
      const next = got.next
      if (next === undefined || next === null || next === '') break
      if (seenTokens.has(next)) {
        throw new Error(
          `the API repeated a NextToken it had already given (page ${page}); stopped paging to avoid a loop, so this month may be incomplete`
        )
      }
      seenTokens.add(next)
      token = next
    }
  } catch (e) {
    ctx.missing(what, errorMessage(e))
  }
}

/** One page of a month: its batch (as far as its rows are good), the NextToken, and what was wrong if anything. */
async function fetchPage(
  ctx: ProviderContext,
  endpoint: string,
  signer: SignatureV4,
  id: AwsIdentity,
  roleAccount: string | null,
  month: Month,
  token: string | undefined
): Promise<AwsPage> {
  const body: Record<string, unknown> = {
    TimePeriod: { Start: monthStartIso(month), End: monthStartIso(addMonths(month, 1)) },
    GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
    EmissionsTypes: EMISSIONS_TYPES,
    Granularity: 'MONTHLY',
    MaxResults: MAX_RESULTS
  }
  if (ctx.settings.aws.accountIds.length > 0)
    body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } }
  if (token !== undefined) body.NextToken = token
  const res = await ctx.http.request({
    service: 'AWS Sustainability API',
    // AWS throttles each account apart: a role's 429 holds that role's requests, not the other organizations'.
    throttleScope: roleAccount ?? undefined,
    method: 'POST',
    url: `${endpoint}/v1/estimated-carbon-emissions`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    expectJson: true,
    decode: (bytes) =>
      ctx.decoder.decode(bytes, {
        method: ctx.settings.method,
        fallbackAccount: roleAccount,
        month,
        keepRecords: ctx.keepRecords
      }),
    sign: async ({ method, url, headers, body: b }) => {
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        query: {},
        headers: { ...headers, host: url.host },
        body: b
      })
      const h = { ...(signed.headers as Record<string, string>) }
      delete h.host
      return h
    }
  })
  if (res.status !== 200) {
    let parsed: { message?: string; Message?: string } | null = null
    try {
      parsed = JSON.parse(res.text)
    } catch {
      parsed = null
    }
    const type = awsErrorType(res.headers, parsed)
    throw new Error(
      explainAwsApiError(
        res.status,
        type,
        scrub(parsed?.message ?? parsed?.Message ?? res.text.slice(0, 200)),
        id.label
      )
    )
  }
  return res.json as AwsPage
}

/**
 * A month's page sequence: it awaits `turn()` before each request (the consumer may be behind) and hands
 * the records of each page over through `emit`.
 */
interface PageFlow {
  turn(): Promise<void>
  emit(page: RecordBatch): void
}
type MonthTask = (flow: PageFlow) => Promise<void>

/**
 * Runs up to `lookahead` month tasks at once and yields their records in task order, page by page: the
 * records of the task being consumed stream out as its pages arrive, later tasks keep their pages until
 * their turn. The output order is that of the tasks (deterministic). Memory is bounded by records, not by
 * months: the tasks nearest the head have the first claim on `budget` records (waiting, or being fetched:
 * a page counts as `pageSize`); a task further back whose records, with those ahead of it, would exceed it
 * holds its next request until the consumer catches up. When the consumer keeps up nothing waits and
 * `budget / pageSize` pages are in flight; the head and the task after it never wait, so the next month
 * is on its way while the head is consumed.
 */
async function* streamInOrder(
  plan: () => Promise<MonthTask[]>,
  lookahead: number,
  budget: number,
  pageSize: number
): AsyncGenerator<RecordBatch> {
  const tasks = await plan()
  interface Stream {
    pages: RecordBatch[]
    /** Records in `pages`. */
    waiting: number
    /** A page being fetched counts as `pageSize` records until it arrives. */
    reserved: number
    done: boolean
    failure: { error: unknown } | null
    wake: (() => void) | null
    resume: (() => void) | null
  }
  const started: Stream[] = []
  let next = 0
  /** Whether a stream may go on fetching: near the head, or within the budget with the streams ahead of it. */
  const mayFetch = (s: Stream): boolean => {
    let ahead = pageSize
    for (let i = 0; i < started.length; i++) {
      ahead += started[i].waiting + started[i].reserved
      if (started[i] === s) return i < 2 || ahead <= budget
    }
    return true
  }
  const release = (): void => {
    for (const s of started) {
      if (s.resume && mayFetch(s)) {
        const r = s.resume
        s.resume = null
        s.reserved = pageSize
        r()
      }
    }
  }
  const fill = (): void => {
    while (next < tasks.length && started.length < lookahead) {
      const s: Stream = { pages: [], waiting: 0, reserved: 0, done: false, failure: null, wake: null, resume: null }
      const notify = (): void => {
        const w = s.wake
        s.wake = null
        w?.()
      }
      const finish = (): void => {
        s.done = true
        notify()
      }
      tasks[next++]({
        emit: (page) => {
          if (page.count > 0) s.pages.push(page)
          s.waiting += page.count
          s.reserved = 0
          notify()
          release()
        },
        turn: () => {
          if (!mayFetch(s)) return new Promise<void>((resume) => (s.resume = resume))
          s.reserved = pageSize
          return Promise.resolve()
        }
      }).then(finish, (error: unknown) => {
        s.failure = { error }
        finish()
      })
      started.push(s)
    }
  }
  fill()
  while (started.length > 0) {
    const s = started[0]
    const page = s.pages.shift()
    if (page !== undefined) {
      s.waiting -= page.count
      release()
      yield page
    } else if (s.done) {
      if (s.failure) throw s.failure.error
      started.shift()
      fill()
      release()
    } else {
      await new Promise<void>((resolve) => (s.wake = resolve))
    }
  }
}
