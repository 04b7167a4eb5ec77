/**
 * The gcp building blocks together against the sandbox over HTTPS, with the project's HttpClient: settings from
 * inputs and environment -> sign-in (GitHub OIDC -> STS -> IAM Credentials, or a GOOGLE_APPLICATION_CREDENTIALS
 * file) -> the query and its pages -> records, equal to the sandbox's truth() to the gram.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { HttpClient } from '../src/http.js'
import { getIdToken } from '../src/auth/github-oidc.js'
import { parseGcpSettings, type GcpSettings } from '../src/providers/gcp/settings.js'
import { signIn, GcpAuthError } from '../src/providers/gcp/auth.js'
import { readQuery, BigQueryError } from '../src/providers/gcp/bigquery.js'
import { PagingStopped } from '../src/providers/kit/paging.js'
import { GcpRecordFolder } from '../src/providers/gcp/records.js'

const NOW = Date.parse('2026-03-15T08:00:00Z')
const PERIOD = { start: '2022-01', end: '2026-02' }
let sb: Sandbox
let http: HttpClient

beforeAll(async () => {
  sb = await startSandbox({ now: () => NOW })
})
afterAll(async () => {
  await sb?.close()
})
beforeEach(() => {
  sb.kit.faults.clear()
  sb.kit.log.length = 0
  sb.gcp.state.pendingAnswers = 1
  sb.gcp.state.pageRows = 10_000
  http = new HttpClient({ concurrency: 4, sleep: async () => {}, maxAttempts: 4 })
})
afterEach(() => http.close())

function settingsOf(inputs: Record<string, string>, env: Record<string, string | undefined>): GcpSettings {
  const problems: string[] = []
  const s = parseGcpSettings({
    input: (name) => (inputs[name] ?? '').trim(),
    bad: (name, value, why, fix) => problems.push(`${name} ${value} ${why} ${fix}`),
    problem: (text) => problems.push(text),
    env,
    selected: true
  })
  expect(problems).toEqual([])
  return s
}

async function report(inputs: Record<string, string> = {}, extraEnv: Record<string, string | undefined> = {}) {
  const env = { ...sb.env(), ...extraEnv }
  const settings = settingsOf({ ...sb.gcp.inputs, ...inputs }, env)
  const registered: string[] = []
  const token = await signIn(settings, {
    http,
    env,
    idToken: (audience) => getIdToken(http, env, audience, 'Google Cloud'),
    registerSecret: (v) => registered.push(v),
    now: () => NOW // the sandbox's clock (it checks the key's JWT times against it)
  })
  const folder = new GcpRecordFolder(PERIOD)
  const method = (inputs.method ?? 'market') as 'market' | 'location'
  let pages = 0
  await readQuery(
    {
      http,
      settings,
      accessToken: token.accessToken,
      identity: token.identity,
      period: PERIOD,
      maxResults: inputs.maxResults ? Number(inputs.maxResults) : undefined
    },
    (page) => {
      pages++
      folder.add(page.fields, page.rows)
    }
  )
  return { ...folder.records(method), token, registered, pages, settings }
}

const sortRecords = <T>(list: T[]): T[] =>
  [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0))
const truth = (q: { billingAccountIds?: string[]; method?: 'market' | 'location' } = {}) =>
  sb.gcp.truth({ ...PERIOD, ...q })

test('workload identity federation with impersonation: every record equals truth() to the gram', async () => {
  const r = await report()
  const want = truth()
  expect(r.records.length).toBe(want.records.length)
  expect(sortRecords(r.records)).toEqual(sortRecords(want.records))
  expect(r.records.reduce((a, x) => a + x.grams, 0)).toBe(want.totalGrams)
  expect(r.token.identity).toBe(`service account ${sb.gcp.serviceAccount}`)
  // 2022 has no market-based figures: those headlines are location-based, and counted.
  expect(r.fellBack).toBe(want.records.filter((x) => x.marketGrams === null).length)
  expect(r.fellBack).toBeGreaterThan(0)
  expect(r.exportRows).toBe(sb.gcp.data.rows.filter((x: any) => x.usage_month >= '2022-01').length)
  // Every token the chain received was registered as a secret the moment it came.
  // (This test runs first: the sandbox's token store holds this run's tokens only.)
  expect(sb.gcp.tokens.all().filter((t: string) => !r.registered.includes(t))).toEqual([])
})

test('the federated identity itself, location-based, for some billing accounts', async () => {
  const ids = ['0F1E2D-3C4B5A-697887']
  const r = await report({ 'gcp-service-account': '', method: 'location', 'gcp-billing-account-ids': ids.join('\n') })
  expect(r.token.identity).toMatch(/federated identity/)
  expect(sortRecords(r.records)).toEqual(sortRecords(truth({ billingAccountIds: ids, method: 'location' }).records))
  expect(sb.kit.requests('iamcredentials')).toEqual([])
  expect(r.records.reduce((a, x) => a + x.grams, 0)).toBe(
    sb.gcp.truthGrams({ ...PERIOD, method: 'location', inputs: { 'gcp-billing-account-ids': ids.join('\n') } })
  )
})

test('GOOGLE_APPLICATION_CREDENTIALS: external_account (impersonating, and direct) and a service account key', async () => {
  const want = sortRecords(truth().records)
  for (const file of [
    sb.gcp.credentialFiles.externalAccount,
    sb.gcp.credentialFiles.externalAccountDirect,
    sb.gcp.credentialFiles.serviceAccountKey
  ]) {
    const r = await report(
      { 'gcp-workload-identity-provider': '', 'gcp-service-account': '' },
      { GOOGLE_APPLICATION_CREDENTIALS: file }
    )
    expect(sortRecords(r.records)).toEqual(want)
    // The runner's OIDC request token (in the external_account file) and the key are registered too.
    if (file !== sb.gcp.credentialFiles.serviceAccountKey)
      expect(r.registered).toContain(sb.env().ACTIONS_ID_TOKEN_REQUEST_TOKEN)
    else expect(r.registered.some((s) => s.includes('PRIVATE KEY'))).toBe(true)
  }
})

test('throttling and backend errors are retried (403 rateLimitExceeded included); pages and polls are followed', async () => {
  sb.gcp.state.pendingAnswers = 2
  sb.kit.faults.add('bigquery', { kind: 'error', status: 403, code: 'rateLimitExceeded', times: 2 })
  sb.kit.faults.add('bigquery', { kind: 'throttle', retryAfter: 0, after: 3 })
  sb.kit.faults.add('bigquery', { kind: 'error', status: 503, after: 5 })
  const r = await report({ maxResults: '40' })
  expect(sortRecords(r.records)).toEqual(sortRecords(truth().records))
  expect(r.pages).toBe(Math.ceil(truth().records.length / 40))
  const faults = sb.kit.requests('bigquery').filter((e) => e.fault)
  expect(faults.map((e) => e.status).sort()).toEqual([403, 403, 429, 503])
})

test('an answer that never comes is given up after the attempt timeout and asked again', async () => {
  http.close()
  http = new HttpClient({ concurrency: 4, sleep: async () => {}, maxAttempts: 3, attemptTimeoutMs: 500 })
  sb.kit.faults.add('bigquery', { kind: 'hang', match: '/queries/' }) // the first getQueryResults
  const r = await report()
  expect(sortRecords(r.records)).toEqual(sortRecords(truth().records))
  expect(sb.kit.requests('bigquery').filter((e) => e.status === -2)).toHaveLength(1)
})

test('a repeated page token stops the reading with what came before kept', async () => {
  sb.gcp.state.pendingAnswers = 0
  sb.kit.faults.add('bigquery', { kind: 'repeat-token', after: 1 })
  const env = sb.env()
  const settings = settingsOf(sb.gcp.inputs, env)
  const token = await signIn(settings, {
    http,
    env,
    idToken: (a) => getIdToken(http, env, a, 'Google Cloud'),
    registerSecret: () => undefined
  })
  const folder = new GcpRecordFolder()
  let pages = 0
  await expect(
    readQuery({ http, settings, ...token, identity: token.identity, period: PERIOD, maxResults: 50 }, (page) => {
      pages++
      folder.add(page.fields, page.rows)
    })
  ).rejects.toThrow(PagingStopped)
  expect(pages).toBe(3)
  expect(folder.records('market').records.length).toBe(150)
})

test('refusals say what to change', async () => {
  await expect(report({ 'gcp-table': `${sb.gcp.queryProject}.carbon_export.nope` })).rejects.toThrow(
    /table carbon-reports-prj\.carbon_export\.nope does not exist in location US: create the Carbon Footprint export/
  )
  await expect(report({ 'gcp-location': 'EU' })).rejects.toThrow(/set gcp-location to the dataset's location/)
  await expect(report({ 'gcp-service-account': sb.gcp.noDataAccount })).rejects.toThrow(
    new RegExp(`Grant service account ${sb.gcp.noDataAccount} roles/bigquery\\.dataViewer`)
  )
  await expect(report({ 'gcp-project-id': 'other-prj' })).rejects.toThrow(
    /roles\/bigquery\.jobUser on project other-prj/
  )
  await expect(report({ 'gcp-service-account': sb.gcp.notAllowedAccount })).rejects.toThrow(
    /roles\/iam\.workloadIdentityUser on not-allowed@/
  )
  await expect(
    report(
      { 'gcp-workload-identity-provider': '', 'gcp-service-account': sb.gcp.notAllowedAccount },
      { GOOGLE_APPLICATION_CREDENTIALS: sb.gcp.credentialFiles.serviceAccountKey }
    )
  ).rejects.toThrow(/roles\/iam\.serviceAccountTokenCreator on not-allowed@.* to serviceAccount:carbon-reader@/)
  await expect(report({ 'gcp-workload-identity-provider': sb.gcp.otherProvider })).rejects.toThrow(GcpAuthError)
  await expect(report({ 'gcp-workload-identity-provider': sb.gcp.otherProvider })).rejects.toThrow(
    /attribute condition of .*other-repo rejects this workflow/
  )
  await expect(report({ 'gcp-audience': 'sts.amazonaws.com' })).rejects.toThrow(/leave gcp-audience empty/)
  sb.kit.faults.add('bigquery', { kind: 'error', status: 403, code: 'quotaExceeded' })
  await expect(report()).rejects.toThrow(BigQueryError)
})
