/**
 * Collecting: every selected provider at once into one streaming report, each provider's outcome (ok, partial,
 * failed) decided from what it fetched and from typed causes. Past the time budget every request fails at once,
 * while what was fetched already is still handed over for a short drain.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { HttpClient } from './http.js'
import { isDeadlineError } from './http.js'
import type { ProviderId, ProviderStatus, WaterRecord } from './model.js'
import type { Env, Settings } from './settings.js'
import { loadProvider, providerLabel } from './providers/registry.js'
import { runProvider } from './providers/kit/run.js'
import type { ForecastPoint, ProviderContext } from './providers/kit/seam.js'
import type { MissingPart, ProviderOutcome, ReportBuilder } from './report/builder.js'
import type { BaselineComparison } from './report/changes.js'
import { errorMessage, scrub } from './secrets.js'
import { mergedStatus } from './shard.js'
import { downloadShards, mergeShardReports } from './merge.js'
import { formatTonnes } from './units.js'

/** After the time budget, how long what was already fetched may still be handed to the report. */
const DRAIN_MS = 5_000

export type Forecast = (ForecastPoint & { provider: ProviderId })[]

export interface Collection {
  builder: ReportBuilder
  comparison: BaselineComparison | null
  http: HttpClient
  deadline: AbortSignal
  forecast: Forecast
  water: WaterRecord[]
}

/** Every provider, concurrently; what each came to. */
export async function collectProviders(settings: Settings, env: Env, c: Collection): Promise<ProviderOutcome[]> {
  const deadlineHit = new Promise<'deadline'>((resolve) => {
    if (c.deadline.aborted) resolve('deadline')
    c.deadline.addEventListener('abort', () => resolve('deadline'), { once: true })
  })
  const run: CollectRun = { settings, env, c, deadlineHit, finished: false }
  const outcomes = await Promise.all(settings.providers.map((id) => collectOne(id, run)))
  run.finished = true
  return outcomes
}

/** What every provider's collection shares: the run, and whether the outcomes are counted already. */
interface CollectRun {
  settings: Settings
  env: Env
  c: Collection
  deadlineHit: Promise<'deadline'>
  finished: boolean
}

async function collectOne(id: ProviderId, run: CollectRun): Promise<ProviderOutcome> {
  const { settings, env, c, deadlineHit } = run
  const label = providerLabel(id)
  const notes: string[] = []
  const warnings: string[] = []
  const missing: MissingPart[] = []
  let stoppedByBudget = false
  // Set once this provider's outcome is counted: what comes later (past the deadline) stays out of the report,
  // so its records and its totals agree.
  let counted = false
  const ctx: ProviderContext = {
    settings,
    period: settings.period,
    http: c.http,
    env,
    keepRecords: c.comparison !== null,
    deadline: c.deadline,
    note: (text) => notes.push(scrub(text)),
    missing: (what, cause) => {
      if (isDeadlineError(cause)) stoppedByBudget = true
      missing.push({ what: scrub(what), cause: typeof cause === 'string' ? scrub(cause) : errorMessage(cause) })
    },
    warn: (text) => {
      warnings.push(scrub(text))
      core.warning(`${label}: ${scrub(text)}`)
    },
    forecast: (points) => c.forecast.push(...points.map((p) => ({ provider: id, ...p }))),
    water: (records) => {
      // Past the budget nothing more is counted, as for carbon.
      if (!counted) c.water.push(...records)
    },
    log: (line) => core.info(scrub(line))
  }
  const budget = `stopped after ${settings.timeoutMs / 60_000} min (timeout-minutes)`
  let error: string | null = null
  const consume = async (): Promise<'done'> => {
    const provider = await loadProvider(id)
    // Pages write their bytes as they arrive; they join the report (sums and order) when consumed here.
    for await (const batch of runProvider(provider, ctx, (b) => c.builder.place(b))) {
      if (run.finished || counted) break
      c.builder.addBatch(batch)
      if (c.comparison && batch.records) for (const r of batch.records) c.comparison.observe(r)
    }
    return 'done'
  }
  try {
    const consumed = consume()
    let how = await Promise.race([consumed, deadlineHit])
    if (how === 'deadline') {
      // Past the budget every request fails at once (each part not fetched says so in `missing`), while what
      // was fetched already (pages waiting for their turn) is still handed over: a short drain, bounded in case
      // something does not heed the deadline.
      consumed.catch(() => undefined) // a late failure after the drain is not an unhandled rejection
      how = await Promise.race([consumed, sleep(DRAIN_MS, 'deadline' as const, { ref: false })])
      if (how === 'deadline') error = `${budget}: the data is incomplete`
    }
  } catch (e) {
    error = c.deadline.aborted ? `${budget}: ${errorMessage(e)}` : errorMessage(e)
  }
  counted = true
  // Parts are named in a fixed order, not in the order their requests happened to end.
  missing.sort((a, b) =>
    a.what < b.what ? -1 : a.what > b.what ? 1 : a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0
  )
  const { records, grams } = c.builder.countOf(id)
  if (error === null && stoppedByBudget) error = `${budget}: the data is incomplete`
  // ok: everything came; partial: some of it came; failed: nothing came. Nothing fetched is dropped.
  const status: ProviderStatus = error === null && missing.length === 0 ? 'ok' : records > 0 ? 'partial' : 'failed'
  if (missing.length > 0) {
    const what = `${missing.length} part${missing.length === 1 ? '' : 's'} could not be fetched: ${summariseMissing(missing)}`
    error = error === null ? (status === 'failed' ? summariseMissing(missing) : what) : `${error}; ${what}`
  }
  core.info(`${label}: ${status}, ${records} records, ${formatTonnes(grams)} tCO2e${error ? ` (${error})` : ''}`)
  return { provider: id, label, status, records, grams, error, notes, warnings, missing }
}

/** Parts that failed for the same cause are told once, with their count. */
export function summariseMissing(missing: MissingPart[]): string {
  const byCause = new Map<string, string[]>()
  for (const m of missing) byCause.set(m.cause, [...(byCause.get(m.cause) ?? []), m.what])
  return [...byCause.entries()]
    .map(
      ([cause, whats]) =>
        `${whats.length === 1 ? whats[0] : `${whats.length} parts (${whats.slice(0, 3).join('; ')}${whats.length > 3 ? '; …' : ''})`}: ${cause}`
    )
    .join(' | ')
}

/**
 * mode: merge: the shard artifacts of this run, streamed into the builder in shard order; what each shard said of
 * each provider combined. A merge that cannot read its shards fails every provider with the reason.
 */
export async function collectShards(
  settings: Settings,
  env: Env,
  c: Collection,
  work: string
): Promise<ProviderOutcome[]> {
  const dir = path.join(work, 'shards')
  try {
    const files = await downloadShards(settings, env, dir)
    const merged = await mergeShardReports(settings, files, (r) => {
      c.builder.add(r)
      c.comparison?.observe(r)
    })
    c.forecast.push(...merged.forecast)
    c.water.push(...merged.water)
    return merged.outcomes.map(({ statuses, ...o }) => {
      const { records, grams } = c.builder.countOf(o.provider)
      for (const w of o.warnings) core.warning(`${providerLabel(o.provider)}: ${w}`)
      return { ...o, label: providerLabel(o.provider), status: mergedStatus(statuses, records), records, grams }
    })
  } catch (e) {
    const error = errorMessage(e)
    core.error(error)
    return settings.providers.map((id) => ({
      provider: id,
      label: providerLabel(id),
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
