// Microsoft Entra ID (the v2.0 endpoints), as MSAL node calls them for a confidential client with a client
// assertion, instance discovery off and a custom authority host:
//   GET  /{tenant}/v2.0/.well-known/openid-configuration
//   GET  /{tenant}/discovery/v2.0/keys
//   POST /{tenant}/oauth2/v2.0/token   grant_type=client_credentials, client_id, scope=<resource>/.default,
//        client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer, client_assertion=<GitHub OIDC JWT>
//   GET  /common/discovery/instance     (MSAL's instance discovery: answered, but counted, since it must not be called)
// The assertion is checked with the GitHub OIDC service's verifier against the app's federated credentials;
// failures answer in Entra's own error form (AADSTS codes). Access tokens are RS256 JWTs signed by a sandbox
// key; `verifyAccessToken` lets the resource services (ARM, MCFS) check `Authorization: Bearer`.
import { createHash, generateKeyPairSync, randomUUID, sign as rsaSign, verify as rsaVerify } from 'node:crypto'

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
export const DEFAULT_AUDIENCE = 'api://AzureADTokenExchange'
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

const b64url = (buf) => Buffer.from(buf).toString('base64url')
const b64json = (o) => b64url(JSON.stringify(o))

/** An RS256 signing key with its JWKS entry. */
export function createSigningKey(kid = 'sandbox-entra-key') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = publicKey.export({ format: 'jwk' })
  return { kid, privateKey, publicKey, jwk: { kty: 'RSA', use: 'sig', kid, x5t: kid, n: jwk.n, e: jwk.e } }
}

export function signJwt(key, claims) {
  const head = b64json({ typ: 'JWT', alg: 'RS256', kid: key.kid, x5t: key.kid })
  const body = b64json(claims)
  const sig = rsaSign('RSA-SHA256', Buffer.from(`${head}.${body}`), key.privateKey)
  return `${head}.${body}.${b64url(sig)}`
}

/** Checks an RS256 JWT's signature and times. Returns the claims, or throws an Error with a `reason`. */
export function verifyJwt(key, token, { audiences, now = Date.now(), leewaySeconds = 60 } = {}) {
  const fail = (reason, message) => Object.assign(new Error(message), { reason })
  if (typeof token !== 'string') throw fail('malformed', 'no token')
  const parts = token.split('.')
  if (parts.length !== 3) throw fail('malformed', 'not a JWT')
  let header
  let claims
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'))
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    throw fail('malformed', 'not a JWT')
  }
  if (header.alg !== 'RS256' || header.kid !== key.kid) throw fail('signature', `unknown signing key ${header.kid}`)
  if (
    !rsaVerify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key.publicKey, Buffer.from(parts[2], 'base64url'))
  ) {
    throw fail('signature', 'the signature does not verify')
  }
  const t = Math.floor(now / 1000)
  if (typeof claims.exp !== 'number' || claims.exp + leewaySeconds < t)
    throw fail('expired', `the token expired at ${new Date((claims.exp ?? 0) * 1000).toISOString()}`)
  if (typeof claims.nbf === 'number' && claims.nbf - leewaySeconds > t)
    throw fail('not-yet-valid', 'the token is not valid yet')
  if (audiences && !audiences.includes(claims.aud))
    throw fail('audience', `the token's audience '${claims.aud}' is not one of ${audiences.join(', ')}`)
  return claims
}

/** `https://management.azure.com/.default` -> `https://management.azure.com`; a GUID app id stays as it is. */
export function resourceOfScope(scope) {
  const first = String(scope ?? '')
    .split(/\s+/)
    .find((s) => s.endsWith('/.default'))
  return first ? first.slice(0, -'/.default'.length) : null
}

const timestamp = (d = new Date()) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z')

/**
 * The Entra emulator's state and request handling, independent of the transport.
 * @param {object} o
 * @param {Array<{tenantId: string, domain?: string, apps: Array<{clientId: string, objectId?: string, displayName?: string,
 *   federated: Array<{subject: string, issuer?: string, audience?: string}>, roles?: Record<string, string[]>}>}>} o.tenants
 * @param {(token: string, opts: {audience: string}) => Promise<object>|object} o.verifyAssertion  GitHub OIDC verifier:
 *   returns the claims or throws an Error whose `reason` is 'expired', 'audience', 'signature' or 'malformed'.
 * @param {string[]} [o.resources] resources tokens may be issued for (default: any `<resource>/.default`)
 * @param {number} [o.expiresIn] access token lifetime, seconds
 */
export function createEntra(o) {
  const key = createSigningKey()
  const tenants = new Map()
  for (const t of o.tenants ?? []) {
    const entry = {
      ...t,
      apps: new Map((t.apps ?? []).map((a) => [a.clientId.toLowerCase(), { objectId: randomFromId(a.clientId), ...a }]))
    }
    tenants.set(t.tenantId.toLowerCase(), entry)
    if (t.domain) tenants.set(t.domain.toLowerCase(), entry)
  }
  const counters = { instanceDiscovery: 0, openid: 0, tokens: 0, errors: 0 }
  const issued = []

  const findTenant = (name) => tenants.get(String(name).toLowerCase()) ?? null

  function aadError(status, error, code, message, correlationId) {
    counters.errors++
    const trace = randomUUID()
    const corr = correlationId || randomUUID()
    const ts = timestamp()
    return {
      status,
      body: {
        error,
        error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${trace}\r\nCorrelation ID: ${corr}\r\nTimestamp: ${ts}`,
        error_codes: [code],
        timestamp: ts,
        trace_id: trace,
        correlation_id: corr,
        error_uri: `https://login.microsoftonline.com/error?code=${code}`
      }
    }
  }

  function openidConfiguration(origin, tenantName) {
    counters.openid++
    const tenant = findTenant(tenantName)
    if (!tenant) {
      return aadError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
      )
    }
    const base = `${origin}/${tenant.tenantId}`
    return {
      status: 200,
      body: {
        token_endpoint: `${base}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${origin}/${tenant.tenantId}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: `${origin}/oidc/userinfo`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'oid'],
        kerberos_endpoint: `${base}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: new URL(origin).host,
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net'
      }
    }
  }

  function instanceDiscovery(origin) {
    counters.instanceDiscovery++
    const host = new URL(origin).host
    return {
      status: 200,
      body: {
        tenant_discovery_endpoint: `${origin}/{tenantid}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }]
      }
    }
  }

  /** POST /{tenant}/oauth2/v2.0/token with a form body (MSAL puts client-request-id in the query and the body). */
  async function token(origin, tenantName, form, { headers = {}, query = new URLSearchParams() } = {}) {
    const correlationId =
      form.get('client-request-id') || query.get('client-request-id') || headers['client-request-id'] || ''
    const tenant = findTenant(tenantName)
    if (!tenant) {
      return aadError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenantName}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        correlationId
      )
    }
    const grant = form.get('grant_type')
    if (grant !== 'client_credentials') {
      return aadError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grant ?? ''}'.`,
        correlationId
      )
    }
    const clientId = (form.get('client_id') ?? '').toLowerCase()
    const app = tenant.apps.get(clientId)
    if (!app) {
      return aadError(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory '${tenant.domain ?? tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
        correlationId
      )
    }
    if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE || !form.get('client_assertion')) {
      return aadError(
        401,
        'invalid_client',
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
        correlationId
      )
    }
    const resource = resourceOfScope(form.get('scope'))
    if (!resource) {
      return aadError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${form.get('scope') ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
        correlationId
      )
    }
    if (o.resources && !o.resources.includes(resource)) {
      return aadError(
        400,
        'invalid_resource',
        500011,
        `The resource principal named ${resource} was not found in the tenant named ${tenant.domain ?? tenant.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
        correlationId
      )
    }

    // The assertion: a GitHub OIDC token, checked by its issuer's verifier, then matched to a federated credential.
    const assertion = form.get('client_assertion')
    const audiences = [...new Set((app.federated ?? []).map((f) => f.audience ?? DEFAULT_AUDIENCE))]
    let claims
    try {
      claims = await o.verifyAssertion(assertion, { audience: audiences[0] ?? DEFAULT_AUDIENCE, audiences })
    } catch (e) {
      const unverified = peek(assertion)
      switch (e?.reason) {
        case 'expired':
          return aadError(
            400,
            'invalid_client',
            700024,
            `Client assertion is not within its valid time range. Current time: ${new Date().toISOString()}, expiry time of assertion ${new Date((unverified?.exp ?? 0) * 1000).toISOString()}. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials .`,
            correlationId
          )
        case 'audience':
          return aadError(
            400,
            'invalid_client',
            700212,
            `No matching federated identity record found for presented assertion audience '${[].concat(unverified?.aud ?? '').join(',')}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
            correlationId
          )
        default:
          return aadError(
            400,
            'invalid_client',
            50027,
            `JWT token is invalid or malformed (${e?.message ?? 'unverifiable'}).`,
            correlationId
          )
      }
    }
    const aud = [].concat(claims.aud ?? [])
    const match = (app.federated ?? []).find(
      (f) =>
        (f.issuer ?? GITHUB_ISSUER) === claims.iss &&
        f.subject === claims.sub &&
        aud.includes(f.audience ?? DEFAULT_AUDIENCE)
    )
    if (!match) {
      return aadError(
        400,
        'invalid_request',
        70021,
        `No matching federated identity record found for presented assertion. Assertion Issuer: '${claims.iss}'. Assertion Subject: '${claims.sub}'. Assertion Audience: '${aud.join(',')}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`,
        correlationId
      )
    }

    counters.tokens++
    const now = Math.floor(Date.now() / 1000)
    const expiresIn = o.expiresIn ?? 3599
    const access = {
      aud: resource,
      iss: `${origin}/${tenant.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + expiresIn,
      aio: b64url(createHash('sha256').update(`${clientId}${now}`).digest()).slice(0, 40),
      appid: app.clientId,
      azp: app.clientId,
      appidacr: '2',
      azpacr: '2',
      idp: `${origin}/${tenant.tenantId}/`,
      idtyp: 'app',
      oid: app.objectId,
      sub: app.objectId,
      tid: tenant.tenantId,
      uti: randomUUID().replace(/-/g, '').slice(0, 22),
      ver: '2.0',
      ...(app.roles?.[resource]?.length ? { roles: app.roles[resource] } : {})
    }
    const accessToken = signJwt(key, access)
    issued.push({
      clientId: app.clientId,
      tenantId: tenant.tenantId,
      resource,
      subject: claims.sub,
      token: accessToken
    })
    return {
      status: 200,
      body: { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: accessToken }
    }
  }

  return {
    key,
    jwks: () => ({ keys: [key.jwk] }),
    counters,
    issued,
    /** Every access token handed out (for leak scans). */
    get issuedTokens() {
      return issued.map((i) => i.token)
    },
    findTenant,
    openidConfiguration,
    instanceDiscovery,
    token,
    aadError,
    /** Checks a bearer token for a resource: returns its claims or throws an Error with a `reason`. */
    verifyAccessToken(tokenText, { audiences } = {}) {
      return verifyJwt(key, tokenText, { audiences, leewaySeconds: 0 })
    },
    /** Mints a token directly (tests of the resource services without a sign-in). */
    mintAccessToken(claims) {
      const now = Math.floor(Date.now() / 1000)
      return signJwt(key, { iat: now, nbf: now, exp: now + 3600, ver: '2.0', ...claims })
    }
  }
}

/** The claims of a JWT without checking it (for error messages only). */
function peek(token) {
  try {
    return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'))
  } catch {
    return null
  }
}

/** A stable object id for an app (so tokens of the same app have the same oid). */
function randomFromId(id) {
  const h = createHash('sha256').update(`oid:${id}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/**
 * The Entra emulator as a sandbox service (kit.serve): the OpenID configuration, the keys, the v2.0 token
 * endpoint and instance discovery, with Entra's own error bodies.
 */
export function entraService(entra) {
  return {
    errorResponse(status, code, message) {
      const r = entra.aadError(
        status,
        status === 429 ? 'temporarily_unavailable' : status >= 500 ? 'server_error' : 'invalid_request',
        status === 429 ? 50196 : status >= 500 ? 90033 : 90014,
        message
      )
      return r
    },
    async handle(req, ctx) {
      const parts = req.path.split('/').filter(Boolean)
      let out
      if (req.method === 'GET' && parts[0] === 'common' && parts[1] === 'discovery' && parts[2] === 'instance')
        out = entra.instanceDiscovery(ctx.origin)
      else if (
        req.method === 'GET' &&
        parts.length === 4 &&
        parts[1] === 'v2.0' &&
        parts[2] === '.well-known' &&
        parts[3] === 'openid-configuration'
      )
        out = entra.openidConfiguration(ctx.origin, parts[0])
      else if (req.method === 'GET' && parts.length === 4 && parts[1] === 'discovery' && parts[3] === 'keys')
        out = { status: 200, body: entra.jwks() }
      else if (
        req.method === 'POST' &&
        parts.length === 4 &&
        parts[1] === 'oauth2' &&
        parts[2] === 'v2.0' &&
        parts[3] === 'token'
      ) {
        out = await entra.token(ctx.origin, parts[0], req.form(), { headers: req.headers, query: req.query })
      } else
        out = {
          status: 404,
          body: {
            error: 'not_found',
            error_description: `AADSTS900561: The endpoint only accepts POST, OPTIONS requests. Received a ${req.method} request.`
          }
        }
      return { ...out, headers: { 'cache-control': 'no-store, no-cache', ...(out.headers ?? {}) } }
    }
  }
}
