/** Azure Resource Manager for Carbon Optimization: bearer-authorised calls, and the subscription list. */
import type { HttpClient } from '../../http.js'
import type { EntraAuth } from '../../auth/entra.js'
import { CallError, readErrorBody } from '../kit/errors.js'
import { followPages } from '../kit/paging.js'
import { explainArmError } from './errors.js'
import { normalizeSubscriptionId } from './parse.js'
import { CARBON_API_VERSION, SUBSCRIPTIONS_API_VERSION } from './queries.js'

export interface Subscription {
  id: string
  name: string | null
}

export const REPORTS_PATH = '/providers/Microsoft.Carbon/carbonEmissionReports'
export const RANGE_PATH = '/providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange'

/** Calls ARM with a fresh bearer each time (the credential caches it and renews it before it expires). */
export class Arm {
  constructor(
    private readonly http: HttpClient,
    private readonly auth: EntraAuth,
    readonly endpoint: string
  ) {}

  private get scope(): string {
    return `${this.endpoint}/.default`
  }

  /** `decode`: turns a 2xx body into the result instead of JSON.parse (a page read as it comes). */
  async request(
    method: 'GET' | 'POST',
    url: string,
    body: string | undefined,
    what: string,
    decode?: (body: Buffer) => Promise<unknown>
  ): Promise<unknown> {
    const token = await this.auth.token(this.scope, 'Azure Resource Manager')
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' }
    if (body !== undefined && body !== '') headers['content-type'] = 'application/json'
    const res = await this.http.request({
      service: 'Azure Resource Manager',
      method,
      url,
      headers,
      body,
      expectJson: true,
      decode
    })
    if (res.status < 200 || res.status >= 300) {
      const err = readErrorBody(res)
      throw new CallError(res.status, err, explainArmError(err, what, this.endpoint))
    }
    return res.json
  }

  post(
    path: string,
    body: Record<string, unknown> | null,
    what: string,
    decode?: (body: Buffer) => Promise<unknown>
  ): Promise<unknown> {
    // The available-date-range call has no body: an empty one with Content-Length 0, as ARM wants for a POST.
    return this.request(
      'POST',
      `${this.endpoint}${path}?api-version=${CARBON_API_VERSION}`,
      body === null ? '' : JSON.stringify(body),
      what,
      decode
    )
  }

  /** Every subscription the identity can list (`nextLink` followed, on the ARM host only). */
  async listSubscriptions(): Promise<Subscription[]> {
    const out = new Map<string, Subscription>()
    const origin = new URL(this.endpoint).origin
    const first = `${this.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`
    try {
      await followPages({
        cursorName: 'nextLink',
        first,
        fetch: async (url) => {
          const json = (await this.request('GET', url ?? first, undefined, 'the subscription list')) as
            { value?: unknown; nextLink?: unknown } | undefined
          if (!json || !Array.isArray(json.value)) throw new Error('the subscription list has no value list')
          for (const s of json.value as { subscriptionId?: unknown; id?: unknown; displayName?: unknown }[]) {
            const raw =
              typeof s?.subscriptionId === 'string'
                ? s.subscriptionId
                : typeof s?.id === 'string'
                  ? s.id.split('/').pop()
                  : undefined
            if (!raw) continue
            const id = normalizeSubscriptionId(raw)
            if (!out.has(id))
              out.set(id, {
                id,
                name: typeof s.displayName === 'string' && s.displayName !== '' ? s.displayName : null
              })
          }
          return typeof json.nextLink === 'string' ? json.nextLink : null
        },
        check: (next) => {
          const url = new URL(next, this.endpoint)
          if (url.origin !== origin)
            throw new Error(`the nextLink leaves ${origin}; not followed (the token is only sent to ARM)`)
          return url.toString()
        }
      })
    } catch (e) {
      // The list is needed whole (a subscription left out would silently be missing from the report).
      const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e
      throw cause instanceof CallError ? cause : new Error(`the subscription list: ${(cause as Error).message}`)
    }
    return [...out.values()]
  }
}
