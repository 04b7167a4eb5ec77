/**
 * One page of a Carbon Optimization resource query, from its bytes to its rows summed per cell (PageCells). A
 * row whose figure cannot be read stops the sums there (the rows before it and its cell stay), and the rest of
 * the page is still read for its skip token and access decisions.
 */
import { bodyText, parseJsonBody } from '../../body.js'
import { errorMessage } from '../../secrets.js'
import { DimsCache, PageCells, type PageCell } from './cells.js'
import { parseReportPage, type AccessDecision } from './parse.js'

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
  const cells = new PageCells(dims, scope)
  let error: string | null = null
  const page = parseReportPage(parseJsonBody(bodyText(body)))
  for (const row of page.rows) {
    try {
      cells.add(row)
    } catch (e) {
      error = errorMessage(e)
      break
    }
  }
  return { skipToken: page.skipToken, decisions: page.decisions, cells: cells.list(), error }
}
