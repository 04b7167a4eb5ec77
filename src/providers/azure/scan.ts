/**
 * A resource-detail page read straight from its bytes: each row of `value` is handed over as it is read, with
 * only the fields the sums read (as JSON.parse would give them), so a page of thousands of rows builds neither
 * its text nor its tree, which outlives the young collections that run while it is built (on the main thread,
 * beside every other provider's work).
 *
 * Only the plain kind of page is read here: ASCII, no escape in any string. Anything else (a non-ASCII name, an
 * escape, a row that is not an object, a second `value`, a structure that is not JSON) answers null, and the
 * caller parses the page whole instead (JSON.parse), which also names what is wrong. The structure, every
 * literal and number, and every string read are checked as JSON.parse checks them; a raw control character
 * inside a string that is skipped is not looked for.
 */
import { isAscii } from 'node:buffer'
import type { ReportRow } from './parse.js'

/** The fields of a row that are read (by the dimensions and the sums), by their index; the others are skipped. */
const FIELDS = ['subscriptionId', 'resourceType', 'location', 'latestMonthEmissions', 'resourceId', 'itemName'].map(
  (f) => Buffer.from(f, 'latin1')
)
const [SUBSCRIPTION, TYPE, , FIGURE, RESOURCE_ID, ITEM_NAME] = [0, 1, 2, 3, 4, 5]

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

/**
 * Strings read, by a hash of their bytes: the same subscriptions, types and locations come back on every row,
 * and a string found here costs no allocation. Forgotten at once when full.
 */
const STRINGS = new Map<number, string>()
const STRINGS_LIMIT = 1 << 14

/**
 * A row as it is read: the dimensions and the figure as fields, the resource id and item name (read only for a
 * row whose dimensions are not remembered, or for an error message) made from their bytes when asked for.
 */
class ScanRow implements ReportRow {
  subscriptionId?: string
  resourceType?: string
  location?: string
  latestMonthEmissions?: number | string
  /** Where each lazy field's string is in the page ([start, end)), or its value when it is not a string. */
  private readonly lazy: [number, number, unknown, number, number, unknown] = [-1, -1, undefined, -1, -1, undefined]
  constructor(private readonly b: Buffer) {}
  reset(): void {
    this.subscriptionId = this.resourceType = this.location = this.latestMonthEmissions = undefined
    this.lazy[0] = this.lazy[3] = -1
    this.lazy[2] = this.lazy[5] = undefined
  }
  setLazy(field: number, start: number, end: number, value: unknown): void {
    const at = field === RESOURCE_ID ? 0 : 3
    this.lazy[at] = start
    this.lazy[at + 1] = end
    this.lazy[at + 2] = value
  }
  private read(at: number): string | undefined {
    const l = this.lazy
    return (l[at] as number) >= 0
      ? this.b.toString('latin1', l[at] as number, l[at + 1] as number)
      : (l[at + 2] as string)
  }
  get resourceId(): string | undefined {
    return this.read(0)
  }
  get itemName(): string | undefined {
    return this.read(3)
  }
}

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Why a page is not read here: the caller parses it whole. */
const notPlain = new Error('not a plain page')

/**
 * Reads the page: `row` gets each row of `value` (one object, its fields overwritten row after row: read what
 * you need before returning; it must not throw). The top-level members other than `value`, parsed, or null when
 * the page is not read here (rows may have been handed over before that is found: the caller discards what it
 * made of them).
 */
export function scanReportPage(body: Buffer, row: (r: ReportRow) => void): Record<string, unknown> | null {
  if (!isAscii(body) || body.indexOf(BACKSLASH) >= 0) return null
  try {
    return new Scanner(body).page(row)
  } catch {
    // Not plain, or nested too deep for this reader's recursion: JSON.parse decides.
    return null
  }
}

class Scanner {
  private i = 0
  constructor(private readonly b: Buffer) {}

  page(row: (r: ReportRow) => void): Record<string, unknown> {
    // No prototype: a member named __proto__ is a member, as JSON.parse makes it.
    const rest = Object.create(null) as Record<string, unknown>
    let rows = false
    this.ws()
    this.expect(0x7b) // {
    this.ws()
    if (this.b[this.i] === 0x7d) this.i++
    else {
      for (;;) {
        const key = this.key()
        if (key === 'value') {
          if (rows || this.b[this.i] !== 0x5b) throw notPlain
          rows = true
          this.rows(row)
        } else {
          const start = this.i
          this.skipValue()
          // A repeated key: the last one counts, as in JSON.parse.
          rest[key] = JSON.parse(this.b.toString('latin1', start, this.i)) as unknown
        }
        if (this.more(0x7d)) continue
        break
      }
    }
    this.ws()
    if (this.i !== this.b.length || !rows) throw notPlain
    return rest
  }

  /** The rows of `value`, at its `[`. */
  private rows(row: (r: ReportRow) => void): void {
    const b = this.b
    const r = new ScanRow(b)
    this.i++
    this.ws()
    if (b[this.i] === 0x5d) {
      this.i++
      return
    }
    for (;;) {
      if (b[this.i] !== 0x7b) throw notPlain // not an object: JSON.parse's rows go to the code that says so
      this.i++
      r.reset()
      this.ws()
      if (b[this.i] === 0x7d) this.i++
      else {
        for (;;) {
          const field = this.field()
          if (field < 0) this.skipValue()
          else if (field === FIGURE) r.latestMonthEmissions = this.value() as number
          else if (field === RESOURCE_ID || field === ITEM_NAME) {
            const start = this.i
            if (b[start] === QUOTE) {
              const end = this.stringEnd()
              this.checkText(start + 1, end)
              this.i = end + 1
              r.setLazy(field, start + 1, end, undefined)
            } else r.setLazy(field, -1, -1, this.value())
          } else {
            const v = this.value()
            if (field === SUBSCRIPTION) r.subscriptionId = v as string
            else if (field === TYPE) r.resourceType = v as string
            else r.location = v as string
          }
          if (this.more(0x7d)) continue
          break
        }
      }
      row(r)
      if (this.more(0x5d)) continue
      return
    }
  }

  /** A row member's key and its colon, at the value after: the index of the field it names, or -1. */
  private field(): number {
    const b = this.b
    if (b[this.i] !== QUOTE) throw notPlain
    const start = this.i + 1
    const end = this.stringEnd()
    this.i = end + 1
    this.ws()
    this.expect(0x3a) // :
    this.ws()
    const n = end - start
    next: for (let f = 0; f < FIELDS.length; f++) {
      const name = FIELDS[f]
      if (name.length !== n) continue
      for (let k = 0; k < n; k++) if (b[start + k] !== name[k]) continue next
      return f
    }
    return -1
  }

  /** After a member or element: past a comma and true, or past `close` and false. */
  private more(close: number): boolean {
    this.ws()
    if (this.b[this.i] === 0x2c) {
      this.i++
      this.ws()
      return true
    }
    this.expect(close)
    return false
  }

  /** A member's key and its colon; at the value after. */
  private key(): string {
    if (this.b[this.i] !== QUOTE) throw notPlain
    const end = this.stringEnd()
    const key = this.b.toString('latin1', this.i + 1, end)
    this.i = end + 1
    this.ws()
    this.expect(0x3a) // :
    this.ws()
    return key
  }

  /** A string's bytes are JSON text: no raw control character. */
  private checkText(start: number, end: number): void {
    for (let k = start; k < end; k++) if (this.b[k] < 0x20) throw notPlain
  }

  /** The string [start, end) of the page, remembered by a hash of its bytes (checked for control characters). */
  private text(start: number, end: number): string {
    const b = this.b
    let h = end - start
    for (let k = start; k < end; k++) {
      const c = b[k]
      if (c < 0x20) throw notPlain
      h = (Math.imul(h, 31) + c) | 0
    }
    const known = STRINGS.get(h)
    if (known !== undefined && known.length === end - start) {
      let same = true
      for (let k = 0; k < known.length && same; k++) same = known.charCodeAt(k) === b[start + k]
      if (same) return known
    }
    const s = b.toString('latin1', start, end)
    if (STRINGS.size >= STRINGS_LIMIT) STRINGS.clear()
    STRINGS.set(h, s)
    return s
  }

  /** A value that is read: as JSON.parse gives it. */
  private value(): unknown {
    const b = this.b
    const c = b[this.i]
    if (c === QUOTE) {
      const end = this.stringEnd()
      const s = this.text(this.i + 1, end)
      this.i = end + 1
      return s
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = this.i
      this.number()
      return numberOf(b, start, this.i)
    }
    const start = this.i
    this.skipValue()
    return JSON.parse(b.toString('latin1', start, this.i)) as unknown
  }

  /** The closing quote of the string at `i` (no escapes: the page has no backslash). */
  private stringEnd(): number {
    const end = this.b.indexOf(QUOTE, this.i + 1)
    if (end < 0) throw notPlain
    return end
  }

  /** Past any value, checking its structure. */
  private skipValue(): void {
    const b = this.b
    const c = b[this.i]
    if (c === QUOTE) this.i = this.stringEnd() + 1
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number()
    else if (c === 0x7b || c === 0x5b) {
      const close = c === 0x7b ? 0x7d : 0x5d
      this.i++
      this.ws()
      if (b[this.i] === close) {
        this.i++
        return
      }
      for (;;) {
        if (close === 0x7d) this.key()
        this.skipValue()
        if (this.more(close)) continue
        return
      }
    } else if (this.literal('true') || this.literal('false') || this.literal('null')) return
    else throw notPlain
  }

  private literal(word: string): boolean {
    for (let k = 0; k < word.length; k++) if (this.b[this.i + k] !== word.charCodeAt(k)) return false
    this.i += word.length
    return true
  }

  /** Past a number of JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
  private number(): void {
    const b = this.b
    if (b[this.i] === 0x2d) this.i++
    if (b[this.i] === 0x30) this.i++
    else if (b[this.i] >= 0x31 && b[this.i] <= 0x39) this.digits()
    else throw notPlain
    if (b[this.i] === 0x2e) {
      this.i++
      if (!this.digits()) throw notPlain
    }
    if (b[this.i] === 0x65 || b[this.i] === 0x45) {
      this.i++
      if (b[this.i] === 0x2b || b[this.i] === 0x2d) this.i++
      if (!this.digits()) throw notPlain
    }
  }

  /** Past a run of digits; whether there was one. */
  private digits(): boolean {
    const start = this.i
    while (this.b[this.i] >= 0x30 && this.b[this.i] <= 0x39) this.i++
    return this.i > start
  }

  /** Past JSON's whitespace (space, tab, newline, carriage return). */
  private ws(): void {
    const b = this.b
    for (;;) {
      const c = b[this.i]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++
      else return
    }
  }

  private expect(c: number): void {
    if (this.b[this.i] !== c) throw notPlain
    this.i++
  }
}

/**
 * The double of a JSON number's bytes, as Number() reads it: at most 15 digits and no exponent is an exact
 * integer divided by an exact power of ten, one correctly rounded operation (the fast path of decimal reading);
 * anything else is read by Number().
 */
function numberOf(b: Buffer, start: number, end: number): number {
  let k = start
  const negative = b[k] === 0x2d
  if (negative) k++
  let m = 0
  let digits = 0
  let scale = 0
  let dot = false
  for (; k < end; k++) {
    const c = b[k]
    if (c === 0x2e) dot = true
    else if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30)
      digits++
      if (dot) scale++
    } else break
  }
  if (k < end || digits > 15) return Number(b.toString('latin1', start, end))
  const v = scale === 0 ? m : m / POW10[scale]
  return negative ? -v : v
}
