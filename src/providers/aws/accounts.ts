/**
 * `aws-account-ids` checked against what the API knows: an account listed that has no data in the period is
 * named in a warning, since a typo would otherwise silently give zero (GetEstimatedCarbonEmissionsDimensionValues).
 */
import type { Period } from '../../model.js'
import { addMonths, monthStartIso } from '../../period.js'
import { errorMessage } from '../../secrets.js'
import { followPages } from '../kit/paging.js'
import type { ProviderContext } from '../kit/seam.js'
import { callSustainability, type AwsTarget } from './api.js'

const ACTION = 'sustainability:GetEstimatedCarbonEmissionsDimensionValues'

/** The usage accounts with data in the period, as one identity sees them. */
async function accountsWithData(ctx: ProviderContext, t: AwsTarget, period: Period): Promise<Set<string>> {
  const seen = new Set<string>()
  await followPages({
    cursorName: 'NextToken',
    fetch: async (token) => {
      const body: Record<string, unknown> = {
        TimePeriod: { Start: monthStartIso(period.start), End: monthStartIso(addMonths(period.end, 1)) },
        Dimensions: ['USAGE_ACCOUNT_ID'],
        MaxResults: 5000
      }
      if (token !== undefined) body.NextToken = token
      const res = await callSustainability(ctx, t, {
        path: '/v1/estimated-carbon-emissions-dimension-values',
        action: ACTION,
        body
      })
      const json = res.json as { Results?: { Dimension?: string; Value?: string }[]; NextToken?: string } | undefined
      if (!json || !Array.isArray(json.Results))
        throw new Error('the response has no Results list (a malformed answer)')
      for (const r of json.Results)
        if (r?.Dimension === 'USAGE_ACCOUNT_ID' && typeof r.Value === 'string') seen.add(r.Value)
      return json.NextToken
    }
  })
  return seen
}

/** Warns of each listed account that no identity has data for in the period. */
export async function checkAccountIds(ctx: ProviderContext, targets: AwsTarget[], listed: string[]): Promise<void> {
  if (listed.length === 0 || targets.length === 0) return
  const known = new Set<string>()
  try {
    for (const set of await Promise.all(targets.map((t) => accountsWithData(ctx, t, ctx.period))))
      for (const a of set) known.add(a)
  } catch (e) {
    ctx.warn(
      `aws-account-ids could not be checked against the accounts with data (${errorMessage(e)}); allow ${ACTION} to have it checked.`
    )
    return
  }
  const unknown = listed.filter((a) => !known.has(a))
  if (unknown.length === 0) return
  const range = `${ctx.period.start} to ${ctx.period.end}`
  ctx.warn(
    `aws-account-ids: ${unknown.join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no emissions data for ${range} in ${targets.length === 1 ? 'the organization' : 'any of the organizations'} the role${targets.length === 1 ? '' : 's'} can see. ` +
      `Check for a typo (12 digits, leading zeros kept) and that the account belongs to the organization.`
  )
}
