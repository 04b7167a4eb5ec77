/**
 * Runs the action as a runner would: INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * reads back what it produced. `runInProcess` calls run() (fast, injectable); `runBundle` spawns dist/index.js.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RunDeps, RunResult } from '../../src/main.js'
import { freshBundle } from './bundle.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface ActionRun {
  outputs: Record<string, string>
  summary: string
  stdout: string
  stderr: string
  exitCode: number
  dir: string
  outputDir: string
  /** report.json parsed, when written. */
  report: any
  csv: string | null
  result?: RunResult
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIM\nvalue\nDELIM`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== m[2]) value.push(lines[i++])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const k = lines[i].slice(0, lines[i].indexOf('='))
      out[k] = lines[i].slice(lines[i].indexOf('=') + 1)
    }
  }
  return out
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  return env
}

function prepare(
  inputs: Record<string, string>,
  env: Record<string, string | undefined>
): { dir: string; runEnv: Record<string, string | undefined> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-test-'))
  fs.writeFileSync(path.join(dir, 'output.txt'), '')
  fs.writeFileSync(path.join(dir, 'summary.md'), '')
  const runEnv: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: path.join(dir, 'output.txt'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
    GITHUB_WORKSPACE: dir,
    ...env,
    ...inputEnv(inputs)
  }
  return { dir, runEnv }
}

function collect(
  dir: string,
  outputs: Record<string, string>
): Pick<ActionRun, 'report' | 'csv' | 'summary' | 'outputDir'> {
  const outputDir = path.join(dir, 'cloud-carbon-report')
  const jsonPath = outputs['report-json'] || path.join(outputDir, 'report.json')
  const csvPath = outputs['report-csv'] || path.join(outputDir, 'report.csv')
  return {
    outputDir,
    report: fs.existsSync(jsonPath) ? JSON.parse(fs.readFileSync(jsonPath, 'utf8')) : null,
    csv: fs.existsSync(csvPath) ? fs.readFileSync(csvPath, 'utf8') : null,
    summary: fs.readFileSync(path.join(dir, 'summary.md'), 'utf8')
  }
}

/** Runs run() in this process with a runner's environment; restores process.env and exitCode after. */
export async function runInProcess(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  deps: RunDeps = {}
): Promise<ActionRun> {
  const { dir, runEnv } = prepare(inputs, env)
  const saved = process.env
  const savedExit = process.exitCode
  const chunks: string[] = []
  const origWrite = process.stdout.write.bind(process.stdout)
  process.env = Object.fromEntries(Object.entries(runEnv).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv
  process.exitCode = 0
  ;(process.stdout as any).write = (c: any, ...rest: any[]) => {
    chunks.push(typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))
    const cb = rest.find((r) => typeof r === 'function')
    if (cb) cb()
    return true
  }
  let result: RunResult | undefined
  let exitCode = 0
  try {
    // @actions/core remembers the summary file of the first run in this process: forget it, as a new process would.
    const core = await import('@actions/core')
    ;(core.summary as any)._filePath = undefined
    core.summary.emptyBuffer()
    const { run } = await import('../../src/main.js')
    result = await run({ ...deps, env: process.env })
    exitCode = Number(process.exitCode ?? 0)
  } finally {
    ;(process.stdout as any).write = origWrite
    process.env = saved
    process.exitCode = savedExit
  }
  const outputs = parseOutputFile(fs.readFileSync(path.join(dir, 'output.txt'), 'utf8'))
  return { ...collect(dir, outputs), outputs, stdout: chunks.join(''), stderr: '', exitCode, dir, result }
}

/** Runs a bundle of the current source (helpers/bundle.ts) as a child process (NODE_EXTRA_CA_CERTS must be in env). */
export async function runBundle(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  opts: { timeoutMs?: number } = {}
): Promise<ActionRun> {
  const entry = await freshBundle()
  const { dir, runEnv } = prepare(inputs, env)
  const child = spawn(process.execPath, [entry], {
    env: runEnv as NodeJS.ProcessEnv,
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  const exitCode = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the bundle did not exit within ${opts.timeoutMs ?? 60000} ms\n${stdout}\n${stderr}`))
    }, opts.timeoutMs ?? 60000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve(code ?? -1)
    })
  })
  const outputs = parseOutputFile(fs.readFileSync(path.join(dir, 'output.txt'), 'utf8'))
  return { ...collect(dir, outputs), outputs, stdout, stderr, exitCode, dir }
}
