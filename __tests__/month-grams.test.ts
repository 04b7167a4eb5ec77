/** A report group's grams per month: what a Map of month to grams gave, in a list over the period. */
import fc from 'fast-check'
import { MonthGrams } from '../src/report/month-grams.js'

const PERIOD = { start: '2025-07', end: '2026-06' }

describe('MonthGrams', () => {
  it('adds, gets and tells which months came, like a Map of month to grams', () => {
    const months = fc.constantFrom(
      '2025-07',
      '2025-12',
      '2026-01',
      '2026-06',
      // outside the period, or not the exact YYYY-MM form: kept apart, never folded into a period month
      '2025-06',
      '2026-07',
      '2025-13',
      '2025-7',
      '2026-01-01',
      ''
    )
    fc.assert(
      fc.property(fc.array(fc.tuple(months, fc.integer({ min: -1e9, max: 1e9 }))), (adds) => {
        const m = new MonthGrams(PERIOD)
        const want = new Map<string, number>()
        for (const [month, grams] of adds) {
          m.add(month, grams)
          want.set(month, (want.get(month) ?? 0) + grams)
        }
        for (const month of ['2025-07', '2025-08', '2025-12', '2026-01', '2026-06', '2025-06', '2025-13', '2025-7', ''])
          expect([m.get(month), m.has(month)]).toEqual([want.get(month), want.has(month)])
        expect(new Set(m.keys())).toEqual(new Set(want.keys()))
      })
    )
  })

  it('a month whose grams add up to 0 still came', () => {
    const m = new MonthGrams(PERIOD)
    m.add('2026-03', 5)
    m.add('2026-03', -5)
    expect(m.has('2026-03')).toBe(true)
    expect(m.get('2026-03')).toBe(0)
    expect([...m.keys()]).toEqual(['2026-03'])
  })
})
