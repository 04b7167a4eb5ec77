/**
 * MCFS without the network: the documented payloads (OData envelope, the four entity types, the error bodies of
 * the API and of API Management) parse; metric tons become grams exactly; scope rows fold into one record; the
 * queries are the documented ones; each failure has its own message.
 */
import {
  dateKeyOf,
  enrollmentDims,
  enrollmentEmissionsUrl,
  explainMcfsError,
  Folder,
  forecastPoints,
  M365_SERVICE,
  monthOfDateKey,
  odataString,
  parseODataPage,
  projectionsUrl,
  scopeOf,
  subServiceNames,
  tenantDims,
  tenantEmissionsUrl
} from '../src/providers/mcfs/index.js'
import { readErrorBody } from '../src/providers/kit/errors.js'

const parseErrorBody = (res: { status: number; text: string }) => readErrorBody({ ...res, headers: {} })
import { tonnesToNanograms } from '../src/units.js'

const PERIOD = { start: '2025-01', end: '2025-12' }
const SUB = '8ee8a0e1-3e4a-4d1f-9a4c-2b1d8f1c0a11'

/** The envelope of the reference (an EnrollmentEmission page with $count=true and a next page). */
const EMISSIONS_PAGE = {
  '@odata.context':
    'https://api.mcfs.microsoft.com/api/v1.0/instances/20aec369-f1c8-4814-a89d-4d449dd7e8a1/enrollments/12345678/$metadata#emissions',
  '@odata.count': 5,
  value: [
    {
      dateKey: 20250101,
      enrollmentId: '12345678',
      orgName: 'Contoso',
      subscriptionId: SUB.toUpperCase(),
      subscriptionName: 'Contoso Prod',
      azureServiceName: 'Storage',
      subService: 'Azure Storage',
      azureRegionName: 'West Europe',
      scope: 'Scope 1',
      scopeId: 1,
      totalEmissions: 0.000001
    },
    {
      dateKey: 20250101,
      enrollmentId: '12345678',
      orgName: 'Contoso',
      subscriptionId: SUB,
      subscriptionName: 'Contoso Prod',
      azureServiceName: 'Storage',
      subService: 'Azure Storage',
      azureRegionName: 'West Europe',
      scope: 'Scope 2',
      scopeId: 2,
      totalEmissions: 0.048
    },
    {
      dateKey: 20250101,
      enrollmentId: '12345678',
      orgName: 'Contoso',
      subscriptionId: SUB,
      subscriptionName: 'Contoso Prod',
      azureServiceName: 'Storage',
      subService: 'Azure Files',
      azureRegionName: 'West Europe',
      scope: 'Scope 2',
      scopeId: 2,
      totalEmissions: 1.2345678
    },
    {
      dateKey: 20250101,
      enrollmentId: '12345678',
      orgName: 'Contoso',
      subscriptionId: SUB,
      subscriptionName: 'Contoso Prod',
      azureServiceName: 'Storage',
      subService: 'Azure Storage',
      azureRegionName: 'West Europe',
      scope: 'Scope 3',
      scopeId: 3,
      totalEmissions: 0.1
    }
  ],
  '@odata.nextLink':
    'https://api.mcfs.microsoft.com/api/v1.0/instances/20aec369-f1c8-4814-a89d-4d449dd7e8a1/enrollments/12345678/emissions?$count=true&$skip=4'
}

describe('the documented payloads parse', () => {
  it('an OData page: value, @odata.count, @odata.nextLink', () => {
    const p = parseODataPage(EMISSIONS_PAGE)
    expect(p.rows).toHaveLength(4)
    expect(p.count).toBe(5)
    expect(p.nextLink).toBe(EMISSIONS_PAGE['@odata.nextLink'])
  })
  it('the last page has no nextLink (absent, null or empty)', () => {
    expect(parseODataPage({ value: [] }).nextLink).toBeNull()
    expect(parseODataPage({ value: [], '@odata.nextLink': null }).nextLink).toBeNull()
    expect(parseODataPage({ value: [], '@odata.nextLink': '' }).nextLink).toBeNull()
    expect(parseODataPage({ value: [] }).count).toBeNull()
  })
  it('anything else is refused', () => {
    expect(() => parseODataPage(null)).toThrow(/not an OData object/)
    expect(() => parseODataPage([])).toThrow(/not an OData object/)
    expect(() => parseODataPage({ code: 400, message: 'x' })).toThrow(/no value list/)
  })
  it('EnrollmentEmission rows fold into one record per (subscription, month, service, region), scopes in the breakdown', () => {
    const f = new Folder(PERIOD, enrollmentDims)
    for (const row of EMISSIONS_PAGE.value) f.add(row)
    const recs = f.records('mcfs', (c) => ({ subServices: (subServiceNames(c) ?? []).sort().join(', ') }))
    expect(recs).toHaveLength(1)
    expect(recs[0]).toEqual({
      provider: 'mcfs',
      account: SUB,
      accountName: 'Contoso Prod',
      month: '2025-01',
      service: 'Storage',
      region: 'West Europe',
      // 1 g + 48,000 g + 1,234,567.8 g + 100,000 g, exact to the gram (the .8 g rounds up once, at the end)
      grams: 1_382_569,
      marketGrams: 1_382_569,
      locationGrams: null,
      scope1Grams: 1,
      scope2MarketGrams: 1_282_568,
      scope2LocationGrams: null,
      scope3MarketGrams: 100_000,
      scope3LocationGrams: null,
      modelVersion: null,
      extra: { subServices: 'Azure Files, Azure Storage' }
    })
  })
  it('a cell keeps its distinct subServices in the order they came: none, one, or several', () => {
    const names = (subs: (string | undefined)[]): string[][] => {
      const f = new Folder(PERIOD, enrollmentDims)
      subs.forEach((subService, i) => f.add({ ...EMISSIONS_PAGE.value[0], subscriptionId: `sub-${i % 2}`, subService }))
      return f
        .records('mcfs', (c) => ({ subServices: JSON.stringify(subServiceNames(c)) }))
        .map((r) => JSON.parse(String(r.extra?.subServices)))
    }
    expect(names([undefined, undefined])).toEqual([null, null])
    expect(names(['Files', 'Blobs', 'Files', 'Blobs'])).toEqual([['Files'], ['Blobs']])
    expect(names(['Files', 'Queues', 'Blobs', 'Queues', 'Tables', 'Queues'])).toEqual([
      ['Files', 'Blobs', 'Tables'],
      ['Queues']
    ])
  })
  it('Microsoft365Emission rows: account = tenant, service Microsoft 365, region = officeRegionName, scope from its text', () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47'
    const page = parseODataPage({
      '@odata.context': 'https://api.mcfs.microsoft.com/api/v1.0/instances/x/m365/$metadata#tenantemissions',
      value: [
        {
          dateKey: 20250201,
          tenantId: tenant,
          tenantName: 'Contoso',
          officeRegionName: 'Europe',
          scope: 'Scope 2',
          totalEmissions: 0.5
        },
        {
          dateKey: 20250201,
          tenantId: tenant,
          tenantName: 'Contoso',
          officeRegionName: 'Europe',
          scope: 'Scope 3',
          totalEmissions: 0.25
        },
        {
          dateKey: 20250201,
          tenantId: tenant,
          tenantName: 'Contoso',
          officeRegionName: 'North America',
          scope: 'Scope 1',
          totalEmissions: 1e-7
        }
      ]
    })
    const f = new Folder(PERIOD, tenantDims(tenant))
    for (const row of page.rows) f.add(row)
    const recs = f.records('mcfs', () => undefined)
    expect(
      recs.map((r) => [
        r.account,
        r.accountName,
        r.service,
        r.region,
        r.grams,
        r.scope1Grams,
        r.scope2MarketGrams,
        r.scope3MarketGrams
      ])
    ).toEqual([
      [tenant, 'Contoso', M365_SERVICE, 'Europe', 750_000, 0, 500_000, 250_000],
      // 0.1 g alone rounds to 0 g: the month's exact total (750,000.1 g) rounds to 750,000 g.
      [tenant, 'Contoso', M365_SERVICE, 'North America', 0, 0, 0, 0]
    ])
    expect(recs[0]).not.toHaveProperty('extra')
  })
  it('EnrollmentProjection rows: the months after the last actual one are the forecast', () => {
    const rows = parseODataPage({
      value: [
        {
          dateKey: 20250901,
          enrollmentId: '12345678',
          actualEmissions: 10.5,
          projectedEmissions: null,
          actualUsage: 1,
          projectedUsage: null
        },
        {
          dateKey: 20251001,
          enrollmentId: '12345678',
          actualEmissions: 11.25,
          projectedEmissions: 11.25,
          actualUsage: 1,
          projectedUsage: 1
        },
        {
          dateKey: 20251101,
          enrollmentId: '12345678',
          actualEmissions: null,
          projectedEmissions: 10.9,
          actualUsage: null,
          projectedUsage: 1
        },
        {
          dateKey: 20251201,
          enrollmentId: '12345678',
          actualEmissions: 0,
          projectedEmissions: 10.8765432,
          actualUsage: 0,
          projectedUsage: 1
        }
      ]
    }).rows
    expect(forecastPoints(rows, 'enrollment 12345678')).toEqual([
      {
        month: '2025-11',
        grams: 10_900_000,
        basis: expect.stringMatching(/projectedEmissions/),
        scope: 'enrollment 12345678'
      },
      {
        month: '2025-12',
        grams: 10_876_543,
        basis: expect.stringMatching(/projectedEmissions/),
        scope: 'enrollment 12345678'
      }
    ])
  })
  it('the error bodies: the API {code, message}, API Management {statusCode, message}, anything else', () => {
    expect(
      parseErrorBody({ status: 400, text: '{"code":400,"message":"The query specified in the URI is not valid."}' })
    ).toMatchObject({
      status: 400,
      code: '400',
      message: 'The query specified in the URI is not valid.'
    })
    expect(parseErrorBody({ status: 500, text: '{"code":500,"message":"An error occurred."}' }).message).toBe(
      'An error occurred.'
    )
    const apim = parseErrorBody({
      status: 401,
      text: '{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." }'
    })
    expect(apim).toMatchObject({ status: 401, code: '401' })
    expect(apim.message).toMatch(/^Access denied due to missing subscription key/)
    expect(parseErrorBody({ status: 502, text: '<html>Bad gateway</html>' }).message).toBe('<html>Bad gateway</html>')
  })
})

describe('metric tons to grams, exactly', () => {
  const g = (t: unknown) => Number(tonnesToNanograms(t) / 1_000_000_000n)
  const ng = (t: unknown) => tonnesToNanograms(t)
  it('through the shortest decimal form, never float products', () => {
    expect(g(0.048)).toBe(48_000) // 0.048 * 1e6 is 47999.99999999999 in floating point
    expect(g(0.000001)).toBe(1)
    expect(ng(1e-7)).toBe(100_000_000n) // "1e-7": 0.1 g
    expect(ng(1.2345678)).toBe(1_234_567_800_000_000n)
    expect(g(123456.789)).toBe(123_456_789_000)
    expect(g('12.5')).toBe(12_500_000)
    expect(g(0)).toBe(0)
  })
  it('refuses what is not a number', () => {
    expect(() => tonnesToNanograms('abc')).toThrow(/not a number/)
    expect(() => tonnesToNanograms(null)).toThrow(/not a number/)
    expect(() => tonnesToNanograms(Infinity)).toThrow(/not a number/)
  })
  it('a month rounds as a whole: its records add up to its exact total, to the gram', () => {
    const f = new Folder(PERIOD, enrollmentDims)
    // Seven cells of 0.4 g each: 2.8 g in all. Rounding each would give 0 g; the month gives 3 g.
    for (let i = 0; i < 7; i++)
      f.add({
        dateKey: 20250301,
        subscriptionId: SUB,
        azureServiceName: `svc${i}`,
        azureRegionName: 'East US',
        scopeId: 2,
        totalEmissions: 4e-7
      })
    const recs = f.records('mcfs', () => undefined)
    expect(recs.reduce((a, r) => a + r.grams, 0)).toBe(3)
    expect(recs.every((r) => r.grams === r.scope2MarketGrams && (r.grams === 0 || r.grams === 1))).toBe(true)
  })
  it('a row without a scope is in the total and in no scope column', () => {
    const f = new Folder(PERIOD, enrollmentDims)
    f.add({
      dateKey: 20250301,
      subscriptionId: SUB,
      azureServiceName: 'x',
      azureRegionName: 'y',
      scopeId: 2,
      totalEmissions: 1
    })
    f.add({
      dateKey: 20250301,
      subscriptionId: SUB,
      azureServiceName: 'x',
      azureRegionName: 'y',
      scope: 'Scope 9',
      totalEmissions: 2
    })
    const [r] = f.records('mcfs', () => undefined)
    expect([r.grams, r.scope1Grams, r.scope2MarketGrams, r.scope3MarketGrams]).toEqual([3_000_000, 0, 1_000_000, 0])
    expect(f.unscoped).toBe(1)
  })
  it('rows outside the period are counted and left out; bad rows are refused', () => {
    const f = new Folder(PERIOD, enrollmentDims)
    f.add({ dateKey: 20241201, subscriptionId: SUB, scopeId: 1, totalEmissions: 1 })
    expect(f.outside).toBe(1)
    expect(f.records('mcfs', () => undefined)).toEqual([])
    expect(() => f.add({ dateKey: 2025011, subscriptionId: SUB, scopeId: 1, totalEmissions: 1 })).toThrow(
      /no valid dateKey/
    )
    expect(() => f.add({ dateKey: 20250101, scopeId: 1, totalEmissions: 1 })).toThrow(/no subscriptionId/)
    expect(() => f.add({ dateKey: 20250101, subscriptionId: SUB, scopeId: 1, totalEmissions: 'n/a' })).toThrow(
      /not a number/
    )
  })
})

describe('queries', () => {
  it('dateKey is yyyymm01, both ways', () => {
    expect(dateKeyOf('2025-01')).toBe(20250101)
    expect(dateKeyOf('2025-12')).toBe(20251201)
    expect(monthOfDateKey(20251201)).toBe('2025-12')
    expect(monthOfDateKey('20250301')).toBe('2025-03')
    expect(monthOfDateKey(20251301)).toBeNull()
    expect(monthOfDateKey(2025.5)).toBeNull()
  })
  it('scope from scopeId, else from the scope text', () => {
    expect(scopeOf({ scopeId: 3, scope: 'Scope 1' })).toBe(3)
    expect(scopeOf({ scope: 'scope 2' })).toBe(2)
    expect(scopeOf({ scopeId: '1' })).toBe(1)
    expect(scopeOf({ scope: 'Scope 4' })).toBeNull()
  })
  it('enrollment emissions: server-side $filter on dateKey, $select of the needed fields, $count', () => {
    const url = new URL(
      enrollmentEmissionsUrl(
        'https://api.mcfs.microsoft.com/',
        '20aec369-f1c8-4814-a89d-4d449dd7e8a1',
        '12345678',
        PERIOD
      )
    )
    expect(url.origin + url.pathname).toBe(
      'https://api.mcfs.microsoft.com/api/v1.0/instances/20aec369-f1c8-4814-a89d-4d449dd7e8a1/enrollments/12345678/emissions'
    )
    expect(url.search).toBe(
      '?$filter=dateKey%20ge%2020250101%20and%20dateKey%20le%2020251201' +
        '&$select=dateKey%2CsubscriptionId%2CsubscriptionName%2CazureServiceName%2CsubService%2CazureRegionName%2Cscope%2CscopeId%2CtotalEmissions&$count=true'
    )
    // No $top: in OData it would cap the whole result, not the page.
    expect(url.searchParams.has('$top')).toBe(false)
  })
  it('Microsoft 365: the tenant as an OData string literal in the filter', () => {
    const url = new URL(
      tenantEmissionsUrl('https://api.mcfs.microsoft.com', 'i', '72f988bf-86f1-41af-91ab-2d7cd011db47', PERIOD)
    )
    expect(url.pathname).toBe('/api/v1.0/instances/i/m365/tenantemissions')
    expect(url.searchParams.get('$filter')).toBe(
      "tenantId eq '72f988bf-86f1-41af-91ab-2d7cd011db47' and dateKey ge 20250101 and dateKey le 20251201"
    )
    expect(url.searchParams.get('$select')).toBe('dateKey,tenantId,tenantName,officeRegionName,scope,totalEmissions')
    expect(odataString("O'Neil")).toBe("'O''Neil'")
  })
  it('projections of the enrollment', () => {
    const url = new URL(projectionsUrl('https://api.mcfs.microsoft.com', 'i', 'demodata'))
    expect(url.pathname).toBe('/api/v1.0/instances/i/enrollments/demodata/projections')
    expect(url.searchParams.get('$select')).toBe('dateKey,enrollmentId,actualEmissions,projectedEmissions')
  })
})

describe('each failure has its own message', () => {
  const c = {
    dataSet: 'enrollment 12345678',
    instanceId: 'inst',
    endpoint: 'https://api.mcfs.microsoft.com',
    identity: 'app A in tenant T (GitHub OIDC)'
  }
  const explain = (status: number, text: string) => explainMcfsError(parseErrorBody({ status, text }), c)
  it('401 from API Management: the API key', () => {
    const m = explain(
      401,
      '{"statusCode":401,"message":"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}'
    )
    expect(m).toMatch(/HTTP 401: Access denied due to invalid subscription key.*check the mcfs-api-key secret/)
    expect(m).not.toMatch(/azure-client-id|App\.Emissions\.Read/)
    expect(explain(401, '{"statusCode":401,"message":"Access denied due to missing subscription key."}')).toMatch(
      /mcfs-api-key/
    )
  })
  it('401 otherwise: the Entra token', () => {
    const m = explain(401, '{"statusCode":401,"message":"Unauthorized. Access token is missing or invalid."}')
    expect(m).toMatch(/Entra access token of app A in tenant T .* check azure-client-id and azure-tenant-id/)
    expect(m).not.toMatch(/mcfs-api-key/)
  })
  it('403: the App.Emissions.Read permission, the instance, the connection of the data set', () => {
    const m = explain(403, '{"code":403,"message":"Forbidden"}')
    expect(m).toMatch(
      /HTTP 403: Forbidden\. .*App\.Emissions\.Read .*c3163bf1-092f-436b-b260-7ade5973e5b9.*admin consent.*instance inst.*enrollment 12345678 is connected/
    )
    expect(m).not.toMatch(/mcfs-api-key/)
  })
  it('404, 400, 5xx', () => {
    expect(explain(404, '{"statusCode":404,"message":"Resource not found"}')).toMatch(
      /Check mcfs-instance-id \(inst\).*mcfs-endpoint/
    )
    expect(explain(400, '{"code":400,"message":"bad $filter"}')).toMatch(
      /HTTP 400: bad \$filter\. The API refused the query/
    )
    expect(explain(503, '')).toMatch(/HTTP 503\. The service failed; run again later\./)
  })
})
