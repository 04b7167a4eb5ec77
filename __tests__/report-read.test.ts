/**
 * The one report.json reader (src/report/read.ts) and the overlap rule of the builder: what a run writes reads
 * back to the same records however the file is formatted or chunked, and a merge of shards that did not apply
 * the overlap rule writes the report a single run would have.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ReportBuilder, overlapRule } from '../src/report/builder.js'
import { jsonHeader } from '../src/report/json.js'
import { readReport } from '../src/report/read.js'
import { recordJson } from '../src/report/records.js'
import { renderSummary } from '../src/report/markdown.js'
import type { CarbonRecord, ProviderId } from '../src/model.js'
import { rec } from './helpers/records.js'
import { okOutcome as outcome } from './helpers/outcome.js'
import { BaselineComparison, loadBaseline } from '../src/report/changes.js'

const PERIOD = { start: '2025-01', end: '2025-03' }
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-read-'))

/** Writes a report of `records` (in order, one at a time) and returns report.json's text. */
async function write(
  records: Iterable<CarbonRecord>,
  providers: ProviderId[],
  rule = overlapRule(providers, false)
): Promise<string> {
  const dir = tmp()
  const b = new ReportBuilder(path.join(dir, 'parts'), PERIOD, 'market', { overlap: rule })
  for (const r of records) b.add(r)
  const model = b.model(
    providers.map((p) => outcome(p, b)),
    ['a "records": [ note ]'],
    '2026-12-04T00:00:00.000Z'
  )
  const file = path.join(dir, 'report.json')
  await b.writeFiles(jsonHeader(model, []), file, path.join(dir, 'report.csv'))
  await b.cleanup()
  return fs.readFileSync(file, 'utf8')
}

async function readAll(text: string): Promise<{ header: Record<string, unknown>; records: CarbonRecord[] }> {
  const file = path.join(tmp(), 'report.json')
  fs.writeFileSync(file, text)
  const records: CarbonRecord[] = []
  const header = await readReport(file, (r) => records.push(r))
  return { header, records }
}

const tricky = (i: number): CarbonRecord =>
  rec({
    month: `2025-0${(i % 3) + 1}`,
    account: `acc-${i % 7}`,
    service: i % 5 === 0 ? 'a "quoted" {svc} [x], \\ back' : `svc-${i % 11}`,
    region: i % 4 === 0 ? null : 'eu-west-1',
    grams: 1000 + i * 37,
    marketGrams: 1000 + i * 37,
    extra: i % 6 === 0 ? { note: '}]"records": [' } : undefined
  })

describe('readReport', () => {
  it('gives back every record and the header, records spanning read chunks, strings with brackets and quotes', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => tricky(i))
    const text = await write(records, ['aws'])
    expect(text.length).toBeGreaterThan(3 * 65536)
    const got = await readAll(text)
    const parsed = JSON.parse(text)
    expect(got.records.map(recordJson)).toEqual(parsed.records)
    const { records: _r, ...header } = parsed
    expect(got.header).toEqual(header)
  })
  it('reads a report.json re-formatted by another tool the same', async () => {
    const text = await write(
      Array.from({ length: 50 }, (_, i) => tricky(i)),
      ['aws']
    )
    const a = await readAll(text)
    const b = await readAll(JSON.stringify(JSON.parse(text)))
    const c = await readAll(`\uFEFF${JSON.stringify(JSON.parse(text), null, '\t').replace(/\n/g, '\r\n')}`)
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })
  it('names the file and what is wrong', async () => {
    await expect(readAll('provider,account\n')).rejects.toThrow(/is not a report\.json written by cloud-carbon-report/)
    await expect(readAll('{"schemaVersion": 2, "records": []}')).rejects.toThrow(
      /has schemaVersion 2; this version reads 1/
    )
    await expect(readAll('{"schemaVersion": 1}')).rejects.toThrow(/no records list/)
    await expect(
      readAll('{"schemaVersion": 1, "records": [{"provider": "aws", "month": "2025-01"}, 3]}')
    ).rejects.toThrow(/a record is not an object/)
  })
})

describe('no double counting (builder)', () => {
  const mcfs = (account: string, month: string, grams: number): CarbonRecord =>
    rec({ provider: 'mcfs', account, month, grams, marketGrams: grams, locationGrams: null, service: `s-${grams}` })
  const azure = (account: string, month: string, grams: number): CarbonRecord =>
    rec({ provider: 'azure', account, month, grams, marketGrams: grams, locationGrams: null })
  const records = [
    mcfs('sub-a', '2025-01', 1001),
    mcfs('sub-a', '2025-01', 1002),
    mcfs('sub-b', '2025-01', 2001),
    azure('sub-a', '2025-01', 5000),
    mcfs('sub-a', '2025-02', 3001),
    azure('sub-b', '2025-03', 7000),
    mcfs('sub-b', '2025-03', 4001),
    mcfs('tenant-x', '2025-03', 9)
  ]

  it('leaves out MCFS records of a (subscription, month) Azure reports, keeps the others in order, to the gram', async () => {
    const doc = JSON.parse(await write(records, ['azure', 'mcfs']))
    const kept = doc.records.filter((r: any) => r.provider === 'mcfs').map((r: any) => [r.account, r.month])
    expect(kept).toEqual([
      ['sub-b', '2025-01'],
      ['sub-a', '2025-02'],
      ['tenant-x', '2025-03']
    ])
    const m = doc.providers.find((p: any) => p.provider === 'mcfs')
    expect(m).toMatchObject({ records: 3, totalKgCO2e: 5.011, overlap: { with: 'azure', records: 3, kgCO2e: 6.004 } })
    expect(doc.totalKgCO2e).toBe(17.011)
    expect(doc.scopes.byProvider.mcfs.totalMarketKgCO2e).toBe(5.011)
    expect(doc.months.map((x: any) => x.byProvider.mcfs)).toEqual([2.001, 3.001, 0.009])
    // Without Azure selected there is nothing to overlap with: no rule, no key.
    const alone = JSON.parse(
      await write(
        records.filter((r) => r.provider === 'mcfs'),
        ['mcfs']
      )
    )
    expect(alone.providers[0].overlap).toBeUndefined()
    expect(alone.providers[0].records).toBe(6)
  })

  it('shards keep every record; the merge applies the rule and writes what a single run writes', async () => {
    const single = await write(records, ['azure', 'mcfs'])
    const shards: string[] = []
    for (const part of [records.slice(0, 4), records.slice(4)])
      shards.push(await write(part, ['azure', 'mcfs'], overlapRule(['azure', 'mcfs'], true)))
    expect(JSON.parse(shards[0]).providers[1].overlap).toBeUndefined()
    // A shard's summary says that the rule is the merge job's.
    const shard = new ReportBuilder(path.join(tmp(), 'parts'), PERIOD, 'market', {
      overlap: overlapRule(['azure', 'mcfs'], true)
    })
    for (const r of records) shard.add(r)
    const md = renderSummary(shard.model([outcome('azure', shard), outcome('mcfs', shard)], [], 'now'), [])
    expect(md).toMatch(/counted twice here; the merge job counts it once, from Azure/)
    await shard.cleanup()
    const merged: CarbonRecord[] = []
    for (const s of shards) merged.push(...(await readAll(s)).records)
    // The merge streams the shards' records in shard order; azure and mcfs interleave differently than in
    // the single run, which must not matter.
    expect(await write(merged, ['azure', 'mcfs'])).toBe(single)
  })

  it('a baseline comparison leaves out what the report left out (observed as the records came)', async () => {
    const file = path.join(tmp(), 'report.json')
    fs.writeFileSync(file, await write(records, ['azure', 'mcfs']))
    const cmp = new BaselineComparison(await loadBaseline(file), PERIOD)
    const b = new ReportBuilder(path.join(tmp(), 'parts'), PERIOD, 'market', {
      overlap: overlapRule(['azure', 'mcfs'], false)
    })
    for (const r of records) {
      b.add(r)
      cmp.observe(r)
    }
    const model = b.model([outcome('azure', b), outcome('mcfs', b)], [], '2026-12-04T00:00:00.000Z')
    const result = cmp.result(model)
    expect(result.appeared.count).toBe(0)
    expect(result.vanished.count).toBe(0)
    expect(result.changed.count).toBe(0)
    expect(result.restated).toEqual([])
    await b.cleanup()
  })
})
