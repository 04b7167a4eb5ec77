/**
 * MCFS's Number arithmetic (src/providers/mcfs/nanograms.ts) gives exactly what the BigInt functions of units.ts
 * give, for every kind of figure and sum: the folder's fast paths never change a gram or an error.
 */
import fc from 'fast-check'
import { addNg, apportionSums, tonnesToNg, zeroSums, type NgSums } from '../src/providers/mcfs/nanograms.js'
import { enrollmentDims, Folder, scopeOf, subServiceNames } from '../src/providers/mcfs/parse.js'
import { apportionGrams, tonnesToNanograms } from '../src/units.js'

const ng = (v: unknown): bigint => {
  const x = tonnesToNg(v, () => 'x')
  // A Number only when it is a safe integer.
  if (typeof x === 'number') expect(Number.isSafeInteger(x)).toBe(true)
  return BigInt(x)
}
const same = (v: unknown): void => expect(ng(v)).toBe(tonnesToNanograms(v, 'x'))

/** Figures as a service writes them: an integer mantissa with 0..20 decimals, any sign and size. */
const decimals = fc
  .tuple(fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 20 }))
  .map(([m, d]) => Number(`${m}e-${d}`))
/** Whole grams as metric tons (how MCFS serves them), up to and past the gram path's 2^40 g. */
const gramTonnes = fc.integer({ min: -(2 ** 42), max: 2 ** 42 }).map((g) => g / 1e6)

describe('tonnesToNg: the nanograms of tonnesToNanograms', () => {
  it('for any double, and as a string', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        same(n)
        same(String(n))
      }),
      { numRuns: 10000 }
    )
  })
  it('for decimals and whole grams of every size', () => {
    fc.assert(fc.property(decimals, same), { numRuns: 20000 })
    fc.assert(fc.property(gramTonnes, same), { numRuns: 20000 })
  })
  it('at the edges: the fast limits, safe-integer nanograms, ties, exponents, huge and tiny', () => {
    for (const v of [
      0,
      -0,
      0.562949953421312,
      0.5629499534213125,
      9.007199,
      9.0072,
      -9.007199254740991,
      '9.007199254740993',
      1099511.627776,
      1099511.627775,
      -1099511.627777,
      '1.2345678912345678',
      1 + 1 / 3,
      2.5e-15,
      -2.5e-15,
      5e-324,
      1.7976931348623157e308,
      -1e300,
      1e21,
      '1e3',
      '-1.5E-7',
      ' 12.5 ',
      '0x10',
      '.5',
      '2.',
      '00001.000001'
    ])
      same(v)
  })
  it('refuses what is not a number with units.ts own message, naming the figure', () => {
    for (const v of ['abc', '', '  ', null, undefined, NaN, Infinity, -Infinity, {}, [], true])
      expect(() => tonnesToNg(v, () => 'totalEmissions of 2025-01')).toThrow(
        (() => {
          try {
            tonnesToNanograms(v, 'totalEmissions of 2025-01')
          } catch (e) {
            return (e as Error).message
          }
          throw new Error(`tonnesToNanograms accepted ${String(v)}`)
        })()
      )
  })
})

/** Cells of 4 scopes from figures in nanograms, both ways: the Number sums and the BigInt sums. */
function fold(cells: (number | bigint)[][][]): { sums: NgSums[]; exact: bigint[] } {
  const sums: NgSums[] = []
  const exact: bigint[] = []
  for (const cell of cells) {
    const s: NgSums = { gr: zeroSums(), big: null }
    for (let i = 0; i < 4; i++) {
      let e = 0n
      for (const x of cell[i] ?? []) {
        addNg(s, i, x)
        e += BigInt(x)
      }
      exact.push(e)
    }
    sums.push(s)
  }
  return { sums, exact }
}

/** apportionSums against apportionGrams: the same grams, or the same error. */
function agree(cells: (number | bigint)[][][]): void {
  const { sums, exact } = fold(cells)
  let want: number[] | string
  try {
    want = apportionGrams(exact)
  } catch (e) {
    want = (e as Error).message
  }
  if (typeof want === 'string') expect(() => apportionSums(sums)).toThrow(want)
  else expect(apportionSums(sums)).toEqual(want)
}

const safeNg = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER })
const smallNg = fc.integer({ min: -3e9, max: 3e9 })
const anyNg = fc.oneof(
  safeNg,
  smallNg,
  fc.bigInt({ min: -(2n ** 90n), max: 2n ** 90n }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n })
)
const cellsOf = (figure: fc.Arbitrary<number | bigint>) =>
  fc.array(fc.array(fc.array(figure, { maxLength: 6 }), { minLength: 4, maxLength: 4 }), { maxLength: 12 })

describe('addNg and apportionSums: apportionGrams of the exact sums', () => {
  it('for figures of any size and sign (sums past the safe integers included)', () => {
    fc.assert(fc.property(cellsOf(smallNg), agree), { numRuns: 3000 })
    fc.assert(fc.property(cellsOf(safeNg), agree), { numRuns: 3000 })
    fc.assert(fc.property(cellsOf(anyNg), agree), { numRuns: 3000 })
  })
  it('ties of remainders go to the earlier cell; a half-gram total rounds away from zero', () => {
    agree([
      [[0.5e9], [0.5e9], [], [0.5e9]],
      [[0.5e9], [], [], [0.5e9]]
    ])
    agree([[[-0.5e9], [], [], []]])
    agree([[[0.5e9], [], [], []]])
    agree([[[-1.5e9], [0.3e9], [], []]])
    agree([[[-2.5e9], [0.4e9], [0.6e9], [-0.5e9]]])
    agree(Array.from({ length: 9 }, () => [[4e8], [4e8], [4e8], [4e8]]))
  })
  it('a total beyond the safe integers of grams is the same range error', () => {
    agree([[[2n ** 53n * 1_000_000_000n], [], [], []]])
    agree([[[2n ** 80n], [-(2n ** 80n)], [7], []]])
    // a figure past 2^53 g beside one that brings the sum back
    agree([[[], [-3035230237222132000000001n, 12042429491963123000000000n], [], []]])
    // a running sum of floors past 2^53 g that comes back
    const G = 1_000_000_000n
    agree([[[2n ** 52n * G], [(2n ** 52n + 1n) * G], [-(2n ** 52n) * G], []]])
    agree([[[2n ** 52n * G], [(2n ** 52n + 1n) * G], [-G], []]])
  })
})

describe('Folder: the same records whatever the row order', () => {
  const row = (sub: number, svc: number, scopeId: number, t: number) => ({
    dateKey: 20250301,
    subscriptionId: `SUB-${sub}`,
    subscriptionName: `S${sub}`,
    azureServiceName: `svc${svc}`,
    subService: `part${(sub + svc) % 3}`,
    azureRegionName: 'East US',
    scopeId,
    totalEmissions: t
  })
  it('rows of a cell apart or together, exact to the gram', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 3 }),
            fc.integer({ min: 0, max: 2 }),
            fc.integer({ min: 1, max: 3 }),
            // within range (past 9 billion tonnes a month is a range error, as tested above)
            decimals.filter((t) => Math.abs(t) < 1e6)
          ),
          { maxLength: 40 }
        ),
        (spec) => {
          const rows = spec.map(([s, v, sc, t]) => row(s, v, sc, t))
          const fold = (list: typeof rows) => {
            const f = new Folder({ start: '2025-03', end: '2025-03' }, enrollmentDims)
            for (const r of list) f.add(r)
            return f.records('mcfs', (c) => ({ subServices: (subServiceNames(c) ?? []).sort().join(', ') }))
          }
          const a = fold(rows)
          expect(fold([...rows].reverse())).toEqual(a)
          // The grams of units.ts: BigInt sums per (subscription, service) and scope, apportioned in the records' order.
          const sums = new Map<string, bigint[]>()
          for (const r of rows) {
            const k = `${r.subscriptionId.toLowerCase()}|${r.azureServiceName}`
            const cell = sums.get(k) ?? [0n, 0n, 0n, 0n]
            cell[r.scopeId] += tonnesToNanograms(r.totalEmissions)
            sums.set(k, cell)
          }
          const order = a.map((r) => sums.get(`${r.account}|${r.service}`)!)
          const grams = apportionGrams(order.flat())
          expect(a.map((r) => [r.scope1Grams, r.scope2MarketGrams, r.scope3MarketGrams])).toEqual(
            order.map((_, i) => grams.slice(i * 4 + 1, i * 4 + 4))
          )
        }
      ),
      { numRuns: 500 }
    )
  })
  it('scopeOf reads the documented spelling without the regex, and anything else as before', () => {
    expect(['Scope 1', 'Scope 2', 'Scope 3'].map((scope) => scopeOf({ scope }))).toEqual([1, 2, 3])
    expect(['Scope 0', 'Scope 4', 'Scope 10', 'Scope', 'Scope x'].map((scope) => scopeOf({ scope }))).toEqual([
      null,
      null,
      null,
      null,
      null
    ])
    expect([' scope 2 ', 'SCOPE3', 'Scope\t1'].map((scope) => scopeOf({ scope }))).toEqual([2, 3, 1])
  })
})
