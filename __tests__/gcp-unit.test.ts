/**
 * The gcp building blocks alone: inputs and endpoints, the query and its request bodies, the sign-in chain's
 * requests and refusals, BigQuery's paging and error mapping, and rows to records with exact grams.
 */
import { generateKeyPairSync, verify } from 'node:crypto'
import type { HttpClient, HttpRequest, HttpResponse } from '../src/http.js'
import { gcpEndpoints, parseGcpSettings, parseTableName, type GcpSettings } from '../src/providers/gcp/settings.js'
import { carbonQuery, COLUMNS, queryRequest, resultsUrl } from '../src/providers/gcp/query.js'
import {
  explainStsError,
  GcpAuthError,
  serviceAccountAssertion,
  signIn,
  type GcpAuthDeps
} from '../src/providers/gcp/auth.js'
import { BigQueryError, explainBigQueryError, isTransientBigQuery, readQuery } from '../src/providers/gcp/bigquery.js'
import { GcpRecordFolder, kgTextToNanograms } from '../src/providers/gcp/records.js'

const PROVIDER = 'projects/123456789012/locations/global/workloadIdentityPools/github/providers/my-repo'

function parse(inputs: Record<string, string>, env: Record<string, string> = {}, selected = true) {
  const problems: string[] = []
  const settings = parseGcpSettings({
    input: (n) => (inputs[n] ?? '').trim(),
    bad: (name, value, why, fix) => problems.push(`Input '${name}': ${JSON.stringify(value)} ${why}. ${fix}`),
    problem: (t) => problems.push(t),
    env,
    selected
  })
  return { settings, problems }
}

const VALID = {
  'gcp-workload-identity-provider': PROVIDER,
  'gcp-service-account': 'carbon-reader@my-project.iam.gserviceaccount.com',
  'gcp-table': 'my-project.carbon_export.carbon_footprint'
}

function response(status: number, body: unknown, json = true): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return {
    status,
    headers: {},
    body: Buffer.from(text),
    text,
    json: json && status < 300 ? JSON.parse(text) : undefined,
    attempts: 1
  }
}

/** An HttpClient that answers from a list and keeps the requests. */
function fakeHttp(answers: ((req: HttpRequest) => HttpResponse)[]) {
  const requests: HttpRequest[] = []
  const http = {
    request: async (req: HttpRequest) => {
      requests.push(req)
      const next = answers.shift()
      if (!next) throw new Error(`unexpected request ${req.method} ${req.url}`)
      return next(req)
    }
  } as unknown as HttpClient
  return { http, requests }
}

describe('settings', () => {
  test('valid inputs, with the defaults', () => {
    const { settings, problems } = parse(VALID)
    expect(problems).toEqual([])
    expect(settings).toEqual({
      workloadIdentityProvider: PROVIDER,
      serviceAccount: VALID['gcp-service-account'],
      audience: `https://iam.googleapis.com/${PROVIDER}`,
      table: { project: 'my-project', dataset: 'carbon_export', table: 'carbon_footprint' },
      projectId: 'my-project',
      location: 'US',
      billingAccountIds: [],
      universe: 'googleapis.com',
      endpoints: {
        sts: 'https://sts.googleapis.com',
        iamcredentials: 'https://iamcredentials.googleapis.com',
        bigquery: 'https://bigquery.googleapis.com',
        oauth2Token: 'https://oauth2.googleapis.com/token'
      }
    })
  })

  test('every bad input at once, each with its fix', () => {
    const { problems } = parse({
      'gcp-workload-identity-provider': 'projects/my-project/locations/global/workloadIdentityPools/p/providers/q',
      'gcp-service-account': 'not an email',
      'gcp-table': 'my-project:carbon_export.carbon_footprint',
      'gcp-project-id': 'Bad_Project',
      'gcp-location': 'us central',
      'gcp-billing-account-ids': '012345-6789AB-CDEF01, 1234',
      'gcp-universe': 'not a domain'
    })
    expect(problems).toHaveLength(7)
    expect(problems[0]).toMatch(/gcp-workload-identity-provider.*Use the project NUMBER, not its id/)
    expect(parse({ ...VALID, 'gcp-table': 'carbon_footprint' }).problems[0]).toMatch(/Use PROJECT\.DATASET\.TABLE/)
    expect(problems.join('\n')).toMatch(/gcp-billing-account-ids': "1234" is not a billing account id/)
    expect(problems.join('\n')).toMatch(/gcp-table.*a dot, not a colon/)
    const prefixed = parse({ ...VALID, 'gcp-workload-identity-provider': `//iam.googleapis.com/${PROVIDER}` })
    expect(prefixed.problems[0]).toMatch(/without the \/\/iam\.googleapis\.com\/ prefix: projects\/123456789012/)
  })

  test('required inputs only when the provider is selected; the credentials file may replace the provider', () => {
    expect(parse({}, {}, false).problems).toEqual([])
    const missing = parse({}, {}).problems
    expect(missing).toHaveLength(2)
    expect(missing[0]).toMatch(/Input 'gcp-table' is required with the gcp provider/)
    const file = parse({ 'gcp-table': VALID['gcp-table'] }, { GOOGLE_APPLICATION_CREDENTIALS: '/tmp/creds.json' })
    expect(file.problems).toEqual([])
    expect(file.settings.audience).toBe('')
  })

  test('billing accounts are upper-cased and deduplicated; table names keep a domain prefix', () => {
    const { settings } = parse({
      ...VALID,
      'gcp-billing-account-ids': 'abcdef-123456-7890ab\nABCDEF-123456-7890AB, 012345-6789AB-CDEF01'
    })
    expect(settings.billingAccountIds).toEqual(['ABCDEF-123456-7890AB', '012345-6789AB-CDEF01'])
    expect(parseTableName('example.com:my-project.ds.carbon_footprint')).toEqual({
      project: 'example.com:my-project',
      dataset: 'ds',
      table: 'carbon_footprint'
    })
    expect(parseTableName('my-project.ds.t`; DROP')).toBeNull()
    expect(parseTableName('ds.carbon_footprint')).toBeNull()
  })

  test('endpoints: universe domain, overrides (gcloud form too), https only', () => {
    expect(gcpEndpoints('example-universe.com', {}).bigquery).toBe('https://bigquery.example-universe.com')
    const problems: string[] = []
    const e = gcpEndpoints(
      'googleapis.com',
      {
        CLOUDSDK_API_ENDPOINT_OVERRIDES_STS: 'https://sts.proxy.example/',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS: 'http://iam.proxy.example',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_BIGQUERY: 'https://bq.proxy.example/bigquery/v2/'
      },
      (t) => problems.push(t)
    )
    expect(e).toEqual({
      sts: 'https://sts.proxy.example',
      iamcredentials: 'https://iamcredentials.googleapis.com',
      bigquery: 'https://bq.proxy.example',
      oauth2Token: 'https://oauth2.googleapis.com/token'
    })
    expect(problems).toEqual([
      'The environment variable CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS "http://iam.proxy.example" is not HTTPS. Give an https:// base URL such as https://iamcredentials.googleapis.com, or remove it.'
    ])
    const secret: string[] = []
    gcpEndpoints('googleapis.com', { CLOUDSDK_API_ENDPOINT_OVERRIDES_STS: 'https://u:hunter2@x.example' }, (t) =>
      secret.push(t)
    )
    expect(secret[0]).not.toMatch(/hunter2/)
  })
})

describe('query', () => {
  const settings = parse(VALID).settings

  test('Standard SQL with NAMED parameters, grouped by the record key, summed exactly', () => {
    const body = queryRequest(
      { ...settings, billingAccountIds: ['012345-6789AB-CDEF01'] },
      { start: '2025-01', end: '2025-12' },
      { requestId: 'r1' }
    )
    expect(body).toMatchObject({
      useLegacySql: false,
      parameterMode: 'NAMED',
      location: 'US',
      requestId: 'r1',
      queryParameters: [
        { name: 'first_month', parameterType: { type: 'DATE' }, parameterValue: { value: '2025-01-01' } },
        { name: 'last_month', parameterType: { type: 'DATE' }, parameterValue: { value: '2025-12-01' } },
        {
          name: 'billing_account_ids',
          parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
          parameterValue: { arrayValues: [{ value: '012345-6789AB-CDEF01' }] }
        }
      ]
    })
    const sql = body.query as string
    expect(sql).toContain('FROM `my-project.carbon_export.carbon_footprint`')
    expect(sql).toContain('billing_account_id IN UNNEST(@billing_account_ids)')
    expect(sql).toContain('SUM(CAST(carbon_footprint_total_kgCO2e.market_based AS NUMERIC)) AS market_kg')
    expect(sql).toContain('COALESCE(project.id, billing_account_id) AS account')
    expect(sql).toContain('COALESCE(location.region, location.location) AS region')
    expect(sql).toMatch(/GROUP BY 1, 2, 3, 4/)
    expect(sql).not.toMatch(/2025|012345/) // values only as parameters
    expect(carbonQuery({ table: settings.table, billingAccounts: false })).not.toMatch(/billing_account_ids/)
    expect(
      (queryRequest(settings, { start: '2025-01', end: '2025-01' }, { requestId: 'x' }).queryParameters as unknown[])
        .length
    ).toBe(2)
  })

  test('getQueryResults URL', () => {
    expect(resultsUrl('https://bq.example', 'p', 'job_1', { location: 'EU', pageToken: 'A/B+', maxResults: 5 })).toBe(
      'https://bq.example/bigquery/v2/projects/p/queries/job_1?location=EU&pageToken=A%2FB%2B&maxResults=5'
    )
  })
})

describe('auth', () => {
  const settings = parse(VALID).settings
  const deps = (http: HttpClient, extra: Partial<GcpAuthDeps> = {}) => {
    const secrets: string[] = []
    return {
      secrets,
      deps: {
        http,
        env: {},
        idToken: async (aud: string) => `github-jwt-for:${aud}`,
        registerSecret: (v: string) => secrets.push(v),
        now: () => 1_000_000,
        ...extra
      } as GcpAuthDeps
    }
  }

  test('STS exchange then impersonation; each token registered as a secret', async () => {
    const { http, requests } = fakeHttp([
      () => response(200, { access_token: 'fed-token', token_type: 'Bearer', expires_in: 3599 }),
      () => response(200, { accessToken: 'sa-token', expireTime: '2026-12-04T20:00:00Z' })
    ])
    const { deps: d, secrets } = deps(http)
    const t = await signIn(settings, d)
    expect(t).toEqual({
      accessToken: 'sa-token',
      expiresAt: Date.parse('2026-12-04T20:00:00Z'),
      identity: `service account ${VALID['gcp-service-account']}`
    })
    expect(requests[0].url).toBe('https://sts.googleapis.com/v1/token')
    expect(JSON.parse(String(requests[0].body))).toEqual({
      audience: `//iam.googleapis.com/${PROVIDER}`,
      grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
      requestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      subjectTokenType: 'urn:ietf:params:oauth:token-type:jwt',
      subjectToken: `github-jwt-for:https://iam.googleapis.com/${PROVIDER}`
    })
    expect(requests[1].url).toBe(
      'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/carbon-reader%40my-project.iam.gserviceaccount.com:generateAccessToken'
    )
    expect(requests[1].headers?.authorization).toBe('Bearer fed-token')
    expect(secrets).toEqual(['fed-token', 'sa-token'])
  })

  test('refusals explained', async () => {
    expect(
      explainStsError(
        400,
        { error: 'invalid_grant', error_description: 'The given credential is rejected by the attribute condition.' },
        PROVIDER
      ).message
    ).toMatch(
      /attribute condition of projects\/123456789012.* rejects this workflow.*assertion\.repository == 'ORG\/REPO'/
    )
    expect(explainStsError(400, { error: 'invalid_target', error_description: 'x' }, PROVIDER).message).toMatch(
      /does not exist or is disabled.*project number/
    )
    const { http } = fakeHttp([
      () => response(200, { access_token: 'fed', expires_in: 3599 }),
      () =>
        response(403, {
          error: {
            code: 403,
            message: "Permission 'iam.serviceAccounts.getAccessToken' denied",
            status: 'PERMISSION_DENIED'
          }
        })
    ])
    await expect(signIn(settings, deps(http).deps)).rejects.toThrow(
      /Grant roles\/iam\.workloadIdentityUser on carbon-reader@my-project\.iam\.gserviceaccount\.com to principalSet:\/\/iam\.googleapis\.com\/projects\/123456789012\/locations\/global\/workloadIdentityPools\/github\/attribute\.repository\/ORG\/REPO/
    )
  })

  test('a service account key signs an RS256 JWT for its token_uri', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const jwt = serviceAccountAssertion(
      { client_email: 'a@p.iam.gserviceaccount.com', private_key: pem, private_key_id: 'k1' },
      'https://oauth2.googleapis.com/token',
      1_700_000_000_000
    )
    const [h, c, s] = jwt.split('.')
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' })
    expect(JSON.parse(Buffer.from(c, 'base64url').toString())).toEqual({
      iss: 'a@p.iam.gserviceaccount.com',
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_700_000_000,
      exp: 1_700_003_600
    })
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${c}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true)

    const { http, requests } = fakeHttp([() => response(200, { access_token: 'key-token', expires_in: 3599 })])
    const file = JSON.stringify({
      type: 'service_account',
      client_email: 'a@p.iam.gserviceaccount.com',
      private_key: pem,
      token_uri: 'https://oauth2.example/token'
    })
    const noProvider = { ...settings, workloadIdentityProvider: '', serviceAccount: '' }
    const { deps: d, secrets } = deps(http, {
      env: { GOOGLE_APPLICATION_CREDENTIALS: '/x.json' },
      readFile: () => file
    })
    expect((await signIn(noProvider, d)).identity).toBe('service account a@p.iam.gserviceaccount.com')
    expect(requests[0].url).toBe('https://oauth2.example/token')
    expect(String(requests[0].body)).toMatch(
      /^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=/
    )
    expect(secrets).toContain(pem)
    expect(secrets).toContain('key-token')
  })

  test('an external_account file: its subject token URL with headers, http refused', async () => {
    const noProvider = { ...settings, workloadIdentityProvider: '', serviceAccount: '' }
    const cfg = {
      type: 'external_account',
      audience: `//iam.googleapis.com/${PROVIDER}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: 'https://sts.googleapis.com/v1/token',
      credential_source: {
        url: 'https://runner.example/idtoken?api-version=2.0&audience=x',
        headers: { Authorization: 'Bearer request-token' },
        format: { type: 'json', subject_token_field_name: 'value' }
      }
    }
    const { http, requests } = fakeHttp([
      () => response(200, { value: 'gh-jwt' }),
      () => response(200, { access_token: 'fed', expires_in: 3599 })
    ])
    const { deps: d, secrets } = deps(http, {
      env: { GOOGLE_APPLICATION_CREDENTIALS: '/c.json' },
      readFile: () => JSON.stringify(cfg)
    })
    expect((await signIn(noProvider, d)).accessToken).toBe('fed')
    expect(requests[0].headers?.Authorization).toBe('Bearer request-token')
    expect(JSON.parse(String(requests[1].body)).subjectToken).toBe('gh-jwt')
    expect(secrets).toEqual(['request-token', 'gh-jwt', 'fed'])

    const insecure = { ...cfg, token_url: 'http://sts.example/v1/token' }
    const { http: h2 } = fakeHttp([])
    const d2 = deps(h2, {
      env: { GOOGLE_APPLICATION_CREDENTIALS: '/c.json' },
      readFile: () => JSON.stringify(insecure)
    }).deps
    await expect(signIn(noProvider, d2)).rejects.toThrow(
      /token_url of \/c\.json "http:\/\/sts\.example\/v1\/token" is not HTTPS/
    )
    const d3 = deps(h2, { env: {} }).deps
    await expect(signIn(noProvider, d3)).rejects.toThrow(GcpAuthError)
  })
})

describe('bigquery', () => {
  const settings: GcpSettings = parse(VALID).settings
  const where = { ...settings, identity: 'service account x@y' }
  const err = (status: number, reason: string, message: string) =>
    response(status, { error: { code: status, message, status: 'X', errors: [{ reason, message, domain: 'global' }] } })

  test('transient reasons whatever the status; quotaExceeded and accessDenied are not', () => {
    expect(isTransientBigQuery(err(403, 'rateLimitExceeded', 'Exceeded rate limits'))).toBe(true)
    expect(isTransientBigQuery(err(400, 'backendError', 'x'))).toBe(true)
    expect(isTransientBigQuery(err(403, 'quotaExceeded', 'x'))).toBe(false)
    expect(isTransientBigQuery(err(403, 'accessDenied', 'x'))).toBe(false)
    expect(isTransientBigQuery(response(403, '<html>'))).toBe(false)
  })

  test('errors name the table, the export, the role, the location', () => {
    expect(
      explainBigQueryError(
        err(404, 'notFound', 'Not found: Table my-project:carbon_export.carbon_footprint was not found in location US'),
        where
      ).message
    ).toMatch(
      /table my-project\.carbon_export\.carbon_footprint does not exist in location US: create the Carbon Footprint export/
    )
    expect(
      explainBigQueryError(
        err(404, 'notFound', 'Not found: Dataset my-project:carbon_export was not found in location US'),
        where
      ).message
    ).toMatch(/set gcp-location/)
    expect(
      explainBigQueryError(err(403, 'accessDenied', 'User does not have bigquery.jobs.create permission'), where)
        .message
    ).toMatch(/Grant service account x@y roles\/bigquery\.jobUser on project my-project/)
    expect(explainBigQueryError(err(403, 'accessDenied', 'Access Denied: Table'), where).message).toMatch(
      /roles\/bigquery\.dataViewer on the dataset my-project\.carbon_export/
    )
  })

  const page = (o: { complete?: boolean; rows?: number; token?: string }) =>
    response(200, {
      jobComplete: o.complete ?? true,
      jobReference: { projectId: 'my-project', jobId: 'job_1', location: 'US' },
      ...(o.complete === false
        ? {}
        : {
            schema: { fields: [{ name: 'x', type: 'STRING' }] },
            totalRows: '9',
            rows: Array.from({ length: o.rows ?? 1 }, () => ({ f: [{ v: 'a' }] }))
          }),
      ...(o.token ? { pageToken: o.token } : {})
    })

  test('polls while jobComplete is false, follows page tokens, stops on a repeated one', async () => {
    const { http, requests } = fakeHttp([
      () => page({ complete: false }),
      () => page({ complete: false }),
      () => page({ rows: 3, token: 'T1' }),
      () => page({ rows: 3, token: 'T2' }),
      () => page({ rows: 3, token: 'T2' })
    ])
    const got: number[] = []
    await expect(
      readQuery(
        { http, settings, accessToken: 't', identity: 'i', period: { start: '2025-01', end: '2025-02' } },
        (p) => got.push(p.rows.length)
      )
    ).rejects.toThrow(/repeated a pageToken it had already given/)
    expect(got).toEqual([3, 3, 3])
    expect(requests.map((r) => `${r.method} ${new URL(r.url).searchParams.get('pageToken') ?? ''}`)).toEqual([
      'POST ',
      'GET ',
      'GET ',
      'GET T1',
      'GET T2'
    ])
    expect(requests.every((r) => r.transient === isTransientBigQuery)).toBe(true)
    expect(JSON.parse(String(requests[0].body)).requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('an error answer becomes a BigQueryError', async () => {
    const { http } = fakeHttp([
      () =>
        err(404, 'notFound', 'Not found: Table my-project:carbon_export.carbon_footprint was not found in location US')
    ])
    await expect(
      readQuery(
        { http, settings, accessToken: 't', identity: 'i', period: { start: '2025-01', end: '2025-01' } },
        () => undefined
      )
    ).rejects.toThrow(BigQueryError)
  })
})

describe('records', () => {
  const FIELDS = COLUMNS.map((name) => ({ name, type: 'STRING' }))
  const row = (v: (string | null)[]) => ({ f: v.map((x) => ({ v: x })) })

  test('decimal kilograms to exact nanograms, without a double', () => {
    expect(kgTextToNanograms('0.1', 'x')).toBe(100_000_000_000n)
    expect(kgTextToNanograms('12345678901234567890.123456789', 'x')).toBe(12345678901234567890123456789000n)
    expect(kgTextToNanograms('-0.0000000000015', 'x')).toBe(-2n)
    expect(kgTextToNanograms('1.0E-5', 'x')).toBe(10_000_000n)
    expect(kgTextToNanograms('0.30000000000000004', 'x')).toBe(300_000_000_000n)
  })

  test('the contract mapping; market null before 2023 falls back to location; rows of one key folded, rounded once', () => {
    const f = new GcpRecordFolder()
    f.add(FIELDS, [
      row([
        '2022-12-01',
        'proj-a',
        'Compute Engine',
        'us-central1',
        null,
        '0.0004',
        '0',
        null,
        '0.0003',
        '0.0001',
        '9',
        '2'
      ]),
      row([
        '2023-01-01',
        '01A2B3-C4D5E6-F7A8B9',
        '=HYPERLINK("x")',
        'global',
        '1.5',
        '2.25',
        null,
        '1.0',
        '1.75',
        '0.5',
        '10',
        '1'
      ])
    ])
    f.add(FIELDS, [
      row([
        '2022-12-01',
        'proj-a',
        'Compute Engine',
        'us-central1',
        null,
        '0.0004',
        '0',
        null,
        '0.0003',
        '0.0001',
        '8',
        '3'
      ])
    ])
    const market = f.records('market')
    expect(market.fellBack).toBe(1)
    expect(market.exportRows).toBe(6)
    expect(market.records).toEqual([
      {
        provider: 'gcp',
        account: 'proj-a',
        accountName: null,
        month: '2022-12',
        service: 'Compute Engine',
        region: 'us-central1',
        grams: 1, // 0.4 g + 0.4 g, rounded once (each row alone would round to 0)
        marketGrams: null,
        locationGrams: 1,
        scope1Grams: 0,
        scope2MarketGrams: null,
        scope2LocationGrams: 1,
        scope3MarketGrams: 0,
        scope3LocationGrams: 0,
        modelVersion: '9'
      },
      {
        provider: 'gcp',
        account: '01A2B3-C4D5E6-F7A8B9',
        accountName: null,
        month: '2023-01',
        service: '=HYPERLINK("x")',
        region: 'global',
        grams: 1500,
        marketGrams: 1500,
        locationGrams: 2250,
        scope1Grams: null,
        scope2MarketGrams: 1000,
        scope2LocationGrams: 1750,
        scope3MarketGrams: 500,
        scope3LocationGrams: 500,
        modelVersion: '10'
      }
    ])
    expect(f.records('location').records.map((r) => r.grams)).toEqual([1, 2250])
  })

  test('rows of months outside the period are left out and counted', () => {
    const f = new GcpRecordFolder({ start: '2023-01', end: '2023-12' })
    const r = (m: string) => row([m, 'a', 's', 'r', '1', '1', '0', '1', '1', '0', '1', '1'])
    f.add(
      COLUMNS.map((name) => ({ name, type: 'STRING' })),
      [r('2022-12-01'), r('2023-01-01'), r('2024-01-01')]
    )
    expect(f.outside).toBe(2)
    expect(f.records('market').records.map((x) => x.month)).toEqual(['2023-01'])
  })

  test('a missing column or a bad month is an error, not a silent zero', () => {
    expect(() => new GcpRecordFolder().add(FIELDS.slice(0, 4), [])).toThrow(/no column market_kg/)
    expect(() =>
      new GcpRecordFolder().add(FIELDS, [row(['2023-01-15', 'a', 's', 'r', '1', '1', '1', '1', '1', '1', '1', '1'])])
    ).toThrow(/usage_month/)
  })
})
