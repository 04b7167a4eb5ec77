/**
 * One page of a Carbon Optimization resource query, from its bytes to its rows summed per cell (PageCells). The
 * plain kind of page is read straight from its bytes (scan.ts); any other is parsed whole. Either way a row
 * whose figure cannot be read stops the sums there (the rows before it and its cell stay), and the rest of the
 * page is still read for its skip token and access decisions.
 */
import { bodyText, parseJsonBody } from '../../body.js'
import { errorMessage } from '../../secrets.js'
import { DimsCache, PageCells, type PageCell } from './cells.js'
import { parseReportPage, type AccessDecision, type ReportRow } from './parse.js'
import { scanReportPage } from './scan.js'

export interface AzurePage {
  skipToken: string | null
  decisions: AccessDecision[]
  cells: PageCell[]
  /** Why a row could not be read: the query fails from here, with what came before it. */
  error: string | null
}

/** Rows' dimensions, remembered across pages (the same resources come back every month). */
const DIMS = new DimsCache()

/** A page of SCOPES[scope]'s query. */
export function decodeAzurePage(body: Buffer, scope: number, dims = DIMS): AzurePage {
  let cells = new PageCells(dims, scope)
  let error: string | null = null
  const add = (row: ReportRow): void => {
    if (error !== null) return
    try {
      cells.add(row)
    } catch (e) {
      error = errorMessage(e)
    }
  }
  const rest = scanReportPage(body, add)
  let page
  if (rest !== null) page = parseReportPage({ ...rest, value: [] })
  else {
    // Parsed whole: what the reader made of the rows it saw before it gave up is not kept.
    cells = new PageCells(dims, scope)
    error = null
    page = parseReportPage(parseJsonBody(bodyText(body)))
    for (const row of page.rows) add(row)
  }
  return { skipToken: page.skipToken, decisions: page.decisions, cells: cells.list(), error }
}
