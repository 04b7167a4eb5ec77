// The AWS Sustainability API (restJson1, SigV4 signing name `sustainability`), as ../shared/docs/aws.md
// describes it:
//   POST /v1/estimated-carbon-emissions                    GetEstimatedCarbonEmissions
//   POST /v1/estimated-carbon-emissions-dimension-values   GetEstimatedCarbonEmissionsDimensionValues
// Every request's SigV4 signature is verified (node:crypto, independent of the client's signer) against the
// credentials STS issued or the static environment keys; errors are AWS JSON errors with `x-amzn-errortype`.
//
// Data: organizations (one per role) of accounts; each account has a fixed set of (region, service) pairs and
// an active range of months. Each (account, region, service, month) has integer grams of scope 1, scope 2
// location/market and scope 3 location/market; the totals are their sums, so a response (doubles in MTCO2e)
// is exact to the gram. Rows are enumerated by index (month, account, pair) so that a page of a 200k-row
// query costs O(page + accounts), not O(rows). `truth()` gives the expected figures without HTTP.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { FNV_BASIS, fnv32, hash32, mix32, monthIndex, monthOf, SandboxError } from '../kit.mjs'
import { waterRows, yearsIn } from './water.mjs'
import { fileURLToPath } from 'node:url'
import { loadModel, validationMessage } from '../smithy.mjs'

export const EMISSIONS_TYPES = [
  'TOTAL_LBM_CARBON_EMISSIONS',
  'TOTAL_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_1_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS'
]
const DIMENSIONS = ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE']
/** The model's TimeGranularity values: months per bucket, and whether buckets follow the fiscal year. */
const GRANULARITIES = {
  MONTHLY: { months: 1, fiscal: false },
  QUARTERLY_CALENDAR: { months: 3, fiscal: false },
  QUARTERLY_FISCAL: { months: 3, fiscal: true },
  YEARLY_CALENDAR: { months: 12, fiscal: false },
  YEARLY_FISCAL: { months: 12, fiscal: true }
}
/** The API's own model: every request is validated against its operation's input shape before anything else. */
const MODEL = loadModel(fileURLToPath(new URL('../models/aws-sustainability.json', import.meta.url)))
const DEFAULT_TYPES = ['TOTAL_LBM_CARBON_EMISSIONS', 'TOTAL_MBM_CARBON_EMISSIONS']
export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'eu-north-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
  'global'
]
export const SERVICES = [
  'AmazonEC2',
  'AmazonS3',
  'AmazonRDS',
  'AWSLambda',
  'AmazonDynamoDB',
  'AmazonCloudFront',
  'AmazonEKS',
  'AmazonECS',
  'AmazonElastiCache',
  'AmazonRedshift',
  'AmazonSageMaker',
  'AmazonVPC',
  'AWSGlue',
  'AmazonKinesis',
  'AmazonSQS',
  'AmazonSNS',
  'AmazonCloudWatch',
  'AmazonEFS',
  'AmazonOpenSearchService',
  'AWSBackup'
]
/** Strings a hostile or careless provider could send: they must be rendered inert everywhere. */
export const HOSTILE_SERVICES = [
  'Amazon|Pipe',
  '<img src=x onerror=alert(1)>',
  '=HYPERLINK("http://x","y")',
  '@octocat ping #123',
  'Multi\nLine `code` **bold**',
  '+SUM(A1)',
  '-2+3'
]
const FIRST_MONTH = monthIndex('2022-01')
const SERVICE_NAME = 'sustainability'
const ERROR_NS = ':http://internal.amazon.com/coral/com.amazonaws.sustainability/'

// ---------------------------------------------------------------------------------------------------------
// Seeded data

function accountId(seed, key) {
  return String(100000000000 + (hash32(`${seed}|acct|${key}`) % 899999999999))
    .padStart(12, '0')
    .slice(0, 12)
}

/**
 * @param {object} o
 * @param {string} [o.seed]
 * @param {Array<{ id: string, management: string, accounts: number, pairs?: [number, number], denied?: boolean }>} o.orgs
 * @param {string} o.available last published month (YYYY-MM)
 * @param {boolean} [o.hostile] use HOSTILE_SERVICES for some pairs
 */
export function seedAwsData(o) {
  const seed = o.seed ?? 'aws'
  const last = monthIndex(o.available)
  const orgs = new Map()
  const accounts = new Map()
  const services = o.hostile ? [...SERVICES.slice(0, 6), ...HOSTILE_SERVICES] : SERVICES
  for (const org of o.orgs) {
    const ids = [org.management]
    for (let i = 1; i < org.accounts; i++) {
      let id = accountId(`${seed}|${org.id}`, i)
      while (accounts.has(id) || ids.includes(id)) id = accountId(`${seed}|${org.id}`, `${i}x${id}`)
      ids.push(id)
    }
    const [minPairs, maxPairs] = org.pairs ?? [3, 9]
    for (const [i, id] of ids.entries()) {
      const k = minPairs + (hash32(`${seed}|k|${id}`) % (maxPairs - minPairs + 1))
      const pairs = []
      const seen = new Set()
      for (let j = 0; pairs.length < k && j < k * 20; j++) {
        const region = REGIONS[hash32(`${seed}|r|${id}|${j}`) % REGIONS.length]
        const service = services[hash32(`${seed}|s|${id}|${j}`) % services.length]
        const key = `${region}|${service}`
        if (seen.has(key)) continue
        seen.add(key)
        pairs.push({ region, service })
      }
      pairs.sort((a, b) => (a.region + a.service < b.region + b.service ? -1 : 1))
      // The management account has data from the start; some members join later or leave.
      const join =
        i === 0 || hash32(`${seed}|j|${id}`) % 4 !== 0
          ? FIRST_MONTH
          : FIRST_MONTH + (hash32(`${seed}|jm|${id}`) % Math.max(1, last - FIRST_MONTH))
      const leave =
        i === 0 || hash32(`${seed}|l|${id}`) % 6 !== 0 ? last : Math.max(join, last - (hash32(`${seed}|lm|${id}`) % 8))
      accounts.set(id, { id, org: org.id, pairs, from: join, to: leave })
    }
    orgs.set(org.id, { ...org, accountIds: ids })
  }
  return { seed, first: FIRST_MONTH, last, orgs, accounts }
}

/** Integer grams of one row, each scope and method; the totals are their sums. */
export function rowGrams(data, account, pair, m) {
  // hash32(`${data.seed}|${account}|${pair.region}|${pair.service}|${m}`) and hash32(`${h}|${k}`), computed by
  // continuing FNV-1a from a shared prefix: the same values, without building a string per hash.
  const h = mix32(fnv32(fnv32(FNV_BASIS, `${data.seed}|${account}|${pair.region}|${pair.service}|`), String(m)))
  const hs = fnv32(FNV_BASIS, `${h}|`)
  const g = (k) => mix32(fnv32(hs, k))
  const size = 1 + (g('size') % 400) // spread the orders of magnitude: grams to tonnes
  const scope1 = g('s1') % 4 === 0 ? 0 : g('s1v') % (50 * size)
  const scope2Location = 1 + (g('s2') % (2500 * size))
  const renewable = pair.region.startsWith('eu-north') || pair.region === 'global' ? 0 : (g('re') % 101) / 100
  const scope2Market = Math.round(scope2Location * renewable)
  const scope3Location = 1 + (g('s3') % (900 * size))
  const scope3Market = Math.max(0, scope3Location - (g('s3m') % 40))
  return {
    TOTAL_SCOPE_1_CARBON_EMISSIONS: scope1,
    TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS: scope2Location,
    TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS: scope2Market,
    TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS: scope3Location,
    TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS: scope3Market,
    TOTAL_LBM_CARBON_EMISSIONS: scope1 + scope2Location + scope3Location,
    TOTAL_MBM_CARBON_EMISSIONS: scope1 + scope2Market + scope3Market
  }
}

/** The months of [start, end) whose first day is inside, clamped to the published data. */
function monthsIn(data, startMs, endMs) {
  const out = []
  const d = new Date(startMs)
  let m = d.getUTCFullYear() * 12 + d.getUTCMonth()
  if (Date.UTC(Math.floor(m / 12), m % 12, 1) < startMs) m++
  for (; Date.UTC(Math.floor(m / 12), m % 12, 1) < endMs; m++) {
    if (m >= data.first && m <= data.last) out.push(m)
  }
  return out
}

/** The (month-major) enumeration of the full-grouped monthly rows of a query, by index. */
function enumeration(data, accountIds, months, pairFilter) {
  const accts = accountIds.map((id) => data.accounts.get(id)).filter(Boolean)
  const pairsOf = new Map(accts.map((a) => [a.id, pairFilter ? a.pairs.filter(pairFilter) : a.pairs]))
  const perMonth = months.map((m) =>
    accts.reduce((n, a) => (m >= a.from && m <= a.to ? n + pairsOf.get(a.id).length : n), 0)
  )
  const total = perMonth.reduce((a, b) => a + b, 0)
  function* from(offset) {
    let mi = 0
    let skip = offset
    while (mi < months.length && skip >= perMonth[mi]) skip -= perMonth[mi++]
    for (; mi < months.length; mi++) {
      const m = months[mi]
      for (const a of accts) {
        if (m < a.from || m > a.to) continue
        const pairs = pairsOf.get(a.id)
        if (skip >= pairs.length) {
          skip -= pairs.length
          continue
        }
        for (let p = skip; p < pairs.length; p++) yield { m, account: a.id, pair: pairs[p] }
        skip = 0
      }
    }
  }
  return { total, from }
}

/**
 * Expected figures for identities (org ids) over months [start, end] (YYYY-MM), as integer grams.
 * @returns {{ records: number, market: number, location: number, byMonth: Record<string, {market: number, location: number, records: number}>, byAccount: Record<string, number> }}
 */
export function awsTruth(data, { orgs, accountIds, start, end }) {
  const ids = [...new Set(orgs.flatMap((o) => data.orgs.get(o)?.accountIds ?? []))].filter(
    (id) => !accountIds?.length || accountIds.includes(id)
  )
  const months = []
  for (let m = Math.max(monthIndex(start), data.first); m <= Math.min(monthIndex(end), data.last); m++) months.push(m)
  const out = { records: 0, market: 0, location: 0, byMonth: {}, byAccount: {} }
  for (const r of enumeration(data, ids, months).from(0)) {
    const g = rowGrams(data, r.account, r.pair, r.m)
    const month = monthOf(r.m)
    const bm = (out.byMonth[month] ??= { market: 0, location: 0, records: 0 })
    out.records++
    bm.records++
    out.market += g.TOTAL_MBM_CARBON_EMISSIONS
    out.location += g.TOTAL_LBM_CARBON_EMISSIONS
    bm.market += g.TOTAL_MBM_CARBON_EMISSIONS
    bm.location += g.TOTAL_LBM_CARBON_EMISSIONS
    out.byAccount[r.account] = (out.byAccount[r.account] ?? 0) + g.TOTAL_MBM_CARBON_EMISSIONS
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// SigV4 verification (independent of the client's signer)

const sha256 = (data) => createHash('sha256').update(data).digest('hex')
const hmac = (key, data) => createHmac('sha256', key).update(data).digest()
const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/

const encodeRfc3986 = (s) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

function canonicalQuery(params) {
  return [...params.entries()]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort((a, b) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
}

/**
 * Verifies the request's signature. `lookup(accessKeyId)` returns { secretAccessKey, sessionToken?, expiration? }.
 * Throws SandboxError in the service's own terms; returns the credential.
 */
export function verifySigV4(req, { lookup, region, service = SERVICE_NAME, now = Date.now() }) {
  const header = req.headers.authorization
  if (!header) throw new SandboxError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token')
  const m = AUTH.exec(header)
  if (!m)
    throw new SandboxError(
      403,
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=${header.split(' ')[0]}`
    )
  const [, akid, date, credRegion, credService, signedHeaders, signature] = m
  const cred = lookup(akid)
  if (!cred)
    throw new SandboxError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
  if (cred.sessionToken && req.headers['x-amz-security-token'] !== cred.sessionToken) {
    throw new SandboxError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.')
  }
  if (cred.expiration && cred.expiration.getTime() < now)
    throw new SandboxError(403, 'ExpiredTokenException', 'The security token included in the request is expired')
  if (credService !== service)
    throw new SandboxError(
      403,
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${service}'.`
    )
  if (credRegion !== region)
    throw new SandboxError(403, 'InvalidSignatureException', `Credential should be scoped to a valid region. `)
  const amzDate = req.headers['x-amz-date'] ?? ''
  const t = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate)
  if (!t)
    throw new SandboxError(
      400,
      'IncompleteSignatureException',
      "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'."
    )
  const when = Date.UTC(+t[1], +t[2] - 1, +t[3], +t[4], +t[5], +t[6])
  if (Math.abs(now - when) > 5 * 60 * 1000) {
    throw new SandboxError(
      403,
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${new Date(now - 5 * 60 * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')}`
    )
  }
  if (date !== amzDate.slice(0, 8))
    throw new SandboxError(
      403,
      'InvalidSignatureException',
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.'
    )
  const names = signedHeaders.split(';')
  if (!names.includes('host'))
    throw new SandboxError(
      403,
      'InvalidSignatureException',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
    )
  const payloadHash = sha256(req.body)
  if (
    req.headers['x-amz-content-sha256'] &&
    req.headers['x-amz-content-sha256'] !== payloadHash &&
    req.headers['x-amz-content-sha256'] !== 'UNSIGNED-PAYLOAD'
  ) {
    throw new SandboxError(
      400,
      'InvalidSignatureException',
      'The provided x-amz-content-sha256 header does not match what was computed.'
    )
  }
  const canonicalHeaders = names
    .map(
      (n) =>
        `${n}:${String(req.headers[n] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`
    )
    .join('')
  const canonicalUri =
    req.path
      .split('/')
      .map((s) => encodeRfc3986(encodeRfc3986(decodeURIComponent(s))))
      .join('/') || '/'
  const canonical = [
    req.method,
    canonicalUri,
    canonicalQuery(req.query),
    canonicalHeaders,
    signedHeaders,
    req.headers['x-amz-content-sha256'] ?? payloadHash
  ].join('\n')
  const scope = `${date}/${credRegion}/${credService}/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${cred.secretAccessKey}`, date), credRegion), credService), 'aws4_request')
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'))
  if (!timingSafeEqual(expected, Buffer.from(signature))) {
    throw new SandboxError(
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
    )
  }
  return cred
}

// ---------------------------------------------------------------------------------------------------------
// The service

const validation = (message) => new SandboxError(400, 'ValidationException', message)

function parseTime(v, field) {
  if (
    typeof v !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) ||
    Number.isNaN(Date.parse(v))
  ) {
    throw validation(
      `1 validation error detected: Value '${v}' at '${field}' failed to satisfy constraint: Member must be a valid ISO 8601 date-time`
    )
  }
  return Date.parse(v)
}

function tokenFor(fingerprint, offset) {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString('base64url')
}

/**
 * @param {object} o
 * @param {ReturnType<typeof seedAwsData>} o.data
 * @param {(accessKeyId: string) => ({ secretAccessKey: string, sessionToken?: string, expiration?: Date, org: string, principal: string } | null)} o.credentials
 * @param {string} [o.signingRegion]
 * @param {number} [o.pageCap] the most rows a page holds, whatever MaxResults asks
 * @param {boolean} [o.pageCache] keep the body of every full-grouped monthly page once built (see pageCache)
 */
export function createSustainability(o) {
  const data = o.data
  const signingRegion = o.signingRegion ?? 'us-east-1'
  /**
   * Opt-in (startSandbox({ aws: { pageCache: true } }), for the bench): the bytes of a full-grouped monthly
   * page, by (org, MaxResults, the request without NextToken and MaxResults, offset). The data is seeded and
   * never changes, so a page asked again is the same bytes; building one is ~10 µs of CPU per row (hashes,
   * number formatting, UTF-8), which a benchmark run would otherwise spend on the cores the action runs on.
   * Only the building is skipped: SigV4, validation, the NextToken check and the service faults (empty-page,
   * repeat-token, and the kit's generic ones before the handler) still run on every request. Each entry is
   * { body: Buffer (the whole response, with the NextToken of the next page), head: the length of its
   * `{"Results":[...]` part, next, total } so that a repeat-token answer is the same rows with the old token.
   * Unbounded: a run of the bench holds its ~700 bytes per row (~0.5 GB at 700k rows, in the bench process).
   */
  const pageCache = o.pageCache ? new Map() : null
  /** What the page cache did (for the bench to print): pages served from it, pages built into it, its bytes. */
  const cacheStats = { enabled: Boolean(pageCache), hits: 0, stored: 0, bytes: 0 }

  function errorResponse(status, code, message) {
    const type =
      {
        TooManyRequests: 'ThrottlingException',
        InternalError: 'InternalServerException',
        ServiceUnavailable: 'ServiceUnavailableException',
        BadGateway: 'InternalServerException',
        Forbidden: 'AccessDeniedException',
        Unauthorized: 'UnrecognizedClientException',
        NotFound: 'ResourceNotFoundException'
      }[code] ?? code
    return {
      status,
      headers: {
        'x-amzn-errortype': `${type}${ERROR_NS}`,
        'x-amzn-requestid': crypto.randomUUID(),
        'content-type': 'application/json'
      },
      body: { message }
    }
  }

  function common(req, action = 'sustainability:GetEstimatedCarbonEmissions') {
    if (req.method !== 'POST') throw new SandboxError(404, 'UnknownOperationException', 'Unknown operation')
    // Reached as a real AWS host (through the sandbox's proxy), the request must be signed for the region the
    // API's endpoint rules give that host; reached as localhost (a configured endpoint), for the configured one.
    const host = String(req.headers.host ?? '').split(':')[0]
    const region = o.hostRegions?.get(host) ?? signingRegion
    const cred = verifySigV4(req, { lookup: o.credentials, region })
    const org = data.orgs.get(cred.org)
    // A denied org lacks every permission; a `waterDenied` one lacks only the water action (added 2026-07-16).
    if (!org || org.denied || (org.waterDenied && action === 'sustainability:GetEstimatedWaterAllocation')) {
      throw new SandboxError(
        403,
        'AccessDeniedException',
        `User: ${cred.principal} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`
      )
    }
    if (!/^application\/(x-amz-)?json/.test(req.headers['content-type'] ?? ''))
      throw new SandboxError(415, 'UnsupportedMediaTypeException', 'Unsupported Media Type')
    const body = req.json()
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new SandboxError(400, 'SerializationException', 'Start of structure or map found where not expected.')
    const op = MODEL.operations.get(`POST ${req.path}`)
    const problems = MODEL.check(op, body)
    if (problems.length > 0) throw validation(validationMessage(problems))
    // What the request leaves out is the model's default (MaxResults 1000, Granularity MONTHLY, ...).
    return { org, body: { ...MODEL.defaults(op.input), ...body } }
  }

  function timePeriod(body) {
    const tp = body.TimePeriod
    if (!tp || typeof tp !== 'object')
      throw validation(
        "1 validation error detected: Value null at 'timePeriod' failed to satisfy constraint: Member must not be null"
      )
    const start = parseTime(tp.Start, 'timePeriod.start')
    const end = parseTime(tp.End, 'timePeriod.end')
    if (start >= end) throw validation('TimePeriod Start must be before End.')
    return { start, end }
  }

  function paging(body) {
    const max = body.MaxResults ?? 5000
    if (!Number.isInteger(max) || max < 1 || max > 5000) {
      throw validation(
        `1 validation error detected: Value '${body.MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 5000`
      )
    }
    if (
      body.NextToken !== undefined &&
      (typeof body.NextToken !== 'string' || body.NextToken.length < 1 || body.NextToken.length > 2000)
    ) {
      throw validation(
        "1 validation error detected: Value at 'nextToken' failed to satisfy constraint: Member must have length between 1 and 2000"
      )
    }
    return max
  }

  function offsetOf(body, fingerprint) {
    if (body.NextToken === undefined) return 0
    let t = null
    try {
      t = JSON.parse(Buffer.from(body.NextToken, 'base64url').toString('utf8'))
    } catch {
      // not a token of ours: refused below
    }
    if (!t || !Number.isInteger(t.o) || t.o < 0 || t.f !== fingerprint)
      throw validation('The NextToken is invalid or does not belong to this request.')
    return t.o
  }

  function filters(body) {
    const dims = body.FilterBy?.Dimensions ?? {}
    for (const k of Object.keys(dims)) {
      if (!DIMENSIONS.includes(k))
        throw validation(`Unknown dimension '${k}' in FilterBy. Valid dimensions: ${DIMENSIONS.join(', ')}`)
      if (!Array.isArray(dims[k]) || dims[k].length === 0 || dims[k].some((v) => typeof v !== 'string'))
        throw validation(`FilterBy.Dimensions.${k} must be a non-empty list of strings.`)
    }
    return dims
  }

  function visible(org, dims) {
    const ids = org.accountIds
    return dims.USAGE_ACCOUNT_ID ? ids.filter((id) => dims.USAGE_ACCOUNT_ID.includes(id)) : ids
  }

  function pairFilter(dims) {
    if (!dims.REGION && !dims.SERVICE) return null
    return (p) =>
      (!dims.REGION || dims.REGION.includes(p.region)) && (!dims.SERVICE || dims.SERVICE.includes(p.service))
  }

  const iso = (m) => `${monthOf(m)}-01T00:00:00Z`
  // The DimensionsValues object of an (account, pair), serialized once.
  const dimsCache = new Map()
  const dimensionsJson = (account, pair) => {
    let byPair = dimsCache.get(account)
    if (!byPair) dimsCache.set(account, (byPair = new Map()))
    let text = byPair.get(pair)
    if (text === undefined)
      byPair.set(
        pair,
        (text = JSON.stringify({ USAGE_ACCOUNT_ID: account, REGION: pair.region, SERVICE: pair.service }))
      )
    return text
  }
  const kgValues = (g, types) => Object.fromEntries(types.map((t) => [t, { Value: g[t] / 1e6, Unit: 'MTCO2e' }]))

  function emissions(req, ctx) {
    const { org, body } = common(req)
    const { start, end } = timePeriod(body)
    const groupBy = body.GroupBy ?? []
    if (
      !Array.isArray(groupBy) ||
      groupBy.some((g) => !DIMENSIONS.includes(g)) ||
      new Set(groupBy).size !== groupBy.length
    ) {
      throw validation(
        `1 validation error detected: Value '${JSON.stringify(groupBy)}' at 'groupBy' failed to satisfy constraint: Member must satisfy enum value set: [${DIMENSIONS.join(', ')}]`
      )
    }
    const types = body.EmissionsTypes ?? DEFAULT_TYPES
    if (!Array.isArray(types) || types.length === 0 || types.some((t) => !EMISSIONS_TYPES.includes(t))) {
      throw validation(
        `1 validation error detected: Value '${JSON.stringify(types)}' at 'emissionsTypes' failed to satisfy constraint: Member must satisfy enum value set: [${EMISSIONS_TYPES.join(', ')}]`
      )
    }
    const granularity = body.Granularity ?? 'MONTHLY'
    const fiscalStart = body.GranularityConfiguration?.FiscalYearStartMonth ?? 1
    // A server may return fewer rows than MaxResults (with a NextToken): `pageCap` makes every query multi-page.
    const max = Math.min(paging(body), o.pageCap ?? Infinity)
    const dims = filters(body)
    const { NextToken, MaxResults, ...rest } = body
    const fingerprint = String(hash32(JSON.stringify(rest)))
    let offset = offsetOf(body, fingerprint)
    const full = granularity === 'MONTHLY' && groupBy.length === 3
    // The org is part of the key: the fingerprint (a hash of the request alone) is the same for every org.
    const cacheKey = full && pageCache ? `${org.id}\n${max}\n${JSON.stringify(rest)}\n${offset}` : null
    const cached = cacheKey === null ? undefined : pageCache.get(cacheKey)
    // A stored page knows the query's row count: the enumeration is only needed to build a page.
    const en = cached ? null : enumeration(data, visible(org, dims), monthsIn(data, start, end), pairFilter(dims))

    if (ctx.take('empty-page') && offset < (cached ? cached.total : en.total))
      return { status: 200, body: { Results: [], NextToken: tokenFor(fingerprint, offset) } }
    let results
    let total
    if (cached) {
      cacheStats.hits++
      // The same decisions as below, from the stored page: a repeat-token answer keeps the rows, not the token.
      let out = cached.body
      if (cached.next < cached.total && body.NextToken && ctx.take('repeat-token')) {
        out = Buffer.concat([
          cached.body.subarray(0, cached.head),
          Buffer.from(`,"NextToken":${JSON.stringify(body.NextToken)}}`)
        ])
      }
      return { status: 200, headers: { 'content-type': 'application/json' }, body: out }
    }
    if (full) {
      // The page's JSON is written directly (a large page is ~3.5 MB): byte for byte what JSON.stringify gives
      // for the objects { TimePeriod, DimensionsValues, ModelVersion, EmissionsValues } of each row.
      total = en.total
      const parts = []
      const keys = types.map((t) => `${JSON.stringify(t)}:{"Value":`)
      const periods = new Map()
      let n = 0
      for (const r of en.from(offset)) {
        if (n === max) break
        let period = periods.get(r.m)
        if (period === undefined)
          periods.set(
            r.m,
            (period = `{"TimePeriod":${JSON.stringify({ Start: iso(r.m), End: iso(r.m + 1) })},"DimensionsValues":`)
          )
        const g = rowGrams(data, r.account, r.pair, r.m)
        let ev = ''
        for (let i = 0; i < types.length; i++) ev += `${i ? ',' : ''}${keys[i]}${g[types[i]] / 1e6},"Unit":"MTCO2e"}`
        parts.push(`${period}${dimensionsJson(r.account, r.pair)},"ModelVersion":"v3.0.0","EmissionsValues":{${ev}}}`)
        n++
      }
      const next = offset + n
      const head = `{"Results":[${parts.join(',')}]`
      const repeat = next < total && body.NextToken && ctx.take('repeat-token')
      if (cacheKey !== null) {
        // Stored with the token a normal answer carries; this request's answer is built from it.
        const stored = Buffer.from(
          next < total ? `${head},"NextToken":${JSON.stringify(tokenFor(fingerprint, next))}}` : `${head}}`
        )
        pageCache.set(cacheKey, { body: stored, head: Buffer.byteLength(head), next, total })
        cacheStats.stored++
        cacheStats.bytes += stored.length
        if (!repeat) return { status: 200, headers: { 'content-type': 'application/json' }, body: stored }
      }
      let text = head
      if (next < total) text += `,"NextToken":${JSON.stringify(repeat ? body.NextToken : tokenFor(fingerprint, next))}`
      return { status: 200, headers: { 'content-type': 'application/json' }, body: `${text}}` }
    } else {
      // Coarser grouping or granularity: aggregated from the full rows (small data only).
      const { months: step, fiscal } = GRANULARITIES[granularity]
      // Fiscal buckets start at FiscalYearStartMonth: shift the month index by it, bucket, and shift back.
      const offset = fiscal ? fiscalStart - 1 : 0
      const groups = new Map()
      for (const r of en.from(0)) {
        const bucket = Math.floor((r.m - offset) / step) * step + offset
        const dv = {}
        for (const g of groupBy)
          dv[g] = g === 'USAGE_ACCOUNT_ID' ? r.account : g === 'REGION' ? r.pair.region : r.pair.service
        const key = `${bucket}|${JSON.stringify(dv)}`
        let e = groups.get(key)
        if (!e) groups.set(key, (e = { bucket, dv, g: Object.fromEntries(EMISSIONS_TYPES.map((t) => [t, 0])) }))
        const g = rowGrams(data, r.account, r.pair, r.m)
        for (const t of EMISSIONS_TYPES) e.g[t] += g[t]
      }
      const all = [...groups.values()]
      total = all.length
      results = all.slice(offset, offset + max).map((e) => ({
        TimePeriod: { Start: iso(e.bucket), End: iso(e.bucket + step) },
        DimensionsValues: e.dv,
        ModelVersion: 'v3.0.0',
        EmissionsValues: kgValues(e.g, types)
      }))
    }
    const next = offset + results.length
    const out = { Results: results }
    if (next < total)
      out.NextToken = body.NextToken && ctx.take('repeat-token') ? body.NextToken : tokenFor(fingerprint, next)
    return { status: 200, body: out }
  }

  /** GetEstimatedWaterAllocation: YEARLY_CALENDAR only, TOTAL_WATER_WITHDRAWALS in m3, grouped and paged. */
  function water(req, ctx) {
    const { org, body } = common(req, 'sustainability:GetEstimatedWaterAllocation')
    const { start, end } = timePeriod(body)
    const groupBy = body.GroupBy ?? []
    if (
      !Array.isArray(groupBy) ||
      groupBy.some((g) => !DIMENSIONS.includes(g)) ||
      new Set(groupBy).size !== groupBy.length
    )
      throw validation(
        `1 validation error detected: Value '${JSON.stringify(groupBy)}' at 'groupBy' failed to satisfy constraint: Member must satisfy enum value set: [${DIMENSIONS.join(', ')}]`
      )
    const types = body.AllocationTypes ?? ['TOTAL_WATER_WITHDRAWALS']
    if (!Array.isArray(types) || types.some((t) => t !== 'TOTAL_WATER_WITHDRAWALS'))
      throw validation(
        `1 validation error detected: Value '${JSON.stringify(types)}' at 'allocationTypes' failed to satisfy constraint: Member must satisfy enum value set: [TOTAL_WATER_WITHDRAWALS]`
      )
    const granularity = body.Granularity ?? 'YEARLY_CALENDAR'
    if (granularity !== 'YEARLY_CALENDAR')
      throw validation(`Only YEARLY_CALENDAR time granularity is currently supported for water allocation.`)
    const max = Math.min(paging(body), o.pageCap ?? Infinity)
    const dims = filters(body)
    const { NextToken, MaxResults, ...rest } = body
    const fingerprint = String(hash32(JSON.stringify(rest)))
    const offset = offsetOf(body, fingerprint)
    const keep = pairFilter(dims)
    const groups = new Map()
    for (const r of waterRows(data, visible(org, dims), yearsIn(data, start, end))) {
      if (keep && !keep(r.pair)) continue
      const dv = {}
      for (const g of groupBy)
        dv[g] = g === 'USAGE_ACCOUNT_ID' ? r.account : g === 'REGION' ? r.pair.region : r.pair.service
      const key = `${r.year}|${JSON.stringify(dv)}`
      const e = groups.get(key) ?? { year: r.year, dv, litres: 0 }
      e.litres += r.litres
      groups.set(key, e)
    }
    const all = [...groups.values()]
    if (ctx.take('empty-page') && offset < all.length)
      return { status: 200, body: { Results: [], NextToken: tokenFor(fingerprint, offset) } }
    const results = all.slice(offset, offset + max).map((e) => ({
      TimePeriod: { Start: `${e.year}-01-01T00:00:00Z`, End: `${e.year + 1}-01-01T00:00:00Z` },
      DimensionsValues: e.dv,
      ModelVersion: 'v1.0.0',
      AllocationValues: { TOTAL_WATER_WITHDRAWALS: { Value: e.litres / 1000, Unit: 'm3' } }
    }))
    const out = { Results: results }
    const next = offset + results.length
    if (next < all.length)
      out.NextToken = body.NextToken && ctx.take('repeat-token') ? body.NextToken : tokenFor(fingerprint, next)
    return { status: 200, body: out }
  }

  function dimensionValues(req) {
    const { org, body } = common(req)
    const { start, end } = timePeriod(body)
    const wanted = body.Dimensions
    if (!Array.isArray(wanted) || wanted.length === 0 || wanted.some((d) => !DIMENSIONS.includes(d))) {
      throw validation(
        `1 validation error detected: Value at 'dimensions' failed to satisfy constraint: Member must satisfy enum value set: [${DIMENSIONS.join(', ')}]`
      )
    }
    const max = paging(body)
    const { NextToken, MaxResults, ...rest } = body
    const fingerprint = String(hash32(JSON.stringify(rest)))
    const offset = offsetOf(body, fingerprint)
    const values = new Map(wanted.map((d) => [d, new Set()]))
    for (const r of enumeration(data, org.accountIds, monthsIn(data, start, end)).from(0)) {
      values.get('USAGE_ACCOUNT_ID')?.add(r.account)
      values.get('REGION')?.add(r.pair.region)
      values.get('SERVICE')?.add(r.pair.service)
    }
    const all = wanted.flatMap((d) => [...values.get(d)].sort().map((v) => ({ Dimension: d, Value: v })))
    const results = all.slice(offset, offset + max)
    const out = { Results: results }
    if (offset + results.length < all.length) out.NextToken = tokenFor(fingerprint, offset + results.length)
    return { status: 200, body: out }
  }

  return {
    errorResponse,
    cacheStats,
    handle(req, ctx) {
      if (req.path === '/v1/estimated-carbon-emissions') return emissions(req, ctx)
      if (req.path === '/v1/estimated-carbon-emissions-dimension-values') return dimensionValues(req)
      if (req.path === '/v1/estimated-water-allocation') return water(req, ctx)
      throw new SandboxError(404, 'UnknownOperationException', `Unknown operation: ${req.method} ${req.path}`)
    }
  }
}
