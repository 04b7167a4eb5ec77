import { awsFallbackNote } from '../src/providers/aws/index.js'
import { explainAwsApiError } from '../src/providers/aws/errors.js'
import { normalizeAwsRow } from '../src/providers/aws/page.js'
import { readErrorBody } from '../src/providers/kit/errors.js'
import { runProvider } from '../src/providers/kit/run.js'
import { BatchEncoder } from '../src/report/batch.js'
import type { Provider, ProviderContext } from '../src/providers/kit/seam.js'
import { explainStsError } from '../src/providers/aws/auth.js'

// The response example of the AWS Sustainability API reference (shared/docs/aws.md).
const DOC_EXAMPLE = {
  Results: [
    {
      TimePeriod: { Start: '2025-01-01T00:00:00Z', End: '2025-02-01T00:00:00Z' },
      DimensionsValues: { USAGE_ACCOUNT_ID: '111122223333', REGION: 'us-east-1', SERVICE: 'AmazonEC2' },
      ModelVersion: 'v3.0.0',
      EmissionsValues: {
        TOTAL_MBM_CARBON_EMISSIONS: { Value: 0.048, Unit: 'MTCO2e' },
        TOTAL_LBM_CARBON_EMISSIONS: { Value: 0.051, Unit: 'MTCO2e' }
      }
    }
  ],
  NextToken: '...'
}

describe('AWS rows', () => {
  it('the documented example parses: tons to grams, missing breakdowns null', () => {
    const r = normalizeAwsRow(DOC_EXAMPLE.Results[0], 'market', null)
    expect(r).toEqual({
      provider: 'aws',
      account: '111122223333',
      accountName: null,
      month: '2025-01',
      service: 'AmazonEC2',
      region: 'us-east-1',
      grams: 48000,
      marketGrams: 48000,
      locationGrams: 51000,
      scope1Grams: null,
      scope2MarketGrams: null,
      scope2LocationGrams: null,
      scope3MarketGrams: null,
      scope3LocationGrams: null,
      modelVersion: 'v3.0.0'
    })
    expect(normalizeAwsRow(DOC_EXAMPLE.Results[0], 'location', null).grams).toBe(51000)
  })
  it('all seven types, with zero scope 1 kept as 0 (it is given)', () => {
    const r = normalizeAwsRow(
      {
        TimePeriod: { Start: '2025-03-01T00:00:00Z' },
        DimensionsValues: { USAGE_ACCOUNT_ID: '000011112222', REGION: 'global', SERVICE: 'AmazonCloudFront' },
        EmissionsValues: {
          TOTAL_MBM_CARBON_EMISSIONS: { Value: 1.234567, Unit: 'MTCO2e' },
          TOTAL_LBM_CARBON_EMISSIONS: { Value: 2.000001, Unit: 'MTCO2e' },
          TOTAL_SCOPE_1_CARBON_EMISSIONS: { Value: 0, Unit: 'MTCO2e' },
          TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS: { Value: 1.000001, Unit: 'MTCO2e' },
          TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS: { Value: 1.765435, Unit: 'MTCO2e' },
          TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS: { Value: 0.234566, Unit: 'MTCO2e' },
          TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS: { Value: 0.234566, Unit: 'MTCO2e' }
        }
      },
      'market',
      null
    )
    expect([
      r.grams,
      r.locationGrams,
      r.scope1Grams,
      r.scope2MarketGrams,
      r.scope3MarketGrams,
      r.scope2LocationGrams
    ]).toEqual([1234567, 2000001, 0, 1000001, 234566, 1765435])
    expect(r.scope1Grams! + r.scope2MarketGrams! + r.scope3MarketGrams!).toBe(r.marketGrams)
    expect(r.modelVersion).toBeNull()
  })
  it('only the other method given: it becomes the headline', () => {
    const r = normalizeAwsRow(
      {
        TimePeriod: { Start: '2025-01-01T00:00:00Z' },
        EmissionsValues: { TOTAL_LBM_CARBON_EMISSIONS: { Value: 0.5, Unit: 'MTCO2e' } }
      },
      'market',
      '999988887777'
    )
    expect([r.grams, r.marketGrams, r.account]).toEqual([500000, null, '999988887777'])
  })
  it('rejects rows it cannot read', () => {
    expect(() => normalizeAwsRow({ EmissionsValues: {} }, 'market', null)).toThrow(/no monthly TimePeriod/)
    expect(() =>
      normalizeAwsRow({ TimePeriod: { Start: '2025-01-01T00:00:00Z' }, EmissionsValues: {} }, 'market', null)
    ).toThrow(/neither TOTAL_MBM nor TOTAL_LBM/)
    expect(() =>
      normalizeAwsRow(
        {
          TimePeriod: { Start: '2025-01-01T00:00:00Z' },
          EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: 1, Unit: 'lbs' } }
        },
        'market',
        null
      )
    ).toThrow(/unknown unit/)
  })
})

describe('headline of the other method', () => {
  const onlyLbm = {
    ...DOC_EXAMPLE.Results[0],
    EmissionsValues: { TOTAL_LBM_CARBON_EMISSIONS: { Value: 0.007, Unit: 'MTCO2e' } }
  }
  async function notesOf(
    method: 'market' | 'location',
    rows: object[][]
  ): Promise<{ notes: string[]; batches: number }> {
    const notes: string[] = []
    const ctx = {
      settings: { method, shard: null },
      note: (t: string) => notes.push(t),
      log: () => undefined
    } as unknown as ProviderContext
    // A provider whose units are the pages: the kit counts the records without the chosen figure.
    const provider: Provider = {
      id: 'aws',
      plan: async () => ({
        unit: 'page',
        units: rows,
        start: async (mine) =>
          mine.map((page) => async (flow) => {
            const enc = new BatchEncoder('aws')
            for (const row of page as object[]) enc.add(normalizeAwsRow(row as any, method, null))
            flow.emit(enc.take())
          }),
        lookahead: 2,
        fallbackNote: (n) => awsFallbackNote(method, n)
      })
    }
    let batches = 0
    for await (const _ of runProvider(provider, ctx)) batches++
    return { notes, batches }
  }
  it('a record without the chosen method figure takes the other one, and the notes say how many', async () => {
    expect(normalizeAwsRow(onlyLbm as any, 'market', null).grams).toBe(7000)
    const r = await notesOf('market', [[onlyLbm, DOC_EXAMPLE.Results[0]], [onlyLbm]])
    expect(r.batches).toBe(2)
    expect(r.notes).toEqual([
      '2 records have no market-based (MBM) figure from AWS; their headline is the location-based (LBM) one.'
    ])
    expect((await notesOf('location', [[onlyLbm, DOC_EXAMPLE.Results[0]]])).notes).toEqual([])
    expect((await notesOf('market', [[DOC_EXAMPLE.Results[0]]])).notes).toEqual([])
  })
})

describe('AWS errors and endpoints', () => {
  const body = (status: number, text: string, headers: Record<string, string> = {}) =>
    readErrorBody({ status, text, headers })
  it('reads the error type from the header or the body', () => {
    expect(
      body(403, '', {
        'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/'
      }).code
    ).toBe('AccessDeniedException')
    expect(body(400, '{"__type":"com.amazonaws.sustainability#ValidationException"}').code).toBe('ValidationException')
    expect(body(429, '{"code":"ThrottlingException","message":"slow down"}')).toMatchObject({
      code: 'ThrottlingException',
      message: 'slow down'
    })
  })
  it('says what to do', () => {
    expect(
      explainAwsApiError(body(403, '{"__type":"AccessDeniedException","message":"denied"}'), 'arn:aws:iam::1:role/r')
    ).toMatch(
      /Allow sustainability:GetEstimatedCarbonEmissions \(Resource "\*"\) in the permission policy of arn:aws:iam::1:role\/r/
    )
    expect(
      explainStsError(
        Object.assign(new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity'), { name: 'AccessDenied' }),
        'arn:aws:iam::1:role/r',
        'sts.amazonaws.com'
      ).message
    ).toMatch(
      /Could not assume arn:aws:iam::1:role\/r .*trust policy .*token\.actions\.githubusercontent\.com:aud = sts\.amazonaws\.com .*sub condition/
    )
  })
})
