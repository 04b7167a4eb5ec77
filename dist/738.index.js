export const id = 738;
export const ids = [738,194];
export const modules = {

/***/ 63738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(44708);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
// EXTERNAL MODULE: ./node_modules/https-proxy-agent/dist/index.js + 4 modules
var dist = __webpack_require__(45833);
// EXTERNAL MODULE: ./src/body.ts
var src_body = __webpack_require__(8255);
;// CONCATENATED MODULE: ./src/http.ts
/**
 * The one HTTP layer every outbound call goes through: bounded concurrency for the whole run, a timeout per
 * attempt, retries on 408/429/5xx and network faults with full-jitter exponential backoff that honours
 * `Retry-After`, the run's deadline, and HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
 *
 * It returns the final response whatever its status (providers read their own error bodies) and throws an
 * HttpError only when no response could be had.
 */




/** The run's time budget stopped this request (a cause told apart by its type, never by its text). */
function isDeadlineError(e) {
    for (let c = e, depth = 0; c instanceof Error && depth < 8; c = c.cause, depth++) {
        if (c instanceof HttpError && c.kind === 'deadline')
            return true;
    }
    return false;
}
class HttpError extends Error {
    kind;
    attempts;
    constructor(message, kind, attempts) {
        super(message);
        this.kind = kind;
        this.attempts = attempts;
        this.name = 'HttpError';
    }
}
/**
 * The time a step that runs after the providers may take: the rest of the run's budget (`deadlineAt`, ms
 * since the epoch; none = `max`), at least `min` (what it serves is written already and worth a short wait),
 * at most `max`.
 */
function remainingBudgetMs(deadlineAt, min, max, now = Date.now()) {
    if (deadlineAt === undefined)
        return max;
    return Math.min(max, Math.max(min, deadlineAt - now));
}
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Bodies of a declared length in this range are gathered into one buffer of that length as they arrive. */
const WHOLE_BODY_BYTES = 64 * 1024;
const MAX_WHOLE_BODY_BYTES = 64 * 1024 * 1024;
function defaultSleep(ms, signal) {
    return new Promise((resolve, reject) => {
        if (signal?.aborted)
            return reject(signal.reason);
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
    });
}
/** Retry-After as milliseconds: delta-seconds or an HTTP-date. */
function parseRetryAfter(value, now) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v === undefined || v.trim() === '')
        return null;
    if (/^\d+(\.\d+)?$/.test(v.trim()))
        return Math.round(Number(v.trim()) * 1000);
    const date = Date.parse(v);
    if (Number.isNaN(date))
        return null;
    return Math.max(0, date - now);
}
/** NO_PROXY matching as curl and most tools do it: `*`, host suffixes (with or without a leading dot), ports. */
function bypassesProxy(url, noProxy) {
    if (!noProxy)
        return false;
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    for (const raw of noProxy.split(/[,\s]+/)) {
        const entry = raw.trim().toLowerCase();
        if (entry === '')
            continue;
        if (entry === '*')
            return true;
        const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
        const name = (m?.[1] ?? entry).replace(/^\*?\./, '');
        if (m?.[2] && m[2] !== port)
            continue;
        if (host === name || host.endsWith(`.${name}`))
            return true;
    }
    return false;
}
/** A counting semaphore, FIFO. */
class Semaphore {
    limit;
    active = 0;
    queue = [];
    constructor(limit) {
        this.limit = limit;
    }
    async acquire() {
        if (this.active < this.limit) {
            this.active++;
            return;
        }
        await new Promise((resolve) => this.queue.push(resolve));
    }
    release() {
        const next = this.queue.shift();
        if (next)
            next();
        else
            this.active--;
    }
}
class HttpClient {
    slots;
    /**
     * Throttling holds, per throttle scope: until when (ms since the epoch) new requests wait. A throttled answer
     * (429, a 503 with Retry-After, or one the request calls transient, like STS's 400 Throttling) slows the
     * whole scope down, not only the request that got it: the other requests in flight and queued would
     * otherwise keep the rate that was refused, each collecting a 429 of its own.
     */
    holds = new Map();
    direct;
    plain;
    proxied = new Map();
    o;
    /** Requests made (attempts included), for the run's log. */
    attempts = 0;
    constructor(options) {
        this.o = {
            attemptTimeoutMs: 60_000,
            maxAttempts: 6,
            baseDelayMs: 500,
            maxDelayMs: 20_000,
            maxRetryAfterMs: 120_000,
            sleep: defaultSleep,
            random: Math.random,
            now: Date.now,
            env: process.env,
            ...options
        };
        this.slots = new Semaphore(Math.max(1, options.concurrency));
        this.direct = new external_node_https_.Agent({ keepAlive: true, maxSockets: Math.max(1, options.concurrency) });
        this.plain = new external_node_http_.Agent({ keepAlive: true, maxSockets: Math.max(1, options.concurrency) });
    }
    /** The agent for a URL: direct, or through the proxy the environment names. */
    agentFor(url) {
        // The clouds are HTTPS only; plain HTTP (local test servers) never goes through a proxy.
        if (url.protocol === 'http:')
            return this.plain;
        const env = this.o.env;
        const noProxy = env.NO_PROXY ?? env.no_proxy;
        const proxy = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
        if (!proxy || bypassesProxy(url, noProxy))
            return this.direct;
        let agent = this.proxied.get(proxy);
        if (!agent) {
            agent = new dist/* HttpsProxyAgent */.b(proxy, { keepAlive: true, maxSockets: this.o.concurrency });
            this.proxied.set(proxy, agent);
        }
        return agent;
    }
    close() {
        this.direct.destroy();
        this.plain.destroy();
        for (const a of this.proxied.values())
            a.destroy();
    }
    async request(req) {
        const url = new URL(req.url);
        const where = `${req.service} (${req.method} ${url.origin}${url.pathname})`;
        const maxAttempts = req.retry === false ? 1 : this.o.maxAttempts;
        const scope = `${req.service}\u0000${url.origin}\u0000${req.throttleScope ?? ''}`;
        /** The end of a hold this request has waited out already (its own, or one it slept through). */
        let heldUntil = 0;
        let lastProblem = '';
        for (let attempt = 1;; attempt++) {
            this.checkDeadline(where, attempt - 1);
            heldUntil = await this.waitForHold(scope, heldUntil, where, attempt - 1);
            await this.slots.acquire();
            if (this.o.deadline?.aborted) {
                // The budget ran out while this request waited for a slot: it is not sent.
                this.slots.release();
                this.checkDeadline(where, attempt - 1);
            }
            let res;
            let failure;
            const started = this.o.now();
            try {
                const headers = { ...(req.headers ?? {}) };
                const signed = req.sign ? await req.sign({ method: req.method, url, headers, body: req.body }) : headers;
                res = await this.once(req, url, signed, attempt);
            }
            catch (e) {
                failure = e instanceof HttpError ? e : new HttpError(`${where}: ${e.message}`, 'network', attempt);
            }
            finally {
                this.slots.release();
                this.attempts++;
            }
            this.o.log?.(`${req.method} ${url.origin}${url.pathname} -> ${res ? res.status : failure?.kind} (${this.o.now() - started} ms, attempt ${attempt})`);
            if (failure?.kind === 'deadline')
                throw failure;
            let retryAfter = null;
            if (res) {
                if (req.expectJson && res.status >= 200 && res.status < 300) {
                    try {
                        // The text is not kept on the response: a page's text would live as long as its rows.
                        res.json = req.decode ? await req.decode(res.body) : (0,src_body/* parseJsonBody */.Y2)((0,src_body/* bodyText */.G3)(res.body));
                        return res;
                    }
                    catch (e) {
                        if (!(e instanceof src_body/* RetryBodyError */.Th))
                            throw e;
                        lastProblem = e.message;
                        failure = new HttpError(`${where}: ${lastProblem}`, 'bad-body', attempt);
                    }
                }
                else if (!RETRY_STATUS.has(res.status) && !req.transient?.(res)) {
                    return res;
                }
                else {
                    retryAfter = parseRetryAfter(res.headers['retry-after'], this.o.now());
                    lastProblem = `HTTP ${res.status}`;
                    if (attempt >= maxAttempts || (retryAfter !== null && retryAfter > this.o.maxRetryAfterMs))
                        return res;
                }
            }
            else if (failure) {
                lastProblem = failure.message;
            }
            if (attempt >= maxAttempts) {
                throw new HttpError(`${where} failed after ${attempt} attempt${attempt > 1 ? 's' : ''}: ${lastProblem.replace(`${where}: `, '')}`, failure?.kind ?? 'network', attempt);
            }
            const backoff = Math.floor(this.o.random() * Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** (attempt - 1)));
            const wait = retryAfter !== null ? retryAfter + Math.floor(this.o.random() * this.o.baseDelayMs) : backoff;
            if (res && (res.status === 429 || (res.status === 503 && retryAfter !== null) || req.transient?.(res))) {
                heldUntil = this.hold(scope, retryAfter ?? backoff, where);
            }
            await this.pause(wait, where, attempt);
        }
    }
    /** Holds the scope's new requests for `ms` (or longer, if already held longer); returns the hold's end. */
    hold(scope, ms, where) {
        const until = Math.max(this.holds.get(scope) ?? 0, this.o.now() + ms);
        if (until !== this.holds.get(scope)) {
            this.holds.set(scope, until);
            this.o.log?.(`${where}: throttled; its other requests wait ${until - this.o.now()} ms`);
        }
        return until;
    }
    /**
     * Waits out the scope's hold, if one is on that this request has not waited out yet (`heldUntil`), with a
     * jitter so that the held requests do not all start at once; returns the end of the hold waited for.
     */
    async waitForHold(scope, heldUntil, where, attempts) {
        for (;;) {
            const until = this.holds.get(scope);
            if (until === undefined || until <= heldUntil)
                return heldUntil;
            const ms = until - this.o.now();
            if (ms <= 0) {
                this.holds.delete(scope);
                return heldUntil;
            }
            await this.pause(ms + Math.floor(this.o.random() * this.o.baseDelayMs), where, attempts);
            heldUntil = until;
        }
    }
    /** Sleeps `ms`, cut short by the run's deadline (which then fails the request). */
    async pause(ms, where, attempts) {
        try {
            await this.o.sleep(ms, this.o.deadline);
        }
        catch {
            this.checkDeadline(where, attempts);
        }
    }
    checkDeadline(where, attempts) {
        if (this.o.deadline?.aborted) {
            throw new HttpError(`${where}: stopped, the run's time budget (timeout-minutes) is spent`, 'deadline', attempts);
        }
    }
    once(req, url, headers, attempt) {
        const where = `${req.service} (${req.method} ${url.origin}${url.pathname})`;
        return new Promise((resolve, reject) => {
            const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
            const h = { 'user-agent': 'cloud-carbon-report/1', ...headers };
            if (body !== undefined)
                h['content-length'] = String(body.length);
            const lib = url.protocol === 'http:' ? external_node_http_ : external_node_https_;
            let settled = false;
            const done = (fn) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(timer);
                this.o.deadline?.removeEventListener('abort', onDeadline);
                fn();
            };
            const r = lib.request(url, { method: req.method, headers: h, agent: this.agentFor(url) }, (res) => {
                // A large body of declared length is copied into one buffer as it arrives (no list of chunks to join at
                // the end); the buffer is its own, so a page decoder on another thread can take it without a copy.
                const declared = Number(res.headers['content-length']);
                let whole = Number.isSafeInteger(declared) && declared >= WHOLE_BODY_BYTES && declared <= MAX_WHOLE_BODY_BYTES
                    ? Buffer.allocUnsafeSlow(declared)
                    : null;
                let got = 0;
                const chunks = [];
                res.on('data', (c) => {
                    if (whole !== null && got + c.length <= whole.length) {
                        c.copy(whole, got);
                        got += c.length;
                        return;
                    }
                    // More than declared (the parser should not let that happen): the plain way from here.
                    if (whole !== null)
                        chunks.push(whole.subarray(0, got));
                    whole = null;
                    chunks.push(c);
                });
                res.on('error', (e) => done(() => reject(new HttpError(`${where}: the response was cut off (${e.message})`, 'network', attempt))));
                res.on('aborted', () => done(() => reject(new HttpError(`${where}: the response was cut off`, 'network', attempt))));
                res.on('end', () => {
                    if (!res.complete) {
                        done(() => reject(new HttpError(`${where}: the response was cut off`, 'network', attempt)));
                        return;
                    }
                    const buf = whole !== null && got === whole.length
                        ? whole
                        : Buffer.concat(whole !== null ? [whole.subarray(0, got)] : chunks);
                    done(() => resolve(response(res.statusCode ?? 0, res.headers, buf, attempt)));
                });
            });
            const timer = setTimeout(() => {
                r.destroy();
                done(() => reject(new HttpError(`${where}: no answer within ${Math.round(this.o.attemptTimeoutMs / 1000)} s`, 'timeout', attempt)));
            }, this.o.attemptTimeoutMs);
            const onDeadline = () => {
                r.destroy();
                done(() => reject(new HttpError(`${where}: stopped, the run's time budget (timeout-minutes) is spent`, 'deadline', attempt)));
            };
            this.o.deadline?.addEventListener('abort', onDeadline, { once: true });
            r.on('error', (e) => done(() => reject(new HttpError(`${where}: ${networkMessage(e)}`, 'network', attempt))));
            if (body !== undefined)
                r.end(body);
            else
                r.end();
        });
    }
}
function networkMessage(e) {
    switch (e.code) {
        case 'ECONNREFUSED':
            return 'connection refused (is the endpoint right?)';
        case 'ECONNRESET':
            return 'the connection was reset';
        case 'ENOTFOUND':
            return 'the host name does not resolve';
        case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
        case 'SELF_SIGNED_CERT_IN_CHAIN':
        case 'DEPTH_ZERO_SELF_SIGNED_CERT':
            return `the server's TLS certificate is not trusted (${e.code}); add its CA with NODE_EXTRA_CA_CERTS`;
        default:
            return e.code ? `${e.message} (${e.code})` : e.message;
    }
}
/** A response whose text is made when first read. */
function response(status, headers, body, attempts) {
    let text;
    return {
        status,
        headers,
        body,
        get text() {
            return (text ??= (0,src_body/* bodyText */.G3)(body));
        },
        attempts
    };
}

// EXTERNAL MODULE: ./src/providers/aws/env.ts
var env = __webpack_require__(28531);
;// CONCATENATED MODULE: ./src/providers/aws/inputs.ts

const ROLE_ARN = /^arn:aws(-cn|-us-gov|-iso|-iso-b)?:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
function parseAwsInputs(i) {
    const roles = [];
    for (const r of i.list('aws-role-to-assume')) {
        if (!ROLE_ARN.test(r)) {
            i.bad('aws-role-to-assume', r, 'is not an IAM role ARN', 'Use arn:aws:iam::<12-digit account id>:role/<name>, one per line or comma-separated.');
        }
        else if (roles.includes(r)) {
            i.bad('aws-role-to-assume', r, 'is listed twice', 'List each role once (one per AWS Organization), or its data would be counted twice.');
        }
        else
            roles.push(r);
    }
    const region = i.get('aws-region') || 'us-east-1';
    if (!AWS_REGION.test(region))
        i.bad('aws-region', region, 'is not an AWS region', 'Use a region code such as us-east-1.');
    const audience = i.get('aws-audience') || 'sts.amazonaws.com';
    const sessionName = i.get('aws-role-session-name') || 'cloud-carbon-report';
    if (!SESSION_NAME.test(sessionName)) {
        i.bad('aws-role-session-name', sessionName, 'is not a valid role session name', 'Use 2 to 64 characters of letters, digits and + = , . @ - _.');
    }
    const accountIds = [];
    for (const a of i.list('aws-account-ids')) {
        if (!/^\d{12}$/.test(a))
            i.bad('aws-account-ids', a, 'is not an AWS account id', 'Use 12-digit account ids (keep leading zeros), comma- or newline-separated.');
        else if (!accountIds.includes(a))
            accountIds.push(a);
    }
    // The SDKs' FIPS switch is an input of the run too: a value they would not read is said before any request.
    const fips = (i.env.AWS_USE_FIPS_ENDPOINT ?? '').trim();
    if (i.selected.includes('aws') && !i.merge) {
        const useFips = (0,env/* useFipsFromEnv */.j)(i.env);
        if (useFips === null)
            i.problem(`The environment variable AWS_USE_FIPS_ENDPOINT ${JSON.stringify(fips)} is not true or false. Set it to true for the FIPS endpoints, or remove it.`);
        else if (useFips && (0,env/* configuredEndpoint */.i)(i.env, 'SUSTAINABILITY') !== null)
            i.problem(`AWS_USE_FIPS_ENDPOINT=true with a configured endpoint (AWS_ENDPOINT_URL_SUSTAINABILITY or AWS_ENDPOINT_URL): the Sustainability API's endpoint rules support no FIPS with a custom endpoint. Remove one of them.`);
    }
    return { roles, region, audience, sessionName, accountIds };
}

;// CONCATENATED MODULE: ./src/inputs.ts
/** One or more bad inputs. The message names each input and its fix. */
class InputError extends Error {
    problems;
    constructor(problems) {
        super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** Reads an input as `@actions/core` does: `INPUT_<NAME>` upper-cased, spaces to `_`, trimmed. */
function readInput(env, name) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** Splits a list input on commas and newlines; blanks and surrounding spaces are ignored. */
function splitList(value) {
    return value
        .split(/[,\n\r]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** What is wrong with a URL for a cloud endpoint (absolute, https, no user info), or null; `shown` never holds credentials. */
function httpsUrlProblem(v) {
    let u;
    try {
        u = new URL(v);
    }
    catch {
        return { shown: v, what: 'is not a URL', fix: 'Give an absolute https:// URL.' };
    }
    if (u.username || u.password)
        return {
            shown: '(a URL with credentials)',
            what: 'has user info in it',
            fix: 'Remove the user:password@ part; credentials never go in URLs.'
        };
    if (u.protocol !== 'https:')
        return { shown: v, what: 'is not HTTPS', fix: 'The clouds are called over HTTPS only: give an https:// URL.' };
    return null;
}
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An Inputs over the environment, collecting problems into `problems` (each once). */
function inputsOf(env, selected, merge, problems) {
    const problem = (text) => {
        if (!problems.includes(text))
            problems.push(text);
    };
    const bad = (name, value, why, fix) => problem(`Input '${name}': ${value === '' ? 'empty' : JSON.stringify(value)} ${why}. ${fix}`);
    const get = (name) => readInput(env, name);
    return {
        env,
        selected,
        merge,
        get,
        list: (name) => splitList(get(name)),
        bad,
        problem,
        url(name, dflt) {
            const v = get(name);
            if (v === '')
                return dflt;
            const p = httpsUrlProblem(v);
            if (p === null)
                return v.replace(/\/+$/, '');
            bad(name, p.shown, p.what, p.fix);
            return dflt;
        }
    };
}

;// CONCATENATED MODULE: ./src/auth/entra-inputs.ts
/**
 * The Entra inputs (`azure-client-id`, `azure-tenant-id`, `azure-audience`, `azure-environment`,
 * `azure-authority-host`): one sign-in shared by the azure and mcfs providers, parsed by both sections (the
 * problems are said once).
 */

const AZURE_CLOUDS = {
    AzureCloud: { authority: 'https://login.microsoftonline.com', arm: 'https://management.azure.com' },
    AzureUSGovernment: { authority: 'https://login.microsoftonline.us', arm: 'https://management.usgovcloudapi.net' },
    AzureChinaCloud: { authority: 'https://login.chinacloudapi.cn', arm: 'https://management.chinacloudapi.cn' }
};
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
function parseEntraInputs(i) {
    const clientId = i.get('azure-client-id');
    if (clientId !== '' && !GUID.test(clientId))
        i.bad('azure-client-id', clientId, 'is not a GUID', 'Use the application (client) id of the app registration, e.g. 00000000-0000-0000-0000-000000000000.');
    const tenantId = i.get('azure-tenant-id');
    if (tenantId !== '' && !GUID.test(tenantId) && !DNS_NAME.test(tenantId)) {
        i.bad('azure-tenant-id', tenantId, 'is not a tenant id', 'Use the directory (tenant) id GUID or the tenant domain (contoso.onmicrosoft.com).');
    }
    if (clientId !== '' && tenantId === '') {
        i.problem(`Input 'azure-tenant-id' is required with azure-client-id. Give the directory (tenant) id of the app registration.`);
    }
    let environment = 'AzureCloud';
    const rawEnvironment = i.get('azure-environment');
    if (rawEnvironment !== '') {
        const found = Object.keys(AZURE_CLOUDS).find((k) => k.toLowerCase() === rawEnvironment.toLowerCase());
        if (found)
            environment = found;
        else
            i.bad('azure-environment', rawEnvironment, 'is not an Azure cloud', 'Use AzureCloud, AzureUSGovernment or AzureChinaCloud (or set azure-authority-host and azure-resource-manager-endpoint).');
    }
    // The variable is the input's default: checked the same way, when Entra is used and the input does not override it.
    const envAuthority = (i.env.AZURE_AUTHORITY_HOST ?? '').trim();
    const usesEntra = i.selected.includes('azure') || i.selected.includes('mcfs');
    const envProblem = envAuthority !== '' && i.get('azure-authority-host') === '' && usesEntra ? httpsUrlProblem(envAuthority) : null;
    if (envProblem !== null) {
        i.problem(`The environment variable AZURE_AUTHORITY_HOST ${JSON.stringify(envProblem.shown)} ${envProblem.what}. ${envProblem.fix} Or remove the variable, or give azure-authority-host.`);
    }
    const authorityDefault = envAuthority.replace(/\/+$/, '') || AZURE_CLOUDS[environment].authority;
    const authorityHost = i.url('azure-authority-host', authorityDefault);
    return {
        clientId,
        tenantId,
        audience: i.get('azure-audience') || 'api://AzureADTokenExchange',
        environment,
        authorityHost,
        customAuthority: authorityHost.toLowerCase() !== AZURE_CLOUDS[environment].authority
    };
}

;// CONCATENATED MODULE: ./src/providers/azure/inputs.ts
/** The azure provider's inputs: the Entra sign-in, the subscriptions and the ARM endpoint. */


function parseAzureInputs(i) {
    const entra = parseEntraInputs(i);
    const subscriptionIds = [];
    for (const s of i.list('azure-subscription-ids')) {
        if (!GUID.test(s))
            i.bad('azure-subscription-ids', s, 'is not a subscription id', 'Use subscription GUIDs, comma- or newline-separated.');
        else if (!subscriptionIds.includes(s.toLowerCase()))
            subscriptionIds.push(s.toLowerCase());
    }
    const resourceManagerEndpoint = i.url('azure-resource-manager-endpoint', AZURE_CLOUDS[entra.environment].arm);
    return { ...entra, subscriptionIds, resourceManagerEndpoint };
}

;// CONCATENATED MODULE: ./src/providers/mcfs/inputs.ts
/** The mcfs provider's inputs: the instance, the data sets, the API key, and the shared Entra sign-in. */


function parseMcfsInputs(i) {
    const entra = parseEntraInputs(i);
    const mcfs = {
        instanceId: i.get('mcfs-instance-id'),
        enrollmentId: i.get('mcfs-enrollment-id'),
        tenantId: i.get('mcfs-tenant-id'),
        apiKey: i.get('mcfs-api-key'),
        endpoint: i.url('mcfs-endpoint', 'https://api.mcfs.microsoft.com'),
        entra
    };
    if (mcfs.instanceId !== '' && !/^[\w-]{1,128}$/.test(mcfs.instanceId))
        i.bad('mcfs-instance-id', mcfs.instanceId, 'is not an instance id', 'Use the MCFS instance id (a GUID) from your Microsoft Cloud for Sustainability environment.');
    if (mcfs.enrollmentId !== '' && !/^[\w-]{1,64}$/.test(mcfs.enrollmentId))
        i.bad('mcfs-enrollment-id', mcfs.enrollmentId, 'is not an enrollment id', 'Use the billing account (enrollment) number, e.g. 12345678.');
    if (mcfs.tenantId !== '' && !GUID.test(mcfs.tenantId))
        i.bad('mcfs-tenant-id', mcfs.tenantId, 'is not a tenant id', 'Use the Microsoft 365 tenant id GUID.');
    // A merge job reads the shards' reports and signs in nowhere: it does not need the MCFS key and ids.
    if (i.selected.includes('mcfs') && !i.merge) {
        if (mcfs.instanceId === '')
            i.problem(`Input 'mcfs-instance-id' is required with the mcfs provider. Give your MCFS instance id.`);
        if (mcfs.enrollmentId === '' && mcfs.tenantId === '')
            i.problem(`Input 'mcfs-enrollment-id' (or 'mcfs-tenant-id') is required with the mcfs provider. Give the enrollment (billing account) to report, the Microsoft 365 tenant, or both.`);
        if (mcfs.apiKey === '')
            i.problem(`Input 'mcfs-api-key' is required with the mcfs provider. Store the API Management key as a repository secret and pass it: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`);
    }
    return mcfs;
}

// EXTERNAL MODULE: ./src/providers/gcp/settings.ts
var settings = __webpack_require__(57726);
;// CONCATENATED MODULE: ./src/providers/gcp/inputs.ts

function parseGcpInputs(i) {
    return (0,settings/* parseGcpSettings */.Tu)({
        input: i.get,
        bad: i.bad,
        problem: i.problem,
        env: i.env,
        selected: i.selected.includes('gcp') && !i.merge
    });
}

;// CONCATENATED MODULE: ./src/providers/registry.ts




const PROVIDERS = {
    aws: {
        label: 'AWS',
        short: 'AWS',
        publicationDay: 21,
        parseInputs: parseAwsInputs,
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(773), __webpack_require__.e(211), __webpack_require__.e(653)]).then(__webpack_require__.bind(__webpack_require__, 33653))).awsProvider
    },
    azure: {
        label: 'Azure',
        short: 'Azure',
        publicationDay: 19,
        parseInputs: parseAzureInputs,
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(369), __webpack_require__.e(823)]).then(__webpack_require__.bind(__webpack_require__, 90823))).azureProvider
    },
    mcfs: {
        label: 'Microsoft Cloud for Sustainability',
        short: 'MCFS',
        // MCFS publishes no schedule: treated as Azure's.
        publicationDay: 19,
        parseInputs: parseMcfsInputs,
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(369), __webpack_require__.e(573)]).then(__webpack_require__.bind(__webpack_require__, 59573))).mcfsProvider
    },
    gcp: {
        label: 'Google Cloud',
        short: 'GCP',
        publicationDay: 15,
        parseInputs: parseGcpInputs,
        load: async () => (await __webpack_require__.e(/* import() */ 708).then(__webpack_require__.bind(__webpack_require__, 7708))).gcpProvider
    }
};
/** A provider's name in prose; an id this version does not know (an older report's, say) as it is. */
function providerLabel(id) {
    return id in PROVIDERS ? PROVIDERS[id].label : id;
}
/** "AWS publishes a month by the 21st of the next month, Azure by the 19th, \u2026", for messages. */
function publicationSchedule(ids) {
    const th = (d) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;
    return ids
        .map((id, i) => `${PROVIDERS[id].short} ${i === 0 ? 'publishes a month ' : ''}by the ${th(PROVIDERS[id].publicationDay)}${i === 0 ? ' of the next' : ''}`)
        .join(', ');
}
// One module graph is linked at a time: the loads are microseconds apart anyway, and concurrent dynamic
// imports of modules that share dependencies trip some ESM loaders (jest's vm modules among them).
let queue = Promise.resolve();
function loadProvider(id) {
    const next = queue.then(() => PROVIDERS[id].load());
    queue = next.catch(() => undefined);
    return next;
}

;// CONCATENATED MODULE: ./src/shard.ts
/** The units of shard i of n: the i-th of n contiguous blocks (sizes differ by at most one). */
function shareOf(units, shard) {
    if (shard === null)
        return [...units];
    const from = Math.floor(((shard.index - 1) * units.length) / shard.count);
    const to = Math.floor((shard.index * units.length) / shard.count);
    return units.slice(from, to);
}
function shardArtifactName(name, shard) {
    return `${name}-shard-${shard.index}-of-${shard.count}`;
}
/** Which of `names` are shard artifacts of `name`; a clear error when they do not make one complete set. */
function checkShardSet(name, names) {
    const re = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-shard-(\\d+)-of-(\\d+)$`);
    const found = [];
    for (const n of names) {
        const m = re.exec(n);
        if (m)
            found.push({ index: Number(m[1]), count: Number(m[2]), name: n });
    }
    if (found.length === 0) {
        throw new Error(`mode: merge found no artifact named ${name}-shard-<i>-of-<n> in this workflow run. Run the shard jobs first (shard: i/n with the same artifact-name) and make the merge job need them.`);
    }
    const counts = [...new Set(found.map((f) => f.count))];
    if (counts.length > 1)
        throw new Error(`mode: merge found shard artifacts of different matrix sizes (${counts.map((c) => `of-${c}`).join(', ')}): every shard job must use the same n in shard: i/n.`);
    const count = counts[0];
    const byIndex = new Map();
    const twice = [];
    for (const f of found) {
        if (byIndex.has(f.index))
            twice.push(f.index);
        byIndex.set(f.index, f.name);
    }
    if (twice.length > 0)
        throw new Error(`mode: merge found shard ${[...new Set(twice)].join(', ')} of ${count} more than once: each shard index must run exactly once.`);
    const missing = [];
    for (let i = 1; i <= count; i++)
        if (!byIndex.has(i))
            missing.push(i);
    if (missing.length > 0) {
        throw new Error(`mode: merge is missing shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} (${missing.map((i) => `${name}-shard-${i}-of-${count}`).join(', ')}): a shard job failed before its upload or has not finished. The merge job should need every shard job.`);
    }
    return byIndex;
}
/** The status of a provider over all shards: ok when every shard was ok, failed when none brought data. */
function mergedStatus(statuses, records) {
    if (statuses.every((s) => s === 'ok'))
        return 'ok';
    return records > 0 ? 'partial' : 'failed';
}
/** Distinct strings in first-seen order. */
function unionOf(lists) {
    const out = [];
    const seen = new Set();
    for (const list of lists)
        for (const s of list) {
            if (seen.has(s))
                continue;
            seen.add(s);
            out.push(s);
        }
    return out;
}

// EXTERNAL MODULE: ./src/providers/kit/schedule.ts
var schedule = __webpack_require__(12448);
;// CONCATENATED MODULE: ./src/providers/kit/run.ts



/** A budget so large that only `lookahead` bounds what runs ahead (tasks that return their records at once). */
const UNBOUNDED = { records: Number.MAX_SAFE_INTEGER, pageSize: 0 };
/** `place`: sees each batch as it arrives, ahead of its turn (streamInOrder). */
async function* runProvider(provider, ctx, place) {
    const plan = await provider.plan(ctx);
    if (plan === null)
        return;
    const { shard } = ctx.settings;
    const mine = shareOf(plan.units, shard);
    if (shard !== null)
        ctx.log(`${providerLabel(provider.id)}: shard ${shard.index}/${shard.count} takes ${mine.length} of ${plan.units.length} ${plan.unit} units`);
    if (mine.length === 0)
        return;
    try {
        const tasks = await plan.start(mine);
        const budget = plan.budget ?? UNBOUNDED;
        const market = ctx.settings.method === 'market';
        let fellBack = 0;
        for await (const batch of (0,schedule/* streamInOrder */.Y)(tasks, plan.lookahead, budget.records, budget.pageSize, place)) {
            fellBack += market ? batch.noMarket : batch.noLocation;
            yield batch;
        }
        if (fellBack > 0 && plan.fallbackNote)
            ctx.note(plan.fallbackNote(fellBack));
        await plan.end?.();
    }
    finally {
        await plan.close?.();
    }
}

// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(46193);
;// CONCATENATED MODULE: ./src/report/read.ts
/**
 * The one reader of report.json (the shard merge, the baseline, the bench): the header (every key but
 * `records`) and each record, streamed, so a million records are never held at once. It scans JSON tokens
 * (strings, nesting) instead of trusting the writer's indentation, so a report.json re-formatted by another
 * tool reads the same; anything that is not a report.json of this action is a clear error naming the file.
 */


/** A report.json record back to a record (kg with at most 3 decimals -> exact grams). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed report.json record
function recordFromJson(o) {
    if (o === null || typeof o !== 'object' || typeof o.provider !== 'string' || typeof o.month !== 'string')
        throw new Error('a record needs at least provider and month');
    const g = (v) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000));
    const r = {
        provider: o.provider,
        account: o.account,
        accountName: o.accountName ?? null,
        month: o.month,
        service: o.service ?? null,
        region: o.region ?? null,
        grams: g(o.kgCO2e) ?? 0,
        marketGrams: g(o.marketKgCO2e),
        locationGrams: g(o.locationKgCO2e),
        scope1Grams: g(o.scope1KgCO2e),
        scope2MarketGrams: g(o.scope2MarketKgCO2e),
        scope2LocationGrams: g(o.scope2LocationKgCO2e),
        scope3MarketGrams: g(o.scope3MarketKgCO2e),
        scope3LocationGrams: g(o.scope3LocationKgCO2e),
        modelVersion: o.modelVersion ?? null
    };
    if (o.extra && typeof o.extra === 'object')
        r.extra = o.extra;
    return r;
}
/** Why a file is not a report.json: the reader's callers word it for their input (baseline, shard). */
class ReportReadError extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
    }
}
const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;
const SPACE = 32;
/**
 * Token scanner over text arriving in chunks: it splits the top-level object into the header text (with
 * `records` emptied) and the text of each record (the elements of the top-level `records` array).
 */
class ReportScanner {
    onElement;
    header = '';
    /** Whether the top-level `records` array was found. */
    sawRecords = false;
    started = false;
    depth = 0;
    inString = false;
    escaped = false;
    /** The last string closed at depth 1 (a key, when an array opens next), and the one being read. */
    lastKey = '';
    key = null;
    inRecords = false;
    /** The text of the record being read, when it spans chunks. */
    element = '';
    inElement = false;
    constructor(onElement) {
        this.onElement = onElement;
    }
    push(chunk) {
        if (!this.started && chunk.length > 0) {
            this.started = true;
            if (chunk.charCodeAt(0) === 0xfeff)
                chunk = chunk.slice(1);
        }
        let headerFrom = this.inRecords ? -1 : 0;
        let keyFrom = 0;
        let elementFrom = 0;
        const n = chunk.length;
        for (let i = 0; i < n; i++) {
            const c = chunk.charCodeAt(i);
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (c === BACKSLASH)
                    this.escaped = true;
                else if (c === QUOTE) {
                    this.inString = false;
                    if (this.key !== null) {
                        this.lastKey = this.key + chunk.slice(keyFrom, i);
                        this.key = null;
                    }
                }
                continue;
            }
            if (c === QUOTE) {
                this.inString = true;
                if (this.depth === 1) {
                    this.key = '';
                    keyFrom = i + 1;
                }
            }
            else if (c === OPEN_OBJ || c === OPEN_ARR) {
                this.depth++;
                if (this.depth === 2 && c === OPEN_ARR && this.lastKey === 'records' && !this.inRecords) {
                    this.header += chunk.slice(headerFrom, i + 1);
                    headerFrom = -1;
                    this.inRecords = true;
                    this.sawRecords = true;
                }
                else if (this.inRecords && this.depth === 3) {
                    this.inElement = true;
                    this.element = '';
                    elementFrom = i;
                }
            }
            else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
                if (this.inRecords && this.depth === 3) {
                    const text = this.element + chunk.slice(elementFrom, i + 1);
                    this.inElement = false;
                    this.element = '';
                    this.onElement(text);
                }
                else if (this.inRecords && this.depth === 2) {
                    this.inRecords = false;
                    headerFrom = i;
                }
                this.depth--;
                if (this.depth < 0)
                    throw new ReportReadError('json', 'unbalanced brackets');
            }
            else if (this.inRecords && this.depth === 2 && c !== COMMA && c > SPACE) {
                throw new ReportReadError('records', 'a record is not an object');
            }
        }
        if (this.key !== null)
            this.key += chunk.slice(keyFrom);
        if (this.inElement)
            this.element += chunk.slice(elementFrom);
        if (headerFrom !== -1)
            this.header += chunk.slice(headerFrom);
    }
    get complete() {
        return this.depth === 0 && !this.inString && this.header.trim() !== '';
    }
}
/**
 * Reads a report.json as this action writes it: `onRecord` gets each record (the parsed JSON object, with its
 * index) in order; the header (every key but `records`) is returned once the whole file is read. A file that
 * is not a report.json is a ReportReadError; errors of `onRecord` and of the file system pass through.
 */
async function readReportObjects(file, onRecord) {
    let index = 0;
    const scanner = new ReportScanner((text) => {
        let o;
        try {
            o = JSON.parse(text);
        }
        catch (e) {
            throw new ReportReadError('records', `record ${index + 1} is not JSON (${e.message})`);
        }
        onRecord(o, index++);
    });
    const decoder = new external_node_string_decoder_.StringDecoder('utf8');
    for await (const chunk of external_node_fs_.createReadStream(file))
        scanner.push(decoder.write(chunk));
    scanner.push(decoder.end());
    return { header: parseHeader(scanner.complete ? scanner.header : ''), sawRecords: scanner.sawRecords };
}
/** The header of a report.json text without its records; ReportReadError when it is not one. */
function parseHeader(text) {
    let header;
    try {
        header = JSON.parse(text);
    }
    catch (e) {
        throw new ReportReadError('json', text.trim() === '' ? 'empty or cut short' : e.message.slice(0, 120));
    }
    if (header === null || typeof header !== 'object' || Array.isArray(header))
        throw new ReportReadError('object', 'not a JSON object');
    if (!('schemaVersion' in header))
        throw new ReportReadError('schema', 'it has no schemaVersion');
    if (header.schemaVersion !== 1)
        throw new ReportReadError('schema', `schemaVersion ${JSON.stringify(header.schemaVersion)}`);
    if ('records' in header && !Array.isArray(header.records))
        throw new ReportReadError('records', 'records is not a list');
    delete header.records;
    return header;
}
/**
 * Reads a report.json written by this action into its header and records (exact grams), streamed; a clear
 * error naming `name` (default: the file) on anything else.
 */
async function readReport(file, onRecord, name = file) {
    try {
        const { header, sawRecords } = await readReportObjects(file, (o, i) => {
            let r;
            try {
                r = recordFromJson(o);
            }
            catch (e) {
                throw new ReportReadError('records', `record ${i + 1} is not valid (${e.message})`);
            }
            onRecord(r);
        });
        if (!sawRecords)
            throw new ReportReadError('records', 'it has no records list');
        return header;
    }
    catch (e) {
        if (!(e instanceof ReportReadError))
            throw e;
        if (e.kind === 'schema' && e.message.startsWith('schemaVersion'))
            throw new Error(`${name} has ${e.message}; this version reads 1.`);
        throw new Error(e.kind === 'records'
            ? `${name}: ${e.message}.`
            : `${name} is not a report.json written by cloud-carbon-report (${e.message}).`);
    }
}

;// CONCATENATED MODULE: ./src/merge.ts
/**
 * `mode: merge`: downloads every shard artifact of this workflow run (`<artifact-name>-shard-i-of-n`) with
 * @actions/artifact, checks that all n arrived and none twice, and streams their records into the report
 * builder in shard order, so that the combined report equals the one a single run would have written.
 */






/** Downloads the shard artifacts into `dir`; returns the report.json of each, in shard order. */
async function downloadShards(settings, env, dir) {
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
        throw new Error('mode: merge downloads the shard artifacts of this run, but ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL are not set (not on a GitHub Actions runner).');
    }
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(820), __webpack_require__.e(351), __webpack_require__.e(915), __webpack_require__.e(172)]).then(__webpack_require__.bind(__webpack_require__, 10172));
    const client = new DefaultArtifactClient();
    let listed;
    try {
        listed = (await client.listArtifacts()).artifacts;
    }
    catch (e) {
        throw new Error(`mode: merge could not list the artifacts of this run: ${(0,secrets.errorMessage)(e)}`);
    }
    const set = checkShardSet(settings.artifactName, listed.map((a) => a.name));
    const files = [];
    for (let i = 1; i <= set.size; i++) {
        const name = set.get(i);
        const artifact = listed.find((a) => a.name === name);
        const target = external_node_path_.join(dir, `shard-${i}`);
        external_node_fs_.mkdirSync(target, { recursive: true });
        try {
            await client.downloadArtifact(artifact.id, { path: target });
        }
        catch (e) {
            throw new Error(`mode: merge could not download ${name}: ${(0,secrets.errorMessage)(e)}`);
        }
        const file = external_node_path_.join(target, 'report.json');
        if (!external_node_fs_.existsSync(file))
            throw new Error(`mode: merge: the artifact ${name} holds no report.json.`);
        files.push(file);
    }
    core.info(`Merging ${files.length} shard reports: ${[...set.values()].join(', ')}`);
    return files;
}
/**
 * Streams the shards' records to `add` in shard order and combines what each shard said of each provider.
 * The shards must have been run with the same period, method and providers as this job.
 */
async function mergeShardReports(settings, files, add) {
    const headers = [];
    for (const [i, file] of files.entries()) {
        const name = `${external_node_path_.basename(external_node_path_.dirname(file))}/report.json`;
        const h = await readReport(file, (r) => {
            if (!settings.providers.includes(r.provider)) {
                throw new Error(`shard ${i + 1} holds ${r.provider} records, but providers of the merge job are ${settings.providers.join(', ')}: give the merge job the same providers as the shards.`);
            }
            add(r);
        }, name);
        const where = `shard ${i + 1} of ${files.length}`;
        if (h.period.start !== settings.period.start || h.period.end !== settings.period.end) {
            throw new Error(`${where} covers ${h.period.start} to ${h.period.end}, the merge job ${settings.period.start} to ${settings.period.end}: give every job the same start-date and end-date (a scheduled run should set them explicitly so that no job sees another month boundary).`);
        }
        if (h.method !== settings.method)
            throw new Error(`${where} used method ${h.method}, the merge job ${settings.method}: give every job the same method.`);
        if (h.shard && (h.shard.index !== i + 1 || h.shard.count !== files.length))
            throw new Error(`${where} says it is shard ${h.shard.index} of ${h.shard.count}: its artifact name and its report disagree.`);
        headers.push(h);
    }
    const outcomes = settings.providers.map((id) => {
        const parts = headers.map((h, i) => ({ i, p: h.providers.find((x) => x.provider === id) }));
        const absent = parts.filter((x) => !x.p).map((x) => x.i + 1);
        if (absent.length > 0)
            throw new Error(`shard ${absent.join(', ')} did not report ${id}: give every job the same providers.`);
        const ps = parts.map((x) => x.p);
        const errors = parts.filter((x) => x.p.error).map((x) => `shard ${x.i + 1}/${files.length}: ${x.p.error}`);
        const missing = ps.flatMap((p) => p.missing ?? []);
        return {
            provider: id,
            statuses: ps.map((p) => p.status),
            error: errors.length > 0 ? errors.join('; ') : null,
            notes: unionOf(ps.map((p) => p.notes ?? [])),
            warnings: unionOf(ps.map((p) => p.warnings ?? [])),
            missing
        };
    });
    const seen = new Set();
    const forecast = [];
    for (const h of headers) {
        for (const f of h.forecast ?? []) {
            const key = `${f.provider}|${f.scope}|${f.month}|${f.basis}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            forecast.push({
                provider: f.provider,
                scope: f.scope,
                month: f.month,
                basis: f.basis,
                grams: Math.round(f.kgCO2e * 1000)
            });
        }
    }
    return { outcomes, forecast, water: headers.flatMap(waterOf) };
}
/** The water records of a shard's report.json (m3 with 3 decimals -> exact litres). */
function waterOf(h) {
    const w = h.water;
    return (w?.records ?? []).map(({ m3, ...r }) => ({ ...r, litres: Math.round(m3 * 1000) }));
}

// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
;// CONCATENATED MODULE: ./src/collect.ts
/**
 * Collecting: every selected provider at once into one streaming report, each provider's outcome (ok, partial,
 * failed) decided from what it fetched and from typed causes. Past the time budget every request fails at once,
 * while what was fetched already is still handed over for a short drain.
 */











/** After the time budget, how long what was already fetched may still be handed to the report. */
const DRAIN_MS = 5_000;
/** Every provider, concurrently; what each came to. */
async function collectProviders(settings, env, c) {
    const deadlineHit = new Promise((resolve) => {
        if (c.deadline.aborted)
            resolve('deadline');
        c.deadline.addEventListener('abort', () => resolve('deadline'), { once: true });
    });
    const run = { settings, env, c, deadlineHit, finished: false };
    const outcomes = await Promise.all(settings.providers.map((id) => collectOne(id, run)));
    run.finished = true;
    return outcomes;
}
async function collectOne(id, run) {
    const { settings, env, c, deadlineHit } = run;
    const label = providerLabel(id);
    const notes = [];
    const warnings = [];
    const missing = [];
    let stoppedByBudget = false;
    // Set once this provider's outcome is counted: what comes later (past the deadline) stays out of the report,
    // so its records and its totals agree.
    let counted = false;
    const ctx = {
        settings,
        period: settings.period,
        http: c.http,
        env,
        keepRecords: c.comparison !== null,
        deadline: c.deadline,
        note: (text) => notes.push((0,secrets.scrub)(text)),
        missing: (what, cause) => {
            if (isDeadlineError(cause))
                stoppedByBudget = true;
            missing.push({ what: (0,secrets.scrub)(what), cause: typeof cause === 'string' ? (0,secrets.scrub)(cause) : (0,secrets.errorMessage)(cause) });
        },
        warn: (text) => {
            warnings.push((0,secrets.scrub)(text));
            core.warning(`${label}: ${(0,secrets.scrub)(text)}`);
        },
        forecast: (points) => c.forecast.push(...points.map((p) => ({ provider: id, ...p }))),
        water: (records) => {
            // Past the budget nothing more is counted, as for carbon.
            if (!counted)
                c.water.push(...records);
        },
        log: (line) => core.info((0,secrets.scrub)(line))
    };
    const budget = `stopped after ${settings.timeoutMs / 60_000} min (timeout-minutes)`;
    let error = null;
    const consume = async () => {
        const provider = await loadProvider(id);
        // Pages write their bytes as they arrive; they join the report (sums and order) when consumed here.
        for await (const batch of runProvider(provider, ctx, (b) => c.builder.place(b))) {
            if (run.finished || counted)
                break;
            c.builder.addBatch(batch);
            if (c.comparison && batch.records)
                for (const r of batch.records)
                    c.comparison.observe(r);
        }
        return 'done';
    };
    try {
        const consumed = consume();
        let how = await Promise.race([consumed, deadlineHit]);
        if (how === 'deadline') {
            // Past the budget every request fails at once (each part not fetched says so in `missing`), while what
            // was fetched already (pages waiting for their turn) is still handed over: a short drain, bounded in case
            // something does not heed the deadline.
            consumed.catch(() => undefined); // a late failure after the drain is not an unhandled rejection
            how = await Promise.race([consumed, (0,promises_.setTimeout)(DRAIN_MS, 'deadline', { ref: false })]);
            if (how === 'deadline')
                error = `${budget}: the data is incomplete`;
        }
    }
    catch (e) {
        error = c.deadline.aborted ? `${budget}: ${(0,secrets.errorMessage)(e)}` : (0,secrets.errorMessage)(e);
    }
    counted = true;
    // Parts are named in a fixed order, not in the order their requests happened to end.
    missing.sort((a, b) => a.what < b.what ? -1 : a.what > b.what ? 1 : a.cause < b.cause ? -1 : a.cause > b.cause ? 1 : 0);
    const { records, grams } = c.builder.countOf(id);
    if (error === null && stoppedByBudget)
        error = `${budget}: the data is incomplete`;
    // ok: everything came; partial: some of it came; failed: nothing came. Nothing fetched is dropped.
    const status = error === null && missing.length === 0 ? 'ok' : records > 0 ? 'partial' : 'failed';
    if (missing.length > 0) {
        const what = `${missing.length} part${missing.length === 1 ? '' : 's'} could not be fetched: ${summariseMissing(missing)}`;
        error = error === null ? (status === 'failed' ? summariseMissing(missing) : what) : `${error}; ${what}`;
    }
    core.info(`${label}: ${status}, ${records} records, ${(0,units/* formatTonnes */.jY)(grams)} tCO2e${error ? ` (${error})` : ''}`);
    return { provider: id, label, status, records, grams, error, notes, warnings, missing };
}
/** Parts that failed for the same cause are told once, with their count. */
function summariseMissing(missing) {
    const byCause = new Map();
    for (const m of missing)
        byCause.set(m.cause, [...(byCause.get(m.cause) ?? []), m.what]);
    return [...byCause.entries()]
        .map(([cause, whats]) => `${whats.length === 1 ? whats[0] : `${whats.length} parts (${whats.slice(0, 3).join('; ')}${whats.length > 3 ? '; \u2026' : ''})`}: ${cause}`)
        .join(' | ');
}
/**
 * mode: merge: the shard artifacts of this run, streamed into the builder in shard order; what each shard said of
 * each provider combined. A merge that cannot read its shards fails every provider with the reason.
 */
async function collectShards(settings, env, c, work) {
    const dir = external_node_path_.join(work, 'shards');
    try {
        const files = await downloadShards(settings, env, dir);
        const merged = await mergeShardReports(settings, files, (r) => {
            c.builder.add(r);
            c.comparison?.observe(r);
        });
        c.forecast.push(...merged.forecast);
        c.water.push(...merged.water);
        return merged.outcomes.map(({ statuses, ...o }) => {
            const { records, grams } = c.builder.countOf(o.provider);
            for (const w of o.warnings)
                core.warning(`${providerLabel(o.provider)}: ${w}`);
            return { ...o, label: providerLabel(o.provider), status: mergedStatus(statuses, records), records, grams };
        });
    }
    catch (e) {
        const error = (0,secrets.errorMessage)(e);
        core.error(error);
        return settings.providers.map((id) => ({
            provider: id,
            label: providerLabel(id),
            status: 'failed',
            records: 0,
            grams: 0,
            error,
            notes: [],
            warnings: [],
            missing: []
        }));
    }
    finally {
        external_node_fs_.rmSync(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: ./src/period.ts
var src_period = __webpack_require__(60202);
;// CONCATENATED MODULE: ./src/model.ts
/**
 * The normalized record every provider yields, and the small vocabulary shared by providers and the report.
 *
 * Quantities are integer grams of CO2e (`Grams`): every provider's figure is converted once, at the edge,
 * and from then on only integers are added, so totals agree to the gram however many records there are.
 * A breakdown the provider does not give is `null`, never 0.
 */
/** Every provider, in report order; each has one entry in providers/registry.ts (the compiler checks). */
const PROVIDER_IDS = ['aws', 'azure', 'mcfs', 'gcp'];

// EXTERNAL MODULE: ./src/report/records.ts
var records = __webpack_require__(69828);
// EXTERNAL MODULE: ./src/report/batch.ts + 1 modules
var batch = __webpack_require__(74151);
// EXTERNAL MODULE: ./src/report/scopes.ts
var scopes = __webpack_require__(31945);
;// CONCATENATED MODULE: ./src/report/month-grams.ts

/** Month texts already read, with their index: the exact `YYYY-MM` form only (another is never a period month). */
const INDEX = new Map();
function indexOf(month) {
    const known = INDEX.get(month);
    if (known !== undefined)
        return known;
    const i = (0,src_period/* monthIndex */.L6)(month);
    if (!Number.isInteger(i) || (0,src_period/* monthFromIndex */.t9)(i) !== month)
        return NaN;
    if (INDEX.size < 100_000)
        INDEX.set(month, i);
    return i;
}
class MonthGrams {
    first;
    grams;
    outside = null;
    constructor(period) {
        this.first = (0,src_period/* monthIndex */.L6)(period.start);
        const n = (0,src_period/* monthIndex */.L6)(period.end) - this.first + 1;
        this.grams = new Array(Number.isInteger(n) && n > 0 ? n : 0).fill(NaN);
    }
    at(month) {
        const i = indexOf(month) - this.first;
        return i >= 0 && i < this.grams.length ? i : -1;
    }
    add(month, grams) {
        const i = this.at(month);
        if (i >= 0) {
            const g = this.grams[i];
            this.grams[i] = g !== g ? grams : g + grams;
        }
        else {
            this.outside ??= new Map();
            this.outside.set(month, (this.outside.get(month) ?? 0) + grams);
        }
    }
    /** The month's grams; undefined when no record of it came. */
    get(month) {
        const i = this.at(month);
        if (i < 0)
            return this.outside?.get(month);
        const g = this.grams[i];
        return g !== g ? undefined : g;
    }
    has(month) {
        return this.get(month) !== undefined;
    }
    /** The months with a record, those of the period in order, then any outside it. */
    *keys() {
        for (let i = 0; i < this.grams.length; i++)
            if (this.grams[i] === this.grams[i])
                yield (0,src_period/* monthFromIndex */.t9)(this.first + i);
        if (this.outside)
            yield* this.outside.keys();
    }
}

;// CONCATENATED MODULE: ./src/report/years.ts

const pad = (m) => String(m).padStart(2, '0');
/** The reporting year a month falls in. */
function yearOf(month, fiscalYearStart) {
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const first = m >= fiscalYearStart ? y : y - 1;
    const endYear = fiscalYearStart === 1 ? first : first + 1;
    const endMonth = fiscalYearStart === 1 ? 12 : fiscalYearStart - 1;
    return {
        label: fiscalYearStart === 1 ? String(first) : `FY${endYear}`,
        start: `${first}-${pad(fiscalYearStart)}`,
        end: `${endYear}-${pad(endMonth)}`
    };
}
/** Every reporting year the period touches, in order, with its months inside the period. */
function reportingYears(period, fiscalYearStart) {
    const out = [];
    for (const month of (0,src_period/* monthsOf */.vo)(period)) {
        const y = yearOf(month, fiscalYearStart);
        const last = out[out.length - 1];
        if (last && last.label === y.label)
            last.months.push(month);
        else
            out.push({ ...y, months: [month], complete: false });
    }
    for (const y of out)
        y.complete = y.months.length === 12;
    return out;
}

;// CONCATENATED MODULE: ./src/report/part-file.ts
/**
 * A part file: one provider's report.json lines or report.csv rows, in the order their pages arrived. Bytes are
 * gathered in a buffer and handed to libuv's thread pool when it fills (batches larger than the buffer go from
 * their own bytes), so the disk writes of a large run overlap the parsing of its next pages instead of taking
 * the main thread's time.
 */

/**
 * The buffer: there are two part files per provider, each holding one all run, and batches larger than it are
 * written from their own bytes, so a larger one saves few writes and costs memory.
 */
const PART_BUFFER_BYTES = 256 * 1024;
/**
 * What the part files of one report leave with the thread pool at a time. Past the limit the main thread writes
 * itself: a disk slower than the network then slows the run rather than piling up pages in memory. The default
 * holds a few of the largest batches (an AWS page of 5,000 rows is about 2 MB of JSON lines).
 */
class WriteBudget {
    limit;
    bytes = 0;
    constructor(limit = 8 << 20) {
        this.limit = limit;
    }
}
/** Buffers a part file keeps for reuse. */
const SPARE_BUFFERS = 2;
class PartFile {
    file;
    head;
    budget;
    buf = null;
    used = 0;
    fd = null;
    closing = null;
    /** Writes with the thread pool, by position: their bytes must stay as they are until they are done. */
    inFlight = new Map();
    /** Buffers back from the thread pool, for reuse. */
    spare = [];
    failure = null;
    drained = null;
    /** Bytes placed so far (the head included). */
    size = 0;
    /** `head`: bytes the file starts with (the CSV header, so that the first part can become report.csv). */
    constructor(file, head = new Uint8Array(0), budget = new WriteBudget()) {
        this.file = file;
        this.head = head;
        this.budget = budget;
        this.write(head);
    }
    /** Places `bytes` after what is placed so far; their range in the file. */
    write(bytes) {
        this.check();
        if (this.closing)
            throw new Error(`${this.file} is closed`);
        const start = this.size;
        if (this.used + bytes.length > PART_BUFFER_BYTES) {
            this.sendBuffer();
            if (bytes.length > PART_BUFFER_BYTES) {
                this.size += bytes.length;
                this.send(bytes, start, null);
                return [start, this.size];
            }
        }
        this.buf ??= this.spare.pop() ?? Buffer.allocUnsafeSlow(PART_BUFFER_BYTES);
        this.buf.set(bytes, this.used);
        this.used += bytes.length;
        this.size += bytes.length;
        return [start, this.size];
    }
    /** The bytes of a range placed earlier. */
    read([start, end]) {
        this.check();
        const fd = this.open();
        // What is still buffered or with the thread pool is written here first: writing the same bytes at the same
        // place twice leaves the file as once.
        if (this.used > 0)
            this.writeNow(this.buf.subarray(0, this.used), this.size - this.used);
        this.used = 0;
        for (const [position, bytes] of this.inFlight)
            this.writeNow(bytes, position);
        const out = Buffer.allocUnsafe(end - start);
        readAll(fd, out, start);
        return out;
    }
    /** Writes out what is placed and closes the file once the thread pool is done with it; nothing can follow. */
    close() {
        this.closing ??= this.finish();
        return this.closing;
    }
    async finish() {
        try {
            if (this.used > 0)
                this.writeNow(this.buf.subarray(0, this.used), this.size - this.used);
        }
        finally {
            this.used = 0;
            this.buf = null;
            this.spare.length = 0;
            // The descriptor stays open until the last write is back: a number closed early may name the next file.
            if (this.inFlight.size > 0)
                await new Promise((resolve) => (this.drained = resolve));
            if (this.fd !== null)
                external_node_fs_.closeSync(this.fd);
            this.fd = null;
        }
        this.check();
    }
    check() {
        if (this.failure)
            throw new Error(`writing ${this.file}: ${this.failure.message}`);
    }
    /** Writes on the main thread, at once. */
    writeNow(bytes, position) {
        try {
            writeAt(this.open(), bytes, position);
        }
        catch (e) {
            throw new Error(`writing ${this.file}: ${e.message}`);
        }
    }
    open() {
        if (this.fd === null)
            this.fd = external_node_fs_.openSync(this.file, 'w+');
        return this.fd;
    }
    /** Hands the buffer's bytes on; the next bytes go to a buffer of their own. */
    sendBuffer() {
        if (this.used === 0)
            return;
        const buf = this.buf;
        this.send(buf.subarray(0, this.used), this.size - this.used, buf);
        this.buf = null;
        this.used = 0;
    }
    reuse(buf) {
        if (this.spare.length < SPARE_BUFFERS)
            this.spare.push(buf);
    }
    /** Writes `bytes` at `position`; `buf`, the buffer they are in, is reused once they are written. */
    send(bytes, position, buf) {
        const fd = this.open();
        if (this.budget.bytes + bytes.length > this.budget.limit) {
            this.writeNow(bytes, position);
            if (buf)
                this.reuse(buf);
            return;
        }
        this.inFlight.set(position, bytes);
        this.budget.bytes += bytes.length;
        const settled = (err) => {
            this.inFlight.delete(position);
            this.budget.bytes -= bytes.length;
            if (err)
                this.failure ??= err;
            else if (buf && this.closing === null)
                this.reuse(buf);
            if (this.inFlight.size === 0 && this.drained) {
                const done = this.drained;
                this.drained = null;
                done();
            }
        };
        writeAtAsync(fd, bytes, position).then(() => settled(null), settled);
    }
}
/** Writes `bytes` at `position` of `fd` on the thread pool, however many writes it takes. */
function writeAtAsync(fd, bytes, position) {
    return new Promise((resolve, reject) => {
        const step = (off) => {
            if (off === bytes.length)
                return resolve();
            external_node_fs_.write(fd, bytes, off, bytes.length - off, position + off, (err, n) => {
                if (err)
                    reject(err);
                else if (n === 0)
                    reject(new Error(`no bytes written at ${position + off}`));
                else
                    step(off + n);
            });
        };
        step(0);
    });
}
/** Fills `into` from `position` of `fd` on the thread pool; a file that ends first is an error. */
function readAtAsync(fd, into, position) {
    return new Promise((resolve, reject) => {
        const step = (off) => {
            if (off === into.length)
                return resolve();
            external_node_fs_.read(fd, into, off, into.length - off, position + off, (err, n) => {
                if (err)
                    reject(err);
                else if (n === 0)
                    reject(new Error(`a part file ended at ${position + off} of ${position + into.length}`));
                else
                    step(off + n);
            });
        };
        step(0);
    });
}
/** Writes `bytes` at `position` of `fd`; the position after them. */
function writeAt(fd, bytes, position) {
    let off = 0;
    while (off < bytes.length)
        off += external_node_fs_.writeSync(fd, bytes, off, bytes.length - off, position + off);
    return position + bytes.length;
}
/** Fills `into` from `position` of `fd`; a file that ends first is an error. */
function readAll(fd, into, position) {
    let off = 0;
    while (off < into.length) {
        const n = external_node_fs_.readSync(fd, into, off, into.length - off, position + off);
        if (n <= 0)
            throw new Error(`a part file ended at ${position + off} of ${position + into.length}`);
        off += n;
    }
}

;// CONCATENATED MODULE: ./src/report/copier.ts
/**
 * Moves ranges of a part file into a report file. The part file is read from its end and cut short behind each
 * piece read, so the pages it frees are the ones the report file's next pieces are written to: the final files
 * take no fresh memory beyond a piece (on a runner, fresh pages cost more than the copy). A piece is read while
 * the one before it is written, both on libuv's thread pool.
 */


/** A piece: what the final files take beyond their own pages, twice (one read, one written). */
const PIECE_BYTES = 512 * 1024;
class Copier {
    buffers = [Buffer.allocUnsafe(PIECE_BYTES), Buffer.allocUnsafe(PIECE_BYTES)];
    /**
     * Writes the ranges `spans` ([start, end, start, end, ...]) of `file`, in that order, to `fd` from `at` on;
     * the end of what it wrote. The part file is cut to what comes before its lowest range (not report bytes).
     */
    async consume(fd, at, file, spans) {
        // Each range with where it goes, the highest in the part file first.
        const ranges = [];
        let to = at;
        for (let i = 0; i < spans.length; i += 2) {
            ranges.push([spans[i], spans[i + 1], to]);
            to += spans[i + 1] - spans[i];
        }
        ranges.sort((a, b) => b[0] - a[0]);
        for (let i = 1; i < ranges.length; i++)
            if (ranges[i][1] > ranges[i - 1][0])
                throw new Error(`${file}: report ranges overlap`);
        const src = external_node_fs_.openSync(file, 'r+');
        // The write and the cut of the piece before, while the next is read; their failures are awaited below, and
        // until then must not count as rejections nobody handles.
        let writing = Promise.resolve();
        let cutting = Promise.resolve();
        try {
            let n = 0;
            for (const [start, end, dest] of ranges) {
                for (let hi = end; hi > start; n++) {
                    const lo = Math.max(start, hi - PIECE_BYTES);
                    // This buffer's last piece was written before the one now being written began.
                    const piece = this.buffers[n & 1].subarray(0, hi - lo);
                    await readAtAsync(src, piece, lo);
                    await writing;
                    await cutting;
                    writing = writeAtAsync(fd, piece, dest + (lo - start));
                    writing.catch(() => { });
                    cutting = truncate(src, lo);
                    cutting.catch(() => { });
                    hi = lo;
                }
            }
        }
        finally {
            // Neither descriptor is closed while the thread pool may still use it.
            await Promise.allSettled([writing, cutting]);
            external_node_fs_.closeSync(src);
        }
        await writing;
        await cutting;
        return to;
    }
}
/** Cuts `fd` short at `size`, on the thread pool. */
function truncate(fd, size) {
    return new Promise((resolve, reject) => external_node_fs_.ftruncate(fd, size, (err) => (err ? reject(err) : resolve())));
}

;// CONCATENATED MODULE: ./src/report/builder.ts
/**
 * The report model, built as records stream in. Records go straight to per-provider part files (JSON lines
 * and CSV rows, written when their page arrives, even ahead of its turn); memory holds only the groups
 * (months, services, regions, accounts) and each provider's report order as ranges of its files, so a million
 * records cost what their distinct groups cost. `writeFiles` writes report.json and report.csv by copying
 * those ranges in the canonical provider order.
 */












/** The overlap rule for a run's providers: only a run that sees both (a shard sees a share: the merge decides). */
function overlapRule(providers, sharded) {
    return providers.includes('azure') && providers.includes('mcfs')
        ? { provider: 'mcfs', against: 'azure', ...(sharded ? { deferred: true } : {}) }
        : null;
}
/** report.json keys written after `records` (the additions of the contract's second version). */
const TRAILING_KEYS = ['scopes', 'years'];
/** The CSV header line, UTF-8. */
const CSV_HEAD = Buffer.from(`${records/* CSV_HEADER */.v$}\r\n`);
/**
 * Ranges in report order, adjacent ones joined: [start, end, start, end, ...]. When batches come in their
 * order it stays one range, the whole file after its head.
 */
class RangeList {
    spans = [];
    add([start, end]) {
        if (end <= start)
            return;
        const n = this.spans.length;
        if (n > 0 && this.spans[n - 1] === start)
            this.spans[n - 1] = end;
        else
            this.spans.push(start, end);
    }
}
/** Bytes of no records. */
const NO_BYTES = new Uint8Array(0);
/** A provider's groups in a GroupMap; the provider's entry is created here, so on its first record. */
function groupsOf(map, provider) {
    let byKey = map.get(provider);
    if (!byKey)
        map.set(provider, (byKey = new Map()));
    return byKey;
}
/** Adds a batch's groups (in their order) to a provider's groups: new keys keep first-seen order. */
function mergeGroups(into, from, period) {
    for (const d of from) {
        let g = into.get(d.key);
        if (!g)
            into.set(d.key, (g = { label: d.label, grams: 0, byMonth: new MonthGrams(period) }));
        g.grams += d.grams;
        const bm = d.byMonth;
        for (let i = 0; i < bm.length; i += 2)
            g.byMonth.add(bm[i], bm[i + 1]);
    }
}
/** Records taken one at a time are gathered into a batch this size before they reach the sums. */
const SINGLE_BATCH = 4096;
class ReportBuilder {
    workDir;
    period;
    method;
    /** What the part files have with the thread pool, all of them together. */
    writes = new WriteBudget();
    json = new Map();
    csv = new Map();
    /** Each provider's bytes in report order: ranges of its part files. */
    order = new Map();
    /** Set when the files are written: bytes that come later are not part of the report. */
    closed = false;
    counts = new Map();
    monthMap = new Map();
    scopeMap = new Map();
    /**
     * The overlap rule's provider's batches until every provider is in: their bytes go to the part files as they
     * come, their sums wait here. Settling adds the sums of a batch none of whose (account, month) the other
     * provider reports; only a batch that overlaps is read back and encoded again without the records left out,
     * so the sums stay integer grams and memory holds no records.
     */
    held = [];
    heldCount = { records: 0, grams: 0 };
    settled = null;
    services = new Map();
    regions = new Map();
    accounts = new Map();
    total = 0;
    market = 0;
    location = 0;
    noMarket = 0;
    noLocation = 0;
    /**
     * Records added one by one and not yet in the sums, per provider (providers running side by side may
     * alternate record by record): every reader of the sums flushes them first. Only a provider's own order
     * matters (its part files); sums and group order do not depend on how providers interleave.
     */
    pending = new Map();
    fiscalYearStart;
    overlap;
    deferred;
    constructor(workDir, period, method, options = {}) {
        this.workDir = workDir;
        this.period = period;
        this.method = method;
        external_node_fs_.mkdirSync(workDir, { recursive: true });
        this.fiscalYearStart = options.fiscalYearStart ?? 1;
        const rule = options.overlap ?? null;
        this.overlap = rule && !rule.deferred ? rule : null;
        this.deferred = rule?.deferred ? rule : null;
    }
    /** Whether a provider's batches wait for the overlap rule to be settled. */
    holds(provider) {
        return this.overlap?.provider === provider && this.settled === null;
    }
    /** One record (a merge reading the shards' records, tests). */
    add(r) {
        let p = this.pending.get(r.provider);
        if (!p)
            this.pending.set(r.provider, (p = new batch/* BatchEncoder */.HB(r.provider)));
        p.add(r);
        if (p.count >= SINGLE_BATCH)
            this.merge(p.take());
    }
    /** Moves the records added one by one (of one provider, or all) into the files and sums. */
    flush(provider) {
        for (const [id, p] of this.pending)
            if ((provider === undefined || id === provider) && p.count > 0)
                this.merge(p.take());
    }
    /** A batch of one provider's records (a page), after whatever that provider added before it. */
    addBatch(b) {
        this.flush(b.provider);
        this.merge(b);
    }
    /**
     * Writes a batch's bytes to its provider's part files now, whether or not its turn has come (the batch then
     * carries where they are, and no bytes): a page that arrives ahead of the one before it costs no memory while
     * it waits. Its sums join the report when it is added in order (`addBatch`); one never added stays out.
     */
    place(b) {
        if (b.at || this.closed || b.count === 0)
            return;
        const { json, csv } = this.partsOf(b.provider);
        b.at = { json: json.write(b.json), csv: csv.write(b.csv) };
        b.json = NO_BYTES;
        b.csv = NO_BYTES;
    }
    /** Keeps a batch of the overlap rule's provider aside: its bytes are in the part files, its sums wait here. */
    hold(b, at) {
        const { services, regions, accounts, records: _records, ...sums } = b;
        this.held.push({
            sums,
            groups: { services: (0,batch/* packGroups */.AP)(services), regions: (0,batch/* packGroups */.AP)(regions), accounts: (0,batch/* packGroups */.AP)(accounts) },
            at
        });
        this.heldCount.records += b.count;
        this.heldCount.grams += b.grams;
    }
    /** A batch's bytes take their place in the report's order. */
    append(provider, at) {
        let o = this.order.get(provider);
        if (!o)
            this.order.set(provider, (o = { json: new RangeList(), csv: new RangeList() }));
        o.json.add(at.json);
        o.csv.add(at.csv);
    }
    /**
     * Applies the overlap rule once every record is in: a held batch whose (account, month) the other provider
     * reports loses those records (counted in the overlap); the sums of what is kept join the report in order.
     */
    settle() {
        const rule = this.overlap;
        if (rule === null || this.settled !== null)
            return this.settled;
        const theirs = new Set();
        for (const [account, g] of this.accounts.get(rule.against) ?? new Map())
            for (const month of g.byMonth.keys())
                theirs.add(`${account}\u0000${month}`);
        const settled = { ...rule, records: 0, grams: 0, keys: new Set() };
        this.settled = settled;
        const held = this.held.splice(0);
        // A batch's (account, month) pairs are its account groups' months.
        const overlaps = (b) => b.accounts.some((d) => d.byMonth.some((m, i) => i % 2 === 0 && theirs.has(`${d.key}\u0000${m}`)));
        for (const h of held) {
            const { services, regions, accounts } = h.groups;
            const sums = {
                ...h.sums,
                services: (0,batch/* unpackGroups */.Zn)(services),
                regions: (0,batch/* unpackGroups */.Zn)(regions),
                accounts: (0,batch/* unpackGroups */.Zn)(accounts)
            };
            if (!overlaps(sums)) {
                this.append(rule.provider, h.at);
                this.addSums(sums);
                continue;
            }
            // Written again without the records left out; the first bytes stay in the file, outside every range.
            const kept = new batch/* BatchEncoder */.HB(rule.provider);
            for (const r of recordsOfJson(this.partsOf(rule.provider).json.read(h.at.json))) {
                const key = `${r.account}\u0000${r.month}`;
                if (!theirs.has(key)) {
                    kept.add(r);
                    continue;
                }
                settled.records++;
                settled.grams += r.grams;
                settled.keys.add(key);
            }
            this.merge(kept.take());
        }
        return settled;
    }
    /** A provider's part files, created on its first batch. */
    partsOf(provider) {
        let json = this.json.get(provider);
        let csv = this.csv.get(provider);
        if (!json || !csv) {
            json = new PartFile(external_node_path_.join(this.workDir, `${provider}.records.jsonl`), NO_BYTES, this.writes);
            csv = new PartFile(external_node_path_.join(this.workDir, `${provider}.records.csv`), CSV_HEAD, this.writes);
            this.json.set(provider, json);
            this.csv.set(provider, csv);
        }
        return { json, csv };
    }
    merge(b) {
        if (b.count === 0)
            return;
        this.place(b);
        const at = b.at;
        if (!at)
            return; // the files are written already
        if (this.holds(b.provider))
            return this.hold(b, at);
        this.append(b.provider, at);
        this.addSums(b);
    }
    /** A batch's counts, sums and groups into the report's. */
    addSums(b) {
        const provider = b.provider;
        let count = this.counts.get(provider);
        if (!count)
            this.counts.set(provider, (count = { records: 0, grams: 0 }));
        count.records += b.count;
        count.grams += b.grams;
        this.total += b.grams;
        this.market += b.market;
        this.location += b.location;
        this.noMarket += b.noMarket;
        this.noLocation += b.noLocation;
        const months = b.months;
        for (let i = 0; i < months.length; i += 2) {
            const month = months[i];
            let m = this.monthMap.get(month);
            if (!m)
                this.monthMap.set(month, (m = new Map()));
            m.set(provider, (m.get(provider) ?? 0) + months[i + 1]);
        }
        let sc = this.scopeMap.get(provider);
        if (!sc)
            this.scopeMap.set(provider, (sc = new Map()));
        for (const { month, sums } of b.scopes) {
            let m = sc.get(month);
            if (!m)
                sc.set(month, (m = (0,scopes/* emptyScopes */.T2)()));
            (0,scopes/* addScopes */.Ng)(m, sums);
        }
        mergeGroups(groupsOf(this.services, provider), b.services, this.period);
        mergeGroups(groupsOf(this.regions, provider), b.regions, this.period);
        mergeGroups(groupsOf(this.accounts, provider), b.accounts, this.period);
    }
    /** Records and grams received so far for a provider. */
    countOf(provider) {
        this.flush();
        const c = this.counts.get(provider) ?? { records: 0, grams: 0 };
        // Before the overlap is settled, the held records count as received (the provider did bring them).
        if (this.holds(provider))
            return { records: c.records + this.heldCount.records, grams: c.grams + this.heldCount.grams };
        return { ...c };
    }
    /**
     * The model. With an overlap rule, this settles it and updates the rule's provider outcome (its records,
     * grams and `overlap`) in place.
     */
    model(providers, notes, generatedAt) {
        this.flush();
        const overlap = this.settle();
        if (overlap !== null) {
            for (const o of providers) {
                if (o.provider !== overlap.provider)
                    continue;
                const c = this.counts.get(o.provider) ?? { records: 0, grams: 0 };
                o.records = c.records;
                o.grams = c.grams;
                o.overlap =
                    overlap.records > 0 ? { with: overlap.against, records: overlap.records, grams: overlap.grams } : null;
            }
        }
        const months = (0,src_period/* monthsOf */.vo)(this.period).map((month) => {
            const byProvider = {};
            let grams = 0;
            const m = this.monthMap.get(month);
            for (const p of PROVIDER_IDS) {
                const g = m?.get(p);
                if (g !== undefined) {
                    byProvider[p] = g;
                    grams += g;
                }
            }
            return { month, grams, byProvider };
        });
        // Sorted with the groups in first-seen order within each provider (what decides ties).
        const sorted = (map) => [...map]
            .flatMap(([provider, byKey]) => [...byKey].map(([key, g]) => ({ provider, key, ...g })))
            .sort((a, b) => b.grams - a.grams || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key));
        return {
            generatedAt,
            period: this.period,
            method: this.method,
            totalGrams: this.total,
            marketGrams: this.market,
            locationGrams: this.location,
            recordsWithoutMarket: this.noMarket,
            recordsWithoutLocation: this.noLocation,
            providers,
            months,
            services: sorted(this.services),
            regions: sorted(this.regions),
            accounts: sorted(this.accounts),
            notes,
            recordCount: [...this.counts.values()].reduce((a, c) => a + c.records, 0),
            scopes: this.scopeTotals(),
            years: this.yearRows(months),
            fiscalYearStart: this.fiscalYearStart,
            overlapDeferred: this.deferred,
            overlap
        };
    }
    /** Scopes of the given months (all when omitted), overall and per provider with records. */
    scopeTotals(only) {
        const total = (0,scopes/* emptyScopes */.T2)();
        const byProvider = {};
        for (const p of PROVIDER_IDS) {
            const byMonth = this.scopeMap.get(p);
            if (!byMonth)
                continue;
            const sums = (0,scopes/* emptyScopes */.T2)();
            let any = false;
            for (const [month, s] of byMonth) {
                if (only && !only.has(month))
                    continue;
                (0,scopes/* addScopes */.Ng)(sums, s);
                any = true;
            }
            if (!any)
                continue;
            byProvider[p] = sums;
            (0,scopes/* addScopes */.Ng)(total, sums);
        }
        return { total, byProvider };
    }
    yearRows(months) {
        const byMonth = new Map(months.map((m) => [m.month, m]));
        return reportingYears(this.period, this.fiscalYearStart).map((y) => {
            const byProvider = {};
            let grams = 0;
            for (const month of y.months) {
                const row = byMonth.get(month);
                if (!row)
                    continue;
                grams += row.grams;
                for (const p of PROVIDER_IDS)
                    if (row.byProvider[p] !== undefined)
                        byProvider[p] = (byProvider[p] ?? 0) + row.byProvider[p];
            }
            return { ...y, grams, byProvider, scopes: this.scopeTotals(new Set(y.months)).total };
        });
    }
    /**
     * Writes report.json (header, then every record in canonical provider order) and report.csv.
     * `header` is the JSON document without its records.
     */
    async writeFiles(header, jsonPath, csvPath) {
        this.flush();
        this.closed = true;
        await this.closeParts();
        // Side by side: each file is mostly a copy on the thread pool.
        await allDone([this.writeJson(header, jsonPath), this.writeCsv(csvPath)]);
    }
    async writeJson(header, jsonPath) {
        // Keys added after the records were first written go after them, so every earlier key keeps its place.
        const lead = {};
        const trail = {};
        for (const [k, v] of Object.entries(header))
            (TRAILING_KEYS.includes(k) ? trail : lead)[k] = v;
        const head = JSON.stringify(lead, null, 2);
        const out = external_node_fs_.openSync(jsonPath, 'w');
        try {
            let at = writeAt(out, Buffer.from(`${head.slice(0, head.lastIndexOf('}')).trimEnd()},\n  "records": [`), 0);
            const copy = new Copier();
            let first = true;
            for (const p of PROVIDER_IDS) {
                const part = this.json.get(p);
                const spans = this.order.get(p)?.json.spans;
                if (!part || !spans || spans.length === 0)
                    continue;
                // The first record's separator loses its comma: `[` comes right before it.
                at = await copy.consume(out, at, part.file, first ? [spans[0] + 1, ...spans.slice(1)] : spans);
                first = false;
            }
            const tail = JSON.stringify(trail, null, 2);
            const rest = Object.keys(trail).length === 0 ? '' : `,\n${tail.slice(2, tail.lastIndexOf('}')).trimEnd()}`;
            writeAt(out, Buffer.from(`${first ? ']' : '\n  ]'}${rest}\n}\n`), at);
        }
        finally {
            external_node_fs_.closeSync(out);
        }
    }
    async writeCsv(csvPath) {
        // Each CSV part starts with the header. When the first provider's rows are its whole file in order, that
        // file becomes report.csv as it is (a rename, no copy of what is most of the bytes); the rest is copied.
        const parts = PROVIDER_IDS.flatMap((p) => {
            const part = this.csv.get(p);
            const spans = this.order.get(p)?.csv.spans;
            return part && spans && spans.length > 0 ? [{ part, spans }] : [];
        });
        let out;
        let at;
        const whole = parts[0]?.spans;
        if (whole?.length === 2 &&
            whole[0] === parts[0].part.head.length &&
            whole[1] === parts[0].part.size &&
            moveFile(parts[0].part.file, csvPath)) {
            out = external_node_fs_.openSync(csvPath, 'r+');
            at = parts[0].part.size;
            parts.shift();
        }
        else {
            out = external_node_fs_.openSync(csvPath, 'w');
            at = writeAt(out, CSV_HEAD, 0);
        }
        try {
            const copy = new Copier();
            for (const { part, spans } of parts)
                at = await copy.consume(out, at, part.file, spans);
        }
        finally {
            external_node_fs_.closeSync(out);
        }
    }
    /** Removes the part files. */
    async cleanup() {
        this.closed = true;
        await this.closeParts();
        for (const f of [...this.json.values(), ...this.csv.values()])
            external_node_fs_.rmSync(f.file, { force: true });
    }
    /** Closes every part file once its writes are done. */
    closeParts() {
        return allDone([...this.json.values(), ...this.csv.values()].map((f) => f.close()));
    }
}
/** Waits for every one of `work` (none is left running on a file), then throws the first failure. */
async function allDone(work) {
    for (const w of await Promise.allSettled(work))
        if (w.status === 'rejected')
            throw w.reason;
}
/** The records of a batch's report.json lines (a batch that did not carry its records). */
function recordsOfJson(json) {
    const text = Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');
    return text
        .split(',\n    ')
        .filter((line) => line !== '')
        .map((line) => recordFromJson(JSON.parse(line)));
}
/** Renames `from` to `to` (replacing it); false when it cannot (another file system), for a copy instead. */
function moveFile(from, to) {
    try {
        external_node_fs_.renameSync(from, to);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/settings.ts
/**
 * Every input of the action, read once and validated into a typed object before any request is made.
 * A bad input is reported with its name, what was wrong, and the fix; all of them at once.
 */







const ARTIFACT_NAME_FORBIDDEN = /["<>|*?:\\/\r\n]/;
/** Absurd limits are almost always a unit mix-up (kg typed as t): the whole world emits ~4e10 t a year. */
const MAX_LIMIT_TONNES = 1e9;
/** Parses and validates every input; throws InputError listing each bad one. */
function parseSettings(options = {}) {
    const env = options.env ?? process.env;
    const now = options.now ?? new Date();
    const cwd = options.cwd ?? process.cwd();
    const problems = [];
    const input = (name) => readInput(env, name);
    const bad = (name, value, why, fix) => {
        problems.push(`Input '${name}': ${value === '' ? 'empty' : JSON.stringify(value)} ${why}. ${fix}`);
    };
    const bool = (name, dflt) => {
        const v = input(name);
        if (v === '')
            return dflt;
        if (/^true$/i.test(v))
            return true;
        if (/^false$/i.test(v))
            return false;
        bad(name, v, 'is not a boolean', `Use true or false.`);
        return dflt;
    };
    const number = (name, opts) => {
        const v = input(name);
        if (v === '')
            return null;
        const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? Number(v) : NaN;
        const kind = opts.integer ? 'a whole number' : 'a number';
        if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
            bad(name, v, `is not ${kind}`, `Give ${kind} of ${opts.unit} from ${opts.min} to ${opts.max}, without units.`);
            return null;
        }
        if (n < opts.min || n > opts.max || (opts.exclusiveMin && n === opts.min)) {
            bad(name, v, `is out of range`, `Give ${kind} of ${opts.unit} ${opts.exclusiveMin ? 'above' : 'from'} ${opts.min}${opts.exclusiveMin ? ' and up' : ''} to ${opts.max}.`);
            return null;
        }
        return n;
    };
    // providers
    const providers = [];
    const rawProviders = input('providers');
    const providerNames = splitList(rawProviders);
    // Only separators (", ") is as empty as nothing.
    if (providerNames.length === 0) {
        problems.push(`Input 'providers' is required. Give one or more of ${PROVIDER_IDS.join(', ')} (comma- or newline-separated).`);
    }
    for (const p of providerNames) {
        const id = p.toLowerCase();
        if (!PROVIDER_IDS.includes(id)) {
            bad('providers', p, 'is not a provider', `Use any of ${PROVIDER_IDS.join(', ')}.`);
        }
        else if (!providers.includes(id)) {
            providers.push(id);
        }
    }
    // period
    const month = (name) => {
        const v = input(name);
        if (v === '')
            return null;
        const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
        if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
            bad(name, v, 'is not a month', 'Use YYYY-MM (e.g. 2025-01) or the first day of a month, YYYY-MM-01.');
            return null;
        }
        if (m[3] !== undefined && m[3] !== '01') {
            bad(name, v, 'is not the first day of a month', `Reports cover whole months: use ${m[1]}-${m[2]} or ${m[1]}-${m[2]}-01.`);
            return null;
        }
        if (Number(m[1]) < 2020) {
            bad(name, v, 'is before any provider has data', 'Give a month from 2020 on (AWS has data from 2022-01).');
            return null;
        }
        return `${m[1]}-${m[2]}`;
    };
    const startIn = month('start-date');
    const endIn = month('end-date');
    const currentMonth = (0,src_period/* utcMonth */.R6)(now);
    const days = (providers.length > 0 ? providers : PROVIDER_IDS).map((p) => PROVIDERS[p].publicationDay);
    let end = endIn ?? (0,src_period/* defaultEndMonth */.rk)(days, now);
    if (endIn !== null && (0,src_period/* monthIndex */.L6)(endIn) > (0,src_period/* monthIndex */.L6)(currentMonth)) {
        bad('end-date', input('end-date'), `is in the future (today is ${now.toISOString().slice(0, 10)} UTC)`, `Give ${currentMonth} or earlier, or leave it empty for the latest published month.`);
        end = currentMonth;
    }
    const start = startIn ?? (0,src_period/* addMonths */.PS)(end, -11);
    if ((0,src_period/* monthIndex */.L6)(start) > (0,src_period/* monthIndex */.L6)(end)) {
        if (startIn !== null && endIn !== null) {
            bad('start-date', input('start-date'), `is after end-date ${JSON.stringify(input('end-date'))}`, 'Give a start-date on or before end-date.');
        }
        else if (startIn !== null) {
            bad('start-date', input('start-date'), `is after the default end-date ${end} (the latest month every selected provider has published)`, `Give a start-date of ${end} or earlier, or set end-date.`);
        }
    }
    // method
    let method = 'market';
    const rawMethod = input('method');
    if (rawMethod !== '') {
        if (/^(market|location)$/i.test(rawMethod))
            method = rawMethod.toLowerCase();
        else
            bad('method', rawMethod, 'is not an accounting method', 'Use market (market-based, the default) or location (location-based).');
    }
    // fiscal-year-start
    let fiscalYearStart = 1;
    const rawFiscal = input('fiscal-year-start');
    if (rawFiscal !== '') {
        if (/^(0?[1-9]|1[0-2])$/.test(rawFiscal))
            fiscalYearStart = Number(rawFiscal);
        else
            bad('fiscal-year-start', rawFiscal, 'is not a month number', 'Give the first month of your reporting year as 1 to 12 (1 = January, the calendar year; 4 = April).');
    }
    // Each provider's section, in registry order (every input is checked, whether its provider is selected or not).
    const inputs = inputsOf(env, providers, /^\s*merge\s*$/i.test(input('mode')), problems);
    const sections = Object.fromEntries(PROVIDER_IDS.map((id) => [id, PROVIDERS[id].parseInputs(inputs)]));
    // thresholds
    const thresholds = {
        maxTotal: number('max-total', { min: 0, max: MAX_LIMIT_TONNES, unit: 'tCO2e' }),
        maxMonthly: number('max-monthly', { min: 0, max: MAX_LIMIT_TONNES, unit: 'tCO2e' }),
        maxIncreasePercent: number('max-increase-percent', { min: 0, max: 1e6, unit: 'percent' })
    };
    // output and behaviour
    const failOnThreshold = bool('fail-on-threshold', true);
    const failOnError = bool('fail-on-error', true);
    const jobSummary = bool('job-summary', true);
    const water = bool('water', false);
    const prComment = bool('pr-comment', false);
    const rawOutputDir = input('output-dir');
    const outputDir = external_node_path_.resolve(cwd, rawOutputDir || (env.RUNNER_TEMP ? external_node_path_.join(env.RUNNER_TEMP, 'cloud-carbon-report') : 'cloud-carbon-report'));
    const artifactName = readInput(env, 'artifact-name') === '' && `INPUT_ARTIFACT-NAME` in env
        ? ''
        : input('artifact-name') || 'cloud-carbon-report';
    if (artifactName !== '' && (ARTIFACT_NAME_FORBIDDEN.test(artifactName) || artifactName.length > 256)) {
        bad('artifact-name', artifactName, 'is not a valid artifact name', 'Avoid " : < > | * ? \\ / and line breaks; keep it under 256 characters; or set it empty for no artifact.');
    }
    const retention = number('artifact-retention-days', { min: 1, max: 90, integer: true, unit: 'days' });
    const concurrency = number('concurrency', { min: 1, max: 64, integer: true, unit: 'requests' }) ?? 8;
    const timeoutMinutes = number('timeout-minutes', { min: 0, max: 360, exclusiveMin: true, unit: 'minutes' }) ?? 10;
    const githubToken = input('github-token') || (env.GITHUB_TOKEN ?? '').trim();
    let mode = 'collect';
    const rawMode = input('mode');
    if (rawMode !== '') {
        if (/^(collect|merge)$/i.test(rawMode))
            mode = rawMode.toLowerCase();
        else
            bad('mode', rawMode, 'is not a mode', 'Use collect (fetch the data, the default) or merge (combine the shard artifacts of this run).');
    }
    let shard = null;
    const rawShard = input('shard');
    if (rawShard !== '') {
        const m = /^(\d+)\s*\/\s*(\d+)$/.exec(rawShard);
        if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2]) || Number(m[2]) > 256) {
            bad('shard', rawShard, 'is not a shard', 'Use i/n with 1 <= i <= n <= 256, e.g. shard: ${{ matrix.shard }}/4.');
        }
        else
            shard = { index: Number(m[1]), count: Number(m[2]) };
        if (mode === 'merge')
            problems.push(`Input 'shard' cannot be used with mode: merge. The merge job combines every shard: leave shard empty there.`);
    }
    if (mode === 'merge' && artifactName === '') {
        problems.push(`Input 'artifact-name' is empty, but mode: merge reads the shard artifacts by that name. Use the same artifact-name as the shard jobs.`);
    }
    if (shard !== null && artifactName === '') {
        problems.push(`Input 'artifact-name' is empty, but a shard must upload its report for the merge job. Set artifact-name (the default is cloud-carbon-report).`);
    }
    let baseline = null;
    const rawBaseline = input('baseline');
    if (rawBaseline !== '') {
        const p = external_node_path_.resolve(cwd, rawBaseline);
        if (!external_node_fs_.existsSync(p))
            bad('baseline', rawBaseline, 'does not exist', 'Give the path of an earlier report.json (e.g. downloaded with actions/download-artifact).');
        else
            baseline = p;
    }
    if (problems.length > 0)
        throw new InputError(problems);
    return {
        providers,
        period: { start, end },
        periodDefaults: { start: startIn === null, end: endIn === null },
        method,
        fiscalYearStart,
        ...sections,
        thresholds,
        failOnThreshold,
        failOnError,
        outputDir,
        jobSummary,
        water,
        artifactName,
        artifactRetentionDays: retention,
        prComment,
        githubToken,
        concurrency,
        timeoutMs: Math.round(timeoutMinutes * 60_000),
        mode,
        shard,
        baseline,
        now
    };
}

;// CONCATENATED MODULE: ./src/report/json.ts
/** report.json without its records (they are streamed in after this header by the builder). */



/** `scopes` of the contract: overall and per provider of the report (all null for one without records). */
function scopesOf(total, byProvider, providers) {
    return {
        total: (0,scopes/* scopesJson */.II)(total),
        byProvider: Object.fromEntries(providers.map((p) => [p, (0,scopes/* scopesJson */.II)(byProvider[p] ?? (0,scopes/* emptyScopes */.T2)())]))
    };
}
const SCHEMA_VERSION = 1;
function jsonHeader(model, thresholds, extra = {}) {
    const ids = model.providers.map((p) => p.provider);
    return {
        schemaVersion: SCHEMA_VERSION,
        generatedAt: model.generatedAt,
        period: { start: model.period.start, end: model.period.end },
        method: model.method,
        unit: 'kgCO2e',
        totalKgCO2e: (0,units/* gramsToKg */.YV)(model.totalGrams),
        providers: model.providers.map((p) => ({
            provider: p.provider,
            status: p.status,
            records: p.records,
            totalKgCO2e: (0,units/* gramsToKg */.YV)(p.grams),
            error: p.error,
            notes: p.notes,
            warnings: p.warnings,
            missing: p.missing,
            ...(p.overlap === undefined
                ? {}
                : {
                    overlap: p.overlap && {
                        with: p.overlap.with,
                        records: p.overlap.records,
                        kgCO2e: (0,units/* gramsToKg */.YV)(p.overlap.grams)
                    }
                })
        })),
        months: model.months.map((m) => {
            const byProvider = {};
            for (const p of PROVIDER_IDS)
                if (m.byProvider[p] !== undefined)
                    byProvider[p] = (0,units/* gramsToKg */.YV)(m.byProvider[p]);
            return { month: m.month, totalKgCO2e: (0,units/* gramsToKg */.YV)(m.grams), byProvider };
        }),
        thresholds: thresholds.map((t) => ({ ...t })),
        notes: model.notes,
        ...extra,
        scopes: scopesOf(model.scopes.total, model.scopes.byProvider, ids),
        years: model.years.map((y) => {
            const byProvider = {};
            for (const p of PROVIDER_IDS)
                if (y.byProvider[p] !== undefined)
                    byProvider[p] = (0,units/* gramsToKg */.YV)(y.byProvider[p]);
            return {
                label: y.label,
                start: y.start,
                end: y.end,
                monthsInPeriod: y.months.length,
                complete: y.complete,
                totalKgCO2e: (0,units/* gramsToKg */.YV)(y.grams),
                byProvider,
                scopes: (0,scopes/* scopesJson */.II)(y.scopes)
            };
        })
    };
}

;// CONCATENATED MODULE: ./src/report/thresholds.ts

/** The latest month with any data, and the month before it. */
function lastTwoMonths(months) {
    for (let i = months.length - 1; i >= 1; i--) {
        if (Object.keys(months[i].byProvider).length > 0)
            return { last: months[i], previous: months[i - 1] };
    }
    return null;
}
function evaluateThresholds(t, totalGrams, months) {
    const out = [];
    if (t.maxTotal !== null) {
        const breached = totalGrams > (0,units/* limitToGrams */.Ff)(t.maxTotal);
        out.push({
            name: 'max-total',
            limitTCO2e: t.maxTotal,
            actualTCO2e: (0,units/* gramsToTonnes3 */.ey)(totalGrams),
            breached,
            message: `Total ${(0,units/* formatTonnes */.jY)(totalGrams)} tCO2e ${breached ? 'exceeds' : 'is within'} the limit of ${t.maxTotal} tCO2e (max-total).`
        });
    }
    if (t.maxMonthly !== null) {
        const limit = (0,units/* limitToGrams */.Ff)(t.maxMonthly);
        let worst = null;
        for (const m of months)
            if (worst === null || m.grams > worst.grams)
                worst = m;
        const breached = worst !== null && worst.grams > limit;
        const over = months.filter((m) => m.grams > limit).map((m) => m.month);
        out.push({
            name: 'max-monthly',
            limitTCO2e: t.maxMonthly,
            actualTCO2e: worst ? (0,units/* gramsToTonnes3 */.ey)(worst.grams) : null,
            month: worst?.month ?? null,
            breached,
            message: breached
                ? `${over.length === 1 ? `Month ${over[0]}` : `Months ${over.join(', ')}`} exceed${over.length === 1 ? 's' : ''} the monthly limit of ${t.maxMonthly} tCO2e (max-monthly; highest ${worst.month}: ${(0,units/* formatTonnes */.jY)(worst.grams)} tCO2e).`
                : `Every month is within the monthly limit of ${t.maxMonthly} tCO2e (max-monthly${worst ? `; highest ${worst.month}: ${(0,units/* formatTonnes */.jY)(worst.grams)} tCO2e` : ''}).`
        });
    }
    if (t.maxIncreasePercent !== null) {
        const pair = lastTwoMonths(months);
        if (pair === null) {
            out.push({
                name: 'max-increase-percent',
                limitPercent: t.maxIncreasePercent,
                actualPercent: null,
                month: null,
                previousMonth: null,
                breached: false,
                message: `Not judged: max-increase-percent needs data for a month and the month before it within the period.`
            });
        }
        else {
            const { last, previous } = pair;
            const rise = previous.grams === 0 ? (last.grams > 0 ? Infinity : 0) : ((last.grams - previous.grams) / previous.grams) * 100;
            const breached = rise > t.maxIncreasePercent;
            const shown = Number.isFinite(rise) ? Math.round(rise * 100) / 100 : null;
            out.push({
                name: 'max-increase-percent',
                limitPercent: t.maxIncreasePercent,
                actualPercent: shown,
                month: last.month,
                previousMonth: previous.month,
                breached,
                message: shown === null
                    ? `${last.month} has ${(0,units/* formatTonnes */.jY)(last.grams)} tCO2e after none in ${previous.month}: an unbounded rise, over the limit of ${t.maxIncreasePercent}% (max-increase-percent).`
                    : `${last.month} ${shown >= 0 ? 'rose' : 'fell'} ${Math.abs(shown)}% over ${previous.month} (${(0,units/* formatTonnes */.jY)(previous.grams)} to ${(0,units/* formatTonnes */.jY)(last.grams)} tCO2e), ${breached ? 'over' : 'within'} the limit of ${t.maxIncreasePercent}% (max-increase-percent).`
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/report/changes.ts
/**
 * Change over time, on exact grams.
 *
 * - Month over month: the latest month with data against the month before it (the month `max-increase-percent`
 *   judges), per provider, service and account.
 * - Year over year: the same latest month against the same month a year earlier, when the period holds it.
 * - Against a baseline: an earlier report.json (`baseline` input). Months both reports cover are compared per
 *   provider (a different total is a restatement by the provider), and records keyed by
 *   provider/account/month/service/region that appeared, vanished or changed are listed.
 *
 * A percentage is null when the earlier figure is 0 (there is nothing to take a percentage of): the renderers
 * say "new" when the later figure is not 0, and "\u2013" when both are.
 */








const LIST_LIMIT = 1000;
function change(before, after) {
    return {
        before,
        after,
        delta: after - before,
        percent: before === 0 ? null : Math.round(((after - before) / Math.abs(before)) * 10_000) / 100
    };
}
const byMagnitude = (a, b) => Math.abs(b.delta) - Math.abs(a.delta) ||
    a.provider.localeCompare(b.provider) ||
    (a.key ?? '').localeCompare(b.key ?? '');
function groupChanges(groups, month, previous) {
    const out = [];
    for (const g of groups) {
        const before = g.byMonth.get(previous) ?? 0;
        const after = g.byMonth.get(month) ?? 0;
        if (before === 0 && after === 0 && !g.byMonth.has(previous) && !g.byMonth.has(month))
            continue;
        out.push({ provider: g.provider, key: g.key, label: g.label, ...change(before, after) });
    }
    return out.sort(byMagnitude);
}
function periodChange(model, kind, month, previousMonth) {
    const row = (m) => model.months.find((r) => r.month === m);
    const a = row(month);
    const b = row(previousMonth);
    const providers = PROVIDER_IDS.filter((p) => a?.byProvider[p] !== undefined || b?.byProvider[p] !== undefined).map((p) => ({
        provider: p,
        ...change(b?.byProvider[p] ?? 0, a?.byProvider[p] ?? 0)
    }));
    return {
        kind,
        month,
        previousMonth,
        total: change(b?.grams ?? 0, a?.grams ?? 0),
        providers,
        services: groupChanges(model.services, month, previousMonth),
        accounts: groupChanges(model.accounts, month, previousMonth)
    };
}
/** Month-over-month and year-over-year change of the latest month with data. */
function periodChanges(model) {
    const pair = lastTwoMonths(model.months);
    if (pair === null)
        return { monthOverMonth: null, yearOverYear: null };
    const month = pair.last.month;
    const yearBefore = (0,src_period/* addMonths */.PS)(month, -12);
    const inPeriod = (0,src_period/* monthIndex */.L6)(yearBefore) >= (0,src_period/* monthIndex */.L6)(model.period.start);
    return {
        monthOverMonth: periodChange(model, 'month-over-month', month, pair.previous.month),
        yearOverYear: inPeriod ? periodChange(model, 'year-over-year', month, yearBefore) : null
    };
}
/** Services (or accounts) that rose most and fell most. */
function movers(groups, n) {
    const risers = groups
        .filter((g) => g.delta > 0)
        .sort((a, b) => b.delta - a.delta || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key));
    const fallers = groups
        .filter((g) => g.delta < 0)
        .sort((a, b) => a.delta - b.delta || a.provider.localeCompare(b.provider) || a.key.localeCompare(b.key));
    return { risers: risers.slice(0, n), fallers: fallers.slice(0, n) };
}
const recordKey = (r) => JSON.stringify([r.provider, r.account, r.month, r.service, r.region]);
const FIX = 'Give the path of the report.json an earlier run wrote (e.g. downloaded with actions/download-artifact), or leave baseline empty.';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/**
 * Reads and checks an earlier report.json, streamed through the one report reader (a baseline of any size
 * reads in bounded memory). Any problem is an InputError naming the input `baseline`, thrown before anything
 * is fetched.
 */
async function loadBaseline(file, given = file) {
    const bad = (why, fix = FIX) => new InputError([`Input 'baseline': ${JSON.stringify(given)} ${why}. ${fix}`]);
    const invalid = (what) => bad(`is not a valid report.json (${what})`);
    const kg = (v, what) => {
        if (typeof v !== 'number' || !Number.isFinite(v))
            throw invalid(`${what} is not a number`);
        return (0,units/* kilogramsToGrams */.Lg)(v, what);
    };
    const str = (v, what, nullable) => {
        if (v === null && nullable)
            return null;
        if (typeof v !== 'string')
            throw invalid(`${what} is not a string`);
        return v;
    };
    const isProvider = (v) => typeof v === 'string' && PROVIDER_IDS.includes(v);
    // Records are checked as they stream by; the first bad one is reported after the header (which says
    // first whether the file is a report.json of this version at all).
    const records = new Map();
    let recordProblem = null;
    const onRecord = (r, i) => {
        if (recordProblem)
            return;
        try {
            const o = r;
            if (typeof o !== 'object' || o === null || !isProvider(o.provider))
                throw invalid(`records[${i}].provider is not aws, azure or mcfs`);
            if (typeof o.month !== 'string' || !MONTH.test(o.month))
                throw invalid(`records[${i}].month is not YYYY-MM`);
            const rec = {
                provider: o.provider,
                account: str(o.account, `records[${i}].account`, false),
                accountName: str(o.accountName ?? null, `records[${i}].accountName`, true),
                month: o.month,
                service: str(o.service ?? null, `records[${i}].service`, true),
                region: str(o.region ?? null, `records[${i}].region`, true),
                grams: kg(o.kgCO2e, `records[${i}].kgCO2e`)
            };
            const key = recordKey(rec);
            const seen = records.get(key);
            if (seen)
                seen.grams += rec.grams;
            else
                records.set(key, rec);
        }
        catch (e) {
            if (!(e instanceof InputError))
                throw e;
            recordProblem = e;
        }
    };
    let d;
    let sawRecords;
    try {
        ;
        ({ header: d, sawRecords } = await readReportObjects(file, onRecord));
    }
    catch (e) {
        const code = e.code;
        if (code === 'EISDIR')
            throw bad('is a directory', `Give the report.json inside it (e.g. ${given.replace(/\/+$/, '')}/report.json).`);
        if (!(e instanceof ReportReadError))
            throw bad(`cannot be read (${code ?? e.message})`);
        if (e.kind === 'json')
            throw bad(`is not JSON (${e.message})`, `Give report.json (not report.csv or summary.md). ${FIX}`);
        if (e.kind === 'object')
            throw bad('is not a report.json (not a JSON object)');
        if (e.kind === 'schema' && e.message.startsWith('schemaVersion'))
            throw bad(`has ${e.message}; this version of the action reads schemaVersion ${SCHEMA_VERSION}`, 'Give a report.json written by cloud-carbon-report v1, or leave baseline empty.');
        if (e.kind === 'schema')
            throw bad(`is not a cloud-carbon-report report.json (${e.message})`);
        throw invalid(e.message);
    }
    const period = d.period;
    if (typeof period !== 'object' ||
        period === null ||
        typeof period.start !== 'string' ||
        typeof period.end !== 'string' ||
        !MONTH.test(period.start) ||
        !MONTH.test(period.end)) {
        throw invalid('period.start and period.end must be YYYY-MM');
    }
    const providers = new Map();
    if (!Array.isArray(d.providers))
        throw invalid('providers is not a list');
    for (const [i, p] of d.providers.entries()) {
        const o = p;
        if (typeof o !== 'object' || o === null || !isProvider(o.provider))
            throw invalid(`providers[${i}].provider is not aws, azure or mcfs`);
        providers.set(o.provider, {
            status: String(o.status ?? 'ok'),
            grams: kg(o.totalKgCO2e, `providers[${i}].totalKgCO2e`)
        });
    }
    const months = new Map();
    if (!Array.isArray(d.months))
        throw invalid('months is not a list');
    for (const [i, m] of d.months.entries()) {
        const o = m;
        if (typeof o !== 'object' || o === null || typeof o.month !== 'string' || !MONTH.test(o.month))
            throw invalid(`months[${i}].month is not YYYY-MM`);
        const by = new Map();
        const bp = (o.byProvider ?? {});
        if (typeof bp !== 'object' || bp === null)
            throw invalid(`months[${i}].byProvider is not an object`);
        for (const [p, v] of Object.entries(bp))
            if (isProvider(p))
                by.set(p, kg(v, `months[${i}].byProvider.${p}`));
        months.set(o.month, by);
    }
    if (!sawRecords)
        throw invalid('records is not a list');
    if (recordProblem)
        throw recordProblem;
    return {
        file: given,
        generatedAt: typeof d.generatedAt === 'string' ? d.generatedAt : null,
        period: { start: period.start, end: period.end },
        method: d.method === 'market' || d.method === 'location' ? d.method : null,
        providers,
        months,
        records
    };
}
/**
 * Compares the records of this run with a baseline as they stream in (`observe` each record), then
 * `result` once the providers are done. Only records of months both reports cover are kept.
 */
class BaselineComparison {
    baseline;
    period;
    current = new Map();
    shared;
    constructor(baseline, period) {
        this.baseline = baseline;
        this.period = period;
        const theirs = new Set((0,src_period/* monthsOf */.vo)(baseline.period));
        this.shared = new Set((0,src_period/* monthsOf */.vo)(period).filter((m) => theirs.has(m)));
    }
    observe(r) {
        if (!this.shared.has(r.month) || !this.baseline.providers.has(r.provider))
            return;
        const key = recordKey(r);
        const seen = this.current.get(key);
        if (seen)
            seen.grams += r.grams;
        else
            this.current.set(key, {
                provider: r.provider,
                account: r.account,
                accountName: r.accountName,
                month: r.month,
                service: r.service,
                region: r.region,
                grams: r.grams
            });
    }
    result(model) {
        const b = this.baseline;
        // Records the report left out (no double counting) were observed as they came: they leave the comparison too.
        const left = model.overlap;
        if (left)
            for (const [key, r] of this.current)
                if (r.provider === left.provider && left.keys.has(`${r.account}\u0000${r.month}`))
                    this.current.delete(key);
        const notCompared = [];
        const compared = [];
        for (const p of model.providers) {
            const label = providerLabel(p.provider);
            const theirs = b.providers.get(p.provider);
            if (!theirs)
                notCompared.push(`${label} is not in the baseline.`);
            else if (theirs.status !== 'ok')
                notCompared.push(`${label} was ${theirs.status} in the baseline: its figures are not compared.`);
            else if (p.status !== 'ok')
                notCompared.push(`${label} is ${p.status} in this report: its figures are not compared.`);
            else
                compared.push(p.provider);
        }
        for (const p of b.providers.keys()) {
            if (!model.providers.some((o) => o.provider === p))
                notCompared.push(`${providerLabel(p)} is in the baseline but not in this report.`);
        }
        if (b.method !== null && b.method !== model.method) {
            notCompared.push(`The baseline is ${b.method}-based and this report is ${model.method}-based: differences include the change of method.`);
        }
        const shared = (0,src_period/* monthsOf */.vo)(this.period).filter((m) => this.shared.has(m));
        const overlap = shared.length > 0 ? { start: shared[0], end: shared[shared.length - 1] } : null;
        if (overlap === null)
            notCompared.push(`The baseline (${b.period.start} to ${b.period.end}) shares no month with this report.`);
        const restated = [];
        let before = 0;
        let after = 0;
        for (const month of shared) {
            const row = model.months.find((m) => m.month === month);
            for (const p of compared) {
                const was = b.months.get(month)?.get(p) ?? 0;
                const now = row?.byProvider[p] ?? 0;
                before += was;
                after += now;
                if (was !== now)
                    restated.push({ provider: p, month, ...change(was, now) });
            }
        }
        const keep = new Set(compared);
        const appeared = diffSet();
        const vanished = diffSet();
        const changed = diffSet();
        for (const [key, r] of this.current) {
            if (!keep.has(r.provider))
                continue;
            const was = b.records.get(key);
            if (!was || !this.shared.has(was.month))
                add(appeared, { ...strip(r), before: null, after: r.grams });
            else if (was.grams !== r.grams)
                add(changed, { ...strip(r), before: was.grams, after: r.grams });
        }
        for (const [key, r] of b.records) {
            if (!keep.has(r.provider) || !this.shared.has(r.month))
                continue;
            if (!this.current.has(key))
                add(vanished, { ...strip(r), before: r.grams, after: null });
        }
        const newMonths = (0,src_period/* monthsOf */.vo)(this.period).filter((m) => (0,src_period/* monthIndex */.L6)(m) > (0,src_period/* monthIndex */.L6)(b.period.end) || (0,src_period/* monthIndex */.L6)(m) < (0,src_period/* monthIndex */.L6)(b.period.start));
        return {
            file: b.file,
            generatedAt: b.generatedAt,
            period: b.period,
            method: b.method,
            providers: compared,
            notCompared,
            overlap,
            total: change(before, after),
            newMonths,
            restated,
            appeared: finish(appeared),
            vanished: finish(vanished),
            changed: finish(changed)
        };
    }
}
function strip(r) {
    return {
        provider: r.provider,
        account: r.account,
        accountName: r.accountName,
        month: r.month,
        service: r.service,
        region: r.region
    };
}
const diffSet = () => ({ count: 0, delta: 0, list: [] });
const diffSize = (d) => Math.abs((d.after ?? 0) - (d.before ?? 0));
function add(set, d) {
    set.count++;
    set.delta += (d.after ?? 0) - (d.before ?? 0);
    set.list.push(d);
    // Keep memory bounded: trim to the largest LIST_LIMIT now and then.
    if (set.list.length >= LIST_LIMIT * 2)
        set.list = set.list.sort(diffOrder).slice(0, LIST_LIMIT);
}
const diffOrder = (a, b) => diffSize(b) - diffSize(a) ||
    a.provider.localeCompare(b.provider) ||
    a.month.localeCompare(b.month) ||
    recordKey(a).localeCompare(recordKey(b));
function finish(set) {
    return { ...set, list: set.list.sort(diffOrder).slice(0, LIST_LIMIT) };
}
// ---------------------------------------------------------------------------------------------------------
// report.json
const pct = (c) => c.percent;
function changeJson(c) {
    return {
        beforeKgCO2e: (0,units/* gramsToKg */.YV)(c.before),
        afterKgCO2e: (0,units/* gramsToKg */.YV)(c.after),
        changeKgCO2e: (0,units/* gramsToKg */.YV)(c.delta),
        changePercent: pct(c)
    };
}
function periodJson(c) {
    if (c === null)
        return null;
    return {
        month: c.month,
        previousMonth: c.previousMonth,
        total: changeJson(c.total),
        providers: c.providers.map((p) => ({ provider: p.provider, ...changeJson(p) })),
        services: c.services.map((g) => ({ provider: g.provider, service: g.key === '' ? null : g.key, ...changeJson(g) })),
        accounts: c.accounts.map((g) => ({ provider: g.provider, account: g.key, label: g.label, ...changeJson(g) }))
    };
}
function diffJson(set) {
    return {
        count: set.count,
        changeKgCO2e: (0,units/* gramsToKg */.YV)(set.delta),
        listed: set.list.length,
        records: set.list.map((d) => ({
            provider: d.provider,
            account: d.account,
            accountName: d.accountName,
            month: d.month,
            service: d.service,
            region: d.region,
            beforeKgCO2e: d.before === null ? null : (0,units/* gramsToKg */.YV)(d.before),
            afterKgCO2e: d.after === null ? null : (0,units/* gramsToKg */.YV)(d.after)
        }))
    };
}
/** The `changes` key of report.json (kgCO2e; `changePercent` is null when the earlier figure is 0). */
function changesJson(c) {
    const b = c.baseline;
    return {
        monthOverMonth: periodJson(c.monthOverMonth),
        yearOverYear: periodJson(c.yearOverYear),
        baseline: b === null
            ? null
            : {
                file: b.file,
                generatedAt: b.generatedAt,
                period: b.period,
                method: b.method,
                comparedProviders: b.providers,
                notCompared: b.notCompared,
                sharedMonths: b.overlap,
                total: changeJson(b.total),
                newMonths: b.newMonths,
                restatedMonths: b.restated.map((r) => ({ provider: r.provider, month: r.month, ...changeJson(r) })),
                appeared: diffJson(b.appeared),
                vanished: diffJson(b.vanished),
                changed: diffJson(b.changed)
            }
    };
}

;// CONCATENATED MODULE: ./src/artifact.ts
/**
 * The report files as a workflow artifact (`@actions/artifact`, loaded only when used). Where the artifact
 * service is not there (not on a runner, GitHub Enterprise Server) it warns and the run goes on.
 */




const UPLOAD_TIMEOUT_MS = 5 * 60_000;
const MIN_UPLOAD_MS = 10_000;
async function uploadReportArtifact({ settings, env, files, name, deadlineAt }) {
    if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
        if (env.GITHUB_ACTIONS === 'true') {
            // On a runner without the artifact service (GitHub Enterprise Server has no artifacts v2): a warning.
            core.warning(`Artifact not uploaded: this runner has no artifact service (ACTIONS_RESULTS_URL is not set; GitHub Enterprise Server has no artifacts v2). The files are in ${settings.outputDir}; set artifact-name to '' to skip the upload.`);
        }
        else {
            core.info(`Artifact not uploaded: ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL are not set (not running on a GitHub Actions runner).`);
        }
        return '';
    }
    try {
        const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(820), __webpack_require__.e(351), __webpack_require__.e(915), __webpack_require__.e(172)]).then(__webpack_require__.bind(__webpack_require__, 10172));
        const client = new DefaultArtifactClient();
        const upload = client.uploadArtifact(name, files, external_node_path_.dirname(files[0]), settings.artifactRetentionDays ? { retentionDays: settings.artifactRetentionDays } : {});
        upload.catch(() => undefined); // an upload abandoned at its budget may still fail later: nobody waits for it
        let timer;
        // The rest of timeout-minutes, 10 s to 5 min: @actions/artifact has no timeout of its own.
        const budget = remainingBudgetMs(deadlineAt, MIN_UPLOAD_MS, UPLOAD_TIMEOUT_MS);
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${budget >= 60_000 ? `${(budget / 60_000).toFixed(1)} min` : `${Math.round(budget / 1000)} s`} (the rest of timeout-minutes)`)), budget);
            timer.unref();
        });
        const res = await Promise.race([upload, timeout]).finally(() => clearTimeout(timer));
        const id = res.id === undefined ? '' : String(res.id);
        core.info(`Artifact ${name} uploaded (id ${id}, ${res.size ?? '?'} bytes).`);
        return id;
    }
    catch (e) {
        const msg = (0,secrets.errorMessage)(e);
        if (/GHES|Enterprise Server|not supported/i.test(msg))
            core.warning(`Artifact not uploaded: artifacts v2 are not available on GitHub Enterprise Server (${msg}). The files are in ${settings.outputDir}.`);
        else
            core.warning(`Artifact ${name} could not be uploaded: ${msg}. The files are in ${settings.outputDir}.`);
        return '';
    }
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
;// CONCATENATED MODULE: ./src/report/chart.ts
/**
 * A Mermaid `xychart-beta` of monthly emissions (GitHub renders Mermaid >= 10.6 in summaries and comments).
 * xychart colours its plots by position and has no legend: the palette is fixed here per provider (bars
 * first, then one line per provider present), so a provider keeps its colour from run to run, and a legend
 * in the same colours follows the chart. The colours read on GitHub's light and dark themes alike.
 */




const SHORT_LABELS = Object.fromEntries(PROVIDER_IDS.map((p) => [p, PROVIDERS[p].short]));
/** Bars (the total) and each provider's line; the square is the emoji closest to the colour, for the legend. */
const TOTAL_COLOUR = '#8b949e';
const PROVIDER_COLOURS = {
    aws: { colour: '#f0883e', square: '\ud83d\udfe7' },
    azure: { colour: '#2f81f7', square: '\ud83d\udfe6' },
    mcfs: { colour: '#3fb950', square: '\ud83d\udfe9' },
    gcp: { colour: '#a371f7', square: '\ud83d\udfea' }
};
/** `incomplete`: months whose figures lack a part (marked `*` on the axis). */
function monthlyChart(months, title, incomplete = new Set()) {
    if (months.length === 0)
        return '';
    const values = months.map((m) => (0,units/* formatTonnes */.jY)(m.grams));
    const max = Math.max(...months.map((m) => m.grams));
    const top = Number((0,units/* formatTonnes */.jY)(Math.max(max, 1000))) * 1.1;
    const providers = PROVIDER_IDS.filter((p) => months.some((m) => m.byProvider[p] !== undefined));
    const multi = providers.length > 1;
    const palette = [TOTAL_COLOUR, ...(multi ? providers.map((p) => PROVIDER_COLOURS[p].colour) : [])];
    const lines = [
        '```mermaid',
        // GitHub's column is ~950 px: at Mermaid's default 700 px twelve month labels run into each other.
        `%%{init: {"xyChart": {"width": 900}, "themeVariables": {"xyChart": {"plotColorPalette": "${palette.join(', ')}"}}}}%%`,
        'xychart-beta',
        `  title "${(0,report_escape/* escapeMermaid */.Fw)(title)}"`,
        `  x-axis [${months.map((m) => `"${m.month}${incomplete.has(m.month) ? '*' : ''}"`).join(', ')}]`,
        `  y-axis "tCO2e" 0 --> ${Number(top.toFixed(3))}`,
        `  bar [${values.join(', ')}]`
    ];
    // With several providers, one line each over the total bars (xychart-beta does not stack bars).
    if (multi) {
        for (const p of providers)
            lines.push(`  line [${months.map((m) => (0,units/* formatTonnes */.jY)(m.byProvider[p] ?? 0)).join(', ')}]`);
    }
    lines.push('```');
    const legend = [
        '\u2b1c bars: total',
        ...(multi ? providers.map((p) => `${PROVIDER_COLOURS[p].square} ${SHORT_LABELS[p]}`) : []),
        ...(months.some((m) => incomplete.has(m.month)) ? ['* incomplete month'] : [])
    ];
    lines.push(`<sub>${legend.join(' · ')}</sub>`);
    return lines.join('\n');
}

// EXTERNAL MODULE: ./node_modules/markdown-table/index.js
var markdown_table = __webpack_require__(735);
;// CONCATENATED MODULE: ./src/report/figures.ts

/** The rule, said once under the figures. */
const PRECISION_RULE = 'Rounded so that the largest figure of each column keeps 4 significant digits (tonnes from 1 t, kilograms below); report.json and report.csv hold exact kilograms.';
/** The format a column of figures shares. */
function massFormat(values) {
    let max = 0;
    for (const v of values)
        if (typeof v === 'number' && Math.abs(v) > max)
            max = Math.abs(v);
    const unit = max >= 1_000_000 ? 't' : 'kg';
    const scale = unit === 't' ? 6 : 3;
    const whole = max === 0 ? 1 : Math.floor(Math.log10(max)) - scale + 1;
    const decimals = Math.max(0, Math.min(3, 4 - Math.max(1, whole)));
    return {
        unit,
        decimals,
        format: (g) => (0,units/* groupThousands */.Zv)((0,units/* fixed */.Zu)((0,units/* roundDiv */._P)(g, scale - decimals), decimals))
    };
}
/** One figure with its unit, e.g. `715.1 t` or `42.35 kg`. */
function mass(g) {
    const f = massFormat([g]);
    return `${f.format(g)} ${f.unit}`;
}
/** Months as ranges of consecutive months: 2025-01..2025-03, 2025-06. */
function monthRanges(months) {
    const sorted = [...new Set(months)].sort();
    const index = (m) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
    const out = [];
    let from = 0;
    for (let i = 1; i <= sorted.length; i++) {
        if (i < sorted.length && index(sorted[i]) === index(sorted[i - 1]) + 1)
            continue;
        out.push(i - 1 === from ? sorted[from] : `${sorted[from]}..${sorted[i - 1]}`);
        from = i;
    }
    return out.join(', ');
}

;// CONCATENATED MODULE: ./src/report/changes-md.ts
/**
 * The "Change over time" section of the job summary (and the PR comment's movers), rendered from what
 * changes.ts computed. Provider names are short; each figure column has one unit, said in its header.
 */






const changes_md_short = (p) => SHORT_LABELS[p] ?? p;
/** A signed figure in a column's unit (the unit is in the header): \u25b2 +1.604. */
function signedIn(f, c) {
    return `${arrow(c)} ${c.delta > 0 ? '+' : c.delta < 0 ? '-' : '±'}${f.format(Math.abs(c.delta))}`;
}
/** A signed mass for people: +1.234 t, -56.000 kg, ±0 kg. */
function signedMass(g) {
    if (g === 0)
        return '±0 kg';
    return `${g > 0 ? '+' : '-'}${(0,units/* humanMass */.Gv)(Math.abs(g))}`;
}
/** A percentage for people: +5.2%, -100.0%, "new" (from 0), "\u2013" (0 to 0). */
function signedPercent(c) {
    if (c.percent === null)
        return c.after === 0 ? '\u2013' : 'new';
    const p = Math.round(c.percent * 10) / 10;
    return `${p > 0 ? '+' : p < 0 ? '-' : '±'}${Math.abs(p).toFixed(1)}%`;
}
/** An arrow for the direction of a change. */
function arrow(c) {
    return c.delta > 0 ? '\u25b2' : c.delta < 0 ? '\u25bc' : '=';
}
/** Cuts a provider string to `max` code points before escaping, so an escape is never cut in half. */
function clip(text, max) {
    const chars = [...text];
    return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}\u2026`;
}
const t = (g) => (0,units/* groupThousands */.Zv)((0,units/* formatTonnes */.jY)(g));
const LABEL_MAX = 80;
function groupName(g) {
    return g.key === '' ? '_(none)_' : (0,report_escape/* escapeMarkdown */.FV)(clip(g.label, LABEL_MAX));
}
/** A table of the biggest risers and fallers of one dimension (services or accounts). */
function moversTable(title, groups, n) {
    const { risers, fallers } = movers(groups, n);
    if (risers.length + fallers.length === 0)
        return '';
    const multi = new Set(groups.map((g) => g.provider)).size > 1;
    const shown = [...risers, ...fallers];
    const f = massFormat(shown.flatMap((g) => [g.before, g.after]));
    const d = massFormat(shown.map((g) => g.delta));
    const rows = shown.map((g) => [
        ...(multi ? [changes_md_short(g.provider)] : []),
        groupName(g),
        f.format(g.before),
        f.format(g.after),
        signedIn(d, g),
        signedPercent(g)
    ]);
    return (0,markdown_table/* markdownTable */.Q)([
        [
            ...(multi ? ['Provider'] : []),
            title,
            `Before ${f.unit}CO2e`,
            `After ${f.unit}CO2e`,
            `Change ${d.unit}CO2e`,
            '%'
        ],
        ...rows
    ], {
        align: [...(multi ? ['l'] : []), 'l', 'r', 'r', 'r', 'r']
    });
}
function periodBlock(c, n) {
    const title = c.kind === 'month-over-month' ? 'Month over month' : 'Year over year';
    const out = [`#### ${title}: ${c.month} against ${c.previousMonth}`, ''];
    out.push(`Total ${t(c.total.before)} \u2192 **${t(c.total.after)} tCO2e**, ${arrow(c.total)} ${signedMass(c.total.delta)} (${signedPercent(c.total)}).`);
    if (c.providers.length > 1) {
        const f = massFormat(c.providers.flatMap((p) => [p.before, p.after]));
        const d = massFormat(c.providers.map((p) => p.delta));
        out.push('', (0,markdown_table/* markdownTable */.Q)([
            ['Provider', `${c.previousMonth} ${f.unit}CO2e`, `${c.month} ${f.unit}CO2e`, `Change ${d.unit}CO2e`, '%'],
            ...c.providers.map((p) => [
                changes_md_short(p.provider),
                f.format(p.before),
                f.format(p.after),
                signedIn(d, p),
                signedPercent(p)
            ])
        ], { align: ['l', 'r', 'r', 'r', 'r'] }));
    }
    const services = moversTable('Service', c.services, n);
    const accounts = moversTable('Account', c.accounts, n);
    // The movers are detail: folded, so the section stays a few lines long.
    const movers = [
        ...(services ? [`Biggest risers and fallers by service:`, '', services] : []),
        ...(accounts ? [...(services ? [''] : []), `Biggest risers and fallers by account:`, '', accounts] : [])
    ];
    if (movers.length > 0)
        out.push('', `<details><summary>Risers and fallers</summary>`, '', ...movers, '', '</details>');
    return out.join('\n');
}
function recordLabel(d) {
    const account = d.accountName ? `${d.accountName} (${d.account})` : d.account;
    return (0,report_escape/* escapeMarkdown */.FV)(clip([account, d.service ?? '(no service)', d.region ?? '(no region)'].join(' · '), 120));
}
function diffTable(title, set, n) {
    if (set.count === 0)
        return '';
    const shown = set.list.slice(0, n);
    const f = massFormat(shown.flatMap((d) => [d.before, d.after]));
    const rows = shown.map((d) => [
        changes_md_short(d.provider),
        d.month,
        recordLabel(d),
        d.before === null ? '\u2013' : f.format(d.before),
        d.after === null ? '\u2013' : f.format(d.after)
    ]);
    return [
        `${title}: ${(0,units/* groupThousands */.Zv)(String(set.count))} record${set.count === 1 ? '' : 's'}, ${signedMass(set.delta)}${set.count > shown.length ? ` (the ${shown.length} largest below; up to ${LIST_LIMIT} in report.json)` : ''}.`,
        '',
        (0,markdown_table/* markdownTable */.Q)([['Provider', 'Month', 'Account · service · region', `Before ${f.unit}CO2e`, `After ${f.unit}CO2e`], ...rows], {
            align: ['l', 'l', 'l', 'r', 'r']
        })
    ].join('\n');
}
function baselineBlock(b, n) {
    const out = [`#### Since the baseline`, ''];
    out.push(`Baseline: ${(0,report_escape/* escapeMarkdown */.FV)(clip(b.file, 200))}${b.generatedAt ? `, generated ${(0,report_escape/* escapeMarkdown */.FV)(b.generatedAt)}` : ''}, ${b.period.start} to ${b.period.end}` +
        `${b.method ? `, ${b.method}-based` : ''}.`);
    for (const note of b.notCompared)
        out.push('', `> [!NOTE]\n> ${(0,report_escape/* escapeMarkdown */.FV)(note)}`);
    if (b.overlap !== null && b.providers.length > 0) {
        out.push('', `Months both cover (${b.overlap.start} to ${b.overlap.end}): ${t(b.total.before)} \u2192 **${t(b.total.after)} tCO2e**, ${arrow(b.total)} ${signedMass(b.total.delta)} (${signedPercent(b.total)}).`);
    }
    if (b.newMonths.length > 0)
        out.push('', `New since the baseline: ${b.newMonths.length > 12 ? `${b.newMonths.length} months` : b.newMonths.join(', ')}.`);
    if (b.restated.length > 0) {
        const shown = b.restated.slice(0, Math.max(n, 12));
        const f = massFormat(shown.flatMap((r) => [r.before, r.after]));
        const d = massFormat(shown.map((r) => r.delta));
        out.push('', `Restated by the provider: ${b.restated.length} month${b.restated.length === 1 ? '' : 's'} (same month, a different total)${b.restated.length > shown.length ? `, the first ${shown.length} below` : ''}.`, '', (0,markdown_table/* markdownTable */.Q)([
            ['Provider', 'Month', `Baseline ${f.unit}CO2e`, `Now ${f.unit}CO2e`, `Change ${d.unit}CO2e`, '%'],
            ...shown.map((r) => [
                changes_md_short(r.provider),
                r.month,
                f.format(r.before),
                f.format(r.after),
                signedIn(d, r),
                signedPercent(r)
            ])
        ], { align: ['l', 'l', 'r', 'r', 'r', 'r'] }));
    }
    else if (b.overlap !== null && b.providers.length > 0)
        out.push('', 'No month was restated: every shared month has the same total as in the baseline.');
    for (const [title, set] of [
        ['Appeared', b.appeared],
        ['Vanished', b.vanished],
        ['Changed', b.changed]
    ]) {
        const table = diffTable(title, set, n);
        if (table)
            out.push('', table);
    }
    return out.join('\n');
}
/** The "Change over time" section of the job summary; `n` rows per movers table. */
function changesSection(c, n = 5) {
    const blocks = [];
    if (c.monthOverMonth)
        blocks.push(periodBlock(c.monthOverMonth, n));
    if (c.yearOverYear)
        blocks.push(periodBlock(c.yearOverYear, n));
    if (c.baseline)
        blocks.push(baselineBlock(c.baseline, n));
    if (blocks.length === 0)
        return '';
    return ['### Change over time', '', blocks.join('\n\n')].join('\n');
}

;// CONCATENATED MODULE: ./src/report/gaps.ts


const gaps_MONTH = /\b\d{4}-(0[1-9]|1[0-2])\b/g;
function gapsOf(model) {
    const inPeriod = new Set((0,src_period/* monthsOf */.vo)(model.period));
    const out = [];
    for (const p of model.providers) {
        if (p.status === 'ok')
            continue;
        if (p.status === 'failed') {
            out.push({ provider: p.provider, failed: true, months: [...inPeriod], otherParts: false });
            continue;
        }
        const months = new Set();
        let otherParts = p.missing.length === 0;
        for (const m of p.missing) {
            const found = [...m.what.matchAll(gaps_MONTH)].map((x) => x[0]).filter((x) => inPeriod.has(x));
            if (found.length === 0)
                otherParts = true;
            for (const x of found)
                months.add(x);
        }
        out.push({ provider: p.provider, failed: false, months: [...months].sort(), otherParts });
    }
    return out;
}
/**
 * Per month, the providers whose figures for it are incomplete. A failed provider lacks every month: that is
 * said once up front (and under the table), not as a mark on every month, which would hide the months that do
 * lack a part of a provider that is there.
 */
function incompleteMonths(gaps) {
    const out = new Map();
    for (const g of gaps)
        if (!g.failed)
            for (const m of g.months)
                out.set(m, [...(out.get(m) ?? []), g.provider]);
    return out;
}
/**
 * Missing parts grouped by cause (one cause told once), the parts of a cause folded into month ranges:
 * "2025-01..2025-06 of role X" instead of one line per month.
 */
function groupMissing(missing) {
    const byCause = new Map();
    for (const m of missing) {
        let templates = byCause.get(m.cause);
        if (!templates)
            byCause.set(m.cause, (templates = new Map()));
        const months = [...m.what.matchAll(gaps_MONTH)].map((x) => x[0]);
        const template = months.length === 1 ? m.what.replace(gaps_MONTH, '\u0000') : m.what;
        templates.set(template, [...(templates.get(template) ?? []), ...(months.length === 1 ? months : [])]);
    }
    return [...byCause].map(([cause, templates]) => ({
        cause,
        parts: [...templates].map(([t, months]) => (months.length > 0 ? t.replace('\u0000', monthRanges(months)) : t))
    }));
}

;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * The job summary (and summary.md): what a sustainability lead reads in 20 seconds. The first line says
 * whether the report is complete (and what is missing), then the headline, the verdicts, the GHG inventory,
 * the reporting years, the monthly chart with its table, the top services, regions and accounts (folded), and
 * what each provider returned. Every provider string is escaped; tables come from markdown-table.
 */









const METHOD_LABEL = { market: 'market-based', location: 'location-based' };
const STATUS_MARK = { ok: '\u2705 ok', partial: '\u26a0\ufe0f partial', failed: '\u274c failed' };
const markdown_t = (g) => (0,units/* groupThousands */.Zv)((0,units/* formatTonnes */.jY)(g));
const markdown_short = (p) => SHORT_LABELS[p] ?? p;
function share(part, total) {
    if (total <= 0)
        return '\u2013';
    return `${((part / total) * 100).toFixed(1)}%`;
}
function topTable(title, groups, total, n, multiProvider) {
    if (groups.length === 0)
        return '';
    const shown = groups.slice(0, n);
    const f = massFormat(shown.map((g) => g.grams));
    const rows = shown.map((g) => [
        ...(multiProvider ? [markdown_short(g.provider)] : []),
        g.key === '' ? '_(none)_' : (0,report_escape/* escapeMarkdown */.FV)(g.label),
        f.format(g.grams),
        share(g.grams, total)
    ]);
    const head = [...(multiProvider ? ['Provider'] : []), title, `${f.unit}CO2e`, 'Share'];
    const rest = groups.length - shown.length;
    return [
        `#### Top ${title.toLowerCase()}${rest > 0 ? ` (${shown.length} of ${groups.length})` : ''}`,
        '',
        (0,markdown_table/* markdownTable */.Q)([head, ...rows], { align: [...(multiProvider ? ['l'] : []), 'l', 'r', 'r'] })
    ].join('\n');
}
/** Forecast points as their own clearly labelled table: never part of any total. */
function forecastSection(points) {
    if (points.length === 0)
        return '';
    const rows = points.map((p) => [markdown_short(p.provider), (0,report_escape/* escapeMarkdown */.FV)(p.scope), p.month, markdown_t(p.grams)]);
    return [
        '### Forecast (not included in any total)',
        '',
        `<sub>The provider's own projection for the rest of the year (${(0,report_escape/* escapeMarkdown */.FV)([...new Set(points.map((p) => p.basis))].join(', '))}).</sub>`,
        '',
        (0,markdown_table/* markdownTable */.Q)([['Provider', 'Scope', 'Month', 'Forecast tCO2e'], ...rows], { align: ['l', 'l', 'l', 'r'] })
    ].join('\n');
}
function thresholdTable(thresholds) {
    if (thresholds.length === 0)
        return '';
    const rows = thresholds.map((th) => [
        `\`${th.name}\``,
        th.limitPercent !== undefined ? `${th.limitPercent}%` : `${th.limitTCO2e} t`,
        th.limitPercent !== undefined
            ? th.actualPercent === null || th.actualPercent === undefined
                ? th.month
                    ? '\u221e'
                    : '\u2013'
                : `${th.actualPercent}%${th.month ? ` (${th.month})` : ''}`
            : th.actualTCO2e === null || th.actualTCO2e === undefined
                ? '\u2013'
                : `${th.actualTCO2e} t${th.month ? ` (${th.month})` : ''}`,
        th.breached ? '\u274c breached' : '\u2705 within'
    ]);
    return (0,markdown_table/* markdownTable */.Q)([['Limit', 'Value', 'Actual', 'Result'], ...rows], { align: ['l', 'r', 'r', 'l'] });
}
const FIGURE_LABELS = {
    scope1KgCO2e: 'Scope 1 (gross)',
    scope2LocationKgCO2e: 'Scope 2, location-based',
    scope2MarketKgCO2e: 'Scope 2, market-based',
    scope3LocationKgCO2e: 'Scope 3 (with location-based inputs)',
    scope3MarketKgCO2e: 'Scope 3 (with market-based inputs)',
    totalLocationKgCO2e: '**Total, location-based**',
    totalMarketKgCO2e: '**Total, market-based**'
};
const and = (items) => items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
/** What a gap leaves out, e.g. "AWS (failed)" or "Azure 2025-03..2025-04". */
function gapText(g) {
    if (g.failed)
        return `${markdown_short(g.provider)} (failed)`;
    if (g.months.length === 0)
        return `${markdown_short(g.provider)} (some parts)`;
    return `${markdown_short(g.provider)} ${monthRanges(g.months)}${g.otherParts ? ' and some other parts' : ''}`;
}
/** The title, saying when the report is incomplete and what it lacks (the summary's and the comment's). */
function title(model) {
    const gaps = gapsOf(model);
    if (gaps.length === 0)
        return 'Cloud carbon footprint';
    return `\u26a0\ufe0f Incomplete cloud carbon footprint: without ${and(gaps.map(gapText))}`;
}
/** The providers a total counts, and those that failed, by their short names ("AWS and GCP"). */
function countedProviders(model) {
    return {
        counted: and(model.providers.filter((p) => p.status !== 'failed').map((p) => markdown_short(p.provider))),
        failed: and(model.providers.filter((p) => p.status === 'failed').map((p) => markdown_short(p.provider)))
    };
}
/** The note that says which records were left out so that no subscription is counted twice, or ''. */
function overlapNote(model) {
    if (!model.overlap || model.overlap.records === 0)
        return '';
    const o = model.overlap;
    return `No double counting: ${(0,units/* groupThousands */.Zv)(String(o.records))} ${markdown_short(o.provider)} records (${mass(o.grams)}) of subscriptions and months that ${markdown_short(o.against)} also reports are left out; ${markdown_short(o.against)}'s figures are the ones counted.`;
}
/** A provider's failure or missing parts: grouped by cause (the cause, which names the fix, first), months as ranges. */
function problemItems(p) {
    if (p.missing.length === 0)
        return [`> ${(0,report_escape/* escapeMarkdown */.FV)(p.error ?? 'unknown error')}`];
    const groups = groupMissing(p.missing);
    const items = groups.slice(0, 10).map((g) => `> - ${(0,report_escape/* escapeMarkdown */.FV)(g.cause)} \u2014 missing: ${(0,report_escape/* escapeMarkdown */.FV)(g.parts.join('; '))}`);
    if (groups.length > 10)
        items.push(`> - \u2026and ${groups.length - 10} more causes (see report.json)`);
    return items;
}
/** GHG inventory: Scope 1, 2 (both methods), 3 and totals, per provider and overall (ESRS E1-6 shape). */
function inventorySection(model) {
    const shown = model.providers;
    const multi = shown.length > 1;
    const cell = (s, name, f) => {
        if (!s)
            return '\u2013';
        const g = (0,scopes/* figure */.vP)(s, name);
        return g === null ? '_not reported_' : f(g);
    };
    const all = [model.scopes.total, ...Object.values(model.scopes.byProvider)].flatMap((s) => scopes/* SCOPE_FIGURES */.bz.map(([n]) => (0,scopes/* figure */.vP)(s, n)));
    const fmt = massFormat(all);
    const head = [
        `${fmt.unit}CO2e`,
        ...shown.map((p) => `${markdown_short(p.provider)}${p.status === 'failed' ? ' (failed)' : ''}`),
        ...(multi ? ['Total'] : [])
    ];
    const rows = scopes/* SCOPE_FIGURES */.bz.map(([name]) => [
        FIGURE_LABELS[name],
        ...shown.map((p) => (p.status === 'failed' ? '\u2013' : cell(model.scopes.byProvider[p.provider], name, fmt.format))),
        ...(multi ? [cell(model.scopes.total, name, fmt.format)] : [])
    ]);
    const out = [
        '### Greenhouse gas inventory',
        '',
        (0,markdown_table/* markdownTable */.Q)([head, ...rows], { align: ['l', ...head.slice(1).map(() => 'r')] }),
        ''
    ];
    // Which providers each total leaves out: a provider's "not reported" is not a zero.
    const leftOut = [];
    for (const [name] of scopes/* SCOPE_FIGURES */.bz) {
        const without = shown
            .filter((p) => p.status !== 'failed' && p.records > 0)
            .filter((p) => {
            const s = model.scopes.byProvider[p.provider];
            return !s || (0,scopes/* figure */.vP)(s, name) === null;
        })
            .map((p) => markdown_short(p.provider));
        if (without.length > 0 && without.length < shown.length)
            leftOut.push(`${FIGURE_LABELS[name].replace(/\*/g, '')}: without ${and(without)} (not reported)`);
    }
    const failed = shown.filter((p) => p.status === 'failed').map((p) => markdown_short(p.provider));
    if (failed.length > 0)
        leftOut.unshift(`every figure: without ${and(failed)} (failed)`);
    if (leftOut.length > 0)
        out.push(`<sub>Totals leave out: ${leftOut.join('; ')}.</sub>`, '');
    out.push('<sub>These are the emissions the providers allocate to your use of their services: in your own inventory ' +
        'they are purchased services (Scope 3, category 1). Rows follow ESRS E1-6: gross Scope 1, Scope 2 and ' +
        'totals, location- and market-based.</sub>');
    return out.join('\n');
}
/** Totals and scopes per reporting year, saying when a year is only partly in the period. */
function yearsSection(model) {
    if (model.years.length === 0)
        return '';
    const method = METHOD_LABEL[model.method];
    const figures = [
        'scope1KgCO2e',
        'scope2LocationKgCO2e',
        'scope2MarketKgCO2e',
        'scope3MarketKgCO2e',
        'totalLocationKgCO2e',
        'totalMarketKgCO2e'
    ];
    const fmt = massFormat(model.years.flatMap((y) => [y.grams, ...figures.map((n) => (0,scopes/* figure */.vP)(y.scopes, n))]));
    const rows = model.years.map((y) => [
        `**${y.label}**`,
        y.complete
            ? `${y.start}..${y.end}`
            : `${y.months[0]}..${y.months[y.months.length - 1]} (${y.months.length} of 12 months)`,
        fmt.format(y.grams),
        ...figures.map((n) => {
            const g = (0,scopes/* figure */.vP)(y.scopes, n);
            return g === null ? '_not reported_' : fmt.format(g);
        })
    ]);
    const head = [
        'Year',
        'Months',
        `Total ${fmt.unit}CO2e (${method})`,
        'Scope 1',
        'Scope 2 location',
        'Scope 2 market',
        'Scope 3',
        'Total location',
        'Total market'
    ];
    const partial = model.years.filter((y) => !y.complete);
    const out = [
        `### By reporting year${model.fiscalYearStart === 1 ? '' : ` (fiscal years from month ${model.fiscalYearStart})`}`,
        '',
        (0,markdown_table/* markdownTable */.Q)([head, ...rows], { align: ['l', 'l', ...head.slice(2).map(() => 'r')] })
    ];
    if (partial.length > 0)
        out.push('', `<sub>${and(partial.map((y) => y.label))} ${partial.length === 1 ? 'is' : 'are'} only partly in the period: ` +
            `${partial.length === 1 ? 'its figures cover' : 'their figures cover'} only the months shown. Scope 3 with market-based inputs.</sub>`);
    return out.join('\n');
}
function monthsSection(model, gaps) {
    const method = METHOD_LABEL[model.method];
    const incomplete = incompleteMonths(gaps);
    const out = ['### By month', ''];
    const chart = monthlyChart(model.months, `Monthly emissions, tCO2e (${method})`, new Set(incomplete.keys()));
    if (chart)
        out.push(chart, '');
    const provs = PROVIDER_IDS.filter((p) => model.months.some((m) => m.byProvider[p] !== undefined));
    const fmt = massFormat(model.months.map((m) => m.grams));
    const gapOf = new Map(gaps.map((g) => [g.provider, g]));
    const monthRows = model.months.map((m) => {
        const lacking = incomplete.get(m.month) ?? [];
        return [
            lacking.length > 0 ? `${m.month} \u26a0\ufe0f` : m.month,
            ...(provs.length > 1
                ? provs.map((p) => m.byProvider[p] !== undefined
                    ? fmt.format(m.byProvider[p])
                    : gapOf.get(p)?.months.includes(m.month)
                        ? '_missing_'
                        : '\u2013')
                : []),
            Object.keys(m.byProvider).length === 0
                ? lacking.length > 0
                    ? '_missing_'
                    : '\u2013 _(no data)_'
                : fmt.format(m.grams)
        ];
    });
    const table = (0,markdown_table/* markdownTable */.Q)([
        ['Month', ...(provs.length > 1 ? provs.map((p) => markdown_short(p)) : []), `Total ${fmt.unit}CO2e`],
        ...monthRows,
        [
            '**Total**',
            ...(provs.length > 1
                ? provs.map((p) => `**${fmt.format(model.providers.find((x) => x.provider === p)?.grams ?? 0)}**`)
                : []),
            `**${fmt.format(model.totalGrams)}**`
        ]
    ], { align: ['l', ...provs.map(() => 'r'), 'r'] });
    const notes = [];
    if (incomplete.size > 0)
        notes.push(`\u26a0\ufe0f a part of the month is missing (${and(gaps.filter((g) => !g.failed).map(gapText))}): its figures are too low, not a real drop.`);
    const failed = gaps.filter((g) => g.failed).map((g) => markdown_short(g.provider));
    if (failed.length > 0)
        notes.push(`${and(failed)} failed: in no month.`);
    const note = notes.length > 0 ? `\n\n<sub>${notes.join(' ')}</sub>` : '';
    if (model.months.length > 12)
        out.push(`<details><summary>Monthly figures (${model.months.length} months)</summary>\n\n${table}${note}\n\n</details>`);
    else
        out.push(`${table}${note}`);
    return out.join('\n');
}
function renderSummary(model, thresholds, options = {}) {
    const n = options.top ?? 10;
    const out = [];
    const method = METHOD_LABEL[model.method];
    const gaps = gapsOf(model);
    const counted = model.providers.filter((p) => p.status !== 'failed').map((p) => markdown_short(p.provider));
    const failed = model.providers.filter((p) => p.status === 'failed').map((p) => markdown_short(p.provider));
    const multi = new Set(model.providers.filter((p) => p.records > 0).map((p) => p.provider)).size > 1;
    out.push(`## ${title(model)}`);
    out.push('');
    out.push(`**${mass(model.totalGrams).replace(/ (t|kg)$/, ' $1CO2e')}** (${method}) from ${and(counted) || 'no provider'}, ${model.period.start} to ${model.period.end}` +
        ` · ${(0,units/* groupThousands */.Zv)(String(model.recordCount))} records` +
        (failed.length > 0 ? ` · ${and(failed)} failed: not in any total` : ''));
    // What went wrong comes before anything else a reader might act on.
    const alerts = [];
    for (const p of model.providers) {
        const label = markdown_short(p.provider);
        if (p.status === 'failed')
            alerts.push(`> [!CAUTION]\n> **${label} failed**, so it is in no total:\n${problemItems(p).join('\n')}`);
        else if (p.status === 'partial') {
            const g = gaps.find((x) => x.provider === p.provider);
            alerts.push(`> [!WARNING]\n> **${label} is incomplete**${g && g.months.length > 0 ? ` (${monthRanges(g.months)})` : ''}: its figures leave out\n${problemItems(p).join('\n')}`);
        }
    }
    for (const p of model.providers) {
        for (const w of p.warnings)
            alerts.push(`> [!WARNING]\n> **${markdown_short(p.provider)}:** ${(0,report_escape/* escapeMarkdown */.FV)(w)}`);
    }
    const breached = thresholds.filter((th) => th.breached);
    if (breached.length > 0)
        alerts.push(`> [!CAUTION]\n${breached.map((th) => `> \u274c ${th.message}`).join('\n>\n')}`);
    if (options.unpublished && options.unpublished.length > 0) {
        alerts.push(`> [!NOTE]\n> ${options.unpublished.join(', ')} ${options.unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider ` +
            `(${publicationSchedule(model.providers.map((p) => p.provider))}): ${options.unpublished.length === 1 ? 'its figures are' : 'their figures are'} missing or incomplete.`);
    }
    if (overlapNote(model))
        alerts.push(`> [!NOTE]\n> ${overlapNote(model)}`);
    if (model.overlapDeferred) {
        const o = model.overlapDeferred;
        alerts.push(`> [!NOTE]\n> A shard keeps every record: a subscription and month that both ${markdown_short(o.provider)} and ${markdown_short(o.against)} report is counted twice here; the merge job counts it once, from ${markdown_short(o.against)}.`);
    }
    if (alerts.length > 0)
        out.push('', alerts.join('\n\n'));
    if (thresholds.length > 0) {
        out.push('', '### Limits', '', thresholdTable(thresholds));
    }
    if (model.recordCount > 0)
        out.push('', inventorySection(model));
    const years = yearsSection(model);
    if (years && model.recordCount > 0)
        out.push('', years);
    out.push('', monthsSection(model, gaps));
    for (const s of options.sections ?? [])
        if (s)
            out.push('', s);
    const tops = [
        topTable('Services', model.services, model.totalGrams, n, multi),
        topTable('Regions', model.regions, model.totalGrams, n, multi),
        topTable('Accounts', model.accounts, model.totalGrams, n, multi)
    ].filter(Boolean);
    if (tops.length > 0)
        out.push('', '### Where it comes from', '', `<details><summary>Top services, regions and accounts</summary>\n\n${tops.join('\n\n')}\n\n</details>`);
    out.push('', '### Providers', '');
    const pf = massFormat(model.providers.map((p) => p.grams));
    out.push((0,markdown_table/* markdownTable */.Q)([
        ['Provider', 'Status', 'Records', `${pf.unit}CO2e`, 'Notes'],
        ...model.providers.map((p) => [
            markdown_short(p.provider),
            STATUS_MARK[p.status],
            p.status === 'failed' ? '\u2013' : (0,units/* groupThousands */.Zv)(String(p.records)),
            p.status === 'failed' ? '\u2013' : pf.format(p.grams),
            p.status === 'failed'
                ? 'see above'
                : (0,report_escape/* escapeMarkdown */.FV)([...p.notes, ...(p.error && p.missing.length === 0 ? [p.error] : [])].join(' ')) || '\u2013'
        ])
    ], { align: ['l', 'l', 'r', 'r', 'l'] }));
    for (const note of model.notes)
        out.push('', `<sub>${(0,report_escape/* escapeMarkdown */.FV)(note)}</sub>`);
    out.push('', `<sub>Estimates from the providers' own carbon tools, in CO2-equivalent (1 t = 1,000 kg). ${PRECISION_RULE}` +
        `${options.runUrl ? ` ([run](${options.runUrl}))` : ''} Generated ${model.generatedAt}. AWS: Amazon Web Services; MCFS: Microsoft Cloud for Sustainability.</sub>`, '');
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/github/comment.ts
/**
 * The sticky pull-request comment (`pr-comment: true`).
 *
 * On `pull_request`/`pull_request_target` events: the PR number comes from the event payload at
 * GITHUB_EVENT_PATH; the PR's comments are listed (all pages) and the one holding MARKER written by the
 * token's own identity is updated, else one is created. On a `workflow_run` event started by a pull request
 * (the fork-safe pattern, docs/workflows.md) the PR is the run's: from `workflow_run.pull_requests`, or, for a
 * fork (GitHub leaves that list empty), the open PR whose head is the run's head repository and branch. The identity is `GET /user` for a user token; an
 * installation token (GITHUB_TOKEN) cannot read /user and is github-actions[bot].
 *
 * A comment that cannot be written never fails the job: a fork PR's read-only token, a 403, a missing
 * payload are warnings with one line on what to do. Requests go through the run's HTTP layer (proxies,
 * NO_PROXY, timeouts); the token is registered as a secret and never printed.
 */










const MARKER = '<!-- cloud-carbon-report -->';
/** GitHub rejects comment bodies over 65,536 characters. */
const MAX_COMMENT_CHARS = 65_536;
/**
 * The comment's time: the rest of the run's budget (timeout-minutes), at least 10 s (it runs after the
 * providers, even when their budget is spent, and the report it links to exists), at most 90 s.
 */
const COMMENT_BUDGET_MS = 90_000;
const MIN_COMMENT_MS = 10_000;
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const FORK_HINT = 'For pull requests from forks, run the report from a second workflow on workflow_run, which has OIDC and a writable token (see docs/workflows.md).';
const METHOD = { market: 'market-based', location: 'location-based' };
const comment_t = (g) => (0,units/* groupThousands */.Zv)((0,units/* formatTonnes */.jY)(g));
const LEVELS = [
    { movers: 3, chartMonths: 12, errors: true, labelMax: 60 },
    { movers: 3, chartMonths: 12, errors: true, labelMax: 30 },
    { movers: 3, chartMonths: 6, errors: false, labelMax: 30 },
    { movers: 0, chartMonths: 6, errors: false, labelMax: 30 },
    { movers: 0, chartMonths: 0, errors: false, labelMax: 30 }
];
/**
 * The comment body: headline and change against the previous month, limits with pass/fail marks, a small
 * chart, the top movers, links. Always under MAX_COMMENT_CHARS: detail is dropped level by level, whole
 * tables at a time, so the Markdown is never cut.
 */
function renderComment(model, thresholds, changes, links, limit = MAX_COMMENT_CHARS) {
    for (const level of LEVELS) {
        const body = renderAt(model, thresholds, changes, links, level);
        if (body.length <= limit)
            return body;
    }
    // Not reachable with real data (the last level holds no provider strings but the limits' own); kept as a floor.
    return [
        MARKER,
        '### Cloud carbon footprint',
        '',
        `**${comment_t(model.totalGrams)} tCO2e** (${METHOD[model.method]}), ${model.period.start} to ${model.period.end}.`,
        '',
        'The details are too long for a comment: see the job summary.',
        links.runUrl ? `\n[Run and report](${links.runUrl})` : '',
        ''
    ].join('\n');
}
function renderAt(model, thresholds, changes, links, d) {
    const out = [MARKER, `### ${title(model)}`, ''];
    const { counted, failed } = countedProviders(model);
    out.push(`**${comment_t(model.totalGrams)} tCO2e** (${METHOD[model.method]}) from ${counted || 'no provider'}, ${model.period.start} to ${model.period.end}` +
        `${failed ? ` · ${failed} failed: not in the total` : ''}.`);
    if (overlapNote(model))
        out.push('', `_${overlapNote(model)}_`);
    const mom = changes.monthOverMonth;
    if (mom) {
        out.push('', `**${mom.month}: ${comment_t(mom.total.after)} tCO2e**, ${arrow(mom.total)} ${signedPercent(mom.total)} (${signedMass(mom.total.delta)}) against ${mom.previousMonth}` +
            `${changes.yearOverYear ? `; ${signedPercent(changes.yearOverYear.total)} against ${changes.yearOverYear.previousMonth}` : ''}.`);
    }
    else
        out.push('', '_No month-over-month change: the period has no month with data after another._');
    const problems = model.providers.filter((p) => p.status !== 'ok');
    if (problems.length > 0) {
        out.push('', problems
            .map((p) => `${p.status === 'failed' ? '\u274c' : '\u26a0\ufe0f'} **${providerLabel(p.provider)} ${p.status}**${d.errors && p.error ? `: ${(0,report_escape/* escapeMarkdown */.FV)(clip(p.error, 300))}` : ''}`)
            .join('  \n'));
    }
    if (thresholds.length > 0) {
        out.push('', '| Limit | Value | Actual | Result |', '|---|--:|--:|---|');
        for (const th of thresholds) {
            const value = th.limitPercent !== undefined ? `${th.limitPercent}%` : `${th.limitTCO2e} t`;
            const actual = th.limitPercent !== undefined
                ? th.actualPercent === null || th.actualPercent === undefined
                    ? th.month
                        ? '\u221e'
                        : '\u2013'
                    : `${th.actualPercent}%`
                : th.actualTCO2e === null || th.actualTCO2e === undefined
                    ? '\u2013'
                    : `${th.actualTCO2e} t`;
            out.push(`| \`${th.name}\` | ${value} | ${actual}${th.month ? ` (${th.month})` : ''} | ${th.breached ? '\u274c fail' : '\u2705 pass'} |`);
        }
    }
    if (d.chartMonths > 0) {
        const months = model.months.slice(-d.chartMonths);
        const chart = monthlyChart(months, `Monthly tCO2e (${METHOD[model.method]})`);
        if (chart) {
            out.push('', chart, '', 
            // Folded and one month a row: twelve columns do not fit a comment's width.
            '<details><summary>Monthly figures</summary>', '', '| Month | tCO2e |', '|---|--:|', ...months.map((m) => `| ${m.month} | ${Object.keys(m.byProvider).length === 0 ? '\u2013' : comment_t(m.grams)} |`), '', '</details>');
        }
    }
    if (d.movers > 0 && mom) {
        const clipped = mom.services.map((g) => ({ ...g, label: clip(g.label, d.labelMax) }));
        const table = moversTable('Service', clipped, d.movers);
        if (table)
            out.push('', `**Top movers**, ${mom.month} against ${mom.previousMonth}:`, '', table);
    }
    const linkParts = [];
    if (links.runUrl)
        linkParts.push(`[Run and job summary](${links.runUrl})`);
    if (links.artifactUrl)
        linkParts.push(`[Report files (artifact)](${links.artifactUrl})`);
    out.push('', `<sub>${linkParts.length > 0 ? `${linkParts.join(' · ')} · ` : ''}Generated ${model.generatedAt} by cloud-carbon-report.</sub>`, '');
    return out.join('\n');
}
function pullRequestOf(env) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    if (!PR_EVENTS.has(eventName) && eventName !== 'workflow_run')
        return `the event is ${eventName || '(unknown)'}, not pull_request or pull_request_target`;
    const file = env.GITHUB_EVENT_PATH;
    if (!file)
        return 'GITHUB_EVENT_PATH is not set, so the pull request is unknown';
    let payload;
    try {
        payload = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
    }
    catch (e) {
        return `the event payload at GITHUB_EVENT_PATH could not be read (${(0,secrets.errorMessage)(e)})`;
    }
    if (eventName === 'workflow_run')
        return workflowRunPullRequest(payload, env);
    const pr = payload?.pull_request;
    const number = Number(pr?.number ?? payload?.number);
    if (!Number.isInteger(number) || number <= 0)
        return 'the event payload names no pull request number';
    const base = pr?.base?.repo?.full_name ?? payload?.repository?.full_name ?? env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = String(base).split('/');
    if (!owner || !repo)
        return 'the repository of the pull request is unknown';
    const head = pr?.head?.repo?.full_name;
    // A head repository that is gone (deleted fork) or another repository is a fork.
    const fork = pr?.head !== undefined &&
        (head === null || head === undefined || String(head).toLowerCase() !== String(base).toLowerCase());
    return { number, owner, repo, fork };
}
/** The pull request behind a workflow_run event (fork-safe pattern). */
function workflowRunPullRequest(payload, env) {
    const run = payload?.workflow_run;
    if (!run || !PR_EVENTS.has(run.event))
        return `the event is workflow_run of a ${run?.event ?? 'run'} event, not of a pull request`;
    const base = payload?.repository?.full_name ?? env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = String(base).split('/');
    if (!owner || !repo)
        return 'the repository of the pull request is unknown';
    const headRepo = run.head_repository?.full_name;
    const fork = typeof headRepo !== 'string' || headRepo.toLowerCase() !== String(base).toLowerCase();
    // The list can hold PRs of other repositories with the same head branch: keep this repository's.
    const ours = (p) => !p?.base?.repo?.url ||
        String(p.base.repo.url)
            .toLowerCase()
            .endsWith(`/repos/${String(base).toLowerCase()}`);
    const listed = (Array.isArray(run.pull_requests) ? run.pull_requests : []).find((p) => Number.isInteger(p?.number) && ours(p));
    if (listed)
        return { number: listed.number, owner, repo, fork };
    const headOwner = run.head_repository?.owner?.login;
    if (typeof headOwner !== 'string' || typeof run.head_branch !== 'string')
        return 'the workflow_run payload names no pull request and no head branch';
    return {
        number: 0,
        owner,
        repo,
        fork,
        head: { owner: headOwner, branch: run.head_branch, sha: String(run.head_sha ?? '') }
    };
}
/** A fetch for Octokit that goes through the run's HTTP layer (proxies, NO_PROXY, timeouts, retries). */
function fetchThrough(http) {
    return (async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const method = (init?.method ?? 'GET').toUpperCase();
        const headers = {};
        new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
        const raw = init?.body;
        const body = raw === undefined || raw === null
            ? undefined
            : typeof raw === 'string'
                ? raw
                : Buffer.from(await new Response(raw).arrayBuffer());
        // A POST is not repeated: a retry after a lost answer could create a second comment.
        const res = await http.request({ service: 'GitHub API', method, url, headers, body, retry: method !== 'POST' });
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
            if (v === undefined)
                continue;
            for (const one of Array.isArray(v) ? v : [v])
                h.append(k, one);
        }
        const empty = res.status === 204 || res.status === 205 || res.status === 304;
        return new Response(empty ? null : res.body, { status: res.status, headers: h });
    });
}
/**
 * Creates or updates the sticky comment. Never throws and never fails the step: every problem is a warning
 * (or, for events that are not pull requests, a line in the log).
 */
async function postComment(body, env, token, deadlineAt) {
    const pr = pullRequestOf(env);
    if (typeof pr === 'string') {
        core.info(`pr-comment: no comment, ${pr}.`);
        return { url: '', action: 'skipped' };
    }
    // A pull_request run of a fork usually has a read-only token (pull_request_target and workflow_run have the
    // base's), but a private repository may send forks a writable one: the comment is tried, and GitHub's 403 is
    // the warning.
    const fromFork = pr.fork && env.GITHUB_EVENT_NAME === 'pull_request';
    if (!token) {
        core.warning(`pr-comment: github-token is empty: no comment. Pass github-token: \${{ github.token }} with permissions: pull-requests: write.`);
        return { url: '', action: 'skipped' };
    }
    (0,secrets.registerSecret)(token);
    if (body.length > MAX_COMMENT_CHARS) {
        core.warning(`pr-comment: the comment is ${body.length} characters, over GitHub's limit of ${MAX_COMMENT_CHARS}: no comment.`);
        return { url: '', action: 'failed' };
    }
    const budgetMs = remainingBudgetMs(deadlineAt, MIN_COMMENT_MS, COMMENT_BUDGET_MS);
    const budget = AbortSignal.timeout(budgetMs);
    const http = new HttpClient({
        concurrency: 2,
        env,
        deadline: budget,
        attemptTimeoutMs: Math.min(20_000, budgetMs),
        maxAttempts: 3,
        maxRetryAfterMs: 30_000,
        log: (l) => core.debug(l)
    });
    const baseUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
    let where = pr.number > 0
        ? `${pr.owner}/${pr.repo}#${pr.number}`
        : `${pr.owner}/${pr.repo} (pull request from ${pr.head?.owner}:${pr.head?.branch})`;
    try {
        const { getOctokit } = await __webpack_require__.e(/* import() */ 351).then(__webpack_require__.bind(__webpack_require__, 61351));
        const octokit = getOctokit(token, {
            baseUrl,
            request: { fetch: fetchThrough(http) },
            log: {
                debug: () => { },
                info: () => { },
                warn: (m) => core.debug((0,secrets.scrub)(m)),
                error: (m) => core.debug((0,secrets.scrub)(m))
            }
        });
        if (pr.number === 0 && pr.head) {
            const open = await octokit.rest.pulls.list({
                owner: pr.owner,
                repo: pr.repo,
                state: 'open',
                head: `${pr.head.owner}:${pr.head.branch}`,
                per_page: 100
            });
            const match = open.data.find((p) => p.head.sha === pr.head.sha) ?? open.data[0];
            if (!match) {
                core.warning(`pr-comment: no open pull request from ${pr.head.owner}:${pr.head.branch} in ${pr.owner}/${pr.repo}: no comment.`);
                return { url: '', action: 'skipped' };
            }
            pr.number = match.number;
            where = `${pr.owner}/${pr.repo}#${pr.number}`;
        }
        const login = await identity(octokit);
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            per_page: 100
        });
        const marked = comments.filter((c) => (c.body ?? '').includes(MARKER));
        // A user token knows its login: its own marked comment. An installation token (GITHUB_TOKEN, or a GitHub
        // App's, which comments as <app>[bot]) cannot ask: the marked comments of bots, newest first, the one the
        // token may edit being its own (GitHub refuses the others with 403).
        const candidates = login !== null
            ? marked.filter((c) => c.user?.login?.toLowerCase() === login.toLowerCase()).slice(0, 1)
            : marked
                .filter((c) => c.user?.type === 'Bot')
                .reverse()
                .slice(0, MAX_EDIT_TRIES);
        for (const c of candidates) {
            try {
                const res = await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: c.id, body });
                core.info(`pr-comment: updated the comment on ${where}: ${res.data.html_url}`);
                return { url: res.data.html_url, action: 'updated' };
            }
            catch (e) {
                const status = e.status;
                if (login !== null || (status !== 403 && status !== 404))
                    throw e;
                core.debug(`pr-comment: comment ${c.id} by ${c.user?.login} is not this token's to edit (${status})`);
            }
        }
        const res = await octokit.rest.issues.createComment({
            owner: pr.owner,
            repo: pr.repo,
            issue_number: pr.number,
            body
        });
        core.info(`pr-comment: created a comment on ${where}: ${res.data.html_url}`);
        return { url: res.data.html_url, action: 'created' };
    }
    catch (e) {
        const status = e.status;
        const msg = budget.aborted
            ? `no answer within ${Math.round(budgetMs / 1000)} s`
            : (0,secrets.scrub)((0,secrets.errorMessage)(e).split('\n')[0].slice(0, 300));
        if (status === 403 && fromFork) {
            core.warning(`pr-comment: ${where} comes from a fork, whose token is read-only (403: ${msg}): no comment. ${FORK_HINT}`);
        }
        else if (status === 403) {
            core.warning(`pr-comment: GitHub refused the comment on ${where} (403: ${msg}). Give the job permissions: pull-requests: write; ${FORK_HINT}`);
        }
        else if (status === 401) {
            core.warning(`pr-comment: GitHub did not accept github-token (401: ${msg}): no comment. Pass a valid token, e.g. github-token: \${{ github.token }}.`);
        }
        else if (status === 404) {
            core.warning(`pr-comment: ${where} was not found with this token (404): no comment. The token needs access to the repository and pull-requests: write.`);
        }
        else {
            core.warning(`pr-comment: the comment on ${where} could not be written${status ? ` (HTTP ${status})` : ''}: ${msg}`);
        }
        return { url: '', action: 'failed' };
    }
    finally {
        http.close();
    }
}
/**
 * The login a user token acts as (GET /user); null for an installation token (GITHUB_TOKEN or a GitHub App's),
 * which GitHub answers there with 403 and which comments as a bot.
 */
async function identity(octokit) {
    try {
        const res = await octokit.rest.users.getAuthenticated();
        return res.data.login;
    }
    catch (e) {
        const status = e.status;
        if (status === 403 || status === 404)
            return null;
        throw e;
    }
}
/** Bots' marked comments an installation token tries to edit before it writes a new one. */
const MAX_EDIT_TRIES = 5;

;// CONCATENATED MODULE: ./src/publish.ts
/**
 * Publishing what was written: the job summary, the artifact and the sticky PR comment. None of them fails the
 * step (each failure is a warning); the report files already exist when they run.
 */





async function publish(run, w) {
    await writeJobSummary(run.settings, run.env, w.markdown);
    const artifactId = await uploadArtifact(run, w);
    const commentUrl = await comment(run, w, artifactId);
    return { artifactId, commentUrl };
}
async function writeJobSummary(settings, env, markdown) {
    if (!settings.jobSummary)
        return;
    if (!env.GITHUB_STEP_SUMMARY) {
        core.info('No GITHUB_STEP_SUMMARY (not on a runner): the summary is in summary.md only.');
        return;
    }
    try {
        await core.summary.addRaw(markdown).write();
    }
    catch (e) {
        core.warning(`The job summary could not be written: ${(0,secrets.errorMessage)(e)}`);
    }
}
async function uploadArtifact({ settings, env, deadlineAt }, w) {
    if (settings.artifactName === '')
        return '';
    const name = settings.shard === null ? settings.artifactName : shardArtifactName(settings.artifactName, settings.shard);
    const files = [w.files.json, w.files.csv, w.files.markdown, ...(w.waterCsv ? [w.waterCsv] : [])];
    return uploadReportArtifact({ settings, env, files, name, deadlineAt });
}
/** The PR comment comes after the files and the artifact it links to; a shard leaves it to the merge job. */
async function comment({ settings, env, deadlineAt }, w, artifactId) {
    if (!settings.prComment)
        return '';
    if (settings.shard !== null) {
        core.info(`pr-comment: shard ${settings.shard.index}/${settings.shard.count} does not comment; the merge job does.`);
        return '';
    }
    const artifactUrl = w.runUrl && artifactId ? `${w.runUrl}/artifacts/${artifactId}` : null;
    const body = renderComment(w.model, w.thresholds, w.changes, { runUrl: w.runUrl, artifactUrl });
    return (await postComment(body, env, settings.githubToken, deadlineAt)).url;
}

;// CONCATENATED MODULE: ./src/verdict.ts
/**
 * The outputs and the verdict, last: a failed or partial provider (fail-on-error), a breached limit
 * (fail-on-threshold) or the time budget fails the step with one message naming each cause.
 */




/** ok: everything came; partial: a provider failed, or failed part-way; failed: nothing came. */
function overallStatus(w) {
    const outcomes = w.model.providers;
    if (outcomes.every((o) => o.status === 'ok'))
        return 'ok';
    return outcomes.some((o) => o.status !== 'failed') ? 'partial' : 'failed';
}
function setOutputs(w, p, status) {
    core.setOutput('total-tco2e', (0,units/* formatTonnes */.jY)(w.model.totalGrams));
    core.setOutput('total-kgco2e', (0,units/* formatKg */.KC)(w.model.totalGrams));
    core.setOutput('status', status);
    core.setOutput('threshold-breached', w.thresholds.some((t) => t.breached) ? 'true' : 'false');
    core.setOutput('report-json', w.files.json);
    core.setOutput('report-csv', w.files.csv);
    core.setOutput('report-markdown', w.files.markdown);
    core.setOutput('artifact-id', p.artifactId);
    core.setOutput('comment-url', p.commentUrl);
}
/** Each cause that fails the step (warnings for those the inputs turn off); fails the step when there are any. */
function verdict(settings, w, timedOut) {
    const failures = [];
    const providerProblems = w.model.providers
        .filter((o) => o.status !== 'ok')
        .map((o) => `${providerLabel(o.provider)} ${o.status}: ${o.error}`);
    if (timedOut)
        failures.push(`The run stopped at its time budget of ${settings.timeoutMs / 60_000} min (timeout-minutes); the reports hold what was fetched. Raise timeout-minutes or narrow the period.`);
    if (providerProblems.length > 0) {
        if (settings.failOnError || timedOut)
            failures.push(...providerProblems);
        else
            for (const p of providerProblems)
                core.warning(`${p} (fail-on-error is false)`);
    }
    const breached = w.thresholds.filter((t) => t.breached);
    if (breached.length > 0) {
        if (settings.failOnThreshold)
            failures.push(...breached.map((t) => t.message));
        else
            for (const t of breached)
                core.warning(`${t.message} (fail-on-threshold is false)`);
    }
    if (failures.length > 0)
        core.setFailed(failures.map(secrets.scrub).join('\n'));
    return failures;
}

;// CONCATENATED MODULE: ./src/report/water.ts
/**
 * Water (`water: true`): the withdrawals the providers allocate to the usage, in m3 to the litre, reported apart
 * from carbon: `water` in report.json, water.csv, and a short section of the summary. Providers give whole
 * calendar years only, so every year the period touches is reported with how many of its months are in it.
 */





const WATER_CSV_HEADER = 'provider,account,year,service,region,m3';
const cmp = (a, b) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
/** The records in a fixed order (provider, year, account, service, region), the years and the totals. */
function waterModel(records, period, providers) {
    const order = new Map(providers.map((p, i) => [p, i]));
    const sorted = [...records].sort((a, b) => (order.get(a.provider) ?? 99) - (order.get(b.provider) ?? 99) ||
        cmp(a.year, b.year) ||
        cmp(a.account, b.account) ||
        cmp(a.service, b.service) ||
        cmp(a.region, b.region));
    const first = (0,src_period/* monthIndex */.L6)(period.start);
    const last = (0,src_period/* monthIndex */.L6)(period.end);
    const years = [];
    for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) {
        const monthsInPeriod = Math.min(last, y * 12 + 11) - Math.max(first, y * 12) + 1;
        const mine = sorted.filter((r) => r.year === String(y));
        const byProvider = {};
        for (const r of mine)
            byProvider[r.provider] = (byProvider[r.provider] ?? 0) + r.litres;
        years.push({ year: String(y), monthsInPeriod, litres: mine.reduce((a, r) => a + r.litres, 0), byProvider });
    }
    return { litres: sorted.reduce((a, r) => a + r.litres, 0), years, records: sorted };
}
const m3 = (litres) => (0,units/* gramsToKg */.YV)(litres);
/** `water` of report.json (figures in m3, 3 decimals: the litre). */
function waterJson(w) {
    const byProvider = (b) => Object.fromEntries(Object.entries(b).map(([p, l]) => [p, m3(l)]));
    return {
        unit: 'm3',
        totalM3: m3(w.litres),
        years: w.years.map((y) => ({
            year: y.year,
            monthsInPeriod: y.monthsInPeriod,
            totalM3: m3(y.litres),
            byProvider: byProvider(y.byProvider)
        })),
        records: w.records.map((r) => ({
            provider: r.provider,
            account: r.account,
            year: r.year,
            service: r.service,
            region: r.region,
            m3: m3(r.litres)
        }))
    };
}
/** water.csv: RFC 4180, CRLF, text cells defused as in report.csv. */
function waterCsv(w) {
    const rows = w.records.map((r) => [
        (0,report_escape/* csvText */.kD)(r.provider),
        (0,report_escape/* csvText */.kD)(r.account),
        (0,report_escape/* csvText */.kD)(r.year),
        (0,report_escape/* csvText */.kD)(r.service),
        (0,report_escape/* csvText */.kD)(r.region),
        (0,units/* formatKg */.KC)(r.litres)
    ].join(','));
    return [WATER_CSV_HEADER, ...rows].map((l) => `${l}\r\n`).join('');
}
/** The summary's water section: a row per year, saying when a year is only partly in the period. */
function waterSection(w, providers) {
    const shown = providers.filter((p) => w.records.some((r) => r.provider === p));
    const rows = w.years.map((y) => [
        y.monthsInPeriod === 12 ? y.year : `${y.year} (${y.monthsInPeriod} of 12 months in the period)`,
        ...(shown.length > 1 ? shown.map((p) => (0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(y.byProvider[p] ?? 0))) : []),
        (0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(y.litres))
    ]);
    if (w.years.length > 1)
        rows.push([
            '**Total**',
            ...(shown.length > 1
                ? shown.map((p) => (0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(w.records.filter((r) => r.provider === p).reduce((a, r) => a + r.litres, 0))))
                : []),
            `**${(0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(w.litres))}**`
        ]);
    return [
        '### Water withdrawals',
        '',
        `<sub>What ${shown.length > 0 ? (0,report_escape/* escapeMarkdown */.FV)(shown.map(providerLabel).join(', ')) : 'the providers'} allocate${shown.length === 1 ? 's' : ''} to your usage, in m3, for whole calendar years (the providers give years only).</sub>`,
        '',
        (0,markdown_table/* markdownTable */.Q)([['Year', ...(shown.length > 1 ? shown.map((p) => `${providerLabel(p)} m3`) : []), 'Total m3'], ...rows], { align: ['l', ...(shown.length > 1 ? shown.map(() => 'r') : []), 'r'] })
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/write.ts
/**
 * Writing the report: the model from what was collected, the limits, the changes, then report.json,
 * report.csv and summary.md. Files first: whatever happens next, the report exists.
 */









/** GitHub's limit for a job summary is 1 MiB; a little is kept for what GitHub adds. */
const MAX_SUMMARY_BYTES = 1024 * 1024 - 1024;
async function writeReport(settings, env, c) {
    const notes = [];
    if (c.unpublished.length > 0)
        notes.push(`Not published yet by every provider: ${c.unpublished.join(', ')}.`);
    if (settings.shard !== null)
        notes.push(`Shard ${settings.shard.index} of ${settings.shard.count}: a share of the work; the merge job (mode: merge) writes the whole report and checks the limits.`);
    const model = c.builder.model(c.outcomes, notes, new Date().toISOString());
    // A shard holds a share of the data: its limits would judge a part as the whole. The merge job judges them.
    const thresholds = settings.shard === null ? evaluateThresholds(settings.thresholds, model.totalGrams, model.months) : [];
    const changes = { ...periodChanges(model), baseline: c.comparison?.result(model) ?? null };
    const files = {
        json: external_node_path_.join(settings.outputDir, 'report.json'),
        csv: external_node_path_.join(settings.outputDir, 'report.csv'),
        markdown: external_node_path_.join(settings.outputDir, 'summary.md')
    };
    const forecast = [...c.forecast].sort((a, b) => a.provider.localeCompare(b.provider) || a.scope.localeCompare(b.scope) || a.month.localeCompare(b.month));
    const forecastJson = forecast.map((f) => ({
        provider: f.provider,
        scope: f.scope,
        month: f.month,
        basis: f.basis,
        kgCO2e: (0,units/* gramsToKg */.YV)(f.grams)
    }));
    const extra = { forecast: forecastJson, changes: changesJson(changes) };
    if (settings.shard !== null)
        extra.shard = settings.shard;
    let waterFile = null;
    const water = settings.water ? waterModel(c.water, settings.period, settings.providers) : null;
    if (water !== null) {
        extra.water = waterJson(water);
        waterFile = external_node_path_.join(settings.outputDir, 'water.csv');
        external_node_fs_.writeFileSync(waterFile, waterCsv(water));
    }
    await c.builder.writeFiles(jsonHeader(model, thresholds, extra), files.json, files.csv);
    await c.builder.cleanup();
    const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : null;
    const unpublished = c.unpublished;
    const waterPart = water === null ? '' : waterSection(water, settings.providers);
    let markdown = renderSummary(model, thresholds, {
        unpublished,
        runUrl,
        sections: [changesSection(changes), forecastSection(forecast), waterPart]
    });
    if (Buffer.byteLength(markdown) > MAX_SUMMARY_BYTES)
        markdown = renderSummary(model, thresholds, {
            unpublished,
            runUrl,
            sections: [changesSection(changes, 3), forecastSection(forecast), waterPart],
            top: 3
        });
    external_node_fs_.writeFileSync(files.markdown, markdown);
    return { files, waterCsv: waterFile, markdown, model, thresholds, changes, runUrl };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The run, as its steps: inputs -> collect (every provider at once, or the shards in merge mode) -> write the
 * report files -> publish (summary, artifact, comment) -> outputs -> verdict. The verdict comes last, so the
 * reports always exist when the step fails.
 */















async function run(deps = {}) {
    const env = deps.env ?? process.env;
    let inputs;
    try {
        inputs = await readInputs(env, deps);
    }
    catch (e) {
        if (e instanceof InputFailure)
            return inputFailure(e.error, e.settings);
        throw e;
    }
    const { settings, baseline } = inputs;
    const started = Date.now();
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('timeout-minutes')), settings.timeoutMs);
    timer.unref();
    const http = new HttpClient({
        concurrency: settings.concurrency,
        deadline: deadline.signal,
        env,
        log: (l) => core.debug(l),
        ...deps.http
    });
    try {
        const collected = await collect(settings, env, { http, deadline: deadline.signal, baseline });
        // The budget judges the fetching: the artifact and the comment have their own bounds after it.
        const timedOut = deadline.signal.aborted;
        const written = await writeReport(settings, env, collected);
        external_node_fs_.rmSync(collected.work, { recursive: true, force: true });
        const published = await publish({ settings, env, deadlineAt: started + settings.timeoutMs }, written);
        const status = overallStatus(written);
        setOutputs(written, published, status);
        core.info(`Total ${(0,units/* formatTonnes */.jY)(written.model.totalGrams)} tCO2e (${(0,units/* formatKg */.KC)(written.model.totalGrams)} kgCO2e), ${written.model.recordCount} records, ${((Date.now() - started) / 1000).toFixed(1)} s, ${http.attempts} requests. Reports in ${settings.outputDir}`);
        const failures = verdict(settings, written, timedOut);
        return {
            settings,
            status,
            totalGrams: written.model.totalGrams,
            thresholds: written.thresholds,
            failures,
            files: written.files
        };
    }
    finally {
        clearTimeout(timer);
        http.close();
    }
}
class InputFailure extends Error {
    error;
    settings;
    constructor(error, settings) {
        super(error.message);
        this.error = error;
        this.settings = settings;
    }
}
/**
 * Every input, before anything is fetched: the settings, the baseline file and the output directory (one that
 * cannot be made or written is a bad input too).
 */
async function readInputs(env, deps) {
    let settings;
    try {
        settings = parseSettings({ env, now: deps.now, cwd: deps.cwd });
    }
    catch (e) {
        throw e instanceof InputError ? new InputFailure(e, null) : e;
    }
    (0,secrets.registerSecret)(settings.githubToken);
    let baseline = null;
    try {
        if (settings.baseline !== null)
            baseline = await loadBaseline(settings.baseline, env['INPUT_BASELINE']?.trim() || settings.baseline);
    }
    catch (e) {
        throw e instanceof InputError ? new InputFailure(e, settings) : e;
    }
    const unusable = unusableDirectory(settings.outputDir);
    if (unusable !== null) {
        const error = new InputError([
            `Input 'output-dir': "${settings.outputDir}" cannot hold the reports (${unusable}). Give a writable directory, or leave output-dir empty for $RUNNER_TEMP/cloud-carbon-report.`
        ]);
        throw new InputFailure(error, settings);
    }
    return { settings, baseline };
}
/**
 * A bad input fails the step before anything is fetched; the outputs are still set (status failed), so that
 * later steps can branch on them.
 */
function inputFailure(e, settings) {
    core.setOutput('status', 'failed');
    core.setOutput('threshold-breached', 'false');
    core.setOutput('artifact-id', '');
    core.setOutput('comment-url', '');
    core.setFailed(e.message);
    return { settings, status: 'input-error', totalGrams: 0, thresholds: [], failures: e.problems, files: null };
}
/** Why a directory cannot be made or written (its error code), or null when it can. */
function unusableDirectory(dir) {
    try {
        external_node_fs_.mkdirSync(dir, { recursive: true });
        external_node_fs_.accessSync(dir, external_node_fs_.constants.W_OK);
        return null;
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOTDIR')
            return 'a part of the path is a file';
        if (code === 'EACCES' || code === 'EPERM')
            return 'no permission to write there';
        if (code === 'EROFS')
            return 'a read-only file system';
        return code ?? e.message;
    }
}
/** The collect step: the providers (or the shards) into one streaming report. */
async function collect(settings, env, s) {
    external_node_fs_.mkdirSync(settings.outputDir, { recursive: true });
    const work = external_node_fs_.mkdtempSync(external_node_path_.join(settings.outputDir, '.parts-'));
    const c = {
        builder: new ReportBuilder(work, settings.period, settings.method, {
            fiscalYearStart: settings.fiscalYearStart,
            overlap: overlapRule(settings.providers, settings.shard !== null)
        }),
        comparison: s.baseline ? new BaselineComparison(s.baseline, settings.period) : null,
        http: s.http,
        deadline: s.deadline,
        forecast: [],
        water: []
    };
    const names = settings.providers.map(providerLabel).join(', ');
    core.info(`cloud-carbon-report: ${names}, ${settings.period.start} to ${settings.period.end}, ${settings.method}-based`);
    const unpublished = (0,src_period/* monthsOf */.vo)(settings.period).filter((m) => settings.providers.some((p) => (0,src_period/* monthIndex */.L6)(m) > (0,src_period/* monthIndex */.L6)((0,src_period/* latestPublishedMonth */.I_)(PROVIDERS[p].publicationDay, settings.now))));
    if (unpublished.length > 0) {
        core.notice(`${unpublished.join(', ')} ${unpublished.length === 1 ? 'is' : 'are'} not published yet by every provider; the report holds what is available.`);
    }
    const outcomes = settings.mode === 'merge' ? await collectShards(settings, env, c, work) : await collectProviders(settings, env, c);
    if (unpublished.length === (0,src_period/* monthsOf */.vo)(settings.period).length)
        failUnpublished(settings, outcomes);
    return {
        builder: c.builder,
        outcomes,
        forecast: c.forecast,
        water: c.water,
        comparison: c.comparison,
        unpublished,
        work
    };
}
/**
 * Nothing at all is available and no month of the period is published yet: the publication lag is the likely
 * cause. Each provider that answered with nothing has failed (so fail-on-error and the status outputs decide, as
 * for any failed provider), with an error that says so.
 */
function failUnpublished(settings, outcomes) {
    if (!outcomes.every((o) => o.records === 0))
        return;
    for (const o of outcomes) {
        if (o.status !== 'ok')
            continue;
        o.status = 'failed';
        o.error =
            `no data: every month of ${settings.period.start} to ${settings.period.end} is after the latest published month ` +
                `(${publicationSchedule(settings.providers)}). Leave end-date empty for the latest published month.`;
    }
}


/***/ }),

/***/ 60202:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I_: () => (/* binding */ latestPublishedMonth),
/* harmony export */   L6: () => (/* binding */ monthIndex),
/* harmony export */   PS: () => (/* binding */ addMonths),
/* harmony export */   R6: () => (/* binding */ utcMonth),
/* harmony export */   Rn: () => (/* binding */ chunkPeriod),
/* harmony export */   Tn: () => (/* binding */ monthFirstDay),
/* harmony export */   mO: () => (/* binding */ monthStartIso),
/* harmony export */   rk: () => (/* binding */ defaultEndMonth),
/* harmony export */   t9: () => (/* binding */ monthFromIndex),
/* harmony export */   vo: () => (/* binding */ monthsOf)
/* harmony export */ });
function monthIndex(month) {
    // Hot (per row of some providers): slices instead of split + map, the same result for any input.
    const a = month.indexOf('-');
    if (a < 0)
        return Number(month) * 12 + NaN;
    const b = month.indexOf('-', a + 1);
    return Number(month.slice(0, a)) * 12 + (Number(b < 0 ? month.slice(a + 1) : month.slice(a + 1, b)) - 1);
}
function monthFromIndex(index) {
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}
function addMonths(month, n) {
    return monthFromIndex(monthIndex(month) + n);
}
function monthsOf(period) {
    const out = [];
    for (let i = monthIndex(period.start); i <= monthIndex(period.end); i++)
        out.push(monthFromIndex(i));
    return out;
}
function utcMonth(date) {
    return monthFromIndex(date.getUTCFullYear() * 12 + date.getUTCMonth());
}
/** First instant of a month, ISO 8601 with `Z` (`2025-01-01T00:00:00Z`). */
function monthStartIso(month) {
    return `${month}-01T00:00:00Z`;
}
/** First day of a month, `YYYY-MM-01`. */
function monthFirstDay(month) {
    return `${month}-01`;
}
/** The latest month published at `now` by a provider that publishes a month by `publicationDay` of the next (UTC). */
function latestPublishedMonth(publicationDay, now) {
    const current = monthIndex(utcMonth(now));
    return monthFromIndex(now.getUTCDate() >= publicationDay ? current - 1 : current - 2);
}
/** The latest month every one of these publication days has published (the default `end-date`). */
function defaultEndMonth(publicationDays, now) {
    return monthFromIndex(Math.min(...publicationDays.map((d) => monthIndex(latestPublishedMonth(d, now)))));
}
/** Splits a period into consecutive chunks of at most `size` months. */
function chunkPeriod(period, size) {
    const out = [];
    for (let i = monthIndex(period.start); i <= monthIndex(period.end); i += size) {
        out.push({ start: monthFromIndex(i), end: monthFromIndex(Math.min(i + size - 1, monthIndex(period.end))) });
    }
    return out;
}


/***/ }),

/***/ 28531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ configuredEndpoint),
/* harmony export */   j: () => (/* binding */ useFipsFromEnv)
/* harmony export */ });
/** The endpoint the SDKs would use for `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`; null when none. */
function configuredEndpoint(env, serviceEnvName) {
    // As the SDKs do: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the endpoint variables off.
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true')
        return null;
    const v = env[`AWS_ENDPOINT_URL_${serviceEnvName}`]?.trim() || env.AWS_ENDPOINT_URL?.trim();
    return v ? v.replace(/\/+$/, '') : null;
}
/** `AWS_USE_FIPS_ENDPOINT` as the SDKs read it: true or false (any case); null when it is neither. */
function useFipsFromEnv(env) {
    const v = (env.AWS_USE_FIPS_ENDPOINT ?? '').trim().toLowerCase();
    if (v === '' || v === 'false')
        return false;
    if (v === 'true')
        return true;
    return null;
}


/***/ }),

/***/ 57726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HJ: () => (/* binding */ httpsProblem),
/* harmony export */   Tu: () => (/* binding */ parseGcpSettings)
/* harmony export */ });
/* unused harmony exports PROVIDER_NAME, parseTableName, gcpEndpoints */
/**
 * The Google Cloud inputs, read once into a typed object, and the endpoints they and the environment name.
 * Every bad input is reported through `bad` (name, value, what is wrong, the fix) and every other problem
 * through `problem`, as src/settings.ts does: the caller lists them all at once and fetches nothing.
 */
const PROVIDER_NAME = /^projects\/(\d+)\/locations\/global\/workloadIdentityPools\/([a-z0-9-]{4,32})\/providers\/([a-z0-9-]{4,32})$/;
/** A project id, with the domain prefix of older projects (`example.com:my-project`). */
const PROJECT_ID = /^(?:[a-z][a-z0-9.-]*[a-z0-9]:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_ID = /^\w{1,1024}$/;
/** Letters, digits, `_`, `-`, `$` (a partition decorator): never a backtick, a dot or a space. */
const TABLE_ID = /^[\w$-]{1,1024}$/;
const BILLING_ACCOUNT = /^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$/i;
const SERVICE_ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,62}@[a-z0-9][a-z0-9.-]*\.[a-z]{2,}$/i;
const LOCATION = /^[A-Za-z][A-Za-z0-9-]{1,39}$/;
const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
/** Splits a list input on commas and newlines; blanks and surrounding spaces are ignored. */
function list(value) {
    return value
        .split(/[,\n\r]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
/** `PROJECT.DATASET.TABLE` (the project may carry a `domain:` prefix), or null. */
function parseTableName(value) {
    const v = value.replace(/^`|`$/g, '');
    const last = v.lastIndexOf('.');
    const middle = v.lastIndexOf('.', last - 1);
    if (last < 0 || middle < 0)
        return null;
    const t = { project: v.slice(0, middle), dataset: v.slice(middle + 1, last), table: v.slice(last + 1) };
    return PROJECT_ID.test(t.project) && DATASET_ID.test(t.dataset) && TABLE_ID.test(t.table) ? t : null;
}
function parseGcpSettings(o) {
    const { input, bad, problem } = o;
    let provider = input('gcp-workload-identity-provider');
    if (provider !== '' && !PROVIDER_NAME.test(provider)) {
        const stripped = provider.replace(/^(https:)?\/\/iam\.googleapis\.com\//, '');
        bad('gcp-workload-identity-provider', provider, 'is not the full name of a workload identity provider', PROVIDER_NAME.test(stripped)
            ? `Give it without the //iam.googleapis.com/ prefix: ${stripped}.`
            : /^projects\/[a-z][a-z0-9-]+\//.test(provider)
                ? 'Use the project NUMBER, not its id: projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER (gcloud iam workload-identity-pools providers describe PROVIDER --workload-identity-pool=POOL --location=global --format="value(name)").'
                : 'Use projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER.');
        provider = '';
    }
    const serviceAccount = input('gcp-service-account');
    if (serviceAccount !== '' && !SERVICE_ACCOUNT.test(serviceAccount))
        bad('gcp-service-account', serviceAccount, 'is not a service account e-mail', 'Use the e-mail of the service account, e.g. carbon-reader@my-project.iam.gserviceaccount.com, or leave it empty to query as the federated identity.');
    const rawTable = input('gcp-table');
    const parsed = rawTable === '' ? null : parseTableName(rawTable);
    if (rawTable !== '' && parsed === null)
        bad('gcp-table', rawTable, 'is not a BigQuery table name', parseTableName(rawTable.replace(/:(?=[^:]*$)/, '.')) !== null
            ? `Use a dot, not a colon, between the project and the dataset (Standard SQL): ${rawTable.replace(/:(?=[^:]*$)/, '.')}.`
            : 'Use PROJECT.DATASET.TABLE, e.g. my-project.carbon_export.carbon_footprint (the table the Carbon Footprint export fills).');
    if (rawTable === '' && o.selected)
        problem(`Input 'gcp-table' is required with the gcp provider. Give the Carbon Footprint export table as PROJECT.DATASET.TABLE, e.g. my-project.carbon_export.carbon_footprint.`);
    const table = parsed ?? { project: '', dataset: '', table: '' };
    let projectId = input('gcp-project-id');
    if (projectId !== '' && !PROJECT_ID.test(projectId)) {
        bad('gcp-project-id', projectId, 'is not a project id', 'Use the id of the project that runs the query (6 to 30 lower-case letters, digits and hyphens), or leave it empty for the table\u2019s project.');
        projectId = '';
    }
    const location = input('gcp-location') || 'US';
    if (!LOCATION.test(location))
        bad('gcp-location', location, 'is not a BigQuery location', 'Use the dataset\u2019s location: US, EU or a region such as europe-west1.');
    const billingAccountIds = [];
    for (const b of list(input('gcp-billing-account-ids'))) {
        if (!BILLING_ACCOUNT.test(b))
            bad('gcp-billing-account-ids', b, 'is not a billing account id', 'Use ids of the form 012345-6789AB-CDEF01, comma- or newline-separated.');
        else if (!billingAccountIds.includes(b.toUpperCase()))
            billingAccountIds.push(b.toUpperCase());
    }
    let universe = input('gcp-universe') || 'googleapis.com';
    if (!DNS_NAME.test(universe)) {
        bad('gcp-universe', universe, 'is not a domain name', 'Use the universe domain, e.g. googleapis.com (the default).');
        universe = 'googleapis.com';
    }
    if (o.selected &&
        provider === '' &&
        input('gcp-workload-identity-provider') === '' &&
        !o.env.GOOGLE_APPLICATION_CREDENTIALS)
        problem(`Input 'gcp-workload-identity-provider' is required with the gcp provider unless GOOGLE_APPLICATION_CREDENTIALS names a credentials file. Give the provider's full name (projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER), or run google-github-actions/auth before this step.`);
    return {
        workloadIdentityProvider: provider,
        serviceAccount,
        audience: input('gcp-audience') || (provider ? `https://iam.googleapis.com/${provider}` : ''),
        table,
        projectId: projectId || table.project,
        location,
        billingAccountIds,
        universe,
        endpoints: gcpEndpoints(universe, o.env, problem)
    };
}
/** The API paths an override may carry in gcloud's own form (`.../bigquery/v2/`): the client adds them itself. */
const API_PATHS = {
    STS: /\/v1\/?$/,
    IAMCREDENTIALS: /\/v1\/?$/,
    BIGQUERY: /\/bigquery\/v2\/?$/
};
/**
 * The endpoints of a universe, each replaced by its CLOUDSDK_API_ENDPOINT_OVERRIDES_* variable when set: an
 * absolute https:// URL without user info (the tokens go there).
 */
function gcpEndpoints(universe, env, problem = () => undefined) {
    const pick = (api, host) => {
        const name = `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`;
        const value = (env[name] ?? '').trim();
        const dflt = `https://${host}.${universe}`;
        if (value === '')
            return dflt;
        const why = httpsProblem(value);
        if (why !== null) {
            problem(`The environment variable ${name} ${why}. Give an https:// base URL such as ${dflt}, or remove it.`);
            return dflt;
        }
        return value.replace(API_PATHS[api], '').replace(/\/+$/, '');
    };
    return {
        sts: pick('STS', 'sts'),
        iamcredentials: pick('IAMCREDENTIALS', 'iamcredentials'),
        bigquery: pick('BIGQUERY', 'bigquery'),
        oauth2Token: `https://oauth2.${universe}/token`
    };
}
/** Why a URL may not receive tokens (not absolute, not https, user info), or null; never echoes credentials. */
function httpsProblem(value) {
    let u;
    try {
        u = new URL(value);
    }
    catch {
        return `${JSON.stringify(value)} is not a URL`;
    }
    if (u.username || u.password)
        return '(a URL with credentials) has user info in it';
    if (u.protocol !== 'https:')
        return `${JSON.stringify(value)} is not HTTPS`;
    return null;
}


/***/ }),

/***/ 12448:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ recordsTask),
/* harmony export */   Y: () => (/* binding */ streamInOrder)
/* harmony export */ });
/* harmony import */ var _report_batch_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(74151);

/**
 * Runs up to `lookahead` unit tasks at once and yields their records in task order, page by page: the
 * records of the task being consumed stream out as its pages arrive, later tasks keep their pages until
 * their turn. The output order is that of the tasks (deterministic). Memory is bounded by records, not by
 * units: the tasks nearest the head have the first claim on `budget` records (waiting, or being fetched:
 * a page counts as `pageSize`); a task further back whose records, with those ahead of it, would exceed it
 * holds its next request until the consumer catches up. When the consumer keeps up nothing waits and
 * `budget / pageSize` pages are in flight; the head and the task after it never wait, so the next month
 * unit is on its way while the head is consumed. `place` sees every page as it arrives, before its turn (the
 * report writes its bytes then, so a page that waits holds only its sums).
 */
async function* streamInOrder(tasks, lookahead, budget, pageSize, place) {
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
                    if (page.count > 0) {
                        place?.(page);
                        s.pages.push(page);
                    }
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
/** A unit that yields its records at once (a whole month folded and rounded together) as one batch. */
function recordsTask(provider, keepRecords, fetch) {
    return async (flow) => {
        const rows = await fetch();
        if (rows.length === 0)
            return;
        const enc = new _report_batch_js__WEBPACK_IMPORTED_MODULE_0__/* .BatchEncoder */ .HB(provider, keepRecords);
        for (const r of rows)
            enc.add(r);
        flow.emit(enc.take());
    };
}


/***/ }),

/***/ 27194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   errorMessage: () => (/* binding */ errorMessage),
/* harmony export */   registerSecret: () => (/* binding */ registerSecret),
/* harmony export */   scrub: () => (/* binding */ scrub)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(91659);
/**
 * Every secret the run touches is registered here: masked in the runner's log with `core.setSecret`, and
 * scrubbed from every message that can reach a file, a summary, an artifact or a comment (masking only
 * protects the log). Known token shapes are scrubbed even when nobody registered them (SDK errors can echo
 * requests).
 */

const known = new Set();
function registerSecret(value) {
    if (!value || value.length < 4 || known.has(value))
        return;
    known.add(value);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__.setSecret(value);
}
const PATTERNS = [
    [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '***'], // JWTs (OIDC tokens, Entra access tokens, runtime token)
    [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 ***'],
    [
        /((?:x-amz-security-token|X-Amz-Security-Token|SessionToken|WebIdentityToken|client_assertion|Ocp-Apim-Subscription-Key|subscription-key|sig|code)["']?\s*[:=]\s*["']?)[^"'&\s,}]{8,}/g,
        '$1***'
    ],
    [/\b(?:ASIA|AKIA)[A-Z0-9]{16}\b/g, '***']
];
/** Removes every registered secret and every known token shape from a text. */
function scrub(text) {
    let out = text;
    for (const s of known)
        if (out.includes(s))
            out = out.split(s).join('***');
    for (const [re, by] of PATTERNS)
        out = out.replace(re, by);
    return out;
}
/** The message of an error, scrubbed. */
function errorMessage(e) {
    return scrub(e instanceof Error ? e.message : String(e));
}


/***/ })

};
