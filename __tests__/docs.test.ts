// The README's input and output tables and action.yml describe the same interface, name for name.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ROOT } from './helpers/action.js'

function yamlKeys(section: 'inputs' | 'outputs'): Map<string, string | null> {
  const lines = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8').split('\n')
  const out = new Map<string, string | null>()
  let inside = false
  let current: string | null = null
  for (const line of lines) {
    if (/^\S/.test(line)) inside = line.startsWith(`${section}:`)
    else if (inside) {
      const key = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
      if (key) {
        current = key[1]
        out.set(current, null)
      }
      const dflt = /^ {4}default:\s*(.*)$/.exec(line)
      if (dflt && current) out.set(current, dflt[1].replace(/^"(.*)"$/, '$1'))
    }
  }
  return out
}

function readmeTable(heading: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const start = text.indexOf(`## ${heading}\n`)
  expect(start).toBeGreaterThanOrEqual(0)
  const rest = text.slice(start + heading.length + 4)
  const body = rest.slice(0, rest.indexOf('\n## '))
  return [...body.matchAll(/^\| `([a-z0-9-]+)` +\|/gm)].map((m) => m[1])
}

describe('README and action.yml agree', () => {
  it('every input is declared and documented, in the same order', () => {
    expect(readmeTable('Inputs')).toEqual([...yamlKeys('inputs').keys()])
  })
  it('every output is declared and documented', () => {
    expect(readmeTable('Outputs')).toEqual([...yamlKeys('outputs').keys()])
  })
  // The contract lives beside the repository (shared/docs) where the project is developed.
  const contractPath = path.join(ROOT, '..', 'shared', 'docs', 'contract.md')
  ;(fs.existsSync(contractPath) ? it : it.skip)(
    'the contract inputs are all declared with the contract defaults',
    () => {
      const inputs = yamlKeys('inputs')
      const contract = fs.readFileSync(contractPath, 'utf8')
      const section = contract.slice(contract.indexOf('## Inputs'), contract.indexOf('## Outputs'))
      for (const m of section.matchAll(/^\| `([a-z0-9-]+)`(?:, `([a-z0-9-]+)`)? \| ([^|]+) \|/gm)) {
        for (const name of [m[1], m[2]].filter(Boolean)) {
          expect(inputs.has(name)).toBe(true)
          const literal = /^`([^`]+)`$/.exec(m[3].trim())
          if (literal && !literal[1].includes('$RUNNER_TEMP'))
            expect([name, inputs.get(name)]).toEqual([name, literal[1]])
        }
      }
    }
  )
  it('runs on node24 with branding', () => {
    const yml = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
    expect(yml).toMatch(/^ {2}using: node24$/m)
    expect(yml).toMatch(/^ {2}main: dist\/index\.js$/m)
    expect(yml).toMatch(/^branding:\n {2}icon: \S+\n {2}color: \S+/m)
  })
})
