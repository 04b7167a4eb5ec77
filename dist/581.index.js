export const id = 581;
export const ids = [581];
export const modules = {

/***/ 50962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v3: () => (/* binding */ entraAuth),
/* harmony export */   zb: () => (/* binding */ MCFS_SCOPE)
/* harmony export */ });
/* unused harmony exports pipelineClient, explainEntraError */
/* harmony import */ var _github_oidc_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24377);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27194);


const REUSE_MARGIN_MS = 5 * 60_000;
/** The scope of the MCFS API's app registration. */
const MCFS_SCOPE = 'c3163bf1-092f-436b-b260-7ade5973e5b9/.default';
let azureModules;
/**
 * The Azure SDK, loaded once for the run and only when a Microsoft provider signs in (an AWS-only run never
 * parses it). One shared load also keeps the azure and mcfs providers, which start together, from importing
 * the same modules twice at once.
 */
function loadAzureModules() {
    azureModules ??= Promise.all([Promise.all(/* import() */[__webpack_require__.e(820), __webpack_require__.e(915), __webpack_require__.e(952)]).then(__webpack_require__.bind(__webpack_require__, 23952)), __webpack_require__.e(/* import() */ 820).then(__webpack_require__.bind(__webpack_require__, 2820))]);
    return azureModules;
}
/** An @azure/core-rest-pipeline HttpClient over our HTTP layer. */
function pipelineClient(http, service, createHttpHeaders) {
    return {
        async sendRequest(request) {
            const headers = {};
            for (const [k, v] of request.headers)
                headers[k] = v;
            delete headers['content-length'];
            const body = typeof request.body === 'string'
                ? request.body
                : request.body === undefined || request.body === null
                    ? undefined
                    : Buffer.isBuffer(request.body)
                        ? request.body
                        : undefined;
            if (request.body !== undefined && request.body !== null && body === undefined) {
                throw new Error(`${service}: unsupported request body type`);
            }
            // Every Entra endpoint MSAL calls answers JSON: a 2xx that is not (a proxy's page, a cut body) is retried.
            const res = await http.request({
                service,
                method: request.method,
                url: request.url,
                headers,
                body,
                expectJson: true
            });
            const outHeaders = createHttpHeaders();
            for (const [k, v] of Object.entries(res.headers))
                if (v !== undefined)
                    outHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
            return { request, status: res.status, headers: outHeaders, bodyAsText: res.text };
        }
    };
}
/** Turns an Entra/MSAL failure into a message that says which credential is wrong and what to check. */
function explainEntraError(e, azure, forWhat) {
    const raw = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__.scrub)(e?.message ?? String(e));
    const code = /AADSTS\d+/.exec(raw)?.[0] ?? '';
    if (!code && /endpoints_resolution_error/.test(raw)) {
        return new Error(`Entra sign-in for ${forWhat} failed: the authority ${azure.authorityHost}/${azure.tenantId} could not be resolved. Check azure-tenant-id (a tenant of this cloud) and azure-authority-host / azure-environment.`);
    }
    const hints = {
        AADSTS700016: `the application ${azure.clientId} was not found in tenant ${azure.tenantId}: check azure-client-id and azure-tenant-id.`,
        AADSTS70021: `no federated credential of the app registration matches this workflow's token: add one with issuer https://token.actions.githubusercontent.com, the subject of this run (repo:ORG/REPO:ref:refs/heads/BRANCH, :environment:NAME or :pull_request) and audience ${azure.audience}.`,
        AADSTS700024: 'the GitHub OIDC token had expired when it was used: rerun the job (a fresh token is fetched for every exchange).',
        AADSTS700211: `no federated identity issuer matches: the federated credential's issuer must be https://token.actions.githubusercontent.com.`,
        AADSTS700212: `no federated credential audience matches: the federated credential's audience must be ${azure.audience} (azure-audience), the audience of the GitHub OIDC token.`,
        AADSTS700213: `no federated credential subject matches this run: check the subject (branch, environment or pull_request) of the federated credential.`,
        AADSTS90002: `tenant ${azure.tenantId} was not found: check azure-tenant-id and azure-environment.`,
        AADSTS900023: `azure-tenant-id ${azure.tenantId} is not a valid tenant.`,
        AADSTS500011: `the API's service principal does not exist in tenant ${azure.tenantId}: an administrator must add it (for MCFS, the Microsoft Cloud for Sustainability API app) and grant consent.`,
        AADSTS65001: 'the app registration has not been granted consent for this API: an administrator must grant admin consent.',
        AADSTS7000215: 'the client credential is invalid: check the app registration.',
        AADSTS50020: 'the identity is not in this tenant: check azure-tenant-id.'
    };
    const hint = code && hints[code]
        ? ` ${hints[code]}`
        : ` Check azure-client-id, azure-tenant-id, the federated credential of the app registration and 'permissions: id-token: write'.`;
    return new Error(`Entra sign-in for ${forWhat} failed${code ? ` (${code})` : ''}: ${firstLine(raw)}${hint}`);
}
function firstLine(s) {
    const line = s.split(/\r?\n/).find((l) => l.trim() !== '') ?? s;
    return line.length > 400 ? `${line.slice(0, 400)}…` : line;
}
function entraAuth(azure, http, env) {
    let credential;
    /** Why the last client assertion (GitHub OIDC token) could not be had: @azure/identity wraps it in its own error. */
    let assertionFailure = null;
    const load = async () => {
        const [identity, pipeline] = await loadAzureModules();
        const common = {
            authorityHost: azure.authorityHost,
            disableInstanceDiscovery: azure.customAuthority,
            httpClient: pipelineClient(http, 'Microsoft Entra ID', pipeline.createHttpHeaders),
            retryOptions: { maxRetries: 0 } // our HTTP layer retries
        };
        if (azure.clientId !== '') {
            return new identity.ClientAssertionCredential(azure.tenantId, azure.clientId, () => (0,_github_oidc_js__WEBPACK_IMPORTED_MODULE_0__/* .getIdToken */ .p9)(http, env, azure.audience, `Azure app ${azure.clientId}`).catch((e) => {
                assertionFailure = e;
                throw e;
            }), common);
        }
        return new identity.DefaultAzureCredential({ ...common, ...(azure.tenantId ? { tenantId: azure.tenantId } : {}) });
    };
    const tokens = new Map();
    return {
        describe: azure.clientId !== ''
            ? `app ${azure.clientId} in tenant ${azure.tenantId} (GitHub OIDC)`
            : 'the environment credentials',
        async token(scope, forWhat) {
            // A token is reused until 5 minutes before it expires: @azure/identity asks for a fresh client assertion
            // (a GitHub OIDC token) on every getToken, even when MSAL then answers from its cache.
            const cached = tokens.get(scope);
            if (cached) {
                const t = await cached.catch(() => null);
                if (t && t.expiresOnTimestamp - Date.now() > REUSE_MARGIN_MS)
                    return t.token;
                if (tokens.get(scope) === cached)
                    tokens.delete(scope);
            }
            let pending = tokens.get(scope);
            if (!pending) {
                pending = fetchToken(scope, forWhat);
                tokens.set(scope, pending);
                pending.catch(() => tokens.delete(scope));
            }
            return (await pending).token;
        }
    };
    async function fetchToken(scope, forWhat) {
        credential ??= load();
        let t;
        try {
            t = await (await credential).getToken(scope);
        }
        catch (e) {
            if (azure.clientId === '' &&
                /CredentialUnavailable|Please run 'az login'|not available/i.test(e.message ?? '')) {
                throw new Error(`No Azure credentials for ${forWhat}: azure-client-id is empty and none were found in the environment. ` +
                    `Set azure-client-id and azure-tenant-id (app registration with a GitHub federated credential), or run azure/login before this step.`);
            }
            if (e?.name === 'OidcUnavailableError')
                throw e;
            // The GitHub OIDC token itself could not be had (no id-token permission, its endpoint failing): say that.
            if (assertionFailure !== null) {
                const cause = assertionFailure;
                assertionFailure = null;
                throw cause;
            }
            throw explainEntraError(e, azure, forWhat);
        }
        if (!t?.token)
            throw new Error(`Entra returned no token for ${forWhat}.`);
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_1__.registerSecret)(t.token);
        return t;
    }
}


/***/ }),

/***/ 24377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p9: () => (/* binding */ getIdToken)
/* harmony export */ });
/* unused harmony exports OidcUnavailableError, oidcAvailable */
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
function oidcAvailable(env) {
    return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
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

/***/ 90581:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CARBON_API_VERSION: () => (/* binding */ CARBON_API_VERSION),
/* harmony export */   CARBON_OPTIMIZATION_READER: () => (/* binding */ CARBON_OPTIMIZATION_READER),
/* harmony export */   MAX_MONTHS_PER_REQUEST: () => (/* binding */ MAX_MONTHS_PER_REQUEST),
/* harmony export */   MAX_SUBSCRIPTIONS_PER_REQUEST: () => (/* binding */ MAX_SUBSCRIPTIONS_PER_REQUEST),
/* harmony export */   PAGE_SIZE: () => (/* binding */ PAGE_SIZE),
/* harmony export */   SCOPES: () => (/* binding */ SCOPES),
/* harmony export */   SUBSCRIPTIONS_API_VERSION: () => (/* binding */ SUBSCRIPTIONS_API_VERSION),
/* harmony export */   armError: () => (/* binding */ armError),
/* harmony export */   azureProvider: () => (/* binding */ azureProvider),
/* harmony export */   batchSubscriptions: () => (/* binding */ batchSubscriptions),
/* harmony export */   clampPeriod: () => (/* binding */ clampPeriod),
/* harmony export */   detailQueryBody: () => (/* binding */ detailQueryBody),
/* harmony export */   explainArmError: () => (/* binding */ explainArmError),
/* harmony export */   normalizeSubscriptionId: () => (/* binding */ normalizeSubscriptionId),
/* harmony export */   parseDateRange: () => (/* binding */ parseDateRange),
/* harmony export */   parseReportPage: () => (/* binding */ parseReportPage),
/* harmony export */   planQueries: () => (/* binding */ planQueries),
/* harmony export */   resourceDimensions: () => (/* binding */ resourceDimensions),
/* harmony export */   rowMonth: () => (/* binding */ rowMonth),
/* harmony export */   summaryQueryBody: () => (/* binding */ summaryQueryBody)
/* harmony export */ });
/* harmony import */ var _period_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60202);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(61996);
/* harmony import */ var _auth_entra_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50962);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(27194);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(49545);
/* harmony import */ var _shard_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(67903);






const CARBON_API_VERSION = '2025-04-01';
const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
const MAX_SUBSCRIPTIONS_PER_REQUEST = 100;
const MAX_MONTHS_PER_REQUEST = 12;
const PAGE_SIZE = 5000;
const SCOPES = ['Scope1', 'Scope2', 'Scope3'];
const CARBON_OPTIMIZATION_READER = 'fa0d39e6-28e5-40cf-8521-1eb320653a4c';
/** A guard against an endless page sequence: far beyond any real tenant's resources for one month. */
const MAX_PAGES = 10_000;
/** Subscriptions in batches of at most 100 (the `subscriptionList` limit). */
function batchSubscriptions(ids, size = MAX_SUBSCRIPTIONS_PER_REQUEST) {
    const out = [];
    for (let i = 0; i < ids.length; i += size)
        out.push(ids.slice(i, i + size));
    return out;
}
/** One page of an ItemDetailsReport of resources: one month (start = end), one scope, the largest page. */
function detailQueryBody(subscriptions, month, scope, skipToken) {
    const body = {
        reportType: 'ItemDetailsReport',
        subscriptionList: subscriptions,
        carbonScopeList: [scope],
        dateRange: { start: (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthFirstDay */ .Tn)(month), end: (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthFirstDay */ .Tn)(month) },
        categoryType: 'Resource',
        orderBy: 'ItemName',
        sortDirection: 'Asc',
        pageSize: PAGE_SIZE
    };
    if (skipToken !== undefined)
        body.skipToken = skipToken;
    return body;
}
/** A MonthlySummaryReport of all three scopes over at most 12 months. */
function summaryQueryBody(subscriptions, period) {
    return {
        reportType: 'MonthlySummaryReport',
        subscriptionList: subscriptions,
        carbonScopeList: [...SCOPES],
        dateRange: { start: (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthFirstDay */ .Tn)(period.start), end: (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthFirstDay */ .Tn)(period.end) }
    };
}
/** Every request the report needs, within the API's limits (<= 100 subscriptions, one month or <= 12 months). */
function planQueries(subscriptions, period) {
    const batches = batchSubscriptions(subscriptions);
    const detail = [];
    const summary = [];
    batches.forEach((subs, batch) => {
        for (const month of (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthsOf */ .vo)(period)) {
            for (const scope of SCOPES)
                detail.push({ batch, month, scope, body: detailQueryBody(subs, month, scope) });
        }
        for (const chunk of (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .chunkPeriod */ .Rn)(period, MAX_MONTHS_PER_REQUEST))
            summary.push({ batch, period: chunk, body: summaryQueryBody(subs, chunk) });
    });
    return { batches, detail, summary };
}
/** The period within the API's available date range: what is kept, and the months left out. */
function clampPeriod(period, available) {
    const all = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthsOf */ .vo)(period);
    const before = all.filter((m) => (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(m) < (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(available.start));
    const after = all.filter((m) => (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(m) > (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(available.end));
    const kept = all.filter((m) => !before.includes(m) && !after.includes(m));
    return { period: kept.length > 0 ? { start: kept[0], end: kept[kept.length - 1] } : null, before, after };
}
/** Lower-case, trimmed, without the stray trailing comma one of the spec's examples has. */
function normalizeSubscriptionId(id) {
    return id
        .trim()
        .replace(/[\s,]+$/, '')
        .toLowerCase();
}
/** A `carbonEmissionReports` response body. */
function parseReportPage(json) {
    if (!json || typeof json !== 'object')
        throw new Error('the response is not a JSON object');
    const o = json;
    if (!Array.isArray(o.value))
        throw new Error('the response has no value list');
    const decisions = [];
    if (Array.isArray(o.subscriptionAccessDecisionList)) {
        for (const d of o.subscriptionAccessDecisionList) {
            if (!d || typeof d.subscriptionId !== 'string')
                continue;
            decisions.push({
                subscriptionId: normalizeSubscriptionId(d.subscriptionId),
                decision: String(d.decision ?? ''),
                denialReason: typeof d.denialReason === 'string' && d.denialReason.trim() !== '' ? d.denialReason.trim() : null
            });
        }
    }
    const token = typeof o.skipToken === 'string' && o.skipToken !== '' ? o.skipToken : null;
    return { rows: o.value, skipToken: token, decisions };
}
/** The available date range (`startDate`/`endDate`, yyyy-MM-dd) as months. */
function parseDateRange(json) {
    const o = (json ?? {});
    const month = (v, name) => {
        const m = typeof v === 'string' ? /^(\d{4})-(\d{2})(?:-\d{2})?/.exec(v.trim()) : null;
        if (!m)
            throw new Error(`the available date range has no valid ${name} (${JSON.stringify(v)})`);
        return `${m[1]}-${m[2]}`;
    };
    const period = { start: month(o.startDate, 'startDate'), end: month(o.endDate, 'endDate') };
    if ((0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(period.start) > (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(period.end))
        throw new Error(`the available date range is empty (${period.start} to ${period.end})`);
    return period;
}
/** The month of a monthly row (`date`: yyyy-MM-dd). */
function rowMonth(row) {
    const m = typeof row.date === 'string' ? /^(\d{4})-(\d{2})/.exec(row.date) : null;
    return m ? `${m[1]}-${m[2]}` : null;
}
/** The (subscription, service, region) of a resource row; the type comes from the resource id when absent. */
function resourceDimensions(row) {
    const id = typeof row.resourceId === 'string' ? row.resourceId : '';
    const fromId = /^\/subscriptions\/([^/]+)\//i.exec(id)?.[1];
    const sub = typeof row.subscriptionId === 'string' && row.subscriptionId.trim() !== '' ? row.subscriptionId : fromId;
    if (!sub)
        throw new Error(`a resource row has no subscriptionId (${JSON.stringify(row.itemName ?? id)})`);
    let service = typeof row.resourceType === 'string' && row.resourceType.trim() !== ''
        ? row.resourceType.trim().toLowerCase()
        : null;
    if (service === null) {
        // /subscriptions/s/resourceGroups/rg/providers/Microsoft.Ns/type/name[/subtype/subname...]
        const m = /\/providers\/([^/]+)\/(.+)$/i.exec(id);
        if (m) {
            const parts = m[2].split('/');
            const types = parts.filter((_, i) => i % 2 === 0);
            service = [m[1], ...types].join('/').toLowerCase();
        }
    }
    const region = typeof row.location === 'string' && row.location.trim() !== '' ? row.location.trim() : null;
    return { subscriptionId: normalizeSubscriptionId(sub), service, region };
}
/** The ARM ErrorResponse of a response (`{error:{code,message}}`, or the older top-level form). */
function armError(res) {
    let body;
    try {
        body = JSON.parse(res.text);
    }
    catch {
        body = null;
    }
    const e = (body?.error ?? body);
    const header = res.headers['x-ms-failure-cause'];
    let message = typeof e?.message === 'string' ? e.message : res.text.slice(0, 200) || (typeof header === 'string' ? header : '');
    // ErrorResponse's target and details often hold the reason itself (which parameter, which subscription).
    if (typeof e?.target === 'string' && e.target !== '' && !message.includes(e.target))
        message += ` (target: ${e.target})`;
    const details = Array.isArray(e?.details) ? e.details : [];
    const said = details
        .map((d) => (typeof d?.message === 'string' ? d.message.trim() : typeof d?.code === 'string' ? d.code : ''))
        .filter((m) => m !== '' && !message.includes(m));
    if (said.length > 0)
        message += ` [${said.slice(0, 3).join('; ')}${said.length > 3 ? `; and ${said.length - 3} more` : ''}]`;
    return { code: typeof e?.code === 'string' ? e.code : '', message };
}
/** A failure of ARM that says what to check. */
function explainArmError(status, err, what, arm) {
    const message = (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__.scrub)(err.message)
        .trim()
        .replace(/[.\s]+$/, '');
    const base = `Azure Resource Manager answered HTTP ${status}${err.code ? ` ${err.code}` : ''} for ${what}${message ? `: ${message}` : ''}`;
    switch (err.code) {
        case 'AuthorizationFailed':
        case 'Forbidden':
            return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription: az role assignment create --assignee <client-id> --role "Carbon Optimization Reader" --scope /subscriptions/<id>.`;
        case 'InvalidAuthenticationToken':
        case 'InvalidAuthenticationTokenAudience':
        case 'InvalidAuthenticationTokenTenant':
        case 'ExpiredAuthenticationToken':
        case 'AuthenticationFailed':
            return `${base}. The token was not accepted: azure-resource-manager-endpoint (${arm}) and azure-authority-host must be of the same cloud (azure-environment), and azure-tenant-id the tenant of the subscriptions.`;
        case 'InvalidRequestPropertyValue':
            return `${base}. The request was outside what the API accepts (months outside the available date range are not requested; if this persists, report it with this message).`;
        case 'InvalidNumberOfSubscriptions':
            return `${base}. At most ${MAX_SUBSCRIPTIONS_PER_REQUEST} subscriptions go in one request; if this persists, report it with this message.`;
        case 'NoRegisteredProviderFound':
        case 'InvalidResourceType':
        case 'InvalidApiVersionParameter':
            return `${base}. Microsoft.Carbon ${CARBON_API_VERSION} is not available at ${arm}: Carbon Optimization may not be offered in this cloud.`;
        case 'TooManyRequests':
        case 'RequestsThrottled':
            return `${base}. Still throttled after retries: lower concurrency, or run again later.`;
        default:
            if (status === 401)
                return `${base}. The token was not accepted: check azure-resource-manager-endpoint and azure-authority-host (same cloud) and azure-tenant-id.`;
            if (status === 403)
                return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription.`;
            if (status === 429)
                return `${base}. Still throttled after retries: lower concurrency, or run again later.`;
            if (status === 404)
                return `${base}. Check azure-resource-manager-endpoint (${arm}).`;
            return `${base}.`;
    }
}
/** Calls ARM with a fresh bearer each time (the credential caches it and renews it before it expires). */
class Arm {
    ctx;
    auth;
    endpoint;
    constructor(ctx, auth, endpoint) {
        this.ctx = ctx;
        this.auth = auth;
        this.endpoint = endpoint;
    }
    get scope() {
        return `${this.endpoint}/.default`;
    }
    async request(method, url, body, what) {
        const token = await this.auth.token(this.scope, 'Azure Resource Manager');
        const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
        if (body !== undefined && body !== '')
            headers['content-type'] = 'application/json';
        const res = await this.ctx.http.request({
            service: 'Azure Resource Manager',
            method,
            url,
            headers,
            body,
            expectJson: true
        });
        if (res.status < 200 || res.status >= 300)
            throw new ArmCallError(res.status, armError(res), explainArmError(res.status, armError(res), what, this.endpoint));
        return res.json;
    }
    post(path, body, what) {
        // The available-date-range call has no body: an empty one with Content-Length 0, as ARM wants for a POST.
        return this.request('POST', `${this.endpoint}${path}?api-version=${CARBON_API_VERSION}`, body === null ? '' : JSON.stringify(body), what);
    }
}
class ArmCallError extends Error {
    status;
    arm;
    constructor(status, arm, message) {
        super(message);
        this.status = status;
        this.arm = arm;
        this.name = 'ArmCallError';
    }
}
const REPORTS_PATH = '/providers/Microsoft.Carbon/carbonEmissionReports';
const RANGE_PATH = '/providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange';
/** Every subscription the identity can list (`nextLink` followed, on the ARM host only). */
async function listSubscriptions(arm) {
    const out = new Map();
    const seen = new Set();
    let url = `${arm.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
    const origin = new URL(arm.endpoint).origin;
    for (let page = 1; url !== null; page++) {
        if (page > MAX_PAGES)
            throw new Error(`the subscription list has more than ${MAX_PAGES} pages; stopped`);
        const json = (await arm.request('GET', url, undefined, 'the subscription list'));
        if (!json || !Array.isArray(json.value))
            throw new Error('the subscription list has no value list');
        for (const s of json.value) {
            const raw = typeof s?.subscriptionId === 'string'
                ? s.subscriptionId
                : typeof s?.id === 'string'
                    ? s.id.split('/').pop()
                    : undefined;
            if (!raw)
                continue;
            const id = normalizeSubscriptionId(raw);
            if (!out.has(id))
                out.set(id, { id, name: typeof s.displayName === 'string' && s.displayName !== '' ? s.displayName : null });
        }
        const next = typeof json.nextLink === 'string' && json.nextLink !== '' ? json.nextLink : null;
        if (next !== null) {
            if (new URL(next, arm.endpoint).origin !== origin)
                throw new Error(`the subscription list's nextLink leaves ${origin}; not followed (the token is only sent to ARM)`);
            if (seen.has(next))
                throw new Error(`the subscription list repeated a nextLink it had already given (page ${page}); stopped to avoid a loop`);
            seen.add(next);
        }
        url = next === null ? null : new URL(next, arm.endpoint).toString();
    }
    return [...out.values()];
}
/** The label of a batch for messages. */
function batchLabel(subs, index, count, total) {
    if (subs.length === 1)
        return `subscription ${subs[0]}`;
    const first = index * MAX_SUBSCRIPTIONS_PER_REQUEST + 1;
    return count === 1 ? `${subs.length} subscriptions` : `subscriptions ${first}-${first + subs.length - 1} of ${total}`;
}
const azureProvider = {
    id: 'azure',
    label: 'Azure',
    async *fetch(ctx) {
        const { settings } = ctx;
        const azure = settings.azure;
        const auth = (0,_auth_entra_js__WEBPACK_IMPORTED_MODULE_2__/* .entraAuth */ .v3)(azure, ctx.http, ctx.env);
        const arm = new Arm(ctx, auth, azure.resourceManagerEndpoint);
        ctx.note("Azure Carbon Optimization does not state its accounting method; Microsoft's published methodology for Azure emissions is market-based, " +
            'so its one figure (Scope1+2+3) is in the market-based columns and location-based fields are empty.');
        if (settings.method === 'location')
            ctx.note('Azure gives no location-based figure: its one figure is used as the headline.');
        // Sign in and learn the published range first: a wrong credential or cloud fails the provider here, once.
        const available = parseDateRange(await arm.post(RANGE_PATH, null, 'the available date range'));
        const { period, before, after } = clampPeriod(ctx.period, available);
        const span = (ms) => (ms.length === 1 ? ms[0] : `${ms[0]} to ${ms[ms.length - 1]}`);
        if (before.length > 0 || after.length > 0) {
            const left = [before.length > 0 ? span(before) : '', after.length > 0 ? span(after) : '']
                .filter((s) => s !== '')
                .join(' and ');
            if (period === null) {
                throw new Error(`Azure Carbon Optimization has data for ${available.start} to ${available.end} only: none of ${ctx.period.start} to ${ctx.period.end} is in it. ` +
                    `Choose start-date/end-date within that range (a month is published by the 19th of the next).`);
            }
            ctx.note(`Azure Carbon Optimization has data for ${available.start} to ${available.end}: ${left} ${before.length + after.length === 1 ? 'is' : 'are'} outside it and not requested.`);
        }
        if (period === null)
            return;
        let subscriptions;
        if (azure.subscriptionIds.length > 0) {
            subscriptions = azure.subscriptionIds.map((id) => ({ id, name: null }));
        }
        else {
            subscriptions = await listSubscriptions(arm);
            if (subscriptions.length === 0) {
                throw new Error(`The identity (${auth.describe}) can list no subscription at ${arm.endpoint}. Assign it Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) ` +
                    `on each subscription to report, or set azure-subscription-ids.`);
            }
        }
        const names = new Map(subscriptions.map((s) => [s.id, s.name]));
        const plan = planQueries(subscriptions.map((s) => s.id), period);
        const months = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthsOf */ .vo)(period);
        ctx.log(`Azure: ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'} in ${plan.batches.length} batch${plan.batches.length === 1 ? '' : 'es'}, ` +
            `${months.length} month${months.length === 1 ? '' : 's'} (${period.start} to ${period.end}), ${plan.detail.length + plan.summary.length} queries before paging, ${arm.endpoint}`);
        // Access: a subscription the identity may not read is missing (once), whichever response says so first.
        const denied = new Set();
        const deny = (id, reason) => {
            if (denied.has(id))
                return;
            denied.add(id);
            ctx.missing(`subscription ${id}`, reason);
        };
        const takeDecisions = (decisions) => {
            for (const d of decisions) {
                if (d.decision.toLowerCase() === 'allowed')
                    continue;
                deny(d.subscriptionId, `access ${d.decision ? d.decision.toLowerCase() : 'refused'} by Carbon Optimization${d.denialReason ? ` (${d.denialReason})` : ''}`);
            }
        };
        // The monthly summaries, one request per (batch, <= 12 months), shared by the tasks of those months.
        const summaries = new Map();
        const summaryFor = (batch, month) => {
            const q = plan.summary.find((s) => s.batch === batch &&
                (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(s.period.start) <= (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(month) &&
                (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(month) <= (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(s.period.end));
            const key = `${batch}:${q.period.start}`;
            let p = summaries.get(key);
            if (!p) {
                p = (async () => {
                    try {
                        const page = parseReportPage(await arm.post(REPORTS_PATH, q.body, `the monthly summary ${q.period.start} to ${q.period.end}`));
                        takeDecisions(page.decisions);
                        const byMonth = new Map();
                        for (const row of page.rows) {
                            const m = rowMonth(row);
                            if (m === null)
                                throw new Error('a monthly summary row has no date');
                            byMonth.set(m, (byMonth.get(m) ?? 0) + (0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .kilogramsToGrams */ .Lg)(row.latestMonthEmissions, `the summary of ${m}`));
                        }
                        return byMonth;
                    }
                    catch (e) {
                        // A batch the identity may read none of is refused as a whole: that is told once, per subscription.
                        if (e instanceof ArmCallError && e.status === 403) {
                            for (const id of plan.batches[batch])
                                deny(id, e.message);
                            return null;
                        }
                        ctx.warn(`${q.period.start} to ${q.period.end}: the monthly summary could not be fetched, so the detail was not checked against it (${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__.errorMessage)(e)})`);
                        return null;
                    }
                })();
                summaries.set(key, p);
            }
            return p;
        };
        const total = subscriptions.length;
        const tasks = [];
        // A matrix shard takes its contiguous share of the (batch, month) units (batch-major).
        const units = (0,_shard_js__WEBPACK_IMPORTED_MODULE_5__/* .shareOf */ .tC)(plan.batches.flatMap((_, batch) => months.map((month) => ({ batch, month }))), settings.shard);
        if (settings.shard !== null)
            ctx.log(`Azure: shard ${settings.shard.index}/${settings.shard.count} takes ${units.length} of ${plan.batches.length * months.length} (batch, month) units`);
        plan.batches.forEach((subs, batch) => {
            const label = batchLabel(subs, batch, plan.batches.length, total);
            for (const { month } of units.filter((u) => u.batch === batch)) {
                tasks.push(async () => {
                    const summary = summaryFor(batch, month);
                    const { records, complete } = await fetchBatchMonth(ctx, arm, subs, month, label, names, takeDecisions, deny);
                    const expected = await summary;
                    if (complete && expected !== null) {
                        const got = records.reduce((a, r) => a + r.grams, 0);
                        const want = expected.get(month) ?? 0;
                        if (Math.abs(got - want) > 1) {
                            const where = plan.batches.length > 1 ? ` (${label})` : '';
                            ctx.warn(`${month}${where}: resource detail sums to ${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .groupThousands */ .Zv)((0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatKg */ .KC)(got))} kg but the monthly summary says ${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .groupThousands */ .Zv)((0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatKg */ .KC)(want))} kg ` +
                                `(gap ${(0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .groupThousands */ .Zv)((0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatKg */ .KC)(Math.abs(got - want)))} kg)`);
                        }
                    }
                    return records;
                });
            }
        });
        yield* (0,_provider_js__WEBPACK_IMPORTED_MODULE_4__/* .inOrder */ .a)('azure', tasks, Math.max(2, settings.concurrency), ctx.keepRecords);
        if (denied.size > 0) {
            const list = [...denied].map((id) => (names.get(id) ? `${id} (${names.get(id)})` : id));
            ctx.note(`${denied.size} subscription${denied.size === 1 ? '' : 's'} could not be read and ${denied.size === 1 ? 'is' : 'are'} not in the figures: ${list.join(', ')}. ` +
                `Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on ${denied.size === 1 ? 'it' : 'them'}.`);
        }
    }
};
/** localeCompare's order (the default locale and options), with one collator made once instead of per call. */
const COLLATOR = new Intl.Collator();
/**
 * The records of one batch and month: the three scope queries side by side, each paged to its end, summed
 * into (subscription, service, region) and rounded together. What came is kept when a part failed; the month
 * is then marked incomplete and not reconciled.
 */
async function fetchBatchMonth(ctx, arm, subs, month, label, names, takeDecisions, deny) {
    const cells = new Map();
    const failed = [];
    const add = (row, scope) => {
        const dims = resourceDimensions(row);
        const key = `${dims.subscriptionId}\u0000${dims.service ?? ''}\u0000${dims.region ?? ''}`;
        let cell = cells.get(key);
        if (!cell) {
            cell = { ...dims, scopes: { Scope1: null, Scope2: null, Scope3: null } };
            cells.set(key, cell);
        }
        cell.scopes[scope] =
            (cell.scopes[scope] ?? 0n) +
                (0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .kilogramsToNanograms */ .n3)(row.latestMonthEmissions, `${scope} of ${row.resourceId ?? row.itemName}`);
    };
    await Promise.all(SCOPES.map(async (scope) => {
        const seen = new Set();
        let token;
        try {
            for (let page = 1;; page++) {
                if (page > MAX_PAGES)
                    throw new Error(`more than ${MAX_PAGES} pages; stopped`);
                const json = await arm.post(REPORTS_PATH, detailQueryBody(subs, month, scope, token), `${scope} of ${month}`);
                const p = parseReportPage(json);
                takeDecisions(p.decisions);
                for (const row of p.rows)
                    add(row, scope);
                if (p.skipToken === null)
                    break;
                if (seen.has(p.skipToken)) {
                    throw new Error(`the API repeated a skipToken it had already given (page ${page}); stopped paging to avoid a loop, so this month and scope are incomplete`);
                }
                seen.add(p.skipToken);
                token = p.skipToken;
            }
        }
        catch (e) {
            failed.push(scope);
            if (e instanceof ArmCallError && e.status === 403) {
                for (const id of subs)
                    deny(id, e.message);
            }
            else {
                ctx.missing(`${month} ${scope} of ${label}`, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_3__.errorMessage)(e));
            }
        }
    }));
    // Deterministic order: subscriptions as listed, then service, then region.
    const order = new Map(subs.map((s, i) => [s, i]));
    const list = [...cells.values()].sort((a, b) => (order.get(a.subscriptionId) ?? Infinity) - (order.get(b.subscriptionId) ?? Infinity) ||
        COLLATOR.compare(a.subscriptionId, b.subscriptionId) ||
        COLLATOR.compare(a.service ?? '', b.service ?? '') ||
        COLLATOR.compare(a.region ?? '', b.region ?? ''));
    // A scope whose query failed is null where nothing of it came (not given), else what came.
    const value = (c, s) => c.scopes[s] ?? (failed.includes(s) ? null : 0n);
    const flat = [];
    for (const c of list)
        for (const s of SCOPES)
            flat.push(value(c, s) ?? 0n);
    const grams = (0,_units_js__WEBPACK_IMPORTED_MODULE_1__/* .apportionGrams */ .bz)(flat);
    const records = list.map((c, i) => {
        const [s1, s2, s3] = SCOPES.map((s, j) => (value(c, s) === null ? null : grams[i * 3 + j]));
        const sum = (s1 ?? 0) + (s2 ?? 0) + (s3 ?? 0);
        return {
            provider: 'azure',
            account: c.subscriptionId,
            accountName: names.get(c.subscriptionId) ?? null,
            month,
            service: c.service,
            region: c.region,
            grams: sum,
            marketGrams: sum,
            locationGrams: null,
            scope1Grams: s1,
            scope2MarketGrams: s2,
            scope2LocationGrams: null,
            scope3MarketGrams: s3,
            scope3LocationGrams: null,
            modelVersion: null
        };
    });
    return { records, complete: failed.length === 0 };
}


/***/ }),

/***/ 49545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ inOrder)
/* harmony export */ });
/* harmony import */ var _report_batch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(90338);

/**
 * Runs tasks with up to `lookahead` of them started ahead of the one being consumed, and yields their
 * results in task order, each task's records as one batch: fetches overlap (the HTTP layer bounds what is
 * really in flight) while the output order stays deterministic, and memory stays bounded by `lookahead` tasks.
 */
async function* inOrder(provider, tasks, lookahead, keepRecords) {
    const started = [];
    let next = 0;
    const fill = () => {
        while (next < tasks.length && started.length < lookahead) {
            const p = tasks[next++]();
            p.catch(() => undefined); // consumed below, in order
            started.push(p);
        }
    };
    fill();
    while (started.length > 0) {
        const rows = await started.shift();
        fill();
        if (rows.length === 0)
            continue;
        const enc = new _report_batch_js__WEBPACK_IMPORTED_MODULE_0__/* .BatchEncoder */ .H(provider, keepRecords);
        for (const r of rows)
            enc.add(r);
        yield enc.take();
    }
}


/***/ })

};
