/**
 * The table of bad inputs: each must fail at once with an error that names the input and the fix. Used by
 * the settings unit test (the message) and the hardening suite (through run(), zero requests). The dates
 * assume "now" = NOW below.
 */
import * as os from 'node:os'
import * as path from 'node:path'

export const NOW = new Date('2026-11-22T10:00:00Z')
const baseline = path.join(os.tmpdir(), 'no-such-baseline.json')

export const BAD_INPUTS: [string, Record<string, string>, RegExp][] = [
  ['providers missing', {}, /'providers' is required/],
  ['providers only separators', { providers: ' ,\n , ' }, /'providers' is required/],
  [
    'unknown provider',
    { providers: 'oracle' },
    /'providers': "oracle" is not a provider\. Use any of aws, azure, mcfs, gcp/
  ],
  ['provider typo among good ones', { providers: 'aws, azrue' }, /"azrue" is not a provider/],
  ['month 13', { providers: 'aws', 'start-date': '2025-13' }, /'start-date': "2025-13" is not a month\. Use YYYY-MM/],
  ['month 00', { providers: 'aws', 'end-date': '2025-00' }, /'end-date': "2025-00" is not a month/],
  [
    'day other than 01',
    { providers: 'aws', 'start-date': '2025-01-15' },
    /'start-date': "2025-01-15" is not the first day of a month\. .*use 2025-01/
  ],
  ['slashes', { providers: 'aws', 'start-date': '2025/01' }, /'start-date': "2025\/01" is not a month/],
  ['words', { providers: 'aws', 'end-date': 'last month' }, /'end-date': "last month" is not a month/],
  ['two-digit year', { providers: 'aws', 'start-date': '25-01' }, /is not a month/],
  [
    'ancient year',
    { providers: 'aws', 'start-date': '1999-01' },
    /'start-date': "1999-01" is before any provider has data/
  ],
  [
    'a year before any data',
    { providers: 'aws', 'start-date': '2019-12' },
    /'start-date': "2019-12" is before any provider has data\. Give a month from 2020 on/
  ],
  [
    'start after end',
    { providers: 'aws', 'start-date': '2025-06', 'end-date': '2025-01' },
    /'start-date': "2025-06" is after end-date "2025-01"/
  ],
  [
    'start after the default end',
    { providers: 'aws', 'start-date': '2026-11' },
    /'start-date': "2026-11" is after the default end-date 2026-10/
  ],
  ['end in the future', { providers: 'aws', 'end-date': '2027-01' }, /'end-date': "2027-01" is in the future/],
  [
    'unknown method',
    { providers: 'aws', method: 'average' },
    /'method': "average" is not an accounting method\. Use market .* or location/
  ],
  [
    'role ARN without role/',
    { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::111122223333:user/bob' },
    /'aws-role-to-assume': ".*user\/bob" is not an IAM role ARN/
  ],
  [
    'role ARN with a short account',
    { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::1111:role/a' },
    /is not an IAM role ARN/
  ],
  [
    'a role name instead of an ARN',
    { providers: 'aws', 'aws-role-to-assume': 'carbon-reader' },
    /"carbon-reader" is not an IAM role ARN/
  ],
  [
    'the same role twice',
    { providers: 'aws', 'aws-role-to-assume': 'arn:aws:iam::111122223333:role/a\narn:aws:iam::111122223333:role/a' },
    /is listed twice/
  ],
  ['bad region', { providers: 'aws', 'aws-region': 'US East' }, /'aws-region': "US East" is not an AWS region/],
  [
    'session name too short',
    { providers: 'aws', 'aws-role-session-name': 'x' },
    /'aws-role-session-name': "x" is not a valid role session name/
  ],
  [
    'session name with a space',
    { providers: 'aws', 'aws-role-session-name': 'my session' },
    /is not a valid role session name/
  ],
  [
    'account id with letters',
    { providers: 'aws', 'aws-account-ids': '11112222333a' },
    /'aws-account-ids': "11112222333a" is not an AWS account id/
  ],
  ['account id too short', { providers: 'aws', 'aws-account-ids': '12345' }, /is not an AWS account id/],
  [
    'client id not a GUID',
    { providers: 'azure', 'azure-client-id': 'my-app', 'azure-tenant-id': 'contoso.onmicrosoft.com' },
    /'azure-client-id': "my-app" is not a GUID/
  ],
  [
    'client id without tenant',
    { providers: 'azure', 'azure-client-id': '00000000-0000-0000-0000-000000000001' },
    /'azure-tenant-id' is required with azure-client-id/
  ],
  [
    'tenant nonsense',
    { providers: 'azure', 'azure-tenant-id': 'not a tenant' },
    /'azure-tenant-id': "not a tenant" is not a tenant id/
  ],
  [
    'subscription not a GUID',
    { providers: 'azure', 'azure-subscription-ids': 'prod-subscription' },
    /'azure-subscription-ids': "prod-subscription" is not a subscription id/
  ],
  [
    'unknown cloud',
    { providers: 'azure', 'azure-environment': 'AzureGermanCloud' },
    /'azure-environment': "AzureGermanCloud" is not an Azure cloud/
  ],
  [
    'authority over http',
    { providers: 'azure', 'azure-authority-host': 'http://login.example.com' },
    /'azure-authority-host': .* is not HTTPS/
  ],
  [
    'arm endpoint not a URL',
    { providers: 'azure', 'azure-resource-manager-endpoint': 'management' },
    /'azure-resource-manager-endpoint': "management" is not a URL/
  ],
  [
    'mcfs without instance',
    { providers: 'mcfs', 'mcfs-enrollment-id': '123', 'mcfs-api-key': 'k' },
    /'mcfs-instance-id' is required with the mcfs provider/
  ],
  [
    'mcfs without enrollment or tenant',
    { providers: 'mcfs', 'mcfs-instance-id': 'abc', 'mcfs-api-key': 'k' },
    /'mcfs-enrollment-id' \(or 'mcfs-tenant-id'\) is required/
  ],
  [
    'mcfs without key',
    { providers: 'mcfs', 'mcfs-instance-id': 'abc', 'mcfs-enrollment-id': '123' },
    /'mcfs-api-key' is required with the mcfs provider\. Store the API Management key as a repository secret/
  ],
  [
    'mcfs endpoint over http',
    {
      providers: 'mcfs',
      'mcfs-instance-id': 'abc',
      'mcfs-enrollment-id': '1',
      'mcfs-api-key': 'k',
      'mcfs-endpoint': 'http://x'
    },
    /'mcfs-endpoint': .* is not HTTPS/
  ],
  [
    'mcfs tenant not a GUID',
    { providers: 'aws', 'mcfs-tenant-id': 'contoso' },
    /'mcfs-tenant-id': "contoso" is not a tenant id/
  ],
  ['negative total limit', { providers: 'aws', 'max-total': '-1' }, /'max-total': "-1" is out of range/],
  [
    'limit with a unit',
    { providers: 'aws', 'max-monthly': '5t' },
    /'max-monthly': "5t" is not a number\. .*without units/
  ],
  ['absurd limit', { providers: 'aws', 'max-total': '1e12' }, /'max-total': "1e12" is out of range/],
  [
    'percent with a sign',
    { providers: 'aws', 'max-increase-percent': '10%' },
    /'max-increase-percent': "10%" is not a number/
  ],
  [
    'negative percent',
    { providers: 'aws', 'max-increase-percent': '-5' },
    /'max-increase-percent': "-5" is out of range/
  ],
  [
    'boolean yes',
    { providers: 'aws', 'fail-on-error': 'yes' },
    /'fail-on-error': "yes" is not a boolean\. Use true or false/
  ],
  ['boolean 1', { providers: 'aws', 'pr-comment': '1' }, /'pr-comment': "1" is not a boolean/],
  ['concurrency zero', { providers: 'aws', concurrency: '0' }, /'concurrency': "0" is out of range/],
  ['concurrency fractional', { providers: 'aws', concurrency: '2.5' }, /'concurrency': "2\.5" is not a whole number/],
  ['concurrency huge', { providers: 'aws', concurrency: '1000' }, /'concurrency': "1000" is out of range/],
  ['timeout zero', { providers: 'aws', 'timeout-minutes': '0' }, /'timeout-minutes': "0" is out of range/],
  [
    'retention too long',
    { providers: 'aws', 'artifact-retention-days': '365' },
    /'artifact-retention-days': "365" is out of range/
  ],
  [
    'artifact name with a slash',
    { providers: 'aws', 'artifact-name': 'reports/carbon' },
    /'artifact-name': "reports\/carbon" is not a valid artifact name/
  ],
  ['unknown mode', { providers: 'aws', mode: 'combine' }, /'mode': "combine" is not a mode/],
  ['shard out of range', { providers: 'aws', shard: '5/4' }, /'shard': "5\/4" is not a shard/],
  ['shard not i/n', { providers: 'aws', shard: 'first' }, /'shard': "first" is not a shard/],
  ['shard with merge', { providers: 'aws', shard: '1/2', mode: 'merge' }, /'shard' cannot be used with mode: merge/],
  [
    'merge without artifact name',
    { providers: 'aws', mode: 'merge', 'artifact-name': '' },
    /'artifact-name' is empty, but mode: merge/
  ],
  ['baseline missing', { providers: 'aws', baseline }, /'baseline': ".*no-such-baseline\.json" does not exist/]
]
