// The Microsoft Cloud for Sustainability API (preview, OData v4) behind its API Management gateway, as
// ../shared/docs/mcfs.md and the public API reference describe it:
//   GET /api/v1.0/instances/{instanceId}/enrollments/{enrollmentId}/emissions     EnrollmentEmission
//   GET /api/v1.0/instances/{instanceId}/enrollments/{enrollmentId}/usage         EnrollmentUsage
//   GET /api/v1.0/instances/{instanceId}/enrollments/{enrollmentId}/projections   EnrollmentProjection
//   GET /api/v1.0/instances/{instanceId}/enrollments/{enrollmentId}/$metadata     (a small CSDL)
//   GET /api/v1.0/instances/{instanceId}/m365/tenantemissions[?demodata=true]     Microsoft365Emission
// with the query options $filter (comparisons, and/or/not, parentheses, contains/startswith/endswith; property
// names case-insensitive as in the documented examples), $select, $orderby, $top, $skip and $count, and
// server-driven paging: at most `pageSize` rows (<= 1000) a page, `@odata.nextLink` the absolute URL of the
// next page (the same options with $skip moved on), none on the last page.
//
// Two credentials on every call, checked in the gateway's order: the API Management key
// (`Ocp-Apim-Subscription-Key` header or `subscription-key` query; 401 `{statusCode, message}` when missing
// or wrong), then the Entra bearer token for the MCFS app (verified with the sandbox Entra's key; 401 when
// missing, expired or for another audience), then the application permission App.Emissions.Read in the
// token's roles and the app's membership of the instance (403 `{code, message}`). Query errors are 400
// `{code, message}` as the reference documents.
//
// Data is seeded and deterministic, in the style of `enrollmentId = demodata`: each row's emissions are an
// integer number of grams served as metric tons (grams / 1e6, whose shortest decimal form is exact), so the
// expected figures (`truth`) are exact to the gram. Service-defined faults: `repeat-token` (the nextLink of a
// page repeats the link that was followed to it) and `empty-page` (an empty page whose nextLink goes on).
import { hash32, lruCache, monthIndex, monthOf, SandboxError } from '../kit.mjs'

export const API_PREFIX = '/api/v1.0/instances/'
export const MAX_PAGE_SIZE = 1000
export const EMISSIONS_READ = 'App.Emissions.Read'

const NS = 'Microsoft.Sustainability'
/** The entity types: property name -> EDM type. */
export const ENTITIES = {
  EnrollmentEmission: {
    dateKey: 'Int32',
    enrollmentId: 'String',
    orgName: 'String',
    subscriptionId: 'String',
    subscriptionName: 'String',
    azureServiceName: 'String',
    subService: 'String',
    azureRegionName: 'String',
    scope: 'String',
    scopeId: 'Int32',
    totalEmissions: 'Double'
  },
  EnrollmentUsage: {
    dateKey: 'Int32',
    enrollmentId: 'String',
    orgName: 'String',
    subscriptionId: 'String',
    subscriptionName: 'String',
    subService: 'String',
    azureRegionName: 'String',
    usage: 'Double'
  },
  EnrollmentProjection: {
    dateKey: 'Int32',
    enrollmentId: 'String',
    actualEmissions: 'Double',
    projectedEmissions: 'Double',
    actualUsage: 'Double',
    projectedUsage: 'Double'
  },
  Microsoft365Emission: {
    dateKey: 'Int32',
    tenantId: 'String',
    tenantName: 'String',
    officeRegionName: 'String',
    scope: 'String',
    totalEmissions: 'Double'
  }
}
const SETS = {
  emissions: 'EnrollmentEmission',
  usage: 'EnrollmentUsage',
  projections: 'EnrollmentProjection',
  tenantemissions: 'Microsoft365Emission'
}

const AZURE_SERVICES = [
  ['Virtual Machines', ['Azure Compute']],
  ['Storage', ['Azure Storage', 'Azure Files']],
  ['App Service', ['Azure App Service']],
  ['SQL Database', ['Azure SQL Database', 'Azure SQL Managed Instance']],
  ['Azure Kubernetes Service', ['Azure Compute', 'Azure Networking']],
  ['Azure Cosmos DB', ['Azure Cosmos DB']],
  ['Content Delivery Network', ['Azure CDN']]
]
const AZURE_REGIONS = [
  'East US',
  'West Europe',
  'North Europe',
  'East US 2',
  'Southeast Asia',
  'UK South',
  'Sweden Central'
]
const OFFICE_REGIONS = ['North America', 'Europe', 'Asia Pacific', 'United Kingdom']
const SCOPES = [
  { id: 1, name: 'Scope 1' },
  { id: 2, name: 'Scope 2' },
  { id: 3, name: 'Scope 3' }
]

// ---------------------------------------------------------------------------------------------------------
// The seed

function guid(seed, key) {
  let hex = ''
  for (let i = 0; hex.length < 32; i++) hex += hash32(`${seed}|${key}|${i}`).toString(16).padStart(8, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-9${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
const pick = (seed, key, n) => hash32(`${seed}|${key}`) % n
const dateKey = (m) => Number(monthOf(m).replace('-', '')) * 100 + 1
const tonnes = (grams) => grams / 1e6

/** Grams of one row: Scope 1 small and often absent, Scope 2 the largest, Scope 3 about a third of it. */
function rowGrams(seed, key, m, scopeId, base) {
  const h = hash32(`${seed}|${key}|${m}|${scopeId}`)
  const wobble = 0.6 + (h % 800) / 1000
  if (scopeId === 1) return h % 3 === 0 ? 0 : (h % 4999) + 1
  if (scopeId === 2) return Math.round(base * wobble) + (h % 13)
  return Math.round(base * wobble * 0.35) + (h % 7)
}

/**
 * @param {object} o
 * @param {string} [o.seed]
 * @param {string} o.instanceId
 * @param {{start: string, end: string}} o.available published months (YYYY-MM)
 * @param {Array<{id: string, orgName: string, subscriptions: number, subscriptionIds?: string[]}>} o.enrollments
 *   subscriptionIds: ids the first subscriptions take instead of seeded ones (to share them with Azure's)
 * @param {Array<{tenantId: string, tenantName: string}>} o.tenants Microsoft 365 tenants connected to the instance
 */
export function seedMcfsData(o) {
  const seed = o.seed ?? 'mcfs'
  const first = monthIndex(o.available.start)
  const last = monthIndex(o.available.end)
  const enrollments = new Map()
  for (const e of o.enrollments) {
    const emissions = []
    const usage = []
    for (let s = 0; s < e.subscriptions; s++) {
      const subscriptionId = e.subscriptionIds?.[s] ?? guid(`${seed}|${e.id}`, `sub${s}`)
      const subscriptionName = `${['Contoso', 'Fabrikam', 'Northwind', 'Tailspin', 'Woodgrove'][s % 5]} ${['Production', 'Development', 'Test', 'Analytics'][pick(seed, `${e.id}|env${s}`, 4)]} ${s + 1}`
      const pairs = 3 + pick(seed, `${e.id}|k${s}`, 5)
      const seen = new Set()
      for (let j = 0; seen.size < pairs && j < pairs * 10; j++) {
        const [service, subs] = AZURE_SERVICES[pick(seed, `${e.id}|svc${s}.${j}`, AZURE_SERVICES.length)]
        const region = AZURE_REGIONS[pick(seed, `${e.id}|reg${s}.${j}`, AZURE_REGIONS.length)]
        if (seen.has(`${service}|${region}`)) continue
        seen.add(`${service}|${region}`)
        // One or two sub-services of the service: their rows fold into one record per (service, region).
        const subServices =
          subs.length > 1 && pick(seed, `${e.id}|two${s}.${j}`, 2) === 0
            ? subs
            : [subs[pick(seed, `${e.id}|one${s}.${j}`, subs.length)]]
        for (const subService of subServices) {
          const key = `${e.id}|${subscriptionId}|${service}|${subService}|${region}`
          const from =
            first + (pick(seed, `from|${key}`, 4) === 0 ? pick(seed, `f|${key}`, Math.max(1, last - first + 1)) : 0)
          const to = pick(seed, `to|${key}`, 6) === 0 ? Math.max(from, last - pick(seed, `t|${key}`, 8)) : last
          const base = 500 + pick(seed, `base|${key}`, 2_500_000)
          for (let m = from; m <= to; m++) {
            const common = {
              dateKey: dateKey(m),
              enrollmentId: e.id,
              orgName: e.orgName,
              subscriptionId,
              subscriptionName
            }
            for (const sc of SCOPES) {
              const g = rowGrams(seed, key, m, sc.id, base)
              if (g === 0) continue
              emissions.push({
                ...common,
                azureServiceName: service,
                subService,
                azureRegionName: region,
                scope: sc.name,
                scopeId: sc.id,
                totalEmissions: tonnes(g),
                _m: m,
                _grams: g
              })
            }
            usage.push({
              ...common,
              subService,
              azureRegionName: region,
              usage: (hash32(`${seed}|use|${key}|${m}`) % 100000) / 1000,
              _m: m
            })
          }
        }
      }
    }
    enrollments.set(e.id, { ...e, emissions, usage, projections: projectionsOf(e.id, emissions, first, last) })
  }
  const tenantRows = (t) => {
    const rows = []
    for (let m = first; m <= last; m++) {
      for (const region of OFFICE_REGIONS) {
        if (pick(seed, `${t.tenantId}|has|${region}`, 4) === 0) continue
        for (const sc of SCOPES) {
          const g = rowGrams(
            seed,
            `${t.tenantId}|${region}`,
            m,
            sc.id,
            20_000 + pick(seed, `${t.tenantId}|b|${region}`, 400_000)
          )
          if (g === 0) continue
          rows.push({
            dateKey: dateKey(m),
            tenantId: t.tenantId,
            tenantName: t.tenantName,
            officeRegionName: region,
            scope: sc.name,
            totalEmissions: tonnes(g),
            _m: m,
            _grams: g
          })
        }
      }
    }
    return { ...t, rows }
  }
  const tenants = new Map(o.tenants.map((t) => [t.tenantId.toLowerCase(), tenantRows(t)]))
  // `demodata=true`: a mock tenant, served to any caller whatever its connections.
  const demoTenant = tenantRows({ tenantId: guid(seed, 'demo-tenant'), tenantName: 'Contoso (demo data)' })
  return { seed, instanceId: o.instanceId, first, last, enrollments, tenants, demoTenant }
}

/**
 * Projections of an enrollment for the calendar year of the last published month: actual emissions for the
 * published months, then for each later month the average of the five months before it (actual or already
 * projected), as integer grams served as metric tons.
 */
function projectionsOf(enrollmentId, emissions, first, last) {
  const byMonth = new Map()
  for (const r of emissions) byMonth.set(r._m, (byMonth.get(r._m) ?? 0) + r._grams)
  const year = Math.floor(last / 12)
  const value = new Map()
  const rows = []
  for (let m = year * 12; m < year * 12 + 12; m++) {
    if (m <= last) {
      const g = m >= first ? (byMonth.get(m) ?? 0) : 0
      value.set(m, g)
      rows.push({
        dateKey: dateKey(m),
        enrollmentId,
        actualEmissions: tonnes(g),
        projectedEmissions: null,
        actualUsage: g / 250_000,
        projectedUsage: null,
        _m: m
      })
    } else {
      const prev = [1, 2, 3, 4, 5].map((k) => value.get(m - k) ?? byMonth.get(m - k) ?? 0)
      const g = Math.round(prev.reduce((a, b) => a + b, 0) / 5)
      value.set(m, g)
      rows.push({
        dateKey: dateKey(m),
        enrollmentId,
        actualEmissions: null,
        projectedEmissions: tonnes(g),
        actualUsage: null,
        projectedUsage: g / 250_000,
        _m: m,
        _grams: g
      })
    }
  }
  return rows
}

/** The expected figures, from the seed, without HTTP. */
export function mcfsTruth(data, { enrollmentId, tenantId, start, end } = {}) {
  const from = start ? monthIndex(start) : data.first
  const to = end ? monthIndex(end) : data.last
  const out = {
    totalGrams: 0,
    enrollmentGrams: 0,
    m365Grams: 0,
    byMonth: {},
    scopes: { 1: 0, 2: 0, 3: 0 },
    enrollmentRecords: 0,
    m365Records: 0,
    rows: 0
  }
  const add = (r, scopeId) => {
    out.totalGrams += r._grams
    out.byMonth[monthOf(r._m)] = (out.byMonth[monthOf(r._m)] ?? 0) + r._grams
    out.scopes[scopeId] += r._grams
    out.rows++
  }
  const e = enrollmentId ? data.enrollments.get(enrollmentId) : null
  if (e) {
    const groups = new Set()
    for (const r of e.emissions) {
      if (r._m < from || r._m > to) continue
      add(r, r.scopeId)
      out.enrollmentGrams += r._grams
      groups.add(`${r._m}|${r.subscriptionId}|${r.azureServiceName}|${r.azureRegionName}`)
    }
    out.enrollmentRecords = groups.size
  }
  const t = tenantId ? data.tenants.get(tenantId.toLowerCase()) : null
  if (t) {
    const groups = new Set()
    for (const r of t.rows) {
      if (r._m < from || r._m > to) continue
      add(r, Number(r.scope.slice(-1)))
      out.m365Grams += r._grams
      groups.add(`${r._m}|${r.officeRegionName}`)
    }
    out.m365Records = groups.size
  }
  return out
}

/** The forecast months of an enrollment: [{ month, grams }] for the months after the last published one. */
export function mcfsForecast(data, enrollmentId) {
  const e = data.enrollments.get(enrollmentId)
  return e
    ? e.projections.filter((r) => r.projectedEmissions !== null).map((r) => ({ month: monthOf(r._m), grams: r._grams }))
    : []
}

// ---------------------------------------------------------------------------------------------------------
// OData: $filter

const bad = (message) => new SandboxError(400, 400, message)

function tokenize(text) {
  const out = []
  const re = /\s+|(\()|(\))|(,)|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?![\w.])|([A-Za-z_][\w]*)/y
  let i = 0
  while (i < text.length) {
    re.lastIndex = i
    const m = re.exec(text)
    if (!m || m[0] === '') throw bad(`Syntax error at position ${i} in '${text}'.`)
    i = re.lastIndex
    if (m[1]) out.push({ t: '(' })
    else if (m[2]) out.push({ t: ')' })
    else if (m[3]) out.push({ t: ',' })
    else if (m[4] !== undefined) out.push({ t: 'lit', type: 'String', v: m[4].replace(/''/g, "'") })
    else if (m[5] !== undefined) out.push({ t: 'lit', type: /[.eE]/.test(m[5]) ? 'Double' : 'Int32', v: Number(m[5]) })
    else if (m[6] !== undefined) out.push({ t: 'id', v: m[6] })
  }
  return out
}

/** A property of an entity type by name, case-insensitively (as the documented examples use `ScopeId`). */
function property(entity, name) {
  const props = ENTITIES[entity]
  const found = Object.keys(props).find((p) => p.toLowerCase() === name.toLowerCase())
  if (!found) throw bad(`Could not find a property named '${name}' on type '${NS}.${entity}'.`)
  return { name: found, type: props[found] }
}

const OPS = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual'
}
const numeric = (t) => t === 'Int32' || t === 'Double'

/** Parses a $filter into a predicate over rows. */
export function parseFilter(text, entity) {
  const tokens = tokenize(text)
  let i = 0
  const peek = () => tokens[i]
  const isWord = (w) => peek()?.t === 'id' && peek().v.toLowerCase() === w
  const expect = (t) => {
    if (peek()?.t !== t) throw bad(`Syntax error: '${t}' expected at token ${i + 1} in '${text}'.`)
    i++
  }
  const operand = () => {
    const tok = peek()
    if (!tok) throw bad(`Syntax error: an operand is missing at the end of '${text}'.`)
    i++
    if (tok.t === 'lit') return { type: tok.type, get: () => tok.v }
    if (tok.t === 'id') {
      const w = tok.v.toLowerCase()
      if (w === 'true' || w === 'false') return { type: 'Boolean', get: () => w === 'true' }
      if (w === 'null') return { type: 'Null', get: () => null }
      const p = property(entity, tok.v)
      return { type: p.type, get: (row) => row[p.name] ?? null }
    }
    throw bad(`Syntax error at token ${i} in '${text}'.`)
  }
  const stringFunction = (name) => {
    i++
    expect('(')
    const a = operand()
    expect(',')
    const b = operand()
    expect(')')
    if (a.type !== 'String' || b.type !== 'String')
      throw bad(`No function signature for the function with name '${name}' matches the specified arguments.`)
    return (row) => {
      const x = a.get(row)
      const y = b.get(row)
      if (x === null || y === null) return false
      return name === 'contains' ? x.includes(y) : name === 'startswith' ? x.startsWith(y) : x.endsWith(y)
    }
  }
  const primary = () => {
    if (peek()?.t === '(') {
      i++
      const e = or()
      expect(')')
      return e
    }
    for (const fn of ['contains', 'startswith', 'endswith'])
      if (isWord(fn) && tokens[i + 1]?.t === '(') return stringFunction(fn)
    const left = operand()
    const opTok = peek()
    const op = opTok?.t === 'id' ? opTok.v.toLowerCase() : ''
    if (!(op in OPS))
      throw bad(
        `Syntax error: a comparison operator (eq, ne, gt, ge, lt, le) is expected after the operand at token ${i} in '${text}'.`
      )
    i++
    const right = operand()
    const compatible =
      left.type === right.type ||
      (numeric(left.type) && numeric(right.type)) ||
      left.type === 'Null' ||
      right.type === 'Null'
    if (!compatible) {
      throw bad(
        `A binary operator with incompatible types was detected. Found operand types 'Edm.${left.type}' and 'Edm.${right.type}' for operator kind '${OPS[op]}'.`
      )
    }
    return (row) => {
      const a = left.get(row)
      const b = right.get(row)
      if (op === 'eq') return a === b
      if (op === 'ne') return a !== b
      if (a === null || b === null) return false
      return op === 'gt' ? a > b : op === 'ge' ? a >= b : op === 'lt' ? a < b : a <= b
    }
  }
  const unary = () => {
    if (isWord('not')) {
      i++
      const e = unary()
      return (row) => !e(row)
    }
    return primary()
  }
  // A left-associative chain of one operator over the next tighter level: `and` over unary, `or` over `and`.
  const chain = (word, next, combine) => () => {
    let e = next()
    while (isWord(word)) {
      i++
      e = combine(e, next())
    }
    return e
  }
  const and = chain('and', unary, (l, r) => (row) => l(row) && r(row))
  const or = chain('or', and, (l, r) => (row) => l(row) || r(row))
  const pred = or()
  if (i !== tokens.length) throw bad(`Syntax error at token ${i + 1} in '${text}'.`)
  return pred
}

function parseSelect(text, entity) {
  const names = text.split(',').map((s) => s.trim())
  if (names.some((n) => n === ''))
    throw bad(`The query specified in the URI is not valid: an empty name in $select '${text}'.`)
  if (names.includes('*')) return Object.keys(ENTITIES[entity])
  return [...new Set(names.map((n) => property(entity, n).name))]
}

function parseOrderBy(text, entity) {
  const keys = text.split(',').map((part) => {
    const m = /^\s*([A-Za-z_]\w*)(?:\s+(asc|desc))?\s*$/i.exec(part)
    if (!m) throw bad(`The query specified in the URI is not valid: '${text}' is not a valid $orderby.`)
    return { name: property(entity, m[1]).name, desc: (m[2] ?? '').toLowerCase() === 'desc' }
  })
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.name] ?? null
      const y = b[k.name] ?? null
      if (x === y) continue
      const c = x === null ? -1 : y === null ? 1 : x < y ? -1 : 1
      return k.desc ? -c : c
    }
    return 0
  }
}

function nonNegativeInt(name, v) {
  if (v === null) return null
  if (!/^\d{1,9}$/.test(v))
    throw bad(
      `The query specified in the URI is not valid: invalid value '${v}' for ${name}; a non-negative integer is expected.`
    )
  return Number(v)
}

/** The query string with OData's `$` left readable, as the service writes its links. */
function queryString(params) {
  return [...params.entries()].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')
}

/**
 * A bounded map of the rows a query matches (filtered and ordered), least recently used first: a page chain
 * used to filter the whole entity set on every page (quadratic in the set's size). The key is the set and the
 * query's $filter and $orderby, all that `matched` depends on (the paging options $skip, $top, $skiptoken,
 * $select and $count only slice and shape it); the seeded rows never change.
 * @param {number} size how many queries to keep (0: none)
 */
export function createMatchCache(size = 64) {
  return lruCache(size)
}

/**
 * Answers an OData collection request over `rows` (the entity set's rows, already scoped to the caller).
 * `rows` may be a function giving them (called only when the matched rows are not in `cache`); `setKey` names
 * the rows for the cache (a cache without it is not used).
 * @param {{ entity: string, set: string, rows: object[] | (() => object[]), pageSize: number, contextBase: string, cache?: ReturnType<typeof createMatchCache>, setKey?: string }} o
 * @returns {{ status: number, body: object }}
 */
export function odataCollection(req, ctx, { entity, set, rows, pageSize, contextBase, cache, setKey }) {
  const q = req.query
  for (const k of q.keys()) {
    if (
      k.startsWith('$') &&
      !['$filter', '$select', '$orderby', '$top', '$skip', '$skiptoken', '$count', '$apply', '$expand'].includes(k)
    ) {
      throw bad(`The query parameter '${k}' is not supported.`)
    }
  }
  if (q.has('$apply')) throw bad(`$apply is not available on ${set} in this sandbox.`)
  if (q.has('$expand'))
    throw bad(
      `Property '${q.get('$expand')}' on type '${NS}.${entity}' is not a navigation property or complex property. Only navigation properties can be expanded.`
    )
  const filter = q.has('$filter') ? parseFilter(q.get('$filter'), entity) : null
  const select = q.has('$select') ? parseSelect(q.get('$select'), entity) : null
  const order = q.has('$orderby') ? parseOrderBy(q.get('$orderby'), entity) : null
  const top = nonNegativeInt('$top', q.get('$top'))
  const skip = nonNegativeInt('$skip', q.get('$skip')) ?? 0
  const count = q.get('$count')
  if (count !== null && !/^(true|false)$/i.test(count))
    throw bad(`The query specified in the URI is not valid: '${count}' is not a valid value for $count.`)

  const match = () => {
    const all = typeof rows === 'function' ? rows() : rows
    // Always a new array (never the set's own rows): the page texts below are kept per matched array.
    const matched = filter ? all.filter(filter) : [...all]
    return order ? matched.sort(order) : matched
  }
  // The options are parsed above on every request (their errors are the request's); only the matching is kept.
  const matched =
    cache && setKey !== undefined
      ? cache.get(JSON.stringify([setKey, q.get('$filter'), q.get('$orderby')]), match)
      : match()
  const limit = top === null ? matched.length : Math.min(matched.length, skip + top)
  const size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize))
  const props = select ?? Object.keys(ENTITIES[entity])
  const project = (row) => Object.fromEntries(props.map((p) => [p, row[p] ?? null]))

  const body = { '@odata.context': `${contextBase}/$metadata#${set}${select ? `(${select.join(',')})` : ''}` }
  if (/^true$/i.test(count ?? '')) body['@odata.count'] = matched.length
  const nextParams = (nextSkip) => {
    const p = new URLSearchParams(q)
    p.delete('$skiptoken')
    p.set('$skip', String(nextSkip))
    if (top !== null) p.set('$top', String(top - (nextSkip - skip)))
    return `${ctx.origin}${req.path}?${queryString(p)}`
  }
  if (skip < limit && ctx.take('empty-page')) {
    // An empty page that goes on (as a server ending a page at a partition boundary does): its link differs
    // from the one followed to it by a $skiptoken, which the service accepts and ignores.
    body.value = []
    const params = new URLSearchParams(q)
    params.set('$skip', String(skip))
    params.set('$skiptoken', `e${Number(/^e(\d+)$/.exec(q.get('$skiptoken') ?? '')?.[1] ?? 0) + 1}`)
    body['@odata.nextLink'] = `${ctx.origin}${req.path}?${queryString(params)}`
    return { status: 200, body }
  }
  const end = Math.min(limit, skip + size)
  const next = Math.max(skip, end)
  // repeat-token: the page links to the URL that was followed to it (a loop, for the client to detect).
  const link =
    next < limit
      ? ctx.take('repeat-token')
        ? `${ctx.origin}${req.path}${req.url.search}`
        : nextParams(next)
      : undefined
  if (cache && setKey !== undefined) {
    // JSON.stringify(body) written out, with the text of the page's rows kept beside the matched rows.
    let texts = valueTexts.get(matched)
    if (texts === undefined) valueTexts.set(matched, (texts = new Map()))
    const key = `${props.join(',')}|${skip}|${end}`
    let value = texts.get(key)
    if (value === undefined)
      texts.set(key, (value = Buffer.from(JSON.stringify(matched.slice(skip, end).map(project)))))
    const head = JSON.stringify(body).slice(0, -1)
    const text = Buffer.concat([
      Buffer.from(`${head},"value":`),
      value,
      Buffer.from(link === undefined ? '}' : `,"@odata.nextLink":${JSON.stringify(link)}}`)
    ])
    return { status: 200, headers: { 'content-type': 'application/json' }, body: text }
  }
  body.value = matched.slice(skip, end).map(project)
  if (link !== undefined) body['@odata.nextLink'] = link
  return { status: 200, body }
}

/** The JSON text (UTF-8) of pages, per matched rows of the cache and (properties, $skip, end): see odataCollection. */
const valueTexts = new WeakMap()

function metadata() {
  const props = (entity) =>
    Object.entries(ENTITIES[entity])
      .map(([n, t]) => `<Property Name="${n}" Type="Edm.${t}"${n === 'dateKey' ? ' Nullable="false"' : ''}/>`)
      .join('')
  const types = Object.keys(ENTITIES)
    .map((e) => `<EntityType Name="${e}">${props(e)}</EntityType>`)
    .join('')
  const sets = Object.entries(SETS)
    .map(([s, e]) => `<EntitySet Name="${s}" EntityType="${NS}.${e}"/>`)
    .join('')
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="${NS}" xmlns="http://docs.oasis-open.org/odata/ns/edm">${types}<EntityContainer Name="Container">${sets}</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`
}

// ---------------------------------------------------------------------------------------------------------
// The service

const APIM_MISSING_KEY =
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.'
const APIM_INVALID_KEY =
  'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.'
const APIM_BAD_TOKEN = 'Unauthorized. Access token is missing or invalid.'

/**
 * @param {object} o
 * @param {ReturnType<typeof seedMcfsData>} o.data
 * @param {string[]} o.apiKeys accepted API Management keys
 * @param {{ verifyAccessToken(token: string, opts: { audiences: string[] }): object }} o.entra
 * @param {string} o.appId the MCFS app id (the token audience)
 * @param {{ tenantId: string, apps: string[] }} o.access the instance's tenant and the client ids added to it
 * @param {() => number} [o.pageSize] rows a page (read per request, so tests can change it)
 * @param {number} [o.matchCache] how many queries' matched rows to keep (default 64; see createMatchCache)
 */
export function createMcfs(o) {
  const pageSize = o.pageSize ?? (() => MAX_PAGE_SIZE)
  const matchCache = createMatchCache(o.matchCache ?? 64)
  const apim = (status, message, headers = {}) => ({ status, headers, body: { statusCode: status, message } })
  const odataError = (status, message) => ({ status, body: { code: status, message } })

  function authorize(req) {
    const key = req.headers['ocp-apim-subscription-key'] ?? req.query.get('subscription-key')
    if (!key)
      return apim(401, APIM_MISSING_KEY, {
        'www-authenticate':
          'AzureApiManagementKey realm="https://api.mcfs.microsoft.com",name="Ocp-Apim-Subscription-Key",type="header"'
      })
    if (!o.apiKeys.includes(key))
      return apim(401, APIM_INVALID_KEY, {
        'www-authenticate':
          'AzureApiManagementKey realm="https://api.mcfs.microsoft.com",name="Ocp-Apim-Subscription-Key",type="header"'
      })
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
    let claims
    try {
      if (!m) throw new Error('no token')
      claims = o.entra.verifyAccessToken(m[1], { audiences: [o.appId, `api://${o.appId}`] })
    } catch {
      return apim(401, APIM_BAD_TOKEN, { 'www-authenticate': 'Bearer' })
    }
    return { claims }
  }

  function permit(claims, instanceId) {
    if (!(claims.roles ?? []).includes(EMISSIONS_READ)) {
      return odataError(
        403,
        `The application '${claims.appid}' has not been granted the ${EMISSIONS_READ} application permission of the Microsoft Cloud for Sustainability API.`
      )
    }
    if (instanceId.toLowerCase() !== o.data.instanceId.toLowerCase())
      return odataError(404, `Instance '${instanceId}' was not found.`)
    if (
      String(claims.tid).toLowerCase() !== o.access.tenantId.toLowerCase() ||
      !o.access.apps.map((a) => a.toLowerCase()).includes(String(claims.appid).toLowerCase())
    ) {
      return odataError(
        403,
        `The application '${claims.appid}' of tenant '${claims.tid}' has no access to instance '${instanceId}'. An administrator of the instance must add it.`
      )
    }
    return null
  }

  return {
    /** The matched-rows cache's hits and misses. */
    matchCache: matchCache.stats,
    errorResponse(status, code, message) {
      if (status === 401) return apim(401, message)
      if (status === 429) return apim(429, 'Rate limit is exceeded. Try again in 1 seconds.')
      return odataError(status, message)
    },
    handle(req, ctx) {
      if (!req.path.startsWith(API_PREFIX)) return apim(404, 'Resource not found')
      const parts = req.path.slice(API_PREFIX.length).split('/').map(decodeURIComponent)
      const [instanceId] = parts
      const enrollmentRoute =
        parts.length === 4 &&
        parts[1] === 'enrollments' &&
        ['emissions', 'usage', 'projections', '$metadata'].includes(parts[3])
      const m365Route = parts.length === 3 && parts[1] === 'm365' && parts[2] === 'tenantemissions'
      if (!instanceId || (!enrollmentRoute && !m365Route)) return apim(404, 'Resource not found')
      if (req.method !== 'GET') return apim(405, 'Method not allowed')
      const auth = authorize(req)
      if (!auth.claims) return auth
      const denied = permit(auth.claims, instanceId)
      if (denied) return denied
      const root = `${ctx.origin}${API_PREFIX}${instanceId}`

      if (enrollmentRoute) {
        const enrollmentId = parts[2]
        const e = o.data.enrollments.get(enrollmentId)
        if (!e)
          return odataError(
            403,
            `Enrollment '${enrollmentId}' is not connected to instance '${instanceId}'. Connect the billing account in the Microsoft Cloud for Sustainability API portal.`
          )
        const contextBase = `${root}/enrollments/${enrollmentId}`
        if (parts[3] === '$metadata')
          return { status: 200, headers: { 'content-type': 'application/xml' }, body: metadata() }
        return odataCollection(req, ctx, {
          entity: SETS[parts[3]],
          set: parts[3],
          rows: e[parts[3]],
          pageSize: pageSize(),
          contextBase,
          cache: matchCache,
          setKey: `${enrollmentId}/${parts[3]}`
        })
      }
      const demo = /^true$/i.test(req.query.get('demodata') ?? '')
      const rows = demo ? () => o.data.demoTenant.rows : () => [...o.data.tenants.values()].flatMap((t) => t.rows)
      return odataCollection(req, ctx, {
        entity: 'Microsoft365Emission',
        set: 'tenantemissions',
        rows,
        pageSize: pageSize(),
        contextBase: `${root}/m365`,
        cache: matchCache,
        setKey: demo ? 'm365/demo' : 'm365'
      })
    }
  }
}
