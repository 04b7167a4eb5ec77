/**
 * A batch of records in the form the report keeps them: their report.json and report.csv lines, already
 * encoded as UTF-8, and what they add to the report's sums and groups. A page of an API becomes one batch,
 * so the report takes a page at a time (a few map updates per group, one copy per file) instead of a record
 * at a time, and the work of making a batch (parsing, normalising, formatting) can run on a worker thread:
 * a batch is plain data, cheap to post between threads (its two byte arrays are transferred, not copied).
 */
import type { CarbonRecord, Grams, Month, ProviderId } from '../model.js'
import { ByteWriter, OWNED, RecordWriter } from './record-bytes.js'
import { addRecordScopes, emptyScopes, type ScopeSums } from './scopes.js'

/** A group's share of a batch: its label (from its first record), grams, and grams per month (first-seen order). */
export interface GroupDelta {
  key: string
  label: string
  grams: Grams
  /** Month and grams, alternating: [month, grams, month, grams, ...]. */
  byMonth: (Month | Grams)[]
}

export interface RecordBatch {
  provider: ProviderId
  count: number
  /** Each record as `,\n    {...}` (the report.json separator first), UTF-8. */
  json: Uint8Array
  /** Each record as a CSV row ending in CRLF, UTF-8. */
  csv: Uint8Array
  grams: Grams
  market: Grams
  location: Grams
  noMarket: number
  noLocation: number
  /** Month and grams, alternating, in first-seen order. */
  months: (Month | Grams)[]
  /** The GHG inventory figures per month, in first-seen order. */
  scopes: { month: Month; sums: ScopeSums }[]
  /** Groups in first-seen order (keys: service, region, account; null is ''). */
  services: GroupDelta[]
  regions: GroupDelta[]
  accounts: GroupDelta[]
  /** The records themselves, only when asked for (a baseline comparison needs them). */
  records?: CarbonRecord[]
  /** Set once the report has written `json` and `csv` (then empty) to its files: where they are. */
  at?: Placement
}

/** A byte range in a file: [start, end). */
export type ByteRange = readonly [number, number]

/** Where a batch's bytes are in its provider's part files. */
export interface Placement {
  json: ByteRange
  csv: ByteRange
}

/** A group being summed: label, grams, grams per month. */
export interface GroupSum {
  label: string
  grams: Grams
  byMonth: Map<Month, Grams>
}

/**
 * Adds grams of a month to the group `key` (null and '' are one group) of `byKey`. A new group's label is its key,
 * or "name (key)" when it has a name: made once per group, as one flat string (a template literal would make a
 * chain of string pieces, and this label lives as long as the report).
 */
function bump(byKey: Map<string, GroupSum>, key: string | null, name: string | null, month: Month, grams: Grams): void {
  const k = key ?? ''
  let g = byKey.get(k)
  if (!g) {
    g = { label: name ? [name, ' (', key, ')'].join('') : (key ?? '(none)'), grams: 0, byMonth: new Map() }
    byKey.set(k, g)
  }
  g.grams += grams
  g.byMonth.set(month, (g.byMonth.get(month) ?? 0) + grams)
}

const deltas = (byKey: Map<string, GroupSum>): GroupDelta[] => {
  const out: GroupDelta[] = []
  for (const [key, g] of byKey) {
    const byMonth: (Month | Grams)[] = []
    for (const [m, v] of g.byMonth) byMonth.push(m, v)
    out.push({ key, label: g.label, grams: g.grams, byMonth })
  }
  return out
}

/**
 * A batch's groups packed for a long wait (a batch held until every provider is in): parallel lists instead of
 * an object and a list per group. `unpackGroups` gives the same groups back, in their order.
 */
export interface PackedGroups {
  keys: string[]
  labels: string[]
  grams: Grams[]
  /** Every group's month and grams pairs, one after another; `ends[i]` is where group i's end. */
  byMonth: (Month | Grams)[]
  ends: number[]
}

export function packGroups(groups: readonly GroupDelta[]): PackedGroups {
  const p: PackedGroups = { keys: [], labels: [], grams: [], byMonth: [], ends: [] }
  for (const g of groups) {
    p.keys.push(g.key)
    p.labels.push(g.label)
    p.grams.push(g.grams)
    for (const x of g.byMonth) p.byMonth.push(x)
    p.ends.push(p.byMonth.length)
  }
  return p
}

export function unpackGroups(p: PackedGroups): GroupDelta[] {
  return p.keys.map((key, i) => ({
    key,
    label: p.labels[i],
    grams: p.grams[i],
    byMonth: p.byMonth.slice(i === 0 ? 0 : p.ends[i - 1], p.ends[i])
  }))
}

/** One writer per thread: its field caches serve every batch. */
const WRITER = new RecordWriter()

/**
 * Builds batches of one provider's records: `add` each record, `take` the batch (and start the next).
 * The one place a record becomes its file lines and its contributions to the sums, for every path (a page on
 * a worker, a page on the main thread, a shard's records in a merge).
 */
export class BatchEncoder {
  count = 0
  private readonly json = new ByteWriter(64 * 1024)
  private readonly csv = new ByteWriter(16 * 1024)
  private grams = 0
  private market = 0
  private location = 0
  private noMarket = 0
  private noLocation = 0
  private months = new Map<Month, Grams>()
  private scopes = new Map<Month, ScopeSums>()
  private services = new Map<string, GroupSum>()
  private regions = new Map<string, GroupSum>()
  private accounts = new Map<string, GroupSum>()
  private records: CarbonRecord[] | null

  constructor(
    readonly provider: ProviderId,
    private readonly keepRecords = false
  ) {
    this.records = keepRecords ? [] : null
  }

  add(r: CarbonRecord): void {
    if (r.provider !== this.provider) throw new Error(`a ${r.provider} record in a batch of ${this.provider}`)
    WRITER.write(this.json, this.csv, r)
    this.count++
    const grams = r.grams
    this.grams += grams
    if (r.marketGrams === null) this.noMarket++
    else this.market += r.marketGrams
    if (r.locationGrams === null) this.noLocation++
    else this.location += r.locationGrams
    const month = r.month
    this.months.set(month, (this.months.get(month) ?? 0) + grams)
    let sc = this.scopes.get(month)
    if (!sc) this.scopes.set(month, (sc = emptyScopes()))
    addRecordScopes(sc, r)
    bump(this.services, r.service, null, month, grams)
    bump(this.regions, r.region, null, month, grams)
    bump(this.accounts, r.account, r.accountName, month, grams)
    this.records?.push(r)
  }

  /** Room for about `records` more records, so a page's bytes are not copied as they grow. */
  reserve(records: number): void {
    this.json.room(records * 480)
    this.csv.room(records * 150)
  }

  /** The batch of the records added since the last take. */
  take(): RecordBatch {
    const months: (Month | Grams)[] = []
    for (const [m, v] of this.months) months.push(m, v)
    const batch: RecordBatch = {
      provider: this.provider,
      count: this.count,
      json: this.json.take(),
      csv: this.csv.take(),
      grams: this.grams,
      market: this.market,
      location: this.location,
      noMarket: this.noMarket,
      noLocation: this.noLocation,
      months,
      scopes: [...this.scopes].map(([month, sums]) => ({ month, sums })),
      services: deltas(this.services),
      regions: deltas(this.regions),
      accounts: deltas(this.accounts)
    }
    if (this.records) batch.records = this.records
    this.count = 0
    this.grams = this.market = this.location = this.noMarket = this.noLocation = 0
    this.months = new Map()
    this.scopes = new Map()
    this.services = new Map()
    this.regions = new Map()
    this.accounts = new Map()
    this.records = this.keepRecords ? [] : null
    return batch
  }
}

/**
 * The ArrayBuffers of a batch that can be handed to another thread: only those this module allocated (a
 * Buffer from elsewhere may be a slice of Node's shared pool, which must never be transferred).
 */
export function transferList(b: RecordBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = []
  for (const u of [b.json, b.csv]) {
    if (u.buffer instanceof ArrayBuffer && OWNED.has(u.buffer) && !out.includes(u.buffer)) out.push(u.buffer)
  }
  return out
}
