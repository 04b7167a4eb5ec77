/**
 * AWS in every partition, as against AWS itself: no configured Sustainability endpoint, so the action resolves
 * the real host from the API's endpoint rules and reaches it through the sandbox's CONNECT proxy; the sandbox
 * accepts a request only when it is signed for the region the model's rules give that host (China:
 * cn-northwest-1, GovCloud: us-gov-west-1), and its proxy tunnels nothing but those hosts.
 */
import { runInProcess } from './helpers/action.js'
import { useSandbox } from './helpers/sandbox.js'

const PERIOD = { 'start-date': '2025-01', 'end-date': '2025-03' }
const fast = { http: { sleep: async () => {} } }

const sb = useSandbox()

const run = (region: string, extra: Record<string, string | undefined> = {}) =>
  runInProcess(
    { providers: 'aws', ...PERIOD, 'aws-region': region },
    sb.env({ ...sb.aws.envCredentials, AWS_REGION: region, ...sb.aws.realEndpointEnv(), ...extra }),
    fast
  )
const tunnelled = () => sb.kit.requests('proxy').map((e: any) => `${e.path} ${e.status}`)

describe('the Sustainability endpoint from the rules, reached as a real host', () => {
  const truth = () => sb.aws.truth({ env: true, start: PERIOD['start-date'], end: PERIOD['end-date'] }).market

  it.each([
    ['us-east-1', {}, 'api.sustainability.us-east-1.api.aws'],
    ['cn-north-1', {}, 'sustainability.global.api.amazonwebservices.com.cn'],
    ['us-gov-east-1', {}, 'sustainability.us-gov.api.aws'],
    ['us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'sustainability-fips.global.api.aws'],
    ['us-gov-west-1', { AWS_USE_FIPS_ENDPOINT: 'TRUE' }, 'sustainability-fips.us-gov.api.aws'],
    ['cn-northwest-1', { AWS_USE_FIPS_ENDPOINT: 'true' }, 'sustainability-fips.global.api.amazonwebservices.com.cn']
  ])('%s %j: %s, signed as its rules say; the figures are exact', async (region, extra, host) => {
    const r = await run(region, extra)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.status).toBe('ok')
    expect(tunnelled()).toContain(`${host}:443 200`)
    expect(sb.kit.requests('sustainability').every((e: any) => e.status === 200)).toBe(true)
    expect(Math.round(r.report.totalKgCO2e * 1000)).toBe(truth())
  })

  it('a request signed for the wrong region is refused: the China host wants cn-northwest-1, not cn-north-1', () => {
    // The sandbox's table comes from the model's rules, not from the action.
    expect(sb.aws.hosts.get('sustainability.global.api.amazonwebservices.com.cn')).toBe('cn-northwest-1')
    expect(sb.aws.hosts.get('sustainability.us-gov.api.aws')).toBe('us-gov-west-1')
  })
})

describe('bad FIPS settings are inputs: said before any request', () => {
  it('AWS_USE_FIPS_ENDPOINT that is neither true nor false', async () => {
    const r = await run('us-east-1', { AWS_USE_FIPS_ENDPOINT: 'yes' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/AWS_USE_FIPS_ENDPOINT "yes" is not true or false/)
    expect(sb.kit.requests().length).toBe(0)
  })
  it('FIPS with a configured endpoint, which the rules do not support', async () => {
    const r = await runInProcess(
      { providers: 'aws', ...PERIOD },
      sb.env({ ...sb.aws.envCredentials, AWS_USE_FIPS_ENDPOINT: 'true' }),
      fast
    )
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/no FIPS with a custom endpoint/)
    expect(sb.kit.requests().length).toBe(0)
  })
})
