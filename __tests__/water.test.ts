// Water: the API's rows to exact litres, the years of the period, report.json's `water` and water.csv.
import { waterRecord, yearsOf } from '../src/providers/aws/water.js'
import { waterCsv, waterJson, waterModel, waterSection } from '../src/report/water.js'

// The example of GetEstimatedWaterAllocation in the API's own model (shared/docs/fixtures/aws/sustainability.json).
const MODEL_EXAMPLE = {
  DimensionsValues: { SERVICE: 'AmazonEC2' },
  AllocationValues: { TOTAL_WATER_WITHDRAWALS: { Unit: 'm3', Value: 1 } },
  ModelVersion: 'v1.0.0',
  TimePeriod: { Start: '2025-01-01T00:00:00Z', End: '2026-01-01T00:00:00Z' }
}

describe('water rows', () => {
  it("parses the model's example, the role's account standing in for a missing one", () => {
    expect(waterRecord(MODEL_EXAMPLE, 2025, '111122223333')).toEqual({
      provider: 'aws',
      account: '111122223333',
      year: '2025',
      service: 'AmazonEC2',
      region: null,
      litres: 1000
    })
  })
  it('m3 to litres exactly, from the shortest decimal', () => {
    const row = (v: number) => ({
      ...MODEL_EXAMPLE,
      AllocationValues: { TOTAL_WATER_WITHDRAWALS: { Unit: 'm3', Value: v } }
    })
    expect(waterRecord(row(0.001), 2025, null).litres).toBe(1)
    expect(waterRecord(row(1234.567), 2025, null).litres).toBe(1_234_567)
    expect(waterRecord(row(0.1 + 0.2), 2025, null).litres).toBe(300)
  })
  it('refuses a row of another year, another unit, or no figure', () => {
    expect(() => waterRecord(MODEL_EXAMPLE, 2024, null)).toThrow(/for a query of 2024/)
    const other = { ...MODEL_EXAMPLE, AllocationValues: { TOTAL_WATER_WITHDRAWALS: { Unit: 'L', Value: 1 } } }
    expect(() => waterRecord(other, 2025, null)).toThrow(/unknown water unit/)
    expect(() => waterRecord({ ...MODEL_EXAMPLE, AllocationValues: {} }, 2025, null)).toThrow(/no TOTAL_WATER/)
  })
  it('the calendar years a period touches', () => {
    expect(yearsOf({ start: '2024-11', end: '2026-02' })).toEqual([2024, 2025, 2026])
    expect(yearsOf({ start: '2025-01', end: '2025-12' })).toEqual([2025])
  })
})

describe('the water report', () => {
  const records = [
    { provider: 'aws' as const, account: '2', year: '2025', service: 'S3', region: 'eu-west-1', litres: 1500 },
    { provider: 'aws' as const, account: '1', year: '2024', service: '=cmd', region: null, litres: 2 },
    { provider: 'aws' as const, account: '1', year: '2025', service: 'EC2', region: 'us-east-1', litres: 1_000_001 }
  ]
  const w = waterModel(records, { start: '2024-11', end: '2025-12' }, ['aws'])
  it('years with the months of each in the period, totals to the litre', () => {
    expect(w.years).toEqual([
      { year: '2024', monthsInPeriod: 2, litres: 2, byProvider: { aws: 2 } },
      { year: '2025', monthsInPeriod: 12, litres: 1_001_501, byProvider: { aws: 1_001_501 } }
    ])
    expect(w.litres).toBe(1_001_503)
  })
  it("report.json's water: m3 with 3 decimals, records in a fixed order", () => {
    const j = waterJson(w) as any
    expect(j.unit).toBe('m3')
    expect(j.totalM3).toBe(1001.503)
    expect(j.records.map((r: any) => [r.year, r.account, r.m3])).toEqual([
      ['2024', '1', 0.002],
      ['2025', '1', 1000.001],
      ['2025', '2', 1.5]
    ])
    expect(j.years[0]).toEqual({ year: '2024', monthsInPeriod: 2, totalM3: 0.002, byProvider: { aws: 0.002 } })
  })
  it('water.csv: header, CRLF, formulas defused, empty cells for null', () => {
    expect(waterCsv(w).split('\r\n')).toEqual([
      'provider,account,year,service,region,m3',
      "aws,1,2024,'=cmd,,0.002",
      'aws,1,2025,EC2,us-east-1,1000.001',
      'aws,2,2025,S3,eu-west-1,1.500',
      ''
    ])
  })
  it('the summary says which years are only partly in the period', () => {
    const md = waterSection(w, ['aws'])
    expect(md).toContain('2024 (2 of 12 months in the period)')
    expect(md).toContain('1,001.503')
  })
})
