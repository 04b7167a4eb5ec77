/** Where the bundle is, for starting worker threads on it (none when running from the TypeScript sources). */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** dist/index.js beside this code once bundled; null in tests that run the sources (no bundle to start). */
export function bundleEntry(): string | null {
  try {
    const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.js')
    return fs.existsSync(entry) ? entry : null
  } catch {
    return null
  }
}
