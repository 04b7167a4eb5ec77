/** A provider outcome as main.ts makes it for an ok provider: its records and grams as the builder counted them. */
import type { ProviderOutcome, ReportBuilder } from '../../src/report/builder.js'
import type { ProviderId } from '../../src/model.js'

export function okOutcome(
  provider: ProviderId,
  b: ReportBuilder,
  over: Partial<ProviderOutcome> = {}
): ProviderOutcome {
  const c = b.countOf(provider)
  return {
    provider,
    label: provider,
    status: 'ok',
    records: c.records,
    grams: c.grams,
    error: null,
    notes: [],
    warnings: [],
    missing: [],
    ...over
  }
}
