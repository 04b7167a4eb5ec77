/** Azure Carbon Optimization's responses (pure: the spec's examples parse in the tests). */
import type { Month, Period } from '../../model.js'
import { monthIndex } from '../../period.js'

export interface AccessDecision {
  subscriptionId: string
  decision: string
  denialReason: string | null
}

export interface ReportRow {
  dataType?: string
  latestMonthEmissions?: number | string
  previousMonthEmissions?: number | string
  date?: string
  itemName?: string
  categoryType?: string
  subscriptionId?: string
  resourceGroup?: string
  resourceId?: string
  resourceType?: string
  location?: string
}

export interface ReportPage {
  rows: ReportRow[]
  /** null when this is the last page (the token was missing, null or empty). */
  skipToken: string | null
  decisions: AccessDecision[]
}

/** Lower-case, trimmed, without the stray trailing comma one of the spec's examples has. */
export function normalizeSubscriptionId(id: string): string {
  // Hot (every access decision of every page): an id of only [0-9a-z-], as the API writes GUIDs, is already
  // normal, and a char loop is much cheaper than the regex and two new strings.
  let plain = true
  for (let i = 0; i < id.length && plain; i++) {
    const c = id.charCodeAt(i)
    plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45
  }
  if (plain) return id
  return id
    .trim()
    .replace(/[\s,]+$/, '')
    .toLowerCase()
}

/** A `carbonEmissionReports` response body. */
export function parseReportPage(json: unknown): ReportPage {
  if (!json || typeof json !== 'object') throw new Error('the response is not a JSON object')
  const o = json as { value?: unknown; skipToken?: unknown; subscriptionAccessDecisionList?: unknown }
  if (!Array.isArray(o.value)) throw new Error('the response has no value list')
  const decisions: AccessDecision[] = []
  if (Array.isArray(o.subscriptionAccessDecisionList)) {
    for (const d of o.subscriptionAccessDecisionList as {
      subscriptionId?: unknown
      decision?: unknown
      denialReason?: unknown
    }[]) {
      if (!d || typeof d.subscriptionId !== 'string') continue
      decisions.push({
        subscriptionId: normalizeSubscriptionId(d.subscriptionId),
        decision: String(d.decision ?? ''),
        denialReason: typeof d.denialReason === 'string' && d.denialReason.trim() !== '' ? d.denialReason.trim() : null
      })
    }
  }
  const token = typeof o.skipToken === 'string' && o.skipToken !== '' ? o.skipToken : null
  return { rows: o.value as ReportRow[], skipToken: token, decisions }
}

/** The available date range (`startDate`/`endDate`, yyyy-MM-dd) as months. */
export function parseDateRange(json: unknown): Period {
  const o = (json ?? {}) as { startDate?: unknown; endDate?: unknown }
  const month = (v: unknown, name: string): Month => {
    const m = typeof v === 'string' ? /^(\d{4})-(\d{2})(?:-\d{2})?/.exec(v.trim()) : null
    if (!m) throw new Error(`the available date range has no valid ${name} (${JSON.stringify(v)})`)
    return `${m[1]}-${m[2]}`
  }
  const period = { start: month(o.startDate, 'startDate'), end: month(o.endDate, 'endDate') }
  if (monthIndex(period.start) > monthIndex(period.end))
    throw new Error(`the available date range is empty (${period.start} to ${period.end})`)
  return period
}

/** The month of a monthly row (`date`: yyyy-MM-dd). */
export function rowMonth(row: ReportRow): Month | null {
  const m = typeof row.date === 'string' ? /^(\d{4})-(\d{2})/.exec(row.date) : null
  return m ? `${m[1]}-${m[2]}` : null
}

/** The (subscription, service, region) of a resource row; the type comes from the resource id when absent. */
export function resourceDimensions(row: ReportRow): {
  subscriptionId: string
  service: string | null
  region: string | null
} {
  const id = typeof row.resourceId === 'string' ? row.resourceId : ''
  const fromId = /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1]
  const sub = typeof row.subscriptionId === 'string' && row.subscriptionId.trim() !== '' ? row.subscriptionId : fromId
  if (!sub) throw new Error(`a resource row has no subscriptionId (${JSON.stringify(row.itemName ?? id)})`)
  let service =
    typeof row.resourceType === 'string' && row.resourceType.trim() !== ''
      ? row.resourceType.trim().toLowerCase()
      : null
  if (service === null) {
    // /subscriptions/s/resourceGroups/rg/providers/Microsoft.Ns/type/name[/subtype/subname...]
    const m = /\/providers\/([^/]+)\/(.+)$/i.exec(id)
    if (m) {
      const parts = m[2].split('/')
      const types = parts.filter((_, i) => i % 2 === 0)
      service = [m[1], ...types].join('/').toLowerCase()
    }
  }
  const region = typeof row.location === 'string' && row.location.trim() !== '' ? row.location.trim() : null
  return { subscriptionId: normalizeSubscriptionId(sub), service, region }
}
