import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { PART_BUFFER_BYTES, PartFile, WriteBudget } from '../src/report/part-file.js'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-part-'))

/** `n` bytes that differ from their neighbours' (so a piece written at the wrong place shows). */
function bytes(n: number, seed: number): Buffer {
  const b = Buffer.allocUnsafe(n)
  for (let i = 0; i < n; i++) b[i] = (seed * 31 + i * 7) & 0xff
  return b
}

describe('PartFile', () => {
  it.each([
    ['the thread pool takes every write', 8 << 20],
    ['the main thread writes what is past the budget', 600_000]
  ])('places small, buffer-sized and large pieces in order; ranges name them (%s)', async (_, limit) => {
    const dir = tmp()
    const head = Buffer.from('provider,account\r\n')
    const budget = new WriteBudget(limit)
    const part = new PartFile(path.join(dir, 'p.csv'), head, budget)
    const sizes = [1, 100, PART_BUFFER_BYTES, 3, PART_BUFFER_BYTES + 1, 700_000, 5, 900_000, 1_500_000, 17, 0, 64]
    const pieces = sizes.map((n, i) => bytes(n, i))
    let at = head.length
    for (const p of pieces) {
      expect(part.write(p)).toEqual([at, at + p.length])
      at += p.length
    }
    expect(part.size).toBe(at)
    expect(budget.bytes).toBeLessThanOrEqual(limit)
    await part.close()
    expect(budget.bytes).toBe(0)
    expect(fs.readFileSync(part.file).equals(Buffer.concat([head, ...pieces]))).toBe(true)
    expect(() => part.write(Buffer.from('x'))).toThrow(/is closed/)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('reads back any range at once, while its bytes are still buffered or with the thread pool', async () => {
    const dir = tmp()
    const part = new PartFile(path.join(dir, 'p.json'))
    const pieces = [bytes(10, 1), bytes(600_000, 2), bytes(40, 3), bytes(300_000, 4), bytes(8, 5)]
    const ranges = pieces.map((p) => part.write(p))
    // No turn of the event loop has passed: nothing written by the thread pool is known to be done.
    for (const i of [4, 1, 0, 3, 2]) expect(part.read(ranges[i]).equals(pieces[i])).toBe(true)
    // Pieces placed after a read are read as well.
    const later = bytes(400_000, 6)
    expect(part.read(part.write(later)).equals(later)).toBe(true)
    await part.close()
    expect(fs.readFileSync(part.file).equals(Buffer.concat([...pieces, later]))).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('closing twice waits for the same writes; closing an empty part creates no file', async () => {
    const dir = tmp()
    const empty = new PartFile(path.join(dir, 'empty.json'))
    await Promise.all([empty.close(), empty.close()])
    expect(fs.existsSync(empty.file)).toBe(false)
    const part = new PartFile(path.join(dir, 'p.json'))
    const big = bytes(800_000, 9)
    part.write(big)
    const [a, b] = [part.close(), part.close()]
    expect(a).toBe(b)
    await a
    expect(fs.readFileSync(part.file).equals(big)).toBe(true)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  // /dev/full takes an open and fails every write with ENOSPC, on the thread pool as on the main thread.
  const onLinux = process.platform === 'linux' && fs.existsSync('/dev/full') ? it : it.skip
  onLinux('a write that fails on the thread pool fails the next write and the close, naming the file', async () => {
    const part = new PartFile('/dev/full')
    part.write(bytes(500_000, 1))
    // Small writes only fill the buffer until the failure is back from the thread pool.
    let failure: unknown = null
    for (let i = 0; i < 500 && failure === null; i++) {
      try {
        part.write(Buffer.from('x'))
        await new Promise((resolve) => setTimeout(resolve, 10))
      } catch (e) {
        failure = e
      }
    }
    expect(String(failure)).toMatch(/writing \/dev\/full: .*ENOSPC/)
    await expect(part.close()).rejects.toThrow(/^writing \/dev\/full: .*ENOSPC/)
  })

  onLinux('a close whose last write fails still waits for the thread pool and rejects', async () => {
    const part = new PartFile('/dev/full')
    part.write(bytes(500_000, 1))
    part.write(bytes(10, 2))
    await expect(part.close()).rejects.toThrow(/ENOSPC/)
  })
})
