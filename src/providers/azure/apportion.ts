/** units.ts's apportionGrams in Numbers, for the common case where every figure fits in one (Azure's cells). */

const NG_PER_G = 1e9

/**
 * apportionGrams(cells) for cells of nanograms that are safe integers, in Numbers: each cell is split into
 * whole grams and a remainder, and the total is rebuilt from their sums, so no step leaves the safe integers
 * (a group's total in nanograms often does) and the grams are the same without a BigInt per cell. null when a
 * cell or a sum is too large for that (the caller takes apportionGrams).
 */
export function apportionSmallGrams(cells: ArrayLike<number>): number[] | null {
  const n = cells.length
  const out = new Array<number>(n)
  const rem = new Float64Array(n)
  // Non-negative addends: a float sum passes the safe range whenever an exact partial sum would.
  let absFloors = 0
  let floors = 0
  let rems = 0
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
    out[i] = f
    rem[i] = r
    absFloors += Math.abs(f)
    floors += f
    rems += r
  }
  if (absFloors > Number.MAX_SAFE_INTEGER - n - 2 || rems > Number.MAX_SAFE_INTEGER) return null
  // The total is whole x 10^9 + part with 0 <= part < 10^9; nanogramsToGrams rounds it half away from zero.
  const part = rems % NG_PER_G
  const whole = floors + (rems - part) / NG_PER_G
  const total =
    whole >= 0
      ? whole + (part * 2 >= NG_PER_G ? 1 : 0)
      : part === 0
        ? whole
        : whole + 1 - ((NG_PER_G - part) * 2 >= NG_PER_G ? 1 : 0)
  let extra = total - floors
  if (extra <= 0) return out
  // Largest remainder first; ties go to the earlier cell.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rem[b] - rem[a] || a - b)
  for (const i of order) {
    if (extra <= 0) break
    out[i] += 1
    extra--
  }
  return out
}
