/**
 * A part file: one provider's report.json lines or report.csv rows, in the order their pages arrived. Bytes are
 * gathered in a buffer and handed to libuv's thread pool when it fills (batches larger than the buffer go from
 * their own bytes), so the disk writes of a large run overlap the parsing of its next pages instead of taking
 * the main thread's time.
 */
import * as fs from 'node:fs'
import type { ByteRange as Range } from './batch.js'

/**
 * The buffer: there are two part files per provider, each holding one all run, and batches larger than it are
 * written from their own bytes, so a larger one saves few writes and costs memory.
 */
export const PART_BUFFER_BYTES = 256 * 1024
/**
 * What the part files of one report leave with the thread pool at a time. Past the limit the main thread writes
 * itself: a disk slower than the network then slows the run rather than piling up pages in memory. The default
 * holds a few of the largest batches (an AWS page of 5,000 rows is about 2 MB of JSON lines).
 */
export class WriteBudget {
  bytes = 0
  constructor(readonly limit = 8 << 20) {}
}

/** Buffers a part file keeps for reuse. */
const SPARE_BUFFERS = 2

export class PartFile {
  private buf: Buffer | null = null
  private used = 0
  private fd: number | null = null
  private closing: Promise<void> | null = null
  /** Writes with the thread pool, by position: their bytes must stay as they are until they are done. */
  private readonly inFlight = new Map<number, Uint8Array>()
  /** Buffers back from the thread pool, for reuse. */
  private readonly spare: Buffer[] = []
  private failure: Error | null = null
  private drained: (() => void) | null = null
  /** Bytes placed so far (the head included). */
  size = 0
  /** `head`: bytes the file starts with (the CSV header, so that the first part can become report.csv). */
  constructor(
    readonly file: string,
    readonly head: Uint8Array = new Uint8Array(0),
    private readonly budget = new WriteBudget()
  ) {
    this.write(head)
  }

  /** Places `bytes` after what is placed so far; their range in the file. */
  write(bytes: Uint8Array): Range {
    this.check()
    if (this.closing) throw new Error(`${this.file} is closed`)
    const start = this.size
    if (this.used + bytes.length > PART_BUFFER_BYTES) {
      this.sendBuffer()
      if (bytes.length > PART_BUFFER_BYTES) {
        this.size += bytes.length
        this.send(bytes, start, null)
        return [start, this.size]
      }
    }
    this.buf ??= this.spare.pop() ?? Buffer.allocUnsafeSlow(PART_BUFFER_BYTES)
    this.buf.set(bytes, this.used)
    this.used += bytes.length
    this.size += bytes.length
    return [start, this.size]
  }

  /** The bytes of a range placed earlier. */
  read([start, end]: Range): Buffer {
    this.check()
    const fd = this.open()
    // What is still buffered or with the thread pool is written here first: writing the same bytes at the same
    // place twice leaves the file as once.
    if (this.used > 0) this.writeNow(this.buf!.subarray(0, this.used), this.size - this.used)
    this.used = 0
    for (const [position, bytes] of this.inFlight) this.writeNow(bytes, position)
    const out = Buffer.allocUnsafe(end - start)
    readAll(fd, out, start)
    return out
  }

  /** Writes out what is placed and closes the file once the thread pool is done with it; nothing can follow. */
  close(): Promise<void> {
    this.closing ??= this.finish()
    return this.closing
  }

  private async finish(): Promise<void> {
    try {
      if (this.used > 0) this.writeNow(this.buf!.subarray(0, this.used), this.size - this.used)
    } finally {
      this.used = 0
      this.buf = null
      this.spare.length = 0
      // The descriptor stays open until the last write is back: a number closed early may name the next file.
      if (this.inFlight.size > 0) await new Promise<void>((resolve) => (this.drained = resolve))
      if (this.fd !== null) fs.closeSync(this.fd)
      this.fd = null
    }
    this.check()
  }

  private check(): void {
    if (this.failure) throw new Error(`writing ${this.file}: ${this.failure.message}`)
  }

  /** Writes on the main thread, at once. */
  private writeNow(bytes: Uint8Array, position: number): void {
    try {
      writeAt(this.open(), bytes, position)
    } catch (e) {
      throw new Error(`writing ${this.file}: ${(e as Error).message}`)
    }
  }

  private open(): number {
    if (this.fd === null) this.fd = fs.openSync(this.file, 'w+')
    return this.fd
  }

  /** Hands the buffer's bytes on; the next bytes go to a buffer of their own. */
  private sendBuffer(): void {
    if (this.used === 0) return
    const buf = this.buf!
    this.send(buf.subarray(0, this.used), this.size - this.used, buf)
    this.buf = null
    this.used = 0
  }

  private reuse(buf: Buffer): void {
    if (this.spare.length < SPARE_BUFFERS) this.spare.push(buf)
  }

  /** Writes `bytes` at `position`; `buf`, the buffer they are in, is reused once they are written. */
  private send(bytes: Uint8Array, position: number, buf: Buffer | null): void {
    const fd = this.open()
    if (this.budget.bytes + bytes.length > this.budget.limit) {
      this.writeNow(bytes, position)
      if (buf) this.reuse(buf)
      return
    }
    this.inFlight.set(position, bytes)
    this.budget.bytes += bytes.length
    const settled = (err: Error | null): void => {
      this.inFlight.delete(position)
      this.budget.bytes -= bytes.length
      if (err) this.failure ??= err
      else if (buf && this.closing === null) this.reuse(buf)
      if (this.inFlight.size === 0 && this.drained) {
        const done = this.drained
        this.drained = null
        done()
      }
    }
    writeAtAsync(fd, bytes, position).then(() => settled(null), settled)
  }
}

/** Writes `bytes` at `position` of `fd` on the thread pool, however many writes it takes. */
export function writeAtAsync(fd: number, bytes: Uint8Array, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number): void => {
      if (off === bytes.length) return resolve()
      fs.write(fd, bytes, off, bytes.length - off, position + off, (err, n) => {
        if (err) reject(err)
        else if (n === 0) reject(new Error(`no bytes written at ${position + off}`))
        else step(off + n)
      })
    }
    step(0)
  })
}

/** Fills `into` from `position` of `fd` on the thread pool; a file that ends first is an error. */
export function readAtAsync(fd: number, into: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (off: number): void => {
      if (off === into.length) return resolve()
      fs.read(fd, into, off, into.length - off, position + off, (err, n) => {
        if (err) reject(err)
        else if (n === 0) reject(new Error(`a part file ended at ${position + off} of ${position + into.length}`))
        else step(off + n)
      })
    }
    step(0)
  })
}

/** Writes `bytes` at `position` of `fd`; the position after them. */
export function writeAt(fd: number, bytes: Uint8Array, position: number): number {
  let off = 0
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off, position + off)
  return position + bytes.length
}

/** Fills `into` from `position` of `fd`; a file that ends first is an error. */
function readAll(fd: number, into: Buffer, position: number): void {
  let off = 0
  while (off < into.length) {
    const n = fs.readSync(fd, into, off, into.length - off, position + off)
    if (n <= 0) throw new Error(`a part file ended at ${position + off} of ${position + into.length}`)
    off += n
  }
}
