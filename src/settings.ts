/**
 * Every input of the action, read once and validated into a typed object before any request is made.
 * A bad input is reported with its name, what was wrong, and the fix; all of them at once.
 */
import * as path from 'node:path'
import * as fs from 'node:fs'
import { PROVIDER_IDS, type Method, type Period, type ProviderId } from './model.js'
import { addMonths, defaultEndMonth, monthIndex, utcMonth } from './period.js'
import { InputError, inputsOf, readInput, splitList, type Env } from './inputs.js'
import { PROVIDERS, type ProviderSettings } from './providers/registry.js'

export { InputError, readInput, splitList, type Env } from './inputs.js'

export interface Thresholds {
  maxTotal: number | null
  maxMonthly: number | null
  maxIncreasePercent: number | null
}

/** The common settings, and each provider's section under its id (`settings.aws`, …). */
export interface Settings extends ProviderSettings {
  providers: ProviderId[]
  period: Period
  /** Which ends of the period came from defaults (and so may be moved to what is published). */
  periodDefaults: { start: boolean; end: boolean }
  method: Method
  /** First month (1-12) of the reporting year (`fiscal-year-start`). */
  fiscalYearStart: number
  thresholds: Thresholds
  failOnThreshold: boolean
  failOnError: boolean
  outputDir: string
  jobSummary: boolean
  /** Also report the water the providers allocate to the usage (`water`). */
  water: boolean
  artifactName: string
  artifactRetentionDays: number | null
  prComment: boolean
  githubToken: string
  concurrency: number
  timeoutMs: number
  mode: 'collect' | 'merge'
  shard: { index: number; count: number } | null
  baseline: string | null
  /** The run's clock, fixed at start. */
  now: Date
}

const ARTIFACT_NAME_FORBIDDEN = /["<>|*?:\\/\r\n]/
/** Absurd limits are almost always a unit mix-up (kg typed as t): the whole world emits ~4e10 t a year. */
const MAX_LIMIT_TONNES = 1e9

export interface ParseOptions {
  env?: Env
  now?: Date
  cwd?: string
}

/** Parses and validates every input; throws InputError listing each bad one. */
export function parseSettings(options: ParseOptions = {}): Settings {
  const env = options.env ?? process.env
  const now = options.now ?? new Date()
  const cwd = options.cwd ?? process.cwd()
  const problems: string[] = []
  const input = (name: string): string => readInput(env, name)
  const bad = (name: string, value: string, why: string, fix: string): void => {
    problems.push(`Input '${name}': ${value === '' ? 'empty' : JSON.stringify(value)} ${why}. ${fix}`)
  }

  const bool = (name: string, dflt: boolean): boolean => {
    const v = input(name)
    if (v === '') return dflt
    if (/^true$/i.test(v)) return true
    if (/^false$/i.test(v)) return false
    bad(name, v, 'is not a boolean', `Use true or false.`)
    return dflt
  }

  const number = (
    name: string,
    opts: { min: number; max: number; integer?: boolean; exclusiveMin?: boolean; unit: string }
  ): number | null => {
    const v = input(name)
    if (v === '') return null
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN
    const kind = opts.integer ? 'a whole number' : 'a number'
    if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
      bad(name, v, `is not ${kind}`, `Give ${kind} of ${opts.unit} from ${opts.min} to ${opts.max}, without units.`)
      return null
    }
    if (n < opts.min || n > opts.max || (opts.exclusiveMin && n === opts.min)) {
      bad(
        name,
        v,
        `is out of range`,
        `Give ${kind} of ${opts.unit} ${opts.exclusiveMin ? 'above' : 'from'} ${opts.min}${opts.exclusiveMin ? ' and up' : ''} to ${opts.max}.`
      )
      return null
    }
    return n
  }

  // providers
  const providers: ProviderId[] = []
  const rawProviders = input('providers')
  const providerNames = splitList(rawProviders)
  // Only separators (", ") is as empty as nothing.
  if (providerNames.length === 0) {
    problems.push(
      `Input 'providers' is required. Give one or more of ${PROVIDER_IDS.join(', ')} (comma- or newline-separated).`
    )
  }
  for (const p of providerNames) {
    const id = p.toLowerCase() as ProviderId
    if (!PROVIDER_IDS.includes(id)) {
      bad('providers', p, 'is not a provider', `Use any of ${PROVIDER_IDS.join(', ')}.`)
    } else if (!providers.includes(id)) {
      providers.push(id)
    }
  }

  // period
  const month = (name: string): string | null => {
    const v = input(name)
    if (v === '') return null
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v)
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
      bad(name, v, 'is not a month', 'Use YYYY-MM (e.g. 2025-01) or the first day of a month, YYYY-MM-01.')
      return null
    }
    if (m[3] !== undefined && m[3] !== '01') {
      bad(
        name,
        v,
        'is not the first day of a month',
        `Reports cover whole months: use ${m[1]}-${m[2]} or ${m[1]}-${m[2]}-01.`
      )
      return null
    }
    if (Number(m[1]) < 2020) {
      bad(name, v, 'is before any provider has data', 'Give a month from 2020 on (AWS has data from 2022-01).')
      return null
    }
    return `${m[1]}-${m[2]}`
  }
  const startIn = month('start-date')
  const endIn = month('end-date')
  const currentMonth = utcMonth(now)
  const days = (providers.length > 0 ? providers : PROVIDER_IDS).map((p) => PROVIDERS[p].publicationDay)
  let end = endIn ?? defaultEndMonth(days, now)
  if (endIn !== null && monthIndex(endIn) > monthIndex(currentMonth)) {
    bad(
      'end-date',
      input('end-date'),
      `is in the future (today is ${now.toISOString().slice(0, 10)} UTC)`,
      `Give ${currentMonth} or earlier, or leave it empty for the latest published month.`
    )
    end = currentMonth
  }
  const start = startIn ?? addMonths(end, -11)
  if (monthIndex(start) > monthIndex(end)) {
    if (startIn !== null && endIn !== null) {
      bad(
        'start-date',
        input('start-date'),
        `is after end-date ${JSON.stringify(input('end-date'))}`,
        'Give a start-date on or before end-date.'
      )
    } else if (startIn !== null) {
      bad(
        'start-date',
        input('start-date'),
        `is after the default end-date ${end} (the latest month every selected provider has published)`,
        `Give a start-date of ${end} or earlier, or set end-date.`
      )
    }
  }

  // method
  let method: Method = 'market'
  const rawMethod = input('method')
  if (rawMethod !== '') {
    if (/^(market|location)$/i.test(rawMethod)) method = rawMethod.toLowerCase() as Method
    else
      bad(
        'method',
        rawMethod,
        'is not an accounting method',
        'Use market (market-based, the default) or location (location-based).'
      )
  }

  // fiscal-year-start
  let fiscalYearStart = 1
  const rawFiscal = input('fiscal-year-start')
  if (rawFiscal !== '') {
    if (/^(0?[1-9]|1[0-2])$/.test(rawFiscal)) fiscalYearStart = Number(rawFiscal)
    else
      bad(
        'fiscal-year-start',
        rawFiscal,
        'is not a month number',
        'Give the first month of your reporting year as 1 to 12 (1 = January, the calendar year; 4 = April).'
      )
  }

  // Each provider's section, in registry order (every input is checked, whether its provider is selected or not).
  const inputs = inputsOf(env, providers, /^\s*merge\s*$/i.test(input('mode')), problems)
  const sections = Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, PROVIDERS[id].parseInputs(inputs)])
  ) as unknown as ProviderSettings

  // thresholds
  const thresholds: Thresholds = {
    maxTotal: number('max-total', { min: 0, max: MAX_LIMIT_TONNES, unit: 'tCO2e' }),
    maxMonthly: number('max-monthly', { min: 0, max: MAX_LIMIT_TONNES, unit: 'tCO2e' }),
    maxIncreasePercent: number('max-increase-percent', { min: 0, max: 1e6, unit: 'percent' })
  }

  // output and behaviour
  const failOnThreshold = bool('fail-on-threshold', true)
  const failOnError = bool('fail-on-error', true)
  const jobSummary = bool('job-summary', true)
  const water = bool('water', false)
  const prComment = bool('pr-comment', false)
  const rawOutputDir = input('output-dir')
  const outputDir = path.resolve(
    cwd,
    rawOutputDir || (env.RUNNER_TEMP ? path.join(env.RUNNER_TEMP, 'cloud-carbon-report') : 'cloud-carbon-report')
  )
  const artifactName =
    readInput(env, 'artifact-name') === '' && `INPUT_ARTIFACT-NAME` in env
      ? ''
      : input('artifact-name') || 'cloud-carbon-report'
  if (artifactName !== '' && (ARTIFACT_NAME_FORBIDDEN.test(artifactName) || artifactName.length > 256)) {
    bad(
      'artifact-name',
      artifactName,
      'is not a valid artifact name',
      'Avoid " : < > | * ? \\ / and line breaks; keep it under 256 characters; or set it empty for no artifact.'
    )
  }
  const retention = number('artifact-retention-days', { min: 1, max: 90, integer: true, unit: 'days' })
  const concurrency = number('concurrency', { min: 1, max: 64, integer: true, unit: 'requests' }) ?? 8
  const timeoutMinutes = number('timeout-minutes', { min: 0, max: 360, exclusiveMin: true, unit: 'minutes' }) ?? 10
  const githubToken = input('github-token') || (env.GITHUB_TOKEN ?? '').trim()

  let mode: 'collect' | 'merge' = 'collect'
  const rawMode = input('mode')
  if (rawMode !== '') {
    if (/^(collect|merge)$/i.test(rawMode)) mode = rawMode.toLowerCase() as 'collect' | 'merge'
    else
      bad(
        'mode',
        rawMode,
        'is not a mode',
        'Use collect (fetch the data, the default) or merge (combine the shard artifacts of this run).'
      )
  }
  let shard: Settings['shard'] = null
  const rawShard = input('shard')
  if (rawShard !== '') {
    const m = /^(\d+)\s*\/\s*(\d+)$/.exec(rawShard)
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]) || Number(m[2]) > 256) {
      bad('shard', rawShard, 'is not a shard', 'Use i/n with 1 <= i <= n <= 256, e.g. shard: ${{ matrix.shard }}/4.')
    } else shard = { index: Number(m[1]), count: Number(m[2]) }
    if (mode === 'merge')
      problems.push(
        `Input 'shard' cannot be used with mode: merge. The merge job combines every shard: leave shard empty there.`
      )
  }
  if (mode === 'merge' && artifactName === '') {
    problems.push(
      `Input 'artifact-name' is empty, but mode: merge reads the shard artifacts by that name. Use the same artifact-name as the shard jobs.`
    )
  }
  if (shard !== null && artifactName === '') {
    problems.push(
      `Input 'artifact-name' is empty, but a shard must upload its report for the merge job. Set artifact-name (the default is cloud-carbon-report).`
    )
  }

  let baseline: string | null = null
  const rawBaseline = input('baseline')
  if (rawBaseline !== '') {
    const p = path.resolve(cwd, rawBaseline)
    if (!fs.existsSync(p))
      bad(
        'baseline',
        rawBaseline,
        'does not exist',
        'Give the path of an earlier report.json (e.g. downloaded with actions/download-artifact).'
      )
    else baseline = p
  }

  if (problems.length > 0) throw new InputError(problems)

  return {
    providers,
    period: { start, end },
    periodDefaults: { start: startIn === null, end: endIn === null },
    method,
    fiscalYearStart,
    ...sections,
    thresholds,
    failOnThreshold,
    failOnError,
    outputDir,
    jobSummary,
    water,
    artifactName,
    artifactRetentionDays: retention,
    prComment,
    githubToken,
    concurrency,
    timeoutMs: Math.round(timeoutMinutes * 60_000),
    mode,
    shard,
    baseline,
    now
  }
}
