// GetEstimatedWaterAllocation's data (the model's `POST /v1/estimated-water-allocation`): TOTAL_WATER_WITHDRAWALS
// in m3 per (usage account, region, service, calendar year), YEARLY_CALENDAR only, seeded from the same accounts and
// (region, service) pairs as the carbon data. A year is there once any of its months is published, for the
// accounts active in it; its figure is integer litres (the API's m3 to three decimals).
import { hash32 } from '../kit.mjs'

/** Litres of an (account, pair) for a calendar year, or null when the account has no usage in it. */
export function waterLitres(data, account, pair, year) {
  const a = data.accounts.get(account)
  if (!a || a.to < year * 12 || a.from > year * 12 + 11) return null
  const h = hash32(`${data.seed}|w|${account}|${pair.region}|${pair.service}|${year}`)
  return 1 + (h % 2_500_000) // up to 2,500 m3
}

/** The calendar years whose 1 January is in [startMs, endMs), clamped to what is published. */
export function yearsIn(data, startMs, endMs) {
  const out = []
  for (let y = Math.floor(data.first / 12); y <= Math.floor(data.last / 12); y++) {
    const t = Date.UTC(y, 0, 1)
    if (t >= startMs && t < endMs) out.push(y)
  }
  return out
}

/** The full-grouped rows (year-major, then account, then pair) of accounts over years. */
export function* waterRows(data, accountIds, years) {
  for (const y of years)
    for (const id of accountIds)
      for (const pair of data.accounts.get(id)?.pairs ?? []) {
        const litres = waterLitres(data, id, pair, y)
        if (litres !== null) yield { year: y, account: id, pair, litres }
      }
}

/**
 * Expected water of identities (org ids) for the calendar years [firstYear, lastYear], without HTTP.
 * @returns {{ litres: number, records: { account: string, year: string, region: string, service: string, litres: number }[] }}
 */
export function waterTruth(data, { orgs, accountIds, firstYear, lastYear }) {
  const ids = [...new Set(orgs.flatMap((o) => data.orgs.get(o)?.accountIds ?? []))].filter(
    (id) => !accountIds?.length || accountIds.includes(id)
  )
  const years = []
  for (
    let y = Math.max(firstYear, Math.floor(data.first / 12));
    y <= Math.min(lastYear, Math.floor(data.last / 12));
    y++
  )
    years.push(y)
  const records = [...waterRows(data, ids, years)].map((r) => ({
    account: r.account,
    year: String(r.year),
    region: r.pair.region,
    service: r.pair.service,
    litres: r.litres
  }))
  return { litres: records.reduce((a, r) => a + r.litres, 0), records }
}
