/**
 * A bundle of the current source, built once per `npm test` run and shared by every test file that needs one:
 * the committed dist/ may be older than src/, so a test of it would test something else.
 * scripts/test.mjs gives the run its directory in CCR_TEST_BUNDLE_DIR; the first caller builds with ncc
 * (about 20 s on 2 cores) while the others wait for index.js to appear.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export const BUILD_MS = 180_000

function build(out: string): Promise<void> {
  const ncc = path.join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const child = spawn(
    process.execPath,
    [ncc, 'build', path.join(ROOT, 'src', 'index.ts'), '-o', out, '--target', 'es2022', '-q'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let stderr = ''
  child.stderr.on('data', (c) => (stderr += c))
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ncc build failed (${code}):\n${stderr}`))))
  )
}

/** The path of index.js of a bundle of src/ as it is now. */
export async function freshBundle(): Promise<string> {
  // Outside scripts/test.mjs (jest run directly): a bundle for this process.
  const dir = (process.env.CCR_TEST_BUNDLE_DIR ||= fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-bundle-')))
  const entry = path.join(dir, 'dist', 'index.js')
  const done = path.join(dir, 'built')
  fs.mkdirSync(dir, { recursive: true })
  let mine = false
  try {
    fs.mkdirSync(path.join(dir, 'lock'))
    mine = true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  if (mine) {
    try {
      await build(path.join(dir, 'dist'))
      fs.writeFileSync(done, 'ok')
    } catch (e) {
      fs.writeFileSync(done, String(e))
      throw e
    }
  }
  for (const started = Date.now(); !fs.existsSync(done);) {
    if (Date.now() - started > BUILD_MS) throw new Error(`no bundle in ${dir} after ${BUILD_MS} ms`)
    await new Promise((r) => setTimeout(r, 200))
  }
  const status = fs.readFileSync(done, 'utf8')
  if (status !== 'ok') throw new Error(`the bundle build of this run failed: ${status}`)
  return entry
}
