/**
 * The job summary (and summary.md): what a sustainability lead reads in 20 seconds. The first line says
 * whether the report is complete (and what is missing), then the headline, the verdicts, the GHG inventory,
 * the reporting years, the monthly chart with its table, the top services, regions and accounts (folded), and
 * what each provider returned. Every provider string is escaped; tables come from markdown-table.
 */
import { markdownTable } from 'markdown-table'
import { PROVIDER_IDS, type Grams, type ProviderId } from '../model.js'
import { formatTonnes, groupThousands } from '../units.js'
import type { Group, ProviderOutcome, ReportModel } from './builder.js'
import type { ThresholdResult } from './thresholds.js'
import { monthlyChart, SHORT_LABELS } from './chart.js'
import { escapeMarkdown as esc } from './escape.js'
import { mass, massFormat, monthRanges, PRECISION_RULE } from './figures.js'
import { gapsOf, groupMissing, incompleteMonths, type Gap } from './gaps.js'
import { figure, SCOPE_FIGURES, type ScopeFigure, type ScopeSums } from './scopes.js'
import { publicationSchedule } from '../providers/registry.js'

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
const short = (p: string): string => SHORT_LABELS[p as ProviderId] ?? p

function share(part: Grams, total: Grams): string {
  if (total <= 0) return '–'
  return `${((part / total) * 100).toFixed(1)}%`
}

function topTable(title: string, groups: Group[], total: Grams, n: number, multiProvider: boolean): string {
  if (groups.length === 0) return ''
  const shown = groups.slice(0, n)
  const f = massFormat(shown.map((g) => g.grams))
  const rows = shown.map((g) => [
    ...(multiProvider ? [short(g.provider)] : []),
    g.key === '' ? '_(none)_' : esc(g.label),
    f.format(g.grams),
    share(g.grams, total)
  ])
  const head = [...(multiProvider ? ['Provider'] : []), title, `${f.unit}CO2e`, 'Share']
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
  const rows = points.map((p) => [short(p.provider), esc(p.scope), p.month, t(p.grams)])
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

const FIGURE_LABELS: Record<ScopeFigure, string> = {
  scope1KgCO2e: 'Scope 1 (gross)',
  scope2LocationKgCO2e: 'Scope 2, location-based',
  scope2MarketKgCO2e: 'Scope 2, market-based',
  scope3LocationKgCO2e: 'Scope 3 (with location-based inputs)',
  scope3MarketKgCO2e: 'Scope 3 (with market-based inputs)',
  totalLocationKgCO2e: '**Total, location-based**',
  totalMarketKgCO2e: '**Total, market-based**'
}

const and = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`

/** What a gap leaves out, e.g. "AWS (failed)" or "Azure 2025-03..2025-04". */
function gapText(g: Gap): string {
  if (g.failed) return `${short(g.provider)} (failed)`
  if (g.months.length === 0) return `${short(g.provider)} (some parts)`
  return `${short(g.provider)} ${monthRanges(g.months)}${g.otherParts ? ' and some other parts' : ''}`
}

/** The title, saying when the report is incomplete and what it lacks (the summary's and the comment's). */
export function title(model: ReportModel): string {
  const gaps = gapsOf(model)
  if (gaps.length === 0) return 'Cloud carbon footprint'
  return `⚠️ Incomplete cloud carbon footprint: without ${and(gaps.map(gapText))}`
}

/** The providers a total counts, and those that failed, by their short names ("AWS and GCP"). */
export function countedProviders(model: ReportModel): { counted: string; failed: string } {
  return {
    counted: and(model.providers.filter((p) => p.status !== 'failed').map((p) => short(p.provider))),
    failed: and(model.providers.filter((p) => p.status === 'failed').map((p) => short(p.provider)))
  }
}

/** The note that says which records were left out so that no subscription is counted twice, or ''. */
export function overlapNote(model: ReportModel): string {
  if (!model.overlap || model.overlap.records === 0) return ''
  const o = model.overlap
  return `No double counting: ${groupThousands(String(o.records))} ${short(o.provider)} records (${mass(o.grams)}) of subscriptions and months that ${short(o.against)} also reports are left out; ${short(o.against)}'s figures are the ones counted.`
}

/** A provider's failure or missing parts: grouped by cause (the cause, which names the fix, first), months as ranges. */
function problemItems(p: ProviderOutcome): string[] {
  if (p.missing.length === 0) return [`> ${esc(p.error ?? 'unknown error')}`]
  const groups = groupMissing(p.missing)
  const items = groups.slice(0, 10).map((g) => `> - ${esc(g.cause)} — missing: ${esc(g.parts.join('; '))}`)
  if (groups.length > 10) items.push(`> - …and ${groups.length - 10} more causes (see report.json)`)
  return items
}

/** GHG inventory: Scope 1, 2 (both methods), 3 and totals, per provider and overall (ESRS E1-6 shape). */
export function inventorySection(model: ReportModel): string {
  const shown = model.providers
  const multi = shown.length > 1
  const cell = (s: ScopeSums | undefined, name: ScopeFigure, f: (g: Grams) => string): string => {
    if (!s) return '–'
    const g = figure(s, name)
    return g === null ? '_not reported_' : f(g)
  }
  const all = [model.scopes.total, ...Object.values(model.scopes.byProvider)].flatMap((s) =>
    SCOPE_FIGURES.map(([n]) => figure(s!, n))
  )
  const fmt = massFormat(all)
  const head = [
    `${fmt.unit}CO2e`,
    ...shown.map((p) => `${short(p.provider)}${p.status === 'failed' ? ' (failed)' : ''}`),
    ...(multi ? ['Total'] : [])
  ]
  const rows = SCOPE_FIGURES.map(([name]) => [
    FIGURE_LABELS[name],
    ...shown.map((p) => (p.status === 'failed' ? '–' : cell(model.scopes.byProvider[p.provider], name, fmt.format))),
    ...(multi ? [cell(model.scopes.total, name, fmt.format)] : [])
  ])
  const out = [
    '### Greenhouse gas inventory',
    '',
    markdownTable([head, ...rows], { align: ['l', ...head.slice(1).map(() => 'r' as const)] }),
    ''
  ]
  // Which providers each total leaves out: a provider's "not reported" is not a zero.
  const leftOut: string[] = []
  for (const [name] of SCOPE_FIGURES) {
    const without = shown
      .filter((p) => p.status !== 'failed' && p.records > 0)
      .filter((p) => {
        const s = model.scopes.byProvider[p.provider]
        return !s || figure(s, name) === null
      })
      .map((p) => short(p.provider))
    if (without.length > 0 && without.length < shown.length)
      leftOut.push(`${FIGURE_LABELS[name].replace(/\*/g, '')}: without ${and(without)} (not reported)`)
  }
  const failed = shown.filter((p) => p.status === 'failed').map((p) => short(p.provider))
  if (failed.length > 0) leftOut.unshift(`every figure: without ${and(failed)} (failed)`)
  if (leftOut.length > 0) out.push(`<sub>Totals leave out: ${leftOut.join('; ')}.</sub>`, '')
  out.push(
    '<sub>These are the emissions the providers allocate to your use of their services: in your own inventory ' +
      'they are purchased services (Scope 3, category 1). Rows follow ESRS E1-6: gross Scope 1, Scope 2 and ' +
      'totals, location- and market-based.</sub>'
  )
  return out.join('\n')
}

/** Totals and scopes per reporting year, saying when a year is only partly in the period. */
export function yearsSection(model: ReportModel): string {
  if (model.years.length === 0) return ''
  const method = METHOD_LABEL[model.method]
  const figures: ScopeFigure[] = [
    'scope1KgCO2e',
    'scope2LocationKgCO2e',
    'scope2MarketKgCO2e',
    'scope3MarketKgCO2e',
    'totalLocationKgCO2e',
    'totalMarketKgCO2e'
  ]
  const fmt = massFormat(model.years.flatMap((y) => [y.grams, ...figures.map((n) => figure(y.scopes, n))]))
  const rows = model.years.map((y) => [
    `**${y.label}**`,
    y.complete
      ? `${y.start}..${y.end}`
      : `${y.months[0]}..${y.months[y.months.length - 1]} (${y.months.length} of 12 months)`,
    fmt.format(y.grams),
    ...figures.map((n) => {
      const g = figure(y.scopes, n)
      return g === null ? '_not reported_' : fmt.format(g)
    })
  ])
  const head = [
    'Year',
    'Months',
    `Total ${fmt.unit}CO2e (${method})`,
    'Scope 1',
    'Scope 2 location',
    'Scope 2 market',
    'Scope 3',
    'Total location',
    'Total market'
  ]
  const partial = model.years.filter((y) => !y.complete)
  const out = [
    `### By reporting year${model.fiscalYearStart === 1 ? '' : ` (fiscal years from month ${model.fiscalYearStart})`}`,
    '',
    markdownTable([head, ...rows], { align: ['l', 'l', ...head.slice(2).map(() => 'r' as const)] })
  ]
  if (partial.length > 0)
    out.push(
      '',
      `<sub>${and(partial.map((y) => y.label))} ${partial.length === 1 ? 'is' : 'are'} only partly in the period: ` +
        `${partial.length === 1 ? 'its figures cover' : 'their figures cover'} only the months shown. Scope 3 with market-based inputs.</sub>`
    )
  return out.join('\n')
}

function monthsSection(model: ReportModel, gaps: Gap[]): string {
  const method = METHOD_LABEL[model.method]
  const incomplete = incompleteMonths(gaps)
  const out: string[] = ['### By month', '']
  const chart = monthlyChart(model.months, `Monthly emissions, tCO2e (${method})`, new Set(incomplete.keys()))
  if (chart) out.push(chart, '')
  const provs = PROVIDER_IDS.filter((p) => model.months.some((m) => m.byProvider[p] !== undefined))
  const fmt = massFormat(model.months.map((m) => m.grams))
  const gapOf = new Map(gaps.map((g) => [g.provider, g]))
  const monthRows = model.months.map((m) => {
    const lacking = incomplete.get(m.month) ?? []
    return [
      lacking.length > 0 ? `${m.month} ⚠️` : m.month,
      ...(provs.length > 1
        ? provs.map((p) =>
            m.byProvider[p] !== undefined
              ? fmt.format(m.byProvider[p]!)
              : gapOf.get(p)?.months.includes(m.month)
                ? '_missing_'
                : '–'
          )
        : []),
      Object.keys(m.byProvider).length === 0
        ? lacking.length > 0
          ? '_missing_'
          : '– _(no data)_'
        : fmt.format(m.grams)
    ]
  })
  const table = markdownTable(
    [
      ['Month', ...(provs.length > 1 ? provs.map((p) => short(p)) : []), `Total ${fmt.unit}CO2e`],
      ...monthRows,
      [
        '**Total**',
        ...(provs.length > 1
          ? provs.map((p) => `**${fmt.format(model.providers.find((x) => x.provider === p)?.grams ?? 0)}**`)
          : []),
        `**${fmt.format(model.totalGrams)}**`
      ]
    ],
    { align: ['l', ...provs.map(() => 'r' as const), 'r'] }
  )
  const notes: string[] = []
  if (incomplete.size > 0)
    notes.push(
      `⚠️ a part of the month is missing (${and(gaps.filter((g) => !g.failed).map(gapText))}): its figures are too low, not a real drop.`
    )
  const failed = gaps.filter((g) => g.failed).map((g) => short(g.provider))
  if (failed.length > 0) notes.push(`${and(failed)} failed: in no month.`)
  const note = notes.length > 0 ? `\n\n<sub>${notes.join(' ')}</sub>` : ''
  if (model.months.length > 12)
    out.push(
      `<details><summary>Monthly figures (${model.months.length} months)</summary>\n\n${table}${note}\n\n</details>`
    )
  else out.push(`${table}${note}`)
  return out.join('\n')
}

export function renderSummary(model: ReportModel, thresholds: ThresholdResult[], options: SummaryOptions = {}): string {
  const n = options.top ?? 10
  const out: string[] = []
  const method = METHOD_LABEL[model.method]
  const gaps = gapsOf(model)
  const counted = model.providers.filter((p) => p.status !== 'failed').map((p) => short(p.provider))
  const failed = model.providers.filter((p) => p.status === 'failed').map((p) => short(p.provider))
  const multi = new Set(model.providers.filter((p) => p.records > 0).map((p) => p.provider)).size > 1

  out.push(`## ${title(model)}`)
  out.push('')
  out.push(
    `**${mass(model.totalGrams).replace(/ (t|kg)$/, ' $1CO2e')}** (${method}) from ${and(counted) || 'no provider'}, ${model.period.start} to ${model.period.end}` +
      ` · ${groupThousands(String(model.recordCount))} records` +
      (failed.length > 0 ? ` · ${and(failed)} failed: not in any total` : '')
  )

  // What went wrong comes before anything else a reader might act on.
  const alerts: string[] = []
  for (const p of model.providers) {
    const label = short(p.provider)
    if (p.status === 'failed')
      alerts.push(`> [!CAUTION]\n> **${label} failed**, so it is in no total:\n${problemItems(p).join('\n')}`)
    else if (p.status === 'partial') {
      const g = gaps.find((x) => x.provider === p.provider)
      alerts.push(
        `> [!WARNING]\n> **${label} is incomplete**${g && g.months.length > 0 ? ` (${monthRanges(g.months)})` : ''}: its figures leave out\n${problemItems(p).join('\n')}`
      )
    }
  }
  for (const p of model.providers) {
    for (const w of p.warnings) alerts.push(`> [!WARNING]\n> **${short(p.provider)}:** ${esc(w)}`)
  }
  const breached = thresholds.filter((th) => th.breached)
  if (breached.length > 0) alerts.push(`> [!CAUTION]\n${breached.map((th) => `> ❌ ${th.message}`).join('\n>\n')}`)
  if (options.unpublished && options.unpublished.length > 0) {
    alerts.push(
      `> [!NOTE]\n> ${options.unpublished.join(', ')} ${options.unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider ` +
        `(${publicationSchedule(model.providers.map((p) => p.provider))}): ${options.unpublished.length === 1 ? 'its figures are' : 'their figures are'} missing or incomplete.`
    )
  }
  if (overlapNote(model)) alerts.push(`> [!NOTE]\n> ${overlapNote(model)}`)
  if (model.overlapDeferred) {
    const o = model.overlapDeferred
    alerts.push(
      `> [!NOTE]\n> A shard keeps every record: a subscription and month that both ${short(o.provider)} and ${short(o.against)} report is counted twice here; the merge job counts it once, from ${short(o.against)}.`
    )
  }
  if (alerts.length > 0) out.push('', alerts.join('\n\n'))

  if (thresholds.length > 0) {
    out.push('', '### Limits', '', thresholdTable(thresholds))
  }

  if (model.recordCount > 0) out.push('', inventorySection(model))
  const years = yearsSection(model)
  if (years && model.recordCount > 0) out.push('', years)

  out.push('', monthsSection(model, gaps))

  for (const s of options.sections ?? []) if (s) out.push('', s)

  const tops = [
    topTable('Services', model.services, model.totalGrams, n, multi),
    topTable('Regions', model.regions, model.totalGrams, n, multi),
    topTable('Accounts', model.accounts, model.totalGrams, n, multi)
  ].filter(Boolean)
  if (tops.length > 0)
    out.push(
      '',
      '### Where it comes from',
      '',
      `<details><summary>Top services, regions and accounts</summary>\n\n${tops.join('\n\n')}\n\n</details>`
    )

  out.push('', '### Providers', '')
  const pf = massFormat(model.providers.map((p) => p.grams))
  out.push(
    markdownTable(
      [
        ['Provider', 'Status', 'Records', `${pf.unit}CO2e`, 'Notes'],
        ...model.providers.map((p) => [
          short(p.provider),
          STATUS_MARK[p.status],
          p.status === 'failed' ? '–' : groupThousands(String(p.records)),
          p.status === 'failed' ? '–' : pf.format(p.grams),
          p.status === 'failed'
            ? 'see above'
            : esc([...p.notes, ...(p.error && p.missing.length === 0 ? [p.error] : [])].join(' ')) || '–'
        ])
      ],
      { align: ['l', 'l', 'r', 'r', 'l'] }
    )
  )
  for (const note of model.notes) out.push('', `<sub>${esc(note)}</sub>`)
  out.push(
    '',
    `<sub>Estimates from the providers' own carbon tools, in CO2-equivalent (1 t = 1,000 kg). ${PRECISION_RULE}` +
      `${options.runUrl ? ` ([run](${options.runUrl}))` : ''} Generated ${model.generatedAt}. AWS: Amazon Web Services; MCFS: Microsoft Cloud for Sustainability.</sub>`,
    ''
  )
  return out.join('\n')
}
