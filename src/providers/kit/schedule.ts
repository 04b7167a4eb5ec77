/** The ordered lookahead scheduler shared by every provider. */
import type { CarbonRecord, ProviderId } from '../../model.js'
import { BatchEncoder, type RecordBatch } from '../../report/batch.js'
import type { UnitTask } from './seam.js'

/**
 * Runs up to `lookahead` unit tasks at once and yields their records in task order, page by page: the
 * records of the task being consumed stream out as its pages arrive, later tasks keep their pages until
 * their turn. The output order is that of the tasks (deterministic). Memory is bounded by records, not by
 * units: the tasks nearest the head have the first claim on `budget` records (waiting, or being fetched:
 * a page counts as `pageSize`); a task further back whose records, with those ahead of it, would exceed it
 * holds its next request until the consumer catches up. When the consumer keeps up nothing waits and
 * `budget / pageSize` pages are in flight; the head and the task after it never wait, so the next month
 * unit is on its way while the head is consumed. `place` sees every page as it arrives, before its turn (the
 * report writes its bytes then, so a page that waits holds only its sums).
 */
export async function* streamInOrder(
  tasks: UnitTask[],
  lookahead: number,
  budget: number,
  pageSize: number,
  place?: (page: RecordBatch) => void
): AsyncGenerator<RecordBatch> {
  interface Stream {
    pages: RecordBatch[]
    /** Records in `pages`. */
    waiting: number
    /** A page being fetched counts as `pageSize` records until it arrives. */
    reserved: number
    done: boolean
    failure: { error: unknown } | null
    wake: (() => void) | null
    resume: (() => void) | null
  }
  const started: Stream[] = []
  let next = 0
  /** Whether a stream may go on fetching: near the head, or within the budget with the streams ahead of it. */
  const mayFetch = (s: Stream): boolean => {
    let ahead = pageSize
    for (let i = 0; i < started.length; i++) {
      ahead += started[i].waiting + started[i].reserved
      if (started[i] === s) return i < 2 || ahead <= budget
    }
    return true
  }
  const release = (): void => {
    for (const s of started) {
      if (s.resume && mayFetch(s)) {
        const r = s.resume
        s.resume = null
        s.reserved = pageSize
        r()
      }
    }
  }
  const fill = (): void => {
    while (next < tasks.length && started.length < lookahead) {
      const s: Stream = { pages: [], waiting: 0, reserved: 0, done: false, failure: null, wake: null, resume: null }
      const notify = (): void => {
        const w = s.wake
        s.wake = null
        w?.()
      }
      const finish = (): void => {
        s.done = true
        notify()
      }
      tasks[next++]({
        emit: (page) => {
          if (page.count > 0) {
            place?.(page)
            s.pages.push(page)
          }
          s.waiting += page.count
          s.reserved = 0
          notify()
          release()
        },
        turn: () => {
          if (!mayFetch(s)) return new Promise<void>((resume) => (s.resume = resume))
          s.reserved = pageSize
          return Promise.resolve()
        }
      }).then(finish, (error: unknown) => {
        s.failure = { error }
        finish()
      })
      started.push(s)
    }
  }
  fill()
  while (started.length > 0) {
    const s = started[0]
    const page = s.pages.shift()
    if (page !== undefined) {
      s.waiting -= page.count
      release()
      yield page
    } else if (s.done) {
      if (s.failure) throw s.failure.error
      started.shift()
      fill()
      release()
    } else {
      await new Promise<void>((resolve) => (s.wake = resolve))
    }
  }
}

/** A unit that yields its records at once (a whole month folded and rounded together) as one batch. */
export function recordsTask(
  provider: ProviderId,
  keepRecords: boolean,
  fetch: () => Promise<CarbonRecord[]>
): UnitTask {
  return async (flow) => {
    const rows = await fetch()
    if (rows.length === 0) return
    const enc = new BatchEncoder(provider, keepRecords)
    for (const r of rows) enc.add(r)
    flow.emit(enc.take())
  }
}
