/**
 * AWS Sustainability pages read straight from their bytes (scan.ts) give what decoding their parsed tree gives:
 * the same batch byte for byte, the same sums, NextToken and row error, for AWS's own example and for any
 * formatting, member order, extra members, missing or odd values; a page with anything the byte reader does not
 * take whole goes to the tree, and bytes that are not JSON fail as JSON.parse fails.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import fc from 'fast-check'
import { NotJsonError } from '../src/body.js'
import { decodeAwsPage, decodeAwsTree, type AwsPage, type AwsPageJob } from '../src/providers/aws/page.js'
import { scanAwsPage } from '../src/providers/aws/scan.js'
import { ROOT } from './helpers/action.js'
import { serialize } from './helpers/json.js'

// AWS's Smithy model (the copy the sandbox validates against), with its example answer.
const MODEL = path.join(ROOT, 'sandbox', 'models', 'aws-sustainability.json')

const JOB: AwsPageJob = { method: 'market', fallbackAccount: '999988887777', month: '2025-01', keepRecords: false }

/** A page's result as plain data (its bytes as text), to compare. */
function plain(p: AwsPage) {
  const { json, csv, ...sums } = p.batch
  return {
    json: Buffer.from(json).toString('utf8'),
    csv: Buffer.from(csv).toString('utf8'),
    sums,
    next: p.next,
    error: p.error
  }
}

/** The page both ways: the same result, or the same failure. */
function expectSame(body: Buffer, job: AwsPageJob = JOB): void {
  let want: ReturnType<typeof plain> | null = null
  let failure: unknown = null
  try {
    want = plain(decodeAwsTree(body, job))
  } catch (e) {
    failure = e
  }
  if (failure !== null) {
    expect(failure).toBeInstanceOf(NotJsonError)
    expect(() => decodeAwsPage(body, job)).toThrow(failure as Error)
    return
  }
  expect(plain(decodeAwsPage(body, job))).toStrictEqual(want)
}

const TYPES = [
  'TOTAL_LBM_CARBON_EMISSIONS',
  'TOTAL_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_1_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS'
]

/**
 * Rows: `odd` = 0 gives only what the byte reader takes whole (usual values, some missing or null), any other
 * weight mixes in, at that weight against 12, what sends a page to the tree.
 */
function rows(odd: number) {
  const usually = <T, U>(usual: fc.Arbitrary<T>, other: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
    odd === 0 ? usual : fc.oneof({ arbitrary: usual, weight: 12 }, { arbitrary: other, weight: odd })
  const number = fc.oneof(
    fc.integer({ min: 0, max: 10 ** 9 }).map((g) => g / 1e6),
    // Up to 15 digits, within the 2^53 grams a report can sum.
    fc.integer({ min: -(10 ** 15), max: 10 ** 15 }).map((n) => n / 10 ** (6 + (Math.abs(n) % 10))),
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.constantFrom(0, -0, 1, 1e-7, 0.0000005, 1e-30, 123456789.123456)
  )
  const value = usually(fc.oneof(number, fc.constant(null)), fc.constantFrom('0.5', '', true, { v: 1 }, 1e300, 1e21))
  const figure = usually(
    fc.oneof(
      fc.record(
        { Value: value, Unit: usually(fc.constant('MTCO2e'), fc.constantFrom('KGCO2e', 'kgco2e', null, 'lbs', 7)) },
        { requiredKeys: ['Value'] }
      ),
      fc.constantFrom(null, {})
    ),
    fc.constantFrom(5, 'x')
  )
  const text = usually(
    fc.constantFrom('111122223333', '444455556666', 'us-east-1', 'AmazonEC2', '', ' spaced ', '=1+2', null),
    fc.constantFrom(7, ['a'])
  )
  const start = usually(
    fc.constantFrom('2025-01-01T00:00:00Z', '2025-01-01', '2025-01-01T00:00:00.000Z'),
    fc.constantFrom('2025-02-01T00:00:00Z', '2025-01-02T00:00:00Z', '2025-1-01', 'x', null, 20250101)
  )
  return fc.record(
    {
      TimePeriod: usually(
        fc.record({ Start: start, End: fc.constant('2025-02-01T00:00:00Z') }, { requiredKeys: ['Start'] }),
        fc.constantFrom(null, {}, 'x')
      ),
      DimensionsValues: usually(
        fc.record(
          { USAGE_ACCOUNT_ID: text, REGION: text, SERVICE: text, OTHER: fc.constant({ deep: [1, 'x'] }) },
          { requiredKeys: [] }
        ),
        fc.constantFrom(null, 'x')
      ),
      ModelVersion: usually(fc.constantFrom('v3.0.0', 'v3.1.0', null), fc.constant(3)),
      EmissionsValues: usually(
        // Without odd rows, the market figure is always there: every row has its headline.
        fc.record(
          Object.fromEntries(
            TYPES.map((t) => [
              t,
              odd === 0 && t === 'TOTAL_MBM_CARBON_EMISSIONS' ? fc.record({ Value: number }) : figure
            ])
          ),
          { requiredKeys: odd === 0 ? TYPES.slice(0, 2) : [] }
        ),
        fc.constantFrom(null, {}, [])
      ),
      Extra: fc.constantFrom('x', null, 1.5, { Results: [] })
    },
    { requiredKeys: ['TimePeriod', 'EmissionsValues'] }
  )
}

/** A row's members in an order chosen by `seed`, so pages mix orders or keep one. */
function reorder(o: Record<string, unknown>, seed: number): Record<string, unknown> {
  const keys = Object.keys(o)
  if (seed % 3 !== 0) return o
  const order = [...keys].sort((a, b) => ((a.length * seed) % 7) - ((b.length * seed) % 7))
  return Object.fromEntries(order.map((k) => [k, o[k]]))
}

describe('AWS pages read from their bytes', () => {
  it("read AWS's own example as the tree does, from the bytes", () => {
    const model = JSON.parse(fs.readFileSync(MODEL, 'utf8')) as {
      shapes: Record<string, { traits?: Record<string, { output?: unknown }[]> }>
    }
    const example =
      model.shapes['com.amazonaws.sustainability#GetEstimatedCarbonEmissions'].traits!['smithy.api#examples'][0].output
    const body = Buffer.from(JSON.stringify(example))
    expect(scanAwsPage(body, JOB)).not.toBeNull()
    expectSame(body)
    expectSame(Buffer.from(JSON.stringify(example, null, 2)))
    // The example's one row has no account: the role's account stands in.
    expect(plain(decodeAwsPage(body, JOB)).csv).toContain('999988887777')
  })

  it('read any page as the tree does: formatting, member order, missing and odd values', () => {
    let read = 0
    let runs = 0
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.tuple(rows(0), fc.nat()), { maxLength: 12 }),
          fc.array(fc.tuple(rows(1), fc.nat()), { maxLength: 12 })
        ),
        fc.oneof(fc.constant(undefined), fc.constantFrom(null, 'eyJvIjo1MDAwfQ==', 5)),
        fc.constantFrom('', ' ', '\n  ', '\t'),
        fc.boolean(),
        fc.constantFrom<AwsPageJob>(JOB, { ...JOB, method: 'location', fallbackAccount: null, keepRecords: true }),
        (list, next, space, nextFirst, job) => {
          const results = list.map(([r, seed]) => reorder(r, seed))
          const page: Record<string, unknown> = {}
          if (nextFirst && next !== undefined) page.NextToken = next
          page.Results = results
          if (!nextFirst && next !== undefined) page.NextToken = next
          let n = 0
          const body = Buffer.from(serialize(page, () => (n++ % 5 === 0 ? space : '')))
          expectSame(body, job)
          runs++
          if (list.length > 1 && scanAwsPage(body, job) !== null) read++
        }
      ),
      { numRuns: 400 }
    )
    // Pages of several rows are read from their bytes often enough for the comparison to hold that reading.
    expect(read).toBeGreaterThan(runs / 10)
  })

  it('reads the usual page (one member order, rows alike) from its bytes, in any formatting', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      TimePeriod: { Start: '2025-01-01T00:00:00Z', End: '2025-02-01T00:00:00Z' },
      DimensionsValues: { USAGE_ACCOUNT_ID: String(111122223333 + (i % 7)), REGION: 'eu-west-1', SERVICE: 'AmazonS3' },
      ModelVersion: 'v3.0.0',
      EmissionsValues: Object.fromEntries(TYPES.map((t, k) => [t, { Value: (i * 7919 + k) / 1e6, Unit: 'MTCO2e' }]))
    }))
    for (const body of [
      Buffer.from(JSON.stringify({ Results: rows, NextToken: 'abc' })),
      Buffer.from(JSON.stringify({ NextToken: null, Results: rows }, null, 2))
    ]) {
      expect(scanAwsPage(body, JOB)).not.toBeNull()
      expectSame(body)
    }
  })

  it('tells a row of another shape by any one byte of its keys, at every place in a word or after it', () => {
    const row = {
      TimePeriod: { Start: '2025-01-01T00:00:00Z', End: '2025-02-01T00:00:00Z' },
      DimensionsValues: { USAGE_ACCOUNT_ID: '111122223333', REGION: 'eu-west-1', SERVICE: 'AmazonS3' },
      ModelVersion: 'v3.0.0',
      EmissionsValues: Object.fromEntries(TYPES.map((t, k) => [t, { Value: (7919 + k) / 1e6, Unit: 'MTCO2e' }]))
    }
    const text = JSON.stringify(row)
    let tried = 0
    // Every letter of every key, changed alone: that member becomes an unknown one (skipped, or a missing one).
    for (const key of text.matchAll(/"([A-Za-z_0-9]+)":/g)) {
      for (let j = key.index + 1; j < key.index + 1 + key[1].length; j++) {
        const other = `${text.slice(0, j)}${text[j] === 'q' ? 'z' : 'q'}${text.slice(j + 1)}`
        expectSame(Buffer.from(`{"Results":[${text},${other},${text}]}`))
        // The changed row last: its shape is matched up to the page's end.
        expectSame(Buffer.from(`{"Results":[${text},${other}]}`))
        tried++
      }
    }
    expect(tried).toBeGreaterThan(150)
  })

  it('leaves to the tree a page with a row it does not take whole, and fails bytes that are not JSON as JSON.parse does', () => {
    const good = (v: unknown) => ({
      TimePeriod: { Start: '2025-01-01T00:00:00Z' },
      EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: v, Unit: 'MTCO2e' } }
    })
    const later = (bad: unknown) => Buffer.from(JSON.stringify({ Results: [good(1), good(2), bad, good(3)] }))
    for (const bad of [
      { TimePeriod: { Start: '2025-02-01T00:00:00Z' }, EmissionsValues: good(1).EmissionsValues },
      { TimePeriod: { Start: '2025-01-01T00:00:00Z' }, EmissionsValues: {} },
      { ...good(1), EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: 1, Unit: 'KGCO2e' } } },
      { ...good(1), EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: 'x', Unit: 'MTCO2e' } } },
      good(1e300),
      'not a row'
    ]) {
      const body = later(bad)
      expect(scanAwsPage(body, JOB)).toBeNull()
      expectSame(body)
    }
    // A repeated member (JSON.parse keeps the last) and a string with an escape go to the tree too.
    const twice =
      '{"Results":[{"TimePeriod":{"Start":"2025-01-01"},"EmissionsValues":{"TOTAL_MBM_CARBON_EMISSIONS":{"Value":1}},"ModelVersion":"a","ModelVersion":"b"}]}'
    const escaped = later(good(1)).toString().replace('2025-01-01T00', '2025-01-01T\\u0030')
    for (const body of [Buffer.from(twice), Buffer.from(escaped)]) {
      expect(scanAwsPage(body, JOB)).toBeNull()
      expectSame(body)
    }
    for (const text of [
      '',
      '{"Results":[',
      '{"Results":[{"TimePeriod":{"Start":"2025-01-01"}},]}',
      '{"Results":[01]}',
      '{"Results":[]} x'
    ])
      expectSame(Buffer.from(text))
  })

  it('reads figures of every size as the tree does, to the gram', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
            fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map((n) => n / 10 ** (Math.abs(n) % 19))
          ),
          { minLength: 1, maxLength: 30 }
        ),
        (values) => {
          const rows = values.map((v) => ({
            TimePeriod: { Start: '2025-01-01T00:00:00Z' },
            EmissionsValues: Object.fromEntries(TYPES.map((t) => [t, { Value: v, Unit: 'MTCO2e' }]))
          }))
          expectSame(Buffer.from(JSON.stringify({ Results: rows })))
        }
      ),
      { numRuns: 200 }
    )
  })
})
