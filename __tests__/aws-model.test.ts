/**
 * The sandbox's Sustainability API is the model's: every request is validated against the official Smithy model
 * (sandbox/models/aws-sustainability.json). A list of invalid requests, each breaking one constraint the model
 * states, is refused with a ValidationException naming it; valid requests of every granularity are answered.
 */
import { createHash, createHmac } from 'node:crypto'
import * as path from 'node:path'
import { loadModel } from '../sandbox/smithy.mjs'
import { ROOT } from './helpers/action.js'
import { useSandbox } from './helpers/sandbox.js'

const sb = useSandbox()

const YEAR = { Start: '2025-01-01T00:00:00Z', End: '2026-01-01T00:00:00Z' }

/** A request signed with SigV4 by hand (the environment's static key), as any client would send it. */
async function call(path: string, body: unknown): Promise<{ status: number; type: string; json: any }> {
  const url = new URL(`${sb.urls.sustainability}${path}`)
  const text = JSON.stringify(body)
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  const date = amzDate.slice(0, 8)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: url.host,
    'x-amz-date': amzDate,
    'x-amz-content-sha256': createHash('sha256').update(text).digest('hex')
  }
  const names = Object.keys(headers).sort()
  const canonical = [
    'POST',
    url.pathname,
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    headers['x-amz-content-sha256']
  ].join('\n')
  const scope = `${date}/us-east-1/sustainability/aws4_request`
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonical).digest('hex')].join('\n')
  const key = sb.aws.envCredentials
  let k: Buffer = createHmac('sha256', `AWS4${key.AWS_SECRET_ACCESS_KEY}`).update(date).digest()
  for (const part of ['us-east-1', 'sustainability', 'aws4_request']) k = createHmac('sha256', k).update(part).digest()
  const signature = createHmac('sha256', k).update(toSign).digest('hex')
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${key.AWS_ACCESS_KEY_ID}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`
  delete headers.host
  const res = await fetch(url, { method: 'POST', headers, body: text })
  return { status: res.status, type: res.headers.get('x-amzn-errortype') ?? '', json: await res.json() }
}

const CARBON = '/v1/estimated-carbon-emissions'
const WATER = '/v1/estimated-water-allocation'
const DIMS = '/v1/estimated-carbon-emissions-dimension-values'

describe('invalid requests, one constraint of the model each', () => {
  it.each([
    ['TimePeriod is required', CARBON, {}, /at 'timePeriod' failed to satisfy constraint: Member must not be null/],
    [
      'TimePeriod.End is required',
      CARBON,
      { TimePeriod: { Start: YEAR.Start } },
      /'timePeriod\.end'.*must not be null/
    ],
    [
      'a timestamp is date-time',
      CARBON,
      { TimePeriod: { Start: '2025-01-01', End: YEAR.End } },
      /'timePeriod\.start'.*ISO 8601/
    ],
    [
      'QUARTERLY is no granularity',
      CARBON,
      { TimePeriod: YEAR, Granularity: 'QUARTERLY' },
      /'QUARTERLY' at 'granularity'.*enum value set: \[.*QUARTERLY_CALENDAR/
    ],
    ['YEARLY is no granularity', CARBON, { TimePeriod: YEAR, Granularity: 'YEARLY' }, /'YEARLY' at 'granularity'/],
    ['MaxResults of 0', CARBON, { TimePeriod: YEAR, MaxResults: 0 }, /'maxResults'.*greater than or equal to 1/],
    ['MaxResults of 5001', CARBON, { TimePeriod: YEAR, MaxResults: 5001 }, /'maxResults'.*less than or equal to 5000/],
    ['MaxResults not an integer', CARBON, { TimePeriod: YEAR, MaxResults: 2.5 }, /'maxResults'.*integer/],
    [
      'a NextToken of 2001 characters',
      CARBON,
      { TimePeriod: YEAR, NextToken: 'x'.repeat(2001) },
      /'nextToken'.*length less than or equal to 2000/
    ],
    [
      'an empty NextToken',
      CARBON,
      { TimePeriod: YEAR, NextToken: '' },
      /'nextToken'.*length greater than or equal to 1/
    ],
    [
      'FiscalYearStartMonth 13',
      CARBON,
      { TimePeriod: YEAR, Granularity: 'YEARLY_FISCAL', GranularityConfiguration: { FiscalYearStartMonth: 13 } },
      /fiscalYearStartMonth'.*less than or equal to 12/
    ],
    [
      'FiscalYearStartMonth 0',
      CARBON,
      { TimePeriod: YEAR, GranularityConfiguration: { FiscalYearStartMonth: 0 } },
      /fiscalYearStartMonth'.*greater than or equal to 1/
    ],
    [
      'an unknown dimension to group by',
      CARBON,
      { TimePeriod: YEAR, GroupBy: ['ACCOUNT'] },
      /'ACCOUNT' at 'groupBy\.1\.member'.*enum value set/
    ],
    [
      'an unknown emissions type',
      CARBON,
      { TimePeriod: YEAR, EmissionsTypes: ['TOTAL'] },
      /at 'emissionsTypes\.1\.member'/
    ],
    [
      'a filter on an unknown dimension',
      CARBON,
      { TimePeriod: YEAR, FilterBy: { Dimensions: { ACCOUNT: ['1'] } } },
      /at 'filterBy\.dimensions\.key'/
    ],
    ['GroupBy of the wrong type', CARBON, { TimePeriod: YEAR, GroupBy: 'SERVICE' }, /at 'groupBy'.*must be a list/],
    ['a member the model does not have', CARBON, { TimePeriod: YEAR, Foo: 1 }, /Unknown member 'Foo'/],
    ['Dimensions are required for dimension values', DIMS, { TimePeriod: YEAR }, /'dimensions'.*must not be null/],
    [
      'an unknown water allocation type',
      WATER,
      { TimePeriod: YEAR, AllocationTypes: ['TOTAL_WATER'] },
      /allocationTypes\.1\.member/
    ],
    ['water is yearly calendar only', WATER, { TimePeriod: YEAR, Granularity: 'MONTHLY' }, /Only YEARLY_CALENDAR/]
  ])('%s', async (_name, path, body, message) => {
    const r = await call(path, body)
    expect([r.status, r.type.split(':')[0]]).toEqual([400, 'ValidationException'])
    expect(r.json.message).toMatch(message)
  })
})

describe('valid requests of every granularity are answered', () => {
  it.each(['MONTHLY', 'QUARTERLY_CALENDAR', 'QUARTERLY_FISCAL', 'YEARLY_CALENDAR', 'YEARLY_FISCAL'])(
    '%s',
    async (g) => {
      const body: Record<string, unknown> = { TimePeriod: YEAR, Granularity: g, GroupBy: ['SERVICE'], MaxResults: 5000 }
      // Fiscal years from February (quarters Feb-Apr, ...) and from April (years Apr-Mar).
      if (g === 'QUARTERLY_FISCAL') body.GranularityConfiguration = { FiscalYearStartMonth: 2 }
      if (g === 'YEARLY_FISCAL') body.GranularityConfiguration = { FiscalYearStartMonth: 4 }
      const r = await call(CARBON, body)
      expect(r.status).toBe(200)
      expect(r.json.Results.length).toBeGreaterThan(0)
      const starts = [...new Set(r.json.Results.map((x: any) => x.TimePeriod.Start.slice(0, 7)))].sort()
      const expected = {
        MONTHLY: 12,
        QUARTERLY_CALENDAR: 4,
        // Fiscal years from April: 2025-01..03 fall in the quarter and year that began in the previous April.
        QUARTERLY_FISCAL: 5,
        YEARLY_CALENDAR: 1,
        YEARLY_FISCAL: 2
      }[g]
      expect(starts).toHaveLength(expected!)
      if (g === 'YEARLY_FISCAL') expect(starts).toEqual(['2024-04', '2025-04'])
      if (g === 'QUARTERLY_FISCAL') expect(starts).toEqual(['2024-11', '2025-02', '2025-05', '2025-08', '2025-11'])
    }
  )
  it('the answers fit the model too (Results required, values of their shapes)', async () => {
    const model = loadModel(path.join(ROOT, 'sandbox', 'models', 'aws-sustainability.json'))
    for (const [route, body] of [
      [CARBON, { TimePeriod: YEAR, GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'], MaxResults: 50 }],
      [DIMS, { TimePeriod: YEAR, Dimensions: ['REGION'] }],
      [WATER, { TimePeriod: YEAR, GroupBy: ['SERVICE'] }]
    ] as const) {
      const r = await call(route, body)
      const op = model.operations.get(`POST ${route}`)!
      const problems: string[] = []
      model.validate(op.output, r.json, '', problems)
      expect([route, problems]).toEqual([route, []])
    }
  })
})
