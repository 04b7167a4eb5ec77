/**
 * The overlap rule's provider (MCFS) waits on disk, not in memory: its batches are written as they come and
 * only those that overlap Azure are read back and written again. The files and sums are those of the records
 * kept, in their order, whether no batch, some or every batch overlaps.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ReportBuilder, overlapRule } from '../src/report/builder.js'
import { BatchEncoder } from '../src/report/batch.js'
import { jsonHeader } from '../src/report/json.js'
import type { CarbonRecord, ProviderId } from '../src/model.js'
import { rec } from './helpers/records.js'
import { okOutcome } from './helpers/outcome.js'

const PERIOD = { start: '2025-01', end: '2025-03' }

const mcfs = (account: string, month: string, grams: number): CarbonRecord =>
  rec({ provider: 'mcfs', account, month, grams, marketGrams: grams, locationGrams: null, modelVersion: null })
const azure = (account: string, month: string, grams: number): CarbonRecord =>
  rec({ provider: 'azure', account, month, grams, marketGrams: grams, locationGrams: null, modelVersion: null })

/** A report of batches (MCFS ones interleaved with Azure's), with the rule on or off. */
async function build(batches: CarbonRecord[][], withRule: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-held-'))
  const parts = path.join(dir, 'parts')
  const b = new ReportBuilder(parts, PERIOD, 'market', {
    overlap: withRule ? overlapRule(['azure', 'mcfs'], false) : null
  })
  for (const batch of batches) {
    const enc = new BatchEncoder(batch[0].provider)
    for (const r of batch) enc.add(r)
    b.addBatch(enc.take())
  }
  const model = b.model(
    (['azure', 'mcfs'] as ProviderId[]).map((p) => okOutcome(p, b)),
    [],
    '2026-11-22T10:00:00.000Z'
  )
  await b.writeFiles(jsonHeader(model, []), path.join(dir, 'report.json'), path.join(dir, 'report.csv'))
  await b.cleanup()
  const out = {
    model,
    json: JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')),
    csv: fs.readFileSync(path.join(dir, 'report.csv'), 'utf8'),
    left: fs.readdirSync(parts)
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return out
}

const b1 = [mcfs('s1', '2025-01', 1000), mcfs('s2', '2025-01', 2001)]
const b2 = [mcfs('s3', '2025-02', 3002), mcfs('s4', '2025-02', 4003), mcfs('s3', '2025-03', 5004)]
const b3 = [mcfs('s5', '2025-03', 6005)]

describe('the overlap rule with MCFS held on disk', () => {
  it('rewrites only what overlaps: the files equal a run of the kept records alone', async () => {
    // Azure reports s3 in 2025-02 and s5 in 2025-03: the second and third MCFS batches overlap, the first not.
    const az = [azure('s3', '2025-02', 700), azure('s5', '2025-03', 800)]
    const got = await build([b1, az, b2, b3], true)
    const kept = [b1, [mcfs('s4', '2025-02', 4003), mcfs('s3', '2025-03', 5004)]]
    const want = await build([az, ...kept], false)
    expect(got.json.records).toEqual(want.json.records)
    expect(got.csv).toBe(want.csv)
    expect(got.model.totalGrams).toBe(want.model.totalGrams)
    expect(got.model.months).toEqual(want.model.months)
    expect(got.model.scopes).toEqual(want.model.scopes)
    const entry = got.json.providers.find((p: { provider: string }) => p.provider === 'mcfs')
    expect(entry.overlap).toEqual({ with: 'azure', records: 2, kgCO2e: 9.007 })
    expect(entry.records).toBe(4)
    expect(got.left).toEqual([])
  })

  it('keeps the files as written when nothing overlaps, and drops all of MCFS when everything does', async () => {
    const apart = await build([b1, [azure('s9', '2025-01', 5)], b2], true)
    const plain = await build([[azure('s9', '2025-01', 5)], b1, b2], false)
    expect(apart.json.records).toEqual(plain.json.records)
    expect(apart.csv).toBe(plain.csv)
    expect(apart.model.totalGrams).toBe(1000 + 2001 + 3002 + 4003 + 5004 + 5)

    const az = b1.map((r) => azure(r.account, r.month, 1))
    const all = await build([b1, az], true)
    expect(all.json.records.map((r: { provider: string }) => r.provider)).toEqual(['azure', 'azure'])
    expect(all.csv.trimEnd().split('\r\n')).toHaveLength(3)
    expect(all.json.providers.find((p: { provider: string }) => p.provider === 'mcfs').overlap).toEqual({
      with: 'azure',
      records: 2,
      kgCO2e: 3.001
    })
  })
})
