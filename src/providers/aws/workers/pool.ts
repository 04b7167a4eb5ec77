/**
 * Page decoding off the main thread, when asked for (CCR_DECODE_WORKERS): with worker threads the main thread
 * keeps receiving, writing and summing while pages are decoded beside it. Small pages are decoded here: a
 * worker's start (loading the bundle) costs more than they do, so workers start only when the first large page
 * arrives, and pages go on being decoded here until one is ready; later, while every worker has its hands full,
 * this thread decodes the next page itself. A worker that dies takes no data with it: its pages are fetched
 * again (RetryBodyError) and decoded here from then on.
 */
import { Worker } from 'node:worker_threads'
import { RetryBodyError, NotJsonError } from '../../../body.js'
import { decodeAwsPage, type AwsPage, type AwsPageJob } from '../page.js'
import type { DecodeReply, DecodeRequest } from './decoder.js'
import { bundleEntry } from './entry.js'

export interface PageDecoder {
  decode(body: Buffer, job: AwsPageJob): Promise<AwsPage>
  /** Pages decoded on workers and here, and the workers started. */
  stats(): { workers: number; onWorkers: number; here: number }
  close(): Promise<void>
}

/** Pages smaller than this are decoded here. */
const MIN_WORKER_BYTES = 256 * 1024
/** Pages a worker may have in hand (decoding one, two waiting) before this thread decodes one itself. */
const BUSY = 3

interface Pending {
  resolve: (r: AwsPage) => void
  reject: (e: unknown) => void
}

class Slot {
  online = false
  readonly pending = new Map<number, Pending>()
  constructor(readonly worker: Worker) {}
}

export class DecoderPool implements PageDecoder {
  private slots: Slot[] = []
  private started = false
  private broken = false
  private nextId = 1
  private onWorkers = 0
  private here = 0

  /** `entry`: the bundle to start workers on (null: decode everything here); `size`: workers at most. */
  constructor(
    private readonly entry: string | null,
    private readonly size: number
  ) {}

  decode(body: Buffer, job: AwsPageJob): Promise<AwsPage> {
    if (this.entry !== null && this.size > 0 && !this.broken && body.length >= MIN_WORKER_BYTES) {
      if (!this.started) this.start(this.entry)
      let best: Slot | null = null
      for (const s of this.slots) if (s.online && (best === null || s.pending.size < best.pending.size)) best = s
      // A worker with a page in hand and one waiting is busy enough: this thread decodes the next itself, so
      // both share the work instead of this one only waiting for replies.
      if (best !== null && best.pending.size < BUSY) return this.send(best, body, job)
    }
    this.here++
    try {
      return Promise.resolve(decodeAwsPage(body, job))
    } catch (e) {
      return Promise.reject(e)
    }
  }

  stats(): { workers: number; onWorkers: number; here: number } {
    return { workers: this.slots.length, onWorkers: this.onWorkers, here: this.here }
  }

  async close(): Promise<void> {
    const slots = this.slots
    this.slots = []
    this.broken = true
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)))
  }

  private start(entry: string): void {
    this.started = true
    for (let i = 0; i < this.size; i++) {
      let worker: Worker
      try {
        worker = new Worker(entry, { workerData: { ccr: 'decoder' } })
      } catch {
        this.broken = this.slots.length === 0
        return
      }
      // Workers never keep the process alive: the run ends when its work does.
      worker.unref()
      const slot = new Slot(worker)
      worker.on('online', () => (slot.online = true))
      worker.on('message', (m: DecodeReply) => {
        const p = slot.pending.get(m.id)
        if (!p) return
        slot.pending.delete(m.id)
        if ('result' in m) p.resolve(m.result)
        else if ('notJson' in m) p.reject(new NotJsonError(m.notJson))
        else p.reject(new Error(m.error))
      })
      const lost = (why: string): void => {
        slot.online = false
        this.slots = this.slots.filter((s) => s !== slot)
        if (this.slots.length === 0) this.broken = true
        for (const p of slot.pending.values())
          p.reject(new RetryBodyError(`the page decoder thread stopped (${why}); fetching the page again`))
        slot.pending.clear()
      }
      worker.on('error', (e) => lost(e.message))
      worker.on('exit', (code) => lost(`exit code ${code}`))
      this.slots.push(slot)
    }
  }

  private send(slot: Slot, body: Buffer, job: AwsPageJob): Promise<AwsPage> {
    const id = this.nextId++
    this.onWorkers++
    return new Promise<AwsPage>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject })
      const msg: DecodeRequest = { id, job, body }
      // A body that owns its whole ArrayBuffer moves to the worker; one in Node's shared pool is copied.
      const owns =
        body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer
      slot.worker.postMessage(msg, owns ? [body.buffer as ArrayBuffer] : [])
    })
  }
}

/**
 * The run's decoder: CCR_DECODE_WORKERS worker threads on the bundle, none by default. Since pages are read from
 * their bytes (scan.ts), a page costs little more than handing it to a thread and its batch back: without a
 * worker the 1M mix peaks 45-70 MB lower for less CPU, at 0.7-1.0 s more wall time (README, "Scale and
 * benchmark"). None when running from the sources (tests of run(): the same decoding, on the main thread).
 */
export function createDecoder(env: Record<string, string | undefined>): PageDecoder {
  const raw = env.CCR_DECODE_WORKERS
  const n = raw !== undefined && /^\d+$/.test(raw.trim()) ? Math.min(16, Number(raw.trim())) : 0
  return new DecoderPool(n > 0 ? bundleEntry() : null, n)
}
