/**
 * MCFS end to end against the sandbox over real HTTPS: GitHub OIDC -> Entra client credentials with the OIDC
 * token as client assertion (scope c3163bf1-…/.default) -> the MCFS OData API behind its API Management key,
 * paged through @odata.nextLink. Every figure is checked against the sandbox's own truth, computed from its seed.
 */
import * as fs from 'node:fs'
import { AZURE_CLIENT_ID, MCFS_APP_ID, startSandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { useSandbox } from './helpers/sandbox.js'
import { comparable, expectConsistent, expectNoLeak, grams } from './helpers/checks.js'
import { monthsOf } from '../src/period.js'

const PERIOD = { 'start-date': '2025-08', 'end-date': '2026-07' }
const PERIOD_MONTHS = { start: '2025-08', end: '2026-07' }
/** The sandbox's MCFS data is published up to 2026-07, so its projections cover 2026-08 to 2026-12. */
const AVAILABLE = { start: '2023-01', end: '2026-07' }
const fast = { http: { sleep: async () => {} } }

const sb = useSandbox({ mcfs: { available: AVAILABLE } })
beforeEach(() => {
  sb.mcfs.state.pageSize = 1000
})

const run = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  runInProcess({ ...sb.inputs.mcfs, ...PERIOD, ...inputs }, sb.env(env), fast)
const truth = (q: Record<string, unknown> = {}) =>
  sb.mcfs.truth({
    enrollmentId: sb.mcfs.enrollmentId,
    tenantId: sb.mcfs.tenantId,
    start: PERIOD['start-date'],
    end: PERIOD['end-date'],
    ...q
  })
const mcfsRequests = () => sb.kit.requests('mcfs')
const errorOf = (r: ActionRun) => r.report.providers.find((p: any) => p.provider === 'mcfs')?.error ?? ''

/** No API key or token anywhere a user can see: files, summary, outputs, log (bar the runner's ::add-mask::). */
const expectNoSecrets = (r: ActionRun, extra: string[] = []) => expectNoLeak(r, [...sb.secrets(), ...extra])

test('enrollment and Microsoft 365 over many pages: every record, totals equal the sandbox to the gram', async () => {
  sb.mcfs.state.pageSize = 7
  const r = await run()
  const t = truth()
  expect(r.exitCode).toBe(0)
  expect(r.outputs.status).toBe('ok')
  // Multi-page for sure: more requests than data sets, and the data has far more rows than a page.
  expect(t.rows).toBeGreaterThan(1000)
  expect(mcfsRequests().length).toBeGreaterThan(t.rows / 7)
  expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
  expect(r.report.providers[0]).toMatchObject({ provider: 'mcfs', status: 'ok', error: null })
  expect(grams(r.report.providers[0].totalKgCO2e)).toBe(t.totalGrams)
  for (const m of r.report.months) expect(grams(m.totalKgCO2e)).toBe(t.byMonth[m.month] ?? 0)

  const recs = r.report.records
  const azure = recs.filter((x: any) => x.service !== 'Microsoft 365')
  const m365 = recs.filter((x: any) => x.service === 'Microsoft 365')
  expect(azure).toHaveLength(t.enrollmentRecords)
  expect(m365).toHaveLength(t.m365Records)
  expect(azure.reduce((a: number, x: any) => a + grams(x.kgCO2e), 0)).toBe(t.enrollmentGrams)
  expect(m365.reduce((a: number, x: any) => a + grams(x.kgCO2e), 0)).toBe(t.m365Grams)
  // Scope rows folded into the breakdown: market-based columns only, location-based null (not given).
  expect(recs.reduce((a: number, x: any) => a + grams(x.scope1KgCO2e), 0)).toBe(t.scopes[1])
  expect(recs.reduce((a: number, x: any) => a + grams(x.scope2MarketKgCO2e), 0)).toBe(t.scopes[2])
  expect(recs.reduce((a: number, x: any) => a + grams(x.scope3MarketKgCO2e), 0)).toBe(t.scopes[3])
  for (const x of recs) {
    expect(grams(x.kgCO2e)).toBe(grams(x.marketKgCO2e))
    expect(grams(x.scope1KgCO2e) + grams(x.scope2MarketKgCO2e) + grams(x.scope3MarketKgCO2e)).toBe(grams(x.kgCO2e))
    expect([x.locationKgCO2e, x.scope2LocationKgCO2e, x.scope3LocationKgCO2e]).toEqual([null, null, null])
  }
  expect(m365.every((x: any) => x.account === sb.mcfs.tenantId && x.accountName === 'Contoso')).toBe(true)
  expect(
    azure.every((x: any) => /^[0-9a-f-]{36}$/.test(x.account) && x.accountName && x.extra?.enrollmentId === '12345678')
  ).toBe(true)
  // Two sub-services of one service in one region are one record, and say so.
  expect(azure.some((x: any) => String(x.extra?.subServices).includes(', '))).toBe(true)
  expect(r.report.providers[0].notes.join(' ')).toMatch(/market-based figure.*location-based columns are empty/)
  expectConsistent(r)
  expectNoSecrets(r)

  // The requests: server-side filter on dateKey, $select, both credentials, nextLinks with $skip.
  // One query per month (their page chains run side by side), each filtered to its month.
  const firsts = mcfsRequests().filter(
    (e) => e.path.endsWith('/enrollments/12345678/emissions') && !/skip/.test(e.query)
  )
  const filters = firsts.map((e) => new URLSearchParams(e.query).get('$filter')).sort()
  expect(filters).toEqual(
    monthsOf(PERIOD_MONTHS).map((m) => `dateKey ge ${m.replace('-', '')}01 and dateKey le ${m.replace('-', '')}01`)
  )
  const q = new URLSearchParams(firsts[0].query)
  expect(q.get('$select')).toBe(
    'dateKey,subscriptionId,subscriptionName,azureServiceName,subService,azureRegionName,scope,scopeId,totalEmissions'
  )
  expect(mcfsRequests().some((e) => e.query.includes('%24skip=') || e.query.includes('$skip='))).toBe(true)
  expect(mcfsRequests().every((e) => e.status === 200)).toBe(true)
})

test('a page size of 1000 and one of 7 give the same report', async () => {
  sb.mcfs.state.pageSize = 1000
  const big = await run()
  const bigRequests = mcfsRequests().length
  sb.kit.log.length = 0
  sb.mcfs.state.pageSize = 7
  const small = await run()
  expect(mcfsRequests().length).toBeGreaterThan(bigRequests * 5)
  expect(big.outputs.status).toBe('ok')
  expect(comparable(small)).toBe(comparable(big))
  expect(small.csv).toBe(big.csv)
})

test('the forecast comes from the projections, is labelled, and is in no total', async () => {
  const r = await run()
  const t = truth()
  const expected = sb.mcfs.forecast()
  expect(expected.map((p: any) => p.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12'])
  expect(r.report.forecast).toEqual(
    expected.map((p: any) => ({
      provider: 'mcfs',
      scope: 'enrollment 12345678',
      month: p.month,
      basis: expect.stringMatching(/projectedEmissions/),
      kgCO2e: p.grams / 1000
    }))
  )
  expect(grams(r.report.totalKgCO2e)).toBe(t.totalGrams)
  expect(r.report.months.map((m: any) => m.month)).not.toContain('2026-08')
  expect(fs.readFileSync(r.outputs['report-markdown'], 'utf8')).toContain('Forecast (not included in any total)')
  expect(mcfsRequests().some((e) => e.path.endsWith('/projections'))).toBe(true)
})

test('only the enrollment, or only Microsoft 365', async () => {
  const e = await run({ 'mcfs-tenant-id': '' })
  expect(grams(e.report.totalKgCO2e)).toBe(truth({ tenantId: undefined }).totalGrams)
  expect(mcfsRequests().some((x) => x.path.endsWith('/tenantemissions'))).toBe(false)
  sb.kit.log.length = 0
  const m = await run({ 'mcfs-enrollment-id': '' })
  expect(m.outputs.status).toBe('ok')
  expect(grams(m.report.totalKgCO2e)).toBe(truth({ enrollmentId: undefined }).totalGrams)
  expect(m.report.records.every((x: any) => x.service === 'Microsoft 365')).toBe(true)
  expect(mcfsRequests().some((x) => x.path.includes('/enrollments/'))).toBe(false)
  expect(m.report.forecast).toEqual([])
})

test('bad or missing MCFS inputs are rejected before any request', async () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ 'mcfs-api-key': '' }, /mcfs-api-key.*required.*secrets\.MCFS_API_KEY/],
    [{ 'mcfs-instance-id': '' }, /mcfs-instance-id.*required/],
    [{ 'mcfs-enrollment-id': '', 'mcfs-tenant-id': '' }, /mcfs-enrollment-id.*mcfs-tenant-id/],
    [{ 'mcfs-tenant-id': 'contoso' }, /mcfs-tenant-id.*not a tenant id/],
    [{ 'mcfs-instance-id': 'a/b?c' }, /mcfs-instance-id.*not an instance id/],
    [{ 'mcfs-enrollment-id': '12 34' }, /mcfs-enrollment-id.*not an enrollment id/],
    [{ 'mcfs-endpoint': 'http://api.mcfs.microsoft.com' }, /mcfs-endpoint.*not HTTPS/]
  ]
  for (const [inputs, message] of cases) {
    sb.kit.log.length = 0
    const r = await run(inputs)
    expect(r.exitCode).toBe(1)
    expect(r.result?.status).toBe('input-error')
    expect(r.stdout).toMatch(message)
    expect(r.report).toBeNull()
    expect(sb.kit.requests()).toEqual([])
  }
})

test('a wrong API key: its own message, naming mcfs-api-key, and the key is not shown', async () => {
  const wrong = '0123456789abcdef0123456789abcdef'
  const r = await run({ 'mcfs-api-key': wrong })
  expect(r.exitCode).toBe(1)
  expect(r.outputs.status).toBe('failed')
  const error = errorOf(r)
  expect(error).toMatch(/HTTP 401.*invalid subscription key/)
  expect(error).toMatch(/check the mcfs-api-key secret/)
  expect(error).not.toMatch(/App\.Emissions\.Read|azure-client-id/)
  expect(r.report.records).toEqual([])
  expect(mcfsRequests().every((e) => e.status === 401)).toBe(true)
  expectNoSecrets(r, [wrong])
})

test('a token the API refuses: its own message, naming the Entra inputs', async () => {
  sb.kit.faults.add('mcfs', {
    kind: 'status',
    status: 401,
    message: 'Unauthorized. Access token is missing or invalid.'
  })
  const r = await run()
  expect(r.outputs.status).toBe('failed')
  const error = errorOf(r)
  expect(error).toMatch(
    /HTTP 401: Unauthorized\. Access token is missing or invalid\. The Entra access token of app .* was not accepted: check azure-client-id and azure-tenant-id/
  )
  expect(error).not.toMatch(/mcfs-api-key/)
  // One message for the provider, not one per data set.
  expect(r.report.providers[0].missing).toEqual([])
})

test('a wrong app or tenant: Entra says which (AADSTS), and MCFS is never called', async () => {
  const app = await run({ 'azure-client-id': '11111111-2222-4333-8444-555555555555' })
  expect(app.outputs.status).toBe('failed')
  expect(errorOf(app)).toMatch(/AADSTS700016.*check azure-client-id and azure-tenant-id/)
  const tenant = await run({ 'azure-tenant-id': '99999999-2222-4333-8444-555555555555' })
  expect(tenant.outputs.status).toBe('failed')
  expect(errorOf(tenant)).toMatch(/AADSTS90002|azure-tenant-id/)
  expect(errorOf(tenant)).not.toMatch(/mcfs-api-key/)
  expect(mcfsRequests()).toEqual([])
  expectNoSecrets(app)
  expectNoSecrets(tenant)
})

test('the app lacks App.Emissions.Read: a 403 with its own message', async () => {
  const denied = await startSandbox({ mcfs: { available: AVAILABLE, consent: false } })
  try {
    const r = await runInProcess({ ...denied.inputs.mcfs, ...PERIOD }, denied.env(), fast)
    expect(r.outputs.status).toBe('failed')
    const error = errorOf(r)
    expect(error).toMatch(/HTTP 403/)
    expect(error).toMatch(/grant the app registration the application permission App\.Emissions\.Read .*admin consent/)
    expect(error).not.toMatch(/mcfs-api-key/)
    expect(denied.kit.requests('mcfs').every((e: any) => e.status === 403)).toBe(true)
  } finally {
    await denied.close()
  }
})

test('a nextLink that repeats is detected: that month of the data set stops, says so, and keeps what came', async () => {
  sb.mcfs.state.pageSize = 5
  // The months' chains run side by side: which month meets the fault depends on their interleaving.
  sb.kit.faults.add('mcfs', { kind: 'repeat-token', after: 12, match: '/enrollments/' })
  // A first page of Microsoft 365 links back to its own URL (spelt as the service spells it).
  sb.kit.faults.add('mcfs', { kind: 'repeat-token', match: '/tenantemissions' })
  const r = await run()
  expect(r.exitCode).toBe(1)
  expect(r.outputs.status).toBe('partial')
  expect(errorOf(r)).toMatch(/enrollment 12345678 for \d{4}-\d{2} from page \d+ on \(after \d+ rows\).*already given/)
  expect(errorOf(r)).toMatch(/Microsoft 365 tenant [0-9a-f-]+ for \d{4}-\d{2} from page 2 on \(after 5 rows\)/)
  expect(r.report.providers[0].missing).toHaveLength(2)
  expect(r.report.records.length).toBeGreaterThan(0)
  expect(grams(r.report.totalKgCO2e)).toBeLessThan(truth().totalGrams)
  expectConsistent(r)
})

test('past timeout-minutes, the months that came stay in the report and each one that did not is named', async () => {
  // The enrollment's first month never answers; its other months and Microsoft 365 do.
  sb.kit.faults.add('mcfs', {
    kind: 'hang',
    times: Infinity,
    match: (req: any) =>
      req.path.includes('/enrollments/') && decodeURIComponent(req.url.search).includes('ge 20250801')
  })
  const r = await run({ 'timeout-minutes': '0.05' })
  expect(r.exitCode).toBe(1)
  const p = r.report.providers[0]
  expect(p.status).toBe('partial')
  expect(p.error).toMatch(/timeout-minutes/)
  const missing = p.missing.map((m: any) => m.what as string)
  expect(missing.some((w: string) => /enrollment 12345678 for 2025-08/.test(w))).toBe(true)
  // Every month of every data set not named as missing is in the report to the gram; 2025-08 of the
  // enrollment is not.
  let expected = 0
  for (const month of monthsOf(PERIOD_MONTHS)) {
    const enrollment = truth({ tenantId: undefined, start: month, end: month }).totalGrams
    const tenant = truth({ enrollmentId: undefined, start: month, end: month }).totalGrams
    if (!missing.some((w: string) => w.includes('enrollment') && w.includes(month))) expected += enrollment
    if (!missing.some((w: string) => w.includes('Microsoft 365') && w.includes(month))) expected += tenant
  }
  expect(grams(r.report.totalKgCO2e)).toBe(expected)
  expect(r.report.records.length).toBeGreaterThan(0)
  expectConsistent(r)
})

test('empty pages, throttling and a cut response are ridden out: still exact to the gram', async () => {
  sb.mcfs.state.pageSize = 100
  sb.kit.faults.add('mcfs', { kind: 'empty-page', times: 3, after: 2 })
  sb.kit.faults.add('mcfs', { kind: 'throttle', times: 2, retryAfter: 0, after: 4 })
  sb.kit.faults.add('mcfs', { kind: 'truncated', times: 1, after: 6 })
  const r = await run()
  expect(errorOf(r)).toBe('')
  expect(r.outputs.status).toBe('ok')
  expect(grams(r.report.totalKgCO2e)).toBe(truth().totalGrams)
  expect(sb.kit.requests('mcfs').filter((e) => e.fault !== null).length).toBe(6)
})

describe('the sandbox speaks the documented protocol', () => {
  const root = () => `${sb.mcfs.inputs['mcfs-endpoint']}/api/v1.0/instances/${sb.mcfs.instanceId}`
  const token = (claims: Record<string, unknown> = {}) =>
    sb.entra.mintAccessToken({
      aud: MCFS_APP_ID,
      tid: sb.mcfs.tenantId,
      appid: AZURE_CLIENT_ID,
      roles: ['App.Emissions.Read'],
      ...claims
    })
  const get = async (
    pathAndQuery: string,
    headers: Record<string, string> = {}
  ): Promise<{ status: number; body: any }> => {
    const res = await fetch(`${root()}${pathAndQuery}`, {
      headers: { 'Ocp-Apim-Subscription-Key': sb.mcfs.apiKey, authorization: `Bearer ${token()}`, ...headers }
    })
    return {
      status: res.status,
      body: (res.headers.get('content-type') ?? '').includes('json') ? await res.json() : await res.text()
    }
  }
  const all = (enrollment: string) => sb.mcfs.data.enrollments.get(enrollment).emissions

  it('$filter (case-insensitive names), $count, $top, $skip, $select, $orderby', async () => {
    const r = await get(
      `/enrollments/12345678/emissions?$filter=${encodeURIComponent('ScopeId eq 1 and dateKey ge 20260101')}&$count=true&$top=5&$skip=3&$select=dateKey,scopeId,totalEmissions&$orderby=${encodeURIComponent('totalEmissions desc')}`
    )
    expect(r.status).toBe(200)
    const expected = all('12345678')
      .filter((x: any) => x.scopeId === 1 && x.dateKey >= 20260101)
      .sort((a: any, b: any) => b.totalEmissions - a.totalEmissions)
    expect(r.body['@odata.count']).toBe(expected.length)
    expect(r.body.value).toEqual(
      expected.slice(3, 8).map((x: any) => ({ dateKey: x.dateKey, scopeId: 1, totalEmissions: x.totalEmissions }))
    )
    expect(r.body['@odata.nextLink']).toBeUndefined() // $top reached
    expect(r.body['@odata.context']).toMatch(
      /\/enrollments\/12345678\/\$metadata#emissions\(dateKey,scopeId,totalEmissions\)$/
    )
  })

  it('server-driven paging: absolute nextLinks with the same options, $skip moved on, none on the last page', async () => {
    sb.mcfs.state.pageSize = 400
    const rows: any[] = []
    let url: string | undefined =
      `${root()}/enrollments/demodata/emissions?$filter=${encodeURIComponent("dateKey ge 20250101 and scope eq 'Scope 2'")}`
    let pages = 0
    while (url) {
      const res = await fetch(url, {
        headers: { 'Ocp-Apim-Subscription-Key': sb.mcfs.apiKey, authorization: `Bearer ${token()}` }
      })
      const body: any = await res.json()
      expect(body.value.length).toBeLessThanOrEqual(400)
      rows.push(...body.value)
      url = body['@odata.nextLink']
      if (url) expect(new URL(url).searchParams.get('$filter')).toBe("dateKey ge 20250101 and scope eq 'Scope 2'")
      pages++
    }
    const expected = all('demodata').filter((x: any) => x.dateKey >= 20250101 && x.scope === 'Scope 2')
    expect(pages).toBe(Math.ceil(expected.length / 400))
    expect(rows.map((x) => x.totalEmissions)).toEqual(expected.map((x: any) => x.totalEmissions))
    expect(Object.keys(rows[0])).toEqual([
      'dateKey',
      'enrollmentId',
      'orgName',
      'subscriptionId',
      'subscriptionName',
      'azureServiceName',
      'subService',
      'azureRegionName',
      'scope',
      'scopeId',
      'totalEmissions'
    ])
  })

  it('query errors are 400 {code, message}', async () => {
    for (const q of [
      '$filter=dateKey%20ge%20%27x%27',
      '$filter=nope%20eq%201',
      '$filter=dateKey%20ge',
      '$select=nope',
      '$top=-1',
      '$count=maybe',
      '$orderby=dateKey%20sideways'
    ]) {
      const r = await get(`/enrollments/12345678/emissions?${q}`)
      expect([q, r.status, typeof r.body.code, typeof r.body.message]).toEqual([q, 400, 'number', 'string'])
    }
    expect((await get('/enrollments/12345678/emissions?$filter=dateKey%20ge%20%27x%27')).body.message).toMatch(
      /incompatible types.*Edm\.Int32.*Edm\.String/
    )
  })

  it('the credentials, in the gateway order: key (401 API Management body), token (401), permission (403)', async () => {
    const noKey = await fetch(`${root()}/enrollments/12345678/emissions`, {
      headers: { authorization: `Bearer ${token()}` }
    })
    expect([noKey.status, (await noKey.json()) as any]).toEqual([
      401,
      { statusCode: 401, message: expect.stringMatching(/^Access denied due to missing subscription key/) }
    ])
    const badKey = await get('/enrollments/12345678/emissions', { 'Ocp-Apim-Subscription-Key': 'f'.repeat(32) })
    expect([badKey.status, badKey.body.message]).toEqual([
      401,
      expect.stringMatching(/^Access denied due to invalid subscription key/)
    ])
    const byQuery = await fetch(`${root()}/enrollments/demodata/emissions?$top=1&subscription-key=${sb.mcfs.apiKey}`, {
      headers: { authorization: `Bearer ${token()}` }
    })
    expect(byQuery.status).toBe(200)
    expect((await get('/enrollments/12345678/emissions', { authorization: '' })).status).toBe(401)
    expect(
      (
        await get('/enrollments/12345678/emissions', {
          authorization: `Bearer ${token({ aud: 'https://management.azure.com' })}`
        })
      ).body
    ).toEqual({
      statusCode: 401,
      message: 'Unauthorized. Access token is missing or invalid.'
    })
    expect(
      (await get('/enrollments/12345678/emissions', { authorization: `Bearer ${token({ roles: [] })}` })).status
    ).toBe(403)
    expect(
      (
        await get('/enrollments/12345678/emissions', {
          authorization: `Bearer ${token({ appid: '00000000-0000-0000-0000-000000000001' })}`
        })
      ).status
    ).toBe(403)
    expect((await get('/enrollments/87654321/emissions')).body).toEqual({
      code: 403,
      message: expect.stringMatching(/not connected/)
    })
  })

  it('Microsoft 365 tenant emissions, the demodata switch, projections and $metadata', async () => {
    const m365 = await get(
      `/m365/tenantemissions?$filter=${encodeURIComponent(`tenantId eq '${sb.mcfs.tenantId}' and dateKey eq 20260101`)}&$count=true`
    )
    expect(m365.body.value.length).toBe(m365.body['@odata.count'])
    expect(
      m365.body.value.every(
        (x: any) => x.tenantId === sb.mcfs.tenantId && x.dateKey === 20260101 && /^Scope [123]$/.test(x.scope)
      )
    ).toBe(true)
    const demo = await get('/m365/tenantemissions?demodata=true&$top=2')
    expect(demo.body.value.map((x: any) => x.tenantName)).toEqual(['Contoso (demo data)', 'Contoso (demo data)'])
    const proj = await get('/enrollments/12345678/projections')
    expect(proj.body.value.filter((x: any) => x.projectedEmissions !== null).map((x: any) => x.dateKey)).toEqual([
      20260801, 20260901, 20261001, 20261101, 20261201
    ])
    const meta = await get('/enrollments/12345678/$metadata')
    expect(meta.body).toMatch(
      /<EntityType Name="EnrollmentEmission">.*<Property Name="totalEmissions" Type="Edm.Double"\/>/
    )
  })
})
