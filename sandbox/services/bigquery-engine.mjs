// The SQL engine behind the BigQuery emulator: an in-memory DuckDB with a schema per dataset, and the
// conversions between BigQuery's REST forms and DuckDB's values (query parameters in, rows and schema out).
import { SandboxError } from '../kit.mjs'

/** A BigQuery error: `reason` is one of BigQuery's (invalid, invalidQuery, accessDenied, notFound, ...). */
export class BigQueryError extends SandboxError {
  constructor(status, reason, message, location) {
    super(status, reason, message)
    this.location = location
  }
}

/** FLOAT64 as BigQuery's REST API writes it (Java's Double.toString: 12.5, 1.0E-5, 1.234E7). */
export function javaDouble(d) {
  if (Number.isNaN(d)) return 'NaN'
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity'
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0'
  const a = Math.abs(d)
  if (a >= 1e-3 && a < 1e7) {
    const s = String(d)
    return s.includes('.') ? s : `${s}.0`
  }
  const [m, e] = d.toExponential().split('e')
  return `${m.includes('.') ? m : `${m}.0`}E${Number(e)}`
}

/** The REST schema field of a DuckDB column type. */
function field(name, type) {
  const t = type.toString()
  if (t.startsWith('STRUCT'))
    return {
      name,
      type: 'RECORD',
      mode: 'NULLABLE',
      fields: type.entryNames.map((n, k) => field(n, type.entryTypes[k]))
    }
  if (t.endsWith('[]')) return { ...field(name, type.valueType), mode: 'REPEATED' }
  const simple = /^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER)$/.test(t)
    ? 'INTEGER'
    : /^(DOUBLE|FLOAT)$/.test(t)
      ? 'FLOAT'
      : t === 'DECIMAL(38,9)'
        ? 'NUMERIC'
        : t.startsWith('DECIMAL')
          ? 'BIGNUMERIC'
          : t === 'VARCHAR'
            ? 'STRING'
            : t === 'BOOLEAN'
              ? 'BOOLEAN'
              : t === 'DATE'
                ? 'DATE'
                : t.startsWith('TIMESTAMP')
                  ? 'TIMESTAMP'
                  : 'STRING'
  return { name, type: simple, mode: 'NULLABLE' }
}

/** A DuckDB value as a REST cell value: a string, null, `{ f: [...] }` for a STRUCT, `[{ v }]` for an ARRAY. */
function cell(value, type) {
  if (value === null || value === undefined) return null
  const t = type.toString()
  if (t.startsWith('STRUCT'))
    return { f: type.entryNames.map((n, k) => ({ v: cell(value.entries[n], type.entryTypes[k]) })) }
  if (t.endsWith('[]')) return value.items.map((x) => ({ v: cell(x, type.valueType) }))
  if (typeof value === 'number') return javaDouble(value)
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (t.startsWith('DECIMAL')) {
    const s = value.toString()
    return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
  }
  return typeof value === 'string' ? value : value.toString()
}

// DuckDB's native module is loaded when the first query runs: most sandbox runs never query BigQuery.
let duckModule
export const duckdb = () => (duckModule ??= import('@duckdb/node-api'))

/** A REST query parameter as a DuckDB value and type; throws BigQuery's 400 for a bad one. */
export function bindParameter(p, duck) {
  const { dateValue, listValue, LIST } = duck
  const SCALARS = {
    DATE: duck.DATE,
    STRING: duck.VARCHAR,
    INT64: duck.BIGINT,
    FLOAT64: duck.DOUBLE,
    BOOL: duck.BOOLEAN
  }
  const name = p?.name
  const type = p?.parameterType
  const bad = (why) => new BigQueryError(400, 'invalid', `Invalid value for query parameter ${name}: ${why}`, 'q')
  const scalar = (t, v) => {
    if (v === null || v === undefined) return null
    if (typeof v !== 'string') throw bad(`expected a string value for ${t}`)
    if (t === 'DATE') {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
      if (!m) throw bad(`Invalid date: '${v}'`)
      return dateValue({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })
    }
    if (t === 'INT64') {
      if (!/^-?\d+$/.test(v)) throw bad(`Invalid INT64 value: '${v}'`)
      return BigInt(v)
    }
    if (t === 'FLOAT64') return Number(v)
    if (t === 'BOOL') return /^true$/i.test(v)
    return v
  }
  if (type?.type === 'ARRAY') {
    const inner = type.arrayType?.type
    if (!SCALARS[inner]) throw bad(`unsupported array element type ${inner}`)
    const items = (p.parameterValue?.arrayValues ?? []).map((x) => scalar(inner, x?.value))
    return { value: listValue(items), type: LIST(SCALARS[inner]) }
  }
  if (!SCALARS[type?.type]) throw bad(`unsupported type ${type?.type}`)
  return { value: scalar(type.type, p.parameterValue?.value), type: SCALARS[type.type] }
}

/** DuckDB's error as BigQuery tells a query error: the first line, syntax errors named as BigQuery names them. */
function engineError(e) {
  const first = String(e?.message ?? e).split('\n')[0]
  const m = /^Catalog Error: Table with name (\S+) does not exist/.exec(first)
  if (m) return new BigQueryError(404, 'notFound', `Not found: Table ${m[1]} was not found`, 'q')
  return new BigQueryError(400, 'invalidQuery', first.replace(/^Parser Error: /, 'Syntax error: '), 'q')
}

/**
 * The engine: one in-memory DuckDB with a schema per dataset (`"project.dataset"."table"`).
 * @param {{ datasets: Array<{ project: string, dataset: string, tables: Record<string, { ddl: string, insert: string[] }> }> }} o
 */
export async function createEngine(o) {
  const { DuckDBInstance } = await duckdb()
  const instance = await DuckDBInstance.create(':memory:')
  const setup = await instance.connect()
  for (const d of o.datasets) {
    const schema = `"${d.project}.${d.dataset}"`
    await setup.run(`CREATE SCHEMA ${schema}`)
    for (const [name, t] of Object.entries(d.tables)) {
      await setup.run(`CREATE TABLE ${schema}."${name}" (${t.ddl})`)
      for (const chunk of t.insert) await setup.run(`INSERT INTO ${schema}."${name}" VALUES ${chunk}`)
    }
  }
  setup.closeSync?.()
  return {
    /** Prepares (the query's errors), binds and runs; rows as REST cells, schema as REST fields. */
    async run(sql, values, types) {
      const conn = await instance.connect()
      try {
        let reader
        try {
          reader = await conn.runAndReadAll(sql, values, types)
        } catch (e) {
          throw engineError(e)
        }
        const columnTypes = reader.columnTypes()
        const names = reader.columnNames()
        return {
          fields: names.map((n, k) => field(n, columnTypes[k])),
          rows: reader.getRows().map((row) => ({ f: row.map((v, k) => ({ v: cell(v, columnTypes[k]) })) }))
        }
      } finally {
        conn.closeSync?.()
      }
    },
    close: () => instance.closeSync?.()
  }
}
