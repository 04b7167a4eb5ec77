/**
 * A record's report.json object and report.csv row written as UTF-8 bytes straight into growing buffers:
 * byte for byte `recordLines` (records.ts), without building its strings. A large run formats a million
 * records; as strings each cost some thirty short-lived pieces, and that garbage, not the formatting, made
 * the collector copy every page's parsed JSON while it was still in use.
 */
import type { CarbonRecord, Grams } from '../model.js'
import { KG_FRACTION } from '../units.js'
import { csvText } from './escape.js'
import { recordLines } from './records.js'

/** Buffers this module allocated for itself (never from Node's shared pool): safe to transfer to a thread. */
export const OWNED = new WeakSet<ArrayBufferLike>()

function ownedBuffer(size: number): Buffer {
  const b = Buffer.allocUnsafeSlow(size)
  OWNED.add(b.buffer)
  return b
}

const EMPTY = Buffer.alloc(0)
const viewOf = (b: Buffer): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength)

/** UTF-8 bytes, grown as they are written. */
export class ByteWriter {
  buf: Buffer = EMPTY
  /** The same bytes, to write four at a time. */
  view: DataView = viewOf(EMPTY)
  pos = 0
  constructor(private readonly initial: number) {}
  /** Makes room for `n` more bytes. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const grown = ownedBuffer(Math.max(this.pos + n, this.initial, this.buf.length * 2))
    this.buf.copy(grown, 0, 0, this.pos)
    this.buf = grown
    this.view = viewOf(grown)
  }
  text(s: string): void {
    this.room(s.length * 3) // the most UTF-8 can need per UTF-16 unit
    this.pos += this.buf.write(s, this.pos)
  }
  /** The bytes written, and a fresh buffer for what comes next. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos)
    this.buf = EMPTY
    this.view = viewOf(EMPTY)
    this.pos = 0
    return out
  }
}

/**
 * Bytes that are copied into records again and again (keys, separators, cached fields): their length, then the
 * bytes as little-endian 32-bit words, the last one padded. A copy is a quarter of the steps of one byte at a
 * time, with no call; one typed array per piece, as a cache holds tens of thousands of them.
 */
type Piece = Int32Array

function pieceOf(bytes: Uint8Array): Piece {
  const padded = new Uint8Array((bytes.length + 3) & ~3)
  padded.set(bytes)
  const view = new DataView(padded.buffer)
  return Int32Array.from({ length: 1 + padded.length / 4 }, (_, w) =>
    w === 0 ? bytes.length : view.getInt32((w - 1) * 4, true)
  )
}

const utf8 = (s: string): Piece => pieceOf(Buffer.from(s, 'utf8'))

/** 10^k for k = 0..15: the digit count of a whole number of kilograms. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k)
const FRACTION = KG_FRACTION.map(utf8)
/** The most bytes a figure takes: `String()` of any double is at most 25 characters. */
const FIGURE_MAX = 26

/** Copies `piece` into `buf` (`view`: the same bytes) at `p` (room made beforehand); the position after it. */
function put(view: DataView, buf: Buffer, p: number, piece: Piece): number {
  const n = piece[0]
  const whole = n >> 2
  for (let w = 1; w <= whole; w++, p += 4) view.setInt32(p, piece[w], true)
  let last = piece[whole + 1]
  for (let k = n & 3; k > 0; k--, last >>>= 8) buf[p++] = last & 0xff
  return p
}

/** The digits of a non-negative integer below 10^15 into `buf` at `p`; the position after them. */
function putDigits(buf: Buffer, p: number, n: number): number {
  let len = 1
  while (len < 15 && POW10[len] <= n) len++
  let i = p + len
  if (n < 2147483648) {
    let v = n | 0
    do {
      const q = (v / 10) | 0
      buf[--i] = 48 + v - q * 10
      v = q
    } while (v > 0)
  } else {
    // Exact: below 2^53 an integer's tenth is never within rounding of the next integer.
    let v = n
    do {
      const q = Math.floor(v / 10)
      buf[--i] = 48 + v - q * 10
      v = q
    } while (v > 0)
  }
  return p + len
}

/** `gramsToKgText(grams)` into `buf` at `p` (FIGURE_MAX bytes of room); the position after it. */
function putKg(view: DataView, buf: Buffer, p: number, grams: Grams): number {
  if (grams === 0) {
    buf[p] = 48
    return p + 1
  }
  if (!(grams > -1e15 && grams < 1e15) || !Number.isInteger(grams))
    return p + buf.write(String(grams / 1000), p, 'latin1')
  let g = grams
  if (g < 0) {
    buf[p++] = 45
    g = -g
  }
  const frac = g % 1000
  return put(view, buf, putDigits(buf, p, (g - frac) / 1000), FRACTION[frac])
}

const NULL = utf8('null')
const COMMA = 44

/**
 * A string field's JSON and CSV bytes with what comes before and after them in the record (its key, the
 * separators), per distinct value: providers, months, services, regions and accounts recur. Bounded; the
 * last value asked for is answered without a lookup, as rows come in runs.
 */
class FieldBytes {
  private lastKey: string | null = null
  private last: [json: Piece, csv: Piece]
  private readonly nullField: [json: Piece, csv: Piece]
  private readonly map = new Map<string, [Piece, Piece]>()
  constructor(
    private readonly json: [before: string, after: string],
    private readonly csv: [before: string, after: string]
  ) {
    this.nullField = this.last = [utf8(`${json[0]}null${json[1]}`), utf8(`${csv[0]}${csv[1]}`)]
  }
  of(s: string | null): [json: Piece, csv: Piece] {
    if (s === null) return this.nullField
    if (s === this.lastKey) return this.last
    let e = this.map.get(s)
    if (e === undefined) {
      if (this.map.size >= 50_000) this.map.clear()
      const [jb, ja] = this.json
      const [cb, ca] = this.csv
      e = [utf8(`${jb}${JSON.stringify(s)}${ja}`), utf8(`${cb}${csvText(s)}${ca}`)]
      this.map.set(s, e)
    }
    this.lastKey = s
    this.last = e
    return e
  }
}

const isText = (v: unknown): v is string | null => v === null || typeof v === 'string'
const isFigure = (v: unknown): v is Grams | null => v === null || (typeof v === 'number' && Number.isFinite(v))

/** Whether a record has the usual shape (else the general string forms are written). */
function usual(r: CarbonRecord): boolean {
  return (
    typeof r.provider === 'string' &&
    typeof r.account === 'string' &&
    isText(r.accountName) &&
    typeof r.month === 'string' &&
    isText(r.service) &&
    isText(r.region) &&
    isText(r.modelVersion) &&
    typeof r.grams === 'number' &&
    Number.isFinite(r.grams) &&
    isFigure(r.marketGrams) &&
    isFigure(r.locationGrams) &&
    isFigure(r.scope1Grams) &&
    isFigure(r.scope2MarketGrams) &&
    isFigure(r.scope2LocationGrams) &&
    isFigure(r.scope3MarketGrams) &&
    isFigure(r.scope3LocationGrams)
  )
}

/** The keys of the figures, in the record's order. */
const K = {
  kg: utf8(',"kgCO2e":'),
  market: utf8(',"marketKgCO2e":'),
  location: utf8(',"locationKgCO2e":'),
  scope1: utf8(',"scope1KgCO2e":'),
  scope2Market: utf8(',"scope2MarketKgCO2e":'),
  scope2Location: utf8(',"scope2LocationKgCO2e":'),
  scope3Market: utf8(',"scope3MarketKgCO2e":'),
  scope3Location: utf8(',"scope3LocationKgCO2e":')
}
/** The bytes of a record's JSON figures besides their digits. */
const FIGURE_KEYS = Object.values(K).reduce((n, b) => n + b[0], 0)

/** A figure's JSON text (kilograms or null) into `buf` at `p`; the position after it. */
function jsonFigure(view: DataView, buf: Buffer, p: number, g: Grams | null): number {
  return g === null ? put(view, buf, p, NULL) : putKg(view, buf, p, g)
}

/** `,` and a figure's CSV cell (empty for null) into `buf` at `p`; the position after it. */
function csvFigure(view: DataView, buf: Buffer, p: number, g: Grams | null): number {
  buf[p] = COMMA
  return g === null ? p + 1 : putKg(view, buf, p + 1, g)
}

/** One writer of records: its own field caches (a worker thread and the main thread each have theirs). */
export class RecordWriter {
  // Each string field with the key before it; the model version also closes the record (`}`, which extra
  // fields go before), and CSV cells carry their separators.
  private readonly provider = new FieldBytes([',\n    {"provider":', ''], ['', ''])
  private readonly account = new FieldBytes([',"account":', ''], [',', ''])
  private readonly accountName = new FieldBytes([',"accountName":', ''], [',', ''])
  private readonly month = new FieldBytes([',"month":', ''], [',', ''])
  private readonly service = new FieldBytes([',"service":', ''], [',', ''])
  private readonly region = new FieldBytes([',"region":', ''], [',', ''])
  private readonly model = new FieldBytes([',"modelVersion":', '}'], [',', '\r\n'])

  /** Appends `,\n    {...}` (the report.json separator first) to `json` and the CSV row with CRLF to `csv`. */
  write(json: ByteWriter, csv: ByteWriter, r: CarbonRecord): void {
    if (!usual(r)) {
      // Anything unusual (a missing field, a non-finite figure): the general forms.
      const lines = recordLines(r)
      json.text(`,\n    ${lines[0]}`)
      csv.text(`${lines[1]}\r\n`)
      return
    }
    const provider = this.provider.of(r.provider)
    const account = this.account.of(r.account)
    const accountName = this.accountName.of(r.accountName)
    const month = this.month.of(r.month)
    const service = this.service.of(r.service)
    const region = this.region.of(r.region)
    const model = this.model.of(r.modelVersion)
    // One check of room per record and file: the strings' bytes plus the most each of the 8 figures takes.
    json.room(
      provider[0][0] +
        account[0][0] +
        accountName[0][0] +
        month[0][0] +
        service[0][0] +
        region[0][0] +
        model[0][0] +
        FIGURE_KEYS +
        8 * FIGURE_MAX
    )
    let b = json.buf
    let v = json.view
    let p = json.pos
    p = put(v, b, p, provider[0])
    p = put(v, b, p, account[0])
    p = put(v, b, p, accountName[0])
    p = put(v, b, p, month[0])
    p = put(v, b, p, service[0])
    p = put(v, b, p, region[0])
    p = put(v, b, p, K.kg)
    p = putKg(v, b, p, r.grams)
    p = put(v, b, p, K.market)
    p = jsonFigure(v, b, p, r.marketGrams)
    p = put(v, b, p, K.location)
    p = jsonFigure(v, b, p, r.locationGrams)
    p = put(v, b, p, K.scope1)
    p = jsonFigure(v, b, p, r.scope1Grams)
    p = put(v, b, p, K.scope2Market)
    p = jsonFigure(v, b, p, r.scope2MarketGrams)
    p = put(v, b, p, K.scope2Location)
    p = jsonFigure(v, b, p, r.scope2LocationGrams)
    p = put(v, b, p, K.scope3Market)
    p = jsonFigure(v, b, p, r.scope3MarketGrams)
    p = put(v, b, p, K.scope3Location)
    p = jsonFigure(v, b, p, r.scope3LocationGrams)
    if (r.extra && Object.keys(r.extra).length > 0) {
      // Rare (a provider's own fields, e.g. MCFS's sub-services): the text over the closing brace, then the end.
      p = put(v, b, p, model[0]) - 1
      json.pos = p
      json.text(`,"extra":${JSON.stringify(r.extra)}}`)
    } else {
      p = put(v, b, p, model[0])
      json.pos = p
    }

    csv.room(
      provider[1][0] +
        account[1][0] +
        accountName[1][0] +
        month[1][0] +
        service[1][0] +
        region[1][0] +
        model[1][0] +
        8 * (FIGURE_MAX + 1)
    )
    b = csv.buf
    v = csv.view
    p = csv.pos
    p = put(v, b, p, provider[1])
    p = put(v, b, p, account[1])
    p = put(v, b, p, accountName[1])
    p = put(v, b, p, month[1])
    p = put(v, b, p, service[1])
    p = put(v, b, p, region[1])
    p = csvFigure(v, b, p, r.grams)
    p = csvFigure(v, b, p, r.marketGrams)
    p = csvFigure(v, b, p, r.locationGrams)
    p = csvFigure(v, b, p, r.scope1Grams)
    p = csvFigure(v, b, p, r.scope2MarketGrams)
    p = csvFigure(v, b, p, r.scope2LocationGrams)
    p = csvFigure(v, b, p, r.scope3MarketGrams)
    p = csvFigure(v, b, p, r.scope3LocationGrams)
    p = put(v, b, p, model[1])
    csv.pos = p
  }
}
