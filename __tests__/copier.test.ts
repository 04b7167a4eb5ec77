import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Copier } from '../src/report/copier.js'

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-copier-'))

/** `n` bytes that differ from their neighbours' (so a piece written at the wrong place shows). */
function bytes(n: number): Buffer {
  const b = Buffer.allocUnsafe(n)
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >> 9)) & 0xff
  return b
}

describe('Copier', () => {
  it('writes the ranges in their order after `at`, in pieces, and cuts the part file to what comes before them', async () => {
    const dir = tmp()
    const part = path.join(dir, 'part')
    const data = bytes(3_000_000)
    fs.writeFileSync(part, data)
    // Report order is not file order: ranges of several pieces each, one of a single byte, in any order.
    const spans = [2_000_000, 3_000_000, 10, 1_300_000, 1_999_999, 2_000_000, 1_300_000, 1_999_999]
    const out = fs.openSync(path.join(dir, 'out'), 'w+')
    fs.writeSync(out, Buffer.from('head:'))
    const end = await new Copier().consume(out, 5, part, spans)
    fs.closeSync(out)
    const want: Uint8Array[] = [Buffer.from('head:')]
    for (let i = 0; i < spans.length; i += 2) want.push(data.subarray(spans[i], spans[i + 1]))
    const got = fs.readFileSync(path.join(dir, 'out'))
    expect(end).toBe(got.length)
    expect(got.equals(Buffer.concat(want))).toBe(true)
    expect(fs.statSync(part).size).toBe(10)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('refuses overlapping ranges before writing anything', async () => {
    const dir = tmp()
    const part = path.join(dir, 'part')
    fs.writeFileSync(part, bytes(100))
    const out = fs.openSync(path.join(dir, 'out'), 'w+')
    await expect(new Copier().consume(out, 0, part, [0, 50, 40, 60])).rejects.toThrow(/report ranges overlap/)
    expect(fs.fstatSync(out).size).toBe(0)
    fs.closeSync(out)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('a part file shorter than its ranges is an error, not a report with a hole', async () => {
    const dir = tmp()
    const part = path.join(dir, 'part')
    fs.writeFileSync(part, bytes(1000))
    const out = fs.openSync(path.join(dir, 'out'), 'w+')
    await expect(new Copier().consume(out, 0, part, [0, 2000])).rejects.toThrow(/a part file ended at 1000 of 2000/)
    fs.closeSync(out)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
