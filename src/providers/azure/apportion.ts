/** units.ts's apportionGrams in Numbers, for the common case where every figure fits in one (Azure's cells). */
import { apportionParts } from '../../units.js'

const NG_PER_G = 1e9

/**
 * apportionGrams(cells) for cells of nanograms that are safe integers, in Numbers: each cell is split into
 * whole grams and a remainder for units.ts's apportionParts. null when a cell or a sum is too large for that
 * (the caller takes apportionGrams).
 */
export function apportionSmallGrams(cells: ArrayLike<number>): number[] | null {
  const n = cells.length
  const floors = new Float64Array(n)
  const rems = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const c = cells[i]
    if (!Number.isSafeInteger(c)) return null
    // floor(c / 10^9) and its remainder in [0, 10^9), as floorDiv: c - r is an exact multiple of 10^9.
    let r = c % NG_PER_G
    let f = (c - r) / NG_PER_G
    if (r < 0) {
      r += NG_PER_G
      f -= 1
    }
    floors[i] = f
    rems[i] = r
  }
  return apportionParts(floors, rems)
}
