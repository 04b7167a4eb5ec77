/**
 * Batches: the report is the same whatever the batch boundaries (a page per batch, records one by one, any
 * mix), and the page decoder gives the same batch on a worker thread as on the main thread, recovers from a
 * worker that dies, and never hands another thread a buffer it does not own.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import fc from 'fast-check'
import { ReportBuilder, overlapRule, type OverlapRule } from '../src/report/builder.js'
import { BatchEncoder, packGroups, transferList, unpackGroups, type RecordBatch } from '../src/report/batch.js'
import { jsonHeader } from '../src/report/json.js'
import { RetryBodyError, NotJsonError } from '../src/body.js'
import { DecoderPool } from '../src/providers/aws/workers/pool.js'
import { decodeAwsPage, EMISSIONS_TYPES, type AwsPageJob } from '../src/providers/aws/page.js'
import type { CarbonRecord, ProviderId } from '../src/model.js'
import { rec } from './helpers/records.js'
import { testBundle } from './helpers/action.js'
import { okOutcome } from './helpers/outcome.js'

const PERIOD = { start: '2025-01', end: '2025-03' }

const outcome = okOutcome

/** Builds a report from a list of steps (a record, or a batch of records), returns its model and files. */
async function build(steps: (CarbonRecord | CarbonRecord[])[]) {
  return report(null, (b) => {
    for (const s of steps) {
      if (Array.isArray(s)) {
        if (s.length > 0) b.addBatch(batchOf(s))
      } else b.add(s)
    }
  })
}

/**
 * A report of pages: those in `arrival` (indexes) are placed first, in that order, as the scheduler does when
 * they come; then the first `added` pages are added in their order (with the Azure-MCFS overlap rule or not),
 * and a page placed after the files are written is ignored.
 */
async function buildPlaced(pages: CarbonRecord[][], arrival: number[], withRule: boolean, added = pages.length) {
  return report(
    withRule ? overlapRule(['azure', 'mcfs'], false) : null,
    (b) => {
      const batches = pages.map(batchOf)
      for (const i of arrival) b.place(batches[i])
      for (const batch of batches.slice(0, added)) b.addBatch(batch)
    },
    (b) => b.place(batchOf([rec({ account: '999999999999' })]))
  )
}

function batchOf(records: CarbonRecord[]): RecordBatch {
  const enc = new BatchEncoder(records[0].provider)
  for (const r of records) enc.add(r)
  return enc.take()
}

/** A report: `fill` adds to a new builder, `after` runs once the files are written; its model and files. */
async function report(
  overlap: OverlapRule | null,
  fill: (b: ReportBuilder) => void,
  after: (b: ReportBuilder) => void = () => {}
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-batch-'))
  const b = new ReportBuilder(path.join(dir, 'parts'), PERIOD, 'market', { overlap })
  fill(b)
  const model = b.model(
    (['aws', 'azure', 'mcfs'] as ProviderId[]).map((p) => outcome(p, b)),
    [],
    '2026-11-22T10:00:00.000Z'
  )
  await b.writeFiles(jsonHeader(model, []), path.join(dir, 'report.json'), path.join(dir, 'report.csv'))
  // What the part files still hold once the files are written (their bytes moved into the report files).
  const partsDir = path.join(dir, 'parts')
  const leftInParts = fs.readdirSync(partsDir).reduce((n, f) => n + fs.statSync(path.join(partsDir, f)).size, 0)
  after(b)
  await b.cleanup()
  const out = {
    leftInParts,
    model,
    json: fs.readFileSync(path.join(dir, 'report.json'), 'utf8'),
    csv: fs.readFileSync(path.join(dir, 'report.csv'), 'utf8')
  }
  fs.rmSync(dir, { recursive: true, force: true })
  return out
}

const arbRecord = fc.record({
  provider: fc.constantFrom<ProviderId>('aws', 'azure', 'mcfs'),
  account: fc.constantFrom('111122223333', '444455556666', '=cmd|x', 'ünïcode'),
  accountName: fc.option(fc.constantFrom('Prod', 'Dev "x"'), { nil: null }),
  month: fc.constantFrom('2025-01', '2025-02', '2025-03'),
  service: fc.option(fc.constantFrom('AmazonEC2', 'AmazonS3', '', 'a|b'), { nil: null }),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: null }),
  grams: fc.integer({ min: 0, max: 5_000_000_000_000 }),
  location: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: null })
})
type Arb = typeof arbRecord extends fc.Arbitrary<infer T> ? T : never
const toRecord = (a: Arb): CarbonRecord => rec({ ...a, marketGrams: a.grams, locationGrams: a.location })

describe('RecordBatch', () => {
  it('gives the same model and byte-identical files whatever the batch boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbRecord, { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 20 }),
        async (arbs, cuts) => {
          const records = arbs.map(toRecord)
          const one = await build(records)
          // The same records in runs of one provider, cut into batches (and some single records) at `cuts`.
          const steps: (CarbonRecord | CarbonRecord[])[] = []
          let i = 0
          let c = 0
          while (i < records.length) {
            const n = cuts[c++ % cuts.length]
            if (n === 0) {
              steps.push(records[i++])
              continue
            }
            const run: CarbonRecord[] = []
            while (
              i < records.length &&
              run.length < n &&
              (run.length === 0 || records[i].provider === run[0].provider)
            )
              run.push(records[i++])
            steps.push(run)
          }
          const batched = await build(steps)
          expect(batched.json).toBe(one.json)
          expect(batched.csv).toBe(one.csv)
          expect(batched.model).toEqual(one.model)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('gives the same files and model whatever order the pages arrive in (placed early, added in order)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(arbRecord, { minLength: 1, maxLength: 6 }), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (pages, shuffle, withRule) => {
          const batches = pages.map((p) => p.map((a) => toRecord({ ...a, provider: p[0].provider })))
          const inOrder = await buildPlaced(batches, [], withRule)
          // Arrival: a permutation of the pages (Fisher-Yates driven by `shuffle`), each placed as it arrives.
          const arrival = batches.map((_, i) => i)
          for (let i = arrival.length - 1; i > 0; i--) {
            const j = (shuffle[i] ?? 0) % (i + 1)
            ;[arrival[i], arrival[j]] = [arrival[j], arrival[i]]
          }
          const early = await buildPlaced(batches, arrival, withRule)
          expect(early.json).toBe(inOrder.json)
          expect(early.csv).toBe(inOrder.csv)
          expect(early.model).toEqual(inOrder.model)
        }
      ),
      { numRuns: 150 }
    )
  })

  it('moves pages of many megabytes, arriving last first, into the files in report order', async () => {
    // Pages larger than the copy's 1 MB pieces, of two providers, so every piece boundary is crossed.
    const page = (provider: ProviderId, n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        rec({ provider, account: String(100000000000 + from + i), grams: (from + i) * 1013, service: 'AmazonEC2' })
      )
    const pages = [page('aws', 6000, 0), page('aws', 4000, 6000), page('aws', 7000, 10000), page('azure', 5000, 0)]
    const inOrder = await buildPlaced(pages, [], false)
    const lastFirst = await buildPlaced(pages, [3, 2, 1, 0], false)
    expect(lastFirst.json.length).toBeGreaterThan(4 << 20)
    expect(lastFirst.json).toBe(inOrder.json)
    expect(lastFirst.csv).toBe(inOrder.csv)
    expect(lastFirst.model).toEqual(inOrder.model)
    expect(JSON.parse(lastFirst.json).records.map((r: { account: string }) => r.account)).toEqual(
      pages.flat().map((r) => r.account)
    )
    // Only what no report range holds is left (each CSV part's header; the stray page placed afterwards).
    expect(lastFirst.leftInParts).toBeLessThan(4096)
  })

  it('leaves out a page placed but never added, and one placed after the files are written', async () => {
    const a = [rec({ account: '111122223333', grams: 5 })]
    const stray = [rec({ account: '444455556666', grams: 7 })]
    const got = await buildPlaced([a, stray], [1, 0], false, 1)
    const want = await buildPlaced([a], [], false)
    expect([got.json, got.csv, got.model]).toEqual([want.json, want.csv, want.model])
    expect(got.csv).not.toContain('444455556666')
  })

  it('refuses a record of another provider', () => {
    expect(() => new BatchEncoder('aws').add(rec({ provider: 'azure' }))).toThrow(/azure record in a batch of aws/)
  })

  it('transfers only buffers a batch allocated itself (never a slice of the shared pool)', () => {
    const enc = new BatchEncoder('aws')
    for (let i = 0; i < 200; i++) enc.add(rec({ account: String(100000000000 + i) }))
    const b = enc.take()
    expect(transferList(b)).toEqual([b.json.buffer, b.csv.buffer])
    // A small Buffer from elsewhere is a slice of Node's shared pool: never transferred.
    const pooled = { ...b, json: Buffer.from('x'), csv: Buffer.from('y') }
    expect(pooled.json.byteLength).toBeLessThan(pooled.json.buffer.byteLength)
    expect(transferList(pooled)).toEqual([])
    expect(transferList(new BatchEncoder('aws').take())).toEqual([])
  })
})

/** A page of the Sustainability API (the doc's shape) with `n` rows of one month. */
function page(n: number, next?: string): Buffer {
  const Results = Array.from({ length: n }, (_, i) => ({
    TimePeriod: { Start: '2025-02-01T00:00:00Z', End: '2025-03-01T00:00:00Z' },
    DimensionsValues: {
      USAGE_ACCOUNT_ID: String(100000000000 + (i % 97)),
      REGION: ['us-east-1', 'eu-west-1', 'global'][i % 3],
      SERVICE: `Service${i % 41}`
    },
    ModelVersion: 'v3.0.0',
    EmissionsValues: Object.fromEntries(
      EMISSIONS_TYPES.map((t, k) => [t, { Value: ((i * 7919 + k * 104729) % 1_000_000) / 1e6, Unit: 'MTCO2e' }])
    )
  }))
  return Buffer.from(JSON.stringify(next ? { Results, NextToken: next } : { Results }))
}

const JOB: AwsPageJob = { method: 'market', fallbackAccount: null, month: '2025-02', keepRecords: false }
const plain = (b: RecordBatch) => ({
  ...b,
  json: Buffer.from(b.json).toString('utf8'),
  csv: Buffer.from(b.csv).toString('utf8')
})

describe('page decoder', () => {
  // The bundle of the current source (made by jest's globalSetup), never a stale dist/.
  const bundle = testBundle()

  it('decodes the same page to the same batch on a worker thread (the bundle) as here', async () => {
    const pool = new DecoderPool(bundle, 2)
    try {
      const body = page(3000, 'tok-2')
      expect(body.length).toBeGreaterThan(256 * 1024)
      const here = decodeAwsPage(Buffer.from(body), JOB)
      // Until a worker is online pages are decoded here; then they go to the workers.
      let got = await pool.decode(Buffer.from(body), JOB)
      for (let i = 0; i < 200 && pool.stats().onWorkers === 0; i++) {
        await new Promise((r) => setTimeout(r, 25))
        got = await pool.decode(Buffer.from(body), JOB)
      }
      expect(pool.stats().onWorkers).toBeGreaterThan(0)
      expect(plain(got.batch)).toEqual(plain(here.batch))
      expect(got.next).toBe('tok-2')
      expect(got.error).toBeNull()
      // A body that is not JSON is a NotJsonError (the HTTP layer retries it), from a worker as from here.
      const junk = Buffer.alloc(300 * 1024, '<html>')
      await expect(pool.decode(junk, JOB)).rejects.toBeInstanceOf(NotJsonError)
      // A bad row keeps the rows before it and names the problem.
      const bad = JSON.parse(body.toString()) as { Results: { TimePeriod: { Start: string } }[] }
      bad.Results[2000].TimePeriod.Start = '2025-05-01T00:00:00Z'
      const partial = await pool.decode(Buffer.from(JSON.stringify(bad)), JOB)
      expect(partial.batch.count).toBe(2000)
      expect(partial.error).toMatch(/a result for 2025-05 came back for a query of 2025-02/)
    } finally {
      await pool.close()
    }
  })

  it('decodes here what comes while the worker has pages in hand, so both threads share the work', async () => {
    const pool = new DecoderPool(bundle, 1)
    try {
      const body = page(3000, 'tok-9')
      const here = plain(decodeAwsPage(Buffer.from(body), JOB).batch)
      for (let i = 0; i < 200 && pool.stats().onWorkers === 0; i++) {
        await pool.decode(Buffer.from(body), JOB)
        if (pool.stats().onWorkers === 0) await new Promise((r) => setTimeout(r, 25))
      }
      const before = pool.stats()
      // Eight pages at once: the worker takes three (one decoding, two waiting), this thread the other five.
      const got = await Promise.all(Array.from({ length: 8 }, () => pool.decode(Buffer.from(body), JOB)))
      const after = pool.stats()
      expect(after.onWorkers - before.onWorkers).toBe(3)
      expect(after.here - before.here).toBe(5)
      for (const g of got) expect(plain(g.batch)).toEqual(here)
    } finally {
      await pool.close()
    }
  })

  it('fetches a page again when its worker dies, and decodes here from then on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-worker-'))
    const dying = path.join(dir, 'dying.mjs')
    fs.writeFileSync(
      dying,
      "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(3))\n"
    )
    const pool = new DecoderPool(dying, 1)
    try {
      const body = page(3000)
      let failure: unknown = null
      for (let i = 0; i < 200 && failure === null; i++) {
        await pool.decode(Buffer.from(body), JOB).catch((e: unknown) => (failure = e))
        if (failure === null) await new Promise((r) => setTimeout(r, 25))
      }
      expect(failure).toBeInstanceOf(RetryBodyError)
      expect(String((failure as Error).message)).toMatch(/page decoder thread stopped .*fetching the page again/)
      const again = await pool.decode(Buffer.from(body), JOB)
      expect(again.batch.count).toBe(3000)
      expect(pool.stats().workers).toBe(0)
    } finally {
      await pool.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('decodes small pages here without starting a worker', async () => {
    const pool = new DecoderPool(bundle, 2)
    const got = await pool.decode(page(10), JOB)
    expect(got.batch.count).toBe(10)
    expect(pool.stats()).toEqual({ workers: 0, onWorkers: 0, here: 1 })
    await pool.close()
  })
})

describe('packGroups', () => {
  it('gives back the same groups in their order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('a', 'b', 'c', null),
            fc.constantFrom('2025-01', '2025-02', '2025-03'),
            fc.integer({ min: -1e6, max: 1e6 })
          )
        ),
        (rows) => {
          const enc = new BatchEncoder('mcfs')
          for (const [account, month, grams] of rows)
            enc.add(
              rec({ provider: 'mcfs', account: account ?? 'x', accountName: account, service: account, month, grams })
            )
          const b = enc.take()
          for (const groups of [b.services, b.regions, b.accounts])
            expect(unpackGroups(packGroups(groups))).toEqual(groups)
        }
      )
    )
  })
})
