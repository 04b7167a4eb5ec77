/**
 * What a report lacks: providers that failed, and the months (or other parts) a partial provider could not
 * fetch, so the summary can say up front that it is incomplete and mark the months that are.
 */
import type { Month, ProviderId } from '../model.js'
import { monthsOf } from '../period.js'
import type { MissingPart, ReportModel } from './builder.js'
import { monthRanges } from './figures.js'

export interface Gap {
  provider: ProviderId
  failed: boolean
  /** Months of the period with parts missing (every month for a failed provider). */
  months: Month[]
  /** Whether some missing parts name no month (a subscription, a role's whole data). */
  otherParts: boolean
}

const MONTH = /\b\d{4}-(0[1-9]|1[0-2])\b/g

export function gapsOf(model: ReportModel): Gap[] {
  const inPeriod = new Set(monthsOf(model.period))
  const out: Gap[] = []
  for (const p of model.providers) {
    if (p.status === 'ok') continue
    if (p.status === 'failed') {
      out.push({ provider: p.provider, failed: true, months: [...inPeriod], otherParts: false })
      continue
    }
    const months = new Set<Month>()
    let otherParts = p.missing.length === 0
    for (const m of p.missing) {
      const found = [...m.what.matchAll(MONTH)].map((x) => x[0]).filter((x) => inPeriod.has(x))
      if (found.length === 0) otherParts = true
      for (const x of found) months.add(x)
    }
    out.push({ provider: p.provider, failed: false, months: [...months].sort(), otherParts })
  }
  return out
}

/**
 * Per month, the providers whose figures for it are incomplete. A failed provider lacks every month: that is
 * said once up front (and under the table), not as a mark on every month, which would hide the months that do
 * lack a part of a provider that is there.
 */
export function incompleteMonths(gaps: readonly Gap[]): Map<Month, ProviderId[]> {
  const out = new Map<Month, ProviderId[]>()
  for (const g of gaps) if (!g.failed) for (const m of g.months) out.set(m, [...(out.get(m) ?? []), g.provider])
  return out
}

/**
 * Missing parts grouped by cause (one cause told once), the parts of a cause folded into month ranges:
 * "2025-01..2025-06 of role X" instead of one line per month.
 */
export function groupMissing(missing: readonly MissingPart[]): { cause: string; parts: string[] }[] {
  const byCause = new Map<string, Map<string, Month[]>>()
  for (const m of missing) {
    let templates = byCause.get(m.cause)
    if (!templates) byCause.set(m.cause, (templates = new Map()))
    const months = [...m.what.matchAll(MONTH)].map((x) => x[0])
    const template = months.length === 1 ? m.what.replace(MONTH, '\u0000') : m.what
    templates.set(template, [...(templates.get(template) ?? []), ...(months.length === 1 ? months : [])])
  }
  return [...byCause].map(([cause, templates]) => ({
    cause,
    parts: [...templates].map(([t, months]) => (months.length > 0 ? t.replace('\u0000', monthRanges(months)) : t))
  }))
}
