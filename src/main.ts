/**
 * The run: settings, then every provider concurrently into one streaming report, then the files, the job
 * summary, the artifact and the outputs; only then the verdict (a failed provider, a breached limit, the time
 * budget), so the reports always exist when the step fails.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { HttpClient, type HttpOptions } from './http.js'
import type { ProviderId, ProviderStatus } from './model.js'
import { latestPublishedMonth, monthIndex, monthsOf } from './period.js'
import { InputError, parseSettings, type Env, type Settings } from './settings.js'
import { loadProvider } from './providers/index.js'
import type { ForecastPoint, ProviderContext } from './providers/provider.js'
import { ReportBuilder, overlapRule, type MissingPart, type ProviderOutcome } from './report/builder.js'
import { createDecoder, type PageDecoder } from './workers/pool.js'
import { evaluateThresholds, type ThresholdResult } from './report/thresholds.js'
import { jsonHeader } from './report/json.js'
import { forecastSection, renderSummary, PROVIDER_LABELS } from './report/markdown.js'
import { errorMessage, registerSecret, scrub } from './secrets.js'
import { formatKg, formatTonnes, gramsToKg } from './units.js'
import { uploadReportArtifact } from './artifact.js'
import { mergedStatus, shardArtifactName } from './shard.js'
import { downloadShards, mergeShardReports } from './merge.js'
import {
  BaselineComparison,
  changesJson,
  changesSection,
  loadBaseline,
  periodChanges,
  type Baseline,
  type Changes
} from './report/changes.js'
import { postComment, renderComment } from './github/comment.js'

export interface RunDeps {
  env?: Env
  now?: Date
  cwd?: string
  /** Overrides of the HTTP layer (tests inject sleep and short timeouts). */
  http?: Partial<HttpOptions>
  /** The page decoder (default: worker threads on the bundle, per CCR_DECODE_WORKERS). */
  decoder?: PageDecoder
}

export interface RunResult {
  settings: Settings | null
  status: ProviderStatus | 'input-error'
  totalGrams: number
  thresholds: ThresholdResult[]
  failures: string[]
  files: { json: string; csv: string; markdown: string } | null
}

const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024

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
    return code === 'ENOTDIR'
      ? 'a part of the path is a file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'no permission to write there'
        : code === 'EROFS'
          ? 'a read-only file system'
          : (code ?? (e as Error).message)
  }
}

export async function run(deps: RunDeps = {}): Promise<RunResult> {
  const env = deps.env ?? process.env
  let settings: Settings
  try {
    settings = parseSettings({ env, now: deps.now, cwd: deps.cwd })
  } catch (e) {
    if (e instanceof InputError) return inputFailure(e, null)
    throw e
  }
  registerSecret(settings.githubToken)
  // The baseline is an input like any other: a bad file fails the step before anything is fetched.
  let baseline: Baseline | null = null
  if (settings.baseline !== null) {
    try {
      baseline = await loadBaseline(settings.baseline, env['INPUT_BASELINE']?.trim() || settings.baseline)
    } catch (e) {
      if (e instanceof InputError) return inputFailure(e, settings)
      throw e
    }
  }

  // The output directory is an input too: one that cannot be made or written fails the step before anything is fetched.
  const unusable = unusableDirectory(settings.outputDir)
  if (unusable !== null) {
    return inputFailure(
      new InputError([
        `Input 'output-dir': "${settings.outputDir}" cannot hold the reports (${unusable}). Give a writable directory, or leave output-dir empty for $RUNNER_TEMP/cloud-carbon-report.`
      ]),
      settings
    )
  }

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
  const decoder = deps.decoder ?? createDecoder(env)

  try {
    return await collect(settings, env, http, decoder, deadline, baseline)
  } finally {
    clearTimeout(timer)
    http.close()
    const d = decoder.stats()
    if (d.onWorkers > 0)
      core.debug(`pages decoded: ${d.onWorkers} on ${d.workers} worker thread(s), ${d.here} on the main thread`)
    await decoder.close()
  }
}

/** After the time budget, how long what was already fetched may still be handed to the report. */
const DRAIN_MS = 5_000

async function collect(
  settings: Settings,
  env: Env,
  http: HttpClient,
  decoder: PageDecoder,
  deadline: AbortController,
  baseline: Baseline | null
): Promise<RunResult> {
  const started = Date.now()
  fs.mkdirSync(settings.outputDir, { recursive: true })
  const work = fs.mkdtempSync(path.join(settings.outputDir, '.parts-'))
  const builder = new ReportBuilder(work, settings.period, settings.method, {
    fiscalYearStart: settings.fiscalYearStart,
    overlap: overlapRule(settings.providers, settings.shard !== null)
  })
  const comparison = baseline ? new BaselineComparison(baseline, settings.period) : null
  const providerNames = settings.providers.map((p) => PROVIDER_LABELS[p]).join(', ')
  core.info(
    `cloud-carbon-report: ${providerNames}, ${settings.period.start} to ${settings.period.end}, ${settings.method}-based`
  )

  const unpublished = monthsOf(settings.period).filter((m) =>
    settings.providers.some((p) => monthIndex(m) > monthIndex(latestPublishedMonth(p, settings.now)))
  )
  if (unpublished.length > 0) {
    core.notice(
      `${unpublished.join(', ')} ${unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider; the report holds what is available.`
    )
  }

  const deadlineHit = new Promise<'deadline'>((resolve) => {
    if (deadline.signal.aborted) resolve('deadline')
    deadline.signal.addEventListener('abort', () => resolve('deadline'), { once: true })
  })
  let finished = false
  const forecast: (ForecastPoint & { provider: ProviderId })[] = []

  const outcomes: ProviderOutcome[] =
    settings.mode === 'merge'
      ? await mergeInto(settings, env, builder, comparison, forecast, work)
      : await Promise.all(
          settings.providers.map(async (id): Promise<ProviderOutcome> => {
            const notes: string[] = []
            const warnings: string[] = []
            const missing: MissingPart[] = []
            const ctx: ProviderContext = {
              settings,
              period: settings.period,
              http,
              env,
              decoder,
              keepRecords: comparison !== null || builder.needsRecords(id),
              deadline: deadline.signal,
              note: (text) => notes.push(scrub(text)),
              missing: (what, cause) => missing.push({ what: scrub(what), cause: scrub(cause) }),
              warn: (text) => {
                warnings.push(scrub(text))
                core.warning(`${PROVIDER_LABELS[id]}: ${scrub(text)}`)
              },
              forecast: (points) => forecast.push(...points.map((p) => ({ provider: id, ...p }))),
              log: (line) => core.info(scrub(line))
            }
            let error: string | null = null
            /** Set once this provider's outcome is counted: what comes later (past the deadline) stays out of the
             * report, so its records and its totals agree. */
            let counted = false
            const consume = async (): Promise<'done'> => {
              const provider = await loadProvider(id)
              for await (const batch of provider.fetch(ctx)) {
                if (finished || counted) break
                builder.addBatch(batch)
                if (comparison && batch.records) for (const r of batch.records) comparison.observe(r)
              }
              return 'done'
            }
            try {
              const consumed = consume()
              let how = await Promise.race([consumed, deadlineHit])
              if (how === 'deadline') {
                // Past the budget every request fails at once (each part not fetched says so in `missing`), while
                // what was fetched already (pages waiting for their turn) is still handed over: a short drain,
                // bounded in case something does not heed the deadline.
                consumed.catch(() => undefined) // a late failure after the drain is not an unhandled rejection
                how = await Promise.race([consumed, sleep(DRAIN_MS, 'deadline' as const, { ref: false })])
                if (how === 'deadline')
                  error = `stopped after ${settings.timeoutMs / 60_000} min (timeout-minutes): the data is incomplete`
              }
            } catch (e) {
              error = deadline.signal.aborted
                ? `stopped after ${settings.timeoutMs / 60_000} min (timeout-minutes): ${errorMessage(e)}`
                : errorMessage(e)
            }
            counted = true
            // Parts are named in a fixed order, not in the order their requests happened to end.
            missing.sort((a, b) =>
              a.what < b.what ? -1 : a.what > b.what ? 1 : a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0
            )
            const { records, grams } = builder.countOf(id)
            if (
              deadline.signal.aborted &&
              error === null &&
              missing.some((m) => /time budget|timeout-minutes/.test(m.cause))
            ) {
              error = `stopped after ${settings.timeoutMs / 60_000} min (timeout-minutes): the data is incomplete`
            }
            // ok: everything came; partial: some of it came; failed: nothing came. Nothing fetched is dropped.
            const status: ProviderStatus =
              error === null && missing.length === 0 ? 'ok' : records > 0 ? 'partial' : 'failed'
            if (missing.length > 0) {
              const what = `${missing.length} part${missing.length === 1 ? '' : 's'} could not be fetched: ${summariseMissing(missing)}`
              error = error === null ? (status === 'failed' ? summariseMissing(missing) : what) : `${error}; ${what}`
            }
            const outcome: ProviderOutcome = {
              provider: id,
              label: PROVIDER_LABELS[id],
              status,
              records,
              grams,
              error,
              notes,
              warnings,
              missing
            }
            core.info(
              `${PROVIDER_LABELS[id]}: ${status}, ${records} records, ${formatTonnes(grams)} tCO2e${error ? ` (${error})` : ''}`
            )
            return outcome
          })
        )
  finished = true
  const timedOut = deadline.signal.aborted
  // Nothing at all is available and no month of the period is published yet: the publication lag is the likely
  // cause. Each provider that answered with nothing has failed (so fail-on-error and the status outputs decide,
  // as for any failed provider), with an error that says so.
  if (unpublished.length === monthsOf(settings.period).length && outcomes.every((o) => o.records === 0)) {
    for (const o of outcomes) {
      if (o.status !== 'ok') continue
      o.status = 'failed'
      o.error =
        `no data: every month of ${settings.period.start} to ${settings.period.end} is after the latest published month ` +
        `(AWS publishes a month by the 21st of the next, Azure and MCFS by the 19th). Leave end-date empty for the latest published month.`
    }
  }

  const notes: string[] = []
  if (unpublished.length > 0) notes.push(`Not published yet by every provider: ${unpublished.join(', ')}.`)
  if (settings.shard !== null)
    notes.push(
      `Shard ${settings.shard.index} of ${settings.shard.count}: a share of the work; the merge job (mode: merge) writes the whole report and checks the limits.`
    )
  const generatedAt = new Date().toISOString()
  const model = builder.model(outcomes, notes, generatedAt)
  // A shard holds a share of the data: its limits would judge a part as the whole. The merge job judges them.
  const thresholds =
    settings.shard === null ? evaluateThresholds(settings.thresholds, model.totalGrams, model.months) : []
  const changes: Changes = { ...periodChanges(model), baseline: comparison?.result(model) ?? null }

  // Files first: whatever happens next, the report exists.
  const files = {
    json: path.join(settings.outputDir, 'report.json'),
    csv: path.join(settings.outputDir, 'report.csv'),
    markdown: path.join(settings.outputDir, 'summary.md')
  }
  forecast.sort(
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
  builder.writeFiles(jsonHeader(model, thresholds, extra), files.json, files.csv)
  builder.cleanup()
  fs.rmSync(work, { recursive: true, force: true })
  const runUrl =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : null
  const sections = [changesSection(changes), forecastSection(forecast)]
  let markdown = renderSummary(model, thresholds, { unpublished, runUrl, sections })
  if (Buffer.byteLength(markdown) > MAX_SUMMARY_BYTES)
    markdown = renderSummary(model, thresholds, {
      unpublished,
      runUrl,
      sections: [changesSection(changes, 3), forecastSection(forecast)],
      top: 3
    })
  fs.writeFileSync(files.markdown, markdown)

  if (settings.jobSummary) {
    if (env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(markdown).write()
      } catch (e) {
        core.warning(`The job summary could not be written: ${errorMessage(e)}`)
      }
    } else core.info('No GITHUB_STEP_SUMMARY (not on a runner): the summary is in summary.md only.')
  }

  let artifactId = ''
  if (settings.artifactName !== '') {
    const name =
      settings.shard === null ? settings.artifactName : shardArtifactName(settings.artifactName, settings.shard)
    artifactId = await uploadReportArtifact(
      settings,
      env,
      [files.json, files.csv, files.markdown],
      name,
      started + settings.timeoutMs
    )
  }

  // The PR comment comes after the files and the artifact it links to, before the verdict; it never fails the step.
  let commentUrl = ''
  if (settings.prComment && settings.shard !== null)
    core.info(`pr-comment: shard ${settings.shard.index}/${settings.shard.count} does not comment; the merge job does.`)
  else if (settings.prComment) {
    const artifactUrl = runUrl && artifactId ? `${runUrl}/artifacts/${artifactId}` : null
    const body = renderComment(model, thresholds, changes, { runUrl, artifactUrl })
    commentUrl = (await postComment(body, env, settings.githubToken, started + settings.timeoutMs)).url
  }

  const anyOk = outcomes.some((o) => o.status !== 'failed')
  const overall: ProviderStatus = outcomes.every((o) => o.status === 'ok') ? 'ok' : anyOk ? 'partial' : 'failed'
  const breached = thresholds.filter((t) => t.breached)
  core.setOutput('total-tco2e', formatTonnes(model.totalGrams))
  core.setOutput('total-kgco2e', formatKg(model.totalGrams))
  core.setOutput('status', overall)
  core.setOutput('threshold-breached', breached.length > 0 ? 'true' : 'false')
  core.setOutput('report-json', files.json)
  core.setOutput('report-csv', files.csv)
  core.setOutput('report-markdown', files.markdown)
  core.setOutput('artifact-id', artifactId)
  core.setOutput('comment-url', commentUrl)

  // The verdict, naming each cause.
  const failures: string[] = []
  const providerProblems = outcomes
    .filter((o) => o.status !== 'ok')
    .map((o) => `${PROVIDER_LABELS[o.provider]} ${o.status}: ${o.error}`)
  if (timedOut)
    failures.push(
      `The run stopped at its time budget of ${settings.timeoutMs / 60_000} min (timeout-minutes); the reports hold what was fetched. Raise timeout-minutes or narrow the period.`
    )
  if (providerProblems.length > 0) {
    if (settings.failOnError || timedOut) failures.push(...providerProblems)
    else for (const p of providerProblems) core.warning(`${p} (fail-on-error is false)`)
  }
  if (breached.length > 0) {
    if (settings.failOnThreshold) failures.push(...breached.map((t) => t.message))
    else for (const t of breached) core.warning(`${t.message} (fail-on-threshold is false)`)
  }
  core.info(
    `Total ${formatTonnes(model.totalGrams)} tCO2e (${formatKg(model.totalGrams)} kgCO2e), ${model.recordCount} records, ${((Date.now() - started) / 1000).toFixed(1)} s, ${http.attempts} requests. Reports in ${settings.outputDir}`
  )
  if (failures.length > 0) core.setFailed(failures.map(scrub).join('\n'))
  return { settings, status: overall, totalGrams: model.totalGrams, thresholds, failures, files }
}

function summariseMissing(missing: MissingPart[]): string {
  // Parts that failed for the same cause are told once, with their count.
  const byCause = new Map<string, string[]>()
  for (const m of missing) byCause.set(m.cause, [...(byCause.get(m.cause) ?? []), m.what])
  return [...byCause.entries()]
    .map(
      ([cause, whats]) =>
        `${whats.length === 1 ? whats[0] : `${whats.length} parts (${whats.slice(0, 3).join('; ')}${whats.length > 3 ? '; …' : ''})`}: ${cause}`
    )
    .join(' | ')
}

export type { ProviderId }

/**
 * mode: merge: the shard artifacts of this run, streamed into the builder in shard order; what each shard said
 * of each provider combined. A merge that cannot read its shards fails every provider with the reason.
 */
async function mergeInto(
  settings: Settings,
  env: Env,
  builder: ReportBuilder,
  comparison: BaselineComparison | null,
  forecast: (ForecastPoint & { provider: ProviderId })[],
  work: string
): Promise<ProviderOutcome[]> {
  const dir = path.join(work, 'shards')
  try {
    const files = await downloadShards(settings, env, dir)
    const merged = await mergeShardReports(settings, files, (r) => {
      builder.add(r)
      comparison?.observe(r)
    })
    forecast.push(...merged.forecast)
    return merged.outcomes.map(({ statuses, ...o }) => {
      const { records, grams } = builder.countOf(o.provider)
      for (const w of o.warnings) core.warning(`${PROVIDER_LABELS[o.provider]}: ${w}`)
      return { ...o, label: PROVIDER_LABELS[o.provider], status: mergedStatus(statuses, records), records, grams }
    })
  } catch (e) {
    const error = errorMessage(e)
    core.error(error)
    return settings.providers.map((id) => ({
      provider: id,
      label: PROVIDER_LABELS[id],
      status: 'failed' as const,
      records: 0,
      grams: 0,
      error,
      notes: [],
      warnings: [],
      missing: []
    }))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
