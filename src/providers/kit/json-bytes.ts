/**
 * Reading the plain kind of JSON answer straight from its bytes: a provider's page reader walks the structure
 * and takes only the values it needs, so a page of thousands of rows builds neither its text nor its tree (which
 * outlives the young collections that run while it is built, and is most of what a large run's main thread
 * allocates).
 *
 * Plain: ASCII, no escape in any string. Anything else, or bytes that are not JSON, makes `readPlain` answer
 * null, and the caller parses the page whole (JSON.parse), which also names what is wrong. The structure, every
 * literal and number, and every string taken are checked as JSON.parse checks them; a raw control character
 * inside a string that is skipped is not looked for. A value taken is what JSON.parse gives for it.
 */
import { isAscii } from 'node:buffer'

const QUOTE = 0x22
const BACKSLASH = 0x5c

/** Why a page is not read here: the caller parses it whole. */
export const notPlain = new Error('not a plain JSON page')

/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

/**
 * Strings taken, by a hash of their bytes: the same accounts, services and regions come back on every row, and
 * a string found here costs no allocation. Forgotten at once when full.
 */
const STRINGS = new Map<number, string>()
const STRINGS_LIMIT = 1 << 14

/** Names to match keys against, as bytes. */
export function fieldNames(names: readonly string[]): Uint8Array[] {
  return names.map((n) => Buffer.from(n, 'latin1'))
}

/** `read` on a reader of the body, or null when the body is not plain JSON or not what `read` reads. */
export function readPlain<T>(body: Buffer, read: (r: JsonBytes) => T): T | null {
  if (!isAscii(body) || body.indexOf(BACKSLASH) >= 0) return null
  try {
    const r = new JsonBytes(body)
    r.ws()
    const out = read(r)
    r.ws()
    if (r.i !== body.length) throw notPlain
    return out
  } catch {
    // Not plain, not JSON, or nested too deep for this reader's recursion: JSON.parse decides.
    return null
  }
}

/**
 * The members of the page object at `r` whose rows are its `value` list (Azure reports, OData collections): each
 * row goes to `row` as it is reached; the other members, parsed, are returned (no prototype: a member named
 * __proto__ is a member, as JSON.parse makes it). No `value`, one that is not a list, or two: not plain.
 */
export function valueListPage(r: JsonBytes, row: () => void): Record<string, unknown> {
  const rest = Object.create(null) as Record<string, unknown>
  let seen = false
  r.members((key) => {
    if (key !== 'value') rest[key] = r.value()
    else if (seen || !r.isArray()) throw notPlain
    else {
      seen = true
      r.elements(row)
    }
  })
  if (!seen) throw notPlain
  return rest
}

export class JsonBytes {
  i = 0
  constructor(readonly b: Buffer) {}

  /** Whether the value here is an object. */
  isObject(): boolean {
    return this.b[this.i] === 0x7b
  }

  /** Whether the value here is an array. */
  isArray(): boolean {
    return this.b[this.i] === 0x5b
  }

  /** The members of the object here, by key: `member` takes (or skips) each value. */
  members(member: (key: string) => void): void {
    this.expect(0x7b)
    this.ws()
    if (this.b[this.i] === 0x7d) {
      this.i++
      return
    }
    do member(this.key())
    while (this.more(0x7d))
  }

  /** The members of the object here, by the index of their key in `names` (-1: another key). */
  fields(names: readonly Uint8Array[], member: (field: number) => void): void {
    this.expect(0x7b)
    this.ws()
    if (this.b[this.i] === 0x7d) {
      this.i++
      return
    }
    do member(this.field(names))
    while (this.more(0x7d))
  }

  /** The elements of the array here: `element` takes (or skips) each. */
  elements(element: () => void): void {
    this.expect(0x5b)
    this.ws()
    if (this.b[this.i] === 0x5d) {
      this.i++
      return
    }
    do element()
    while (this.more(0x5d))
  }

  /**
   * Into the object or array here (`open`: its opening byte): true when a member or element follows, false when
   * it is empty (and passed). With `field` and `more`, a reader that walks a known shape without a callback.
   */
  enter(open: 0x7b | 0x5b): boolean {
    this.expect(open)
    if (this.b[this.i] !== open + 2) return true
    this.i++
    return false
  }

  /** The number here, as JSON.parse reads it; not a number: not read here. */
  numberValue(): number {
    const b = this.b
    const start = this.i
    // One pass for the usual figure (no exponent, at most 15 digits): checked and read as it is passed.
    let k = start
    const negative = b[k] === 0x2d
    if (negative) k++
    let c = b[k]
    let m = 0
    let digits = 0
    if (c === 0x30) {
      k++
      digits++
    } else if (c >= 0x31 && c <= 0x39) {
      do {
        m = m * 10 + (c - 0x30)
        digits++
        c = b[++k]
      } while (c >= 0x30 && c <= 0x39)
    } else throw notPlain
    let scale = 0
    if (b[k] === 0x2e) {
      c = b[++k]
      if (!(c >= 0x30 && c <= 0x39)) throw notPlain
      do {
        m = m * 10 + (c - 0x30)
        digits++
        scale++
        c = b[++k]
      } while (c >= 0x30 && c <= 0x39)
    }
    c = b[k]
    if (c === 0x65 || c === 0x45 || digits > 15 || (c >= 0x30 && c <= 0x39)) {
      // An exponent, more digits, or a leading zero followed by digits (which `number` refuses).
      this.number()
      return numberOf(b, start, this.i)
    }
    this.i = k
    const v = scale === 0 ? m : m / POW10[scale]
    return negative ? -v : v
  }

  /** Whether the value here is the string `bytes` (then passed; else the reader stays). */
  isString(bytes: Uint8Array): boolean {
    const b = this.b
    const i = this.i
    if (b[i] !== QUOTE || b[i + bytes.length + 1] !== QUOTE) return false
    for (let k = 0; k < bytes.length; k++) if (b[i + 1 + k] !== bytes[k]) return false
    this.i = i + bytes.length + 2
    return true
  }

  /** Whether the value here is null (then passed). */
  isNull(): boolean {
    return this.literal('null')
  }

  /** The value here, as JSON.parse gives it. */
  value(): unknown {
    const b = this.b
    const c = b[this.i]
    if (c === QUOTE) {
      const end = this.stringEnd()
      const s = this.textOf(this.i + 1, end)
      this.i = end + 1
      return s
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.numberValue()
    const start = this.i
    this.skip()
    return JSON.parse(b.toString('latin1', start, this.i)) as unknown
  }

  /** The string here as its [start, end) in the body (checked), or null when the value is not a string. */
  stringRange(): [number, number] | null {
    const start = this.stringStart()
    return start < 0 ? null : [start, this.i - 1]
  }

  /**
   * Past the string here (checked): where its characters start (its end is then `i - 1`, the closing quote);
   * -1 when the value is not a string (the reader stays). stringRange without an array per string.
   */
  stringStart(): number {
    if (this.b[this.i] !== QUOTE) return -1
    const start = this.i + 1
    const end = this.stringEnd()
    for (let k = start; k < end; k++) if (this.b[k] < 0x20) throw notPlain
    this.i = end + 1
    return start
  }

  /** Past the value here, checking its structure. */
  skip(): void {
    const b = this.b
    const c = b[this.i]
    if (c === QUOTE) this.i = this.stringEnd() + 1
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) this.number()
    else if (c === 0x7b) this.members(() => this.skip())
    else if (c === 0x5b) this.elements(() => this.skip())
    else if (!this.literal('true') && !this.literal('false') && !this.literal('null')) throw notPlain
  }

  /** Past JSON's whitespace (space, tab, newline, carriage return). */
  ws(): void {
    const b = this.b
    for (;;) {
      const c = b[this.i]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++
      else return
    }
  }

  /** After a member or element: past a comma and true, or past `close` and false. */
  more(close: number): boolean {
    this.ws()
    if (this.b[this.i] === 0x2c) {
      this.i++
      this.ws()
      return true
    }
    this.expect(close)
    return false
  }

  private expect(c: number): void {
    if (this.b[this.i] !== c) throw notPlain
    this.i++
    this.ws()
  }

  /** A member's key and its colon; at the value after. */
  private key(): string {
    if (this.b[this.i] !== QUOTE) throw notPlain
    const end = this.stringEnd()
    const key = this.b.toString('latin1', this.i + 1, end)
    this.i = end + 1
    this.ws()
    this.expect(0x3a) // :
    return key
  }

  /** A member's key and its colon, at the value after: its index in `names`, or -1 (no string made). */
  field(names: readonly Uint8Array[]): number {
    const b = this.b
    if (b[this.i] !== QUOTE) throw notPlain
    const start = this.i + 1
    const end = this.stringEnd()
    this.i = end + 1
    this.ws()
    this.expect(0x3a) // :
    const n = end - start
    next: for (let f = 0; f < names.length; f++) {
      const name = names[f]
      if (name.length !== n) continue
      for (let k = 0; k < n; k++) if (b[start + k] !== name[k]) continue next
      return f
    }
    return -1
  }

  /**
   * The string of the body's bytes [start, end) (no quotes), remembered by a hash of its bytes; a control
   * character in it: not read here.
   */
  textOf(start: number, end: number): string {
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

  /** The closing quote of the string here (no escapes: the body has no backslash). */
  private stringEnd(): number {
    const end = this.b.indexOf(QUOTE, this.i + 1)
    if (end < 0) throw notPlain
    return end
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
