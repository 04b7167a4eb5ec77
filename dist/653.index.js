export const id = 653;
export const ids = [653];
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

/***/ 33653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  awsFallbackNote: () => (/* binding */ awsFallbackNote),
  awsProvider: () => (/* binding */ awsProvider)
});

// EXTERNAL MODULE: ./src/period.ts
var src_period = __webpack_require__(60202);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/providers/kit/paging.ts
var paging = __webpack_require__(19705);
// EXTERNAL MODULE: ./src/auth/github-oidc.ts
var github_oidc = __webpack_require__(24377);
// EXTERNAL MODULE: ./src/providers/aws/env.ts
var aws_env = __webpack_require__(28531);
;// CONCATENATED MODULE: ./src/providers/aws/auth.ts



/**
 * STS answers that are worth another attempt though their status says otherwise: throttling in the Query protocol's
 * XML (STS answers `400 <Code>Throttling</Code>`) and STS's IDPCommunicationError (the OIDC provider's keys
 * could not be fetched in time), as the AWS SDKs' retry strategies class them.
 */
function isTransientAwsError(res) {
    // A 2xx that is not XML (a proxy's page, a cut body) is no answer from STS: worth another attempt.
    if (res.status >= 200 && res.status < 300)
        return !/^\s*</.test(res.text);
    if (res.status !== 400)
        return false;
    return /<Code>(Throttling|ThrottlingException|RequestLimitExceeded|IDPCommunicationError)<\/Code>/.test(res.text);
}
/**
 * A smithy request handler that sends the SDK's requests through our HTTP layer, so STS gets the same
 * retries, proxy, timeouts and deadline as everything else.
 */
function smithyHandler(http, service) {
    return {
        metadata: { handlerProtocol: 'http/1.1' },
        async handle(request) {
            const qs = new URLSearchParams();
            for (const [k, v] of Object.entries(request.query ?? {})) {
                if (v === null || v === undefined)
                    continue;
                for (const item of Array.isArray(v) ? v : [v])
                    qs.append(k, item);
            }
            const query = qs.toString();
            const url = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}${request.path}${query ? `?${query}` : ''}`;
            const headers = { ...request.headers };
            delete headers.host;
            delete headers['content-length'];
            const res = await http.request({
                service,
                method: request.method,
                url,
                headers,
                body: request.body === undefined
                    ? undefined
                    : typeof request.body === 'string'
                        ? request.body
                        : Buffer.from(request.body),
                transient: isTransientAwsError
            });
            const outHeaders = {};
            for (const [k, v] of Object.entries(res.headers))
                if (v !== undefined)
                    outHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
            return { response: { statusCode: res.status, headers: outHeaders, body: new Uint8Array(res.body) } };
        },
        updateHttpClientConfig() { },
        httpHandlerConfigs() {
            return {};
        },
        destroy() { }
    };
}
function maskCredentials(c) {
    (0,secrets.registerSecret)(c.secretAccessKey);
    (0,secrets.registerSecret)(c.sessionToken);
    (0,secrets.registerSecret)(c.accessKeyId);
    return c;
}
/** Memoizes credentials and refreshes them five minutes before they expire. */
function cached(load) {
    let current;
    return async () => {
        if (current) {
            const c = await current.catch(() => undefined);
            if (c && (!c.expiration || c.expiration.getTime() - Date.now() > 5 * 60_000))
                return c;
        }
        current = load().then(maskCredentials);
        return current;
    };
}
/** Turns an STS/SDK failure into a message that says what to check. */
function explainStsError(e, roleArn, audience) {
    const err = e;
    const code = err.name ?? err.Code ?? '';
    const msg = (0,secrets.scrub)(err.message ?? String(e));
    let hint = '';
    if (/AccessDenied/i.test(code) || /not authorized to perform sts:AssumeRoleWithWebIdentity/i.test(msg)) {
        hint = ` The role's trust policy must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com with the condition token.actions.githubusercontent.com:aud = ${audience} and a sub condition that matches this repository, branch or environment.`;
    }
    else if (/InvalidIdentityToken/i.test(code)) {
        hint = ` Check that the IAM OIDC identity provider token.actions.githubusercontent.com exists in the role's account and lists the audience ${audience} (aws-audience).`;
    }
    else if (/ValidationError/i.test(code)) {
        hint = ' Check aws-role-to-assume and aws-role-session-name.';
    }
    else if (/ExpiredToken/i.test(code)) {
        hint =
            ' The GitHub OIDC token expired before it was used; the run fetches a fresh one per exchange, so retry the job.';
    }
    return new Error(`Could not assume ${roleArn} with the GitHub OIDC token: ${code ? `${code}: ` : ''}${msg}${hint}`);
}
function awsIdentities(settings, http, env) {
    if (settings.roles.length === 0) {
        return [
            {
                label: 'the environment credentials',
                roleArn: null,
                getCredentials: cached(async () => {
                    const { fromNodeProviderChain } = await __webpack_require__.e(/* import() */ 719).then(__webpack_require__.t.bind(__webpack_require__, 29719, 19));
                    try {
                        return await fromNodeProviderChain({ clientConfig: { region: settings.region } })();
                    }
                    catch (e) {
                        throw new Error(`No AWS credentials: aws-role-to-assume is empty and none were found in the environment (${(0,secrets.scrub)(e.message)}). ` +
                            `Set aws-role-to-assume to a role that trusts GitHub OIDC, or run aws-actions/configure-aws-credentials before this step.`);
                    }
                })
            }
        ];
    }
    // A configured STS endpoint as the SDKs read it; else the STS client's own rules pick the region's endpoint
    // (its partition's, FIPS where AWS_USE_FIPS_ENDPOINT=true).
    const stsEndpoint = (0,aws_env/* configuredEndpoint */.i)(env, 'STS') ?? undefined;
    return settings.roles.map((roleArn) => ({
        label: roleArn,
        roleArn,
        getCredentials: cached(async () => {
            const token = await (0,github_oidc/* getIdToken */.p)(http, env, settings.audience, `AWS role ${roleArn}`);
            const { fromWebToken } = await __webpack_require__.e(/* import() */ 719).then(__webpack_require__.t.bind(__webpack_require__, 29719, 19));
            try {
                return await fromWebToken({
                    roleArn,
                    webIdentityToken: token,
                    roleSessionName: settings.sessionName,
                    durationSeconds: 3600,
                    clientConfig: {
                        region: settings.region,
                        endpoint: stsEndpoint,
                        useFipsEndpoint: stsEndpoint === undefined && (0,aws_env/* useFipsFromEnv */.j)(env) === true,
                        maxAttempts: 1, // our HTTP layer retries
                        requestHandler: smithyHandler(http, 'AWS STS')
                    }
                })();
            }
            catch (e) {
                throw explainStsError(e, roleArn, settings.audience);
            }
        })
    }));
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/core/dist-cjs/submodules/client/index.js
var client = __webpack_require__(5152);
;// CONCATENATED MODULE: ./src/providers/aws/endpoint-rules.ts
/**
 * The AWS Sustainability API's endpoint rule set, as its official Smithy model states it (the service shape's
 * `smithy.rules#endpointRuleSet`; sandbox/models/aws-sustainability.json). The AWS SDK's own rules engine
 * evaluates it (endpoints.ts); __tests__/aws-endpoints.test.ts checks this copy against the model.
 */
// prettier-ignore
const SUSTAINABILITY_ENDPOINT_RULES = { "version": "1.0", "parameters": { "UseFIPS": { "builtIn": "AWS::UseFIPS", "required": true, "default": false, "documentation": "When true, send this request to the FIPS-compliant regional endpoint. If the configured endpoint does not have a FIPS compliant endpoint, dispatching the request will return an error.", "type": "boolean" }, "Endpoint": { "builtIn": "SDK::Endpoint", "required": false, "documentation": "Override the endpoint used to send this request", "type": "string" }, "Region": { "builtIn": "AWS::Region", "required": false, "documentation": "The AWS region used to dispatch the request.", "type": "string" } }, "rules": [{ "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Endpoint" }] }], "rules": [{ "conditions": [{ "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, true] }], "error": "Invalid Configuration: FIPS and custom endpoint are not supported", "type": "error" }, { "conditions": [], "endpoint": { "url": { "ref": "Endpoint" }, "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4" }] }, "headers": {} }, "type": "endpoint" }], "type": "tree" }, { "conditions": [], "rules": [{ "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Region" }] }], "rules": [{ "conditions": [{ "fn": "aws.partition", "argv": [{ "ref": "Region" }], "assign": "PartitionResult" }], "rules": [{ "conditions": [{ "fn": "stringEquals", "argv": [{ "fn": "getAttr", "argv": [{ "ref": "PartitionResult" }, "name"] }, "aws"] }, { "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, false] }], "endpoint": { "url": "https://api.sustainability.{Region}.{PartitionResult#dualStackDnsSuffix}", "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4", "signingRegion": "us-east-1" }] }, "headers": {} }, "type": "endpoint" }, { "conditions": [{ "fn": "stringEquals", "argv": [{ "fn": "getAttr", "argv": [{ "ref": "PartitionResult" }, "name"] }, "aws-us-gov"] }, { "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, false] }], "endpoint": { "url": "https://sustainability.us-gov.{PartitionResult#dualStackDnsSuffix}", "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4", "signingRegion": "us-gov-west-1" }] }, "headers": {} }, "type": "endpoint" }, { "conditions": [{ "fn": "stringEquals", "argv": [{ "fn": "getAttr", "argv": [{ "ref": "PartitionResult" }, "name"] }, "aws-us-gov"] }, { "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, true] }], "endpoint": { "url": "https://sustainability-fips.us-gov.{PartitionResult#dualStackDnsSuffix}", "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4", "signingRegion": "us-gov-west-1" }] }, "headers": {} }, "type": "endpoint" }, { "conditions": [{ "fn": "booleanEquals", "argv": [{ "ref": "UseFIPS" }, true] }], "endpoint": { "url": "https://sustainability-fips.global.{PartitionResult#dualStackDnsSuffix}", "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4", "signingRegion": "{PartitionResult#implicitGlobalRegion}" }] }, "headers": {} }, "type": "endpoint" }, { "conditions": [], "endpoint": { "url": "https://sustainability.global.{PartitionResult#dualStackDnsSuffix}", "properties": { "authSchemes": [{ "name": "sigv4a", "signingRegionSet": ["*"] }, { "name": "sigv4", "signingRegion": "{PartitionResult#implicitGlobalRegion}" }] }, "headers": {} }, "type": "endpoint" }], "type": "tree" }], "type": "tree" }, { "conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error" }], "type": "tree" }] };

;// CONCATENATED MODULE: ./src/providers/aws/endpoints.ts
/**
 * Where the Sustainability API is and which region signs for it, as the model's endpoint rules resolve them
 * (endpoint-rules.ts, evaluated by the AWS SDK's own rules engine with its partitions data): commercial
 * `https://api.sustainability.{region}.api.aws` signed us-east-1, GovCloud signed us-gov-west-1, every other
 * partition `https://sustainability.global.{dualStackDnsSuffix}` signed with the partition's implicit global region
 * (China: cn-northwest-1), FIPS hosts where `AWS_USE_FIPS_ENDPOINT=true`. A configured endpoint
 * (`AWS_ENDPOINT_URL_SUSTAINABILITY`, `AWS_ENDPOINT_URL`) is used as the SDKs use it, signed with the configured
 * region.
 */


/** The Sustainability endpoint and its signing region for a region, FIPS setting and configured endpoint. */
function resolveSustainabilityEndpoint(p) {
    const params = { Region: p.region, UseFIPS: p.useFips };
    if (p.endpoint !== null)
        params.Endpoint = p.endpoint;
    let resolved;
    try {
        resolved = (0,client.resolveEndpoint)(SUSTAINABILITY_ENDPOINT_RULES, { endpointParams: params });
    }
    catch (e) {
        // The rules' own errors ("FIPS and custom endpoint are not supported"), with what to change.
        throw new Error(`No AWS Sustainability API endpoint for aws-region ${p.region}${p.useFips ? ' with AWS_USE_FIPS_ENDPOINT=true' : ''}${p.endpoint ? ` and the endpoint ${p.endpoint}` : ''}: ${e.message}.`);
    }
    const schemes = (resolved.properties?.authSchemes ?? []);
    const sigv4 = schemes.find((s) => s.name === 'sigv4');
    return { url: resolved.url.href.replace(/\/+$/, ''), signingRegion: sigv4?.signingRegion ?? p.region };
}

// EXTERNAL MODULE: ./src/providers/kit/errors.ts
var errors = __webpack_require__(74874);
;// CONCATENATED MODULE: ./src/providers/aws/errors.ts
/** What the Sustainability API's refusals mean, and what to do about them. */

/** A failure of the API that says what to do about it; `who` is the identity (a role ARN) it was made with. */
function explainAwsApiError(err, who, action = 'sustainability:GetEstimatedCarbonEmissions') {
    const { status, code: type, message } = err;
    const base = `AWS Sustainability API answered HTTP ${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`;
    switch (type) {
        case 'AccessDeniedException':
            return `${base}. Allow ${action} (Resource "*") in the permission policy of ${who}.`;
        case 'UnrecognizedClientException':
        case 'InvalidSignatureException':
        case 'InvalidClientTokenId':
        case 'IncompleteSignature':
            return `${base}. The credentials of ${who} were not accepted: check the AWS partition (aws-region) and the endpoint.`;
        case 'ExpiredTokenException':
            return `${base}. The session of ${who} expired; rerun the job.`;
        case 'ThrottlingException':
            return `${base}. ${errors/* STILL_THROTTLED */.yJ}`;
        case 'ValidationException':
            return `${base}.`;
        default:
            return status === 404 ? `${base}. Check AWS_ENDPOINT_URL_SUSTAINABILITY / AWS_ENDPOINT_URL.` : `${base}.`;
    }
}

;// CONCATENATED MODULE: ./src/providers/aws/api.ts


/** The account of a role (its ARN's fourth field), or null for the environment's credentials. */
function roleAccount(id) {
    return id.roleArn ? id.roleArn.split(':')[4] : null;
}
async function callSustainability(ctx, t, call) {
    const account = roleAccount(t.id);
    const res = await ctx.http.request({
        service: 'AWS Sustainability API',
        // AWS throttles each account apart: a role's 429 holds that role's requests, not the other organizations'.
        throttleScope: account ?? undefined,
        method: 'POST',
        url: `${t.endpoint}${call.path}`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(call.body),
        expectJson: true,
        decode: call.decode,
        sign: t.sign
    });
    if (res.status !== 200) {
        const err = (0,errors/* readErrorBody */.Nk)(res);
        throw new errors/* CallError */.RA(res.status, err, explainAwsApiError(err, t.id.label, call.action));
    }
    return res;
}

;// CONCATENATED MODULE: ./src/providers/aws/accounts.ts




const ACTION = 'sustainability:GetEstimatedCarbonEmissionsDimensionValues';
/** The usage accounts with data in the period, as one identity sees them. */
async function accountsWithData(ctx, t, period) {
    const seen = new Set();
    await (0,paging/* followPages */.kv)({
        cursorName: 'NextToken',
        fetch: async (token) => {
            const body = {
                TimePeriod: { Start: (0,src_period/* monthStartIso */.mO)(period.start), End: (0,src_period/* monthStartIso */.mO)((0,src_period/* addMonths */.PS)(period.end, 1)) },
                Dimensions: ['USAGE_ACCOUNT_ID'],
                MaxResults: 5000
            };
            if (token !== undefined)
                body.NextToken = token;
            const res = await callSustainability(ctx, t, {
                path: '/v1/estimated-carbon-emissions-dimension-values',
                action: ACTION,
                body
            });
            const json = res.json;
            if (!json || !Array.isArray(json.Results))
                throw new Error('the response has no Results list (a malformed answer)');
            for (const r of json.Results)
                if (r?.Dimension === 'USAGE_ACCOUNT_ID' && typeof r.Value === 'string')
                    seen.add(r.Value);
            return json.NextToken;
        }
    });
    return seen;
}
/** Warns of each listed account that no identity has data for in the period. */
async function checkAccountIds(ctx, targets, listed) {
    if (listed.length === 0 || targets.length === 0)
        return;
    const known = new Set();
    try {
        for (const set of await Promise.all(targets.map((t) => accountsWithData(ctx, t, ctx.period))))
            for (const a of set)
                known.add(a);
    }
    catch (e) {
        ctx.warn(`aws-account-ids could not be checked against the accounts with data (${(0,secrets.errorMessage)(e)}); allow ${ACTION} to have it checked.`);
        return;
    }
    const unknown = listed.filter((a) => !known.has(a));
    if (unknown.length === 0)
        return;
    const range = `${ctx.period.start} to ${ctx.period.end}`;
    ctx.warn(`aws-account-ids: ${unknown.join(', ')} ${unknown.length === 1 ? 'has' : 'have'} no emissions data for ${range} in ${targets.length === 1 ? 'the organization' : 'any of the organizations'} the role${targets.length === 1 ? '' : 's'} can see. ` +
        `Check for a typo (12 digits, leading zeros kept) and that the account belongs to the organization.`);
}

// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
;// CONCATENATED MODULE: ./src/providers/aws/water.ts




const WATER_ACTION = 'sustainability:GetEstimatedWaterAllocation';
/** The calendar years a period touches. */
function yearsOf(period) {
    const first = Math.floor((0,src_period/* monthIndex */.L6)(period.start) / 12);
    const last = Math.floor((0,src_period/* monthIndex */.L6)(period.end) / 12);
    return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
/** One API row to a water record: m3 to exact litres (x1000 from the shortest decimal, as kg to g). */
function waterRecord(row, year, fallbackAccount) {
    const start = row.TimePeriod?.Start ?? '';
    if (!start.startsWith(`${year}-01-01`))
        throw new Error(`a water result for ${JSON.stringify(start)} came back for a query of ${year}`);
    const w = row.AllocationValues?.TOTAL_WATER_WITHDRAWALS;
    if (w === undefined || w.Value === undefined || w.Value === null)
        throw new Error(`a water result of ${year} has no TOTAL_WATER_WITHDRAWALS`);
    if (w.Unit !== undefined && w.Unit !== 'm3')
        throw new Error(`unknown water unit ${JSON.stringify(w.Unit)}`);
    const d = row.DimensionsValues;
    return {
        provider: 'aws',
        account: d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown',
        year: String(year),
        service: d?.SERVICE ?? null,
        region: d?.REGION ?? null,
        litres: (0,units/* kilogramsToGrams */.Lg)(w.Value, 'TOTAL_WATER_WITHDRAWALS')
    };
}
/** A year of one identity's water, every page; a year that cannot be fetched is a missing part of AWS. */
async function fetchWaterYear(ctx, t, year) {
    const records = [];
    try {
        await (0,paging/* followPages */.kv)({
            cursorName: 'NextToken',
            fetch: async (token) => {
                const body = {
                    TimePeriod: { Start: `${year}-01-01T00:00:00Z`, End: `${year + 1}-01-01T00:00:00Z` },
                    GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
                    AllocationTypes: ['TOTAL_WATER_WITHDRAWALS'],
                    Granularity: 'YEARLY_CALENDAR',
                    MaxResults: 5000
                };
                if (ctx.settings.aws.accountIds.length > 0)
                    body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } };
                if (token !== undefined)
                    body.NextToken = token;
                const res = await callSustainability(ctx, t, {
                    path: '/v1/estimated-water-allocation',
                    action: WATER_ACTION,
                    body
                });
                const json = res.json;
                // Results is required by the API's model: an answer without it is malformed, not empty.
                if (!json || !Array.isArray(json.Results))
                    throw new Error('the response has no Results list (a malformed answer)');
                for (const row of json.Results)
                    records.push(waterRecord(row, year, roleAccount(t.id)));
                return json.NextToken;
            }
        });
    }
    catch (e) {
        ctx.missing(`water of ${year} of ${t.id.label}`, e);
    }
    // What came before a failure is kept, as for carbon.
    if (records.length > 0)
        ctx.water(records);
}
async function fetchWater(ctx, targets) {
    const years = yearsOf(ctx.period);
    await Promise.all(targets.flatMap((t) => years.map((y) => fetchWaterYear(ctx, t, y))));
}

// EXTERNAL MODULE: ./src/providers/aws/page.ts + 1 modules
var page = __webpack_require__(48211);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@smithy/signature-v4/dist-cjs/index.js
var dist_cjs = __webpack_require__(75118);
;// CONCATENATED MODULE: ./src/providers/aws/signer.ts
/** SigV4 for the Sustainability API with @smithy/signature-v4, its sha256 on node:crypto. */


/** A sha256 for the signer, on node:crypto (the Checksum interface smithy expects). */
class Sha256 {
    h;
    constructor(secret) {
        this.h = secret ? (0,external_node_crypto_.createHmac)('sha256', toBytes(secret)) : (0,external_node_crypto_.createHash)('sha256');
    }
    update(data) {
        this.h.update(toBytes(data));
    }
    async digest() {
        return new Uint8Array(this.h.digest());
    }
    reset() { }
}
function toBytes(data) {
    if (typeof data === 'string')
        return Buffer.from(data, 'utf8');
    if (ArrayBuffer.isView(data))
        return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return Buffer.from(data);
}
/** Signs each request with the identity's current credentials (renewed before they expire). */
function sustainabilitySigner(signingRegion, credentials) {
    const signer = new dist_cjs.SignatureV4({ service: 'sustainability', region: signingRegion, credentials, sha256: Sha256 });
    return async ({ method, url, headers, body }) => {
        const signed = await signer.sign({
            method,
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port ? Number(url.port) : undefined,
            path: url.pathname,
            query: {},
            headers: { ...headers, host: url.host },
            body
        });
        const h = { ...signed.headers };
        delete h.host;
        return h;
    };
}

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
// EXTERNAL MODULE: ./src/body.ts
var body = __webpack_require__(8255);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./src/providers/aws/workers/entry.ts
/** Where the bundle is, for starting worker threads on it (none when running from the TypeScript sources). */



/** dist/index.js beside this code once bundled; null in tests that run the sources (no bundle to start). */
function bundleEntry() {
    try {
        const entry = external_node_path_.join(external_node_path_.dirname((0,external_node_url_.fileURLToPath)(import.meta.url)), 'index.js');
        return external_node_fs_.existsSync(entry) ? entry : null;
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/providers/aws/workers/pool.ts
/**
 * Page decoding off the main thread, when asked for (CCR_DECODE_WORKERS): with worker threads the main thread
 * keeps receiving, writing and summing while pages are decoded beside it. Small pages are decoded here: a
 * worker's start (loading the bundle) costs more than they do, so workers start only when the first large page
 * arrives, and pages go on being decoded here until one is ready; later, while every worker has its hands full,
 * this thread decodes the next page itself. A worker that dies takes no data with it: its pages are fetched
 * again (RetryBodyError) and decoded here from then on.
 */




/** Pages smaller than this are decoded here. */
const MIN_WORKER_BYTES = 256 * 1024;
/** Pages a worker may have in hand (decoding one, two waiting) before this thread decodes one itself. */
const BUSY = 3;
class Slot {
    worker;
    online = false;
    pending = new Map();
    constructor(worker) {
        this.worker = worker;
    }
}
class DecoderPool {
    entry;
    size;
    slots = [];
    started = false;
    broken = false;
    nextId = 1;
    onWorkers = 0;
    here = 0;
    /** `entry`: the bundle to start workers on (null: decode everything here); `size`: workers at most. */
    constructor(entry, size) {
        this.entry = entry;
        this.size = size;
    }
    decode(body, job) {
        if (this.entry !== null && this.size > 0 && !this.broken && body.length >= MIN_WORKER_BYTES) {
            if (!this.started)
                this.start(this.entry);
            let best = null;
            for (const s of this.slots)
                if (s.online && (best === null || s.pending.size < best.pending.size))
                    best = s;
            // A worker with a page in hand and one waiting is busy enough: this thread decodes the next itself, so
            // both share the work instead of this one only waiting for replies.
            if (best !== null && best.pending.size < BUSY)
                return this.send(best, body, job);
        }
        this.here++;
        try {
            return Promise.resolve((0,page/* decodeAwsPage */.lh)(body, job));
        }
        catch (e) {
            return Promise.reject(e);
        }
    }
    stats() {
        return { workers: this.slots.length, onWorkers: this.onWorkers, here: this.here };
    }
    async close() {
        const slots = this.slots;
        this.slots = [];
        this.broken = true;
        await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
    }
    start(entry) {
        this.started = true;
        for (let i = 0; i < this.size; i++) {
            let worker;
            try {
                worker = new external_node_worker_threads_.Worker(entry, { workerData: { ccr: 'decoder' } });
            }
            catch {
                this.broken = this.slots.length === 0;
                return;
            }
            // Workers never keep the process alive: the run ends when its work does.
            worker.unref();
            const slot = new Slot(worker);
            worker.on('online', () => (slot.online = true));
            worker.on('message', (m) => {
                const p = slot.pending.get(m.id);
                if (!p)
                    return;
                slot.pending.delete(m.id);
                if ('result' in m)
                    p.resolve(m.result);
                else if ('notJson' in m)
                    p.reject(new body/* NotJsonError */.wq(m.notJson));
                else
                    p.reject(new Error(m.error));
            });
            const lost = (why) => {
                slot.online = false;
                this.slots = this.slots.filter((s) => s !== slot);
                if (this.slots.length === 0)
                    this.broken = true;
                for (const p of slot.pending.values())
                    p.reject(new body/* RetryBodyError */.Th(`the page decoder thread stopped (${why}); fetching the page again`));
                slot.pending.clear();
            };
            worker.on('error', (e) => lost(e.message));
            worker.on('exit', (code) => lost(`exit code ${code}`));
            this.slots.push(slot);
        }
    }
    send(slot, body, job) {
        const id = this.nextId++;
        this.onWorkers++;
        return new Promise((resolve, reject) => {
            slot.pending.set(id, { resolve, reject });
            const msg = { id, job, body };
            // A body that owns its whole ArrayBuffer moves to the worker; one in Node's shared pool is copied.
            const owns = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength && body.buffer instanceof ArrayBuffer;
            slot.worker.postMessage(msg, owns ? [body.buffer] : []);
        });
    }
}
/**
 * The run's decoder: CCR_DECODE_WORKERS worker threads on the bundle, none by default. Since pages are read from
 * their bytes (scan.ts), a page costs little more than handing it to a thread and its batch back: without a
 * worker the 1M mix peaks 45-70 MB lower for less CPU, at 0.7-1.0 s more wall time (README, "Scale and
 * benchmark"). None when running from the sources (tests of run(): the same decoding, on the main thread).
 */
function createDecoder(env) {
    const raw = env.CCR_DECODE_WORKERS;
    const n = raw !== undefined && /^\d+$/.test(raw.trim()) ? Math.min(16, Number(raw.trim())) : 0;
    return new DecoderPool(n > 0 ? bundleEntry() : null, n);
}

;// CONCATENATED MODULE: ./src/providers/aws/index.ts












const MAX_RESULTS = 5000;
const awsProvider = {
    id: 'aws',
    async plan(ctx) {
        const { settings, http, env } = ctx;
        const aws = settings.aws;
        const resolved = resolveSustainabilityEndpoint({
            region: aws.region,
            useFips: (0,aws_env/* useFipsFromEnv */.j)(env) === true,
            endpoint: (0,aws_env/* configuredEndpoint */.i)(env, 'SUSTAINABILITY')
        });
        const endpoint = resolved.url;
        const identities = awsIdentities(aws, http, env);
        ctx.note(settings.method === 'market'
            ? 'Figures are AWS market-based (MBM) estimates; location-based (LBM) figures are in the files.'
            : 'Figures are AWS location-based (LBM) estimates; market-based (MBM) figures are in the files.');
        if (aws.accountIds.length > 0)
            ctx.note(`Only usage accounts ${aws.accountIds.join(', ')} (aws-account-ids).`);
        const months = (0,src_period/* monthsOf */.vo)(ctx.period);
        const targets = [];
        // Large pages are decoded on worker threads (started on the first one), made for this run's share.
        let decoder = null;
        return {
            unit: '(identity, month)',
            // Identity-major: several roles split by role, one role by months.
            units: identities.flatMap((id) => months.map((month) => ({ id, month }))),
            start: async (mine) => {
                const signers = await signIn(ctx, identities, mine, resolved.signingRegion);
                const pages = (decoder = createDecoder(env));
                ctx.log(`AWS: ${signers.size} identit${signers.size === 1 ? 'y' : 'ies'}, ${months.length} month${months.length === 1 ? '' : 's'}, endpoint ${endpoint} (signed for ${resolved.signingRegion})`);
                // An identity's whole-period questions go with its first month: one shard asks them, once.
                for (const [id, sign] of signers)
                    if (mine.some((u) => u.id === id && u.month === months[0]))
                        targets.push({ endpoint, sign, id });
                const tasks = [];
                for (const { id, month } of mine) {
                    const sign = signers.get(id);
                    if (sign)
                        tasks.push((flow) => fetchMonth(ctx, { endpoint, sign, id, month, decoder: pages }, flow));
                }
                return tasks;
            },
            end: async () => {
                // The account check needs every organization's answer: a shard sees only some, so a matrix skips it.
                await Promise.all([
                    settings.shard === null ? checkAccountIds(ctx, targets, aws.accountIds) : Promise.resolve(),
                    settings.water ? fetchWater(ctx, targets) : Promise.resolve()
                ]);
            },
            close: async () => {
                if (decoder === null)
                    return;
                const d = decoder.stats();
                if (d.onWorkers > 0)
                    ctx.log(`AWS: pages decoded: ${d.onWorkers} on ${d.workers} worker thread(s), ${d.here} on the main thread`);
                await decoder.close();
            },
            lookahead: Math.max(2, settings.concurrency * 2),
            budget: { records: MAX_RESULTS * Math.max(2, settings.concurrency), pageSize: MAX_RESULTS },
            fallbackNote: (n) => awsFallbackNote(settings.method, n)
        };
    }
};
/** The note when `n` records have no figure of the chosen method, so their headline is the other one. */
function awsFallbackNote(method, n) {
    const market = method === 'market';
    return (`${n} record${n === 1 ? ' has' : 's have'} no ${market ? 'market-based (MBM)' : 'location-based (LBM)'} figure from AWS; ` +
        `${n === 1 ? 'its' : 'their'} headline is the ${market ? 'location-based (LBM)' : 'market-based (MBM)'} one.`);
}
/**
 * Credentials for the identities of this share, concurrently: a role that cannot be assumed is missing from the
 * report and the rest go on; when none can be used the provider failed, each distinct cause said once (no
 * id-token permission is one cause for every role).
 */
async function signIn(ctx, identities, mine, signingRegion) {
    const wanted = identities.filter((id) => mine.some((u) => u.id === id));
    const ready = new Map();
    const failures = [];
    const settled = await Promise.allSettled(wanted.map(async (id) => ({ id, creds: await id.getCredentials() })));
    settled.forEach((s, i) => {
        if (s.status === 'fulfilled')
            ready.set(s.value.id, s.value.creds);
        else
            failures.push({ id: wanted[i], message: (0,secrets.errorMessage)(s.reason) });
    });
    if (ready.size === 0) {
        const byCause = new Map();
        for (const f of failures) {
            const cause = f.message.split(f.id.label).join('\u0000');
            byCause.set(cause, [...(byCause.get(cause) ?? []), f.id.label]);
        }
        throw new Error([...byCause].map(([cause, labels]) => cause.split('\u0000').join(labels.join(', '))).join(' | '));
    }
    for (const f of failures)
        ctx.missing(`all data of ${f.id.label}`, f.message);
    const signers = new Map();
    for (const [id, creds] of ready) {
        signers.set(id, sustainabilitySigner(signingRegion, async () => (await id.getCredentials().catch(() => creds)) ?? creds));
    }
    return signers;
}
async function fetchMonth(ctx, q, flow) {
    // Records go out page by page (emit), so a month's data is never held whole.
    try {
        await (0,paging/* followPages */.kv)({
            cursorName: 'NextToken',
            fetch: async (token) => {
                // The response (bytes, text, parsed JSON) lives only inside fetchPage: a task waiting for its turn
                // holds its page's batch, not the page it came from.
                await flow.turn();
                const got = await fetchPage(ctx, q, token);
                // What a page holds before a bad row is kept: the month is marked incomplete, nothing is dropped.
                flow.emit(got.batch);
                if (got.error !== null)
                    throw new Error(got.error);
                return got.next;
            }
        });
    }
    catch (e) {
        ctx.missing(`${q.month} of ${q.id.label}`, e);
    }
}
/** One page of a month: its batch (as far as its rows are good), the NextToken, and what was wrong if anything. */
async function fetchPage(ctx, q, token) {
    const body = {
        TimePeriod: { Start: (0,src_period/* monthStartIso */.mO)(q.month), End: (0,src_period/* monthStartIso */.mO)((0,src_period/* addMonths */.PS)(q.month, 1)) },
        GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
        EmissionsTypes: page/* EMISSIONS_TYPES */.Hh,
        Granularity: 'MONTHLY',
        MaxResults: MAX_RESULTS
    };
    if (ctx.settings.aws.accountIds.length > 0)
        body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } };
    if (token !== undefined)
        body.NextToken = token;
    const res = await callSustainability(ctx, q, {
        path: '/v1/estimated-carbon-emissions',
        action: 'sustainability:GetEstimatedCarbonEmissions',
        body,
        decode: (bytes) => q.decoder.decode(bytes, {
            method: ctx.settings.method,
            fallbackAccount: roleAccount(q.id),
            month: q.month,
            keepRecords: ctx.keepRecords
        })
    });
    return res.json;
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
