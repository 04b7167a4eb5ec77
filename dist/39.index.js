export const id = 39;
export const ids = [39];
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

/***/ 82039:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EMISSIONS_PERMISSION: () => (/* binding */ EMISSIONS_PERMISSION),
/* harmony export */   ENROLLMENT_SELECT: () => (/* binding */ ENROLLMENT_SELECT),
/* harmony export */   Folder: () => (/* binding */ Folder),
/* harmony export */   M365_SELECT: () => (/* binding */ M365_SELECT),
/* harmony export */   M365_SERVICE: () => (/* binding */ M365_SERVICE),
/* harmony export */   MCFS_APP_ID: () => (/* binding */ MCFS_APP_ID),
/* harmony export */   PROJECTION_SELECT: () => (/* binding */ PROJECTION_SELECT),
/* harmony export */   SERVICE: () => (/* binding */ SERVICE),
/* harmony export */   dateKeyOf: () => (/* binding */ dateKeyOf),
/* harmony export */   enrollmentDims: () => (/* binding */ enrollmentDims),
/* harmony export */   enrollmentEmissionsUrl: () => (/* binding */ enrollmentEmissionsUrl),
/* harmony export */   explainMcfsError: () => (/* binding */ explainMcfsError),
/* harmony export */   forecastPoints: () => (/* binding */ forecastPoints),
/* harmony export */   mcfsProvider: () => (/* binding */ mcfsProvider),
/* harmony export */   monthOfDateKey: () => (/* binding */ monthOfDateKey),
/* harmony export */   odataQuery: () => (/* binding */ odataQuery),
/* harmony export */   odataString: () => (/* binding */ odataString),
/* harmony export */   parseErrorBody: () => (/* binding */ parseErrorBody),
/* harmony export */   parseODataPage: () => (/* binding */ parseODataPage),
/* harmony export */   projectionsUrl: () => (/* binding */ projectionsUrl),
/* harmony export */   scopeOf: () => (/* binding */ scopeOf),
/* harmony export */   serviceRoot: () => (/* binding */ serviceRoot),
/* harmony export */   tenantDims: () => (/* binding */ tenantDims),
/* harmony export */   tenantEmissionsUrl: () => (/* binding */ tenantEmissionsUrl)
/* harmony export */ });
/* harmony import */ var _period_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60202);
/* harmony import */ var _auth_entra_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(50962);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(27194);
/* harmony import */ var _provider_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(49545);
/* harmony import */ var _shard_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(67903);
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(61996);






const SERVICE = 'Microsoft Cloud for Sustainability API';
const MCFS_APP_ID = _auth_entra_js__WEBPACK_IMPORTED_MODULE_1__/* .MCFS_SCOPE */ .zb.split('/')[0];
const EMISSIONS_PERMISSION = 'App.Emissions.Read';
const M365_SERVICE = 'Microsoft 365';
/** A guard against an endless page sequence: far beyond any real enrollment's rows (pages of 1000). */
const MAX_PAGES = 100_000;
const ENROLLMENT_SELECT = [
    'dateKey',
    'subscriptionId',
    'subscriptionName',
    'azureServiceName',
    'subService',
    'azureRegionName',
    'scope',
    'scopeId',
    'totalEmissions'
];
const M365_SELECT = ['dateKey', 'tenantId', 'tenantName', 'officeRegionName', 'scope', 'totalEmissions'];
const PROJECTION_SELECT = ['dateKey', 'enrollmentId', 'actualEmissions', 'projectedEmissions'];
// ---------------------------------------------------------------------------------------------------------
// Queries (pure)
/** `yyyymm01` of a month, as the API's int32 dateKey. */
function dateKeyOf(month) {
    return Number(month.replace('-', '')) * 100 + 1;
}
/** The month of a dateKey (`yyyymmdd`, dd always 01), or null when it is not one. */
function monthOfDateKey(value) {
    const s = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
        return null;
    return `${m[1]}-${m[2]}`;
}
/** An OData string literal. */
function odataString(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/** A query string with the OData option names left readable (`$filter=…`) and the values percent-encoded. */
function odataQuery(options) {
    return Object.entries(options)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('&');
}
function serviceRoot(endpoint, instanceId) {
    return `${endpoint.replace(/\/+$/, '')}/api/v1.0/instances/${encodeURIComponent(instanceId)}`;
}
const periodFilter = (period) => `dateKey ge ${dateKeyOf(period.start)} and dateKey le ${dateKeyOf(period.end)}`;
function enrollmentEmissionsUrl(endpoint, instanceId, enrollmentId, period) {
    return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/emissions?${odataQuery({
        $filter: periodFilter(period),
        $select: ENROLLMENT_SELECT.join(','),
        $count: 'true'
    })}`;
}
function tenantEmissionsUrl(endpoint, instanceId, tenantId, period) {
    return `${serviceRoot(endpoint, instanceId)}/m365/tenantemissions?${odataQuery({
        $filter: `tenantId eq ${odataString(tenantId)} and ${periodFilter(period)}`,
        $select: M365_SELECT.join(','),
        $count: 'true'
    })}`;
}
function projectionsUrl(endpoint, instanceId, enrollmentId) {
    return `${serviceRoot(endpoint, instanceId)}/enrollments/${encodeURIComponent(enrollmentId)}/projections?${odataQuery({ $select: PROJECTION_SELECT.join(',') })}`;
}
/** An OData collection response: `value`, `@odata.nextLink` (absent, null or empty on the last page), `@odata.count`. */
function parseODataPage(json) {
    if (!json || typeof json !== 'object' || Array.isArray(json))
        throw new Error('the response is not an OData object');
    const o = json;
    if (!Array.isArray(o.value))
        throw new Error('the response has no value list');
    const next = o['@odata.nextLink'];
    const count = o['@odata.count'];
    return {
        rows: o.value,
        nextLink: typeof next === 'string' && next.trim() !== '' ? next : null,
        count: typeof count === 'number' && Number.isInteger(count)
            ? count
            : typeof count === 'string' && /^\d+$/.test(count)
                ? Number(count)
                : null
    };
}
/** The scope (1, 2, 3) of a row: `scopeId`, else the `scope` text ("Scope 1"); null when neither says. */
function scopeOf(row) {
    const id = typeof row.scopeId === 'string' ? Number(row.scopeId) : row.scopeId;
    if (id === 1 || id === 2 || id === 3)
        return id;
    const m = typeof row.scope === 'string' ? /^\s*scope\s*([123])\s*$/i.exec(row.scope) : null;
    return m ? Number(m[1]) : null;
}
const text = (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
/** Folds rows into cells keyed by (month, account, service, region). */
class Folder {
    dims;
    cells = new Map();
    /** Rows outside the period (the server ignored the filter) and rows without a scope, for warnings. */
    outside = 0;
    unscoped = 0;
    rows = 0;
    first;
    last;
    constructor(period, dims) {
        this.dims = dims;
        this.first = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(period.start);
        this.last = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(period.end);
    }
    add(row) {
        if (!row || typeof row !== 'object')
            throw new Error('a row is not an object');
        const month = monthOfDateKey(row.dateKey);
        if (month === null)
            throw new Error(`a row has no valid dateKey (${JSON.stringify(row.dateKey)})`);
        const ng = (0,_units_js__WEBPACK_IMPORTED_MODULE_5__/* .tonnesToNanograms */ .Fo)(row.totalEmissions, `totalEmissions of ${month}`);
        this.rows++;
        const at = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(month);
        if (at < this.first || at > this.last) {
            this.outside++;
            return;
        }
        const d = this.dims(row);
        const key = `${month}\u0000${d.account}\u0000${d.service ?? ''}\u0000${d.region ?? ''}`;
        let cell = this.cells.get(key);
        if (!cell) {
            cell = {
                month,
                account: d.account,
                accountName: d.accountName,
                service: d.service,
                region: d.region,
                ng: [0n, 0n, 0n, 0n],
                subServices: new Set()
            };
            this.cells.set(key, cell);
        }
        if (cell.accountName === null && d.accountName !== null)
            cell.accountName = d.accountName;
        if (d.subService)
            cell.subServices.add(d.subService);
        const scope = scopeOf(row);
        if (scope === null)
            this.unscoped++;
        cell.ng[scope ?? 0] += ng;
    }
    /** The records, in a fixed order (month, account, service, region), each month rounded to the gram as a whole. */
    records(provider, extra) {
        const cmp = (a, b) => (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
        const list = [...this.cells.values()].sort((a, b) => cmp(a.month, b.month) || cmp(a.account, b.account) || cmp(a.service, b.service) || cmp(a.region, b.region));
        const out = [];
        for (let i = 0; i < list.length;) {
            let j = i;
            while (j < list.length && list[j].month === list[i].month)
                j++;
            const month = list.slice(i, j);
            const grams = (0,_units_js__WEBPACK_IMPORTED_MODULE_5__/* .apportionGrams */ .bz)(month.flatMap((c) => c.ng));
            month.forEach((c, k) => {
                const [unscoped, s1, s2, s3] = grams.slice(k * 4, k * 4 + 4);
                const total = unscoped + s1 + s2 + s3;
                const more = extra(c);
                out.push({
                    provider,
                    account: c.account,
                    accountName: c.accountName,
                    month: c.month,
                    service: c.service,
                    region: c.region,
                    grams: total,
                    marketGrams: total,
                    locationGrams: null,
                    scope1Grams: s1,
                    scope2MarketGrams: s2,
                    scope2LocationGrams: null,
                    scope3MarketGrams: s3,
                    scope3LocationGrams: null,
                    modelVersion: null,
                    ...(more ? { extra: more } : {})
                });
            });
            i = j;
        }
        return out;
    }
}
function enrollmentDims(row) {
    const sub = text(row.subscriptionId);
    if (sub === null)
        throw new Error(`a row of ${monthOfDateKey(row.dateKey) ?? 'an unknown month'} has no subscriptionId`);
    return {
        account: sub.toLowerCase(),
        accountName: text(row.subscriptionName),
        service: text(row.azureServiceName),
        region: text(row.azureRegionName),
        subService: text(row.subService)
    };
}
function tenantDims(tenantId) {
    return (row) => ({
        account: (text(row.tenantId) ?? tenantId).toLowerCase(),
        accountName: text(row.tenantName),
        service: M365_SERVICE,
        region: text(row.officeRegionName)
    });
}
/**
 * Forecast points from projection rows: the months after the latest one with an actual figure, that have a
 * projected figure. Projected metric tons to grams (rounded per month: a forecast is never summed into totals).
 */
function forecastPoints(rows, scope) {
    let latestActual = -Infinity;
    for (const r of rows) {
        const m = monthOfDateKey(r.dateKey);
        const a = r.actualEmissions;
        if (m !== null && a !== null && a !== undefined && Number(a) !== 0)
            latestActual = Math.max(latestActual, (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(m));
    }
    const out = [];
    for (const r of rows) {
        const m = monthOfDateKey(r.dateKey);
        const p = r.projectedEmissions;
        if (m === null || p === null || p === undefined || (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(m) <= latestActual)
            continue;
        const ng = (0,_units_js__WEBPACK_IMPORTED_MODULE_5__/* .tonnesToNanograms */ .Fo)(p, `projectedEmissions of ${m}`);
        out.push({
            month: m,
            grams: Number((ng + 500000000n) / 1000000000n),
            basis: 'MCFS projectedEmissions (rolling average of the previous five months)',
            scope
        });
    }
    return out.sort((a, b) => (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(a.month) - (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthIndex */ .L6)(b.month));
}
function parseErrorBody(res) {
    let body;
    try {
        body = JSON.parse(res.text);
    }
    catch {
        body = null;
    }
    const o = (body && typeof body === 'object' ? (body.error ?? body) : {});
    const message = typeof o.message === 'string' ? o.message : res.text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const code = o.code !== undefined && o.code !== null ? String(o.code) : o.statusCode !== undefined ? String(o.statusCode) : '';
    return { status: res.status, message: (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__.scrub)(message), code };
}
/** A failure of the API that says which credential or setting is wrong and what to check. */
function explainMcfsError(err, c) {
    const said = err.message.trim().replace(/[.\s]+$/, '');
    const base = `${SERVICE} answered HTTP ${err.status}${said ? `: ${said}` : ''}`;
    if (err.status === 401 && /subscription key/i.test(err.message)) {
        return (`${base}. The API key was not accepted: check the mcfs-api-key secret. It is the primary or secondary key of your subscription ` +
            `in the Microsoft Cloud for Sustainability API portal (Profile page), stored as a repository secret: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`);
    }
    if (err.status === 401) {
        return (`${base}. The Entra access token of ${c.identity} was not accepted: check azure-client-id and azure-tenant-id (the tenant of the MCFS instance), ` +
            `and that the token is for the Microsoft Cloud for Sustainability API app (${MCFS_APP_ID}).`);
    }
    if (err.status === 403) {
        return (`${base}. The identity (${c.identity}) may not read ${c.dataSet}: grant the app registration the application permission ${EMISSIONS_PERMISSION} ` +
            `of the Microsoft Cloud for Sustainability API (app id ${MCFS_APP_ID}) with admin consent, add it to MCFS instance ${c.instanceId} in the API portal, ` +
            `and check that ${c.dataSet} is connected to that instance.`);
    }
    if (err.status === 404)
        return `${base}. Check mcfs-instance-id (${c.instanceId}), mcfs-enrollment-id, mcfs-tenant-id and mcfs-endpoint (${c.endpoint}).`;
    if (err.status === 429)
        return `${base}. Still throttled after retries: lower concurrency, or run again later.`;
    if (err.status === 400)
        return `${base}. The API refused the query; if this persists, report it with this message.`;
    if (err.status >= 500)
        return `${base}. The service failed; run again later.`;
    return `${base}.`;
}
class McfsCallError extends Error {
    status;
    constructor(status, message) {
        super(message);
        this.status = status;
        this.name = 'McfsCallError';
    }
}
// ---------------------------------------------------------------------------------------------------------
// The provider
class Mcfs {
    ctx;
    auth;
    errorContext;
    origin;
    constructor(ctx, auth, errorContext) {
        this.ctx = ctx;
        this.auth = auth;
        this.errorContext = errorContext;
        this.origin = new URL(ctx.settings.mcfs.endpoint).origin;
    }
    /** The bearer token: entraAuth reuses it until shortly before it expires (one GitHub OIDC token per sign-in). */
    token() {
        return this.auth.token(_auth_entra_js__WEBPACK_IMPORTED_MODULE_1__/* .MCFS_SCOPE */ .zb, SERVICE);
    }
    /** One GET with both credentials; the body as JSON, or an McfsCallError that explains the failure. */
    async get(url, dataSet) {
        const token = await this.token();
        const res = await this.ctx.http.request({
            service: SERVICE,
            method: 'GET',
            url,
            headers: {
                accept: 'application/json',
                authorization: `Bearer ${token}`,
                'ocp-apim-subscription-key': this.ctx.settings.mcfs.apiKey
            },
            expectJson: true
        });
        if (res.status < 200 || res.status >= 300)
            throw new McfsCallError(res.status, explainMcfsError(parseErrorBody(res), { ...this.errorContext, dataSet }));
        return res.json;
    }
    /**
     * Every row of a collection: each `@odata.nextLink` followed to the end. `onRows` takes each page. A failure
     * before any row rejects; a later one (or a loop) is reported missing and ends the sequence with what came.
     */
    async collect(firstUrl, what, dataSet, onRows, incomplete = (w, c) => this.ctx.missing(w, c)) {
        // Links are compared in their parsed form: the same URL may be spelt with or without percent-encoding.
        let url = new URL(firstUrl).href;
        const seen = new Set([url]);
        let rows = 0;
        let expected = null;
        for (let page = 1;; page++) {
            let p;
            try {
                if (page > MAX_PAGES)
                    throw new Error(`more than ${MAX_PAGES} pages; stopped`);
                p = parseODataPage(await this.get(url, dataSet));
                if (page === 1)
                    expected = p.count;
                onRows(p.rows);
            }
            catch (e) {
                if (page === 1)
                    throw e;
                incomplete(`${what} from page ${page} on (after ${rows} rows)`, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__.errorMessage)(e));
                return { complete: false };
            }
            rows += p.rows.length;
            if (p.nextLink === null)
                break;
            let next;
            try {
                next = new URL(p.nextLink, url);
            }
            catch {
                incomplete(`${what} from page ${page + 1} on (after ${rows} rows)`, `the @odata.nextLink of page ${page} is not a URL; stopped paging`);
                return { complete: false };
            }
            if (next.origin !== this.origin) {
                incomplete(`${what} from page ${page + 1} on (after ${rows} rows)`, `the @odata.nextLink of page ${page} leaves ${this.origin}; not followed (the API key and token are only sent to mcfs-endpoint)`);
                return { complete: false };
            }
            if (seen.has(next.href)) {
                incomplete(`${what} from page ${page + 1} on (after ${rows} rows)`, `the API repeated an @odata.nextLink it had already given (page ${page}); stopped paging to avoid a loop, so the data may be incomplete`);
                return { complete: false };
            }
            seen.add(next.href);
            url = next.href;
        }
        if (expected !== null && expected !== rows) {
            incomplete(what, `the API counted ${expected} rows (@odata.count) but served ${rows} over its pages`);
            return { complete: false };
        }
        return { complete: true };
    }
}
const mcfsProvider = {
    id: 'mcfs',
    label: 'Microsoft Cloud for Sustainability',
    async *fetch(ctx) {
        const { settings } = ctx;
        const m = settings.mcfs;
        (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__.registerSecret)(m.apiKey);
        const tenantId = m.tenantId.toLowerCase();
        const auth = (0,_auth_entra_js__WEBPACK_IMPORTED_MODULE_1__/* .entraAuth */ .v3)(settings.azure, ctx.http, ctx.env);
        const api = new Mcfs(ctx, auth, { instanceId: m.instanceId, endpoint: m.endpoint, identity: auth.describe });
        ctx.note('MCFS gives one figure per scope and names no accounting method; Microsoft computes Scope 2 of its cloud emissions market-based, ' +
            'so Scope 1+2+3 is the market-based figure (Scope 2 and 3 in their market-based columns) and location-based columns are empty.');
        if (settings.method === 'location')
            ctx.note('MCFS gives no location-based figure: its market-based total is the headline.');
        ctx.note('MCFS is a preview API (Microsoft may restate past months); its projections are a forecast, in no total.');
        // The data sets (the enrollment, the Microsoft 365 tenant), one paged query per (data set, month): the page
        // chains of different months run side by side (bounded by `concurrency`), as AWS's and Azure's do, and a
        // failure costs a month, not the year. A matrix shard takes its contiguous share of these units.
        const allSets = [
            ...(m.enrollmentId !== '' ? ['enrollment'] : []),
            ...(tenantId !== '' ? ['tenant'] : [])
        ];
        const months = (0,_period_js__WEBPACK_IMPORTED_MODULE_0__/* .monthsOf */ .vo)(ctx.period);
        const units = (0,_shard_js__WEBPACK_IMPORTED_MODULE_4__/* .shareOf */ .tC)(allSets.flatMap((set) => months.map((month) => ({ set, month }))), settings.shard);
        const sets = allSets.filter((set) => units.some((u) => u.set === set));
        if (settings.shard !== null)
            ctx.log(`MCFS: shard ${settings.shard.index}/${settings.shard.count} takes ${units.length} of ${allSets.length * months.length} (data set, month) units`);
        if (units.length === 0)
            return;
        // Sign in first: a wrong app, tenant or federated credential fails the provider here, once, with Entra's reason.
        await api.token();
        ctx.log(`MCFS: instance ${m.instanceId}${m.enrollmentId ? `, enrollment ${m.enrollmentId}` : ''}${tenantId ? `, Microsoft 365 tenant ${tenantId}` : ''}, ` +
            `${ctx.period.start} to ${ctx.period.end}, ${m.endpoint}`);
        /** Per data set (in data set order): its name, its months, what their rows came to, whether any failed. */
        const tally = new Map(sets.map((set) => {
            const mine = units.filter((u) => u.set === set);
            const name = set === 'enrollment' ? `enrollment ${m.enrollmentId}` : `Microsoft 365 tenant ${tenantId}`;
            return [
                set,
                {
                    name,
                    range: `${mine[0].month} to ${mine[mine.length - 1].month}`,
                    outside: 0,
                    unscoped: 0,
                    rows: 0,
                    failed: false
                }
            ];
        }));
        const monthTask = (set, month) => async () => {
            const t = tally.get(set);
            const what = `the emissions of ${t.name} for ${month}`;
            const one = { start: month, end: month };
            const enrollment = m.enrollmentId;
            const url = set === 'enrollment'
                ? enrollmentEmissionsUrl(m.endpoint, m.instanceId, enrollment, one)
                : tenantEmissionsUrl(m.endpoint, m.instanceId, tenantId, one);
            const folder = new Folder(one, set === 'enrollment' ? enrollmentDims : tenantDims(tenantId));
            try {
                await api.collect(url, what, t.name, (rows) => {
                    for (const row of rows)
                        folder.add(row);
                });
            }
            catch (e) {
                // A refused key or token is wrong for every call: the provider fails with that one message.
                if (e instanceof McfsCallError && e.status === 401)
                    throw e;
                // A page failed (or one of its rows did not parse): nothing more of this month; what came is kept.
                t.failed = true;
                ctx.missing(what, (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__.errorMessage)(e));
            }
            t.outside += folder.outside;
            t.unscoped += folder.unscoped;
            t.rows += folder.rows;
            return folder.records('mcfs', set === 'enrollment'
                ? (c) => ({
                    enrollmentId: enrollment,
                    subServices: c.subServices.size > 0 ? [...c.subServices].sort().join(', ') : null
                })
                : () => undefined);
        };
        yield* (0,_provider_js__WEBPACK_IMPORTED_MODULE_3__/* .inOrder */ .a)('mcfs', units.map((u) => monthTask(u.set, u.month)), Math.max(2, settings.concurrency), ctx.keepRecords);
        // Per data set, once all its months came.
        for (const t of tally.values()) {
            const what = `the emissions of ${t.name}`;
            if (t.outside > 0)
                ctx.warn(`${what}: ${t.outside} rows of other months than the one asked for came back despite the filter and were left out (each month is counted from its own query)`);
            if (t.unscoped > 0)
                ctx.warn(`${what}: ${t.unscoped} rows name no scope; they are in the totals but in no scope column`);
            if (t.rows === 0 && !t.failed)
                ctx.warn(`${what}: the API has no rows for ${t.range}; check that the data source is connected to MCFS instance ${m.instanceId}`);
        }
        const failed = new Set([...tally.values()].filter((t) => t.failed).map((t) => t.name));
        // The forecast, once the emissions came: it never changes a total, so a failure is a warning.
        if (sets.includes('enrollment') && !failed.has(`enrollment ${m.enrollmentId}`)) {
            try {
                const rows = [];
                await api.collect(projectionsUrl(m.endpoint, m.instanceId, m.enrollmentId), `the projections of enrollment ${m.enrollmentId}`, `enrollment ${m.enrollmentId}`, (r) => rows.push(...r), (what, cause) => ctx.warn(`${what}: ${cause}; the forecast may lack months`));
                const points = forecastPoints(rows, `enrollment ${m.enrollmentId}`);
                if (points.length > 0)
                    ctx.forecast(points);
            }
            catch (e) {
                ctx.warn(`The projections of enrollment ${m.enrollmentId} could not be fetched, so there is no forecast: ${(0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__.errorMessage)(e)}`);
            }
        }
    }
};


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
