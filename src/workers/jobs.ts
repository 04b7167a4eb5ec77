/**
 * The page decoding jobs a worker thread can take: plain data in (the body's bytes and what the job needs),
 * plain data out. The same functions run on the main thread when there is no worker.
 */
import { decodeAwsPage, type AwsPage, type AwsPageJob } from '../providers/aws-page.js'

export type DecodeJob = AwsPageJob
export type DecodeResult = AwsPage

export function decodeHere(body: Uint8Array, job: DecodeJob): DecodeResult {
  switch (job.kind) {
    case 'aws-page':
      return decodeAwsPage(body, job)
    default:
      throw new Error(`unknown decode job ${JSON.stringify((job as { kind?: unknown }).kind)}`)
  }
}
