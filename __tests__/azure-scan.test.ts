/**
 * Azure resource-detail pages read straight from their bytes (scan.ts) give what parsing them whole gives: the
 * same cells, skip token, access decisions and row error, for the service's own example and for any formatting,
 * key order, extra members and field types; pages of any other kind are parsed whole, and bytes that are not
 * JSON fail as JSON.parse fails.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import fc from 'fast-check'
import { bodyText, NotJsonError, parseJsonBody } from '../src/body.js'
import { errorMessage } from '../src/secrets.js'
import { DimsCache, PageCells } from '../src/providers/azure/cells.js'
import { decodeAzurePage } from '../src/providers/azure/page.js'
import { parseReportPage } from '../src/providers/azure/parse.js'
import { scanReportPage } from '../src/providers/azure/scan.js'
import { ROOT } from './helpers/action.js'
import { anyOrder, serialize, spoiltPages } from './helpers/json.js'

/** What parsing the page whole gives. */
function whole(body: Buffer, scope: number) {
  const page = parseReportPage(parseJsonBody(bodyText(body)))
  const cells = new PageCells(new DimsCache(), scope)
  let error: string | null = null
  for (const row of page.rows) {
    try {
      cells.add(row)
    } catch (e) {
      error = errorMessage(e)
      break
    }
  }
  return { skipToken: page.skipToken, decisions: page.decisions, cells: cells.list(), error }
}

/** The page both ways: the same result, or the same failure. */
function expectSame(body: Buffer, scope = 0): void {
  let want: ReturnType<typeof whole> | null = null
  let failure: unknown = null
  try {
    want = whole(body, scope)
  } catch (e) {
    failure = e
  }
  if (failure !== null) {
    expect(() => decodeAzurePage(body, scope, new DimsCache())).toThrow(failure as Error)
    return
  }
  expect(decodeAzurePage(body, scope, new DimsCache())).toStrictEqual(want)
}

const SPEC = path.join(ROOT, '__tests__', 'fixtures', 'azure')

const SUBS = ['aaaaaaaa-0000-4000-a000-000000000001', 'BBBBBBBB-0000-4000-A000-000000000002,', ' c ']
const figure = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((n) => n / 10 ** (Math.abs(n) % 16)),
  fc.constantFrom(0, -0, 1e-12, 123.456, 5e-324, 1e21, 562.949953421311),
  fc.constantFrom('1e5', 'abc', '', null, true, { kg: 1 }, [1])
)
const text = fc.oneof(
  fc.constantFrom(...SUBS, '', 'x', 'Microsoft.Compute/virtualMachines'),
  fc.constant(null),
  fc.integer()
)
/** A row's members, every one there and in this order (`row` leaves some out). */
const fields = {
  dataType: fc.constant('ResourceItemDetailsData'),
  latestMonthEmissions: figure,
  previousMonthEmissions: figure,
  subscriptionId: text,
  resourceGroup: fc.constantFrom('rg-a', 'rg-b'),
  resourceId: fc.constantFrom(
    '/subscriptions/aaaaaaaa-0000-4000-a000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s1',
    '/subscriptions/s2/resourcegroups/rg/providers/Microsoft.Web/sites/a/slots/b',
    '',
    null,
    7
  ),
  resourceType: text,
  location: fc.oneof(fc.constantFrom('eastus', ' westeurope ', ''), fc.constant(null)),
  itemName: fc.constantFrom('vm1', 'sa2', null, { n: 1 }),
  categoryType: fc.constant('Resource'),
  extra: fc.oneof(
    fc.constant({ nested: [1, { a: [true, false, null] }], s: 'x' }),
    fc.constant([]),
    fc.constant(-0.5e-3)
  )
}
const row = fc.record(fields, { requiredKeys: [] })
/** Rows written alike (every member, one order), now and then another: rows read by their shape. */
const alike = fc.array(fc.oneof({ arbitrary: fc.record(fields), weight: 6 }, { arbitrary: anyOrder(row), weight: 1 }), {
  minLength: 2,
  maxLength: 30
})
/** A row's members in any order. */
const shuffled = anyOrder(row)
const page = fc.record(
  {
    value: fc.oneof(alike, fc.array(shuffled, { maxLength: 25 })),
    skipToken: fc.oneof(fc.constantFrom('abc', ''), fc.constant(null)),
    subscriptionAccessDecisionList: fc.array(
      fc.record({ subscriptionId: fc.constantFrom(...SUBS), decision: fc.constantFrom('Allowed', 'Denied') })
    )
  },
  { requiredKeys: ['value'] }
)
const spaces = fc.array(fc.constantFrom('', ' ', '\n  ', '\t', '\r\n'), { minLength: 1, maxLength: 8 })

describe('Azure pages read from their bytes', () => {
  it("give what parsing them whole gives for the service's example page", () => {
    const example = JSON.parse(fs.readFileSync(path.join(SPEC, 'resource-item-details-report-page1.json'), 'utf8'))
    const body = Buffer.from(JSON.stringify(example.responses['200'].body, null, 2))
    expect(scanReportPage(body, () => undefined)).not.toBeNull()
    for (const scope of [0, 1, 2]) expectSame(body, scope)
  })

  it('give the same cells, token, decisions and error for any formatting, key order and field types', () => {
    fc.assert(
      fc.property(page, spaces, fc.integer({ min: 0, max: 2 }), (p, ws, scope) => {
        let k = 0
        const body = Buffer.from(serialize(p, () => ws[k++ % ws.length]))
        // Every generated page is plain (ASCII, no escapes): read from its bytes, not parsed whole.
        expect(scanReportPage(body, () => undefined)).not.toBeNull()
        expectSame(body, scope)
      }),
      { numRuns: 400 }
    )
  })

  it('read any decimal figure as JSON.parse does, to the last bit', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''))
    const decimal = fc
      .tuple(
        fc.boolean(),
        digits(1, 12),
        fc.option(digits(1, 12), { nil: undefined }),
        fc.option(fc.integer({ min: -30, max: 30 }), { nil: undefined })
      )
      .map(([neg, int, frac, exp]) => {
        const i = int.length > 1 ? int.replace(/^0+/, '') || '0' : int
        return `${neg ? '-' : ''}${i}${frac !== undefined ? `.${frac}` : ''}${exp !== undefined ? `e${exp}` : ''}`
      })
    fc.assert(
      fc.property(decimal, (t) => {
        const body = Buffer.from(`{"value":[{"subscriptionId":"s","resourceType":"t","latestMonthEmissions":${t}}]}`)
        const seen: unknown[] = []
        expect(scanReportPage(body, (r) => seen.push(r.latestMonthEmissions))).not.toBeNull()
        expect(Object.is(seen[0], JSON.parse(t))).toBe(true)
      }),
      { numRuns: 3000 }
    )
  })

  it('leave other pages to JSON.parse, which fails as it fails on bytes that are not JSON', () => {
    const plain = { value: [{ subscriptionId: SUBS[0], resourceType: 't', location: 'l', latestMonthEmissions: 1.5 }] }
    const text = JSON.stringify(plain)
    const others = spoiltPages(text, '"t"', '1.5', '"skipToken":"t"')
    for (const body of others) expectSame(Buffer.from(body), 2)
    for (const body of others.slice(0, 6)) expect(scanReportPage(Buffer.from(body), () => undefined)).toBeNull()
    expect(() => decodeAzurePage(Buffer.from(text.slice(0, -3)), 0)).toThrow(NotJsonError)
  })

  it('stop the sums at a row whose figure cannot be read, and still read the rest of the page', () => {
    const rows = [
      { subscriptionId: SUBS[0], resourceType: 't', location: 'l', latestMonthEmissions: 2 },
      { subscriptionId: SUBS[0], resourceType: 'u', latestMonthEmissions: 'abc', resourceId: '/r' },
      { subscriptionId: SUBS[0], resourceType: 't', location: 'l', latestMonthEmissions: 3 }
    ]
    const body = Buffer.from(JSON.stringify({ value: rows, skipToken: 'next' }))
    const got = decodeAzurePage(body, 1, new DimsCache())
    expect(got.error).toBe('Scope2 of /r is not a number: "abc"')
    expect(got.skipToken).toBe('next')
    expect(got.cells.map((c) => [c.dims.service, c.ng, c.seen])).toEqual([
      ['t', 2e12, true],
      ['u', 0, false]
    ])
    expectSame(body, 1)
  })
})
