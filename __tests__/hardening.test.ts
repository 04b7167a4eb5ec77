/**
 * The hardening matrix: every endpoint the run touches x every fault class, for every provider the sandbox
 * serves, plus bad inputs through run(), secrets in every sink, and hostile provider strings.
 *
 * Adding a provider: add its endpoint(s) to ENDPOINTS (service name as the sandbox plugin serves it, the
 * providers that depend on it, whether it pages). Its sandbox plugin gives `sb.inputs.<provider>`.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { BAD_INPUTS, NOW } from './helpers/bad-inputs.js'
import { parseCsv } from './helpers/records.js'
import { shortArtifactRetries } from './helpers/artifact-retries.js'
import { comparable, expectNoLeak, expectNoLeakInArtifacts, grams } from './helpers/checks.js'

interface Endpoint {
  service: string
  /** Providers that cannot work without it ([] = none: the report is complete without it). */
  providers: string[]
  paged?: boolean
  /** When it fails for good, the run still succeeds (a warning): artifact upload, PR comment. */
  optional?: boolean
}
const ENDPOINTS: Endpoint[] = [
  { service: 'oidc', providers: ['aws', 'azure', 'mcfs'] },
  { service: 'sts', providers: ['aws'] },
  { service: 'sustainability', providers: ['aws'], paged: true },
  { service: 'entra', providers: ['azure', 'mcfs'] },
  { service: 'arm', providers: ['azure'], paged: true },
  { service: 'mcfs', providers: ['mcfs'], paged: true },
  { service: 'artifact', providers: [], optional: true },
  { service: 'github', providers: [], optional: true }
]

const TRANSIENT: [string, Record<string, unknown>, boolean][] = [
  ['429 x2, Retry-After in seconds', { kind: 'throttle', times: 2, retryAfter: 1 }, false],
  ['429 x2, Retry-After as an HTTP-date', { kind: 'throttle', times: 2, retryAfterDate: 1 }, false],
  ['500 x2', { kind: 'error', status: 500, times: 2 }, false],
  ['502', { kind: 'error', status: 502, times: 1 }, false],
  ['503 x3', { kind: 'error', status: 503, times: 3 }, false],
  ['connection reset', { kind: 'reset', times: 2 }, false],
  ['a hang past the attempt timeout', { kind: 'hang', times: 1 }, false],
  ['malformed JSON', { kind: 'bad-json', times: 2 }, false],
  ['a truncated body', { kind: 'truncated', times: 2 }, false],
  ['an empty page with a next link', { kind: 'empty-page', times: 2 }, true]
]
const PERMANENT: [string, Record<string, unknown>][] = [
  ['401', { kind: 'status', status: 401 }],
  ['403', { kind: 'status', status: 403 }],
  ['404', { kind: 'status', status: 404 }]
]

const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-12' }
const HTTP = { sleep: async () => {}, attemptTimeoutMs: 1500 }

let sb: Sandbox
let providers: string[]
let inputs: Record<string, string>
let clean: ActionRun
let served: Set<string>
let eventEnv: Record<string, string> = {}
const env = (extra: Record<string, string | undefined> = {}) => sb.env({ ...eventEnv, ...extra })
const runs: ActionRun[] = []

beforeAll(async () => {
  await shortArtifactRetries()
  sb = await startSandbox()
  providers = ['aws', 'azure', 'mcfs'].filter((p) => sb.inputs[p])
  inputs = Object.assign({}, ...providers.map((p) => sb.inputs[p]), sb.inputs.github ?? {}, PERIOD, {
    providers: providers.join(',')
  })
  // A pull_request event, so that the sticky comment (and its endpoint) is part of every run.
  if (sb.github) eventEnv = sb.github.event({ number: 7 })
  clean = await runInProcess(inputs, env(), { http: HTTP })
  runs.push(clean)
  served = new Set(sb.kit.log.map((e) => e.service))
})
afterAll(async () => {
  await sb.close()
})
beforeEach(() => {
  // A case that ends before any expect would pass having tested nothing.
  expect.hasAssertions()
  sb.kit.faults.clear()
})

test('the clean run is complete and exact for every provider the sandbox serves', () => {
  expect(clean.exitCode).toBe(0)
  expect(clean.outputs.status).toBe('ok')
  if (sb.github) expect(clean.outputs['comment-url']).toMatch(/^https:/)
  for (const p of clean.report.providers) expect(p.status).toBe('ok')
  expect(clean.report.providers.map((p: any) => p.provider)).toEqual(providers)
  // Every endpoint of the matrix is really exercised: none of its rows may pass by having nothing to test.
  expect(ENDPOINTS.filter((e) => !served.has(e.service)).map((e) => e.service)).toEqual([])
  expect(providers).toEqual(['aws', 'azure', 'mcfs'])
})

// Only the cases that apply to an endpoint are generated; the clean run's test proves every endpoint is served.
const expectServed = (e: Endpoint) => expect(served).toContain(e.service)

describe.each(ENDPOINTS)('$service', (endpoint) => {
  test.each(TRANSIENT.filter(([, , pagedOnly]) => !pagedOnly || endpoint.paged))(
    'transient: %s is retried; the report is identical to a clean run',
    async (_name, spec) => {
      expectServed(endpoint)
      const fault = sb.kit.faults.add(endpoint.service, spec)
      const started = Date.now()
      // @actions/artifact has no timeout of its own: the upload is bounded by the rest of timeout-minutes (>= 10 s).
      const r = await runInProcess(endpoint.optional ? { ...inputs, 'timeout-minutes': '0.2' } : inputs, env(), {
        http: HTTP
      })
      runs.push(r)
      expect(fault.hits).toBeGreaterThan(0)
      // Not a speed test: the run must end. The artifact upload and the comment each get at least 10 s even when
      // timeout-minutes (12 s here) is spent, so their bound is wider (one hang run here took 30.7 s once, ~12 s usually).
      expect(Date.now() - started).toBeLessThan(endpoint.optional ? 45_000 : 30_000)
      expect(r.exitCode).toBe(0)
      expect(r.outputs.status).toBe('ok')
      expect(comparable(r)).toBe(comparable(clean))
    }
  )

  test.each(PERMANENT)(
    'permanent %s: fails what depends on it, with a message; everything else is exact',
    async (_name, spec) => {
      expectServed(endpoint)
      sb.kit.faults.add(endpoint.service, spec)
      const r = await runInProcess(inputs, env(), { http: HTTP })
      runs.push(r)
      expect(r.report).not.toBeNull()
      for (const p of r.report.providers) {
        const before = clean.report.providers.find((x: any) => x.provider === p.provider)
        if (endpoint.providers.includes(p.provider)) {
          expect(['failed', 'partial']).toContain(p.status)
          expect(p.error).toBeTruthy()
          expect(p.error.length).toBeGreaterThan(20)
        } else {
          expect(p.status).toBe('ok')
          expect(grams(p.totalKgCO2e)).toBe(grams(before.totalKgCO2e))
          expect(r.report.records.filter((x: any) => x.provider === p.provider)).toEqual(
            clean.report.records.filter((x: any) => x.provider === p.provider)
          )
        }
      }
      if (endpoint.optional) {
        expect(r.exitCode).toBe(0)
        expect(r.stdout).toMatch(/::warning::/)
        expect(r.outputs[endpoint.service === 'artifact' ? 'artifact-id' : 'comment-url']).toBe('')
      } else {
        expect(r.exitCode).toBe(1)
        expect(['partial', 'failed']).toContain(r.outputs.status)
      }
    }
  )

  if (!endpoint.optional)
    test('permanent 403 with fail-on-error: false is a warning, and the reports are written', async () => {
      expectServed(endpoint)
      sb.kit.faults.add(endpoint.service, { kind: 'status', status: 403 })
      const r = await runInProcess({ ...inputs, 'fail-on-error': 'false' }, env(), { http: HTTP })
      runs.push(r)
      expect(r.exitCode).toBe(0)
      expect(r.stdout).toMatch(/::warning::/)
      expect(r.csv).not.toBeNull()
    })

  if (endpoint.paged)
    test('repeating next link or token: never looped on, reported', async () => {
      expectServed(endpoint)
      // Small pages are needed for a second page to exist: the repeat is served on the first follow-up page.
      const small = await startSandbox({ aws: { pageCap: 5 }, azure: { pageCap: 5 }, mcfs: { pageSize: 5 } })
      try {
        const smallInputs = Object.assign({}, ...providers.map((p) => small.inputs[p]), PERIOD, {
          providers: providers.join(',')
        })
        small.kit.faults.add(endpoint.service, { kind: 'repeat-token', times: 1 })
        const r = await runInProcess(smallInputs, small.env(), { http: HTTP })
        runs.push(r)
        const affected = r.report.providers.filter((p: any) => endpoint.providers.includes(p.provider))
        expect(affected.some((p: any) => p.status === 'partial' && /repeat/i.test(JSON.stringify(p)))).toBe(true)
        expect(r.exitCode).toBe(1)
      } finally {
        await small.close()
      }
    })
})

test('no fault makes the run hang: every endpoint dead, timeout-minutes ends it with written reports', async () => {
  for (const e of ENDPOINTS) sb.kit.faults.add(e.service, { kind: 'hang', times: Infinity })
  const started = Date.now()
  const r = await runInProcess({ ...inputs, 'timeout-minutes': '0.05' }, env(), { http: { sleep: async () => {} } })
  runs.push(r)
  // 3 s of budget, then at most 10 s for the artifact upload, which is dead too.
  expect(Date.now() - started).toBeLessThan(30_000)
  expect(r.exitCode).toBe(1)
  expect(r.stdout).toMatch(/timeout-minutes/)
  expect(r.report.providers.every((p: any) => p.status === 'failed')).toBe(true)
})

describe('bad inputs fail fast, name the input, and make zero requests', () => {
  test(`${BAD_INPUTS.length} cases`, () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40))
  test.each(BAD_INPUTS)('%s', async (_name, bad, message) => {
    sb.kit.log.length = 0
    const r = await runInProcess({ ...bad }, sb.env(), { now: NOW, http: HTTP })
    expect(r.exitCode).toBe(1)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    // Workflow commands escape %, CR and LF in their message.
    expect(errors.join('\n').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')).toMatch(message)
    expect(sb.kit.log).toHaveLength(0)
    expect(r.report).toBeNull()
  })
})

describe('hostile provider strings are inert in every sink', () => {
  let r: ActionRun
  let hostile: Sandbox
  beforeAll(async () => {
    hostile = await startSandbox({ aws: { hostile: true } })
    r = await runInProcess({ ...hostile.inputs.aws, ...PERIOD }, hostile.env(), { http: HTTP })
    runs.push(r)
  })
  afterAll(async () => {
    await hostile.close()
  })

  test('the data really is hostile, and JSON keeps it verbatim', () => {
    const services = new Set(r.report.records.map((x: any) => x.service))
    expect([...services].some((s: any) => s.includes('<img'))).toBe(true)
    expect([...services].some((s: any) => s.includes('|'))).toBe(true)
  })

  test('summary: no live HTML, no broken table, no mention or issue link', () => {
    const s = r.summary
    expect(s).not.toMatch(/<img/i)
    expect(s).not.toMatch(/@octocat/)
    expect(s).not.toMatch(/(^|[^\w\u200b])#123\b/)
    // The hostile names are in the summary (7 of its 13 services), escaped, not left out.
    expect(s).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    expect(s).toContain('Amazon\\|Pipe')
    expect(s).toContain('@\u200bocto')
    // Every row of a table has as many unescaped pipes as its header row: no cell was split.
    const tables = s.split('\n\n').filter((b) => b.startsWith('|'))
    for (const t of tables) {
      const counts = t.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length)
      expect(new Set(counts).size).toBe(1)
    }
    expect(s).not.toMatch(/\nLine `code`/)
  })

  test('CSV: formulas defused, RFC 4180 quoting, same rows as JSON', () => {
    const rows = parseCsv(r.csv!)
    expect(rows.length - 1).toBe(r.report.records.length)
    const serviceIndex = rows[0].indexOf('service')
    for (const row of rows.slice(1)) expect(row[serviceIndex]).not.toMatch(/^[=+\-@\t\r]/)
    expect(rows.slice(1).some((row) => row[serviceIndex] === `'=HYPERLINK("http://x","y")`)).toBe(true)
    expect(rows.slice(1).some((row) => row[serviceIndex] === 'Multi\nLine `code` **bold**')).toBe(true)
  })
})

test('no secret the sandbox handed out appears in any output of any run above', () => {
  const secrets = sb.secrets()
  expect(secrets.length).toBeGreaterThan(3)
  expectNoLeak(runs, secrets)
  expectNoLeakInArtifacts(sb.artifact.artifacts, secrets)
})
