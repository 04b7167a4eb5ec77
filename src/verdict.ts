/**
 * The outputs and the verdict, last: a failed or partial provider (fail-on-error), a breached limit
 * (fail-on-threshold) or the time budget fails the step with one message naming each cause.
 */
import * as core from '@actions/core'
import type { ProviderStatus } from './model.js'
import { providerLabel } from './providers/registry.js'
import type { Published, Written } from './publish.js'
import { scrub } from './secrets.js'
import type { Settings } from './settings.js'
import { formatKg, formatTonnes } from './units.js'

/** ok: everything came; partial: a provider failed, or failed part-way; failed: nothing came. */
export function overallStatus(w: Written): ProviderStatus {
  const outcomes = w.model.providers
  if (outcomes.every((o) => o.status === 'ok')) return 'ok'
  return outcomes.some((o) => o.status !== 'failed') ? 'partial' : 'failed'
}

export function setOutputs(w: Written, p: Published, status: ProviderStatus): void {
  core.setOutput('total-tco2e', formatTonnes(w.model.totalGrams))
  core.setOutput('total-kgco2e', formatKg(w.model.totalGrams))
  core.setOutput('status', status)
  core.setOutput('threshold-breached', w.thresholds.some((t) => t.breached) ? 'true' : 'false')
  core.setOutput('report-json', w.files.json)
  core.setOutput('report-csv', w.files.csv)
  core.setOutput('report-markdown', w.files.markdown)
  core.setOutput('artifact-id', p.artifactId)
  core.setOutput('comment-url', p.commentUrl)
}

/** Each cause that fails the step (warnings for those the inputs turn off); fails the step when there are any. */
export function verdict(settings: Settings, w: Written, timedOut: boolean): string[] {
  const failures: string[] = []
  const providerProblems = w.model.providers
    .filter((o) => o.status !== 'ok')
    .map((o) => `${providerLabel(o.provider)} ${o.status}: ${o.error}`)
  if (timedOut)
    failures.push(
      `The run stopped at its time budget of ${settings.timeoutMs / 60_000} min (timeout-minutes); the reports hold what was fetched. Raise timeout-minutes or narrow the period.`
    )
  if (providerProblems.length > 0) {
    if (settings.failOnError || timedOut) failures.push(...providerProblems)
    else for (const p of providerProblems) core.warning(`${p} (fail-on-error is false)`)
  }
  const breached = w.thresholds.filter((t) => t.breached)
  if (breached.length > 0) {
    if (settings.failOnThreshold) failures.push(...breached.map((t) => t.message))
    else for (const t of breached) core.warning(`${t.message} (fail-on-threshold is false)`)
  }
  if (failures.length > 0) core.setFailed(failures.map(scrub).join('\n'))
  return failures
}
