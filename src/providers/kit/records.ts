/** Record shapes shared by providers. */
import type { CarbonRecord, Grams } from '../../model.js'

type Identity = Pick<CarbonRecord, 'provider' | 'account' | 'accountName' | 'month' | 'service' | 'region'>

/**
 * A record of a provider that gives one figure per scope and names no method (Azure Carbon Optimization, MCFS):
 * Microsoft computes Scope 2 of its cloud market-based, so the scopes fill the market-based columns, the total is
 * the headline, and every location-based field is null (not given, never 0).
 * The identity's fields are written out, not spread: one record per row of output, and a spread of an object
 * is much slower than a fixed shape.
 */
export function marketOnlyRecord(
  id: Identity,
  f: { total: Grams; scopes: [Grams | null, Grams | null, Grams | null] }
): CarbonRecord {
  return {
    provider: id.provider,
    account: id.account,
    accountName: id.accountName,
    month: id.month,
    service: id.service,
    region: id.region,
    grams: f.total,
    marketGrams: f.total,
    locationGrams: null,
    scope1Grams: f.scopes[0],
    scope2MarketGrams: f.scopes[1],
    scope2LocationGrams: null,
    scope3MarketGrams: f.scopes[2],
    scope3LocationGrams: null,
    modelVersion: null
  }
}
