/**
 * AWS end to end against the sandbox over real HTTPS: GitHub OIDC -> STS AssumeRoleWithWebIdentity -> the
 * Sustainability API (SigV4 verified by the sandbox), then the report files, outputs, artifact and verdict.
 * Every figure is checked against the sandbox's own truth, computed from its seed without HTTP.
 */
import * as fs from 'node:fs'
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { useSandbox } from './helpers/sandbox.js'
import { comparable, expectConsistent, expectNoLeak, expectNoLeakInArtifacts, grams } from './helpers/checks.js'
import { runInProcess, runBundle, type ActionRun } from './helpers/action.js'

const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-12' }
const fastSleep = async () => {}

const sb = useSandbox()

function truth(roles: string[], extra: Record<string, unknown> = {}) {
  return sb.aws.truth({ roles, start: PERIOD['start-date'], end: PERIOD['end-date'], ...extra })
}

test('two roles: every record of both organizations, totals equal the sandbox to the gram', async () => {
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, sb.env(), { http: { sleep: fastSleep } })
  const t = truth(sb.aws.roles)
  expect(r.exitCode).toBe(0)
  expect(r.outputs.status).toBe('ok')
  expect(r.report.records).toHaveLength(t.records)
  expect(grams(r.report.totalKgCO2e)).toBe(t.market)
  expect(r.report.records.reduce((a: number, x: any) => a + grams(x.locationKgCO2e), 0)).toBe(t.location)
  for (const m of r.report.months) expect(grams(m.totalKgCO2e)).toBe(t.byMonth[m.month]?.market ?? 0)
  expectConsistent(r)
  // Breakdown fields are all present for AWS and sum to the totals.
  for (const x of r.report.records.slice(0, 50)) {
    expect(grams(x.scope1KgCO2e) + grams(x.scope2MarketKgCO2e) + grams(x.scope3MarketKgCO2e)).toBe(
      grams(x.marketKgCO2e)
    )
    expect(x.modelVersion).toBe('v3.0.0')
  }
  // The artifact went up with the three files.
  const art = sb.artifact.artifacts.filter((a: any) => a.finalized && a.name === 'cloud-carbon-report')
  expect(art.length).toBeGreaterThan(0)
  expect(r.outputs['artifact-id']).toBe(String(art[art.length - 1].id))
  expect(r.summary).toContain('```mermaid')
  expect(fs.readFileSync(r.outputs['report-markdown'], 'utf8')).toBe(r.summary)
  // One STS exchange per role, every API call signed and accepted.
  expect(sb.kit.requests('sts').filter((e) => e.status === 200)).toHaveLength(2)
  expect(sb.kit.requests('sustainability').every((e) => e.status === 200)).toBe(true)
})

test('method location: the headline is the location-based figure', async () => {
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, method: 'location' }, sb.env(), {
    http: { sleep: fastSleep }
  })
  expect(grams(r.report.totalKgCO2e)).toBe(truth(sb.aws.roles).location)
  expect(r.report.method).toBe('location')
})

test('no role: the credentials already in the environment are used', async () => {
  const r = await runInProcess({ providers: 'aws', ...PERIOD }, sb.env(sb.aws.envCredentials), {
    http: { sleep: fastSleep }
  })
  const t = sb.aws.truth({ env: true, start: '2025-01', end: '2025-12' })
  expect(r.exitCode).toBe(0)
  expect(grams(r.report.totalKgCO2e)).toBe(t.market)
  expect(sb.kit.requests('sts')).toHaveLength(0)
  expect(sb.kit.requests('oidc')).toHaveLength(0)
})

test('aws-account-ids filters server-side', async () => {
  const org = sb.aws.data.orgs.get('org-a')
  const keep = org.accountIds.slice(1, 3)
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'aws-account-ids': keep.join(', ') }, sb.env(), {
    http: { sleep: fastSleep }
  })
  expect(new Set(r.report.records.map((x: any) => x.account))).toEqual(new Set(keep))
  expect(grams(r.report.totalKgCO2e)).toBe(truth(sb.aws.roles, { accountIds: keep }).market)
  expect(r.report.providers[0].warnings).toEqual([])
})

test('aws-account-ids: an account with no data in the period (a typo) is named in a warning, checked with DimensionValues', async () => {
  const org = sb.aws.data.orgs.get('org-a')
  const typo = '000011112222'
  const r = await runInProcess(
    { ...sb.inputs.aws, ...PERIOD, 'aws-account-ids': `${org.accountIds[1]}, ${typo}` },
    sb.env(),
    { http: { sleep: fastSleep } }
  )
  expect(r.exitCode).toBe(0)
  const aws = r.report.providers[0]
  expect(aws.warnings).toHaveLength(1)
  expect(aws.warnings[0]).toMatch(/^aws-account-ids: 000011112222 has no emissions data for 2025-01 to 2025-12 .*typo/)
  expect(r.stdout).toMatch(/::warning::AWS: aws-account-ids: 000011112222/)
  expect(
    sb.kit.requests('sustainability').some((e: any) => e.path === '/v1/estimated-carbon-emissions-dimension-values')
  ).toBe(true)
})

describe('transient faults are retried and the report is identical to a clean run', () => {
  let clean: ActionRun
  beforeAll(async () => {
    clean = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, sb.env(), { http: { sleep: fastSleep } })
  })
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['429 x3 with Retry-After seconds', 'sustainability', { kind: 'throttle', times: 3, retryAfter: 1 }],
    ['429 x2 with Retry-After as an HTTP-date', 'sustainability', { kind: 'throttle', times: 2, retryAfterDate: 2 }],
    ['500', 'sustainability', { kind: 'error', status: 500, times: 2 }],
    ['502', 'sustainability', { kind: 'error', status: 502, times: 1 }],
    ['503', 'sustainability', { kind: 'error', status: 503, times: 2 }],
    ['connection reset', 'sustainability', { kind: 'reset', times: 2 }],
    ['malformed JSON', 'sustainability', { kind: 'bad-json', times: 2 }],
    ['truncated body', 'sustainability', { kind: 'truncated', times: 2 }],
    ['an empty page with a next token', 'sustainability', { kind: 'empty-page', times: 2 }],
    ['STS throttled', 'sts', { kind: 'throttle', times: 2, status: 400, code: 'Throttling', retryAfter: 0 }],
    ['STS 503', 'sts', { kind: 'error', status: 503, times: 2 }],
    ['OIDC token endpoint 503', 'oidc', { kind: 'error', status: 503, times: 2 }],
    ['OIDC reset', 'oidc', { kind: 'reset', times: 1 }],
    ['artifact service 503', 'artifact', { kind: 'error', status: 503, times: 1 }]
  ]
  test.each(cases)('%s', async (_name, service, spec) => {
    const waits: number[] = []
    const fault = sb.kit.faults.add(service, spec)
    const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, sb.env(), {
      http: { sleep: async (ms: number) => void waits.push(ms) }
    })
    expect(fault.hits).toBeGreaterThan(0)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('ok')
    expect(comparable(r)).toBe(comparable(clean))
    if (spec.retryAfter === 1) expect(waits.filter((w) => w >= 1000).length).toBeGreaterThanOrEqual(3)
    if (spec.retryAfterDate) expect(Math.max(...waits)).toBeGreaterThanOrEqual(1000)
  })
})

describe('permanent faults fail that part only, with a message naming it; the reports are still written', () => {
  test('a role without the Sustainability permission: partial, every other organization exact', async () => {
    const roles = [...sb.aws.roles, sb.aws.deniedRole]
    const r = await runInProcess({ ...sb.inputs.aws, 'aws-role-to-assume': roles.join('\n'), ...PERIOD }, sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.status).toBe('partial')
    const p = r.report.providers[0]
    expect(p.status).toBe('partial')
    expect(JSON.stringify(p)).toContain('777788889999')
    expect(JSON.stringify(p)).toMatch(/sustainability:GetEstimatedCarbonEmissions/)
    expect(grams(r.report.totalKgCO2e)).toBe(truth(sb.aws.roles).market)
    expectConsistent(r)
    expect(r.stdout).toMatch(/::error::.*aws/i)
  })

  test('fail-on-error: false turns the failure into a warning', async () => {
    const r = await runInProcess(
      { ...sb.inputs.aws, 'aws-role-to-assume': sb.aws.deniedRole, ...PERIOD, 'fail-on-error': 'false' },
      sb.env(),
      { http: { sleep: fastSleep } }
    )
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('failed')
    expect(r.report.providers[0].status).toBe('failed')
    expect(r.report.providers[0].error).toMatch(/777788889999|not authorized/)
    expect(r.report.records).toHaveLength(0)
    expect(r.stdout).toMatch(/::warning::/)
  })

  test('a role whose trust policy does not name this repository: STS AccessDenied explained', async () => {
    const r = await runInProcess(
      { ...sb.inputs.aws, 'aws-role-to-assume': sb.aws.untrustedRole, ...PERIOD },
      sb.env(),
      { http: { sleep: fastSleep } }
    )
    expect(r.exitCode).toBe(1)
    expect(r.report.providers[0].status).toBe('failed')
    expect(r.report.providers[0].error).toMatch(/AssumeRoleWithWebIdentity/)
    expect(r.report.providers[0].error).toMatch(/trust policy/i)
  })

  test('a permanent 403 from the API: failed, no retries beyond the first answer', async () => {
    sb.kit.faults.add('sustainability', {
      kind: 'status',
      status: 403,
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform: sustainability:GetEstimatedCarbonEmissions'
    })
    const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, sb.env(), { http: { sleep: fastSleep } })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.status).toBe('failed')
    expect(r.report.providers[0].error).toMatch(/not authorized/)
    expect(fs.existsSync(r.outputs['report-csv'])).toBe(true)
    // 12 months x 2 roles, each refused once.
    expect(sb.kit.requests('sustainability').length).toBe(24)
  })

  test('OIDC unavailable (no id-token permission): a clear error saying what to add', async () => {
    const env = sb.env({ ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined })
    const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, env, { http: { sleep: fastSleep } })
    expect(r.exitCode).toBe(1)
    expect(r.report.providers[0].error).toMatch(/id-token: write/)
    // One cause for both roles: said once.
    expect(r.report.providers[0].error.split('id-token: write')).toHaveLength(2)
    expect(r.report.providers[0].missing).toEqual([])
  })
})

test('a dead endpoint (hang) ends at timeout-minutes with a clear error and the reports written', async () => {
  sb.kit.faults.add('sustainability', { kind: 'hang', times: Infinity })
  const started = Date.now()
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'timeout-minutes': '0.05' }, sb.env(), {
    http: { sleep: fastSleep }
  })
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(r.exitCode).toBe(1)
  expect(r.outputs.status).toBe('failed')
  expect(r.stdout).toMatch(/timeout-minutes/)
  expect(r.report).not.toBeNull()
  expect(r.report.providers[0].error).toMatch(/timeout-minutes/)
})

test('past timeout-minutes, what was fetched stays in the report and each part not fetched is named', async () => {
  // Every query of 2025-03 hangs: the first role's March blocks the head of the ordered stream while the
  // months after it are fetched and wait their turn; at the budget they must still reach the report.
  sb.kit.faults.add('sustainability', {
    kind: 'hang',
    times: Infinity,
    match: (req: any) => req.text().includes('"Start":"2025-03-01')
  })
  const started = Date.now()
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'timeout-minutes': '0.05' }, sb.env(), {
    http: { sleep: fastSleep }
  })
  expect(Date.now() - started).toBeLessThan(20_000)
  expect(r.exitCode).toBe(1)
  const p = r.report.providers[0]
  expect(p.status).toBe('partial')
  expect(p.error).toMatch(/timeout-minutes/)
  const missing = new Set<string>(p.missing.map((m: any) => m.what))
  const [first, second] = sb.aws.roles
  expect(missing).toContain(`2025-03 of ${first}`)
  expect(missing).toContain(`2025-03 of ${second}`)
  // Fetched before the budget ran out, behind the stuck month: in the report, not dropped.
  expect(missing).not.toContain(`2025-04 of ${first}`)
  // Every (role, month) not named as missing is in the report in full, to the gram; the rest is not.
  const months = r.report.months.map((m: any) => m.month)
  let expected = 0
  for (const role of sb.aws.roles) {
    for (const month of months) {
      if (!missing.has(`${month} of ${role}`))
        expected += sb.aws.truth({ roles: [role], start: month, end: month }).market
    }
  }
  expect(grams(r.report.totalKgCO2e)).toBe(expected)
  expect(grams(r.report.months.find((m: any) => m.month === '2025-04').totalKgCO2e)).toBeGreaterThan(0)
  expectConsistent(r)
})

test('a bad input fails at once, names the input and makes no request', async () => {
  const r = await runInProcess({ ...sb.inputs.aws, 'start-date': '2025-13' }, sb.env())
  expect(r.exitCode).toBe(1)
  expect(r.stdout).toMatch(/::error::.*Input 'start-date'/)
  expect(sb.kit.log).toHaveLength(0)
  expect(r.report).toBeNull()
  // Later steps can still branch on the outcome.
  expect(r.outputs).toEqual({ status: 'failed', 'threshold-breached': 'false', 'artifact-id': '', 'comment-url': '' })
})

test('an output-dir that cannot be written is a bad input: named, with the fix, and nothing fetched', async () => {
  const file = `${fs.mkdtempSync('/tmp/ccr-outdir-')}/a-file`
  fs.writeFileSync(file, 'x')
  const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'output-dir': `${file}/reports` }, sb.env())
  expect(r.exitCode).toBe(1)
  expect(r.stdout).toMatch(
    /::error::Input 'output-dir': ".*a-file\/reports" cannot hold the reports \(a part of the path is a file\)\. Give a writable directory/
  )
  expect(sb.kit.log).toHaveLength(0)
  expect(r.outputs.status).toBe('failed')
})

test('a runner without the artifact service (GitHub Enterprise Server) warns and goes on; off a runner it only logs', async () => {
  const ghes = await runInProcess(
    { ...sb.inputs.aws, ...PERIOD },
    sb.env({ ACTIONS_RESULTS_URL: undefined, GITHUB_ACTIONS: 'true' }),
    { http: { sleep: fastSleep } }
  )
  expect(ghes.exitCode).toBe(0)
  expect(ghes.outputs['artifact-id']).toBe('')
  expect(ghes.stdout).toMatch(
    /::warning::Artifact not uploaded: this runner has no artifact service \(ACTIONS_RESULTS_URL is not set; GitHub Enterprise Server/
  )
  const local = await runInProcess(
    { ...sb.inputs.aws, ...PERIOD },
    sb.env({ ACTIONS_RESULTS_URL: undefined, GITHUB_ACTIONS: undefined }),
    { http: { sleep: fastSleep } }
  )
  expect(local.exitCode).toBe(0)
  expect(local.stdout).toMatch(/^Artifact not uploaded: .*not running on a GitHub Actions runner/m)
  expect(local.stdout).not.toMatch(/::warning::Artifact/)
})

describe('thresholds', () => {
  test('a breached max-monthly fails the step after the reports are written', async () => {
    const t = truth(sb.aws.roles)
    const worst = Math.max(...Object.values(t.byMonth).map((m: any) => m.market))
    const limit = Math.floor(worst / 1e6) // tonnes, below the worst month
    const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'max-monthly': String(limit) }, sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(r.exitCode).toBe(1)
    expect(r.outputs['threshold-breached']).toBe('true')
    const th = r.report.thresholds.find((x: any) => x.name === 'max-monthly')
    expect(th.breached).toBe(true)
    expect(th.actualTCO2e).toBe(Number((worst / 1e6).toFixed(3)))
    expect(r.stdout).toMatch(/::error::.*max-monthly/)
    expect(fs.existsSync(r.outputs['report-json'])).toBe(true)
  })

  test('fail-on-threshold: false warns instead', async () => {
    const r = await runInProcess(
      { ...sb.inputs.aws, ...PERIOD, 'max-total': '1', 'fail-on-threshold': 'false' },
      sb.env(),
      { http: { sleep: fastSleep } }
    )
    expect(r.exitCode).toBe(0)
    expect(r.outputs['threshold-breached']).toBe('true')
    expect(r.stdout).toMatch(/::warning::.*max-total/)
  })

  test('a limit at exactly the total passes (not breached)', async () => {
    const t = truth(sb.aws.roles)
    const r = await runInProcess({ ...sb.inputs.aws, ...PERIOD, 'max-total': (t.market / 1e6).toFixed(6) }, sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(r.outputs['threshold-breached']).toBe('false')
    expect(r.exitCode).toBe(0)
  })
})

test('a bundle of the current source, run as a runner would, equals the sandbox to the gram and leaks no secret', async () => {
  const r = await runBundle({ ...sb.inputs.aws, ...PERIOD }, sb.env(), { timeoutMs: 60_000 })
  expect(r.exitCode).toBe(0)
  expect(grams(r.report.totalKgCO2e)).toBe(truth(sb.aws.roles).market)
  expectConsistent(r)
  const secrets = sb.secrets()
  expect(secrets.length).toBeGreaterThan(4)
  expectNoLeak(r, secrets)
  expectNoLeakInArtifacts(sb.artifact.artifacts, secrets)
})

describe('paging: a server that returns small pages (7 rows)', () => {
  let small: Sandbox
  beforeAll(async () => {
    small = await startSandbox({ aws: { pageCap: 7 } })
  })
  afterAll(async () => {
    await small.close()
  })
  beforeEach(() => small.kit.faults.clear())

  test('gives the same report as 5000-row pages, to the byte', async () => {
    const a = await runInProcess({ ...sb.inputs.aws, ...PERIOD }, sb.env(), { http: { sleep: fastSleep } })
    const b = await runInProcess({ ...small.inputs.aws, ...PERIOD }, small.env(), { http: { sleep: fastSleep } })
    expect(small.kit.requests('sustainability').length).toBeGreaterThan(24 * 3)
    expect(comparable(b)).toBe(comparable(a))
  })

  test('a NextToken that repeats: that month is reported missing, never looped on; the rest is exact', async () => {
    small.kit.faults.add('sustainability', { kind: 'repeat-token', times: 1, after: 2 })
    const r = await runInProcess(
      { ...small.inputs.aws, 'aws-role-to-assume': small.aws.roles[0], ...PERIOD },
      small.env(),
      { http: { sleep: fastSleep } }
    )
    expect(r.exitCode).toBe(1)
    const p = r.report.providers[0]
    expect(p.status).toBe('partial')
    expect(JSON.stringify(p)).toMatch(/NextToken/)
    // Exactly one month is missing; every other month equals the truth.
    const t = small.aws.truth({ roles: [small.aws.roles[0]], start: '2025-01', end: '2025-12' })
    const missing = Object.keys(t.byMonth).filter(
      (m) => grams(r.report.months.find((x: any) => x.month === m)?.totalKgCO2e ?? 0) !== t.byMonth[m].market
    )
    expect(missing).toHaveLength(1)
    expect(JSON.stringify(p)).toContain(missing[0])
    // The pages fetched before the repeat are kept (nothing fetched is dropped) and said to be incomplete.
    expect(grams(r.report.months.find((x: any) => x.month === missing[0]).totalKgCO2e)).toBeLessThan(
      t.byMonth[missing[0]].market
    )
  })

  test('empty pages with a next token are followed to the data', async () => {
    small.kit.faults.add('sustainability', { kind: 'empty-page', times: 5 })
    const r = await runInProcess({ ...small.inputs.aws, ...PERIOD }, small.env(), { http: { sleep: fastSleep } })
    expect(r.outputs.status).toBe('ok')
    expect(grams(r.report.totalKgCO2e)).toBe(
      small.aws.truth({ roles: small.aws.roles, start: '2025-01', end: '2025-12' }).market
    )
  })
})

describe('pages decoded on worker threads (the bundle, CCR_DECODE_WORKERS)', () => {
  let big: Sandbox
  beforeAll(async () => {
    // Pages of ~1,500 rows (~1 MB), large enough to go to the workers.
    const orgs = [0, 1].map((i) => {
      const management = String(310000000000 + i * 11111)
      return {
        id: `w-${i}`,
        management,
        accounts: 150,
        pairs: [6, 14],
        role: `arn:aws:iam::${management}:role/carbon-reader`
      }
    })
    big = await startSandbox({ aws: { orgs, available: '2026-06' } })
  })
  afterAll(async () => {
    await big.close()
  })

  test('give the same files, to the byte, as the main thread, and ride out a bad page', async () => {
    const inputs = { ...big.inputs.aws, 'start-date': '2025-07', 'end-date': '2026-06' }
    // By default every page is decoded on the main thread.
    const here = await runBundle(inputs, big.env(), { timeoutMs: 60_000 })
    expect(here.exitCode).toBe(0)
    expect(here.stdout).not.toMatch(/worker thread/)
    big.kit.faults.add('sustainability', { kind: 'bad-json', times: 2, after: 5 })
    const workers = await runBundle(inputs, { ...big.env(), CCR_DECODE_WORKERS: '2' }, { timeoutMs: 60_000 })
    expect(workers.exitCode).toBe(0)
    expect(workers.stdout).toMatch(/pages decoded: [1-9]\d* on 2 worker thread\(s\)/)
    expect(big.kit.requests('sustainability').filter((e) => e.fault !== null)).toHaveLength(2)
    expect(comparable(workers)).toBe(comparable(here))
    expect(workers.csv).toBe(here.csv)
    expect(grams(workers.report.totalKgCO2e)).toBe(
      big.aws.truth({ roles: big.aws.roles, start: '2025-07', end: '2026-06' }).market
    )
    expect(workers.report.records.length).toBeGreaterThan(20_000)
  })
})
