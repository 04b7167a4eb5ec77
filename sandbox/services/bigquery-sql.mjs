// BigQuery Standard SQL -> DuckDB SQL, only where the two differ for the queries a client may send the export:
//   `project.dataset.table` (backticks)     -> the engine's table (resolve() decides, or throws notFound)
//   `name` (a quoted identifier)            -> "name"
//   "text", 'it\'s' (BigQuery string forms) -> 'text', 'it''s' (DuckDB's double quotes are identifiers)
//   @name (named parameters)                -> $name
//   x IN UNNEST(array)                      -> x IN (SELECT UNNEST(array))
//   NUMERIC / DECIMAL, BIGNUMERIC, INT64, FLOAT64 -> DECIMAL(38, 9), DECIMAL(38, 18), BIGINT, DOUBLE
// Comments (--, #, /* */) are dropped. The text is never matched against known queries: it runs as written.
import { SandboxError } from '../kit.mjs'

const TYPE_WORDS = { INT64: 'BIGINT', FLOAT64: 'DOUBLE', BIGNUMERIC: 'DECIMAL(38, 18)', BIGDECIMAL: 'DECIMAL(38, 18)' }
// BigQuery's NUMERIC is DECIMAL(38, 9); DuckDB's unparameterised DECIMAL is (18, 3).
const DECIMAL_WORDS = new Set(['NUMERIC', 'DECIMAL'])

const invalid = (message) => new SandboxError(400, 'invalidQuery', message)

function position(sql, i) {
  const before = sql.slice(0, i).split('\n')
  return `[${before.length}:${before[before.length - 1].length + 1}]`
}

/** A BigQuery string literal's value (backslash escapes; r'' raw strings keep them). */
function stringValue(body, raw) {
  if (raw) return body
  return body.replace(/\\(.)/gs, (_, c) => ({ n: '\n', t: '\t', r: '\r', 0: '\0' })[c] ?? c)
}

/**
 * @param {string} sql BigQuery Standard SQL
 * @param {(path: string[], at: string) => string} resolve a backtick-quoted table path -> DuckDB table text
 * @returns {{ sql: string, params: string[] }} DuckDB SQL and the named parameters it uses, in order of first use
 */
export function translateSql(sql, resolve) {
  let out = ''
  const params = []
  let lastWord = ''
  let depth = 0
  const closeAt = [] // paren depths at which an `IN UNNEST(` needs its extra `)`
  for (let i = 0; i < sql.length;) {
    const c = sql[i]
    const next = sql[i + 1]
    if ((c === '-' && next === '-') || c === '#') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end
      continue
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2)
      if (end === -1) throw invalid(`Syntax error: Unclosed comment at ${position(sql, i)}`)
      i = end + 2
      out += ' '
      continue
    }
    const raw = (c === 'r' || c === 'R') && (next === "'" || next === '"') && !/\w/.test(sql[i - 1] ?? '')
    if (c === "'" || c === '"' || raw) {
      const q = raw ? next : c
      let j = raw ? i + 2 : i + 1
      let body = ''
      for (; j < sql.length && sql[j] !== q; j++) {
        if (sql[j] === '\\' && !raw) body += sql[j++]
        if (sql[j] === '\n') throw invalid(`Syntax error: Unclosed string literal at ${position(sql, i)}`)
        body += sql[j]
      }
      if (j >= sql.length) throw invalid(`Syntax error: Unclosed string literal at ${position(sql, i)}`)
      out += `'${stringValue(body, raw).replace(/'/g, "''")}'`
      i = j + 1
      lastWord = ''
      continue
    }
    if (c === '`') {
      const end = sql.indexOf('`', i + 1)
      if (end === -1) throw invalid(`Syntax error: Unclosed identifier literal at ${position(sql, i)}`)
      const name = sql.slice(i + 1, end)
      const path = name.split('.')
      out += path.length >= 2 ? resolve(path, position(sql, i)) : `"${name.replace(/"/g, '""')}"`
      i = end + 1
      lastWord = ''
      continue
    }
    if (c === '@' && /[A-Za-z_]/.test(next ?? '')) {
      const m = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))
      if (!params.includes(m[0])) params.push(m[0])
      out += `$${m[0]}`
      i += 1 + m[0].length
      lastWord = ''
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_]\w*/.exec(sql.slice(i))[0]
      const upper = word.toUpperCase()
      const after = sql.slice(i + word.length).trimStart()
      if (upper === 'UNNEST' && lastWord === 'IN' && after.startsWith('(')) {
        out += '(SELECT UNNEST'
        closeAt.push(depth + 1)
      } else if (TYPE_WORDS[upper]) out += TYPE_WORDS[upper]
      else if (DECIMAL_WORDS.has(upper) && !after.startsWith('(')) out += 'DECIMAL(38, 9)'
      else out += word
      lastWord = upper
      i += word.length
      continue
    }
    if (c === '(') depth++
    if (c === ')') {
      out += ')'
      if (closeAt.length > 0 && closeAt[closeAt.length - 1] === depth) {
        closeAt.pop()
        out += ')'
      }
      depth--
      i++
      lastWord = ''
      continue
    }
    if (!/\s/.test(c)) lastWord = ''
    out += c
    i++
  }
  return { sql: out, params }
}
