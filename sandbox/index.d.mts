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
export interface Sandbox {
  kit: {
    faults: { add(service: string, spec: Record<string, unknown>): { hits: number }; clear(service?: string): void }
    latency: Record<string, number>
    log: SandboxRequest[]
    requests(service?: string): SandboxRequest[]
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
