// The sandbox's TLS: a private CA and a server certificate for localhost, 127.0.0.1, ::1 and the real hosts of the
// AWS Sustainability API (reached through the sandbox's CONNECT proxy, see aws-hosts.mjs), made once and
// kept in .sandbox/ (git-ignored). The action reaches the sandbox over real HTTPS and trusts the CA through
// NODE_EXTRA_CA_CERTS, which Node reads only when a process starts: `npm test` and `npm run demo` start
// their children with it. Keys come from node:crypto (fast); node-forge only writes the X.509 certificates.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import forge from 'node-forge'
import { awsSustainabilityHosts } from './aws-hosts.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DAY = 24 * 3600 * 1000

function rsaKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const key = forge.pki.privateKeyFromPem(pem)
  return { pem, key, pub: forge.pki.setRsaPublicKey(key.n, key.e) }
}

function certificate({ subject, issuer, pub, signer, ca, days, names = [] }) {
  const cert = forge.pki.createCertificate()
  cert.publicKey = pub
  cert.serialNumber = '01' + randomBytes(8).toString('hex')
  cert.validity.notBefore = new Date(Date.now() - DAY)
  cert.validity.notAfter = new Date(Date.now() + days * DAY)
  cert.setSubject([
    { name: 'commonName', value: subject },
    { name: 'organizationName', value: 'cloud-carbon-report sandbox' }
  ])
  cert.setIssuer([
    { name: 'commonName', value: issuer },
    { name: 'organizationName', value: 'cloud-carbon-report sandbox' }
  ])
  cert.setExtensions(
    ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
          { name: 'subjectKeyIdentifier' }
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              { type: 2, value: 'localhost' },
              { type: 7, ip: '127.0.0.1' },
              { type: 7, ip: '::1' },
              ...names.map((value) => ({ type: 2, value }))
            ]
          }
        ]
  )
  cert.sign(signer, forge.md.sha256.create())
  return forge.pki.certificateToPem(cert)
}

function stillGood(file) {
  try {
    const cert = new X509Certificate(fs.readFileSync(file))
    return new Date(cert.validTo).getTime() > Date.now() + 7 * DAY
  } catch {
    return false
  }
}

/**
 * Makes (or reuses) the CA and the server certificate.
 * @returns {{ caPath: string, caPem: string, certPem: string, keyPem: string }}
 */
export async function ensureTls(dir = path.join(ROOT, '.sandbox')) {
  const caPath = path.join(dir, 'ca.pem')
  const certPath = path.join(dir, 'server.pem')
  const keyPath = path.join(dir, 'server-key.pem')
  const namesPath = path.join(dir, 'server-names.txt')
  const names = [...awsSustainabilityHosts().keys()].sort()
  const sameNames = fs.existsSync(namesPath) && fs.readFileSync(namesPath, 'utf8') === names.join('\n')
  if (!(fs.existsSync(keyPath) && sameNames && stillGood(caPath) && stillGood(certPath))) {
    fs.mkdirSync(dir, { recursive: true })
    const ca = rsaKey()
    const server = rsaKey()
    const caPem = certificate({
      subject: 'cloud-carbon-report sandbox CA',
      issuer: 'cloud-carbon-report sandbox CA',
      pub: ca.pub,
      signer: ca.key,
      ca: true,
      days: 3650
    })
    const certPem = certificate({
      subject: 'localhost',
      issuer: 'cloud-carbon-report sandbox CA',
      pub: server.pub,
      signer: ca.key,
      ca: false,
      days: 825,
      names
    })
    // Written under temporary names and renamed, so that parallel first runs never read half a file.
    const write = (file, text) => {
      const tmp = `${file}.${process.pid}.tmp`
      fs.writeFileSync(tmp, text, { mode: 0o600 })
      fs.renameSync(tmp, file)
    }
    write(keyPath, server.pem)
    write(certPath, certPem)
    write(caPath, caPem)
    write(namesPath, names.join('\n'))
  }
  return {
    caPath,
    caPem: fs.readFileSync(caPath, 'utf8'),
    certPem: fs.readFileSync(certPath, 'utf8'),
    keyPem: fs.readFileSync(keyPath, 'utf8')
  }
}
