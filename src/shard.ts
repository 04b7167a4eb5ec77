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
 * The merge job streams each shard's report.json through the one report reader (report/read.ts), so a million
 * records are never held in memory.
 */
import type { ProviderStatus } from './model.js'
import type { ReportHeader } from './report/read.js'

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
export type ShardHeader = ReportHeader

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
