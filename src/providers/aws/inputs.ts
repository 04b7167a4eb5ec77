/** The aws provider's inputs: the roles (or the environment's credentials), the STS region and the accounts. */
import type { Inputs } from '../../inputs.js'
import { configuredEndpoint, useFipsFromEnv } from './env.js'

export interface AwsSettings {
  roles: string[]
  region: string
  audience: string
  sessionName: string
  accountIds: string[]
}

const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/

export function parseAwsInputs(i: Inputs): AwsSettings {
  const roles: string[] = []
  for (const r of i.list('aws-role-to-assume')) {
    if (!ROLE_ARN.test(r)) {
      i.bad(
        'aws-role-to-assume',
        r,
        'is not an IAM role ARN',
        'Use arn:aws:iam::<12-digit account id>:role/<name>, one per line or comma-separated.'
      )
    } else if (roles.includes(r)) {
      i.bad(
        'aws-role-to-assume',
        r,
        'is listed twice',
        'List each role once (one per AWS Organization), or its data would be counted twice.'
      )
    } else roles.push(r)
  }
  const region = i.get('aws-region') || 'us-east-1'
  if (!AWS_REGION.test(region))
    i.bad('aws-region', region, 'is not an AWS region', 'Use a region code such as us-east-1.')
  const audience = i.get('aws-audience') || 'sts.amazonaws.com'
  const sessionName = i.get('aws-role-session-name') || 'cloud-carbon-report'
  if (!SESSION_NAME.test(sessionName)) {
    i.bad(
      'aws-role-session-name',
      sessionName,
      'is not a valid role session name',
      'Use 2 to 64 characters of letters, digits and + = , . @ - _.'
    )
  }
  const accountIds: string[] = []
  for (const a of i.list('aws-account-ids')) {
    if (!/^\d{12}$/.test(a))
      i.bad(
        'aws-account-ids',
        a,
        'is not an AWS account id',
        'Use 12-digit account ids (keep leading zeros), comma- or newline-separated.'
      )
    else if (!accountIds.includes(a)) accountIds.push(a)
  }
  // The SDKs' FIPS switch is an input of the run too: a value they would not read is said before any request.
  const fips = (i.env.AWS_USE_FIPS_ENDPOINT ?? '').trim()
  if (i.selected.includes('aws') && !i.merge) {
    const useFips = useFipsFromEnv(i.env)
    if (useFips === null)
      i.problem(
        `The environment variable AWS_USE_FIPS_ENDPOINT ${JSON.stringify(fips)} is not true or false. Set it to true for the FIPS endpoints, or remove it.`
      )
    else if (useFips && configuredEndpoint(i.env, 'SUSTAINABILITY') !== null)
      i.problem(
        `AWS_USE_FIPS_ENDPOINT=true with a configured endpoint (AWS_ENDPOINT_URL_SUSTAINABILITY or AWS_ENDPOINT_URL): the Sustainability API's endpoint rules support no FIPS with a custom endpoint. Remove one of them.`
      )
  }
  return { roles, region, audience, sessionName, accountIds }
}
