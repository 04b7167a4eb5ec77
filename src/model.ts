/**
 * The normalized record every provider yields, and the small vocabulary shared by providers and the report.
 *
 * Quantities are integer grams of CO2e (`Grams`): every provider's figure is converted once, at the edge,
 * and from then on only integers are added, so totals agree to the gram however many records there are.
 * A breakdown the provider does not give is `null`, never 0.
 */

/** Integer grams of CO2e. */
export type Grams = number

/** Every provider, in report order; each has one entry in providers/registry.ts (the compiler checks). */
export const PROVIDER_IDS = ['aws', 'azure', 'mcfs', 'gcp'] as const
export type ProviderId = (typeof PROVIDER_IDS)[number]

export type Method = 'market' | 'location'

/** A calendar month, `YYYY-MM`. */
export type Month = string

export interface CarbonRecord {
  provider: ProviderId
  account: string
  accountName: string | null
  month: Month
  service: string | null
  region: string | null
  /** The headline figure: the chosen method where the provider reports it, else the provider's one figure. */
  grams: Grams
  marketGrams: Grams | null
  locationGrams: Grams | null
  scope1Grams: Grams | null
  scope2MarketGrams: Grams | null
  scope2LocationGrams: Grams | null
  scope3MarketGrams: Grams | null
  scope3LocationGrams: Grams | null
  modelVersion: string | null
  /** Provider-specific extra fields kept in report.json (never in the CSV, whose columns are fixed). */
  extra?: Record<string, string | number | null>
}

/** Water a provider allocates to the usage of an (account, calendar year, service, region), in integer litres. */
export interface WaterRecord {
  provider: ProviderId
  account: string
  year: string
  service: string | null
  region: string | null
  litres: number
}

/** The inclusive range of months a run reports. */
export interface Period {
  start: Month
  end: Month
}

export type ProviderStatus = 'ok' | 'partial' | 'failed'
