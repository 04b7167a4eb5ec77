/** The limits of `max-total`, `max-monthly` and `max-increase-percent`, judged on exact grams. */
import type { Grams, Month } from '../model.js'
import type { Thresholds } from '../settings.js'
import { gramsToTonnes3, limitToGrams, formatTonnes } from '../units.js'
import type { MonthRow } from './builder.js'

export interface ThresholdResult {
  name: 'max-total' | 'max-monthly' | 'max-increase-percent'
  limitTCO2e?: number
  actualTCO2e?: number | null
  limitPercent?: number
  actualPercent?: number | null
  month?: Month | null
  previousMonth?: Month | null
  breached: boolean
  /** One sentence for people: what was compared, and the verdict. */
  message: string
}

/** The latest month with any data, and the month before it. */
export function lastTwoMonths(months: MonthRow[]): { last: MonthRow; previous: MonthRow } | null {
  for (let i = months.length - 1; i >= 1; i--) {
    if (Object.keys(months[i].byProvider).length > 0) return { last: months[i], previous: months[i - 1] }
  }
  return null
}

export function evaluateThresholds(t: Thresholds, totalGrams: Grams, months: MonthRow[]): ThresholdResult[] {
  const out: ThresholdResult[] = []
  if (t.maxTotal !== null) {
    const breached = totalGrams > limitToGrams(t.maxTotal)
    out.push({
      name: 'max-total',
      limitTCO2e: t.maxTotal,
      actualTCO2e: gramsToTonnes3(totalGrams),
      breached,
      message: `Total ${formatTonnes(totalGrams)} tCO2e ${breached ? 'exceeds' : 'is within'} the limit of ${t.maxTotal} tCO2e (max-total).`
    })
  }
  if (t.maxMonthly !== null) {
    const limit = limitToGrams(t.maxMonthly)
    let worst: MonthRow | null = null
    for (const m of months) if (worst === null || m.grams > worst.grams) worst = m
    const breached = worst !== null && worst.grams > limit
    const over = months.filter((m) => m.grams > limit).map((m) => m.month)
    out.push({
      name: 'max-monthly',
      limitTCO2e: t.maxMonthly,
      actualTCO2e: worst ? gramsToTonnes3(worst.grams) : null,
      month: worst?.month ?? null,
      breached,
      message: breached
        ? `${over.length === 1 ? `Month ${over[0]}` : `Months ${over.join(', ')}`} exceed${over.length === 1 ? 's' : ''} the monthly limit of ${t.maxMonthly} tCO2e (max-monthly; highest ${worst!.month}: ${formatTonnes(worst!.grams)} tCO2e).`
        : `Every month is within the monthly limit of ${t.maxMonthly} tCO2e (max-monthly${worst ? `; highest ${worst.month}: ${formatTonnes(worst.grams)} tCO2e` : ''}).`
    })
  }
  if (t.maxIncreasePercent !== null) {
    const pair = lastTwoMonths(months)
    if (pair === null) {
      out.push({
        name: 'max-increase-percent',
        limitPercent: t.maxIncreasePercent,
        actualPercent: null,
        month: null,
        previousMonth: null,
        breached: false,
        message: `Not judged: max-increase-percent needs data for a month and the month before it within the period.`
      })
    } else {
      const { last, previous } = pair
      const rise =
        previous.grams === 0 ? (last.grams > 0 ? Infinity : 0) : ((last.grams - previous.grams) / previous.grams) * 100
      const breached = rise > t.maxIncreasePercent
      const shown = Number.isFinite(rise) ? Math.round(rise * 100) / 100 : null
      out.push({
        name: 'max-increase-percent',
        limitPercent: t.maxIncreasePercent,
        actualPercent: shown,
        month: last.month,
        previousMonth: previous.month,
        breached,
        message:
          shown === null
            ? `${last.month} has ${formatTonnes(last.grams)} tCO2e after none in ${previous.month}: an unbounded rise, over the limit of ${t.maxIncreasePercent}% (max-increase-percent).`
            : `${last.month} ${shown >= 0 ? 'rose' : 'fell'} ${Math.abs(shown)}% over ${previous.month} (${formatTonnes(previous.grams)} to ${formatTonnes(last.grams)} tCO2e), ${breached ? 'over' : 'within'} the limit of ${t.maxIncreasePercent}% (max-increase-percent).`
      })
    }
  }
  return out
}
