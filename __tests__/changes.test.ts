/**
 * Change over time: month-over-month and year-over-year arithmetic on exact grams, the baseline comparison
 * (restated months, records that appeared, vanished or changed), bad baseline files, and the notice/failure
 * for months not published yet.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ReportBuilder, type ProviderOutcome } from '../src/report/builder.js'
import { BaselineComparison, change, changesJson, loadBaseline, movers, periodChanges } from '../src/report/changes.js'
import { changesSection, signedPercent } from '../src/report/changes-md.js'
import { jsonHeader } from '../src/report/json.js'
import { InputError } from '../src/settings.js'
import type { CarbonRecord, Period, ProviderId } from '../src/model.js'
import { okOutcome as outcome } from './helpers/outcome.js'
import { rec } from './helpers/records.js'
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess } from './helpers/action.js'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-changes-'))

async function build(
  records: CarbonRecord[],
  period: Period,
  providers: ProviderId[] = ['aws'],
  comparison?: BaselineComparison,
  status: Partial<Record<ProviderId, ProviderOutcome['status']>> = {}
) {
  const dir = tmp()
  const b = new ReportBuilder(path.join(dir, 'parts'), period, 'market')
  for (const r of records) {
    b.add(r)
    comparison?.observe(r)
  }
  const model = b.model(
    providers.map((p) => outcome(p, b, { status: status[p] ?? 'ok' })),
    [],
    '2026-11-22T10:00:00.000Z'
  )
  const file = path.join(dir, 'report.json')
  await b.writeFiles(jsonHeader(model, []), file, path.join(dir, 'report.csv'))
  await b.cleanup()
  return { model, file }
}

describe('month over month and year over year', () => {
  const records = [
    rec({ month: '2024-12', service: 'EC2', grams: 4_000_000 }),
    rec({ month: '2025-11', service: 'EC2', grams: 1_000_001 }),
    rec({ month: '2025-12', service: 'EC2', grams: 1_500_002 }),
    rec({ month: '2025-11', service: 'S3', grams: 2_000_000 }),
    rec({ month: '2025-12', service: 'S3', grams: 0 }),
    rec({ month: '2025-12', service: 'Lambda', account: '999988887777', grams: 7 }),
    rec({ provider: 'azure', account: 'sub-1', month: '2025-11', service: 'VM', grams: 10 }),
    rec({ provider: 'azure', account: 'sub-1', month: '2025-12', service: 'VM', grams: 5 })
  ]
  let c: ReturnType<typeof periodChanges>
  beforeAll(async () => {
    c = periodChanges((await build(records, { start: '2024-12', end: '2025-12' }, ['aws', 'azure'])).model)
  })

  it('compares the latest month with data against the month before, to the gram', () => {
    const mom = c.monthOverMonth!
    expect([mom.month, mom.previousMonth]).toEqual(['2025-12', '2025-11'])
    expect(mom.total).toEqual({ before: 3_000_011, after: 1_500_014, delta: -1_499_997, percent: -50 })
    expect(mom.providers).toEqual([
      { provider: 'aws', before: 3_000_001, after: 1_500_009, delta: -1_499_992, percent: -50 },
      { provider: 'azure', before: 10, after: 5, delta: -5, percent: -50 }
    ])
    const svc = Object.fromEntries(mom.services.map((s) => [`${s.provider}/${s.key}`, s]))
    expect(svc['aws/EC2']).toMatchObject({ before: 1_000_001, after: 1_500_002, delta: 500_001, percent: 50 })
    expect(svc['aws/S3']).toMatchObject({ before: 2_000_000, after: 0, delta: -2_000_000, percent: -100 })
    // From nothing: no percentage (null), shown as "new".
    expect(svc['aws/Lambda']).toMatchObject({ before: 0, after: 7, delta: 7, percent: null })
    expect(signedPercent(svc['aws/Lambda'])).toBe('new')
    // Largest absolute change first.
    expect(mom.services.map((s) => s.key)).toEqual(['S3', 'EC2', 'Lambda', 'VM'])
    const acc = Object.fromEntries(mom.accounts.map((a) => [`${a.provider}/${a.key}`, a.delta]))
    expect(acc).toEqual({ 'aws/111122223333': -1_499_999, 'aws/999988887777': 7, 'azure/sub-1': -5 })
  })

  it('year over year when the period holds the same month a year earlier', async () => {
    const yoy = c.yearOverYear!
    expect([yoy.month, yoy.previousMonth]).toEqual(['2025-12', '2024-12'])
    expect(yoy.total).toEqual({ before: 4_000_000, after: 1_500_014, delta: -2_499_986, percent: -62.5 })
    expect(
      periodChanges((await build(records, { start: '2025-01', end: '2025-12' }, ['aws', 'azure'])).model).yearOverYear
    ).toBeNull()
  })

  it('percent: exact, rounded to 2 decimals, null from zero; both zero is "–"', () => {
    expect(change(3, 4).percent).toBe(33.33)
    expect(change(3, 2).percent).toBe(-33.33)
    expect(change(0, 0)).toEqual({ before: 0, after: 0, delta: 0, percent: null })
    expect(signedPercent(change(0, 0))).toBe('–')
    expect(signedPercent(change(100, 100))).toBe('±0.0%')
    expect(signedPercent(change(1000, 1234))).toBe('+23.4%')
    // Integer grams far beyond float-safe kilogram sums stay exact.
    const big = change(9_000_000_000_000_000 - 1, 9_000_000_000_000_000)
    expect(big.delta).toBe(1)
  })

  it('risers and fallers', () => {
    const m = movers(c.monthOverMonth!.services, 1)
    expect(m.risers.map((g) => g.key)).toEqual(['EC2'])
    expect(m.fallers.map((g) => g.key)).toEqual(['S3'])
  })

  it('no month with data after another: no change, and the report says nothing wrong', async () => {
    const one = await build([rec({ month: '2025-01' })], { start: '2025-01', end: '2025-01' })
    expect(periodChanges(one.model)).toEqual({ monthOverMonth: null, yearOverYear: null })
    expect(changesSection({ monthOverMonth: null, yearOverYear: null, baseline: null })).toBe('')
  })

  it('report.json carries the changes in kgCO2e', () => {
    const j = changesJson({ ...c, baseline: null }) as any
    expect(j.monthOverMonth.total).toEqual({
      beforeKgCO2e: 3000.011,
      afterKgCO2e: 1500.014,
      changeKgCO2e: -1499.997,
      changePercent: -50
    })
    expect(j.monthOverMonth.services.find((s: any) => s.service === 'Lambda')).toMatchObject({
      provider: 'aws',
      changePercent: null
    })
    expect(j.yearOverYear.previousMonth).toBe('2024-12')
    expect(j.baseline).toBeNull()
  })
})

describe('baseline comparison', () => {
  const base = [
    rec({ month: '2025-01', service: 'EC2', grams: 1000 }),
    rec({ month: '2025-02', service: 'EC2', grams: 2000 }),
    rec({ month: '2025-02', service: 'S3', grams: 300 }), // vanishes
    rec({ month: '2025-03', service: 'EC2', grams: 5000 }),
    rec({ provider: 'azure', account: 'sub-1', month: '2025-02', service: 'VM', grams: 70 })
  ]
  const now = [
    rec({ month: '2025-02', service: 'EC2', grams: 2500 }), // restated
    rec({ month: '2025-02', service: 'RDS', region: 'eu-west-1', grams: 40 }), // appeared
    rec({ month: '2025-03', service: 'EC2', grams: 5000 }), // same
    rec({ month: '2025-04', service: 'EC2', grams: 6000 }), // a new month
    rec({ provider: 'azure', account: 'sub-1', month: '2025-02', service: 'VM', grams: 99 })
  ]

  it('restated months, appeared, vanished and changed records, keyed by provider/account/month/service/region', async () => {
    const { file } = await build(base, { start: '2025-01', end: '2025-03' }, ['aws', 'azure'])
    const baseline = await loadBaseline(file, 'last/report.json')
    const cmp = new BaselineComparison(baseline, { start: '2025-02', end: '2025-04' })
    // Azure is partial now: its figures are not compared (a difference would not be a restatement).
    const { model } = await build(now, { start: '2025-02', end: '2025-04' }, ['aws', 'azure'], cmp, {
      azure: 'partial'
    })
    const b = cmp.result(model)
    expect(b.providers).toEqual(['aws'])
    expect(b.notCompared).toEqual(['Azure is partial in this report: its figures are not compared.'])
    expect(b.overlap).toEqual({ start: '2025-02', end: '2025-03' })
    expect(b.newMonths).toEqual(['2025-04'])
    expect(b.total).toEqual({ before: 7300, after: 7540, delta: 240, percent: 3.29 })
    expect(b.restated).toEqual([
      { provider: 'aws', month: '2025-02', before: 2300, after: 2540, delta: 240, percent: 10.43 }
    ])
    expect(b.appeared).toMatchObject({
      count: 1,
      delta: 40,
      list: [{ service: 'RDS', region: 'eu-west-1', month: '2025-02', before: null, after: 40 }]
    })
    expect(b.vanished).toMatchObject({ count: 1, delta: -300, list: [{ service: 'S3', before: 300, after: null }] })
    expect(b.changed).toMatchObject({
      count: 1,
      delta: 500,
      list: [{ service: 'EC2', month: '2025-02', before: 2000, after: 2500 }]
    })

    const md = changesSection({ monthOverMonth: null, yearOverYear: null, baseline: b })
    expect(md).toContain('#### Since the baseline')
    expect(md).toContain('Baseline: last/report.json')
    expect(md).toMatch(/Restated by the provider: 1 month/)
    // One unit per column, said in the header: kilograms for figures below a tonne.
    expect(md).toMatch(/\| Provider \| Month +\| Baseline kgCO2e \| Now kgCO2e \| Change kgCO2e \|/)
    expect(md).toMatch(/\| AWS +\| 2025-02 +\| +2\.300 \| +2\.540 \| +▲ \+0\.240 \|/)
    expect(md).toMatch(/Appeared: 1 record, \+0\.040 kg/)
    expect(md).toMatch(/Vanished: 1 record, -0\.300 kg/)
    expect(md).toContain('New since the baseline: 2025-04.')
    const j = changesJson({ monthOverMonth: null, yearOverYear: null, baseline: b }) as any
    expect(j.baseline.restatedMonths).toEqual([
      {
        provider: 'aws',
        month: '2025-02',
        beforeKgCO2e: 2.3,
        afterKgCO2e: 2.54,
        changeKgCO2e: 0.24,
        changePercent: 10.43
      }
    ])
    expect(j.baseline.vanished.records[0]).toMatchObject({ service: 'S3', beforeKgCO2e: 0.3, afterKgCO2e: null })
  })

  it('an identical report: nothing restated, nothing appeared or vanished', async () => {
    const { file } = await build(base, { start: '2025-01', end: '2025-03' }, ['aws', 'azure'])
    const cmp = new BaselineComparison(await loadBaseline(file), { start: '2025-01', end: '2025-03' })
    const { model } = await build(base, { start: '2025-01', end: '2025-03' }, ['aws', 'azure'], cmp)
    const b = cmp.result(model)
    expect(b.providers).toEqual(['aws', 'azure'])
    expect([b.restated.length, b.appeared.count, b.vanished.count, b.changed.count, b.total.delta]).toEqual([
      0, 0, 0, 0, 0
    ])
    expect(changesSection({ monthOverMonth: null, yearOverYear: null, baseline: b })).toContain('No month was restated')
  })

  it('no shared month, another method, a provider missing: said, not guessed', async () => {
    const { file } = await build(base, { start: '2025-01', end: '2025-03' }, ['aws', 'azure'])
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'))
    doc.method = 'location'
    fs.writeFileSync(file, JSON.stringify(doc))
    const cmp = new BaselineComparison(await loadBaseline(file), { start: '2025-06', end: '2025-07' })
    const { model } = await build([rec({ month: '2025-07' })], { start: '2025-06', end: '2025-07' }, ['aws'], cmp)
    const b = cmp.result(model)
    expect(b.overlap).toBeNull()
    expect(b.notCompared.join('\n')).toMatch(/Azure is in the baseline but not in this report/)
    expect(b.notCompared.join('\n')).toMatch(/location-based and this report is market-based/)
    expect(b.notCompared.join('\n')).toMatch(/shares no month/)
  })
})

describe('bad baseline files name the input and the fix', () => {
  const write = (text: string) => {
    const f = path.join(tmp(), 'report.json')
    fs.writeFileSync(f, text)
    return f
  }
  // A report.json of one record, written once; each case changes a parsed copy.
  let goodText = ''
  beforeAll(async () => {
    goodText = fs.readFileSync((await build([rec()], { start: '2025-01', end: '2025-01' })).file, 'utf8')
  })
  const good = () => JSON.parse(goodText)
  const cases: [string, () => string, RegExp][] = [
    ['a directory', () => tmp(), /Input 'baseline': ".*" is a directory\. Give the report\.json inside it/],
    [
      'not JSON',
      () => write('provider,account\naws,1\n'),
      /Input 'baseline': ".*" is not JSON \(.*\)\. Give report\.json \(not report\.csv or summary\.md\)/
    ],
    ['empty', () => write(''), /is not JSON/],
    ['a JSON array', () => write('[]'), /is not a report\.json \(not a JSON object\)/],
    ['no schemaVersion', () => write('{}'), /is not a cloud-carbon-report report\.json \(it has no schemaVersion\)/],
    [
      'schemaVersion 2',
      () => write(JSON.stringify({ ...good(), schemaVersion: 2 })),
      /has schemaVersion 2; this version of the action reads schemaVersion 1/
    ],
    [
      'records not a list',
      () => write(JSON.stringify({ ...good(), records: {} })),
      /is not a valid report\.json \(records is not a list\)/
    ],
    [
      'a bad figure',
      () => write(JSON.stringify({ ...good(), records: [{ ...good().records[0], kgCO2e: 'lots' }] })),
      /records\[0\]\.kgCO2e is not a number/
    ],
    [
      'a bad period',
      () => write(JSON.stringify({ ...good(), period: { start: '2025-1', end: '2025-02' } })),
      /period\.start and period\.end must be YYYY-MM/
    ]
  ]
  it.each(cases)('%s', async (_n, file, message) => {
    let err: unknown
    try {
      await loadBaseline(file())
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(message)
  })
  it('a BOM and a report of another run are fine', async () => {
    const f = write(`\uFEFF${JSON.stringify(good())}`)
    expect((await loadBaseline(f)).records.size).toBe(1)
  })
  it('a report.json re-formatted by another tool (one line, other spacing) reads the same', async () => {
    const f = write(JSON.stringify(good()))
    const g = write(JSON.stringify(good(), null, '\t').replace(/\n/g, '\r\n'))
    const a = await loadBaseline(f)
    const b = await loadBaseline(g)
    expect([...b.records.values()]).toEqual([...a.records.values()])
    expect(b.period).toEqual(a.period)
  })
})

describe('end to end with the sandbox', () => {
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox()
  })
  afterAll(async () => {
    await sb.close()
  })
  const fastSleep = async () => {}
  const inputs = (extra: Record<string, string>) => ({ ...sb.inputs.aws, 'artifact-name': '', ...extra })

  it('a bad baseline fails the step before any request, naming the input', async () => {
    sb.kit.log.length = 0
    const f = path.join(tmp(), 'summary.md')
    fs.writeFileSync(f, '## Cloud carbon footprint\n')
    const r = await runInProcess(inputs({ 'start-date': '2025-01', 'end-date': '2025-12', baseline: f }), sb.env())
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/::error::Input 'baseline': ".*summary\.md" is not JSON/)
    expect(sb.kit.log).toHaveLength(0)
    expect(r.report).toBeNull()
  })

  it("last month's report as baseline: restated months, appeared and vanished records, in the summary and report.json", async () => {
    const first = await runInProcess(inputs({ 'start-date': '2025-01', 'end-date': '2025-11' }), sb.env(), {
      http: { sleep: fastSleep }
    })
    expect(first.exitCode).toBe(0)
    // The provider restates March: one record changes, one disappears, one is new.
    const doc = first.report
    const march = doc.records.filter((x: any) => x.month === '2025-03')
    const changed = march[0]
    const vanished = { ...march[1], service: 'AmazonRetiredService' }
    const appeared = march[2]
    changed.kgCO2e = Math.round((changed.kgCO2e + 12.345) * 1000) / 1000
    doc.records = doc.records.filter((x: any) => x !== appeared)
    doc.records.push(vanished)
    const byMonth: Record<string, number> = {}
    for (const x of doc.records) byMonth[x.month] = (byMonth[x.month] ?? 0) + Math.round(x.kgCO2e * 1000)
    for (const m of doc.months) m.byProvider = byMonth[m.month] === undefined ? {} : { aws: byMonth[m.month] / 1000 }
    const file = path.join(tmp(), 'report.json')
    fs.writeFileSync(file, JSON.stringify(doc))

    const second = await runInProcess(
      inputs({ 'start-date': '2025-01', 'end-date': '2025-12', baseline: file }),
      sb.env(),
      { http: { sleep: fastSleep } }
    )
    expect(second.exitCode).toBe(0)
    const b = second.report.changes.baseline
    expect(b.sharedMonths).toEqual({ start: '2025-01', end: '2025-11' })
    expect(b.newMonths).toEqual(['2025-12'])
    expect(b.restatedMonths.map((x: any) => x.month)).toEqual(['2025-03'])
    const g = (kg: number) => Math.round(kg * 1000)
    const expectedDelta = -12345 - g(vanished.kgCO2e) + g(appeared.kgCO2e)
    expect(g(b.restatedMonths[0].changeKgCO2e)).toBe(expectedDelta)
    expect(b.appeared.count).toBe(1)
    expect(b.appeared.records[0]).toMatchObject({
      account: appeared.account,
      service: appeared.service,
      region: appeared.region,
      month: '2025-03',
      beforeKgCO2e: null
    })
    expect(b.vanished.count).toBe(1)
    expect(b.vanished.records[0]).toMatchObject({ service: 'AmazonRetiredService', afterKgCO2e: null })
    expect(b.changed.count).toBe(1)
    expect(g(b.changed.records[0].afterKgCO2e) - g(b.changed.records[0].beforeKgCO2e)).toBe(-12345)
    // The contract keys are untouched; changes come after them.
    expect(Object.keys(second.report).slice(0, 10)).toEqual([
      'schemaVersion',
      'generatedAt',
      'period',
      'method',
      'unit',
      'totalKgCO2e',
      'providers',
      'months',
      'thresholds',
      'notes'
    ])
    expect(second.report.changes.monthOverMonth.month).toBe('2025-12')
    // (core.summary keeps the file of the first run in this process: read summary.md, the same Markdown.)
    const summary = fs.readFileSync(second.outputs['report-markdown'], 'utf8')
    expect(summary).toContain('### Change over time')
    expect(summary).toMatch(/Restated by the provider: 1 month/)
    expect(summary).toContain('AmazonRetiredService')
  })
})

describe('months not published yet', () => {
  // On 2025-11-22 AWS has published 2025-10 (by the 21st) but not 2025-11.
  const now = new Date('2025-11-22T12:00:00Z')
  let sb: Sandbox
  beforeAll(async () => {
    sb = await startSandbox({ aws: { available: '2025-10' } })
  })
  afterAll(async () => {
    await sb.close()
  })
  const inputs = (extra: Record<string, string>) => ({ ...sb.inputs.aws, 'artifact-name': '', ...extra })

  it('the latest requested month not published yet: a notice, and the months that are', async () => {
    const r = await runInProcess(inputs({ 'start-date': '2025-09', 'end-date': '2025-11' }), sb.env(), {
      now,
      http: { sleep: async () => {} }
    })
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(
      /::notice::2025-11 is not published yet by every provider; the report holds what is available\./
    )
    expect(r.report.months.map((m: any) => [m.month, Object.keys(m.byProvider).length > 0])).toEqual([
      ['2025-09', true],
      ['2025-10', true],
      ['2025-11', false]
    ])
    expect(fs.readFileSync(r.outputs['report-markdown'], 'utf8')).toContain('2025-11 is not published yet')
    // Change over time is about the latest month with data.
    expect(r.report.changes.monthOverMonth.month).toBe('2025-10')
  })

  it('nothing available at all: the provider failed, with an error that explains the publication lag', async () => {
    const r = await runInProcess(inputs({ 'start-date': '2025-11', 'end-date': '2025-11' }), sb.env(), {
      now,
      http: { sleep: async () => {} }
    })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(
      /::error::AWS failed: no data: every month of 2025-11 to 2025-11 is after the latest published month \(AWS publishes a month by the 21st of the next/
    )
    expect(r.outputs.status).toBe('failed')
    expect(r.report.providers[0]).toMatchObject({
      status: 'failed',
      records: 0,
      error: expect.stringMatching(/^no data: /)
    })
    // The report files are still written.
    expect(r.report.records).toEqual([])
    // Like any failed provider, it is a warning with fail-on-error: false.
    const lenient = await runInProcess(
      inputs({ 'start-date': '2025-11', 'end-date': '2025-11', 'fail-on-error': 'false' }),
      sb.env(),
      { now, http: { sleep: async () => {} } }
    )
    expect(lenient.exitCode).toBe(0)
    expect(lenient.outputs.status).toBe('failed')
    expect(lenient.stdout).toMatch(/::warning::AWS failed: no data: .*\(fail-on-error is false\)/)
  })
})
