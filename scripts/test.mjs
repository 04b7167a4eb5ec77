#!/usr/bin/env node
// `npm test`: makes sure the sandbox's test CA exists, then runs jest (ESM) with the CA trusted through
// NODE_EXTRA_CA_CERTS, which Node reads only at process start. Extra arguments go to jest.
// CCR_TEST_BUNDLE_DIR: where the tests that run the bundle build one from the current source, once per run
// (__tests__/helpers/bundle.ts); removed at the end.
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { ensureTls } from '../sandbox/tls.mjs'

const { caPath } = await ensureTls()
const require = createRequire(import.meta.url)
const jest = path.join(path.dirname(require.resolve('jest/package.json')), 'bin', 'jest.js')
const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-test-bundle-'))
const child = spawn(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_EXTRA_CA_CERTS: caPath, CCR_TEST_BUNDLE_DIR: bundleDir }
  }
)
child.on('exit', (code, signal) => {
  fs.rmSync(bundleDir, { recursive: true, force: true })
  process.exit(signal ? 1 : (code ?? 1))
})
