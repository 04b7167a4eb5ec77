// BigQuery REST v2, the two calls a query client makes, running the SQL for real on an embedded DuckDB:
//   POST /bigquery/v2/projects/P/queries                 jobs.query { query, useLegacySql, parameterMode,
//        queryParameters, location, maxResults, timeoutMs, requestId, ... }
//   GET  /bigquery/v2/projects/P/queries/JOB?location&pageToken&maxResults&timeoutMs   jobs.getQueryResults
// Answers: `jobComplete` false for the first `pendingAnswers` answers of a job, then `schema.fields`, `rows`
// as `{ f: [{ v }] }` (every value a string or null, STRUCTs nested the same way), `totalRows` and a
// `pageToken` while rows remain (pages of `maxResults`, at most `pageRows`).
// Checks, in BigQuery's order: a bearer token the sandbox's STS, IAM Credentials or OAuth endpoint issued (401
// authError); bigquery.jobs.create on P (403 accessDenied); the request's fields (400 invalid); legacy SQL,
// BigQuery's default, refused for standard syntax (400 invalidQuery); each table: its project, dataset in the
// job's location, dataViewer on the dataset, the table (404 notFound / 403 accessDenied); then the engine's own
// errors (400 invalidQuery). Faults render as BigQuery's errors: 429 / 403 rateLimitExceeded, 500 / 503
// backendError; service-defined `repeat-token` answers a page whose pageToken is the one that asked for it, and
// `empty-page` a page with no rows whose pageToken leads on to the rows it left out.
import { randomBytes } from 'node:crypto'
import { bearer, SandboxError } from '../kit.mjs'
import { googleError, UNAUTHENTICATED_MESSAGE } from './google-errors.mjs'
import { translateSql } from './bigquery-sql.mjs'
import { BigQueryError, bindParameter, createEngine, duckdb } from './bigquery-engine.mjs'

export { BigQueryError, createEngine }

const PREFIX = '/bigquery/v2/projects/'
const QUERY_FIELDS = new Set([
  'kind',
  'query',
  'useLegacySql',
  'parameterMode',
  'queryParameters',
  'location',
  'maxResults',
  'timeoutMs',
  'requestId',
  'defaultDataset',
  'dryRun',
  'useQueryCache',
  'labels',
  'formatOptions',
  'jobCreationMode',
  'maximumBytesBilled',
  'createSession',
  'connectionProperties'
])

const DOMAINS = { rateLimitExceeded: 'usageLimits', quotaExceeded: 'usageLimits' }

function bqError(status, reason, message, location) {
  const e = { reason, domain: DOMAINS[reason] ?? 'global', message }
  if (location) Object.assign(e, { location, locationType: location === 'Authorization' ? 'header' : 'parameter' })
  return googleError(status, message, { errors: [e] })
}

/** What an injected fault of a status looks like from BigQuery. */
function faultError(status, code, message) {
  if (status === 429 || (status === 403 && code === 'rateLimitExceeded'))
    return bqError(
      status,
      'rateLimitExceeded',
      'Exceeded rate limits: too many api requests per user per method for this user_method. For more information, see https://cloud.google.com/bigquery/docs/troubleshoot-quotas'
    )
  if (status === 403 && code === 'quotaExceeded')
    return bqError(403, 'quotaExceeded', 'Quota exceeded: Your project exceeded quota for free query bytes scanned.')
  if (status === 500) return bqError(500, 'backendError', 'Backend error. Job aborted.')
  if (status === 503)
    return bqError(503, 'backendError', 'Error encountered during execution. Retrying may solve the problem.')
  if (status === 401) return bqError(401, 'authError', UNAUTHENTICATED_MESSAGE, 'Authorization')
  const reason = { 400: 'invalid', 403: 'accessDenied', 404: 'notFound' }[status] ?? code
  return bqError(status, reason, message)
}

/**
 * @param {object} o
 * @param {() => ReturnType<typeof createEngine>} o.engine the engine, made on first use (the same one every call)
 * @param {ReturnType<import('./google-sts.mjs').createTokenStore>} o.tokens
 * @param {Record<string, { jobUsers: string[] }>} o.projects project id -> members with bigquery.jobs.create
 * @param {Array<{ project: string, dataset: string, location: string, viewers: string[], tables: string[] }>} o.datasets
 * @param {{ pendingAnswers: number, pageRows: number }} o.state read per request (tests change it)
 */
export function createBigQuery(o) {
  const jobs = new Map()
  const byRequestId = new Map()

  function identity(req) {
    const who = o.tokens.lookup(bearer(req))
    if (!who) throw new BigQueryError(401, 'authError', UNAUTHENTICATED_MESSAGE, 'Authorization')
    return who
  }
  const holds = (who, members) => who.members.some((m) => members.includes(m))

  function mayCreateJobs(who, project) {
    if (!holds(who, o.projects[project]?.jobUsers ?? []))
      throw new BigQueryError(
        403,
        'accessDenied',
        `Access Denied: Project ${project}: User does not have bigquery.jobs.create permission in project ${project}.`
      )
  }

  /** A backtick-quoted table path -> the engine's table, checked as BigQuery resolves and authorizes it. */
  function resolver(who, jobProject, location) {
    return (path, at) => {
      const [project, dataset, table] = path.length === 3 ? path : [jobProject, ...path]
      if (path.length > 3 || !table)
        throw new BigQueryError(400, 'invalidQuery', `Invalid table name: ${path.join('.')} at ${at}`, 'q')
      if (!o.projects[project]) throw new BigQueryError(404, 'notFound', `Not found: Project ${project}`)
      const d = o.datasets.find(
        (x) => x.project === project && x.dataset === dataset && x.location.toLowerCase() === location.toLowerCase()
      )
      if (!d)
        throw new BigQueryError(
          404,
          'notFound',
          `Not found: Dataset ${project}:${dataset} was not found in location ${location}`
        )
      if (!holds(who, d.viewers))
        throw new BigQueryError(
          403,
          'accessDenied',
          `Access Denied: Table ${project}:${dataset}.${table}: User does not have permission to query table ${project}:${dataset}.${table}, or perhaps it does not exist.`
        )
      if (!d.tables.includes(table))
        throw new BigQueryError(
          404,
          'notFound',
          `Not found: Table ${project}:${dataset}.${table} was not found in location ${location}`
        )
      return `"${project}.${dataset}"."${table}"`
    }
  }

  async function query(req, project) {
    const who = identity(req)
    mayCreateJobs(who, project)
    const body = req.json()
    for (const k of Object.keys(body ?? {}))
      if (!QUERY_FIELDS.has(k))
        throw new BigQueryError(
          400,
          'invalid',
          `Invalid JSON payload received. Unknown name "${k}": Cannot find field.`
        )
    if (typeof body.query !== 'string' || body.query.trim() === '')
      throw new BigQueryError(400, 'invalid', 'Required parameter is missing: query', 'query')
    if (body.requestId && byRequestId.has(body.requestId))
      return answer(jobs.get(byRequestId.get(body.requestId)), req, {
        maxResults: body.maxResults,
        kind: 'bigquery#queryResponse'
      })
    const location = body.location ?? 'US'
    if (body.useLegacySql !== false) {
      // Legacy SQL (the default) reads `a.b.c` and @name as errors; a query in it gets BigQuery's hint.
      const quoted = /`([^`]+)`/.exec(body.query)
      throw new BigQueryError(
        400,
        'invalidQuery',
        quoted
          ? `Invalid table name: \`${quoted[1]}\` [Try using standard SQL (https://cloud.google.com/bigquery/docs/reference/standard-sql/enabling-standard-sql)].`
          : body.queryParameters?.length
            ? 'Query parameters cannot be used in Legacy SQL queries.'
            : `Encountered " "SELECT" "SELECT "" at line 1, column 1. [Try using standard SQL (https://cloud.google.com/bigquery/docs/reference/standard-sql/enabling-standard-sql)].`,
        'q'
      )
    }
    const params = body.queryParameters ?? []
    if (params.length > 0 && body.parameterMode !== 'NAMED')
      throw new BigQueryError(400, 'invalid', 'Query parameters must be named: set parameterMode to NAMED.', 'q')
    const translated = translateSql(body.query, resolver(who, project, location))
    const duck = await duckdb()
    const values = {}
    const types = {}
    for (const name of translated.params) {
      const p = params.find((x) => x?.name?.toLowerCase() === name.toLowerCase())
      if (!p) throw new BigQueryError(400, 'invalidQuery', `Query parameter '${name}' not found`, 'q')
      const bound = bindParameter(p, duck)
      values[name] = bound.value
      types[name] = bound.type
    }
    const result = await (await o.engine()).run(translated.sql, values, types)
    const jobId = `job_${randomBytes(15).toString('base64url')}`
    const job = {
      jobId,
      project,
      location,
      who,
      result,
      pending: o.state.pendingAnswers,
      tokens: new Map(),
      // What the client sent, for tests that check how it asks (parameters, dialect).
      request: { query: body.query, useLegacySql: body.useLegacySql, parameterMode: body.parameterMode, params }
    }
    jobs.set(jobId, job)
    if (body.requestId) byRequestId.set(body.requestId, jobId)
    return answer(job, req, { maxResults: body.maxResults, kind: 'bigquery#queryResponse' })
  }

  function getResults(req, ctx, project, jobId) {
    const who = identity(req)
    const job = jobs.get(jobId)
    const location = req.query.get('location') ?? 'US'
    if (!job || job.project !== project || job.location.toLowerCase() !== location.toLowerCase())
      throw new BigQueryError(404, 'notFound', `Not found: Job ${project}:${location}.${jobId}`)
    if (!holds(job.who, who.members))
      throw new BigQueryError(
        403,
        'accessDenied',
        `Access Denied: Job ${project}:${location}.${jobId}: the job belongs to another user.`
      )
    const token = req.query.get('pageToken')
    let offset = 0
    if (token !== null) {
      if (!job.tokens.has(token)) throw new BigQueryError(400, 'invalid', `Invalid page token: ${token}`, 'pageToken')
      offset = job.tokens.get(token)
    }
    return answer(job, req, {
      maxResults: req.query.get('maxResults'),
      offset,
      token,
      repeat: token !== null && ctx.take('repeat-token') !== null,
      empty: ctx.take('empty-page') !== null,
      kind: 'bigquery#getQueryResultsResponse'
    })
  }

  function answer(job, req, { maxResults, offset = 0, token = null, repeat = false, empty = false, kind } = {}) {
    const jobReference = { projectId: job.project, jobId: job.jobId, location: job.location }
    if (job.pending > 0) {
      job.pending--
      return { status: 200, body: { kind, jobReference, jobComplete: false } }
    }
    const rows = job.result.rows
    const asked = maxResults === undefined || maxResults === null ? Infinity : Number(maxResults)
    if (!Number.isInteger(asked) && asked !== Infinity)
      throw new BigQueryError(400, 'invalid', `Invalid value for maxResults: ${maxResults}`, 'maxResults')
    const size = Math.max(1, Math.min(asked, o.state.pageRows))
    // An `empty-page` fault: a page with no rows whose token leads on to the same rows (a client must follow it).
    const end = empty ? offset : Math.min(rows.length, offset + size)
    const body = {
      kind,
      etag: randomBytes(8).toString('base64'),
      schema: { fields: job.result.fields },
      jobReference,
      totalRows: String(rows.length),
      rows: rows.slice(offset, end),
      totalBytesProcessed: String(rows.length * 512),
      jobComplete: true,
      cacheHit: false
    }
    if (body.rows.length === 0) delete body.rows // BigQuery leaves `rows` out of an empty page
    if (end < rows.length || (empty && offset < rows.length)) {
      let next = repeat ? token : randomBytes(20).toString('base64url').toUpperCase()
      if (!repeat) job.tokens.set(next, end)
      body.pageToken = next
    }
    return { status: 200, body }
  }

  return {
    jobs,
    errorResponse: (status, code, message) => faultError(status, code, message),
    async handle(req, ctx) {
      if (!req.path.startsWith(PREFIX)) return bqError(404, 'notFound', 'Not found: URL')
      const parts = req.path.slice(PREFIX.length).split('/').map(decodeURIComponent)
      try {
        if (parts.length === 2 && parts[1] === 'queries' && req.method === 'POST') return await query(req, parts[0])
        if (parts.length === 3 && parts[1] === 'queries' && req.method === 'GET')
          return getResults(req, ctx, parts[0], parts[2])
      } catch (e) {
        if (e instanceof BigQueryError) return bqError(e.status, e.code, e.message, e.location)
        if (e instanceof SandboxError && e.code === 'invalidQuery') return bqError(400, 'invalidQuery', e.message, 'q')
        if (e instanceof SandboxError && e.code === 'InvalidJson')
          return bqError(400, 'invalid', 'Invalid JSON payload received.')
        throw e
      }
      return bqError(404, 'notFound', `Not found: ${req.method} ${req.path}`)
    }
  }
}
