/**
 * The bench's minimal client: the sandbox's recorder captures a run's requests as sent, bench/recording.mjs
 * derives what each waits for (page chains, sign-ins), and bench/minimal-client.mjs replays them against the
 * same sandbox, every answer with the status the action got (the signatures and tokens are still valid).
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn } from 'node:child_process'
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { replayPlan, type RecordedRequest } from '../bench/recording.mjs'
import { runInProcess, ROOT } from './helpers/action.js'

const PERIOD = { 'start-date': '2025-07', 'end-date': '2025-12' }
const HTTP = { sleep: async () => {} }

let sb: Sandbox
let recorded: RecordedRequest[]
beforeAll(async () => {
  // Small pages, so that every provider pages in chains; 60 subscriptions: two pages of the list.
  sb = await startSandbox({
    aws: { pageCap: 7 },
    azure: { subscriptions: 60, resourcesPerSubscription: 2, pageCap: 30 },
    mcfs: { pageSize: 50 }
  })
  expect(sb.kit.recorder.list).toBeNull()
  sb.kit.recorder.list = []
  const inputs = Object.assign({}, sb.inputs.aws, sb.inputs.azure, sb.inputs.mcfs, PERIOD, {
    providers: 'aws, azure, mcfs'
  })
  const r = await runInProcess(inputs, sb.env(), { http: HTTP })
  expect(r.exitCode).toBe(0)
  recorded = sb.kit.recorder.list
  sb.kit.recorder.list = null
})
afterAll(async () => {
  await sb.close()
})

const headerOf = (h: Array<[string, string]>, name: string) => h.find(([k]) => k.toLowerCase() === name)?.[1]

test('every request of the run is recorded as sent, and nothing once the recorder is off', () => {
  expect(recorded).toHaveLength(sb.kit.log.length)
  const page = recorded.find((r) => r.service === 'sustainability')!
  expect(page.rawHeaders.join(' ')).toMatch(/AWS4-HMAC-SHA256 Credential=ASIA/)
  expect(JSON.parse(page.body.toString('utf8'))).toHaveProperty('TimePeriod')
  expect(page.status).toBe(200)
  expect(page.end).toBeGreaterThanOrEqual(page.start)
  // Small answers are kept (sign-ins), large pages are not.
  expect(recorded.find((r) => r.service === 'sts')!.response!.toString()).toMatch(/<AccessKeyId>/)
})

test('the plan waits for the previous page of a chain and for the sign-in a request carries', () => {
  const plan = replayPlan(recorded, { concurrency: 8, latency: 0 })
  const q = plan.requests
  const of = (i: number) => q[i].service
  const paged = (r: (typeof q)[number]) => {
    const body = Buffer.from(r.body, 'base64').toString('utf8')
    return /"(NextToken|skipToken)"/.test(body) || /[?&](%24|\$)(skip|skiptoken)=/.test(r.url)
  }
  let pages = 0
  for (const [i, r] of q.entries()) {
    expect(r.deps.every((d) => d < i)).toBe(true)
    if (paged(r)) {
      pages++
      // a later page waits for an earlier request of its own service (the page before it)
      expect(r.deps.some((d) => of(d) === r.service)).toBe(true)
    }
    if (r.service === 'sts') expect(r.deps.map(of)).toContain('oidc')
    if (r.service === 'sustainability') expect(r.deps.map(of)).toContain('sts')
    if ((r.service === 'arm' || r.service === 'mcfs') && headerOf(r.headers, 'authorization'))
      expect(r.deps.map(of)).toContain('entra')
    if (r.service === 'entra' && /\/token$/.test(r.url))
      expect(r.deps.map(of)).toEqual(expect.arrayContaining(['oidc']))
  }
  expect(pages).toBeGreaterThan(10)
  expect(new Set(q.filter(paged).map((r) => r.service))).toEqual(new Set(['sustainability', 'arm', 'mcfs']))
  // an Azure report waits for the list page that named its subscriptions
  const report = q.find((r) => r.service === 'arm' && /carbonEmissionReports/i.test(r.url))!
  expect(report.deps.some((d) => of(d) === 'arm' && /\/subscriptions\?/.test(q[d].url))).toBe(true)
  expect(plan.waits.chained).toBeGreaterThan(0)
})

test('the minimal client replays the run: the same requests, every answer with the recorded status', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-replay-'))
  try {
    const file = path.join(dir, 'replay.json')
    fs.writeFileSync(file, JSON.stringify(replayPlan(recorded, { concurrency: 4, latency: 0 })))
    const before = sb.kit.log.length
    // Not spawnSync: the sandbox answers from this process's event loop.
    const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'minimal-client.mjs'), file], {
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: sb.tls.caPath },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let stdout = ''
    child.stdout.on('data', (c) => (stdout += c))
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    const out = JSON.parse(stdout.trim())
    // the data requests: the artifact upload (the report's way out) is not replayed
    const data = recorded.filter((r) => r.service !== 'artifact')
    expect(data.length).toBeLessThan(recorded.length)
    expect(out).toMatchObject({ requests: data.length, statusMismatches: 0, mismatched: [] })
    expect(out.bytes).toBeGreaterThan(100_000)
    expect(sb.kit.log.length - before).toBe(data.length)
    expect(sb.kit.log.slice(before).every((e) => e.status === 200)).toBe(true)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
})
