// Types for the test of the replay plan (bench/recording.mjs is plain JavaScript).
export interface RecordedRequest {
  service: string
  method: string
  url: string
  rawHeaders: string[]
  body: Buffer
  start: number
  end: number
  status: number
  response: Buffer | null
}
export interface ReplayRequest {
  service: string
  method: string
  url: string
  headers: Array<[string, string]>
  /** base64 */
  body: string
  status: number
  /** indices of the requests this one waits for */
  deps: number[]
}
export function replayPlan(
  list: RecordedRequest[],
  o: { concurrency: number; latency: number }
): { concurrency: number; latency: number; requests: ReplayRequest[]; waits: { chained: number; signIn: number } }
