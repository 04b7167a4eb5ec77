/**
 * The provider seam. A provider plans its work as units (a role's month, a batch of subscriptions' month, a data
 * set's month); the kit (run.ts) takes this run's or shard's share of them, starts them, and streams their record
 * batches in unit order into the report. A provider says what it could not fetch through `missing` (the report
 * then marks it partial) and anything a reader should know through `note`. Throwing before any record means the
 * provider failed as a whole.
 */
import type { Period, ProviderId, WaterRecord } from '../../model.js'
import type { HttpClient } from '../../http.js'
import type { Env, Settings } from '../../settings.js'
import type { RecordBatch } from '../../report/batch.js'

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
  /** Batches must carry their records too (a baseline comparison reads every record). */
  keepRecords: boolean
  /** A note for the report (e.g. which accounting method the figures use). */
  note(text: string): void
  /**
   * A part of the data could not be fetched: named, with its cause (an error or a sentence). The provider goes on
   * with the rest. A cause that is the run's time budget is told apart by its type, never by its text.
   */
  missing(what: string, cause: unknown): void
  /** A warning a reader must see (e.g. the provider's own totals disagree with its detail): in the summary and the log. */
  warn(text: string): void
  /** Forecast points (e.g. MCFS projections): shown apart, never added to totals. */
  forecast(points: ForecastPoint[]): void
  /** Water records (with `water: true`): reported apart from carbon. */
  water(records: WaterRecord[]): void
  /** A progress line for the run's log. */
  log(line: string): void
  /** Aborted when the run's time budget is spent. */
  deadline: AbortSignal
}

/**
 * A unit's page sequence: it awaits `turn()` before each request (the consumer may be behind, and memory is
 * bounded by what waits) and hands each page's batch over through `emit`.
 */
export interface PageFlow {
  turn(): Promise<void>
  emit(batch: RecordBatch): void
}

/** One unit of work, started by the kit when its turn nears. */
export type UnitTask = (flow: PageFlow) => Promise<void>

export interface WorkPlan<U> {
  /** What a unit is, for the shard log line ("(role, month)"). */
  unit: string
  /** Every unit of the run, in report order: a matrix shard takes its contiguous share of them. */
  units: U[]
  /**
   * Called once with this run's (or shard's) share, before any unit runs: signs in for those units only and
   * returns their tasks in the same order. Throwing fails the provider.
   */
  start(mine: U[]): Promise<UnitTask[]>
  /** After the last batch: what is said of the whole (notes, warnings, a forecast). */
  end?(): Promise<void>
  /** Units started ahead of the one being consumed. */
  lookahead: number
  /** Records that may wait ahead of the consumer, and how many a page counts for until it arrives. */
  budget?: { records: number; pageSize: number }
  /** The note when some records have no figure of the chosen method, so their headline is the other one. */
  fallbackNote?(count: number): string
  /** Releases what the plan holds (worker threads, say), after the last batch or a failure. */
  close?(): Promise<void>
}

export interface Provider {
  id: ProviderId
  /** Sign-in to discovery: everything before the units. Returns null when there is nothing to fetch. */
  plan(ctx: ProviderContext): Promise<WorkPlan<unknown> | null>
}
