// JSON test helpers shared by the byte readers' tests: any formatting, any member order, spoilt pages.
import fc from 'fast-check'

/** JSON with whitespace chosen by `ws` between tokens (the serializer of any other tool). */
export function serialize(v: unknown, ws: () => string): string {
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => serialize(x, ws)).join(`${ws()},${ws()}`)}${ws()}]`
  if (v !== null && typeof v === 'object')
    return `{${ws()}${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${serialize(x, ws)}`)
      .join(`${ws()},${ws()}`)}${ws()}}`
  return JSON.stringify(v)
}

/**
 * A `{"value":[...]}` page's text spoilt in the ways a byte reader must leave to JSON.parse. The first six are
 * never read from bytes (not ASCII, an escape, a raw control character in a string read, no value list, a row
 * that is not an object, `value` twice); the others must read as JSON.parse reads them, or fail as it fails.
 * `str` is a string value of a field read (with its quotes), `figure` a number read, `member` another member of
 * the page (`"skipToken":"t"`).
 */
export function spoiltPages(text: string, str: string, figure: string, member: string): string[] {
  const inner = str.slice(1, -1)
  return [
    text.replace(str, '"ü"'),
    text.replace(str, `"${inner}\\"b"`),
    text.replace(str, `"${inner}\u0001b"`),
    text.replace('"value"', '"valu"'),
    text.replace('[{', '[3,{'),
    text.replace('{"value"', '{"value":[],"value"'),
    text.replace('{"value"', `{"__proto__":{"x":1},${member},"value"`),
    `${text} x`,
    text.slice(0, -3),
    text.replace(figure, `0${figure}`),
    text.replace(figure, figure.replace(/\.\d+$/, '.')),
    text.replace(figure, '-'),
    text.replace(figure, 'tru'),
    text.replace(':', ' '),
    `{"value":${'['.repeat(20000)}${']'.repeat(20000)}}`,
    '',
    '   '
  ]
}

/** Objects of `objects` with their members in any order (fast-check). */
export function anyOrder<T extends object>(objects: fc.Arbitrary<T>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(objects, fc.array(fc.nat(), { maxLength: 16 })).map(([o, order]) => {
    const entries = Object.entries(o)
    for (let i = entries.length - 1; i > 0; i--) {
      const j = (order[i] ?? 0) % (i + 1)
      ;[entries[i], entries[j]] = [entries[j], entries[i]]
    }
    return Object.fromEntries(entries)
  })
}
