/**
 * The Google Cloud inputs, read once into a typed object, and the endpoints they and the environment name.
 * Every bad input is reported through `bad` (name, value, what is wrong, the fix) and every other problem
 * through `problem`, as src/settings.ts does: the caller lists them all at once and fetches nothing.
 */

export interface GcpTable {
  project: string
  dataset: string
  table: string
}

export interface GcpEndpoints {
  /** Base URLs, no trailing slash: the API paths (`/v1/token`, `/bigquery/v2/...`) follow them. */
  sts: string
  iamcredentials: string
  bigquery: string
  /** The OAuth 2.0 token endpoint of the universe, for service account keys without `token_uri`. */
  oauth2Token: string
}

export interface GcpSettings {
  /** `projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER`; '' = GOOGLE_APPLICATION_CREDENTIALS. */
  workloadIdentityProvider: string
  /** The service account to impersonate; '' = the federated identity (or the credentials file's own choice). */
  serviceAccount: string
  /** The GitHub OIDC audience for Google Cloud. */
  audience: string
  table: GcpTable
  /** The project that runs the query (bigquery.jobs.create). */
  projectId: string
  /** The BigQuery location of the dataset (US, EU, europe-west1...). */
  location: string
  /** Billing accounts to keep (upper case); empty = every one the table holds. */
  billingAccountIds: string[]
  universe: string
  endpoints: GcpEndpoints
}

export interface GcpSettingsInput {
  /** An input's value, trimmed ('' when not given). */
  input: (name: string) => string
  bad: (name: string, value: string, why: string, fix: string) => void
  /** A problem that is not one input's value (a missing required input, a bad environment variable). */
  problem: (text: string) => void
  env: Record<string, string | undefined>
  /** The gcp provider is selected and will sign in (not a merge job): the required inputs are required. */
  selected: boolean
}

export const PROVIDER_NAME =
  /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([a-z0-9-]{4,32})\/providers\/([a-z0-9-]{4,32})$/
/** A project id, with the domain prefix of older projects (`example.com:my-project`). */
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/
const DATASET_ID = /^\w{1,1024}$/
/** Letters, digits, `_`, `-`, `$` (a partition decorator): never a backtick, a dot or a space. */
const TABLE_ID = /^[\w$-]{1,1024}$/
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/i
const SERVICE_ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,62}@[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i
const LOCATION = /^[A-Za-z][A-Za-z0-9-]{1,39}$/
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

/** Splits a list input on commas and newlines; blanks and surrounding spaces are ignored. */
function list(value: string): string[] {
  return value
    .split(/[,\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** `PROJECT.DATASET.TABLE` (the project may carry a `domain:` prefix), or null. */
export function parseTableName(value: string): GcpTable | null {
  const v = value.replace(/^`|`$/g, '')
  const last = v.lastIndexOf('.')
  const middle = v.lastIndexOf('.', last - 1)
  if (last < 0 || middle < 0) return null
  const t = { project: v.slice(0, middle), dataset: v.slice(middle + 1, last), table: v.slice(last + 1) }
  return PROJECT_ID.test(t.project) && DATASET_ID.test(t.dataset) && TABLE_ID.test(t.table) ? t : null
}

export function parseGcpSettings(o: GcpSettingsInput): GcpSettings {
  const { input, bad, problem } = o

  let provider = input('gcp-workload-identity-provider')
  if (provider !== '' && !PROVIDER_NAME.test(provider)) {
    const stripped = provider.replace(/^(https:)?\/\/iam\.googleapis\.com\//, '')
    bad(
      'gcp-workload-identity-provider',
      provider,
      'is not the full name of a workload identity provider',
      PROVIDER_NAME.test(stripped)
        ? `Give it without the //iam.googleapis.com/ prefix: ${stripped}.`
        : /^projects\/[a-z][a-z0-9-]+\//.test(provider)
          ? 'Use the project NUMBER, not its id: projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER (gcloud iam workload-identity-pools providers describe PROVIDER --workload-identity-pool=POOL --location=global --format="value(name)").'
          : 'Use projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER.'
    )
    provider = ''
  }

  const serviceAccount = input('gcp-service-account')
  if (serviceAccount !== '' && !SERVICE_ACCOUNT.test(serviceAccount))
    bad(
      'gcp-service-account',
      serviceAccount,
      'is not a service account e-mail',
      'Use the e-mail of the service account, e.g. carbon-reader@my-project.iam.gserviceaccount.com, or leave it empty to query as the federated identity.'
    )

  const rawTable = input('gcp-table')
  const parsed = rawTable === '' ? null : parseTableName(rawTable)
  if (rawTable !== '' && parsed === null)
    bad(
      'gcp-table',
      rawTable,
      'is not a BigQuery table name',
      parseTableName(rawTable.replace(/:(?=[^:]*$)/, '.')) !== null
        ? `Use a dot, not a colon, between the project and the dataset (Standard SQL): ${rawTable.replace(/:(?=[^:]*$)/, '.')}.`
        : 'Use PROJECT.DATASET.TABLE, e.g. my-project.carbon_export.carbon_footprint (the table the Carbon Footprint export fills).'
    )
  if (rawTable === '' && o.selected)
    problem(
      `Input 'gcp-table' is required with the gcp provider. Give the Carbon Footprint export table as PROJECT.DATASET.TABLE, e.g. my-project.carbon_export.carbon_footprint.`
    )
  const table = parsed ?? { project: '', dataset: '', table: '' }

  let projectId = input('gcp-project-id')
  if (projectId !== '' && !PROJECT_ID.test(projectId)) {
    bad(
      'gcp-project-id',
      projectId,
      'is not a project id',
      'Use the id of the project that runs the query (6 to 30 lower-case letters, digits and hyphens), or leave it empty for the table’s project.'
    )
    projectId = ''
  }

  const location = input('gcp-location') || 'US'
  if (!LOCATION.test(location))
    bad(
      'gcp-location',
      location,
      'is not a BigQuery location',
      'Use the dataset’s location: US, EU or a region such as europe-west1.'
    )

  const billingAccountIds: string[] = []
  for (const b of list(input('gcp-billing-account-ids'))) {
    if (!BILLING_ACCOUNT.test(b))
      bad(
        'gcp-billing-account-ids',
        b,
        'is not a billing account id',
        'Use ids of the form 012345-6789AB-CDEF01, comma- or newline-separated.'
      )
    else if (!billingAccountIds.includes(b.toUpperCase())) billingAccountIds.push(b.toUpperCase())
  }

  let universe = input('gcp-universe') || 'googleapis.com'
  if (!DNS_NAME.test(universe)) {
    bad('gcp-universe', universe, 'is not a domain name', 'Use the universe domain, e.g. googleapis.com (the default).')
    universe = 'googleapis.com'
  }

  if (
    o.selected &&
    provider === '' &&
    input('gcp-workload-identity-provider') === '' &&
    !o.env.GOOGLE_APPLICATION_CREDENTIALS
  )
    problem(
      `Input 'gcp-workload-identity-provider' is required with the gcp provider unless GOOGLE_APPLICATION_CREDENTIALS names a credentials file. Give the provider's full name (projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER), or run google-github-actions/auth before this step.`
    )

  return {
    workloadIdentityProvider: provider,
    serviceAccount,
    audience: input('gcp-audience') || (provider ? `https://iam.googleapis.com/${provider}` : ''),
    table,
    projectId: projectId || table.project,
    location,
    billingAccountIds,
    universe,
    endpoints: gcpEndpoints(universe, o.env, problem)
  }
}

/** The API paths an override may carry in gcloud's own form (`.../bigquery/v2/`): the client adds them itself. */
const API_PATHS: Record<'STS' | 'IAMCREDENTIALS' | 'BIGQUERY', RegExp> = {
  STS: /\/v1\/?$/,
  IAMCREDENTIALS: /\/v1\/?$/,
  BIGQUERY: /\/bigquery\/v2\/?$/
}

/**
 * The endpoints of a universe, each replaced by its CLOUDSDK_API_ENDPOINT_OVERRIDES_* variable when set: an
 * absolute https:// URL without user info (the tokens go there).
 */
export function gcpEndpoints(
  universe: string,
  env: Record<string, string | undefined>,
  problem: (text: string) => void = () => undefined
): GcpEndpoints {
  const pick = (api: 'STS' | 'IAMCREDENTIALS' | 'BIGQUERY', host: string): string => {
    const name = `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`
    const value = (env[name] ?? '').trim()
    const dflt = `https://${host}.${universe}`
    if (value === '') return dflt
    const why = httpsProblem(value)
    if (why !== null) {
      problem(`The environment variable ${name} ${why}. Give an https:// base URL such as ${dflt}, or remove it.`)
      return dflt
    }
    return value.replace(API_PATHS[api], '').replace(/\/+$/, '')
  }
  return {
    sts: pick('STS', 'sts'),
    iamcredentials: pick('IAMCREDENTIALS', 'iamcredentials'),
    bigquery: pick('BIGQUERY', 'bigquery'),
    oauth2Token: `https://oauth2.${universe}/token`
  }
}

/** Why a URL may not receive tokens (not absolute, not https, user info), or null; never echoes credentials. */
export function httpsProblem(value: string): string | null {
  let u: URL
  try {
    u = new URL(value)
  } catch {
    return `${JSON.stringify(value)} is not a URL`
  }
  if (u.username || u.password) return '(a URL with credentials) has user info in it'
  if (u.protocol !== 'https:') return `${JSON.stringify(value)} is not HTTPS`
  return null
}
