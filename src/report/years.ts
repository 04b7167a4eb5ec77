/**
 * Reporting years: calendar years, or fiscal years starting in `fiscal-year-start` and named after the year
 * in which they end (FY2026 = 2025-04..2026-03 with a start of 4), as a sustainability report names them.
 */
import type { Month, Period } from '../model.js'
import { monthsOf } from '../period.js'

export interface ReportingYear {
  label: string
  /** The year's own first and last months. */
  start: Month
  end: Month
  /** Its months inside the period, in order. */
  months: Month[]
  complete: boolean
}

const pad = (m: number): string => String(m).padStart(2, '0')

/** The reporting year a month falls in. */
export function yearOf(month: Month, fiscalYearStart: number): Omit<ReportingYear, 'months' | 'complete'> {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  const first = m >= fiscalYearStart ? y : y - 1
  const endYear = fiscalYearStart === 1 ? first : first + 1
  const endMonth = fiscalYearStart === 1 ? 12 : fiscalYearStart - 1
  return {
    label: fiscalYearStart === 1 ? String(first) : `FY${endYear}`,
    start: `${first}-${pad(fiscalYearStart)}`,
    end: `${endYear}-${pad(endMonth)}`
  }
}

/** Every reporting year the period touches, in order, with its months inside the period. */
export function reportingYears(period: Period, fiscalYearStart: number): ReportingYear[] {
  const out: ReportingYear[] = []
  for (const month of monthsOf(period)) {
    const y = yearOf(month, fiscalYearStart)
    const last = out[out.length - 1]
    if (last && last.label === y.label) last.months.push(month)
    else out.push({ ...y, months: [month], complete: false })
  }
  for (const y of out) y.complete = y.months.length === 12
  return out
}
