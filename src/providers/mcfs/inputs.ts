/** The mcfs provider's inputs: the instance, the data sets, the API key, and the shared Entra sign-in. */
import { GUID, type Inputs } from '../../inputs.js'
import { parseEntraInputs, type EntraSettings } from '../../auth/entra-inputs.js'

export interface McfsSettings {
  instanceId: string
  enrollmentId: string
  tenantId: string
  apiKey: string
  endpoint: string
  entra: EntraSettings
}

export function parseMcfsInputs(i: Inputs): McfsSettings {
  const entra = parseEntraInputs(i)
  const mcfs: McfsSettings = {
    instanceId: i.get('mcfs-instance-id'),
    enrollmentId: i.get('mcfs-enrollment-id'),
    tenantId: i.get('mcfs-tenant-id'),
    apiKey: i.get('mcfs-api-key'),
    endpoint: i.url('mcfs-endpoint', 'https://api.mcfs.microsoft.com'),
    entra
  }
  if (mcfs.instanceId !== '' && !/^[\w-]{1,128}$/.test(mcfs.instanceId))
    i.bad(
      'mcfs-instance-id',
      mcfs.instanceId,
      'is not an instance id',
      'Use the MCFS instance id (a GUID) from your Microsoft Cloud for Sustainability environment.'
    )
  if (mcfs.enrollmentId !== '' && !/^[\w-]{1,64}$/.test(mcfs.enrollmentId))
    i.bad(
      'mcfs-enrollment-id',
      mcfs.enrollmentId,
      'is not an enrollment id',
      'Use the billing account (enrollment) number, e.g. 12345678.'
    )
  if (mcfs.tenantId !== '' && !GUID.test(mcfs.tenantId))
    i.bad('mcfs-tenant-id', mcfs.tenantId, 'is not a tenant id', 'Use the Microsoft 365 tenant id GUID.')
  // A merge job reads the shards' reports and signs in nowhere: it does not need the MCFS key and ids.
  if (i.selected.includes('mcfs') && !i.merge) {
    if (mcfs.instanceId === '')
      i.problem(`Input 'mcfs-instance-id' is required with the mcfs provider. Give your MCFS instance id.`)
    if (mcfs.enrollmentId === '' && mcfs.tenantId === '')
      i.problem(
        `Input 'mcfs-enrollment-id' (or 'mcfs-tenant-id') is required with the mcfs provider. Give the enrollment (billing account) to report, the Microsoft 365 tenant, or both.`
      )
    if (mcfs.apiKey === '')
      i.problem(
        `Input 'mcfs-api-key' is required with the mcfs provider. Store the API Management key as a repository secret and pass it: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`
      )
  }
  return mcfs
}
