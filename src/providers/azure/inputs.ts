/** The azure provider's inputs: the Entra sign-in, the subscriptions and the ARM endpoint. */
import { GUID, type Inputs } from '../../inputs.js'
import { AZURE_CLOUDS, parseEntraInputs, type EntraSettings } from '../../auth/entra-inputs.js'

export interface AzureSettings extends EntraSettings {
  subscriptionIds: string[]
  resourceManagerEndpoint: string
}

export function parseAzureInputs(i: Inputs): AzureSettings {
  const entra = parseEntraInputs(i)
  const subscriptionIds: string[] = []
  for (const s of i.list('azure-subscription-ids')) {
    if (!GUID.test(s))
      i.bad(
        'azure-subscription-ids',
        s,
        'is not a subscription id',
        'Use subscription GUIDs, comma- or newline-separated.'
      )
    else if (!subscriptionIds.includes(s.toLowerCase())) subscriptionIds.push(s.toLowerCase())
  }
  const resourceManagerEndpoint = i.url('azure-resource-manager-endpoint', AZURE_CLOUDS[entra.environment].arm)
  return { ...entra, subscriptionIds, resourceManagerEndpoint }
}
