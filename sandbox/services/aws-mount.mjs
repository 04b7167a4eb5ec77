// The AWS plugin of the sandbox: STS (AssumeRoleWithWebIdentity with the GitHub OIDC token) and the
// Sustainability API (SigV4 verified) over seeded organizations. Needs the oidc plugin before it.
//   startSandbox({ aws: { orgs, available, hostile, seed, pageCap, pageCache } })   see index.mjs
//   sb.aws.truth({ roles, env, accountIds, start, end })   the expected figures, from the seed without HTTP
import { AWS_ORGS, UNTRUSTED_ROLE } from '../index.mjs'
import { publishedMonth } from '../kit.mjs'
import { createSts } from './sts.mjs'
import { awsTruth, createSustainability, seedAwsData } from './sustainability.mjs'
import { waterTruth } from './water.mjs'
import { awsSustainabilityHosts } from '../aws-hosts.mjs'

export async function mount(sb, options = {}) {
  if (!sb.oidc) throw new Error('sandbox: the aws plugin needs the oidc plugin before it in PLUGINS')
  const o = options.aws ?? {}
  const orgs = o.orgs ?? AWS_ORGS
  const data = seedAwsData({
    seed: o.seed,
    orgs,
    available: o.available ?? publishedMonth(21, sb.now()),
    hostile: o.hostile
  })

  // Credentials the Sustainability API accepts: STS-issued ones (by role) and the environment's static keys.
  const creds = new Map()
  const envOrg = orgs.find((g) => !g.role)
  const staticKey = {
    accessKeyId: 'AKIASANDBOXSTATIC01',
    secretAccessKey: 'sandbox/Static+Secret/Key0123456789abcdefgh',
    org: envOrg?.id,
    principal: `arn:aws:iam::${envOrg?.management}:user/ci`
  }
  creds.set(staticKey.accessKeyId, staticKey)
  const roleOrg = new Map(orgs.filter((g) => g.role).map((g) => [g.role, g]))
  const trust = Object.fromEntries(
    [...roleOrg.keys()].map((arn) => [arn, { audience: 'sts.amazonaws.com', subject: 'repo:octo-org/octo-repo:*' }])
  )
  trust[UNTRUSTED_ROLE] = { audience: 'sts.amazonaws.com', subject: 'repo:someone-else/*' }
  const sts = createSts({
    oidc: sb.oidc,
    roles: trust,
    onIssue: (c) => {
      const org = roleOrg.get(c.roleArn)
      creds.set(c.accessKeyId, {
        ...c,
        org: org?.id,
        principal: `arn:aws:sts::${c.account}:assumed-role/${c.roleArn.split('/').pop()}/session`
      })
    }
  })
  const sustainability = createSustainability({
    data,
    credentials: (id) => creds.get(id) ?? null,
    pageCap: o.pageCap,
    pageCache: o.pageCache ?? process.env.SANDBOX_AWS_PAGE_CACHE === '1',
    hostRegions: awsSustainabilityHosts()
  })
  const stsUrl = (await sb.kit.serve('sts', sts)).url
  const sustainabilityUrl = (await sb.kit.serve('sustainability', sustainability)).url
  sb.urls.sts = stsUrl
  sb.urls.sustainability = sustainabilityUrl
  // The real Sustainability hosts, through a CONNECT proxy: a run resolves, connects and signs as against AWS.
  const awsProxy = await sb.kit.proxy(new Map([...awsSustainabilityHosts().keys()].map((h) => [h, sustainabilityUrl])))

  const inputs = {
    providers: 'aws',
    'aws-role-to-assume': orgs
      .filter((g) => g.role && !g.denied)
      .map((g) => g.role)
      .join('\n')
  }
  sb.register(
    'aws',
    {
      data,
      sts,
      staticKey,
      orgs,
      pageCache: sustainability.cacheStats,
      roles: orgs.filter((g) => g.role && !g.denied).map((g) => g.role),
      deniedRole: orgs.find((g) => g.denied)?.role,
      untrustedRole: UNTRUSTED_ROLE,
      /** The real Sustainability hosts (from the model's endpoint rules) and the region each must be signed for. */
      hosts: awsSustainabilityHosts(),
      /**
       * Environment for a run that resolves the Sustainability endpoint as against AWS (no configured endpoint):
       * HTTPS_PROXY is the sandbox's CONNECT proxy, which tunnels only those hosts; the other services stay direct.
       */
      realEndpointEnv: () => ({
        HTTPS_PROXY: awsProxy,
        NO_PROXY: 'localhost,127.0.0.1,::1',
        AWS_ENDPOINT_URL_SUSTAINABILITY: undefined,
        AWS_ENDPOINT_URL: undefined
      }),
      /** Environment credentials (the no-role path). */
      envCredentials: {
        AWS_ACCESS_KEY_ID: staticKey.accessKeyId,
        AWS_SECRET_ACCESS_KEY: staticKey.secretAccessKey,
        AWS_REGION: 'us-east-1'
      },
      inputs,
      /** Expected grams for the given roles (or 'env'), accounts and months [start, end]. */
      truth({ roles, env = false, accountIds, start, end }) {
        const ids = [
          ...(roles ?? []).map((r) => roleOrg.get(r)?.id).filter(Boolean),
          ...(env && envOrg ? [envOrg.id] : [])
        ]
        return awsTruth(data, { orgs: ids, accountIds, start, end })
      },
      /** Expected water (litres) for the given roles (or 'env'), accounts and calendar years [firstYear, lastYear]. */
      waterTruth({ roles, env = false, accountIds, firstYear, lastYear }) {
        const ids = [
          ...(roles ?? []).map((r) => roleOrg.get(r)?.id).filter(Boolean),
          ...(env && envOrg ? [envOrg.id] : [])
        ]
        return waterTruth(data, { orgs: ids, accountIds, firstYear, lastYear })
      }
    },
    {
      inputs,
      env: () => ({ AWS_ENDPOINT_URL_STS: stsUrl, AWS_ENDPOINT_URL_SUSTAINABILITY: sustainabilityUrl }),
      secrets: () => [...sts.secrets(), staticKey.secretAccessKey]
    }
  )
}
