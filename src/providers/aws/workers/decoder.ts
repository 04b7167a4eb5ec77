/**
 * The worker thread's side of the page decoders: one job at a time, in the order they come. A body that is
 * not JSON answers `notJson` (the main thread retries the request); any other failure answers `error`.
 */
import { parentPort } from 'node:worker_threads'
import { NotJsonError } from '../../../body.js'
import { transferList } from '../../../report/batch.js'
import { decodeAwsPage, type AwsPage, type AwsPageJob } from '../page.js'

export interface DecodeRequest {
  id: number
  job: AwsPageJob
  body: Uint8Array
}

export type DecodeReply =
  { id: number; result: AwsPage } | { id: number; notJson: string } | { id: number; error: string }

export function serve(): void {
  const port = parentPort
  if (!port) throw new Error('the page decoder runs on a worker thread')
  port.on('message', (m: DecodeRequest) => {
    let reply: DecodeReply
    let transfer: ArrayBuffer[] = []
    try {
      const result = decodeAwsPage(m.body, m.job)
      reply = { id: m.id, result }
      transfer = transferList(result.batch)
    } catch (e) {
      reply =
        e instanceof NotJsonError
          ? { id: m.id, notJson: e.detail }
          : { id: m.id, error: e instanceof Error ? e.message : String(e) }
    }
    port.postMessage(reply, transfer)
  })
}
