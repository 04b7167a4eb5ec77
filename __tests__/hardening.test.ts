/**
 * Hardening beyond the endpoint matrix (hardening-*.test.ts): every endpoint dead at once, bad inputs through
 * run() with zero requests, hostile provider strings in every sink, and no secret in any output.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'
import { runInProcess, type ActionRun } from './helpers/action.js'
import { BAD_INPUTS, NOW } from './helpers/bad-inputs.js'
import { ENDPOINTS, HTTP, PERIOD, expectNoSecrets } from './helpers/hardening.js'
import { parseCsv } from './helpers/records.js'

let sb: Sandbox
let inputs: Record<string, string>
let eventEnv: Record<string, string> = {}
const env = (extra: Record<string, string | undefined> = {}) => sb.env({ ...eventEnv, ...extra })
const runs: ActionRun[] = []

beforeAll(async () => {
  sb = await startSandbox()
  const providers = ['aws', 'azure', 'mcfs', 'gcp'].filter((p) => sb.inputs[p])
  inputs = Object.assign({}, ...providers.map((p) => sb.inputs[p]), sb.inputs.github ?? {}, PERIOD, {
    providers: providers.join(',')
  })
  if (sb.github) eventEnv = sb.github.event({ number: 7 })
})
afterAll(async () => {
  await sb.close()
})
beforeEach(() => {
  sb.kit.faults.clear()
})

test('no fault makes the run hang: every endpoint dead, timeout-minutes ends it with written reports', async () => {
  for (const e of ENDPOINTS) sb.kit.faults.add(e.service, { kind: 'hang', times: Infinity })
  const started = Date.now()
  const r = await runInProcess({ ...inputs, 'timeout-minutes': '0.05' }, env(), { http: { sleep: async () => {} } })
  runs.push(r)
  // 3 s of budget, then at most 10 s for the artifact upload, which is dead too.
  expect(Date.now() - started).toBeLessThan(30_000)
  expect(r.exitCode).toBe(1)
  expect(r.stdout).toMatch(/timeout-minutes/)
  expect(r.report.providers.every((p: any) => p.status === 'failed')).toBe(true)
})

describe('bad inputs fail fast, name the input, and make zero requests', () => {
  test(`${BAD_INPUTS.length} cases`, () => expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40))
  test.each(BAD_INPUTS)('%s', async (_name, bad, message) => {
    sb.kit.log.length = 0
    const r = await runInProcess({ ...bad }, sb.env(), { now: NOW, http: HTTP })
    expect(r.exitCode).toBe(1)
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'))
    // Workflow commands escape %, CR and LF in their message.
    expect(errors.join('\n').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')).toMatch(message)
    expect(sb.kit.log).toHaveLength(0)
    expect(r.report).toBeNull()
  })
})

describe('hostile provider strings are inert in every sink', () => {
  let r: ActionRun
  let hostile: Sandbox
  beforeAll(async () => {
    hostile = await startSandbox({ aws: { hostile: true } })
    r = await runInProcess({ ...hostile.inputs.aws, ...PERIOD }, hostile.env(), { http: HTTP })
    runs.push(r)
  })
  afterAll(async () => {
    await hostile.close()
  })

  test('the data really is hostile, and JSON keeps it verbatim', () => {
    const services = new Set(r.report.records.map((x: any) => x.service))
    expect([...services].some((s: any) => s.includes('<img'))).toBe(true)
    expect([...services].some((s: any) => s.includes('|'))).toBe(true)
  })

  test('summary: no live HTML, no broken table, no mention or issue link', () => {
    const s = r.summary
    expect(s).not.toMatch(/<img/i)
    expect(s).not.toMatch(/@octocat/)
    expect(s).not.toMatch(/(^|[^\w\u200b])#123\b/)
    // The hostile names are in the summary (7 of its 13 services), escaped, not left out.
    expect(s).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;')
    expect(s).toContain('Amazon\\|Pipe')
    expect(s).toContain('@\u200bocto')
    // Every row of a table has as many unescaped pipes as its header row: no cell was split.
    const tables = s.split('\n\n').filter((b) => b.startsWith('|'))
    for (const t of tables) {
      const counts = t.split('\n').map((l) => l.replace(/\\\|/g, '').split('|').length)
      expect(new Set(counts).size).toBe(1)
    }
    expect(s).not.toMatch(/\nLine `code`/)
  })

  test('CSV: formulas defused, RFC 4180 quoting, same rows as JSON', () => {
    const rows = parseCsv(r.csv!)
    expect(rows.length - 1).toBe(r.report.records.length)
    const serviceIndex = rows[0].indexOf('service')
    for (const row of rows.slice(1)) expect(row[serviceIndex]).not.toMatch(/^[=+\-@\t\r]/)
    expect(rows.slice(1).some((row) => row[serviceIndex] === `'=HYPERLINK("http://x","y")`)).toBe(true)
    expect(rows.slice(1).some((row) => row[serviceIndex] === 'Multi\nLine `code` **bold**')).toBe(true)
  })
})

test('no secret the sandbox handed out appears in any output of any run above', () => {
  expectNoSecrets(sb, runs)
})
