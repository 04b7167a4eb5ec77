/**
 * Azure end to end against the sandbox over real HTTPS: GitHub OIDC -> Entra (client assertion, instance
 * discovery off) -> ARM (bearer checked) -> Microsoft.Carbon 2025-04-01 (the spec's validation, skipToken
 * paging, access decisions, the available date range), then the report files and outputs. Every figure is
 * checked against the sandbox's own truth, computed from its seed without HTTP.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { comparable, expectConsistent as expectAllAddUp, expectNoLeak, grams } from './helpers/checks.js'
import { monthIndex } from '../src/period.js'

const fastSleep = async () => {}
const azureOf = (r: ActionRun) => r.report.providers.find((p: any) => p.provider === 'azure')
const armRequests = (sb: Sandbox) => sb.kit.requests('arm')

/** Totals agree to the gram everywhere (helpers/checks.ts); Azure records add up by scope. */
function expectConsistent(r: ActionRun): void {
  expectAllAddUp(r)
  const rep = r.report
  for (const x of rep.records.filter((x: any) => x.provider === 'azure')) {
    expect([
      grams(x.scope1KgCO2e) + grams(x.scope2MarketKgCO2e) + grams(x.scope3MarketKgCO2e),
      grams(x.marketKgCO2e)
    ]).toEqual([grams(x.kgCO2e), grams(x.kgCO2e)])
    expect([x.locationKgCO2e, x.scope2LocationKgCO2e, x.scope3LocationKgCO2e]).toEqual([null, null, null])
  }
}

/** Records summed per month and per subscription, in grams. */
function sums(r: ActionRun) {
  const byMonth: Record<string, number> = {}
  const bySubscription: Record<string, number> = {}
  const scopes = { Scope1: 0, Scope2: 0, Scope3: 0 }
  for (const x of r.report.records.filter((x: any) => x.provider === 'azure')) {
    byMonth[x.month] = (byMonth[x.month] ?? 0) + grams(x.kgCO2e)
    bySubscription[x.account] = (bySubscription[x.account] ?? 0) + grams(x.kgCO2e)
    scopes.Scope1 += grams(x.scope1KgCO2e)
    scopes.Scope2 += grams(x.scope2MarketKgCO2e)
    scopes.Scope3 += grams(x.scope3MarketKgCO2e)
  }
  return { byMonth, bySubscription, scopes }
}

describe('Azure against the sandbox (default tenant: 6 subscriptions, 3-row pages)', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ azure: { pageCap: 3 } })
  })
  afterAll(async () => {
    await sb.close()
  })
  beforeEach(() => {
    sb.kit.faults.clear()
    sb.kit.log.length = 0
    sb.azure.resetCounters()
  })

  test('a 16-month period over multi-page results: every figure equals the sandbox to the gram', async () => {
    const period = { 'start-date': '2025-03', 'end-date': '2026-06' }
    const r = await runInProcess({ ...sb.inputs.azure, ...period }, sb.env(), { http: { sleep: fastSleep } })
    const t = sb.azure.truth({ start: '2025-03', end: '2026-06' })
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('ok')
    expect(t.totalGrams).toBeGreaterThan(1_000_000)
    expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
    expect(grams(azureOf(r).totalKgCO2e)).toBe(t.totalGrams)
    const s = sums(r)
    expect(s.byMonth).toEqual(t.byMonth)
    expect(s.bySubscription).toEqual(t.bySubscription)
    expect(s.scopes).toEqual(t.scopes)
    // One record per (subscription, month, resource type, location).
    expect(r.report.records).toHaveLength(t.groups)
    expectConsistent(r)
    // More than 12 months: the summaries were split (12 + 4), the detail asked month by month, scope by scope.
    expect(sb.azure.counters.reports.MonthlySummaryReport).toBe(2)
    expect(sb.azure.counters.months.size).toBe(16)
    expect(sb.azure.counters.reports.ItemDetailsReport).toBeGreaterThan(16 * 3) // 3-row pages: several per query
    // Every call answered 200: nothing the spec forbids was sent. One token, no instance discovery.
    expect(armRequests(sb).every((e) => e.status === 200)).toBe(true)
    expect(sb.entra.counters.instanceDiscovery).toBe(0)
    expect(sb.entra.counters.tokens).toBe(1)
    // Records carry the subscription's display name from the subscription list.
    const first = sb.azure.data.subscriptions[0]
    expect(r.report.records.find((x: any) => x.account === first.id).accountName).toBe(first.name)
    // No token in any file or log line (::add-mask:: is how a runner is told to hide one).
    expectNoLeak(r, sb.secrets(), [fs.readFileSync(r.outputs['report-markdown'], 'utf8')])
  })

  test('azure-subscription-ids: only those subscriptions, no subscription listing', async () => {
    const ids = sb.azure.data.subscriptions.slice(1, 3).map((s: any) => s.id)
    const r = await runInProcess(
      {
        ...sb.inputs.azure,
        'azure-subscription-ids': ids.join('\n').toUpperCase(),
        'start-date': '2026-01',
        'end-date': '2026-03'
      },
      sb.env(),
      {
        http: { sleep: fastSleep }
      }
    )
    const t = sb.azure.truth({ subscriptionIds: ids, start: '2026-01', end: '2026-03' })
    expect(r.outputs.status).toBe('ok')
    expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
    expect(Object.keys(sums(r).bySubscription).sort()).toEqual([...ids].sort())
    expect(sb.azure.counters.listPages).toBe(0)
    expectConsistent(r)
  })

  test('period clamped to the available date range, with a note', async () => {
    const { start, end } = sb.azure.available
    const before = `${Number(start.slice(0, 4)) - 1}${start.slice(4)}`
    const r = await runInProcess(
      { ...sb.inputs.azure, 'start-date': before, 'end-date': `${Number(start.slice(0, 4))}-12` },
      sb.env(),
      { http: { sleep: fastSleep } }
    )
    const t = sb.azure.truth({ start, end: `${Number(start.slice(0, 4))}-12` })
    expect(r.outputs.status).toBe('ok')
    expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
    const note = azureOf(r).notes.find((n: string) => n.includes('has data for'))
    expect(note).toContain(`${start} to ${end}`)
    expect(note).toContain(`${before} to `)
    // Only months with data were asked for.
    for (const m of sb.azure.counters.months) expect(monthIndex(m as string)).toBeGreaterThanOrEqual(monthIndex(start))
    expect(armRequests(sb).every((e) => e.status === 200)).toBe(true)
  })

  test('a period wholly outside the available range fails the provider, naming the range', async () => {
    const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2020-01', 'end-date': '2020-06' }, sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.status).toBe('failed')
    expect(grams(r.report.totalKgCO2e)).toBe(0)
    expect(azureOf(r).error).toContain(`${sb.azure.available.start} to ${sb.azure.available.end}`)
    expect(sb.azure.counters.reports.ItemDetailsReport ?? 0).toBe(0)
  })

  test('ARM 429 with Retry-After is waited out; the report is identical to an unthrottled run', async () => {
    const inputs = { ...sb.inputs.azure, 'start-date': '2026-02', 'end-date': '2026-05' }
    const clean = await runInProcess(inputs, sb.env(), { http: { sleep: fastSleep } })
    sb.kit.log.length = 0
    const waits: number[] = []
    const throttles = [
      sb.kit.faults.add('arm', { kind: 'throttle', times: 2, retryAfter: 7, match: 'carbonEmissionReports' }),
      sb.kit.faults.add('arm', { kind: 'throttle', times: 1, retryAfter: 3, match: 'subscriptions' }),
      sb.kit.faults.add('arm', {
        kind: 'throttle',
        times: 1,
        retryAfter: 5,
        match: 'queryCarbonEmissionDataAvailableDateRange'
      })
    ]
    const r = await runInProcess(inputs, sb.env(), { http: { sleep: async (ms: number) => void waits.push(ms) } })
    expect(throttles.map((f) => f.hits)).toEqual([2, 1, 1])
    expect(armRequests(sb).filter((e) => e.status === 429)).toHaveLength(4)
    // The throttled requests wait out their Retry-After (plus a jitter under 500 ms), and the other ARM requests
    // sent meanwhile wait out the same hold (the sleep here returns at once, so they all record a wait).
    expect(waits.filter((w) => w >= 7000).length).toBeGreaterThanOrEqual(2)
    expect(waits.some((w) => w >= 5000 && w < 5500)).toBe(true)
    expect(waits.some((w) => w >= 3000 && w < 3500)).toBe(true)
    expect(Math.max(...waits)).toBeLessThan(7500)
    expect(waits.length).toBeGreaterThan(4)
    expect(r.outputs.status).toBe('ok')
    expect(comparable(r)).toBe(comparable(clean))
    expect(grams(r.report.totalKgCO2e)).toBe(sb.azure.truth({ start: '2026-02', end: '2026-05' }).totalGrams)
  })

  test('empty pages in the middle of the paging are followed through: still exact', async () => {
    const f = sb.kit.faults.add('arm', { kind: 'empty-page', times: 5, after: 3 })
    const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-04', 'end-date': '2026-05' }, sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(f.hits).toBe(5)
    expect(r.outputs.status).toBe('ok')
    expect(grams(r.report.totalKgCO2e)).toBe(sb.azure.truth({ start: '2026-04', end: '2026-05' }).totalGrams)
  })

  test('a skipToken handed back twice stops that paging: partial, named, what came is kept', async () => {
    const f = sb.kit.faults.add('arm', { kind: 'repeat-token', times: 1 })
    const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-05', 'end-date': '2026-05' }, sb.env(), {
      http: { sleep: fastSleep }
    })
    const t = sb.azure.truth({ start: '2026-05', end: '2026-05' }).totalGrams
    expect(f.hits).toBe(1)
    expect(r.outputs.status).toBe('partial')
    const az = azureOf(r)
    expect(az.status).toBe('partial')
    expect(az.missing).toHaveLength(1)
    expect(az.missing[0].what).toMatch(/^2026-05 Scope[123] of /)
    expect(az.missing[0].cause).toContain('skipToken')
    const got = grams(r.report.totalKgCO2e)
    expect(got).toBeGreaterThan(0)
    expect(got).toBeLessThan(t)
    expectConsistent(r)
  })

  test('bad azure inputs fail at once, naming each input, with zero requests', async () => {
    const r = await runInProcess(
      {
        ...sb.inputs.azure,
        'azure-client-id': 'my-app',
        'azure-subscription-ids': 'prod-subscription',
        'azure-environment': 'AzureMars',
        'azure-resource-manager-endpoint': 'http://management.azure.com'
      },
      sb.env()
    )
    expect(r.exitCode).toBe(1)
    expect(r.result?.status).toBe('input-error')
    const problems = r.result?.failures.join('\n') ?? ''
    for (const name of [
      'azure-client-id',
      'azure-subscription-ids',
      'azure-environment',
      'azure-resource-manager-endpoint'
    ])
      expect(problems).toContain(`'${name}'`)
    expect(r.result?.failures).toHaveLength(4)
    expect(sb.kit.requests()).toHaveLength(0)
    expect(r.report).toBeNull()
  })

  test('a client id without its tenant id is a bad input too: zero requests', async () => {
    const r = await runInProcess({ ...sb.inputs.azure, 'azure-tenant-id': '' }, sb.env())
    expect(r.exitCode).toBe(1)
    expect(r.result?.failures.join('\n')).toContain("'azure-tenant-id'")
    expect(sb.kit.requests()).toHaveLength(0)
  })

  test('an app registration Entra does not know: the provider fails naming the client id, ARM is not called', async () => {
    const r = await runInProcess(
      {
        ...sb.inputs.azure,
        'azure-client-id': '00000000-0000-4000-8000-000000000001',
        'start-date': '2026-01',
        'end-date': '2026-01'
      },
      sb.env(),
      {
        http: { sleep: fastSleep }
      }
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs.status).toBe('failed')
    expect(grams(r.report.totalKgCO2e)).toBe(0)
    expect(azureOf(r).error).toContain('AADSTS700016')
    expect(azureOf(r).error).toContain('azure-client-id')
    expect(armRequests(sb)).toHaveLength(0)
  })

  test('a run whose OIDC subject no federated credential matches: AADSTS70021, the subject named, ARM not called', async () => {
    const saved = sb.oidc.state.subject
    sb.oidc.state.subject = 'repo:octo-org/octo-repo:pull_request'
    try {
      const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-01', 'end-date': '2026-01' }, sb.env(), {
        http: { sleep: fastSleep }
      })
      expect(r.outputs.status).toBe('failed')
      expect(grams(r.report.totalKgCO2e)).toBe(0)
      expect(azureOf(r).error).toContain('AADSTS70021')
      expect(azureOf(r).error).toContain('repo:octo-org/octo-repo:pull_request')
      expect(azureOf(r).error).toContain('federated credential')
      expect(armRequests(sb)).toHaveLength(0)
    } finally {
      sb.oidc.state.subject = saved
    }
  })

  test("without 'id-token: write' (no OIDC variables) the provider fails saying so, with no request to Entra or ARM", async () => {
    const env = sb.env({ ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined })
    const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-01', 'end-date': '2026-01' }, env, {
      http: { sleep: fastSleep }
    })
    expect(r.outputs.status).toBe('failed')
    expect(grams(r.report.totalKgCO2e)).toBe(0)
    expect(azureOf(r).error).toContain('id-token')
    // The cause itself, not a guess at the app registration (@azure/identity wraps the assertion's error).
    expect(azureOf(r).error).toMatch(
      /No GitHub OIDC token is available .*ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set/
    )
    expect(azureOf(r).error).not.toMatch(/Check azure-client-id/)
    expect(sb.kit.requests('entra')).toHaveLength(0)
    expect(armRequests(sb)).toHaveLength(0)
  })

  test('a token for another audience is refused by ARM with 401, and the error says what to check', async () => {
    // A resource manager endpoint that is not this ARM: the token is for that one, and this ARM refuses it.
    const other = sb.azure.url.replace('https://127.0.0.1', 'https://localhost')
    const r = await runInProcess(
      { ...sb.inputs.azure, 'azure-resource-manager-endpoint': other, 'start-date': '2026-01', 'end-date': '2026-01' },
      sb.env(),
      {
        http: { sleep: fastSleep }
      }
    )
    expect(r.outputs.status).toBe('failed')
    expect(grams(r.report.totalKgCO2e)).toBe(0)
    expect(armRequests(sb).filter((e) => e.status === 401)).toHaveLength(1)
    expect(azureOf(r).error).toContain('InvalidAuthenticationTokenAudience')
    expect(azureOf(r).error).toContain('azure-resource-manager-endpoint')
  })
})

describe('Azure: many subscriptions, denied access, reconciliation', () => {
  test('130 subscriptions: listed over 3 pages, reported in batches of at most 100, exact', async () => {
    const sb = await startSandbox({ azure: { subscriptions: 130, resourcesPerSubscription: 2, listPageSize: 50 } })
    try {
      const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-07', 'end-date': '2026-08' }, sb.env(), {
        http: { sleep: fastSleep }
      })
      const t = sb.azure.truth({ start: '2026-07', end: '2026-08' })
      expect(r.outputs.status).toBe('ok')
      expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
      expect(Object.keys(t.bySubscription).length).toBeGreaterThan(120)
      expect(Object.keys(sums(r).bySubscription)).toHaveLength(Object.keys(t.bySubscription).length)
      expect(sums(r).bySubscription).toEqual(t.bySubscription)
      expect(sb.azure.counters.listPages).toBe(3)
      expect(sb.azure.counters.largestList).toBe(100)
      // 2 batches x 2 months x 3 scopes, one page each (pageSize 5000); one summary per batch.
      expect(sb.azure.counters.reports).toEqual({ ItemDetailsReport: 12, MonthlySummaryReport: 2 })
      expectConsistent(r)
    } finally {
      await sb.close()
    }
  })

  test('subscriptions the identity may not read: partial, listed in the notes; the rest exact', async () => {
    const sb = await startSandbox({ azure: { subscriptions: 5, denied: [1, 3], pageCap: 4 } })
    try {
      const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-01', 'end-date': '2026-04' }, sb.env(), {
        http: { sleep: fastSleep }
      })
      const denied: string[] = sb.azure.deniedIds()
      expect(denied).toHaveLength(2)
      const t = sb.azure.truth({ start: '2026-01', end: '2026-04' })
      expect(r.exitCode).toBe(1) // fail-on-error: a partial provider fails the step, after the report is written
      expect(r.outputs.status).toBe('partial')
      const az = azureOf(r)
      expect(az.status).toBe('partial')
      expect(grams(az.totalKgCO2e)).toBe(t.totalGrams)
      expect(Object.keys(sums(r).bySubscription).sort()).toEqual(
        sb.azure.data.subscriptions
          .filter((s: any) => !s.denied)
          .map((s: any) => s.id)
          .sort()
      )
      const note = az.notes.find((n: string) => n.includes('could not be read'))
      expect(note).toMatch(/^2 subscriptions could not be read/)
      for (const id of denied) expect(note).toContain(id)
      expect(az.missing.map((m: any) => m.what).sort()).toEqual(denied.map((id) => `subscription ${id}`).sort())
      expect(az.missing[0].cause).toContain('Carbon Optimization Reader permission required')
      expect(az.warnings ?? []).toHaveLength(0)
      expectConsistent(r)
    } finally {
      await sb.close()
    }
  })

  test('only unreadable subscriptions: ARM answers 403 and the provider fails, naming them and the role', async () => {
    const sb = await startSandbox({ azure: { subscriptions: 3, denied: [0] } })
    try {
      const id = sb.azure.deniedIds()[0]
      const r = await runInProcess(
        { ...sb.inputs.azure, 'azure-subscription-ids': id, 'start-date': '2026-01', 'end-date': '2026-02' },
        sb.env(),
        { http: { sleep: fastSleep } }
      )
      expect(r.outputs.status).toBe('failed')
      expect(grams(r.report.totalKgCO2e)).toBe(0)
      const az = azureOf(r)
      expect(az.missing).toHaveLength(1)
      expect(az.error).toContain(id)
      expect(az.error).toContain('AuthorizationFailed')
      expect(az.error).toContain('Carbon Optimization Reader')
      expect(sb.kit.requests('arm').filter((e: any) => e.status === 403).length).toBe(7) // 2 months x 3 scopes + 1 summary
    } finally {
      await sb.close()
    }
  })

  test('mismatch mode: the detail is reported as is and the gap is a warning naming the month and the grams', async () => {
    const sb = await startSandbox({ azure: { mismatch: { month: '2026-03', grams: 4321 } } })
    try {
      const r = await runInProcess({ ...sb.inputs.azure, 'start-date': '2026-01', 'end-date': '2026-04' }, sb.env(), {
        http: { sleep: fastSleep }
      })
      const t = sb.azure.truth({ start: '2026-01', end: '2026-04' })
      expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
      const summary = fs.readFileSync(r.outputs['report-markdown'], 'utf8')
      const flagged = summary.split('\n').filter((l: string) => l.includes('resource detail sums to'))
      expect(flagged).toHaveLength(1)
      expect(flagged[0]).toContain('2026-03')
      expect(flagged[0]).toContain('gap 4.321 kg')
      expect(r.stdout).toMatch(
        /::warning::Azure: 2026-03: resource detail sums to [\d,.]+ kg but the monthly summary says [\d,.]+ kg \(gap 4\.321 kg\)/
      )
    } finally {
      await sb.close()
    }
  })
})

describe('AWS and Azure together', () => {
  test('both providers side by side: the total is the sum of both truths, to the gram', async () => {
    const sb = await startSandbox({ azure: { pageCap: 10 } })
    try {
      const period = { 'start-date': '2025-11', 'end-date': '2026-08' }
      const r = await runInProcess(
        { ...sb.inputs.aws, ...sb.inputs.azure, providers: 'aws, azure', ...period },
        sb.env(),
        { http: { sleep: fastSleep } }
      )
      const aws = sb.aws.truth({ roles: sb.aws.roles, start: '2025-11', end: '2026-08' }).market
      const azure = sb.azure.truthGrams({ start: '2025-11', end: '2026-08', inputs: sb.inputs.azure })
      expect(r.exitCode).toBe(0)
      expect(r.outputs.status).toBe('ok')
      expect(r.report.providers.map((p: any) => [p.provider, p.status, grams(p.totalKgCO2e)])).toEqual([
        ['aws', 'ok', aws],
        ['azure', 'ok', azure]
      ])
      expect(grams(r.report.totalKgCO2e)).toBe(aws + azure)
      for (const m of r.report.months)
        expect(grams(m.totalKgCO2e)).toBe(grams(m.byProvider.aws ?? 0) + grams(m.byProvider.azure ?? 0))
      expectConsistent(r)
    } finally {
      await sb.close()
    }
  })
})

describe('Azure with environment credentials (no azure-client-id)', () => {
  test('none in the environment: the provider fails saying how to sign in, nothing is asked of Entra or ARM', async () => {
    const sb = await startSandbox()
    try {
      const inputs = {
        ...sb.inputs.azure,
        'azure-client-id': '',
        'azure-tenant-id': '',
        'start-date': '2026-01',
        'end-date': '2026-01'
      }
      const r = await runInProcess(inputs, sb.env({ PATH: '/usr/bin:/bin' }), { http: { sleep: fastSleep } })
      expect(r.outputs.status).toBe('failed')
      expect(grams(r.report.totalKgCO2e)).toBe(0)
      expect(azureOf(r).error).toContain('azure-client-id is empty')
      expect(azureOf(r).error).toContain('azure/login')
      expect(sb.kit.requests('entra')).toHaveLength(0)
      expect(sb.kit.requests('arm')).toHaveLength(0)
    } finally {
      await sb.close()
    }
  })

  test('a federated token file (AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_FEDERATED_TOKEN_FILE) signs in; exact', async () => {
    const sb = await startSandbox()
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-azure-wi-'))
    try {
      // What azure/login or a workload identity leaves behind: a GitHub OIDC token in a file.
      const env = sb.env()
      const res = await fetch(
        `${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent('api://AzureADTokenExchange')}`,
        {
          headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` }
        }
      )
      const file = path.join(dir, 'token')
      fs.writeFileSync(file, ((await res.json()) as { value: string }).value)
      const inputs = {
        ...sb.inputs.azure,
        'azure-client-id': '',
        'azure-tenant-id': '',
        'start-date': '2026-02',
        'end-date': '2026-03'
      }
      const r = await runInProcess(
        inputs,
        {
          ...env,
          AZURE_CLIENT_ID: sb.entraInputs['azure-client-id'],
          AZURE_TENANT_ID: sb.entraInputs['azure-tenant-id'],
          AZURE_FEDERATED_TOKEN_FILE: file
        },
        {
          http: { sleep: fastSleep }
        }
      )
      expect(azureOf(r).error).toBeNull()
      expect(r.outputs.status).toBe('ok')
      expect(grams(r.report.totalKgCO2e)).toBe(sb.azure.truth({ start: '2026-02', end: '2026-03' }).totalGrams)
      expect(sb.entra.counters.tokens).toBe(1)
      expect(sb.entra.counters.instanceDiscovery).toBe(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      await sb.close()
    }
  })
})
