/**
 * The job summary (and summary.md): what a sustainability lead reads in 20 seconds. Headline first, then the
 * verdicts, the monthly chart with its table, the top services, regions and accounts, and what each provider
 * returned. Every provider string is escaped; tables come from markdown-table.
 */
import { markdownTable } from 'markdown-table'
import { PROVIDER_IDS, type Grams } from '../model.js'
import { formatTonnes, groupThousands, humanMass } from '../units.js'
import type { Group, ReportModel } from './builder.js'
import type { ThresholdResult } from './thresholds.js'
import { monthlyChart } from './chart.js'
import { escapeMarkdown as esc } from './escape.js'

export const PROVIDER_LABELS: Record<string, string> = {
  aws: 'AWS',
  azure: 'Azure',
  mcfs: 'Microsoft Cloud for Sustainability'
}
const METHOD_LABEL = { market: 'market-based', location: 'location-based' } as const
const STATUS_MARK = { ok: '✅ ok', partial: '⚠️ partial', failed: '❌ failed' } as const

export interface SummaryOptions {
  /** Months of the period that a provider has not published yet. */
  unpublished?: string[]
  runUrl?: string | null
  /** How many rows the top-N tables hold. */
  top?: number
  /** Extra sections (e.g. change over time) placed after the monthly table. */
  sections?: string[]
}

const t = (g: Grams): string => groupThousands(formatTonnes(g))

function share(part: Grams, total: Grams): string {
  if (total <= 0) return '–'
  return `${((part / total) * 100).toFixed(1)}%`
}

function topTable(title: string, groups: Group[], total: Grams, n: number, multiProvider: boolean): string {
  if (groups.length === 0) return ''
  const shown = groups.slice(0, n)
  const rows = shown.map((g) => [
    ...(multiProvider ? [PROVIDER_LABELS[g.provider] ?? g.provider] : []),
    g.key === '' ? '_(none)_' : esc(g.label),
    t(g.grams),
    share(g.grams, total)
  ])
  const head = [...(multiProvider ? ['Provider'] : []), title, 'tCO2e', 'Share']
  const rest = groups.length - shown.length
  return [
    `#### Top ${title.toLowerCase()}${rest > 0 ? ` (${shown.length} of ${groups.length})` : ''}`,
    '',
    markdownTable([head, ...rows], { align: [...(multiProvider ? ['l'] : []), 'l', 'r', 'r'] })
  ].join('\n')
}

/** Forecast points as their own clearly labelled table: never part of any total. */
export function forecastSection(
  points: { provider: string; scope: string; month: string; grams: Grams; basis: string }[]
): string {
  if (points.length === 0) return ''
  const rows = points.map((p) => [PROVIDER_LABELS[p.provider] ?? p.provider, esc(p.scope), p.month, t(p.grams)])
  return [
    '### Forecast (not included in any total)',
    '',
    `<sub>The provider's own projection for the rest of the year (${esc([...new Set(points.map((p) => p.basis))].join(', '))}).</sub>`,
    '',
    markdownTable([['Provider', 'Scope', 'Month', 'Forecast tCO2e'], ...rows], { align: ['l', 'l', 'l', 'r'] })
  ].join('\n')
}

export function thresholdTable(thresholds: ThresholdResult[]): string {
  if (thresholds.length === 0) return ''
  const rows = thresholds.map((th) => [
    `\`${th.name}\``,
    th.limitPercent !== undefined ? `${th.limitPercent}%` : `${th.limitTCO2e} t`,
    th.limitPercent !== undefined
      ? th.actualPercent === null || th.actualPercent === undefined
        ? th.month
          ? '∞'
          : '–'
        : `${th.actualPercent}%${th.month ? ` (${th.month})` : ''}`
      : th.actualTCO2e === null || th.actualTCO2e === undefined
        ? '–'
        : `${th.actualTCO2e} t${th.month ? ` (${th.month})` : ''}`,
    th.breached ? '❌ breached' : '✅ within'
  ])
  return markdownTable([['Limit', 'Value', 'Actual', 'Result'], ...rows], { align: ['l', 'r', 'r', 'l'] })
}

export function renderSummary(model: ReportModel, thresholds: ThresholdResult[], options: SummaryOptions = {}): string {
  const n = options.top ?? 10
  const out: string[] = []
  const method = METHOD_LABEL[model.method]
  const providersShown = model.providers.map((p) => PROVIDER_LABELS[p.provider] ?? p.provider).join(', ')
  const multi = new Set(model.providers.filter((p) => p.records > 0).map((p) => p.provider)).size > 1

  out.push('## Cloud carbon footprint')
  out.push('')
  out.push(
    `**${t(model.totalGrams)} tCO2e** (${method}) from ${providersShown}, ${model.period.start} to ${model.period.end}` +
      ` · ${groupThousands(String(model.recordCount))} records`
  )
  const alt = model.method === 'market' ? model.locationGrams : model.marketGrams
  const altMissing = model.method === 'market' ? model.recordsWithoutLocation : model.recordsWithoutMarket
  if (model.recordCount > 0 && altMissing < model.recordCount) {
    out.push('')
    out.push(
      `<sub>${model.method === 'market' ? 'Location-based' : 'Market-based'}: ${t(alt)} tCO2e` +
        `${altMissing > 0 ? ` (${groupThousands(String(altMissing))} records do not give it)` : ''}.</sub>`
    )
  }

  // What went wrong comes before anything else a reader might act on.
  const alerts: string[] = []
  for (const p of model.providers) {
    const label = PROVIDER_LABELS[p.provider] ?? p.provider
    if (p.status === 'failed') alerts.push(`> [!CAUTION]\n> **${label} failed:** ${esc(p.error ?? 'unknown error')}`)
    else if (p.status === 'partial') {
      const items = p.missing.slice(0, 10).map((m) => `> - ${esc(m.what)}: ${esc(m.cause)}`)
      if (p.missing.length > 10) items.push(`> - …and ${p.missing.length - 10} more (see report.json)`)
      alerts.push(`> [!WARNING]\n> **${label} is incomplete.** Missing:\n${items.join('\n')}`)
    }
  }
  for (const p of model.providers) {
    for (const w of p.warnings)
      alerts.push(`> [!WARNING]\n> **${PROVIDER_LABELS[p.provider] ?? p.provider}:** ${esc(w)}`)
  }
  const breached = thresholds.filter((th) => th.breached)
  if (breached.length > 0) alerts.push(`> [!CAUTION]\n${breached.map((th) => `> ❌ ${th.message}`).join('\n>\n')}`)
  if (options.unpublished && options.unpublished.length > 0) {
    alerts.push(
      `> [!NOTE]\n> ${options.unpublished.join(', ')} ${options.unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider ` +
        `(AWS publishes a month by the 21st of the next, Azure by the 19th): ${options.unpublished.length === 1 ? 'its figures are' : 'their figures are'} missing or incomplete.`
    )
  }
  if (alerts.length > 0) out.push('', alerts.join('\n\n'))

  if (thresholds.length > 0) {
    out.push('', '### Limits', '', thresholdTable(thresholds))
  }

  out.push('', '### By month', '')
  const chart = monthlyChart(model.months, `Monthly emissions, tCO2e (${method})`)
  if (chart) out.push(chart, '')
  const provs = PROVIDER_IDS.filter((p) => model.months.some((m) => m.byProvider[p] !== undefined))
  const monthRows = model.months.map((m) => [
    m.month,
    ...(provs.length > 1 ? provs.map((p) => (m.byProvider[p] === undefined ? '–' : t(m.byProvider[p]!))) : []),
    Object.keys(m.byProvider).length === 0 ? '– _(no data)_' : t(m.grams)
  ])
  out.push(
    markdownTable(
      [
        ['Month', ...(provs.length > 1 ? provs.map((p) => `${PROVIDER_LABELS[p] ?? p} tCO2e`) : []), 'Total tCO2e'],
        ...monthRows,
        [
          '**Total**',
          ...(provs.length > 1
            ? provs.map((p) => `**${t(model.providers.find((x) => x.provider === p)?.grams ?? 0)}**`)
            : []),
          `**${t(model.totalGrams)}**`
        ]
      ],
      { align: ['l', ...provs.map(() => 'r' as const), 'r'] }
    )
  )

  for (const s of options.sections ?? []) if (s) out.push('', s)

  const tops = [
    topTable('Services', model.services, model.totalGrams, n, multi),
    topTable('Regions', model.regions, model.totalGrams, n, multi),
    topTable('Accounts', model.accounts, model.totalGrams, n, multi)
  ].filter(Boolean)
  if (tops.length > 0) out.push('', '### Where it comes from', '', tops.join('\n\n'))

  out.push('', '### Providers', '')
  out.push(
    markdownTable(
      [
        ['Provider', 'Status', 'Records', 'tCO2e', 'Notes'],
        ...model.providers.map((p) => [
          PROVIDER_LABELS[p.provider] ?? p.provider,
          STATUS_MARK[p.status],
          groupThousands(String(p.records)),
          t(p.grams),
          esc([...p.notes, ...(p.error && p.status !== 'failed' ? [p.error] : [])].join(' ')) || '–'
        ])
      ],
      { align: ['l', 'l', 'r', 'r', 'l'] }
    )
  )
  for (const note of model.notes) out.push('', `<sub>${esc(note)}</sub>`)
  out.push(
    '',
    `<sub>Estimates from the providers' own carbon tools, in metric tons of CO2-equivalent (1 t = 1,000 kg); exact kilograms are in report.json and report.csv` +
      `${options.runUrl ? ` ([run](${options.runUrl}))` : ''}. Generated ${model.generatedAt}. Total of ${humanMass(model.totalGrams)}.</sub>`,
    ''
  )
  return out.join('\n')
}
