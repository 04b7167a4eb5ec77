/**
 * The one reader of report.json (the shard merge, the baseline, the bench): the header (every key but
 * `records`) and each record, streamed, so a million records are never held at once. It scans JSON tokens
 * (strings, nesting) instead of trusting the writer's indentation, so a report.json re-formatted by another
 * tool reads the same; anything that is not a report.json of this action is a clear error naming the file.
 */
import * as fs from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import type { CarbonRecord, Method, Period, ProviderId, ProviderStatus } from '../model.js'
import type { MissingPart } from './builder.js'

/** What a report.json says, besides its records (keys this version does not know are kept as they are). */
export interface ReportHeader {
  schemaVersion: number
  period: Period
  method: Method
  shard?: { index: number; count: number }
  providers: {
    provider: ProviderId
    status: ProviderStatus
    records: number
    totalKgCO2e?: number
    error: string | null
    notes: string[]
    warnings?: string[]
    missing?: MissingPart[]
  }[]
  forecast?: { provider: ProviderId; scope: string; month: string; basis: string; kgCO2e: number }[]
  [key: string]: unknown
}

/** A report.json record back to a record (kg with at most 3 decimals -> exact grams). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed report.json record
export function recordFromJson(o: Record<string, any>): CarbonRecord {
  if (o === null || typeof o !== 'object' || typeof o.provider !== 'string' || typeof o.month !== 'string')
    throw new Error('a record needs at least provider and month')
  const g = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 1000))
  const r: CarbonRecord = {
    provider: o.provider as ProviderId,
    account: o.account,
    accountName: o.accountName ?? null,
    month: o.month,
    service: o.service ?? null,
    region: o.region ?? null,
    grams: g(o.kgCO2e) ?? 0,
    marketGrams: g(o.marketKgCO2e),
    locationGrams: g(o.locationKgCO2e),
    scope1Grams: g(o.scope1KgCO2e),
    scope2MarketGrams: g(o.scope2MarketKgCO2e),
    scope2LocationGrams: g(o.scope2LocationKgCO2e),
    scope3MarketGrams: g(o.scope3MarketKgCO2e),
    scope3LocationGrams: g(o.scope3LocationKgCO2e),
    modelVersion: o.modelVersion ?? null
  }
  if (o.extra && typeof o.extra === 'object') r.extra = o.extra
  return r
}

/** Why a file is not a report.json: the reader's callers word it for their input (baseline, shard). */
export class ReportReadError extends Error {
  constructor(
    readonly kind: 'json' | 'object' | 'schema' | 'records',
    message: string
  ) {
    super(message)
  }
}

const QUOTE = 34
const BACKSLASH = 92
const OPEN_OBJ = 123
const CLOSE_OBJ = 125
const OPEN_ARR = 91
const CLOSE_ARR = 93
const COMMA = 44
const SPACE = 32

/**
 * Token scanner over text arriving in chunks: it splits the top-level object into the header text (with
 * `records` emptied) and the text of each record (the elements of the top-level `records` array).
 */
class ReportScanner {
  header = ''
  /** Whether the top-level `records` array was found. */
  sawRecords = false
  private started = false
  private depth = 0
  private inString = false
  private escaped = false
  /** The last string closed at depth 1 (a key, when an array opens next), and the one being read. */
  private lastKey = ''
  private key: string | null = null
  private inRecords = false
  /** The text of the record being read, when it spans chunks. */
  private element = ''
  private inElement = false

  constructor(private readonly onElement: (text: string) => void) {}

  push(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1)
    }
    let headerFrom = this.inRecords ? -1 : 0
    let keyFrom = 0
    let elementFrom = 0
    const n = chunk.length
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i)
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) {
          this.inString = false
          if (this.key !== null) {
            this.lastKey = this.key + chunk.slice(keyFrom, i)
            this.key = null
          }
        }
        continue
      }
      if (c === QUOTE) {
        this.inString = true
        if (this.depth === 1) {
          this.key = ''
          keyFrom = i + 1
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        this.depth++
        if (this.depth === 2 && c === OPEN_ARR && this.lastKey === 'records' && !this.inRecords) {
          this.header += chunk.slice(headerFrom, i + 1)
          headerFrom = -1
          this.inRecords = true
          this.sawRecords = true
        } else if (this.inRecords && this.depth === 3) {
          this.inElement = true
          this.element = ''
          elementFrom = i
        }
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (this.inRecords && this.depth === 3) {
          const text = this.element + chunk.slice(elementFrom, i + 1)
          this.inElement = false
          this.element = ''
          this.onElement(text)
        } else if (this.inRecords && this.depth === 2) {
          this.inRecords = false
          headerFrom = i
        }
        this.depth--
        if (this.depth < 0) throw new ReportReadError('json', 'unbalanced brackets')
      } else if (this.inRecords && this.depth === 2 && c !== COMMA && c > SPACE) {
        throw new ReportReadError('records', 'a record is not an object')
      }
    }
    if (this.key !== null) this.key += chunk.slice(keyFrom)
    if (this.inElement) this.element += chunk.slice(elementFrom)
    if (headerFrom !== -1) this.header += chunk.slice(headerFrom)
  }

  get complete(): boolean {
    return this.depth === 0 && !this.inString && this.header.trim() !== ''
  }
}

/**
 * Reads a report.json as this action writes it: `onRecord` gets each record (the parsed JSON object, with its
 * index) in order; the header (every key but `records`) is returned once the whole file is read. A file that
 * is not a report.json is a ReportReadError; errors of `onRecord` and of the file system pass through.
 */
export async function readReportObjects(
  file: string,
  onRecord: (o: unknown, index: number) => void
): Promise<{ header: ReportHeader; sawRecords: boolean }> {
  let index = 0
  const scanner = new ReportScanner((text) => {
    let o: unknown
    try {
      o = JSON.parse(text)
    } catch (e) {
      throw new ReportReadError('records', `record ${index + 1} is not JSON (${(e as Error).message})`)
    }
    onRecord(o, index++)
  })
  const decoder = new StringDecoder('utf8')
  for await (const chunk of fs.createReadStream(file)) scanner.push(decoder.write(chunk as Buffer))
  scanner.push(decoder.end())
  return { header: parseHeader(scanner.complete ? scanner.header : ''), sawRecords: scanner.sawRecords }
}

/** The header of a report.json text without its records; ReportReadError when it is not one. */
export function parseHeader(text: string): ReportHeader {
  let header: ReportHeader
  try {
    header = JSON.parse(text)
  } catch (e) {
    throw new ReportReadError('json', text.trim() === '' ? 'empty or cut short' : (e as Error).message.slice(0, 120))
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header))
    throw new ReportReadError('object', 'not a JSON object')
  if (!('schemaVersion' in header)) throw new ReportReadError('schema', 'it has no schemaVersion')
  if (header.schemaVersion !== 1)
    throw new ReportReadError('schema', `schemaVersion ${JSON.stringify(header.schemaVersion)}`)
  if ('records' in header && !Array.isArray(header.records))
    throw new ReportReadError('records', 'records is not a list')
  delete header.records
  return header
}

/**
 * Reads a report.json written by this action into its header and records (exact grams), streamed; a clear
 * error naming `name` (default: the file) on anything else.
 */
export async function readReport(
  file: string,
  onRecord: (r: CarbonRecord) => void,
  name: string = file
): Promise<ReportHeader> {
  try {
    const { header, sawRecords } = await readReportObjects(file, (o, i) => {
      let r: CarbonRecord
      try {
        r = recordFromJson(o as Record<string, unknown>)
      } catch (e) {
        throw new ReportReadError('records', `record ${i + 1} is not valid (${(e as Error).message})`)
      }
      onRecord(r)
    })
    if (!sawRecords) throw new ReportReadError('records', 'it has no records list')
    return header
  } catch (e) {
    if (!(e instanceof ReportReadError)) throw e
    if (e.kind === 'schema' && e.message.startsWith('schemaVersion'))
      throw new Error(`${name} has ${e.message}; this version reads 1.`)
    throw new Error(
      e.kind === 'records'
        ? `${name}: ${e.message}.`
        : `${name} is not a report.json written by cloud-carbon-report (${e.message}).`
    )
  }
}
