/**
 * Running the query on BigQuery REST v2 and reading its answer page by page:
 *   POST .../projects/P/queries (jobs.query) -> while `jobComplete` is false, GET .../queries/JOB (getQueryResults,
 *   which waits up to timeoutMs on the server) -> the rows of each page, then GET with `pageToken` while one is given.
 * The pages are followed by the kit's one paging loop: a page token seen before (a loop) or the page cap stops the
 * reading with PagingStopped; the pages already read stand, and the caller reports the rest missing.
 *
 * Errors. BigQuery's body names a `reason`; rateLimitExceeded and backendError are transient, also when they
 * come as 403 or 400, and the HTTP layer retries them (with its throttling hold) through `transient`; the rest
 * become messages that say what to change (the export to create, the role to grant, the location to give).
 */
import { randomUUID } from 'node:crypto'
import type { HttpClient, HttpResponse } from '../../http.js'
import type { GcpSettings } from './settings.js'
import { queryRequest, queryUrl, resultsUrl } from './query.js'
import { followPages } from '../kit/paging.js'
import { readErrorBody } from '../kit/errors.js'

export const SERVICE = 'BigQuery API'
/** Far beyond any export's aggregated rows (pages of 10,000). */
/** Polls of an unfinished job (each waits up to timeoutMs on the server). */
const MAX_POLLS = 360

export interface SchemaField {
  name: string
  type: string
  mode?: string
  fields?: SchemaField[]
}
export interface BqCell {
  v: string | null | BqRow | BqCell[]
}
export interface BqRow {
  f: BqCell[]
}
export interface QueryPage {
  fields: SchemaField[]
  rows: BqRow[]
  totalRows: number | null
  jobId: string
}

/** The reason and message of a Google error body (`error.errors[0].reason`, else `error.status`), if it is one. */
export function errorOf(
  res: Pick<HttpResponse, 'text' | 'status' | 'headers'>
): { reason: string; message: string } | null {
  const b = readErrorBody(res)
  if (!b.reason && !b.status2 && !b.code) return null
  return { reason: b.reason || b.status2, message: b.message }
}

const TRANSIENT = new Set(['rateLimitExceeded', 'backendError', 'internalError'])

/** A BigQuery answer to retry whatever its status (403 rateLimitExceeded, 400 backendError). */
export function isTransientBigQuery(res: HttpResponse): boolean {
  if (res.status < 400) return false
  const e = errorOf(res)
  return e !== null && TRANSIENT.has(e.reason)
}

export class BigQueryError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'BigQueryError'
  }
}

type Where = Pick<GcpSettings, 'table' | 'projectId' | 'location'> & { identity: string }

/** A BigQuery error answer as a message that says what to change. */
export function explainBigQueryError(res: HttpResponse, where: Where): BigQueryError {
  const e = errorOf(res) ?? { reason: '', message: '' }
  const t = where.table
  const name = `${t.project}.${t.dataset}.${t.table}`
  const said = `BigQuery answered HTTP ${res.status}${e.reason ? ` ${e.reason}` : ''}${e.message ? `: ${e.message}` : ''}`
  let fix: string
  if (res.status === 401)
    fix = `The access token of ${where.identity} was not accepted: check the sign-in (gcp-workload-identity-provider, gcp-service-account).`
  else if (e.reason === 'notFound' && /Table /.test(e.message))
    fix = `The table ${name} does not exist in location ${where.location}: create the Carbon Footprint export into dataset ${t.project}.${t.dataset} (BigQuery Data Transfer Service, data source "Carbon Footprint", see docs/gcp.md), or fix gcp-table; the table is normally named carbon_footprint.`
  else if (e.reason === 'notFound' && /Dataset /.test(e.message))
    fix = `The dataset ${t.project}.${t.dataset} is not in location ${where.location}: set gcp-location to the dataset's location (US, EU or its region), or fix gcp-table.`
  else if (e.reason === 'notFound')
    fix = `Check the project of gcp-table (${t.project}) and gcp-project-id (${where.projectId}).`
  else if (e.reason === 'accessDenied' && /jobs\.create/.test(e.message))
    fix = `Grant ${where.identity} roles/bigquery.jobUser on project ${where.projectId}, or set gcp-project-id to a project where it may run queries.`
  else if (e.reason === 'accessDenied')
    fix = `Grant ${where.identity} roles/bigquery.dataViewer on the dataset ${t.project}.${t.dataset} (and roles/bigquery.jobUser on ${where.projectId}).`
  else if (e.reason === 'invalidQuery' || e.reason === 'invalid')
    fix = `BigQuery refused the action's query on ${name}: is it the Carbon Footprint export table (its schema)? Check gcp-table.`
  else if (TRANSIENT.has(e.reason) || res.status === 429 || res.status >= 500)
    fix = 'BigQuery stayed busy through every retry: rerun the job later.'
  else if (e.reason === 'quotaExceeded')
    fix = `A BigQuery quota of project ${where.projectId} is spent: see its quotas, or rerun later.`
  else fix = `Check gcp-table, gcp-project-id and gcp-location.`
  return new BigQueryError(`${said}. ${fix}`, e.reason, res.status)
}

interface QueryAnswer {
  jobComplete?: boolean
  jobReference?: { projectId?: string; jobId?: string; location?: string }
  schema?: { fields?: SchemaField[] }
  rows?: BqRow[]
  totalRows?: string
  pageToken?: string
}

export interface RunQueryOptions {
  http: HttpClient
  settings: Pick<GcpSettings, 'endpoints' | 'projectId' | 'location' | 'table' | 'billingAccountIds'>
  accessToken: string
  /** Who the token stands for, for messages. */
  identity: string
  period: { start: string; end: string }
  maxResults?: number
  maxPolls?: number
  requestId?: string
}

/**
 * Runs the query and hands each page of its answer to `onPage`, in order; returns how many pages there were. A
 * refused query throws its BigQueryError; a failure after the first page throws PagingStopped (kit/paging.ts).
 */
export async function readQuery(o: RunQueryOptions, onPage: (page: QueryPage) => void): Promise<number> {
  const { http, settings } = o
  const where: Where = { ...settings, identity: o.identity }
  const base = settings.endpoints.bigquery
  const headers = { authorization: `Bearer ${o.accessToken}`, accept: 'application/json' }
  const maxPolls = o.maxPolls ?? MAX_POLLS
  const call = async (method: 'GET' | 'POST', url: string, body?: string): Promise<QueryAnswer> => {
    const res = await http.request({
      service: SERVICE,
      method,
      url,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body,
      expectJson: true,
      transient: isTransientBigQuery
    })
    if (res.status !== 200) throw explainBigQueryError(res, where)
    const json = res.json as QueryAnswer | undefined
    if (!json || typeof json !== 'object')
      throw new BigQueryError(`${SERVICE} answered without a body.`, 'bad-body', 200)
    return json
  }

  let answer = await call(
    'POST',
    queryUrl(base, settings.projectId),
    JSON.stringify(
      queryRequest(settings, o.period, { requestId: o.requestId ?? randomUUID(), maxResults: o.maxResults })
    )
  )
  const jobId = answer.jobReference?.jobId
  const location = answer.jobReference?.location ?? settings.location
  const project = answer.jobReference?.projectId ?? settings.projectId
  if (!jobId) throw new BigQueryError(`${SERVICE} answered the query without a job reference.`, 'bad-body', 200)
  const results = (pageToken?: string): string =>
    resultsUrl(base, project, jobId, { location, pageToken, maxResults: o.maxResults, timeoutMs: 10_000 })
  // A job, or a page of its results while they are being written, may come back unfinished: ask again.
  const untilComplete = async (token?: string): Promise<void> => {
    for (let polls = 0; answer.jobComplete !== true; polls++) {
      if (polls >= maxPolls)
        throw new BigQueryError(`The BigQuery job ${jobId} did not finish after ${polls} polls.`, 'timeout', 200)
      answer = await call('GET', results(token))
    }
  }
  await untilComplete()
  return followPages({
    cursorName: 'pageToken',
    fetch: async (token) => {
      if (token !== undefined) {
        answer = await call('GET', results(token))
        await untilComplete(token)
      }
      onPage({
        fields: answer.schema?.fields ?? [],
        rows: answer.rows ?? [],
        totalRows: answer.totalRows !== undefined && /^\d+$/.test(answer.totalRows) ? Number(answer.totalRows) : null,
        jobId
      })
      return answer.pageToken
    }
  })
}
