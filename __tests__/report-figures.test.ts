// How the summary writes figures and failures: precision by magnitude, one unit per column, months as ranges,
// missing parts grouped by cause.
import { mass, massFormat, monthRanges } from '../src/report/figures.js'
import { groupMissing } from '../src/report/gaps.js'
import { reportingYears } from '../src/report/years.js'

describe('figures', () => {
  it('keep 4 significant digits for the largest figure of a column: t from 1 t, kg below', () => {
    expect(mass(715_408_123)).toBe('715.4 t')
    expect(mass(12_345_678_901)).toBe('12,346 t')
    expect(mass(1_000_000)).toBe('1.000 t')
    expect(mass(523_449)).toBe('523.4 kg')
    expect(mass(42_345)).toBe('42.35 kg')
    expect(mass(5)).toBe('0.005 kg')
    expect(mass(0)).toBe('0.000 kg')
    const col = massFormat([715_408_123, 1_863_500, 450, null])
    expect(col.unit).toBe('t')
    expect([715_408_123, 1_863_500, 450].map(col.format)).toEqual(['715.4', '1.9', '0.0'])
    // Rounding is on integer grams, half away from zero.
    expect(massFormat([1_000_000]).format(-1_234_500)).toBe('-1.235')
  })
  it('write months as ranges', () => {
    expect(monthRanges(['2025-03', '2025-01', '2025-02', '2025-06', '2025-12', '2026-01'])).toBe(
      '2025-01..2025-03, 2025-06, 2025-12..2026-01'
    )
  })
})

describe('missing parts', () => {
  it('are told once per cause, with their months folded into ranges', () => {
    const cause = 'AccessDenied: the role may not call GetEstimatedCarbonEmissions. Grant sustainability:Get*'
    const missing = [
      ...['2025-01', '2025-02', '2025-03', '2025-05'].map((m) => ({ what: `${m} of role A`, cause })),
      { what: '2025-01 of role B', cause },
      { what: 'subscription x', cause: 'denied' }
    ]
    expect(groupMissing(missing)).toEqual([
      { cause, parts: ['2025-01..2025-03, 2025-05 of role A', '2025-01 of role B'] },
      { cause: 'denied', parts: ['subscription x'] }
    ])
  })
})

describe('reporting years', () => {
  it('are calendar years with 1, else named after the year in which they end', () => {
    expect(reportingYears({ start: '2025-11', end: '2026-02' }, 1).map((y) => [y.label, y.start, y.end])).toEqual([
      ['2025', '2025-01', '2025-12'],
      ['2026', '2026-01', '2026-12']
    ])
    const fy = reportingYears({ start: '2025-03', end: '2026-04' }, 4)
    expect(fy.map((y) => [y.label, y.start, y.end, y.months.length, y.complete])).toEqual([
      ['FY2025', '2024-04', '2025-03', 1, false],
      ['FY2026', '2025-04', '2026-03', 12, true],
      ['FY2027', '2026-04', '2027-03', 1, false]
    ])
    expect(reportingYears({ start: '2025-12', end: '2025-12' }, 12)[0]).toMatchObject({
      label: 'FY2026',
      start: '2025-12',
      end: '2026-11'
    })
  })
})
