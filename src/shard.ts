/**
 * Matrix jobs: `shard: i/n` makes a run take one contiguous share of each provider's planned work, and
 * `mode: merge` combines the shards' reports into the one a single run would have written.
 *
 * A provider plans its work as an ordered list of units (AWS: role x month, identity-major; Azure: batch of
 * subscriptions x month; MCFS: source x month) and yields records in that order. Shard i takes the i-th of n
 * contiguous blocks of that list, so several roles are split by role and a single source by months, and the
 * concatenation of the shards' records in shard order is the single run's record order: the merged
 * report.json equals the single run's byte for byte (but `generatedAt`).
 *
 * The merge job reads each shard's report.json as it was written: one record per line after the header, so
 * a million records stream through without being held in memory.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import * as readline from 'node:readline'
import type { CarbonRecord, Method, Period, ProviderId, ProviderStatus } from './model.js'
import type { MissingPart } from './report/builder.js'

export interface Shard {
  index: number
  count: number
}

/** The units of shard i of n: the i-th of n contiguous blocks (sizes differ by at most one). */
export function shareOf<T>(units: readonly T[], shard: Shard | null): T[] {
  if (shard === null) return [...units]
  const from = Math.floor(((shard.index - 1) * units.length) / shard.count)
  const to = Math.floor((shard.index * units.length) / shard.count)
  return units.slice(from, to)
}

export function shardArtifactName(name: string, shard: Shard): string {
  return `${name}-shard-${shard.index}-of-${shard.count}`
}

/** Which of `names` are shard artifacts of `name`; a clear error when they do not make one complete set. */
export function checkShardSet(name: string, names: readonly string[]): Map<number, string> {
  const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-shard-(\\d+)-of-(\\d+)$`)
  const found: { index: number; count: number; name: string }[] = []
  for (const n of names) {
    const m = re.exec(n)
    if (m) found.push({ index: Number(m[1]), count: Number(m[2]), name: n })
  }
  if (found.length === 0) {
    throw new Error(
      `mode: merge found no artifact named ${name}-shard-<i>-of-<n> in this workflow run. Run the shard jobs first (shard: i/n with the same artifact-name) and make the merge job need them.`
    )
  }
  const counts = [...new Set(found.map((f) => f.count))]
  if (counts.length > 1)
    throw new Error(
      `mode: merge found shard artifacts of different matrix sizes (${counts.map((c) => `of-${c}`).join(', ')}): every shard job must use the same n in shard: i/n.`
    )
  const count = counts[0]
  const byIndex = new Map<number, string>()
  const twice: number[] = []
  for (const f of found) {
    if (byIndex.has(f.index)) twice.push(f.index)
    byIndex.set(f.index, f.name)
  }
  if (twice.length > 0)
    throw new Error(
      `mode: merge found shard ${[...new Set(twice)].join(', ')} of ${count} more than once: each shard index must run exactly once.`
    )
  const missing: number[] = []
  for (let i = 1; i <= count; i++) if (!byIndex.has(i)) missing.push(i)
  if (missing.length > 0) {
    throw new Error(
      `mode: merge is missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} (${missing.map((i) => `${name}-shard-${i}-of-${count}`).join(', ')}): a shard job failed before its upload or has not finished. The merge job should need every shard job.`
    )
  }
  return byIndex
}

/** What a shard's report.json says, besides its records. */
export interface ShardHeader {
  schemaVersion: number
  period: Period
  method: Method
  shard?: Shard
  providers: {
    provider: ProviderId
    status: ProviderStatus
    records: number
    error: string | null
    notes: string[]
    warnings?: string[]
    missing?: MissingPart[]
  }[]
  forecast?: { provider: ProviderId; scope: string; month: string; basis: string; kgCO2e: number }[]
  [key: string]: unknown
}

/** A report.json record back to a record (kg with at most 3 decimals -> exact grams). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed report.json record
export function recordFromJson(o: Record<string, any>): CarbonRecord {
  const g = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 1000))
  const r: CarbonRecord = {
    provider: o.provider,
    account: o.account,
    accountName: o.accountName ?? null,
    month: o.month,
    service: o.service ?? null,
    region: o.region ?? null,
    grams: g(o.kgCO2e) ?? 0,
    marketGrams: g(o.marketKgCO2e),
    locationGrams: g(o.locationKgCO2e),
    scope1Grams: g(o.scope1KgCO2e),
    scope2MarketGrams: g(o.scope2MarketKgCO2e),
    scope2LocationGrams: g(o.scope2LocationKgCO2e),
    scope3MarketGrams: g(o.scope3MarketKgCO2e),
    scope3LocationGrams: g(o.scope3LocationKgCO2e),
    modelVersion: o.modelVersion ?? null
  }
  if (o.extra && typeof o.extra === 'object') r.extra = o.extra
  return r
}

/**
 * Reads a report.json written by this action: the header (everything but the records) and then each record,
 * streamed line by line. Throws a clear error on a file that is not one of ours.
 */
export async function readReport(file: string, onRecord: (r: CarbonRecord) => void): Promise<ShardHeader> {
  const head: string[] = []
  let inRecords = false
  let records = 0
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity })
  for await (const line of lines) {
    if (!inRecords) {
      if (line.startsWith('  "records": [')) {
        inRecords = true
        if (line.trim() === '"records": []') break
        continue
      }
      head.push(line)
      continue
    }
    const t = line.trim()
    if (t === ']' || t === '}' || t === '') continue
    const text = t.endsWith(',') ? t.slice(0, -1) : t
    try {
      onRecord(recordFromJson(JSON.parse(text)))
    } catch (e) {
      throw new Error(
        `${path.basename(path.dirname(file))}/report.json: record ${records + 1} is not valid (${(e as Error).message}).`
      )
    }
    records++
  }
  const headText = head.join('\n').replace(/,\s*$/, '') + '\n}'
  let header: ShardHeader
  try {
    header = JSON.parse(headText)
  } catch {
    throw new Error(`${file} is not a report.json written by cloud-carbon-report (its header does not parse).`)
  }
  if (header.schemaVersion !== 1)
    throw new Error(`${file} has schemaVersion ${String(header.schemaVersion)}; this version reads 1.`)
  return header
}

/** The status of a provider over all shards: ok when every shard was ok, failed when none brought data. */
export function mergedStatus(statuses: ProviderStatus[], records: number): ProviderStatus {
  if (statuses.every((s) => s === 'ok')) return 'ok'
  return records > 0 ? 'partial' : 'failed'
}

/** Distinct strings in first-seen order. */
export function unionOf(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const list of lists)
    for (const s of list) {
      if (seen.has(s)) continue
      seen.add(s)
      out.push(s)
    }
  return out
}
