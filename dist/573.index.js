export const id = 573;
export const ids = [573];
export const modules = {

/***/ 59573:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  EMISSIONS_PERMISSION: () => (/* reexport */ EMISSIONS_PERMISSION),
  ENROLLMENT_SELECT: () => (/* reexport */ ENROLLMENT_SELECT),
  Folder: () => (/* reexport */ Folder),
  M365_SELECT: () => (/* reexport */ M365_SELECT),
  M365_SERVICE: () => (/* reexport */ M365_SERVICE),
  MCFS_APP_ID: () => (/* reexport */ MCFS_APP_ID),
  MCFS_SCOPE: () => (/* reexport */ MCFS_SCOPE),
  PROJECTION_SELECT: () => (/* reexport */ PROJECTION_SELECT),
  SERVICE: () => (/* reexport */ SERVICE),
  dateKeyOf: () => (/* reexport */ dateKeyOf),
  enrollmentDims: () => (/* reexport */ enrollmentDims),
  enrollmentEmissionsUrl: () => (/* reexport */ enrollmentEmissionsUrl),
  explainMcfsError: () => (/* reexport */ explainMcfsError),
  forecastPoints: () => (/* reexport */ forecastPoints),
  mcfsProvider: () => (/* binding */ mcfsProvider),
  monthOfDateKey: () => (/* reexport */ monthOfDateKey),
  odataQuery: () => (/* reexport */ odataQuery),
  odataString: () => (/* reexport */ odataString),
  parseODataPage: () => (/* reexport */ parseODataPage),
  projectionsUrl: () => (/* reexport */ projectionsUrl),
  scopeOf: () => (/* reexport */ scopeOf),
  serviceRoot: () => (/* reexport */ serviceRoot),
  subServiceNames: () => (/* reexport */ subServiceNames),
  tenantDims: () => (/* reexport */ tenantDims),
  tenantEmissionsUrl: () => (/* reexport */ tenantEmissionsUrl)
});

// EXTERNAL MODULE: ./src/period.ts
var src_period = __webpack_require__(60202);
// EXTERNAL MODULE: ./src/auth/entra.ts
var entra = __webpack_require__(50962);
// EXTERNAL MODULE: ./src/secrets.ts
var secrets = __webpack_require__(27194);
// EXTERNAL MODULE: ./src/providers/kit/errors.ts
var errors = __webpack_require__(74874);
// EXTERNAL MODULE: ./src/providers/kit/schedule.ts
var schedule = __webpack_require__(12448);
// EXTERNAL MODULE: ./src/providers/kit/paging.ts
var paging = __webpack_require__(19705);
;// CONCATENATED MODULE: ./src/providers/mcfs/queries.ts
/** The scope of the MCFS API's app registration. */
const MCFS_SCOPE = 'c3163bf1-092f-436b-b260-7ade5973e5b9/.default';
const SERVICE = 'Microsoft Cloud for Sustainability API';
const MCFS_APP_ID = MCFS_SCOPE.split('/')[0];
const EMISSIONS_PERMISSION = 'App.Emissions.Read';
const M365_SERVICE = 'Microsoft 365';
/** A guard against an endless page sequence: far beyond any real enrollment's rows (pages of 1000). */
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
/** A query string with the OData option names left readable (`$filter=\u2026`) and the values percent-encoded. */
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

;// CONCATENATED MODULE: ./src/providers/mcfs/errors.ts
/** What the MCFS API's refusals mean: which credential or setting to check. */


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
        return `${base}. ${errors/* STILL_THROTTLED */.yJ}`;
    if (err.status === 400)
        return `${base}. The API refused the query; if this persists, report it with this message.`;
    if (err.status >= 500)
        return `${base}. The service failed; run again later.`;
    return `${base}.`;
}

// EXTERNAL MODULE: ./src/body.ts
var src_body = __webpack_require__(8255);
// EXTERNAL MODULE: ./src/providers/kit/json-bytes.ts
var json_bytes = __webpack_require__(35657);
// EXTERNAL MODULE: ./src/providers/kit/row-shape.ts
var row_shape = __webpack_require__(42753);
// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
// EXTERNAL MODULE: ./src/providers/kit/records.ts
var records = __webpack_require__(83551);
;// CONCATENATED MODULE: ./src/providers/mcfs/nanograms.ts
/**
 * MCFS's exact nanograms without a BigInt per row (hot: one figure per row). A figure is a Number of nanograms
 * while that is a safe integer; a cell's sum per scope is whole grams plus a nanogram remainder, both Numbers.
 * Every result is the one of units.ts (tonnesToNanograms, apportionGrams), which this falls back to beyond
 * those bounds; the tests check both ways agree on tricky inputs.
 */

const NG = 1e9;
const NG_BIG = 1000000000n;
/** Below this many grams, a double's spacing is under 2^-32 t: see tonnesToNg. */
const FAST_G = 2 ** 40;
/** Whole grams whose nanograms are still a safe integer. */
const MAX_G_AS_NG = Math.floor(Number.MAX_SAFE_INTEGER / NG);
/**
 * Metric tons (a number or numeric string) as exact nanograms: `tonnesToNanograms(value)`, as a Number when it
 * is a safe integer. `what` names the figure in an error (built only then).
 */
function tonnesToNg(value, what) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n))
        return (0,units/* tonnesToNanograms */.Fo)(value, what()); // throws its error
    // Below ~0.56 t: units.ts's own fast path (a product within 1/4 of an integer is that integer).
    const near = (0,units/* fastNanograms */.l3)(n, 15);
    if (near !== null)
        return near;
    // Whole grams (0 < |g| < 2^40) with g / 1e6 === n: then n's shortest decimal d is g x 10^-6 exactly, and its
    // nanograms g x 10^9. Why: d and g x 10^-6 both round to n, so they are within ulp(n) < 2^-32 of each other;
    // d has no more digits than g x 10^-6 (it is the shortest), so its last digit is at least 10^-7 (10^-6 unless
    // d sits just below a power of ten that g x 10^-6 reaches, at least 10^-7 away): two such decimals that
    // close are equal.
    const g = Math.round(n * 1e6);
    if (g / 1e6 === n && Math.abs(g) < FAST_G)
        return Math.abs(g) <= MAX_G_AS_NG ? g * NG : BigInt(g) * NG_BIG;
    const ng = (0,units/* toNanogramsExact */.dU)(n, 15, what(), value);
    return ng >= -Number.MAX_SAFE_INTEGER && ng <= Number.MAX_SAFE_INTEGER ? Number(ng) : ng;
}
/** Sums of nothing. */
const zeroSums = () => [0, 0, 0, 0, 0, 0, 0, 0];
/** Adds nanograms (from tonnesToNg) to scope i. */
function addNg(s, i, ng) {
    let g;
    let r;
    if (typeof ng === 'number') {
        // |ng| < 2^53: g x 10^9 and the difference are exact; the rounded quotient is off by at most one (fixed below).
        g = Math.floor(ng / NG);
        r = ng - g * NG;
    }
    else {
        let q = ng / NG_BIG;
        let m = ng % NG_BIG;
        if (m < 0n) {
            q -= 1n;
            m += NG_BIG;
        }
        g = Number(q);
        r = Number(m);
        // A figure past 2^53 g (9 billion tonnes) stays a BigInt.
        if (!Number.isSafeInteger(g))
            return addBig(s, i, ng);
    }
    if (r < 0) {
        g--;
        r += NG;
    }
    else if (r >= NG) {
        g++;
        r -= NG;
    }
    const gr = s.gr;
    let sr = gr[4 + i] + r;
    let sg = gr[i] + g;
    if (sr >= NG) {
        sr -= NG;
        sg++;
    }
    // A sum of safe integers that is itself safe is exact; beyond, the figure goes to the BigInt part.
    if (!Number.isSafeInteger(sg))
        return addBig(s, i, ng);
    gr[i] = sg;
    gr[4 + i] = sr;
}
function addBig(s, i, ng) {
    s.big ??= [0n, 0n, 0n, 0n];
    s.big[i] += BigInt(ng);
}
/**
 * `apportionGrams` of the cells' nanograms (4 per cell, in order), in Numbers: the floors are the g[i], the
 * remainders the r[i]. Falls back to apportionGrams itself (and its range error) beyond safe integers.
 */
function apportionSums(cells) {
    const n = cells.length * 4;
    const floors = new Float64Array(n);
    const rems = new Float64Array(n);
    for (let c = 0; c < cells.length; c++) {
        const { gr, big } = cells[c];
        if (big !== null)
            return apportionBig(cells);
        for (let i = 0; i < 4; i++) {
            floors[c * 4 + i] = gr[i];
            rems[c * 4 + i] = gr[4 + i];
        }
    }
    return (0,units/* apportionParts */.tV)(floors, rems) ?? apportionBig(cells);
}
function apportionBig(cells) {
    return (0,units/* apportionGrams */.bz)(cells.flatMap((c) => [0, 1, 2, 3].map((i) => BigInt(c.gr[i]) * NG_BIG + BigInt(c.gr[4 + i]) + (c.big?.[i] ?? 0n))));
}

;// CONCATENATED MODULE: ./src/providers/mcfs/parse.ts





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
    const s = row.scope;
    if (typeof s !== 'string')
        return null;
    // The documented spelling ("Scope 2", every Microsoft 365 row) without the regex.
    if (s.length === 7 && s.startsWith('Scope ') && s[6] >= '1' && s[6] <= '3')
        return Number(s[6]);
    const m = /^\s*scope\s*([123])\s*$/i.exec(s);
    return m ? Number(m[1]) : null;
}
const parse_text = (v) => {
    if (typeof v !== 'string')
        return null;
    const t = v.trim();
    return t !== '' ? t : null;
};
/** The last id lowercased: consecutive rows share one, and toLowerCase copies even a lowercase string. */
let lastId = '';
let lastIdLower = '';
const lower = (id) => {
    if (id !== lastId) {
        lastId = id;
        lastIdLower = id.toLowerCase();
    }
    return lastIdLower;
};
/** The distinct subServices of a cell, in the order they came; null when none came. */
function subServiceNames(c) {
    return typeof c.subServices === 'string' ? [c.subServices] : c.subServices;
}
/** Ids below this fit the cell key: a month of the period, an account, a (service, region). */
const ID_LIMIT = 2 ** 22;
/** The id of `key` in `ids` (the next one when new). */
function idOf(ids, key) {
    let id = ids.get(key);
    if (id === undefined) {
        id = ids.size;
        if (id >= ID_LIMIT)
            throw new Error(`more than ${ID_LIMIT} distinct accounts or (service, region) in one query`);
        ids.set(key, id);
    }
    return id;
}
/** Folds rows into cells keyed by (month, account, service, region). */
class Folder {
    dims;
    /**
     * By a number made of ids of the month, account and (service, region) (not a string per cell: a large month
     * has tens of thousands of cells, held until its last page).
     */
    cells = new Map();
    accountIds = new Map();
    pairIds = new Map();
    /** One string per distinct name: every cell of a service or region shares it. */
    names = new Map();
    /** Rows outside the period (the server ignored the filter) and rows without a scope, for warnings. */
    outside = 0;
    unscoped = 0;
    rows = 0;
    first;
    last;
    d = { account: '', accountName: null, service: null, region: null, subService: null };
    /** The last dateKey seen and its month: the rows of a page share one (a query is one month). */
    lastKey = NaN;
    lastMonth = null;
    lastAt = 0;
    lastCell = null;
    /** Names a row's figure in an error (one function per Folder, not one per row). */
    whatTotal = () => `totalEmissions of ${this.lastMonth}`;
    constructor(period, dims) {
        this.dims = dims;
        this.first = (0,src_period/* monthIndex */.L6)(period.start);
        this.last = (0,src_period/* monthIndex */.L6)(period.end);
        // The cell key holds the month's place in the period below 2^9, so the key stays an exact integer.
        if (this.last - this.first >= 512)
            throw new Error('a period of more than 512 months');
    }
    add(row) {
        if (!row || typeof row !== 'object')
            throw new Error('a row is not an object');
        if (row.dateKey !== this.lastKey) {
            this.lastKey = row.dateKey;
            this.lastMonth = monthOfDateKey(row.dateKey);
            if (this.lastMonth !== null)
                this.lastAt = (0,src_period/* monthIndex */.L6)(this.lastMonth);
        }
        const month = this.lastMonth;
        if (month === null)
            throw new Error(`a row has no valid dateKey (${JSON.stringify(row.dateKey)})`);
        const ng = tonnesToNg(row.totalEmissions, this.whatTotal);
        this.rows++;
        if (this.lastAt < this.first || this.lastAt > this.last) {
            this.outside++;
            return;
        }
        const d = this.d;
        this.dims(row, d);
        // The rows of a cell tend to come together (one per scope and subService): the same cell as the last row's
        // needs no key (equal dimensions make an equal key).
        let cell = this.lastCell;
        if (cell === null ||
            cell.account !== d.account ||
            cell.service !== d.service ||
            cell.region !== d.region ||
            cell.month !== month)
            cell = this.cellOf(month, d);
        if (cell.accountName === null && d.accountName !== null)
            cell.accountName = d.accountName;
        const sub = d.subService;
        if (sub !== null) {
            const known = cell.subServices;
            if (known === null)
                cell.subServices = this.name(sub);
            else if (typeof known === 'string') {
                if (known !== sub)
                    cell.subServices = [known, this.name(sub)];
            }
            else if (!known.includes(sub))
                known.push(this.name(sub));
        }
        const scope = scopeOf(row);
        if (scope === null)
            this.unscoped++;
        addNg(cell, scope ?? 0, ng);
    }
    cellOf(month, d) {
        const account = idOf(this.accountIds, d.account);
        const pair = idOf(this.pairIds, `${d.service ?? ''}\u0000${d.region ?? ''}`);
        const key = (((0,src_period/* monthIndex */.L6)(month) - this.first) * ID_LIMIT + account) * ID_LIMIT + pair;
        let cell = this.cells.get(key);
        if (!cell) {
            cell = {
                month,
                account: this.name(d.account),
                accountName: d.accountName === null ? null : this.name(d.accountName),
                service: d.service === null ? null : this.name(d.service),
                region: d.region === null ? null : this.name(d.region),
                gr: zeroSums(),
                big: null,
                subServices: null
            };
            this.cells.set(key, cell);
        }
        this.lastCell = cell;
        return cell;
    }
    name(s) {
        const known = this.names.get(s);
        if (known !== undefined)
            return known;
        this.names.set(s, s);
        return s;
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
            const grams = apportionSums(month);
            for (let k = 0; k < month.length; k++) {
                const c = month[k];
                const s1 = grams[k * 4 + 1];
                const s2 = grams[k * 4 + 2];
                const s3 = grams[k * 4 + 3];
                const { account, accountName, service, region } = c;
                const id = { provider, account, accountName, month: c.month, service, region };
                const r = (0,records/* marketOnlyRecord */.u)(id, { total: grams[k * 4] + s1 + s2 + s3, scopes: [s1, s2, s3] });
                const more = extra(c);
                // Appended last, as a copy with `extra` would put it.
                if (more)
                    r.extra = more;
                out.push(r);
            }
            i = j;
        }
        return out;
    }
}
function enrollmentDims(row, d) {
    const sub = parse_text(row.subscriptionId);
    if (sub === null)
        throw new Error(`a row of ${monthOfDateKey(row.dateKey) ?? 'an unknown month'} has no subscriptionId`);
    d.account = lower(sub);
    d.accountName = parse_text(row.subscriptionName);
    d.service = parse_text(row.azureServiceName);
    d.region = parse_text(row.azureRegionName);
    d.subService = parse_text(row.subService);
}
function tenantDims(tenantId) {
    return (row, d) => {
        d.account = lower(parse_text(row.tenantId) ?? tenantId);
        d.accountName = parse_text(row.tenantName);
        d.service = M365_SERVICE;
        d.region = parse_text(row.officeRegionName);
        d.subService = null;
    };
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
            latestActual = Math.max(latestActual, (0,src_period/* monthIndex */.L6)(m));
    }
    const out = [];
    for (const r of rows) {
        const m = monthOfDateKey(r.dateKey);
        const p = r.projectedEmissions;
        if (m === null || p === null || p === undefined || (0,src_period/* monthIndex */.L6)(m) <= latestActual)
            continue;
        const ng = (0,units/* tonnesToNanograms */.Fo)(p, `projectedEmissions of ${m}`);
        out.push({
            month: m,
            grams: Number((ng + 500000000n) / 1000000000n),
            basis: 'MCFS projectedEmissions (rolling average of the previous five months)',
            scope
        });
    }
    return out.sort((a, b) => (0,src_period/* monthIndex */.L6)(a.month) - (0,src_period/* monthIndex */.L6)(b.month));
}

;// CONCATENATED MODULE: ./src/providers/mcfs/scan.ts
/**
 * An OData page read straight from its bytes (kit/json-bytes.ts): each row of `value` becomes a small object of
 * only the members this provider reads (ROW_FIELDS), as JSON.parse would give them; the others are skipped.
 *
 * Why not JSON.parse: V8 puts what it parses from a text of 100 KB or more straight into the old generation, and
 * the text of such a body is a large object there too; a page of 1000 rows is some 300 KB, so every page of a
 * large enrollment left about a megabyte that only a full collection frees. These rows are young and die young.
 *
 * A page that is not plain (not ASCII, an escape, not JSON), whose `value` is not a list of objects or comes
 * twice, is left to JSON.parse, which says what is wrong.
 */





/**
 * Every member a row is read for (Folder, the dimensions, scopeOf, forecastPoints): whatever a query selects,
 * a server that sends more gives the same records as JSON.parse's rows would.
 */
const ROW_FIELDS = [...new Set([...ENROLLMENT_SELECT, ...M365_SELECT, ...PROJECTION_SELECT])];
const NAMES = (0,json_bytes/* fieldNames */.pi)(ROW_FIELDS);
/** A page of an OData collection: read from its bytes, else parsed whole. */
function readODataPage(body) {
    return scanODataPage(body) ?? parseODataPage((0,src_body/* parseJsonBody */.Y2)((0,src_body/* bodyText */.G3)(body)));
}
/** The page read from its bytes, or null when it is not read here. */
function scanODataPage(body) {
    return (0,json_bytes/* readPlain */.rM)(body, (r) => {
        const rows = [];
        let row = {};
        const field = (f) => {
            if (f < 0)
                r.skip();
            else
                row[ROW_FIELDS[f]] = r.value();
        };
        const shapes = new row_shape/* FieldShapes */.d8(r, NAMES, field, () => (row = {}));
        const element = () => {
            // Not an object: JSON.parse's rows go to the code that says what is wrong with them.
            if (!r.isObject())
                throw json_bytes/* notPlain */.Q;
            shapes.read();
            rows.push(row);
        };
        const top = (0,json_bytes/* valueListPage */.BY)(r, element);
        top.value = rows;
        return parseODataPage(top);
    });
}

;// CONCATENATED MODULE: ./src/providers/mcfs/api.ts





class McfsApi {
    http;
    auth;
    apiKey;
    errorContext;
    origin;
    constructor(http, auth, apiKey, errorContext) {
        this.http = http;
        this.auth = auth;
        this.apiKey = apiKey;
        this.errorContext = errorContext;
        this.origin = new URL(errorContext.endpoint).origin;
    }
    /** The bearer token: entraAuth reuses it until shortly before it expires (one GitHub OIDC token per sign-in). */
    token() {
        return this.auth.token(MCFS_SCOPE, SERVICE);
    }
    /** One page of a collection (GET with both credentials), or a CallError that explains the failure. */
    async page(url, dataSet) {
        const token = await this.token();
        const res = await this.http.request({
            service: SERVICE,
            method: 'GET',
            url,
            headers: {
                accept: 'application/json',
                authorization: `Bearer ${token}`,
                'ocp-apim-subscription-key': this.apiKey
            },
            expectJson: true,
            decode: async (body) => readODataPage(body)
        });
        if (res.status < 200 || res.status >= 300) {
            const err = (0,errors/* readErrorBody */.Nk)(res);
            throw new errors/* CallError */.RA(res.status, err, explainMcfsError(err, { ...this.errorContext, dataSet }));
        }
        return res.json;
    }
    /**
     * Every row of a collection: each `@odata.nextLink` followed to the end. `onRows` takes each page. A failure
     * before any row rejects; a later one (or a loop) is reported through `incomplete` and ends the sequence with
     * what came.
     */
    async readAll({ firstUrl, what, dataSet, onRows, incomplete }) {
        let rows = 0;
        let expected = null;
        try {
            // Links are compared in their parsed form: the same URL may be spelt with or without percent-encoding.
            const first = new URL(firstUrl).href;
            await (0,paging/* followPages */.kv)({
                cursorName: '@odata.nextLink',
                first,
                fetch: async (url, page) => {
                    const p = await this.page(url ?? first, dataSet);
                    if (page === 1)
                        expected = p.count;
                    onRows(p.rows);
                    rows += p.rows.length;
                    return p.nextLink;
                },
                check: (next, page) => {
                    let url;
                    try {
                        url = new URL(next, firstUrl);
                    }
                    catch {
                        throw new Error(`the @odata.nextLink of page ${page} is not a URL; stopped paging`);
                    }
                    if (url.origin !== this.origin)
                        throw new Error(`the @odata.nextLink of page ${page} leaves ${this.origin}; not followed (the API key and token are only sent to mcfs-endpoint)`);
                    return url.href;
                }
            });
        }
        catch (e) {
            if (!(e instanceof paging/* PagingStopped */.aH) || e.page === 1)
                throw e instanceof paging/* PagingStopped */.aH ? e.cause : e;
            incomplete(`${what} from page ${e.page} on (after ${rows} rows)`, e.cause);
            return { complete: false };
        }
        if (expected !== null && expected !== rows) {
            incomplete(what, `the API counted ${expected} rows (@odata.count) but served ${rows} over its pages`);
            return { complete: false };
        }
        return { complete: true };
    }
}

;// CONCATENATED MODULE: ./src/providers/mcfs/index.ts











const mcfsProvider = {
    id: 'mcfs',
    async plan(ctx) {
        const { settings } = ctx;
        const m = settings.mcfs;
        (0,secrets.registerSecret)(m.apiKey);
        const tenantId = m.tenantId.toLowerCase();
        const auth = (0,entra/* entraAuth */.v3)(m.entra, ctx.http, ctx.env);
        const api = new McfsApi(ctx.http, auth, m.apiKey, {
            instanceId: m.instanceId,
            endpoint: m.endpoint,
            identity: auth.describe
        });
        ctx.note('MCFS gives one figure per scope and names no accounting method; Microsoft computes Scope 2 of its cloud emissions market-based, ' +
            'so Scope 1+2+3 is the market-based figure (Scope 2 and 3 in their market-based columns) and location-based columns are empty.');
        if (settings.method === 'location')
            ctx.note('MCFS gives no location-based figure: its market-based total is the headline.');
        ctx.note('MCFS is a preview API (Microsoft may restate past months); its projections are a forecast, in no total.');
        // The data sets (the enrollment, the Microsoft 365 tenant), one paged query per (data set, month): the page
        // chains of different months run side by side (bounded by `concurrency`), and a failure costs a month.
        const allSets = [
            ...(m.enrollmentId !== '' ? ['enrollment'] : []),
            ...(tenantId !== '' ? ['tenant'] : [])
        ];
        const months = (0,src_period/* monthsOf */.vo)(ctx.period);
        /** Per data set of this share (in data set order): its name, its months, what their rows came to, whether any failed. */
        const tally = new Map();
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
                await api.readAll({
                    firstUrl: url,
                    what,
                    dataSet: t.name,
                    onRows: (rows) => {
                        for (const row of rows)
                            folder.add(row);
                    },
                    incomplete: (w, c) => ctx.missing(w, c)
                });
            }
            catch (e) {
                // A refused key or token is wrong for every call: the provider fails with that one message.
                if (e instanceof errors/* CallError */.RA && e.status === 401)
                    throw e;
                // A page failed (or one of its rows did not parse): nothing more of this month; what came is kept.
                t.failed = true;
                ctx.missing(what, e);
            }
            t.outside += folder.outside;
            t.unscoped += folder.unscoped;
            t.rows += folder.rows;
            return folder.records('mcfs', set === 'enrollment'
                ? (c) => ({
                    enrollmentId: enrollment,
                    subServices: subServiceNames(c)?.slice().sort().join(', ') ?? null
                })
                : () => undefined);
        };
        return {
            unit: '(data set, month)',
            units: allSets.flatMap((set) => months.map((month) => ({ set, month }))),
            start: async (mine) => {
                for (const set of allSets) {
                    const own = mine.filter((u) => u.set === set);
                    if (own.length === 0)
                        continue;
                    const name = set === 'enrollment' ? `enrollment ${m.enrollmentId}` : `Microsoft 365 tenant ${tenantId}`;
                    const range = `${own[0].month} to ${own[own.length - 1].month}`;
                    tally.set(set, { name, range, outside: 0, unscoped: 0, rows: 0, failed: false });
                }
                // Sign in first: a wrong app, tenant or federated credential fails the provider here, once, with Entra's reason.
                await api.token();
                ctx.log(`MCFS: instance ${m.instanceId}${m.enrollmentId ? `, enrollment ${m.enrollmentId}` : ''}${tenantId ? `, Microsoft 365 tenant ${tenantId}` : ''}, ` +
                    `${ctx.period.start} to ${ctx.period.end}, ${m.endpoint}`);
                return mine.map((u) => (0,schedule/* recordsTask */.K)('mcfs', ctx.keepRecords, monthTask(u.set, u.month)));
            },
            end: async () => {
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
                if (tally.has('enrollment') && !failed.has(`enrollment ${m.enrollmentId}`)) {
                    try {
                        const rows = [];
                        await api.readAll({
                            firstUrl: projectionsUrl(m.endpoint, m.instanceId, m.enrollmentId),
                            what: `the projections of enrollment ${m.enrollmentId}`,
                            dataSet: `enrollment ${m.enrollmentId}`,
                            onRows: (r) => rows.push(...r),
                            incomplete: (what, cause) => ctx.warn(`${what}: ${(0,secrets.errorMessage)(cause)}; the forecast may lack months`)
                        });
                        const points = forecastPoints(rows, `enrollment ${m.enrollmentId}`);
                        if (points.length > 0)
                            ctx.forecast(points);
                    }
                    catch (e) {
                        ctx.warn(`The projections of enrollment ${m.enrollmentId} could not be fetched, so there is no forecast: ${(0,secrets.errorMessage)(e)}`);
                    }
                }
            },
            lookahead: Math.max(2, settings.concurrency)
        };
    }
};


/***/ })

};
