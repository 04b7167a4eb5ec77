/**
 * The sticky pull-request comment (`pr-comment: true`).
 *
 * On `pull_request`/`pull_request_target` events: the PR number comes from the event payload at
 * GITHUB_EVENT_PATH; the PR's comments are listed (all pages) and the one holding MARKER written by the
 * token's own identity is updated, else one is created. On a `workflow_run` event started by a pull request
 * (the fork-safe pattern, docs/workflows.md) the PR is the run's: from `workflow_run.pull_requests`, or, for a
 * fork (GitHub leaves that list empty), the open PR whose head is the run's head repository and branch. The identity is `GET /user` for a user token; an
 * installation token (GITHUB_TOKEN) cannot read /user and is github-actions[bot].
 *
 * A comment that cannot be written never fails the job: a fork PR's read-only token, a 403, a missing
 * payload are warnings with one line on what to do. Requests go through the run's HTTP layer (proxies,
 * NO_PROXY, timeouts); the token is registered as a secret and never printed.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
// @actions/github (Octokit) is loaded only when a comment is written: most runs never need it.
import type { getOctokit } from '@actions/github'
import { HttpClient, remainingBudgetMs } from '../http.js'
import type { Grams } from '../model.js'
import type { Env } from '../settings.js'
import { errorMessage, registerSecret, scrub } from '../secrets.js'
import { formatTonnes, groupThousands } from '../units.js'
import type { ReportModel } from '../report/builder.js'
import type { ThresholdResult } from '../report/thresholds.js'
import { monthlyChart } from '../report/chart.js'
import { escapeMarkdown as esc } from '../report/escape.js'
import { arrow, clip, moversTable, signedMass, signedPercent } from '../report/changes-md.js'
import type { Changes } from '../report/changes.js'
import { countedProviders, overlapNote, title } from '../report/markdown.js'
import { providerLabel } from '../providers/registry.js'

export const MARKER = '<!-- cloud-carbon-report -->'
/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536
/**
 * The comment's time: the rest of the run's budget (timeout-minutes), at least 10 s (it runs after the
 * providers, even when their budget is spent, and the report it links to exists), at most 90 s.
 */
const COMMENT_BUDGET_MS = 90_000
const MIN_COMMENT_MS = 10_000

const PR_EVENTS = new Set(['pull_request', 'pull_request_target'])
const FORK_HINT =
  'For pull requests from forks, run the report from a second workflow on workflow_run, which has OIDC and a writable token (see docs/workflows.md).'

const METHOD = { market: 'market-based', location: 'location-based' } as const
const t = (g: Grams): string => groupThousands(formatTonnes(g))

export interface CommentLinks {
  runUrl: string | null
  artifactUrl: string | null
}

interface Detail {
  movers: number
  chartMonths: number
  errors: boolean
  labelMax: number
}

const LEVELS: Detail[] = [
  { movers: 3, chartMonths: 12, errors: true, labelMax: 60 },
  { movers: 3, chartMonths: 12, errors: true, labelMax: 30 },
  { movers: 3, chartMonths: 6, errors: false, labelMax: 30 },
  { movers: 0, chartMonths: 6, errors: false, labelMax: 30 },
  { movers: 0, chartMonths: 0, errors: false, labelMax: 30 }
]

/**
 * The comment body: headline and change against the previous month, limits with pass/fail marks, a small
 * chart, the top movers, links. Always under MAX_COMMENT_CHARS: detail is dropped level by level, whole
 * tables at a time, so the Markdown is never cut.
 */
export function renderComment(
  model: ReportModel,
  thresholds: ThresholdResult[],
  changes: Changes,
  links: CommentLinks,
  limit = MAX_COMMENT_CHARS
): string {
  for (const level of LEVELS) {
    const body = renderAt(model, thresholds, changes, links, level)
    if (body.length <= limit) return body
  }
  // Not reachable with real data (the last level holds no provider strings but the limits' own); kept as a floor.
  return [
    MARKER,
    '### Cloud carbon footprint',
    '',
    `**${t(model.totalGrams)} tCO2e** (${METHOD[model.method]}), ${model.period.start} to ${model.period.end}.`,
    '',
    'The details are too long for a comment: see the job summary.',
    links.runUrl ? `\n[Run and report](${links.runUrl})` : '',
    ''
  ].join('\n')
}

function renderAt(
  model: ReportModel,
  thresholds: ThresholdResult[],
  changes: Changes,
  links: CommentLinks,
  d: Detail
): string {
  const out: string[] = [MARKER, `### ${title(model)}`, '']
  const { counted, failed } = countedProviders(model)
  out.push(
    `**${t(model.totalGrams)} tCO2e** (${METHOD[model.method]}) from ${counted || 'no provider'}, ${model.period.start} to ${model.period.end}` +
      `${failed ? ` · ${failed} failed: not in the total` : ''}.`
  )
  if (overlapNote(model)) out.push('', `_${overlapNote(model)}_`)
  const mom = changes.monthOverMonth
  if (mom) {
    out.push(
      '',
      `**${mom.month}: ${t(mom.total.after)} tCO2e**, ${arrow(mom.total)} ${signedPercent(mom.total)} (${signedMass(mom.total.delta)}) against ${mom.previousMonth}` +
        `${changes.yearOverYear ? `; ${signedPercent(changes.yearOverYear.total)} against ${changes.yearOverYear.previousMonth}` : ''}.`
    )
  } else out.push('', '_No month-over-month change: the period has no month with data after another._')

  const problems = model.providers.filter((p) => p.status !== 'ok')
  if (problems.length > 0) {
    out.push(
      '',
      problems
        .map(
          (p) =>
            `${p.status === 'failed' ? '❌' : '⚠️'} **${providerLabel(p.provider)} ${p.status}**${d.errors && p.error ? `: ${esc(clip(p.error, 300))}` : ''}`
        )
        .join('  \n')
    )
  }

  if (thresholds.length > 0) {
    out.push('', '| Limit | Value | Actual | Result |', '|---|--:|--:|---|')
    for (const th of thresholds) {
      const value = th.limitPercent !== undefined ? `${th.limitPercent}%` : `${th.limitTCO2e} t`
      const actual =
        th.limitPercent !== undefined
          ? th.actualPercent === null || th.actualPercent === undefined
            ? th.month
              ? '∞'
              : '–'
            : `${th.actualPercent}%`
          : th.actualTCO2e === null || th.actualTCO2e === undefined
            ? '–'
            : `${th.actualTCO2e} t`
      out.push(
        `| \`${th.name}\` | ${value} | ${actual}${th.month ? ` (${th.month})` : ''} | ${th.breached ? '❌ fail' : '✅ pass'} |`
      )
    }
  }

  if (d.chartMonths > 0) {
    const months = model.months.slice(-d.chartMonths)
    const chart = monthlyChart(months, `Monthly tCO2e (${METHOD[model.method]})`)
    if (chart) {
      out.push(
        '',
        chart,
        '',
        // Folded and one month a row: twelve columns do not fit a comment's width.
        '<details><summary>Monthly figures</summary>',
        '',
        '| Month | tCO2e |',
        '|---|--:|',
        ...months.map((m) => `| ${m.month} | ${Object.keys(m.byProvider).length === 0 ? '–' : t(m.grams)} |`),
        '',
        '</details>'
      )
    }
  }

  if (d.movers > 0 && mom) {
    const clipped = mom.services.map((g) => ({ ...g, label: clip(g.label, d.labelMax) }))
    const table = moversTable('Service', clipped, d.movers)
    if (table) out.push('', `**Top movers**, ${mom.month} against ${mom.previousMonth}:`, '', table)
  }

  const linkParts: string[] = []
  if (links.runUrl) linkParts.push(`[Run and job summary](${links.runUrl})`)
  if (links.artifactUrl) linkParts.push(`[Report files (artifact)](${links.artifactUrl})`)
  out.push(
    '',
    `<sub>${linkParts.length > 0 ? `${linkParts.join(' · ')} · ` : ''}Generated ${model.generatedAt} by cloud-carbon-report.</sub>`,
    ''
  )
  return out.join('\n')
}

// ---------------------------------------------------------------------------------------------------------

interface PullRequestEvent {
  /** 0 when it must be looked up from `head` (a workflow_run of a fork PR). */
  number: number
  owner: string
  repo: string
  fork: boolean
  head?: { owner: string; branch: string; sha: string }
}

/** The PR of the event, from the payload at GITHUB_EVENT_PATH; null (with a reason) when there is none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GitHub's event payload, read defensively with ?.
type EventJson = any

export function pullRequestOf(env: Env): PullRequestEvent | string {
  const eventName = env.GITHUB_EVENT_NAME ?? ''
  if (!PR_EVENTS.has(eventName) && eventName !== 'workflow_run')
    return `the event is ${eventName || '(unknown)'}, not pull_request or pull_request_target`
  const file = env.GITHUB_EVENT_PATH
  if (!file) return 'GITHUB_EVENT_PATH is not set, so the pull request is unknown'
  let payload: EventJson
  try {
    payload = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    return `the event payload at GITHUB_EVENT_PATH could not be read (${errorMessage(e)})`
  }
  if (eventName === 'workflow_run') return workflowRunPullRequest(payload, env)
  const pr = payload?.pull_request
  const number = Number(pr?.number ?? payload?.number)
  if (!Number.isInteger(number) || number <= 0) return 'the event payload names no pull request number'
  const base = pr?.base?.repo?.full_name ?? payload?.repository?.full_name ?? env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = String(base).split('/')
  if (!owner || !repo) return 'the repository of the pull request is unknown'
  const head = pr?.head?.repo?.full_name
  // A head repository that is gone (deleted fork) or another repository is a fork.
  const fork =
    pr?.head !== undefined &&
    (head === null || head === undefined || String(head).toLowerCase() !== String(base).toLowerCase())
  return { number, owner, repo, fork }
}

/** The pull request behind a workflow_run event (fork-safe pattern). */
function workflowRunPullRequest(payload: EventJson, env: Env): PullRequestEvent | string {
  const run = payload?.workflow_run
  if (!run || !PR_EVENTS.has(run.event))
    return `the event is workflow_run of a ${run?.event ?? 'run'} event, not of a pull request`
  const base = payload?.repository?.full_name ?? env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = String(base).split('/')
  if (!owner || !repo) return 'the repository of the pull request is unknown'
  const headRepo = run.head_repository?.full_name
  const fork = typeof headRepo !== 'string' || headRepo.toLowerCase() !== String(base).toLowerCase()
  // The list can hold PRs of other repositories with the same head branch: keep this repository's.
  const ours = (p: EventJson): boolean =>
    !p?.base?.repo?.url ||
    String(p.base.repo.url)
      .toLowerCase()
      .endsWith(`/repos/${String(base).toLowerCase()}`)
  const listed = (Array.isArray(run.pull_requests) ? run.pull_requests : []).find(
    (p: EventJson) => Number.isInteger(p?.number) && ours(p)
  )
  if (listed) return { number: listed.number, owner, repo, fork }
  const headOwner = run.head_repository?.owner?.login
  if (typeof headOwner !== 'string' || typeof run.head_branch !== 'string')
    return 'the workflow_run payload names no pull request and no head branch'
  return {
    number: 0,
    owner,
    repo,
    fork,
    head: { owner: headOwner, branch: run.head_branch, sha: String(run.head_sha ?? '') }
  }
}

/** A fetch for Octokit that goes through the run's HTTP layer (proxies, NO_PROXY, timeouts, retries). */
function fetchThrough(http: HttpClient): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const method = (init?.method ?? 'GET').toUpperCase() as 'GET' | 'POST' | 'PATCH'
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v))
    const raw = init?.body
    const body =
      raw === undefined || raw === null
        ? undefined
        : typeof raw === 'string'
          ? raw
          : Buffer.from(await new Response(raw as ConstructorParameters<typeof Response>[0]).arrayBuffer())
    // A POST is not repeated: a retry after a lost answer could create a second comment.
    const res = await http.request({ service: 'GitHub API', method, url, headers, body, retry: method !== 'POST' })
    const h = new Headers()
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue
      for (const one of Array.isArray(v) ? v : [v]) h.append(k, one)
    }
    const empty = res.status === 204 || res.status === 205 || res.status === 304
    return new Response(empty ? null : res.body, { status: res.status, headers: h })
  }) as typeof fetch
}

export interface CommentResult {
  url: string
  action: 'created' | 'updated' | 'skipped' | 'failed'
}

/**
 * Creates or updates the sticky comment. Never throws and never fails the step: every problem is a warning
 * (or, for events that are not pull requests, a line in the log).
 */
export async function postComment(body: string, env: Env, token: string, deadlineAt?: number): Promise<CommentResult> {
  const pr = pullRequestOf(env)
  if (typeof pr === 'string') {
    core.info(`pr-comment: no comment, ${pr}.`)
    return { url: '', action: 'skipped' }
  }
  // A pull_request run of a fork usually has a read-only token (pull_request_target and workflow_run have the
  // base's), but a private repository may send forks a writable one: the comment is tried, and GitHub's 403 is
  // the warning.
  const fromFork = pr.fork && env.GITHUB_EVENT_NAME === 'pull_request'
  if (!token) {
    core.warning(
      `pr-comment: github-token is empty: no comment. Pass github-token: \${{ github.token }} with permissions: pull-requests: write.`
    )
    return { url: '', action: 'skipped' }
  }
  registerSecret(token)
  if (body.length > MAX_COMMENT_CHARS) {
    core.warning(
      `pr-comment: the comment is ${body.length} characters, over GitHub's limit of ${MAX_COMMENT_CHARS}: no comment.`
    )
    return { url: '', action: 'failed' }
  }
  const budgetMs = remainingBudgetMs(deadlineAt, MIN_COMMENT_MS, COMMENT_BUDGET_MS)
  const budget = AbortSignal.timeout(budgetMs)
  const http = new HttpClient({
    concurrency: 2,
    env,
    deadline: budget,
    attemptTimeoutMs: Math.min(20_000, budgetMs),
    maxAttempts: 3,
    maxRetryAfterMs: 30_000,
    log: (l) => core.debug(l)
  })
  const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  let where =
    pr.number > 0
      ? `${pr.owner}/${pr.repo}#${pr.number}`
      : `${pr.owner}/${pr.repo} (pull request from ${pr.head?.owner}:${pr.head?.branch})`
  try {
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(token, {
      baseUrl,
      request: { fetch: fetchThrough(http) },
      log: {
        debug: () => {},
        info: () => {},
        warn: (m: string) => core.debug(scrub(m)),
        error: (m: string) => core.debug(scrub(m))
      }
    })
    if (pr.number === 0 && pr.head) {
      const open = await octokit.rest.pulls.list({
        owner: pr.owner,
        repo: pr.repo,
        state: 'open',
        head: `${pr.head.owner}:${pr.head.branch}`,
        per_page: 100
      })
      const match = open.data.find((p) => p.head.sha === pr.head!.sha) ?? open.data[0]
      if (!match) {
        core.warning(
          `pr-comment: no open pull request from ${pr.head.owner}:${pr.head.branch} in ${pr.owner}/${pr.repo}: no comment.`
        )
        return { url: '', action: 'skipped' }
      }
      pr.number = match.number
      where = `${pr.owner}/${pr.repo}#${pr.number}`
    }
    const login = await identity(octokit)
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      per_page: 100
    })
    const marked = comments.filter((c) => (c.body ?? '').includes(MARKER))
    // A user token knows its login: its own marked comment. An installation token (GITHUB_TOKEN, or a GitHub
    // App's, which comments as <app>[bot]) cannot ask: the marked comments of bots, newest first, the one the
    // token may edit being its own (GitHub refuses the others with 403).
    const candidates =
      login !== null
        ? marked.filter((c) => c.user?.login?.toLowerCase() === login.toLowerCase()).slice(0, 1)
        : marked
            .filter((c) => c.user?.type === 'Bot')
            .reverse()
            .slice(0, MAX_EDIT_TRIES)
    for (const c of candidates) {
      try {
        const res = await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: c.id, body })
        core.info(`pr-comment: updated the comment on ${where}: ${res.data.html_url}`)
        return { url: res.data.html_url, action: 'updated' }
      } catch (e) {
        const status = (e as { status?: number }).status
        if (login !== null || (status !== 403 && status !== 404)) throw e
        core.debug(`pr-comment: comment ${c.id} by ${c.user?.login} is not this token's to edit (${status})`)
      }
    }
    const res = await octokit.rest.issues.createComment({
      owner: pr.owner,
      repo: pr.repo,
      issue_number: pr.number,
      body
    })
    core.info(`pr-comment: created a comment on ${where}: ${res.data.html_url}`)
    return { url: res.data.html_url, action: 'created' }
  } catch (e) {
    const status = (e as { status?: number }).status
    const msg = budget.aborted
      ? `no answer within ${Math.round(budgetMs / 1000)} s`
      : scrub(errorMessage(e).split('\n')[0].slice(0, 300))
    if (status === 403 && fromFork) {
      core.warning(
        `pr-comment: ${where} comes from a fork, whose token is read-only (403: ${msg}): no comment. ${FORK_HINT}`
      )
    } else if (status === 403) {
      core.warning(
        `pr-comment: GitHub refused the comment on ${where} (403: ${msg}). Give the job permissions: pull-requests: write; ${FORK_HINT}`
      )
    } else if (status === 401) {
      core.warning(
        `pr-comment: GitHub did not accept github-token (401: ${msg}): no comment. Pass a valid token, e.g. github-token: \${{ github.token }}.`
      )
    } else if (status === 404) {
      core.warning(
        `pr-comment: ${where} was not found with this token (404): no comment. The token needs access to the repository and pull-requests: write.`
      )
    } else {
      core.warning(
        `pr-comment: the comment on ${where} could not be written${status ? ` (HTTP ${status})` : ''}: ${msg}`
      )
    }
    return { url: '', action: 'failed' }
  } finally {
    http.close()
  }
}

/**
 * The login a user token acts as (GET /user); null for an installation token (GITHUB_TOKEN or a GitHub App's),
 * which GitHub answers there with 403 and which comments as a bot.
 */
async function identity(octokit: ReturnType<typeof getOctokit>): Promise<string | null> {
  try {
    const res = await octokit.rest.users.getAuthenticated()
    return res.data.login
  } catch (e) {
    const status = (e as { status?: number }).status
    if (status === 403 || status === 404) return null
    throw e
  }
}

/** Bots' marked comments an installation token tries to edit before it writes a new one. */
const MAX_EDIT_TRIES = 5
