/**
 * Change over time, on exact grams.
 *
 * - Month over month: the latest month with data against the month before it (the month `max-increase-percent`
 *   judges), per provider, service and account.
 * - Year over year: the same latest month against the same month a year earlier, when the period holds it.
 * - Against a baseline: an earlier report.json (`baseline` input). Months both reports cover are compared per
 *   provider (a different total is a restatement by the provider), and records keyed by
 *   provider/account/month/service/region that appeared, vanished or changed are listed.
 *
 * A percentage is null when the earlier figure is 0 (there is nothing to take a percentage of): the renderers
 * say "new" when the later figure is not 0, and "–" when both are.
 */
import {
  PROVIDER_IDS,
  type CarbonRecord,
  type Grams,
  type Method,
  type Month,
  type Period,
  type ProviderId
} from '../model.js'
import { addMonths, monthIndex, monthsOf } from '../period.js'
import { InputError } from '../settings.js'
import { gramsToKg, kilogramsToGrams } from '../units.js'
import type { Group, ReportModel } from './builder.js'
import { SCHEMA_VERSION } from './json.js'
import { readReportObjects, ReportReadError } from './read.js'
import { lastTwoMonths } from './thresholds.js'
import { providerLabel } from '../providers/registry.js'

/** One figure before and after. `percent` is null when `before` is 0. */
export interface Change {
  before: Grams
  after: Grams
  delta: Grams
  percent: number | null
}

export interface GroupChange extends Change {
  provider: ProviderId
  /** Service name or account id ('' when the provider gives none). */
  key: string
  label: string
}

export interface PeriodChange {
  kind: 'month-over-month' | 'year-over-year'
  month: Month
  previousMonth: Month
  total: Change
  providers: (Change & { provider: ProviderId })[]
  /** Every service/account with a figure in either month, largest absolute change first. */
  services: GroupChange[]
  accounts: GroupChange[]
}

/** What identifies a record (and describes it in a diff): provider/account/month/service/region, and the name. */
export type RecordIdentity = Pick<CarbonRecord, 'provider' | 'account' | 'accountName' | 'month' | 'service' | 'region'>

export interface RecordDiff extends RecordIdentity {
  before: Grams | null
  after: Grams | null
}

export interface RecordDiffSet {
  count: number
  /** Sum of the change (after − before) over the set. */
  delta: Grams
  /** Largest first; at most LIST_LIMIT. */
  list: RecordDiff[]
}

export interface BaselineChanges {
  /** The input as given. */
  file: string
  generatedAt: string | null
  period: Period
  method: Method | null
  /** The providers compared (in both reports, complete in both). */
  providers: ProviderId[]
  /** Why a provider or month was not compared. */
  notCompared: string[]
  /** The months both reports cover, or null when they share none. */
  overlap: Period | null
  /** The compared providers over the shared months. */
  total: Change
  /** Months this report has and the baseline did not. */
  newMonths: Month[]
  /** Same provider, same month, a different total. */
  restated: (Change & { provider: ProviderId; month: Month })[]
  appeared: RecordDiffSet
  vanished: RecordDiffSet
  changed: RecordDiffSet
}

export interface Changes {
  monthOverMonth: PeriodChange | null
  yearOverYear: PeriodChange | null
  baseline: BaselineChanges | null
}

export const LIST_LIMIT = 1000

export function change(before: Grams, after: Grams): Change {
  return {
    before,
    after,
    delta: after - before,
    percent: before === 0 ? null : Math.round(((after - before) / Math.abs(before)) * 10_000) / 100
  }
}

const byMagnitude = <T extends Change & { provider: string; key?: string }>(a: T, b: T): number =>
  Math.abs(b.delta) - Math.abs(a.delta) ||
  a.provider.localeCompare(b.provider) ||
  (a.key ?? '').localeCompare(b.key ?? '')

function groupChanges(groups: Group[], month: Month, previous: Month): GroupChange[] {
  const out: GroupChange[] = []
  for (const g of groups) {
    const before = g.byMonth.get(previous) ?? 0
    const after = g.byMonth.get(month) ?? 0
    if (before === 0 && after === 0 && !g.byMonth.has(previous) && !g.byMonth.has(month)) continue
    out.push({ provider: g.provider, key: g.key, label: g.label, ...change(before, after) })
  }
  return out.sort(byMagnitude)
}

function periodChange(
  model: ReportModel,
  kind: PeriodChange['kind'],
  month: Month,
  previousMonth: Month
): PeriodChange {
  const row = (m: Month) => model.months.find((r) => r.month === m)
  const a = row(month)
  const b = row(previousMonth)
  const providers = PROVIDER_IDS.filter((p) => a?.byProvider[p] !== undefined || b?.byProvider[p] !== undefined).map(
    (p) => ({
      provider: p,
      ...change(b?.byProvider[p] ?? 0, a?.byProvider[p] ?? 0)
    })
  )
  return {
    kind,
    month,
    previousMonth,
    total: change(b?.grams ?? 0, a?.grams ?? 0),
    providers,
    services: groupChanges(model.services, month, previousMonth),
    accounts: groupChanges(model.accounts, month, previousMonth)
  }
}

/** Month-over-month and year-over-year change of the latest month with data. */
export function periodChanges(model: ReportModel): Pick<Changes, 'monthOverMonth' | 'yearOverYear'> {
  const pair = lastTwoMonths(model.months)
  if (pair === null) return { monthOverMonth: null, yearOverYear: null }
  const month = pair.last.month
  const yearBefore = addMonths(month, -12)
  const inPeriod = monthIndex(yearBefore) >= monthIndex(model.period.start)
  return {
    monthOverMonth: periodChange(model, 'month-over-month', month, pair.previous.month),
    yearOverYear: inPeriod ? periodChange(model, 'year-over-year', month, yearBefore) : null
  }
}

/** Services (or accounts) that rose most and fell most. */
export function movers(groups: GroupChange[], n: number): { risers: GroupChange[]; fallers: GroupChange[] } {
  const risers = groups
    .filter((g) => g.delta > 0)
    .sort((a, b) => b.delta - a.delta || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key))
  const fallers = groups
    .filter((g) => g.delta < 0)
    .sort((a, b) => a.delta - b.delta || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key))
  return { risers: risers.slice(0, n), fallers: fallers.slice(0, n) }
}

// ---------------------------------------------------------------------------------------------------------
// Baseline

interface BaselineRecord extends RecordIdentity {
  grams: Grams
}

export interface Baseline {
  file: string
  generatedAt: string | null
  period: Period
  method: Method | null
  providers: Map<ProviderId, { status: string; grams: Grams }>
  /** Grams per month and provider, from `months[].byProvider`. */
  months: Map<Month, Map<ProviderId, Grams>>
  records: Map<string, BaselineRecord>
}

const recordKey = (r: {
  provider: string
  account: string
  month: string
  service: string | null
  region: string | null
}): string => JSON.stringify([r.provider, r.account, r.month, r.service, r.region])

const FIX =
  'Give the path of the report.json an earlier run wrote (e.g. downloaded with actions/download-artifact), or leave baseline empty.'
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/**
 * Reads and checks an earlier report.json, streamed through the one report reader (a baseline of any size
 * reads in bounded memory). Any problem is an InputError naming the input `baseline`, thrown before anything
 * is fetched.
 */
export async function loadBaseline(file: string, given: string = file): Promise<Baseline> {
  const bad = (why: string, fix = FIX): InputError =>
    new InputError([`Input 'baseline': ${JSON.stringify(given)} ${why}. ${fix}`])
  const invalid = (what: string): InputError => bad(`is not a valid report.json (${what})`)
  const kg = (v: unknown, what: string): Grams => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`${what} is not a number`)
    return kilogramsToGrams(v, what)
  }
  const str = (v: unknown, what: string, nullable: boolean): string | null => {
    if (v === null && nullable) return null
    if (typeof v !== 'string') throw invalid(`${what} is not a string`)
    return v
  }
  const isProvider = (v: unknown): v is ProviderId =>
    typeof v === 'string' && (PROVIDER_IDS as readonly string[]).includes(v)

  // Records are checked as they stream by; the first bad one is reported after the header (which says
  // first whether the file is a report.json of this version at all).
  const records = new Map<string, BaselineRecord>()
  let recordProblem: InputError | null = null
  const onRecord = (r: unknown, i: number): void => {
    if (recordProblem) return
    try {
      const o = r as Record<string, unknown>
      if (typeof o !== 'object' || o === null || !isProvider(o.provider))
        throw invalid(`records[${i}].provider is not aws, azure or mcfs`)
      if (typeof o.month !== 'string' || !MONTH.test(o.month)) throw invalid(`records[${i}].month is not YYYY-MM`)
      const rec: BaselineRecord = {
        provider: o.provider,
        account: str(o.account, `records[${i}].account`, false)!,
        accountName: str(o.accountName ?? null, `records[${i}].accountName`, true),
        month: o.month,
        service: str(o.service ?? null, `records[${i}].service`, true),
        region: str(o.region ?? null, `records[${i}].region`, true),
        grams: kg(o.kgCO2e, `records[${i}].kgCO2e`)
      }
      const key = recordKey(rec)
      const seen = records.get(key)
      if (seen) seen.grams += rec.grams
      else records.set(key, rec)
    } catch (e) {
      if (!(e instanceof InputError)) throw e
      recordProblem = e
    }
  }
  let d: Record<string, unknown>
  let sawRecords: boolean
  try {
    ;({ header: d, sawRecords } = await readReportObjects(file, onRecord))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EISDIR')
      throw bad('is a directory', `Give the report.json inside it (e.g. ${given.replace(/\/+$/, '')}/report.json).`)
    if (!(e instanceof ReportReadError)) throw bad(`cannot be read (${code ?? (e as Error).message})`)
    if (e.kind === 'json')
      throw bad(`is not JSON (${e.message})`, `Give report.json (not report.csv or summary.md). ${FIX}`)
    if (e.kind === 'object') throw bad('is not a report.json (not a JSON object)')
    if (e.kind === 'schema' && e.message.startsWith('schemaVersion'))
      throw bad(
        `has ${e.message}; this version of the action reads schemaVersion ${SCHEMA_VERSION}`,
        'Give a report.json written by cloud-carbon-report v1, or leave baseline empty.'
      )
    if (e.kind === 'schema') throw bad(`is not a cloud-carbon-report report.json (${e.message})`)
    throw invalid(e.message)
  }
  const period = d.period as Record<string, unknown> | undefined
  if (
    typeof period !== 'object' ||
    period === null ||
    typeof period.start !== 'string' ||
    typeof period.end !== 'string' ||
    !MONTH.test(period.start) ||
    !MONTH.test(period.end)
  ) {
    throw invalid('period.start and period.end must be YYYY-MM')
  }
  const providers = new Map<ProviderId, { status: string; grams: Grams }>()
  if (!Array.isArray(d.providers)) throw invalid('providers is not a list')
  for (const [i, p] of (d.providers as unknown[]).entries()) {
    const o = p as Record<string, unknown>
    if (typeof o !== 'object' || o === null || !isProvider(o.provider))
      throw invalid(`providers[${i}].provider is not aws, azure or mcfs`)
    providers.set(o.provider, {
      status: String(o.status ?? 'ok'),
      grams: kg(o.totalKgCO2e, `providers[${i}].totalKgCO2e`)
    })
  }
  const months = new Map<Month, Map<ProviderId, Grams>>()
  if (!Array.isArray(d.months)) throw invalid('months is not a list')
  for (const [i, m] of (d.months as unknown[]).entries()) {
    const o = m as Record<string, unknown>
    if (typeof o !== 'object' || o === null || typeof o.month !== 'string' || !MONTH.test(o.month))
      throw invalid(`months[${i}].month is not YYYY-MM`)
    const by = new Map<ProviderId, Grams>()
    const bp = (o.byProvider ?? {}) as Record<string, unknown>
    if (typeof bp !== 'object' || bp === null) throw invalid(`months[${i}].byProvider is not an object`)
    for (const [p, v] of Object.entries(bp)) if (isProvider(p)) by.set(p, kg(v, `months[${i}].byProvider.${p}`))
    months.set(o.month, by)
  }
  if (!sawRecords) throw invalid('records is not a list')
  if (recordProblem) throw recordProblem
  return {
    file: given,
    generatedAt: typeof d.generatedAt === 'string' ? d.generatedAt : null,
    period: { start: period.start, end: period.end },
    method: d.method === 'market' || d.method === 'location' ? d.method : null,
    providers,
    months,
    records
  }
}

/**
 * Compares the records of this run with a baseline as they stream in (`observe` each record), then
 * `result` once the providers are done. Only records of months both reports cover are kept.
 */
export class BaselineComparison {
  private readonly current = new Map<string, BaselineRecord>()
  private readonly shared: Set<Month>

  constructor(
    readonly baseline: Baseline,
    readonly period: Period
  ) {
    const theirs = new Set(monthsOf(baseline.period))
    this.shared = new Set(monthsOf(period).filter((m) => theirs.has(m)))
  }

  observe(r: CarbonRecord): void {
    if (!this.shared.has(r.month) || !this.baseline.providers.has(r.provider)) return
    const key = recordKey(r)
    const seen = this.current.get(key)
    if (seen) seen.grams += r.grams
    else
      this.current.set(key, {
        provider: r.provider,
        account: r.account,
        accountName: r.accountName,
        month: r.month,
        service: r.service,
        region: r.region,
        grams: r.grams
      })
  }

  result(model: ReportModel): BaselineChanges {
    const b = this.baseline
    // Records the report left out (no double counting) were observed as they came: they leave the comparison too.
    const left = model.overlap
    if (left)
      for (const [key, r] of this.current)
        if (r.provider === left.provider && left.keys.has(`${r.account}\u0000${r.month}`)) this.current.delete(key)
    const notCompared: string[] = []
    const compared: ProviderId[] = []
    for (const p of model.providers) {
      const label = providerLabel(p.provider)
      const theirs = b.providers.get(p.provider)
      if (!theirs) notCompared.push(`${label} is not in the baseline.`)
      else if (theirs.status !== 'ok')
        notCompared.push(`${label} was ${theirs.status} in the baseline: its figures are not compared.`)
      else if (p.status !== 'ok')
        notCompared.push(`${label} is ${p.status} in this report: its figures are not compared.`)
      else compared.push(p.provider)
    }
    for (const p of b.providers.keys()) {
      if (!model.providers.some((o) => o.provider === p))
        notCompared.push(`${providerLabel(p)} is in the baseline but not in this report.`)
    }
    if (b.method !== null && b.method !== model.method) {
      notCompared.push(
        `The baseline is ${b.method}-based and this report is ${model.method}-based: differences include the change of method.`
      )
    }
    const shared = monthsOf(this.period).filter((m) => this.shared.has(m))
    const overlap = shared.length > 0 ? { start: shared[0], end: shared[shared.length - 1] } : null
    if (overlap === null)
      notCompared.push(`The baseline (${b.period.start} to ${b.period.end}) shares no month with this report.`)

    const restated: BaselineChanges['restated'] = []
    let before = 0
    let after = 0
    for (const month of shared) {
      const row = model.months.find((m) => m.month === month)
      for (const p of compared) {
        const was = b.months.get(month)?.get(p) ?? 0
        const now = row?.byProvider[p] ?? 0
        before += was
        after += now
        if (was !== now) restated.push({ provider: p, month, ...change(was, now) })
      }
    }

    const keep = new Set(compared)
    const appeared = diffSet()
    const vanished = diffSet()
    const changed = diffSet()
    for (const [key, r] of this.current) {
      if (!keep.has(r.provider)) continue
      const was = b.records.get(key)
      if (!was || !this.shared.has(was.month)) add(appeared, { ...strip(r), before: null, after: r.grams })
      else if (was.grams !== r.grams) add(changed, { ...strip(r), before: was.grams, after: r.grams })
    }
    for (const [key, r] of b.records) {
      if (!keep.has(r.provider) || !this.shared.has(r.month)) continue
      if (!this.current.has(key)) add(vanished, { ...strip(r), before: r.grams, after: null })
    }
    const newMonths = monthsOf(this.period).filter(
      (m) => monthIndex(m) > monthIndex(b.period.end) || monthIndex(m) < monthIndex(b.period.start)
    )
    return {
      file: b.file,
      generatedAt: b.generatedAt,
      period: b.period,
      method: b.method,
      providers: compared,
      notCompared,
      overlap,
      total: change(before, after),
      newMonths,
      restated,
      appeared: finish(appeared),
      vanished: finish(vanished),
      changed: finish(changed)
    }
  }
}

function strip(r: BaselineRecord): RecordIdentity {
  return {
    provider: r.provider,
    account: r.account,
    accountName: r.accountName,
    month: r.month,
    service: r.service,
    region: r.region
  }
}

const diffSet = (): RecordDiffSet => ({ count: 0, delta: 0, list: [] })
const diffSize = (d: RecordDiff): number => Math.abs((d.after ?? 0) - (d.before ?? 0))

function add(set: RecordDiffSet, d: RecordDiff): void {
  set.count++
  set.delta += (d.after ?? 0) - (d.before ?? 0)
  set.list.push(d)
  // Keep memory bounded: trim to the largest LIST_LIMIT now and then.
  if (set.list.length >= LIST_LIMIT * 2) set.list = set.list.sort(diffOrder).slice(0, LIST_LIMIT)
}

const diffOrder = (a: RecordDiff, b: RecordDiff): number =>
  diffSize(b) - diffSize(a) ||
  a.provider.localeCompare(b.provider) ||
  a.month.localeCompare(b.month) ||
  recordKey(a).localeCompare(recordKey(b))

function finish(set: RecordDiffSet): RecordDiffSet {
  return { ...set, list: set.list.sort(diffOrder).slice(0, LIST_LIMIT) }
}

// ---------------------------------------------------------------------------------------------------------
// report.json

const pct = (c: Change) => c.percent
function changeJson(c: Change): Record<string, number | null> {
  return {
    beforeKgCO2e: gramsToKg(c.before),
    afterKgCO2e: gramsToKg(c.after),
    changeKgCO2e: gramsToKg(c.delta),
    changePercent: pct(c)
  }
}

function periodJson(c: PeriodChange | null): Record<string, unknown> | null {
  if (c === null) return null
  return {
    month: c.month,
    previousMonth: c.previousMonth,
    total: changeJson(c.total),
    providers: c.providers.map((p) => ({ provider: p.provider, ...changeJson(p) })),
    services: c.services.map((g) => ({ provider: g.provider, service: g.key === '' ? null : g.key, ...changeJson(g) })),
    accounts: c.accounts.map((g) => ({ provider: g.provider, account: g.key, label: g.label, ...changeJson(g) }))
  }
}

function diffJson(set: RecordDiffSet): Record<string, unknown> {
  return {
    count: set.count,
    changeKgCO2e: gramsToKg(set.delta),
    listed: set.list.length,
    records: set.list.map((d) => ({
      provider: d.provider,
      account: d.account,
      accountName: d.accountName,
      month: d.month,
      service: d.service,
      region: d.region,
      beforeKgCO2e: d.before === null ? null : gramsToKg(d.before),
      afterKgCO2e: d.after === null ? null : gramsToKg(d.after)
    }))
  }
}

/** The `changes` key of report.json (kgCO2e; `changePercent` is null when the earlier figure is 0). */
export function changesJson(c: Changes): Record<string, unknown> {
  const b = c.baseline
  return {
    monthOverMonth: periodJson(c.monthOverMonth),
    yearOverYear: periodJson(c.yearOverYear),
    baseline:
      b === null
        ? null
        : {
            file: b.file,
            generatedAt: b.generatedAt,
            period: b.period,
            method: b.method,
            comparedProviders: b.providers,
            notCompared: b.notCompared,
            sharedMonths: b.overlap,
            total: changeJson(b.total),
            newMonths: b.newMonths,
            restatedMonths: b.restated.map((r) => ({ provider: r.provider, month: r.month, ...changeJson(r) })),
            appeared: diffJson(b.appeared),
            vanished: diffJson(b.vanished),
            changed: diffJson(b.changed)
          }
  }
}
