/**
 * The rows of an API page are written alike: the same keys in the same order with the same spacing, and only the
 * values change. So a row read member by member leaves its shape, the bytes between its values, and the next
 * rows are matched against those bytes a 32-bit word at a time instead of finding, comparing and passing each
 * key and separator. Only the values are read, by the same code as member by member, so a row gives the same
 * either way; a row that does not match is read member by member and leaves its shape for the next ones.
 */
import type { JsonBytes } from './json-bytes.js'

/** A view of a body's bytes that reads four at a time (in any byte order, the same for both sides compared). */
export const wordsOf = (b: Buffer): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength)

/** Runs of a body's bytes (the pieces between a row's values), to compare other bytes against. */
export class Literals {
  private readonly words: Int32Array[] = []
  private readonly tails: Uint8Array[] = []
  /** The pieces [start, ranges[0]), [ranges[1], ranges[2]), ... [ranges[last], end) of `b`. */
  constructor(b: Buffer, view: DataView, start: number, ranges: readonly number[], end: number) {
    let at = start
    for (let k = 0; k <= ranges.length; k += 2) {
      const to = k < ranges.length ? ranges[k] : end
      const whole = (to - at) & ~3
      const words = new Int32Array(whole / 4)
      for (let w = 0; w < words.length; w++) words[w] = view.getInt32(at + w * 4, true)
      this.words.push(words)
      this.tails.push(b.subarray(at + whole, to))
      at = ranges[k + 1]
    }
  }

  /** Whether piece `s` is at `i` of `b` (`view`: its words): the position after it, else -1. */
  match(b: Buffer, view: DataView, i: number, s: number): number {
    const words = this.words[s]
    const tail = this.tails[s]
    const n = words.length
    if (i + n * 4 + tail.length > b.length) return -1
    for (let w = 0; w < n; w++, i += 4) if (view.getInt32(i, true) !== words[w]) return -1
    for (let k = 0; k < tail.length; k++, i++) if (b[i] !== tail[k]) return -1
    return i
  }
}

/** An object's keys and separators, and the field (index in the names read, -1 another) of each value. */
class FieldShape {
  constructor(
    private readonly literals: Literals,
    private readonly slots: Int16Array
  ) {}

  /** Reads the object at `r.i` when it has this shape, each value by `member`: whether it had (then `r.i` is past it). */
  read(r: JsonBytes, view: DataView, member: (field: number) => void): boolean {
    const b = r.b
    const slots = this.slots
    let i = r.i
    for (let s = 0; ; s++) {
      i = this.literals.match(b, view, i, s)
      if (i < 0) return false
      r.i = i
      if (s === slots.length) return true
      // Member by member, the spacing before a value is passed with the colon: more of it is another shape.
      const c = b[i]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return false
      member(slots[s])
      i = r.i
    }
  }
}

/** The shapes rows of one page have had, the latest matched first. */
const KEPT = 4

/**
 * One page's rows read as `JsonBytes.fields` reads an object, by shape when a row has one seen before. `reset`
 * clears what `member` sets, before each try: a row that matches a shape only in part has set some values.
 */
export class FieldShapes {
  private readonly shapes: FieldShape[] = []
  private readonly view: DataView
  constructor(
    private readonly r: JsonBytes,
    private readonly names: readonly Uint8Array[],
    private readonly member: (field: number) => void,
    private readonly reset: () => void
  ) {
    this.view = wordsOf(r.b)
  }

  /** The object at the reader, into `member`. */
  read(): void {
    const { r, shapes, member, reset } = this
    const at = r.i
    for (let k = 0; k < shapes.length; k++) {
      reset()
      if (shapes[k].read(r, this.view, member)) {
        if (k > 0) shapes.unshift(shapes.splice(k, 1)[0])
        return
      }
      r.i = at
    }
    reset()
    const slots: number[] = []
    const ranges: number[] = []
    r.fields(this.names, (f) => {
      const start = r.i
      member(f)
      slots.push(f)
      ranges.push(start, r.i)
    })
    shapes.unshift(new FieldShape(new Literals(r.b, this.view, at, ranges, r.i), Int16Array.from(slots)))
    if (shapes.length > KEPT) shapes.pop()
  }
}
