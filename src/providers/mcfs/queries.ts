/** The MCFS API's OData queries (pure). */
import type { Month, Period } from '../../model.js'

/** The scope of the MCFS API's app registration. */
export const MCFS_SCOPE = 'c3163bf1-092f-436b-b260-7ade5973e5b9/.default'
export const SERVICE = 'Microsoft Cloud for Sustainability API'
export const MCFS_APP_ID = MCFS_SCOPE.split('/')[0]
export const EMISSIONS_PERMISSION = 'App.Emissions.Read'
export const M365_SERVICE = 'Microsoft 365'
/** A guard against an endless page sequence: far beyond any real enrollment's rows (pages of 1000). */
export const ENROLLMENT_SELECT = [
  'dateKey',
  'subscriptionId',
  'subscriptionName',
  'azureServiceName',
  'subService',
  'azureRegionName',
  'scope',
  'scopeId',
  'totalEmissions'
]
export const M365_SELECT = ['dateKey', 'tenantId', 'tenantName', 'officeRegionName', 'scope', 'totalEmissions']
export const PROJECTION_SELECT = ['dateKey', 'enrollmentId', 'actualEmissions', 'projectedEmissions']

export function dateKeyOf(month: Month): number {
  return Number(month.replace('-', '')) * 100 + 1
}

/** The month of a dateKey (`yyyymmdd`, dd always 01), or null when it is not one. */
export function monthOfDateKey(value: unknown): Month | null {
  const s =
    typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : ''
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null
  return `${m[1]}-${m[2]}`
}

/** An OData string literal. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`
}

/** A query string with the OData option names left readable (`$filter=…`) and the values percent-encoded. */
export function odataQuery(options: Record<string, string>): string {
  return Object.entries(options)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
}

export function serviceRoot(endpoint: string, instanceId: string): string {
  return `${endpoint.replace(/\/+$/, '')}/api/v1.0/instances/${encodeURIComponent(instanceId)}`
}

const periodFilter = (period: Period): string =>
  `dateKey ge ${dateKeyOf(period.start)} and dateKey le ${dateKeyOf(period.end)}`

export function enrollmentEmissionsUrl(
  endpoint: string,
  instanceId: string,
  enrollmentId: string,
  period: Period
): string {
  return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/emissions?${odataQuery({
    $filter: periodFilter(period),
    $select: ENROLLMENT_SELECT.join(','),
    $count: 'true'
  })}`
}

export function tenantEmissionsUrl(endpoint: string, instanceId: string, tenantId: string, period: Period): string {
  return `${serviceRoot(endpoint, instanceId)}/m365/tenantemissions?${odataQuery({
    $filter: `tenantId eq ${odataString(tenantId)} and ${periodFilter(period)}`,
    $select: M365_SELECT.join(','),
    $count: 'true'
  })}`
}

export function projectionsUrl(endpoint: string, instanceId: string, enrollmentId: string): string {
  return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/projections?${odataQuery({ $select: PROJECTION_SELECT.join(',') })}`
}
