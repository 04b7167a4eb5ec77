/**
 * Checks every end-to-end test makes of a run: the report adds up to the gram everywhere, and no secret the
 * sandbox handed out shows anywhere a user can see.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import type { ActionRun } from './action.js'
import { parseCsv } from './records.js'

export const grams = (kg: number | null | undefined) => Math.round((kg ?? 0) * 1000)
/** A report without its timestamp, to compare two runs. */
export const comparable = (r: ActionRun) => JSON.stringify({ ...r.report, generatedAt: null })
const sumGrams = (list: any[], key: string) => list.reduce((a: number, x: any) => a + grams(x[key]), 0)

/** totalKgCO2e = sum of records = sum of months = sum of providers = the CSV = the output, to the gram. */
export function expectConsistent(r: ActionRun): void {
  const rep = r.report
  const total = grams(rep.totalKgCO2e)
  const csv = parseCsv(r.csv!)
  const kgAt = csv[0].indexOf('kgco2e')
  expect(csv).toHaveLength(rep.records.length + 1)
  expect({
    records: sumGrams(rep.records, 'kgCO2e'),
    months: sumGrams(rep.months, 'totalKgCO2e'),
    providers: sumGrams(rep.providers, 'totalKgCO2e'),
    csv: csv.slice(1).reduce((a, row) => a + grams(Number(row[kgAt])), 0)
  }).toEqual({ records: total, months: total, providers: total, csv: total })
  expect(r.outputs['total-kgco2e']).toBe((total / 1000).toFixed(3))
}

/**
 * No secret in the log, summary, outputs, report files (everything in the output directory) or `extra` texts
 * (e.g. PR comments). ::add-mask:: lines carry a secret to the runner by design; nothing else may.
 */
export function expectNoLeak(runs: ActionRun | ActionRun[], secrets: string[], extra: string[] = []): void {
  expect(secrets.length).toBeGreaterThan(0)
  // Each distinct text once (runs of a matrix write the same report again and again), one search per secret.
  const texts = new Set(extra)
  for (const r of Array.isArray(runs) ? runs : [runs]) {
    const files = fs.existsSync(r.outputDir)
      ? fs.readdirSync(r.outputDir).map((f) => fs.readFileSync(path.join(r.outputDir, f), 'utf8'))
      : []
    for (const t of [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs), r.csv ?? '', JSON.stringify(r.report)])
      texts.add(t)
    for (const t of files) texts.add(t)
  }
  for (const text of texts)
    for (const s of secrets) {
      if (!text.includes(s)) continue
      expect(text.split('\n').filter((l) => l.includes(s) && !l.startsWith('::add-mask::'))).toEqual([])
    }
}

/** No secret in any uploaded artifact's bytes. */
export function expectNoLeakInArtifacts(artifacts: { blob?: Buffer | null }[], secrets: string[]): void {
  for (const a of artifacts) for (const s of secrets) expect(a.blob?.includes(Buffer.from(s)) ?? false).toBe(false)
}
