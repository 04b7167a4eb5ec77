/**
 * BigQuery rows of the export query (query.ts) -> the contract's gcp records:
 *   account = project.id, else billing_account_id; month = usage_month; service = service.description;
 *   region = location.region, else location.location; market / location = the totals' market_based /
 *   location_based; scope1; scope2 market / location; scope3 (the same figure for both methods);
 *   modelVersion = carbon_model_version as text; accountName null.
 * Before 2023 the export has no market-based figures (null, never 0): a market headline then falls back to the
 * location-based figure, and `fellBack` counts those records for the provider's note.
 *
 * Arithmetic. Each kilogram figure is read from its decimal text into integer nanograms (no double on the way:
 * NUMERIC sums can have 29 digits before the point), rows of one key are added in nanograms (the query groups
 * already; folding again keeps a record whole if a key ever came twice), and each figure is rounded once to the
 * gram, half away from zero. A FLOAT64 text (`1.0E-5`) is read through its shortest decimal form.
 */
import type { Method } from '../../model.js'
import { kilogramsToNanograms, nanogramsToGrams } from '../../units.js'
import type { BqCell, BqRow, SchemaField } from './bigquery.js'

/** A normalized record of the gcp provider (the CarbonRecord of src/model.ts with provider 'gcp'). */
export interface GcpRecord {
  provider: 'gcp'
  account: string
  accountName: null
  month: string
  service: string | null
  region: string | null
  grams: number
  marketGrams: number | null
  locationGrams: number | null
  scope1Grams: number | null
  scope2MarketGrams: number | null
  scope2LocationGrams: number | null
  scope3MarketGrams: number | null
  scope3LocationGrams: number | null
  modelVersion: string | null
}

const FIGURES = [
  'market_kg',
  'location_kg',
  'scope1_kg',
  'scope2_market_kg',
  'scope2_location_kg',
  'scope3_kg'
] as const
type Figure = (typeof FIGURES)[number]

/** Kilograms as decimal text (or a FLOAT64's text) -> exact integer nanograms. */
export function kgTextToNanograms(text: string, what: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim())
  if (!m) return kilogramsToNanograms(text, what)
  const [, sign, whole, frac = ''] = m
  // 1 kg = 10^12 ng: 12 decimals are whole nanograms; more are rounded half away from zero.
  const digits = `${frac}000000000000`
  let ng = BigInt(whole) * 1_000_000_000_000n + BigInt(digits.slice(0, 12))
  if (frac.length > 12 && Number(digits[12]) >= 5) ng += 1n
  return sign === '-' ? -ng : ng
}

interface Cell {
  account: string
  month: string
  service: string | null
  region: string | null
  ng: Record<Figure, bigint | null>
  modelVersion: number | null
  rows: number
}

export interface GcpRecords {
  records: GcpRecord[]
  /** Records whose market headline fell back to location-based (no market figure: data before 2023). */
  fellBack: number
  /** Rows of the export folded into the records (COUNT(*) of the query). */
  exportRows: number
}

/** Folds the answer's rows into records; call `add` per page, then `records`. */
export class GcpRecordFolder {
  private readonly cells = new Map<string, Cell>()
  private index: Map<string, number> | null = null
  /** Rows of months outside the period (the query filters them: a server that did not), left out and counted. */
  outside = 0

  /** `period`: the months asked for (YYYY-MM), to leave out rows of other months. */
  constructor(private readonly period?: { start: string; end: string }) {}

  add(fields: SchemaField[], rows: BqRow[]): void {
    if (this.index === null || this.index.size !== fields.length) {
      this.index = new Map(fields.map((f, i) => [f.name, i]))
      for (const need of ['usage_month', 'account', 'service_description', 'region', ...FIGURES])
        if (!this.index.has(need)) throw new Error(`BigQuery's answer has no column ${need}`)
    }
    const at = this.index
    for (const row of rows) {
      const v = (name: string): string | null => scalar(row.f?.[at.get(name) ?? -1], name)
      const month = /^(\d{4}-\d{2})-01$/.exec(v('usage_month') ?? '')?.[1]
      if (!month)
        throw new Error(`a row has no usage_month of a month's first day (${JSON.stringify(v('usage_month'))})`)
      if (this.period && (month < this.period.start || month > this.period.end)) {
        this.outside++
        continue
      }
      const account = v('account')
      if (account === null || account === '')
        throw new Error(`a row of ${month} has neither project.id nor billing_account_id`)
      const service = v('service_description')
      const region = v('region')
      const key = JSON.stringify([month, account, service, region])
      let cell = this.cells.get(key)
      if (!cell) {
        cell = {
          account,
          month,
          service,
          region,
          ng: Object.fromEntries(FIGURES.map((f) => [f, null])) as Record<Figure, bigint | null>,
          modelVersion: null,
          rows: 0
        }
        this.cells.set(key, cell)
      }
      for (const f of FIGURES) {
        const text = v(f)
        if (text === null) continue
        cell.ng[f] = (cell.ng[f] ?? 0n) + kgTextToNanograms(text, `${f} of ${month}`)
      }
      const version = at.has('model_version') ? v('model_version') : null
      if (version !== null && /^-?\d+$/.test(version))
        cell.modelVersion = Math.max(cell.modelVersion ?? -Infinity, Number(version))
      const count = at.has('row_count') ? Number(v('row_count')) : 1
      cell.rows += Number.isFinite(count) ? count : 1
    }
  }

  records(method: Method): GcpRecords {
    const g = (ng: bigint | null): number | null => (ng === null ? null : nanogramsToGrams(ng))
    let fellBack = 0
    let exportRows = 0
    const out: GcpRecord[] = []
    const cmp = (a: string | null, b: string | null): number =>
      (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0
    const cells = [...this.cells.values()].sort(
      (a, b) =>
        cmp(a.month, b.month) || cmp(a.account, b.account) || cmp(a.service, b.service) || cmp(a.region, b.region)
    )
    for (const c of cells) {
      exportRows += c.rows
      const marketGrams = g(c.ng.market_kg)
      const locationGrams = g(c.ng.location_kg)
      const chosen = method === 'market' ? marketGrams : locationGrams
      const other = method === 'market' ? locationGrams : marketGrams
      if (chosen === null && other !== null && method === 'market') fellBack++
      const scope3 = g(c.ng.scope3_kg)
      out.push({
        provider: 'gcp',
        account: c.account,
        accountName: null,
        month: c.month,
        service: c.service,
        region: c.region,
        grams: chosen ?? other ?? 0,
        marketGrams,
        locationGrams,
        scope1Grams: g(c.ng.scope1_kg),
        scope2MarketGrams: g(c.ng.scope2_market_kg),
        scope2LocationGrams: g(c.ng.scope2_location_kg),
        scope3MarketGrams: scope3,
        scope3LocationGrams: scope3,
        modelVersion: c.modelVersion === null ? null : String(c.modelVersion)
      })
    }
    return { records: out, fellBack, exportRows }
  }
}

/** A cell's value as text or null; a STRUCT or ARRAY where a scalar belongs is an error. */
function scalar(cell: BqCell | undefined, name: string): string | null {
  const v = cell?.v
  if (v === null || v === undefined) return null
  if (typeof v !== 'string') throw new Error(`BigQuery's answer has a nested value in column ${name}`)
  return v
}
