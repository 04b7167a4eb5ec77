/**
 * GitHub's OIDC token, as `core.getIDToken(audience)` fetches it, but through the run's HTTP layer (retries with
 * jitter, proxy, deadline): `GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with the request token as bearer.
 */
import * as core from '@actions/core'
import type { HttpClient } from '../http.js'
import type { Env } from '../settings.js'

export class OidcUnavailableError extends Error {
  constructor(forWhat: string) {
    super(
      `No GitHub OIDC token is available for ${forWhat}: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set. ` +
        `Give the job 'permissions: id-token: write' (they exist only then; pull requests from forks never get them: ` +
        `run the report from a workflow_run workflow instead).`
    )
    this.name = 'OidcUnavailableError'
  }
}

export async function getIdToken(http: HttpClient, env: Env, audience: string, forWhat: string): Promise<string> {
  const base = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!base || !bearer) throw new OidcUnavailableError(forWhat)
  core.setSecret(bearer)
  const res = await http.request({
    service: 'GitHub OIDC token endpoint',
    method: 'GET',
    url: `${base}&audience=${encodeURIComponent(audience)}`,
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
    expectJson: true
  })
  if (res.status !== 200) {
    throw new Error(
      `The GitHub OIDC token endpoint answered HTTP ${res.status} for audience ${audience} (${forWhat}). Check 'permissions: id-token: write'.`
    )
  }
  const value = (res.json as { value?: unknown } | undefined)?.value
  if (typeof value !== 'string' || value === '') {
    throw new Error(`The GitHub OIDC token endpoint answered without a token for audience ${audience} (${forWhat}).`)
  }
  core.setSecret(value)
  return value
}
