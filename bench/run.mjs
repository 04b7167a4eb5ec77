#!/usr/bin/env node
// `npm run bench`: the committed bundle (dist/index.js) against the sandbox with injected latency, at seeded
// sizes, as a runner would run it: a spawned node process with INPUT_* variables; the sandbox lives in this
// process (a separate process from the action's).
//
//   npm run bench                                   small, 200k, 1m at 50 ms per request, concurrency 8 (1m-aws on request)
//   npm run bench -- --sizes small,200k --latency 50 --concurrency 8
//   npm run bench -- --no-zero                      skip the latency-0 runs (processing throughput)
//   npm run bench -- --bundle /tmp/build/index.js   another build of src/ (dist/ untouched)
//   npm run bench -- --rss-trace                    the action's RSS over time (polls /proc instead of /usr/bin/time)
//   npm run bench -- --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof" --keep   profile the action, keep its files
//   npm run bench -- --env "MALLOC_ARENA_MAX=2"     extra environment variables for the action
//   npm run bench -- --no-cache                     the sandbox builds every page on every request (no warm-up)
//   npm run bench -- --latency 20                   issue 17's sandbox (its minimal-client figures were at 20 ms)
//   npm run bench -- --sizes 1m --repeat 5          five timed runs per size, each beside its own minimal client; the
//                                                   targets are judged on the worst
//   npm run bench:profile -- /tmp/prof/<file>.cpuprofile   top self time and GC share of a --cpu-prof run
//
// The sandbox shares the machine's cores with the action, so it caches what it serves (its data is seeded and
// never changes): the AWS Sustainability pages as response bytes (aws.pageCache), the Azure reports' sorted rows
// and page texts per query (azure.reportCache, sized here to hold a whole run) and the MCFS matched rows and page
// texts per query (mcfs.matchCache). Signatures and tokens, validation, paging tokens and faults still run on
// every request; only building the data is skipped (--no-cache: as before, no warm-up).
// The caches fill on a first pass: per size, one UNTIMED warm-up run of the action (at latency 0) comes before
// the timed runs, which are then served from the caches (the `sandbox` line shows the cache hits).
//
// Sizes (seeded AWS organizations, one role each, assumed with GitHub OIDC -> STS; 12 months 2025-07..2026-06):
//   small  1 role, 12 accounts (~900 records)
//   200k   2 roles, 1,794 accounts (200,225 records)
//   1m     across providers (providers: aws, azure, mcfs; 1,001,161 records), the issue's ~700k/200k/100k:
//          4 AWS roles of 1,560 accounts (700,196 records), an Azure tenant of 1,420 subscriptions of <= 40
//          resources (200,804 records: 15 batches of <= 100, 29 list pages), an MCFS enrollment of 1,935
//          subscriptions + the Microsoft 365 tenant (100,161 records in 312,788 rows: 313 pages of 1,000 rows,
//          the service's maximum; one chain of ~314 rounds of the ideal when the period is one query, chains of
//          ~27 pages when the action queries month by month)
//   1m-aws 4 roles, 8,968 accounts (1,005,321 records): AWS only, several roles
//   azure  the 1m size's Azure tenant alone (200,804 records from 540 pages of resource rows, ~420 MB)
//   mcfs   the 1m size's MCFS enrollment and tenant alone (100,161 records from 313 pages of 1,000 rows)
//
// Per size it prints:
//   wall        spawn of the action to its exit, the sandbox answering every request after `latency` ms
//   ideal       the network's lower bound: every request costs `latency` ms, at most `concurrency` in flight,
//               and the data's paging fixes the order. AWS: OIDC token -> STS (per role) -> for each (role, month)
//               a sequence of pages that must run one after the other (a page needs the previous NextToken / skipToken
//               / nextLink, the same for Azure and MCFS below).
//               The bound is the number of rounds of the best schedule of that graph with `concurrency` slots
//               (highest-level-first list scheduling, optimal for chains), times `latency`; requests beyond
//               the ones the data needs (retries) add ceil(extra / concurrency) rounds. The page counts come
//               from the seed (ceil(rows / 5000), at least 1 per month) and are checked against the requests
//               the sandbox really served.
//               Azure (its own Entra sign-in: GitHub OIDC assertion and the authority's metadata, then the token):
//               the available-date-range call and the subscription list's page chain (listPageSize per page) after
//               the token; then per (batch of 100 subscriptions, month, scope) a chain of ItemDetailsReport pages
//               (ceil(resources with emissions / 5000), at least 1) and per (batch, <= 12 months) one
//               MonthlySummaryReport, each after the range and the last list page.
//               MCFS (its own Entra sign-in): after the token, one page chain per data set (the enrollment's
//               emissions, the Microsoft 365 tenant's; ceil(rows / 1000), at least 1), or one per (data set,
//               month) when the action queries month by month (its $filter spans one month: read from the
//               requests the sandbox served), and the projections (one page: it needs only the token, so the
//               bound lets it run beside the chains).
//               Every provider's requests share the `concurrency` slots (one HTTP layer).
//   ratio       wall / ideal; `net ratio` is the network phase only (first request to last response served)
//   minimal     the minimal client, this machine's honest floor (issue 17): the sandbox records the timed run's
//               data requests as sent (sandbox/kit.mjs `recorder`), and right after the run, while their
//               signatures and tokens are valid, bench/minimal-client.mjs replays them in its own process against
//               the same sandbox and latency, `concurrency` at a time over keep-alive HTTPS, each after the answers
//               it needs (bench/recording.mjs: page chains, sign-ins), and only JSON.parses each answer; its wall
//               is spawn to exit less the reading of its file. `x minimal` = the action's wall / the minimal
//               client's; the line also gives the rounds of the replayed graph beside the ideal's (the same when
//               the waits derived from the recording are the data's) and fails the bench if an answer's status
//               differs from the recorded one (a refused replay)
//   rec/s       records / wall
//   peak RSS    the action process's maximum resident set (/usr/bin/time -f %M, else /proc/<pid>/status VmHWM)
//   cold start  spawn to the first request the sandbox saw, vs spawn to exit of `node -e "import('@actions/core')"`
//   processing  the same size at latency 0: records / (wall - cold start); and records per CPU second of the action
//   sandbox     this process's CPU time while the action ran (TLS, signatures, pages from its caches or built), to
//               show it is not the bottleneck; and the cache hits of the run
//   warm-up     the untimed first run that fills the sandbox's caches: its wall time and what it stored
//   totals      report.json's total and the CSV's records summed to the gram, per provider, against sb.aws.truth,
//               sb.azure.truth(Grams) and sb.mcfs.truth(Grams)
// The artifact upload is off (artifact-name empty): the issue's end to end is fetch, normalise, aggregate and
// write JSON + CSV + summary. Other processes on the machine skew every figure: the load average is printed.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as readline from 'node:readline'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import * as v8 from 'node:v8'
import * as vm from 'node:vm'
import { startSandbox } from '../sandbox/index.mjs'
import { resourceGrams, SCOPES as AZURE_SCOPES } from '../sandbox/services/azure-carbon.mjs'
import { replayPlan } from './recording.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const flag = (name) => args.includes(`--${name}`)

const LATENCY = Number(opt('latency', '50'))
const CONCURRENCY = Number(opt('concurrency', '8'))
const SIZES = opt('sizes', 'small,200k,1m')
  .split(',')
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean)
const ZERO = !flag('no-zero')
/** The sandbox's caches and the warm-up run that fills them (off with --no-cache: every page built per request). */
const CACHE = !flag('no-cache')
const KEEP = flag('keep')
/** Timed runs per size (each against the same sandbox and latency): the targets are judged on the worst. */
const REPEAT = Math.max(1, Number(opt('repeat', '1')))
/** Extra node flags for the action (e.g. --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"). */
const NODE_ARGS = (opt('node-args', '') ?? '').split(' ').filter(Boolean)
/** Extra environment variables for the action (e.g. --env "CCR_DECODE_WORKERS=1 MALLOC_ARENA_MAX=2"). */
const EXTRA_ENV = Object.fromEntries(
  (opt('env', '') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
)
const PAGE = 5000
const PERIOD = { start: '2025-07', end: '2026-06' } // 12 published months of the seeded data
const AVAILABLE = '2026-06'

/** Seeded organizations per size (one role each, OIDC -> STS): records = accounts x pairs x active months. */
const org = (name, i, accounts, pairs) => {
  const management = String(200000000000 + i * 11111)
  return { id: `${name}-${i}`, management, accounts, pairs, role: `arn:aws:iam::${management}:role/carbon-reader` }
}
const SIZE_DEFS = {
  small: { label: 'small', aws: [org('small', 0, 12, [3, 9])] },
  '200k': { label: '200k AWS', aws: [0, 1].map((i) => org('mid', i, 897, [6, 14])) },
  '1m': {
    label: '1M mix',
    aws: [0, 1, 2, 3].map((i) => org('big', i, 1560, [6, 14])),
    azure: { subscriptions: 1420, resourcesPerSubscription: 40, available: PERIOD },
    mcfs: { subscriptions: 1935, available: PERIOD },
    why: '~700k AWS + 200k Azure + 100k MCFS, as the issue asks; the MCFS enrollment is ~313 pages of 1,000 rows (the service maximum): ~314 rounds of the ideal as one chain for the period, ~27 a month when queried month by month'
  },
  azure: {
    label: '200k Azure',
    aws: [],
    azure: { subscriptions: 1420, resourcesPerSubscription: 40, available: PERIOD },
    why: "the 1M mix's Azure part alone: 540 pages of resource rows (~420 MB), each read on the main thread"
  },
  mcfs: {
    label: '100k MCFS',
    aws: [],
    mcfs: { subscriptions: 1935, available: PERIOD },
    why: "the 1M mix's MCFS part alone: 313 pages of 1,000 rows, in chains of ~27 pages a month"
  },
  '1m-aws': { label: '1M AWS', aws: [0, 1, 2, 3].map((i) => org('big', i, 2242, [6, 14])) }
}
const AZURE_PAGE = 5000
const AZURE_BATCH = 100
const AZURE_LIST_PAGE = 50 // the sandbox's default listPageSize
const MCFS_PAGE = 1000

/** The bundle to run: dist/index.js, or another build (--bundle /tmp/x/index.js) to try a change before dist is rebuilt. */
const bundle = path.resolve(opt('bundle', path.join(ROOT, 'dist', 'index.js')))
if (!fs.existsSync(bundle)) {
  console.error('dist/index.js is missing: run `npm run bundle` first.')
  process.exit(1)
}
for (const s of SIZES) {
  if (!SIZE_DEFS[s]) {
    console.error(`Unknown size ${s}: use ${Object.keys(SIZE_DEFS).join(', ')}`)
    process.exit(1)
  }
}
const TIME = fs.existsSync('/usr/bin/time') && !flag('rss-trace') ? '/usr/bin/time' : null
/** --rss-trace: poll the action's RSS every 20 ms (instead of /usr/bin/time) and print when it peaked. */
const RSS_TRACE = flag('rss-trace')

// ---------------------------------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function dirBytes(dir) {
  let n = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    n += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size
  }
  return n
}

/** Chunk files of an ncc build that no loaded file asks for (`__nccwpck_require__.e(<id>)`): left by earlier builds. */
function unusedChunks(dir) {
  const files = new Set(fs.readdirSync(dir).filter((f) => /^\d+\.index\.js$/.test(f)))
  const reached = new Set()
  const queue = ['index.js']
  while (queue.length) {
    const text = fs.readFileSync(path.join(dir, queue.pop()), 'utf8')
    for (const m of text.matchAll(/__(?:nccwpck|webpack)_require__\.e\((?:\/\*[^*]*\*\/ *)?(\d+)\)/g)) {
      const f = `${m[1]}.index.js`
      if (files.has(f) && !reached.has(f)) {
        reached.add(f)
        queue.push(f)
      }
    }
  }
  const unused = [...files].filter((f) => !reached.has(f))
  return { unused, bytes: unused.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) }
}

/** Spawn-to-exit of a bare `node -e "import('@actions/core')"`, median of n. */
function bareImportMs(n = 7) {
  const times = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = spawnSync(process.execPath, ['-e', "import('@actions/core')"], { cwd: ROOT, stdio: 'ignore' })
    if (r.status !== 0) throw new Error('bare import of @actions/core failed')
    times.push(performance.now() - t)
  }
  return median(times)
}

/** Unit-time list scheduling, highest level first, of a DAG given as nodes { deps: number[] }: rounds. */
function scheduleRounds(nodes, slots) {
  const level = new Array(nodes.length).fill(0)
  const children = nodes.map(() => [])
  nodes.forEach((n, i) => n.deps.forEach((d) => children[d].push(i)))
  // nodes are in topological order (deps before): levels from the end
  for (let i = nodes.length - 1; i >= 0; i--) level[i] = 1 + children[i].reduce((m, c) => Math.max(m, level[c]), 0)
  const waiting = nodes.map((n) => n.deps.length)
  let ready = nodes.map((n, i) => i).filter((i) => waiting[i] === 0)
  let done = 0
  let rounds = 0
  while (done < nodes.length) {
    ready.sort((a, b) => level[b] - level[a])
    const run = ready.slice(0, slots)
    ready = ready.slice(slots)
    rounds++
    for (const i of run) {
      done++
      for (const c of children[i]) if (--waiting[c] === 0) ready.push(c)
    }
  }
  return rounds
}

/**
 * The request graph the data implies, every provider of the size in one DAG (they share the HTTP layer's slots):
 * AWS per role OIDC -> STS -> month chains of pages; Azure and MCFS each sign in (OIDC assertion and authority
 * metadata -> token) and then page as their data fixes. `expect` counts each kind of request, for the check
 * against what the sandbox served.
 */
function requestGraph(sb, def, roles, oidcPerRole, mcfsPerMonth = false) {
  const nodes = []
  const add = (deps) => nodes.push({ deps }) - 1
  const chain = (deps, n) => {
    let prev = null
    for (let p = 0; p < n; p++) prev = add(prev === null ? deps : [prev])
    return prev
  }
  const expect = {}
  const count = (k, n = 1) => (expect[k] = (expect[k] ?? 0) + n)
  const months = []
  for (let m = monthIndex(PERIOD.start); m <= monthIndex(PERIOD.end); m++) months.push(m)
  let pages = 0
  if (def.aws?.length) {
    const shared = oidcPerRole ? null : add([])
    count('aws oidc', oidcPerRole ? roles.length : 1)
    for (const role of roles) {
      const oidc = oidcPerRole ? add([]) : shared
      const sts = add([oidc])
      count('sts')
      const t = sb.aws.truth({ roles: [role], start: PERIOD.start, end: PERIOD.end })
      for (const m of months) {
        const n = Math.max(1, Math.ceil((t.byMonth[monthOf(m)]?.records ?? 0) / PAGE))
        chain([sts], n)
        pages += n
        count('aws pages', n)
      }
    }
  }
  /** An Entra sign-in: the GitHub OIDC assertion and the authority's metadata, then the token. */
  const signIn = () => {
    count(`entra oidc`)
    count(`entra metadata`)
    count(`entra token`)
    return add([add([]), add([])])
  }
  if (def.azure) {
    const token = signIn('azure')
    const range = add([token])
    count('azure range')
    const subs = sb.azure.data.subscriptions
    const listPages = Math.max(1, Math.ceil(subs.length / AZURE_LIST_PAGE))
    const list = chain([token], listPages)
    count('azure list pages', listPages)
    const data = sb.azure.data
    for (let b = 0; b < subs.length; b += AZURE_BATCH) {
      const batch = subs.slice(b, b + AZURE_BATCH).filter((s) => !s.denied)
      for (const m of months) {
        for (const scope of AZURE_SCOPES) {
          let rows = 0
          for (const sub of batch) for (const res of sub.resources) if (resourceGrams(data, res, m, scope) !== 0) rows++
          const n = Math.max(1, Math.ceil(rows / AZURE_PAGE))
          chain([range, list], n)
          pages += n
          count('azure detail pages', n)
        }
      }
      for (let i = 0; i < months.length; i += 12) {
        add([range, list])
        pages++
        count('azure monthly summaries')
      }
    }
  }
  if (def.mcfs) {
    const token = signIn('mcfs')
    const from = monthIndex(PERIOD.start)
    const to = monthIndex(PERIOD.end)
    const inRange = (rows, a, b) => rows.filter((r) => r._m >= a && r._m <= b).length
    const e = sb.mcfs.data.enrollments.get(sb.mcfs.enrollmentId)
    const t = sb.mcfs.data.tenants.get(sb.mcfs.tenantId.toLowerCase())
    // One query for the period, or one per month: each a chain of pages of <= 1000 rows.
    const ranges = mcfsPerMonth ? months.map((m) => [m, m]) : [[from, to]]
    for (const [k, all] of [
      ['mcfs enrollment pages', e.emissions],
      ['mcfs tenant pages', t.rows]
    ]) {
      for (const [a, b] of ranges) {
        const n = Math.max(1, Math.ceil(inRange(all, a, b) / MCFS_PAGE))
        chain([token], n)
        pages += n
        count(k, n)
      }
    }
    add([token])
    pages++
    count('mcfs projections')
  }
  return { nodes, pages, expect }
}

/** What the sandbox served in a run, by the same kinds as requestGraph's `expect`. */
function servedKinds(sb, log) {
  const out = {}
  const count = (k) => (out[k] = (out[k] ?? 0) + 1)
  for (const e of log) {
    if (e.service === 'oidc') count(/audience=sts\.amazonaws\.com/.test(e.query) ? 'aws oidc' : 'entra oidc')
    else if (e.service === 'sts') count('sts')
    else if (e.service === 'sustainability') count('aws pages')
    else if (e.service === 'entra')
      count(
        /openid-configuration|discovery|instance/.test(e.path)
          ? 'entra metadata'
          : /token/.test(e.path)
            ? 'entra token'
            : 'entra other'
      )
    else if (e.service === 'arm')
      count(
        e.path === '/subscriptions' ? 'azure list pages' : /DateRange/i.test(e.path) ? 'azure range' : 'azure reports'
      )
    else if (e.service === 'mcfs')
      count(
        /\/projections$/.test(e.path)
          ? 'mcfs projections'
          : /\/tenantemissions$/.test(e.path)
            ? 'mcfs tenant pages'
            : /\/emissions$/.test(e.path)
              ? 'mcfs enrollment pages'
              : 'mcfs other'
      )
    else count(e.service)
  }
  return out
}
const monthIndex = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1
const monthOf = (i) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`

/** Sums the CSV's kgco2e column in integer grams, and counts rows, in all and per provider (streamed). */
async function csvTotals(file) {
  const rl = readline.createInterface({
    input: fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity
  })
  let rows = -1
  let grams = 0
  const by = {}
  for await (const line of rl) {
    if (rows++ < 0) continue
    // provider,account,account_name,month,service,region,kgco2e,... (a quoted cell is split the slow way)
    let kg
    if (line.indexOf('"') >= 0) kg = csvFields(line)[6]
    else {
      let i = 0
      for (let k = 0; k < 6; k++) i = line.indexOf(',', i) + 1
      kg = line.slice(i, line.indexOf(',', i))
    }
    const g = kgToGrams(kg)
    grams += g
    const p = (by[line.slice(0, line.indexOf(','))] ??= { rows: 0, grams: 0 })
    p.rows++
    p.grams += g
  }
  return { rows, grams, by }
}
function csvFields(line) {
  const out = []
  let i = 0
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = ''
      i++
      for (;;) {
        const q = line.indexOf('"', i)
        if (line[q + 1] === '"') {
          v += line.slice(i, q + 1)
          i = q + 2
        } else {
          v += line.slice(i, q)
          i = q + 2
          break
        }
      }
      out.push(v)
    } else {
      const c = line.indexOf(',', i)
      const e = c < 0 ? line.length : c
      out.push(line.slice(i, e))
      i = e + 1
    }
  }
  return out
}
function kgToGrams(s) {
  const neg = s.startsWith('-')
  const [w, f = ''] = (neg ? s.slice(1) : s).split('.')
  const g = Number(w) * 1000 + Number((f + '000').slice(0, 3))
  return neg ? -g : g
}

/** report.json without its records (the header sits before `"records": [`), read until that marker. */
function reportHeader(file) {
  const fd = fs.openSync(file, 'r')
  const chunks = []
  const marker = ',\n  "records": ['
  let text = ''
  let position = 0
  try {
    for (;;) {
      const buf = Buffer.alloc(1 << 20)
      const n = fs.readSync(fd, buf, 0, buf.length, position)
      if (n <= 0) return JSON.parse(Buffer.concat(chunks).toString('utf8'))
      chunks.push(buf.subarray(0, n))
      position += n
      text = Buffer.concat(chunks).toString('utf8')
      const at = text.indexOf(marker)
      if (at >= 0) return JSON.parse(`${text.slice(0, at)}\n}`)
    }
  } finally {
    fs.closeSync(fd)
  }
}

/** Runs the bundle once against the sandbox; returns its measurements. */
// The sandbox lives in this process and shares the machine's cores with what is timed: before each timed
// process (the action or the minimal client alike) this process collects its own garbage and rests a moment, so
// the collection left over from serving the run before does not land inside the next one.
v8.setFlagsFromString('--expose-gc')
const collect = vm.runInNewContext('gc')
async function settle() {
  collect()
  await new Promise((resolve) => setTimeout(resolve, 300))
}

async function runAction(sb, inputs) {
  await settle()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-bench-'))
  const outputFile = path.join(tmp, 'output.txt')
  const summaryFile = path.join(tmp, 'summary.md')
  const timeFile = path.join(tmp, 'time.txt')
  fs.writeFileSync(outputFile, '')
  fs.writeFileSync(summaryFile, '')
  const outDir = path.join(tmp, 'out')
  const all = {
    ...inputs,
    'output-dir': outDir,
    'artifact-name': '',
    'pr-comment': 'false',
    concurrency: String(CONCURRENCY)
  }
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: tmp,
    GITHUB_WORKSPACE: tmp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...sb.env(),
    ...EXTRA_ENV,
    ...Object.fromEntries(Object.entries(all).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }
  const logFrom = sb.kit.log.length
  const cmd = TIME
    ? [TIME, ['-f', '%M %e %U %S', '-o', timeFile, process.execPath, ...NODE_ARGS, bundle]]
    : [process.execPath, [...NODE_ARGS, bundle]]
  const t0 = Date.now()
  const p0 = performance.now()
  const cpu0 = process.cpuUsage()
  const child = spawn(cmd[0], cmd[1], { env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  // Fallback peak RSS / CPU: poll /proc of the node process.
  let hwm = 0
  let cpuTicks = 0
  const trace = []
  const poll = TIME
    ? null
    : setInterval(() => {
        try {
          const st = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')
          hwm = Math.max(hwm, Number(/VmHWM:\s+(\d+)/.exec(st)?.[1] ?? 0))
          if (RSS_TRACE) trace.push([Date.now() - t0, Number(/VmRSS:\s+(\d+)/.exec(st)?.[1] ?? 0)])
          const f = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
          cpuTicks = Number(f[11]) + Number(f[12])
        } catch {
          // the process ended between two samples
        }
      }, 20)
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
  const wallMs = performance.now() - p0
  const cpu = process.cpuUsage(cpu0)
  const sandboxCpuS = (cpu.user + cpu.system) / 1e6
  fs.writeFileSync(path.join(tmp, 'action.log'), out)
  if (poll) clearInterval(poll)
  if (RSS_TRACE && trace.length) {
    const top = trace.reduce((a, b) => (b[1] > a[1] ? b : a))
    const every = Math.max(1, Math.floor(trace.length / 25))
    console.log(
      `   RSS trace (ms: MB): ${trace
        .filter((_, i) => i % every === 0)
        .map(([t, kb]) => `${t}: ${Math.round(kb / 1024)}`)
        .join(', ')}; peak ${Math.round(top[1] / 1024)} MB at ${top[0]} ms`
    )
  }
  let rssKb = hwm
  let cpuS = cpuTicks / 100
  if (TIME) {
    const [m, , u, s] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number)
    rssKb = m
    cpuS = u + s
  }
  const log = sb.kit.log.slice(logFrom)
  const jsonPath = path.join(outDir, 'report.json')
  const csvPath = path.join(outDir, 'report.csv')
  const result = { code, out, wallMs, t0, rssKb, cpuS, sandboxCpuS, log, tmp, jsonPath, csvPath, summaryFile }
  return result
}

/**
 * The minimal client (bench/minimal-client.mjs) replaying a recorded run, in its own process: its wall time is
 * spawn to exit less the reading of its file (replay-only work), as the action's is spawn to exit.
 */
async function runMinimal(sb, recorded, dir) {
  const plan = replayPlan(recorded, { concurrency: CONCURRENCY, latency: LATENCY })
  const file = path.join(dir, 'replay.json')
  fs.writeFileSync(file, JSON.stringify(plan))
  await settle()
  const p0 = performance.now()
  const child = spawn(process.execPath, [path.join(ROOT, 'bench', 'minimal-client.mjs'), file], {
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: sb.env().NODE_EXTRA_CA_CERTS },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout.on('data', (c) => (out += c))
  child.stderr.on('data', (c) => (out += c))
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
  const spawnToExit = performance.now() - p0
  let r
  try {
    r = JSON.parse(out.trim().split('\n').pop())
  } catch {
    console.log(`   the minimal client failed (exit ${code}):\n${out.split('\n').slice(-20).join('\n')}`)
    return {
      code: 1,
      wallMs: NaN,
      replayMs: NaN,
      parseMs: NaN,
      requests: 0,
      bytes: 0,
      waits: plan.waits,
      statusMismatches: 0
    }
  }
  // The rounds of the replayed graph at `concurrency`, to set beside the ideal's: the waits derived from the recording.
  const rounds = scheduleRounds(
    plan.requests.map((q) => ({ deps: q.deps })),
    CONCURRENCY
  )
  return { ...r, code, wallMs: spawnToExit - r.loadMs, replayMs: r.wallMs, waits: plan.waits, rounds }
}

function analyse(sb, run, latency, roles) {
  const log = run.log
  const byService = {}
  for (const e of log) byService[e.service] = (byService[e.service] ?? 0) + 1
  const first = log.length ? Math.min(...log.map((e) => e.at)) : NaN
  // Data pages: AWS Sustainability pages, ARM carbon reports, MCFS collection pages.
  const data = log.filter(
    (e) =>
      e.service === 'sustainability' ||
      (e.service === 'arm' && /carbonEmissionReports/i.test(e.path)) ||
      e.service === 'mcfs'
  )
  const netStart = first
  const netEnd = log.length ? Math.max(...log.map((e) => e.at + e.ms)) : NaN
  const handlerMs = data.map((e) => e.ms - latency)
  return {
    byService,
    requests: log.length,
    pages: data.length,
    coldMs: first - run.t0,
    netMs: netEnd - netStart,
    pageMs: handlerMs.length
      ? {
          mean: handlerMs.reduce((a, b) => a + b, 0) / handlerMs.length,
          max: Math.max(...handlerMs),
          total: handlerMs.reduce((a, b) => a + b, 0)
        }
      : null,
    oidcPerRole:
      roles.length > 0 &&
      log.filter((e) => e.service === 'oidc' && /audience=sts\.amazonaws\.com/.test(e.query)).length >= roles.length
  }
}

// ---------------------------------------------------------------------------------------------------------

const fmt = (n, d = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : 'n/a'
const started = new Date()
console.log(
  `cloud-carbon-report bench: ${started.toISOString()}, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'})`
)
console.log(
  `bundle ${path.relative(ROOT, bundle)}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} (other processes on this machine skew the figures)`
)
console.log(
  `latency ${LATENCY} ms/request, concurrency ${CONCURRENCY}, period ${PERIOD.start}..${PERIOD.end}, sizes ${SIZES.join(', ')}`
)
const distBytes = dirBytes(path.dirname(bundle))
const indexBytes = fs.statSync(bundle).size
const bareMs = bareImportMs()
const stale = unusedChunks(path.dirname(bundle))
console.log(
  `${path.relative(ROOT, path.dirname(bundle)) || '.'}/: ${fmt(distBytes / 1024 / 1024, 2)} MB (index.js ${fmt(indexBytes / 1024 / 1024, 2)} MB)${stale.unused.length ? `, of which ${fmt(stale.bytes / 1024 / 1024, 2)} MB in ${stale.unused.length} chunk files nothing loads (${stale.unused.join(', ')}: left by earlier builds, ncc does not empty its output directory)` : ''}; bare node -e "import('@actions/core')": ${fmt(bareMs)} ms (median of 7)\n`
)

const rows = []
let failed = false
for (const size of SIZES) {
  const def = SIZE_DEFS[size]
  const seedT0 = performance.now()
  // The caches (see the header): AWS pages as bytes; every Azure query of a run (batches x months x scopes +
  // summaries) kept, so that the warm-up fills what the timed run asks; MCFS's default (64 queries) is plenty.
  const azureQueries = def.azure ? Math.ceil(def.azure.subscriptions / AZURE_BATCH) * (12 * AZURE_SCOPES.length + 1) : 0
  const sb = await startSandbox({
    aws: { orgs: def.aws, available: AVAILABLE, pageCache: CACHE },
    ...(def.azure ? { azure: { ...def.azure, reportCache: CACHE ? Math.max(64, 2 * azureQueries) : 0 } } : {}),
    ...(def.mcfs ? { mcfs: { ...def.mcfs, matchCache: CACHE ? 64 : 0 } } : {})
  })
  const seedMs = performance.now() - seedT0
  try {
    const roles = sb.aws.roles
    const providers = [
      ...(def.aws.length > 0 ? ['aws'] : []),
      ...(def.azure ? ['azure'] : []),
      ...(def.mcfs ? ['mcfs'] : [])
    ]
    const inputs = {
      ...sb.inputs.aws,
      ...(def.azure ? sb.inputs.azure : {}),
      ...(def.mcfs ? sb.inputs.mcfs : {}),
      providers: providers.join(', '),
      'start-date': PERIOD.start,
      'end-date': PERIOD.end
    }
    /** Per provider: the grams (market-based: the headline) and records the run must report, from the seed. */
    const expected = {}
    if (def.aws.length > 0) {
      const awsTruth = sb.aws.truth({ roles, start: PERIOD.start, end: PERIOD.end })
      expected.aws = { grams: awsTruth.market, records: awsTruth.records }
    }
    if (def.azure)
      expected.azure = { grams: sb.azure.truthGrams({ ...PERIOD, inputs }), records: sb.azure.truth(PERIOD).groups }
    if (def.mcfs) {
      const t = sb.mcfs.truth({
        enrollmentId: inputs['mcfs-enrollment-id'],
        tenantId: inputs['mcfs-tenant-id'],
        ...PERIOD
      })
      expected.mcfs = { grams: sb.mcfs.truthGrams({ ...PERIOD, inputs }), records: t.enrollmentRecords + t.m365Records }
      if (t.totalGrams !== expected.mcfs.grams) throw new Error('sb.mcfs.truth and truthGrams disagree')
    }
    const truth = {
      records: Object.values(expected).reduce((a, e) => a + e.records, 0),
      market: Object.values(expected).reduce((a, e) => a + e.grams, 0)
    }
    const parts = expected.aws
      ? [
          `${def.aws.length} AWS role(s) of ${fmt(def.aws.reduce((a, o) => a + o.accounts, 0))} accounts: ${fmt(expected.aws.records)} records`
        ]
      : []
    if (def.azure)
      parts.push(
        `Azure ${fmt(sb.azure.data.subscriptions.length)} subscriptions (<= ${def.azure.resourcesPerSubscription} resources each): ${fmt(expected.azure.records)} records`
      )
    if (def.mcfs)
      parts.push(
        `MCFS enrollment of ${fmt(def.mcfs.subscriptions)} subscriptions + Microsoft 365 tenant: ${fmt(expected.mcfs.records)} records`
      )
    console.log(
      `── ${def.label}: ${parts.join('; ')}; ${fmt(truth.records)} records expected (providers: ${inputs.providers}; sandbox seeded in ${fmt(seedMs)} ms)`
    )
    if (def.why) console.log(`   ${def.aws.length > 0 ? 'mix' : 'why'}: ${def.why}`)

    const hits = () => ({
      aws: sb.aws.pageCache?.hits ?? 0,
      azure: sb.azure?.reportCache?.hits ?? 0,
      mcfs: sb.mcfs?.matchCache?.hits ?? 0
    })
    const hitsSince = (h0) => {
      const h = hits()
      return providers.map((id) => `${id} ${fmt(h[id] - h0[id])}`).join(', ')
    }
    if (CACHE) {
      // Untimed: fills the sandbox's caches (its figures are not reported, only that it ran and what it stored).
      sb.kit.latency.default = 0
      sb.azure?.resetCounters?.()
      const w = await runAction(sb, inputs)
      if (w.code !== 0) {
        failed = true
        console.log(`   the warm-up run exited ${w.code}:\n${w.out.split('\n').slice(-20).join('\n')}`)
      }
      fs.rmSync(w.tmp, { recursive: true, force: true })
      const c = sb.aws.pageCache
      console.log(
        `   warm-up (untimed, latency 0, fills the sandbox's caches): wall ${fmt(w.wallMs / 1000, 2)} s, sandbox CPU ${fmt(w.sandboxCpuS, 2)} s; AWS ${fmt(c.stored)} pages cached (${fmt(c.bytes / 1e6, 1)} MB)${def.azure ? `, Azure ${fmt(sb.azure.reportCache.misses)} queries computed` : ''}${def.mcfs ? `, MCFS ${fmt(sb.mcfs.matchCache.misses)} queries matched` : ''}`
      )
    }
    sb.kit.latency.default = LATENCY
    sb.azure?.resetCounters?.()
    const hits0 = hits()
    sb.kit.recorder.list = []
    const run = await runAction(sb, inputs)
    const recorded = sb.kit.recorder.list
    sb.kit.recorder.list = null
    const runHits = hitsSince(hits0)
    const azureCounters = def.azure
      ? { detail: sb.azure.counters.pages, summaries: sb.azure.counters.reports.MonthlySummaryReport ?? 0 }
      : null
    const a = analyse(sb, run, LATENCY, roles)
    if (run.code !== 0) {
      failed = true
      console.log(`   the action exited ${run.code}:\n${run.out.split('\n').slice(-20).join('\n')}`)
    }
    const header = fs.existsSync(run.jsonPath) ? reportHeader(run.jsonPath) : null
    const csv = fs.existsSync(run.csvPath) ? await csvTotals(run.csvPath) : { rows: NaN, grams: NaN, by: {} }
    const jsonBytes = fs.existsSync(run.jsonPath) ? fs.statSync(run.jsonPath).size : 0
    const csvBytes = fs.existsSync(run.csvPath) ? fs.statSync(run.csvPath).size : 0
    const reportGrams = header ? Math.round(header.totalKgCO2e * 1000) : NaN
    let totalsOk = reportGrams === truth.market && csv.grams === truth.market && csv.rows === truth.records
    const perProvider = []
    for (const [id, want] of Object.entries(expected)) {
      const h = header?.providers?.find((p) => p.provider === id)
      const hGrams = h ? Math.round(h.totalKgCO2e * 1000) : NaN
      const c = csv.by[id] ?? { rows: 0, grams: 0 }
      const ok =
        h?.status === 'ok' &&
        h.records === want.records &&
        hGrams === want.grams &&
        c.rows === want.records &&
        c.grams === want.grams
      if (!ok) totalsOk = false
      perProvider.push(
        `${id}: report.json ${fmt(hGrams)} g in ${fmt(h?.records)} records${h && h.status !== 'ok' ? ` (${h.status})` : ''}, CSV ${fmt(c.rows)} rows ${fmt(c.grams)} g, sb.${id}.truth ${fmt(want.grams)} g in ${fmt(want.records)} records: ${ok ? 'equal to the gram' : 'DIFFERENT'}`
      )
    }
    if (!totalsOk) failed = true
    console.log(
      `   totals: report.json ${fmt(reportGrams)} g, CSV ${fmt(csv.rows)} rows summing to ${fmt(csv.grams)} g, truth ${fmt(truth.market)} g in ${fmt(truth.records)} records: ${totalsOk ? 'equal to the gram' : 'DIFFERENT'}`
    )
    if (providers.length > 1) for (const line of perProvider) console.log(`     ${line}`)
    console.log(
      `   files: report.json ${fmt(jsonBytes / 1e6, 1)} MB, report.csv ${fmt(csvBytes / 1e6, 1)} MB; requests ${Object.entries(
        a.byService
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`
    )

    // Did the action query MCFS month by month (a $filter from yyyymm01 to the same yyyymm01)?
    const mcfsPerMonth = run.log.some((e) => {
      if (e.service !== 'mcfs' || !/\/(emissions|tenantemissions)$/.test(e.path)) return false
      const f = /dateKey ge (\d{8}) and dateKey le (\d{8})/.exec(new URLSearchParams(e.query).get('$filter') ?? '')
      return f !== null && f[1] === f[2]
    })
    const graph = requestGraph(sb, def, roles, a.oidcPerRole, mcfsPerMonth)
    const served = servedKinds(sb, run.log)
    if (served['azure reports'] !== undefined && azureCounters) {
      served['azure detail pages'] = azureCounters.detail
      served['azure monthly summaries'] = azureCounters.summaries
      const other = served['azure reports'] - azureCounters.detail - azureCounters.summaries
      if (other) served['azure other reports'] = other
      delete served['azure reports']
    }
    const kinds = [...new Set([...Object.keys(graph.expect), ...Object.keys(served)])]
    const short = kinds.filter((k) => (served[k] ?? 0) < (graph.expect[k] ?? 0))
    const expectedRequests = graph.nodes.length
    const extra = Math.max(0, a.requests - expectedRequests)
    const rounds = scheduleRounds(graph.nodes, CONCURRENCY) + Math.ceil(extra / CONCURRENCY)
    const idealMs = rounds * LATENCY
    console.log(
      `   ideal: ${graph.nodes.length} requests the data needs (${graph.pages} data pages, served ${a.pages}${extra ? `, ${extra} extra` : ''}) in ${rounds} rounds of ${LATENCY} ms at concurrency ${CONCURRENCY} = ${fmt(idealMs)} ms${def.mcfs ? ` (MCFS paged ${mcfsPerMonth ? 'per data set and month' : 'per data set, one query for the period'}, as the action asked)` : ''}`
    )
    if (providers.length > 1) {
      const alone = providers.map((id) => {
        const g = requestGraph(
          sb,
          {
            aws: id === 'aws' ? def.aws : [],
            azure: id === 'azure' ? def.azure : undefined,
            mcfs: id === 'mcfs' ? def.mcfs : undefined
          },
          id === 'aws' ? roles : [],
          a.oidcPerRole,
          mcfsPerMonth
        )
        return `${id} ${g.nodes.length} requests, ${scheduleRounds(g.nodes, CONCURRENCY)} rounds`
      })
      console.log(`     each provider alone: ${alone.join('; ')}`)
      console.log(
        `     requests needed / served: ${kinds.map((k) => `${k} ${graph.expect[k] ?? 0}/${served[k] ?? 0}`).join(', ')}${short.length ? ` — FEWER SERVED THAN NEEDED: ${short.join(', ')}` : ''}`
      )
    }
    if (short.length) failed = true
    // The minimal client right after (the recorded signatures and tokens are minutes-valid), same sandbox and latency.
    const minimal = await runMinimal(sb, recorded, run.tmp)
    console.log(
      `   action: wall ${fmt(run.wallMs / 1000, 2)} s, CPU ${fmt(run.cpuS, 2)} s, peak RSS ${fmt(run.rssKb / 1024)} MB, cold start ${fmt(a.coldMs)} ms; network phase (first to last request served) ${fmt(a.netMs / 1000, 2)} s`
    )
    if (a.pageMs)
      console.log(
        `   sandbox: CPU ${fmt(run.sandboxCpuS, 2)} s for ${a.pages} data pages (${fmt((run.sandboxCpuS * 1000) / Math.max(1, a.pages), 1)} ms per page, ${fmt((run.sandboxCpuS * 1e6) / Math.max(1, truth.records), 2)} µs per record); handler time beyond the injected latency ${fmt(a.pageMs.mean, 1)} ms per page on average (queueing included); ${CACHE ? `served from its caches: ${runHits}` : 'caches off (--no-cache)'}`
      )

    console.log(
      `   minimal client: wall ${fmt(minimal.wallMs / 1000, 2)} s (spawn to exit without reading its file; replay ${fmt(minimal.replayMs / 1000, 2)} s, JSON.parse ${fmt(minimal.parseMs / 1000, 2)} s of it) for ${fmt(minimal.requests)} requests (${fmt(minimal.bytes / 1e6, 1)} MB of answers; ${minimal.waits.chained} page waits, ${minimal.waits.signIn} sign-in waits: ${minimal.rounds} rounds, the ideal's ${rounds}${minimal.statusMismatches ? `; ${minimal.statusMismatches} ANSWERS DIFFERED FROM THE RECORDED STATUS (${minimal.mismatched.join('; ')})` : ', every answer as recorded'}); the action took ${fmt(run.wallMs / minimal.wallMs, 2)}x`
    )
    if (minimal.statusMismatches || minimal.code !== 0) failed = true
    // Its report files are read: removed now (unless kept), so every timed run starts with the same files on disk.
    if (!KEEP) for (const f of [run.jsonPath, run.csvPath]) fs.rmSync(f, { force: true })

    // More timed runs, each with the minimal client right after it: peak RSS and wall time vary from run to run
    // on a shared machine, so each run is set beside its own minimal client's.
    const runs = [{ wallMs: run.wallMs, cpuS: run.cpuS, rssKb: run.rssKb, minimalMs: minimal.wallMs }]
    for (let i = 1; i < REPEAT; i++) {
      sb.kit.latency.default = LATENCY
      sb.azure?.resetCounters?.()
      const again = await runAction(sb, inputs)
      const h = fs.existsSync(again.jsonPath) ? reportHeader(again.jsonPath) : null
      if (again.code !== 0 || !h || Math.round(h.totalKgCO2e * 1000) !== truth.market) {
        failed = true
        totalsOk = false
        console.log(`   timed run ${i + 1} exited ${again.code} or its total differs from the truth`)
      }
      const m = await runMinimal(sb, recorded, again.tmp)
      if (m.statusMismatches || m.code !== 0) failed = true
      runs.push({ wallMs: again.wallMs, cpuS: again.cpuS, rssKb: again.rssKb, minimalMs: m.wallMs })
      fs.rmSync(again.tmp, { recursive: true, force: true })
    }
    if (runs.length > 1)
      console.log(
        `   ${runs.length} timed runs: wall ${runs.map((r) => fmt(r.wallMs / 1000, 2)).join(', ')} s, minimal client ${runs.map((r) => fmt(r.minimalMs / 1000, 2)).join(', ')} s (x minimal ${runs.map((r) => fmt(r.wallMs / r.minimalMs, 2)).join(', ')}); CPU ${runs.map((r) => fmt(r.cpuS, 2)).join(', ')} s; peak RSS ${runs.map((r) => fmt(r.rssKb / 1024)).join(', ')} MB`
      )
    const worst = {
      xMinimal: Math.max(...runs.map((r) => r.wallMs / r.minimalMs)),
      rssKb: Math.max(...runs.map((r) => r.rssKb))
    }

    let zero = null
    if (ZERO) {
      sb.kit.latency.default = 0
      sb.azure?.resetCounters?.()
      const z = await runAction(sb, inputs)
      const za = analyse(sb, z, 0, roles)
      if (z.code !== 0) {
        failed = true
        console.log(`   the latency-0 run exited ${z.code}:\n${z.out.split('\n').slice(-20).join('\n')}`)
      }
      zero = { wallMs: z.wallMs, coldMs: za.coldMs, cpuS: z.cpuS, rssKb: z.rssKb, pageMs: za.pageMs }
      console.log(
        `   latency 0: wall ${fmt(z.wallMs / 1000, 2)} s, cold start ${fmt(za.coldMs)} ms, action CPU ${fmt(z.cpuS, 2)} s, peak RSS ${fmt(z.rssKb / 1024)} MB, sandbox CPU ${fmt(z.sandboxCpuS, 2)} s`
      )
      if (!KEEP) fs.rmSync(z.tmp, { recursive: true, force: true })
    }
    if (!KEEP) fs.rmSync(run.tmp, { recursive: true, force: true })
    else console.log(`   kept: ${run.tmp}`)

    rows.push({
      size: def.label,
      records: truth.records,
      wall: run.wallMs / 1000,
      ideal: idealMs / 1000,
      ratio: run.wallMs / idealMs,
      minimal: minimal.wallMs / 1000,
      xMinimal: run.wallMs / minimal.wallMs,
      netRatio: a.netMs / idealMs,
      cpuS: run.cpuS,
      recS: truth.records / (run.wallMs / 1000),
      rssMb: run.rssKb / 1024,
      coldMs: a.coldMs,
      coldX: a.coldMs / bareMs,
      procRecS: zero ? truth.records / ((zero.wallMs - zero.coldMs) / 1000) : NaN,
      cpuRecS: zero ? truth.records / zero.cpuS : NaN,
      ok: totalsOk && run.code === 0,
      runs: runs.length,
      worstXMinimal: worst.xMinimal,
      worstRssMb: worst.rssKb / 1024
    })
  } finally {
    await sb.close()
  }
}

// ---------------------------------------------------------------------------------------------------------

console.log('')
const table = [
  [
    'size',
    'records',
    'wall s',
    'ideal s',
    'ratio',
    'minimal s',
    'x minimal',
    'net ratio',
    'action CPU s',
    'rec/s',
    'peak RSS MB',
    'cold start ms',
    'x bare',
    'processing rec/s',
    'rec/CPU-s',
    'totals'
  ],
  ...rows.map((r) => [
    r.size,
    fmt(r.records),
    fmt(r.wall, 2),
    fmt(r.ideal, 2),
    fmt(r.ratio, 2),
    fmt(r.minimal, 2),
    fmt(r.xMinimal, 2),
    fmt(r.netRatio, 2),
    fmt(r.cpuS, 2),
    fmt(r.recS),
    fmt(r.rssMb),
    fmt(r.coldMs),
    fmt(r.coldX, 2),
    fmt(r.procRecS),
    fmt(r.cpuRecS),
    r.ok ? '= truth' : 'WRONG'
  ])
]
console.log(`| ${table[0].join(' | ')} |`)
console.log(`|${table[0].map((h, i) => (i < 1 ? '---' : '---:')).join('|')}|`)
for (const r of table.slice(1)) console.log(`| ${r.join(' | ')} |`)
console.log(
  `\n${path.relative(ROOT, path.dirname(bundle)) || '.'}/ ${fmt(distBytes / 1024 / 1024, 2)} MB (index.js ${fmt(indexBytes / 1024 / 1024, 2)} MB); bare import ${fmt(bareMs)} ms; latency ${LATENCY} ms; concurrency ${CONCURRENCY}`
)
console.log(
  "minimal = the minimal client replaying the run's recorded requests (same sandbox, latency, concurrency; only JSON.parse), spawn to exit; x minimal = wall / minimal;"
)
console.log(
  'ratio = wall / ideal; net ratio = (first to last request served) / ideal; action CPU = user + system CPU of the action process in the timed run;'
)
console.log(
  'processing = latency-0 run, records / (wall - cold start); rec/CPU-s = records / action CPU seconds of the latency-0 run.'
)
console.log(
  'Where action CPU exceeds the ideal, the size is CPU-bound: the network is not what the wall time waits for.'
)

const big = rows.filter((r) => r.records >= 100_000)
const million = rows.filter((r) => r.records >= 900_000)
const mix = rows.filter((r) => r.size === '1M mix')
/** The sizes issue 17 names for its 1.5x; the others are shown beside them. */
const ISSUE_17 = ['200k AWS', '1M mix', '1M AWS']
const named = rows.filter((r) => ISSUE_17.includes(r.size))
const others = rows.filter((r) => !ISSUE_17.includes(r.size))
/** A size's worst run, and how many runs it is the worst of. */
const worstOf = (r, figure) => (r.runs > 1 ? `${figure} (worst of ${r.runs} runs)` : figure)
const multiples = (list) => list.map((r) => `${r.size} ${worstOf(r, `${fmt(r.worstXMinimal, 2)}x`)}`).join(', ')
/** [target, the sizes it applies to, what each must meet, the figures shown] */
const targets = [
  [
    'wall <= 1.5x the minimal client (issue 17: 200k AWS, 1M mix, 1M AWS)',
    named,
    (r) => r.worstXMinimal <= 1.5,
    [multiples(named), others.length > 0 ? `other sizes: ${multiples(others)}` : ''].filter(Boolean).join('; ')
  ],
  [
    'peak RSS < 300 MB for the 1M mix (issue 17)',
    mix,
    (r) => r.worstRssMb < 300,
    mix.map((r) => `${r.size} ${worstOf(r, `${fmt(r.worstRssMb)} MB`)}`).join(', ')
  ],
  ['wall <= 1.3x ideal', rows, (r) => r.ratio <= 1.3, rows.map((r) => `${r.size} ${fmt(r.ratio, 2)}x`).join(', ')],
  [
    'peak RSS < 300 MB at 1M',
    million,
    (r) => r.worstRssMb < 300,
    rows.map((r) => `${r.size} ${worstOf(r, `${fmt(r.worstRssMb)} MB`)}`).join(', ')
  ],
  [
    '>= 200k records/s processing',
    ZERO ? big : [],
    (r) => r.procRecS >= 200_000,
    rows.map((r) => `${r.size} ${fmt(r.procRecS)}`).join(', ')
  ],
  ['cold start < 2x bare import', rows, (r) => r.coldX < 2, rows.map((r) => `${r.size} ${fmt(r.coldX, 2)}x`).join(', ')]
]
console.log('\nTargets:')
// A figure of a run whose totals are wrong measures something else: no target is met with one.
for (const [name, applies, meets, detail] of targets)
  console.log(
    `  ${applies.length === 0 ? 'n/a    ' : applies.every((r) => r.ok && meets(r)) ? 'met    ' : 'MISSED '} ${name}: ${detail}`
  )
process.exit(failed ? 1 : 0)
