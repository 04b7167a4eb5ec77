/**
 * A Mermaid `xychart-beta` of monthly emissions (GitHub renders Mermaid >= 10.6 in summaries and comments).
 * xychart colours its plots by position and has no legend: the palette is fixed here per provider (bars
 * first, then one line per provider present), so a provider keeps its colour from run to run, and a legend
 * in the same colours follows the chart. The colours read on GitHub's light and dark themes alike.
 */
import { PROVIDER_IDS, type Month, type ProviderId } from '../model.js'
import { formatTonnes } from '../units.js'
import { PROVIDERS } from '../providers/registry.js'
import type { MonthRow } from './builder.js'
import { escapeMermaid } from './escape.js'

export const SHORT_LABELS: Record<ProviderId, string> = Object.fromEntries(
  PROVIDER_IDS.map((p) => [p, PROVIDERS[p].short])
) as Record<ProviderId, string>

/** Bars (the total) and each provider's line; the square is the emoji closest to the colour, for the legend. */
const TOTAL_COLOUR = '#8b949e'
export const PROVIDER_COLOURS: Record<ProviderId, { colour: string; square: string }> = {
  aws: { colour: '#f0883e', square: '🟧' },
  azure: { colour: '#2f81f7', square: '🟦' },
  mcfs: { colour: '#3fb950', square: '🟩' },
  gcp: { colour: '#a371f7', square: '🟪' }
}

/** `incomplete`: months whose figures lack a part (marked `*` on the axis). */
export function monthlyChart(months: MonthRow[], title: string, incomplete: ReadonlySet<Month> = new Set()): string {
  if (months.length === 0) return ''
  const values = months.map((m) => formatTonnes(m.grams))
  const max = Math.max(...months.map((m) => m.grams))
  const top = Number(formatTonnes(Math.max(max, 1000))) * 1.1
  const providers = PROVIDER_IDS.filter((p) => months.some((m) => m.byProvider[p] !== undefined))
  const multi = providers.length > 1
  const palette = [TOTAL_COLOUR, ...(multi ? providers.map((p) => PROVIDER_COLOURS[p].colour) : [])]
  const lines = [
    '```mermaid',
    // GitHub's column is ~950 px: at Mermaid's default 700 px twelve month labels run into each other.
    `%%{init: {"xyChart": {"width": 900}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette.join(', ')}"}}}}%%`,
    'xychart-beta',
    `  title "${escapeMermaid(title)}"`,
    `  x-axis [${months.map((m) => `"${m.month}${incomplete.has(m.month) ? '*' : ''}"`).join(', ')}]`,
    `  y-axis "tCO2e" 0 --> ${Number(top.toFixed(3))}`,
    `  bar [${values.join(', ')}]`
  ]
  // With several providers, one line each over the total bars (xychart-beta does not stack bars).
  if (multi) {
    for (const p of providers)
      lines.push(`  line [${months.map((m) => formatTonnes(m.byProvider[p] ?? 0)).join(', ')}]`)
  }
  lines.push('```')
  const legend = [
    '⬜ bars: total',
    ...(multi ? providers.map((p) => `${PROVIDER_COLOURS[p].square} ${SHORT_LABELS[p]}`) : []),
    ...(months.some((m) => incomplete.has(m.month)) ? ['* incomplete month'] : [])
  ]
  lines.push(`<sub>${legend.join(' · ')}</sub>`)
  return lines.join('\n')
}
