#!/usr/bin/env node
// `npm run demo`: the whole report with no cloud account. Starts the sandbox, runs the committed bundle
// (dist/index.js) as a GitHub runner would (INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, the
// sandbox CA through NODE_EXTRA_CA_CERTS), prints the summary, the outputs and a check of the totals against
// the sandbox's own, leaves the files in ./cloud-carbon-report/ and stops the sandbox.
//   npm run demo -- --providers aws          only some providers
//   npm run demo -- --fault sustainability:throttle:2   inject faults (service:kind[:times])
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startSandbox } from './index.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}

const bundle = path.join(ROOT, 'dist', 'index.js')
if (!fs.existsSync(bundle)) {
  console.error('dist/index.js is missing: run `npm run bundle` first.')
  process.exit(1)
}

const sb = await startSandbox()
const exitCode = await (async () => {
  try {
    for (const spec of (opt('fault') ?? '').split(',').filter(Boolean)) {
      const [service, kind, times] = spec.split(':')
      sb.kit.faults.add(service, { kind, times: times ? Number(times) : undefined, retryAfter: 1 })
    }
    const available = Object.keys(sb.inputs).filter((p) => p !== 'github')
    const providers = (opt('providers') ?? available.join(','))
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)
    const inputs = { 'output-dir': path.join(process.cwd(), 'cloud-carbon-report'), 'pr-comment': 'false' }
    for (const p of providers) Object.assign(inputs, sb.inputs[p] ?? {})
    inputs.providers = providers.join(', ')

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-demo-'))
    const outputFile = path.join(tmp, 'output.txt')
    const summaryFile = path.join(tmp, 'summary.md')
    fs.writeFileSync(outputFile, '')
    fs.writeFileSync(summaryFile, '')
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RUNNER_TEMP: tmp,
      GITHUB_WORKSPACE: process.cwd(),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...sb.env(),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
    }
    console.log(`Sandbox up: ${Object.keys(sb.urls).join(', ')}`)
    console.log(`Running dist/index.js for ${inputs.providers}...\n`)
    const started = Date.now()
    const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    child.stdout.on('data', (c) => (log += c))
    child.stderr.on('data', (c) => (log += c))
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
    const seconds = ((Date.now() - started) / 1000).toFixed(1)

    const annotations = log.split('\n').filter((l) => /^::(error|warning|notice)/.test(l))
    console.log('─── Job summary (summary.md) ' + '─'.repeat(50))
    console.log(fs.readFileSync(summaryFile, 'utf8'))
    console.log('─── Step outputs ' + '─'.repeat(62))
    for (const [k, v] of Object.entries(parseOutputs(fs.readFileSync(outputFile, 'utf8')))) console.log(`${k}: ${v}`)
    if (annotations.length) {
      console.log('─── Annotations ' + '─'.repeat(63))
      for (const a of annotations) console.log(a)
    }
    const reportPath = path.join(inputs['output-dir'], 'report.json')
    if (fs.existsSync(reportPath)) {
      const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'))
      console.log("─── Check against the sandbox's own figures " + '─'.repeat(35))
      for (const p of report.providers) {
        const part = sb[p.provider]
        if (!part?.truth) continue
        const t = expected(p.provider, part, inputs, report)
        if (t === null) continue
        const got = Math.round(p.totalKgCO2e * 1000)
        console.log(
          `${p.provider}: report ${got.toLocaleString('en-US')} g, sandbox ${t.toLocaleString('en-US')} g: ${got === t ? 'equal to the gram' : `DIFFERENT by ${got - t} g`}`
        )
      }
    }
    console.log(
      `\nExit code ${code} in ${seconds} s. Files: ${inputs['output-dir']}/{report.json,report.csv,summary.md}`
    )
    console.log(
      `Requests served: ${sb.kit.log.length}; artifact uploaded: ${
        sb.artifact.artifacts
          .filter((a) => a.finalized)
          .map((a) => `${a.name} (${a.blob.length} bytes)`)
          .join(', ') || 'none'
      }`
    )
    return code
  } finally {
    await sb.close()
  }
})()
process.exit(exitCode)

/** The sandbox's own total for a provider over the report's period, in grams (headline method). */
function expected(provider, part, inputs, report) {
  const { start, end } = report.period
  if (provider === 'aws') {
    const roles = (inputs['aws-role-to-assume'] ?? '')
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean)
    const t = part.truth({ roles, env: roles.length === 0, start, end })
    return report.method === 'location' ? t.location : t.market
  }
  if (typeof part.truthGrams === 'function') return part.truthGrams({ start, end, method: report.method, inputs })
  return null
}

/** The GITHUB_OUTPUT file format: `name<<DELIMITER`, the value lines, `DELIMITER`. */
function parseOutputs(text) {
  const out = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (!m) continue
    const value = []
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i])
    out[m[1]] = value.join('\n')
  }
  return out
}
