// GitHub Actions' OIDC token endpoint, as @actions/core getIDToken calls it:
//   GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>   (the URL already holds `?api-version=2.0`)
//   Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN   ->   {"value": "<RS256 JWT>"}
// The JWT carries GitHub's claims (iss https://token.actions.githubusercontent.com, aud, sub, repository...);
// `verify` is the relying parties' check (STS, Entra) against this issuer's key, with GitHub's failure reasons.
import { randomBytes } from 'node:crypto'
import { createSigningKey, signJwt, verifyJwt, GITHUB_ISSUER } from './entra.mjs'
import { bearer, SandboxError } from '../kit.mjs'

export const TOKEN_PATH = '/_apis/pipelines/workflows/1/runs/1/idtoken'

/**
 * @param {object} [o]
 * @param {string} [o.repository] owner/name
 * @param {string} [o.subject] the `sub` claim (default: the main branch of the repository)
 * @param {number} [o.lifetimeSeconds]
 */
export function createGithubOidc(o = {}) {
  const repository = o.repository ?? 'octo-org/octo-repo'
  const state = {
    key: createSigningKey('sandbox-github-oidc'),
    requestToken: `ghs_${randomBytes(18).toString('base64url')}`,
    subject: o.subject ?? `repo:${repository}:ref:refs/heads/main`,
    lifetime: o.lifetimeSeconds ?? 300,
    /** Every JWT handed out: the secret scan looks for each. */
    issued: []
  }

  function mint(audience, now = Date.now()) {
    const iat = Math.floor(now / 1000)
    const [owner] = repository.split('/')
    const token = signJwt(state.key, {
      jti: randomBytes(16).toString('hex'),
      sub: state.subject,
      aud: audience ?? `https://github.com/${owner}`,
      ref: 'refs/heads/main',
      sha: 'a'.repeat(40),
      repository,
      repository_owner: owner,
      repository_id: '123456789',
      repository_owner_id: '987654',
      run_id: '1',
      run_number: '1',
      run_attempt: '1',
      repository_visibility: 'private',
      actor: 'octocat',
      actor_id: '583231',
      workflow: 'carbon',
      event_name: 'schedule',
      ref_type: 'branch',
      job_workflow_ref: `${repository}/.github/workflows/carbon.yml@refs/heads/main`,
      runner_environment: 'github-hosted',
      iss: GITHUB_ISSUER,
      nbf: iat - 5,
      iat,
      exp: iat + state.lifetime
    })
    state.issued.push(token)
    return token
  }

  return {
    state,
    mint,
    /** A relying party's check: claims, or an Error whose `reason` is expired/audience/signature/malformed. */
    verify(token, { audience, audiences } = {}) {
      const claims = verifyJwt(state.key, token, {
        audiences: audiences ?? (audience ? [audience] : undefined),
        leewaySeconds: 0
      })
      if (claims.iss !== GITHUB_ISSUER) throw Object.assign(new Error('unknown issuer'), { reason: 'signature' })
      return claims
    },
    env(url) {
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${TOKEN_PATH}?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: state.requestToken
      }
    },
    secrets: () => [state.requestToken, ...state.issued],
    errorResponse: (status, code, message) => ({ status, body: { message } }),
    handle(req) {
      if (req.method !== 'GET' || req.path !== TOKEN_PATH) throw new SandboxError(404, 'NotFound', 'Not Found')
      if (bearer(req) !== state.requestToken)
        throw new SandboxError(401, 'Unauthorized', 'Unauthorized: the request token is missing or invalid.')
      if (req.query.get('api-version') !== '2.0')
        throw new SandboxError(400, 'BadRequest', 'api-version 2.0 is required.')
      const audience = req.query.get('audience') ?? undefined
      return { status: 200, body: { count: 1, value: mint(audience) } }
    }
  }
}
