/**
 * The run, as its steps: inputs -> collect (every provider at once, or the shards in merge mode) -> write the
 * report files -> publish (summary, artifact, comment) -> outputs -> verdict. The verdict comes last, so the
 * reports always exist when the step fails.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { collectProviders, collectShards, type Collection } from './collect.js'
import { HttpClient, type HttpOptions } from './http.js'
import type { ProviderStatus } from './model.js'
import { latestPublishedMonth, monthIndex, monthsOf } from './period.js'
import { PROVIDERS, providerLabel, publicationSchedule } from './providers/registry.js'
import type { ProviderOutcome } from './report/builder.js'
import { ReportBuilder, overlapRule } from './report/builder.js'
import { BaselineComparison, loadBaseline, type Baseline } from './report/changes.js'
import type { ThresholdResult } from './report/thresholds.js'
import { publish } from './publish.js'
import { registerSecret } from './secrets.js'
import { InputError, parseSettings, type Env, type Settings } from './settings.js'
import { formatKg, formatTonnes } from './units.js'
import { overallStatus, setOutputs, verdict } from './verdict.js'
import { writeReport } from './write.js'

export interface RunDeps {
  env?: Env
  now?: Date
  cwd?: string
  /** Overrides of the HTTP layer (tests inject sleep and short timeouts). */
  http?: Partial<HttpOptions>
}

export interface RunResult {
  settings: Settings | null
  status: ProviderStatus | 'input-error'
  totalGrams: number
  thresholds: ThresholdResult[]
  failures: string[]
  files: { json: string; csv: string; markdown: string } | null
}

export async function run(deps: RunDeps = {}): Promise<RunResult> {
  const env = deps.env ?? process.env
  let inputs: { settings: Settings; baseline: Baseline | null }
  try {
    inputs = await readInputs(env, deps)
  } catch (e) {
    if (e instanceof InputFailure) return inputFailure(e.error, e.settings)
    throw e
  }
  const { settings, baseline } = inputs
  const started = Date.now()
  const deadline = new AbortController()
  const timer = setTimeout(() => deadline.abort(new Error('timeout-minutes')), settings.timeoutMs)
  timer.unref()
  const http = new HttpClient({
    concurrency: settings.concurrency,
    deadline: deadline.signal,
    env,
    log: (l) => core.debug(l),
    ...deps.http
  })
  try {
    const collected = await collect(settings, env, { http, deadline: deadline.signal, baseline })
    // The budget judges the fetching: the artifact and the comment have their own bounds after it.
    const timedOut = deadline.signal.aborted
    const written = await writeReport(settings, env, collected)
    fs.rmSync(collected.work, { recursive: true, force: true })
    const published = await publish({ settings, env, deadlineAt: started + settings.timeoutMs }, written)
    const status = overallStatus(written)
    setOutputs(written, published, status)
    core.info(
      `Total ${formatTonnes(written.model.totalGrams)} tCO2e (${formatKg(written.model.totalGrams)} kgCO2e), ${written.model.recordCount} records, ${((Date.now() - started) / 1000).toFixed(1)} s, ${http.attempts} requests. Reports in ${settings.outputDir}`
    )
    const failures = verdict(settings, written, timedOut)
    return {
      settings,
      status,
      totalGrams: written.model.totalGrams,
      thresholds: written.thresholds,
      failures,
      files: written.files
    }
  } finally {
    clearTimeout(timer)
    http.close()
  }
}

class InputFailure extends Error {
  constructor(
    readonly error: InputError,
    readonly settings: Settings | null
  ) {
    super(error.message)
  }
}

/**
 * Every input, before anything is fetched: the settings, the baseline file and the output directory (one that
 * cannot be made or written is a bad input too).
 */
async function readInputs(env: Env, deps: RunDeps): Promise<{ settings: Settings; baseline: Baseline | null }> {
  let settings: Settings
  try {
    settings = parseSettings({ env, now: deps.now, cwd: deps.cwd })
  } catch (e) {
    throw e instanceof InputError ? new InputFailure(e, null) : e
  }
  registerSecret(settings.githubToken)
  let baseline: Baseline | null = null
  try {
    if (settings.baseline !== null)
      baseline = await loadBaseline(settings.baseline, env['INPUT_BASELINE']?.trim() || settings.baseline)
  } catch (e) {
    throw e instanceof InputError ? new InputFailure(e, settings) : e
  }
  const unusable = unusableDirectory(settings.outputDir)
  if (unusable !== null) {
    const error = new InputError([
      `Input 'output-dir': "${settings.outputDir}" cannot hold the reports (${unusable}). Give a writable directory, or leave output-dir empty for $RUNNER_TEMP/cloud-carbon-report.`
    ])
    throw new InputFailure(error, settings)
  }
  return { settings, baseline }
}

/**
 * A bad input fails the step before anything is fetched; the outputs are still set (status failed), so that
 * later steps can branch on them.
 */
function inputFailure(e: InputError, settings: Settings | null): RunResult {
  core.setOutput('status', 'failed')
  core.setOutput('threshold-breached', 'false')
  core.setOutput('artifact-id', '')
  core.setOutput('comment-url', '')
  core.setFailed(e.message)
  return { settings, status: 'input-error', totalGrams: 0, thresholds: [], failures: e.problems, files: null }
}

/** Why a directory cannot be made or written (its error code), or null when it can. */
function unusableDirectory(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.accessSync(dir, fs.constants.W_OK)
    return null
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR') return 'a part of the path is a file'
    if (code === 'EACCES' || code === 'EPERM') return 'no permission to write there'
    if (code === 'EROFS') return 'a read-only file system'
    return code ?? (e as Error).message
  }
}

/** The collect step: the providers (or the shards) into one streaming report. */
async function collect(
  settings: Settings,
  env: Env,
  s: { http: HttpClient; deadline: AbortSignal; baseline: Baseline | null }
) {
  fs.mkdirSync(settings.outputDir, { recursive: true })
  const work = fs.mkdtempSync(path.join(settings.outputDir, '.parts-'))
  const c: Collection = {
    builder: new ReportBuilder(work, settings.period, settings.method, {
      fiscalYearStart: settings.fiscalYearStart,
      overlap: overlapRule(settings.providers, settings.shard !== null)
    }),
    comparison: s.baseline ? new BaselineComparison(s.baseline, settings.period) : null,
    http: s.http,
    deadline: s.deadline,
    forecast: [],
    water: []
  }
  const names = settings.providers.map(providerLabel).join(', ')
  core.info(
    `cloud-carbon-report: ${names}, ${settings.period.start} to ${settings.period.end}, ${settings.method}-based`
  )
  const unpublished = monthsOf(settings.period).filter((m) =>
    settings.providers.some(
      (p) => monthIndex(m) > monthIndex(latestPublishedMonth(PROVIDERS[p].publicationDay, settings.now))
    )
  )
  if (unpublished.length > 0) {
    core.notice(
      `${unpublished.join(', ')} ${unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider; the report holds what is available.`
    )
  }
  const outcomes =
    settings.mode === 'merge' ? await collectShards(settings, env, c, work) : await collectProviders(settings, env, c)
  if (unpublished.length === monthsOf(settings.period).length) failUnpublished(settings, outcomes)
  return {
    builder: c.builder,
    outcomes,
    forecast: c.forecast,
    water: c.water,
    comparison: c.comparison,
    unpublished,
    work
  }
}

/**
 * Nothing at all is available and no month of the period is published yet: the publication lag is the likely
 * cause. Each provider that answered with nothing has failed (so fail-on-error and the status outputs decide, as
 * for any failed provider), with an error that says so.
 */
function failUnpublished(settings: Settings, outcomes: ProviderOutcome[]): void {
  if (!outcomes.every((o) => o.records === 0)) return
  for (const o of outcomes) {
    if (o.status !== 'ok') continue
    o.status = 'failed'
    o.error =
      `no data: every month of ${settings.period.start} to ${settings.period.end} is after the latest published month ` +
      `(${publicationSchedule(settings.providers)}). Leave end-date empty for the latest published month.`
  }
}
