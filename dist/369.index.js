export const id = 369;
export const ids = [369];
export const modules = {

/***/ 50962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v3: () => (/* binding */ entraAuth)
/* harmony export */ });
/* unused harmony exports pipelineClient, explainEntraError */
/* harmony import */ var _github_oidc_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(24377);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(27194);


const REUSE_MARGIN_MS = 5 * 60_000;
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
    return line.length > 400 ? `${line.slice(0, 400)}\u2026` : line;
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
            return new identity.ClientAssertionCredential(azure.tenantId, azure.clientId, () => (0,_github_oidc_js__WEBPACK_IMPORTED_MODULE_0__/* .getIdToken */ .p)(http, env, azure.audience, `Azure app ${azure.clientId}`).catch((e) => {
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

/***/ 35657:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BY: () => (/* binding */ valueListPage),
/* harmony export */   Q: () => (/* binding */ notPlain),
/* harmony export */   pi: () => (/* binding */ fieldNames),
/* harmony export */   rM: () => (/* binding */ readPlain)
/* harmony export */ });
/* unused harmony export JsonBytes */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Reading the plain kind of JSON answer straight from its bytes: a provider's page reader walks the structure
 * and takes only the values it needs, so a page of thousands of rows builds neither its text nor its tree (which
 * outlives the young collections that run while it is built, and is most of what a large run's main thread
 * allocates).
 *
 * Plain: ASCII, no escape in any string. Anything else, or bytes that are not JSON, makes `readPlain` answer
 * null, and the caller parses the page whole (JSON.parse), which also names what is wrong. The structure, every
 * literal and number, and every string taken are checked as JSON.parse checks them; a raw control character
 * inside a string that is skipped is not looked for. A value taken is what JSON.parse gives for it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** Why a page is not read here: the caller parses it whole. */
const notPlain = new Error('not a plain JSON page');
/** Powers of ten that are exact doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/**
 * Strings taken, by a hash of their bytes: the same accounts, services and regions come back on every row, and
 * a string found here costs no allocation. Forgotten at once when full.
 */
const STRINGS = new Map();
const STRINGS_LIMIT = 1 << 14;
/** Names to match keys against, as bytes. */
function fieldNames(names) {
    return names.map((n) => Buffer.from(n, 'latin1'));
}
/** `read` on a reader of the body, or null when the body is not plain JSON or not what `read` reads. */
function readPlain(body, read) {
    if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isAscii)(body) || body.indexOf(BACKSLASH) >= 0)
        return null;
    try {
        const r = new JsonBytes(body);
        r.ws();
        const out = read(r);
        r.ws();
        if (r.i !== body.length)
            throw notPlain;
        return out;
    }
    catch {
        // Not plain, not JSON, or nested too deep for this reader's recursion: JSON.parse decides.
        return null;
    }
}
/**
 * The members of the page object at `r` whose rows are its `value` list (Azure reports, OData collections): each
 * row goes to `row` as it is reached; the other members, parsed, are returned (no prototype: a member named
 * __proto__ is a member, as JSON.parse makes it). No `value`, one that is not a list, or two: not plain.
 */
function valueListPage(r, row) {
    const rest = Object.create(null);
    let seen = false;
    r.members((key) => {
        if (key !== 'value')
            rest[key] = r.value();
        else if (seen || !r.isArray())
            throw notPlain;
        else {
            seen = true;
            r.elements(row);
        }
    });
    if (!seen)
        throw notPlain;
    return rest;
}
class JsonBytes {
    b;
    i = 0;
    constructor(b) {
        this.b = b;
    }
    /** Whether the value here is an object. */
    isObject() {
        return this.b[this.i] === 0x7b;
    }
    /** Whether the value here is an array. */
    isArray() {
        return this.b[this.i] === 0x5b;
    }
    /** The members of the object here, by key: `member` takes (or skips) each value. */
    members(member) {
        this.expect(0x7b);
        this.ws();
        if (this.b[this.i] === 0x7d) {
            this.i++;
            return;
        }
        do
            member(this.key());
        while (this.more(0x7d));
    }
    /** The members of the object here, by the index of their key in `names` (-1: another key). */
    fields(names, member) {
        this.expect(0x7b);
        this.ws();
        if (this.b[this.i] === 0x7d) {
            this.i++;
            return;
        }
        do
            member(this.field(names));
        while (this.more(0x7d));
    }
    /** The elements of the array here: `element` takes (or skips) each. */
    elements(element) {
        this.expect(0x5b);
        this.ws();
        if (this.b[this.i] === 0x5d) {
            this.i++;
            return;
        }
        do
            element();
        while (this.more(0x5d));
    }
    /**
     * Into the object or array here (`open`: its opening byte): true when a member or element follows, false when
     * it is empty (and passed). With `field` and `more`, a reader that walks a known shape without a callback.
     */
    enter(open) {
        this.expect(open);
        if (this.b[this.i] !== open + 2)
            return true;
        this.i++;
        return false;
    }
    /** The number here, as JSON.parse reads it; not a number: not read here. */
    numberValue() {
        const b = this.b;
        const start = this.i;
        // One pass for the usual figure (no exponent, at most 15 digits): checked and read as it is passed.
        let k = start;
        const negative = b[k] === 0x2d;
        if (negative)
            k++;
        let c = b[k];
        let m = 0;
        let digits = 0;
        if (c === 0x30) {
            k++;
            digits++;
        }
        else if (c >= 0x31 && c <= 0x39) {
            do {
                m = m * 10 + (c - 0x30);
                digits++;
                c = b[++k];
            } while (c >= 0x30 && c <= 0x39);
        }
        else
            throw notPlain;
        let scale = 0;
        if (b[k] === 0x2e) {
            c = b[++k];
            if (!(c >= 0x30 && c <= 0x39))
                throw notPlain;
            do {
                m = m * 10 + (c - 0x30);
                digits++;
                scale++;
                c = b[++k];
            } while (c >= 0x30 && c <= 0x39);
        }
        c = b[k];
        if (c === 0x65 || c === 0x45 || digits > 15 || (c >= 0x30 && c <= 0x39)) {
            // An exponent, more digits, or a leading zero followed by digits (which `number` refuses).
            this.number();
            return numberOf(b, start, this.i);
        }
        this.i = k;
        const v = scale === 0 ? m : m / POW10[scale];
        return negative ? -v : v;
    }
    /** Whether the value here is the string `bytes` (then passed; else the reader stays). */
    isString(bytes) {
        const b = this.b;
        const i = this.i;
        if (b[i] !== QUOTE || b[i + bytes.length + 1] !== QUOTE)
            return false;
        for (let k = 0; k < bytes.length; k++)
            if (b[i + 1 + k] !== bytes[k])
                return false;
        this.i = i + bytes.length + 2;
        return true;
    }
    /** Whether the value here is null (then passed). */
    isNull() {
        return this.literal('null');
    }
    /** The value here, as JSON.parse gives it. */
    value() {
        const b = this.b;
        const c = b[this.i];
        if (c === QUOTE) {
            const end = this.stringEnd();
            const s = this.textOf(this.i + 1, end);
            this.i = end + 1;
            return s;
        }
        if (c === 0x2d || (c >= 0x30 && c <= 0x39))
            return this.numberValue();
        const start = this.i;
        this.skip();
        return JSON.parse(b.toString('latin1', start, this.i));
    }
    /** The string here as its [start, end) in the body (checked), or null when the value is not a string. */
    stringRange() {
        const start = this.stringStart();
        return start < 0 ? null : [start, this.i - 1];
    }
    /**
     * Past the string here (checked): where its characters start (its end is then `i - 1`, the closing quote);
     * -1 when the value is not a string (the reader stays). stringRange without an array per string.
     */
    stringStart() {
        if (this.b[this.i] !== QUOTE)
            return -1;
        const start = this.i + 1;
        const end = this.stringEnd();
        for (let k = start; k < end; k++)
            if (this.b[k] < 0x20)
                throw notPlain;
        this.i = end + 1;
        return start;
    }
    /** Past the value here, checking its structure. */
    skip() {
        const b = this.b;
        const c = b[this.i];
        if (c === QUOTE)
            this.i = this.stringEnd() + 1;
        else if (c === 0x2d || (c >= 0x30 && c <= 0x39))
            this.number();
        else if (c === 0x7b)
            this.members(() => this.skip());
        else if (c === 0x5b)
            this.elements(() => this.skip());
        else if (!this.literal('true') && !this.literal('false') && !this.literal('null'))
            throw notPlain;
    }
    /** Past JSON's whitespace (space, tab, newline, carriage return). */
    ws() {
        const b = this.b;
        for (;;) {
            const c = b[this.i];
            if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
                this.i++;
            else
                return;
        }
    }
    /** After a member or element: past a comma and true, or past `close` and false. */
    more(close) {
        this.ws();
        if (this.b[this.i] === 0x2c) {
            this.i++;
            this.ws();
            return true;
        }
        this.expect(close);
        return false;
    }
    expect(c) {
        if (this.b[this.i] !== c)
            throw notPlain;
        this.i++;
        this.ws();
    }
    /** A member's key and its colon; at the value after. */
    key() {
        if (this.b[this.i] !== QUOTE)
            throw notPlain;
        const end = this.stringEnd();
        const key = this.b.toString('latin1', this.i + 1, end);
        this.i = end + 1;
        this.ws();
        this.expect(0x3a); // :
        return key;
    }
    /** A member's key and its colon, at the value after: its index in `names`, or -1 (no string made). */
    field(names) {
        const b = this.b;
        if (b[this.i] !== QUOTE)
            throw notPlain;
        const start = this.i + 1;
        const end = this.stringEnd();
        this.i = end + 1;
        this.ws();
        this.expect(0x3a); // :
        const n = end - start;
        next: for (let f = 0; f < names.length; f++) {
            const name = names[f];
            if (name.length !== n)
                continue;
            for (let k = 0; k < n; k++)
                if (b[start + k] !== name[k])
                    continue next;
            return f;
        }
        return -1;
    }
    /**
     * The string of the body's bytes [start, end) (no quotes), remembered by a hash of its bytes; a control
     * character in it: not read here.
     */
    textOf(start, end) {
        const b = this.b;
        let h = end - start;
        for (let k = start; k < end; k++) {
            const c = b[k];
            if (c < 0x20)
                throw notPlain;
            h = (Math.imul(h, 31) + c) | 0;
        }
        const known = STRINGS.get(h);
        if (known !== undefined && known.length === end - start) {
            let same = true;
            for (let k = 0; k < known.length && same; k++)
                same = known.charCodeAt(k) === b[start + k];
            if (same)
                return known;
        }
        const s = b.toString('latin1', start, end);
        if (STRINGS.size >= STRINGS_LIMIT)
            STRINGS.clear();
        STRINGS.set(h, s);
        return s;
    }
    /** The closing quote of the string here (no escapes: the body has no backslash). */
    stringEnd() {
        const end = this.b.indexOf(QUOTE, this.i + 1);
        if (end < 0)
            throw notPlain;
        return end;
    }
    literal(word) {
        for (let k = 0; k < word.length; k++)
            if (this.b[this.i + k] !== word.charCodeAt(k))
                return false;
        this.i += word.length;
        return true;
    }
    /** Past a number of JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    number() {
        const b = this.b;
        if (b[this.i] === 0x2d)
            this.i++;
        if (b[this.i] === 0x30)
            this.i++;
        else if (b[this.i] >= 0x31 && b[this.i] <= 0x39)
            this.digits();
        else
            throw notPlain;
        if (b[this.i] === 0x2e) {
            this.i++;
            if (!this.digits())
                throw notPlain;
        }
        if (b[this.i] === 0x65 || b[this.i] === 0x45) {
            this.i++;
            if (b[this.i] === 0x2b || b[this.i] === 0x2d)
                this.i++;
            if (!this.digits())
                throw notPlain;
        }
    }
    /** Past a run of digits; whether there was one. */
    digits() {
        const start = this.i;
        while (this.b[this.i] >= 0x30 && this.b[this.i] <= 0x39)
            this.i++;
        return this.i > start;
    }
}
/**
 * The double of a JSON number's bytes, as Number() reads it: at most 15 digits and no exponent is an exact
 * integer divided by an exact power of ten, one correctly rounded operation (the fast path of decimal reading);
 * anything else is read by Number().
 */
function numberOf(b, start, end) {
    let k = start;
    const negative = b[k] === 0x2d;
    if (negative)
        k++;
    let m = 0;
    let digits = 0;
    let scale = 0;
    let dot = false;
    for (; k < end; k++) {
        const c = b[k];
        if (c === 0x2e)
            dot = true;
        else if (c >= 0x30 && c <= 0x39) {
            m = m * 10 + (c - 0x30);
            digits++;
            if (dot)
                scale++;
        }
        else
            break;
    }
    if (k < end || digits > 15)
        return Number(b.toString('latin1', start, end));
    const v = scale === 0 ? m : m / POW10[scale];
    return negative ? -v : v;
}


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


/***/ }),

/***/ 83551:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   u: () => (/* binding */ marketOnlyRecord)
/* harmony export */ });
/**
 * A record of a provider that gives one figure per scope and names no method (Azure Carbon Optimization, MCFS):
 * Microsoft computes Scope 2 of its cloud market-based, so the scopes fill the market-based columns, the total is
 * the headline, and every location-based field is null (not given, never 0).
 * The identity's fields are written out, not spread: one record per row of output, and a spread of an object
 * is much slower than a fixed shape.
 */
function marketOnlyRecord(id, f) {
    return {
        provider: id.provider,
        account: id.account,
        accountName: id.accountName,
        month: id.month,
        service: id.service,
        region: id.region,
        grams: f.total,
        marketGrams: f.total,
        locationGrams: null,
        scope1Grams: f.scopes[0],
        scope2MarketGrams: f.scopes[1],
        scope2LocationGrams: null,
        scope3MarketGrams: f.scopes[2],
        scope3LocationGrams: null,
        modelVersion: null
    };
}


/***/ }),

/***/ 42753:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z9: () => (/* binding */ wordsOf),
/* harmony export */   d8: () => (/* binding */ FieldShapes),
/* harmony export */   xC: () => (/* binding */ Literals)
/* harmony export */ });
/** A view of a body's bytes that reads four at a time (in any byte order, the same for both sides compared). */
const wordsOf = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
/** Runs of a body's bytes (the pieces between a row's values), to compare other bytes against. */
class Literals {
    words = [];
    tails = [];
    /** The pieces [start, ranges[0]), [ranges[1], ranges[2]), ... [ranges[last], end) of `b`. */
    constructor(b, view, start, ranges, end) {
        let at = start;
        for (let k = 0; k <= ranges.length; k += 2) {
            const to = k < ranges.length ? ranges[k] : end;
            const whole = (to - at) & ~3;
            const words = new Int32Array(whole / 4);
            for (let w = 0; w < words.length; w++)
                words[w] = view.getInt32(at + w * 4, true);
            this.words.push(words);
            this.tails.push(b.subarray(at + whole, to));
            at = ranges[k + 1];
        }
    }
    /** Whether piece `s` is at `i` of `b` (`view`: its words): the position after it, else -1. */
    match(b, view, i, s) {
        const words = this.words[s];
        const tail = this.tails[s];
        const n = words.length;
        if (i + n * 4 + tail.length > b.length)
            return -1;
        for (let w = 0; w < n; w++, i += 4)
            if (view.getInt32(i, true) !== words[w])
                return -1;
        for (let k = 0; k < tail.length; k++, i++)
            if (b[i] !== tail[k])
                return -1;
        return i;
    }
}
/** An object's keys and separators, and the field (index in the names read, -1 another) of each value. */
class FieldShape {
    literals;
    slots;
    constructor(literals, slots) {
        this.literals = literals;
        this.slots = slots;
    }
    /** Reads the object at `r.i` when it has this shape, each value by `member`: whether it had (then `r.i` is past it). */
    read(r, view, member) {
        const b = r.b;
        const slots = this.slots;
        let i = r.i;
        for (let s = 0;; s++) {
            i = this.literals.match(b, view, i, s);
            if (i < 0)
                return false;
            r.i = i;
            if (s === slots.length)
                return true;
            // Member by member, the spacing before a value is passed with the colon: more of it is another shape.
            const c = b[i];
            if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)
                return false;
            member(slots[s]);
            i = r.i;
        }
    }
}
/** The shapes rows of one page have had, the latest matched first. */
const KEPT = 4;
/**
 * One page's rows read as `JsonBytes.fields` reads an object, by shape when a row has one seen before. `reset`
 * clears what `member` sets, before each try: a row that matches a shape only in part has set some values.
 */
class FieldShapes {
    r;
    names;
    member;
    reset;
    shapes = [];
    view;
    constructor(r, names, member, reset) {
        this.r = r;
        this.names = names;
        this.member = member;
        this.reset = reset;
        this.view = wordsOf(r.b);
    }
    /** The object at the reader, into `member`. */
    read() {
        const { r, shapes, member, reset } = this;
        const at = r.i;
        for (let k = 0; k < shapes.length; k++) {
            reset();
            if (shapes[k].read(r, this.view, member)) {
                if (k > 0)
                    shapes.unshift(shapes.splice(k, 1)[0]);
                return;
            }
            r.i = at;
        }
        reset();
        const slots = [];
        const ranges = [];
        r.fields(this.names, (f) => {
            const start = r.i;
            member(f);
            slots.push(f);
            ranges.push(start, r.i);
        });
        shapes.unshift(new FieldShape(new Literals(r.b, this.view, at, ranges, r.i), Int16Array.from(slots)));
        if (shapes.length > KEPT)
            shapes.pop();
    }
}


/***/ })

};
