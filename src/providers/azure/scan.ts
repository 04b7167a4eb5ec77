/**
 * A resource-detail page read straight from its bytes (kit/json-bytes.ts): each row of `value` is handed over as
 * it is read, with only the fields the dimensions and the sums read, as JSON.parse would give them. A page that
 * is not plain, or whose `value` is not a list of objects (or comes twice), is left to JSON.parse.
 */
import { fieldNames, notPlain, readPlain, valueListPage, type JsonBytes } from '../kit/json-bytes.js'
import { FieldShapes } from '../kit/row-shape.js'
import type { ReportRow } from './parse.js'

/** The fields of a row that are read; the others are skipped. */
const FIELDS = fieldNames([
  'subscriptionId',
  'resourceType',
  'location',
  'latestMonthEmissions',
  'resourceId',
  'itemName'
])
const [SUBSCRIPTION, TYPE, LOCATION, FIGURE, RESOURCE_ID] = [0, 1, 2, 3, 4]

/**
 * A row as it is read: the dimensions and the figure as fields, the resource id and item name (read only for a
 * row whose dimensions are not remembered, or for an error message) made from their bytes when asked for.
 */
class ScanRow implements ReportRow {
  subscriptionId?: string
  resourceType?: string
  location?: string
  latestMonthEmissions?: number | string
  /**
   * Per lazy field (resource id, item name): where its string starts and ends in the page (start -1: not a
   * string), else its value (undefined: absent). Numbers, not an object per row: a month has some 100,000 rows.
   */
  private readonly starts = [-1, -1]
  private readonly ends = [0, 0]
  private readonly others: unknown[] = [undefined, undefined]
  constructor(private readonly b: Buffer) {}
  reset(): void {
    this.subscriptionId = this.resourceType = this.location = this.latestMonthEmissions = undefined
    this.starts[0] = this.starts[1] = -1
    this.others[0] = this.others[1] = undefined
  }
  /** A lazy field, from the reader at its value. */
  take(which: 0 | 1, r: JsonBytes): void {
    const start = r.stringStart()
    this.starts[which] = start
    if (start >= 0) this.ends[which] = r.i - 1
    else this.others[which] = r.value()
  }
  private read(which: 0 | 1): string | undefined {
    const start = this.starts[which]
    return start >= 0 ? this.b.toString('latin1', start, this.ends[which]) : (this.others[which] as string | undefined)
  }
  get resourceId(): string | undefined {
    return this.read(0)
  }
  get itemName(): string | undefined {
    return this.read(1)
  }
}

/**
 * Reads the page: `row` gets each row of `value` (one object, its fields overwritten row after row: read what
 * you need before returning; it must not throw). The top-level members other than `value`, parsed, or null when
 * the page is not read here (rows may have been handed over before that is found: the caller discards what it
 * made of them).
 */
export function scanReportPage(body: Buffer, row: (r: ReportRow) => void): Record<string, unknown> | null {
  return readPlain(body, (reader) => {
    const r = new ScanRow(body)
    const field = (f: number): void => {
      if (f === SUBSCRIPTION) r.subscriptionId = reader.value() as string
      else if (f === TYPE) r.resourceType = reader.value() as string
      else if (f === LOCATION) r.location = reader.value() as string
      else if (f === FIGURE) r.latestMonthEmissions = reader.value() as number
      else if (f >= RESOURCE_ID) r.take(f === RESOURCE_ID ? 0 : 1, reader)
      else reader.skip()
    }
    const shapes = new FieldShapes(reader, FIELDS, field, () => r.reset())
    const element = (): void => {
      // Not an object: JSON.parse's rows go to the code that says what is wrong with them.
      if (!reader.isObject()) throw notPlain
      shapes.read()
      row(r)
    }
    return valueListPage(reader, element)
  })
}
