/**
 * The one query the gcp provider runs on the Carbon Footprint export, and its BigQuery REST requests.
 *
 * Standard SQL (`useLegacySql: false`: BigQuery's default is legacy SQL), the months and billing accounts as
 * NAMED query parameters (never pasted into the text), one row per record key (month, account, service,
 * region) with each figure summed in SQL, so that the answer is a page or two whatever the table's size.
 *
 * Exact sums: the export's figures are FLOAT64 kilograms with many decimals. A SUM of FLOAT64 adds binary
 * rounding noise (0.1 + 0.2 = 0.30000000000000004) and its result depends on the order BigQuery's workers
 * add the rows in. Each value is cast to NUMERIC first (DECIMAL(38, 9): rounded once, to the microgram) and
 * NUMERIC sums are exact and order-free; BigQuery answers them as decimal text, which records.ts reads into
 * integer nanograms without going through a double and rounds once per record to the gram.
 */
import type { GcpSettings } from './settings.js'

/** Columns of the answer, in order; records.ts reads them by name from `schema.fields`. */
export const COLUMNS = [
  'usage_month',
  'account',
  'service_description',
  'region',
  'market_kg',
  'location_kg',
  'scope1_kg',
  'scope2_market_kg',
  'scope2_location_kg',
  'scope3_kg',
  'model_version',
  'row_count'
] as const

/** A table name inside backticks (parseTableName allows no backtick, dot or space in its parts). */
export const tableRef = (t: GcpSettings['table']): string => `\`${t.project}.${t.dataset}.${t.table}\``

const sum = (expr: string, as: string): string => `  SUM(CAST(${expr} AS NUMERIC)) AS ${as},`

export function carbonQuery(o: { table: GcpSettings['table']; billingAccounts: boolean }): string {
  return [
    'SELECT',
    '  usage_month,',
    '  COALESCE(project.id, billing_account_id) AS account,',
    '  service.description AS service_description,',
    '  COALESCE(location.region, location.location) AS region,',
    sum('carbon_footprint_total_kgCO2e.market_based', 'market_kg'),
    sum('carbon_footprint_total_kgCO2e.location_based', 'location_kg'),
    sum('carbon_footprint_kgCO2e.scope1', 'scope1_kg'),
    sum('carbon_footprint_kgCO2e.scope2.market_based', 'scope2_market_kg'),
    sum('carbon_footprint_kgCO2e.scope2.location_based', 'scope2_location_kg'),
    sum('carbon_footprint_kgCO2e.scope3', 'scope3_kg'),
    '  MAX(carbon_model_version) AS model_version,',
    '  COUNT(*) AS row_count',
    `FROM ${tableRef(o.table)}`,
    'WHERE usage_month BETWEEN @first_month AND @last_month',
    ...(o.billingAccounts ? ['  AND billing_account_id IN UNNEST(@billing_account_ids)'] : []),
    // Positions, not names: `service` is both a column (a STRUCT) and a natural alias.
    'GROUP BY 1, 2, 3, 4',
    'ORDER BY 1, 2, 3, 4'
  ].join('\n')
}

export interface QueryParameter {
  name: string
  parameterType: { type: string; arrayType?: { type: string } }
  parameterValue: { value?: string; arrayValues?: { value: string }[] }
}

/** The jobs.query body for the months [start, end] (YYYY-MM). */
export function queryRequest(
  settings: Pick<GcpSettings, 'table' | 'location' | 'billingAccountIds'>,
  period: { start: string; end: string },
  o: { requestId: string; maxResults?: number; timeoutMs?: number }
): Record<string, unknown> {
  const date = (name: string, month: string): QueryParameter => ({
    name,
    parameterType: { type: 'DATE' },
    parameterValue: { value: `${month}-01` }
  })
  const params: QueryParameter[] = [date('first_month', period.start), date('last_month', period.end)]
  if (settings.billingAccountIds.length > 0)
    params.push({
      name: 'billing_account_ids',
      parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
      parameterValue: { arrayValues: settings.billingAccountIds.map((value) => ({ value })) }
    })
  return {
    query: carbonQuery({ table: settings.table, billingAccounts: settings.billingAccountIds.length > 0 }),
    useLegacySql: false,
    parameterMode: 'NAMED',
    queryParameters: params,
    location: settings.location,
    maxResults: o.maxResults ?? 10_000,
    timeoutMs: o.timeoutMs ?? 10_000,
    // The same id on a retried POST: BigQuery answers the job it started instead of starting another.
    requestId: o.requestId
  }
}

export function queryUrl(bigquery: string, project: string): string {
  return `${bigquery}/bigquery/v2/projects/${encodeURIComponent(project)}/queries`
}

export function resultsUrl(
  bigquery: string,
  project: string,
  jobId: string,
  o: { location: string; pageToken?: string; maxResults?: number; timeoutMs?: number }
): string {
  const q = new URLSearchParams({ location: o.location })
  if (o.pageToken !== undefined) q.set('pageToken', o.pageToken)
  if (o.maxResults !== undefined) q.set('maxResults', String(o.maxResults))
  if (o.timeoutMs !== undefined) q.set('timeoutMs', String(o.timeoutMs))
  return `${queryUrl(bigquery, project)}/${encodeURIComponent(jobId)}?${q.toString()}`
}
