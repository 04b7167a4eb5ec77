// AWS endpoints as the Sustainability API's own model resolves them: its rule set (evaluated by the AWS SDK's
// rules engine), its own endpoint test cases, every partition and FIPS setting, and the SDKs' endpoint variables.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { ROOT } from './helpers/action.js'
import { SUSTAINABILITY_ENDPOINT_RULES } from '../src/providers/aws/endpoint-rules.js'
import { resolveSustainabilityEndpoint } from '../src/providers/aws/endpoints.js'
import { configuredEndpoint, useFipsFromEnv } from '../src/providers/aws/env.js'

const MODEL = path.join(ROOT, 'sandbox', 'models', 'aws-sustainability.json')
const SHARED = path.join(ROOT, '..', 'shared', 'docs', 'fixtures', 'aws', 'sustainability.json')
const service = (file: string) =>
  Object.values(JSON.parse(fs.readFileSync(file, 'utf8')).shapes as Record<string, any>).find(
    (s) => s.type === 'service'
  )

describe('the model', () => {
  it("the rule set in the source is the model's", () => {
    expect(SUSTAINABILITY_ENDPOINT_RULES).toEqual(service(MODEL).traits['smithy.rules#endpointRuleSet'])
  })
  ;(fs.existsSync(SHARED) ? it : it.skip)("the repository's copy of the model is AWS's, byte for byte", () => {
    expect(fs.readFileSync(MODEL, 'utf8')).toBe(fs.readFileSync(SHARED, 'utf8'))
  })
  it("passes the model's own endpoint test cases", () => {
    const cases = service(MODEL).traits['smithy.rules#endpointTests'].testCases as any[]
    expect(cases.length).toBeGreaterThan(5)
    for (const c of cases) {
      const p = c.params ?? {}
      const run = () =>
        resolveSustainabilityEndpoint({ region: p.Region, useFips: p.UseFIPS ?? false, endpoint: p.Endpoint ?? null })
      if (c.expect.error) {
        expect(run).toThrow(c.expect.error)
        continue
      }
      const sigv4 = c.expect.endpoint.properties.authSchemes.find((s: any) => s.name === 'sigv4')
      expect([JSON.stringify(p), run()]).toEqual([
        JSON.stringify(p),
        { url: c.expect.endpoint.url, signingRegion: sigv4.signingRegion ?? p.Region }
      ])
    }
  })
})

describe('every partition, FIPS on and off', () => {
  it.each([
    ['us-east-1', false, 'https://api.sustainability.us-east-1.api.aws', 'us-east-1'],
    ['eu-west-1', false, 'https://api.sustainability.eu-west-1.api.aws', 'us-east-1'],
    ['us-east-1', true, 'https://sustainability-fips.global.api.aws', 'us-east-1'],
    ['us-gov-west-1', false, 'https://sustainability.us-gov.api.aws', 'us-gov-west-1'],
    ['us-gov-east-1', false, 'https://sustainability.us-gov.api.aws', 'us-gov-west-1'],
    ['us-gov-east-1', true, 'https://sustainability-fips.us-gov.api.aws', 'us-gov-west-1'],
    // China signs with its implicit global region, cn-northwest-1, whatever the configured region.
    ['cn-north-1', false, 'https://sustainability.global.api.amazonwebservices.com.cn', 'cn-northwest-1'],
    ['cn-northwest-1', false, 'https://sustainability.global.api.amazonwebservices.com.cn', 'cn-northwest-1'],
    ['cn-north-1', true, 'https://sustainability-fips.global.api.amazonwebservices.com.cn', 'cn-northwest-1'],
    ['eusc-de-east-1', false, 'https://sustainability.global.api.amazonwebservices.eu', 'eusc-de-east-1'],
    ['us-iso-east-1', false, 'https://sustainability.global.api.aws.ic.gov', 'us-iso-east-1']
  ])('%s, FIPS %s: %s signed for %s', (region, useFips, url, signingRegion) => {
    expect(resolveSustainabilityEndpoint({ region, useFips, endpoint: null })).toEqual({ url, signingRegion })
  })
  it('a configured endpoint is used as it is, signed with the configured region; with FIPS it is an error', () => {
    expect(
      resolveSustainabilityEndpoint({ region: 'cn-north-1', useFips: false, endpoint: 'https://127.0.0.1:9' })
    ).toEqual({ url: 'https://127.0.0.1:9', signingRegion: 'cn-north-1' })
    expect(() =>
      resolveSustainabilityEndpoint({ region: 'us-east-1', useFips: true, endpoint: 'https://127.0.0.1:9' })
    ).toThrow(/FIPS and custom endpoint are not supported/)
  })
})

describe("the SDKs' variables", () => {
  it('AWS_ENDPOINT_URL_<SERVICE>, then AWS_ENDPOINT_URL; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS turns them off', () => {
    const both = { AWS_ENDPOINT_URL_SUSTAINABILITY: 'https://127.0.0.1:9/', AWS_ENDPOINT_URL: 'https://x' }
    expect(configuredEndpoint(both, 'SUSTAINABILITY')).toBe('https://127.0.0.1:9')
    expect(configuredEndpoint({ AWS_ENDPOINT_URL: 'https://x' }, 'STS')).toBe('https://x')
    expect(configuredEndpoint({ ...both, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'STS')).toBeNull()
    expect(
      configuredEndpoint({ AWS_ENDPOINT_URL: 'https://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false' }, 'STS')
    ).toBe('https://x')
    expect(configuredEndpoint({}, 'STS')).toBeNull()
  })
  it('AWS_USE_FIPS_ENDPOINT: true or false in any case; anything else is not read', () => {
    expect([useFipsFromEnv({}), useFipsFromEnv({ AWS_USE_FIPS_ENDPOINT: 'TRUE' })]).toEqual([false, true])
    expect(useFipsFromEnv({ AWS_USE_FIPS_ENDPOINT: 'False' })).toBe(false)
    expect(useFipsFromEnv({ AWS_USE_FIPS_ENDPOINT: 'yes' })).toBeNull()
  })
})
