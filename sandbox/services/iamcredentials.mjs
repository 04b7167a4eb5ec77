// The IAM Service Account Credentials API, the one call the sign-in chain makes:
//   POST /v1/projects/-/serviceAccounts/EMAIL:generateAccessToken   Authorization: Bearer <federated token>
//        { "scope": ["https://www.googleapis.com/auth/cloud-platform"], "lifetime": "3600s" }
//   -> { "accessToken": "ya29....", "expireTime": "2026-12-04T20:00:00Z" }
// The caller must hold roles/iam.workloadIdentityUser (iam.serviceAccounts.getAccessToken) on the account;
// otherwise, or for an account that does not exist, 403 with Google's error body and an ErrorInfo detail.
import { SandboxError, bearer } from '../kit.mjs'
import { googleError, UNAUTHENTICATED_MESSAGE } from './google-errors.mjs'

const PATH = /^\/v1\/projects\/([^/]+)\/serviceAccounts\/([^/:]+):generateAccessToken$/
const PERMISSION = 'iam.serviceAccounts.getAccessToken'

/**
 * @param {object} o
 * @param {ReturnType<import('./google-sts.mjs').createTokenStore>} o.tokens
 * @param {Record<string, string[]>} o.impersonators service account e-mail -> members holding workloadIdentityUser
 *   (or serviceAccountTokenCreator) on it
 * @param {() => number} [o.now]
 */
export function createIamCredentials(o) {
  const now = o.now ?? Date.now
  const denied = (email) =>
    googleError(403, `Permission '${PERMISSION}' denied on resource (or it may not exist).`, {
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'iam.googleapis.com',
          metadata: { permission: PERMISSION, resource: `projects/-/serviceAccounts/${email}` }
        }
      ]
    })
  return {
    errorResponse: (status, code, message) => googleError(status, message),
    handle(req) {
      const m = PATH.exec(req.path)
      if (!m) return googleError(404, `Method not found.`)
      if (req.method !== 'POST') throw new SandboxError(405, 'MethodNotAllowed', 'Method Not Allowed')
      const who = o.tokens.lookup(bearer(req))
      if (!who) return googleError(401, UNAUTHENTICATED_MESSAGE)
      const email = decodeURIComponent(m[2])
      const body = req.json()
      const scope = Array.isArray(body.scope) ? body.scope : []
      if (scope.length === 0) return googleError(400, 'Scope required.')
      const lifetime = body.lifetime === undefined ? 3600 : Number(/^(\d+)s$/.exec(String(body.lifetime))?.[1])
      if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 3600)
        return googleError(
          400,
          `Invalid value at 'lifetime' (type.googleapis.com/google.protobuf.Duration), Field 'lifetime', Illegal duration format; duration must end with 's'; or the lifetime is beyond the maximum of 3600 seconds.`
        )
      const allowed = o.impersonators[email] ?? []
      if (!who.members.some((mem) => allowed.includes(mem))) return denied(email)
      const accessToken = o.tokens.issue({
        members: [`serviceAccount:${email}`],
        lifetimeSeconds: lifetime,
        kind: 'impersonated'
      })
      const expireTime = new Date(now() + lifetime * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
      return { status: 200, body: { accessToken, expireTime } }
    }
  }
}
