/**
 * The byte writer of records gives exactly the bytes of the string forms (recordLines): every field kind,
 * escaping, formula prefixes, non-ASCII text, nulls, figures of every magnitude and sign, odd records.
 */
import fc from 'fast-check'
import type { CarbonRecord } from '../src/model.js'
import { ByteWriter, RecordWriter } from '../src/report/record-bytes.js'
import { recordLines } from '../src/report/records.js'
import { gramsToKgText } from '../src/units.js'
import { rec } from './helpers/records.js'

/** The bytes the writer gives for some records, as text, beside the string forms joined the same way. */
function both(records: CarbonRecord[]): { bytes: [string, string]; strings: [string, string] } {
  const writer = new RecordWriter()
  // A tiny initial size: every record makes the buffers grow, so growth is covered too.
  const json = new ByteWriter(8)
  const csv = new ByteWriter(8)
  let j = ''
  let c = ''
  for (const r of records) {
    writer.write(json, csv, r)
    const [lj, lc] = recordLines(r)
    j += `,\n    ${lj}`
    c += `${lc}\r\n`
  }
  const text = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('utf8')
  return { bytes: [text(json.take()), text(csv.take())], strings: [j, c] }
}

const figure = fc.oneof(
  fc.constant(null),
  fc.constant(0),
  fc.integer({ min: -2_000_000, max: 2_000_000 }),
  fc.integer({ min: 2 ** 31 - 5, max: 2 ** 31 + 5 }),
  fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }),
  fc.constantFrom(10 ** 15, -(10 ** 15), Number.MAX_SAFE_INTEGER, 999_999_999_999_999, 1000, -1000, 1, -1, 0.5, 1e21)
)
const text = fc.oneof(
  fc.constantFrom('AmazonEC2', 'us-east-1', '111122223333', '', '=cmd|x', '+1', '-a', '@x', '\tt', 'a,b', 'q"q'),
  fc.constantFrom('ünïcode', 'emoji 🌍', 'line\nbreak', 'ctl\u0001', '\u2028', 'back\\slash', 'x'.repeat(40)),
  fc.string({ unit: 'binary', maxLength: 12 })
)
const nullable = fc.option(text, { nil: null })

const arbRecord = fc.record({
  provider: fc.constantFrom('aws', 'azure', 'mcfs', 'gcp') as fc.Arbitrary<CarbonRecord['provider']>,
  account: text,
  accountName: nullable,
  month: fc.constantFrom('2025-01', '2025-12'),
  service: nullable,
  region: nullable,
  grams: figure.map((g) => g ?? 7),
  marketGrams: figure,
  locationGrams: figure,
  scope1Grams: figure,
  scope2MarketGrams: figure,
  scope2LocationGrams: figure,
  scope3MarketGrams: figure,
  scope3LocationGrams: figure,
  modelVersion: nullable,
  extra: fc.option(fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(text, fc.integer(), fc.constant(null))), {
    nil: undefined
  })
})

describe('RecordWriter', () => {
  it('writes exactly the bytes of the string forms for any record', () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 30 }), (records) => {
        const { bytes, strings } = both(records)
        expect(bytes[0]).toBe(strings[0])
        expect(bytes[1]).toBe(strings[1])
      }),
      { numRuns: 300 }
    )
  })

  it('formats figures as gramsToKgText does, at every digit count and sign', () => {
    const figures: number[] = []
    for (let k = 0; k <= 15; k++) for (const d of [1, 9]) figures.push(d * 10 ** k, d * 10 ** k - 1, -(d * 10 ** k) + 1)
    for (const g of figures) {
      const { bytes } = both([rec({ grams: g, marketGrams: g, locationGrams: null })])
      expect(bytes[1].split(',').slice(6, 8)).toEqual([gramsToKgText(g), gramsToKgText(g)])
    }
  })

  it('writes extra fields, and takes the general forms for unusual records (a non-finite figure, a missing field)', () => {
    const odd = [
      rec({ extra: { subService: 'a, b', count: 2 } }),
      rec({ scope1Grams: Number.NaN }),
      rec({ grams: Number.POSITIVE_INFINITY }),
      { ...rec(), service: undefined } as unknown as CarbonRecord,
      rec({ modelVersion: 3 as unknown as string })
    ]
    const { bytes, strings } = both(odd)
    expect(bytes).toEqual(strings)
    expect(bytes[0]).toContain('"extra":{"subService":"a, b","count":2}')
  })

  it('hands out its bytes once and starts afresh', () => {
    const w = new ByteWriter(4)
    w.text('héllo')
    const first = w.take()
    expect(Buffer.from(first).toString('utf8')).toBe('héllo')
    expect(w.take().length).toBe(0)
  })
})
