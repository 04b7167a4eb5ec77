/**
 * Google Cloud end to end through run() against the sandbox over real HTTPS: GitHub OIDC -> Google STS token
 * exchange -> IAM Credentials impersonation -> BigQuery (the action's SQL run on DuckDB), month by month. Every
 * figure is checked against the sandbox's own truth, summed from its seed without SQL.
 */
import { runInProcess, type ActionRun } from './helpers/action.js'
import { parseCsv } from './helpers/records.js'
import { useSandbox } from './helpers/sandbox.js'

const PERIOD = { 'start-date': '2022-07', 'end-date': '2023-06' }
const fast = { http: { sleep: async () => {} } }

const sb = useSandbox()

const grams = (kg: number | null) => Math.round((kg ?? 0) * 1000)
const run = (inputs: Record<string, string> = {}, env: Record<string, string> = {}) =>
  runInProcess({ ...sb.gcp.inputs, ...PERIOD, ...inputs }, sb.env(env), fast)
const gcpOf = (r: ActionRun) => r.report.providers.find((p: any) => p.provider === 'gcp')

function expectConsistent(r: ActionRun): void {
  const rep = r.report
  const total = grams(rep.totalKgCO2e)
  expect(rep.records.reduce((a: number, x: any) => a + grams(x.kgCO2e), 0)).toBe(total)
  expect(rep.months.reduce((a: number, m: any) => a + grams(m.totalKgCO2e), 0)).toBe(total)
  expect(rep.providers.reduce((a: number, p: any) => a + grams(p.totalKgCO2e), 0)).toBe(total)
  const rows = parseCsv(r.csv!)
  expect(rows.length - 1).toBe(rep.records.length)
}

describe('gcp through run()', () => {
  it('every record and total equals the sandbox truth to the gram; market falls back to location before 2023', async () => {
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('ok')
    const truth = sb.gcp.truth({ start: '2022-07', end: '2023-06', method: 'market' })
    const p = gcpOf(r)
    expect(p.status).toBe('ok')
    expect(grams(p.totalKgCO2e)).toBe(truth.totalGrams)
    expect(p.records).toBe(truth.records.length)
    const key = (x: any) => JSON.stringify([x.account, x.month, x.service, x.region])
    const want = new Map(truth.records.map((t: any) => [key(t), t]))
    for (const rec of r.report.records) {
      const t: any = want.get(key(rec))
      expect(t).toBeDefined()
      expect([key(rec), grams(rec.kgCO2e), rec.marketKgCO2e === null ? null : grams(rec.marketKgCO2e)]).toEqual([
        key(rec),
        t.grams,
        t.marketGrams
      ])
      expect(grams(rec.scope1KgCO2e)).toBe(t.scope1Grams)
      expect(rec.scope3MarketKgCO2e).toBe(rec.scope3LocationKgCO2e)
    }
    // Before 2023 the export has no market-based figures: null, never 0, and the notes say so.
    expect(r.report.records.filter((x: any) => x.month < '2023-01').every((x: any) => x.marketKgCO2e === null)).toBe(
      true
    )
    expect(p.notes.join(' ')).toMatch(/no market-based figure from Google Cloud/)
    expectConsistent(r)
  })

  it('the SQL sent is parameterised: dates and accounts travel as named parameters, never in the text', async () => {
    sb.gcp.jobs.clear()
    const r = await run({ 'gcp-billing-account-ids': sb.gcp.data.rows[0].billing_account_id })
    expect(r.exitCode).toBe(0)
    const jobs = [...sb.gcp.jobs.values()].slice(-12)
    expect(jobs.length).toBe(12)
    const account = sb.gcp.data.rows[0].billing_account_id
    for (const job of jobs) {
      const q = job.request
      expect(q.useLegacySql).toBe(false)
      expect(q.parameterMode).toBe('NAMED')
      expect(q.query).not.toMatch(/20\d\d-\d\d/)
      expect(q.query).not.toContain(account)
      expect(q.query).toMatch(/@first_month[\s\S]*@last_month[\s\S]*@billing_account_ids/)
      expect(q.params.map((p: any) => p.name).sort()).toEqual(['billing_account_ids', 'first_month', 'last_month'])
    }
    const truth = sb.gcp.truth({
      start: '2022-07',
      end: '2023-06',
      method: 'market',
      billingAccountIds: [sb.gcp.data.rows[0].billing_account_id]
    })
    expect(grams(gcpOf(r).totalKgCO2e)).toBe(truth.totalGrams)
  })

  it.each([
    ['429 rateLimitExceeded', { kind: 'throttle', retryAfter: 0, times: 2 }],
    ['403 rateLimitExceeded', { kind: 'error', status: 403, code: 'rateLimitExceeded', times: 2 }],
    ['500 backendError', { kind: 'error', status: 500, times: 2 }]
  ])('BigQuery %s is retried; the figures are the same', async (_n, spec) => {
    const clean = await run()
    sb.kit.faults.add('bigquery', spec)
    const r = await run()
    expect(r.exitCode).toBe(0)
    expect(JSON.stringify(r.report.records)).toBe(JSON.stringify(clean.report.records))
  })

  it('STS and IAM Credentials refusals fail the provider once, saying what to check', async () => {
    const sts = await run({ 'gcp-workload-identity-provider': sb.gcp.otherProvider })
    expect(sts.exitCode).toBe(1)
    expect(gcpOf(sts).status).toBe('failed')
    expect(gcpOf(sts).error).toMatch(/attribute condition|audience/i)
    const iam = await run({ 'gcp-service-account': sb.gcp.notAllowedAccount })
    expect(gcpOf(iam).status).toBe('failed')
    expect(gcpOf(iam).error).toMatch(/workloadIdentityUser|serviceAccountTokenCreator/)
  })

  it('a table that does not exist names the table and the export to create', async () => {
    const r = await run({ 'gcp-table': 'carbon-reports-prj.carbon_export.nope' })
    expect(r.exitCode).toBe(1)
    expect(gcpOf(r).status).toBe('failed')
    expect(gcpOf(r).error).toMatch(/carbon-reports-prj\.carbon_export\.nope does not exist.*Carbon Footprint export/)
  })

  it('access denied on the dataset names the role', async () => {
    const r = await run({ 'gcp-service-account': sb.gcp.noDataAccount })
    expect(gcpOf(r).status).toBe('failed')
    expect(gcpOf(r).error).toMatch(/roles\/bigquery\.dataViewer/)
  })

  it('a job not complete for a while is polled; a repeated page token keeps what came and names the month', async () => {
    sb.gcp.state.pendingAnswers = 2
    sb.gcp.state.pageRows = 7
    const clean = await run()
    expect(clean.exitCode).toBe(0)
    sb.gcp.state.pendingAnswers = 0
    sb.kit.faults.add('bigquery', { kind: 'repeat-token', times: 1 })
    const r = await run()
    sb.gcp.state.pageRows = 5000
    const p = gcpOf(r)
    expect(p.status).toBe('partial')
    expect(p.missing.length).toBe(1)
    expect(p.missing[0].cause).toMatch(/repeated a pageToken it had already given/)
    expectConsistent(r)
  })
})
