import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import { HttpClient, HttpError, bypassesProxy, parseRetryAfter, remainingBudgetMs } from '../src/http.js'
import { bodyText } from '../src/body.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void

async function serve(handler: Handler): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let n = 0
  const server = http.createServer((req, res) => handler(req, res, ++n))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/x`,
    hits: () => n,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      })
  }
}

function client(extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) {
  const waits: number[] = []
  const c = new HttpClient({
    concurrency: 4,
    sleep: async (ms) => {
      waits.push(ms)
    },
    random: () => 0.5,
    now: () => Date.parse('2026-11-22T10:00:00Z'),
    env: {},
    ...extra
  })
  return { c, waits }
}

describe('HTTP layer', () => {
  it('gathers a large body of declared length as it arrives, retries one cut short, and hands decode the bytes', async () => {
    const big = JSON.stringify({ rows: Array.from({ length: 20000 }, (_, i) => ({ i, s: `row ${i} é` })) })
    const bytes = Buffer.from(big)
    expect(bytes.length).toBeGreaterThan(256 * 1024)
    const s = await serve((_q, res, n) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes.length) })
      // The first answer stops half-way (a cut connection); the next comes in many small writes.
      if (n === 1) {
        res.write(bytes.subarray(0, bytes.length >> 1))
        setTimeout(() => res.destroy(), 20)
        return
      }
      for (let off = 0; off < bytes.length; off += 7000) res.write(bytes.subarray(off, off + 7000))
      res.end()
    })
    const { c } = client()
    const seen: Buffer[] = []
    const res = await c.request({
      service: 'svc',
      method: 'GET',
      url: s.url,
      expectJson: true,
      decode: async (body) => {
        seen.push(body)
        return JSON.parse(body.toString('utf8'))
      }
    })
    expect(res.attempts).toBe(2)
    expect(seen).toHaveLength(1)
    expect(seen[0].equals(bytes)).toBe(true)
    // Its own buffer, whole: a worker thread may take it without a copy.
    expect(seen[0].byteOffset).toBe(0)
    expect(seen[0].buffer.byteLength).toBe(bytes.length)
    expect((res.json as { rows: unknown[] }).rows).toHaveLength(20000)
    expect(res.text).toBe(big)
    c.close()
    await s.close()
  })

  it('retries 429 honouring Retry-After in seconds and as an HTTP-date, then succeeds', async () => {
    const s = await serve((_q, res, n) => {
      if (n === 1) res.writeHead(429, { 'retry-after': '3' }).end()
      else if (n === 2) res.writeHead(503, { 'retry-after': 'Sun, 22 Nov 2026 10:00:07 GMT' }).end()
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
    const { c, waits } = client()
    const res = await c.request({ service: 'svc', method: 'GET', url: s.url, expectJson: true })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true })
    expect(res.attempts).toBe(3)
    // Retry-After plus a jitter of up to the base delay (random 0.5 * 500 ms).
    expect(waits).toEqual([3250, 7250])
    c.close()
    await s.close()
  })

  it('a throttled answer holds the other requests of its scope, not those of another scope', async () => {
    // Real time here: the first request of scope A is refused with Retry-After: 1; while that holds, the
    // other A requests wait, B requests go on.
    const sent: { scope: string; at: number }[] = []
    let refused = false
    const s = await serve((q, res) => {
      const scope = q.headers['x-scope'] as string
      sent.push({ scope, at: Date.now() })
      if (scope === 'A' && !refused) {
        refused = true
        res.writeHead(429, { 'retry-after': '1' }).end()
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    const logs: string[] = []
    const c = new HttpClient({ concurrency: 2, env: {}, random: () => 0, log: (l) => logs.push(l) })
    const get = (scope: string) =>
      c.request({
        service: 'svc',
        method: 'GET',
        url: s.url,
        headers: { 'x-scope': scope },
        throttleScope: scope,
        expectJson: true
      })
    const t0 = Date.now()
    const first = get('A')
    await new Promise((r) => setTimeout(r, 100)) // the 429 has come back
    const rest = await Promise.all([get('A'), get('A'), get('B'), get('B')])
    expect((await first).attempts).toBe(2)
    expect(rest.map((r) => r.status)).toEqual([200, 200, 200, 200])
    const late = (scope: string) =>
      sent
        .filter((x) => x.scope === scope)
        .slice(1)
        .map((x) => x.at - t0)
    // Every later A request went after the hold (1 s from the 429); the B requests at once.
    for (const at of late('A')) expect(at).toBeGreaterThanOrEqual(950)
    for (const at of sent.filter((x) => x.scope === 'B').map((x) => x.at - t0)) expect(at).toBeLessThan(900)
    expect(logs.filter((l) => /throttled; its other requests wait/.test(l))).toHaveLength(1)
    c.close()
    await s.close()
  })

  it('holds are per service and origin by default: 429s of one service do not slow another', async () => {
    const { c, waits } = client()
    let n = 0
    const s = await serve((_q, res) => {
      n++
      if (n === 1) res.writeHead(429, { 'retry-after': '5' }).end()
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
    await c.request({ service: 'one', method: 'GET', url: s.url, expectJson: true })
    // Same origin, other service: no hold; same service: waits out what is left of the hold (now() is fixed here).
    await c.request({ service: 'two', method: 'GET', url: s.url, expectJson: true })
    expect(waits).toEqual([5250])
    await c.request({ service: 'one', method: 'GET', url: s.url, expectJson: true })
    expect(waits).toEqual([5250, 5250])
    c.close()
    await s.close()
  })

  it('uses full-jitter exponential backoff without Retry-After, and gives up after maxAttempts', async () => {
    const s = await serve((_q, res) => res.writeHead(500).end('boom'))
    const { c, waits } = client({ maxAttempts: 4 })
    const res = await c.request({ service: 'svc', method: 'POST', url: s.url, body: '{}' })
    expect(res.status).toBe(500)
    expect(s.hits()).toBe(4)
    expect(waits).toEqual([250, 500, 1000]) // 0.5 * 500 * 2^(n-1)
    c.close()
    await s.close()
  })

  it('does not retry a 4xx other than 408/429', async () => {
    const s = await serve((_q, res) => res.writeHead(403).end('{"message":"no"}'))
    const { c } = client()
    const res = await c.request({ service: 'svc', method: 'GET', url: s.url, expectJson: true })
    expect(res.status).toBe(403)
    expect(s.hits()).toBe(1)
    c.close()
    await s.close()
  })

  it('retries a body that is not JSON, a reset and a cut-off body', async () => {
    const s = await serve((_q, res, n) => {
      if (n === 1) res.writeHead(200).end('<html>proxy error</html>')
      else if (n === 2) res.socket?.destroy()
      else if (n === 3) {
        res.writeHead(200, { 'content-length': '100' })
        res.write('{"partial":')
        setTimeout(() => res.socket?.destroy(), 5)
      } else res.writeHead(200).end('{"n":4}')
    })
    const { c } = client()
    const res = await c.request({ service: 'svc', method: 'GET', url: s.url, expectJson: true })
    expect(res.json).toEqual({ n: 4 })
    expect(s.hits()).toBe(4)
    c.close()
    await s.close()
  })

  it('times out a hanging attempt and names the service', async () => {
    const s = await serve(() => undefined)
    const { c } = client({ attemptTimeoutMs: 100, maxAttempts: 2 })
    await expect(c.request({ service: 'Hanging API', method: 'GET', url: s.url })).rejects.toThrow(
      /Hanging API \(GET http:\/\/127\.0\.0\.1:\d+\/x\) failed after 2 attempts: .*no answer within 0 s/
    )
    c.close()
    await s.close()
  })

  it('stops at the deadline, in flight and between attempts', async () => {
    const s = await serve(() => undefined)
    const deadline = new AbortController()
    const c = new HttpClient({ concurrency: 2, deadline: deadline.signal, env: {} })
    setTimeout(() => deadline.abort(), 50)
    const started = Date.now()
    const err = await c.request({ service: 'svc', method: 'GET', url: s.url }).catch((e) => e)
    expect(err).toBeInstanceOf(HttpError)
    expect(err.kind).toBe('deadline')
    expect(err.message).toMatch(/time budget \(timeout-minutes\)/)
    expect(Date.now() - started).toBeLessThan(2000)
    await expect(c.request({ service: 'svc', method: 'GET', url: s.url })).rejects.toThrow(/time budget/)
    c.close()
    await s.close()
  })

  it('a request that waited for a slot when the deadline passed is never sent', async () => {
    const s = await serve(() => undefined) // never answers
    const deadline = new AbortController()
    const c = new HttpClient({ concurrency: 1, deadline: deadline.signal, env: {} })
    const started = Date.now()
    const first = c.request({ service: 'svc', method: 'GET', url: s.url }).catch((e) => e)
    const queued = c.request({ service: 'svc', method: 'GET', url: s.url }).catch((e) => e)
    setTimeout(() => deadline.abort(), 50)
    const [a, b] = await Promise.all([first, queued])
    expect([a.kind, b.kind]).toEqual(['deadline', 'deadline'])
    expect(Date.now() - started).toBeLessThan(2000)
    expect(s.hits()).toBe(1)
    c.close()
    await s.close()
  })

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0
    let peak = 0
    const s = await serve((_q, res) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      setTimeout(() => {
        inFlight--
        res.end('{}')
      }, 20)
    })
    const { c } = client({ concurrency: 3 })
    await Promise.all(Array.from({ length: 12 }, () => c.request({ service: 's', method: 'GET', url: s.url })))
    expect(peak).toBe(3)
    expect(s.hits()).toBe(12)
    c.close()
    await s.close()
  })

  it('parses Retry-After', () => {
    const now = Date.parse('2026-11-22T10:00:00Z')
    expect(parseRetryAfter('2', now)).toBe(2000)
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30000)
    expect(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeNull()
    expect(parseRetryAfter(undefined, now)).toBeNull()
  })

  it('matches NO_PROXY like curl', () => {
    const u = (s: string) => new URL(s)
    expect(bypassesProxy(u('https://api.sustainability.us-east-1.api.aws/v1'), '.api.aws')).toBe(true)
    expect(bypassesProxy(u('https://api.aws/v1'), '.api.aws')).toBe(true)
    expect(bypassesProxy(u('https://management.azure.com'), 'localhost,azure.com')).toBe(true)
    expect(bypassesProxy(u('https://notazure.com'), 'azure.com')).toBe(false)
    expect(bypassesProxy(u('https://127.0.0.1:8443/'), '127.0.0.1:8443')).toBe(true)
    expect(bypassesProxy(u('https://127.0.0.1:9443/'), '127.0.0.1:8443')).toBe(false)
    expect(bypassesProxy(u('https://anything'), '*')).toBe(true)
    expect(bypassesProxy(u('https://x.example.com'), '*.example.com')).toBe(true)
    expect(bypassesProxy(u('https://x.example.com'), undefined)).toBe(false)
  })

  it('chooses the proxy agent from the environment', () => {
    const c = new HttpClient({ concurrency: 1, env: { HTTPS_PROXY: 'http://proxy.local:3128', NO_PROXY: 'localhost' } })
    expect(c.agentFor(new URL('https://api.example.com')).constructor.name).toBe('HttpsProxyAgent')
    expect(c.agentFor(new URL('https://localhost:1234')).constructor.name).toBe('Agent')
    c.close()
  })
})

test('remainingBudgetMs: the rest of the run, within [min, max]', () => {
  expect(remainingBudgetMs(undefined, 10_000, 300_000)).toBe(300_000)
  expect(remainingBudgetMs(1_000_000 + 45_000, 10_000, 300_000, 1_000_000)).toBe(45_000)
  expect(remainingBudgetMs(1_000_000 - 5_000, 10_000, 300_000, 1_000_000)).toBe(10_000)
  expect(remainingBudgetMs(1_000_000 + 900_000, 10_000, 90_000, 1_000_000)).toBe(90_000)
})

describe('bodyText', () => {
  it('reads a body of any size, ASCII or not, as its UTF-8 text (large ASCII bodies in pieces)', () => {
    const piece = 512 * 1024
    for (const n of [0, 1, piece - 1, piece, piece + 1, 3 * piece + 17]) {
      const ascii = Buffer.alloc(n, 'a')
      for (let i = 0; i < n; i += 4099) ascii[i] = 0x20 + (i % 90)
      expect(bodyText(ascii)).toBe(ascii.toString('utf8'))
    }
    const mixed = Buffer.from(`${'x'.repeat(piece - 1)}é🌍${'y'.repeat(piece)}`)
    expect(bodyText(mixed)).toBe(mixed.toString('utf8'))
    const view = new Uint8Array(mixed.buffer, mixed.byteOffset + 2, mixed.length - 2)
    expect(bodyText(view)).toBe(Buffer.from(view).toString('utf8'))
  })
})
