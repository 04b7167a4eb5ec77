/**
 * The "Change over time" section of the job summary (and the PR comment's movers), rendered from what
 * changes.ts computed. Provider names are short; each figure column has one unit, said in its header.
 */
import { markdownTable } from 'markdown-table'
import type { Grams } from '../model.js'
import { formatTonnes, groupThousands, humanMass } from '../units.js'
import { SHORT_LABELS } from './chart.js'
import { escapeMarkdown as esc } from './escape.js'
import { massFormat, type MassFormat } from './figures.js'
import {
  LIST_LIMIT,
  movers,
  type BaselineChanges,
  type Change,
  type Changes,
  type GroupChange,
  type PeriodChange,
  type RecordDiff,
  type RecordDiffSet
} from './changes.js'

const short = (p: string): string => SHORT_LABELS[p as keyof typeof SHORT_LABELS] ?? p

/** A signed figure in a column's unit (the unit is in the header): ▲ +1.604. */
function signedIn(f: MassFormat, c: Change): string {
  return `${arrow(c)} ${c.delta > 0 ? '+' : c.delta < 0 ? '-' : '±'}${f.format(Math.abs(c.delta))}`
}

/** A signed mass for people: +1.234 t, -56.000 kg, ±0 kg. */
export function signedMass(g: Grams): string {
  if (g === 0) return '±0 kg'
  return `${g > 0 ? '+' : '-'}${humanMass(Math.abs(g))}`
}

/** A percentage for people: +5.2%, -100.0%, "new" (from 0), "–" (0 to 0). */
export function signedPercent(c: Change): string {
  if (c.percent === null) return c.after === 0 ? '–' : 'new'
  const p = Math.round(c.percent * 10) / 10
  return `${p > 0 ? '+' : p < 0 ? '-' : '±'}${Math.abs(p).toFixed(1)}%`
}

/** An arrow for the direction of a change. */
export function arrow(c: Change): string {
  return c.delta > 0 ? '▲' : c.delta < 0 ? '▼' : '='
}

/** Cuts a provider string to `max` code points before escaping, so an escape is never cut in half. */
export function clip(text: string, max: number): string {
  const chars = [...text]
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

const t = (g: Grams): string => groupThousands(formatTonnes(g))
const LABEL_MAX = 80

function groupName(g: GroupChange): string {
  return g.key === '' ? '_(none)_' : esc(clip(g.label, LABEL_MAX))
}

/** A table of the biggest risers and fallers of one dimension (services or accounts). */
export function moversTable(title: string, groups: GroupChange[], n: number): string {
  const { risers, fallers } = movers(groups, n)
  if (risers.length + fallers.length === 0) return ''
  const multi = new Set(groups.map((g) => g.provider)).size > 1
  const shown = [...risers, ...fallers]
  const f = massFormat(shown.flatMap((g) => [g.before, g.after]))
  const d = massFormat(shown.map((g) => g.delta))
  const rows = shown.map((g) => [
    ...(multi ? [short(g.provider)] : []),
    groupName(g),
    f.format(g.before),
    f.format(g.after),
    signedIn(d, g),
    signedPercent(g)
  ])
  return markdownTable(
    [
      [
        ...(multi ? ['Provider'] : []),
        title,
        `Before ${f.unit}CO2e`,
        `After ${f.unit}CO2e`,
        `Change ${d.unit}CO2e`,
        '%'
      ],
      ...rows
    ],
    {
      align: [...(multi ? ['l' as const] : []), 'l', 'r', 'r', 'r', 'r']
    }
  )
}

function periodBlock(c: PeriodChange, n: number): string {
  const title = c.kind === 'month-over-month' ? 'Month over month' : 'Year over year'
  const out: string[] = [`#### ${title}: ${c.month} against ${c.previousMonth}`, '']
  out.push(
    `Total ${t(c.total.before)} → **${t(c.total.after)} tCO2e**, ${arrow(c.total)} ${signedMass(c.total.delta)} (${signedPercent(c.total)}).`
  )
  if (c.providers.length > 1) {
    const f = massFormat(c.providers.flatMap((p) => [p.before, p.after]))
    const d = massFormat(c.providers.map((p) => p.delta))
    out.push(
      '',
      markdownTable(
        [
          ['Provider', `${c.previousMonth} ${f.unit}CO2e`, `${c.month} ${f.unit}CO2e`, `Change ${d.unit}CO2e`, '%'],
          ...c.providers.map((p) => [
            short(p.provider),
            f.format(p.before),
            f.format(p.after),
            signedIn(d, p),
            signedPercent(p)
          ])
        ],
        { align: ['l', 'r', 'r', 'r', 'r'] }
      )
    )
  }
  const services = moversTable('Service', c.services, n)
  const accounts = moversTable('Account', c.accounts, n)
  // The movers are detail: folded, so the section stays a few lines long.
  const movers = [
    ...(services ? [`Biggest risers and fallers by service:`, '', services] : []),
    ...(accounts ? [...(services ? [''] : []), `Biggest risers and fallers by account:`, '', accounts] : [])
  ]
  if (movers.length > 0) out.push('', `<details><summary>Risers and fallers</summary>`, '', ...movers, '', '</details>')
  return out.join('\n')
}

function recordLabel(d: RecordDiff): string {
  const account = d.accountName ? `${d.accountName} (${d.account})` : d.account
  return esc(clip([account, d.service ?? '(no service)', d.region ?? '(no region)'].join(' · '), 120))
}

function diffTable(title: string, set: RecordDiffSet, n: number): string {
  if (set.count === 0) return ''
  const shown = set.list.slice(0, n)
  const f = massFormat(shown.flatMap((d) => [d.before, d.after]))
  const rows = shown.map((d) => [
    short(d.provider),
    d.month,
    recordLabel(d),
    d.before === null ? '–' : f.format(d.before),
    d.after === null ? '–' : f.format(d.after)
  ])
  return [
    `${title}: ${groupThousands(String(set.count))} record${set.count === 1 ? '' : 's'}, ${signedMass(set.delta)}${set.count > shown.length ? ` (the ${shown.length} largest below; up to ${LIST_LIMIT} in report.json)` : ''}.`,
    '',
    markdownTable(
      [['Provider', 'Month', 'Account · service · region', `Before ${f.unit}CO2e`, `After ${f.unit}CO2e`], ...rows],
      {
        align: ['l', 'l', 'l', 'r', 'r']
      }
    )
  ].join('\n')
}

function baselineBlock(b: BaselineChanges, n: number): string {
  const out: string[] = [`#### Since the baseline`, '']
  out.push(
    `Baseline: ${esc(clip(b.file, 200))}${b.generatedAt ? `, generated ${esc(b.generatedAt)}` : ''}, ${b.period.start} to ${b.period.end}` +
      `${b.method ? `, ${b.method}-based` : ''}.`
  )
  for (const note of b.notCompared) out.push('', `> [!NOTE]\n> ${esc(note)}`)
  if (b.overlap !== null && b.providers.length > 0) {
    out.push(
      '',
      `Months both cover (${b.overlap.start} to ${b.overlap.end}): ${t(b.total.before)} → **${t(b.total.after)} tCO2e**, ${arrow(b.total)} ${signedMass(b.total.delta)} (${signedPercent(b.total)}).`
    )
  }
  if (b.newMonths.length > 0)
    out.push(
      '',
      `New since the baseline: ${b.newMonths.length > 12 ? `${b.newMonths.length} months` : b.newMonths.join(', ')}.`
    )
  if (b.restated.length > 0) {
    const shown = b.restated.slice(0, Math.max(n, 12))
    const f = massFormat(shown.flatMap((r) => [r.before, r.after]))
    const d = massFormat(shown.map((r) => r.delta))
    out.push(
      '',
      `Restated by the provider: ${b.restated.length} month${b.restated.length === 1 ? '' : 's'} (same month, a different total)${b.restated.length > shown.length ? `, the first ${shown.length} below` : ''}.`,
      '',
      markdownTable(
        [
          ['Provider', 'Month', `Baseline ${f.unit}CO2e`, `Now ${f.unit}CO2e`, `Change ${d.unit}CO2e`, '%'],
          ...shown.map((r) => [
            short(r.provider),
            r.month,
            f.format(r.before),
            f.format(r.after),
            signedIn(d, r),
            signedPercent(r)
          ])
        ],
        { align: ['l', 'l', 'r', 'r', 'r', 'r'] }
      )
    )
  } else if (b.overlap !== null && b.providers.length > 0)
    out.push('', 'No month was restated: every shared month has the same total as in the baseline.')
  for (const [title, set] of [
    ['Appeared', b.appeared],
    ['Vanished', b.vanished],
    ['Changed', b.changed]
  ] as const) {
    const table = diffTable(title, set, n)
    if (table) out.push('', table)
  }
  return out.join('\n')
}

/** The "Change over time" section of the job summary; `n` rows per movers table. */
export function changesSection(c: Changes, n = 5): string {
  const blocks: string[] = []
  if (c.monthOverMonth) blocks.push(periodBlock(c.monthOverMonth, n))
  if (c.yearOverYear) blocks.push(periodBlock(c.yearOverYear, n))
  if (c.baseline) blocks.push(baselineBlock(c.baseline, n))
  if (blocks.length === 0) return ''
  return ['### Change over time', '', blocks.join('\n\n')].join('\n')
}
