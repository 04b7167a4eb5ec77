/**
 * The report files as a workflow artifact (`@actions/artifact`, loaded only when used). Where the artifact
 * service is not there (not on a runner, GitHub Enterprise Server) it warns and the run goes on.
 */
import * as core from '@actions/core'
import * as path from 'node:path'
import type { Env, Settings } from './settings.js'
import { errorMessage } from './secrets.js'
import { remainingBudgetMs } from './http.js'

const UPLOAD_TIMEOUT_MS = 5 * 60_000
const MIN_UPLOAD_MS = 10_000

export interface ArtifactUpload {
  settings: Settings
  env: Env
  files: string[]
  /** The artifact's name (a shard's carries its index). */
  name: string
  /** When the run's time budget ends (epoch ms): the upload gets what is left of it. */
  deadlineAt?: number
}

export async function uploadReportArtifact({
  settings,
  env,
  files,
  name,
  deadlineAt
}: ArtifactUpload): Promise<string> {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    if (env.GITHUB_ACTIONS === 'true') {
      // On a runner without the artifact service (GitHub Enterprise Server has no artifacts v2): a warning.
      core.warning(
        `Artifact not uploaded: this runner has no artifact service (ACTIONS_RESULTS_URL is not set; GitHub Enterprise Server has no artifacts v2). The files are in ${settings.outputDir}; set artifact-name to '' to skip the upload.`
      )
    } else {
      core.info(
        `Artifact not uploaded: ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL are not set (not running on a GitHub Actions runner).`
      )
    }
    return ''
  }
  try {
    const { DefaultArtifactClient } = await import('@actions/artifact')
    const client = new DefaultArtifactClient()
    const upload = client.uploadArtifact(
      name,
      files,
      path.dirname(files[0]),
      settings.artifactRetentionDays ? { retentionDays: settings.artifactRetentionDays } : {}
    )
    upload.catch(() => undefined) // an upload abandoned at its budget may still fail later: nobody waits for it
    let timer: NodeJS.Timeout | undefined
    // The rest of timeout-minutes, 10 s to 5 min: @actions/artifact has no timeout of its own.
    const budget = remainingBudgetMs(deadlineAt, MIN_UPLOAD_MS, UPLOAD_TIMEOUT_MS)
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `no answer within ${budget >= 60_000 ? `${(budget / 60_000).toFixed(1)} min` : `${Math.round(budget / 1000)} s`} (the rest of timeout-minutes)`
            )
          ),
        budget
      )
      timer.unref()
    })
    const res = await Promise.race([upload, timeout]).finally(() => clearTimeout(timer))
    const id = res.id === undefined ? '' : String(res.id)
    core.info(`Artifact ${name} uploaded (id ${id}, ${res.size ?? '?'} bytes).`)
    return id
  } catch (e) {
    const msg = errorMessage(e)
    if (/GHES|Enterprise Server|not supported/i.test(msg))
      core.warning(
        `Artifact not uploaded: artifacts v2 are not available on GitHub Enterprise Server (${msg}). The files are in ${settings.outputDir}.`
      )
    else core.warning(`Artifact ${name} could not be uploaded: ${msg}. The files are in ${settings.outputDir}.`)
    return ''
  }
}
