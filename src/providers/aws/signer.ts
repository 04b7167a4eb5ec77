/** SigV4 for the Sustainability API with @smithy/signature-v4, its sha256 on node:crypto. */
import { createHash, createHmac } from 'node:crypto'
import { SignatureV4 } from '@smithy/signature-v4'
import type { AwsCredentialIdentity } from '@smithy/types'

/** A sha256 for the signer, on node:crypto (the Checksum interface smithy expects). */
class Sha256 {
  private readonly h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256')
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(toBytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest())
  }
  reset(): void {}
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

export type Sign = (req: {
  method: string
  url: URL
  headers: Record<string, string>
  body: string | Buffer | undefined
}) => Promise<Record<string, string>>

/** Signs each request with the identity's current credentials (renewed before they expire). */
export function sustainabilitySigner(signingRegion: string, credentials: () => Promise<AwsCredentialIdentity>): Sign {
  const signer = new SignatureV4({ service: 'sustainability', region: signingRegion, credentials, sha256: Sha256 })
  return async ({ method, url, headers, body }) => {
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: { ...headers, host: url.host },
      body
    })
    const h = { ...(signed.headers as Record<string, string>) }
    delete h.host
    return h
  }
}
