#!/usr/bin/env node
// `npm test`: makes sure the sandbox's test CA exists, then runs jest (ESM) with the CA trusted through
// NODE_EXTRA_CA_CERTS, which Node reads only at process start. Extra arguments go to jest.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { ensureTls } from '../sandbox/tls.mjs'

const { caPath } = await ensureTls()
const require = createRequire(import.meta.url)
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js')
const child = spawn(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath }
  }
)
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
