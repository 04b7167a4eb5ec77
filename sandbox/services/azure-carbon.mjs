// Azure Resource Manager with Microsoft.Carbon 2025-04-01 (Carbon Optimization), as the public REST spec
// (Azure/azure-rest-api-specs, specification/carbon/.../stable/2025-04-01) defines it:
//   POST /providers/Microsoft.Carbon/carbonEmissionReports?api-version=2025-04-01       (all five report types)
//   POST /providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange?api-version=2025-04-01
//   GET  /subscriptions?api-version=2022-12-01                                          (nextLink paging)
// with the spec's validation answered by ARM ErrorResponse bodies, skipToken paging, per-subscription access
// decisions from the caller's role assignments, and bearer tokens checked with the Entra emulator's verifier.
//
// Data is seeded and deterministic: subscriptions x resources (type, location display name, resource group) x
// months, each scope an integer number of grams served as kgCO2e with 3 decimals, so the resource detail and
// the monthly summary agree to the gram. `mismatch` shifts one month's summary to prove the reconciliation
// warning. `truth()` computes the expected figures from the seed, without HTTP.

import { hash32, monthIndex, monthOf } from '../kit.mjs'

export const CARBON_API_VERSION = '2025-04-01'
export const SUBSCRIPTIONS_API_VERSIONS = ['2022-12-01', '2021-01-01', '2020-01-01', '2016-06-01']
export const SCOPES = ['Scope1', 'Scope2', 'Scope3']
const REPORT_TYPES = [
  'OverallSummaryReport',
  'MonthlySummaryReport',
  'TopItemsSummaryReport',
  'TopItemsMonthlySummaryReport',
  'ItemDetailsReport'
]
const CATEGORIES = ['Subscription', 'ResourceGroup', 'Location', 'Resource', 'ResourceType']
const ORDER_BY = [
  'ItemName',
  'LatestMonthEmissions',
  'PreviousMonthEmissions',
  'MonthOverMonthEmissionsChangeRatio',
  'MonthlyEmissionsChangeValue',
  'ResourceGroup'
]
const SORT = ['Desc', 'Asc']
const RESOURCE_TYPES = [
  // [type, provider namespace as in ids, path segments, name prefix, has location]
  ['microsoft.compute/virtualmachines', 'Microsoft.Compute', ['virtualMachines'], 'vm', true],
  ['microsoft.storage/storageaccounts', 'Microsoft.Storage', ['storageAccounts'], 'st', true],
  ['microsoft.sql/servers/databases', 'Microsoft.Sql', ['servers', 'databases'], 'sqldb', true],
  ['microsoft.web/sites', 'Microsoft.Web', ['sites'], 'app', true],
  ['microsoft.containerservice/managedclusters', 'Microsoft.ContainerService', ['managedClusters'], 'aks', true],
  ['microsoft.cdn/profiles', 'Microsoft.Cdn', ['profiles'], 'cdn', false]
]
const LOCATIONS = ['east us', 'west europe', 'north europe', 'east us 2', 'southeast asia', 'uk south']

// ---------------------------------------------------------------------------------------------------------
// Months and hashing

const hash = hash32
const pick = (seed, key, n) => hash(`${seed}|${key}`) % n

function guid(seed, key) {
  let hex = ''
  for (let i = 0; hex.length < 32; i++) hex += hash(`${seed}|${key}|${i}`).toString(16).padStart(8, '0')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Grams as kgCO2e for JSON: grams/1000 is the double nearest to the 3-decimal value, whose shortest form it prints as. */
const kg = (grams) => grams / 1000

// ---------------------------------------------------------------------------------------------------------
// The seed

/**
 * @param {object} o
 * @param {string} [o.seed]
 * @param {number} [o.subscriptions] how many subscriptions
 * @param {number} [o.resourcesPerSubscription] at most this many resources each (at least 2)
 * @param {{start: string, end: string}} o.available the published months (YYYY-MM)
 * @param {number[]} [o.denied] indexes of subscriptions the callers may list but not read emissions of
 * @param {string} [o.tenantId]
 */
export function seedCarbonData(o) {
  const seed = o.seed ?? 'carbon'
  const count = o.subscriptions ?? 5
  const perSub = Math.max(2, o.resourcesPerSubscription ?? 6)
  const first = monthIndex(o.available.start)
  const last = monthIndex(o.available.end)
  const denied = new Set((o.denied ?? []).map((i) => guid(seed, `sub${i}`)))
  const subscriptions = []
  for (let s = 0; s < count; s++) {
    const id = guid(seed, `sub${s}`)
    const name = `${['Contoso', 'Fabrikam', 'Northwind', 'Tailspin'][s % 4]} ${['Prod', 'Dev', 'Test', 'Data', 'Web'][pick(seed, `env${s}`, 5)]} ${s + 1}`
    const resources = []
    const n = 2 + pick(seed, `n${s}`, perSub - 1)
    for (let r = 0; r < n; r++) {
      const [type, ns, segs, prefix, hasLocation] = RESOURCE_TYPES[pick(seed, `t${s}.${r}`, RESOURCE_TYPES.length)]
      const location = hasLocation ? LOCATIONS[pick(seed, `l${s}.${r}`, LOCATIONS.length)] : null
      const rg = `rg-${prefix}-${pick(seed, `g${s}.${r}`, 3) + 1}`
      const itemName = `${prefix}${s}x${r}`
      const path = segs.length === 1 ? `${segs[0]}/${itemName}` : `${segs[0]}/srv${s}/${segs[1]}/${itemName}`
      // Some resources come later or go away: months without emissions are absent from the detail.
      const from =
        first + (pick(seed, `from${s}.${r}`, 4) === 0 ? pick(seed, `f${s}.${r}`, Math.max(1, last - first + 1)) : 0)
      const to = pick(seed, `to${s}.${r}`, 5) === 0 ? Math.max(from, last - pick(seed, `d${s}.${r}`, 6)) : last
      resources.push({
        subscriptionId: id,
        itemName,
        type,
        location,
        resourceGroup: rg,
        resourceId: `/subscriptions/${id}/resourceGroups/${rg}/providers/${ns}/${path}`,
        from,
        to,
        base: 200 + pick(seed, `b${s}.${r}`, 40000)
      })
    }
    subscriptions.push({ id, name, denied: denied.has(id), resources })
  }
  return { seed, first, last, subscriptions, byId: new Map(subscriptions.map((s) => [s.id, s])) }
}

/**
 * Grams already computed, per resource: [(month - data.first) * 3 + scope index], NaN until asked. A report
 * sums every resource of its batch over one to thirteen months and every scope asked, and the bench's request
 * graph and truth walk them all again: each value is a hash of a ~150-character string, worth computing once.
 * The seed never changes, so a value once computed is the value.
 */
const gramsMemo = new WeakMap()
const SCOPE_INDEX = { Scope1: 0, Scope2: 1, Scope3: 2 }

/** Integer grams of one resource, month (index) and scope: Scope1 small and sometimes 0, Scope2/3 larger. */
export function resourceGrams(data, res, m, scope) {
  if (m < res.from || m > res.to || m < data.first || m > data.last) return 0
  const si = SCOPE_INDEX[scope]
  if (si === undefined) return seededGrams(data, res, m, scope)
  let memo = gramsMemo.get(res)
  if (memo === undefined) gramsMemo.set(res, (memo = new Float64Array((data.last - data.first + 1) * 3).fill(NaN)))
  const i = (m - data.first) * 3 + si
  let g = memo[i]
  if (g !== g) memo[i] = g = seededGrams(data, res, m, scope)
  return g
}

function seededGrams(data, res, m, scope) {
  const h = hash(`${data.seed}|${res.resourceId}|${m}|${scope}`)
  const wobble = 0.7 + (h % 600) / 1000
  if (scope === 'Scope1') return h % 3 === 0 ? 0 : (h % 997) + 1
  if (scope === 'Scope2') return Math.round(res.base * wobble) * 3 + (h % 7)
  return Math.round(res.base * wobble * 0.8) + (h % 11)
}

/** The expected figures for the subscriptions (default: every readable one) over a period, from the seed. */
export function carbonTruth(data, { subscriptionIds, start, end, includeDenied = false } = {}) {
  const ids = subscriptionIds ? subscriptionIds.map((s) => s.toLowerCase()) : data.subscriptions.map((s) => s.id)
  const from = monthIndex(start ?? monthOf(data.first))
  const to = monthIndex(end ?? monthOf(data.last))
  const out = { totalGrams: 0, byMonth: {}, bySubscription: {}, scopes: { Scope1: 0, Scope2: 0, Scope3: 0 }, groups: 0 }
  for (const id of ids) {
    const sub = data.byId.get(id)
    if (!sub || (sub.denied && !includeDenied)) continue
    for (let m = Math.max(from, data.first); m <= Math.min(to, data.last); m++) {
      const groups = new Set()
      for (const res of sub.resources) {
        let any = false
        for (const scope of SCOPES) {
          const g = resourceGrams(data, res, m, scope)
          if (g === 0) continue
          any = true
          out.totalGrams += g
          out.scopes[scope] += g
          out.byMonth[monthOf(m)] = (out.byMonth[monthOf(m)] ?? 0) + g
          out.bySubscription[id] = (out.bySubscription[id] ?? 0) + g
        }
        if (any) groups.add(`${res.type}|${res.location}`)
      }
      out.groups += groups.size
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Errors in ARM's form

export class ArmError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message)
    this.status = status
    this.code = code
    this.headers = headers
  }
  body() {
    return { error: { code: this.code, message: this.message, details: [], additionalInfo: [] } }
  }
}
const invalid = (message, target) =>
  Object.assign(new ArmError(400, 'InvalidRequestPropertyValue', message), { target })

// ---------------------------------------------------------------------------------------------------------
// Validation of a QueryFilter (the spec's rules)

const DATE = /^(\d{4})-(\d{2})-01$/
const GUID_LOWER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function validateQuery(q, data) {
  if (!q || typeof q !== 'object' || Array.isArray(q))
    throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
  if (!REPORT_TYPES.includes(q.reportType)) {
    throw invalid(
      `The value '${q.reportType}' of property 'reportType' is invalid. Supported values: ${REPORT_TYPES.join(', ')}.`,
      'reportType'
    )
  }
  const dr = q.dateRange
  if (!dr || typeof dr !== 'object') throw invalid(`The property 'dateRange' is required.`, 'dateRange')
  for (const k of ['start', 'end']) {
    const m = typeof dr[k] === 'string' ? DATE.exec(dr[k]) : null
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      throw invalid(
        `The value '${dr[k]}' of property 'dateRange.${k}' is invalid: only the first day of a month, in yyyy-MM-01 format, is accepted.`,
        `dateRange.${k}`
      )
    }
  }
  const start = monthIndex(dr.start.slice(0, 7))
  const end = monthIndex(dr.end.slice(0, 7))
  if (start > end) throw invalid(`dateRange.start '${dr.start}' is after dateRange.end '${dr.end}'.`, 'dateRange')
  if (end - start > 11)
    throw invalid(`The date range from '${dr.start}' to '${dr.end}' is longer than 12 months.`, 'dateRange')
  if ((q.reportType === 'ItemDetailsReport' || q.reportType === 'TopItemsSummaryReport') && start !== end) {
    throw invalid(
      `${q.reportType} supports one month at a time: dateRange.start and dateRange.end must be equal.`,
      'dateRange'
    )
  }
  if (start < data.first || end > data.last) {
    throw invalid(
      `The date range from '${dr.start}' to '${dr.end}' is outside the available data range from '${monthOf(data.first)}-01' to '${monthOf(data.last)}-01'.`,
      'dateRange'
    )
  }
  if (!Array.isArray(q.subscriptionList) || q.subscriptionList.length < 1 || q.subscriptionList.length > 100) {
    throw new ArmError(
      400,
      'InvalidNumberOfSubscriptions',
      `The number of subscriptions in subscriptionList must be between 1 and 100 (got ${Array.isArray(q.subscriptionList) ? q.subscriptionList.length : 0}).`
    )
  }
  for (const s of q.subscriptionList) {
    if (typeof s !== 'string' || !GUID_LOWER.test(s))
      throw invalid(
        `Subscription id '${s}' in subscriptionList is invalid: it must be a lower-case GUID.`,
        'subscriptionList'
      )
  }
  if (
    !Array.isArray(q.carbonScopeList) ||
    q.carbonScopeList.length === 0 ||
    q.carbonScopeList.some((s) => !SCOPES.includes(s))
  ) {
    throw invalid(`The property 'carbonScopeList' must list one or more of ${SCOPES.join(', ')}.`, 'carbonScopeList')
  }
  for (const k of ['resourceGroupUrlList', 'resourceTypeList', 'locationList']) {
    if (q[k] === undefined || q[k] === null) continue
    if (!Array.isArray(q[k]) || q[k].some((v) => typeof v !== 'string' || v !== v.toLowerCase())) {
      throw invalid(`The property '${k}' must be a list of lower-case strings.`, k)
    }
  }
  if (q.reportType === 'TopItemsSummaryReport' || q.reportType === 'TopItemsMonthlySummaryReport') {
    if (!CATEGORIES.includes(q.categoryType))
      throw invalid(
        `The value '${q.categoryType}' of property 'categoryType' is invalid. Supported values: ${CATEGORIES.join(', ')}.`,
        'categoryType'
      )
    if (!Number.isInteger(q.topItems) || q.topItems < 1 || q.topItems > 10)
      throw invalid(
        `The value '${q.topItems}' of property 'topItems' is invalid: it must be between 1 and 10.`,
        'topItems'
      )
  }
  if (q.reportType === 'ItemDetailsReport') {
    if (!CATEGORIES.includes(q.categoryType))
      throw invalid(
        `The value '${q.categoryType}' of property 'categoryType' is invalid. Supported values: ${CATEGORIES.join(', ')}.`,
        'categoryType'
      )
    if (!ORDER_BY.includes(q.orderBy))
      throw invalid(
        `The value '${q.orderBy}' of property 'orderBy' is invalid. Supported values: ${ORDER_BY.join(', ')}.`,
        'orderBy'
      )
    if (!SORT.includes(q.sortDirection))
      throw invalid(
        `The value '${q.sortDirection}' of property 'sortDirection' is invalid. Supported values: Desc, Asc.`,
        'sortDirection'
      )
    if (!Number.isInteger(q.pageSize) || q.pageSize < 1 || q.pageSize > 5000)
      throw invalid(
        `The value '${q.pageSize}' of property 'pageSize' is invalid: it must be between 1 and 5000.`,
        'pageSize'
      )
    if (q.skipToken !== undefined && q.skipToken !== null && typeof q.skipToken !== 'string')
      throw invalid(`The property 'skipToken' must be a string.`, 'skipToken')
  }
  return { start, end }
}

// ---------------------------------------------------------------------------------------------------------
// Reports

/** The item of a resource for a category: its key, name and the extra fields its rows carry. */
function itemOf(res, category) {
  switch (category) {
    case 'Subscription':
      return { key: res.subscriptionId, itemName: res.subscriptionId }
    case 'ResourceGroup': {
      const url = `/subscriptions/${res.subscriptionId}/resourcegroups/${res.resourceGroup}`
      return { key: url, itemName: res.resourceGroup, subscriptionId: res.subscriptionId, resourceGroupUrl: url }
    }
    case 'Location':
      return { key: res.location ?? '', itemName: res.location ?? '' }
    case 'ResourceType':
      return { key: res.type, itemName: res.type }
    default:
      return {
        key: res.resourceId,
        itemName: res.itemName,
        subscriptionId: res.subscriptionId,
        resourceGroup: res.resourceGroup,
        resourceId: res.resourceId,
        resourceType: res.type,
        ...(res.location ? { location: res.location } : {})
      }
  }
}

const dataTypes = {
  ItemDetailsReport: {
    Resource: 'ResourceItemDetailsData',
    ResourceGroup: 'ResourceGroupItemDetailsData',
    other: 'ItemDetailsData'
  },
  TopItemsSummaryReport: {
    Resource: 'ResourceTopItemsSummaryData',
    ResourceGroup: 'ResourceGroupTopItemsSummaryData',
    other: 'TopItemsSummaryData'
  },
  TopItemsMonthlySummaryReport: {
    Resource: 'ResourceTopItemsMonthlySummaryData',
    ResourceGroup: 'ResourceGroupTopItemsMonthlySummaryData',
    other: 'TopItemsMonthlySummaryData'
  }
}
const dataType = (report, category) => dataTypes[report][category] ?? dataTypes[report].other

/** The common figures of a row: the range's total, the range one month earlier, and their change. */
function figures(latest, previous) {
  const row = { latestMonthEmissions: kg(latest), previousMonthEmissions: kg(previous) }
  if (previous !== 0) row.monthOverMonthEmissionsChangeRatio = (latest - previous) / previous
  row.monthlyEmissionsChangeValue = kg(latest - previous)
  return row
}

const collator = new Intl.Collator()

/**
 * Answers a validated query for the subscriptions the caller may read.
 * @returns {{ value: object[], skipToken?: string, all?: object[] }}
 */
export function runReport(data, q, range, readable, options = {}) {
  const scopes = q.carbonScopeList
  const rgs = q.resourceGroupUrlList?.length ? new Set(q.resourceGroupUrlList) : null
  const types = q.resourceTypeList?.length ? new Set(q.resourceTypeList) : null
  const locations = q.locationList?.length ? new Set(q.locationList) : null
  const resources = []
  for (const id of readable) {
    for (const res of data.byId.get(id)?.resources ?? []) {
      if (rgs && !rgs.has(`/subscriptions/${res.subscriptionId}/resourcegroups/${res.resourceGroup}`.toLowerCase()))
        continue
      if (types && !types.has(res.type)) continue
      if (locations && !locations.has(res.location ?? '')) continue
      resources.push(res)
    }
  }
  const grams = (res, m) => scopes.reduce((a, s) => a + resourceGrams(data, res, m, s), 0)
  const over = (res, from, to) => {
    let g = 0
    for (let m = from; m <= to; m++) g += grams(res, m)
    return g
  }
  const total = (from, to) => resources.reduce((a, r) => a + over(r, from, to), 0)
  const { start, end } = range

  if (q.reportType === 'OverallSummaryReport') {
    return { value: [{ dataType: 'OverallSummaryData', ...figures(total(start, end), total(start - 1, end - 1)) }] }
  }
  if (q.reportType === 'MonthlySummaryReport') {
    const value = []
    for (let m = end; m >= start; m--) {
      let latest = total(m, m)
      if (options.mismatch && monthIndex(options.mismatch.month) === m) latest += options.mismatch.grams
      const hours = resources.filter((r) => grams(r, m) > 0).length * 730
      value.push({
        dataType: 'MonthlySummaryData',
        ...figures(latest, total(m - 1, m - 1)),
        date: `${monthOf(m)}-01`,
        carbonIntensity: hours ? latest / 1000 / hours : 0
      })
    }
    return { value }
  }

  // Items of the category, with their totals over the range and the range one month earlier.
  const items = new Map()
  for (const res of resources) {
    const it = itemOf(res, q.categoryType)
    let entry = items.get(it.key)
    if (!entry) items.set(it.key, (entry = { it, members: [] }))
    entry.members.push(res)
  }
  const sumOf = (members, from, to) => members.reduce((a, r) => a + over(r, from, to), 0)
  const list = [...items.values()]
    .map((e) => ({ ...e, latest: sumOf(e.members, start, end), previous: sumOf(e.members, start - 1, end - 1) }))
    .filter((e) => e.latest !== 0)
  const itemFields = (e) => {
    const { key, ...fields } = e.it
    return { ...fields, categoryType: q.categoryType }
  }

  if (q.reportType === 'TopItemsSummaryReport' || q.reportType === 'TopItemsMonthlySummaryReport') {
    const top = list.sort((a, b) => b.latest - a.latest || a.it.key.localeCompare(b.it.key)).slice(0, q.topItems)
    if (q.reportType === 'TopItemsSummaryReport') {
      return {
        value: top.map((e) => ({
          dataType: dataType(q.reportType, q.categoryType),
          ...figures(e.latest, e.previous),
          ...itemFields(e)
        }))
      }
    }
    const value = []
    for (let m = end; m >= start; m--) {
      for (const e of top) {
        const row = {
          dataType: dataType(q.reportType, q.categoryType),
          ...figures(sumOf(e.members, m, m), sumOf(e.members, m - 1, m - 1)),
          ...itemFields(e),
          date: `${monthOf(m)}-01`
        }
        if (row.dataType === 'TopItemsMonthlySummaryData') row.itemType = q.categoryType
        value.push(row)
      }
    }
    return { value }
  }

  // ItemDetailsReport: ordered, then paged. (Strings compare with one Intl.Collator of the default locale:
  // what String.prototype.localeCompare does without arguments, without building a collator per call.)
  const localeCompare = collator.compare
  const dir = q.sortDirection === 'Asc' ? 1 : -1
  const keyOf = {
    ItemName: (e) => e.it.itemName,
    LatestMonthEmissions: (e) => e.latest,
    PreviousMonthEmissions: (e) => e.previous,
    MonthOverMonthEmissionsChangeRatio: (e) => (e.previous === 0 ? Infinity : (e.latest - e.previous) / e.previous),
    MonthlyEmissionsChangeValue: (e) => e.latest - e.previous,
    ResourceGroup: (e) => e.it.resourceGroup ?? e.it.itemName
  }[q.orderBy]
  const cmp = (a, b) => {
    const x = keyOf(a)
    const y = keyOf(b)
    const c = typeof x === 'string' ? localeCompare(x, y) : x === y ? 0 : x < y ? -1 : 1
    return c * dir || localeCompare(a.it.key, b.it.key)
  }
  // The rows as `{ dataType, ...figures, ...itemFields(e) }` builds them (the same keys in the same order),
  // assigned in place: a detail report has thousands of rows and the spreads were most of its cost.
  const type = dataType(q.reportType, q.categoryType)
  const rows = list.sort(cmp).map((e) => {
    const row = { dataType: type }
    const f = figures(e.latest, e.previous)
    for (const k in f) row[k] = f[k]
    for (const k in e.it) if (k !== 'key') row[k] = e.it[k]
    row.categoryType = q.categoryType
    return row
  })
  return { value: rows, all: rows }
}

// ---------------------------------------------------------------------------------------------------------
// skipToken: stateless, bound to the query it pages (a token from another query is refused)

function queryFingerprint(q) {
  const { skipToken, ...rest } = q
  return hash(JSON.stringify(rest)).toString(36)
}
export function encodeSkipToken(q, offset) {
  return Buffer.from(JSON.stringify({ o: offset, f: queryFingerprint(q) })).toString('base64')
}
export function decodeSkipToken(q) {
  if (q.skipToken === undefined || q.skipToken === null || q.skipToken === '') return 0
  let t
  try {
    t = JSON.parse(Buffer.from(q.skipToken, 'base64').toString('utf8'))
  } catch {
    t = null
  }
  if (!t || !Number.isInteger(t.o) || t.o < 0 || t.f !== queryFingerprint(q)) {
    throw invalid(`The skipToken is invalid or does not belong to this query.`, 'skipToken')
  }
  return t.o
}
