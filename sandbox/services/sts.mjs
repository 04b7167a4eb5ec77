// AWS STS, Query protocol (2011-06-15), the one action the GitHub OIDC flow uses:
//   POST /  Content-Type: application/x-www-form-urlencoded (unsigned)
//   Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=..&RoleSessionName=..&WebIdentityToken=..[&DurationSeconds=..]
// answered in STS's XML, errors in its <ErrorResponse> form. The web identity token is checked against the
// GitHub OIDC emulator (signature, expiry, audience) and the role's trust policy (aud, sub with wildcards).
import { randomBytes, randomUUID } from 'node:crypto'
import { SandboxError } from '../kit.mjs'

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/'
const ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

const xmlEscape = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const glob = (pattern, text) =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  ).test(text)

/**
 * @param {object} o
 * @param {{ verify: (token: string, o: {audience?: string}) => object }} o.oidc
 * @param {Record<string, {audience?: string, subject?: string}>} o.roles role ARN -> its trust policy
 * @param {(cred: object) => void} [o.onIssue] told of every credential issued (the Sustainability API learns them)
 */
export function createSts(o) {
  const issued = []
  function errorResponse(status, code, message) {
    const type = status >= 500 ? 'Receiver' : 'Sender'
    return {
      status,
      headers: { 'content-type': 'text/xml' },
      body: `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(code)}</Code>\n    <Message>${xmlEscape(message)}</Message>\n  </Error>\n  <RequestId>${randomUUID()}</RequestId>\n</ErrorResponse>\n`
    }
  }
  const fail = (status, code, message) => new SandboxError(status, code, message)

  function handle(req) {
    if (req.method !== 'POST') throw fail(400, 'InvalidAction', 'Could not find operation for this request.')
    const form = req.form()
    const action = form.get('Action')
    if (action !== 'AssumeRoleWithWebIdentity')
      throw fail(
        400,
        'InvalidAction',
        `Could not find operation ${action ?? ''} for version ${form.get('Version') ?? ''}`
      )
    if (form.get('Version') !== '2011-06-15')
      throw fail(
        400,
        'InvalidAction',
        `Could not find operation ${action} for version ${form.get('Version') ?? 'NO_VERSION_SPECIFIED'}`
      )
    const roleArn = form.get('RoleArn')
    const session = form.get('RoleSessionName')
    const token = form.get('WebIdentityToken')
    const missing = ['RoleArn', 'RoleSessionName', 'WebIdentityToken'].filter((k) => !form.get(k))
    if (missing.length)
      throw fail(
        400,
        'ValidationError',
        `${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ${missing.map((k) => `Value null at '${k[0].toLowerCase()}${k.slice(1)}' failed to satisfy constraint: Member must not be null`).join('; ')}`
      )
    if (!SESSION_NAME.test(session)) {
      throw fail(
        400,
        'ValidationError',
        `1 validation error detected: Value '${session}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
      )
    }
    const duration = form.get('DurationSeconds') ? Number(form.get('DurationSeconds')) : 3600
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw fail(
        400,
        'ValidationError',
        `1 validation error detected: Value '${form.get('DurationSeconds')}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`
      )
    }
    const m = ROLE_ARN.exec(roleArn)
    if (!m) throw fail(400, 'ValidationError', `${roleArn} is invalid`)
    let claims
    try {
      claims = o.oidc.verify(token, {})
    } catch (e) {
      if (e.reason === 'expired')
        throw fail(400, 'ExpiredTokenException', "Token expired: current date/time is after the token's exp")
      throw fail(400, 'InvalidIdentityToken', "Couldn't verify the token's signature or issuer")
    }
    const trust = o.roles[roleArn]
    if (!trust) throw fail(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
    const aud = [].concat(claims.aud)
    if (!aud.includes(trust.audience ?? 'sts.amazonaws.com'))
      throw fail(400, 'InvalidIdentityToken', 'Incorrect token audience')
    if (trust.subject && !glob(trust.subject, claims.sub))
      throw fail(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')

    const cred = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString('base64')}`,
      expiration: new Date(Date.now() + duration * 1000),
      roleArn,
      account: m[2],
      partition: m[1]
    }
    issued.push(cred)
    o.onIssue?.(cred)
    const roleName = m[3].split('/').pop()
    const body = `<AssumeRoleWithWebIdentityResponse xmlns="${NS}">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>${xmlEscape(claims.sub)}</SubjectFromWebIdentityToken>
    <Audience>${xmlEscape(aud[0])}</Audience>
    <AssumedRoleUser>
      <Arn>arn:${m[1]}:sts::${m[2]}:assumed-role/${xmlEscape(roleName)}/${xmlEscape(session)}</Arn>
      <AssumedRoleId>AROA${randomBytes(8).toString('hex').toUpperCase()}:${xmlEscape(session)}</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>${cred.sessionToken}</SessionToken>
      <SecretAccessKey>${cred.secretAccessKey}</SecretAccessKey>
      <Expiration>${cred.expiration.toISOString()}</Expiration>
      <AccessKeyId>${cred.accessKeyId}</AccessKeyId>
    </Credentials>
    <SourceIdentity></SourceIdentity>
    <Provider>${xmlEscape(claims.iss)}</Provider>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
`
    return { status: 200, headers: { 'content-type': 'text/xml' }, body }
  }

  return { handle, errorResponse, issued, secrets: () => issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]) }
}
