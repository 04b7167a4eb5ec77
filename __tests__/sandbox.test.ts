/**
 * The sandbox wires every service one way: a plugin listed in PLUGINS. One that cannot be loaded, or that has
 * no mount, is an error (a silently missing service would let its tests pass having tested nothing).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { PLUGINS, startSandbox } from '../sandbox/index.mjs'

async function withPlugin(plugin: string, body: () => Promise<void>) {
  PLUGINS.push(plugin)
  try {
    await body()
  } finally {
    PLUGINS.pop()
  }
}

test('every listed service is mounted and serves', async () => {
  const sb = await startSandbox()
  try {
    expect(Object.keys(sb.inputs).sort()).toEqual(['aws', 'azure', 'gcp', 'github', 'mcfs'])
    for (const name of ['oidc', 'artifact', 'entra', 'sts', 'sustainability', 'mcfs', 'github'])
      expect(sb.urls[name]).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(sb.env()).toMatchObject({ AWS_ENDPOINT_URL_STS: sb.urls.sts, GITHUB_API_URL: sb.urls.github })
  } finally {
    await sb.close()
  }
})

test('a listed plugin that does not exist is an error naming it', async () => {
  await withPlugin('./services/no-such-mount.mjs', async () => {
    await expect(startSandbox()).rejects.toThrow(/no-such-mount\.mjs listed in PLUGINS cannot be loaded/)
  })
})

test('a listed plugin without mount is an error naming it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-plugin-'))
  const file = path.join(dir, 'no-mount.mjs')
  fs.writeFileSync(file, 'export const notMount = 1\n')
  try {
    await withPlugin(file, async () => {
      await expect(startSandbox()).rejects.toThrow(/no-mount\.mjs does not export mount/)
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
