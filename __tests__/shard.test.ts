/**
 * Matrix jobs: n shard runs (each its own job, its own runtime token) upload `<name>-shard-i-of-n`; the merge
 * run downloads them all and writes the report a single run would have written, byte for byte but generatedAt.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { checkShardSet, shareOf } from '../src/shard.js'

const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-12' }
const HTTP = { sleep: async () => {} }
const comparable = (r: ActionRun) => JSON.stringify({ ...r.report, generatedAt: null }, null, 1)

describe('shareOf', () => {
  test('contiguous blocks that cover the plan exactly once, sizes within one', () => {
    for (const total of [0, 1, 5, 12, 24, 97]) {
      for (const n of [1, 2, 3, 4, 7, 30]) {
        const units = Array.from({ length: total }, (_, i) => i)
        const parts = Array.from({ length: n }, (_, i) => shareOf(units, { index: i + 1, count: n }))
        expect(parts.flat()).toEqual(units)
        const sizes = parts.map((p) => p.length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      }
    }
    expect(shareOf([1, 2, 3], null)).toEqual([1, 2, 3])
  })

  test('the shard set must be complete, of one size, and each index once', () => {
    expect([...checkShardSet('r', ['r-shard-2-of-2', 'other', 'r-shard-1-of-2']).entries()]).toEqual([
      [2, 'r-shard-2-of-2'],
      [1, 'r-shard-1-of-2']
    ])
    expect(() => checkShardSet('r', ['x'])).toThrow(/found no artifact named r-shard-<i>-of-<n>/)
    expect(() => checkShardSet('r', ['r-shard-1-of-3', 'r-shard-3-of-3'])).toThrow(
      /missing shard 2 of 3 \(r-shard-2-of-3\)/
    )
    expect(() => checkShardSet('r', ['r-shard-1-of-2', 'r-shard-2-of-3'])).toThrow(/different matrix sizes/)
    expect(() => checkShardSet('r', ['r-shard-1-of-2', 'r-shard-1-of-2', 'r-shard-2-of-2'])).toThrow(
      /shard 1 of 2 more than once/
    )
  })
})

describe('a sharded run merged equals the single run', () => {
  let sb: Sandbox
  let inputs: Record<string, string>
  beforeAll(async () => {
    sb = await startSandbox()
    const providers = ['aws', 'azure', 'mcfs', 'gcp'].filter((p) => sb.inputs[p])
    inputs = Object.assign({}, ...providers.map((p) => sb.inputs[p]), PERIOD, { providers: providers.join(',') })
  })
  afterAll(async () => {
    await sb.close()
  })

  test.each([[2], [3], [5]])('%i shards', async (n) => {
    const name = `carbon-${n}`
    const s0 = sb.kit.requests('sustainability').length
    const single = await runInProcess({ ...inputs, 'artifact-name': '' }, sb.env(), { http: HTTP })
    expect(single.outputs.status).toBe('ok')
    const singleRequests = sb.kit.requests('sustainability').length - s0
    const before = sb.kit.requests('sustainability').length
    for (let i = 1; i <= n; i++) {
      const token = sb.artifact.newToken(`job-${name}-${i}`)
      const shard = await runInProcess(
        { ...inputs, 'artifact-name': name, shard: `${i}/${n}` },
        sb.env({ ACTIONS_RUNTIME_TOKEN: token }),
        { http: HTTP }
      )
      if (shard.exitCode !== 0)
        throw new Error(
          shard.stdout
            .split('\n')
            .filter((l) => /^::(error|warning)/.test(l))
            .join('\n')
        )
      expect(shard.report.shard).toEqual({ index: i, count: n })
      expect(shard.report.thresholds).toEqual([])
    }
    // The shards together asked the API for each (role, month) once: no work was done twice.
    expect(sb.kit.requests('sustainability').length - before).toBe(singleRequests)
    expect(sb.artifact.artifacts.filter((a: any) => a.finalized && a.name.startsWith(`${name}-shard-`))).toHaveLength(n)
    const mergeStarted = Date.now()
    // The merge job signs in nowhere: providers, period and artifact name are all it needs (no cloud inputs).
    const mergeInputs = { providers: inputs.providers, ...PERIOD, 'artifact-name': name, mode: 'merge' }
    const merged = await runInProcess(
      mergeInputs,
      sb.env({ ACTIONS_RUNTIME_TOKEN: sb.artifact.newToken(`merge-${name}`) }),
      { http: HTTP }
    )
    expect(sb.kit.requests().filter((e) => e.at >= mergeStarted && !['artifact'].includes(e.service))).toEqual([])
    if (merged.exitCode !== 0)
      throw new Error(
        merged.stdout
          .split('\n')
          .filter((l) => /^::(error|warning)/.test(l))
          .join('\n')
      )
    expect(comparable(merged)).toBe(comparable(single))
    expect(merged.outputs['total-kgco2e']).toBe(single.outputs['total-kgco2e'])
    expect(merged.outputs['artifact-id']).not.toBe('')
  })

  test('a missing shard fails the merge with a message naming it', async () => {
    const name = 'carbon-missing'
    const token = sb.artifact.newToken('job-missing-1')
    await runInProcess({ ...inputs, 'artifact-name': name, shard: '1/2' }, sb.env({ ACTIONS_RUNTIME_TOKEN: token }), {
      http: HTTP
    })
    const merged = await runInProcess(
      { ...inputs, 'artifact-name': name, mode: 'merge' },
      sb.env({ ACTIONS_RUNTIME_TOKEN: sb.artifact.newToken('merge-missing') }),
      { http: HTTP }
    )
    expect(merged.exitCode).toBe(1)
    expect(merged.stdout).toMatch(/missing shard 2 of 2 \(carbon-missing-shard-2-of-2\)/)
    expect(merged.outputs.status).toBe('failed')
  })
})
