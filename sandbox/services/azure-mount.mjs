// The Azure plugin of the sandbox: Azure Resource Manager on its own HTTPS port, speaking
//   GET  /subscriptions?api-version=2022-12-01                                          (nextLink paging)
//   POST /providers/Microsoft.Carbon/carbonEmissionReports?api-version=2025-04-01       (every report type)
//   POST /providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange?api-version=2025-04-01
// as the public REST spec (Azure/azure-rest-api-specs, specification/carbon/resource-manager/Microsoft.Carbon/
// Carbon/stable/2025-04-01/main.json) and ARM's front door define them:
// - every call needs `Authorization: Bearer <Entra access token>` whose audience is this ARM (or the public
//   cloud's ARM audiences) and whose tenant is the sandbox tenant: otherwise 401 with ARM's own codes
//   (AuthenticationFailed, InvalidAuthenticationToken, InvalidAuthenticationTokenAudience,
//   ExpiredAuthenticationToken, InvalidAuthenticationTokenTenant) and a `WWW-Authenticate` challenge;
// - a missing or unknown api-version is a 400 (MissingApiVersionParameter, NoRegisteredProviderFound,
//   InvalidApiVersionParameter); a report body that is not application/json is a 415;
// - the QueryFilter is validated by the spec's rules (services/azure-carbon.mjs) and refused with ARM
//   ErrorResponse bodies (`{ error: { code, message, target, details, additionalInfo } }`);
// - `ItemDetailsReport` is paged by `skipToken` (the page is min(pageSize, options.azure.pageCap) rows);
// - each input subscription gets a `subscriptionAccessDecisionList` entry: subscriptions the identity may list
//   but not read (options.azure.denied), and ids the tenant does not have, are `Denied` with a reason; when
//   none of the list is readable the call is a 403 AuthorizationFailed (ARM's answer to an unauthorized scope);
// - faults: the kit's generic ones (a throttle is ARM's 429 with Retry-After and x-ms-ratelimit headers) and two
//   of this service, taken on ItemDetailsReport pages: `repeat-token` (a page answers with the skipToken it was
//   sent, so a naive client loops) and `empty-page` (a page with no rows whose new skipToken leads on to the
//   same rows, as real services sometimes send).
//
// Options (startSandbox({ azure: {...} })):
//   subscriptions   how many subscriptions the tenant has (default 6)
//   resourcesPerSubscription  at most this many resources each (default 6)
//   denied          indexes of subscriptions the identity can list but not read emissions of (default none)
//   mismatch        'YYYY-MM' or { month, grams }: the MonthlySummaryReport of that month is off by `grams`
//                   (default 4321 g) from the resource detail, to prove the reconciliation warning
//   pageCap         the largest ItemDetailsReport page the server returns (default: the request's pageSize)
//   listPageSize    subscriptions per page of the subscription list (default 50)
//   available       { start, end } months (YYYY-MM) with data (default: the 24 months up to the latest
//                   published one, by the 19th of the next month)
//   seed            the data seed
//   reportCache     how many queries' answers to keep (default 64): a report's rows are computed (and the
//                   detail's sorted) once per query, keyed by the query without its skipToken, and each page
//                   of it is a slice. The bench raises it so that a warm-up run fills it for the timed run.
import { randomUUID } from 'node:crypto'
import { bearer, lruCache, monthIndex, monthOf, publishedMonth } from '../kit.mjs'
import {
  ArmError,
  CARBON_API_VERSION,
  SUBSCRIPTIONS_API_VERSIONS,
  carbonTruth,
  decodeSkipToken,
  encodeSkipToken,
  runReport,
  seedCarbonData,
  validateQuery
} from './azure-carbon.mjs'

const REPORTS_PATH = '/providers/microsoft.carbon/carbonemissionreports'
const RANGE_PATH = '/providers/microsoft.carbon/querycarbonemissiondataavailabledaterange'
/** The audiences public ARM accepts; the sandbox also accepts its own URL (the `{arm}/.default` scope). */
const PUBLIC_ARM_AUDIENCES = [
  'https://management.azure.com',
  'https://management.azure.com/',
  'https://management.core.windows.net',
  'https://management.core.windows.net/'
]
const DEFAULT_MISMATCH_GRAMS = 4321
const VALUE_OPEN = Buffer.from('{"value":')

/** ARM's ErrorResponse (common-types v5). */
function armBody(code, message, target) {
  return { error: { code, message, ...(target ? { target } : {}), details: [], additionalInfo: [] } }
}

/**
 * @param {object} sb the sandbox (kit, entra, now, register...)
 * @param {{ azure?: object }} options startSandbox's options
 */
export async function mount(sb, options = {}) {
  const o = options.azure ?? {}
  const now = sb.now
  const tenantId = sb.entraInputs['azure-tenant-id']
  const lastPublished = publishedMonth(19, now())
  const available = {
    start: o.available?.start ?? monthOf(monthIndex(o.available?.end ?? lastPublished) - 23),
    end: o.available?.end ?? lastPublished
  }
  const data = seedCarbonData({
    seed: o.seed,
    subscriptions: o.subscriptions ?? 6,
    resourcesPerSubscription: o.resourcesPerSubscription ?? 6,
    available,
    denied: o.denied ?? [],
    tenantId
  })
  const mismatch = o.mismatch
    ? typeof o.mismatch === 'string'
      ? { month: o.mismatch, grams: DEFAULT_MISMATCH_GRAMS }
      : { grams: DEFAULT_MISMATCH_GRAMS, ...o.mismatch }
    : null
  const pageCap = o.pageCap ?? Infinity
  const listPageSize = o.listPageSize ?? 50
  /**
   * The answers of the last `reportCache` queries (least recently used first), by the query's JSON without its
   * skipToken: every page of an ItemDetailsReport used to recompute and sort its whole batch. An answer depends
   * only on that JSON (the subscription list decides the readable ones, the data and `mismatch` are fixed), so
   * a page from the cache is the page runReport would give; the rows are only read (serialized), never changed.
   */
  const reportCache = lruCache(Math.max(0, o.reportCache ?? 64))
  const cacheStats = reportCache.stats
  function reportOf(q, range, readable) {
    const { skipToken, ...rest } = q
    return reportCache.get(JSON.stringify(rest), () => runReport(data, q, range, readable, { mismatch }))
  }
  /**
   * The JSON text (UTF-8) of the rows of a page, `result.all.slice(offset, offset + size)`, per report answer:
   * serializing a page of thousands of rows was most of what a page cost once the rows are cached. Held as
   * long as the answer is (in the report cache).
   */
  const pageTexts = new WeakMap()
  function pageText(result, offset, size) {
    let texts = pageTexts.get(result)
    if (texts === undefined) pageTexts.set(result, (texts = new Map()))
    const key = `${offset}/${size}`
    let text = texts.get(key)
    if (text === undefined)
      texts.set(key, (text = Buffer.from(JSON.stringify(result.all.slice(offset, offset + size)))))
    return text
  }
  /** What the server saw: report types, pages, the largest subscriptionList, every month asked for. */
  const counters = {
    reports: {},
    pages: 0,
    denials: 0,
    unauthorized: 0,
    listPages: 0,
    range: 0,
    largestList: 0,
    months: new Set()
  }
  let requestCounter = 0

  let armUrl = ''
  const audiences = () => [armUrl, `${armUrl}/`, ...PUBLIC_ARM_AUDIENCES]

  const headersFor = (extra = {}) => ({
    'x-ms-request-id': randomUUID(),
    'x-ms-correlation-request-id': randomUUID(),
    'x-ms-ratelimit-remaining-tenant-reads': String(Math.max(0, 11999 - (requestCounter % 12000))),
    'cache-control': 'no-cache',
    ...extra
  })

  function errorResponse(status, code, message, _req, target) {
    const extra = {}
    if (status === 429) {
      extra['x-ms-ratelimit-remaining-tenant-reads'] = '0'
      extra['x-ms-failure-cause'] = 'gateway'
    }
    return { status, headers: headersFor(extra), body: armBody(code, message, target) }
  }
  const fail = (e) => errorResponse(e.status, e.code, e.message, null, e.target)
  const challenge = (error, description) => ({
    'www-authenticate': `Bearer authorization_uri="${sb.urls.entra}/${tenantId}", error="${error}", error_description="${description}"`
  })

  /** ARM's front door: the bearer token. Returns its claims or throws an ArmError 401. */
  function authenticate(req) {
    const header = req.headers.authorization
    if (!header) {
      counters.unauthorized++
      throw new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is missing.",
        challenge('invalid_token', 'The authentication failed because of missing Authorization header.')
      )
    }
    const token = bearer(req)
    if (!token) {
      counters.unauthorized++
      throw new ArmError(
        401,
        'AuthenticationFailed',
        "Authentication failed. The 'Authorization' header is provided in an invalid format.",
        challenge('invalid_token', 'The authentication failed because of an invalid Authorization header.')
      )
    }
    let claims
    try {
      claims = sb.entra.verifyAccessToken(token, { audiences: audiences() })
    } catch (e) {
      counters.unauthorized++
      if (e?.reason === 'audience') {
        throw new ArmError(
          401,
          'InvalidAuthenticationTokenAudience',
          `The access token has been obtained for wrong audience or resource. It should exactly match with one of the allowed audiences '${audiences().join("','")}'.`,
          challenge('invalid_token', 'The access token has been obtained for wrong audience or resource.')
        )
      }
      if (e?.reason === 'expired') {
        throw new ArmError(
          401,
          'ExpiredAuthenticationToken',
          `The access token expiry UTC time is earlier than current UTC time '${new Date(now()).toISOString()}'.`,
          challenge('invalid_token', 'The access token has expired.')
        )
      }
      throw new ArmError(
        401,
        'InvalidAuthenticationToken',
        'The access token is invalid.',
        challenge('invalid_token', 'The access token is invalid.')
      )
    }
    if (String(claims.tid ?? '').toLowerCase() !== tenantId.toLowerCase()) {
      counters.unauthorized++
      throw new ArmError(
        401,
        'InvalidAuthenticationTokenTenant',
        `The access token is from the wrong issuer '${claims.iss}'. It must match the tenant 'https://sts.windows.net/${tenantId}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${tenantId}' to get the token.`,
        challenge('invalid_token', 'The access token is from the wrong issuer.')
      )
    }
    return claims
  }

  function apiVersion(req, supported, type) {
    const v = req.query.get('api-version')
    if (v === null || v === '') {
      throw new ArmError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.'
      )
    }
    if (!supported.includes(v)) {
      if (type === 'subscriptions') {
        throw new ArmError(
          400,
          'InvalidApiVersionParameter',
          `The api-version '${v}' is invalid. The supported versions are '${supported.join(',')}'.`
        )
      }
      throw new ArmError(
        400,
        'NoRegisteredProviderFound',
        `No registered resource provider found for location 'global' and API version '${v}' for type '${type}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'global'.`
      )
    }
    return v
  }

  // -------------------------------------------------------------------------------------------------------
  // GET /subscriptions

  function subscriptionRow(s) {
    return {
      id: `/subscriptions/${s.id}`,
      authorizationSource: 'RoleBased',
      managedByTenants: [],
      subscriptionId: s.id,
      tenantId,
      displayName: s.name,
      state: 'Enabled',
      subscriptionPolicies: {
        locationPlacementId: 'Public_2014-09-01',
        quotaId: 'EnterpriseAgreement_2014-09-01',
        spendingLimit: 'Off'
      }
    }
  }

  function listSubscriptions(req, origin) {
    apiVersion(req, SUBSCRIPTIONS_API_VERSIONS, 'subscriptions')
    counters.listPages++
    const raw = req.query.get('$skiptoken')
    let offset = 0
    if (raw !== null) {
      const n = /^s(\d+)$/.exec(raw)
      if (!n || Number(n[1]) > data.subscriptions.length)
        throw new ArmError(400, 'InvalidSkipToken', `The skip token '${raw}' is invalid.`)
      offset = Number(n[1])
    }
    const page = data.subscriptions.slice(offset, offset + listPageSize)
    const next = offset + page.length
    const body = { value: page.map(subscriptionRow), count: { type: 'Total', value: data.subscriptions.length } }
    if (next < data.subscriptions.length) {
      body.nextLink = `${origin}/subscriptions?api-version=${req.query.get('api-version')}&%24skiptoken=s${next}`
    }
    return { status: 200, headers: headersFor(), body }
  }

  // -------------------------------------------------------------------------------------------------------
  // POST .../queryCarbonEmissionDataAvailableDateRange

  function dateRange(req) {
    apiVersion(req, [CARBON_API_VERSION], 'queryCarbonEmissionDataAvailableDateRange')
    counters.range++
    return {
      status: 200,
      headers: headersFor(),
      body: { startDate: `${monthOf(data.first)}-01`, endDate: `${monthOf(data.last)}-01` }
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // POST .../carbonEmissionReports

  function reports(req, ctx) {
    apiVersion(req, [CARBON_API_VERSION], 'carbonEmissionReports')
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (type !== 'application/json') {
      throw new ArmError(
        415,
        'UnsupportedMediaType',
        `The content media type '${type}' is not supported. Only 'application/json' is supported.`
      )
    }
    let q
    try {
      q = req.json()
    } catch {
      throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
    }
    const range = validateQuery(q, data)
    counters.reports[q.reportType] = (counters.reports[q.reportType] ?? 0) + 1
    counters.largestList = Math.max(counters.largestList, q.subscriptionList.length)
    counters.months.add(q.dateRange.start.slice(0, 7))

    // Access, per input subscription, in the order given.
    const decisions = []
    const readable = []
    for (const id of q.subscriptionList) {
      const sub = data.byId.get(id)
      if (sub && !sub.denied) {
        decisions.push({ subscriptionId: id, decision: 'Allowed' })
        if (!readable.includes(id)) readable.push(id)
      } else {
        counters.denials++
        decisions.push({
          subscriptionId: id,
          decision: 'Denied',
          denialReason: sub ? 'Carbon Optimization Reader permission required' : 'Subscription not found in the tenant'
        })
      }
    }
    if (readable.length === 0) {
      throw new ArmError(
        403,
        'AuthorizationFailed',
        `The client does not have authorization to perform action 'Microsoft.Carbon/carbonEmissionReports/action' over scope '/subscriptions/${q.subscriptionList[0]}' or the scope is invalid. If access was recently granted, please refresh your credentials.`
      )
    }

    const result = reportOf(q, range, readable)
    if (q.reportType !== 'ItemDetailsReport') {
      return {
        status: 200,
        headers: headersFor(),
        body: { value: result.value, subscriptionAccessDecisionList: decisions }
      }
    }

    counters.pages++
    const offset = decodeSkipToken(q)
    if (offset > result.all.length)
      throw new ArmError(
        400,
        'InvalidRequestPropertyValue',
        'The skipToken is past the end of the result.',
        'skipToken'
      )
    const tokenAt = (at) => {
      // A stateless token, bound to the query, made unique per page so that an empty page's token is new.
      const t = JSON.parse(Buffer.from(encodeSkipToken(q, at), 'base64').toString('utf8'))
      t.n = ++requestCounter
      return Buffer.from(JSON.stringify(t)).toString('base64')
    }
    const hasToken = typeof q.skipToken === 'string' && q.skipToken !== ''
    if (hasToken && ctx.take('repeat-token')) {
      // The service answers a page but hands back the token it was sent.
      const size = Math.min(q.pageSize, pageCap)
      return {
        status: 200,
        headers: headersFor(),
        body: {
          value: result.all.slice(offset, offset + size),
          skipToken: q.skipToken,
          subscriptionAccessDecisionList: decisions
        }
      }
    }
    if (ctx.take('empty-page')) {
      return {
        status: 200,
        headers: headersFor(),
        body: { value: [], skipToken: tokenAt(offset), subscriptionAccessDecisionList: decisions }
      }
    }
    const size = Math.min(q.pageSize, pageCap)
    const next = Math.min(result.all.length, offset + size)
    // JSON.stringify({ value, subscriptionAccessDecisionList, skipToken? }) written out, with the value's text
    // (thousands of rows) kept with the report for the next request of the same page.
    const skipToken = next < result.all.length ? tokenAt(next) : undefined
    const tail = `,"subscriptionAccessDecisionList":${JSON.stringify(decisions)}${skipToken === undefined ? '' : `,"skipToken":${JSON.stringify(skipToken)}`}}`
    const body = Buffer.concat([VALUE_OPEN, pageText(result, offset, size), Buffer.from(tail)])
    return { status: 200, headers: { 'content-type': 'application/json', ...headersFor() }, body }
  }

  const service = {
    errorResponse,
    async handle(req, ctx) {
      requestCounter++
      try {
        authenticate(req)
        const path = req.path.replace(/\/+$/, '').toLowerCase()
        if (req.method === 'GET' && path === '/subscriptions') return listSubscriptions(req, ctx.origin)
        if (req.method === 'POST' && path === REPORTS_PATH) return reports(req, ctx)
        if (req.method === 'POST' && path === RANGE_PATH) return dateRange(req)
        if (path === REPORTS_PATH || path === RANGE_PATH || path === '/subscriptions') {
          throw new ArmError(
            405,
            'HttpMethodNotAllowed',
            `The requested resource does not support http method '${req.method}'.`
          )
        }
        if (path.startsWith('/providers/microsoft.carbon/')) {
          throw new ArmError(
            400,
            'InvalidResourceType',
            `The resource type '${req.path.split('/').pop()}' could not be found in the namespace 'Microsoft.Carbon' for api version '${req.query.get('api-version') ?? ''}'.`
          )
        }
        throw new ArmError(404, 'NotFound', `The requested path '${req.path}' was not found.`)
      } catch (e) {
        if (e instanceof ArmError) {
          const out = fail(e)
          return { ...out, headers: { ...out.headers, ...e.headers } }
        }
        throw e
      }
    }
  }

  const served = await sb.kit.serve('arm', service)
  armUrl = served.url

  /** The subscriptions a run with these inputs reports: the listed ones, or every one the tenant has. */
  const subscriptionIdsOf = (inputs = {}) => {
    const listed = String(inputs['azure-subscription-ids'] ?? '')
      .split(/[\n,]/)
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean)
    return listed.length > 0 ? listed : undefined
  }
  /** The period clamped to the available months. */
  const clamp = (start, end) => ({
    start: monthOf(Math.max(monthIndex(start ?? monthOf(data.first)), data.first)),
    end: monthOf(Math.min(monthIndex(end ?? monthOf(data.last)), data.last))
  })

  /** The expected figures (grams) for subscriptions (default: every readable one) over [start, end], clamped. */
  function truth({ subscriptionIds, start, end } = {}) {
    const p = clamp(start, end)
    if (monthIndex(p.start) > monthIndex(p.end))
      return { totalGrams: 0, byMonth: {}, bySubscription: {}, scopes: { Scope1: 0, Scope2: 0, Scope3: 0 }, groups: 0 }
    return carbonTruth(data, { subscriptionIds, start: p.start, end: p.end })
  }

  sb.register('azure', {
    data,
    url: armUrl,
    available: { start: monthOf(data.first), end: monthOf(data.last) },
    counters,
    /** The report cache's hits and misses (queries answered from it, queries computed). */
    reportCache: cacheStats,
    /** Zeroes the counters (between runs on one sandbox). */
    resetCounters() {
      Object.assign(counters, {
        reports: {},
        pages: 0,
        denials: 0,
        unauthorized: 0,
        listPages: 0,
        range: 0,
        largestList: 0,
        months: new Set()
      })
    },
    mismatch,
    inputs: { providers: 'azure', ...sb.entraInputs, 'azure-resource-manager-endpoint': armUrl },
    env: () => ({}),
    secrets: () => [],
    /** The expected figures (grams) for subscriptions (default: every readable one) over [start, end], clamped. */
    truth,
    /** The headline total a run with these inputs must report (Azure has one figure, whatever the method). */
    truthGrams: ({ start, end, inputs } = {}) =>
      truth({ subscriptionIds: subscriptionIdsOf(inputs), start, end }).totalGrams,
    /** Ids of the subscriptions seeded as denied. */
    deniedIds: () => data.subscriptions.filter((s) => s.denied).map((s) => s.id)
  })
}
