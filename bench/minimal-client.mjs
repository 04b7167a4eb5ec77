#!/usr/bin/env node
// The minimal client: the honest floor of a run on this machine. It replays a timed run's recorded requests
// (bench/recording.mjs: the same methods, URLs, headers with their signatures and tokens, bodies) against the
// same sandbox with its latency, `concurrency` in flight at most over keep-alive HTTPS, each request after the
// answers it needs (a page after the previous page of its chain, a data request after its sign-in), and does
// nothing with an answer but read it and JSON.parse it (STS answers XML: read as text). Ready requests go
// longest remaining chain first, the best order for chains; so the replay is a lower bound for the action.
//   node bench/minimal-client.mjs <replay.json>   (NODE_EXTRA_CA_CERTS: the sandbox's CA)
// Prints one JSON line: { wallMs (first request sent to last answer parsed), bootMs (process start to this
// module), loadMs (reading the file and ordering the graph: replay-only work), requests, statusMismatches
// (answers whose status differs from the recorded one: a replay that was refused), parseMs, bytes }.
import * as fs from 'node:fs'
import * as https from 'node:https'
import { isAscii } from 'node:buffer'

const file = process.argv[2]
if (!file) {
  console.error('usage: node bench/minimal-client.mjs <replay.json>')
  process.exit(2)
}
const bootMs = performance.now()
const plan = JSON.parse(fs.readFileSync(file, 'utf8'))
const reqs = plan.requests.map((r) => ({ ...r, body: Buffer.from(r.body, 'base64') }))
const slots = plan.concurrency
const agent = new https.Agent({ keepAlive: true, maxSockets: slots })

// Longest chain from each request to the end: the priority of a ready request.
const children = reqs.map(() => [])
reqs.forEach((r, i) => r.deps.forEach((d) => children[d].push(i)))
const level = new Array(reqs.length).fill(1)
for (let i = reqs.length - 1; i >= 0; i--) for (const c of children[i]) level[i] = Math.max(level[i], 1 + level[c])
const waiting = reqs.map((r) => r.deps.length)
const ready = reqs.map((_, i) => i).filter((i) => waiting[i] === 0)

let mismatches = 0
const mismatched = []
let parseNs = 0n
let bytes = 0
// Reading the file and ordering the graph: what the client needs only because it replays (the bench takes it out).
const loadMs = performance.now() - bootMs

function send(r) {
  return new Promise((resolve, reject) => {
    const u = new URL(r.url)
    const q = https.request(
      {
        agent,
        method: r.method,
        hostname: u.hostname,
        port: u.port,
        path: `${u.pathname}${u.search}`,
        headers: [...r.headers.flat(), 'content-length', String(r.body.length)]
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const data = Buffer.concat(chunks)
          bytes += data.length
          const t = process.hrtime.bigint()
          // The fastest exact read of the text: pure ASCII as latin1 (no UTF-8 decoding), as the action reads it.
          const text = isAscii(data) ? data.toString('latin1') : data.toString('utf8')
          if (/json/.test(res.headers['content-type'] ?? '')) JSON.parse(text)
          parseNs += process.hrtime.bigint() - t
          if (res.statusCode !== r.status) {
            mismatches++
            if (mismatched.length < 5)
              mismatched.push(`${r.service} ${r.method} ${u.pathname}: ${res.statusCode}, recorded ${r.status}`)
          }
          resolve()
        })
        res.on('error', reject)
      }
    )
    q.on('error', reject)
    q.end(r.body)
  })
}

const t0 = performance.now()
await new Promise((resolve, reject) => {
  let inFlight = 0
  let done = 0
  const pump = () => {
    if (done === reqs.length) return resolve()
    while (inFlight < slots && ready.length) {
      // the ready request with the longest chain after it (ties: the earlier recorded)
      let best = 0
      for (let k = 1; k < ready.length; k++)
        if (level[ready[k]] > level[ready[best]] || (level[ready[k]] === level[ready[best]] && ready[k] < ready[best]))
          best = k
      const i = ready.splice(best, 1)[0]
      inFlight++
      send(reqs[i]).then(() => {
        inFlight--
        done++
        for (const c of children[i]) if (--waiting[c] === 0) ready.push(c)
        pump()
      }, reject)
    }
  }
  pump()
})
const wallMs = performance.now() - t0
agent.destroy()
console.log(
  JSON.stringify({
    wallMs,
    bootMs,
    loadMs,
    requests: reqs.length,
    statusMismatches: mismatches,
    mismatched,
    parseMs: Number(parseNs) / 1e6,
    bytes
  })
)
