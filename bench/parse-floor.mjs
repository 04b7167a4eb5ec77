#!/usr/bin/env node
// The floor under the processing rate: how fast this machine can JSON.parse one AWS Sustainability page of
// 5,000 rows (the API's maximum), written as the API writes it (~700 bytes a row, seven figures each), and do
// nothing else. Every record of the action comes from such a row, so records/s of the whole action cannot
// exceed this figure, whatever is done after the parse.
//   node bench/parse-floor.mjs [--rows 5000] [--runs 30]
import * as os from 'node:os'
import { awsRows } from './pages.mjs'

const args = process.argv.slice(2)
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? Number(args[i + 1]) : dflt
}
const ROWS = opt('rows', 5000)
const RUNS = opt('runs', 30)

const results = awsRows(ROWS)
// As the action holds it: the body's bytes read as a one-byte string.
const text = Buffer.from(JSON.stringify({ Results: results, NextToken: 'x'.repeat(64) })).toString('latin1')

const time = (f) => {
  const t0 = process.hrtime.bigint()
  f()
  return Number(process.hrtime.bigint() - t0) / 1e3
}
for (let i = 0; i < 5; i++) JSON.parse(text) // warm-up
const us = Array.from({ length: RUNS }, () => time(() => JSON.parse(text)) / ROWS).sort((a, b) => a - b)
const median = us[Math.floor(us.length / 2)]

// The machine: a pure JavaScript loop over the same text, one character a step.
let sink = 0
const loop = Array.from({ length: 5 }, () =>
  time(() => {
    for (let i = 0; i < text.length; i++) sink += text.charCodeAt(i)
  })
).sort((a, b) => a - b)[2]

console.log(
  `page: ${ROWS} rows, ${(text.length / 1e6).toFixed(2)} MB (${Math.round(text.length / ROWS)} bytes a row); ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}; node ${process.version}`
)
console.log(
  `JSON.parse alone: ${median.toFixed(2)} us a row (median of ${RUNS}; fastest ${us[0].toFixed(2)}, slowest ${us.at(-1).toFixed(2)})`
)
console.log(
  `  = at most ${Math.round(1e6 / median).toLocaleString('en-US')} rows/s on one thread before anything else is done with them`
)
console.log(
  `a JavaScript loop over the text: ${((loop * 1000) / text.length).toFixed(2)} ns a character (checksum ${sink % 1000})`
)
