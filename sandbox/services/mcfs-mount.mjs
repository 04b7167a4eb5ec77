// The MCFS plugin of the sandbox: seeds an instance (one enrollment of seven subscriptions, the `demodata`
// enrollment, and the Microsoft 365 tenant of the sandbox's Entra tenant), starts the OData service, grants
// the sandbox app registration the MCFS application permission App.Emissions.Read (admin consent) and
// registers `sb.mcfs` with the inputs, secrets and expected figures.
//
//   startSandbox({ mcfs: { pageSize: 7 } })          pages of 7 rows (default 1000, the service's maximum)
//   startSandbox({ mcfs: { consent: false } })       the app lacks App.Emissions.Read: every call is a 403
//   sb.mcfs.state.pageSize = 7                        the same, between runs of one sandbox
//   sb.mcfs.truth({ enrollmentId, tenantId, start, end }), sb.mcfs.truthGrams({ start, end, inputs })
//   sb.mcfs.forecast(enrollmentId)                    the months after the last published one, in grams
import { randomBytes } from 'node:crypto'
import { publishedMonth } from '../kit.mjs'
import { AZURE_CLIENT_ID, AZURE_TENANT_ID, MCFS_APP_ID } from '../index.mjs'
import { createMcfs, EMISSIONS_READ, MAX_PAGE_SIZE, mcfsForecast, mcfsTruth, seedMcfsData } from './mcfs.mjs'

export const MCFS_INSTANCE_ID = '5b0c1f6e-7d2a-4e8b-9c3f-a1d2e3f4b5c6'
export const MCFS_ENROLLMENT_ID = '12345678'

/**
 * @param {object} sb the sandbox
 * @param {{ mcfs?: { pageSize?: number, consent?: boolean, seed?: string, apiKey?: string,
 *   available?: { start: string, end: string }, subscriptions?: number, matchCache?: number,
 *   shareAzureSubscriptions?: number } }} [options]
 *   shareAzureSubscriptions: the enrollment's first n subscriptions are the Azure plugin's first n (both
 *   providers then report them: the action must count them once)
 *   matchCache: how many queries' matched rows (filtered, ordered) to keep for their pages (default 64)
 */
export async function mount(sb, options = {}) {
  const o = options.mcfs ?? {}
  const available = o.available ?? { start: '2023-01', end: publishedMonth(19, sb.now()) }
  const data = seedMcfsData({
    seed: o.seed,
    instanceId: MCFS_INSTANCE_ID,
    available,
    enrollments: [
      {
        id: MCFS_ENROLLMENT_ID,
        orgName: 'Contoso Ltd',
        subscriptions: o.subscriptions ?? 7,
        subscriptionIds: sb.azure?.data.subscriptions.slice(0, o.shareAzureSubscriptions ?? 0).map((x) => x.id)
      },
      { id: 'demodata', orgName: 'Contoso (demo data)', subscriptions: 3 }
    ],
    tenants: [{ tenantId: AZURE_TENANT_ID, tenantName: 'Contoso' }]
  })
  // An API Management subscription key: 32 hex digits, as the MCFS API portal shows them.
  const apiKey = o.apiKey ?? randomBytes(16).toString('hex')
  const state = { pageSize: o.pageSize ?? MAX_PAGE_SIZE }

  // Admin consent: the app registration holds the MCFS application permission (the `roles` of its tokens).
  if (o.consent !== false) {
    const app = sb.entra.findTenant(AZURE_TENANT_ID)?.apps.get(AZURE_CLIENT_ID.toLowerCase())
    if (app) app.roles = { ...(app.roles ?? {}), [MCFS_APP_ID]: [EMISSIONS_READ] }
  }

  const service = createMcfs({
    data,
    apiKeys: [apiKey],
    entra: sb.entra,
    appId: MCFS_APP_ID,
    access: { tenantId: AZURE_TENANT_ID, apps: [AZURE_CLIENT_ID] },
    pageSize: () => state.pageSize,
    matchCache: o.matchCache
  })
  const { url } = await sb.kit.serve('mcfs', service)
  sb.urls.mcfs = url

  const truth = (q) => mcfsTruth(data, q)
  sb.register('mcfs', {
    data,
    state,
    /** The matched-rows cache's hits and misses (services/mcfs.mjs createMatchCache). */
    matchCache: service.matchCache,
    apiKey,
    instanceId: MCFS_INSTANCE_ID,
    enrollmentId: MCFS_ENROLLMENT_ID,
    tenantId: AZURE_TENANT_ID,
    available,
    inputs: {
      providers: 'mcfs',
      ...sb.entraInputs,
      'mcfs-endpoint': url,
      'mcfs-instance-id': MCFS_INSTANCE_ID,
      'mcfs-enrollment-id': MCFS_ENROLLMENT_ID,
      'mcfs-tenant-id': AZURE_TENANT_ID,
      'mcfs-api-key': apiKey
    },
    secrets: () => [apiKey, ...sb.entra.issuedTokens],
    truth,
    /** Expected grams of a run's inputs over [start, end] (MCFS gives one, market-based, figure: `method` does not change it). */
    truthGrams: ({ start, end, inputs = {} }) =>
      truth({
        enrollmentId: inputs['mcfs-enrollment-id'] || undefined,
        tenantId: inputs['mcfs-tenant-id'] || undefined,
        start,
        end
      }).totalGrams,
    forecast: (enrollmentId = MCFS_ENROLLMENT_ID) => mcfsForecast(data, enrollmentId)
  })
}
