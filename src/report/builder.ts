/**
 * The report model, built as records stream in. Records go straight to per-provider part files (JSON lines
 * and CSV rows, written when their page arrives, even ahead of its turn); memory holds only the groups
 * (months, services, regions, accounts) and each provider's report order as ranges of its files, so a million
 * records cost what their distinct groups cost. `writeFiles` writes report.json and report.csv by copying
 * those ranges in the canonical provider order.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import {
  PROVIDER_IDS,
  type CarbonRecord,
  type Grams,
  type Method,
  type Month,
  type Period,
  type ProviderId,
  type ProviderStatus
} from '../model.js'
import { monthsOf } from '../period.js'
import { CSV_HEADER } from './records.js'
import {
  BatchEncoder,
  packGroups,
  unpackGroups,
  type ByteRange,
  type GroupDelta,
  type PackedGroups,
  type Placement,
  type RecordBatch
} from './batch.js'
import { addScopes, emptyScopes, type ScopeSums } from './scopes.js'
import { MonthGrams } from './month-grams.js'
import { reportingYears, type ReportingYear } from './years.js'
import { recordFromJson } from './read.js'
import { PartFile, WriteBudget, writeAt } from './part-file.js'
import { Copier } from './copier.js'

export interface MissingPart {
  what: string
  cause: string
}

export interface ProviderOutcome {
  provider: ProviderId
  label: string
  status: ProviderStatus
  records: number
  grams: Grams
  error: string | null
  notes: string[]
  /** Warnings a reader must see, e.g. the provider's own summary disagrees with its detail. */
  warnings: string[]
  missing: MissingPart[]
  /** Records of this provider left out because another provider reports the same (account, month). */
  overlap?: Overlap | null
}

/** What one provider's records left out for another's (no double counting). */
export interface Overlap {
  with: ProviderId
  records: number
  grams: Grams
}

/**
 * No double counting: `provider`'s records of an (account, month) that `against` also reports are left out.
 * Azure Carbon Optimization and MCFS both report Azure subscriptions; Azure's figures are the ones kept.
 */
export interface OverlapRule {
  provider: ProviderId
  against: ProviderId
  /** A shard sees a share of each provider: it keeps every record, and the merge job applies the rule. */
  deferred?: boolean
}

export interface BuilderOptions {
  /** First month (1-12) of the reporting year. */
  fiscalYearStart?: number
  overlap?: OverlapRule | null
}

/** The overlap rule for a run's providers: only a run that sees both (a shard sees a share: the merge decides). */
export function overlapRule(providers: readonly ProviderId[], sharded: boolean): OverlapRule | null {
  return providers.includes('azure') && providers.includes('mcfs')
    ? { provider: 'mcfs', against: 'azure', ...(sharded ? { deferred: true } : {}) }
    : null
}

export interface YearRow extends ReportingYear {
  grams: Grams
  byProvider: Partial<Record<ProviderId, Grams>>
  scopes: ScopeSums
}

export interface Group {
  provider: ProviderId
  key: string
  label: string
  grams: Grams
  /** Grams per month, for change over time. */
  byMonth: MonthGrams
}

export interface MonthRow {
  month: Month
  grams: Grams
  byProvider: Partial<Record<ProviderId, Grams>>
}

/** Everything the renderers need; records themselves are in the part files. */
export interface ReportModel {
  generatedAt: string
  period: Period
  method: Method
  totalGrams: Grams
  marketGrams: Grams
  locationGrams: Grams
  /** Records whose market or location figure is missing (so the alternative totals are incomplete). */
  recordsWithoutMarket: number
  recordsWithoutLocation: number
  providers: ProviderOutcome[]
  months: MonthRow[]
  services: Group[]
  regions: Group[]
  accounts: Group[]
  notes: string[]
  recordCount: number
  /** GHG inventory figures, overall and per provider (providers with records only). */
  scopes: { total: ScopeSums; byProvider: Partial<Record<ProviderId, ScopeSums>> }
  years: YearRow[]
  fiscalYearStart: number
  /** A shard's overlap rule, left to the merge job (its figures may count an Azure subscription twice). */
  overlapDeferred: OverlapRule | null
  /** The overlap rule applied, with the (account, month) keys left out (`account\u0000month`). */
  overlap: (OverlapRule & { records: number; grams: Grams; keys: Set<string> }) | null
}

/** report.json keys written after `records` (the additions of the contract's second version). */
export const TRAILING_KEYS: readonly string[] = ['scopes', 'years']

/** The CSV header line, UTF-8. */
const CSV_HEAD = Buffer.from(`${CSV_HEADER}\r\n`)

type Range = ByteRange

/**
 * Ranges in report order, adjacent ones joined: [start, end, start, end, ...]. When batches come in their
 * order it stays one range, the whole file after its head.
 */
class RangeList {
  readonly spans: number[] = []
  add([start, end]: Range): void {
    if (end <= start) return
    const n = this.spans.length
    if (n > 0 && this.spans[n - 1] === start) this.spans[n - 1] = end
    else this.spans.push(start, end)
  }
}

/** Bytes of no records. */
const NO_BYTES = new Uint8Array(0)

/**
 * A held batch: its sums (without its bytes, its groups packed: a held provider's batches wait until the end)
 * and where its bytes are in the part files.
 */
interface HeldBatch {
  sums: Omit<RecordBatch, GroupKind | 'records'>
  groups: Record<GroupKind, PackedGroups>
  at: Placement
}

type GroupKind = 'services' | 'regions' | 'accounts'

/** Groups by provider, then by key (`null` and '' are one group), in first-seen order. */
type GroupMap = Map<ProviderId, Map<string, ReportGroup>>

/** A group of the whole report: label, grams, grams per month. */
interface ReportGroup {
  label: string
  grams: Grams
  byMonth: MonthGrams
}

/** A provider's groups in a GroupMap; the provider's entry is created here, so on its first record. */
function groupsOf(map: GroupMap, provider: ProviderId): Map<string, ReportGroup> {
  let byKey = map.get(provider)
  if (!byKey) map.set(provider, (byKey = new Map()))
  return byKey
}

/** Adds a batch's groups (in their order) to a provider's groups: new keys keep first-seen order. */
function mergeGroups(into: Map<string, ReportGroup>, from: GroupDelta[], period: Period): void {
  for (const d of from) {
    let g = into.get(d.key)
    if (!g) into.set(d.key, (g = { label: d.label, grams: 0, byMonth: new MonthGrams(period) }))
    g.grams += d.grams
    const bm = d.byMonth
    for (let i = 0; i < bm.length; i += 2) g.byMonth.add(bm[i] as Month, bm[i + 1] as Grams)
  }
}

/** Records taken one at a time are gathered into a batch this size before they reach the sums. */
const SINGLE_BATCH = 4096

export class ReportBuilder {
  /** What the part files have with the thread pool, all of them together. */
  private readonly writes = new WriteBudget()
  private readonly json = new Map<ProviderId, PartFile>()
  private readonly csv = new Map<ProviderId, PartFile>()
  /** Each provider's bytes in report order: ranges of its part files. */
  private readonly order = new Map<ProviderId, { json: RangeList; csv: RangeList }>()
  /** Set when the files are written: bytes that come later are not part of the report. */
  private closed = false
  private readonly counts = new Map<ProviderId, { records: number; grams: Grams }>()
  private readonly monthMap = new Map<Month, Map<ProviderId, Grams>>()
  private readonly scopeMap = new Map<ProviderId, Map<Month, ScopeSums>>()
  /**
   * The overlap rule's provider's batches until every provider is in: their bytes go to the part files as they
   * come, their sums wait here. Settling adds the sums of a batch none of whose (account, month) the other
   * provider reports; only a batch that overlaps is read back and encoded again without the records left out,
   * so the sums stay integer grams and memory holds no records.
   */
  private readonly held: HeldBatch[] = []
  private heldCount = { records: 0, grams: 0 }
  private settled: ModelOverlap | null = null
  private readonly services: GroupMap = new Map()
  private readonly regions: GroupMap = new Map()
  private readonly accounts: GroupMap = new Map()
  private total = 0
  private market = 0
  private location = 0
  private noMarket = 0
  private noLocation = 0
  /**
   * Records added one by one and not yet in the sums, per provider (providers running side by side may
   * alternate record by record): every reader of the sums flushes them first. Only a provider's own order
   * matters (its part files); sums and group order do not depend on how providers interleave.
   */
  private readonly pending = new Map<ProviderId, BatchEncoder>()

  readonly fiscalYearStart: number
  readonly overlap: OverlapRule | null
  private readonly deferred: OverlapRule | null

  constructor(
    private readonly workDir: string,
    readonly period: Period,
    readonly method: Method,
    options: BuilderOptions = {}
  ) {
    fs.mkdirSync(workDir, { recursive: true })
    this.fiscalYearStart = options.fiscalYearStart ?? 1
    const rule = options.overlap ?? null
    this.overlap = rule && !rule.deferred ? rule : null
    this.deferred = rule?.deferred ? rule : null
  }

  /** Whether a provider's batches wait for the overlap rule to be settled. */
  private holds(provider: ProviderId): boolean {
    return this.overlap?.provider === provider && this.settled === null
  }

  /** One record (a merge reading the shards' records, tests). */
  add(r: CarbonRecord): void {
    let p = this.pending.get(r.provider)
    if (!p) this.pending.set(r.provider, (p = new BatchEncoder(r.provider)))
    p.add(r)
    if (p.count >= SINGLE_BATCH) this.merge(p.take())
  }

  /** Moves the records added one by one (of one provider, or all) into the files and sums. */
  private flush(provider?: ProviderId): void {
    for (const [id, p] of this.pending)
      if ((provider === undefined || id === provider) && p.count > 0) this.merge(p.take())
  }

  /** A batch of one provider's records (a page), after whatever that provider added before it. */
  addBatch(b: RecordBatch): void {
    this.flush(b.provider)
    this.merge(b)
  }

  /**
   * Writes a batch's bytes to its provider's part files now, whether or not its turn has come (the batch then
   * carries where they are, and no bytes): a page that arrives ahead of the one before it costs no memory while
   * it waits. Its sums join the report when it is added in order (`addBatch`); one never added stays out.
   */
  place(b: RecordBatch): void {
    if (b.at || this.closed || b.count === 0) return
    const { json, csv } = this.partsOf(b.provider)
    b.at = { json: json.write(b.json), csv: csv.write(b.csv) }
    b.json = NO_BYTES
    b.csv = NO_BYTES
  }

  /** Keeps a batch of the overlap rule's provider aside: its bytes are in the part files, its sums wait here. */
  private hold(b: RecordBatch, at: Placement): void {
    const { services, regions, accounts, records: _records, ...sums } = b
    this.held.push({
      sums,
      groups: { services: packGroups(services), regions: packGroups(regions), accounts: packGroups(accounts) },
      at
    })
    this.heldCount.records += b.count
    this.heldCount.grams += b.grams
  }

  /** A batch's bytes take their place in the report's order. */
  private append(provider: ProviderId, at: Placement): void {
    let o = this.order.get(provider)
    if (!o) this.order.set(provider, (o = { json: new RangeList(), csv: new RangeList() }))
    o.json.add(at.json)
    o.csv.add(at.csv)
  }

  /**
   * Applies the overlap rule once every record is in: a held batch whose (account, month) the other provider
   * reports loses those records (counted in the overlap); the sums of what is kept join the report in order.
   */
  private settle(): ModelOverlap | null {
    const rule = this.overlap
    if (rule === null || this.settled !== null) return this.settled
    const theirs = new Set<string>()
    for (const [account, g] of this.accounts.get(rule.against) ?? new Map<string, ReportGroup>())
      for (const month of g.byMonth.keys()) theirs.add(`${account}\u0000${month}`)
    const settled: ModelOverlap = { ...rule, records: 0, grams: 0, keys: new Set() }
    this.settled = settled
    const held = this.held.splice(0)
    // A batch's (account, month) pairs are its account groups' months.
    const overlaps = (b: RecordBatch): boolean =>
      b.accounts.some((d) => d.byMonth.some((m, i) => i % 2 === 0 && theirs.has(`${d.key}\u0000${m as Month}`)))
    for (const h of held) {
      const { services, regions, accounts } = h.groups
      const sums: RecordBatch = {
        ...h.sums,
        services: unpackGroups(services),
        regions: unpackGroups(regions),
        accounts: unpackGroups(accounts)
      }
      if (!overlaps(sums)) {
        this.append(rule.provider, h.at)
        this.addSums(sums)
        continue
      }
      // Written again without the records left out; the first bytes stay in the file, outside every range.
      const kept = new BatchEncoder(rule.provider)
      for (const r of recordsOfJson(this.partsOf(rule.provider).json.read(h.at.json))) {
        const key = `${r.account}\u0000${r.month}`
        if (!theirs.has(key)) {
          kept.add(r)
          continue
        }
        settled.records++
        settled.grams += r.grams
        settled.keys.add(key)
      }
      this.merge(kept.take())
    }
    return settled
  }

  /** A provider's part files, created on its first batch. */
  private partsOf(provider: ProviderId): { json: PartFile; csv: PartFile } {
    let json = this.json.get(provider)
    let csv = this.csv.get(provider)
    if (!json || !csv) {
      json = new PartFile(path.join(this.workDir, `${provider}.records.jsonl`), NO_BYTES, this.writes)
      csv = new PartFile(path.join(this.workDir, `${provider}.records.csv`), CSV_HEAD, this.writes)
      this.json.set(provider, json)
      this.csv.set(provider, csv)
    }
    return { json, csv }
  }

  private merge(b: RecordBatch): void {
    if (b.count === 0) return
    this.place(b)
    const at = b.at
    if (!at) return // the files are written already
    if (this.holds(b.provider)) return this.hold(b, at)
    this.append(b.provider, at)
    this.addSums(b)
  }

  /** A batch's counts, sums and groups into the report's. */
  private addSums(b: RecordBatch): void {
    const provider = b.provider
    let count = this.counts.get(provider)
    if (!count) this.counts.set(provider, (count = { records: 0, grams: 0 }))
    count.records += b.count
    count.grams += b.grams
    this.total += b.grams
    this.market += b.market
    this.location += b.location
    this.noMarket += b.noMarket
    this.noLocation += b.noLocation
    const months = b.months
    for (let i = 0; i < months.length; i += 2) {
      const month = months[i] as Month
      let m = this.monthMap.get(month)
      if (!m) this.monthMap.set(month, (m = new Map()))
      m.set(provider, (m.get(provider) ?? 0) + (months[i + 1] as Grams))
    }
    let sc = this.scopeMap.get(provider)
    if (!sc) this.scopeMap.set(provider, (sc = new Map()))
    for (const { month, sums } of b.scopes) {
      let m = sc.get(month)
      if (!m) sc.set(month, (m = emptyScopes()))
      addScopes(m, sums)
    }
    mergeGroups(groupsOf(this.services, provider), b.services, this.period)
    mergeGroups(groupsOf(this.regions, provider), b.regions, this.period)
    mergeGroups(groupsOf(this.accounts, provider), b.accounts, this.period)
  }

  /** Records and grams received so far for a provider. */
  countOf(provider: ProviderId): { records: number; grams: Grams } {
    this.flush()
    const c = this.counts.get(provider) ?? { records: 0, grams: 0 }
    // Before the overlap is settled, the held records count as received (the provider did bring them).
    if (this.holds(provider))
      return { records: c.records + this.heldCount.records, grams: c.grams + this.heldCount.grams }
    return { ...c }
  }

  /**
   * The model. With an overlap rule, this settles it and updates the rule's provider outcome (its records,
   * grams and `overlap`) in place.
   */
  model(providers: ProviderOutcome[], notes: string[], generatedAt: string): ReportModel {
    this.flush()
    const overlap = this.settle()
    if (overlap !== null) {
      for (const o of providers) {
        if (o.provider !== overlap.provider) continue
        const c = this.counts.get(o.provider) ?? { records: 0, grams: 0 }
        o.records = c.records
        o.grams = c.grams
        o.overlap =
          overlap.records > 0 ? { with: overlap.against, records: overlap.records, grams: overlap.grams } : null
      }
    }
    const months: MonthRow[] = monthsOf(this.period).map((month) => {
      const byProvider: Partial<Record<ProviderId, Grams>> = {}
      let grams = 0
      const m = this.monthMap.get(month)
      for (const p of PROVIDER_IDS) {
        const g = m?.get(p)
        if (g !== undefined) {
          byProvider[p] = g
          grams += g
        }
      }
      return { month, grams, byProvider }
    })
    // Sorted with the groups in first-seen order within each provider (what decides ties).
    const sorted = (map: GroupMap): Group[] =>
      [...map]
        .flatMap(([provider, byKey]) => [...byKey].map(([key, g]): Group => ({ provider, key, ...g })))
        .sort((a, b) => b.grams - a.grams || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key))
    return {
      generatedAt,
      period: this.period,
      method: this.method,
      totalGrams: this.total,
      marketGrams: this.market,
      locationGrams: this.location,
      recordsWithoutMarket: this.noMarket,
      recordsWithoutLocation: this.noLocation,
      providers,
      months,
      services: sorted(this.services),
      regions: sorted(this.regions),
      accounts: sorted(this.accounts),
      notes,
      recordCount: [...this.counts.values()].reduce((a, c) => a + c.records, 0),
      scopes: this.scopeTotals(),
      years: this.yearRows(months),
      fiscalYearStart: this.fiscalYearStart,
      overlapDeferred: this.deferred,
      overlap
    }
  }

  /** Scopes of the given months (all when omitted), overall and per provider with records. */
  private scopeTotals(only?: Set<Month>): ReportModel['scopes'] {
    const total = emptyScopes()
    const byProvider: Partial<Record<ProviderId, ScopeSums>> = {}
    for (const p of PROVIDER_IDS) {
      const byMonth = this.scopeMap.get(p)
      if (!byMonth) continue
      const sums = emptyScopes()
      let any = false
      for (const [month, s] of byMonth) {
        if (only && !only.has(month)) continue
        addScopes(sums, s)
        any = true
      }
      if (!any) continue
      byProvider[p] = sums
      addScopes(total, sums)
    }
    return { total, byProvider }
  }

  private yearRows(months: MonthRow[]): YearRow[] {
    const byMonth = new Map(months.map((m) => [m.month, m]))
    return reportingYears(this.period, this.fiscalYearStart).map((y) => {
      const byProvider: Partial<Record<ProviderId, Grams>> = {}
      let grams = 0
      for (const month of y.months) {
        const row = byMonth.get(month)
        if (!row) continue
        grams += row.grams
        for (const p of PROVIDER_IDS)
          if (row.byProvider[p] !== undefined) byProvider[p] = (byProvider[p] ?? 0) + row.byProvider[p]!
      }
      return { ...y, grams, byProvider, scopes: this.scopeTotals(new Set(y.months)).total }
    })
  }

  /**
   * Writes report.json (header, then every record in canonical provider order) and report.csv.
   * `header` is the JSON document without its records.
   */
  async writeFiles(header: Record<string, unknown>, jsonPath: string, csvPath: string): Promise<void> {
    this.flush()
    this.closed = true
    await this.closeParts()
    // Side by side: each file is mostly a copy on the thread pool.
    await allDone([this.writeJson(header, jsonPath), this.writeCsv(csvPath)])
  }

  private async writeJson(header: Record<string, unknown>, jsonPath: string): Promise<void> {
    // Keys added after the records were first written go after them, so every earlier key keeps its place.
    const lead: Record<string, unknown> = {}
    const trail: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(header)) (TRAILING_KEYS.includes(k) ? trail : lead)[k] = v
    const head = JSON.stringify(lead, null, 2)
    const out = fs.openSync(jsonPath, 'w')
    try {
      let at = writeAt(out, Buffer.from(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "records": [`), 0)
      const copy = new Copier()
      let first = true
      for (const p of PROVIDER_IDS) {
        const part = this.json.get(p)
        const spans = this.order.get(p)?.json.spans
        if (!part || !spans || spans.length === 0) continue
        // The first record's separator loses its comma: `[` comes right before it.
        at = await copy.consume(out, at, part.file, first ? [spans[0] + 1, ...spans.slice(1)] : spans)
        first = false
      }
      const tail = JSON.stringify(trail, null, 2)
      const rest = Object.keys(trail).length === 0 ? '' : `,\n${tail.slice(2, tail.lastIndexOf('}')).trimEnd()}`
      writeAt(out, Buffer.from(`${first ? ']' : '\n  ]'}${rest}\n}\n`), at)
    } finally {
      fs.closeSync(out)
    }
  }

  private async writeCsv(csvPath: string): Promise<void> {
    // Each CSV part starts with the header. When the first provider's rows are its whole file in order, that
    // file becomes report.csv as it is (a rename, no copy of what is most of the bytes); the rest is copied.
    const parts = PROVIDER_IDS.flatMap((p) => {
      const part = this.csv.get(p)
      const spans = this.order.get(p)?.csv.spans
      return part && spans && spans.length > 0 ? [{ part, spans }] : []
    })
    let out: number
    let at: number
    const whole = parts[0]?.spans
    if (
      whole?.length === 2 &&
      whole[0] === parts[0].part.head.length &&
      whole[1] === parts[0].part.size &&
      moveFile(parts[0].part.file, csvPath)
    ) {
      out = fs.openSync(csvPath, 'r+')
      at = parts[0].part.size
      parts.shift()
    } else {
      out = fs.openSync(csvPath, 'w')
      at = writeAt(out, CSV_HEAD, 0)
    }
    try {
      const copy = new Copier()
      for (const { part, spans } of parts) at = await copy.consume(out, at, part.file, spans)
    } finally {
      fs.closeSync(out)
    }
  }

  /** Removes the part files. */
  async cleanup(): Promise<void> {
    this.closed = true
    await this.closeParts()
    for (const f of [...this.json.values(), ...this.csv.values()]) fs.rmSync(f.file, { force: true })
  }

  /** Closes every part file once its writes are done. */
  private closeParts(): Promise<void> {
    return allDone([...this.json.values(), ...this.csv.values()].map((f) => f.close()))
  }
}

/** Waits for every one of `work` (none is left running on a file), then throws the first failure. */
async function allDone(work: Promise<void>[]): Promise<void> {
  for (const w of await Promise.allSettled(work)) if (w.status === 'rejected') throw w.reason
}

type ModelOverlap = NonNullable<ReportModel['overlap']>

/** The records of a batch's report.json lines (a batch that did not carry its records). */
function recordsOfJson(json: Uint8Array): CarbonRecord[] {
  const text = Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')
  return text
    .split(',\n    ')
    .filter((line) => line !== '')
    .map((line) => recordFromJson(JSON.parse(line)))
}

/** Renames `from` to `to` (replacing it); false when it cannot (another file system), for a copy instead. */
function moveFile(from: string, to: string): boolean {
  try {
    fs.renameSync(from, to)
    return true
  } catch {
    return false
  }
}
