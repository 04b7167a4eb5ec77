/** report.json without its records (they are streamed in after this header by the builder). */
import { PROVIDER_IDS, type ProviderId } from '../model.js'
import { gramsToKg } from '../units.js'
import type { ReportModel } from './builder.js'
import type { ThresholdResult } from './thresholds.js'

export const SCHEMA_VERSION = 1

export function jsonHeader(
  model: ReportModel,
  thresholds: ThresholdResult[],
  extra: Record<string, unknown> = {}
): Record<string, unknown> {
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
      missing: p.missing
    })),
    months: model.months.map((m) => {
      const byProvider: Partial<Record<ProviderId, number>> = {}
      for (const p of PROVIDER_IDS) if (m.byProvider[p] !== undefined) byProvider[p] = gramsToKg(m.byProvider[p]!)
      return { month: m.month, totalKgCO2e: gramsToKg(m.grams), byProvider }
    }),
    thresholds: thresholds.map((t) => ({ ...t })),
    notes: model.notes,
    ...extra
  }
}
