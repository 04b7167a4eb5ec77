/**
 * Publishing what was written: the job summary, the artifact and the sticky PR comment. None of them fails the
 * step (each failure is a warning); the report files already exist when they run.
 */
import * as core from '@actions/core'
import { uploadReportArtifact } from './artifact.js'
import { postComment, renderComment } from './github/comment.js'
import type { ReportModel } from './report/builder.js'
import type { Changes } from './report/changes.js'
import type { ThresholdResult } from './report/thresholds.js'
import { errorMessage } from './secrets.js'
import type { Env, Settings } from './settings.js'
import { shardArtifactName } from './shard.js'

export interface Written {
  files: { json: string; csv: string; markdown: string }
  /** water.csv, with `water: true`. */
  waterCsv: string | null
  markdown: string
  model: ReportModel
  thresholds: ThresholdResult[]
  changes: Changes
  runUrl: string | null
}

export interface Published {
  artifactId: string
  commentUrl: string
}

/** What publishing needs of the run: its settings, environment, and when its time budget ends (epoch ms). */
export interface PublishRun {
  settings: Settings
  env: Env
  deadlineAt: number
}

export async function publish(run: PublishRun, w: Written): Promise<Published> {
  await writeJobSummary(run.settings, run.env, w.markdown)
  const artifactId = await uploadArtifact(run, w)
  const commentUrl = await comment(run, w, artifactId)
  return { artifactId, commentUrl }
}

async function writeJobSummary(settings: Settings, env: Env, markdown: string): Promise<void> {
  if (!settings.jobSummary) return
  if (!env.GITHUB_STEP_SUMMARY) {
    core.info('No GITHUB_STEP_SUMMARY (not on a runner): the summary is in summary.md only.')
    return
  }
  try {
    await core.summary.addRaw(markdown).write()
  } catch (e) {
    core.warning(`The job summary could not be written: ${errorMessage(e)}`)
  }
}

async function uploadArtifact({ settings, env, deadlineAt }: PublishRun, w: Written): Promise<string> {
  if (settings.artifactName === '') return ''
  const name =
    settings.shard === null ? settings.artifactName : shardArtifactName(settings.artifactName, settings.shard)
  const files = [w.files.json, w.files.csv, w.files.markdown, ...(w.waterCsv ? [w.waterCsv] : [])]
  return uploadReportArtifact({ settings, env, files, name, deadlineAt })
}

/** The PR comment comes after the files and the artifact it links to; a shard leaves it to the merge job. */
async function comment({ settings, env, deadlineAt }: PublishRun, w: Written, artifactId: string): Promise<string> {
  if (!settings.prComment) return ''
  if (settings.shard !== null) {
    core.info(`pr-comment: shard ${settings.shard.index}/${settings.shard.count} does not comment; the merge job does.`)
    return ''
  }
  const artifactUrl = w.runUrl && artifactId ? `${w.runUrl}/artifacts/${artifactId}` : null
  const body = renderComment(w.model, w.thresholds, w.changes, { runUrl: w.runUrl, artifactUrl })
  return (await postComment(body, env, settings.githubToken, deadlineAt)).url
}
