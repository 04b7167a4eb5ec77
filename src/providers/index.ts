/** Providers load lazily: an AWS-only run never parses the Azure SDK. */
import type { ProviderId } from '../model.js'
import type { Provider } from './provider.js'

async function load(id: ProviderId): Promise<Provider> {
  switch (id) {
    case 'aws':
      return (await import('./aws.js')).awsProvider
    case 'azure':
      return (await import('./azure.js')).azureProvider
    case 'mcfs':
      return (await import('./mcfs.js')).mcfsProvider
    default:
      throw new Error(`The ${id} provider is not available in this version of cloud-carbon-report.`)
  }
}

// One module graph is linked at a time: the loads are microseconds apart anyway, and concurrent dynamic
// imports of modules that share dependencies trip some ESM loaders (jest's vm modules among them).
let queue: Promise<unknown> = Promise.resolve()

export function loadProvider(id: ProviderId): Promise<Provider> {
  const next = queue.then(() => load(id))
  queue = next.catch(() => undefined)
  return next
}
