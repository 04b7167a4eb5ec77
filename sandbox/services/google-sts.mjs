// Google's Security Token Service and OAuth 2.0 token endpoint, as google-github-actions/auth and the
// Google auth libraries call them:
//   POST /v1/token   (sts.googleapis.com) token exchange, JSON or form body: audience = //iam.googleapis.com/
//        <provider full name>, grantType = urn:ietf:params:oauth:grant-type:token-exchange, requestedTokenType =
//        urn:ietf:params:oauth:token-type:access_token, scope, subjectTokenType = ...:jwt (or :id_token),
//        subjectToken = the GitHub OIDC JWT  ->  { access_token, issued_token_type, token_type, expires_in }
//   POST /token      (oauth2.googleapis.com) grant_type = urn:ietf:params:oauth:grant-type:jwt-bearer, assertion =
//        an RS256 JWT signed with a service account key (iss = the account, aud = this endpoint)
// The subject token is verified with the sandbox's GitHub OIDC key; its `aud` must be one of the provider's
// allowed audiences (by default https://iam.googleapis.com/ + the provider's full name) and the provider's
// attribute condition must hold. Errors are OAuth's `{ error, error_description }` with Google's texts.
import { randomBytes, verify as rsaVerify } from 'node:crypto'
import { SandboxError } from '../kit.mjs'

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
const SUBJECT_TYPES = ['urn:ietf:params:oauth:token-type:jwt', 'urn:ietf:params:oauth:token-type:id_token']
export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform'
const PROVIDER_NAME = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([\w-]+)\/providers\/([\w-]+)$/

/**
 * The access tokens the sandbox's Google services hand out, and who each stands for (`members`: the IAM
 * member strings of the identity, e.g. `serviceAccount:x@p.iam.gserviceaccount.com` or a principalSet).
 */
export function createTokenStore({ now = Date.now } = {}) {
  const tokens = new Map()
  return {
    issue({ prefix = 'ya29.', members, lifetimeSeconds = 3600, kind }) {
      const token = `${prefix}${randomBytes(48).toString('base64url')}`
      tokens.set(token, { members, kind, expires: now() + lifetimeSeconds * 1000 })
      return token
    },
    /** The identity of a live token, or null. */
    lookup(token) {
      const t = token ? tokens.get(token) : undefined
      return t && t.expires > now() ? t : null
    },
    all: () => [...tokens.keys()]
  }
}

/**
 * @param {object} o
 * @param {{ verify(token: string, o: object): object }} o.oidc the GitHub OIDC emulator (its verifier)
 * @param {Array<{ name: string, condition?: (attrs: object) => boolean, allowedAudiences?: string[] }>} o.providers
 *   workload identity pool providers (full names); attributes: google.subject = sub, attribute.repository, ...
 * @param {ReturnType<typeof createTokenStore>} o.tokens
 * @param {Array<{ email: string, keyId: string, publicKey: import('node:crypto').KeyObject }>} [o.keys] service account keys
 * @param {() => number} [o.now]
 */
export function createGoogleSts(o) {
  const now = o.now ?? Date.now
  const oauthError = (status, error, description) => ({ status, body: { error, error_description: description } })
  const fail = (status, error, description) => new SandboxError(status, error, description)

  function params(req) {
    const type = String(req.headers['content-type'] ?? '')
    if (type.includes('application/json')) return req.json()
    return Object.fromEntries(req.form())
  }

  function exchange(req) {
    const p = params(req)
    for (const k of ['audience', 'grantType', 'requestedTokenType', 'subjectToken', 'subjectTokenType']) {
      if (typeof p[k] !== 'string' || p[k] === '')
        throw fail(400, 'invalid_request', `Invalid value for "${k}". This field is required.`)
    }
    if (p.grantType !== TOKEN_EXCHANGE)
      throw fail(400, 'unsupported_grant_type', `Unsupported grant type "${p.grantType}".`)
    if (p.requestedTokenType !== ACCESS_TOKEN_TYPE)
      throw fail(400, 'invalid_request', `Invalid value for "requested_token_type": ${p.requestedTokenType}.`)
    if (!SUBJECT_TYPES.includes(p.subjectTokenType))
      throw fail(400, 'invalid_request', `Invalid value for "subject_token_type": ${p.subjectTokenType}.`)
    const m = /^\/\/iam\.googleapis\.com\/(.*)$/.exec(p.audience)
    if (!m || !PROVIDER_NAME.test(m[1]))
      throw fail(
        400,
        'invalid_request',
        'Invalid value for "audience". This value should be the full resource name of the Identity Provider. See https://cloud.google.com/iam/docs/reference/sts/rest/v1/TopLevel/token for the list of possible formats.'
      )
    const provider = o.providers.find((x) => x.name === m[1])
    if (!provider)
      throw fail(
        400,
        'invalid_target',
        'The target service indicated by the "audience" parameters is invalid. This might either be because the pool or provider is disabled or deleted or because it doesn\'t exist.'
      )
    let claims
    try {
      claims = o.oidc.verify(p.subjectToken, {})
    } catch (e) {
      if (e.reason === 'expired') throw fail(400, 'invalid_grant', 'The ID Token has expired.')
      throw fail(400, 'invalid_grant', "Invalid ID Token: the signature could not be verified with the issuer's keys.")
    }
    const audiences = provider.allowedAudiences ?? [`https://iam.googleapis.com/${provider.name}`]
    const aud = [].concat(claims.aud)
    if (!aud.some((a) => audiences.includes(a)))
      throw fail(
        400,
        'invalid_grant',
        `The audience in ID Token [${aud.join(', ')}] does not match the expected audience ${audiences.join(', ')}.`
      )
    if (provider.condition && !provider.condition(claims))
      throw fail(400, 'invalid_grant', 'The given credential is rejected by the attribute condition.')
    const [, number, pool] = PROVIDER_NAME.exec(provider.name)
    const base = `iam.googleapis.com/projects/${number}/locations/global/workloadIdentityPools/${pool}`
    const members = [
      `principal://${base}/subject/${claims.sub}`,
      `principalSet://${base}/attribute.repository/${claims.repository}`,
      `principalSet://${base}/attribute.repository_owner/${claims.repository_owner}`,
      `principalSet://${base}/*`
    ]
    const expiresIn = 3599
    const token = o.tokens.issue({ prefix: 'ya29.d.', members, lifetimeSeconds: expiresIn, kind: 'federated' })
    return {
      status: 200,
      body: { access_token: token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', expires_in: expiresIn }
    }
  }

  function jwtBearer(req) {
    const form = req.form()
    if (form.get('grant_type') !== JWT_BEARER) throw fail(400, 'unsupported_grant_type', 'Invalid grant_type: ')
    const jwt = form.get('assertion') ?? ''
    const parts = jwt.split('.')
    let head
    let claims
    try {
      head = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    } catch {
      throw fail(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.'
      )
    }
    const key = (o.keys ?? []).find((k) => k.email === claims.iss && k.keyId === head.kid)
    if (!key) throw fail(400, 'invalid_grant', 'Invalid grant: account not found')
    if (
      parts.length !== 3 ||
      head.alg !== 'RS256' ||
      !rsaVerify(
        'RSA-SHA256',
        Buffer.from(`${parts[0]}.${parts[1]}`),
        key.publicKey,
        Buffer.from(parts[2], 'base64url')
      )
    )
      throw fail(400, 'invalid_grant', 'Invalid JWT Signature.')
    const t = Math.floor(now() / 1000)
    if (
      typeof claims.iat !== 'number' ||
      typeof claims.exp !== 'number' ||
      claims.exp <= t ||
      claims.iat > t + 60 ||
      claims.exp - claims.iat > 3600
    )
      throw fail(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.'
      )
    if (claims.aud !== `https://${req.headers.host}/token` && claims.aud !== 'https://oauth2.googleapis.com/token')
      throw fail(400, 'invalid_grant', 'Invalid JWT: Failed audience check.')
    if (
      !String(claims.scope ?? '')
        .split(' ')
        .includes(CLOUD_PLATFORM)
    )
      throw fail(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.')
    const token = o.tokens.issue({ members: [`serviceAccount:${key.email}`], kind: 'service-account' })
    return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } }
  }

  return {
    // Injected faults carry HTTP-ish codes ('Forbidden'): they answer with the OAuth error of their status.
    errorResponse: (status, code, message) =>
      oauthError(
        status,
        /^[a-z_]+$/.test(code)
          ? code
          : status >= 500
            ? 'server_error'
            : status === 429
              ? 'rate_limit_exceeded'
              : status === 403
                ? 'access_denied'
                : 'invalid_request',
        message
      ),
    handle(req) {
      if (req.method === 'POST' && req.path === '/v1/token') return exchange(req)
      if (req.method === 'POST' && req.path === '/token') return jwtBearer(req)
      return { status: 404, body: 'Not Found' }
    }
  }
}
