/**
 * Water (`water: true`): GetEstimatedWaterAllocation, TOTAL_WATER_WITHDRAWALS in m3, per usage account, region and
 * service, for each calendar year the period touches (the API gives whole calendar years only: YEARLY_CALENDAR).
 * Figures are converted once to integer litres.
 */
import type { WaterRecord } from '../../model.js'
import { monthIndex } from '../../period.js'
import { kilogramsToGrams } from '../../units.js'
import { followPages } from '../kit/paging.js'
import type { ProviderContext } from '../kit/seam.js'
import { callSustainability, roleAccount, type AwsTarget } from './api.js'

export const WATER_ACTION = 'sustainability:GetEstimatedWaterAllocation'

interface WaterRow {
  TimePeriod?: { Start?: string }
  DimensionsValues?: Record<string, string>
  AllocationValues?: { TOTAL_WATER_WITHDRAWALS?: { Value?: number | string; Unit?: string } }
}

/** The calendar years a period touches. */
export function yearsOf(period: { start: string; end: string }): number[] {
  const first = Math.floor(monthIndex(period.start) / 12)
  const last = Math.floor(monthIndex(period.end) / 12)
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/** One API row to a water record: m3 to exact litres (x1000 from the shortest decimal, as kg to g). */
export function waterRecord(row: WaterRow, year: number, fallbackAccount: string | null): WaterRecord {
  const start = row.TimePeriod?.Start ?? ''
  if (!start.startsWith(`${year}-01-01`))
    throw new Error(`a water result for ${JSON.stringify(start)} came back for a query of ${year}`)
  const w = row.AllocationValues?.TOTAL_WATER_WITHDRAWALS
  if (w === undefined || w.Value === undefined || w.Value === null)
    throw new Error(`a water result of ${year} has no TOTAL_WATER_WITHDRAWALS`)
  if (w.Unit !== undefined && w.Unit !== 'm3') throw new Error(`unknown water unit ${JSON.stringify(w.Unit)}`)
  const d = row.DimensionsValues
  return {
    provider: 'aws',
    account: d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown',
    year: String(year),
    service: d?.SERVICE ?? null,
    region: d?.REGION ?? null,
    litres: kilogramsToGrams(w.Value, 'TOTAL_WATER_WITHDRAWALS')
  }
}

/** A year of one identity's water, every page; a year that cannot be fetched is a missing part of AWS. */
async function fetchWaterYear(ctx: ProviderContext, t: AwsTarget, year: number): Promise<void> {
  const records: WaterRecord[] = []
  try {
    await followPages({
      cursorName: 'NextToken',
      fetch: async (token) => {
        const body: Record<string, unknown> = {
          TimePeriod: { Start: `${year}-01-01T00:00:00Z`, End: `${year + 1}-01-01T00:00:00Z` },
          GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
          AllocationTypes: ['TOTAL_WATER_WITHDRAWALS'],
          Granularity: 'YEARLY_CALENDAR',
          MaxResults: 5000
        }
        if (ctx.settings.aws.accountIds.length > 0)
          body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } }
        if (token !== undefined) body.NextToken = token
        const res = await callSustainability(ctx, t, {
          path: '/v1/estimated-water-allocation',
          action: WATER_ACTION,
          body
        })
        const json = res.json as { Results?: WaterRow[]; NextToken?: string } | undefined
        // Results is required by the API's model: an answer without it is malformed, not empty.
        if (!json || !Array.isArray(json.Results))
          throw new Error('the response has no Results list (a malformed answer)')
        for (const row of json.Results) records.push(waterRecord(row, year, roleAccount(t.id)))
        return json.NextToken
      }
    })
  } catch (e) {
    ctx.missing(`water of ${year} of ${t.id.label}`, e)
  }
  // What came before a failure is kept, as for carbon.
  if (records.length > 0) ctx.water(records)
}

export async function fetchWater(ctx: ProviderContext, targets: AwsTarget[]): Promise<void> {
  const years = yearsOf(ctx.period)
  await Promise.all(targets.flatMap((t) => years.map((y) => fetchWaterYear(ctx, t, y))))
}
