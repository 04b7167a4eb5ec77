/**
 * The hardening matrix, shared by the hardening-*.test.ts files (one per group of endpoints, so that jest runs
 * them side by side): every endpoint the run touches x every fault class, each case against a clean run of every
 * provider, and no secret in any output of any of its runs.
 *
 * Adding a provider: add its endpoint(s) to ENDPOINTS (service name as the sandbox plugin serves it, the
 * providers that depend on it, whether it pages) and a hardening-<group>.test.ts that calls hardeningMatrix with
 * them. Its sandbox plugin gives `sb.inputs.<provider>`.
 */
import { startSandbox, type Sandbox } from '../../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './action.js'
import { shortArtifactRetries } from './artifact-retries.js'
import { comparable, expectNoLeak, expectNoLeakInArtifacts, grams } from './checks.js'

export interface Endpoint {
  service: string
  /** Providers that cannot work without it ([] = none: the report is complete without it). */
  providers: string[]
  paged?: boolean
  /** When it fails for good, the run still succeeds (a warning): artifact upload, PR comment. */
  optional?: boolean
}
export const ENDPOINTS: Endpoint[] = [
  { service: 'oidc', providers: ['aws', 'azure', 'mcfs', 'gcp'] },
  { service: 'sts', providers: ['aws'] },
  { service: 'sustainability', providers: ['aws'], paged: true },
  { service: 'entra', providers: ['azure', 'mcfs'] },
  { service: 'arm', providers: ['azure'], paged: true },
  { service: 'mcfs', providers: ['mcfs'], paged: true },
  { service: 'google-sts', providers: ['gcp'] },
  { service: 'iamcredentials', providers: ['gcp'] },
  { service: 'bigquery', providers: ['gcp'], paged: true },
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
const OPTIONAL_TRANSIENT = new Set(['503 x3', 'a hang past the attempt timeout', 'connection reset'])
const PERMANENT: [string, Record<string, unknown>][] = [
  ['401', { kind: 'status', status: 401 }],
  ['403', { kind: 'status', status: 403 }],
  ['404', { kind: 'status', status: 404 }]
]

export const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-12' }
export const HTTP = { sleep: async () => {}, attemptTimeoutMs: 1500 }

/** The matrix for some endpoints (service names of ENDPOINTS): a describe per endpoint, and the secret scan. */
export function hardeningMatrix(services: string[]): void {
  const endpoints = ENDPOINTS.filter((e) => services.includes(e.service))
  const unknown = services.filter((s) => !endpoints.some((e) => e.service === s))
  if (unknown.length > 0) throw new Error(`not in ENDPOINTS: ${unknown.join(', ')}`)
  let sb: Sandbox
  let providers: string[]
  let inputs: Record<string, string>
  let clean: ActionRun
  let served: Set<string>
  let eventEnv: Record<string, string> = {}
  const env = (extra: Record<string, string | undefined> = {}) => sb.env({ ...eventEnv, ...extra })
  const runs: ActionRun[] = []

  beforeAll(async () => {
    // The artifact client's own retry waits (3 s, 4.5 s, ...) are not what is tested: that it retries is.
    await shortArtifactRetries()
    sb = await startSandbox()
    providers = ['aws', 'azure', 'mcfs', 'gcp'].filter((p) => sb.inputs[p])
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
    sb.kit.faults.clear()
  })

  test('the clean run is complete and exact for every provider the sandbox serves', () => {
    expect(clean.exitCode).toBe(0)
    expect(clean.outputs.status).toBe('ok')
    if (sb.github) expect(clean.outputs['comment-url']).toMatch(/^https:/)
    for (const p of clean.report.providers) expect(p.status).toBe('ok')
    expect(clean.report.providers.map((p: any) => p.provider)).toEqual(providers)
    // Every endpoint of the matrix is really exercised: none of its rows may pass by having nothing to test.
    expect(endpoints.filter((e) => !served.has(e.service)).map((e) => e.service)).toEqual([])
    expect(providers).toEqual(['aws', 'azure', 'mcfs', 'gcp'])
  })

  /**
   * The transient faults that apply to an endpoint: only paged ones get the paging faults, and the artifact and
   * comment clients, which retry with real waits of their own, get one fault of each kind (their libraries' retry
   * rules are not ours to test; that the run ends and stays exact is). Cases that do not apply are not generated.
   */
  const transientFor = (e: Endpoint) =>
    TRANSIENT.filter(([name, , pagedOnly]) => (!pagedOnly || e.paged) && (!e.optional || OPTIONAL_TRANSIENT.has(name)))

  describe.each(endpoints)('$service', (endpoint) => {
    test.each(transientFor(endpoint))(
      'transient: %s is retried; the report is identical to a clean run',
      async (_name, spec) => {
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
        const fault = sb.kit.faults.add(endpoint.service, spec)
        const r = await runInProcess(inputs, env(), { http: HTTP })
        runs.push(r)
        expect(fault.hits).toBeGreaterThan(0)
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

    // Cases that do not apply to an endpoint are not generated.
    if (!endpoint.optional)
      test('permanent 403 with fail-on-error: false is a warning, and the reports are written', async () => {
        sb.kit.faults.add(endpoint.service, { kind: 'status', status: 403 })
        const r = await runInProcess({ ...inputs, 'fail-on-error': 'false' }, env(), { http: HTTP })
        runs.push(r)
        expect(r.exitCode).toBe(0)
        expect(r.stdout).toMatch(/::warning::/)
        expect(r.csv).not.toBeNull()
      })

    if (endpoint.paged)
      test('repeating next link or token: never looped on, reported', async () => {
        // Small pages are needed for a second page to exist: the repeat is served on the first follow-up page.
        const small = await startSandbox({
          aws: { pageCap: 5 },
          azure: { pageCap: 5 },
          mcfs: { pageSize: 5 },
          gcp: { pageRows: 5 }
        })
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

  test('no secret the sandbox handed out appears in any output of any run above', () => {
    expectNoSecrets(sb, runs)
  })
}

/** No secret of the sandbox in any output of the runs (stdout but the masking commands, files, artifacts). */
export function expectNoSecrets(sb: Sandbox, runs: ActionRun[]): void {
  const secrets = sb.secrets()
  expect(secrets.length).toBeGreaterThan(3)
  expectNoLeak(runs, secrets)
  expectNoLeakInArtifacts(sb.artifact.artifacts, secrets)
}
