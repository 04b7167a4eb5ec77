/**
 * MCFS OData pages read straight from their bytes (scan.ts) give what parsing them whole gives: the same next
 * link, count and records (folded, to the gram), or the same error, for any formatting, member order, extra
 * members and field types; pages of any other kind are parsed whole, and bytes that are not JSON fail as
 * JSON.parse fails.
 */
import fc from 'fast-check'
import { bodyText, NotJsonError, parseJsonBody } from '../src/body.js'
import { errorMessage } from '../src/secrets.js'
import {
  enrollmentDims,
  Folder,
  parseODataPage,
  subServiceNames,
  tenantDims,
  type ODataPage
} from '../src/providers/mcfs/index.js'
import { readODataPage, scanODataPage } from '../src/providers/mcfs/scan.js'
import { anyOrder, serialize, spoiltPages } from './helpers/json.js'

const PERIOD = { start: '2025-01', end: '2025-03' }
const SUB = '8ee8a0e1-3e4a-4d1f-9a4c-2b1d8f1c0a11'

/** What a page comes to: its link and count, and the records its rows fold into (or the error they stop at). */
function outcome(page: ODataPage, tenant: boolean) {
  const folder = new Folder(PERIOD, tenant ? tenantDims('t-1') : enrollmentDims)
  let error: string | null = null
  try {
    for (const row of page.rows) folder.add(row)
  } catch (e) {
    error = errorMessage(e)
  }
  return {
    nextLink: page.nextLink,
    count: page.count,
    rows: page.rows.length,
    // Sub-services go into `extra`: a reader that lost them would show here.
    records: folder.records('mcfs', (c) => ({ subServices: subServiceNames(c)?.join(', ') ?? null })),
    error
  }
}

/** The outcome of reading a page one way, or the message it fails with. */
function attempt(read: () => ODataPage, tenant: boolean): ReturnType<typeof outcome> | { failure: string } {
  try {
    return outcome(read(), tenant)
  } catch (e) {
    return { failure: `${(e as Error).name}: ${errorMessage(e)}` }
  }
}

/** The page read both ways: the same outcome, or the same failure; how many records it came to. */
function expectSame(body: Buffer, tenant = false): number {
  const want = attempt(() => parseODataPage(parseJsonBody(bodyText(body))), tenant)
  expect(attempt(() => readODataPage(body), tenant)).toStrictEqual(want)
  return 'records' in want ? want.records.length : 0
}

// Odd values are rare, so that most pages fold into records and the comparison is not only of failures.
const figure = fc.oneof(
  { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: 0, max: 1e4 }), weight: 10 },
  { arbitrary: fc.integer({ min: 0, max: 10 ** 12 }).map((n) => n / 10 ** (n % 13)), weight: 10 },
  { arbitrary: fc.constantFrom(0, 1e-9, 0.000001, 123.456789, 562.949953421311), weight: 10 },
  { arbitrary: fc.constantFrom('0.5', 'abc', null, true, { t: 1 }, 1e21), weight: 1 }
)
const text = (...values: string[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...values), weight: 30 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 }
  )
/** A row's members, every one there and in this order (`row` leaves some out). */
const fields = {
  dateKey: fc.oneof(
    { arbitrary: fc.constantFrom(20250101, 20250201, 20250301, 20241201), weight: 30 },
    { arbitrary: fc.constantFrom('20250201', 2025013, null), weight: 1 }
  ),
  enrollmentId: fc.constant('12345678'),
  orgName: fc.constantFrom('Contoso', ''),
  subscriptionId: text(SUB, SUB.toUpperCase(), ` ${SUB} `, 'b', ''),
  subscriptionName: text('Contoso Prod', '=SUM(A1)', ''),
  azureServiceName: text('Storage', 'Virtual Machines', ''),
  subService: text('Azure Storage', 'Premium SSD', ''),
  azureRegionName: text('West Europe', 'East US', ''),
  tenantId: text('t-1', 'T-2'),
  tenantName: text('Contoso Ltd'),
  officeRegionName: text('Europe', 'North America'),
  scope: text('Scope 1', 'Scope 2', 'scope 3', 'Scope 4'),
  scopeId: fc.oneof(fc.constantFrom(1, 2, 3, 4, '2'), fc.constant(null)),
  totalEmissions: figure,
  extra: fc.oneof(fc.constant({ nested: [1, { a: [true, false, null] }], s: 'x' }), fc.constant([]), fc.constant(-0.5))
}
const row = fc.record(fields, {
  requiredKeys: ['dateKey', 'subscriptionId', 'tenantId', 'totalEmissions', 'subService']
})
/** Rows written alike (every member, one order), now and then another: rows read by their shape. */
const alike = fc.array(fc.oneof({ arbitrary: fc.record(fields), weight: 6 }, { arbitrary: anyOrder(row), weight: 1 }), {
  minLength: 2,
  maxLength: 30
})
/** A row's members in any order. */
const shuffled = anyOrder(row)
const page = fc.record(
  {
    '@odata.context': fc.constant('https://api.mcfs.microsoft.com/api/v1.0/instances/i/$metadata#emissions'),
    '@odata.count': fc.oneof(fc.nat({ max: 40 }), fc.constantFrom('12', 'x', null)),
    value: fc.oneof(alike, fc.array(shuffled, { maxLength: 20 })),
    '@odata.nextLink': fc.oneof(
      fc.constantFrom('https://api.mcfs.microsoft.com/next?$skip=1000', ''),
      fc.constant(null)
    )
  },
  { requiredKeys: ['value'] }
)
const spaces = fc.array(fc.constantFrom('', ' ', '\n  ', '\t', '\r\n'), { minLength: 1, maxLength: 8 })

describe('MCFS pages read from their bytes', () => {
  it('give the same link, count, records and error for any formatting, member order and field types', () => {
    let records = 0
    let withSubServices = 0
    fc.assert(
      fc.property(page, spaces, fc.boolean(), (p, ws, tenant) => {
        let k = 0
        const body = Buffer.from(serialize(p, () => ws[k++ % ws.length]))
        // Every generated page is plain (ASCII, no escapes): read from its bytes, not parsed whole.
        expect(scanODataPage(body)).not.toBeNull()
        records += expectSame(body, tenant)
        if (!tenant && /"subService"\s*:\s*"/.test(body.toString())) withSubServices++
      }),
      { numRuns: 400 }
    )
    // The comparison is not only of failures: many pages fold into records, many with sub-services.
    expect(records).toBeGreaterThan(200)
    expect(withSubServices).toBeGreaterThan(50)
  })

  it('keep only the members the provider reads, as JSON.parse gives them', () => {
    const body = Buffer.from(
      JSON.stringify({
        value: [{ dateKey: 20250101, orgName: 'Contoso', totalEmissions: 0.1, scope: 'Scope 2', subService: null }],
        '@odata.count': 1
      })
    )
    expect(readODataPage(body)).toStrictEqual({
      rows: [{ dateKey: 20250101, totalEmissions: 0.1, scope: 'Scope 2', subService: null }],
      nextLink: null,
      count: 1
    })
  })

  it('leave other pages to JSON.parse, which fails as it fails on bytes that are not JSON', () => {
    const plain = {
      value: [{ dateKey: 20250101, subscriptionId: SUB, azureServiceName: 's', scopeId: 2, totalEmissions: 1.5 }],
      '@odata.nextLink': 'https://api.mcfs.microsoft.com/next'
    }
    const text = JSON.stringify(plain)
    const others = [...spoiltPages(text, '"s"', '1.5', '"@odata.count":"1"'), '[]']
    for (const body of others) expectSame(Buffer.from(body))
    for (const body of others.slice(0, 6)) expect(scanODataPage(Buffer.from(body))).toBeNull()
    expect(() => readODataPage(Buffer.from(text.slice(0, -3)))).toThrow(NotJsonError)
    expect(() => readODataPage(Buffer.from('[]'))).toThrow(/not an OData object/)
  })
})
