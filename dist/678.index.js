export const id = 678;
export const ids = [678];
export const modules = {

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

/***/ 4678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EMISSIONS_TYPES: () => (/* reexport */ aws_page/* EMISSIONS_TYPES */.Hh),
  awsErrorType: () => (/* binding */ awsErrorType),
  awsProvider: () => (/* binding */ awsProvider),
  explainAwsApiError: () => (/* binding */ explainAwsApiError),
  normalizeAwsRow: () => (/* reexport */ aws_page/* normalizeAwsRow */.pz),
  withFallbackNote: () => (/* binding */ withFallbackNote)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@smithy/signature-v4/dist-cjs/index.js
var dist_cjs = __webpack_require__(75118);
// EXTERNAL MODULE: ./src/period.ts
var period = __webpack_require__(60202);
// EXTERNAL MODULE: ./src/providers/aws-page.ts
var aws_page = __webpack_require__(983);
// EXTERNAL MODULE: ./src/auth/github-oidc.ts
var github_oidc = __webpack_require__(24377);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
;// CONCATENATED MODULE: ./src/auth/aws.ts


const PARTITIONS = {
    aws: {
        name: 'aws',
        sustainabilityEndpoint: 'https://api.sustainability.us-east-1.api.aws',
        signingRegion: 'us-east-1',
        stsEndpoint: (r) => `https://sts.${r}.amazonaws.com`
    },
    'aws-us-gov': {
        name: 'aws-us-gov',
        sustainabilityEndpoint: 'https://sustainability.us-gov.api.aws',
        signingRegion: 'us-gov-west-1',
        stsEndpoint: (r) => `https://sts.${r}.amazonaws.com`
    },
    'aws-cn': {
        name: 'aws-cn',
        sustainabilityEndpoint: 'https://sustainability.global.api.amazonwebservices.com.cn',
        signingRegion: 'cn-north-1',
        stsEndpoint: (r) => `https://sts.${r}.amazonaws.com.cn`
    }
};
/** The partition of a region (`us-gov-west-1`, `cn-north-1`, else commercial). */
function partitionOf(region) {
    if (region.startsWith('us-gov-'))
        return PARTITIONS['aws-us-gov'];
    if (region.startsWith('cn-'))
        return PARTITIONS['aws-cn'];
    return PARTITIONS.aws;
}
/** An endpoint as the AWS SDKs resolve it: `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`, then the default. */
function endpointFromEnv(env, serviceEnvName, fallback) {
    // As the SDKs do: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the endpoint variables off.
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true')
        return fallback.replace(/\/+$/, '');
    const v = env[`AWS_ENDPOINT_URL_${serviceEnvName}`]?.trim() || env.AWS_ENDPOINT_URL?.trim();
    return (v || fallback).replace(/\/+$/, '');
}
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
    const partition = partitionOf(settings.region);
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
    const stsEndpoint = endpointFromEnv(env, 'STS', partition.stsEndpoint(settings.region));
    return settings.roles.map((roleArn) => ({
        label: roleArn,
        roleArn,
        getCredentials: cached(async () => {
            const token = await (0,github_oidc/* getIdToken */.p9)(http, env, settings.audience, `AWS role ${roleArn}`);
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

// EXTERNAL MODULE: ./src/shard.ts
var shard = __webpack_require__(67903);
;// CONCATENATED MODULE: ./src/providers/aws.ts
/**
 * AWS: the Sustainability API's GetEstimatedCarbonEmissions (restJson1, SigV4 service `sustainability`).
 *
 * One query per (identity, month): MONTHLY granularity, grouped by USAGE_ACCOUNT_ID, REGION and SERVICE, all
 * seven emissions types, MaxResults 5000, NextToken followed to the end. Splitting by month lets the page
 * sequences of different months run side by side (bounded by `concurrency`) and makes a failure cost one
 * month, not the year. Values are metric tons (MTCO2e, 1 g resolution): converted once to integer grams.
 */








const MAX_RESULTS = 5000;
/** A guard against an endless sequence of pages: far beyond any real account's data for one month. */
const MAX_PAGES = 10_000;
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
/** The error type of an AWS JSON error: header `x-amzn-errortype` or body `__type`/`code`, without namespace. */
function awsErrorType(headers, body) {
    const h = headers['x-amzn-errortype'];
    const raw = (Array.isArray(h) ? h[0] : h) ??
        body?.__type ??
        body?.code ??
        '';
    return String(raw).split(':')[0].split('#').pop() ?? '';
}
/** A failure of the API that says what to do about it. */
function explainAwsApiError(status, type, message, who) {
    const base = `AWS Sustainability API answered HTTP ${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`;
    switch (type) {
        case 'AccessDeniedException':
            return `${base}. Allow sustainability:GetEstimatedCarbonEmissions (Resource "*") in the permission policy of ${who}.`;
        case 'UnrecognizedClientException':
        case 'InvalidSignatureException':
        case 'InvalidClientTokenId':
        case 'IncompleteSignature':
            return `${base}. The credentials of ${who} were not accepted: check the AWS partition (aws-region) and the endpoint.`;
        case 'ExpiredTokenException':
            return `${base}. The session of ${who} expired; rerun the job.`;
        case 'ThrottlingException':
            return `${base}. Still throttled after retries: lower concurrency, or run again later.`;
        case 'ValidationException':
            return `${base}.`;
        default:
            return status === 404 ? `${base}. Check AWS_ENDPOINT_URL_SUSTAINABILITY / AWS_ENDPOINT_URL.` : `${base}.`;
    }
}
const awsProvider = {
    id: 'aws',
    label: 'AWS',
    fetch(ctx) {
        // The plan is made inside the ordered stream, on its first next() as a generator body would run; the one
        // wrapper around it counts per batch (a page), so its extra promise round trip is per page, not per record.
        const s = ctx.settings;
        return withFallbackNote(ctx, streamInOrder(() => planMonths(ctx), Math.max(2, s.concurrency * 2), MAX_RESULTS * Math.max(2, s.concurrency), MAX_RESULTS));
    }
};
/**
 * The batches as they come; at the end, a note when some records have no figure of the chosen method, so
 * that their headline is the other method's (the report's notes say so, as the contract asks).
 */
async function* withFallbackNote(ctx, batches) {
    const market = ctx.settings.method === 'market';
    let fellBack = 0;
    for await (const b of batches) {
        fellBack += market ? b.noMarket : b.noLocation;
        yield b;
    }
    if (fellBack > 0) {
        ctx.note(`${fellBack} record${fellBack === 1 ? ' has' : 's have'} no ${market ? 'market-based (MBM)' : 'location-based (LBM)'} figure from AWS; ` +
            `${fellBack === 1 ? 'its' : 'their'} headline is the ${market ? 'location-based (LBM)' : 'market-based (MBM)'} one.`);
    }
}
/** The (identity, month) tasks of this run (or shard), credentials fetched; none when the shard has no share. */
async function planMonths(ctx) {
    const { settings, http, env } = ctx;
    const aws = settings.aws;
    const partition = partitionOf(aws.region);
    const endpoint = endpointFromEnv(env, 'SUSTAINABILITY', partition.sustainabilityEndpoint);
    const identities = awsIdentities(aws, http, env);
    ctx.note(settings.method === 'market'
        ? 'Figures are AWS market-based (MBM) estimates; location-based (LBM) figures are in the files.'
        : 'Figures are AWS location-based (LBM) estimates; market-based (MBM) figures are in the files.');
    if (aws.accountIds.length > 0)
        ctx.note(`Only usage accounts ${aws.accountIds.join(', ')} (aws-account-ids).`);
    // The plan: (identity, month) units, identity-major. A matrix shard takes its contiguous share of it
    // (several roles split by role, one role by months); credentials are fetched only for its identities.
    const months = (0,period/* monthsOf */.vo)(ctx.period);
    const plan = (0,shard/* shareOf */.tC)(identities.flatMap((id) => months.map((month) => ({ id, month }))), settings.shard);
    const mine = identities.filter((id) => plan.some((u) => u.id === id));
    if (settings.shard !== null)
        ctx.log(`AWS: shard ${settings.shard.index}/${settings.shard.count} takes ${plan.length} of ${identities.length * months.length} (identity, month) units`);
    if (plan.length === 0)
        return [];
    // Credentials first, concurrently: a role that cannot be assumed is missing from the report, the rest go on.
    const ready = new Map();
    const failures = [];
    const settled = await Promise.allSettled(mine.map(async (id) => ({ id, creds: await id.getCredentials() })));
    settled.forEach((s, i) => {
        if (s.status === 'fulfilled')
            ready.set(s.value.id, s.value.creds);
        else
            failures.push({ id: mine[i], message: (0,secrets.errorMessage)(s.reason) });
    });
    // None could be used: the provider failed, each distinct cause said once (no id-token permission is one
    // cause for every role). Some could: the others' data is missing, role by role.
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
    ctx.log(`AWS: ${ready.size} identit${ready.size === 1 ? 'y' : 'ies'}, ${months.length} month${months.length === 1 ? '' : 's'}, endpoint ${endpoint}`);
    const signers = new Map();
    for (const [id, creds] of ready) {
        signers.set(id, new dist_cjs.SignatureV4({
            service: 'sustainability',
            region: partition.signingRegion,
            credentials: async () => (await id.getCredentials().catch(() => creds)) ?? creds,
            sha256: Sha256
        }));
    }
    const tasks = [];
    for (const { id, month } of plan) {
        const signer = signers.get(id);
        if (!signer)
            continue;
        const roleAccount = id.roleArn ? id.roleArn.split(':')[4] : null;
        tasks.push((flow) => fetchMonth(ctx, endpoint, signer, id, roleAccount, month, flow));
    }
    return tasks;
}
async function fetchMonth(ctx, endpoint, signer, id, roleAccount, month, flow) {
    // Records go out page by page (emit), so a month's data is never held whole.
    const seenTokens = new Set();
    let token;
    const what = `${month} of ${id.label}`;
    try {
        for (let page = 1;; page++) {
            if (page > MAX_PAGES)
                throw new Error(`more than ${MAX_PAGES} pages for one month; stopped`);
            // The response (bytes, text, parsed JSON) lives only inside fetchPage: a task waiting for its turn
            // holds its page's batch, not the page it came from.
            await flow.turn();
            const got = await fetchPage(ctx, endpoint, signer, id, roleAccount, month, token);
            // What a page holds before a bad row is kept: the month is marked incomplete, nothing is dropped.
            flow.emit(got.batch);
            if (got.error !== null)
                throw new Error(got.error);
            const next = got.next;
            if (next === undefined || next === null || next === '')
                break;
            if (seenTokens.has(next)) {
                throw new Error(`the API repeated a NextToken it had already given (page ${page}); stopped paging to avoid a loop, so this month may be incomplete`);
            }
            seenTokens.add(next);
            token = next;
        }
    }
    catch (e) {
        ctx.missing(what, (0,secrets.errorMessage)(e));
    }
}
/** One page of a month: its batch (as far as its rows are good), the NextToken, and what was wrong if anything. */
async function fetchPage(ctx, endpoint, signer, id, roleAccount, month, token) {
    const body = {
        TimePeriod: { Start: (0,period/* monthStartIso */.mO)(month), End: (0,period/* monthStartIso */.mO)((0,period/* addMonths */.PS)(month, 1)) },
        GroupBy: ['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE'],
        EmissionsTypes: aws_page/* EMISSIONS_TYPES */.Hh,
        Granularity: 'MONTHLY',
        MaxResults: MAX_RESULTS
    };
    if (ctx.settings.aws.accountIds.length > 0)
        body.FilterBy = { Dimensions: { USAGE_ACCOUNT_ID: ctx.settings.aws.accountIds } };
    if (token !== undefined)
        body.NextToken = token;
    const res = await ctx.http.request({
        service: 'AWS Sustainability API',
        // AWS throttles each account apart: a role's 429 holds that role's requests, not the other organizations'.
        throttleScope: roleAccount ?? undefined,
        method: 'POST',
        url: `${endpoint}/v1/estimated-carbon-emissions`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        expectJson: true,
        decode: (bytes) => ctx.decoder.decode(bytes, {
            method: ctx.settings.method,
            fallbackAccount: roleAccount,
            month,
            keepRecords: ctx.keepRecords
        }),
        sign: async ({ method, url, headers, body: b }) => {
            const signed = await signer.sign({
                method,
                protocol: url.protocol,
                hostname: url.hostname,
                port: url.port ? Number(url.port) : undefined,
                path: url.pathname,
                query: {},
                headers: { ...headers, host: url.host },
                body: b
            });
            const h = { ...signed.headers };
            delete h.host;
            return h;
        }
    });
    if (res.status !== 200) {
        let parsed = null;
        try {
            parsed = JSON.parse(res.text);
        }
        catch {
            parsed = null;
        }
        const type = awsErrorType(res.headers, parsed);
        throw new Error(explainAwsApiError(res.status, type, (0,secrets.scrub)(parsed?.message ?? parsed?.Message ?? res.text.slice(0, 200)), id.label));
    }
    return res.json;
}
/**
 * Runs up to `lookahead` month tasks at once and yields their records in task order, page by page: the
 * records of the task being consumed stream out as its pages arrive, later tasks keep their pages until
 * their turn. The output order is that of the tasks (deterministic). Memory is bounded by records, not by
 * months: the tasks nearest the head have the first claim on `budget` records (waiting, or being fetched:
 * a page counts as `pageSize`); a task further back whose records, with those ahead of it, would exceed it
 * holds its next request until the consumer catches up. When the consumer keeps up nothing waits and
 * `budget / pageSize` pages are in flight; the head and the task after it never wait, so the next month
 * is on its way while the head is consumed.
 */
async function* streamInOrder(plan, lookahead, budget, pageSize) {
    const tasks = await plan();
    const started = [];
    let next = 0;
    /** Whether a stream may go on fetching: near the head, or within the budget with the streams ahead of it. */
    const mayFetch = (s) => {
        let ahead = pageSize;
        for (let i = 0; i < started.length; i++) {
            ahead += started[i].waiting + started[i].reserved;
            if (started[i] === s)
                return i < 2 || ahead <= budget;
        }
        return true;
    };
    const release = () => {
        for (const s of started) {
            if (s.resume && mayFetch(s)) {
                const r = s.resume;
                s.resume = null;
                s.reserved = pageSize;
                r();
            }
        }
    };
    const fill = () => {
        while (next < tasks.length && started.length < lookahead) {
            const s = { pages: [], waiting: 0, reserved: 0, done: false, failure: null, wake: null, resume: null };
            const notify = () => {
                const w = s.wake;
                s.wake = null;
                w?.();
            };
            const finish = () => {
                s.done = true;
                notify();
            };
            tasks[next++]({
                emit: (page) => {
                    if (page.count > 0)
                        s.pages.push(page);
                    s.waiting += page.count;
                    s.reserved = 0;
                    notify();
                    release();
                },
                turn: () => {
                    if (!mayFetch(s))
                        return new Promise((resume) => (s.resume = resume));
                    s.reserved = pageSize;
                    return Promise.resolve();
                }
            }).then(finish, (error) => {
                s.failure = { error };
                finish();
            });
            started.push(s);
        }
    };
    fill();
    while (started.length > 0) {
        const s = started[0];
        const page = s.pages.shift();
        if (page !== undefined) {
            s.waiting -= page.count;
            release();
            yield page;
        }
        else if (s.done) {
            if (s.failure)
                throw s.failure.error;
            started.shift();
            fill();
            release();
        }
        else {
            await new Promise((resolve) => (s.wake = resolve));
        }
    }
}


/***/ })

};
