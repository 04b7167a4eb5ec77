/**
 * Water (`water: true`) against the sandbox's GetEstimatedWaterAllocation: every figure equals the sandbox's own,
 * summed from its seed, to the litre; a role without the water permission is a missing part explained like the
 * carbon one; the carbon figures do not move.
 */
import * as fs from 'node:fs'
import { AWS_ORGS, startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess } from './helpers/action.js'
import { parseCsv } from './helpers/records.js'

const PERIOD = { 'start-date': '2024-11', 'end-date': '2025-12' }
const fast = { http: { sleep: async () => {} } }
const litres = (m3: number) => Math.round(m3 * 1000)

let sb: Sandbox
beforeAll(async () => {
  // Small pages, so that the water answer is paged too; org-b lacks only the water permission.
  const orgs = AWS_ORGS.map((g) => (g.id === 'org-b' ? { ...g, waterDenied: true } : g))
  sb = await startSandbox({ aws: { orgs, pageCap: 40 } })
})
afterAll(async () => {
  await sb?.close()
})

describe('water: true', () => {
  it('every water figure equals the sandbox to the litre, per year and per record; carbon is unchanged', async () => {
    const roleA = sb.aws.roles[0]
    const plain = await runInProcess({ ...sb.inputs.aws, 'aws-role-to-assume': roleA, ...PERIOD }, sb.env(), fast)
    const r = await runInProcess(
      { ...sb.inputs.aws, 'aws-role-to-assume': roleA, ...PERIOD, water: 'true' },
      sb.env(),
      fast
    )
    expect(r.exitCode).toBe(0)
    const w = r.report.water
    const truth = sb.aws.waterTruth({ roles: [roleA], firstYear: 2024, lastYear: 2025 })
    expect(truth.records.length).toBeGreaterThan(40)
    expect(w.unit).toBe('m3')
    expect(litres(w.totalM3)).toBe(truth.litres)
    const key = (x: any) => [x.account, x.year, x.region, x.service].join('|')
    const want = new Map(truth.records.map((t: any) => [key(t), t.litres]))
    expect(w.records).toHaveLength(truth.records.length)
    for (const rec of w.records) expect([key(rec), litres(rec.m3)]).toEqual([key(rec), want.get(key(rec))])
    expect(w.years.map((y: any) => [y.year, y.monthsInPeriod])).toEqual([
      ['2024', 2],
      ['2025', 12]
    ])
    for (const y of w.years) {
      const sum = truth.records.filter((t: any) => t.year === y.year).reduce((a: number, t: any) => a + t.litres, 0)
      expect(litres(y.totalM3)).toBe(sum)
      expect(litres(y.byProvider.aws)).toBe(sum)
    }
    // water.csv holds the same records; the summary has its section; carbon is what it was without water.
    const rows = parseCsv(fs.readFileSync(r.outputs['report-json'].replace('report.json', 'water.csv'), 'utf8'))
    expect(rows[0]).toEqual(['provider', 'account', 'year', 'service', 'region', 'm3'])
    expect(rows.slice(1).reduce((a, row) => a + litres(Number(row[5])), 0)).toBe(truth.litres)
    expect(r.summary).toMatch(/### Water withdrawals/)
    expect(r.summary).toMatch(/2024 \(2 of 12 months in the period\)/)
    expect(JSON.stringify(r.report.records)).toBe(JSON.stringify(plain.report.records))
    expect(plain.report.water).toBeUndefined()
  })

  it('a role without sustainability:GetEstimatedWaterAllocation: its water is missing, explained; the rest is exact', async () => {
    const [roleA, roleB] = sb.aws.roles
    const r = await runInProcess(
      { ...sb.inputs.aws, 'aws-role-to-assume': `${roleA}\n${roleB}`, ...PERIOD, water: 'true' },
      sb.env(),
      fast
    )
    const aws = r.report.providers.find((p: any) => p.provider === 'aws')
    expect(aws.status).toBe('partial')
    expect(aws.missing.map((m: any) => m.what)).toEqual([`water of 2024 of ${roleB}`, `water of 2025 of ${roleB}`])
    expect(aws.missing[0].cause).toMatch(/Allow sustainability:GetEstimatedWaterAllocation \(Resource "\*"\)/)
    const truth = sb.aws.waterTruth({ roles: [roleA], firstYear: 2024, lastYear: 2025 })
    expect(litres(r.report.water.totalM3)).toBe(truth.litres)
    expect(r.exitCode).toBe(1)
  })
})
