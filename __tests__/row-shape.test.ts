/**
 * Rows read by their shape (kit/row-shape.ts): a row written like one before it is matched against that row's
 * bytes and only its values are read, and gives what reading it member by member gives; a row that differs in
 * any byte between its values (spacing, a key, a member more or less) is read member by member.
 */
import { jest } from '@jest/globals'
import { fieldNames, JsonBytes } from '../src/providers/kit/json-bytes.js'
import { FieldShapes } from '../src/providers/kit/row-shape.js'

const NAMES = ['id', 'kg', 'region']

/** The rows of `text` (a JSON list of objects) as read by FieldShapes, and how many were read member by member. */
function readRows(text: string): { rows: Record<string, unknown>[]; byMembers: number } {
  const r = new JsonBytes(Buffer.from(text, 'latin1'))
  const fields = jest.spyOn(r, 'fields')
  const rows: Record<string, unknown>[] = []
  let row: Record<string, unknown> = {}
  const shapes = new FieldShapes(
    r,
    fieldNames(NAMES),
    (f) => {
      if (f < 0) r.skip()
      else row[NAMES[f]] = r.value()
    },
    () => (row = {})
  )
  r.elements(() => {
    shapes.read()
    rows.push(row)
  })
  expect(r.i).toBe(text.length)
  return { rows, byMembers: fields.mock.calls.length }
}

/** What JSON.parse gives for those rows, keeping only the names read. */
function parsed(text: string): Record<string, unknown>[] {
  return (JSON.parse(text) as Record<string, unknown>[]).map((o) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => NAMES.includes(k)))
  )
}

describe('rows read by their shape', () => {
  it('reads rows written alike member by member once, the others by shape', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({
      id: `sub-${i % 7}`,
      other: i % 2 ? 'long value that is skipped' : 'short',
      kg: i / 8,
      region: ['eastus', 'westeurope', ''][i % 3]
    }))
    const text = JSON.stringify(rows)
    const read = readRows(text)
    expect(read.rows).toStrictEqual(parsed(text))
    expect(read.byMembers).toBe(1)
  })

  it('reads member by member a row that differs between its values by any byte, and gives the same', () => {
    const base = '{"id":"a","kg":1.5,"region":"eastus","x":[1,{"y":null}]}'
    const others = [
      '{"id": "a","kg":1.5,"region":"eastus","x":[1,{"y":null}]}', // spacing before a value
      '{"id":"a" ,"kg":1.5,"region":"eastus","x":[1,{"y":null}]}', // spacing after a value
      '{"id":"a","kg":1.5,"regioN":"eastus","x":[1,{"y":null}]}', // a key, by one byte
      '{"id":"a","kg":1.5,"x":[1,{"y":null}]}', // a member less
      '{"id":"a","kg":1.5,"region":"eastus","x":[1,{"y":null}],"z":1}', // a member more
      '{"kg":1.5,"id":"a","region":"eastus","x":[1,{"y":null}]}' // another order
    ]
    for (const other of others) {
      const text = `[${base},${other},${base}]`
      const read = readRows(text)
      expect(read.rows).toStrictEqual(parsed(text))
      // The first row, then the other one; the last row matches the first's shape, still kept.
      expect(read.byMembers).toBe(2)
    }
  })

  it('reads any value where the shape had another kind, as member by member', () => {
    const text =
      '[{"id":"a","kg":1.5,"region":"eastus"},{"id":null,"kg":"2","region":{"n":[1]}},{"id":7,"kg":true,"region":""}]'
    const read = readRows(text)
    expect(read.rows).toStrictEqual(parsed(text))
    expect(read.byMembers).toBe(1)
  })

  it('keeps the latest shapes, so rows of two shapes by turns are read member by member twice', () => {
    const a = (i: number) => `{"id":"a${i}","kg":${i}}`
    const b = (i: number) => `{"region":"r${i}","id":"b"}`
    const text = `[${Array.from({ length: 20 }, (_, i) => (i % 2 ? a(i) : b(i))).join(',')}]`
    const read = readRows(text)
    expect(read.rows).toStrictEqual(parsed(text))
    expect(read.byMembers).toBe(2)
  })
})
