/** Response bodies as text, and the one error that says a body that should be JSON is not (a transient fault). */
import { isAscii } from 'node:buffer'

/**
 * A body as UTF-8 text. Pure ASCII (nearly every API answer, pages of several MB) reads the same in latin1,
 * which copies bytes to a one-byte string without the UTF-8 decoder's work; isAscii is a SIMD scan.
 */
export function bodyText(buf: Uint8Array): string {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
  if (!isAscii(b)) return b.toString('utf8')
  if (b.length <= PIECE) return b.toString('latin1')
  // Node makes a string of over about 1 MB an external string (C++ memory, freed only after a collection finds
  // it dead, and left to the allocator); pieces below that are V8 heap strings, joined when JSON.parse reads them.
  let text = ''
  for (let at = 0; at < b.length; at += PIECE) text += b.toString('latin1', at, Math.min(b.length, at + PIECE))
  return text
}

/** Text pieces of a large body: below the size at which Node makes an external string. */
const PIECE = 512 * 1024

/** A few words on a body for an error message: its size and how it starts (never the whole body). */
export function describeBody(text: string): string {
  if (text === '') return 'empty'
  const head = text.slice(0, 60).replace(/\s+/g, ' ')
  return `${text.length} bytes starting ${JSON.stringify(head)}`
}

/** A 2xx body that could not be used for a passing reason: the HTTP layer fetches it again. */
export class RetryBodyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RetryBodyError'
  }
}

/** A 2xx body that should be JSON and is not (a proxy's error page, a cut body): the HTTP layer retries it. */
export class NotJsonError extends RetryBodyError {
  constructor(readonly detail: string) {
    super(`the response body was not JSON (${detail})`)
    this.name = 'NotJsonError'
  }
}

/** JSON.parse of a body's text, or a NotJsonError describing it (an empty body is not JSON either). */
export function parseJsonBody(text: string): unknown {
  if (text === '') throw new NotJsonError(describeBody(text))
  try {
    return JSON.parse(text)
  } catch {
    throw new NotJsonError(describeBody(text))
  }
}
