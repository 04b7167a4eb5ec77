// A timed run's requests as the sandbox's recorder saw them (sandbox/kit.mjs `recorder`), turned into the file
// bench/minimal-client.mjs replays: each request as sent (method, URL, headers incl. signatures, body bytes),
// the status it got, and the requests it must wait for. The waits are derived from the recording alone:
//   - a page chain: requests with the same method, URL and body once their paging token is taken out (AWS
//     NextToken, Azure skipToken, OData $skip/$skiptoken) and the same credential run one after the other,
//     each after the previous one of its chain (the next page needs the previous answer's token);
//   - a sign-in: a request that carries a value from an earlier, small answer (the OIDC JWT in STS's or Entra's
//     form, the STS session token in the SigV4 headers, the Entra access token as Bearer, the metadata's
//     token endpoint as URL, the subscription ids of an ARM list page in a report's body) waits for that answer.
// The artifact upload and the GitHub API (the report's way out, not its data) are left out.
// A wait is kept only if the answer ended before the request started in the recorded run, so the replay never
// waits for more than the action did; it may wait for less (a lower bound by construction).

/** Where the report goes, not where its data comes from (the bench turns both off; a test may not). */
const OUTPUT_SERVICES = new Set(['artifact', 'github'])
const PAGING_FIELDS = ['NextToken', 'skipToken']
const PAGING_PARAMS = ['$skip', '$skiptoken']
/** Values shorter than this are too common to tie two requests together (dates, names, api versions). */
const MIN_HANDLE = 16
const SPLIT = /[\s"'<>&,;?{}[\]()\\]+/

const headerOf = (raw, name) => {
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1]
  return undefined
}

/** The request with its paging token taken out: pages of one query share it. */
function chainKey(r) {
  const url = new URL(r.url)
  for (const p of PAGING_PARAMS) url.searchParams.delete(p)
  let body = r.body.toString('utf8')
  if (body.startsWith('{')) {
    try {
      const o = JSON.parse(body)
      for (const f of PAGING_FIELDS) delete o[f]
      body = JSON.stringify(o)
    } catch {
      // not JSON after all: the body as it is
    }
  }
  // The credential: a SigV4 signature and date change per request, the key and scope do not.
  const auth = (headerOf(r.rawHeaders, 'authorization') ?? '').replace(/Signature=\w+/, '')
  return `${r.method} ${url.origin}${url.pathname}?${url.searchParams} ${auth} ${body}`
}

/** Every string of at least MIN_HANDLE characters in an answer (JSON values, XML texts). */
function handlesOf(response) {
  const text = response.toString('utf8')
  const out = new Set()
  const walk = (v) => {
    if (typeof v === 'string') {
      if (v.length >= MIN_HANDLE) out.add(v)
    } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x)
  }
  try {
    walk(JSON.parse(text))
  } catch {
    for (const m of text.matchAll(/>([^<]{16,})</g)) out.add(m[1].trim())
  }
  return out
}

/** The pieces of a request that may carry an earlier answer's value. */
function candidatesOf(r) {
  const url = new URL(r.url)
  const out = new Set([`${url.origin}${url.pathname}`])
  const texts = [decodeURIComponent(url.search), r.body.toString('utf8')]
  for (let i = 0; i < r.rawHeaders.length; i += 2) texts.push(r.rawHeaders[i + 1])
  for (const t of texts)
    for (const tok of t.split(SPLIT)) {
      if (tok.length < MIN_HANDLE) continue
      out.add(tok)
      const eq = tok.indexOf('=')
      if (eq >= 0) out.add(tok.slice(eq + 1))
      for (const part of tok.split(/[=/]/)) if (part.length >= MIN_HANDLE) out.add(part)
    }
  return out
}

/**
 * The replay file's content for a recorded run.
 * @param {Array<{service, method, url, rawHeaders, body: Buffer, start, end, status, response: Buffer|null}>} list
 */
export function replayPlan(list, { concurrency, latency }) {
  const reqs = list.filter((r) => !OUTPUT_SERVICES.has(r.service)).sort((a, b) => a.start - b.start)
  const deps = reqs.map(() => new Set())
  const lastOfChain = new Map()
  const byHandle = new Map()
  let chained = 0
  let signIn = 0
  reqs.forEach((r, i) => {
    const key = chainKey(r)
    const prev = lastOfChain.get(key)
    if (prev !== undefined && reqs[prev].end <= r.start) {
      deps[i].add(prev)
      chained++
    }
    lastOfChain.set(key, i)
    for (const c of candidatesOf(r))
      for (const p of byHandle.get(c) ?? [])
        if (reqs[p].end <= r.start && !deps[i].has(p)) {
          deps[i].add(p)
          signIn++
        }
    if (r.response) for (const h of handlesOf(r.response)) byHandle.set(h, [...(byHandle.get(h) ?? []), i])
  })
  // Recorded answers are needed only here: the file carries the requests.
  const requests = reqs.map((r, i) => {
    const headers = []
    for (let k = 0; k < r.rawHeaders.length; k += 2) {
      // Hop-by-hop headers belong to the connection, not the request: the client sets its own.
      if (/^(connection|keep-alive|content-length|transfer-encoding)$/i.test(r.rawHeaders[k])) continue
      headers.push([r.rawHeaders[k], r.rawHeaders[k + 1]])
    }
    return {
      service: r.service,
      method: r.method,
      url: r.url,
      headers,
      body: r.body.toString('base64'),
      status: r.status,
      deps: [...deps[i]]
    }
  })
  return { concurrency, latency, requests, waits: { chained, signIn } }
}
