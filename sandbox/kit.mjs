// The sandbox's transport: one HTTPS server per emulated service, a shared request log, injected latency and
// fault switches. A service is a handler `(req, ctx) => response` plus `errorResponse(status, code, message)`
// that renders an error in that service's own wire form (AWS JSON, STS XML, ARM error, OData error, Twirp...),
// so that a fault injected by the kit looks exactly like the real service failing.
//
// Request given to a handler:
//   { method, url: URL, path, query: URLSearchParams, headers (lower-case names), body: Buffer,
//     text(), json() (throws a 400 SandboxError on bad JSON), form(): URLSearchParams }
// Response a handler returns:
//   { status = 200, headers = {}, body: string | Buffer | object (sent as JSON) }
// A handler may throw a SandboxError(status, code, message, headers) to answer with its errorResponse.
//
// Faults, per service (`kit.faults.add('sustainability', { kind: 'throttle', times: 2, retryAfter: 1 })`):
//   throttle  429 (or `status`) with Retry-After: `retryAfter` seconds, or an HTTP-date when `retryAfterDate`
//   error     `status` (default 503) with the service's error body
//   status    a permanent `status` (401/403/404...) with the service's error body; `times` defaults to Infinity
//   reset     the connection is destroyed before any answer
//   hang      no answer at all (until the sandbox closes)
//   bad-json  200 with a body that is not JSON
//   truncated the real answer, cut in the middle (Content-Length promises more)
//   and service-defined kinds a handler takes itself with `ctx.take(kind)`: repeat-token, empty-page...
// Every fault has `times` (default 1), `after` (let this many matching requests through first) and `match`
// (a substring of the path+query, a RegExp, or a function of the request).
import * as http from 'node:http'
import * as https from 'node:https'
import * as net from 'node:net'
import { once } from 'node:events'

export class SandboxError extends Error {
  constructor(status, code, message, headers = {}) {
    super(message)
    this.status = status
    this.code = code
    this.headers = headers
  }
}

const GENERIC = new Set(['throttle', 'error', 'status', 'reset', 'hang', 'bad-json', 'truncated'])
const DEFAULT_CODES = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  429: 'TooManyRequests',
  500: 'InternalError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout'
}

class FaultBoard {
  constructor() {
    this.list = []
  }
  /** Adds a fault for a service; returns it (its `hits` counts how often it fired). */
  add(service, spec) {
    const f = { service, times: spec.kind === 'status' ? Infinity : 1, after: 0, hits: 0, seen: 0, ...spec }
    this.list.push(f)
    return f
  }
  clear(service) {
    this.list = service ? this.list.filter((f) => f.service !== service) : []
  }
  /** The next fault of one of `kinds` that applies to this request, consumed. */
  take(service, req, kinds) {
    for (const f of this.list) {
      if (f.service !== service && f.service !== '*') continue
      if (!kinds(f.kind)) continue
      if (f.hits >= f.times) continue
      if (!matches(f.match, req)) continue
      f.seen++
      if (f.seen <= f.after) continue
      f.hits++
      return f
    }
    return null
  }
}

function matches(match, req) {
  if (!match) return true
  const target = `${req.path}${req.url.search}`
  if (typeof match === 'string') return target.includes(match)
  if (match instanceof RegExp) return match.test(target)
  return Boolean(match(req))
}

function renderBody(body) {
  if (body === undefined || body === null) return { data: Buffer.alloc(0), type: null }
  if (Buffer.isBuffer(body)) return { data: body, type: 'application/octet-stream' }
  if (typeof body === 'string') return { data: Buffer.from(body, 'utf8'), type: 'text/plain; charset=utf-8' }
  return { data: Buffer.from(JSON.stringify(body), 'utf8'), type: 'application/json' }
}

/**
 * @param {{ tls: { certPem: string, keyPem: string }, now?: () => number }} options
 */
export function createKit({ tls, now = Date.now }) {
  const servers = []
  const sockets = new Set()
  const log = []
  const faults = new FaultBoard()
  const latency = { default: 0 }
  /**
   * Opt-in recorder (the bench's replay): while `list` is an array, every request is pushed to it as sent
   * (method, absolute URL, raw headers incl. signatures, body bytes) with its times and status, and its answer's
   * bytes when no larger than `keepResponse` (sign-in answers, whose tokens later requests carry). Off: one test.
   */
  const recorder = { list: null, keepResponse: 64 * 1024 }
  let closed = false

  /**
   * Starts one service on its own port of 127.0.0.1.
   * @param {string} name
   * @param {{ handle: (req, ctx) => Promise<object>|object, errorResponse?: (status, code, message, req) => object }} service
   */
  async function serve(name, service) {
    const errorResponse =
      service.errorResponse ?? ((status, code, message) => ({ status, body: { error: { code, message } } }))
    const server = https.createServer({ cert: tls.certPem, key: tls.keyPem })
    server.on('connection', (s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    server.on('request', async (raw, res) => {
      const started = now()
      const chunks = []
      raw.on('data', (c) => chunks.push(c))
      try {
        await once(raw, 'end')
      } catch {
        return
      }
      const body = Buffer.concat(chunks)
      const url = new URL(raw.url ?? '/', `https://${raw.headers.host ?? '127.0.0.1'}`)
      const req = {
        method: raw.method,
        url,
        path: url.pathname,
        query: url.searchParams,
        headers: raw.headers,
        rawHeaders: raw.rawHeaders,
        body,
        text: () => body.toString('utf8'),
        json: () => {
          try {
            return JSON.parse(body.toString('utf8'))
          } catch {
            throw new SandboxError(400, 'InvalidJson', 'The request body is not valid JSON.')
          }
        },
        form: () => new URLSearchParams(body.toString('utf8'))
      }
      const entry = {
        service: name,
        method: req.method,
        path: req.path,
        query: url.search,
        status: 0,
        at: started,
        ms: 0,
        fault: null
      }
      log.push(entry)
      const rec = recorder.list
        ? {
            service: name,
            method: req.method,
            url: `https://127.0.0.1:${server.address().port}${raw.url ?? '/'}`,
            rawHeaders: raw.rawHeaders,
            body,
            start: started,
            end: 0,
            status: 0,
            response: null
          }
        : null
      if (rec) recorder.list.push(rec)
      const delay = latency[name] ?? latency.default
      if (delay > 0) await new Promise((r) => setTimeout(r, delay))
      if (closed) return raw.socket.destroy()

      const fault = faults.take(name, req, (k) => GENERIC.has(k))
      if (fault) entry.fault = fault.kind
      if (fault?.kind === 'reset') {
        if (rec) rec.status = -1
        entry.status = -1
        return raw.socket.destroy()
      }
      if (fault?.kind === 'hang') {
        entry.status = -2
        return // the socket stays open until the sandbox closes
      }
      const ctx = {
        service: name,
        origin: `https://127.0.0.1:${server.address().port}`,
        now,
        take: (kind) => {
          const f = faults.take(name, req, (k) => k === kind)
          if (f) entry.fault = kind
          return f
        }
      }
      let out
      try {
        if (fault?.kind === 'throttle' || fault?.kind === 'error' || fault?.kind === 'status') {
          const status = fault.status ?? (fault.kind === 'throttle' ? 429 : fault.kind === 'error' ? 503 : 403)
          const headers = {}
          if (fault.kind === 'throttle' || fault.retryAfter !== undefined || fault.retryAfterDate !== undefined) {
            if (fault.retryAfterDate !== undefined)
              headers['retry-after'] = new Date(now() + fault.retryAfterDate * 1000).toUTCString()
            else headers['retry-after'] = String(fault.retryAfter ?? 0)
          }
          out = errorResponse(
            status,
            fault.code ?? DEFAULT_CODES[status] ?? 'Error',
            fault.message ?? `Injected fault: ${status}`,
            req
          )
          out = { ...out, headers: { ...(out.headers ?? {}), ...headers } }
        } else if (fault?.kind === 'bad-json') {
          out = {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '{"Results": [ {"oops" <html>Bad gateway</html>'
          }
        } else {
          out = await service.handle(req, ctx)
        }
      } catch (e) {
        if (e instanceof SandboxError) {
          out = errorResponse(e.status, e.code, e.message, req)
          out = { ...out, headers: { ...(out.headers ?? {}), ...e.headers } }
        } else {
          console.error(`[sandbox ${name}]`, e)
          out = errorResponse(500, 'InternalError', 'The sandbox failed to answer.', req)
        }
      }
      const { data, type } = renderBody(out.body)
      const headers = { ...(type ? { 'content-type': type } : {}), ...(out.headers ?? {}) }
      entry.status = out.status ?? 200
      entry.ms = now() - started
      if (rec) {
        rec.status = entry.status
        rec.end = now()
        if (data.length <= recorder.keepResponse) rec.response = data
      }
      if (fault?.kind === 'truncated') {
        res.writeHead(entry.status, { ...headers, 'content-length': String(data.length + 64) })
        res.write(data.subarray(0, Math.floor(data.length / 2)))
        setTimeout(() => raw.socket.destroy(), 10)
        return
      }
      res.writeHead(entry.status, { ...headers, 'content-length': String(data.length) })
      res.end(data)
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const url = `https://127.0.0.1:${server.address().port}`
    servers.push(server)
    return { name, url, server }
  }

  /**
   * A CONNECT proxy (HTTPS_PROXY) that tunnels the real hosts in `routes` (host -> a served URL of this sandbox)
   * and refuses every other host with 403, so a run that resolves real cloud endpoints reaches only the sandbox.
   */
  async function proxy(routes) {
    const server = http.createServer((_req, res) => res.writeHead(405).end())
    server.on('connect', (req, client, head) => {
      const [host, port] = (req.url ?? '').split(':')
      const target = routes.get(host)
      log.push({
        service: 'proxy',
        method: 'CONNECT',
        path: req.url,
        status: target ? 200 : 403,
        at: now(),
        ms: 0,
        fault: null
      })
      if (!target || (port && port !== '443')) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n')
        return
      }
      const upstream = net.connect(Number(new URL(target).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        if (head?.length) upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      for (const s of [client, upstream]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
        s.on('error', () => (s === client ? upstream : client).destroy())
      }
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    servers.push(server)
    return `http://127.0.0.1:${server.address().port}`
  }

  async function close() {
    closed = true
    for (const s of sockets) s.destroy()
    await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r()))))
  }

  /** Requests of a service (or all), e.g. to assert that a bad input made none. */
  const requests = (service) => (service ? log.filter((e) => e.service === service) : log)

  return { serve, proxy, close, log, requests, faults, latency, recorder }
}

/** Parses `Authorization: Bearer x`; returns x or null. */
export function bearer(req) {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return m ? m[1] : null
}

/** FNV-1a over a text, from `h` (FNV_BASIS to start): with mix32, hash32 in two steps, so a prefix can be hashed once. */
export const FNV_BASIS = 0x811c9dc5
export function fnv32(h, text) {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h
}
export function mix32(h) {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A deterministic 32-bit hash (FNV-1a, mixed): the seed of every sandbox value, independent of request order. */
export const hash32 = (text) => mix32(fnv32(FNV_BASIS, text))

export const monthIndex = (m) => {
  const [y, mo] = m.split('-').map(Number)
  return y * 12 + mo - 1
}
export const monthOf = (i) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`

/** The latest month published by `day` of the following month, as of `now` (UTC). */
export function publishedMonth(day, now = Date.now()) {
  const d = new Date(now)
  const current = d.getUTCFullYear() * 12 + d.getUTCMonth()
  return monthOf(d.getUTCDate() >= day ? current - 1 : current - 2)
}

/**
 * A bounded map, least recently used first, for the emulators' caches of seeded data (which never changes):
 * `get(key, compute)` answers a kept value or computes, keeps and answers it; `stats` counts hits and misses.
 * @param {number} size how many values to keep (0: none)
 */
export function lruCache(size) {
  const map = new Map()
  const stats = { hits: 0, misses: 0 }
  return {
    stats,
    get(key, compute) {
      let value = map.get(key)
      if (value !== undefined) {
        stats.hits++
        map.delete(key)
        map.set(key, value)
        return value
      }
      stats.misses++
      value = compute()
      if (size > 0) {
        map.set(key, value)
        if (map.size > size) map.delete(map.keys().next().value)
      }
      return value
    }
  }
}
