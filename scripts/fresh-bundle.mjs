// jest's globalSetup: the tests that run the bundle (runBundle, the worker-thread decoder) run a bundle made now
// from the current source, never the committed dist/ (which .ci/run checks apart). Its path reaches the test
// workers through CCR_TEST_BUNDLE.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export default function freshBundle() {
  if (process.env.CCR_TEST_BUNDLE) return
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-bundle-'))
  const ncc = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@vercel/ncc/package.json')),
    'dist',
    'ncc',
    'cli.js'
  )
  const r = spawnSync(process.execPath, [ncc, 'build', 'src/index.ts', '-o', out, '--target', 'es2022', '-q'], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`the test bundle could not be built:\n${r.stderr || r.stdout}`)
  process.env.CCR_TEST_BUNDLE = path.join(out, 'index.js')
}
