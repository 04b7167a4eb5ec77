/** One signed call of the Sustainability API: JSON in, JSON (or a decoded page) out, refusals explained. */
import type { HttpResponse } from '../../http.js'
import { CallError, readErrorBody } from '../kit/errors.js'
import type { ProviderContext } from '../kit/seam.js'
import type { AwsIdentity } from './auth.js'
import { explainAwsApiError } from './errors.js'
import type { Sign } from './signer.js'

/** Where and as whom a call is made. */
export interface AwsTarget {
  endpoint: string
  sign: Sign
  id: AwsIdentity
}

export interface AwsCall {
  /** The operation's path (`/v1/estimated-carbon-emissions`) and its IAM action, for the AccessDenied hint. */
  path: string
  action: string
  body: Record<string, unknown>
  /** Decodes the body off the main path (large pages); else the body is parsed as JSON. */
  decode?: (bytes: Buffer) => Promise<unknown>
}

/** The account of a role (its ARN's fourth field), or null for the environment's credentials. */
export function roleAccount(id: AwsIdentity): string | null {
  return id.roleArn ? id.roleArn.split(':')[4] : null
}

export async function callSustainability(ctx: ProviderContext, t: AwsTarget, call: AwsCall): Promise<HttpResponse> {
  const account = roleAccount(t.id)
  const res = await ctx.http.request({
    service: 'AWS Sustainability API',
    // AWS throttles each account apart: a role's 429 holds that role's requests, not the other organizations'.
    throttleScope: account ?? undefined,
    method: 'POST',
    url: `${t.endpoint}${call.path}`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(call.body),
    expectJson: true,
    decode: call.decode,
    sign: t.sign
  })
  if (res.status !== 200) {
    const err = readErrorBody(res)
    throw new CallError(res.status, err, explainAwsApiError(err, t.id.label, call.action))
  }
  return res
}
