/**
 * The report model, built as records stream in. Records go straight to per-provider part files (JSON lines
 * and CSV rows, in arrival order); memory holds only the groups (months, services, regions, accounts), so a
 * million records cost what their distinct groups cost. `finish` writes report.json and report.csv by
 * joining the parts in the canonical provider order.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { PROVIDER_IDS, type CarbonRecord, type Grams, type Method, type Month, type Period, type ProviderId, type ProviderStatus } from '../model.js'
import { monthsOf } from '../period.js'
import { CSV_HEADER, recordLines } from './records.js'

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
}

export interface Group {
  provider: ProviderId
  key: string
  label: string
  grams: Grams
  /** Grams per month, for change over time. */
  byMonth: Map<Month, Grams>
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
}

const FLUSH_BYTES = 1 << 20

/** Text is gathered in small runs (they die young) and encoded into one buffer, written when it fills. */
const RUN_CHARS = 16 * 1024

class PartFile {
  private readonly buf = Buffer.allocUnsafe(FLUSH_BYTES)
  private used = 0
  private run = ''
  private fd: number | null = null
  constructor(readonly file: string) {}
  write(s: string): void {
    this.run += s
    if (this.run.length >= RUN_CHARS) this.encodeRun()
  }
  private encodeRun(): void {
    const s = this.run
    this.run = ''
    // 3 bytes per UTF-16 unit is the most UTF-8 can need.
    if (this.used + s.length * 3 > FLUSH_BYTES) {
      this.writeOut()
      if (s.length * 3 > FLUSH_BYTES) {
        fs.writeSync(this.open(), s)
        return
      }
    }
    this.used += this.buf.write(s, this.used)
  }
  private open(): number {
    if (this.fd === null) this.fd = fs.openSync(this.file, 'w')
    return this.fd
  }
  private writeOut(): void {
    const fd = this.open()
    let off = 0
    while (off < this.used) off += fs.writeSync(fd, this.buf, off, this.used - off)
    this.used = 0
  }
  flush(): void {
    if (this.run.length > 0) this.encodeRun()
    this.writeOut()
  }
  close(): void {
    this.flush()
    if (this.fd !== null) fs.closeSync(this.fd)
    this.fd = null
  }
}

/** Groups by provider, then by key (`null` and '' are one group), in first-seen order. */
type GroupMap = Map<ProviderId, Map<string, Group>>

/** A provider's groups in a GroupMap; the provider's entry is created here, so on its first record. */
function groupsOf(map: GroupMap, provider: ProviderId): Map<string, Group> {
  let byKey = map.get(provider)
  if (!byKey) map.set(provider, (byKey = new Map()))
  return byKey
}

function bump(byKey: Map<string, Group>, provider: ProviderId, key: string | null, label: string | null, month: Month, grams: Grams): void {
  const k = key ?? ''
  let g = byKey.get(k)
  if (!g) {
    g = { provider, key: k, label: label ?? key ?? '(none)', grams: 0, byMonth: new Map() }
    byKey.set(k, g)
  }
  g.grams += grams
  g.byMonth.set(month, (g.byMonth.get(month) ?? 0) + grams)
}

/** What add needs of the provider of the record in hand. */
interface ProviderParts {
  provider: ProviderId
  json: PartFile
  csv: PartFile
  count: { records: number; grams: Grams }
  services: Map<string, Group>
  regions: Map<string, Group>
  accounts: Map<string, Group>
}

export class ReportBuilder {
  private readonly json = new Map<ProviderId, PartFile>()
  private readonly csv = new Map<ProviderId, PartFile>()
  private readonly counts = new Map<ProviderId, { records: number; grams: Grams }>()
  private readonly monthMap = new Map<Month, Map<ProviderId, Grams>>()
  private readonly services: GroupMap = new Map()
  private readonly regions: GroupMap = new Map()
  private readonly accounts: GroupMap = new Map()
  private total = 0
  private market = 0
  private location = 0
  private noMarket = 0
  private noLocation = 0
  private last: ProviderParts | null = null

  constructor(
    private readonly workDir: string,
    readonly period: Period,
    readonly method: Method
  ) {
    fs.mkdirSync(workDir, { recursive: true })
  }

  add(r: CarbonRecord): void {
    // Records come in runs of one provider: its part files and counters are looked up once per run.
    let p = this.last
    if (p === null || p.provider !== r.provider) p = this.last = this.partsOf(r.provider)
    // Indexed, not destructured: array destructuring goes through the iterator protocol.
    const lines = recordLines(r)
    p.json.write(',\n    ')
    p.json.write(lines[0])
    p.csv.write(lines[1])
    p.csv.write('\r\n')

    const grams = r.grams
    const count = p.count
    count.records++
    count.grams += grams
    this.total += grams
    if (r.marketGrams === null) this.noMarket++
    else this.market += r.marketGrams
    if (r.locationGrams === null) this.noLocation++
    else this.location += r.locationGrams

    const month = r.month
    let m = this.monthMap.get(month)
    if (!m) this.monthMap.set(month, (m = new Map()))
    m.set(r.provider, (m.get(r.provider) ?? 0) + grams)
    bump(p.services, r.provider, r.service, r.service, month, grams)
    bump(p.regions, r.provider, r.region, r.region, month, grams)
    bump(p.accounts, r.provider, r.account, r.accountName ? `${r.accountName} (${r.account})` : r.account, month, grams)
  }

  /** A provider's part files, counters and group maps, created on its first record. */
  private partsOf(provider: ProviderId): ProviderParts {
    let j = this.json.get(provider)
    let c = this.csv.get(provider)
    if (!j || !c) {
      j = new PartFile(path.join(this.workDir, `${provider}.records.jsonl`))
      c = new PartFile(path.join(this.workDir, `${provider}.records.csv`))
      this.json.set(provider, j)
      this.csv.set(provider, c)
    }
    let count = this.counts.get(provider)
    if (!count) this.counts.set(provider, (count = { records: 0, grams: 0 }))
    return { provider, json: j, csv: c, count, services: groupsOf(this.services, provider), regions: groupsOf(this.regions, provider), accounts: groupsOf(this.accounts, provider) }
  }

  /** Records and grams received so far for a provider. */
  countOf(provider: ProviderId): { records: number; grams: Grams } {
    return this.counts.get(provider) ?? { records: 0, grams: 0 }
  }

  model(providers: ProviderOutcome[], notes: string[], generatedAt: string): ReportModel {
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
      [...map.values()].flatMap((byKey) => [...byKey.values()]).sort((a, b) => b.grams - a.grams || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key))
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
      recordCount: [...this.counts.values()].reduce((a, c) => a + c.records, 0)
    }
  }

  /**
   * Writes report.json (header, then every record in canonical provider order) and report.csv.
   * `header` is the JSON document without its records.
   */
  writeFiles(header: Record<string, unknown>, jsonPath: string, csvPath: string): void {
    for (const f of [...this.json.values(), ...this.csv.values()]) f.close()
    const head = JSON.stringify(header, null, 2)
    const out = fs.openSync(jsonPath, 'w')
    fs.writeSync(out, `${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "records": [`)
    let first = true
    for (const p of PROVIDER_IDS) {
      const part = this.json.get(p)
      if (!part) continue
      first = copyInto(out, part.file, first ? 1 : 0) ? false : first
    }
    fs.writeSync(out, first ? ']\n}\n' : '\n  ]\n}\n')
    fs.closeSync(out)

    const csvOut = fs.openSync(csvPath, 'w')
    fs.writeSync(csvOut, `${CSV_HEADER}\r\n`)
    for (const p of PROVIDER_IDS) {
      const part = this.csv.get(p)
      if (part) copyInto(csvOut, part.file, 0)
    }
    fs.closeSync(csvOut)
  }

  /** Removes the part files. */
  cleanup(): void {
    for (const f of [...this.json.values(), ...this.csv.values()]) {
      f.close()
      fs.rmSync(f.file, { force: true })
    }
  }
}

/** Appends a file to an open descriptor, skipping its first `skip` bytes; true when anything was copied. */
function copyInto(fd: number, file: string, skip: number): boolean {
  if (!fs.existsSync(file)) return false
  const src = fs.openSync(file, 'r')
  const chunk = Buffer.allocUnsafe(FLUSH_BYTES)
  let position = skip
  let copied = false
  for (;;) {
    const n = fs.readSync(src, chunk, 0, chunk.length, position)
    if (n <= 0) break
    fs.writeSync(fd, chunk, 0, n)
    position += n
    copied = true
  }
  fs.closeSync(src)
  return copied
}
