// A small reader of a Smithy 2.0 JSON AST (the AWS Sustainability API's own model, sandbox/models/): its operations
// by HTTP binding, and a validator of restJson1 bodies against their input shapes (required members, enums, ranges,
// lengths, patterns, lists, maps, structures, timestamps in their format, defaults). The sandbox accepts exactly what
// the model accepts, so it cannot drift from AWS's service, and its ValidationException reads as AWS's do.
import * as fs from 'node:fs'

const PRELUDE = {
  'smithy.api#String': 'string',
  'smithy.api#Integer': 'integer',
  'smithy.api#Long': 'long',
  'smithy.api#Double': 'double',
  'smithy.api#Float': 'float',
  'smithy.api#Boolean': 'boolean',
  'smithy.api#Timestamp': 'timestamp',
  'smithy.api#Document': 'document',
  'smithy.api#Unit': 'structure'
}
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/** The first letter lower-cased: AWS's validation messages name members that way ('timePeriod'). */
const lowerFirst = (s) => s.charAt(0).toLowerCase() + s.slice(1)

export function loadModel(file) {
  const model = JSON.parse(fs.readFileSync(file, 'utf8'))
  const shapes = model.shapes
  const shape = (id) => shapes[id] ?? (PRELUDE[id] ? { type: PRELUDE[id], traits: {} } : null)

  /** Operations by `METHOD uri`: their name, input and output shape ids, and error shape ids. */
  const operations = new Map()
  for (const [id, s] of Object.entries(shapes)) {
    if (s.type !== 'operation') continue
    const http = s.traits?.['smithy.api#http']
    if (!http) continue
    operations.set(`${http.method} ${http.uri}`, {
      name: id.split('#')[1],
      input: s.input?.target,
      output: s.output?.target,
      errors: (s.errors ?? []).map((e) => e.target)
    })
  }

  /** Every constraint the value breaks, as AWS words them ("Value 'x' at 'granularity' failed to satisfy ..."). */
  function validate(id, value, path, problems, traits = {}) {
    const s = shape(id)
    if (!s) throw new Error(`the model has no shape ${id}`)
    const t = { ...(s.traits ?? {}), ...traits }
    const at = (why) => problems.push(`Value ${shown(value)} at '${path}' failed to satisfy constraint: ${why}`)
    switch (s.type) {
      case 'structure': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return at('Member must be a structure')
        for (const [name, m] of Object.entries(s.members ?? {})) {
          const v = value[name]
          const where = path ? `${path}.${lowerFirst(name)}` : lowerFirst(name)
          if (v === undefined || v === null) {
            if (m.traits?.['smithy.api#required'] !== undefined)
              problems.push(`Value null at '${where}' failed to satisfy constraint: Member must not be null`)
            continue
          }
          validate(m.target, v, where, problems, m.traits)
        }
        for (const name of Object.keys(value))
          if (!(name in (s.members ?? {})))
            problems.push(
              `Unknown member '${name}' at '${path || 'input'}': the shape ${id.split('#')[1]} has no such member`
            )
        return
      }
      case 'union': {
        if (value === null || typeof value !== 'object') return at('Member must be a union')
        const set = Object.keys(value).filter((k) => value[k] !== null && value[k] !== undefined)
        if (set.length !== 1) return at('Member must set exactly one member of the union')
        const m = s.members?.[set[0]]
        if (!m) return at(`Member must be one of [${Object.keys(s.members ?? {}).join(', ')}]`)
        return validate(m.target, value[set[0]], `${path}.${lowerFirst(set[0])}`, problems, m.traits)
      }
      case 'list': {
        if (!Array.isArray(value)) return at('Member must be a list')
        length(t, value.length, at)
        value.forEach((v, i) => validate(s.member.target, v, `${path}.${i + 1}.member`, problems, s.member.traits))
        return
      }
      case 'map': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return at('Member must be a map')
        length(t, Object.keys(value).length, at)
        for (const [k, v] of Object.entries(value)) {
          validate(s.key.target, k, `${path}.key`, problems, s.key.traits)
          validate(s.value.target, v, `${path}.${k}`, problems, s.value.traits)
        }
        return
      }
      case 'enum': {
        const values = Object.values(s.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue'])
        if (typeof value !== 'string' || !values.includes(value))
          at(`Member must satisfy enum value set: [${values.join(', ')}]`)
        return
      }
      case 'intEnum': {
        const values = Object.values(s.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue'])
        if (!values.includes(value)) at(`Member must satisfy enum value set: [${values.join(', ')}]`)
        return
      }
      case 'string': {
        if (typeof value !== 'string') return at('Member must be a string')
        length(t, [...value].length, at)
        const pattern = t['smithy.api#pattern']
        if (pattern && !new RegExp(pattern, 'u').test(value))
          at(`Member must satisfy regular expression pattern: ${pattern}`)
        return
      }
      case 'integer':
      case 'long':
      case 'short':
      case 'byte': {
        if (!Number.isInteger(value)) return at('Member must be an integer')
        return range(t, value, at)
      }
      case 'double':
      case 'float': {
        if (typeof value !== 'number' || !Number.isFinite(value)) return at('Member must be a number')
        return range(t, value, at)
      }
      case 'boolean':
        if (typeof value !== 'boolean') at('Member must be a boolean')
        return
      case 'timestamp': {
        const format = t['smithy.api#timestampFormat'] ?? 'epoch-seconds'
        const ok =
          format === 'date-time'
            ? typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
            : format === 'epoch-seconds'
              ? typeof value === 'number' && Number.isFinite(value)
              : typeof value === 'string' && !Number.isNaN(Date.parse(value))
        if (!ok) at(`Member must be a valid ${format === 'date-time' ? 'ISO 8601 date-time' : format} timestamp`)
        return
      }
      case 'document':
        return
      default:
        throw new Error(`the sandbox's Smithy reader does not know shapes of type ${s.type} (${id})`)
    }
  }

  /** The member defaults of a structure (`smithy.api#default`), for what the request left out. */
  function defaults(id) {
    const s = shape(id)
    const out = {}
    for (const [name, m] of Object.entries(s?.members ?? {}))
      if (m.traits?.['smithy.api#default'] !== undefined) out[name] = m.traits['smithy.api#default']
    return out
  }

  /** The problems of a request body for an operation's input: [] when the model accepts it. */
  function check(operation, body) {
    const problems = []
    validate(operation.input, body, '', problems)
    return problems
  }

  return { model, shapes, shape, operations, validate, check, defaults }
}

function length(traits, n, at) {
  const l = traits['smithy.api#length']
  if (!l) return
  if (l.min !== undefined && n < l.min) at(`Member must have length greater than or equal to ${l.min}`)
  if (l.max !== undefined && n > l.max) at(`Member must have length less than or equal to ${l.max}`)
}

function range(traits, v, at) {
  const r = traits['smithy.api#range']
  if (!r) return
  if (r.min !== undefined && v < r.min) at(`Member must have value greater than or equal to ${r.min}`)
  if (r.max !== undefined && v > r.max) at(`Member must have value less than or equal to ${r.max}`)
}

function shown(v) {
  if (v === null || v === undefined) return 'null'
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return `'${s.length > 100 ? `${s.slice(0, 100)}...` : s}'`
}

/** AWS's wording of several problems at once. */
export function validationMessage(problems) {
  return `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`
}
