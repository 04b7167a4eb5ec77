/**
 * Water (`water: true`): the withdrawals the providers allocate to the usage, in m3 to the litre, reported apart
 * from carbon: `water` in report.json, water.csv, and a short section of the summary. Providers give whole
 * calendar years only, so every year the period touches is reported with how many of its months are in it.
 */
import { markdownTable } from 'markdown-table'
import type { Period, ProviderId, WaterRecord } from '../model.js'
import { monthIndex } from '../period.js'
import { providerLabel } from '../providers/registry.js'
import { formatKg, gramsToKg, groupThousands } from '../units.js'
import { csvText, escapeMarkdown as esc } from './escape.js'

export const WATER_CSV_HEADER = 'provider,account,year,service,region,m3'

export interface WaterYear {
  year: string
  monthsInPeriod: number
  litres: number
  byProvider: Partial<Record<ProviderId, number>>
}

export interface WaterModel {
  litres: number
  years: WaterYear[]
  records: WaterRecord[]
}

const cmp = (a: string | null, b: string | null): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0)

/** The records in a fixed order (provider, year, account, service, region), the years and the totals. */
export function waterModel(
  records: readonly WaterRecord[],
  period: Period,
  providers: readonly ProviderId[]
): WaterModel {
  const order = new Map(providers.map((p, i) => [p, i]))
  const sorted = [...records].sort(
    (a, b) =>
      (order.get(a.provider) ?? 99) - (order.get(b.provider) ?? 99) ||
      cmp(a.year, b.year) ||
      cmp(a.account, b.account) ||
      cmp(a.service, b.service) ||
      cmp(a.region, b.region)
  )
  const first = monthIndex(period.start)
  const last = monthIndex(period.end)
  const years: WaterYear[] = []
  for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) {
    const monthsInPeriod = Math.min(last, y * 12 + 11) - Math.max(first, y * 12) + 1
    const mine = sorted.filter((r) => r.year === String(y))
    const byProvider: Partial<Record<ProviderId, number>> = {}
    for (const r of mine) byProvider[r.provider] = (byProvider[r.provider] ?? 0) + r.litres
    years.push({ year: String(y), monthsInPeriod, litres: mine.reduce((a, r) => a + r.litres, 0), byProvider })
  }
  return { litres: sorted.reduce((a, r) => a + r.litres, 0), years, records: sorted }
}

const m3 = (litres: number): number => gramsToKg(litres)

/** `water` of report.json (figures in m3, 3 decimals: the litre). */
export function waterJson(w: WaterModel): Record<string, unknown> {
  const byProvider = (b: Partial<Record<ProviderId, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(b).map(([p, l]) => [p, m3(l as number)]))
  return {
    unit: 'm3',
    totalM3: m3(w.litres),
    years: w.years.map((y) => ({
      year: y.year,
      monthsInPeriod: y.monthsInPeriod,
      totalM3: m3(y.litres),
      byProvider: byProvider(y.byProvider)
    })),
    records: w.records.map((r) => ({
      provider: r.provider,
      account: r.account,
      year: r.year,
      service: r.service,
      region: r.region,
      m3: m3(r.litres)
    }))
  }
}

/** water.csv: RFC 4180, CRLF, text cells defused as in report.csv. */
export function waterCsv(w: WaterModel): string {
  const rows = w.records.map((r) =>
    [
      csvText(r.provider),
      csvText(r.account),
      csvText(r.year),
      csvText(r.service),
      csvText(r.region),
      formatKg(r.litres)
    ].join(',')
  )
  return [WATER_CSV_HEADER, ...rows].map((l) => `${l}\r\n`).join('')
}

/** The summary's water section: a row per year, saying when a year is only partly in the period. */
export function waterSection(w: WaterModel, providers: readonly ProviderId[]): string {
  const shown = providers.filter((p) => w.records.some((r) => r.provider === p))
  const rows = w.years.map((y) => [
    y.monthsInPeriod === 12 ? y.year : `${y.year} (${y.monthsInPeriod} of 12 months in the period)`,
    ...(shown.length > 1 ? shown.map((p) => groupThousands(formatKg(y.byProvider[p] ?? 0))) : []),
    groupThousands(formatKg(y.litres))
  ])
  if (w.years.length > 1)
    rows.push([
      '**Total**',
      ...(shown.length > 1
        ? shown.map((p) =>
            groupThousands(formatKg(w.records.filter((r) => r.provider === p).reduce((a, r) => a + r.litres, 0)))
          )
        : []),
      `**${groupThousands(formatKg(w.litres))}**`
    ])
  return [
    '### Water withdrawals',
    '',
    `<sub>What ${shown.length > 0 ? esc(shown.map(providerLabel).join(', ')) : 'the providers'} allocate${shown.length === 1 ? 's' : ''} to your usage, in m3, for whole calendar years (the providers give years only).</sub>`,
    '',
    markdownTable(
      [['Year', ...(shown.length > 1 ? shown.map((p) => `${providerLabel(p)} m3`) : []), 'Total m3'], ...rows],
      { align: ['l', ...(shown.length > 1 ? shown.map(() => 'r' as const) : []), 'r'] }
    )
  ].join('\n')
}
