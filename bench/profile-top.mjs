#!/usr/bin/env node
// Where a profiled run's CPU time went: the functions with the most self time in a .cpuprofile (node --cpu-prof,
// e.g. `npm run bench -- --sizes 200k --node-args "--cpu-prof --cpu-prof-dir=/tmp/prof"`), with the garbage
// collector's and the idle share.
//   node bench/profile-top.mjs <file.cpuprofile> [--top 25]
import * as fs from 'node:fs'
import * as path from 'node:path'

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
const i = args.indexOf('--top')
const TOP = i >= 0 ? Number(args[i + 1]) : 25
if (!file) {
  console.error('usage: node bench/profile-top.mjs <file.cpuprofile> [--top 25]')
  process.exit(2)
}
const prof = JSON.parse(fs.readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
// Self time per node: the sample intervals attributed to it.
const self = new Map()
for (let k = 0; k < prof.samples.length; k++) {
  const id = prof.samples[k]
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k] ?? 0))
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
const byFunction = new Map()
for (const [id, us] of self) {
  const f = byId.get(id).callFrame
  const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''
  const key = `${f.functionName || '(anonymous)'} ${where}`.trim()
  byFunction.set(key, (byFunction.get(key) ?? 0) + us)
}
const share = (name) => byFunction.get(name) ?? 0
const pct = (us) => `${((100 * us) / total).toFixed(1)}%`
console.log(
  `${path.basename(file)}: ${(total / 1e6).toFixed(2)} s sampled; garbage collector ${pct(share('(garbage collector)'))}, idle ${pct(share('(idle)'))}, program ${pct(share('(program)'))}`
)
for (const [key, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP))
  console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${pct(us).padStart(6)}  ${key}`)
