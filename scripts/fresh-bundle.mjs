// jest's globalSetup: the tests that run the bundle (runBundle, the worker-thread decoder) run a bundle made now
// from the current source as `npm run bundle` makes it, never the committed dist/ (which .ci/run checks apart).
// Its path reaches the test workers through CCR_TEST_BUNDLE.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { bundle } from './bundle.mjs'

export default function freshBundle() {
  if (process.env.CCR_TEST_BUNDLE) return
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-bundle-'))
  bundle(out, ['-q'])
  process.env.CCR_TEST_BUNDLE = path.join(out, 'index.js')
}
