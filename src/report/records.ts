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

/**
 * The file text of strings that recur (providers, months, services, regions, accounts), bounded. One cache
 * per field: the last string asked for is answered without a lookup, since provider, month and model
 * version repeat on every row of a page and the account on runs of rows.
 */
class TextCache {
  private lastKey: string | null = null
  private lastText = ''
  private readonly map = new Map<string, string>()
  constructor(private readonly format: (s: string) => string) {}
  get(s: string): string {
    if (s === this.lastKey) return this.lastText
    let t = this.map.get(s)
    if (t === undefined) {
      if (this.map.size >= 50_000) this.map.clear()
      t = this.format(s)
      this.map.set(s, t)
    }
    this.lastKey = s
    this.lastText = t
    return t
  }
}

/** JSON and CSV text of a string field; `null` is JSON null and an empty cell. */
class FieldText {
  private readonly j = new TextCache((s) => JSON.stringify(s))
  private readonly c = new TextCache(csvText)
  json(s: string | null): string {
    return s === null ? 'null' : this.j.get(s)
  }
  csv(s: string | null): string {
    return s === null ? '' : this.c.get(s)
  }
}

const providerText = new FieldText()
const accountText = new FieldText()
const accountNameText = new FieldText()
const monthText = new FieldText()
const serviceText = new FieldText()
const regionText = new FieldText()
const modelText = new FieldText()

const isText = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isFigure = (v: unknown): v is Grams | null => v === null || (typeof v === 'number' && Number.isFinite(v))

/** Kilogram text of a figure, or null for a missing one. */
const kgOrNull = (g: Grams | null): string | null => (g === null ? null : gramsToKgText(g))

/**
 * Both file forms of a record at once, each kilogram figure formatted once: exactly
 * `JSON.stringify(recordJson(r))` and `recordCsv(r)`, without building the intermediate object.
 * Hot (once per record): the figures are read into locals rather than arrays and closures, to allocate
 * nothing but the two lines.
 */
export function recordLines(r: CarbonRecord): [json: string, csv: string] {
  const market = r.marketGrams
  const location = r.locationGrams
  const s1 = r.scope1Grams
  const s2m = r.scope2MarketGrams
  const s2l = r.scope2LocationGrams
  const s3m = r.scope3MarketGrams
  const s3l = r.scope3LocationGrams
  if (
    typeof r.provider !== 'string' ||
    typeof r.account !== 'string' ||
    !isText(r.accountName) ||
    typeof r.month !== 'string' ||
    !isText(r.service) ||
    !isText(r.region) ||
    !isText(r.modelVersion) ||
    typeof r.grams !== 'number' ||
    !Number.isFinite(r.grams) ||
    !isFigure(market) ||
    !isFigure(location) ||
    !isFigure(s1) ||
    !isFigure(s2m) ||
    !isFigure(s2l) ||
    !isFigure(s3m) ||
    !isFigure(s3l)
  ) {
    // Anything unusual (a missing field, a non-finite figure): the general forms.
    return [JSON.stringify(recordJson(r)), recordCsv(r)]
  }
  // A finite number's JSON text is its String(); null figures are `null` in JSON and empty in CSV.
  const kg = gramsToKgText(r.grams)
  const k0 = kgOrNull(market)
  const k1 = kgOrNull(location)
  const k2 = kgOrNull(s1)
  const k3 = kgOrNull(s2m)
  const k4 = kgOrNull(s2l)
  const k5 = kgOrNull(s3m)
  const k6 = kgOrNull(s3l)
  const extra = r.extra && Object.keys(r.extra).length > 0 ? `,"extra":${JSON.stringify(r.extra)}` : ''
  const json =
    `{"provider":${providerText.json(r.provider)},"account":${accountText.json(r.account)},"accountName":${accountNameText.json(r.accountName)},` +
    `"month":${monthText.json(r.month)},"service":${serviceText.json(r.service)},"region":${regionText.json(r.region)},"kgCO2e":${kg},` +
    `"marketKgCO2e":${k0 ?? 'null'},"locationKgCO2e":${k1 ?? 'null'},"scope1KgCO2e":${k2 ?? 'null'},"scope2MarketKgCO2e":${k3 ?? 'null'},` +
    `"scope2LocationKgCO2e":${k4 ?? 'null'},"scope3MarketKgCO2e":${k5 ?? 'null'},"scope3LocationKgCO2e":${k6 ?? 'null'},` +
    `"modelVersion":${modelText.json(r.modelVersion)}${extra}}`
  const csv =
    `${providerText.csv(r.provider)},${accountText.csv(r.account)},${accountNameText.csv(r.accountName)},${monthText.csv(r.month)},` +
    `${serviceText.csv(r.service)},${regionText.csv(r.region)},` +
    `${kg},${k0 ?? ''},${k1 ?? ''},${k2 ?? ''},${k3 ?? ''},${k4 ?? ''},${k5 ?? ''},${k6 ?? ''},${modelText.csv(r.modelVersion)}`
  return [json, csv]
}
