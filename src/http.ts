/**
 * The one HTTP layer every outbound call goes through: bounded concurrency for the whole run, a timeout per
 * attempt, retries on 408/429/5xx and network faults with full-jitter exponential backoff that honours
 * `Retry-After`, the run's deadline, and HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
 *
 * It returns the final response whatever its status (providers read their own error bodies) and throws an
 * HttpError only when no response could be had.
 */
import * as https from 'node:https'
import * as http from 'node:http'
import { HttpsProxyAgent } from 'https-proxy-agent'
import { bodyText, RetryBodyError, parseJsonBody } from './body.js'

export interface HttpRequest {
  /** A short name of the service for messages ("AWS Sustainability API"). */
  service: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Called before every attempt (e.g. SigV4, which signs a fresh timestamp); returns the headers to send. */
  sign?: (req: {
    method: string
    url: URL
    headers: Record<string, string>
    body: string | Buffer | undefined
  }) => Promise<Record<string, string>>
  /** A 2xx whose body is not JSON is retried as a transient fault (a proxy's error page, a cut body). */
  expectJson?: boolean
  /**
   * With expectJson: turns a 2xx body into `json` instead of JSON.parse (e.g. a page decoded on a worker
   * thread, straight from the bytes). It rejects with a RetryBodyError (e.g. NotJsonError) for a body to
   * fetch again; any other rejection fails the request.
   */
  decode?: (body: Buffer) => Promise<unknown>
  /** A response that is transient though its status says otherwise (STS answers throttling with 400 Throttling). */
  transient?: (res: HttpResponse) => boolean
  /** Retry this request at all (default true; only idempotent or safely repeatable calls should be). */
  retry?: boolean
  /**
   * Whose rate limit the request counts against, when the service limits each caller apart (e.g. the AWS
   * account of a role); default: everything of `service` at the URL's origin. See HttpClient's holds.
   */
  throttleScope?: string
}

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** The body as text (made when first read: a body handed to `decode` is never turned into text). */
  readonly text: string
  /** The body parsed as JSON (when expectJson was set and it parsed). */
  json?: unknown
  attempts: number
}

/** The run's time budget stopped this request (a cause told apart by its type, never by its text). */
export function isDeadlineError(e: unknown): boolean {
  for (let c = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
    if (c instanceof HttpError && c.kind === 'deadline') return true
  }
  return false
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'network' | 'timeout' | 'deadline' | 'bad-body',
    readonly attempts: number
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export interface HttpOptions {
  /** Requests in flight at most, across the whole run. */
  concurrency: number
  /** Time allowed for one attempt, connect to last byte. */
  attemptTimeoutMs?: number
  /** Attempts per request, the first included. */
  maxAttempts?: number
  /** Backoff base and cap for the full-jitter exponential schedule. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** A Retry-After longer than this is not waited for: the request fails with the server's answer. */
  maxRetryAfterMs?: number
  /** Aborts everything in flight and every wait when the run's budget is spent. */
  deadline?: AbortSignal
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  now?: () => number
  env?: Record<string, string | undefined>
  /** Debug log of each attempt (never headers or bodies). */
  log?: (line: string) => void
}

/**
 * The time a step that runs after the providers may take: the rest of the run's budget (`deadlineAt`, ms
 * since the epoch; none = `max`), at least `min` (what it serves is written already and worth a short wait),
 * at most `max`.
 */
export function remainingBudgetMs(deadlineAt: number | undefined, min: number, max: number, now = Date.now()): number {
  if (deadlineAt === undefined) return max
  return Math.min(max, Math.max(min, deadlineAt - now))
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504])
/** Bodies of a declared length in this range are gathered into one buffer of that length as they arrive. */
const WHOLE_BODY_BYTES = 64 * 1024
const MAX_WHOLE_BODY_BYTES = 64 * 1024 * 1024

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Retry-After as milliseconds: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const v = Array.isArray(value) ? value[0] : value
  if (v === undefined || v.trim() === '') return null
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(Number(v.trim()) * 1000)
  const date = Date.parse(v)
  if (Number.isNaN(date)) return null
  return Math.max(0, date - now)
}

/** NO_PROXY matching as curl and most tools do it: `*`, host suffixes (with or without a leading dot), ports. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  for (const raw of noProxy.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase()
    if (entry === '') continue
    if (entry === '*') return true
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''))
    const name = (m?.[1] ?? entry).replace(/^\*?\./, '')
    if (m?.[2] && m[2] !== port) continue
    if (host === name || host.endsWith(`.${name}`)) return true
  }
  return false
}

/** A counting semaphore, FIFO. */
class Semaphore {
  private active = 0
  private readonly queue: (() => void)[] = []
  constructor(private readonly limit: number) {}
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++
      return
    }
    await new Promise<void>((resolve) => this.queue.push(resolve))
  }
  release(): void {
    const next = this.queue.shift()
    if (next) next()
    else this.active--
  }
}

export class HttpClient {
  private readonly slots: Semaphore
  /**
   * Throttling holds, per throttle scope: until when (ms since the epoch) new requests wait. A throttled answer
   * (429, a 503 with Retry-After, or one the request calls transient, like STS's 400 Throttling) slows the
   * whole scope down, not only the request that got it: the other requests in flight and queued would
   * otherwise keep the rate that was refused, each collecting a 429 of its own.
   */
  private readonly holds = new Map<string, number>()
  private readonly direct: https.Agent
  private readonly plain: http.Agent
  private readonly proxied = new Map<string, http.Agent>()
  private readonly o: Required<Omit<HttpOptions, 'deadline' | 'log'>> & Pick<HttpOptions, 'deadline' | 'log'>
  /** Requests made (attempts included), for the run's log. */
  attempts = 0

  constructor(options: HttpOptions) {
    this.o = {
      attemptTimeoutMs: 60_000,
      maxAttempts: 6,
      baseDelayMs: 500,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 120_000,
      sleep: defaultSleep,
      random: Math.random,
      now: Date.now,
      env: process.env,
      ...options
    }
    this.slots = new Semaphore(Math.max(1, options.concurrency))
    this.direct = new https.Agent({ keepAlive: true, maxSockets: Math.max(1, options.concurrency) })
    this.plain = new http.Agent({ keepAlive: true, maxSockets: Math.max(1, options.concurrency) })
  }

  /** The agent for a URL: direct, or through the proxy the environment names. */
  agentFor(url: URL): http.Agent {
    // The clouds are HTTPS only; plain HTTP (local test servers) never goes through a proxy.
    if (url.protocol === 'http:') return this.plain
    const env = this.o.env
    const noProxy = env.NO_PROXY ?? env.no_proxy
    const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy
    if (!proxy || bypassesProxy(url, noProxy)) return this.direct
    let agent = this.proxied.get(proxy)
    if (!agent) {
      agent = new HttpsProxyAgent(proxy, { keepAlive: true, maxSockets: this.o.concurrency })
      this.proxied.set(proxy, agent)
    }
    return agent
  }

  close(): void {
    this.direct.destroy()
    this.plain.destroy()
    for (const a of this.proxied.values()) a.destroy()
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url)
    const where = `${req.service} (${req.method} ${url.origin}${url.pathname})`
    const maxAttempts = req.retry === false ? 1 : this.o.maxAttempts
    const scope = `${req.service}\u0000${url.origin}\u0000${req.throttleScope ?? ''}`
    /** The end of a hold this request has waited out already (its own, or one it slept through). */
    let heldUntil = 0
    let lastProblem = ''
    for (let attempt = 1; ; attempt++) {
      this.checkDeadline(where, attempt - 1)
      heldUntil = await this.waitForHold(scope, heldUntil, where, attempt - 1)
      await this.slots.acquire()
      if (this.o.deadline?.aborted) {
        // The budget ran out while this request waited for a slot: it is not sent.
        this.slots.release()
        this.checkDeadline(where, attempt - 1)
      }
      let res: HttpResponse | undefined
      let failure: HttpError | undefined
      const started = this.o.now()
      try {
        const headers = { ...(req.headers ?? {}) }
        const signed = req.sign ? await req.sign({ method: req.method, url, headers, body: req.body }) : headers
        res = await this.once(req, url, signed, attempt)
      } catch (e) {
        failure = e instanceof HttpError ? e : new HttpError(`${where}: ${(e as Error).message}`, 'network', attempt)
      } finally {
        this.slots.release()
        this.attempts++
      }
      this.o.log?.(
        `${req.method} ${url.origin}${url.pathname} -> ${res ? res.status : failure?.kind} (${this.o.now() - started} ms, attempt ${attempt})`
      )
      if (failure?.kind === 'deadline') throw failure

      let retryAfter: number | null = null
      if (res) {
        if (req.expectJson && res.status >= 200 && res.status < 300) {
          try {
            // The text is not kept on the response: a page's text would live as long as its rows.
            res.json = req.decode ? await req.decode(res.body) : parseJsonBody(bodyText(res.body))
            return res
          } catch (e) {
            if (!(e instanceof RetryBodyError)) throw e
            lastProblem = e.message
            failure = new HttpError(`${where}: ${lastProblem}`, 'bad-body', attempt)
          }
        } else if (!RETRY_STATUS.has(res.status) && !req.transient?.(res)) {
          return res
        } else {
          retryAfter = parseRetryAfter(res.headers['retry-after'], this.o.now())
          lastProblem = `HTTP ${res.status}`
          if (attempt >= maxAttempts || (retryAfter !== null && retryAfter > this.o.maxRetryAfterMs)) return res
        }
      } else if (failure) {
        lastProblem = failure.message
      }
      if (attempt >= maxAttempts) {
        throw new HttpError(
          `${where} failed after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${lastProblem.replace(`${where}: `, '')}`,
          failure?.kind ?? 'network',
          attempt
        )
      }
      const backoff = Math.floor(this.o.random() * Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1)))
      const wait = retryAfter !== null ? retryAfter + Math.floor(this.o.random() * this.o.baseDelayMs) : backoff
      if (res && (res.status === 429 || (res.status === 503 && retryAfter !== null) || req.transient?.(res))) {
        heldUntil = this.hold(scope, retryAfter ?? backoff, where)
      }
      await this.pause(wait, where, attempt)
    }
  }

  /** Holds the scope's new requests for `ms` (or longer, if already held longer); returns the hold's end. */
  private hold(scope: string, ms: number, where: string): number {
    const until = Math.max(this.holds.get(scope) ?? 0, this.o.now() + ms)
    if (until !== this.holds.get(scope)) {
      this.holds.set(scope, until)
      this.o.log?.(`${where}: throttled; its other requests wait ${until - this.o.now()} ms`)
    }
    return until
  }

  /**
   * Waits out the scope's hold, if one is on that this request has not waited out yet (`heldUntil`), with a
   * jitter so that the held requests do not all start at once; returns the end of the hold waited for.
   */
  private async waitForHold(scope: string, heldUntil: number, where: string, attempts: number): Promise<number> {
    for (;;) {
      const until = this.holds.get(scope)
      if (until === undefined || until <= heldUntil) return heldUntil
      const ms = until - this.o.now()
      if (ms <= 0) {
        this.holds.delete(scope)
        return heldUntil
      }
      await this.pause(ms + Math.floor(this.o.random() * this.o.baseDelayMs), where, attempts)
      heldUntil = until
    }
  }

  /** Sleeps `ms`, cut short by the run's deadline (which then fails the request). */
  private async pause(ms: number, where: string, attempts: number): Promise<void> {
    try {
      await this.o.sleep(ms, this.o.deadline)
    } catch {
      this.checkDeadline(where, attempts)
    }
  }

  private checkDeadline(where: string, attempts: number): void {
    if (this.o.deadline?.aborted) {
      throw new HttpError(`${where}: stopped, the run's time budget (timeout-minutes) is spent`, 'deadline', attempts)
    }
  }

  private once(req: HttpRequest, url: URL, headers: Record<string, string>, attempt: number): Promise<HttpResponse> {
    const where = `${req.service} (${req.method} ${url.origin}${url.pathname})`
    return new Promise((resolve, reject) => {
      const body =
        req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8')
      const h: Record<string, string> = { 'user-agent': 'cloud-carbon-report/1', ...headers }
      if (body !== undefined) h['content-length'] = String(body.length)
      const lib = url.protocol === 'http:' ? http : https
      let settled = false
      const done = (fn: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        this.o.deadline?.removeEventListener('abort', onDeadline)
        fn()
      }
      const r = lib.request(url, { method: req.method, headers: h, agent: this.agentFor(url) }, (res) => {
        // A large body of declared length is copied into one buffer as it arrives (no list of chunks to join at
        // the end); the buffer is its own, so a page decoder on another thread can take it without a copy.
        const declared = Number(res.headers['content-length'])
        let whole: Buffer | null =
          Number.isSafeInteger(declared) && declared >= WHOLE_BODY_BYTES && declared <= MAX_WHOLE_BODY_BYTES
            ? Buffer.allocUnsafeSlow(declared)
            : null
        let got = 0
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => {
          if (whole !== null && got + c.length <= whole.length) {
            c.copy(whole, got)
            got += c.length
            return
          }
          // More than declared (the parser should not let that happen): the plain way from here.
          if (whole !== null) chunks.push(whole.subarray(0, got))
          whole = null
          chunks.push(c)
        })
        res.on('error', (e) =>
          done(() => reject(new HttpError(`${where}: the response was cut off (${e.message})`, 'network', attempt)))
        )
        res.on('aborted', () =>
          done(() => reject(new HttpError(`${where}: the response was cut off`, 'network', attempt)))
        )
        res.on('end', () => {
          if (!res.complete) {
            done(() => reject(new HttpError(`${where}: the response was cut off`, 'network', attempt)))
            return
          }
          const buf =
            whole !== null && got === whole.length
              ? whole
              : Buffer.concat(whole !== null ? [whole.subarray(0, got)] : chunks)
          done(() => resolve(response(res.statusCode ?? 0, res.headers, buf, attempt)))
        })
      })
      const timer = setTimeout(() => {
        r.destroy()
        done(() =>
          reject(
            new HttpError(
              `${where}: no answer within ${Math.round(this.o.attemptTimeoutMs / 1000)} s`,
              'timeout',
              attempt
            )
          )
        )
      }, this.o.attemptTimeoutMs)
      const onDeadline = (): void => {
        r.destroy()
        done(() =>
          reject(
            new HttpError(`${where}: stopped, the run's time budget (timeout-minutes) is spent`, 'deadline', attempt)
          )
        )
      }
      this.o.deadline?.addEventListener('abort', onDeadline, { once: true })
      r.on('error', (e: NodeJS.ErrnoException) =>
        done(() => reject(new HttpError(`${where}: ${networkMessage(e)}`, 'network', attempt)))
      )
      if (body !== undefined) r.end(body)
      else r.end()
    })
  }
}

function networkMessage(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the endpoint right?)'
    case 'ECONNRESET':
      return 'the connection was reset'
    case 'ENOTFOUND':
      return 'the host name does not resolve'
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `the server's TLS certificate is not trusted (${e.code}); add its CA with NODE_EXTRA_CA_CERTS`
    default:
      return e.code ? `${e.message} (${e.code})` : e.message
  }
}

/** A response whose text is made when first read. */
function response(status: number, headers: http.IncomingHttpHeaders, body: Buffer, attempts: number): HttpResponse {
  let text: string | undefined
  return {
    status,
    headers,
    body,
    get text(): string {
      return (text ??= bodyText(body))
    },
    attempts
  }
}
