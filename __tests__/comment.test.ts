/**
 * The sticky PR comment end to end against the sandbox's GitHub REST API (over HTTPS): created once, then
 * updated in place; other events and fork PRs make no request; a 403 is a warning; the body stays under
 * GitHub's limit with hostile data; provider strings never ping, link or render HTML.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startSandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { expectNoLeak } from './helpers/checks.js'
import { useSandbox } from './helpers/sandbox.js'
import { rec } from './helpers/records.js'
import { MARKER, MAX_COMMENT_CHARS, pullRequestOf, renderComment } from '../src/github/comment.js'
import { ReportBuilder, type ProviderOutcome } from '../src/report/builder.js'
import { periodChanges } from '../src/report/changes.js'
import { evaluateThresholds } from '../src/report/thresholds.js'
import type { CarbonRecord, ProviderId } from '../src/model.js'
import { okOutcome } from './helpers/outcome.js'

/** The Markdown outside fenced code blocks (where GitHub makes no links, mentions or HTML). */
const outsideCode = (md: string): string => md.replace(/```[\s\S]*?```/g, '')

const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-12' }
const fastSleep = async () => {}

const sb = useSandbox()
beforeEach(() => {
  sb.github.readOnly(false)
})

const githubRequests = () => sb.kit.requests('github')
const warnings = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::warning'))
const noLeak = (r: ActionRun) =>
  expectNoLeak(
    r,
    sb.secrets(),
    sb.github.comments(7).map((c: any) => c.body)
  )

function run(extraInputs: Record<string, string>, env: Record<string, string>) {
  // No artifact by default: the sandbox's artifact service (rightly) refuses a second one of the same name per run.
  return runInProcess(
    { ...sb.inputs.aws, ...PERIOD, ...sb.inputs.github, 'artifact-name': '', ...extraInputs },
    sb.env(env),
    { http: { sleep: fastSleep } }
  )
}

describe('sticky comment', () => {
  it('two runs on the same PR leave exactly one comment, updated, and set comment-url', async () => {
    const pr = 7
    const event = sb.github.event({ number: pr })
    // Someone else's comments, one of them quoting the marker: never touched. Enough of them to need 3 pages.
    sb.github.addComment(pr, { login: 'octocat', body: `I copied this: ${MARKER}` })
    for (let i = 0; i < 230; i++) sb.github.addComment(pr, { login: `user${i}`, body: `comment ${i}` })

    const first = await run({ 'artifact-name': 'cloud-carbon-report' }, event)
    expect(first.exitCode).toBe(0)
    expect(warnings(first)).toEqual([])
    const mine = () =>
      sb.github.comments(pr).filter((c: any) => c.body.includes(MARKER) && c.user.login === 'github-actions[bot]')
    expect(mine()).toHaveLength(1)
    const id = mine()[0].id
    expect(first.outputs['comment-url']).toBe(mine()[0].html_url)
    expect(first.outputs['comment-url']).toMatch(
      /^https:\/\/github\.com\/octo-org\/octo-repo\/pull\/7#issuecomment-\d+$/
    )
    // The listing walked every page (100 per page).
    const lists = githubRequests().filter((q) => q.method === 'GET' && /\/issues\/7\/comments/.test(q.path))
    expect(lists).toHaveLength(3)
    expect(githubRequests().filter((q) => q.method === 'POST')).toHaveLength(1)

    const firstBody = mine()[0].body
    expect(firstBody.startsWith(MARKER)).toBe(true)
    expect(firstBody).toMatch(/\*\*[\d,]+\.\d{3} tCO2e\*\* \(market-based\) from AWS, 2025-01 to 2025-12/)
    expect(firstBody).toMatch(/\*\*2025-12: [\d,.]+ tCO2e\*\*, [▲▼=] [+-]?[\d.]+%|new|–/)
    expect(firstBody).toContain('xychart-beta')
    expect(firstBody).toContain('[Run and job summary](https://github.com/octo-org/octo-repo/actions/runs/1)')
    expect(first.outputs['artifact-id']).not.toBe('')
    expect(firstBody).toContain(
      `[Report files (artifact)](https://github.com/octo-org/octo-repo/actions/runs/1/artifacts/${first.outputs['artifact-id']})`
    )

    sb.kit.log.length = 0
    const second = await run({ 'max-total': '0.001', 'fail-on-threshold': 'false' }, event)
    expect(second.exitCode).toBe(0)
    expect(mine()).toHaveLength(1)
    expect(mine()[0].id).toBe(id)
    expect(second.outputs['comment-url']).toBe(first.outputs['comment-url'])
    expect(githubRequests().filter((q) => q.method === 'POST')).toHaveLength(0)
    expect(githubRequests().filter((q) => q.method === 'PATCH')).toHaveLength(1)
    expect(mine()[0].body).toContain('❌ fail')
    expect(mine()[0].body).toContain('`max-total`')
    // The other comments are as they were.
    expect(sb.github.comments(pr).filter((c: any) => c.user.login === 'octocat')[0].body).toBe(
      `I copied this: ${MARKER}`
    )
    expect(sb.github.comments(pr)).toHaveLength(232)
    noLeak(first)
    noLeak(second)
  })

  it('a personal access token finds its own comment through GET /user, not the bot one', async () => {
    const pr = 8
    const event = sb.github.event({ number: pr })
    sb.github.addComment(pr, { login: 'github-actions[bot]', type: 'Bot', body: `${MARKER}\nold bot comment` })
    const r1 = await run({ 'github-token': sb.github.userToken }, event)
    const r2 = await run({ 'github-token': sb.github.userToken }, event)
    expect(r1.exitCode + r2.exitCode).toBe(0)
    const byOcto = sb.github.comments(pr).filter((c: any) => c.user.login === 'octocat')
    expect(byOcto).toHaveLength(1)
    expect(sb.github.comments(pr).find((c: any) => c.user.login === 'github-actions[bot]').body).toContain(
      'old bot comment'
    )
    expect(r2.outputs['comment-url']).toBe(byOcto[0].html_url)
  })

  it('a GitHub App token (commenting as <app>[bot]) keeps one comment of its own beside the GITHUB_TOKEN one', async () => {
    const pr = 41
    const event = sb.github.event({ number: pr })
    // An installation token of an app: GET /user is refused, as for GITHUB_TOKEN; comments are by carbon-app[bot].
    const appToken = 'ghs_app-installation-token-for-the-test'
    sb.github.api.state.tokens.set(appToken, { login: 'carbon-app[bot]', id: 777, type: 'Bot', installation: true })
    sb.github.addComment(pr, { login: 'github-actions[bot]', type: 'Bot', body: `${MARKER}\nfrom another workflow` })
    const first = await run({ 'github-token': appToken }, event)
    const second = await run({ 'github-token': appToken }, event)
    expect(first.exitCode + second.exitCode).toBe(0)
    expect(warnings(first).concat(warnings(second))).toEqual([])
    const byApp = sb.github.comments(pr).filter((c: any) => c.user.login === 'carbon-app[bot]')
    expect(byApp).toHaveLength(1)
    expect(second.outputs['comment-url']).toBe(byApp[0].html_url)
    expect(sb.github.comments(pr).find((c: any) => c.user.login === 'github-actions[bot]').body).toContain(
      'from another workflow'
    )
    // And GITHUB_TOKEN still updates its own, not the app's (newer) one.
    const third = await run({}, event)
    expect(third.exitCode).toBe(0)
    expect(sb.github.comments(pr)).toHaveLength(2)
    expect(sb.github.comments(pr).find((c: any) => c.user.login === 'github-actions[bot]').body).not.toContain(
      'from another workflow'
    )
    expect(sb.github.comments(pr).find((c: any) => c.user.login === 'carbon-app[bot]').body).toBe(byApp[0].body)
  })

  it('pull_request_target works the same way', async () => {
    const r = await run({}, sb.github.event({ number: 9, name: 'pull_request_target' }))
    expect(r.exitCode).toBe(0)
    expect(sb.github.comments(9)).toHaveLength(1)
    expect(r.outputs['comment-url']).toContain('/pull/9#issuecomment-')
  })
})

describe('events and permissions', () => {
  it('schedule and push: no request to GitHub, a line in the log, empty comment-url', async () => {
    for (const name of ['schedule', 'push', 'workflow_dispatch']) {
      sb.kit.log.length = 0
      const r = await run({}, { GITHUB_EVENT_NAME: name })
      expect(r.exitCode).toBe(0)
      expect(githubRequests()).toHaveLength(0)
      expect(r.outputs['comment-url']).toBe('')
      expect(r.stdout).toContain(
        `pr-comment: no comment, the event is ${name}, not pull_request or pull_request_target.`
      )
      expect(warnings(r)).toEqual([])
    }
  })

  it('pr-comment false: nothing is posted even on a pull request', async () => {
    const r = await run({ 'pr-comment': 'false' }, sb.github.event({ number: 10 }))
    expect(r.exitCode).toBe(0)
    expect(githubRequests()).toHaveLength(0)
    expect(sb.github.comments(10)).toHaveLength(0)
  })

  it('a fork PR with the read-only token: a warning that names the workflow_run pattern, the job does not fail', async () => {
    sb.github.readOnly(true) // what GitHub gives a fork's pull_request run
    const r = await run({}, sb.github.event({ number: 11, fork: true }))
    expect(r.exitCode).toBe(0)
    expect(
      githubRequests()
        .filter((q) => q.method === 'POST')
        .map((q) => q.status)
    ).toEqual([403])
    expect(r.outputs['comment-url']).toBe('')
    const w = warnings(r)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(/comes from a fork, whose token is read-only \(403: .*\): no comment\. .*workflow_run/)
    // A deleted fork (head repo null) is a fork too.
    const gone = await run({}, sb.github.event({ number: 12, headRepository: null }))
    expect(warnings(gone)[0]).toMatch(/fork/)
    expect(sb.github.comments(12)).toHaveLength(0)
  })

  it('a fork PR of a private repository that sends forks a writable token gets its comment', async () => {
    const r = await run({}, sb.github.event({ number: 16, fork: true }))
    expect(r.exitCode).toBe(0)
    expect(warnings(r)).toEqual([])
    expect(sb.github.comments(16)).toHaveLength(1)
    expect(r.outputs['comment-url']).toBe(sb.github.comments(16)[0].html_url)
  })

  it('a 403 (read-only token) is a warning, never a failure', async () => {
    sb.github.readOnly(true)
    const r = await run({}, sb.github.event({ number: 13 }))
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('ok')
    expect(r.outputs['comment-url']).toBe('')
    const w = warnings(r)
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(/403.*pull-requests: write.*workflow_run/)
    expect(
      githubRequests()
        .filter((q) => q.method === 'POST')
        .map((q) => q.status)
    ).toEqual([403])
    noLeak(r)
  })

  it('a rejected token (401) and an unreachable API are warnings', async () => {
    const r = await run({ 'github-token': 'ghp_not-a-real-token-0000000000' }, sb.github.event({ number: 14 }))
    expect(r.exitCode).toBe(0)
    expect(warnings(r)[0]).toMatch(/401/)
    expect(
      r.stdout.split('\n').filter((l) => l.includes('ghp_not-a-real-token') && !l.startsWith('::add-mask::'))
    ).toEqual([])
    const down = await run({}, { ...sb.github.event({ number: 14 }), GITHUB_API_URL: 'https://127.0.0.1:9' })
    expect(down.exitCode).toBe(0)
    expect(warnings(down)[0]).toMatch(/could not be written/)
  })

  it('workflow_run (the fork-safe pattern): the run of a fork PR comments on that PR, found by its head', async () => {
    const r1 = await run({}, sb.github.workflowRun({ number: 31, fork: true, branch: 'patch-1' }))
    expect(r1.exitCode).toBe(0)
    expect(warnings(r1)).toEqual([])
    expect(githubRequests().some((q) => q.method === 'GET' && q.path === '/repos/octo-org/octo-repo/pulls')).toBe(true)
    expect(sb.github.comments(31)).toHaveLength(1)
    expect(r1.outputs['comment-url']).toContain('/pull/31#issuecomment-')
    const r2 = await run({}, sb.github.workflowRun({ number: 31, fork: true, branch: 'patch-1' }))
    expect(sb.github.comments(31)).toHaveLength(1)
    expect(r2.outputs['comment-url']).toBe(r1.outputs['comment-url'])
    // A same-repository PR is named in the payload.
    sb.kit.log.length = 0
    await run({}, sb.github.workflowRun({ number: 32 }))
    expect(sb.github.comments(32)).toHaveLength(1)
    expect(githubRequests().some((q) => q.path.endsWith('/pulls'))).toBe(false)
    // A workflow_run of a push is not a pull request.
    sb.kit.log.length = 0
    const push = await run({}, sb.github.workflowRun({ number: 33, event: 'push' }))
    expect(githubRequests()).toHaveLength(0)
    expect(push.stdout).toContain(
      'pr-comment: no comment, the event is workflow_run of a push event, not of a pull request.'
    )
  })

  it('a threshold breach still fails the step after the comment is written', async () => {
    const r = await run({ 'max-total': '0.001' }, sb.github.event({ number: 15 }))
    expect(r.exitCode).toBe(1)
    expect(sb.github.comments(15)).toHaveLength(1)
    expect(r.outputs['comment-url']).toContain('/pull/15#')
  })

  it('reads the PR number and fork flag from the payload', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-event-'))
    const f = path.join(dir, 'e.json')
    fs.writeFileSync(
      f,
      JSON.stringify({
        number: 3,
        pull_request: { number: 3, head: { repo: { full_name: 'a/b' } }, base: { repo: { full_name: 'a/b' } } }
      })
    )
    expect(pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: f })).toEqual({
      number: 3,
      owner: 'a',
      repo: 'b',
      fork: false
    })
    expect(pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request' })).toMatch(/GITHUB_EVENT_PATH is not set/)
    expect(
      pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(dir, 'missing.json') })
    ).toMatch(/could not be read/)
    fs.writeFileSync(f, '{}')
    expect(pullRequestOf({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: f })).toMatch(/no pull request number/)
  })
})

// ---------------------------------------------------------------------------------------------------------

const outcome = okOutcome

async function modelOf(
  records: CarbonRecord[],
  period = { start: '2024-01', end: '2025-12' },
  over: Partial<ProviderOutcome> = {}
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-comment-'))
  const b = new ReportBuilder(dir, period, 'market')
  for (const r of records) b.add(r)
  const providers = [...new Set(records.map((r) => r.provider))]
  const model = b.model(
    (providers.length ? providers : (['aws'] as ProviderId[])).map((p) => outcome(p, b, over)),
    [],
    '2026-11-22T10:00:00.000Z'
  )
  await b.cleanup()
  return model
}

/** Every table row has as many unescaped pipes as its header; every code fence is closed. */
function expectWellFormed(md: string): void {
  for (const table of md.split('\n\n').filter((blk) => blk.startsWith('|'))) {
    const lines = table.split('\n').filter((l) => l.startsWith('|'))
    const count = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length
    for (const l of lines) expect(count(l)).toBe(count(lines[0]))
  }
  expect((md.match(/^```/gm) ?? []).length % 2).toBe(0)
}

describe('comment body', () => {
  it('escapes @mentions, #refs, HTML and links from provider data', async () => {
    // The comment shows the top 3 risers: the last three, the most hostile.
    const hostile = [
      '| pipe | `tick`',
      '</details><script>x</script>',
      '#123 and GH-1 fixes #4',
      '[click](https://evil.example)',
      '<img src=x onerror=alert(1)>',
      '@octocat please look at #77'
    ]
    const records = hostile.flatMap((service, i) => [
      rec({ service, month: '2025-11', grams: 1_000_000 * (i + 1) }),
      rec({ service, month: '2025-12', grams: 3_000_000 * (i + 1), account: '@admin' })
    ])
    const model = await modelOf(
      records,
      { start: '2025-01', end: '2025-12' },
      { status: 'partial', error: 'missing @team-leads see #99 <b>x</b>' }
    )
    const body = renderComment(
      model,
      [],
      { ...periodChanges(model), baseline: null },
      {
        runUrl: 'https://github.com/o/r/actions/runs/1',
        artifactUrl: 'https://github.com/o/r/actions/runs/1/artifacts/9'
      }
    )
    expect(body).not.toMatch(/@octocat|@admin|@team-leads/)
    // The chart's colour palette (#rrggbb) is inside a code fence, where GitHub links nothing.
    expect(outsideCode(body)).not.toMatch(/#\d/)
    expect(body).not.toMatch(/<img|<script|<b>/)
    // The only details tags are the comment's own, each on a line of its own: none came from provider data.
    expect(
      body
        .split('\n')
        .filter(
          (l) => /<\/?details/.test(l) && !/^<\/?details>/.test(l) && !/^<details><summary>[\w ]+<\/summary>$/.test(l)
        )
    ).toEqual([])
    expect(body).not.toContain('https://evil')
    expect(body).toContain('@\u200boctocat')
    expect(body).toContain('&lt;img')
    expect(body).toContain('[Report files (artifact)](https://github.com/o/r/actions/runs/1/artifacts/9)')
    expect(body).toMatch(/Top movers/)
    expectWellFormed(body)
  })

  it('stays under 65,536 characters with a huge hostile dataset, trimming detail and not the Markdown', async () => {
    const long = (i: number) => `@everyone #${i} <b>${'x|`*_'.repeat(3000)}</b>`
    const records: CarbonRecord[] = []
    const months = [
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12'
    ]
    for (let i = 0; i < 2000; i++)
      for (const month of months.slice(-2))
        records.push(
          rec({
            service: long(i),
            account: String(100000000000 + i),
            month,
            grams: (i + 1) * (month === '2025-12' ? 3 : 1) * 1000
          })
        )
    const model = await modelOf(
      records,
      { start: '2024-12', end: '2025-12' },
      { status: 'partial', error: `${'@x #1 '.repeat(20000)}` }
    )
    const thresholds = evaluateThresholds(
      { maxTotal: 1, maxMonthly: 1, maxIncreasePercent: 5 },
      model.totalGrams,
      model.months
    )
    const body = renderComment(
      model,
      thresholds,
      { ...periodChanges(model), baseline: null },
      { runUrl: 'https://github.com/o/r/actions/runs/1', artifactUrl: null }
    )
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
    expect(body.startsWith(MARKER)).toBe(true)
    expect(body).toContain('❌ fail')
    expect(outsideCode(body)).not.toMatch(/@everyone|#\d|<b>/)
    expectWellFormed(body)
    // The same with a tiny limit: still a whole, valid body.
    const small = renderComment(
      model,
      thresholds,
      { ...periodChanges(model), baseline: null },
      { runUrl: null, artifactUrl: null },
      2000
    )
    expect(small.length).toBeLessThanOrEqual(2000)
    expectWellFormed(small)
  })

  it('a huge hostile dataset end to end: the sandbox (which rejects bodies over the limit) accepts the comment', async () => {
    const big = await startSandbox({
      aws: {
        hostile: true,
        orgs: [
          {
            id: 'org-h',
            management: '121212121212',
            accounts: 60,
            role: 'arn:aws:iam::121212121212:role/carbon-reader',
            pairs: [10, 13]
          }
        ]
      }
    })
    try {
      const r = await runInProcess(
        { ...big.inputs.aws, ...PERIOD, ...big.inputs.github },
        big.env(big.github.event({ number: 21 })),
        { http: { sleep: fastSleep } }
      )
      expect(r.exitCode).toBe(0)
      const [c] = big.github.comments(21)
      expect(c.body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS)
      expect(c.body).not.toMatch(/@octocat|#123|<img/)
      expectWellFormed(c.body)
      expect(r.report.records.length).toBeGreaterThan(1000)
    } finally {
      await big.close()
    }
  })
})
