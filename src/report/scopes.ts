/**
 * The GHG inventory figures of the report (`scopes` in report.json): per figure, the sum of the records'
 * non-null values, `null` where no record gives it, so "not reported" is never confused with 0.
 */
import type { CarbonRecord, Grams } from '../model.js'
import { gramsToKgOrNull } from '../units.js'

/** The figures in report.json order, each with the record field it sums. */
export const SCOPE_FIGURES = [
  ['scope1KgCO2e', 'scope1Grams'],
  ['scope2LocationKgCO2e', 'scope2LocationGrams'],
  ['scope2MarketKgCO2e', 'scope2MarketGrams'],
  ['scope3LocationKgCO2e', 'scope3LocationGrams'],
  ['scope3MarketKgCO2e', 'scope3MarketGrams'],
  ['totalLocationKgCO2e', 'locationGrams'],
  ['totalMarketKgCO2e', 'marketGrams']
] as const satisfies readonly (readonly [string, keyof CarbonRecord])[]

export type ScopeFigure = (typeof SCOPE_FIGURES)[number][0]

/** Running sums: grams per figure and how many records gave it (0 = not reported). Plain arrays, for threads. */
export interface ScopeSums {
  grams: Grams[]
  given: number[]
}

export const emptyScopes = (): ScopeSums => ({ grams: [0, 0, 0, 0, 0, 0, 0], given: [0, 0, 0, 0, 0, 0, 0] })

/** Adds a record's figures (written out field by field: this runs once per record of a million). */
export function addRecordScopes(s: ScopeSums, r: CarbonRecord): void {
  const g = s.grams
  const n = s.given
  if (r.scope1Grams !== null) {
    g[0] += r.scope1Grams
    n[0]++
  }
  if (r.scope2LocationGrams !== null) {
    g[1] += r.scope2LocationGrams
    n[1]++
  }
  if (r.scope2MarketGrams !== null) {
    g[2] += r.scope2MarketGrams
    n[2]++
  }
  if (r.scope3LocationGrams !== null) {
    g[3] += r.scope3LocationGrams
    n[3]++
  }
  if (r.scope3MarketGrams !== null) {
    g[4] += r.scope3MarketGrams
    n[4]++
  }
  if (r.locationGrams !== null) {
    g[5] += r.locationGrams
    n[5]++
  }
  if (r.marketGrams !== null) {
    g[6] += r.marketGrams
    n[6]++
  }
}

export function addScopes(into: ScopeSums, from: ScopeSums): void {
  for (let i = 0; i < SCOPE_FIGURES.length; i++) {
    into.grams[i] += from.grams[i]
    into.given[i] += from.given[i]
  }
}

/** The grams of one figure, or null when no record gives it. */
export function figure(s: ScopeSums, name: ScopeFigure): Grams | null {
  const i = SCOPE_FIGURES.findIndex(([n]) => n === name)
  return s.given[i] > 0 ? s.grams[i] : null
}

/** F of the contract: each figure in kg, null where not reported. */
export function scopesJson(s: ScopeSums): Record<ScopeFigure, number | null> {
  const out = {} as Record<ScopeFigure, number | null>
  SCOPE_FIGURES.forEach(([name], i) => (out[name] = gramsToKgOrNull(s.given[i] > 0 ? s.grams[i] : null)))
  return out
}
