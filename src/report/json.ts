/** report.json without its records (they are streamed in after this header by the builder). */
import { PROVIDER_IDS, type ProviderId } from '../model.js'
import { gramsToKg } from '../units.js'
import type { ReportModel } from './builder.js'
import type { ThresholdResult } from './thresholds.js'
import { emptyScopes, scopesJson, type ScopeSums } from './scopes.js'

/** `scopes` of the contract: overall and per provider of the report (all null for one without records). */
function scopesOf(total: ScopeSums, byProvider: Partial<Record<ProviderId, ScopeSums>>, providers: ProviderId[]) {
  return {
    total: scopesJson(total),
    byProvider: Object.fromEntries(providers.map((p) => [p, scopesJson(byProvider[p] ?? emptyScopes())]))
  }
}

export const SCHEMA_VERSION = 1

export function jsonHeader(
  model: ReportModel,
  thresholds: ThresholdResult[],
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
  const ids = model.providers.map((p) => p.provider)
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: model.generatedAt,
    period: { start: model.period.start, end: model.period.end },
    method: model.method,
    unit: 'kgCO2e',
    totalKgCO2e: gramsToKg(model.totalGrams),
    providers: model.providers.map((p) => ({
      provider: p.provider,
      status: p.status,
      records: p.records,
      totalKgCO2e: gramsToKg(p.grams),
      error: p.error,
      notes: p.notes,
      warnings: p.warnings,
      missing: p.missing,
      ...(p.overlap === undefined
        ? {}
        : {
            overlap: p.overlap && {
              with: p.overlap.with,
              records: p.overlap.records,
              kgCO2e: gramsToKg(p.overlap.grams)
            }
          })
    })),
    months: model.months.map((m) => {
      const byProvider: Partial<Record<ProviderId, number>> = {}
      for (const p of PROVIDER_IDS) if (m.byProvider[p] !== undefined) byProvider[p] = gramsToKg(m.byProvider[p]!)
      return { month: m.month, totalKgCO2e: gramsToKg(m.grams), byProvider }
    }),
    thresholds: thresholds.map((t) => ({ ...t })),
    notes: model.notes,
    ...extra,
    scopes: scopesOf(model.scopes.total, model.scopes.byProvider, ids),
    years: model.years.map((y) => {
      const byProvider: Partial<Record<ProviderId, number>> = {}
      for (const p of PROVIDER_IDS) if (y.byProvider[p] !== undefined) byProvider[p] = gramsToKg(y.byProvider[p]!)
      return {
        label: y.label,
        start: y.start,
        end: y.end,
        monthsInPeriod: y.months.length,
        complete: y.complete,
        totalKgCO2e: gramsToKg(y.grams),
        byProvider,
        scopes: scopesJson(y.scopes)
      }
    })
  }
}
