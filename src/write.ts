/**
 * Writing the report: the model from what was collected, the limits, the changes, then report.json,
 * report.csv and summary.md. Files first: whatever happens next, the report exists.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { Forecast } from './collect.js'
import type { ProviderOutcome, ReportBuilder } from './report/builder.js'
import { changesJson, periodChanges, type BaselineComparison, type Changes } from './report/changes.js'
import { changesSection } from './report/changes-md.js'
import { jsonHeader } from './report/json.js'
import { forecastSection, renderSummary } from './report/markdown.js'
import { evaluateThresholds } from './report/thresholds.js'
import type { Written } from './publish.js'
import type { Env, Settings } from './settings.js'
import { gramsToKg } from './units.js'
import type { WaterRecord } from './model.js'
import { waterCsv, waterJson, waterModel, waterSection } from './report/water.js'

/** GitHub's limit for a job summary is 1 MiB; a little is kept for what GitHub adds. */
const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024

export interface Collected {
  builder: ReportBuilder
  outcomes: ProviderOutcome[]
  forecast: Forecast
  water: WaterRecord[]
  comparison: BaselineComparison | null
  /** Months of the period some selected provider has not published yet. */
  unpublished: string[]
}

export async function writeReport(settings: Settings, env: Env, c: Collected): Promise<Written> {
  const notes: string[] = []
  if (c.unpublished.length > 0) notes.push(`Not published yet by every provider: ${c.unpublished.join(', ')}.`)
  if (settings.shard !== null)
    notes.push(
      `Shard ${settings.shard.index} of ${settings.shard.count}: a share of the work; the merge job (mode: merge) writes the whole report and checks the limits.`
    )
  const model = c.builder.model(c.outcomes, notes, new Date().toISOString())
  // A shard holds a share of the data: its limits would judge a part as the whole. The merge job judges them.
  const thresholds =
    settings.shard === null ? evaluateThresholds(settings.thresholds, model.totalGrams, model.months) : []
  const changes: Changes = { ...periodChanges(model), baseline: c.comparison?.result(model) ?? null }

  const files = {
    json: path.join(settings.outputDir, 'report.json'),
    csv: path.join(settings.outputDir, 'report.csv'),
    markdown: path.join(settings.outputDir, 'summary.md')
  }
  const forecast = [...c.forecast].sort(
    (a, b) => a.provider.localeCompare(b.provider) || a.scope.localeCompare(b.scope) || a.month.localeCompare(b.month)
  )
  const forecastJson = forecast.map((f) => ({
    provider: f.provider,
    scope: f.scope,
    month: f.month,
    basis: f.basis,
    kgCO2e: gramsToKg(f.grams)
  }))
  const extra: Record<string, unknown> = { forecast: forecastJson, changes: changesJson(changes) }
  if (settings.shard !== null) extra.shard = settings.shard
  let waterFile: string | null = null
  const water = settings.water ? waterModel(c.water, settings.period, settings.providers) : null
  if (water !== null) {
    extra.water = waterJson(water)
    waterFile = path.join(settings.outputDir, 'water.csv')
    fs.writeFileSync(waterFile, waterCsv(water))
  }
  await c.builder.writeFiles(jsonHeader(model, thresholds, extra), files.json, files.csv)
  await c.builder.cleanup()

  const runUrl =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null
  const unpublished = c.unpublished
  const waterPart = water === null ? '' : waterSection(water, settings.providers)
  let markdown = renderSummary(model, thresholds, {
    unpublished,
    runUrl,
    sections: [changesSection(changes), forecastSection(forecast), waterPart]
  })
  if (Buffer.byteLength(markdown) > MAX_SUMMARY_BYTES)
    markdown = renderSummary(model, thresholds, {
      unpublished,
      runUrl,
      sections: [changesSection(changes, 3), forecastSection(forecast), waterPart],
      top: 3
    })
  fs.writeFileSync(files.markdown, markdown)
  return { files, waterCsv: waterFile, markdown, model, thresholds, changes, runUrl }
}
