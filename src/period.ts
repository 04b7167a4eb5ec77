/** Calendar-month arithmetic in UTC, on `YYYY-MM` strings. */
import type { Month, Period, ProviderId } from './model.js'

export function monthIndex(month: Month): number {
  // Hot (per row of some providers): slices instead of split + map, the same result for any input.
  const a = month.indexOf('-')
  if (a < 0) return Number(month) * 12 + NaN
  const b = month.indexOf('-', a + 1)
  return Number(month.slice(0, a)) * 12 + (Number(b < 0 ? month.slice(a + 1) : month.slice(a + 1, b)) - 1)
}

export function monthFromIndex(index: number): Month {
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`
}

export function addMonths(month: Month, n: number): Month {
  return monthFromIndex(monthIndex(month) + n)
}

export function monthsOf(period: Period): Month[] {
  const out: Month[] = []
  for (let i = monthIndex(period.start); i <= monthIndex(period.end); i++) out.push(monthFromIndex(i))
  return out
}

export function utcMonth(date: Date): Month {
  return monthFromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth())
}

/** First instant of a month, ISO 8601 with `Z` (`2025-01-01T00:00:00Z`). */
export function monthStartIso(month: Month): string {
  return `${month}-01T00:00:00Z`
}

/** First day of a month, `YYYY-MM-01`. */
export function monthFirstDay(month: Month): string {
  return `${month}-01`
}

/**
 * Day of the following month by which each provider publishes a month's data (UTC):
 * AWS by the 21st, Azure Carbon Optimization by the 19th, MCFS treated as the 19th.
 */
export const PUBLICATION_DAY: Record<ProviderId, number> = { aws: 21, azure: 19, mcfs: 19 }

/** The latest month a provider has published by its own schedule at `now`. */
export function latestPublishedMonth(provider: ProviderId, now: Date): Month {
  const current = monthIndex(utcMonth(now))
  return monthFromIndex(now.getUTCDate() >= PUBLICATION_DAY[provider] ? current - 1 : current - 2)
}

/** The latest month every selected provider has published (the default `end-date`). */
export function defaultEndMonth(providers: readonly ProviderId[], now: Date): Month {
  return monthFromIndex(Math.min(...providers.map((p) => monthIndex(latestPublishedMonth(p, now)))))
}

/** Splits a period into consecutive chunks of at most `size` months. */
export function chunkPeriod(period: Period, size: number): Period[] {
  const out: Period[] = []
  for (let i = monthIndex(period.start); i <= monthIndex(period.end); i += size) {
    out.push({ start: monthFromIndex(i), end: monthFromIndex(Math.min(i + size - 1, monthIndex(period.end))) })
  }
  return out
}
