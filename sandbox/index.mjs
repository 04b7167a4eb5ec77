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
// Every service is a plugin: a module in services/ exporting `mount(sb, options)`, listed in PLUGINS (in mount
// order: a plugin may use what the ones before it registered). It starts its servers with `sb.kit.serve` and
// registers itself with `sb.register(name, part, hooks)`: `sb[name]` is `part`, and the sandbox takes the
// plugin's env(), inputs and secrets() from `hooks` (default: `part`). A listed plugin that cannot be loaded or
// has no mount is an error.
import { ensureTls } from './tls.mjs'
import { createKit } from './kit.mjs'

export const PLUGINS = [
  './services/oidc-mount.mjs',
  './services/artifact-mount.mjs',
  './services/entra-mount.mjs',
  './services/aws-mount.mjs',
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
 * @param {{ tenants?: object[] }} [o.entra] more Entra tenants
 * @param {object} [o.azure] passed to the Azure plugin
 * @param {object} [o.mcfs] passed to the MCFS plugin
 * @param {object} [o.github] passed to the GitHub API plugin
 */
export async function startSandbox(o = {}) {
  const tls = await ensureTls()
  const now = o.now ?? Date.now
  const kit = createKit({ tls, now })
  const hooksOf = new Map()

  const sb = {
    kit,
    tls,
    now,
    urls: {},
    inputs: {},
    /** Registers a plugin's part as `sb[name]`, and its env(), inputs and secrets() (from hooks, default part). */
    register(name, part, hooks = part) {
      if (name in sb) throw new Error(`sandbox: '${name}' is registered twice (or is a field of the sandbox)`)
      hooksOf.set(name, hooks)
      sb[name] = part
      if (hooks.inputs) sb.inputs[name] = hooks.inputs
    },
    /** The runner's environment for one run of the action against the sandbox. */
    env(extra = {}) {
      const env = {
        NODE_EXTRA_CA_CERTS: tls.caPath,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_RUN_ID: '1',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_EVENT_NAME: 'schedule'
      }
      for (const hooks of hooksOf.values()) Object.assign(env, hooks.env?.() ?? {})
      return { ...env, ...extra }
    },
    /** Every secret handed out so far, by every plugin (OIDC tokens, STS keys, runtime tokens, Entra tokens...). */
    secrets() {
      const list = []
      for (const hooks of hooksOf.values()) list.push(...(hooks.secrets?.() ?? []))
      return list.filter((s) => typeof s === 'string' && s.length >= 8)
    },
    async close() {
      await kit.close()
    }
  }

  try {
    for (const plugin of PLUGINS) {
      let mod
      try {
        mod = await import(plugin)
      } catch (e) {
        throw new Error(`sandbox: the plugin ${plugin} listed in PLUGINS cannot be loaded: ${e?.message ?? e}`)
      }
      if (typeof mod.mount !== 'function')
        throw new Error(`sandbox: the plugin ${plugin} does not export mount(sb, options)`)
      await mod.mount(sb, o)
    }
  } catch (e) {
    await kit.close()
    throw e
  }
  return sb
}
