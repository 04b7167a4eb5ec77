/** Providers load lazily: an AWS-only run never parses the Azure SDK. */
import type { ProviderId } from '../model.js'
import type { Provider } from './provider.js'

export async function loadProvider(id: ProviderId): Promise<Provider> {
  switch (id) {
    case 'aws':
      return (await import('./aws.js')).awsProvider
    case 'azure':
      return (await import('./azure.js')).azureProvider
    default:
      throw new Error(`The ${id} provider is not available in this version of cloud-carbon-report.`)
  }
}
