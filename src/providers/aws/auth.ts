/**
 * AWS credentials: for each role in `aws-role-to-assume`, a GitHub OIDC token exchanged with STS
 * AssumeRoleWithWebIdentity (`@aws-sdk/credential-providers` fromWebToken, its requests sent through our HTTP
 * layer); with no role, the credentials already in the environment. Every credential is masked.
 */
import type { AwsCredentialIdentity } from '@smithy/types'
import type { HttpClient } from '../../http.js'
import type { Env } from '../../inputs.js'
import type { AwsSettings } from './inputs.js'
import { getIdToken } from '../../auth/github-oidc.js'
import { registerSecret, scrub } from '../../secrets.js'
import { configuredEndpoint, useFipsFromEnv } from './env.js'

export interface AwsIdentity {
  /** What the credentials are, for messages: the role ARN, or "environment credentials". */
  label: string
  roleArn: string | null
  getCredentials(): Promise<AwsCredentialIdentity>
}

/**
 * STS answers that are worth another attempt though their status says otherwise: throttling in the Query protocol's
 * XML (STS answers `400 <Code>Throttling</Code>`) and STS's IDPCommunicationError (the OIDC provider's keys
 * could not be fetched in time), as the AWS SDKs' retry strategies class them.
 */
export function isTransientAwsError(res: { status: number; text: string }): boolean {
  // A 2xx that is not XML (a proxy's page, a cut body) is no answer from STS: worth another attempt.
  if (res.status >= 200 && res.status < 300) return !/^\s*</.test(res.text)
  if (res.status !== 400) return false
  return /<Code>(Throttling|ThrottlingException|RequestLimitExceeded|IDPCommunicationError)<\/Code>/.test(res.text)
}

/**
 * A smithy request handler that sends the SDK's requests through our HTTP layer, so STS gets the same
 * retries, proxy, timeouts and deadline as everything else.
 */
export function smithyHandler(http: HttpClient, service: string): unknown {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request: {
      method: string
      protocol: string
      hostname: string
      port?: number
      path: string
      query?: Record<string, string | string[] | null>
      headers: Record<string, string>
      body?: string | Uint8Array
    }): Promise<{
      response: { statusCode: number; reason?: string; headers: Record<string, string>; body: Uint8Array }
    }> {
      const qs = new URLSearchParams()
      for (const [k, v] of Object.entries(request.query ?? {})) {
        if (v === null || v === undefined) continue
        for (const item of Array.isArray(v) ? v : [v]) qs.append(k, item)
      }
      const query = qs.toString()
      const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`
      const headers = { ...request.headers }
      delete headers.host
      delete headers['content-length']
      const res = await http.request({
        service,
        method: request.method as 'POST',
        url,
        headers,
        body:
          request.body === undefined
            ? undefined
            : typeof request.body === 'string'
              ? request.body
              : Buffer.from(request.body),
        transient: isTransientAwsError
      })
      const outHeaders: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) outHeaders[k] = Array.isArray(v) ? v.join(', ') : v
      return { response: { statusCode: res.status, headers: outHeaders, body: new Uint8Array(res.body) } }
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {}
    },
    destroy(): void {}
  }
}

function maskCredentials(c: AwsCredentialIdentity): AwsCredentialIdentity {
  registerSecret(c.secretAccessKey)
  registerSecret(c.sessionToken)
  registerSecret(c.accessKeyId)
  return c
}

/** Memoizes credentials and refreshes them five minutes before they expire. */
function cached(load: () => Promise<AwsCredentialIdentity>): () => Promise<AwsCredentialIdentity> {
  let current: Promise<AwsCredentialIdentity> | undefined
  return async () => {
    if (current) {
      const c = await current.catch(() => undefined)
      if (c && (!c.expiration || c.expiration.getTime() - Date.now() > 5 * 60_000)) return c
    }
    current = load().then(maskCredentials)
    return current
  }
}

/** Turns an STS/SDK failure into a message that says what to check. */
export function explainStsError(e: unknown, roleArn: string, audience: string): Error {
  const err = e as { name?: string; message?: string; Code?: string }
  const code = err.name ?? err.Code ?? ''
  const msg = scrub(err.message ?? String(e))
  let hint = ''
  if (/AccessDenied/i.test(code) || /not authorized to perform sts:AssumeRoleWithWebIdentity/i.test(msg)) {
    hint = ` The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com with the condition token.actions.githubusercontent.com:aud = ${audience} and a sub condition that matches this repository, branch or environment.`
  } else if (/InvalidIdentityToken/i.test(code)) {
    hint = ` Check that the IAM OIDC identity provider token.actions.githubusercontent.com exists in the role's account and lists the audience ${audience} (aws-audience).`
  } else if (/ValidationError/i.test(code)) {
    hint = ' Check aws-role-to-assume and aws-role-session-name.'
  } else if (/ExpiredToken/i.test(code)) {
    hint =
      ' The GitHub OIDC token expired before it was used; the run fetches a fresh one per exchange, so retry the job.'
  }
  return new Error(`Could not assume ${roleArn} with the GitHub OIDC token: ${code ? `${code}: ` : ''}${msg}${hint}`)
}

export function awsIdentities(settings: AwsSettings, http: HttpClient, env: Env): AwsIdentity[] {
  if (settings.roles.length === 0) {
    return [
      {
        label: 'the environment credentials',
        roleArn: null,
        getCredentials: cached(async () => {
          const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers')
          try {
            return await fromNodeProviderChain({ clientConfig: { region: settings.region } })()
          } catch (e) {
            throw new Error(
              `No AWS credentials: aws-role-to-assume is empty and none were found in the environment (${scrub((e as Error).message)}). ` +
                `Set aws-role-to-assume to a role that trusts GitHub OIDC, or run aws-actions/configure-aws-credentials before this step.`
            )
          }
        })
      }
    ]
  }
  // A configured STS endpoint as the SDKs read it; else the STS client's own rules pick the region's endpoint
  // (its partition's, FIPS where AWS_USE_FIPS_ENDPOINT=true).
  const stsEndpoint = configuredEndpoint(env, 'STS') ?? undefined
  return settings.roles.map((roleArn) => ({
    label: roleArn,
    roleArn,
    getCredentials: cached(async () => {
      const token = await getIdToken(http, env, settings.audience, `AWS role ${roleArn}`)
      const { fromWebToken } = await import('@aws-sdk/credential-providers')
      try {
        return await fromWebToken({
          roleArn,
          webIdentityToken: token,
          roleSessionName: settings.sessionName,
          durationSeconds: 3600,
          clientConfig: {
            region: settings.region,
            endpoint: stsEndpoint,
            useFipsEndpoint: stsEndpoint === undefined && useFipsFromEnv(env) === true,
            maxAttempts: 1, // our HTTP layer retries
            requestHandler: smithyHandler(http, 'AWS STS')
          }
        })()
      } catch (e) {
        throw explainStsError(e, roleArn, settings.audience)
      }
    })
  }))
}
