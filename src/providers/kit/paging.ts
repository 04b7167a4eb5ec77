/**
 * The one paging loop: NextToken, skipToken and @odata.nextLink chains alike. It stops at a cursor the API had
 * already given (a loop) and at one page cap, and says which page was the first not had, so that a provider can
 * keep what came and name the rest as missing.
 */

/** Far beyond any real account's pages for one unit of work; only a broken API reaches it. */
export const MAX_PAGES = 100_000

/** Paging stopped: `page` is the first page not had; `cause` why (the request's error, or a paging problem). */
export class PagingStopped extends Error {
  constructor(
    readonly page: number,
    override readonly cause: unknown
  ) {
    super(cause instanceof Error ? cause.message : String(cause))
    this.name = 'PagingStopped'
  }
}

export interface Paging {
  /** What the API calls its cursor, for messages ("NextToken"). */
  cursorName: string
  /** The first request's cursor, when it has one (a first URL): a link back to it is a loop too. */
  first?: string
  /** Fetches one page (1-based) at `cursor` (undefined for the first without one); returns the next cursor or null. */
  fetch(cursor: string | undefined, page: number): Promise<string | null | undefined>
  /** Checks and normalises a next cursor before it is followed (throws to stop: the rest is missing). */
  check?(next: string, page: number): string
}

/** Follows the pages to the end; returns how many there were, or throws PagingStopped. */
export async function followPages(p: Paging): Promise<number> {
  const seen = new Set<string>(p.first === undefined ? [] : [p.first])
  let cursor = p.first
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES) throw new PagingStopped(page, new Error(`more than ${MAX_PAGES} pages; stopped`))
    let next: string | null | undefined
    try {
      next = await p.fetch(cursor, page)
    } catch (e) {
      throw new PagingStopped(page, e)
    }
    if (next === undefined || next === null || next === '') return page
    try {
      next = p.check ? p.check(next, page) : next
    } catch (e) {
      throw new PagingStopped(page + 1, e)
    }
    if (seen.has(next)) {
      throw new PagingStopped(
        page + 1,
        new Error(
          `the API repeated a ${p.cursorName} it had already given (page ${page}); stopped paging to avoid a loop, so the data may be incomplete`
        )
      )
    }
    seen.add(next)
    cursor = next
  }
}
