import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { InputError, parseSettings, splitList } from '../src/settings.js'
import { inputEnv } from './helpers/action.js'
import { BAD_INPUTS } from './helpers/bad-inputs.js'

const NOW = new Date('2026-11-22T10:00:00Z')
const parse = (inputs: Record<string, string>, extra: Record<string, string> = {}) =>
  parseSettings({ env: { ...inputEnv(inputs), ...extra }, now: NOW, cwd: '/work' })

describe('settings: good inputs', () => {
  it('applies the contract defaults', () => {
    const s = parse({ providers: 'aws' }, { RUNNER_TEMP: '/tmp/rt' })
    expect(s.providers).toEqual(['aws'])
    // AWS publishes by the 21st: on 2026-11-22 October is the latest month; 11 months before it.
    expect(s.period).toEqual({ start: '2025-11', end: '2026-10' })
    expect(s.periodDefaults).toEqual({ start: true, end: true })
    expect(s.method).toBe('market')
    expect(s.aws).toEqual({
      roles: [],
      region: 'us-east-1',
      audience: 'sts.amazonaws.com',
      sessionName: 'cloud-carbon-report',
      accountIds: []
    })
    expect(s.azure.audience).toBe('api://AzureADTokenExchange')
    expect(s.azure.resourceManagerEndpoint).toBe('https://management.azure.com')
    expect(s.azure.authorityHost).toBe('https://login.microsoftonline.com')
    expect(s.azure.customAuthority).toBe(false)
    expect(s.mcfs.endpoint).toBe('https://api.mcfs.microsoft.com')
    expect(s.thresholds).toEqual({ maxTotal: null, maxMonthly: null, maxIncreasePercent: null })
    expect(s.failOnThreshold).toBe(true)
    expect(s.failOnError).toBe(true)
    expect(s.outputDir).toBe('/tmp/rt/cloud-carbon-report')
    expect(s.jobSummary).toBe(true)
    expect(s.artifactName).toBe('cloud-carbon-report')
    expect(s.artifactRetentionDays).toBeNull()
    expect(s.prComment).toBe(false)
    expect(s.concurrency).toBe(8)
    expect(s.timeoutMs).toBe(600_000)
    expect(s.mode).toBe('collect')
    expect(s.shard).toBeNull()
  })

  it('default end-date follows each provider publication day', () => {
    const mcfs = { 'mcfs-instance-id': 'i', 'mcfs-enrollment-id': '1', 'mcfs-api-key': 'k' }
    const at = (iso: string, providers: string) =>
      parseSettings({ env: inputEnv({ providers, ...mcfs }), now: new Date(iso) }).period.end
    expect(at('2026-11-21T00:00:00Z', 'aws')).toBe('2026-10')
    expect(at('2026-11-20T23:59:59Z', 'aws')).toBe('2026-09')
    expect(at('2026-11-19T00:00:00Z', 'azure')).toBe('2026-10')
    expect(at('2026-11-20T00:00:00Z', 'aws,azure')).toBe('2026-09')
    expect(at('2026-01-25T00:00:00Z', 'aws')).toBe('2025-12')
    expect(at('2026-01-05T00:00:00Z', 'mcfs,azure')).toBe('2025-11')
  })

  it('without RUNNER_TEMP the output goes to ./cloud-carbon-report', () => {
    expect(parse({ providers: 'aws' }).outputDir).toBe('/work/cloud-carbon-report')
  })

  it.each([
    [
      'providers with spaces, newlines and case',
      { providers: ' AWS ,\n\n azure \n' },
      (s: any) => expect(s.providers).toEqual(['aws', 'azure'])
    ],
    ['duplicate providers collapse', { providers: 'aws,aws' }, (s: any) => expect(s.providers).toEqual(['aws'])],
    [
      'YYYY-MM-01 dates',
      { providers: 'aws', 'start-date': '2025-01-01', 'end-date': '2025-12-01' },
      (s: any) => expect(s.period).toEqual({ start: '2025-01', end: '2025-12' })
    ],
    [
      'start only: end is the default',
      { providers: 'aws', 'start-date': '2026-01' },
      (s: any) => expect(s.period).toEqual({ start: '2026-01', end: '2026-10' })
    ],
    [
      'end only: start is 11 months before',
      { providers: 'aws', 'end-date': '2025-06' },
      (s: any) => expect(s.period).toEqual({ start: '2024-07', end: '2025-06' })
    ],
    ['method in capitals', { providers: 'aws', method: 'Location' }, (s: any) => expect(s.method).toBe('location')],
    [
      'roles on lines with blanks',
      {
        providers: 'aws',
        'aws-role-to-assume': '\narn:aws:iam::111122223333:role/a\n  \narn:aws:iam::444455556666:role/path/b , '
      },
      (s: any) =>
        expect(s.aws.roles).toEqual(['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::444455556666:role/path/b'])
    ],
    [
      'GovCloud role',
      {
        providers: 'aws',
        'aws-role-to-assume': 'arn:aws-us-gov:iam::111122223333:role/a',
        'aws-region': 'us-gov-west-1'
      },
      (s: any) => expect(s.aws.region).toBe('us-gov-west-1')
    ],
    [
      'account ids keep leading zeros',
      { providers: 'aws', 'aws-account-ids': '000011112222, 111122223333' },
      (s: any) => expect(s.aws.accountIds).toEqual(['000011112222', '111122223333'])
    ],
    [
      'booleans in any case',
      { providers: 'aws', 'fail-on-error': 'FALSE', 'job-summary': 'True' },
      (s: any) => expect([s.failOnError, s.jobSummary]).toEqual([false, true])
    ],
    [
      'numbers with decimals',
      { providers: 'aws', 'max-total': '12.5', 'max-monthly': '0', 'max-increase-percent': '7.5' },
      (s: any) => expect(s.thresholds).toEqual({ maxTotal: 12.5, maxMonthly: 0, maxIncreasePercent: 7.5 })
    ],
    [
      'empty artifact-name means none',
      { providers: 'aws', 'artifact-name': '' },
      (s: any) => expect(s.artifactName).toBe('')
    ],
    [
      'fractional timeout',
      { providers: 'aws', 'timeout-minutes': '0.5' },
      (s: any) => expect(s.timeoutMs).toBe(30_000)
    ],
    [
      'subscriptions lower-cased',
      { providers: 'azure', 'azure-subscription-ids': 'AAAAAAAA-0000-0000-0000-000000000001' },
      (s: any) => expect(s.azure.subscriptionIds).toEqual(['aaaaaaaa-0000-0000-0000-000000000001'])
    ],
    [
      'US Government cloud',
      { providers: 'azure', 'azure-environment': 'azureusgovernment' },
      (s: any) =>
        expect([s.azure.resourceManagerEndpoint, s.azure.authorityHost]).toEqual([
          'https://management.usgovcloudapi.net',
          'https://login.microsoftonline.us'
        ])
    ],
    [
      'custom authority turns discovery off',
      { providers: 'azure', 'azure-authority-host': 'https://127.0.0.1:8443/' },
      (s: any) => expect([s.azure.authorityHost, s.azure.customAuthority]).toEqual(['https://127.0.0.1:8443', true])
    ],
    ['shard i/n', { providers: 'aws', shard: '2/4' }, (s: any) => expect(s.shard).toEqual({ index: 2, count: 4 })]
  ])('%s', (_name, inputs, check) => {
    check(parse(inputs as Record<string, string>))
  })

  it('splits lists on commas and newlines only', () => {
    expect(splitList(' a, b\n\nc ,,\r\n d ')).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('settings: bad inputs fail with the input name and a fix', () => {
  const cases = BAD_INPUTS
  it(`has at least 40 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(40))
  it.each(cases)('%s', (_name, inputs, message) => {
    let err: unknown
    try {
      parse(inputs)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toMatch(message)
  })

  it('checks AZURE_AUTHORITY_HOST as it checks azure-authority-host, when Entra is used', () => {
    expect(() => parse({ providers: 'azure' }, { AZURE_AUTHORITY_HOST: 'http://login.example' })).toThrow(
      /AZURE_AUTHORITY_HOST "http:\/\/login\.example" is not HTTPS\. The clouds are called over HTTPS only: give an https:\/\/ URL\. Or remove the variable, or give azure-authority-host\./
    )
    expect(() =>
      parse(
        { providers: 'mcfs', 'mcfs-instance-id': 'i', 'mcfs-enrollment-id': '1', 'mcfs-api-key': 'k' },
        { AZURE_AUTHORITY_HOST: 'https://u:secret@login.example' }
      )
    ).toThrow(/AZURE_AUTHORITY_HOST "\(a URL with credentials\)" has user info in it/)
    // Credentials are never shown, also in a URL that is not https either (input or variable).
    for (const [inputs, extra] of [
      [{ providers: 'azure', 'azure-authority-host': 'http://u:secret@a.example' }, {}],
      [{ providers: 'azure' }, { AZURE_AUTHORITY_HOST: 'http://u:secret@a.example' }]
    ] as const) {
      expect(() => parse(inputs, extra)).toThrow(/has user info in it/)
      expect(() => parse(inputs, extra)).not.toThrow(/secret/)
    }
    expect(parse({ providers: 'azure' }, { AZURE_AUTHORITY_HOST: 'https://login.example/' }).azure.authorityHost).toBe(
      'https://login.example'
    )
    // The input wins over the variable; an AWS-only run does not use it.
    expect(
      parse({ providers: 'azure', 'azure-authority-host': 'https://a.example' }, { AZURE_AUTHORITY_HOST: 'http://x' })
        .azure.authorityHost
    ).toBe('https://a.example')
    expect(parse({ providers: 'aws' }, { AZURE_AUTHORITY_HOST: 'http://x' }).providers).toEqual(['aws'])
  })

  it('reports every bad input at once', () => {
    try {
      parse({ providers: 'oracle', method: 'x', concurrency: '-3' })
      throw new Error('did not throw')
    } catch (e) {
      expect((e as InputError).problems).toHaveLength(3)
      expect((e as Error).message).toMatch(/^3 inputs are invalid:/)
    }
  })

  it('an existing baseline is accepted', () => {
    const f = path.join(os.tmpdir(), `baseline-${process.pid}.json`)
    fs.writeFileSync(f, '{}')
    expect(parse({ providers: 'aws', baseline: f }).baseline).toBe(f)
  })
})
