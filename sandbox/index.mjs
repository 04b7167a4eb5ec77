// The sandbox: every service the action talks to, on local HTTPS ports, seeded and deterministic.
//
//   const sb = await startSandbox()
//   sb.env()            environment for a run (runner variables + endpoint overrides), no INPUT_*
//   sb.inputs.aws       inputs that point the action at the seeded AWS organizations
//   sb.aws.truth(...)   the expected figures, computed from the seed without HTTP
//   sb.kit.faults / sb.kit.latency / sb.kit.requests()   fault switches, latency, request log
//   sb.secrets()        every secret the sandbox handed out (for leak scans)
//   sb.aws.pageCache, sb.azure.reportCache, sb.mcfs.matchCache   what the emulators' caches did: AWS pages kept
//                       as bytes (opt-in: aws.pageCache), Azure report rows and MCFS matched rows per query (bounded)
//   await sb.close()
//
// Services beyond GitHub and AWS are plugins: a module in services/ exporting `mount(sb, options)` listed in
// PLUGINS; it starts its servers with `sb.kit.serve` and registers itself with `sb.register(name, part)`
// where part may have `env()`, `inputs`, `secrets()` and anything else it wants to expose as `sb[name]`.
import { fileURLToPath } from 'node:url'
import { ensureTls } from './tls.mjs'
import { createKit, publishedMonth } from './kit.mjs'
import { createGithubOidc } from './services/github-oidc.mjs'
import { createSts } from './services/sts.mjs'
import { createSustainability, seedAwsData, awsTruth } from './services/sustainability.mjs'
import { createArtifactService } from './services/artifact.mjs'
import { createEntra, entraService } from './services/entra.mjs'
import { awsSustainabilityHosts } from './aws-hosts.mjs'
import { waterTruth } from './services/water.mjs'

const PLUGINS = [
  './services/azure-mount.mjs',
  './services/mcfs-mount.mjs',
  './services/github-api.mjs',
  './services/gcp-mount.mjs'
]

export const AWS_ORGS = [
  { id: 'org-a', management: '111122223333', accounts: 6, role: 'arn:aws:iam::111122223333:role/carbon-reader' },
  { id: 'org-b', management: '444455556666', accounts: 4, role: 'arn:aws:iam::444455556666:role/carbon-reader' },
  // The role can be assumed but lacks sustainability:GetEstimatedCarbonEmissions.
  {
    id: 'org-denied',
    management: '777788889999',
    accounts: 2,
    role: 'arn:aws:iam::777788889999:role/carbon-reader',
    denied: true
  },
  // The credentials already in the environment (after configure-aws-credentials).
  { id: 'org-env', management: '210987654321', accounts: 3 }
]
/** The Entra tenant and app registration of the sandbox (a federated credential for the repository's main branch). */
export const AZURE_TENANT_ID = '8c3dad1d-b6bc-4f8b-939b-8263372eced6'
export const AZURE_CLIENT_ID = '3fa85f64-5717-4562-b3fc-2c963f66afa6'
/** The MCFS API's app id (its scope is `<id>/.default`). */
export const MCFS_APP_ID = 'c3163bf1-092f-436b-b260-7ade5973e5b9'

/** A role whose trust policy names another repository: STS refuses it. */
export const UNTRUSTED_ROLE = 'arn:aws:iam::111122223333:role/other-repo-reader'

/**
 * @param {object} [o]
 * @param {() => number} [o.now]
 * @param {{ orgs?: object[], available?: string, hostile?: boolean, seed?: string, pageCap?: number, pageCache?: boolean }} [o.aws]
 *   pageCache: reuse the bytes of a data page asked again (off by default; the bench turns it on, see
 *   services/sustainability.mjs); sb.aws.pageCache tells its hits, stored pages and bytes. SANDBOX_AWS_PAGE_CACHE=1
 *   in the environment turns it on where the option is not given (to run the tests against the cache)
 * @param {string} [o.subject] the GitHub OIDC `sub`
 * @param {object} [o.azure] passed to the Azure plugin
 * @param {object} [o.mcfs] passed to the MCFS plugin
 * @param {object} [o.github] passed to the GitHub API plugin
 */
export async function startSandbox(o = {}) {
  const tls = await ensureTls()
  const now = o.now ?? Date.now
  const kit = createKit({ tls, now })
  const parts = new Map()

  const oidc = createGithubOidc({ subject: o.subject })
  const orgs = o.aws?.orgs ?? AWS_ORGS
  const data = seedAwsData({
    seed: o.aws?.seed,
    orgs,
    available: o.aws?.available ?? publishedMonth(21, now()),
    hostile: o.aws?.hostile
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
    oidc,
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
    pageCap: o.aws?.pageCap,
    pageCache: o.aws?.pageCache ?? process.env.SANDBOX_AWS_PAGE_CACHE === '1',
    hostRegions: awsSustainabilityHosts()
  })
  const artifact = createArtifactService()
  // One Entra for every Microsoft API (ARM and MCFS): plugins verify bearer tokens with sb.entra.verifyAccessToken.
  const entra = createEntra({
    tenants: [
      {
        tenantId: AZURE_TENANT_ID,
        domain: 'contoso.onmicrosoft.com',
        apps: [
          {
            clientId: AZURE_CLIENT_ID,
            displayName: 'carbon-report',
            federated: [{ subject: oidc.state.subject, audience: 'api://AzureADTokenExchange' }]
          }
        ]
      },
      ...(o.entra?.tenants ?? [])
    ],
    verifyAssertion: (token, { audiences }) => oidc.verify(token, { audiences })
  })

  const urls = {}
  for (const [name, svc] of Object.entries({ oidc, sts, sustainability, artifact, entra: entraService(entra) }))
    urls[name] = (await kit.serve(name, svc)).url
  // The real Sustainability hosts, through a CONNECT proxy: a run resolves, connects and signs as against AWS.
  const awsProxy = await kit.proxy(new Map([...awsSustainabilityHosts().keys()].map((h) => [h, urls.sustainability])))

  const sb = {
    kit,
    tls,
    now,
    urls,
    oidc,
    artifact,
    entra,
    /** Inputs that sign in to the sandbox's Entra with GitHub OIDC (azure and mcfs providers). */
    entraInputs: { 'azure-client-id': AZURE_CLIENT_ID, 'azure-tenant-id': AZURE_TENANT_ID, 'azure-authority-host': '' },
    inputs: {},
    /** Registers a plugin's part: `sb[name]`, its env(), inputs and secrets(). */
    register(name, part) {
      parts.set(name, part)
      sb[name] = { ...(sb[name] ?? {}), ...part }
      if (part.inputs) sb.inputs[name] = part.inputs
    },
    /** The runner's environment for one run of the action against the sandbox. */
    env(extra = {}) {
      const env = {
        NODE_EXTRA_CA_CERTS: tls.caPath,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_EVENT_NAME: 'schedule',
        ...oidc.env(urls.oidc),
        ...artifact.env(urls.artifact),
        AWS_ENDPOINT_URL_STS: urls.sts,
        AWS_ENDPOINT_URL_SUSTAINABILITY: urls.sustainability
      }
      for (const part of parts.values()) Object.assign(env, part.env?.() ?? {})
      return { ...env, ...extra }
    },
    /** Every secret handed out so far: the OIDC request token and JWTs, STS keys, runtime tokens, plugins'. */
    secrets() {
      const list = [
        ...oidc.secrets(),
        ...sts.secrets(),
        staticKey.secretAccessKey,
        ...artifact.secrets(),
        ...entra.issuedTokens
      ]
      for (const part of parts.values()) list.push(...(part.secrets?.() ?? []))
      return list.filter((s) => typeof s === 'string' && s.length >= 8)
    },
    async close() {
      await kit.close()
    }
  }
  sb.entraInputs['azure-authority-host'] = urls.entra
  sb.register('aws', {
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
    inputs: {
      providers: 'aws',
      'aws-role-to-assume': orgs
        .filter((g) => g.role && !g.denied)
        .map((g) => g.role)
        .join('\n')
    },
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
  })

  const here = fileURLToPath(new URL('.', import.meta.url))
  // Every listed plugin is part of the sandbox: one that is missing or mounts nothing is an error, not a skip.
  for (const plugin of PLUGINS) {
    const mod = await import(plugin)
    if (typeof mod.mount !== 'function') throw new Error(`sandbox plugin ${plugin} exports no mount(sb, options)`)
    await mod.mount(sb, o, { here })
  }
  return sb
}
