/** The MCFS API: GETs with both credentials (API key and Entra token), and OData collections followed to the end. */
import type { EntraAuth } from '../../auth/entra.js'
import type { HttpClient } from '../../http.js'
import { CallError, readErrorBody } from '../kit/errors.js'
import { followPages, PagingStopped } from '../kit/paging.js'
import { explainMcfsError, type ErrorContext } from './errors.js'
import type { ODataPage } from './parse.js'
import { MCFS_SCOPE, SERVICE } from './queries.js'
import { readODataPage } from './scan.js'

/** A collection to read: where it starts, what it is (for messages), and where its rows and gaps go. */
export interface ODataCollection {
  firstUrl: string
  what: string
  /** The data set, for the permission hint ("enrollment 12345678"). */
  dataSet: string
  onRows(rows: Record<string, unknown>[]): void
  incomplete(what: string, cause: unknown): void
}

export class McfsApi {
  readonly origin: string
  constructor(
    private readonly http: HttpClient,
    private readonly auth: EntraAuth,
    private readonly apiKey: string,
    private readonly errorContext: Omit<ErrorContext, 'dataSet'>
  ) {
    this.origin = new URL(errorContext.endpoint).origin
  }

  /** The bearer token: entraAuth reuses it until shortly before it expires (one GitHub OIDC token per sign-in). */
  token(): Promise<string> {
    return this.auth.token(MCFS_SCOPE, SERVICE)
  }

  /** One page of a collection (GET with both credentials), or a CallError that explains the failure. */
  async page(url: string, dataSet: string): Promise<ODataPage> {
    const token = await this.token()
    const res = await this.http.request({
      service: SERVICE,
      method: 'GET',
      url,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        'ocp-apim-subscription-key': this.apiKey
      },
      expectJson: true,
      decode: async (body) => readODataPage(body)
    })
    if (res.status < 200 || res.status >= 300) {
      const err = readErrorBody(res)
      throw new CallError(res.status, err, explainMcfsError(err, { ...this.errorContext, dataSet }))
    }
    return res.json as ODataPage
  }

  /**
   * Every row of a collection: each `@odata.nextLink` followed to the end. `onRows` takes each page. A failure
   * before any row rejects; a later one (or a loop) is reported through `incomplete` and ends the sequence with
   * what came.
   */
  async readAll({ firstUrl, what, dataSet, onRows, incomplete }: ODataCollection): Promise<{ complete: boolean }> {
    let rows = 0
    let expected: number | null = null
    try {
      // Links are compared in their parsed form: the same URL may be spelt with or without percent-encoding.
      const first = new URL(firstUrl).href
      await followPages({
        cursorName: '@odata.nextLink',
        first,
        fetch: async (url, page) => {
          const p = await this.page(url ?? first, dataSet)
          if (page === 1) expected = p.count
          onRows(p.rows)
          rows += p.rows.length
          return p.nextLink
        },
        check: (next, page) => {
          let url: URL
          try {
            url = new URL(next, firstUrl)
          } catch {
            throw new Error(`the @odata.nextLink of page ${page} is not a URL; stopped paging`)
          }
          if (url.origin !== this.origin)
            throw new Error(
              `the @odata.nextLink of page ${page} leaves ${this.origin}; not followed (the API key and token are only sent to mcfs-endpoint)`
            )
          return url.href
        }
      })
    } catch (e) {
      if (!(e instanceof PagingStopped) || e.page === 1) throw e instanceof PagingStopped ? e.cause : e
      incomplete(`${what} from page ${e.page} on (after ${rows} rows)`, e.cause)
      return { complete: false }
    }
    if (expected !== null && expected !== rows) {
      incomplete(what, `the API counted ${expected} rows (@odata.count) but served ${rows} over its pages`)
      return { complete: false }
    }
    return { complete: true }
  }
}
