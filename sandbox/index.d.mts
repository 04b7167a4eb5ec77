// Types for TypeScript tests that drive the sandbox (the sandbox itself is plain JavaScript).
export interface SandboxRequest {
  service: string
  method: string
  path: string
  /** The query string, with its leading `?` (or empty). */
  query: string
  /** -1: reset by a fault, -2: left hanging by a fault. */
  status: number
  at: number
  ms: number
  fault: string | null
}
/** A record the gcp provider must produce, from the sandbox's seed (services/gcp-data.mjs gcpTruth). */
export interface GcpTruthRecord {
  provider: 'gcp'
  account: string
  accountName: null
  month: string
  service: string | null
  region: string | null
  grams: number
  marketGrams: number | null
  locationGrams: number | null
  scope1Grams: number | null
  scope2MarketGrams: number | null
  scope2LocationGrams: number | null
  scope3MarketGrams: number | null
  scope3LocationGrams: number | null
  modelVersion: string
}
/** The Google Cloud plugin (services/gcp-mount.mjs). */
export interface SandboxGcp {
  state: { pendingAnswers: number; pageRows: number }
  /** BigQuery's jobs by id, each with the request that made it (query, dialect, parameters). */
  jobs: Map<string, { request: { query: string; useLegacySql?: boolean; parameterMode?: string; params: unknown[] } }>
  /** The latest month in the export (published by the 15th of the next month). */
  available: string
  provider: string
  otherProvider: string
  serviceAccount: string
  noDataAccount: string
  notAllowedAccount: string
  table: string
  queryProject: string
  urls: { sts: string; iamcredentials: string; bigquery: string }
  credentialFiles: { externalAccount: string; externalAccountDirect: string; serviceAccountKey: string }
  env(): Record<string, string>
  inputs: Record<string, string>
  truth(q: { start: string; end: string; billingAccountIds?: string[]; method?: 'market' | 'location' }): {
    records: GcpTruthRecord[]
    totalGrams: number
    byMonth: Record<string, number>
  }
  truthGrams(q: { start: string; end: string; method?: 'market' | 'location'; inputs?: Record<string, string> }): number
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- seeded rows, plain JavaScript objects
  data: { rows: any[]; available: string; first: string }
  /** The access tokens the Google services issued. */
  tokens: { all(): string[] }
  secrets(): string[]
}
export interface Sandbox {
  gcp: SandboxGcp
  kit: {
    faults: { add(service: string, spec: Record<string, unknown>): { hits: number }; clear(service?: string): void }
    latency: Record<string, number>
    log: SandboxRequest[]
    requests(service?: string): SandboxRequest[]
    /** Opt-in: while `list` is an array, every request as sent is pushed to it (bench/recording.mjs). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- records of plain JavaScript
    recorder: { list: any[] | null; keepResponse: number }
  }
  tls: { caPath: string }
  urls: Record<string, string>
  inputs: Record<string, Record<string, string>>
  entraInputs: Record<string, string>
  env(extra?: Record<string, string | undefined>): Record<string, string>
  secrets(): string[]
  close(): Promise<void>
  /** `sb[name]` = part; the sandbox takes env(), inputs and secrets() from hooks (default: part). */
  register(
    name: string,
    part: object,
    hooks?: { env?(): Record<string, string>; inputs?: Record<string, string>; secrets?(): string[] }
  ): void
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the services are plain JavaScript objects
  [name: string]: any
}
export function startSandbox(options?: Record<string, unknown>): Promise<Sandbox>
export const AWS_ORGS: Array<{ id: string; management: string; accounts: number; role?: string; denied?: boolean }>
export const UNTRUSTED_ROLE: string
export const AZURE_TENANT_ID: string
export const AZURE_CLIENT_ID: string
export const MCFS_APP_ID: string
/** The sandbox's plugin modules, in mount order. */
export const PLUGINS: string[]
