export const id = 823;
export const ids = [823];
export const modules = {

/***/ 90823:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CARBON_API_VERSION: () => (/* reexport */ CARBON_API_VERSION),
  CARBON_OPTIMIZATION_READER: () => (/* reexport */ CARBON_OPTIMIZATION_READER),
  MAX_MONTHS_PER_REQUEST: () => (/* reexport */ MAX_MONTHS_PER_REQUEST),
  MAX_SUBSCRIPTIONS_PER_REQUEST: () => (/* reexport */ MAX_SUBSCRIPTIONS_PER_REQUEST),
  PAGE_SIZE: () => (/* reexport */ PAGE_SIZE),
  SCOPES: () => (/* reexport */ SCOPES),
  SUBSCRIPTIONS_API_VERSION: () => (/* reexport */ SUBSCRIPTIONS_API_VERSION),
  azureProvider: () => (/* binding */ azureProvider),
  batchSubscriptions: () => (/* reexport */ batchSubscriptions),
  clampPeriod: () => (/* reexport */ clampPeriod),
  detailQueryBody: () => (/* reexport */ detailQueryBody),
  explainArmError: () => (/* reexport */ explainArmError),
  normalizeSubscriptionId: () => (/* reexport */ normalizeSubscriptionId),
  parseDateRange: () => (/* reexport */ parseDateRange),
  parseReportPage: () => (/* reexport */ parseReportPage),
  planQueries: () => (/* reexport */ planQueries),
  resourceDimensions: () => (/* reexport */ resourceDimensions),
  rowMonth: () => (/* reexport */ rowMonth),
  summaryQueryBody: () => (/* reexport */ summaryQueryBody)
});

// EXTERNAL MODULE: ./src/period.ts
var src_period = __webpack_require__(60202);
// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
// EXTERNAL MODULE: ./src/auth/entra.ts
var entra = __webpack_require__(50962);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/providers/kit/errors.ts
var errors = __webpack_require__(74874);
// EXTERNAL MODULE: ./src/providers/kit/paging.ts
var paging = __webpack_require__(19705);
// EXTERNAL MODULE: ./src/providers/kit/schedule.ts
var schedule = __webpack_require__(12448);
;// CONCATENATED MODULE: ./src/providers/azure/queries.ts

const CARBON_API_VERSION = '2025-04-01';
const SUBSCRIPTIONS_API_VERSION = '2022-12-01';
const MAX_SUBSCRIPTIONS_PER_REQUEST = 100;
const MAX_MONTHS_PER_REQUEST = 12;
const PAGE_SIZE = 5000;
const SCOPES = ['Scope1', 'Scope2', 'Scope3'];
const CARBON_OPTIMIZATION_READER = 'fa0d39e6-28e5-40cf-8521-1eb320653a4c';
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
        dateRange: { start: (0,src_period/* monthFirstDay */.Tn)(month), end: (0,src_period/* monthFirstDay */.Tn)(month) },
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
        dateRange: { start: (0,src_period/* monthFirstDay */.Tn)(period.start), end: (0,src_period/* monthFirstDay */.Tn)(period.end) }
    };
}
/** Every request the report needs, within the API's limits (<= 100 subscriptions, one month or <= 12 months). */
function planQueries(subscriptions, period) {
    const batches = batchSubscriptions(subscriptions);
    const detail = [];
    const summary = [];
    batches.forEach((subs, batch) => {
        for (const month of (0,src_period/* monthsOf */.vo)(period)) {
            for (const scope of SCOPES)
                detail.push({ batch, month, scope, body: detailQueryBody(subs, month, scope) });
        }
        for (const chunk of (0,src_period/* chunkPeriod */.Rn)(period, MAX_MONTHS_PER_REQUEST))
            summary.push({ batch, period: chunk, body: summaryQueryBody(subs, chunk) });
    });
    return { batches, detail, summary };
}
/** The period within the API's available date range: what is kept, and the months left out. */
function clampPeriod(period, available) {
    const all = (0,src_period/* monthsOf */.vo)(period);
    const before = all.filter((m) => (0,src_period/* monthIndex */.L6)(m) < (0,src_period/* monthIndex */.L6)(available.start));
    const after = all.filter((m) => (0,src_period/* monthIndex */.L6)(m) > (0,src_period/* monthIndex */.L6)(available.end));
    const kept = all.filter((m) => !before.includes(m) && !after.includes(m));
    return { period: kept.length > 0 ? { start: kept[0], end: kept[kept.length - 1] } : null, before, after };
}

;// CONCATENATED MODULE: ./src/providers/azure/errors.ts
/** What Azure Resource Manager's refusals mean for Carbon Optimization, and what to check. */


/** A failure of ARM (`what` was asked of `arm`) that says what to check. */
function explainArmError(err, what, arm) {
    const status = err.status;
    const message = err.message.trim().replace(/[.\s]+$/, '');
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
            return `${base}. ${errors/* STILL_THROTTLED */.yJ}`;
        default:
            if (status === 401)
                return `${base}. The token was not accepted: check azure-resource-manager-endpoint and azure-authority-host (same cloud) and azure-tenant-id.`;
            if (status === 403)
                return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription.`;
            if (status === 429)
                return `${base}. ${errors/* STILL_THROTTLED */.yJ}`;
            if (status === 404)
                return `${base}. Check azure-resource-manager-endpoint (${arm}).`;
            return `${base}.`;
    }
}

;// CONCATENATED MODULE: ./src/providers/azure/parse.ts

/** Lower-case, trimmed, without the stray trailing comma one of the spec's examples has. */
function normalizeSubscriptionId(id) {
    // Hot (every access decision of every page): an id of only [0-9a-z-], as the API writes GUIDs, is already
    // normal, and a char loop is much cheaper than the regex and two new strings.
    let plain = true;
    for (let i = 0; i < id.length && plain; i++) {
        const c = id.charCodeAt(i);
        plain = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
    }
    if (plain)
        return id;
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
    if ((0,src_period/* monthIndex */.L6)(period.start) > (0,src_period/* monthIndex */.L6)(period.end))
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

;// CONCATENATED MODULE: ./src/providers/azure/arm.ts





const REPORTS_PATH = '/providers/Microsoft.Carbon/carbonEmissionReports';
const RANGE_PATH = '/providers/Microsoft.Carbon/queryCarbonEmissionDataAvailableDateRange';
/** Calls ARM with a fresh bearer each time (the credential caches it and renews it before it expires). */
class Arm {
    http;
    auth;
    endpoint;
    constructor(http, auth, endpoint) {
        this.http = http;
        this.auth = auth;
        this.endpoint = endpoint;
    }
    get scope() {
        return `${this.endpoint}/.default`;
    }
    /** `decode`: turns a 2xx body into the result instead of JSON.parse (a page read as it comes). */
    async request(method, url, body, what, decode) {
        const token = await this.auth.token(this.scope, 'Azure Resource Manager');
        const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
        if (body !== undefined && body !== '')
            headers['content-type'] = 'application/json';
        const res = await this.http.request({
            service: 'Azure Resource Manager',
            method,
            url,
            headers,
            body,
            expectJson: true,
            decode
        });
        if (res.status < 200 || res.status >= 300) {
            const err = (0,errors/* readErrorBody */.Nk)(res);
            throw new errors/* CallError */.RA(res.status, err, explainArmError(err, what, this.endpoint));
        }
        return res.json;
    }
    post(path, body, what, decode) {
        // The available-date-range call has no body: an empty one with Content-Length 0, as ARM wants for a POST.
        return this.request('POST', `${this.endpoint}${path}?api-version=${CARBON_API_VERSION}`, body === null ? '' : JSON.stringify(body), what, decode);
    }
    /** Every subscription the identity can list (`nextLink` followed, on the ARM host only). */
    async listSubscriptions() {
        const out = new Map();
        const origin = new URL(this.endpoint).origin;
        const first = `${this.endpoint}/subscriptions?api-version=${SUBSCRIPTIONS_API_VERSION}`;
        try {
            await (0,paging/* followPages */.kv)({
                cursorName: 'nextLink',
                first,
                fetch: async (url) => {
                    const json = (await this.request('GET', url ?? first, undefined, 'the subscription list'));
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
                            out.set(id, {
                                id,
                                name: typeof s.displayName === 'string' && s.displayName !== '' ? s.displayName : null
                            });
                    }
                    return typeof json.nextLink === 'string' ? json.nextLink : null;
                },
                check: (next) => {
                    const url = new URL(next, this.endpoint);
                    if (url.origin !== origin)
                        throw new Error(`the nextLink leaves ${origin}; not followed (the token is only sent to ARM)`);
                    return url.toString();
                }
            });
        }
        catch (e) {
            // The list is needed whole (a subscription left out would silently be missing from the report).
            const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
            throw cause instanceof errors/* CallError */.RA ? cause : new Error(`the subscription list: ${cause.message}`);
        }
        return [...out.values()];
    }
}

// EXTERNAL MODULE: ./src/providers/kit/records.ts
var records = __webpack_require__(83551);
;// CONCATENATED MODULE: ./src/providers/azure/apportion.ts
/** units.ts's apportionGrams in Numbers, for the common case where every figure fits in one (Azure's cells). */

const NG_PER_G = 1e9;
/**
 * apportionGrams(cells) for cells of nanograms that are safe integers, in Numbers: each cell is split into
 * whole grams and a remainder for units.ts's apportionParts. null when a cell or a sum is too large for that
 * (the caller takes apportionGrams).
 */
function apportionSmallGrams(cells) {
    const n = cells.length;
    const floors = new Float64Array(n);
    const rems = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        const c = cells[i];
        if (!Number.isSafeInteger(c))
            return null;
        // floor(c / 10^9) and its remainder in [0, 10^9), as floorDiv: c - r is an exact multiple of 10^9.
        let r = c % NG_PER_G;
        let f = (c - r) / NG_PER_G;
        if (r < 0) {
            r += NG_PER_G;
            f -= 1;
        }
        floors[i] = f;
        rems[i] = r;
    }
    return (0,units/* apportionParts */.tV)(floors, rems);
}

;// CONCATENATED MODULE: ./src/providers/azure/cells.ts





/** Distinct raw (subscriptionId, resourceType, location) remembered at most, then forgotten at once. */
const DIMS_LIMIT = 1 << 16;
/**
 * resourceDimensions, remembered per raw (subscriptionId, resourceType, location): when the first two are
 * non-blank strings, the result depends on these three only (the resource id is read only when one is blank).
 */
class DimsCache {
    limit;
    bySub = new Map();
    strings = new Map();
    size = 0;
    constructor(limit = DIMS_LIMIT) {
        this.limit = limit;
    }
    of(row) {
        const sub = row.subscriptionId;
        const type = row.resourceType;
        // Any location that is not a string gives no region, whatever it is.
        const loc = typeof row.location === 'string' ? row.location : undefined;
        const known = typeof sub === 'string' && typeof type === 'string';
        if (known) {
            const hit = this.bySub.get(sub)?.get(type)?.get(loc);
            if (hit !== undefined)
                return hit;
        }
        const d = resourceDimensions(row);
        const dims = {
            subscriptionId: this.intern(d.subscriptionId),
            service: d.service === null ? null : this.intern(d.service),
            region: d.region === null ? null : this.intern(d.region),
            // One flat string (a template literal makes a chain of pieces): every cell of a month keeps its key.
            key: [d.subscriptionId, d.service ?? '', d.region ?? ''].join('\u0000')
        };
        if (known && sub.trim() !== '' && type.trim() !== '')
            this.remember(sub, type, loc, dims);
        return dims;
    }
    /**
     * One string per distinct subscription, service and region: each row read makes its own copy, and the
     * remembered dimensions (tens of thousands) would each keep one.
     */
    intern(s) {
        const known = this.strings.get(s);
        if (known !== undefined)
            return known;
        if (this.strings.size >= this.limit)
            this.strings.clear();
        this.strings.set(s, s);
        return s;
    }
    remember(sub, type, loc, dims) {
        if (this.size >= this.limit) {
            this.bySub.clear();
            this.size = 0;
        }
        let byType = this.bySub.get(sub);
        if (byType === undefined)
            this.bySub.set(sub, (byType = new Map()));
        let byLoc = byType.get(type);
        if (byLoc === undefined)
            byType.set(type, (byLoc = new Map()));
        byLoc.set(loc, dims);
        this.size++;
    }
}
/** Nanograms per kilogram, as a power of ten. */
const KG_NG_EXPONENT = 12;
/** Whether a Number sum of two safe integers is their exact sum: within the safe range, the float sum is exact. */
const safe = (sum) => sum <= Number.MAX_SAFE_INTEGER && sum >= -Number.MAX_SAFE_INTEGER;
/**
 * One page's rows (all of one scope, SCOPES[j]) summed per cell. Hot: a large tenant sends about a million
 * rows, so a row costs a few map lookups and one Number addition; what a page comes to is one sum per distinct
 * (subscription, service, region), added to its (batch, month) only once the page is read whole.
 */
class PageCells {
    dimsOf;
    j;
    byDims = new Map();
    byKey = new Map();
    constructor(dimsOf, j) {
        this.dimsOf = dimsOf;
        this.j = j;
    }
    add(row) {
        const dims = this.dimsOf.of(row);
        let cell = this.byDims.get(dims);
        if (cell === undefined) {
            cell = this.byKey.get(dims.key);
            if (cell === undefined) {
                cell = { dims, ng: 0, big: null, seen: false };
                this.byKey.set(dims.key, cell);
            }
            this.byDims.set(dims, cell);
        }
        const v = row.latestMonthEmissions;
        // kilogramsToNanograms's value without a BigInt, when the fast path decides it.
        const ng = typeof v === 'number' ? (0,units/* fastNanograms */.l3)(v, KG_NG_EXPONENT) : null;
        if (ng !== null) {
            const sum = cell.ng + ng;
            if (safe(sum))
                cell.ng = sum;
            else {
                cell.big = (cell.big ?? 0n) + BigInt(cell.ng) + BigInt(ng);
                cell.ng = 0;
            }
            cell.seen = true;
            return;
        }
        const exact = (0,units/* kilogramsToNanograms */.n3)(v, `${SCOPES[this.j]} of ${row.resourceId ?? row.itemName}`);
        cell.big = (cell.big ?? 0n) + exact;
        cell.seen = true;
    }
    /** The cells, in the order their first rows came. */
    list() {
        return [...this.byKey.values()];
    }
}
/**
 * One (batch, month): its pages' cells added as they come, then its records. A cell is an index into flat
 * lists (its dims, three Number sums, the scopes seen), not an object and an array each: a month's cells live
 * until its last page, and a large tenant has a couple of hundred thousand of them.
 */
class BatchMonthCells {
    /** Keyed like the records: the first page cell's dims name a cell. */
    index = new Map();
    dims = [];
    /** Per cell, per scope (SCOPES' order): nanograms summed as a Number while that is exact, the rest in `big`. */
    ng = [];
    /** Per cell, bit j: a figure of SCOPES[j] came. */
    seen = [];
    big = null;
    /** A page's cells, of SCOPES[j]'s query. */
    addPage(page, j) {
        for (const p of page) {
            let c = this.index.get(p.dims.key);
            if (c === undefined) {
                c = this.dims.length;
                this.index.set(p.dims.key, c);
                this.dims.push(p.dims);
                this.ng.push(0, 0, 0);
                this.seen.push(0);
            }
            const k = c * 3 + j;
            const sum = this.ng[k] + p.ng;
            if (p.big === null && safe(sum))
                this.ng[k] = sum;
            else {
                this.bigOf(c)[j] += BigInt(this.ng[k]) + BigInt(p.ng) + (p.big ?? 0n);
                this.ng[k] = 0;
            }
            if (p.seen)
                this.seen[c] |= 1 << j;
        }
    }
    bigOf(c) {
        this.big ??= new Map();
        let b = this.big.get(c);
        if (b === undefined)
            this.big.set(c, (b = [0n, 0n, 0n]));
        return b;
    }
    /**
     * The records, rounded together, in the report's order. `failed` has bit j when SCOPES[j]'s query failed.
     */
    records(subs, month, failed, nameOf) {
        const order = inReportOrder(this.dims, subs);
        const n = order.length;
        // A scope of a cell is its Number part plus its bigint part (both 0 when nothing of it came).
        let grams = null;
        if (this.big === null) {
            const flat = new Float64Array(n * 3);
            for (let i = 0; i < n; i++)
                for (let j = 0; j < 3; j++)
                    flat[i * 3 + j] = this.ng[order[i] * 3 + j];
            grams = apportionSmallGrams(flat);
        }
        if (grams === null) {
            const flat = new Array(n * 3);
            for (let i = 0; i < n; i++) {
                const c = order[i];
                const b = this.big?.get(c);
                for (let j = 0; j < 3; j++)
                    flat[i * 3 + j] = BigInt(this.ng[c * 3 + j]) + (b === undefined ? 0n : b[j]);
            }
            grams = (0,units/* apportionGrams */.bz)(flat);
        }
        const g = grams;
        // A scope whose query failed is null where nothing of it came (not given), else what came.
        const scope = (c, j, g) => failed & (1 << j) && !(this.seen[c] & (1 << j)) ? null : g;
        const out = new Array(n);
        for (let i = 0; i < n; i++) {
            const c = order[i];
            const s1 = scope(c, 0, g[i * 3]);
            const s2 = scope(c, 1, g[i * 3 + 1]);
            const s3 = scope(c, 2, g[i * 3 + 2]);
            const { subscriptionId, service, region } = this.dims[c];
            out[i] = (0,records/* marketOnlyRecord */.u)({ provider: 'azure', account: subscriptionId, accountName: nameOf(subscriptionId), month, service, region }, { total: (s1 ?? 0) + (s2 ?? 0) + (s3 ?? 0), scopes: [s1, s2, s3] });
        }
        return out;
    }
}
/** localeCompare's order (the default locale and options), with one collator made once instead of per call. */
const COLLATOR = new Intl.Collator();
/**
 * Each distinct string's rank in the collator's order, equal strings (to the collator) sharing a rank: comparing
 * ranks gives the collator's comparison, with one collator call per distinct string instead of per comparison.
 */
function collatorRanks(strings) {
    const sorted = [...new Set(strings)].sort(COLLATOR.compare);
    const ranks = new Map();
    let rank = 0;
    for (let i = 0; i < sorted.length; i++) {
        if (i > 0 && COLLATOR.compare(sorted[i - 1], sorted[i]) !== 0)
            rank = i;
        ranks.set(sorted[i], rank);
    }
    return ranks;
}
/**
 * The cells' indexes in a deterministic order: subscriptions as listed (others after them, by the collator),
 * then service, then region.
 */
function inReportOrder(dims, subs) {
    const order = new Map(subs.map((s, i) => [s, i]));
    // Only subscriptions that are not listed are compared by the collator (listed ones by their place).
    const subRanks = collatorRanks(dims.filter((d) => !order.has(d.subscriptionId)).map((d) => d.subscriptionId));
    const serviceRanks = collatorRanks(dims.map((d) => d.service ?? ''));
    const regionRanks = collatorRanks(dims.map((d) => d.region ?? ''));
    const n = dims.length;
    const listed = new Float64Array(n);
    const ranks = new Float64Array(n * 3);
    for (let c = 0; c < n; c++) {
        const d = dims[c];
        listed[c] = order.get(d.subscriptionId) ?? Infinity;
        ranks[c * 3] = subRanks.get(d.subscriptionId) ?? 0;
        ranks[c * 3 + 1] = serviceRanks.get(d.service ?? '');
        ranks[c * 3 + 2] = regionRanks.get(d.region ?? '');
    }
    // Two unlisted subscriptions: Infinity - Infinity is NaN, falsy, so their collator ranks decide.
    return Array.from({ length: n }, (_, c) => c).sort((a, b) => listed[a] - listed[b] ||
        ranks[a * 3] - ranks[b * 3] ||
        ranks[a * 3 + 1] - ranks[b * 3 + 1] ||
        ranks[a * 3 + 2] - ranks[b * 3 + 2]);
}

// EXTERNAL MODULE: ./src/body.ts
var src_body = __webpack_require__(8255);
// EXTERNAL MODULE: ./src/providers/kit/json-bytes.ts
var json_bytes = __webpack_require__(35657);
// EXTERNAL MODULE: ./src/providers/kit/row-shape.ts
var row_shape = __webpack_require__(42753);
;// CONCATENATED MODULE: ./src/providers/azure/scan.ts
/**
 * A resource-detail page read straight from its bytes (kit/json-bytes.ts): each row of `value` is handed over as
 * it is read, with only the fields the dimensions and the sums read, as JSON.parse would give them. A page that
 * is not plain, or whose `value` is not a list of objects (or comes twice), is left to JSON.parse.
 */


/** The fields of a row that are read; the others are skipped. */
const FIELDS = (0,json_bytes/* fieldNames */.pi)([
    'subscriptionId',
    'resourceType',
    'location',
    'latestMonthEmissions',
    'resourceId',
    'itemName'
]);
const [SUBSCRIPTION, TYPE, LOCATION, FIGURE, RESOURCE_ID] = [0, 1, 2, 3, 4];
/**
 * A row as it is read: the dimensions and the figure as fields, the resource id and item name (read only for a
 * row whose dimensions are not remembered, or for an error message) made from their bytes when asked for.
 */
class ScanRow {
    b;
    subscriptionId;
    resourceType;
    location;
    latestMonthEmissions;
    /**
     * Per lazy field (resource id, item name): where its string starts and ends in the page (start -1: not a
     * string), else its value (undefined: absent). Numbers, not an object per row: a month has some 100,000 rows.
     */
    starts = [-1, -1];
    ends = [0, 0];
    others = [undefined, undefined];
    constructor(b) {
        this.b = b;
    }
    reset() {
        this.subscriptionId = this.resourceType = this.location = this.latestMonthEmissions = undefined;
        this.starts[0] = this.starts[1] = -1;
        this.others[0] = this.others[1] = undefined;
    }
    /** A lazy field, from the reader at its value. */
    take(which, r) {
        const start = r.stringStart();
        this.starts[which] = start;
        if (start >= 0)
            this.ends[which] = r.i - 1;
        else
            this.others[which] = r.value();
    }
    read(which) {
        const start = this.starts[which];
        return start >= 0 ? this.b.toString('latin1', start, this.ends[which]) : this.others[which];
    }
    get resourceId() {
        return this.read(0);
    }
    get itemName() {
        return this.read(1);
    }
}
/**
 * Reads the page: `row` gets each row of `value` (one object, its fields overwritten row after row: read what
 * you need before returning; it must not throw). The top-level members other than `value`, parsed, or null when
 * the page is not read here (rows may have been handed over before that is found: the caller discards what it
 * made of them).
 */
function scanReportPage(body, row) {
    return (0,json_bytes/* readPlain */.rM)(body, (reader) => {
        const r = new ScanRow(body);
        const field = (f) => {
            if (f === SUBSCRIPTION)
                r.subscriptionId = reader.value();
            else if (f === TYPE)
                r.resourceType = reader.value();
            else if (f === LOCATION)
                r.location = reader.value();
            else if (f === FIGURE)
                r.latestMonthEmissions = reader.value();
            else if (f >= RESOURCE_ID)
                r.take(f === RESOURCE_ID ? 0 : 1, reader);
            else
                reader.skip();
        };
        const shapes = new row_shape/* FieldShapes */.d8(reader, FIELDS, field, () => r.reset());
        const element = () => {
            // Not an object: JSON.parse's rows go to the code that says what is wrong with them.
            if (!reader.isObject())
                throw json_bytes/* notPlain */.Q;
            shapes.read();
            row(r);
        };
        return (0,json_bytes/* valueListPage */.BY)(reader, element);
    });
}

;// CONCATENATED MODULE: ./src/providers/azure/page.ts
/**
 * One page of a Carbon Optimization resource query, from its bytes to its rows summed per cell (PageCells). The
 * plain kind of page is read straight from its bytes (scan.ts); any other is parsed whole. Either way a row
 * whose figure cannot be read stops the sums there (the rows before it and its cell stay), and the rest of the
 * page is still read for its skip token and access decisions.
 */





/** Rows' dimensions, remembered across pages (the same resources come back every month). */
const DIMS = new DimsCache();
/** A page of SCOPES[scope]'s query. */
function decodeAzurePage(body, scope, dims = DIMS) {
    let cells = new PageCells(dims, scope);
    let error = null;
    const add = (row) => {
        if (error !== null)
            return;
        try {
            cells.add(row);
        }
        catch (e) {
            error = (0,secrets.errorMessage)(e);
        }
    };
    const rest = scanReportPage(body, add);
    let page;
    if (rest !== null)
        page = parseReportPage({ ...rest, value: [] });
    else {
        // Parsed whole: what the reader made of the rows it saw before it gave up is not kept.
        cells = new PageCells(dims, scope);
        error = null;
        page = parseReportPage((0,src_body/* parseJsonBody */.Y2)((0,src_body/* bodyText */.G3)(body)));
        for (const row of page.rows)
            add(row);
    }
    return { skipToken: page.skipToken, decisions: page.decisions, cells: cells.list(), error };
}

;// CONCATENATED MODULE: ./src/providers/azure/index.ts















const azureProvider = {
    id: 'azure',
    async plan(ctx) {
        const { settings } = ctx;
        const azure = settings.azure;
        const auth = (0,entra/* entraAuth */.v3)(azure, ctx.http, ctx.env);
        const arm = new Arm(ctx.http, auth, azure.resourceManagerEndpoint);
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
            return null;
        let subscriptions;
        if (azure.subscriptionIds.length > 0) {
            subscriptions = azure.subscriptionIds.map((id) => ({ id, name: null }));
        }
        else {
            subscriptions = await arm.listSubscriptions();
            if (subscriptions.length === 0) {
                throw new Error(`The identity (${auth.describe}) can list no subscription at ${arm.endpoint}. Assign it Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) ` +
                    `on each subscription to report, or set azure-subscription-ids.`);
            }
        }
        const plan = planQueries(subscriptions.map((s) => s.id), period);
        const months = (0,src_period/* monthsOf */.vo)(period);
        ctx.log(`Azure: ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'} in ${plan.batches.length} batch${plan.batches.length === 1 ? '' : 'es'}, ` +
            `${months.length} month${months.length === 1 ? '' : 's'} (${period.start} to ${period.end}), ${plan.detail.length + plan.summary.length} queries before paging, ${arm.endpoint}`);
        const run = new AzureRun(ctx, arm, plan, subscriptions);
        return {
            unit: '(batch, month)',
            // Batch-major: a matrix shard takes a contiguous share.
            units: plan.batches.flatMap((_, batch) => months.map((month) => ({ batch, month }))),
            start: async (mine) => mine.map((u) => (0,schedule/* recordsTask */.K)('azure', ctx.keepRecords, () => run.batchMonth(u))),
            end: async () => run.end(),
            lookahead: Math.max(2, settings.concurrency)
        };
    }
};
/** The state of one run: who was denied, and the monthly summaries the months are checked against. */
class AzureRun {
    ctx;
    arm;
    plan;
    subscriptions;
    denied = new Set();
    summaries = new Map();
    names;
    constructor(ctx, arm, plan, subscriptions) {
        this.ctx = ctx;
        this.arm = arm;
        this.plan = plan;
        this.subscriptions = subscriptions;
        this.names = new Map(subscriptions.map((s) => [s.id, s.name]));
    }
    /** Access: a subscription the identity may not read is missing (once), whichever response says so first. */
    deny = (id, reason) => {
        if (this.denied.has(id))
            return;
        this.denied.add(id);
        this.ctx.missing(`subscription ${id}`, reason);
    };
    takeDecisions = (decisions) => {
        for (const d of decisions) {
            if (d.decision.toLowerCase() === 'allowed')
                continue;
            this.deny(d.subscriptionId, `access ${d.decision ? d.decision.toLowerCase() : 'refused'} by Carbon Optimization${d.denialReason ? ` (${d.denialReason})` : ''}`);
        }
    };
    /** The monthly summary of a batch's months, one request per (batch, <= 12 months), shared by those months. */
    summaryFor(batch, month) {
        const q = this.plan.summary.find((s) => s.batch === batch &&
            (0,src_period/* monthIndex */.L6)(s.period.start) <= (0,src_period/* monthIndex */.L6)(month) &&
            (0,src_period/* monthIndex */.L6)(month) <= (0,src_period/* monthIndex */.L6)(s.period.end));
        const key = `${batch}:${q.period.start}`;
        let p = this.summaries.get(key);
        if (!p) {
            p = (async () => {
                try {
                    const page = parseReportPage(await this.arm.post(REPORTS_PATH, q.body, `the monthly summary ${q.period.start} to ${q.period.end}`));
                    this.takeDecisions(page.decisions);
                    const byMonth = new Map();
                    for (const row of page.rows) {
                        const m = rowMonth(row);
                        if (m === null)
                            throw new Error('a monthly summary row has no date');
                        byMonth.set(m, (byMonth.get(m) ?? 0) + (0,units/* kilogramsToGrams */.Lg)(row.latestMonthEmissions, `the summary of ${m}`));
                    }
                    return byMonth;
                }
                catch (e) {
                    // A batch the identity may read none of is refused as a whole: that is told once, per subscription.
                    if (e instanceof errors/* CallError */.RA && e.status === 403) {
                        for (const id of this.plan.batches[batch])
                            this.deny(id, e.message);
                        return null;
                    }
                    this.ctx.warn(`${q.period.start} to ${q.period.end}: the monthly summary could not be fetched, so the detail was not checked against it (${(0,secrets.errorMessage)(e)})`);
                    return null;
                }
            })();
            this.summaries.set(key, p);
        }
        return p;
    }
    /** A batch's month: its records, checked against the monthly summary. */
    async batchMonth({ batch, month }) {
        const subs = this.plan.batches[batch];
        const label = batchLabel(subs, batch, this.plan.batches.length, this.subscriptions.length);
        const summary = this.summaryFor(batch, month);
        const { records, complete } = await fetchBatchMonth(this, subs, month, label);
        const expected = await summary;
        if (complete && expected !== null) {
            const got = records.reduce((a, r) => a + r.grams, 0);
            const want = expected.get(month) ?? 0;
            if (Math.abs(got - want) > 1) {
                const where = this.plan.batches.length > 1 ? ` (${label})` : '';
                this.ctx.warn(`${month}${where}: resource detail sums to ${(0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(got))} kg but the monthly summary says ${(0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(want))} kg ` +
                    `(gap ${(0,units/* groupThousands */.Zv)((0,units/* formatKg */.KC)(Math.abs(got - want)))} kg)`);
            }
        }
        return records;
    }
    end() {
        if (this.denied.size === 0)
            return;
        const list = [...this.denied].map((id) => (this.names.get(id) ? `${id} (${this.names.get(id)})` : id));
        const n = this.denied.size;
        this.ctx.note(`${n} subscription${n === 1 ? '' : 's'} could not be read and ${n === 1 ? 'is' : 'are'} not in the figures: ${list.join(', ')}. ` +
            `Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on ${n === 1 ? 'it' : 'them'}.`);
    }
    get parts() {
        return { ctx: this.ctx, arm: this.arm };
    }
    nameOf(id) {
        return this.names.get(id) ?? null;
    }
}
/** The label of a batch for messages. */
function batchLabel(subs, index, count, total) {
    if (subs.length === 1)
        return `subscription ${subs[0]}`;
    const first = index * MAX_SUBSCRIPTIONS_PER_REQUEST + 1;
    return count === 1 ? `${subs.length} subscriptions` : `subscriptions ${first}-${first + subs.length - 1} of ${total}`;
}
/**
 * The records of one batch and month: the three scope queries side by side, each paged to its end, summed
 * into (subscription, service, region) and rounded together. What came is kept when a part failed; the month
 * is then marked incomplete and not reconciled.
 */
async function fetchBatchMonth(run, subs, month, label) {
    const { ctx, arm } = run.parts;
    const cells = new BatchMonthCells();
    let failed = 0;
    await Promise.all(SCOPES.map(async (scope, j) => {
        try {
            await (0,paging/* followPages */.kv)({
                cursorName: 'skipToken',
                fetch: async (token) => {
                    // Read and summed as it comes (a body that is not JSON is fetched again by the HTTP layer).
                    const p = (await arm.post(REPORTS_PATH, detailQueryBody(subs, month, scope, token), `${scope} of ${month}`, (b) => Promise.resolve(decodeAzurePage(b, j))));
                    run.takeDecisions(p.decisions);
                    cells.addPage(p.cells, j);
                    if (p.error !== null)
                        throw new Error(p.error);
                    return p.skipToken;
                }
            });
        }
        catch (e) {
            failed |= 1 << j;
            const cause = e instanceof Error ? e.cause : undefined;
            if (cause instanceof errors/* CallError */.RA && cause.status === 403) {
                for (const id of subs)
                    run.deny(id, cause.message);
            }
            else {
                ctx.missing(`${month} ${scope} of ${label}`, e);
            }
        }
    }));
    const records = cells.records(subs, month, failed, (id) => run.nameOf(id));
    return { records, complete: failed === 0 };
}


/***/ })

};
