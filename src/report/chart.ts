/** A Mermaid `xychart-beta` of monthly emissions (GitHub renders Mermaid >= 10.6 in summaries and comments). */
import { PROVIDER_IDS } from '../model.js'
import { formatTonnes } from '../units.js'
import type { MonthRow } from './builder.js'
import { escapeMermaid } from './escape.js'

const LABELS: Record<string, string> = { aws: 'AWS', azure: 'Azure', mcfs: 'MCFS' }

export function monthlyChart(months: MonthRow[], title: string): string {
  if (months.length === 0) return ''
  const values = months.map((m) => formatTonnes(m.grams))
  const max = Math.max(...months.map((m) => m.grams))
  const top = Number(formatTonnes(Math.max(max, 1000))) * 1.1
  const providers = PROVIDER_IDS.filter((p) => months.some((m) => m.byProvider[p] !== undefined))
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${escapeMermaid(title)}"`,
    `  x-axis [${months.map((m) => `"${m.month}"`).join(', ')}]`,
    `  y-axis "tCO2e" 0 --> ${Number(top.toFixed(3))}`,
    `  bar [${values.join(', ')}]`
  ]
  // With several providers, one line each over the total bars (xychart-beta does not stack bars).
  if (providers.length > 1) {
    for (const p of providers)
      lines.push(`  line [${months.map((m) => formatTonnes(m.byProvider[p] ?? 0)).join(', ')}]`)
  }
  lines.push('```')
  if (providers.length > 1)
    lines.push(`<sub>Bars: total. Lines: ${providers.map((p) => LABELS[p]).join(', ')}, in that order.</sub>`)
  return lines.join('\n')
}
