/**
 * How figures read in the summary: a precision that fits the magnitude, one unit per column. The largest
 * figure of a column keeps 4 significant digits (at most 3 decimals), in tonnes from 1 t up, in kilograms
 * below; the files keep exact grams. Rounding is done on integer grams (half away from zero).
 */
import type { Grams } from '../model.js'
import { fixed, groupThousands, roundDiv } from '../units.js'

export type MassUnit = 't' | 'kg'

/** The rule, said once under the figures. */
export const PRECISION_RULE =
  'Rounded so that the largest figure of each column keeps 4 significant digits (tonnes from 1 t, kilograms below); report.json and report.csv hold exact kilograms.'

export interface MassFormat {
  unit: MassUnit
  decimals: number
  /** The figure in this unit, without the unit. */
  format(g: Grams): string
}

/** The format a column of figures shares. */
export function massFormat(values: readonly (Grams | null | undefined)[]): MassFormat {
  let max = 0
  for (const v of values) if (typeof v === 'number' && Math.abs(v) > max) max = Math.abs(v)
  const unit: MassUnit = max >= 1_000_000 ? 't' : 'kg'
  const scale = unit === 't' ? 6 : 3
  const whole = max === 0 ? 1 : Math.floor(Math.log10(max)) - scale + 1
  const decimals = Math.max(0, Math.min(3, 4 - Math.max(1, whole)))
  return {
    unit,
    decimals,
    format: (g) => groupThousands(fixed(roundDiv(g, scale - decimals), decimals))
  }
}

/** One figure with its unit, e.g. `715.1 t` or `42.35 kg`. */
export function mass(g: Grams): string {
  const f = massFormat([g])
  return `${f.format(g)} ${f.unit}`
}

/** Months as ranges of consecutive months: 2025-01..2025-03, 2025-06. */
export function monthRanges(months: readonly string[]): string {
  const sorted = [...new Set(months)].sort()
  const index = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
  const out: string[] = []
  let from = 0
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && index(sorted[i]) === index(sorted[i - 1]) + 1) continue
    out.push(i - 1 === from ? sorted[from] : `${sorted[from]}..${sorted[i - 1]}`)
    from = i
  }
  return out.join(', ')
}
