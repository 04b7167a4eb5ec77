/**
 * An OData page read straight from its bytes (kit/json-bytes.ts): each row of `value` becomes a small object of
 * only the members this provider reads (ROW_FIELDS), as JSON.parse would give them; the others are skipped.
 *
 * Why not JSON.parse: V8 puts what it parses from a text of 100 KB or more straight into the old generation, and
 * the text of such a body is a large object there too; a page of 1000 rows is some 300 KB, so every page of a
 * large enrollment left about a megabyte that only a full collection frees. These rows are young and die young.
 *
 * A page that is not plain (not ASCII, an escape, not JSON), whose `value` is not a list of objects or comes
 * twice, is left to JSON.parse, which says what is wrong.
 */
import { bodyText, parseJsonBody } from '../../body.js'
import { fieldNames, notPlain, readPlain, valueListPage } from '../kit/json-bytes.js'
import { FieldShapes } from '../kit/row-shape.js'
import { parseODataPage, type ODataPage } from './parse.js'
import { ENROLLMENT_SELECT, M365_SELECT, PROJECTION_SELECT } from './queries.js'

/**
 * Every member a row is read for (Folder, the dimensions, scopeOf, forecastPoints): whatever a query selects,
 * a server that sends more gives the same records as JSON.parse's rows would.
 */
const ROW_FIELDS: readonly string[] = [...new Set([...ENROLLMENT_SELECT, ...M365_SELECT, ...PROJECTION_SELECT])]
const NAMES = fieldNames(ROW_FIELDS)

/** A page of an OData collection: read from its bytes, else parsed whole. */
export function readODataPage(body: Buffer): ODataPage {
  return scanODataPage(body) ?? parseODataPage(parseJsonBody(bodyText(body)))
}

/** The page read from its bytes, or null when it is not read here. */
export function scanODataPage(body: Buffer): ODataPage | null {
  return readPlain(body, (r) => {
    const rows: Record<string, unknown>[] = []
    let row: Record<string, unknown> = {}
    const field = (f: number): void => {
      if (f < 0) r.skip()
      else row[ROW_FIELDS[f]] = r.value()
    }
    const shapes = new FieldShapes(r, NAMES, field, () => (row = {}))
    const element = (): void => {
      // Not an object: JSON.parse's rows go to the code that says what is wrong with them.
      if (!r.isObject()) throw notPlain
      shapes.read()
      rows.push(row)
    }
    const top = valueListPage(r, element)
    top.value = rows
    return parseODataPage(top)
  })
}
