/**
 * Microsoft Entra tokens for the Azure providers (Azure Carbon Optimization on ARM, and MCFS), written once.
 *
 * With `azure-client-id`: `ClientAssertionCredential` whose assertion is a fresh GitHub OIDC token for
 * `azure-audience` at every exchange (the GitHub token lives ~5 minutes). Without it: the environment's
 * credentials (`DefaultAzureCredential`: azure/login's CLI session, or AZURE_CLIENT_ID/AZURE_TENANT_ID/
 * AZURE_FEDERATED_TOKEN_FILE). A custom authority host turns instance discovery off, as MSAL requires.
 * MSAL's requests go through our HTTP layer (retries, proxy, deadline) by an adapter.
 */
import type { TokenCredential } from '@azure/identity'
import type { HttpClient as AzureHttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline'
import type { HttpClient } from '../http.js'
import type { Env } from '../inputs.js'
import type { EntraSettings } from './entra-inputs.js'
import { getIdToken } from './github-oidc.js'
import { registerSecret, scrub } from '../secrets.js'

const REUSE_MARGIN_MS = 5 * 60_000

type AzureModules = [typeof import('@azure/identity'), typeof import('@azure/core-rest-pipeline')]
let azureModules: Promise<AzureModules> | undefined
/**
 * The Azure SDK, loaded once for the run and only when a Microsoft provider signs in (an AWS-only run never
 * parses it). One shared load also keeps the azure and mcfs providers, which start together, from importing
 * the same modules twice at once.
 */
function loadAzureModules(): Promise<AzureModules> {
  azureModules ??= Promise.all([import('@azure/identity'), import('@azure/core-rest-pipeline')])
  return azureModules
}

/** An @azure/core-rest-pipeline HttpClient over our HTTP layer. */
export function pipelineClient(
  http: HttpClient,
  service: string,
  createHttpHeaders: AzureModules[1]['createHttpHeaders']
): AzureHttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const headers: Record<string, string> = {}
      for (const [k, v] of request.headers) headers[k] = v
      delete headers['content-length']
      const body =
        typeof request.body === 'string'
          ? request.body
          : request.body === undefined || request.body === null
            ? undefined
            : Buffer.isBuffer(request.body)
              ? request.body
              : undefined
      if (request.body !== undefined && request.body !== null && body === undefined) {
        throw new Error(`${service}: unsupported request body type`)
      }
      // Every Entra endpoint MSAL calls answers JSON: a 2xx that is not (a proxy's page, a cut body) is retried.
      const res = await http.request({
        service,
        method: request.method as 'GET',
        url: request.url,
        headers,
        body,
        expectJson: true
      })
      const outHeaders = createHttpHeaders()
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) outHeaders.set(k, Array.isArray(v) ? v.join(', ') : v)
      return { request, status: res.status, headers: outHeaders, bodyAsText: res.text }
    }
  }
}

export interface EntraAuth {
  /** A bearer token for a scope (`https://management.azure.com/.default`), masked. */
  token(scope: string, forWhat: string): Promise<string>
  /** How the run signs in, for messages. */
  describe: string
}

/** Turns an Entra/MSAL failure into a message that says which credential is wrong and what to check. */
export function explainEntraError(e: unknown, azure: EntraSettings, forWhat: string): Error {
  const raw = scrub((e as Error)?.message ?? String(e))
  const code = /AADSTS\d+/.exec(raw)?.[0] ?? ''
  if (!code && /endpoints_resolution_error/.test(raw)) {
    return new Error(
      `Entra sign-in for ${forWhat} failed: the authority ${azure.authorityHost}/${azure.tenantId} could not be resolved. Check azure-tenant-id (a tenant of this cloud) and azure-authority-host / azure-environment.`
    )
  }
  const hints: Record<string, string> = {
    AADSTS700016: `the application ${azure.clientId} was not found in tenant ${azure.tenantId}: check azure-client-id and azure-tenant-id.`,
    AADSTS70021: `no federated credential of the app registration matches this workflow's token: add one with issuer https://token.actions.githubusercontent.com, the subject of this run (repo:ORG/REPO:ref:refs/heads/BRANCH, :environment:NAME or :pull_request) and audience ${azure.audience}.`,
    AADSTS700024:
      'the GitHub OIDC token had expired when it was used: rerun the job (a fresh token is fetched for every exchange).',
    AADSTS700211: `no federated identity issuer matches: the federated credential's issuer must be https://token.actions.githubusercontent.com.`,
    AADSTS700212: `no federated credential audience matches: the federated credential's audience must be ${azure.audience} (azure-audience), the audience of the GitHub OIDC token.`,
    AADSTS700213: `no federated credential subject matches this run: check the subject (branch, environment or pull_request) of the federated credential.`,
    AADSTS90002: `tenant ${azure.tenantId} was not found: check azure-tenant-id and azure-environment.`,
    AADSTS900023: `azure-tenant-id ${azure.tenantId} is not a valid tenant.`,
    AADSTS500011: `the API's service principal does not exist in tenant ${azure.tenantId}: an administrator must add it (for MCFS, the Microsoft Cloud for Sustainability API app) and grant consent.`,
    AADSTS65001:
      'the app registration has not been granted consent for this API: an administrator must grant admin consent.',
    AADSTS7000215: 'the client credential is invalid: check the app registration.',
    AADSTS50020: 'the identity is not in this tenant: check azure-tenant-id.'
  }
  const hint =
    code && hints[code]
      ? ` ${hints[code]}`
      : ` Check azure-client-id, azure-tenant-id, the federated credential of the app registration and 'permissions: id-token: write'.`
  return new Error(`Entra sign-in for ${forWhat} failed${code ? ` (${code})` : ''}: ${firstLine(raw)}${hint}`)
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).find((l) => l.trim() !== '') ?? s
  return line.length > 400 ? `${line.slice(0, 400)}…` : line
}

export function entraAuth(azure: EntraSettings, http: HttpClient, env: Env): EntraAuth {
  let credential: Promise<TokenCredential> | undefined
  /** Why the last client assertion (GitHub OIDC token) could not be had: @azure/identity wraps it in its own error. */
  let assertionFailure: unknown = null
  const load = async (): Promise<TokenCredential> => {
    const [identity, pipeline] = await loadAzureModules()
    const common = {
      authorityHost: azure.authorityHost,
      disableInstanceDiscovery: azure.customAuthority,
      httpClient: pipelineClient(http, 'Microsoft Entra ID', pipeline.createHttpHeaders),
      retryOptions: { maxRetries: 0 } // our HTTP layer retries
    }
    if (azure.clientId !== '') {
      return new identity.ClientAssertionCredential(
        azure.tenantId,
        azure.clientId,
        () =>
          getIdToken(http, env, azure.audience, `Azure app ${azure.clientId}`).catch((e: unknown) => {
            assertionFailure = e
            throw e
          }),
        common
      )
    }
    return new identity.DefaultAzureCredential({ ...common, ...(azure.tenantId ? { tenantId: azure.tenantId } : {}) })
  }
  const tokens = new Map<string, Promise<{ token: string; expiresOnTimestamp: number }>>()
  return {
    describe:
      azure.clientId !== ''
        ? `app ${azure.clientId} in tenant ${azure.tenantId} (GitHub OIDC)`
        : 'the environment credentials',
    async token(scope: string, forWhat: string): Promise<string> {
      // A token is reused until 5 minutes before it expires: @azure/identity asks for a fresh client assertion
      // (a GitHub OIDC token) on every getToken, even when MSAL then answers from its cache.
      const cached = tokens.get(scope)
      if (cached) {
        const t = await cached.catch(() => null)
        if (t && t.expiresOnTimestamp - Date.now() > REUSE_MARGIN_MS) return t.token
        if (tokens.get(scope) === cached) tokens.delete(scope)
      }
      let pending = tokens.get(scope)
      if (!pending) {
        pending = fetchToken(scope, forWhat)
        tokens.set(scope, pending)
        pending.catch(() => tokens.delete(scope))
      }
      return (await pending).token
    }
  }

  async function fetchToken(scope: string, forWhat: string): Promise<{ token: string; expiresOnTimestamp: number }> {
    credential ??= load()
    let t: { token: string; expiresOnTimestamp: number } | null
    try {
      t = await (await credential).getToken(scope)
    } catch (e) {
      if (
        azure.clientId === '' &&
        /CredentialUnavailable|Please run 'az login'|not available/i.test((e as Error).message ?? '')
      ) {
        throw new Error(
          `No Azure credentials for ${forWhat}: azure-client-id is empty and none were found in the environment. ` +
            `Set azure-client-id and azure-tenant-id (app registration with a GitHub federated credential), or run azure/login before this step.`
        )
      }
      if ((e as Error)?.name === 'OidcUnavailableError') throw e
      // The GitHub OIDC token itself could not be had (no id-token permission, its endpoint failing): say that.
      if (assertionFailure !== null) {
        const cause = assertionFailure
        assertionFailure = null
        throw cause
      }
      throw explainEntraError(e, azure, forWhat)
    }
    if (!t?.token) throw new Error(`Entra returned no token for ${forWhat}.`)
    registerSecret(t.token)
    return t
  }
}
