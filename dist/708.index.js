export const id = 708;
export const ids = [708];
export const modules = {

/***/ 24377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ getIdToken)
/* harmony export */ });
/* unused harmony export OidcUnavailableError */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91659);
/**
 * GitHub's OIDC token, as `core.getIDToken(audience)` fetches it, but through the run's HTTP layer (retries with
 * jitter, proxy, deadline): `GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud>` with the request token as bearer.
 */

class OidcUnavailableError extends Error {
    constructor(forWhat) {
        super(`No GitHub OIDC token is available for ${forWhat}: ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set. ` +
            `Give the job 'permissions: id-token: write' (they exist only then; pull requests from forks never get them: ` +
            `run the report from a workflow_run workflow instead).`);
        this.name = 'OidcUnavailableError';
    }
}
async function getIdToken(http, env, audience, forWhat) {
    const base = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!base || !bearer)
        throw new OidcUnavailableError(forWhat);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(bearer);
    const res = await http.request({
        service: 'GitHub OIDC token endpoint',
        method: 'GET',
        url: `${base}&audience=${encodeURIComponent(audience)}`,
        headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
        expectJson: true
    });
    if (res.status !== 200) {
        throw new Error(`The GitHub OIDC token endpoint answered HTTP ${res.status} for audience ${audience} (${forWhat}). Check 'permissions: id-token: write'.`);
    }
    const value = res.json?.value;
    if (typeof value !== 'string' || value === '') {
        throw new Error(`The GitHub OIDC token endpoint answered without a token for audience ${audience} (${forWhat}).`);
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(value);
    return value;
}


/***/ }),

/***/ 7708:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gcpProvider: () => (/* binding */ gcpProvider)
});

// EXTERNAL MODULE: ./src/period.ts
var period = __webpack_require__(60202);
// EXTERNAL MODULE: ./src/auth/github-oidc.ts
var github_oidc = __webpack_require__(24377);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/providers/kit/schedule.ts
var schedule = __webpack_require__(12448);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/providers/gcp/settings.ts
var settings = __webpack_require__(57726);
;// CONCATENATED MODULE: ./src/providers/gcp/auth.ts
/**
 * Signing in to Google Cloud without a stored key, with the plain HTTPS calls google-github-actions/auth makes:
 *
 *   gcp-workload-identity-provider set:  GitHub OIDC token (gcp-audience) -> STS token exchange -> federated
 *     token -> with gcp-service-account, IAM Credentials generateAccessToken -> the service account's token.
 *   empty: the GOOGLE_APPLICATION_CREDENTIALS file (as google-github-actions/auth leaves it):
 *     `external_account`: the subject token from `credential_source` (url + headers + format, or file), the
 *       same exchange at `token_url`, then `service_account_impersonation_url` (or gcp-service-account);
 *     `service_account`: an RS256 JWT signed with the key, exchanged at `token_uri` (jwt-bearer grant).
 *
 * Every token is handed to `registerSecret` the moment it exists; every refusal says what to change.
 */



const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** A sign-in failure with the step that failed and what to change. */
class GcpAuthError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GcpAuthError';
    }
}
const parse = (res) => {
    try {
        const v = JSON.parse(res.text);
        return v && typeof v === 'object' ? v : {};
    }
    catch {
        return {};
    }
};
const str = (v) => (typeof v === 'string' ? v : '');
/** The pool member a repository's workflows are, for the fix of a refused impersonation. */
function principalSetHint(provider) {
    const m = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([^/]+)\//.exec(provider);
    return m
        ? `principalSet://iam.googleapis.com/projects/${m[1]}/locations/global/workloadIdentityPools/${m[2]}/attribute.repository/ORG/REPO`
        : 'principalSet://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/attribute.repository/ORG/REPO';
}
/** Google STS token exchange: a subject token (GitHub's JWT) for a federated access token. */
async function exchangeToken(deps, o) {
    const now = deps.now ?? Date.now;
    const res = await deps.http.request({
        service: 'Google STS',
        method: 'POST',
        url: o.url,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // A 2xx whose body is not JSON (a proxy's page, a cut body) is no answer: the HTTP layer asks again.
        expectJson: true,
        body: JSON.stringify({
            audience: o.audience,
            grantType: TOKEN_EXCHANGE,
            requestedTokenType: ACCESS_TOKEN_TYPE,
            scope: CLOUD_PLATFORM,
            subjectTokenType: o.subjectTokenType ?? JWT_TOKEN_TYPE,
            subjectToken: o.subjectToken
        })
    });
    const body = parse(res);
    if (res.status !== 200 || !str(body.access_token))
        throw explainStsError(res.status, body, o.provider);
    const token = str(body.access_token);
    deps.registerSecret(token);
    return {
        accessToken: token,
        expiresAt: now() + Number(body.expires_in ?? 3600) * 1000,
        identity: `the federated identity of ${o.provider}`
    };
}
function explainStsError(status, body, provider) {
    const error = str(body.error);
    const description = str(body.error_description);
    const said = `Google STS refused the GitHub OIDC token (HTTP ${status}${error ? ` ${error}` : ''}${description ? `: ${description}` : ''})`;
    let fix = `Check gcp-workload-identity-provider (${provider}) and the provider's settings.`;
    if (/attribute condition/i.test(description))
        fix = `The attribute condition of ${provider} rejects this workflow: make it admit this repository (e.g. assertion.repository == 'ORG/REPO'; mind the branch or environment it checks).`;
    else if (/audience/i.test(description))
        fix = `The token's audience is not one ${provider} allows: leave gcp-audience empty (https://iam.googleapis.com/ + the provider name, the default of an OIDC provider) or set it to one of the provider's allowed audiences.`;
    else if (error === 'invalid_target')
        fix = `The pool or provider does not exist or is disabled: check gcp-workload-identity-provider (projects/NUMBER with the project number, the pool and provider ids).`;
    else if (/expired/i.test(description))
        fix = 'The GitHub token expired before it was used: rerun the job.';
    return new GcpAuthError(`${said}. ${fix}`);
}
/** IAM Credentials generateAccessToken: the service account's token, for a caller allowed to impersonate it. */
async function impersonate(deps, 
/** provider: the workload identity provider of the source token ('' when it is a service account key's). */
o) {
    const res = await deps.http.request({
        service: 'IAM Credentials API',
        method: 'POST',
        url: o.url,
        expectJson: true,
        headers: {
            authorization: `Bearer ${o.source.accessToken}`,
            'content-type': 'application/json',
            accept: 'application/json'
        },
        body: JSON.stringify({ scope: [CLOUD_PLATFORM], lifetime: '3600s' })
    });
    const body = parse(res);
    const token = str(body.accessToken);
    if (res.status === 200 && token) {
        deps.registerSecret(token);
        const expires = Date.parse(str(body.expireTime));
        return {
            accessToken: token,
            expiresAt: Number.isNaN(expires) ? (deps.now ?? Date.now)() + 3_600_000 : expires,
            identity: `service account ${o.serviceAccount}`
        };
    }
    const message = str(body.error?.message);
    const said = `IAM Credentials refused to issue a token for ${o.serviceAccount} to ${o.source.identity} (HTTP ${res.status}${message ? `: ${message}` : ''})`;
    const fix = res.status === 403 && o.provider === ''
        ? // A service account (from a key file) impersonating another: that needs the token creator role.
            `Grant roles/iam.serviceAccountTokenCreator on ${o.serviceAccount} to ${o.source.identity.replace(/^service account /, 'serviceAccount:')}, and check the e-mail in gcp-service-account.`
        : res.status === 403
            ? `Grant roles/iam.workloadIdentityUser on ${o.serviceAccount} to ${principalSetHint(o.provider)} (gcloud iam service-accounts add-iam-policy-binding ${o.serviceAccount} --role=roles/iam.workloadIdentityUser --member=...), and check the e-mail in gcp-service-account; or leave gcp-service-account empty to query as the federated identity.`
            : res.status === 401
                ? 'The federated token was not accepted: check the pool provider and rerun.'
                : 'Check gcp-service-account.';
    throw new GcpAuthError(`${said}. ${fix}`);
}
/** Base64url of a JSON value. */
const b64json = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** The RS256 JWT a service account key signs for the OAuth token endpoint (jwt-bearer grant). */
function serviceAccountAssertion(key, audience, nowMs) {
    const iat = Math.floor(nowMs / 1000);
    const head = b64json({ alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) });
    const claims = b64json({ iss: key.client_email, scope: CLOUD_PLATFORM, aud: audience, iat, exp: iat + 3600 });
    const signer = (0,external_node_crypto_.createSign)('RSA-SHA256');
    signer.update(`${head}.${claims}`);
    return `${head}.${claims}.${signer.sign(key.private_key).toString('base64url')}`;
}
async function serviceAccountKeyToken(deps, key, settings, file) {
    const email = str(key.client_email);
    const privateKey = str(key.private_key);
    if (!email || !privateKey)
        throw new GcpAuthError(`The service account key ${file} has no client_email or private_key: download a new JSON key.`);
    deps.registerSecret(privateKey);
    const url = str(key.token_uri) || settings.endpoints.oauth2Token;
    checkUrl(url, `token_uri of ${file}`);
    const now = (deps.now ?? Date.now)();
    const assertion = serviceAccountAssertion({ client_email: email, private_key: privateKey, private_key_id: str(key.private_key_id) || undefined }, url, now);
    deps.registerSecret(assertion);
    const res = await deps.http.request({
        service: 'Google OAuth 2.0 token endpoint',
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString()
    });
    const body = parse(res);
    const token = str(body.access_token);
    if (res.status !== 200 || !token)
        throw new GcpAuthError(`The OAuth token endpoint refused the service account key of ${email} (HTTP ${res.status}${body.error ? ` ${str(body.error)}: ${str(body.error_description)}` : ''}). The key may be deleted or disabled: create a new one, or better, use workload identity federation (gcp-workload-identity-provider).`);
    deps.registerSecret(token);
    return {
        accessToken: token,
        expiresAt: now + Number(body.expires_in ?? 3600) * 1000,
        identity: `service account ${email}`
    };
}
function checkUrl(url, what) {
    const why = (0,settings/* httpsProblem */.HJ)(url);
    if (why !== null)
        throw new GcpAuthError(`The ${what} ${why}: tokens are only sent over HTTPS.`);
}
/** The subject token an external_account file's credential_source names (url with headers, or file). */
async function subjectToken(deps, source, file) {
    const format = (source.format ?? {});
    let text;
    if (typeof source.url === 'string') {
        checkUrl(source.url, `credential_source.url of ${file}`);
        const headers = { accept: 'application/json' };
        for (const [k, v] of Object.entries((source.headers ?? {}))) {
            if (typeof v !== 'string')
                continue;
            headers[k] = v;
            deps.registerSecret(v.replace(/^Bearer\s+/i, ''));
        }
        const res = await deps.http.request({
            service: 'GitHub OIDC token endpoint',
            method: 'GET',
            url: source.url,
            headers
        });
        if (res.status !== 200)
            throw new GcpAuthError(`The subject token URL of ${file} answered HTTP ${res.status}. The file holds the job's OIDC request token: write it in the same job (google-github-actions/auth with 'permissions: id-token: write').`);
        text = res.text;
    }
    else if (typeof source.file === 'string') {
        text = (deps.readFile ?? ((p) => external_node_fs_.readFileSync(p, 'utf8')))(source.file);
    }
    else {
        throw new GcpAuthError(`The credential_source of ${file} names neither a url nor a file: it is not a file this action can use.`);
    }
    let token = text.trim();
    if (format.type === 'json') {
        const field = str(format.subject_token_field_name) || 'value';
        try {
            token = str(JSON.parse(text)[field]);
        }
        catch {
            token = '';
        }
    }
    if (!token)
        throw new GcpAuthError(`No subject token came from the credential_source of ${file}.`);
    deps.registerSecret(token);
    return token;
}
async function externalAccountToken(deps, cfg, settings, file) {
    const audience = str(cfg.audience);
    const provider = audience.replace(/^\/\/iam\.googleapis\.com\//, '');
    const tokenUrl = str(cfg.token_url) || `${settings.endpoints.sts}/v1/token`;
    checkUrl(tokenUrl, `token_url of ${file}`);
    if (!audience)
        throw new GcpAuthError(`The external_account file ${file} has no audience.`);
    const subject = await subjectToken(deps, (cfg.credential_source ?? {}), file);
    const federated = await exchangeToken(deps, {
        url: tokenUrl,
        audience,
        subjectToken: subject,
        subjectTokenType: str(cfg.subject_token_type) || JWT_TOKEN_TYPE,
        provider
    });
    if (settings.serviceAccount)
        return impersonate(deps, impersonation(settings, settings.serviceAccount, federated, provider));
    const url = str(cfg.service_account_impersonation_url);
    if (!url)
        return federated;
    checkUrl(url, `service_account_impersonation_url of ${file}`);
    const email = decodeURIComponent(/serviceAccounts\/([^/:]+):generateAccessToken/.exec(url)?.[1] ?? 'the service account');
    return impersonate(deps, { url, serviceAccount: email, source: federated, provider });
}
function impersonation(settings, serviceAccount, source, provider) {
    return {
        url: `${settings.endpoints.iamcredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateAccessToken`,
        serviceAccount,
        source,
        provider
    };
}
/** The access token BigQuery is called with. */
async function signIn(settings, deps) {
    const provider = settings.workloadIdentityProvider;
    if (provider !== '') {
        const subject = await deps.idToken(settings.audience);
        const federated = await exchangeToken(deps, {
            url: `${settings.endpoints.sts}/v1/token`,
            audience: `//iam.googleapis.com/${provider}`,
            subjectToken: subject,
            provider
        });
        if (!settings.serviceAccount)
            return federated;
        return impersonate(deps, impersonation(settings, settings.serviceAccount, federated, provider));
    }
    const file = deps.env.GOOGLE_APPLICATION_CREDENTIALS ?? '';
    if (!file)
        throw new GcpAuthError('No Google Cloud credentials: gcp-workload-identity-provider is empty and GOOGLE_APPLICATION_CREDENTIALS is not set. Give the provider, or run google-github-actions/auth before this step.');
    let cfg;
    try {
        cfg = JSON.parse((deps.readFile ?? ((p) => external_node_fs_.readFileSync(p, 'utf8')))(file));
    }
    catch (e) {
        throw new GcpAuthError(`The credentials file named by GOOGLE_APPLICATION_CREDENTIALS (${file}) could not be read as JSON (${e.message.split('\n')[0]}). Run google-github-actions/auth in this job before this step.`);
    }
    if (cfg.type === 'external_account')
        return externalAccountToken(deps, cfg, settings, file);
    if (cfg.type === 'service_account') {
        const token = await serviceAccountKeyToken(deps, cfg, settings, file);
        const email = str(cfg.client_email);
        if (!settings.serviceAccount || settings.serviceAccount === email)
            return token;
        return impersonate(deps, impersonation(settings, settings.serviceAccount, token, ''));
    }
    throw new GcpAuthError(`The credentials file ${file} is of type ${JSON.stringify(cfg.type ?? null)}: this action reads external_account (workload identity federation, as google-github-actions/auth writes it) and service_account key files.`);
}

;// CONCATENATED MODULE: ./src/providers/gcp/query.ts
/** Columns of the answer, in order; records.ts reads them by name from `schema.fields`. */
const COLUMNS = (/* unused pure expression or super */ null && ([
    'usage_month',
    'account',
    'service_description',
    'region',
    'market_kg',
    'location_kg',
    'scope1_kg',
    'scope2_market_kg',
    'scope2_location_kg',
    'scope3_kg',
    'model_version',
    'row_count'
]));
/** A table name inside backticks (parseTableName allows no backtick, dot or space in its parts). */
const tableRef = (t) => `\`${t.project}.${t.dataset}.${t.table}\``;
const sum = (expr, as) => `  SUM(CAST(${expr} AS NUMERIC)) AS ${as},`;
function carbonQuery(o) {
    return [
        'SELECT',
        '  usage_month,',
        '  COALESCE(project.id, billing_account_id) AS account,',
        '  service.description AS service_description,',
        '  COALESCE(location.region, location.location) AS region,',
        sum('carbon_footprint_total_kgCO2e.market_based', 'market_kg'),
        sum('carbon_footprint_total_kgCO2e.location_based', 'location_kg'),
        sum('carbon_footprint_kgCO2e.scope1', 'scope1_kg'),
        sum('carbon_footprint_kgCO2e.scope2.market_based', 'scope2_market_kg'),
        sum('carbon_footprint_kgCO2e.scope2.location_based', 'scope2_location_kg'),
        sum('carbon_footprint_kgCO2e.scope3', 'scope3_kg'),
        '  MAX(carbon_model_version) AS model_version,',
        '  COUNT(*) AS row_count',
        `FROM ${tableRef(o.table)}`,
        'WHERE usage_month BETWEEN @first_month AND @last_month',
        ...(o.billingAccounts ? ['  AND billing_account_id IN UNNEST(@billing_account_ids)'] : []),
        // Positions, not names: `service` is both a column (a STRUCT) and a natural alias.
        'GROUP BY 1, 2, 3, 4',
        'ORDER BY 1, 2, 3, 4'
    ].join('\n');
}
/** The jobs.query body for the months [start, end] (YYYY-MM). */
function queryRequest(settings, period, o) {
    const date = (name, month) => ({
        name,
        parameterType: { type: 'DATE' },
        parameterValue: { value: `${month}-01` }
    });
    const params = [date('first_month', period.start), date('last_month', period.end)];
    if (settings.billingAccountIds.length > 0)
        params.push({
            name: 'billing_account_ids',
            parameterType: { type: 'ARRAY', arrayType: { type: 'STRING' } },
            parameterValue: { arrayValues: settings.billingAccountIds.map((value) => ({ value })) }
        });
    return {
        query: carbonQuery({ table: settings.table, billingAccounts: settings.billingAccountIds.length > 0 }),
        useLegacySql: false,
        parameterMode: 'NAMED',
        queryParameters: params,
        location: settings.location,
        maxResults: o.maxResults ?? 10_000,
        timeoutMs: o.timeoutMs ?? 10_000,
        // The same id on a retried POST: BigQuery answers the job it started instead of starting another.
        requestId: o.requestId
    };
}
function queryUrl(bigquery, project) {
    return `${bigquery}/bigquery/v2/projects/${encodeURIComponent(project)}/queries`;
}
function resultsUrl(bigquery, project, jobId, o) {
    const q = new URLSearchParams({ location: o.location });
    if (o.pageToken !== undefined)
        q.set('pageToken', o.pageToken);
    if (o.maxResults !== undefined)
        q.set('maxResults', String(o.maxResults));
    if (o.timeoutMs !== undefined)
        q.set('timeoutMs', String(o.timeoutMs));
    return `${queryUrl(bigquery, project)}/${encodeURIComponent(jobId)}?${q.toString()}`;
}

// EXTERNAL MODULE: ./src/providers/kit/paging.ts
var paging = __webpack_require__(19705);
// EXTERNAL MODULE: ./src/providers/kit/errors.ts
var errors = __webpack_require__(74874);
;// CONCATENATED MODULE: ./src/providers/gcp/bigquery.ts
/**
 * Running the query on BigQuery REST v2 and reading its answer page by page:
 *   POST .../projects/P/queries (jobs.query) -> while `jobComplete` is false, GET .../queries/JOB (getQueryResults,
 *   which waits up to timeoutMs on the server) -> the rows of each page, then GET with `pageToken` while one is given.
 * The pages are followed by the kit's one paging loop: a page token seen before (a loop) or the page cap stops the
 * reading with PagingStopped; the pages already read stand, and the caller reports the rest missing.
 *
 * Errors. BigQuery's body names a `reason`; rateLimitExceeded and backendError are transient, also when they
 * come as 403 or 400, and the HTTP layer retries them (with its throttling hold) through `transient`; the rest
 * become messages that say what to change (the export to create, the role to grant, the location to give).
 */




const SERVICE = 'BigQuery API';
/** Far beyond any export's aggregated rows (pages of 10,000). */
/** Polls of an unfinished job (each waits up to timeoutMs on the server). */
const MAX_POLLS = 360;
/** The reason and message of a Google error body (`error.errors[0].reason`, else `error.status`), if it is one. */
function errorOf(res) {
    const b = (0,errors/* readErrorBody */.Nk)(res);
    if (!b.reason && !b.status2 && !b.code)
        return null;
    return { reason: b.reason || b.status2, message: b.message };
}
const TRANSIENT = new Set(['rateLimitExceeded', 'backendError', 'internalError']);
/** A BigQuery answer to retry whatever its status (403 rateLimitExceeded, 400 backendError). */
function isTransientBigQuery(res) {
    if (res.status < 400)
        return false;
    const e = errorOf(res);
    return e !== null && TRANSIENT.has(e.reason);
}
class BigQueryError extends Error {
    reason;
    status;
    constructor(message, reason, status) {
        super(message);
        this.reason = reason;
        this.status = status;
        this.name = 'BigQueryError';
    }
}
/** A BigQuery error answer as a message that says what to change. */
function explainBigQueryError(res, where) {
    const e = errorOf(res) ?? { reason: '', message: '' };
    const t = where.table;
    const name = `${t.project}.${t.dataset}.${t.table}`;
    const said = `BigQuery answered HTTP ${res.status}${e.reason ? ` ${e.reason}` : ''}${e.message ? `: ${e.message}` : ''}`;
    let fix;
    if (res.status === 401)
        fix = `The access token of ${where.identity} was not accepted: check the sign-in (gcp-workload-identity-provider, gcp-service-account).`;
    else if (e.reason === 'notFound' && /Table /.test(e.message))
        fix = `The table ${name} does not exist in location ${where.location}: create the Carbon Footprint export into dataset ${t.project}.${t.dataset} (BigQuery Data Transfer Service, data source "Carbon Footprint", see docs/gcp.md), or fix gcp-table; the table is normally named carbon_footprint.`;
    else if (e.reason === 'notFound' && /Dataset /.test(e.message))
        fix = `The dataset ${t.project}.${t.dataset} is not in location ${where.location}: set gcp-location to the dataset's location (US, EU or its region), or fix gcp-table.`;
    else if (e.reason === 'notFound')
        fix = `Check the project of gcp-table (${t.project}) and gcp-project-id (${where.projectId}).`;
    else if (e.reason === 'accessDenied' && /jobs\.create/.test(e.message))
        fix = `Grant ${where.identity} roles/bigquery.jobUser on project ${where.projectId}, or set gcp-project-id to a project where it may run queries.`;
    else if (e.reason === 'accessDenied')
        fix = `Grant ${where.identity} roles/bigquery.dataViewer on the dataset ${t.project}.${t.dataset} (and roles/bigquery.jobUser on ${where.projectId}).`;
    else if (e.reason === 'invalidQuery' || e.reason === 'invalid')
        fix = `BigQuery refused the action's query on ${name}: is it the Carbon Footprint export table (its schema)? Check gcp-table.`;
    else if (TRANSIENT.has(e.reason) || res.status === 429 || res.status >= 500)
        fix = 'BigQuery stayed busy through every retry: rerun the job later.';
    else if (e.reason === 'quotaExceeded')
        fix = `A BigQuery quota of project ${where.projectId} is spent: see its quotas, or rerun later.`;
    else
        fix = `Check gcp-table, gcp-project-id and gcp-location.`;
    return new BigQueryError(`${said}. ${fix}`, e.reason, res.status);
}
/**
 * Runs the query and hands each page of its answer to `onPage`, in order; returns how many pages there were. A
 * refused query throws its BigQueryError; a failure after the first page throws PagingStopped (kit/paging.ts).
 */
async function readQuery(o, onPage) {
    const { http, settings } = o;
    const where = { ...settings, identity: o.identity };
    const base = settings.endpoints.bigquery;
    const headers = { authorization: `Bearer ${o.accessToken}`, accept: 'application/json' };
    const maxPolls = o.maxPolls ?? MAX_POLLS;
    const call = async (method, url, body) => {
        const res = await http.request({
            service: SERVICE,
            method,
            url,
            headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
            body,
            expectJson: true,
            transient: isTransientBigQuery
        });
        if (res.status !== 200)
            throw explainBigQueryError(res, where);
        const json = res.json;
        if (!json || typeof json !== 'object')
            throw new BigQueryError(`${SERVICE} answered without a body.`, 'bad-body', 200);
        return json;
    };
    let answer = await call('POST', queryUrl(base, settings.projectId), JSON.stringify(queryRequest(settings, o.period, { requestId: o.requestId ?? (0,external_node_crypto_.randomUUID)(), maxResults: o.maxResults })));
    const jobId = answer.jobReference?.jobId;
    const location = answer.jobReference?.location ?? settings.location;
    const project = answer.jobReference?.projectId ?? settings.projectId;
    if (!jobId)
        throw new BigQueryError(`${SERVICE} answered the query without a job reference.`, 'bad-body', 200);
    const results = (pageToken) => resultsUrl(base, project, jobId, { location, pageToken, maxResults: o.maxResults, timeoutMs: 10_000 });
    // A job, or a page of its results while they are being written, may come back unfinished: ask again.
    const untilComplete = async (token) => {
        for (let polls = 0; answer.jobComplete !== true; polls++) {
            if (polls >= maxPolls)
                throw new BigQueryError(`The BigQuery job ${jobId} did not finish after ${polls} polls.`, 'timeout', 200);
            answer = await call('GET', results(token));
        }
    };
    await untilComplete();
    return (0,paging/* followPages */.kv)({
        cursorName: 'pageToken',
        fetch: async (token) => {
            if (token !== undefined) {
                answer = await call('GET', results(token));
                await untilComplete(token);
            }
            onPage({
                fields: answer.schema?.fields ?? [],
                rows: answer.rows ?? [],
                totalRows: answer.totalRows !== undefined && /^\d+$/.test(answer.totalRows) ? Number(answer.totalRows) : null,
                jobId
            });
            return answer.pageToken;
        }
    });
}

// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
;// CONCATENATED MODULE: ./src/providers/gcp/records.ts

const FIGURES = [
    'market_kg',
    'location_kg',
    'scope1_kg',
    'scope2_market_kg',
    'scope2_location_kg',
    'scope3_kg'
];
/** Kilograms as decimal text (or a FLOAT64's text) -> exact integer nanograms. */
function kgTextToNanograms(text, what) {
    const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
    if (!m)
        return (0,units/* kilogramsToNanograms */.n3)(text, what);
    const [, sign, whole, frac = ''] = m;
    // 1 kg = 10^12 ng: 12 decimals are whole nanograms; more are rounded half away from zero.
    const digits = `${frac}000000000000`;
    let ng = BigInt(whole) * 1000000000000n + BigInt(digits.slice(0, 12));
    if (frac.length > 12 && Number(digits[12]) >= 5)
        ng += 1n;
    return sign === '-' ? -ng : ng;
}
/** Folds the answer's rows into records; call `add` per page, then `records`. */
class GcpRecordFolder {
    period;
    cells = new Map();
    index = null;
    /** Rows of months outside the period (the query filters them: a server that did not), left out and counted. */
    outside = 0;
    /** `period`: the months asked for (YYYY-MM), to leave out rows of other months. */
    constructor(period) {
        this.period = period;
    }
    add(fields, rows) {
        if (this.index === null || this.index.size !== fields.length) {
            this.index = new Map(fields.map((f, i) => [f.name, i]));
            for (const need of ['usage_month', 'account', 'service_description', 'region', ...FIGURES])
                if (!this.index.has(need))
                    throw new Error(`BigQuery's answer has no column ${need}`);
        }
        const at = this.index;
        for (const row of rows) {
            const v = (name) => scalar(row.f?.[at.get(name) ?? -1], name);
            const month = /^(\d{4}-\d{2})-01$/.exec(v('usage_month') ?? '')?.[1];
            if (!month)
                throw new Error(`a row has no usage_month of a month's first day (${JSON.stringify(v('usage_month'))})`);
            if (this.period && (month < this.period.start || month > this.period.end)) {
                this.outside++;
                continue;
            }
            const account = v('account');
            if (account === null || account === '')
                throw new Error(`a row of ${month} has neither project.id nor billing_account_id`);
            const service = v('service_description');
            const region = v('region');
            const key = JSON.stringify([month, account, service, region]);
            let cell = this.cells.get(key);
            if (!cell) {
                cell = {
                    account,
                    month,
                    service,
                    region,
                    ng: Object.fromEntries(FIGURES.map((f) => [f, null])),
                    modelVersion: null,
                    rows: 0
                };
                this.cells.set(key, cell);
            }
            for (const f of FIGURES) {
                const text = v(f);
                if (text === null)
                    continue;
                cell.ng[f] = (cell.ng[f] ?? 0n) + kgTextToNanograms(text, `${f} of ${month}`);
            }
            const version = at.has('model_version') ? v('model_version') : null;
            if (version !== null && /^-?\d+$/.test(version))
                cell.modelVersion = Math.max(cell.modelVersion ?? -Infinity, Number(version));
            const count = at.has('row_count') ? Number(v('row_count')) : 1;
            cell.rows += Number.isFinite(count) ? count : 1;
        }
    }
    records(method) {
        const g = (ng) => (ng === null ? null : (0,units/* nanogramsToGrams */.wB)(ng));
        let fellBack = 0;
        let exportRows = 0;
        const out = [];
        const cmp = (a, b) => (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
        const cells = [...this.cells.values()].sort((a, b) => cmp(a.month, b.month) || cmp(a.account, b.account) || cmp(a.service, b.service) || cmp(a.region, b.region));
        for (const c of cells) {
            exportRows += c.rows;
            const marketGrams = g(c.ng.market_kg);
            const locationGrams = g(c.ng.location_kg);
            const chosen = method === 'market' ? marketGrams : locationGrams;
            const other = method === 'market' ? locationGrams : marketGrams;
            if (chosen === null && other !== null && method === 'market')
                fellBack++;
            const scope3 = g(c.ng.scope3_kg);
            out.push({
                provider: 'gcp',
                account: c.account,
                accountName: null,
                month: c.month,
                service: c.service,
                region: c.region,
                grams: chosen ?? other ?? 0,
                marketGrams,
                locationGrams,
                scope1Grams: g(c.ng.scope1_kg),
                scope2MarketGrams: g(c.ng.scope2_market_kg),
                scope2LocationGrams: g(c.ng.scope2_location_kg),
                scope3MarketGrams: scope3,
                scope3LocationGrams: scope3,
                modelVersion: c.modelVersion === null ? null : String(c.modelVersion)
            });
        }
        return { records: out, fellBack, exportRows };
    }
}
/** A cell's value as text or null; a STRUCT or ARRAY where a scalar belongs is an error. */
function scalar(cell, name) {
    const v = cell?.v;
    if (v === null || v === undefined)
        return null;
    if (typeof v !== 'string')
        throw new Error(`BigQuery's answer has a nested value in column ${name}`);
    return v;
}

;// CONCATENATED MODULE: ./src/providers/gcp/index.ts








/** Refusals that are the same for every month: the provider fails once with them instead of per month. */
const WHOLE_PROVIDER = new Set([401, 403, 404]);
const gcpProvider = {
    id: 'gcp',
    async plan(ctx) {
        const { settings } = ctx;
        const gcp = settings.gcp;
        const t = gcp.table;
        ctx.note(`Figures are Google Cloud's Carbon Footprint export (${t.project}.${t.dataset}.${t.table}): ${settings.method}-based totals, ` +
            'Scope 3 is the same under both methods, and market-based figures exist from January 2023 on.');
        const months = (0,period/* monthsOf */.vo)(ctx.period);
        let token = null;
        return {
            unit: '(month)',
            units: months,
            start: async (mine) => {
                // Sign in first: a refused federation or impersonation fails the provider here, once, with its reason.
                token = await signIn(gcp, {
                    http: ctx.http,
                    env: ctx.env,
                    idToken: (audience) => (0,github_oidc/* getIdToken */.p)(ctx.http, ctx.env, audience, 'Google Cloud'),
                    registerSecret: secrets.registerSecret
                });
                ctx.log(`Google Cloud: ${t.project}.${t.dataset}.${t.table} (${gcp.location}), queries run in ${gcp.projectId} as ${token.identity}, ${mine.length} month${mine.length === 1 ? '' : 's'}`);
                const signed = token;
                return mine.map((month) => (0,schedule/* recordsTask */.K)('gcp', ctx.keepRecords, () => fetchMonth(ctx, signed, month)));
            },
            lookahead: Math.max(2, settings.concurrency),
            fallbackNote: (n) => `${n} record${n === 1 ? ' has' : 's have'} no ${settings.method}-based figure from Google Cloud (market-based figures start in 2023); ` +
                `${n === 1 ? 'its' : 'their'} headline is the ${settings.method === 'market' ? 'location' : 'market'}-based one.`
        };
    }
};
/** A month's records: every page of its query, folded to the record key; what came before a failure is kept. */
async function fetchMonth(ctx, token, month) {
    const one = { start: month, end: month };
    const folder = new GcpRecordFolder(one);
    try {
        await readQuery({
            http: ctx.http,
            settings: ctx.settings.gcp,
            accessToken: token.accessToken,
            identity: token.identity,
            period: one
        }, (page) => folder.add(page.fields, page.rows));
    }
    catch (e) {
        const cause = e instanceof paging/* PagingStopped */.aH ? e.cause : e;
        if (cause instanceof BigQueryError && WHOLE_PROVIDER.has(cause.status))
            throw cause;
        ctx.missing(`${month}`, e);
    }
    if (folder.outside > 0)
        ctx.warn(`${month}: ${folder.outside} rows of other months came back despite the query's filter and were left out`);
    return folder.records(ctx.settings.method).records;
}


/***/ }),

/***/ 74874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Nk: () => (/* binding */ readErrorBody),
/* harmony export */   RA: () => (/* binding */ CallError),
/* harmony export */   yJ: () => (/* binding */ STILL_THROTTLED)
/* harmony export */ });
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(27194);

function str(v) {
    return typeof v === 'string' ? v : '';
}
/** A code as text: Azure and API Management give strings, some gateways numbers. */
function codeOf(v) {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
function header(res, name) {
    const h = res.headers[name];
    return Array.isArray(h) ? (h[0] ?? '') : (h ?? '');
}
function readErrorBody(res) {
    let body = null;
    try {
        const parsed = JSON.parse(res.text);
        body = parsed && typeof parsed === 'object' ? parsed : null;
    }
    catch {
        body = null;
    }
    const inner = body?.error;
    const e = inner && typeof inner === 'object' ? inner : body;
    const rawCode = header(res, 'x-amzn-errortype') ||
        str(body?.__type) ||
        codeOf(e?.code) ||
        (typeof inner === 'string' ? inner : '') ||
        codeOf(e?.statusCode);
    const code = rawCode.split(':')[0].split('#').pop() ?? '';
    let message = str(e?.message) ||
        str(e?.Message) ||
        str(body?.error_description) ||
        res.text.replace(/\s+/g, ' ').trim().slice(0, 200) ||
        header(res, 'x-ms-failure-cause');
    // ARM's target and details often hold the reason itself (which parameter, which subscription).
    const target = str(e?.target);
    if (target !== '' && !message.includes(target))
        message += ` (target: ${target})`;
    const details = Array.isArray(e?.details) ? e.details : [];
    const said = details
        .map((d) => (str(d?.message).trim() || str(d?.code)).trim())
        .filter((m) => m !== '' && !message.includes(m));
    if (said.length > 0)
        message += ` [${said.slice(0, 3).join('; ')}${said.length > 3 ? `; and ${said.length - 3} more` : ''}]`;
    const errors = Array.isArray(e?.errors) ? e.errors : [];
    return {
        status: res.status,
        code,
        status2: str(e?.status),
        reason: str(errors[0]?.reason),
        message: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__.scrub)(message)
    };
}
/** A cloud's refusal, explained: the status and code for decisions, the message for people. */
class CallError extends Error {
    status;
    body;
    constructor(status, body, message) {
        super(message);
        this.status = status;
        this.body = body;
        this.name = 'CallError';
    }
}
/** What a throttled answer means after the HTTP layer's retries: the same sentence for every cloud. */
const STILL_THROTTLED = 'Still throttled after retries: lower concurrency, or run again later.';


/***/ }),

/***/ 19705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aH: () => (/* binding */ PagingStopped),
/* harmony export */   kv: () => (/* binding */ followPages)
/* harmony export */ });
/* unused harmony export MAX_PAGES */
/**
 * The one paging loop: NextToken, skipToken and @odata.nextLink chains alike. It stops at a cursor the API had
 * already given (a loop) and at one page cap, and says which page was the first not had, so that a provider can
 * keep what came and name the rest as missing.
 */
/** Far beyond any real account's pages for one unit of work; only a broken API reaches it. */
const MAX_PAGES = 100_000;
/** Paging stopped: `page` is the first page not had; `cause` why (the request's error, or a paging problem). */
class PagingStopped extends Error {
    page;
    cause;
    constructor(page, cause) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.page = page;
        this.cause = cause;
        this.name = 'PagingStopped';
    }
}
/** Follows the pages to the end; returns how many there were, or throws PagingStopped. */
async function followPages(p) {
    const seen = new Set(p.first === undefined ? [] : [p.first]);
    let cursor = p.first;
    for (let page = 1;; page++) {
        if (page > MAX_PAGES)
            throw new PagingStopped(page, new Error(`more than ${MAX_PAGES} pages; stopped`));
        let next;
        try {
            next = await p.fetch(cursor, page);
        }
        catch (e) {
            throw new PagingStopped(page, e);
        }
        if (next === undefined || next === null || next === '')
            return page;
        try {
            next = p.check ? p.check(next, page) : next;
        }
        catch (e) {
            throw new PagingStopped(page + 1, e);
        }
        if (seen.has(next)) {
            throw new PagingStopped(page + 1, new Error(`the API repeated a ${p.cursorName} it had already given (page ${page}); stopped paging to avoid a loop, so the data may be incomplete`));
        }
        seen.add(next);
        cursor = next;
    }
}


/***/ })

};
