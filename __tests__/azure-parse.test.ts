/**
 * The Azure provider without the network: the spec's own example payloads parse (oddities included), the
 * query plan respects every limit of the API, and the arithmetic is exact to the gram.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import fc from 'fast-check'
import { ROOT } from './helpers/action.js'
import { apportionGrams, kilogramsToNanograms as kgToNanograms, nanogramsToGrams } from '../src/units.js'
import {
  batchSubscriptions,
  clampPeriod,
  detailQueryBody,
  explainArmError,
  normalizeSubscriptionId,
  PAGE_SIZE,
  parseDateRange,
  parseReportPage,
  planQueries,
  resourceDimensions,
  rowMonth,
  summaryQueryBody
} from '../src/providers/azure/index.js'
import { readErrorBody } from '../src/providers/kit/errors.js'
import { kilogramsToGrams } from '../src/units.js'
import { monthIndex } from '../src/period.js'

const FIXTURES = path.join(ROOT, '__tests__', 'fixtures', 'azure')
function example(name: string): {
  parameters: { queryParameters: Record<string, unknown> }
  responses: { 200: { body: unknown } }
} {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'))
}
const months = (start: string, end: string): number => monthIndex(end) - monthIndex(start) + 1

describe('the spec examples parse', () => {
  it('OverallSummaryReport: one row, kgCO2e', () => {
    const page = parseReportPage(example('overall-summary-report.json').responses[200].body)
    expect(page.rows).toHaveLength(1)
    expect(page.rows[0].dataType).toBe('OverallSummaryData')
    expect(kilogramsToGrams(page.rows[0].latestMonthEmissions)).toBe(100)
    expect(kilogramsToGrams(page.rows[0].previousMonthEmissions)).toBe(50)
    expect(page.skipToken).toBeNull()
    expect(page.decisions).toEqual([
      { subscriptionId: '00000000-0000-0000-0000-000000000000', decision: 'Allowed', denialReason: null }
    ])
  })

  it('MonthlySummaryReport: monthly rows newest first, one per month of the range', () => {
    const ex = example('monthly-summary-report.json')
    const page = parseReportPage(ex.responses[200].body)
    expect(page.rows.map(rowMonth)).toEqual(['2024-05', '2024-04', '2024-03'])
    expect(page.rows.map((r) => kilogramsToGrams(r.latestMonthEmissions))).toEqual([100, 100, 100])
    expect(page.rows.every((r) => r.dataType === 'MonthlySummaryData')).toBe(true)
    const range = ex.parameters.queryParameters.dateRange as { start: string; end: string }
    expect(months(range.start.slice(0, 7), range.end.slice(0, 7))).toBe(page.rows.length)
  })

  it('ItemDetailsReport of resources: rows, skipToken, access decisions with the misspelled reason and the stray comma', () => {
    const ex = example('resource-item-details-report-page1.json')
    const page = parseReportPage(ex.responses[200].body)
    expect(page.rows).toHaveLength(5)
    expect(page.skipToken).toBe('dGVzZGZhZGZzZnNkZg==')
    expect(page.decisions.filter((d) => d.decision === 'Denied').map((d) => d.subscriptionId)).toEqual([
      '00000000-0000-0000-0000-000000000006',
      '00000000-0000-0000-0000-000000000007',
      '00000000-0000-0000-0000-000000000008'
    ])
    expect(page.decisions[8].denialReason).toBe('Carbon Optimization Reader permisison required')
    expect(page.decisions[6].denialReason).toBeNull()
    // The request lists "…0001," (a comma inside the string): normalized, it is the id the decisions use.
    const requested = (ex.parameters.queryParameters.subscriptionList as string[]).map(normalizeSubscriptionId)
    expect(requested[1]).toBe('00000000-0000-0000-0000-000000000001')
    expect(new Set(requested)).toEqual(new Set(page.decisions.map((d) => d.subscriptionId)))
    // resourceGroups (camel case) in the id; the row's own fields give the dimensions.
    expect(page.rows.map(resourceDimensions)).toEqual([
      ...Array(3).fill({
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        service: 'microsoft.storage/storageaccounts',
        region: 'east us'
      }),
      ...Array(2).fill({
        subscriptionId: '00000000-0000-0000-0000-000000000002',
        service: 'microsoft.storage/storageaccounts',
        region: 'east us'
      })
    ])
    const ng = page.rows.reduce((a, r) => a + kgToNanograms(r.latestMonthEmissions), 0n)
    expect(nanogramsToGrams(ng)).toBe(500)
  })

  it('the available date range gives months', () => {
    expect(parseDateRange(example('data-available-date-range.json').responses[200].body)).toEqual({
      start: '2023-01',
      end: '2023-05'
    })
    expect(parseDateRange({ startDate: '2024-02-01', endDate: '2025-01-31' })).toEqual({
      start: '2024-02',
      end: '2025-01'
    })
    expect(() => parseDateRange({ startDate: 'soon' })).toThrow(/startDate/)
    expect(() => parseDateRange({ startDate: '2025-02-01', endDate: '2025-01-01' })).toThrow(/empty/)
  })

  it('the 2026-05-01-preview billing-account example has the same shape (no access list)', () => {
    const page = parseReportPage(example('billing-account-overall-summary-2026-05-01-preview.json').responses[200].body)
    expect(page.decisions).toEqual([])
    expect(kilogramsToGrams(page.rows[0].latestMonthEmissions)).toBe(5250)
  })

  it('our request bodies use the fields and enum values of the spec examples', () => {
    const ex = example('resource-item-details-report-page1.json').parameters.queryParameters
    const ours = detailQueryBody(['00000000-0000-0000-0000-000000000000'], '2024-05', 'Scope1')
    expect(Object.keys(ours).sort()).toEqual(Object.keys(ex).sort())
    expect(ours.categoryType).toBe(ex.categoryType)
    expect(ours.dateRange).toEqual(ex.dateRange)
    const monthly = example('monthly-summary-report.json').parameters.queryParameters
    const sum = summaryQueryBody(['00000000-0000-0000-0000-000000000000'], { start: '2024-03', end: '2024-05' })
    expect(Object.keys(sum).sort()).toEqual(Object.keys(monthly).sort())
    expect(sum.dateRange).toEqual(monthly.dateRange)
  })

  it('rejects a body that is not a report', () => {
    expect(() => parseReportPage({ error: { code: 'x' } })).toThrow(/no value list/)
    expect(() => parseReportPage('nope')).toThrow(/not a JSON object/)
    expect(parseReportPage({ value: [], skipToken: '' }).skipToken).toBeNull()
    expect(parseReportPage({ value: [], skipToken: null }).skipToken).toBeNull()
  })
})

describe('resource dimensions', () => {
  it('takes the type from the resource id when resourceType is absent, and no location as null', () => {
    expect(
      resourceDimensions({
        resourceId:
          '/subscriptions/ABCDEF00-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Sql/servers/s1/databases/db1'
      })
    ).toEqual({
      subscriptionId: 'abcdef00-0000-0000-0000-000000000000',
      service: 'microsoft.sql/servers/databases',
      region: null
    })
  })
  it('needs a subscription', () => {
    expect(() => resourceDimensions({ itemName: 'x' })).toThrow(/no subscriptionId/)
  })
})

describe('exact arithmetic', () => {
  it.each([
    [0.1, 100_000_000_000n],
    ['0.048', 48_000_000_000n],
    [0.001, 1_000_000_000n],
    [1e-13, 0n],
    [1.5e-12, 2n],
    [-0.25, -250_000_000_000n],
    [123456.789, 123_456_789_000_000_000n],
    [0.1 + 0.2, 300_000_000_000n]
  ])('%p kg is %p ng', (kg, ng) => {
    expect(kgToNanograms(kg)).toBe(ng)
  })
  it('rejects what is not a number', () => {
    expect(() => kgToNanograms('abc')).toThrow(/not a number/)
    expect(() => kgToNanograms(null)).toThrow(/not a number/)
  })
  it('apportions grams so cells add up to the rounded exact total, each within 1 g', () => {
    expect(apportionGrams([400_000_000n, 400_000_000n, 400_000_000n])).toEqual([1, 0, 0])
    expect(apportionGrams([1_600_000_000n, 1_300_000_000n])).toEqual([2, 1])
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 60 }), (cells) => {
        const grams = apportionGrams(cells)
        const total = cells.reduce((a, c) => a + c, 0n)
        expect(grams.reduce((a, g) => a + g, 0)).toBe(nanogramsToGrams(total))
        cells.forEach((c, i) =>
          expect(Math.abs(Number(BigInt(grams[i]) * 1_000_000_000n - c))).toBeLessThan(1_000_000_000)
        )
      })
    )
  })
  it('a thousand resources of 0.0004 kg each: the naive per-row rounding would say 0 g, the records say 400 g', () => {
    const cells = Array.from({ length: 1000 }, () => kgToNanograms(0.0004))
    expect(cells.map(nanogramsToGrams).reduce((a, b) => a + b, 0)).toBe(0)
    expect(apportionGrams(cells).reduce((a, b) => a + b, 0)).toBe(400)
  })
})

describe('query planning', () => {
  const ids = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)

  it('batches subscriptions by 100', () => {
    expect(batchSubscriptions(ids(250)).map((b) => b.length)).toEqual([100, 100, 50])
    expect(batchSubscriptions(ids(100)).map((b) => b.length)).toEqual([100])
    expect(batchSubscriptions([])).toEqual([])
  })

  it('250 subscriptions x 14 months: one month and one scope per detail query, <= 12 months per summary', () => {
    const plan = planQueries(ids(250), { start: '2024-01', end: '2025-02' })
    expect(plan.batches).toHaveLength(3)
    expect(plan.detail).toHaveLength(3 * 14 * 3)
    expect(plan.summary).toHaveLength(3 * 2)
    for (const q of plan.detail) {
      const b = q.body as {
        reportType: string
        subscriptionList: string[]
        carbonScopeList: string[]
        dateRange: { start: string; end: string }
        pageSize: number
      }
      expect(b.reportType).toBe('ItemDetailsReport')
      expect(b.subscriptionList.length).toBeLessThanOrEqual(100)
      expect(b.carbonScopeList).toHaveLength(1)
      expect(b.dateRange.start).toBe(b.dateRange.end)
      expect(b.dateRange.start).toMatch(/^\d{4}-\d{2}-01$/)
      expect(b.pageSize).toBe(PAGE_SIZE)
      expect(PAGE_SIZE).toBeGreaterThanOrEqual(1)
      expect(PAGE_SIZE).toBeLessThanOrEqual(5000)
    }
    expect(plan.summary.map((s) => [s.batch, s.period.start, s.period.end])).toEqual([
      [0, '2024-01', '2024-12'],
      [0, '2025-01', '2025-02'],
      [1, '2024-01', '2024-12'],
      [1, '2025-01', '2025-02'],
      [2, '2024-01', '2024-12'],
      [2, '2025-01', '2025-02']
    ])
    for (const s of plan.summary) {
      const b = s.body as {
        carbonScopeList: string[]
        dateRange: { start: string; end: string }
        subscriptionList: string[]
      }
      expect(b.carbonScopeList).toEqual(['Scope1', 'Scope2', 'Scope3'])
      expect(months(b.dateRange.start.slice(0, 7), b.dateRange.end.slice(0, 7))).toBeLessThanOrEqual(12)
      expect(b.subscriptionList.length).toBeLessThanOrEqual(100)
    }
    // Every (subscription, month, scope) is asked exactly once.
    const asked = new Set<string>()
    for (const q of plan.detail)
      for (const s of (q.body as { subscriptionList: string[] }).subscriptionList)
        asked.add(`${s} ${q.month} ${q.scope}`)
    expect(asked.size).toBe(250 * 14 * 3)
  })

  it('adds the skipToken only when paging', () => {
    expect(detailQueryBody(['a'], '2025-01', 'Scope2')).not.toHaveProperty('skipToken')
    expect(detailQueryBody(['a'], '2025-01', 'Scope2', 'tok').skipToken).toBe('tok')
  })

  it('clamps a period to the available range', () => {
    expect(clampPeriod({ start: '2024-11', end: '2025-03' }, { start: '2025-01', end: '2025-02' })).toEqual({
      period: { start: '2025-01', end: '2025-02' },
      before: ['2024-11', '2024-12'],
      after: ['2025-03']
    })
    expect(clampPeriod({ start: '2020-01', end: '2020-02' }, { start: '2025-01', end: '2025-02' }).period).toBeNull()
  })
})

describe('ARM errors', () => {
  it('reads the ErrorResponse and says what to do', () => {
    const err = readErrorBody({
      status: 403,
      text: JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'no access' } }),
      headers: {}
    })
    expect(err).toMatchObject({ code: 'AuthorizationFailed', message: 'no access' })
    const msg = explainArmError(err, 'Scope1 of 2025-01', 'https://management.azure.com')
    expect(msg).toContain('fa0d39e6-28e5-40cf-8521-1eb320653a4c')
    expect(msg).toContain('Carbon Optimization Reader')
    const token = readErrorBody({ status: 401, text: '{"error":{"code":"InvalidAuthenticationToken"}}', headers: {} })
    expect(explainArmError(token, 'x', 'https://arm')).toMatch(/same cloud/)
    expect(readErrorBody({ status: 502, text: '<html>', headers: {} }).code).toBe('')
    // target and details of the ErrorResponse are part of the reason; none repeated, at most three shown.
    const detailed = readErrorBody({
      status: 400,
      text: JSON.stringify({
        error: {
          code: 'InvalidRequestBody',
          message: 'The request is invalid.',
          target: 'dateRange',
          details: [
            { code: 'DateRangeTooLong', message: 'end is more than 12 months after start' },
            { code: 'X', message: 'The request is invalid.' },
            { code: 'OnlyACode' }
          ]
        }
      }),
      headers: {}
    })
    expect(detailed).toMatchObject({
      code: 'InvalidRequestBody',
      message: 'The request is invalid. (target: dateRange) [end is more than 12 months after start; OnlyACode]'
    })
  })
})
