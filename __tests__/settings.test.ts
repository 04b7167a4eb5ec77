import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { InputError, parseSettings, splitList } from '../src/settings.js'
import { inputEnv } from './helpers/action.js'

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
    expect(s.aws).toEqual({ roles: [], region: 'us-east-1', audience: 'sts.amazonaws.com', sessionName: 'cloud-carbon-report', accountIds: [] })
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
    const at = (iso: string, providers: string) => parseSettings({ env: inputEnv({ providers, ...mcfs }), now: new Date(iso) }).period.end
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
    ['providers with spaces, newlines and case', { providers: ' AWS ,\n\n azure \n' }, (s: any) => expect(s.providers).toEqual(['aws', 'azure'])],
    ['duplicate providers collapse', { providers: 'aws,aws' }, (s: any) => expect(s.providers).toEqual(['aws'])],
    ['YYYY-MM-01 dates', { providers: 'aws', 'start-date': '2025-01-01', 'end-date': '2025-12-01' }, (s: any) => expect(s.period).toEqual({ start: '2025-01', end: '2025-12' })],
    ['start only: end is the default', { providers: 'aws', 'start-date': '2026-01' }, (s: any) => expect(s.period).toEqual({ start: '2026-01', end: '2026-10' })],
    ['end only: start is 11 months before', { providers: 'aws', 'end-date': '2025-06' }, (s: any) => expect(s.period).toEqual({ start: '2024-07', end: '2025-06' })],
    ['method in capitals', { providers: 'aws', method: 'Location' }, (s: any) => expect(s.method).toBe('location')],
    ['roles on lines with blanks', { providers: 'aws', 'aws-role-to-assume': '\narn:aws:iam::111122223333:role/a\n  \narn:aws:iam::444455556666:role/path/b , ' }, (s: any) => expect(s.aws.roles).toEqual(['arn:aws:iam::111122223333:role/a', 'arn:aws:iam::444455556666:role/path/b'])],
    ['GovCloud role', { providers: 'aws', 'aws-role-to-assume': 'arn:aws-us-gov:iam::111122223333:role/a', 'aws-region': 'us-gov-west-1' }, (s: any) => expect(s.aws.region).toBe('us-gov-west-1')],
    ['account ids keep leading zeros', { providers: 'aws', 'aws-account-ids': '000011112222, 111122223333' }, (s: any) => expect(s.aws.accountIds).toEqual(['000011112222', '111122223333'])],
    ['booleans in any case', { providers: 'aws', 'fail-on-error': 'FALSE', 'job-summary': 'True' }, (s: any) => expect([s.failOnError, s.jobSummary]).toEqual([false, true])],
    ['numbers with decimals', { providers: 'aws', 'max-total': '12.5', 'max-monthly': '0', 'max-increase-percent': '7.5' }, (s: any) => expect(s.thresholds).toEqual({ maxTotal: 12.5, maxMonthly: 0, maxIncreasePercent: 7.5 })],
    ['empty artifact-name means none', { providers: 'aws', 'artifact-name': '' }, (s: any) => expect(s.artifactName).toBe('')],
    ['fractional timeout', { providers: 'aws', 'timeout-minutes': '0.5' }, (s: any) => expect(s.timeoutMs).toBe(30_000)],
    ['subscriptions lower-cased', { providers: 'azure', 'azure-subscription-ids': 'AAAAAAAA-0000-0000-0000-000000000001' }, (s: any) => expect(s.azure.subscriptionIds).toEqual(['aaaaaaaa-0000-0000-0000-000000000001'])],
    ['US Government cloud', { providers: 'azure', 'azure-environment': 'azureusgovernment' }, (s: any) => expect([s.azure.resourceManagerEndpoint, s.azure.authorityHost]).toEqual(['https://management.usgovcloudapi.net', 'https://login.microsoftonline.us'])],
    ['custom authority turns discovery off', { providers: 'azure', 'azure-authority-host': 'https://127.0.0.1:8443/' }, (s: any) => expect([s.azure.authorityHost, s.azure.customAuthority]).toEqual(['https://127.0.0.1:8443', true])],
    ['shard i/n', { providers: 'aws', shard: '2/4' }, (s: any) => expect(s.shard).toEqual({ index: 2, count: 4 })]
  ])('%s', (_name, inputs, check) => {
    check(parse(inputs as Record<string, string>))
  })

  it('splits lists on commas and newlines only', () => {
    expect(splitList(' a, b\n\nc ,,\r\n d ')).toEqual(['a', 'b', 'c', 'd'])
  })
})

describe('settings: bad inputs fail with the input name and a fix', () => {
  const baseline = path.join(os.tmpdir(), 'no-such-baseline.json')
  const cases: [string, Record<string, string>, RegExp][] = [
    ['providers missing', {}, /'providers' is required/],
    ['unknown provider', { providers: 'gcp' }, /'providers': "gcp" is not a provider\. Use any of aws, azure, mcfs/],
    ['provider typo among good ones', { providers: 'aws, azrue' }, /"azrue" is not a provider/],
    ['month 13', { providers: 'aws', 'start-date': '2025-13' }, /'start-date': "2025-13" is not a month\. Use YYYY-MM/],
    ['month 00', { providers: 'aws', 'end-date': '2025-00' }, /'end-date': "2025-00" is not a month/],
    ['day other than 01', { providers: 'aws', 'start-date': '2025-01-15' }, /'start-date': "2025-01-15" is not the first day of a month\. .*use 2025-01/],
    ['slashes', { providers: 'aws', 'start-date': '2025/01' }, /'start-date': "2025\/01" is not a month/],
    ['words', { providers: 'aws', 'end-date': 'last month' }, /'end-date': "last month" is not a month/],
    ['two-digit year', { providers: 'aws', 'start-date': '25-01' }, /is not a month/],
    ['ancient year', { providers: 'aws', 'start-date': '1999-01' }, /'start-date': "1999-01" is before any provider has data/],
    ['start after end', { providers: 'aws', 'start-date': '2025-06', 'end-date': '2025-01' }, /'start-date': "2025-06" is after end-date "2025-01"/],
    ['start after the default end', { providers: 'aws', 'start-date': '2026-11' }, /'start-date': "2026-11" is after the default end-date 2026-10/],
    ['end in the future', { providers: 'aws', 'end-date': '2027-01' }, /'end-date': "2027-01" is in the future/],
    ['unknown method', { providers: 'aws', method: 'average' }, /'method': "average" is not an accounting method\. Use market .* or location/],
    ['role ARN without role/', { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::111122223333:user/bob' }, /'aws-role-to-assume': ".*user\/bob" is not an IAM role ARN/],
    ['role ARN with a short account', { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::1111:role/a' }, /is not an IAM role ARN/],
    ['a role name instead of an ARN', { providers: 'aws', 'aws-role-to-assume': 'carbon-reader' }, /"carbon-reader" is not an IAM role ARN/],
    ['the same role twice', { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::111122223333:role/a\narn:aws:iam::111122223333:role/a' }, /is listed twice/],
    ['bad region', { providers: 'aws', 'aws-region': 'US East' }, /'aws-region': "US East" is not an AWS region/],
    ['session name too short', { providers: 'aws', 'aws-role-session-name': 'x' }, /'aws-role-session-name': "x" is not a valid role session name/],
    ['session name with a space', { providers: 'aws', 'aws-role-session-name': 'my session' }, /is not a valid role session name/],
    ['account id with letters', { providers: 'aws', 'aws-account-ids': '11112222333a' }, /'aws-account-ids': "11112222333a" is not an AWS account id/],
    ['account id too short', { providers: 'aws', 'aws-account-ids': '12345' }, /is not an AWS account id/],
    ['client id not a GUID', { providers: 'azure', 'azure-client-id': 'my-app', 'azure-tenant-id': 'contoso.onmicrosoft.com' }, /'azure-client-id': "my-app" is not a GUID/],
    ['client id without tenant', { providers: 'azure', 'azure-client-id': '00000000-0000-0000-0000-000000000001' }, /'azure-tenant-id' is required with azure-client-id/],
    ['tenant nonsense', { providers: 'azure', 'azure-tenant-id': 'not a tenant' }, /'azure-tenant-id': "not a tenant" is not a tenant id/],
    ['subscription not a GUID', { providers: 'azure', 'azure-subscription-ids': 'prod-subscription' }, /'azure-subscription-ids': "prod-subscription" is not a subscription id/],
    ['unknown cloud', { providers: 'azure', 'azure-environment': 'AzureGermanCloud' }, /'azure-environment': "AzureGermanCloud" is not an Azure cloud/],
    ['authority over http', { providers: 'azure', 'azure-authority-host': 'http://login.example.com' }, /'azure-authority-host': .* is not HTTPS/],
    ['arm endpoint not a URL', { providers: 'azure', 'azure-resource-manager-endpoint': 'management' }, /'azure-resource-manager-endpoint': "management" is not a URL/],
    ['mcfs without instance', { providers: 'mcfs', 'mcfs-enrollment-id': '123', 'mcfs-api-key': 'k' }, /'mcfs-instance-id' is required with the mcfs provider/],
    ['mcfs without enrollment or tenant', { providers: 'mcfs', 'mcfs-instance-id': 'abc', 'mcfs-api-key': 'k' }, /'mcfs-enrollment-id' \(or 'mcfs-tenant-id'\) is required/],
    ['mcfs without key', { providers: 'mcfs', 'mcfs-instance-id': 'abc', 'mcfs-enrollment-id': '123' }, /'mcfs-api-key' is required with the mcfs provider\. Store the API Management key as a repository secret/],
    ['mcfs endpoint over http', { providers: 'mcfs', 'mcfs-instance-id': 'abc', 'mcfs-enrollment-id': '1', 'mcfs-api-key': 'k', 'mcfs-endpoint': 'http://x' }, /'mcfs-endpoint': .* is not HTTPS/],
    ['mcfs tenant not a GUID', { providers: 'aws', 'mcfs-tenant-id': 'contoso' }, /'mcfs-tenant-id': "contoso" is not a tenant id/],
    ['negative total limit', { providers: 'aws', 'max-total': '-1' }, /'max-total': "-1" is out of range/],
    ['limit with a unit', { providers: 'aws', 'max-monthly': '5t' }, /'max-monthly': "5t" is not a number\. .*without units/],
    ['absurd limit', { providers: 'aws', 'max-total': '1e12' }, /'max-total': "1e12" is out of range/],
    ['percent with a sign', { providers: 'aws', 'max-increase-percent': '10%' }, /'max-increase-percent': "10%" is not a number/],
    ['negative percent', { providers: 'aws', 'max-increase-percent': '-5' }, /'max-increase-percent': "-5" is out of range/],
    ['boolean yes', { providers: 'aws', 'fail-on-error': 'yes' }, /'fail-on-error': "yes" is not a boolean\. Use true or false/],
    ['boolean 1', { providers: 'aws', 'pr-comment': '1' }, /'pr-comment': "1" is not a boolean/],
    ['concurrency zero', { providers: 'aws', concurrency: '0' }, /'concurrency': "0" is out of range/],
    ['concurrency fractional', { providers: 'aws', concurrency: '2.5' }, /'concurrency': "2\.5" is not a whole number/],
    ['concurrency huge', { providers: 'aws', concurrency: '1000' }, /'concurrency': "1000" is out of range/],
    ['timeout zero', { providers: 'aws', 'timeout-minutes': '0' }, /'timeout-minutes': "0" is out of range/],
    ['retention too long', { providers: 'aws', 'artifact-retention-days': '365' }, /'artifact-retention-days': "365" is out of range/],
    ['artifact name with a slash', { providers: 'aws', 'artifact-name': 'reports/carbon' }, /'artifact-name': "reports\/carbon" is not a valid artifact name/],
    ['unknown mode', { providers: 'aws', mode: 'combine' }, /'mode': "combine" is not a mode/],
    ['shard out of range', { providers: 'aws', shard: '5/4' }, /'shard': "5\/4" is not a shard/],
    ['shard not i/n', { providers: 'aws', shard: 'first' }, /'shard': "first" is not a shard/],
    ['shard with merge', { providers: 'aws', shard: '1/2', mode: 'merge' }, /'shard' cannot be used with mode: merge/],
    ['merge without artifact name', { providers: 'aws', mode: 'merge', 'artifact-name': '' }, /'artifact-name' is empty, but mode: merge/],
    ['baseline missing', { providers: 'aws', baseline }, /'baseline': ".*no-such-baseline\.json" does not exist/]
  ]
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

  it('reports every bad input at once', () => {
    try {
      parse({ providers: 'gcp', method: 'x', concurrency: '-3' })
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
