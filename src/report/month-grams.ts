/**
 * A group's grams per month, for change over time. The report keeps one per (provider, account | service |
 * region) for the whole run, some ten thousand of them for a large organization: a list over the period's
 * months (NaN where no record of the month came) costs a third of a Map; a month outside the period, which no
 * provider should send, still has its place, in a Map made only then.
 */
import type { Grams, Month, Period } from '../model.js'
import { monthFromIndex, monthIndex } from '../period.js'

/** Month texts already read, with their index: the exact `YYYY-MM` form only (another is never a period month). */
const INDEX = new Map<Month, number>()

function indexOf(month: Month): number {
  const known = INDEX.get(month)
  if (known !== undefined) return known
  const i = monthIndex(month)
  if (!Number.isInteger(i) || monthFromIndex(i) !== month) return NaN
  if (INDEX.size < 100_000) INDEX.set(month, i)
  return i
}

export class MonthGrams {
  private readonly first: number
  private readonly grams: number[]
  private outside: Map<Month, Grams> | null = null

  constructor(period: Period) {
    this.first = monthIndex(period.start)
    const n = monthIndex(period.end) - this.first + 1
    this.grams = new Array<number>(Number.isInteger(n) && n > 0 ? n : 0).fill(NaN)
  }

  private at(month: Month): number {
    const i = indexOf(month) - this.first
    return i >= 0 && i < this.grams.length ? i : -1
  }

  add(month: Month, grams: Grams): void {
    const i = this.at(month)
    if (i >= 0) {
      const g = this.grams[i]
      this.grams[i] = g !== g ? grams : g + grams
    } else {
      this.outside ??= new Map()
      this.outside.set(month, (this.outside.get(month) ?? 0) + grams)
    }
  }

  /** The month's grams; undefined when no record of it came. */
  get(month: Month): Grams | undefined {
    const i = this.at(month)
    if (i < 0) return this.outside?.get(month)
    const g = this.grams[i]
    return g !== g ? undefined : g
  }

  has(month: Month): boolean {
    return this.get(month) !== undefined
  }

  /** The months with a record, those of the period in order, then any outside it. */
  *keys(): IterableIterator<Month> {
    for (let i = 0; i < this.grams.length; i++)
      if (this.grams[i] === this.grams[i]) yield monthFromIndex(this.first + i)
    if (this.outside) yield* this.outside.keys()
  }
}
