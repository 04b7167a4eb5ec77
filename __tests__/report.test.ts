import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import { ReportBuilder } from '../src/report/builder.js'
import { jsonHeader } from '../src/report/json.js'
import { evaluateThresholds } from '../src/report/thresholds.js'
import { renderSummary } from '../src/report/markdown.js'
import { csvText, escapeMarkdown, defuseFormula } from '../src/report/escape.js'
import { CSV_HEADER, recordCsv } from '../src/report/records.js'
import type { CarbonRecord, ProviderId } from '../src/model.js'
import { parseCsv, rec } from './helpers/records.js'
import { okOutcome as outcome } from './helpers/outcome.js'

async function build(records: CarbonRecord[], providers: ProviderId[] = ['aws']) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-report-'))
  const b = new ReportBuilder(path.join(dir, 'parts'), { start: '2025-01', end: '2025-03' }, 'market')
  for (const r of records) b.add(r)
  const model = b.model(
    providers.map((p) => outcome(p, b)),
    [],
    '2026-11-22T10:00:00.000Z'
  )
  const thresholds = evaluateThresholds(
    { maxTotal: 1, maxMonthly: null, maxIncreasePercent: null },
    model.totalGrams,
    model.months
  )
  await b.writeFiles(jsonHeader(model, thresholds), path.join(dir, 'report.json'), path.join(dir, 'report.csv'))
  await b.cleanup()
  return {
    model,
    json: JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')),
    csv: fs.readFileSync(path.join(dir, 'report.csv'), 'utf8'),
    dir
  }
}

const kgToG = (kg: number) => Math.round(kg * 1000)

describe('report.json and report.csv', () => {
  it('follow the contract shape, with records in canonical provider order', async () => {
    const { json, csv } = await build(
      [
        rec({
          provider: 'azure',
          account: 'sub-1',
          month: '2025-02',
          grams: 100,
          marketGrams: 100,
          locationGrams: null,
          scope2LocationGrams: null,
          scope3LocationGrams: null,
          modelVersion: null
        }),
        rec(),
        rec({ month: '2025-03', grams: 1, marketGrams: 1 })
      ],
      ['aws', 'azure']
    )
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'generatedAt',
      'period',
      'method',
      'unit',
      'totalKgCO2e',
      'providers',
      'months',
      'thresholds',
      'notes',
      'records',
      'scopes',
      'years'
    ])
    expect(json.schemaVersion).toBe(1)
    expect(json.unit).toBe('kgCO2e')
    expect(json.period).toEqual({ start: '2025-01', end: '2025-03' })
    expect(json.totalKgCO2e).toBe(48.101)
    expect(json.records.map((r: any) => r.provider)).toEqual(['aws', 'aws', 'azure'])
    expect(json.records[0]).toEqual({
      provider: 'aws',
      account: '111122223333',
      accountName: null,
      month: '2025-01',
      service: 'AmazonEC2',
      region: 'us-east-1',
      kgCO2e: 48,
      marketKgCO2e: 48,
      locationKgCO2e: 51,
      scope1KgCO2e: 0,
      scope2MarketKgCO2e: 40,
      scope2LocationKgCO2e: 43,
      scope3MarketKgCO2e: 8,
      scope3LocationKgCO2e: 8,
      modelVersion: 'v3.0.0'
    })
    expect(json.records[2].locationKgCO2e).toBeNull()
    expect(json.months).toEqual([
      { month: '2025-01', totalKgCO2e: 48, byProvider: { aws: 48 } },
      { month: '2025-02', totalKgCO2e: 0.1, byProvider: { azure: 0.1 } },
      { month: '2025-03', totalKgCO2e: 0.001, byProvider: { aws: 0.001 } }
    ])
    expect(json.providers.map((p: any) => [p.provider, p.status, p.records, p.totalKgCO2e, p.error])).toEqual([
      ['aws', 'ok', 2, 48.001, null],
      ['azure', 'ok', 1, 0.1, null]
    ])
    expect(json.thresholds).toEqual([
      expect.objectContaining({ name: 'max-total', limitTCO2e: 1, actualTCO2e: 0.048, breached: false })
    ])

    const rows = parseCsv(csv)
    expect(rows[0].join(',')).toBe(CSV_HEADER)
    expect(rows).toHaveLength(4)
    expect(rows[1]).toEqual([
      'aws',
      '111122223333',
      '',
      '2025-01',
      'AmazonEC2',
      'us-east-1',
      '48',
      '48',
      '51',
      '0',
      '40',
      '43',
      '8',
      '8',
      'v3.0.0'
    ])
    expect(rows[3][8]).toBe('') // null is an empty cell
    expect(csv.endsWith('\r\n')).toBe(true)
  })

  it('an empty report is valid JSON with no records', async () => {
    const { json, csv } = await build([])
    expect(json.records).toEqual([])
    expect(json.totalKgCO2e).toBe(0)
    expect(csv).toBe(`${CSV_HEADER}\r\n`)
  })

  it('writes the CSV header once whichever providers have records, and leaves no part files', async () => {
    // aws has none: the azure part (which starts with the header) becomes report.csv, mcfs's rows follow it.
    const { csv, dir } = await build(
      [
        rec({ provider: 'mcfs', account: 'enrollment-1', grams: 7, marketGrams: 7 }),
        rec({ provider: 'azure', account: 'sub-1', grams: 5, marketGrams: 5 }),
        rec({ provider: 'mcfs', account: 'enrollment-2', grams: 9, marketGrams: 9 })
      ],
      ['aws', 'azure', 'mcfs']
    )
    const rows = parseCsv(csv)
    expect(rows.map((r) => r[0])).toEqual(['provider', 'azure', 'mcfs', 'mcfs'])
    expect(rows.map((r) => r[1])).toEqual(['account', 'sub-1', 'enrollment-1', 'enrollment-2'])
    expect(csv.split(CSV_HEADER)).toHaveLength(2)
    expect(fs.readdirSync(path.join(dir, 'parts'))).toEqual([])
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('totals agree to the gram across records, months, providers and CSV, for any records', async () => {
    const arbRecord = fc.record({
      provider: fc.constantFrom<ProviderId>('aws', 'azure', 'mcfs'),
      account: fc.string({ minLength: 1, maxLength: 12 }),
      month: fc.constantFrom('2025-01', '2025-02', '2025-03'),
      service: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
      grams: fc.integer({ min: 0, max: 5_000_000_000_000 }),
      location: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: null })
    })
    await fc.assert(
      fc.asyncProperty(fc.array(arbRecord, { maxLength: 60 }), async (arbs) => {
        const records = arbs.map((a) => rec({ ...a, marketGrams: a.grams, locationGrams: a.location }))
        const { json, csv, dir } = await build(records, ['aws', 'azure', 'mcfs'])
        const expected = records.reduce((s, r) => s + r.grams, 0)
        expect(kgToG(json.totalKgCO2e)).toBe(expected)
        expect(json.records.reduce((s: number, r: any) => s + kgToG(r.kgCO2e), 0)).toBe(expected)
        expect(json.months.reduce((s: number, m: any) => s + kgToG(m.totalKgCO2e), 0)).toBe(expected)
        expect(json.providers.reduce((s: number, p: any) => s + kgToG(p.totalKgCO2e), 0)).toBe(expected)
        const rows = parseCsv(csv).slice(1)
        expect(rows).toHaveLength(records.length)
        expect(rows.reduce((s, r) => s + kgToG(Number(r[6])), 0)).toBe(expected)
        for (const [i, r] of rows.entries()) expect(r[0]).toBe(json.records[i].provider)
        fs.rmSync(dir, { recursive: true, force: true })
      }),
      { numRuns: 60 }
    )
  })
})

describe('escaping', () => {
  it('CSV defuses formulas in text cells only and quotes per RFC 4180', () => {
    expect(defuseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`)
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(defuseFormula(`${lead}x`)).toBe(`'${lead}x`)
    expect(csvText('a,b')).toBe('"a,b"')
    expect(csvText('say "hi"')).toBe('"say ""hi"""')
    expect(csvText('-1+1')).toBe(`'-1+1`)
    expect(csvText('line\nbreak')).toBe('"line\nbreak"')
    expect(csvText(null)).toBe('')
    const line = recordCsv(rec({ service: '=cmd|" /C calc"!A0', region: '@SUM(1)', account: '+1', grams: -5 }))
    const cells = parseCsv(`${line}\r\n`)[0]
    expect(cells[1]).toBe(`'+1`)
    expect(cells[4]).toBe(`'=cmd|" /C calc"!A0`)
    expect(cells[5]).toBe(`'@SUM(1)`)
    expect(cells[6]).toBe('-0.005') // numbers are numbers
  })

  it('Markdown: HTML, pipes, backticks, newlines, mentions, refs and links are inert', () => {
    const s = escapeMarkdown('<img src=x onerror=alert(1)> | `rm` \n @octocat #123 [x](https://evil) **b**')
    expect(s).not.toMatch(/<img/)
    expect(s).toContain('&lt;img')
    expect(s).not.toMatch(/(^|[^\\])\|/)
    expect(s).not.toMatch(/(^|[^\\])`/)
    expect(s).not.toMatch(/\n/)
    expect(s).not.toMatch(/@octocat/)
    expect(s).toContain('@\u200boctocat')
    expect(s).not.toMatch(/#123/)
    expect(s).not.toMatch(/https:\/\//)
    expect(s).toContain('\\*\\*b\\*\\*')
  })
})

describe('thresholds', () => {
  const months = [
    { month: '2025-01', grams: 4_000_000, byProvider: { aws: 4_000_000 } },
    { month: '2025-02', grams: 5_000_001, byProvider: { aws: 5_000_001 } },
    { month: '2025-03', grams: 6_000_000, byProvider: { aws: 6_000_000 } }
  ]
  it('compares exact grams: one gram over is a breach', () => {
    const r = evaluateThresholds({ maxTotal: 15.000001, maxMonthly: 5, maxIncreasePercent: 20 }, 15_000_001, months)
    expect(r.map((t) => [t.name, t.breached])).toEqual([
      ['max-total', false],
      ['max-monthly', true],
      ['max-increase-percent', false]
    ])
    expect(r[1]).toMatchObject({ actualTCO2e: 6, month: '2025-03' })
    expect(r[1].message).toMatch(/Months 2025-02, 2025-03 exceed the monthly limit of 5 tCO2e/)
    expect(r[2]).toMatchObject({ limitPercent: 20, actualPercent: 20, month: '2025-03', previousMonth: '2025-02' })
    expect(
      evaluateThresholds({ maxTotal: 15, maxMonthly: null, maxIncreasePercent: null }, 15_000_001, months)[0].breached
    ).toBe(true)
  })
  it('the increase is judged on the latest month with data', () => {
    const withGap = [...months, { month: '2025-04', grams: 0, byProvider: {} }]
    const r = evaluateThresholds({ maxTotal: null, maxMonthly: null, maxIncreasePercent: 19.9 }, 0, withGap)
    expect(r[0]).toMatchObject({ breached: true, month: '2025-03', actualPercent: 20 })
    const fromZero = evaluateThresholds({ maxTotal: null, maxMonthly: null, maxIncreasePercent: 1000 }, 0, [
      { month: '2025-01', grams: 0, byProvider: { aws: 0 } },
      { month: '2025-02', grams: 5, byProvider: { aws: 5 } }
    ])
    expect(fromZero[0]).toMatchObject({ breached: true, actualPercent: null })
    const single = evaluateThresholds({ maxTotal: null, maxMonthly: null, maxIncreasePercent: 5 }, 0, [months[0]])
    expect(single[0]).toMatchObject({ breached: false, actualPercent: null })
    expect(single[0].message).toMatch(/Not judged/)
  })
})

describe('summary', () => {
  it('leads with the total and method, escapes provider strings, shows chart, table and tops', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-md-'))
    const b = new ReportBuilder(dir, { start: '2025-01', end: '2025-02' }, 'market')
    b.add(rec({ service: '<script>alert(1)</script>|x', grams: 1_500_000 }))
    b.add(rec({ month: '2025-02', account: '@admin #42', grams: 2_500_000 }))
    const model = b.model([outcome('aws', b)], [], '2026-11-22T10:00:00.000Z')
    const th = evaluateThresholds(
      { maxTotal: 3, maxMonthly: null, maxIncreasePercent: null },
      model.totalGrams,
      model.months
    )
    const md = renderSummary(model, th, { unpublished: ['2025-02'] })
    expect(md).toMatch(
      /^## Cloud carbon footprint\n\n\*\*4\.000 tCO2e\*\* \(market-based\) from AWS, 2025-01 to 2025-02/
    )
    expect(md).toContain('xychart-beta')
    expect(md).toContain('bar [1.500, 2.500]')
    expect(md).toMatch(/\| 2025-01 +\| +1\.500 \|/)
    expect(md).toContain('❌ breached')
    expect(md).toMatch(/Total 4\.000 tCO2e exceeds the limit of 3 tCO2e/)
    expect(md).toContain('2025-02 is not published yet')
    expect(md).not.toContain('<script>')
    expect(md).toContain('&lt;script&gt;')
    expect(md).not.toContain('@admin')
    expect(md).not.toContain('#42')
    // Every table row has the same number of unescaped pipes as its header.
    for (const table of md.split('\n\n').filter((blk) => blk.startsWith('|'))) {
      const lines = table.split('\n').filter((l) => l.startsWith('|'))
      const count = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length
      for (const l of lines) expect(count(l)).toBe(count(lines[0]))
    }
  })
})
