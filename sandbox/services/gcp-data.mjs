// The seeded Carbon Footprint export of the Google Cloud sandbox, and the figures a report of it must show.
//
// Rows follow the export's schema (../shared/docs/gcp.md): one per (billing account, project, service, location,
// month) as the Data Transfer Service writes them, with what makes the action's aggregation matter: zones of one
// region (location `us-central1-a`, region `us-central1`), usage without a project or of a deleted one (project
// id NULL: the record's account is then the billing account), a project that moved between billing accounts,
// multi-regions (`us`, `eu`: region NULL) and `global`, Scope 2 market-based NULL before 2023, the model version
// changing with January and July, and hostile text (spreadsheet formulas, quotes, `|`, line breaks, Markdown).
//
// Each figure is an integer number of micrograms served as kilograms (ug / 1e9, whose shortest decimal form is
// exact), finer than a gram as the real export is: rows of one record sum to fractions of a gram, so a client
// that rounds rows, or sums doubles, can be off where the truth below is not.
import { hash32, monthIndex, monthOf } from '../kit.mjs'

export const FIRST_MONTH = '2021-01'
export const MARKET_FROM = '2023-01'
/** The project that runs the queries and holds the export's dataset. */
export const QUERY_PROJECT = { id: 'carbon-reports-prj', number: '123456789012' }
export const DATASET = 'carbon_export'
export const TABLE = 'carbon_footprint'
export const BILLING_ACCOUNTS = ['01A2B3-C4D5E6-F7A8B9', '0F1E2D-3C4B5A-697887', 'ABCDEF-123456-7890AB']

export const SERVICES = [
  { id: '6F81-5844-456A', description: 'Compute Engine' },
  { id: '95FF-2EF5-5EA1', description: 'Cloud Storage' },
  { id: '24E6-581D-38E5', description: 'BigQuery' },
  { id: '152E-C115-5142', description: 'Cloud Run' },
  { id: 'CCD8-9BF1-090E', description: 'Kubernetes Engine' },
  { id: '9662-B51E-5089', description: 'Cloud SQL' },
  // Hostile descriptions: a report must keep them as text (CSV cells, Markdown tables, JSON).
  { id: 'F1A0-0000-0001', description: '=HYPERLINK("https://evil.example","click")' },
  { id: 'F1A0-0000-0002', description: '+SUM(1,2) | "quoted" \'single\'' },
  { id: 'F1A0-0000-0003', description: 'Line one\nline two **bold** <b>x</b> `code` [link](https://x)' },
  { id: 'F1A0-0000-0004', description: "@import -cmd|' /C calc'!A0" }
]
/** Regions, each with the locations (the region itself, zones of it, or a multi-region) usage is recorded at. */
const PLACES = [
  { region: 'us-central1', locations: ['us-central1', 'us-central1-a', 'us-central1-b'] },
  { region: 'europe-west1', locations: ['europe-west1', 'europe-west1-b'] },
  { region: 'asia-northeast1', locations: ['asia-northeast1'] },
  { region: null, locations: ['us'] },
  { region: null, locations: ['eu'] },
  { region: null, locations: ['global'] }
]

/**
 * Projects by billing account. `id: null` is usage without a project (or of a deleted one, which keeps its
 * number); `from`/`to` bound the months of usage; a project listed under two billing accounts moved between
 * them (both carry it in the month of the move). Usage without a project has an empty project number.
 */
const PROJECTS = [
  { billing: 0, id: 'shop-prod-4821', number: '501234567890', to: '2024-06' },
  { billing: 1, id: 'shop-prod-4821', number: '501234567890', from: '2024-06' },
  { billing: 0, id: 'shop-staging-1177', number: '501234567891' },
  { billing: 0, id: "=cmd|' /C calc'!A0", number: '501234567892', from: '2023-05' },
  { billing: 0, id: null, number: '' },
  { billing: 1, id: 'data-lake-prod', number: '601234567890' },
  { billing: 1, id: 'ml-training-99', number: '601234567891', from: '2022-03' },
  { billing: 2, id: 'legacy-app', number: '701234567890', to: '2022-08' },
  { billing: 2, id: null, number: '701234567890', from: '2022-09', to: '2023-02' },
  { billing: 2, id: null, number: '' }
]

const pick = (seed, key, n) => hash32(`${seed}|${key}`) % n

/** The model version of a month's data: it changes with January and July data. */
export function modelVersionOf(month) {
  const i = monthIndex(month) - monthIndex(FIRST_MONTH)
  return 7 + Math.floor(i / 6)
}

/** Micrograms of one row's figures. `tiny`: a service whose rows are below a gram (their sum is not). */
function rowFigures(seed, key, month, tiny) {
  const h = (k) => hash32(`${seed}|${key}|${month}|${k}`)
  const base = tiny ? 100 + (h('b') % 900_000) : 1_000_000 + (h('b') % 400_000_000) * 37
  const scope1 = h('s1') % 3 === 0 ? 0 : tiny ? h('s1') % 50_000 : h('s1') % 90_000_000
  const scope2Location = base
  const scope2Market =
    monthIndex(month) >= monthIndex(MARKET_FROM) ? Math.round(base * (0.25 + (h('m') % 700) / 1000)) : null
  const scope3 = Math.round(base * 0.35) + (h('s3') % 7777)
  return { scope1, scope2Location, scope2Market, scope3 }
}

/**
 * @param {{ seed?: string, available: string }} o available: the latest published month (YYYY-MM)
 * @returns {{ rows: object[], available: string, first: string }} rows with figures in integer micrograms
 */
export function seedGcpData(o) {
  const seed = o.seed ?? 'gcp'
  const last = monthIndex(o.available)
  const rows = []
  for (const p of PROJECTS) {
    const billing = BILLING_ACCOUNTS[p.billing]
    const pkey = `${billing}|${p.id}|${p.number}`
    const uses = 2 + pick(seed, `n|${pkey}`, 3)
    const combos = []
    for (let j = 0; combos.length < uses && j < 40; j++) {
      const service = SERVICES[pick(seed, `s|${pkey}|${j}`, SERVICES.length)]
      const place = PLACES[pick(seed, `p|${pkey}|${j}`, PLACES.length)]
      if (combos.some((c) => c.service === service && c.place === place)) continue
      combos.push({ service, place })
    }
    const from = Math.max(monthIndex(p.from ?? FIRST_MONTH), monthIndex(FIRST_MONTH))
    const to = Math.min(monthIndex(p.to ?? o.available), last)
    for (let m = from; m <= to; m++) {
      const month = monthOf(m)
      for (const { service, place } of combos) {
        const tiny = service.description === 'Cloud Storage' || place.locations[0] === 'global'
        // Usage in several locations of the region (its zones), or twice at one (a deleted project's number
        // and none) some months: several rows fold into one record.
        const spread = 1 + pick(seed, `z|${pkey}|${service.id}|${month}`, place.locations.length + 1)
        for (let z = 0; z < spread; z++) {
          const location = place.locations[z % place.locations.length]
          const key = `${pkey}|${service.id}|${location}|${z}`
          rows.push({
            usage_month: `${month}-01`,
            billing_account_id: billing,
            project: { id: p.id, number: p.number },
            service: { ...service },
            location: { location, region: place.region },
            ug: rowFigures(seed, key, month, tiny),
            carbon_model_version: modelVersionOf(month)
          })
        }
      }
    }
  }
  return { rows, available: o.available, first: FIRST_MONTH }
}

/** The row's values as the export holds them (kg, FLOAT64; totals from the scopes). */
export function rowKg(r) {
  const { scope1, scope2Location, scope2Market, scope3 } = r.ug
  const kg = (ug) => (ug === null ? null : ug / 1e9)
  return {
    scope1: kg(scope1),
    scope2: { location_based: kg(scope2Location), market_based: kg(scope2Market) },
    scope3: kg(scope3),
    total: {
      location_based: kg(scope1 + scope2Location + scope3),
      market_based: scope2Market === null ? null : kg(scope1 + scope2Market + scope3),
      after_offsets: null
    }
  }
}

/** Micrograms to grams, half away from zero (all figures here are >= 0). */
const ugToGrams = (ug) => (ug === null ? null : Number((ug + 500_000n) / 1_000_000n))

/**
 * The records a report of the table must hold, from the seed without SQL: one per (account, month, service,
 * region) with account = project id else billing account, region = location.region else location.location;
 * each figure the exact sum of its rows (integer micrograms, null where every row is null) rounded once to the
 * gram. `grams` is the headline: `method`'s figure, location-based where market-based is null.
 * @param {{ rows: object[] }} data
 * @param {{ start: string, end: string, billingAccountIds?: string[], method?: 'market'|'location' }} q
 */
export function gcpTruth(data, { start, end, billingAccountIds, method = 'market' }) {
  const first = monthIndex(start)
  const last = monthIndex(end)
  const keep = billingAccountIds && billingAccountIds.length > 0 ? new Set(billingAccountIds) : null
  const cells = new Map()
  const add = (a, v) => (v === null ? a : (a ?? 0n) + BigInt(v))
  for (const r of data.rows) {
    const month = r.usage_month.slice(0, 7)
    const m = monthIndex(month)
    if (m < first || m > last) continue
    if (keep && !keep.has(r.billing_account_id)) continue
    const account = r.project.id ?? r.billing_account_id
    const region = r.location.region ?? r.location.location
    const key = JSON.stringify([account, month, r.service.description, region])
    let c = cells.get(key)
    if (!c) {
      c = { account, month, service: r.service.description, region, s1: null, s2l: null, s2m: null, s3: null }
      c.loc = null
      c.mkt = null
      c.version = r.carbon_model_version
      cells.set(key, c)
    }
    const u = r.ug
    c.s1 = add(c.s1, u.scope1)
    c.s2l = add(c.s2l, u.scope2Location)
    c.s2m = add(c.s2m, u.scope2Market)
    c.s3 = add(c.s3, u.scope3)
    c.loc = add(c.loc, u.scope1 + u.scope2Location + u.scope3)
    c.mkt = add(c.mkt, u.scope2Market === null ? null : u.scope1 + u.scope2Market + u.scope3)
    c.version = Math.max(c.version, r.carbon_model_version)
  }
  const records = [...cells.values()].map((c) => {
    const marketGrams = ugToGrams(c.mkt)
    const locationGrams = ugToGrams(c.loc)
    return {
      provider: 'gcp',
      account: c.account,
      accountName: null,
      month: c.month,
      service: c.service,
      region: c.region,
      grams: method === 'market' ? (marketGrams ?? locationGrams) : (locationGrams ?? marketGrams),
      marketGrams,
      locationGrams,
      scope1Grams: ugToGrams(c.s1),
      scope2MarketGrams: ugToGrams(c.s2m),
      scope2LocationGrams: ugToGrams(c.s2l),
      scope3MarketGrams: ugToGrams(c.s3),
      scope3LocationGrams: ugToGrams(c.s3),
      modelVersion: String(c.version)
    }
  })
  const byMonth = {}
  let totalGrams = 0
  for (const r of records) {
    totalGrams += r.grams
    byMonth[r.month] = (byMonth[r.month] ?? 0) + r.grams
  }
  return { records, totalGrams, byMonth }
}
