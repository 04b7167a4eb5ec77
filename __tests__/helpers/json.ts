/** JSON with whitespace chosen by `ws` between tokens (the serializer of any other tool). */
export function serialize(v: unknown, ws: () => string): string {
  if (Array.isArray(v)) return `[${ws()}${v.map((x) => serialize(x, ws)).join(`${ws()},${ws()}`)}${ws()}]`
  if (v !== null && typeof v === 'object')
    return `{${ws()}${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}${ws()}:${ws()}${serialize(x, ws)}`)
      .join(`${ws()},${ws()}`)}${ws()}}`
  return JSON.stringify(v)
}
