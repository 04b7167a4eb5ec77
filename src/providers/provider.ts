/**
 * The provider seam. A provider takes the settings and the period and yields its normalized records in
 * batches (report/batch.ts); it says what it could not fetch through `missing` (the report then marks it
 * partial) and anything a reader should know through `note`. Throwing before any record means the provider
 * failed as a whole.
 */
import type { CarbonRecord, Period, ProviderId } from '../model.js'
import type { HttpClient } from '../http.js'
import type { Env, Settings } from '../settings.js'
import { BatchEncoder, type RecordBatch } from '../report/batch.js'
import type { PageDecoder } from '../workers/pool.js'

export interface ForecastPoint {
  month: string
  /** Projected grams for the month. */
  grams: number
  /** What the provider calls it (e.g. "projectedEmissions"). */
  basis: string
  /** The scope of the projection (an enrollment id, a tenant). */
  scope: string
}

export interface ProviderContext {
  settings: Settings
  /** The months to report, inclusive. */
  period: Period
  http: HttpClient
  env: Env
  /** Decodes large pages on worker threads (or here): providers with big pages hand it their bodies. */
  decoder: PageDecoder
  /** Batches must carry their records too (a baseline comparison reads every record). */
  keepRecords: boolean
  /** A note for the report (e.g. which accounting method the figures use). */
  note(text: string): void
  /** A part of the data could not be fetched: named, with its cause. The provider goes on with the rest. */
  missing(what: string, cause: string): void
  /** A warning a reader must see (e.g. the provider's own totals disagree with its detail): in the summary and the log. */
  warn(text: string): void
  /** Forecast points (e.g. MCFS projections): shown apart, never added to totals. */
  forecast(points: ForecastPoint[]): void
  /** A progress line for the run's log. */
  log(line: string): void
  /** Aborted when the run's time budget is spent. */
  deadline: AbortSignal
}

export interface Provider {
  id: ProviderId
  /** A display name ("AWS", "Azure"). */
  label: string
  /** The records in batches (a page's, or a task's, records already formatted and summed), in a fixed order. */
  fetch(ctx: ProviderContext): AsyncIterable<RecordBatch>
}

/**
 * Runs tasks with up to `lookahead` of them started ahead of the one being consumed, and yields their
 * results in task order, each task's records as one batch: fetches overlap (the HTTP layer bounds what is
 * really in flight) while the output order stays deterministic, and memory stays bounded by `lookahead` tasks.
 */
export async function* inOrder(
  provider: ProviderId,
  tasks: (() => Promise<CarbonRecord[]>)[],
  lookahead: number,
  keepRecords: boolean
): AsyncGenerator<RecordBatch> {
  const started: Promise<CarbonRecord[]>[] = []
  let next = 0
  const fill = (): void => {
    while (next < tasks.length && started.length < lookahead) {
      const p = tasks[next++]()
      p.catch(() => undefined) // consumed below, in order
      started.push(p)
    }
  }
  fill()
  while (started.length > 0) {
    const rows = await started.shift()!
    fill()
    if (rows.length === 0) continue
    const enc = new BatchEncoder(provider, keepRecords)
    for (const r of rows) enc.add(r)
    yield enc.take()
  }
}
