// GitHub's REST API, the part the PR comment uses (as documented for issue comments):
//   GET   /user                                         the token's identity; an installation token (GITHUB_TOKEN)
//                                                        gets 403 "Resource not accessible by integration"
//   GET   /repos/{owner}/{repo}/issues/{n}/comments      per_page (default 30, max 100) and page, with a Link header
//   POST  /repos/{owner}/{repo}/issues/{n}/comments      {body} -> 201; a body over 65,536 characters is a 422
//   PATCH /repos/{owner}/{repo}/issues/comments/{id}     {body} -> 200; only the author may (here)
//   GET   /repos/{owner}/{repo}/pulls?head=owner:branch&state=open   the open PRs of a head (workflow_run of a fork)
// Tokens: `Authorization: token X` or `Bearer X`; a missing or unknown token is a 401 "Bad credentials".
// 403 mode (`sb.github.readOnly(true)`): a fork PR's read-only token, writes answer 403.
//
//   sb.github.token              the GITHUB_TOKEN of the run (github-actions[bot])
//   sb.github.userToken          a personal access token of `octocat`
//   sb.github.event({ number, fork, name })   writes an event payload; returns { GITHUB_EVENT_NAME, GITHUB_EVENT_PATH }
//   sb.github.workflowRun({ number, fork, event })   a workflow_run payload of a run started by that PR (the fork-safe
//                                pattern); a fork's run lists no pull_requests, as on GitHub
//   sb.github.comments(number)   the PR's comments, oldest first
//   sb.github.addComment(number, { login, body, type })   a comment by someone else (tests of the sticky match)
//   sb.github.readOnly(on)       403 mode
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { randomBytes } from 'node:crypto'
import { SandboxError } from '../kit.mjs'

export const MAX_BODY = 65536
const DOCS = 'https://docs.github.com/rest/issues/comments'

/**
 * @param {object} [o]
 * @param {string} [o.repository] owner/name of the base repository
 */
export function createGithubApi(o = {}) {
  const repository = o.repository ?? 'octo-org/octo-repo'
  const state = {
    repository,
    origin: '',
    readOnly: false,
    nextId: 1_000_001,
    /** issue number -> comments, oldest first */
    comments: new Map(),
    /** open pull requests: { number, head: { owner, branch, sha } } */
    pulls: [],
    tokens: new Map()
  }
  const token = `ghs_${randomBytes(27).toString('base64url')}`
  const userToken = `ghp_${randomBytes(27).toString('base64url')}`
  state.tokens.set(token, { login: 'github-actions[bot]', id: 41898282, type: 'Bot', installation: true })
  state.tokens.set(userToken, { login: 'octocat', id: 583231, type: 'User', installation: false })

  const now = () => new Date().toISOString()
  const listOf = (n) => {
    if (!state.comments.has(n)) state.comments.set(n, [])
    return state.comments.get(n)
  }
  function make(n, { login, id = 1, type = 'User', body }) {
    const cid = state.nextId++
    const t = now()
    return {
      id: cid,
      node_id: `IC_${cid}`,
      url: `${state.origin}/repos/${repository}/issues/comments/${cid}`,
      html_url: `https://github.com/${repository}/pull/${n}#issuecomment-${cid}`,
      issue_url: `${state.origin}/repos/${repository}/issues/${n}`,
      body,
      user: { login, id, type },
      author_association: type === 'Bot' ? 'NONE' : 'OWNER',
      created_at: t,
      updated_at: t
    }
  }

  function who(req) {
    const m = /^(?:token|Bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    const id = m ? state.tokens.get(m[1]) : undefined
    if (!id) throw new SandboxError(401, 'Unauthorized', 'Bad credentials')
    return id
  }

  function bodyOf(req) {
    const b = req.json()
    if (typeof b?.body !== 'string' || b.body === '')
      throw new SandboxError(422, 'Unprocessable', 'Validation Failed: body is missing')
    if ([...b.body].length > MAX_BODY)
      throw new SandboxError(
        422,
        'Unprocessable',
        `Validation Failed: body is too long (maximum is ${MAX_BODY} characters)`
      )
    return b.body
  }

  function handle(req) {
    const user = who(req)
    if (req.method === 'GET' && req.path === '/user') {
      if (user.installation) throw new SandboxError(403, 'Forbidden', 'Resource not accessible by integration')
      return { status: 200, body: { login: user.login, id: user.id, type: user.type } }
    }
    const pulls = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(req.path)
    if (pulls && req.method === 'GET' && `${pulls[1]}/${pulls[2]}`.toLowerCase() === repository.toLowerCase()) {
      const head = req.query.get('head')
      const wanted = req.query.get('state') ?? 'open'
      const found =
        wanted === 'closed' ? [] : state.pulls.filter((p) => !head || `${p.head.owner}:${p.head.branch}` === head)
      return {
        status: 200,
        body: found.map((p) => ({
          number: p.number,
          state: 'open',
          html_url: `https://github.com/${repository}/pull/${p.number}`,
          head: {
            ref: p.head.branch,
            sha: p.head.sha,
            label: `${p.head.owner}:${p.head.branch}`,
            repo: { full_name: `${p.head.owner}/${repository.split('/')[1]}` }
          },
          base: { ref: 'main', repo: { full_name: repository } }
        }))
      }
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(req.path)
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(req.path)
    const repo = list ?? one
    if (!repo || `${repo[1]}/${repo[2]}`.toLowerCase() !== repository.toLowerCase())
      throw new SandboxError(404, 'NotFound', 'Not Found')
    if (list && req.method === 'GET') {
      const n = Number(list[3])
      const perPage = Math.min(100, Math.max(1, Number(req.query.get('per_page') ?? 30) || 30))
      const page = Math.max(1, Number(req.query.get('page') ?? 1) || 1)
      const all = listOf(n)
      const last = Math.max(1, Math.ceil(all.length / perPage))
      const link = (p, rel) => `<${state.origin}${req.path}?per_page=${perPage}&page=${p}>; rel="${rel}"`
      const links = []
      if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'))
      if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
      return {
        status: 200,
        headers: links.length ? { link: links.join(', ') } : {},
        body: all.slice((page - 1) * perPage, page * perPage)
      }
    }
    if (list && req.method === 'POST') {
      if (state.readOnly) throw new SandboxError(403, 'Forbidden', 'Resource not accessible by integration')
      const n = Number(list[3])
      const c = make(n, { ...user, body: bodyOf(req) })
      listOf(n).push(c)
      return { status: 201, body: c }
    }
    if (one && req.method === 'PATCH') {
      if (state.readOnly) throw new SandboxError(403, 'Forbidden', 'Resource not accessible by integration')
      const id = Number(one[3])
      const c = [...state.comments.values()].flat().find((x) => x.id === id)
      if (!c) throw new SandboxError(404, 'NotFound', 'Not Found')
      if (c.user.login !== user.login)
        throw new SandboxError(403, 'Forbidden', 'Resource not accessible by integration')
      c.body = bodyOf(req)
      c.updated_at = now()
      return { status: 200, body: c }
    }
    throw new SandboxError(404, 'NotFound', 'Not Found')
  }

  return {
    state,
    token,
    userToken,
    handle,
    errorResponse: (status, code, message) => ({
      status,
      body: { message, documentation_url: DOCS, status: String(status) }
    }),
    comments: (n) => listOf(n).map((c) => ({ ...c })),
    addComment(n, { login = 'someone', type = 'User', body }) {
      const c = make(n, { login, type, body })
      listOf(n).push(c)
      return c
    },
    readOnly(on = true) {
      state.readOnly = on
    }
  }
}

/** Writes a pull_request event payload; returns the runner variables that point at it. */
function writeEvent(api, { number = 7, fork = false, name = 'pull_request', headRepository } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-event-'))
  const file = path.join(dir, 'event.json')
  const base = api.state.repository
  const head = headRepository === undefined ? (fork ? `forker/${base.split('/')[1]}` : base) : headRepository
  const payload = {
    action: 'synchronize',
    number,
    pull_request: {
      number,
      html_url: `https://github.com/${base}/pull/${number}`,
      head: {
        ref: 'feature',
        sha: 'b'.repeat(40),
        repo: head === null ? null : { full_name: head, fork: head !== base }
      },
      base: { ref: 'main', sha: 'a'.repeat(40), repo: { full_name: base } }
    },
    repository: { full_name: base, name: base.split('/')[1], owner: { login: base.split('/')[0] } }
  }
  fs.writeFileSync(file, JSON.stringify(payload, null, 2))
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file }
}

/**
 * Writes a workflow_run payload for a run started by pull request `number` (opened as an open PR in the
 * sandbox); for a fork, `pull_requests` is empty as GitHub sends it, so the PR is found by its head.
 */
function writeWorkflowRun(api, { number = 7, fork = false, event = 'pull_request', branch = 'feature' } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-event-'))
  const file = path.join(dir, 'event.json')
  const base = api.state.repository
  const [baseOwner, name] = base.split('/')
  const headOwner = fork ? 'forker' : baseOwner
  const sha = randomBytes(20).toString('hex')
  if (event === 'pull_request') api.state.pulls.push({ number, head: { owner: headOwner, branch, sha } })
  const origin = api.state.origin
  const payload = {
    action: 'completed',
    workflow_run: {
      id: 99,
      name: 'CI',
      event,
      status: 'completed',
      conclusion: 'success',
      head_branch: branch,
      head_sha: sha,
      head_repository: { full_name: `${headOwner}/${name}`, owner: { login: headOwner } },
      repository: { full_name: base },
      pull_requests:
        fork || event !== 'pull_request'
          ? []
          : [
              {
                number,
                url: `${origin}/repos/${base}/pulls/${number}`,
                head: { ref: branch, sha },
                base: { ref: 'main', repo: { url: `${origin}/repos/${base}`, name } }
              }
            ]
    },
    repository: { full_name: base, name, owner: { login: baseOwner } }
  }
  fs.writeFileSync(file, JSON.stringify(payload, null, 2))
  return { GITHUB_EVENT_NAME: 'workflow_run', GITHUB_EVENT_PATH: file }
}

export async function mount(sb, options = {}) {
  const api = createGithubApi(options.github)
  const { url } = await sb.kit.serve('github', api)
  api.state.origin = url
  sb.urls.github = url
  sb.register('github', {
    api,
    url,
    token: api.token,
    userToken: api.userToken,
    inputs: { 'pr-comment': 'true', 'github-token': api.token },
    env: () => ({ GITHUB_API_URL: url }),
    secrets: () => [api.token, api.userToken],
    event: (o) => writeEvent(api, o),
    workflowRun: (o) => writeWorkflowRun(api, o),
    comments: (n) => api.comments(n),
    addComment: (n, c) => api.addComment(n, c),
    readOnly: (on) => api.readOnly(on)
  })
}
