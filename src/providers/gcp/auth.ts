/**
 * Signing in to Google Cloud without a stored key, with the plain HTTPS calls google-github-actions/auth makes:
 *
 *   gcp-workload-identity-provider set:  GitHub OIDC token (gcp-audience) -> STS token exchange -> federated
 *     token -> with gcp-service-account, IAM Credentials generateAccessToken -> the service account's token.
 *   empty: the GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth leaves it):
 *     `external_account`: the subject token from `credential_source` (url + headers + format, or file), the
 *       same exchange at `token_url`, then `service_account_impersonation_url` (or gcp-service-account);
 *     `service_account`: an RS256 JWT signed with the key, exchanged at `token_uri` (jwt-bearer grant).
 *
 * Every token is handed to `registerSecret` the moment it exists; every refusal says what to change.
 */
import { createSign } from 'node:crypto'
import * as fs from 'node:fs'
import type { HttpClient, HttpResponse } from '../../http.js'
import type { GcpSettings } from './settings.js'
import { httpsProblem } from './settings.js'

export const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform'
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token'
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt'
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'

export interface GcpAuthDeps {
  http: HttpClient
  env: Record<string, string | undefined>
  /** A GitHub OIDC token for an audience (e.g. src/auth/github-oidc.ts getIdToken bound to the run). */
  idToken: (audience: string) => Promise<string>
  registerSecret: (value: string) => void
  readFile?: (path: string) => string
  now?: () => number
}

export interface GcpToken {
  accessToken: string
  /** ms since the epoch. */
  expiresAt: number
  /** Who the token stands for, for messages ("service account x@y", "the federated identity of PROVIDER"). */
  identity: string
}

/** A sign-in failure with the step that failed and what to change. */
export class GcpAuthError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GcpAuthError'
  }
}

const parse = (res: HttpResponse): Record<string, unknown> => {
  try {
    const v = JSON.parse(res.text) as unknown
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

/** The pool member a repository's workflows are, for the fix of a refused impersonation. */
function principalSetHint(provider: string): string {
  const m = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([^/]+)\//.exec(provider)
  return m
    ? `principalSet://iam.googleapis.com/projects/${m[1]}/locations/global/workloadIdentityPools/${m[2]}/attribute.repository/ORG/REPO`
    : 'principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.repository/ORG/REPO'
}

/** Google STS token exchange: a subject token (GitHub's JWT) for a federated access token. */
export async function exchangeToken(
  deps: GcpAuthDeps,
  o: { url: string; audience: string; subjectToken: string; subjectTokenType?: string; provider: string }
): Promise<GcpToken> {
  const now = deps.now ?? Date.now
  const res = await deps.http.request({
    service: 'Google STS',
    method: 'POST',
    url: o.url,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    // A 2xx whose body is not JSON (a proxy's page, a cut body) is no answer: the HTTP layer asks again.
    expectJson: true,
    body: JSON.stringify({
      audience: o.audience,
      grantType: TOKEN_EXCHANGE,
      requestedTokenType: ACCESS_TOKEN_TYPE,
      scope: CLOUD_PLATFORM,
      subjectTokenType: o.subjectTokenType ?? JWT_TOKEN_TYPE,
      subjectToken: o.subjectToken
    })
  })
  const body = parse(res)
  if (res.status !== 200 || !str(body.access_token)) throw explainStsError(res.status, body, o.provider)
  const token = str(body.access_token)
  deps.registerSecret(token)
  return {
    accessToken: token,
    expiresAt: now() + Number(body.expires_in ?? 3600) * 1000,
    identity: `the federated identity of ${o.provider}`
  }
}

export function explainStsError(status: number, body: Record<string, unknown>, provider: string): GcpAuthError {
  const error = str(body.error)
  const description = str(body.error_description)
  const said = `Google STS refused the GitHub OIDC token (HTTP ${status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''})`
  let fix = `Check gcp-workload-identity-provider (${provider}) and the provider's settings.`
  if (/attribute condition/i.test(description))
    fix = `The attribute condition of ${provider} rejects this workflow: make it admit this repository (e.g. assertion.repository == 'ORG/REPO'; mind the branch or environment it checks).`
  else if (/audience/i.test(description))
    fix = `The token's audience is not one ${provider} allows: leave gcp-audience empty (https://iam.googleapis.com/ + the provider name, the default of an OIDC provider) or set it to one of the provider's allowed audiences.`
  else if (error === 'invalid_target')
    fix = `The pool or provider does not exist or is disabled: check gcp-workload-identity-provider (projects/NUMBER with the project number, the pool and provider ids).`
  else if (/expired/i.test(description)) fix = 'The GitHub token expired before it was used: rerun the job.'
  return new GcpAuthError(`${said}. ${fix}`)
}

/** IAM Credentials generateAccessToken: the service account's token, for a caller allowed to impersonate it. */
export async function impersonate(
  deps: GcpAuthDeps,
  /** provider: the workload identity provider of the source token ('' when it is a service account key's). */
  o: { url: string; serviceAccount: string; source: GcpToken; provider: string }
): Promise<GcpToken> {
  const res = await deps.http.request({
    service: 'IAM Credentials API',
    method: 'POST',
    url: o.url,
    expectJson: true,
    headers: {
      authorization: `Bearer ${o.source.accessToken}`,
      'content-type': 'application/json',
      accept: 'application/json'
    },
    body: JSON.stringify({ scope: [CLOUD_PLATFORM], lifetime: '3600s' })
  })
  const body = parse(res)
  const token = str(body.accessToken)
  if (res.status === 200 && token) {
    deps.registerSecret(token)
    const expires = Date.parse(str(body.expireTime))
    return {
      accessToken: token,
      expiresAt: Number.isNaN(expires) ? (deps.now ?? Date.now)() + 3_600_000 : expires,
      identity: `service account ${o.serviceAccount}`
    }
  }
  const message = str((body.error as Record<string, unknown> | undefined)?.message)
  const said = `IAM Credentials refused to issue a token for ${o.serviceAccount} to ${o.source.identity} (HTTP ${res.status}${message ? `: ${message}` : ''})`
  const fix =
    res.status === 403 && o.provider === ''
      ? // A service account (from a key file) impersonating another: that needs the token creator role.
        `Grant roles/iam.serviceAccountTokenCreator on ${o.serviceAccount} to ${o.source.identity.replace(/^service account /, 'serviceAccount:')}, and check the e-mail in gcp-service-account.`
      : res.status === 403
        ? `Grant roles/iam.workloadIdentityUser on ${o.serviceAccount} to ${principalSetHint(o.provider)} (gcloud iam service-accounts add-iam-policy-binding ${o.serviceAccount} --role=roles/iam.workloadIdentityUser --member=...), and check the e-mail in gcp-service-account; or leave gcp-service-account empty to query as the federated identity.`
        : res.status === 401
          ? 'The federated token was not accepted: check the pool provider and rerun.'
          : 'Check gcp-service-account.'
  throw new GcpAuthError(`${said}. ${fix}`)
}

/** Base64url of a JSON value. */
const b64json = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url')

/** The RS256 JWT a service account key signs for the OAuth token endpoint (jwt-bearer grant). */
export function serviceAccountAssertion(
  key: { client_email: string; private_key: string; private_key_id?: string },
  audience: string,
  nowMs: number
): string {
  const iat = Math.floor(nowMs / 1000)
  const head = b64json({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) })
  const claims = b64json({ iss: key.client_email, scope: CLOUD_PLATFORM, aud: audience, iat, exp: iat + 3600 })
  const signer = createSign('RSA-SHA256')
  signer.update(`${head}.${claims}`)
  return `${head}.${claims}.${signer.sign(key.private_key).toString('base64url')}`
}

async function serviceAccountKeyToken(
  deps: GcpAuthDeps,
  key: Record<string, unknown>,
  settings: GcpSettings,
  file: string
): Promise<GcpToken> {
  const email = str(key.client_email)
  const privateKey = str(key.private_key)
  if (!email || !privateKey)
    throw new GcpAuthError(
      `The service account key ${file} has no client_email or private_key: download a new JSON key.`
    )
  deps.registerSecret(privateKey)
  const url = str(key.token_uri) || settings.endpoints.oauth2Token
  checkUrl(url, `token_uri of ${file}`)
  const now = (deps.now ?? Date.now)()
  const assertion = serviceAccountAssertion(
    { client_email: email, private_key: privateKey, private_key_id: str(key.private_key_id) || undefined },
    url,
    now
  )
  deps.registerSecret(assertion)
  const res = await deps.http.request({
    service: 'Google OAuth 2.0 token endpoint',
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString()
  })
  const body = parse(res)
  const token = str(body.access_token)
  if (res.status !== 200 || !token)
    throw new GcpAuthError(
      `The OAuth token endpoint refused the service account key of ${email} (HTTP ${res.status}${body.error ? ` ${str(body.error)}: ${str(body.error_description)}` : ''}). The key may be deleted or disabled: create a new one, or better, use workload identity federation (gcp-workload-identity-provider).`
    )
  deps.registerSecret(token)
  return {
    accessToken: token,
    expiresAt: now + Number(body.expires_in ?? 3600) * 1000,
    identity: `service account ${email}`
  }
}

function checkUrl(url: string, what: string): void {
  const why = httpsProblem(url)
  if (why !== null) throw new GcpAuthError(`The ${what} ${why}: tokens are only sent over HTTPS.`)
}

/** The subject token an external_account file's credential_source names (url with headers, or file). */
async function subjectToken(deps: GcpAuthDeps, source: Record<string, unknown>, file: string): Promise<string> {
  const format = (source.format ?? {}) as Record<string, unknown>
  let text: string
  if (typeof source.url === 'string') {
    checkUrl(source.url, `credential_source.url of ${file}`)
    const headers: Record<string, string> = { accept: 'application/json' }
    for (const [k, v] of Object.entries((source.headers ?? {}) as Record<string, unknown>)) {
      if (typeof v !== 'string') continue
      headers[k] = v
      deps.registerSecret(v.replace(/^Bearer\s+/i, ''))
    }
    const res = await deps.http.request({
      service: 'GitHub OIDC token endpoint',
      method: 'GET',
      url: source.url,
      headers
    })
    if (res.status !== 200)
      throw new GcpAuthError(
        `The subject token URL of ${file} answered HTTP ${res.status}. The file holds the job's OIDC request token: write it in the same job (google-github-actions/auth with 'permissions: id-token: write').`
      )
    text = res.text
  } else if (typeof source.file === 'string') {
    text = (deps.readFile ?? ((p) => fs.readFileSync(p, 'utf8')))(source.file)
  } else {
    throw new GcpAuthError(
      `The credential_source of ${file} names neither a url nor a file: it is not a file this action can use.`
    )
  }
  let token = text.trim()
  if (format.type === 'json') {
    const field = str(format.subject_token_field_name) || 'value'
    try {
      token = str((JSON.parse(text) as Record<string, unknown>)[field])
    } catch {
      token = ''
    }
  }
  if (!token) throw new GcpAuthError(`No subject token came from the credential_source of ${file}.`)
  deps.registerSecret(token)
  return token
}

async function externalAccountToken(
  deps: GcpAuthDeps,
  cfg: Record<string, unknown>,
  settings: GcpSettings,
  file: string
): Promise<GcpToken> {
  const audience = str(cfg.audience)
  const provider = audience.replace(/^\/\/iam\.googleapis\.com\//, '')
  const tokenUrl = str(cfg.token_url) || `${settings.endpoints.sts}/v1/token`
  checkUrl(tokenUrl, `token_url of ${file}`)
  if (!audience) throw new GcpAuthError(`The external_account file ${file} has no audience.`)
  const subject = await subjectToken(deps, (cfg.credential_source ?? {}) as Record<string, unknown>, file)
  const federated = await exchangeToken(deps, {
    url: tokenUrl,
    audience,
    subjectToken: subject,
    subjectTokenType: str(cfg.subject_token_type) || JWT_TOKEN_TYPE,
    provider
  })
  if (settings.serviceAccount)
    return impersonate(deps, impersonation(settings, settings.serviceAccount, federated, provider))
  const url = str(cfg.service_account_impersonation_url)
  if (!url) return federated
  checkUrl(url, `service_account_impersonation_url of ${file}`)
  const email = decodeURIComponent(
    /serviceAccounts\/([^/:]+):generateAccessToken/.exec(url)?.[1] ?? 'the service account'
  )
  return impersonate(deps, { url, serviceAccount: email, source: federated, provider })
}

function impersonation(settings: GcpSettings, serviceAccount: string, source: GcpToken, provider: string) {
  return {
    url: `${settings.endpoints.iamcredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateAccessToken`,
    serviceAccount,
    source,
    provider
  }
}

/** The access token BigQuery is called with. */
export async function signIn(settings: GcpSettings, deps: GcpAuthDeps): Promise<GcpToken> {
  const provider = settings.workloadIdentityProvider
  if (provider !== '') {
    const subject = await deps.idToken(settings.audience)
    const federated = await exchangeToken(deps, {
      url: `${settings.endpoints.sts}/v1/token`,
      audience: `//iam.googleapis.com/${provider}`,
      subjectToken: subject,
      provider
    })
    if (!settings.serviceAccount) return federated
    return impersonate(deps, impersonation(settings, settings.serviceAccount, federated, provider))
  }
  const file = deps.env.GOOGLE_APPLICATION_CREDENTIALS ?? ''
  if (!file)
    throw new GcpAuthError(
      'No Google Cloud credentials: gcp-workload-identity-provider is empty and GOOGLE_APPLICATION_CREDENTIALS is not set. Give the provider, or run google-github-actions/auth before this step.'
    )
  let cfg: Record<string, unknown>
  try {
    cfg = JSON.parse((deps.readFile ?? ((p) => fs.readFileSync(p, 'utf8')))(file)) as Record<string, unknown>
  } catch (e) {
    throw new GcpAuthError(
      `The credentials file named by GOOGLE_APPLICATION_CREDENTIALS (${file}) could not be read as JSON (${(e as Error).message.split('\n')[0]}). Run google-github-actions/auth in this job before this step.`
    )
  }
  if (cfg.type === 'external_account') return externalAccountToken(deps, cfg, settings, file)
  if (cfg.type === 'service_account') {
    const token = await serviceAccountKeyToken(deps, cfg, settings, file)
    const email = str(cfg.client_email)
    if (!settings.serviceAccount || settings.serviceAccount === email) return token
    return impersonate(deps, impersonation(settings, settings.serviceAccount, token, ''))
  }
  throw new GcpAuthError(
    `The credentials file ${file} is of type ${JSON.stringify(cfg.type ?? null)}: this action reads external_account (workload identity federation, as google-github-actions/auth writes it) and service_account key files.`
  )
}
