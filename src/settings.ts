/**
 * Every input of the action, read once and validated into a typed object before any request is made.
 * A bad input is reported with its name, what was wrong, and the fix; all of them at once.
 */
import * as path from 'node:path'
import * as fs from 'node:fs'
import { PROVIDER_IDS, type Method, type Period, type ProviderId } from './model.js'
import { addMonths, defaultEndMonth, monthIndex, utcMonth } from './period.js'

export type AzureEnvironment = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud'

export interface AwsSettings {
  roles: string[]
  region: string
  audience: string
  sessionName: string
  accountIds: string[]
}

export interface AzureSettings {
  clientId: string
  tenantId: string
  subscriptionIds: string[]
  audience: string
  environment: AzureEnvironment
  authorityHost: string
  resourceManagerEndpoint: string
  /** True when the authority host is not the environment's own (instance discovery is then turned off). */
  customAuthority: boolean
}

export interface McfsSettings {
  instanceId: string
  enrollmentId: string
  tenantId: string
  apiKey: string
  endpoint: string
}

export interface Thresholds {
  maxTotal: number | null
  maxMonthly: number | null
  maxIncreasePercent: number | null
}

export interface Settings {
  providers: ProviderId[]
  period: Period
  /** Which ends of the period came from defaults (and so may be moved to what is published). */
  periodDefaults: { start: boolean; end: boolean }
  method: Method
  /** First month (1-12) of the reporting year (`fiscal-year-start`). */
  fiscalYearStart: number
  aws: AwsSettings
  azure: AzureSettings
  mcfs: McfsSettings
  thresholds: Thresholds
  failOnThreshold: boolean
  failOnError: boolean
  outputDir: string
  jobSummary: boolean
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

/** One or more bad inputs. The message names each input and its fix. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`)
    this.name = 'InputError'
  }
}

export type Env = Record<string, string | undefined>

/** Reads an input as `@actions/core` does: `INPUT_<NAME>` upper-cased, spaces to `_`, trimmed. */
export function readInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** Splits a list input on commas and newlines; blanks and surrounding spaces are ignored. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

const AZURE_CLOUDS: Record<AzureEnvironment, { authority: string; arm: string }> = {
  AzureCloud: { authority: 'https://login.microsoftonline.com', arm: 'https://management.azure.com' },
  AzureUSGovernment: { authority: 'https://login.microsoftonline.us', arm: 'https://management.usgovcloudapi.net' },
  AzureChinaCloud: { authority: 'https://login.chinacloudapi.cn', arm: 'https://management.chinacloudapi.cn' }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
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

  const url = (name: string, dflt: string): string => {
    const v = input(name)
    if (v === '') return dflt
    const problem = httpsUrlProblem(v)
    if (problem === null) return v.replace(/\/+$/, '')
    bad(name, problem.shown, problem.what, problem.fix)
    return dflt
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
  let end = endIn ?? defaultEndMonth(providers.length > 0 ? providers : ['aws'], now)
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

  // AWS
  const roles: string[] = []
  for (const r of splitList(input('aws-role-to-assume'))) {
    if (!ROLE_ARN.test(r)) {
      bad(
        'aws-role-to-assume',
        r,
        'is not an IAM role ARN',
        'Use arn:aws:iam::<12-digit account id>:role/<name>, one per line or comma-separated.'
      )
    } else if (roles.includes(r)) {
      bad(
        'aws-role-to-assume',
        r,
        'is listed twice',
        'List each role once (one per AWS Organization), or its data would be counted twice.'
      )
    } else roles.push(r)
  }
  const region = input('aws-region') || 'us-east-1'
  if (!AWS_REGION.test(region))
    bad('aws-region', region, 'is not an AWS region', 'Use a region code such as us-east-1.')
  const awsAudience = input('aws-audience') || 'sts.amazonaws.com'
  const sessionName = input('aws-role-session-name') || 'cloud-carbon-report'
  if (!SESSION_NAME.test(sessionName)) {
    bad(
      'aws-role-session-name',
      sessionName,
      'is not a valid role session name',
      'Use 2 to 64 characters of letters, digits and + = , . @ - _.'
    )
  }
  const accountIds: string[] = []
  for (const a of splitList(input('aws-account-ids'))) {
    if (!/^\d{12}$/.test(a))
      bad(
        'aws-account-ids',
        a,
        'is not an AWS account id',
        'Use 12-digit account ids (keep leading zeros), comma- or newline-separated.'
      )
    else if (!accountIds.includes(a)) accountIds.push(a)
  }

  // Azure (shared by the azure and mcfs providers)
  const clientId = input('azure-client-id')
  if (clientId !== '' && !GUID.test(clientId))
    bad(
      'azure-client-id',
      clientId,
      'is not a GUID',
      'Use the application (client) id of the app registration, e.g. 00000000-0000-0000-0000-000000000000.'
    )
  const tenantId = input('azure-tenant-id')
  if (tenantId !== '' && !GUID.test(tenantId) && !DNS_NAME.test(tenantId)) {
    bad(
      'azure-tenant-id',
      tenantId,
      'is not a tenant id',
      'Use the directory (tenant) id GUID or the tenant domain (contoso.onmicrosoft.com).'
    )
  }
  if (clientId !== '' && tenantId === '') {
    problems.push(
      `Input 'azure-tenant-id' is required with azure-client-id. Give the directory (tenant) id of the app registration.`
    )
  }
  const subscriptionIds: string[] = []
  for (const s of splitList(input('azure-subscription-ids'))) {
    if (!GUID.test(s))
      bad(
        'azure-subscription-ids',
        s,
        'is not a subscription id',
        'Use subscription GUIDs, comma- or newline-separated.'
      )
    else if (!subscriptionIds.includes(s.toLowerCase())) subscriptionIds.push(s.toLowerCase())
  }
  let environment: AzureEnvironment = 'AzureCloud'
  const rawEnvironment = input('azure-environment')
  if (rawEnvironment !== '') {
    const found = (Object.keys(AZURE_CLOUDS) as AzureEnvironment[]).find(
      (k) => k.toLowerCase() === rawEnvironment.toLowerCase()
    )
    if (found) environment = found
    else
      bad(
        'azure-environment',
        rawEnvironment,
        'is not an Azure cloud',
        'Use AzureCloud, AzureUSGovernment or AzureChinaCloud (or set azure-authority-host and azure-resource-manager-endpoint).'
      )
  }
  // The variable is the input's default: checked the same way, when Entra is used and the input does not override it.
  const envAuthority = (env.AZURE_AUTHORITY_HOST ?? '').trim()
  const envProblem =
    envAuthority !== '' &&
    input('azure-authority-host') === '' &&
    (providers.includes('azure') || providers.includes('mcfs'))
      ? httpsUrlProblem(envAuthority)
      : null
  if (envProblem !== null) {
    problems.push(
      `The environment variable AZURE_AUTHORITY_HOST ${JSON.stringify(envProblem.shown)} ${envProblem.what}. ${envProblem.fix} Or remove the variable, or give azure-authority-host.`
    )
  }
  const authorityDefault = envAuthority.replace(/\/+$/, '') || AZURE_CLOUDS[environment].authority
  const authorityHost = url('azure-authority-host', authorityDefault)
  const resourceManagerEndpoint = url('azure-resource-manager-endpoint', AZURE_CLOUDS[environment].arm)

  // MCFS
  const mcfs: McfsSettings = {
    instanceId: input('mcfs-instance-id'),
    enrollmentId: input('mcfs-enrollment-id'),
    tenantId: input('mcfs-tenant-id'),
    apiKey: input('mcfs-api-key'),
    endpoint: url('mcfs-endpoint', 'https://api.mcfs.microsoft.com')
  }
  if (mcfs.instanceId !== '' && !/^[\w-]{1,128}$/.test(mcfs.instanceId))
    bad(
      'mcfs-instance-id',
      mcfs.instanceId,
      'is not an instance id',
      'Use the MCFS instance id (a GUID) from your Microsoft Cloud for Sustainability environment.'
    )
  if (mcfs.enrollmentId !== '' && !/^[\w-]{1,64}$/.test(mcfs.enrollmentId))
    bad(
      'mcfs-enrollment-id',
      mcfs.enrollmentId,
      'is not an enrollment id',
      'Use the billing account (enrollment) number, e.g. 12345678.'
    )
  if (mcfs.tenantId !== '' && !GUID.test(mcfs.tenantId))
    bad('mcfs-tenant-id', mcfs.tenantId, 'is not a tenant id', 'Use the Microsoft 365 tenant id GUID.')
  // A merge job reads the shards' reports and signs in nowhere: it does not need the MCFS key and ids.
  if (providers.includes('mcfs') && !/^\s*merge\s*$/i.test(input('mode'))) {
    if (mcfs.instanceId === '')
      problems.push(`Input 'mcfs-instance-id' is required with the mcfs provider. Give your MCFS instance id.`)
    if (mcfs.enrollmentId === '' && mcfs.tenantId === '')
      problems.push(
        `Input 'mcfs-enrollment-id' (or 'mcfs-tenant-id') is required with the mcfs provider. Give the enrollment (billing account) to report, the Microsoft 365 tenant, or both.`
      )
    if (mcfs.apiKey === '')
      problems.push(
        `Input 'mcfs-api-key' is required with the mcfs provider. Store the API Management key as a repository secret and pass it: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`
      )
  }

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
    aws: { roles, region, audience: awsAudience, sessionName, accountIds },
    azure: {
      clientId,
      tenantId,
      subscriptionIds,
      audience: input('azure-audience') || 'api://AzureADTokenExchange',
      environment,
      authorityHost,
      resourceManagerEndpoint,
      customAuthority: authorityHost.toLowerCase() !== AZURE_CLOUDS[environment].authority
    },
    mcfs,
    thresholds,
    failOnThreshold,
    failOnError,
    outputDir,
    jobSummary,
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

/** What is wrong with a URL for a cloud endpoint (absolute, https, no user info), or null; `shown` never holds credentials. */
function httpsUrlProblem(v: string): { shown: string; what: string; fix: string } | null {
  let u: URL
  try {
    u = new URL(v)
  } catch {
    return { shown: v, what: 'is not a URL', fix: 'Give an absolute https:// URL.' }
  }
  if (u.username || u.password)
    return {
      shown: '(a URL with credentials)',
      what: 'has user info in it',
      fix: 'Remove the user:password@ part; credentials never go in URLs.'
    }
  if (u.protocol !== 'https:')
    return { shown: v, what: 'is not HTTPS', fix: 'The clouds are called over HTTPS only: give an https:// URL.' }
  return null
}
