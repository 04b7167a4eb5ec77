/**
 * The providers: one entry each, typed so that a provider id without an entry (or an entry without an id) does
 * not compile. Labels, input sections and publication days come from here; the provider's code loads lazily, so
 * an AWS-only run never parses the Azure SDK.
 */
import type { ProviderId } from '../model.js'
import type { Inputs } from '../inputs.js'
import type { Provider } from './kit/seam.js'
import { parseAwsInputs } from './aws/inputs.js'
import { parseAzureInputs } from './azure/inputs.js'
import { parseMcfsInputs } from './mcfs/inputs.js'
import { parseGcpInputs } from './gcp/inputs.js'

export interface ProviderEntry<S> {
  /** The name a reader knows it by, in the report and the log. */
  label: string
  /** A short name for table cells and chart legends. */
  short: string
  /** Day of the next month by which the provider publishes a month (UTC). */
  publicationDay: number
  /** Its section of the inputs, parsed and validated (every input is checked, used or not). */
  parseInputs(inputs: Inputs): S
  load(): Promise<Provider>
}

export const PROVIDERS = {
  aws: {
    label: 'AWS',
    short: 'AWS',
    publicationDay: 21,
    parseInputs: parseAwsInputs,
    load: async () => (await import('./aws/index.js')).awsProvider
  },
  azure: {
    label: 'Azure',
    short: 'Azure',
    publicationDay: 19,
    parseInputs: parseAzureInputs,
    load: async () => (await import('./azure/index.js')).azureProvider
  },
  mcfs: {
    label: 'Microsoft Cloud for Sustainability',
    short: 'MCFS',
    // MCFS publishes no schedule: treated as Azure's.
    publicationDay: 19,
    parseInputs: parseMcfsInputs,
    load: async () => (await import('./mcfs/index.js')).mcfsProvider
  },
  gcp: {
    label: 'Google Cloud',
    short: 'GCP',
    publicationDay: 15,
    parseInputs: parseGcpInputs,
    load: async () => (await import('./gcp/index.js')).gcpProvider
  }
} as const satisfies { [K in ProviderId]: ProviderEntry<unknown> }

/** Each provider's section of the settings, by id. */
export type ProviderSettings = { [K in ProviderId]: ReturnType<(typeof PROVIDERS)[K]['parseInputs']> }

/** A provider's name in prose; an id this version does not know (an older report's, say) as it is. */
export function providerLabel(id: string): string {
  return id in PROVIDERS ? PROVIDERS[id as ProviderId].label : id
}

/** "AWS publishes a month by the 21st of the next month, Azure by the 19th, …", for messages. */
export function publicationSchedule(ids: readonly ProviderId[]): string {
  const th = (d: number): string =>
    `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`
  return ids
    .map(
      (id, i) =>
        `${PROVIDERS[id].short} ${i === 0 ? 'publishes a month ' : ''}by the ${th(PROVIDERS[id].publicationDay)}${i === 0 ? ' of the next' : ''}`
    )
    .join(', ')
}

// One module graph is linked at a time: the loads are microseconds apart anyway, and concurrent dynamic
// imports of modules that share dependencies trip some ESM loaders (jest's vm modules among them).
let queue: Promise<unknown> = Promise.resolve()

export function loadProvider(id: ProviderId): Promise<Provider> {
  const next = queue.then(() => PROVIDERS[id].load())
  queue = next.catch(() => undefined)
  return next
}
