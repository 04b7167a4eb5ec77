/** The two file forms of a record: a report.json object and a report.csv row, in the contract's field order. */
import type { CarbonRecord, Grams } from '../model.js'
import { gramsToKgOrNull, gramsToKg, gramsToKgText } from '../units.js'
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

/** JSON text of strings that recur (providers, months, services, regions, accounts), bounded. */
const jsonTextCache = new Map<string, string>()
function jsonText(s: string | null): string {
  if (s === null) return 'null'
  let t = jsonTextCache.get(s)
  if (t === undefined) {
    if (jsonTextCache.size >= 50_000) jsonTextCache.clear()
    t = JSON.stringify(s)
    jsonTextCache.set(s, t)
  }
  return t
}

/** CSV cells of strings that recur, bounded. */
const csvTextCache = new Map<string, string>()
function csvCell(s: string | null): string {
  if (s === null) return ''
  let t = csvTextCache.get(s)
  if (t === undefined) {
    if (csvTextCache.size >= 50_000) csvTextCache.clear()
    t = csvText(s)
    csvTextCache.set(s, t)
  }
  return t
}

const isText = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isFigure = (v: unknown): v is Grams | null => v === null || (typeof v === 'number' && Number.isFinite(v))

/**
 * Both file forms of a record at once, each kilogram figure formatted once: exactly
 * `JSON.stringify(recordJson(r))` and `recordCsv(r)`, without building the intermediate object.
 */
export function recordLines(r: CarbonRecord): [json: string, csv: string] {
  const figures = [r.marketGrams, r.locationGrams, r.scope1Grams, r.scope2MarketGrams, r.scope2LocationGrams, r.scope3MarketGrams, r.scope3LocationGrams]
  if (
    !isText(r.provider) || r.provider === null || !isText(r.account) || r.account === null || !isText(r.accountName) || !isText(r.month) || r.month === null ||
    !isText(r.service) || !isText(r.region) || !isText(r.modelVersion) || typeof r.grams !== 'number' || !Number.isFinite(r.grams) || !figures.every(isFigure)
  ) {
    // Anything unusual (a missing field, a non-finite figure): the general forms.
    return [JSON.stringify(recordJson(r)), recordCsv(r)]
  }
  // A finite number's JSON text is its String(); null figures are `null` in JSON and empty in CSV.
  const kg = gramsToKgText(r.grams)
  const k = figures.map((g) => (g === null ? null : gramsToKgText(g)))
  const j = (i: number): string => k[i] ?? 'null'
  const c = (i: number): string => k[i] ?? ''
  const extra = r.extra && Object.keys(r.extra).length > 0 ? `,"extra":${JSON.stringify(r.extra)}` : ''
  const json =
    `{"provider":${jsonText(r.provider)},"account":${jsonText(r.account)},"accountName":${jsonText(r.accountName)},"month":${jsonText(r.month)},` +
    `"service":${jsonText(r.service)},"region":${jsonText(r.region)},"kgCO2e":${kg},"marketKgCO2e":${j(0)},"locationKgCO2e":${j(1)},` +
    `"scope1KgCO2e":${j(2)},"scope2MarketKgCO2e":${j(3)},"scope2LocationKgCO2e":${j(4)},"scope3MarketKgCO2e":${j(5)},` +
    `"scope3LocationKgCO2e":${j(6)},"modelVersion":${jsonText(r.modelVersion)}${extra}}`
  const csv =
    `${csvCell(r.provider)},${csvCell(r.account)},${csvCell(r.accountName)},${csvCell(r.month)},${csvCell(r.service)},${csvCell(r.region)},` +
    `${kg},${c(0)},${c(1)},${c(2)},${c(3)},${c(4)},${c(5)},${c(6)},${csvCell(r.modelVersion)}`
  return [json, csv]
}
