/**
 * `mode: merge`: downloads every shard artifact of this workflow run (`<artifact-name>-shard-i-of-n`) with
 * @actions/artifact, checks that all n arrived and none twice, and streams their records into the report
 * builder in shard order, so that the combined report equals the one a single run would have written.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { CarbonRecord, ProviderId, ProviderStatus, WaterRecord } from './model.js'
import type { Env, Settings } from './settings.js'
import type { MissingPart, ProviderOutcome } from './report/builder.js'
import type { ForecastPoint } from './providers/kit/seam.js'
import { checkShardSet, unionOf, type ShardHeader } from './shard.js'
import { readReport } from './report/read.js'
import { errorMessage } from './secrets.js'

export interface MergedInput {
  /** What the shards said of each provider; its status comes from the records merged (mergedStatus). */
  outcomes: (Omit<ProviderOutcome, 'records' | 'grams' | 'label' | 'status'> & { statuses: ProviderStatus[] })[]
  forecast: (ForecastPoint & { provider: ProviderId })[]
  /** The shards' water records (each identity's water is fetched by one shard). */
  water: WaterRecord[]
}

/** Downloads the shard artifacts into `dir`; returns the report.json of each, in shard order. */
export async function downloadShards(settings: Settings, env: Env, dir: string): Promise<string[]> {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    throw new Error(
      'mode: merge downloads the shard artifacts of this run, but ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL are not set (not on a GitHub Actions runner).'
    )
  }
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const client = new DefaultArtifactClient()
  let listed: { id: number; name: string }[]
  try {
    listed = (await client.listArtifacts()).artifacts
  } catch (e) {
    throw new Error(`mode: merge could not list the artifacts of this run: ${errorMessage(e)}`)
  }
  const set = checkShardSet(
    settings.artifactName,
    listed.map((a) => a.name)
  )
  const files: string[] = []
  for (let i = 1; i <= set.size; i++) {
    const name = set.get(i)!
    const artifact = listed.find((a) => a.name === name)!
    const target = path.join(dir, `shard-${i}`)
    fs.mkdirSync(target, { recursive: true })
    try {
      await client.downloadArtifact(artifact.id, { path: target })
    } catch (e) {
      throw new Error(`mode: merge could not download ${name}: ${errorMessage(e)}`)
    }
    const file = path.join(target, 'report.json')
    if (!fs.existsSync(file)) throw new Error(`mode: merge: the artifact ${name} holds no report.json.`)
    files.push(file)
  }
  core.info(`Merging ${files.length} shard reports: ${[...set.values()].join(', ')}`)
  return files
}

/**
 * Streams the shards' records to `add` in shard order and combines what each shard said of each provider.
 * The shards must have been run with the same period, method and providers as this job.
 */
export async function mergeShardReports(
  settings: Settings,
  files: string[],
  add: (r: CarbonRecord) => void
): Promise<MergedInput> {
  const headers: ShardHeader[] = []
  for (const [i, file] of files.entries()) {
    const name = `${path.basename(path.dirname(file))}/report.json`
    const h = await readReport(
      file,
      (r) => {
        if (!settings.providers.includes(r.provider)) {
          throw new Error(
            `shard ${i + 1} holds ${r.provider} records, but providers of the merge job are ${settings.providers.join(', ')}: give the merge job the same providers as the shards.`
          )
        }
        add(r)
      },
      name
    )
    const where = `shard ${i + 1} of ${files.length}`
    if (h.period.start !== settings.period.start || h.period.end !== settings.period.end) {
      throw new Error(
        `${where} covers ${h.period.start} to ${h.period.end}, the merge job ${settings.period.start} to ${settings.period.end}: give every job the same start-date and end-date (a scheduled run should set them explicitly so that no job sees another month boundary).`
      )
    }
    if (h.method !== settings.method)
      throw new Error(
        `${where} used method ${h.method}, the merge job ${settings.method}: give every job the same method.`
      )
    if (h.shard && (h.shard.index !== i + 1 || h.shard.count !== files.length))
      throw new Error(
        `${where} says it is shard ${h.shard.index} of ${h.shard.count}: its artifact name and its report disagree.`
      )
    headers.push(h)
  }
  const outcomes = settings.providers.map((id) => {
    const parts = headers.map((h, i) => ({ i, p: h.providers.find((x) => x.provider === id) }))
    const absent = parts.filter((x) => !x.p).map((x) => x.i + 1)
    if (absent.length > 0)
      throw new Error(`shard ${absent.join(', ')} did not report ${id}: give every job the same providers.`)
    const ps = parts.map((x) => x.p!)
    const errors = parts.filter((x) => x.p!.error).map((x) => `shard ${x.i + 1}/${files.length}: ${x.p!.error}`)
    const missing: MissingPart[] = ps.flatMap((p) => p.missing ?? [])
    return {
      provider: id,
      statuses: ps.map((p) => p.status),
      error: errors.length > 0 ? errors.join('; ') : null,
      notes: unionOf(ps.map((p) => p.notes ?? [])),
      warnings: unionOf(ps.map((p) => p.warnings ?? [])),
      missing
    }
  })
  const seen = new Set<string>()
  const forecast: MergedInput['forecast'] = []
  for (const h of headers) {
    for (const f of h.forecast ?? []) {
      const key = `${f.provider}|${f.scope}|${f.month}|${f.basis}`
      if (seen.has(key)) continue
      seen.add(key)
      forecast.push({
        provider: f.provider,
        scope: f.scope,
        month: f.month,
        basis: f.basis,
        grams: Math.round(f.kgCO2e * 1000)
      })
    }
  }
  return { outcomes, forecast, water: headers.flatMap(waterOf) }
}

/** The water records of a shard's report.json (m3 with 3 decimals -> exact litres). */
function waterOf(h: Record<string, unknown>): WaterRecord[] {
  const w = h.water as { records?: (Omit<WaterRecord, 'litres'> & { m3: number })[] } | undefined
  return (w?.records ?? []).map(({ m3, ...r }) => ({ ...r, litres: Math.round(m3 * 1000) }))
}
