/**
 * Moves ranges of a part file into a report file. The part file is read from its end and cut short behind each
 * piece read, so the pages it frees are the ones the report file's next pieces are written to: the final files
 * take no fresh memory beyond a piece (on a runner, fresh pages cost more than the copy). A piece is read while
 * the one before it is written, both on libuv's thread pool.
 */
import * as fs from 'node:fs'
import { readAtAsync, writeAtAsync } from './part-file.js'

/** A piece: what the final files take beyond their own pages, twice (one read, one written). */
const PIECE_BYTES = 512 * 1024

export class Copier {
  private readonly buffers = [Buffer.allocUnsafe(PIECE_BYTES), Buffer.allocUnsafe(PIECE_BYTES)]
  /**
   * Writes the ranges `spans` ([start, end, start, end, ...]) of `file`, in that order, to `fd` from `at` on;
   * the end of what it wrote. The part file is cut to what comes before its lowest range (not report bytes).
   */
  async consume(fd: number, at: number, file: string, spans: readonly number[]): Promise<number> {
    // Each range with where it goes, the highest in the part file first.
    const ranges: [number, number, number][] = []
    let to = at
    for (let i = 0; i < spans.length; i += 2) {
      ranges.push([spans[i], spans[i + 1], to])
      to += spans[i + 1] - spans[i]
    }
    ranges.sort((a, b) => b[0] - a[0])
    for (let i = 1; i < ranges.length; i++)
      if (ranges[i][1] > ranges[i - 1][0]) throw new Error(`${file}: report ranges overlap`)
    const src = fs.openSync(file, 'r+')
    // The write and the cut of the piece before, while the next is read; their failures are awaited below, and
    // until then must not count as rejections nobody handles.
    let writing: Promise<void> = Promise.resolve()
    let cutting: Promise<void> = Promise.resolve()
    try {
      let n = 0
      for (const [start, end, dest] of ranges) {
        for (let hi = end; hi > start; n++) {
          const lo = Math.max(start, hi - PIECE_BYTES)
          // This buffer's last piece was written before the one now being written began.
          const piece = this.buffers[n & 1].subarray(0, hi - lo)
          await readAtAsync(src, piece, lo)
          await writing
          await cutting
          writing = writeAtAsync(fd, piece, dest + (lo - start))
          writing.catch(() => {})
          cutting = truncate(src, lo)
          cutting.catch(() => {})
          hi = lo
        }
      }
    } finally {
      // Neither descriptor is closed while the thread pool may still use it.
      await Promise.allSettled([writing, cutting])
      fs.closeSync(src)
    }
    await writing
    await cutting
    return to
  }
}

/** Cuts `fd` short at `size`, on the thread pool. */
function truncate(fd: number, size: number): Promise<void> {
  return new Promise((resolve, reject) => fs.ftruncate(fd, size, (err) => (err ? reject(err) : resolve())))
}
