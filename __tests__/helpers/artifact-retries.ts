/**
 * @actions/artifact retries a failed call to the results service after 3 s, then 4.5 s, 6.75 s...: real
 * waits with no setting to shorten them. Tests of the retry (not of its waiting) call shortArtifactRetries()
 * in beforeAll: the client of this test file's module registry then waits `ms` between attempts.
 */
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export async function shortArtifactRetries(ms = 20): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const root = path.join(here, '..', '..', 'node_modules', '@actions', 'artifact')
  const file = path.join(root, 'lib', 'internal', 'shared', 'artifact-twirp-client.js')
  const { internalArtifactTwirpClient } = await import(pathToFileURL(file).href)
  // The client reads its token and URL from the environment when made: any will do, it makes no request here.
  const saved = process.env
  process.env = { ...saved, ACTIONS_RUNTIME_TOKEN: 'x', ACTIONS_RESULTS_URL: 'https://127.0.0.1/' }
  try {
    const proto = Object.getPrototypeOf(internalArtifactTwirpClient().rpc)
    if (typeof proto.getExponentialRetryTimeMilliseconds !== 'function')
      throw new Error('@actions/artifact changed: no ArtifactHttpClient.getExponentialRetryTimeMilliseconds to shorten')
    proto.getExponentialRetryTimeMilliseconds = () => ms
  } finally {
    process.env = saved
  }
}
