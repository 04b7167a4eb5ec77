/**
 * One page of the AWS Sustainability API's GetEstimatedCarbonEmissions answer, from its bytes to a batch of
 * normalized records. Kept apart from the provider (no signer, no credentials) so a worker thread can load
 * it alone: the page's JSON.parse, normalising and formatting are most of a large run's CPU.
 */
import type { CarbonRecord, Month } from '../../model.js'
import { tonnesToGrams } from '../../units.js'
import { bodyText, parseJsonBody } from '../../body.js'
import { BatchEncoder, type RecordBatch } from '../../report/batch.js'
import { scanAwsPage } from './scan.js'

export const EMISSIONS_TYPES = [
  'TOTAL_LBM_CARBON_EMISSIONS',
  'TOTAL_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_1_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS'
] as const
type EmissionsType = (typeof EMISSIONS_TYPES)[number]

export interface ApiRow {
  TimePeriod?: { Start?: string; End?: string }
  DimensionsValues?: Record<string, string>
  ModelVersion?: string
  EmissionsValues?: Partial<Record<EmissionsType, { Value?: number | string; Unit?: string }>>
}

/** One emissions figure (`EmissionsValues[type]`) in grams, or null when it is missing. */
function figureGrams(v: { Value?: number | string; Unit?: string } | undefined, type: EmissionsType): number | null {
  if (v === undefined || v === null || v.Value === undefined || v.Value === null) return null
  if (v.Unit === 'MTCO2e' || v.Unit === undefined) return tonnesToGrams(v.Value, type)
  const unit = (v.Unit ?? 'MTCO2e').toUpperCase()
  if (unit === 'MTCO2E') return tonnesToGrams(v.Value, type)
  if (unit === 'KGCO2E') return Math.round(Number(v.Value) * 1000)
  throw new Error(`unknown unit ${JSON.stringify(v.Unit)} for ${type}`)
}

/** The last TimePeriod.Start checked and its month: the rows of a page share one, so the test runs once a page. */
let lastStart: string | null = null
let lastMonth = ''

/** One API result row to a normalized record: a new one, or `into` overwritten (a page's rows share one). */
export function normalizeAwsRow(
  row: ApiRow,
  method: 'market' | 'location',
  fallbackAccount: string | null,
  into?: CarbonRecord
): CarbonRecord {
  const start = row.TimePeriod?.Start ?? ''
  if (start !== lastStart) {
    if (!/^\d{4}-\d{2}-01/.test(start))
      throw new Error(`a result has no monthly TimePeriod.Start (${JSON.stringify(start)})`)
    lastStart = start
    lastMonth = start.slice(0, 7)
  }
  const month = lastMonth
  // A named read per type (not a computed key in one shared function): each lookup site stays monomorphic.
  const e = row.EmissionsValues
  const market = figureGrams(e?.TOTAL_MBM_CARBON_EMISSIONS, 'TOTAL_MBM_CARBON_EMISSIONS')
  const location = figureGrams(e?.TOTAL_LBM_CARBON_EMISSIONS, 'TOTAL_LBM_CARBON_EMISSIONS')
  const headline = method === 'market' ? (market ?? location) : (location ?? market)
  if (headline === null) throw new Error(`a result for ${month} has neither TOTAL_MBM nor TOTAL_LBM emissions`)
  const d = row.DimensionsValues
  // The scope figures are read in the order the record lists them (a bad value names the first one wrong).
  const scope1 = figureGrams(e?.TOTAL_SCOPE_1_CARBON_EMISSIONS, 'TOTAL_SCOPE_1_CARBON_EMISSIONS')
  const scope2Market = figureGrams(e?.TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS')
  const scope2Location = figureGrams(e?.TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS')
  const scope3Market = figureGrams(e?.TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS')
  const scope3Location = figureGrams(e?.TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS')
  if (into !== undefined) {
    into.account = d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown'
    into.month = month
    into.service = d?.SERVICE ?? null
    into.region = d?.REGION ?? null
    into.grams = headline
    into.marketGrams = market
    into.locationGrams = location
    into.scope1Grams = scope1
    into.scope2MarketGrams = scope2Market
    into.scope2LocationGrams = scope2Location
    into.scope3MarketGrams = scope3Market
    into.scope3LocationGrams = scope3Location
    into.modelVersion = row.ModelVersion ?? null
    return into
  }
  return {
    provider: 'aws',
    account: d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown',
    accountName: null,
    month,
    service: d?.SERVICE ?? null,
    region: d?.REGION ?? null,
    grams: headline,
    marketGrams: market,
    locationGrams: location,
    scope1Grams: scope1,
    scope2MarketGrams: scope2Market,
    scope2LocationGrams: scope2Location,
    scope3MarketGrams: scope3Market,
    scope3LocationGrams: scope3Location,
    modelVersion: row.ModelVersion ?? null
  }
}

/** A row that makes a record to fill. */
const SCRATCH_ROW: ApiRow = {
  TimePeriod: { Start: '2000-01-01T00:00:00.000Z' },
  EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: 0 } }
}

/** What decoding a page needs besides its bytes. */
export interface AwsPageJob {
  method: 'market' | 'location'
  /** The account of the role, for a row without USAGE_ACCOUNT_ID (a member account sees only itself). */
  fallbackAccount: string | null
  /** The month the query asked for: a row of another month is an error. */
  month: Month
  /** Keep the records in the batch too (a baseline comparison needs them). */
  keepRecords: boolean
}

export interface AwsPage {
  /** The page's good records, up to the first bad row. */
  batch: RecordBatch
  next: string | null | undefined
  /** Why the page is not whole (a bad row, no Results list), else null. */
  error: string | null
}

/**
 * A page's bytes to its batch and NextToken: read from its bytes when it is plain and whole (scan.ts), else
 * from its parsed tree. A body that is not JSON throws NotJsonError (the HTTP layer retries it); a JSON body
 * with a bad row keeps the rows before it and says what was wrong in `error`.
 */
export function decodeAwsPage(body: Uint8Array, job: AwsPageJob): AwsPage {
  return scanAwsPage(Buffer.from(body.buffer, body.byteOffset, body.byteLength), job) ?? decodeAwsTree(body, job)
}

/** The page from its parsed tree: what says what is wrong with a page that is not read from its bytes. */
export function decodeAwsTree(body: Uint8Array, job: AwsPageJob): AwsPage {
  const data = parseJsonBody(bodyText(body)) as { Results?: ApiRow[]; NextToken?: string | null } | null
  const enc = new BatchEncoder('aws', job.keepRecords)
  // Results is required by the API's model: an answer without it is malformed, not empty.
  if (!data || typeof data !== 'object' || !Array.isArray(data.Results)) {
    return { batch: enc.take(), next: undefined, error: 'the response has no Results list (a malformed answer)' }
  }
  let error: string | null = null
  enc.reserve(data.Results.length)
  // The encoder keeps no record unless asked to: then every row may fill the same one (no object per row).
  const scratch = job.keepRecords ? undefined : normalizeAwsRow(SCRATCH_ROW, job.method, null)
  try {
    for (const row of data.Results) {
      const rec = normalizeAwsRow(row, job.method, job.fallbackAccount, scratch)
      if (rec.month !== job.month) throw new Error(`a result for ${rec.month} came back for a query of ${job.month}`)
      enc.add(rec)
    }
  } catch (e) {
    // Scrubbed where it is reported (on the main thread, which knows the secrets).
    error = e instanceof Error ? e.message : String(e)
  }
  return { batch: enc.take(), next: data.NextToken, error }
}
