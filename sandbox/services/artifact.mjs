// GitHub Actions' artifact service (v4 backend), as @actions/artifact calls it:
//   POST /twirp/github.actions.results.api.v1.ArtifactService/{CreateArtifact,FinalizeArtifact,ListArtifacts,
//        GetSignedArtifactURL,DeleteArtifact}   Authorization: Bearer $ACTIONS_RUNTIME_TOKEN, Twirp JSON
//   the signed blob URL it hands out: Azure Blob Put Block (?comp=block&blockid=) and Put Block List
//   (?comp=blocklist), or a single Put Blob; GET of the same URL downloads it.
// The runtime token is a JWT whose `scp` holds `Actions.Results:<runBackendId>:<jobBackendId>`; the backend
// ids in each request must match it. Finalize checks the size and the sha256 of the committed blob.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto'
import { bearer, SandboxError } from '../kit.mjs'

const PREFIX = '/twirp/github.actions.results.api.v1.ArtifactService/'
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url')
const twirpCodes = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'already_exists',
  429: 'resource_exhausted',
  500: 'internal',
  502: 'unavailable',
  503: 'unavailable'
}

/** Reads a Twirp JSON field by its proto name or its JSON (lowerCamel) name. */
function field(body, snake) {
  if (body[snake] !== undefined) return body[snake]
  const camel = snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
  return body[camel]
}

export function createArtifactService(o = {}) {
  const runBackendId = o.runBackendId ?? randomUUID()
  const signingKey = randomBytes(32)
  const artifacts = []
  let nextId = 1000

  function runtimeToken(jobBackendId = o.jobBackendId ?? randomUUID()) {
    const now = Math.floor(Date.now() / 1000)
    return `${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url({ scp: `Actions.ExampleScope Actions.Results:${runBackendId}:${jobBackendId}`, iat: now, exp: now + 6 * 3600 })}.${randomBytes(32).toString('base64url')}`
  }
  const tokens = new Set()
  function newToken(jobBackendId) {
    const t = runtimeToken(jobBackendId)
    tokens.add(t)
    return t
  }
  const defaultToken = newToken()

  function caller(req) {
    const t = bearer(req)
    if (!t || !tokens.has(t))
      throw new SandboxError(401, 'unauthenticated', 'Unauthorized: the runtime token is missing or invalid')
    const scp = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString('utf8')).scp
    const [, run, job] = /Actions\.Results:([^:\s]+):([^:\s]+)/.exec(scp)
    return { run, job }
  }
  const sign = (id) => createHmac('sha256', signingKey).update(String(id)).digest('hex')

  function twirp(req, ctx) {
    const method = req.path.slice(PREFIX.length)
    const who = caller(req)
    const body = req.json()
    const ids = () => {
      if (
        field(body, 'workflow_run_backend_id') !== who.run ||
        field(body, 'workflow_job_run_backend_id') !== who.job
      ) {
        throw new SandboxError(403, 'permission_denied', 'The backend ids do not match the runtime token.')
      }
    }
    switch (method) {
      case 'CreateArtifact': {
        ids()
        const name = field(body, 'name')
        if (!name) throw new SandboxError(400, 'invalid_argument', 'name is required')
        if (artifacts.some((a) => a.run === who.run && a.name === name && a.finalized)) {
          throw new SandboxError(409, 'already_exists', `an artifact with this name already exists on the workflow run`)
        }
        const a = {
          id: nextId++,
          run: who.run,
          job: who.job,
          name,
          blocks: new Map(),
          blob: null,
          finalized: false,
          expiresAt: field(body, 'expires_at') ?? null,
          createdAt: new Date().toISOString()
        }
        artifacts.push(a)
        return {
          status: 200,
          body: { ok: true, signedUploadUrl: `${ctx.origin}/blob/${a.id}?sig=${sign(a.id)}&sv=2024-08-04` }
        }
      }
      case 'FinalizeArtifact': {
        ids()
        const a = artifacts.findLast((x) => x.run === who.run && x.name === field(body, 'name') && !x.finalized)
        if (!a) throw new SandboxError(404, 'not_found', 'artifact not found')
        if (!a.blob) throw new SandboxError(400, 'invalid_argument', 'the artifact has no uploaded content')
        const size = Number(field(body, 'size'))
        if (size !== a.blob.length)
          throw new SandboxError(
            400,
            'invalid_argument',
            `size ${size} does not match the uploaded ${a.blob.length} bytes`
          )
        const hash = field(body, 'hash')
        const digest = `sha256:${createHash('sha256').update(a.blob).digest('hex')}`
        if (hash && (hash.value ?? hash) !== digest)
          throw new SandboxError(400, 'invalid_argument', 'hash does not match the uploaded content')
        a.finalized = true
        a.digest = digest
        return { status: 200, body: { ok: true, artifactId: String(a.id) } }
      }
      case 'ListArtifacts': {
        const nameFilter = field(body, 'name_filter')
        const idFilter = field(body, 'id_filter')
        const list = artifacts
          .filter((a) => a.finalized && a.run === field(body, 'workflow_run_backend_id'))
          .filter((a) => !nameFilter || a.name === (nameFilter.value ?? nameFilter))
          .filter((a) => !idFilter || String(a.id) === String(idFilter.value ?? idFilter))
        return {
          status: 200,
          body: {
            artifacts: list.map((a) => ({
              workflowRunBackendId: a.run,
              workflowJobRunBackendId: a.job,
              databaseId: String(a.id),
              name: a.name,
              size: String(a.blob.length),
              createdAt: a.createdAt,
              digest: a.digest
            }))
          }
        }
      }
      case 'GetSignedArtifactURL': {
        const a = artifacts.find(
          (x) => x.finalized && x.run === field(body, 'workflow_run_backend_id') && x.name === field(body, 'name')
        )
        if (!a) throw new SandboxError(404, 'not_found', 'artifact not found')
        return { status: 200, body: { signedUrl: `${ctx.origin}/blob/${a.id}?sig=${sign(a.id)}&sv=2024-08-04` } }
      }
      case 'DeleteArtifact': {
        ids()
        const i = artifacts.findIndex((x) => x.finalized && x.run === who.run && x.name === field(body, 'name'))
        if (i < 0) throw new SandboxError(404, 'not_found', 'artifact not found')
        const [a] = artifacts.splice(i, 1)
        return { status: 200, body: { ok: true, artifactId: String(a.id) } }
      }
      default:
        throw new SandboxError(404, 'bad_route', `no handler for path ${req.path}`)
    }
  }

  function blob(req) {
    const id = Number(req.path.split('/')[2])
    const a = artifacts.find((x) => x.id === id)
    if (!a || req.query.get('sig') !== sign(id)) {
      return {
        status: 403,
        headers: { 'x-ms-error-code': 'AuthenticationFailed' },
        body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.</Message></Error>'
      }
    }
    const ok = (status, extra = {}) => ({
      status,
      headers: {
        etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`,
        'x-ms-request-id': randomUUID(),
        'x-ms-version': '2024-08-04',
        'x-ms-request-server-encrypted': 'true',
        ...extra
      }
    })
    if (req.method === 'GET') {
      if (!a.finalized) return { status: 404, headers: { 'x-ms-error-code': 'BlobNotFound' }, body: '' }
      return { ...ok(200), body: a.blob, headers: { ...ok(200).headers, 'content-type': 'application/zip' } }
    }
    if (req.method !== 'PUT') return { status: 405, body: '' }
    const comp = req.query.get('comp')
    if (comp === 'block') {
      a.blocks.set(req.query.get('blockid'), req.body)
      return ok(201)
    }
    if (comp === 'blocklist') {
      const ids = [...req.text().matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2])
      const missing = ids.filter((i) => !a.blocks.has(i))
      if (missing.length)
        return {
          status: 400,
          headers: { 'x-ms-error-code': 'InvalidBlockList' },
          body: '<Error><Code>InvalidBlockList</Code><Message>The specified block list is invalid.</Message></Error>'
        }
      a.blob = Buffer.concat(ids.map((i) => a.blocks.get(i)))
      return ok(201)
    }
    a.blob = req.body
    return ok(201)
  }

  return {
    runBackendId,
    artifacts,
    /** A runtime token for another job of the same run (matrix shards). */
    newToken,
    env: (url, token = defaultToken) => ({ ACTIONS_RESULTS_URL: `${url}/`, ACTIONS_RUNTIME_TOKEN: token }),
    secrets: () => [...tokens],
    errorResponse: (status, code, message) => ({ status, body: { code: twirpCodes[status] ?? code, msg: message } }),
    handle(req, ctx) {
      if (req.path.startsWith(PREFIX)) {
        if (req.method !== 'POST') throw new SandboxError(404, 'bad_route', 'Twirp requires POST')
        return twirp(req, ctx)
      }
      if (req.path.startsWith('/blob/')) return blob(req)
      throw new SandboxError(404, 'bad_route', `no handler for path ${req.path}`)
    }
  }
}
