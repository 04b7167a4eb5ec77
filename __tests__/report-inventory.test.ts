/**
 * The GHG inventory (`scopes`), reporting years (`years`) and no double counting (azure + mcfs), end to end
 * against the sandbox: every figure is recomputed here from report.json's records in integer grams, and the
 * summary says up front when a run is incomplete.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'

const PERIOD = { 'start-date': '2025-10', 'end-date': '2026-09' }
const fast = { http: { sleep: async () => {} } }
const FIGURES: [string, string][] = [
  ['scope1KgCO2e', 'scope1KgCO2e'],
  ['scope2LocationKgCO2e', 'scope2LocationKgCO2e'],
  ['scope2MarketKgCO2e', 'scope2MarketKgCO2e'],
  ['scope3LocationKgCO2e', 'scope3LocationKgCO2e'],
  ['scope3MarketKgCO2e', 'scope3MarketKgCO2e'],
  ['totalLocationKgCO2e', 'locationKgCO2e'],
  ['totalMarketKgCO2e', 'marketKgCO2e']
]

let sb: Sandbox
beforeAll(async () => {
  sb = await startSandbox({ mcfs: { shareAzureSubscriptions: 2, available: { start: '2023-01', end: '2026-10' } } })
})
afterAll(async () => {
  await sb?.close()
})
beforeEach(() => sb.kit.faults.clear())

const g = (kg: number | null): number | null => (kg === null ? null : Math.round(kg * 1000))
const inputs = (providers: string[], extra: Record<string, string> = {}) => ({
  ...Object.assign({}, ...providers.map((p) => sb.inputs[p])),
  providers: providers.join(', '),
  ...PERIOD,
  'fail-on-error': 'false',
  ...extra
})
const run = (providers: string[], extra: Record<string, string> = {}) =>
  runInProcess(inputs(providers, extra), sb.env(), fast)

/** F of the contract from records, in grams: the sum of the non-null values, null when none. */
function scopesOf(records: any[]): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [name, field] of FIGURES) {
    let sum: number | null = null
    for (const r of records) if (r[field] !== null) sum = (sum ?? 0) + g(r[field])!
    out[name] = sum
  }
  return out
}
const gramsOf = (f: Record<string, number | null>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, g(v)]))

/** The reporting year of a month, computed the other way round from src/report/years.ts (by end year). */
function yearOf(month: string, start: number) {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  const pad = (n: number) => String(n).padStart(2, '0')
  if (start === 1) return { label: String(y), start: `${y}-01`, end: `${y}-12` }
  const ends = m >= start ? y + 1 : y
  return { label: `FY${ends}`, start: `${ends - 1}-${pad(start)}`, end: `${ends}-${pad(start - 1)}` }
}

/** scopes, years and totals of a report agree with its records, to the gram. */
function expectInventory(r: ActionRun, fiscalStart: number): void {
  const rep = r.report
  const records: any[] = rep.records
  expect(gramsOf(rep.scopes.total)).toEqual(scopesOf(records))
  for (const p of rep.providers)
    expect(gramsOf(rep.scopes.byProvider[p.provider])).toEqual(
      scopesOf(records.filter((x) => x.provider === p.provider))
    )
  const total = records.reduce((a, x) => a + g(x.kgCO2e)!, 0)
  expect(g(rep.totalKgCO2e)).toBe(total)
  expect(rep.providers.reduce((a: number, p: any) => a + g(p.totalKgCO2e)!, 0)).toBe(total)

  const months: string[] = rep.months.map((m: any) => m.month)
  const labels = [...new Set(months.map((m) => yearOf(m, fiscalStart).label))]
  expect(rep.years.map((y: any) => y.label)).toEqual(labels)
  for (const y of rep.years) {
    const inYear = months.filter((m) => yearOf(m, fiscalStart).label === y.label)
    const recs = records.filter((x) => inYear.includes(x.month))
    const { start, end } = yearOf(inYear[0], fiscalStart)
    expect(y).toMatchObject({ start, end, monthsInPeriod: inYear.length, complete: inYear.length === 12 })
    expect(g(y.totalKgCO2e)).toBe(recs.reduce((a, x) => a + g(x.kgCO2e)!, 0))
    expect(gramsOf(y.scopes)).toEqual(scopesOf(recs))
    for (const [p, kg] of Object.entries(y.byProvider))
      expect(g(kg as number)).toBe(recs.filter((x) => x.provider === p).reduce((a, x) => a + g(x.kgCO2e)!, 0))
  }
  expect(rep.years.reduce((a: number, y: any) => a + g(y.totalKgCO2e)!, 0)).toBe(total)
}

const firstLine = (r: ActionRun) => r.summary.split('\n')[0]

test('all providers: scopes, fiscal years and the overlap of azure and mcfs, to the gram', async () => {
  const all = await run(['aws', 'azure', 'mcfs'], { 'fiscal-year-start': '4' })
  expect(all.outputs.status).toBe('ok')
  expectInventory(all, 4)
  expect(all.report.years.map((y: any) => [y.label, y.monthsInPeriod, y.complete])).toEqual([
    ['FY2026', 6, false],
    ['FY2027', 6, false]
  ])
  // MCFS alone, the same period: its records of (subscription, month) that Azure reports are the overlap.
  const mcfs = await run(['mcfs'])
  const azureKeys = new Set(
    all.report.records.filter((x: any) => x.provider === 'azure').map((x: any) => `${x.account}|${x.month}`)
  )
  const over = mcfs.report.records.filter((x: any) => azureKeys.has(`${x.account}|${x.month}`))
  expect(over.length).toBeGreaterThan(0)
  const entry = all.report.providers.find((p: any) => p.provider === 'mcfs')
  expect(entry.overlap).toEqual({
    with: 'azure',
    records: over.length,
    kgCO2e: over.reduce((a: number, x: any) => a + g(x.kgCO2e)!, 0) / 1000
  })
  // What is left of MCFS is exactly its other records, in their order.
  const kept = mcfs.report.records.filter((x: any) => !azureKeys.has(`${x.account}|${x.month}`))
  expect(all.report.records.filter((x: any) => x.provider === 'mcfs')).toEqual(kept)
  expect(entry.records).toBe(kept.length)
  expect(mcfs.report.providers[0].overlap).toBeUndefined()
  // The summary: complete, the inventory, the years, the overlap said, a legend in fixed colours.
  expect(firstLine(all)).toBe('## Cloud carbon footprint')
  expect(all.summary).toContain('### Greenhouse gas inventory')
  expect(all.summary).toMatch(/\| \*\*FY2026\*\* +\| 2025-10\.\.2026-03 \(6 of 12 months\)/)
  expect(all.summary).toMatch(/No double counting: \d+ MCFS records .* left out; Azure's figures are the ones counted/)
  expect(all.summary).toContain('"plotColorPalette": "#8b949e, #f0883e, #2f81f7, #3fb950"')
  expect(all.summary).toContain('🟧 AWS · 🟦 Azure · 🟩 MCFS')
  expect(all.summary).not.toContain('Microsoft Cloud for Sustainability |')
})

test('AWS failed: the first line says the report is incomplete and without AWS; totals leave it out', async () => {
  sb.kit.faults.add('sts', { kind: 'status', status: 403, times: Infinity })
  const r = await run(['aws', 'azure'])
  expect(r.report.providers[0]).toMatchObject({ provider: 'aws', status: 'failed' })
  expect(firstLine(r)).toMatch(/^## ⚠️ Incomplete cloud carbon footprint: without AWS \(failed\)$/)
  expect(r.summary).toMatch(/from Azure, 2025-10 to 2026-09 .* AWS failed: not in any total/)
  expect(r.summary).toContain('every figure: without AWS (failed)')
  expect(r.summary).not.toMatch(/\| AWS +\| ❌ failed +\| +0 /)
  expectInventory(r, 1)
  expect(r.report.scopes.byProvider.aws.totalMarketKgCO2e).toBeNull()
})

test('months missing: marked in the heading, the chart and the table; the years still add up', async () => {
  sb.kit.faults.add('mcfs', {
    kind: 'status',
    status: 500,
    times: Infinity,
    match: /dateKey(%20|\+| )ge(%20|\+| )20260201/
  })
  sb.kit.faults.add('mcfs', {
    kind: 'status',
    status: 500,
    times: Infinity,
    match: /dateKey(%20|\+| )ge(%20|\+| )20260301/
  })
  const r = await run(['mcfs'])
  expect(r.report.providers[0].status).toBe('partial')
  expect(firstLine(r)).toBe('## ⚠️ Incomplete cloud carbon footprint: without MCFS 2026-02..2026-03')
  expect(r.summary).toContain('"2026-02*", "2026-03*"')
  expect(r.summary).toMatch(/\| 2026-02 ⚠️ +\|/)
  expect(r.summary).toContain('* incomplete month')
  expectInventory(r, 1)
  expect(r.report.years.map((y: any) => [y.label, y.start, y.end, y.monthsInPeriod])).toEqual([
    ['2025', '2025-01', '2025-12', 3],
    ['2026', '2026-01', '2026-12', 9]
  ])
})

test('fiscal-year-start must be a month number', async () => {
  const r = await run(['mcfs'], { 'fiscal-year-start': '13' })
  expect(r.outputs.status).toBe('failed')
  expect(r.stdout).toMatch(/fiscal-year-start.*1 to 12/)
})
