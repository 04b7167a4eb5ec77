#!/usr/bin/env node
// Runs two bundles against the same seeded sandbox and compares their files byte for byte (report.json
// and summary.md without their generation time, report.csv): a performance change must not change a byte of output.
//   node bench/compare.mjs dist/index.js /tmp/other-build/index.js [--accounts 300] [--orgs 2] [--hostile] [--mix]
//   --mix: Azure (200 subscriptions) and MCFS (300 subscriptions + the Microsoft 365 tenant) beside AWS
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { startSandbox } from '../sandbox/index.mjs'

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : dflt
}
const bundles = args
  .filter(
    (a, i) =>
      !a.startsWith('--') &&
      !(i > 0 && args[i - 1].startsWith('--') && args[i - 1] !== '--hostile' && args[i - 1] !== '--mix')
  )
  .slice(0, 2)
  .map((b) => path.resolve(b))
if (bundles.length !== 2) {
  console.error('usage: node bench/compare.mjs <bundle A> <bundle B> [--accounts N] [--orgs N] [--hostile] [--mix]')
  process.exit(2)
}
const accounts = Number(opt('accounts', '300'))
const orgCount = Number(opt('orgs', '2'))
const orgs = Array.from({ length: orgCount }, (_, i) => {
  const management = String(300000000000 + i * 11111)
  return { id: `cmp-${i}`, management, accounts, pairs: [3, 14], role: `arn:aws:iam::${management}:role/carbon-reader` }
})
const MIX = args.includes('--mix')
const PERIOD = { start: '2025-07', end: '2026-06' }
const sb = await startSandbox({
  aws: { orgs, available: '2026-06', hostile: args.includes('--hostile') },
  ...(MIX
    ? {
        azure: { subscriptions: 200, resourcesPerSubscription: 40, available: PERIOD },
        mcfs: { subscriptions: 300, available: PERIOD }
      }
    : {})
})

async function run(bundle) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-cmp-'))
  for (const f of ['output.txt', 'summary.md']) fs.writeFileSync(path.join(tmp, f), '')
  const mix = MIX ? { ...sb.inputs.azure, ...sb.inputs.mcfs, providers: 'aws, azure, mcfs' } : {}
  const inputs = {
    ...sb.inputs.aws,
    ...mix,
    'start-date': '2025-07',
    'end-date': '2026-06',
    'output-dir': path.join(tmp, 'out'),
    'artifact-name': '',
    'pr-comment': 'false'
  }
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: tmp,
    GITHUB_WORKSPACE: tmp,
    GITHUB_OUTPUT: path.join(tmp, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'),
    ...sb.env(),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
  }
  const child = spawn(process.execPath, [bundle], { env, cwd: tmp, stdio: ['ignore', 'ignore', 'ignore'] })
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
  return { code, dir: path.join(tmp, 'out'), tmp }
}

const digest = (file, strip) => {
  let data = fs.readFileSync(file)
  if (strip === 'records') data = data.subarray(data.indexOf('\n  "records": ['))
  else if (strip)
    data = Buffer.from(
      data
        .toString('utf8')
        .replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""')
        .replace(/Generated \d{4}-\d\d-\d\dT[\d:.]+Z/g, 'Generated')
    )
  return { sha: createHash('sha256').update(data).digest('hex').slice(0, 16), bytes: data.length }
}

try {
  const a = await run(bundles[0])
  const b = await run(bundles[1])
  console.log(
    `A ${bundles[0]} exit ${a.code}; B ${bundles[1]} exit ${b.code}; ${orgCount} org(s) x ${accounts} accounts${MIX ? ', Azure and MCFS' : ''}`
  )
  let same = a.code === b.code
  for (const [file, strip] of [
    ['report.json', true],
    ['report.json', 'records'],
    ['report.csv', false],
    ['summary.md', true]
  ]) {
    const x = digest(path.join(a.dir, file), strip)
    const y = digest(path.join(b.dir, file), strip)
    const eq = x.sha === y.sha && x.bytes === y.bytes
    same &&= eq
    console.log(
      `  ${file}${strip === 'records' ? ' (its records array)' : ''}: ${eq ? 'identical' : 'DIFFERENT'} (A ${x.bytes} bytes ${x.sha}, B ${y.bytes} bytes ${y.sha})`
    )
  }
  if (MIX) {
    const j = JSON.parse(fs.readFileSync(path.join(a.dir, 'report.json'), 'utf8'))
    console.log(`  providers: ${j.providers.map((p) => `${p.provider} ${p.status} ${p.records} records`).join(', ')}`)
  }
  if (!same) console.log(`  kept: ${a.dir} ${b.dir}`)
  else for (const r of [a, b]) fs.rmSync(r.tmp, { recursive: true, force: true })
  process.exitCode = same ? 0 : 1
} finally {
  await sb.close()
}
