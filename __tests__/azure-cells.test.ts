/**
 * Azure's per-row sums (src/providers/azure/cells.ts) against the straightforward version they replace: the
 * same records, field for field and in the same order, and the same errors, for odd rows as well as for the
 * service's own (ids in any case, blank or missing fields, figures as strings, huge, negative or not numbers).
 */
import fc from 'fast-check'
import type { CarbonRecord } from '../src/model.js'
import { apportionGrams, kilogramsToNanograms } from '../src/units.js'
import { apportionSmallGrams } from '../src/providers/azure/apportion.js'
import { BatchMonthCells, DimsCache, PageCells } from '../src/providers/azure/cells.js'
import { normalizeSubscriptionId, resourceDimensions, SCOPES, type ReportRow } from '../src/providers/azure/index.js'

type Scope = (typeof SCOPES)[number]
interface Event {
  row: ReportRow
  j: number
}

const COLLATOR = new Intl.Collator()
type RefCell = ReturnType<typeof resourceDimensions> & { scopes: Record<Scope, bigint | null> }

/** The straightforward version: a key string, a BigInt per row, the collator in the comparator, spreads. */
function reference(
  events: Event[],
  subs: string[],
  failedMask: number,
  nameOf: (id: string) => string | null
): { records: CarbonRecord[] | null; errors: string[] } {
  const cells = new Map<string, RefCell>()
  const errors: string[] = []
  for (const { row, j } of events) {
    const scope = SCOPES[j]
    try {
      const dims = resourceDimensions(row)
      const key = `${dims.subscriptionId}\u0000${dims.service ?? ''}\u0000${dims.region ?? ''}`
      let cell = cells.get(key)
      if (!cell) {
        cell = { ...dims, scopes: { Scope1: null, Scope2: null, Scope3: null } }
        cells.set(key, cell)
      }
      cell.scopes[scope] =
        (cell.scopes[scope] ?? 0n) +
        kilogramsToNanograms(row.latestMonthEmissions, `${scope} of ${row.resourceId ?? row.itemName}`)
    } catch (e) {
      errors.push(String(e))
    }
  }
  try {
    return { records: referenceRecords(cells, subs, failedMask, nameOf), errors }
  } catch (e) {
    return { records: null, errors: [...errors, String(e)] }
  }
}

function referenceRecords(
  cells: Map<string, RefCell>,
  subs: string[],
  failedMask: number,
  nameOf: (id: string) => string | null
): CarbonRecord[] {
  type Cell = RefCell
  const failed = SCOPES.filter((_, j) => failedMask & (1 << j))
  const order = new Map(subs.map((s, i) => [s, i]))
  const list = [...cells.values()].sort(
    (a, b) =>
      (order.get(a.subscriptionId) ?? Infinity) - (order.get(b.subscriptionId) ?? Infinity) ||
      COLLATOR.compare(a.subscriptionId, b.subscriptionId) ||
      COLLATOR.compare(a.service ?? '', b.service ?? '') ||
      COLLATOR.compare(a.region ?? '', b.region ?? '')
  )
  const value = (c: Cell, s: Scope): bigint | null => c.scopes[s] ?? (failed.includes(s) ? null : 0n)
  const flat: bigint[] = []
  for (const c of list) for (const s of SCOPES) flat.push(value(c, s) ?? 0n)
  const grams = apportionGrams(flat)
  const records = list.map((c, i): CarbonRecord => {
    const [s1, s2, s3] = SCOPES.map((s, j) => (value(c, s) === null ? null : grams[i * 3 + j]))
    const sum = (s1 ?? 0) + (s2 ?? 0) + (s3 ?? 0)
    const id = { provider: 'azure' as const, account: c.subscriptionId, accountName: nameOf(c.subscriptionId) }
    return {
      ...{ ...id, month: '2026-01', service: c.service, region: c.region },
      grams: sum,
      marketGrams: sum,
      locationGrams: null,
      scope1Grams: s1,
      scope2MarketGrams: s2,
      scope2LocationGrams: null,
      scope3MarketGrams: s3,
      scope3LocationGrams: null,
      modelVersion: null
    }
  })
  return records
}

/** The code under test, fed the same events; months share one DimsCache as in a run. */
function fast(
  events: Event[],
  subs: string[],
  failedMask: number,
  nameOf: (id: string) => string | null,
  dims: DimsCache
): { records: CarbonRecord[] | null; errors: string[] } {
  const cells = new BatchMonthCells()
  const errors: string[] = []
  // A page per row: a page's cells are merged whether or not its row failed (the cell of a failed row stays).
  for (const { row, j } of events) {
    const page = new PageCells(dims, j)
    try {
      page.add(row)
    } catch (e) {
      errors.push(String(e))
    }
    cells.addPage(page.list(), j)
  }
  try {
    return { records: cells.records(subs, '2026-01', failedMask, nameOf), errors }
  } catch (e) {
    return { records: null, errors: [...errors, String(e)] }
  }
}

/** Equal to the reference: values (+0 and -0 apart), key order, errors. */
function expectSame(events: Event[], subs: string[], failedMask: number, dims = new DimsCache()): void {
  const nameOf = (id: string): string | null => (id.startsWith('a') ? `name of ${id}` : null)
  const want = reference(events, subs, failedMask, nameOf)
  const got = fast(events, subs, failedMask, nameOf, dims)
  expect(got.errors).toEqual(want.errors)
  expect(got.records).toStrictEqual(want.records)
  const keys = (rs: CarbonRecord[] | null): string[] | null => rs && rs.map((r) => Object.keys(r).join())
  expect(keys(got.records)).toEqual(keys(want.records))
}

const SUB = 'aaaaaaaa-0000-4000-a000-000000000001'
const rid = (sub: string, type = 'Microsoft.Compute/virtualMachines/vm1'): string =>
  `/subscriptions/${sub}/resourceGroups/rg/providers/${type}`

const subIds = fc.constantFrom(
  SUB,
  SUB.toUpperCase(),
  `${SUB} ,`,
  ` ${SUB}`,
  'bbbbbbbb-0000-4000-a000-000000000002',
  'c\u0000d',
  'c',
  'B',
  'é',
  'e\u0301',
  '',
  '  ',
  undefined,
  7
)
const types = fc.constantFrom(
  'microsoft.compute/virtualmachines',
  'Microsoft.Compute/virtualMachines ',
  'microsoft.sql/servers/databases',
  'd\u0000',
  'a',
  '',
  ' ',
  undefined,
  null
)
const locations = fc.constantFrom('east us', ' East US', 'west europe', '\u0000c', '', ' ', undefined, null, 3)
const figures = fc.oneof(
  fc.double({ noDefaultInfinity: true }),
  fc.double({ min: -1000, max: 1000, noNaN: true }),
  fc.integer({ min: -40000, max: 40000 }).map((g) => g / 1000),
  // Near the fast path's limit (2^49 ng is about 563 kg), where a few rows pass the safe integers.
  fc.constantFrom(562.949953421311, 562.949953421312, 563, -562.9, 9007.19925474099, 1e300, -1e-300, -0, 0),
  fc.constantFrom('0.1', ' 5 ', '1e3', '-2.5E-1', '', ' ', 'abc', null, undefined, {}, [], true, Infinity, NaN)
)
const rows: fc.Arbitrary<ReportRow> = fc
  .record({ sub: subIds, idSub: fc.constantFrom(SUB, 'ffff', ''), type: types, loc: locations, kg: figures })
  .map(({ sub, idSub, type, loc, kg }) => {
    const row: Record<string, unknown> = { itemName: 'vm1', resourceId: rid(idSub), latestMonthEmissions: kg }
    if (sub !== undefined) row.subscriptionId = sub
    if (type !== undefined) row.resourceType = type
    if (loc !== undefined) row.location = loc
    return row as ReportRow
  })
const events = fc.array(fc.record({ row: rows, j: fc.integer({ min: 0, max: 2 }) }), { maxLength: 60 })
const subLists = fc.array(fc.constantFrom(SUB, 'bbbbbbbb-0000-4000-a000-000000000002', 'c', 'zz', SUB.toUpperCase()), {
  maxLength: 4
})

describe('BatchMonthCells gives the records of the straightforward sums', () => {
  it('for odd rows in any order, any failed scopes, any listed subscriptions', () => {
    fc.assert(
      fc.property(events, subLists, fc.integer({ min: 0, max: 7 }), (ev, subs, failed) => expectSame(ev, subs, failed)),
      { numRuns: 3000 }
    )
  })

  it('with the dimensions remembered across months, and forgotten when the cache is full', () => {
    fc.assert(
      fc.property(fc.array(events, { minLength: 2, maxLength: 4 }), fc.integer({ min: 1, max: 4 }), (months, limit) => {
        const shared = new DimsCache(limit)
        for (const ev of months) expectSame(ev, [SUB], 0, shared)
      }),
      { numRuns: 500 }
    )
  })

  it('pages of many rows come to what pages of one row come to', () => {
    fc.assert(
      fc.property(events, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }), (ev, cuts) => {
        // Runs of one scope, cut at `cuts`; a page stops at its first row that fails (the rest of it is not read).
        const pages: Event[][] = []
        let c = 0
        for (const e of ev) {
          const last = pages[pages.length - 1]
          if (last && last[0].j === e.j && last.length < cuts[c % cuts.length]) last.push(e)
          else {
            pages.push([e])
            c++
          }
        }
        const read: Event[] = []
        const many = new BatchMonthCells()
        for (const page of pages) {
          const p = new PageCells(new DimsCache(), page[0].j)
          for (const e of page) {
            read.push(e)
            try {
              p.add(e.row)
            } catch {
              break
            }
          }
          many.addPage(p.list(), page[0].j)
        }
        const one = fast(read, [SUB], 0, () => null, new DimsCache())
        let got: CarbonRecord[] | string
        try {
          got = many.records([SUB], '2026-01', 0, () => null)
        } catch (e) {
          got = String(e)
        }
        expect(got).toStrictEqual(one.records ?? one.errors[one.errors.length - 1])
      }),
      { numRuns: 1000 }
    )
  })

  it('past the safe integers: many large figures in one cell stay exact', () => {
    const row = (kg: unknown): ReportRow =>
      ({ subscriptionId: SUB, resourceType: 't', location: 'x', latestMonthEmissions: kg }) as ReportRow
    const big = Array.from({ length: 40 }, (_, i) => ({ row: row(i % 2 ? 562.949953421311 : 0.001), j: 0 }))
    const mixed = [...big, { row: row(-1e9), j: 0 }, ...big, { row: row('1e5'), j: 1 }, { row: row(-562.9), j: 1 }]
    expectSame(mixed, [SUB], 0)
    // 20 figures of 2^49 - 1 ng sum past 2^53: the Number part flushes to the bigint part. The last figure
    // leaves the exact sum 2 ng short of half a gram, where a float sum (4 ng too much) would round up.
    const edge = [...big, { row: row(0.000431573778), j: 0 }]
    const got = fast(edge, [SUB], 0, () => null, new DimsCache())
    expect(got.records![0].scope1Grams).toBe(reference(edge, [SUB], 0, () => null).records![0].scope1Grams)
    expect(got.records![0].scope1Grams).toBe(11259019)
  })

  it('a row that fails keeps its cell, as the straightforward code did', () => {
    const bad = { subscriptionId: SUB, resourceType: 't', latestMonthEmissions: 'abc' } as ReportRow
    const got = fast([{ row: bad, j: 2 }], [SUB], 4, () => null, new DimsCache())
    expect(got.errors).toEqual(['TypeError: Scope3 of undefined is not a number: "abc"'])
    expect(got.records).toHaveLength(1)
    expect(got.records![0].scope3MarketGrams).toBeNull()
    expect(got.records![0].scope1Grams).toBe(0)
    expectSame([{ row: bad, j: 2 }], [SUB], 4)
  })
})

describe('apportionSmallGrams gives apportionGrams', () => {
  const same = (cells: number[]): void =>
    expect(apportionSmallGrams(cells)).toStrictEqual(apportionGrams(cells.map((c) => BigInt(c))))
  const G = 1e9
  // Whole grams, half grams and ties of remainders, either sign, up to the safe limit.
  const ng = fc.oneof(
    fc.integer({ min: -3 * G, max: 3 * G }),
    fc.integer({ min: -40, max: 40 }).map((g) => g * G + [0, 1, -1, G / 2, G / 2 - 1][Math.abs(g) % 5]),
    fc.maxSafeInteger(),
    fc.constantFrom(0, -0, G / 2, -G / 2, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER)
  )
  it('for any cells of safe integers', () => {
    fc.assert(fc.property(fc.array(ng, { maxLength: 30 }), same), { numRuns: 5000 })
  })
  it('for groups whose total in nanograms is past the safe integers (a large batch and month)', () => {
    const large = fc.array(fc.integer({ min: -(2 ** 50), max: 2 ** 50 }), { minLength: 100, maxLength: 400 })
    fc.assert(fc.property(large, same), { numRuns: 300 })
    const month = Array.from({ length: 3000 }, (_, i) => 40_000_000_000_000 + i * 7_777_777)
    expect(month.reduce((a, c) => a + c, 0)).toBeGreaterThan(Number.MAX_SAFE_INTEGER)
    expect(apportionSmallGrams(month)).not.toBeNull()
    same(month)
  })
  it('and declines what it cannot do exactly', () => {
    expect(apportionSmallGrams([0.5])).toBeNull()
    expect(apportionSmallGrams([2 ** 53])).toBeNull()
    expect(apportionSmallGrams([1, NaN])).toBeNull()
    expect(apportionSmallGrams([])).toEqual([])
    expect(apportionSmallGrams([G / 2, G / 2, G / 2])).toEqual([1, 1, 0])
  })
})

describe("normalizeSubscriptionId's shortcut for ids already normal", () => {
  const slow = (id: string): string =>
    id
      .trim()
      .replace(/[\s,]+$/, '')
      .toLowerCase()
  const chars = fc.constantFrom(...'0a9z-AZ, \t\n\u00a0\ufeff\u0130_./{}'.split(''))
  it('gives what trim, the comma and toLowerCase give', () => {
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }), (cs) => {
        const id = cs.join('')
        expect(normalizeSubscriptionId(id)).toBe(slow(id))
      }),
      { numRuns: 5000 }
    )
    for (const id of ['', SUB, SUB.toUpperCase(), `${SUB},`, `${SUB} ,\t`, ` ${SUB}`, '\u0130d'])
      expect(normalizeSubscriptionId(id)).toBe(slow(id))
  })
})
