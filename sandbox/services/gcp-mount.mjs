// The Google Cloud plugin of the sandbox: Google STS (+ the OAuth token endpoint for service account keys),
// IAM Credentials and BigQuery on their own HTTPS ports, sharing one token store and one IAM policy:
//   workload identity provider  projects/123456789012/locations/global/workloadIdentityPools/github/providers/octo-repo
//     (attribute condition: assertion.repository == 'octo-org/octo-repo'); `.../providers/other-repo` refuses
//     this repository by its condition
//   carbon-reader@    impersonable by the repository; bigquery.jobUser on the query project, dataViewer on the dataset
//   no-data-reader@   impersonable; jobUser only (the table is access denied)
//   not-allowed@      not impersonable (403 from IAM Credentials)
//   the federated identity itself (principalSet of the repository): jobUser and dataViewer (direct access)
//   carbon-reports-prj.carbon_export.carbon_footprint (US), carbon-reports-prj.carbon_export_eu.carbon_footprint (EU),
//   project other-prj where nobody may create jobs
//
//   startSandbox({ gcp: { pendingAnswers: 2, pageRows: 50 } })   jobComplete false twice; pages of <= 50 rows
//   sb.gcp.state.pageRows = 7                                     the same, between runs of one sandbox
//   sb.gcp.truth({ start, end, billingAccountIds, method })      expected records and grams, without SQL
//   sb.gcp.truthGrams({ start, end, method, inputs })             the total a run of those inputs must report
//   sb.gcp.env()                                                  the CLOUDSDK_API_ENDPOINT_OVERRIDES_* variables
//   sb.gcp.credentialFiles.externalAccount / .externalAccountDirect / .serviceAccountKey   GOOGLE_APPLICATION_CREDENTIALS files
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { publishedMonth } from '../kit.mjs'
import { createTokenStore, createGoogleSts } from './google-sts.mjs'
import { createIamCredentials } from './iamcredentials.mjs'
import { createBigQuery, createEngine } from './bigquery.mjs'
import { DATASET, QUERY_PROJECT, TABLE, gcpTruth, rowKg, seedGcpData } from './gcp-data.mjs'

export const GCP_PROVIDER = 'projects/123456789012/locations/global/workloadIdentityPools/github/providers/octo-repo'
export const GCP_OTHER_PROVIDER =
  'projects/123456789012/locations/global/workloadIdentityPools/github/providers/other-repo'
const SA = (name) => `${name}@${QUERY_PROJECT.id}.iam.gserviceaccount.com`
export const GCP_SERVICE_ACCOUNT = SA('carbon-reader')
export const GCP_NO_DATA_ACCOUNT = SA('no-data-reader')
export const GCP_NOT_ALLOWED_ACCOUNT = SA('not-allowed')
export const GCP_TABLE = `${QUERY_PROJECT.id}.${DATASET}.${TABLE}`

/** The export table's columns, as DuckDB declares BigQuery's schema (gcp.md). */
export const TABLE_DDL = [
  'usage_month DATE',
  'billing_account_id VARCHAR',
  'project STRUCT(id VARCHAR, number VARCHAR)',
  'service STRUCT(id VARCHAR, description VARCHAR)',
  'location STRUCT(location VARCHAR, region VARCHAR)',
  'carbon_footprint_kgCO2e STRUCT(scope1 DOUBLE, scope2 STRUCT(location_based DOUBLE, market_based DOUBLE), scope3 DOUBLE)',
  'carbon_footprint_total_kgCO2e STRUCT(location_based DOUBLE, market_based DOUBLE, after_offsets DOUBLE)',
  'carbon_model_version BIGINT'
].join(', ')

const text = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`)
// Through the shortest decimal text: DuckDB parses it to the same double.
const dbl = (v) => (v === null ? 'NULL' : `CAST('${String(v)}' AS DOUBLE)`)

/** The rows as DuckDB VALUES lists, a few hundred a statement. */
export function insertChunks(rows, size = 500) {
  const out = []
  for (let i = 0; i < rows.length; i += size) {
    out.push(
      rows
        .slice(i, i + size)
        .map((r) => {
          const k = rowKg(r)
          return `(DATE '${r.usage_month}', ${text(r.billing_account_id)}, {'id': ${text(r.project.id)}, 'number': ${text(r.project.number)}}, {'id': ${text(r.service.id)}, 'description': ${text(r.service.description)}}, {'location': ${text(r.location.location)}, 'region': ${text(r.location.region)}}, {'scope1': ${dbl(k.scope1)}, 'scope2': {'location_based': ${dbl(k.scope2.location_based)}, 'market_based': ${dbl(k.scope2.market_based)}}, 'scope3': ${dbl(k.scope3)}}, {'location_based': ${dbl(k.total.location_based)}, 'market_based': ${dbl(k.total.market_based)}, 'after_offsets': NULL}, ${r.carbon_model_version})`
        })
        .join(',\n')
    )
  }
  return out
}

/**
 * @param {object} sb the sandbox
 * @param {{ gcp?: { seed?: string, available?: string, pendingAnswers?: number, pageRows?: number } }} [options]
 *   available: the latest month in the table (default: published by the 15th of the next month, on sb's clock)
 */
export async function mount(sb, options = {}) {
  const o = options.gcp ?? {}
  const data = seedGcpData({ seed: o.seed, available: o.available ?? publishedMonth(15, sb.now()) })
  const state = { pendingAnswers: o.pendingAnswers ?? 1, pageRows: o.pageRows ?? 10_000 }
  const tokens = createTokenStore({ now: sb.now })
  const repoSet = `principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/attribute.repository/${sb.oidc.state.subject.split(':')[1]}`
  const sa = (email) => `serviceAccount:${email}`

  // A service account key (for the key-file path): its private half goes in the key file only.
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const keyId = randomBytes(20).toString('hex')

  const sts = createGoogleSts({
    oidc: sb.oidc,
    tokens,
    now: sb.now,
    providers: [
      { name: GCP_PROVIDER, condition: (c) => c.repository === 'octo-org/octo-repo' },
      { name: GCP_OTHER_PROVIDER, condition: (c) => c.repository === 'someone-else/other-repo' }
    ],
    keys: [{ email: GCP_SERVICE_ACCOUNT, keyId, publicKey }]
  })
  const iam = createIamCredentials({
    tokens,
    now: sb.now,
    impersonators: { [GCP_SERVICE_ACCOUNT]: [repoSet], [GCP_NO_DATA_ACCOUNT]: [repoSet], [GCP_NOT_ALLOWED_ACCOUNT]: [] }
  })
  // The engine and its table are made on the first query: most runs of the sandbox never query BigQuery.
  let engine
  const makeEngine = () =>
    (engine ??= createEngine({
      datasets: [
        {
          project: QUERY_PROJECT.id,
          dataset: DATASET,
          tables: { [TABLE]: { ddl: TABLE_DDL, insert: insertChunks(data.rows) } }
        },
        {
          project: QUERY_PROJECT.id,
          dataset: `${DATASET}_eu`,
          tables: { [TABLE]: { ddl: TABLE_DDL, insert: insertChunks(data.rows.slice(0, 40)) } }
        }
      ]
    }))
  const readers = [sa(GCP_SERVICE_ACCOUNT), repoSet]
  const bigquery = createBigQuery({
    engine: makeEngine,
    tokens,
    state,
    projects: {
      [QUERY_PROJECT.id]: { jobUsers: [...readers, sa(GCP_NO_DATA_ACCOUNT)] },
      'other-prj': { jobUsers: [] }
    },
    datasets: [
      { project: QUERY_PROJECT.id, dataset: DATASET, location: 'US', viewers: readers, tables: [TABLE] },
      { project: QUERY_PROJECT.id, dataset: `${DATASET}_eu`, location: 'EU', viewers: readers, tables: [TABLE] }
    ]
  })
  const urls = {
    sts: (await sb.kit.serve('google-sts', sts)).url,
    iamcredentials: (await sb.kit.serve('iamcredentials', iam)).url,
    bigquery: (await sb.kit.serve('bigquery', bigquery)).url
  }
  Object.assign(sb.urls, { 'google-sts': urls.sts, iamcredentials: urls.iamcredentials, bigquery: urls.bigquery })

  // GOOGLE_APPLICATION_CREDENTIALS files, as google-github-actions/auth and `gcloud iam service-accounts keys` write them.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-gcp-'))
  const oidcEnv = sb.oidc.env(sb.urls.oidc)
  const externalAccount = (impersonate) => ({
    type: 'external_account',
    audience: `//iam.googleapis.com/${GCP_PROVIDER}`,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: `${urls.sts}/v1/token`,
    credential_source: {
      url: `${oidcEnv.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(`https://iam.googleapis.com/${GCP_PROVIDER}`)}`,
      headers: { Authorization: `Bearer ${oidcEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN}` },
      format: { type: 'json', subject_token_field_name: 'value' }
    },
    ...(impersonate
      ? {
          service_account_impersonation_url: `${urls.iamcredentials}/v1/projects/-/serviceAccounts/${GCP_SERVICE_ACCOUNT}:generateAccessToken`
        }
      : {})
  })
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' })
  const files = {
    externalAccount: path.join(dir, 'gha-creds-impersonate.json'),
    externalAccountDirect: path.join(dir, 'gha-creds-direct.json'),
    serviceAccountKey: path.join(dir, 'carbon-reader-key.json')
  }
  fs.writeFileSync(files.externalAccount, JSON.stringify(externalAccount(true), null, 2), { mode: 0o600 })
  fs.writeFileSync(files.externalAccountDirect, JSON.stringify(externalAccount(false), null, 2), { mode: 0o600 })
  fs.writeFileSync(
    files.serviceAccountKey,
    JSON.stringify(
      {
        type: 'service_account',
        project_id: QUERY_PROJECT.id,
        private_key_id: keyId,
        private_key: privatePem,
        client_email: GCP_SERVICE_ACCOUNT,
        client_id: '109876543210987654321',
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: `${urls.sts}/token`,
        universe_domain: 'googleapis.com'
      },
      null,
      2
    ),
    { mode: 0o600 }
  )

  const env = () => ({
    CLOUDSDK_API_ENDPOINT_OVERRIDES_STS: urls.sts,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS: urls.iamcredentials,
    CLOUDSDK_API_ENDPOINT_OVERRIDES_BIGQUERY: urls.bigquery
  })
  const close = sb.close
  sb.close = async () => {
    await close()
    if (engine) (await engine).close()
    fs.rmSync(dir, { recursive: true, force: true })
  }

  sb.register('gcp', {
    data,
    state,
    tokens,
    jobs: bigquery.jobs,
    urls,
    available: data.available,
    provider: GCP_PROVIDER,
    otherProvider: GCP_OTHER_PROVIDER,
    serviceAccount: GCP_SERVICE_ACCOUNT,
    noDataAccount: GCP_NO_DATA_ACCOUNT,
    notAllowedAccount: GCP_NOT_ALLOWED_ACCOUNT,
    table: GCP_TABLE,
    queryProject: QUERY_PROJECT.id,
    credentialFiles: files,
    env,
    inputs: {
      providers: 'gcp',
      'gcp-workload-identity-provider': GCP_PROVIDER,
      'gcp-service-account': GCP_SERVICE_ACCOUNT,
      'gcp-table': GCP_TABLE,
      'gcp-location': 'US'
    },
    secrets: () => [...tokens.all(), privatePem],
    truth: (q) => gcpTruth(data, q),
    /** Expected grams of a run's inputs over [start, end] with the headline `method` (for the demo's check). */
    truthGrams: ({ start, end, method, inputs = {} }) =>
      gcpTruth(data, {
        start,
        end,
        method,
        billingAccountIds: (inputs['gcp-billing-account-ids'] ?? '')
          .split(/[\n,]/)
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean)
      }).totalGrams
  })
}
