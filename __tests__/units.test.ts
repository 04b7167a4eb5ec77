import fc from 'fast-check'
import {
  apportionGrams,
  apportionParts,
  fixed,
  formatKg,
  formatTonnes,
  gramsToKg,
  kilogramsToGrams,
  kilogramsToNanograms,
  roundDiv,
  tonnesToGrams,
  tonnesToNanograms,
  toNanogramsExact,
  groupThousands
} from '../src/units.js'

describe('tonnesToGrams', () => {
  it.each([
    [0.048, 48000],
    ['0.048', 48000],
    [0.000001, 1],
    [1e-6, 1],
    [4.8e-2, 48000],
    [123456.789012, 123456789012],
    [0.1 + 0.2, 300000],
    [0, 0],
    [-0.0, 0],
    [2.675, 2675000],
    [1.0000005, 1000001]
  ])('%p t is %p g', (t, g) => {
    expect(tonnesToGrams(t)).toBe(g)
  })
  it('rejects what is not a number', () => {
    expect(() => tonnesToGrams('abc')).toThrow(/not a number/)
    expect(() => tonnesToGrams(null)).toThrow(/not a number/)
    expect(() => tonnesToGrams(NaN)).toThrow(/not a number/)
    expect(() => tonnesToGrams(1e12)).toThrow(/out of range/)
  })
  it('kilograms convert to grams exactly', () => {
    expect(kilogramsToGrams(0.1)).toBe(100)
    expect(kilogramsToGrams(5.25)).toBe(5250)
    expect(kilogramsToGrams('12345.678')).toBe(12345678)
  })
})

describe('formatting from integer digits', () => {
  it('formats fixed decimals', () => {
    expect(fixed(12345678, 3)).toBe('12345.678')
    expect(fixed(5, 3)).toBe('0.005')
    expect(fixed(-5, 3)).toBe('-0.005')
    expect(fixed(0, 3)).toBe('0.000')
    expect(fixed(7, 0)).toBe('7')
  })
  it('rounds tonnes half away from zero', () => {
    expect(formatTonnes(12345678)).toBe('12.346')
    expect(formatTonnes(500)).toBe('0.001')
    expect(formatTonnes(499)).toBe('0.000')
    expect(formatTonnes(-500)).toBe('-0.001')
    expect(roundDiv(1499, 3)).toBe(1)
    expect(roundDiv(1500, 3)).toBe(2)
  })
  it('kg output is exact and JSON numbers read back to the gram', () => {
    expect(formatKg(12345678)).toBe('12345.678')
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (g) => {
        expect(Math.round(gramsToKg(g) * 1000)).toBe(g)
        expect(Number(formatKg(g))).toBe(gramsToKg(g))
      })
    )
  })
  it('groups thousands', () => {
    expect(groupThousands('1234567.891')).toBe('1,234,567.891')
    expect(groupThousands('-1234')).toBe('-1,234')
    expect(groupThousands('12')).toBe('12')
  })
  it('any set of tonne values sums to the gram whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000_000_000 }), { maxLength: 200 }), (gramsList) => {
        const tonnes = gramsList.map((g) => g / 1e6)
        const a = tonnes.map((t) => tonnesToGrams(t)).reduce((x, y) => x + y, 0)
        const b = [...tonnes]
          .reverse()
          .map((t) => tonnesToGrams(t))
          .reduce((x, y) => x + y, 0)
        expect(a).toBe(gramsList.reduce((x, y) => x + y, 0))
        expect(b).toBe(a)
      })
    )
  })
})

describe('nanograms: the number fast path gives the exact decimal path', () => {
  const same = (n: number): void => {
    expect(kilogramsToNanograms(n)).toBe(toNanogramsExact(n, 12, 'x'))
    expect(tonnesToNanograms(n)).toBe(toNanogramsExact(n, 15, 'x'))
    expect(kilogramsToNanograms(String(n))).toBe(toNanogramsExact(n, 12, 'x'))
  }
  it('for any double', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), same), { numRuns: 10000 })
  })
  it('for figures as providers write them: a few to many decimals, near the fast limit and across it', () => {
    const decimals = fc
      .tuple(fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 }), fc.integer({ min: 0, max: 20 }))
      .map(([m, d]) => Number(`${m}e-${d}`))
    fc.assert(fc.property(decimals, same), { numRuns: 20000 })
    // 2^49 ng each side, ties of the slow path's rounding (x.5 ng), the smallest and largest doubles
    for (const n of [
      562.949953421312,
      562.949953421311,
      562.949953421313,
      0.5629499534213125,
      1e-12 / 2,
      1.5e-12,
      2.5e-15,
      5e-324,
      1.7976931348623157e308,
      -0.000123456789012,
      0.1,
      0.2,
      0.3,
      1 / 3
    ])
      same(n)
  })
})

describe('apportionParts: apportionGrams in Numbers', () => {
  const G = 1_000_000_000
  const exact = (f: number[], r: number[]) => f.map((x, i) => BigInt(x) * BigInt(G) + BigInt(r[i]))

  it('gives the grams of apportionGrams for any whole grams and remainders', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: -5_000_000, max: 5_000_000 }),
            fc.oneof(fc.integer({ min: 0, max: G - 1 }), fc.constantFrom(0, G / 2, G - 1))
          ),
          { maxLength: 40 }
        ),
        (cells) => {
          const f = cells.map((c) => c[0])
          const r = cells.map((c) => c[1])
          expect(apportionParts(f, r)).toStrictEqual(apportionGrams(exact(f, r)))
        }
      ),
      { numRuns: 500 }
    )
  })

  it('rounds half away from zero, gives ties to the earlier cell, and says null past the safe integers', () => {
    expect(apportionParts([0, 0, 0], [G / 2, G / 2, G / 2])).toEqual([1, 1, 0])
    expect(apportionParts([-1, -1], [G / 2, G / 2])).toEqual(apportionGrams(exact([-1, -1], [G / 2, G / 2])))
    expect(apportionParts([Number.MAX_SAFE_INTEGER, 1], [0, 0])).toBeNull()
    expect(apportionParts([Number.MAX_SAFE_INTEGER - 1], [G - 1])).toEqual([Number.MAX_SAFE_INTEGER])
    expect(apportionParts([Number.MAX_SAFE_INTEGER], [G - 1])).toBeNull()
    expect(apportionParts([], [])).toEqual([])
  })
})
