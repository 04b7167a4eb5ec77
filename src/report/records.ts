/** The two file forms of a record: a report.json object and a report.csv row, in the contract's field order. */
import type { CarbonRecord, Grams } from '../model.js'
import { gramsToKgOrNull, gramsToKg } from '../units.js'
import { csvText } from './escape.js'

export const CSV_HEADER =
  'provider,account,account_name,month,service,region,kgco2e,market_kgco2e,location_kgco2e,scope1_kgco2e,scope2_market_kgco2e,scope2_location_kgco2e,scope3_market_kgco2e,scope3_location_kgco2e,model_version'

export function recordJson(r: CarbonRecord): Record<string, unknown> {
  const o: Record<string, unknown> = {
    provider: r.provider,
    account: r.account,
    accountName: r.accountName,
    month: r.month,
    service: r.service,
    region: r.region,
    kgCO2e: gramsToKg(r.grams),
    marketKgCO2e: gramsToKgOrNull(r.marketGrams),
    locationKgCO2e: gramsToKgOrNull(r.locationGrams),
    scope1KgCO2e: gramsToKgOrNull(r.scope1Grams),
    scope2MarketKgCO2e: gramsToKgOrNull(r.scope2MarketGrams),
    scope2LocationKgCO2e: gramsToKgOrNull(r.scope2LocationGrams),
    scope3MarketKgCO2e: gramsToKgOrNull(r.scope3MarketGrams),
    scope3LocationKgCO2e: gramsToKgOrNull(r.scope3LocationGrams),
    modelVersion: r.modelVersion
  }
  if (r.extra && Object.keys(r.extra).length > 0) o.extra = r.extra
  return o
}

const num = (g: Grams | null): string => (g === null ? '' : String(gramsToKg(g)))

export function recordCsv(r: CarbonRecord): string {
  return [
    csvText(r.provider),
    csvText(r.account),
    csvText(r.accountName),
    csvText(r.month),
    csvText(r.service),
    csvText(r.region),
    num(r.grams),
    num(r.marketGrams),
    num(r.locationGrams),
    num(r.scope1Grams),
    num(r.scope2MarketGrams),
    num(r.scope2LocationGrams),
    num(r.scope3MarketGrams),
    num(r.scope3LocationGrams),
    csvText(r.modelVersion)
  ].join(',')
}
