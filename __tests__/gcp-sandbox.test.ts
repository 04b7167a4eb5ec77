/**
 * The Google Cloud services of the sandbox, over real HTTPS and without the action: STS token exchange, IAM
 * Credentials impersonation, BigQuery jobs.query / getQueryResults running SQL on the seeded export, their
 * error bodies and faults. The aggregation is checked against truth(), which sums the seed without SQL.
 */
import { startSandbox, type Sandbox } from '../sandbox/index.mjs'

const NOW = Date.parse('2026-03-15T08:00:00Z')
const CLOUD = 'https://www.googleapis.com/auth/cloud-platform'
let sb: Sandbox
let env: Record<string, string>

beforeAll(async () => {
  sb = await startSandbox({ now: () => NOW })
  env = sb.env()
})
afterAll(async () => {
  await sb?.close()
})
beforeEach(() => {
  sb.kit.faults.clear()
  sb.gcp.state.pendingAnswers = 1
  sb.gcp.state.pageRows = 10_000
})

async function call(url: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {})
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body)
  })
  const text = await res.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, json }
}

async function githubToken(audience = `https://iam.googleapis.com/${sb.gcp.provider}`): Promise<string> {
  const r = await call(`${env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`, {
    token: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  })
  return r.json.value
}

const exchange = async (o: { provider?: string; subjectToken?: string; grantType?: string } = {}) =>
  call(`${env.CLOUDSDK_API_ENDPOINT_OVERRIDES_STS}/v1/token`, {
    body: {
      audience: `//iam.googleapis.com/${o.provider ?? sb.gcp.provider}`,
      grantType: o.grantType ?? 'urn:ietf:params:oauth:grant-type:token-exchange',
      requestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      scope: CLOUD,
      subjectTokenType: 'urn:ietf:params:oauth:token-type:jwt',
      subjectToken: o.subjectToken ?? (await githubToken())
    }
  })

const impersonate = (email: string, token: string) =>
  call(
    `${env.CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS}/v1/projects/-/serviceAccounts/${email}:generateAccessToken`,
    {
      body: { scope: [CLOUD], lifetime: '3600s' },
      token
    }
  )

async function readerToken(email = sb.gcp.serviceAccount): Promise<string> {
  const fed = await exchange()
  return (await impersonate(email, fed.json.access_token)).json.accessToken
}

const param = (name: string, type: string, value: string) => ({
  name,
  parameterType: { type },
  parameterValue: { value }
})
const query = (project: string, body: Record<string, unknown>, token: string) =>
  call(`${env.CLOUDSDK_API_ENDPOINT_OVERRIDES_BIGQUERY}/bigquery/v2/projects/${project}/queries`, { body, token })
const results = (job: any, token: string, q: Record<string, string> = {}) =>
  call(
    `${env.CLOUDSDK_API_ENDPOINT_OVERRIDES_BIGQUERY}/bigquery/v2/projects/${job.projectId}/queries/${job.jobId}?${new URLSearchParams({ location: job.location, ...q })}`,
    { token }
  )

/** Every row of a query: polls while jobComplete is false, then follows pageToken. */
async function allRows(body: Record<string, unknown>, token: string, project = sb.gcp.queryProject) {
  const first = await query(project, body, token)
  expect(first.status).toBe(200)
  let page = first.json
  let polls = 0
  const size: Record<string, string> = body.maxResults ? { maxResults: String(body.maxResults) } : {}
  while (!page.jobComplete) {
    polls++
    page = (await results(page.jobReference, token, size)).json
  }
  const rows = [...(page.rows ?? [])]
  const pages = [page]
  while (page.pageToken) {
    page = (await results(page.jobReference, token, { ...size, pageToken: page.pageToken })).json
    pages.push(page)
    rows.push(...(page.rows ?? []))
  }
  return { first: first.json, rows, pages, polls, fields: page.schema.fields }
}

const AGGREGATE = `
  SELECT usage_month AS m, COALESCE(project.id, billing_account_id) AS account, service.description AS svc,
         COALESCE(location.region, location.location) AS region,
         SUM(CAST(carbon_footprint_total_kgCO2e.location_based AS NUMERIC)) AS loc,
         SUM(CAST(carbon_footprint_total_kgCO2e.market_based AS NUMERIC)) AS mkt,
         COUNT(*) AS n
  FROM \`carbon-reports-prj.carbon_export.carbon_footprint\`
  WHERE usage_month BETWEEN @first AND @last AND billing_account_id IN UNNEST(@accounts)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`

/** Decimal kg text -> grams, half away from zero, without a double. */
function grams(kg: string | null): number | null {
  if (kg === null) return null
  const [w, f = ''] = kg.split('.')
  const ug = BigInt(w) * 1_000_000_000n + BigInt((f + '000000000').slice(0, 9))
  return Number((ug + 500_000n) / 1_000_000n)
}

describe('Google STS', () => {
  test('exchanges the GitHub OIDC token for a federated access token', async () => {
    const r = await exchange()
    expect(r.status).toBe(200)
    expect(r.json).toEqual({
      access_token: expect.stringMatching(/^ya29\.d\./),
      issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      token_type: 'Bearer',
      expires_in: 3599
    })
    expect(sb.secrets()).toContain(r.json.access_token)
  })

  test('refuses by the attribute condition, the audience, an unknown provider and a wrong grant', async () => {
    const condition = await exchange({
      provider: sb.gcp.otherProvider,
      subjectToken: await githubToken(`https://iam.googleapis.com/${sb.gcp.otherProvider}`)
    })
    expect(condition.status).toBe(400)
    expect(condition.json).toEqual({
      error: 'invalid_grant',
      error_description: 'The given credential is rejected by the attribute condition.'
    })
    const audience = await exchange({ subjectToken: await githubToken('sts.amazonaws.com') })
    expect(audience.json.error).toBe('invalid_grant')
    expect(audience.json.error_description).toMatch(/audience in ID Token \[sts\.amazonaws\.com\] does not match/)
    const unknown = await exchange({ provider: sb.gcp.provider.replace('octo-repo', 'nope-repo') })
    expect(unknown.json.error).toBe('invalid_target')
    const grant = await exchange({ grantType: 'client_credentials' })
    expect(grant).toEqual({
      status: 400,
      json: { error: 'unsupported_grant_type', error_description: expect.any(String) }
    })
    const forged = await exchange({ subjectToken: (await githubToken()).slice(0, -4) + 'AAAA' })
    expect(forged.json.error).toBe('invalid_grant')
  })
})

describe('IAM Credentials', () => {
  test('issues the service account token to an identity allowed to impersonate it', async () => {
    const fed = (await exchange()).json.access_token
    const r = await impersonate(sb.gcp.serviceAccount, fed)
    expect(r.status).toBe(200)
    expect(r.json.accessToken).toMatch(/^ya29\./)
    expect(Date.parse(r.json.expireTime)).toBe(NOW + 3600_000)
  })

  test('refuses an account the identity may not impersonate (403) and a token it did not issue (401)', async () => {
    const fed = (await exchange()).json.access_token
    const r = await impersonate(sb.gcp.notAllowedAccount, fed)
    expect(r.status).toBe(403)
    expect(r.json.error).toMatchObject({
      code: 403,
      status: 'PERMISSION_DENIED',
      message: "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
      details: [expect.objectContaining({ reason: 'IAM_PERMISSION_DENIED', domain: 'iam.googleapis.com' })]
    })
    const bad = await impersonate(sb.gcp.serviceAccount, 'ya29.not-a-token')
    expect(bad.status).toBe(401)
    expect(bad.json.error.status).toBe('UNAUTHENTICATED')
  })
})

describe('BigQuery', () => {
  test('the seed has what makes the aggregation matter, published by the 15th', () => {
    expect(sb.gcp.available).toBe('2026-02')
    const rows = sb.gcp.data.rows as any[]
    expect(rows.some((r) => r.project.id === null)).toBe(true)
    expect(rows.some((r) => r.location.region === null && r.location.location === 'global')).toBe(true)
    expect(rows.some((r) => r.usage_month < '2023-01' && r.ug.scope2Market === null)).toBe(true)
    expect(rows.every((r) => r.usage_month >= '2023-01' || r.ug.scope2Market === null)).toBe(true)
    const keys = new Map<string, number>()
    for (const r of rows) {
      const k = [
        r.project.id ?? r.billing_account_id,
        r.usage_month,
        r.service.description,
        r.location.region ?? r.location.location
      ].join('|')
      keys.set(k, (keys.get(k) ?? 0) + 1)
    }
    expect([...keys.values()].filter((n) => n > 1).length).toBeGreaterThan(100)
    expect(rows.some((r) => /^[=+@-]/.test(r.service.description) || /\n/.test(r.service.description))).toBe(true)
  })

  test('a parameterised aggregation returns exactly what truth() sums without SQL', async () => {
    const token = await readerToken()
    const accounts = ['01A2B3-C4D5E6-F7A8B9', 'ABCDEF-123456-7890AB']
    const { rows, fields } = await allRows(
      {
        query: AGGREGATE,
        useLegacySql: false,
        parameterMode: 'NAMED',
        location: 'US',
        queryParameters: [
          param('first', 'DATE', '2022-07-01'),
          param('last', 'DATE', '2023-06-01'),
          {
            name: 'accounts',
            parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
            parameterValue: { arrayValues: accounts.map((value) => ({ value })) }
          }
        ]
      },
      token
    )
    expect(fields.map((f: any) => `${f.name}:${f.type}`)).toEqual([
      'm:DATE',
      'account:STRING',
      'svc:STRING',
      'region:STRING',
      'loc:NUMERIC',
      'mkt:NUMERIC',
      'n:INTEGER'
    ])
    const truth = sb.gcp.truth({ start: '2022-07', end: '2023-06', billingAccountIds: accounts })
    const got = rows.map((r: any) => {
      const v = r.f.map((c: any) => c.v)
      return { month: v[0].slice(0, 7), account: v[1], service: v[2], region: v[3], loc: grams(v[4]), mkt: grams(v[5]) }
    })
    const want = truth.records.map((r: any) => ({
      month: r.month,
      account: r.account,
      service: r.service,
      region: r.region,
      loc: r.locationGrams,
      mkt: r.marketGrams
    }))
    const order = (a: any, b: any) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)
    expect(got.sort(order)).toEqual(want.sort(order))
    expect(got.some((r: any) => r.mkt === null)).toBe(true) // 2022 has no market-based figures
    expect(truth.totalGrams).toBe(truth.records.reduce((a: number, r: any) => a + r.grams, 0))
  })

  test('BigQuery syntax runs as BigQuery reads it: string forms, comments, IN UNNEST, NUMERIC, parameters', async () => {
    const token = await readerToken()
    const { rows, fields } = await allRows(
      {
        query: [
          "SELECT \"a@b\" AS s, 'it\\'s' AS q, -- @nothing here",
          '  3 IN UNNEST([1, 2, (1 + 2)]) AS inside, @n IN UNNEST(@list) AS listed,',
          '  CAST(0.1 AS NUMERIC) + CAST(0.2 AS NUMERIC) AS exact, CAST(@n AS INT64) * 2 AS twice /* @x */'
        ].join('\n'),
        useLegacySql: false,
        parameterMode: 'NAMED',
        queryParameters: [
          param('n', 'INT64', '7'),
          {
            name: 'list',
            parameterType: { type: 'ARRAY', arrayType: { type: 'INT64' } },
            parameterValue: { arrayValues: [{ value: '7' }] }
          }
        ]
      },
      token
    )
    expect(rows[0].f.map((c: any) => c.v)).toEqual(['a@b', "it's", 'true', 'true', '0.3', '14'])
    expect(fields.map((f: any) => f.type)).toEqual(['STRING', 'STRING', 'BOOLEAN', 'BOOLEAN', 'NUMERIC', 'INTEGER'])
    const missing = await query(sb.gcp.queryProject, { query: 'SELECT @nope', useLegacySql: false }, token)
    expect(missing.json.error.message).toBe("Query parameter 'nope' not found")
  })

  test('legacy SQL, the default, is refused for standard syntax', async () => {
    const token = await readerToken()
    const r = await query(
      sb.gcp.queryProject,
      { query: 'SELECT COUNT(*) FROM `carbon-reports-prj.carbon_export.carbon_footprint`' },
      token
    )
    expect(r.status).toBe(400)
    expect(r.json.error).toMatchObject({
      code: 400,
      status: 'INVALID_ARGUMENT',
      errors: [expect.objectContaining({ reason: 'invalidQuery', domain: 'global', location: 'q' })]
    })
    expect(r.json.error.message).toMatch(
      /Invalid table name: `carbon-reports-prj.carbon_export.carbon_footprint` \[Try using standard SQL/
    )
  })

  test('jobComplete false first, then pages by pageToken with maxResults', async () => {
    sb.gcp.state.pendingAnswers = 2
    const token = await readerToken()
    const body = {
      query:
        'SELECT usage_month, project, location FROM `carbon-reports-prj.carbon_export.carbon_footprint` WHERE usage_month = @m ORDER BY 1',
      useLegacySql: false,
      parameterMode: 'NAMED',
      queryParameters: [param('m', 'DATE', '2024-03-01')],
      maxResults: 7
    }
    const { first, rows, pages, polls } = await allRows(body, token)
    expect(first.jobComplete).toBe(false)
    expect(first.rows).toBeUndefined()
    expect(polls).toBe(2)
    const expected = (sb.gcp.data.rows as any[]).filter((r) => r.usage_month === '2024-03-01').length
    expect(rows.length).toBe(expected)
    expect(pages.length).toBe(Math.ceil(expected / 7))
    expect(pages.every((p: any) => p.totalRows === String(expected))).toBe(true)
    // STRUCTs nest as { f: [{ v }] }, every leaf a string or null.
    const struct = rows[0].f[1].v
    expect(struct).toEqual({ f: [{ v: expect.anything() }, { v: expect.anything() }] })
    const leaves = JSON.stringify(rows).match(/"v":(?!\{)[^,}\]]+/g) ?? []
    expect(leaves.every((l) => /^"v":("|null)/.test(l))).toBe(true)
  })

  test('error bodies: invalidQuery, notFound (table, dataset in another location), accessDenied, authError', async () => {
    const token = await readerToken()
    const q = (sql: string, extra: Record<string, unknown> = {}, project = sb.gcp.queryProject, t = token) =>
      query(project, { query: sql, useLegacySql: false, ...extra }, t)

    const syntax = await q('SELEC 1')
    expect(syntax.status).toBe(400)
    expect(syntax.json.error.errors[0]).toMatchObject({ reason: 'invalidQuery', location: 'q' })
    const column = await q('SELECT no_such_column FROM `carbon-reports-prj.carbon_export.carbon_footprint`')
    expect(column.json.error.errors[0].reason).toBe('invalidQuery')
    expect(column.json.error.message).toMatch(/no_such_column/)

    const table = await q('SELECT 1 FROM `carbon-reports-prj.carbon_export.nope`')
    expect(table.status).toBe(404)
    expect(table.json.error).toMatchObject({
      status: 'NOT_FOUND',
      message: 'Not found: Table carbon-reports-prj:carbon_export.nope was not found in location US',
      errors: [expect.objectContaining({ reason: 'notFound' })]
    })
    const eu = await q('SELECT 1 FROM `carbon-reports-prj.carbon_export_eu.carbon_footprint`')
    expect(eu.json.error.message).toBe(
      'Not found: Dataset carbon-reports-prj:carbon_export_eu was not found in location US'
    )
    const euOk = await q('SELECT COUNT(*) FROM `carbon-reports-prj.carbon_export_eu.carbon_footprint`', {
      location: 'EU'
    })
    expect(euOk.status).toBe(200)

    const jobs = await q('SELECT 1', {}, 'other-prj')
    expect(jobs.status).toBe(403)
    expect(jobs.json.error.message).toBe(
      'Access Denied: Project other-prj: User does not have bigquery.jobs.create permission in project other-prj.'
    )
    const viewer = await q(
      'SELECT 1 FROM `carbon-reports-prj.carbon_export.carbon_footprint`',
      {},
      sb.gcp.queryProject,
      await readerToken(sb.gcp.noDataAccount)
    )
    expect(viewer.status).toBe(403)
    expect(viewer.json.error.errors[0].reason).toBe('accessDenied')
    expect(viewer.json.error.message).toMatch(
      /User does not have permission to query table carbon-reports-prj:carbon_export.carbon_footprint/
    )

    const anon = await q('SELECT 1', {}, sb.gcp.queryProject, 'ya29.forged')
    expect(anon.status).toBe(401)
    expect(anon.json.error.errors[0]).toMatchObject({ reason: 'authError', location: 'Authorization' })
    const unknownField = await q('SELECT 1', { useLegacySQL: false })
    expect(unknownField.json.error.message).toMatch(/Unknown name "useLegacySQL"/)
  })

  test('faults speak BigQuery: 429 and 403 rateLimitExceeded, 503 backendError, a repeated pageToken', async () => {
    const token = await readerToken()
    const body = { query: 'SELECT 1 AS x', useLegacySql: false }
    sb.kit.faults.add('bigquery', { kind: 'throttle', retryAfter: 0 })
    const r429 = await query(sb.gcp.queryProject, body, token)
    expect(r429.status).toBe(429)
    expect(r429.json.error).toMatchObject({
      status: 'RESOURCE_EXHAUSTED',
      errors: [expect.objectContaining({ reason: 'rateLimitExceeded', domain: 'usageLimits' })]
    })
    sb.kit.faults.add('bigquery', { kind: 'error', status: 403, code: 'rateLimitExceeded' })
    const r403 = await query(sb.gcp.queryProject, body, token)
    expect(r403.status).toBe(403)
    expect(r403.json.error.errors[0].reason).toBe('rateLimitExceeded')
    sb.kit.faults.add('bigquery', { kind: 'error' })
    const r503 = await query(sb.gcp.queryProject, body, token)
    expect(r503.status).toBe(503)
    expect(r503.json.error.errors[0].reason).toBe('backendError')

    sb.gcp.state.pendingAnswers = 0
    sb.kit.faults.add('bigquery', { kind: 'repeat-token' })
    const first = await query(
      sb.gcp.queryProject,
      {
        query: 'SELECT usage_month FROM `carbon-reports-prj.carbon_export.carbon_footprint`',
        useLegacySql: false,
        maxResults: 5
      },
      token
    )
    const second = await results(first.json.jobReference, token, { pageToken: first.json.pageToken, maxResults: '5' })
    expect(second.json.pageToken).toBe(first.json.pageToken)
  })
})
