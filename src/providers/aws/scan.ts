/**
 * A GetEstimatedCarbonEmissions page read straight from its bytes (kit/json-bytes.ts) into its batch: no text,
 * no tree, no object per row. Only a page whose every row is whole and good is read here (members in any order,
 * any whitespace); anything else (a row with a missing or odd figure, another unit, a bad month, a repeated
 * member, a body that is not plain JSON) makes it answer null, and the page is decoded from its parsed tree,
 * which says what is wrong. So a page read here gives what that decoding gives, byte for byte.
 *
 * The rows of a page are written alike: the same keys in the same order, the same period and units; only the
 * dimensions and figures change. So a row read member by member leaves its shape (RowShape: its bytes between
 * the values that change), and the next rows are matched against it byte for byte, reading only those values.
 * A row that does not match is read member by member, and its shape is the next one tried.
 */
import type { CarbonRecord } from '../../model.js'
import { tonnesToGrams } from '../../units.js'
import { BatchEncoder } from '../../report/batch.js'
import { fieldNames, notPlain, readPlain, type JsonBytes } from '../kit/json-bytes.js'
import { Literals, wordsOf } from '../kit/row-shape.js'
import type { AwsPage, AwsPageJob } from './page.js'

const OBJECT = 0x7b
const ARRAY = 0x5b
const OBJECT_END = 0x7d
const ARRAY_END = 0x5d
const QUOTE = 0x22

const TOP = fieldNames(['Results', 'NextToken'])
const ROW = fieldNames(['TimePeriod', 'DimensionsValues', 'ModelVersion', 'EmissionsValues'])
const PERIOD = fieldNames(['Start'])
const DIMENSIONS = fieldNames(['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'])
/** The emissions types, in the order of RowValues.figures. */
const TYPES = fieldNames([
  'TOTAL_MBM_CARBON_EMISSIONS',
  'TOTAL_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_1_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS',
  'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS'
])
const FIGURE = fieldNames(['Value', 'Unit'])
const TONNES = fieldNames(['MTCO2e'])[0]
const FROM_START = fieldNames(['-01'])[0]

/** What a row's values go to: its dimensions and model (strings), then its figures by type (numbers). */
const ACCOUNT = 0
const REGION = 1
const SERVICE = 2
const MODEL = 3
const FIGURES = 4

/** A row's values as normalizeAwsRow reads them (null: missing or null), figures in grams. */
class RowValues {
  strings: (string | null)[] = [null, null, null, null]
  figures: (number | null)[] = [null, null, null, null, null, null, null]
  clear(): void {
    for (let k = 0; k < 4; k++) this.strings[k] = null
    for (let k = 0; k < 7; k++) this.figures[k] = null
  }
  copy(from: RowValues): void {
    for (let k = 0; k < 4; k++) this.strings[k] = from.strings[k]
    for (let k = 0; k < 7; k++) this.figures[k] = from.figures[k]
  }
  set(target: number, r: JsonBytes, start: number, end: number): void {
    if (target < FIGURES) this.strings[target] = r.textOf(start, end)
    else {
      r.i = start
      this.figures[target - FIGURES] = tonnesToGrams(r.numberValue())
    }
  }
}

/** Where a row read member by member had the values that change: their targets and byte ranges. */
class ShapeNotes {
  readonly targets: number[] = []
  readonly ranges: number[] = []
  constructor(readonly start: number) {}
  note(target: number, start: number, end: number): void {
    this.targets.push(target)
    this.ranges.push(start, end)
  }
}

/** A row's bytes between the values that change, and its values (those of the row it was learnt from). */
class RowShape {
  private readonly literals: Literals
  private readonly targets: Int8Array
  private readonly values = new RowValues()
  constructor(
    b: Buffer,
    private readonly view: DataView,
    notes: ShapeNotes,
    end: number,
    values: RowValues
  ) {
    this.literals = new Literals(b, view, notes.start, notes.ranges, end)
    this.targets = Int8Array.from(notes.targets)
    this.values.copy(values)
  }

  /** Reads the row at `i` into `v` when it has this shape: the position after it, else -1 (nothing read). */
  read(r: JsonBytes, i: number, v: RowValues): number {
    const b = r.b
    const targets = this.targets
    v.copy(this.values)
    for (let s = 0; ; s++) {
      i = this.literals.match(b, this.view, i, s)
      if (i < 0 || s === targets.length) return i
      const target = targets[s]
      if (target < FIGURES) {
        // A string's characters: its quotes are in the literals around it.
        let e = i
        while (e < b.length && b[e] !== QUOTE) e++
        if (e === b.length) return -1
        v.set(target, r, i, e)
        i = e
      } else {
        const c = b[i]
        if (c !== 0x2d && !(c >= 0x30 && c <= 0x39)) return -1
        v.set(target, r, i, 0)
        i = r.i
      }
    }
  }
}

/** Reads the page into its batch, or null when it is not read here. */
export function scanAwsPage(body: Buffer, job: AwsPageJob): AwsPage | null {
  const month = Buffer.from(job.month, 'latin1')
  return readPlain(body, (r) => {
    const enc = new BatchEncoder('aws', job.keepRecords)
    // Room for the rows a page of this size holds, so its bytes are not copied as they grow.
    enc.reserve(Math.ceil(body.length / 600))
    const v = new RowValues()
    const view = wordsOf(body)
    let shape: RowShape | null = null
    let scratch: CarbonRecord | null = null
    let results = false
    let next: string | null | undefined
    let nextSeen = false
    if (r.enter(OBJECT))
      do {
        const f = r.field(TOP)
        if (f === 0) {
          if (results) throw notPlain
          results = true
          if (r.enter(ARRAY))
            do {
              const at = r.i
              const end = shape === null ? -1 : shape.read(r, at, v)
              if (end >= 0) r.i = end
              else {
                r.i = at
                const notes = new ShapeNotes(at)
                readRow(r, month, v, notes)
                shape = new RowShape(body, view, notes, r.i, v)
              }
              const rec: CarbonRecord = job.keepRecords || scratch === null ? newRecord(job.month) : scratch
              fill(rec, v, job)
              enc.add(rec)
              if (!job.keepRecords) scratch = rec
            } while (r.more(ARRAY_END))
        } else if (f === 1) {
          if (nextSeen) throw notPlain
          nextSeen = true
          if (r.isNull()) next = null
          else {
            const at = r.stringRange()
            if (at === null) throw notPlain
            next = body.toString('latin1', at[0], at[1])
          }
        } else r.skip()
      } while (r.more(OBJECT_END))
    if (!results) throw notPlain
    return { batch: enc.take(), next, error: null }
  })
}

function newRecord(month: string): CarbonRecord {
  return {
    provider: 'aws',
    account: '',
    accountName: null,
    month,
    service: null,
    region: null,
    grams: 0,
    marketGrams: null,
    locationGrams: null,
    scope1Grams: null,
    scope2MarketGrams: null,
    scope2LocationGrams: null,
    scope3MarketGrams: null,
    scope3LocationGrams: null,
    modelVersion: null
  }
}

/** The record of a row's values, as normalizeAwsRow makes it; a row without a headline is not read here. */
function fill(rec: CarbonRecord, v: RowValues, job: AwsPageJob): void {
  const figures = v.figures
  const market = figures[0]
  const location = figures[1]
  const headline = job.method === 'market' ? (market ?? location) : (location ?? market)
  if (headline === null) throw notPlain
  rec.account = v.strings[ACCOUNT] ?? job.fallbackAccount ?? 'unknown'
  rec.month = job.month
  rec.service = v.strings[SERVICE]
  rec.region = v.strings[REGION]
  rec.grams = headline
  rec.marketGrams = market
  rec.locationGrams = location
  rec.scope1Grams = figures[2]
  rec.scope2MarketGrams = figures[3]
  rec.scope2LocationGrams = figures[4]
  rec.scope3MarketGrams = figures[5]
  rec.scope3LocationGrams = figures[6]
  rec.modelVersion = v.strings[MODEL]
}

/**
 * The members of the object here named in `names`, each at most once (a repeated one: not read here, as
 * JSON.parse would keep only the last), to `take`; the others skipped. Which were there, as bits.
 */
function members(r: JsonBytes, names: readonly Uint8Array[], take: (f: number) => void): number {
  let seen = 0
  r.fields(names, (f) => {
    if (f < 0) return r.skip()
    if (seen & (1 << f)) throw notPlain
    seen |= 1 << f
    take(f)
  })
  return seen
}

/**
 * The row here, member by member, into `v` (noting in `notes` where each value read was); a row that would
 * not be taken whole is not read here.
 */
function readRow(r: JsonBytes, month: Buffer, v: RowValues, notes: ShapeNotes): void {
  if (!r.isObject()) throw notPlain
  v.clear()
  const seen = members(r, ROW, (f) => {
    if (f === 0) readPeriod(r, month)
    else if (f === 1) readDimensions(r, v, notes)
    // A null model or dimension is a missing one (normalizeAwsRow's `??`).
    else if (f === 2) readString(r, v, notes, MODEL)
    else readFigures(r, v, notes)
  })
  // No period: the month is not known to be the query's.
  if ((seen & 1) === 0) throw notPlain
}

/** A string value (or null) for `target`. */
function readString(r: JsonBytes, v: RowValues, notes: ShapeNotes, target: number): void {
  if (r.isNull()) return
  const at = r.stringRange()
  if (at === null) throw notPlain
  v.set(target, r, at[0], at[1])
  notes.note(target, at[0], at[1])
}

/** TimePeriod: its Start must begin with the query's month and day 01 (End and the rest are skipped). */
function readPeriod(r: JsonBytes, month: Buffer): void {
  if (!r.isObject()) throw notPlain
  const seen = members(r, PERIOD, () => {
    const at = r.stringRange()
    if (at === null || at[1] - at[0] < 10) throw notPlain
    const b = r.b
    for (let k = 0; k < 7; k++) if (b[at[0] + k] !== month[k]) throw notPlain
    for (let k = 0; k < 3; k++) if (b[at[0] + 7 + k] !== FROM_START[k]) throw notPlain
  })
  if (seen === 0) throw notPlain
}

/** DimensionsValues: the account, region and service (the others are skipped). */
function readDimensions(r: JsonBytes, v: RowValues, notes: ShapeNotes): void {
  if (!r.isObject()) throw notPlain
  members(r, DIMENSIONS, (d) => readString(r, v, notes, d === 0 ? ACCOUNT : d === 1 ? REGION : SERVICE))
}

/** EmissionsValues: each type's { Value, Unit } in metric tons (a missing Unit is tonnes), in grams. */
function readFigures(r: JsonBytes, v: RowValues, notes: ShapeNotes): void {
  if (!r.isObject()) throw notPlain
  members(r, TYPES, (t) => {
    if (r.isNull()) return
    if (!r.isObject()) throw notPlain
    members(r, FIGURE, (p) => {
      if (p === 1) {
        if (!r.isString(TONNES)) throw notPlain
      } else if (!r.isNull()) {
        const start = r.i
        v.set(FIGURES + t, r, start, 0)
        notes.note(FIGURES + t, start, r.i)
      }
    })
  })
}
