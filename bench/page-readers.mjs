#!/usr/bin/env node
// The action's page readers, one page at a time, beside JSON.parse of the same page: an AWS page of 5,000 rows
// read into its batch (its records written as report.json and report.csv bytes), and an Azure resource page of
// 2,000 rows and an MCFS page of 1,000 rows read row by row, each written as the services write them. The source
// is compiled first (tsc, into build/, which git ignores), since the readers are not the bundle's exports.
//   node bench/page-readers.mjs [--runs 60]
import { execFileSync } from 'node:child_process'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { awsRows, azureRows, mcfsRows } from './pages.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 60

execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', ROOT], {
  stdio: 'inherit'
})
const load = (file) => import(pathToFileURL(path.join(ROOT, 'build', 'src', file)).href)
const { scanAwsPage } = await load('providers/aws/scan.js')
const { scanReportPage } = await load('providers/azure/scan.js')
const { scanODataPage } = await load('providers/mcfs/scan.js')

/** Milliseconds of `f`: the median of RUNS after a warm-up, and the fastest. */
function time(f) {
  for (let i = 0; i < 10; i++) f()
  const ms = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint()
    f()
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6)
  }
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(RUNS / 2)], best: ms[0] }
}

const AWS_JOB = { method: 'market', fallbackAccount: null, month: '2025-07', keepRecords: false }
const pages = [
  [
    'AWS, 5,000 rows into a batch',
    { Results: awsRows(5000), NextToken: 'x'.repeat(64) },
    (b) => scanAwsPage(b, AWS_JOB)
  ],
  ['Azure, 2,000 rows', { value: azureRows(2000), skipToken: 'abc' }, (b) => scanReportPage(b, () => undefined)],
  ['MCFS, 1,000 rows', { '@odata.nextLink': 'https://x/next', value: mcfsRows(1000) }, (b) => scanODataPage(b)]
]

console.log(`${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}; node ${process.version}; ${RUNS} runs each`)
for (const [what, data, read] of pages) {
  const body = Buffer.from(JSON.stringify(data))
  if (read(body) === null) throw new Error(`${what}: not read from its bytes`)
  const reader = time(() => read(body))
  const parse = time(() => JSON.parse(body.toString('latin1')))
  console.log(
    `${what} (${(body.length / 1e6).toFixed(2)} MB): reader ${reader.median.toFixed(2)} ms (fastest ${reader.best.toFixed(2)}), JSON.parse ${parse.median.toFixed(2)} ms (fastest ${parse.best.toFixed(2)})`
  )
}
