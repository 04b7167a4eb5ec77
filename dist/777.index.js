export const id = 777;
export const ids = [777];
export const modules = {

/***/ 8255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G3: () => (/* binding */ bodyText),
/* harmony export */   Th: () => (/* binding */ RetryBodyError),
/* harmony export */   Y2: () => (/* binding */ parseJsonBody),
/* harmony export */   wq: () => (/* binding */ NotJsonError)
/* harmony export */ });
/* unused harmony export describeBody */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/** Response bodies as text, and the one error that says a body that should be JSON is not (a transient fault). */

/**
 * A body as UTF-8 text. Pure ASCII (nearly every API answer, pages of several MB) reads the same in latin1,
 * which copies bytes to a one-byte string without the UTF-8 decoder's work; isAscii is a SIMD scan.
 */
function bodyText(buf) {
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isAscii)(b))
        return b.toString('utf8');
    if (b.length <= PIECE)
        return b.toString('latin1');
    // Node makes a string of over about 1 MB an external string (C++ memory, freed only after a collection finds
    // it dead, and left to the allocator); pieces below that are V8 heap strings, joined when JSON.parse reads them.
    let text = '';
    for (let at = 0; at < b.length; at += PIECE)
        text += b.toString('latin1', at, Math.min(b.length, at + PIECE));
    return text;
}
/** Text pieces of a large body: below the size at which Node makes an external string. */
const PIECE = 512 * 1024;
/** A few words on a body for an error message: its size and how it starts (never the whole body). */
function describeBody(text) {
    if (text === '')
        return 'empty';
    const head = text.slice(0, 60).replace(/\s+/g, ' ');
    return `${text.length} bytes starting ${JSON.stringify(head)}`;
}
/** A 2xx body that could not be used for a passing reason: the HTTP layer fetches it again. */
class RetryBodyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RetryBodyError';
    }
}
/** A 2xx body that should be JSON and is not (a proxy's error page, a cut body): the HTTP layer retries it. */
class NotJsonError extends RetryBodyError {
    detail;
    constructor(detail) {
        super(`the response body was not JSON (${detail})`);
        this.detail = detail;
        this.name = 'NotJsonError';
    }
}
/** JSON.parse of a body's text, or a NotJsonError describing it (an empty body is not JSON either). */
function parseJsonBody(text) {
    if (text === '')
        throw new NotJsonError(describeBody(text));
    try {
        return JSON.parse(text);
    }
    catch {
        throw new NotJsonError(describeBody(text));
    }
}


/***/ }),

/***/ 74151:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  HB: () => (/* binding */ BatchEncoder),
  AP: () => (/* binding */ packGroups),
  M: () => (/* binding */ transferList),
  Zn: () => (/* binding */ unpackGroups)
});

// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/records.ts
var records = __webpack_require__(69828);
;// CONCATENATED MODULE: ./src/report/record-bytes.ts



/** Buffers this module allocated for itself (never from Node's shared pool): safe to transfer to a thread. */
const OWNED = new WeakSet();
function ownedBuffer(size) {
    const b = Buffer.allocUnsafeSlow(size);
    OWNED.add(b.buffer);
    return b;
}
const EMPTY = Buffer.alloc(0);
const viewOf = (b) => new DataView(b.buffer, b.byteOffset, b.byteLength);
/** UTF-8 bytes, grown as they are written. */
class ByteWriter {
    initial;
    buf = EMPTY;
    /** The same bytes, to write four at a time. */
    view = viewOf(EMPTY);
    pos = 0;
    constructor(initial) {
        this.initial = initial;
    }
    /** Makes room for `n` more bytes. */
    room(n) {
        if (this.pos + n <= this.buf.length)
            return;
        const grown = ownedBuffer(Math.max(this.pos + n, this.initial, this.buf.length * 2));
        this.buf.copy(grown, 0, 0, this.pos);
        this.buf = grown;
        this.view = viewOf(grown);
    }
    text(s) {
        this.room(s.length * 3); // the most UTF-8 can need per UTF-16 unit
        this.pos += this.buf.write(s, this.pos);
    }
    /** The bytes written, and a fresh buffer for what comes next. */
    take() {
        const out = this.buf.subarray(0, this.pos);
        this.buf = EMPTY;
        this.view = viewOf(EMPTY);
        this.pos = 0;
        return out;
    }
}
function pieceOf(bytes) {
    const padded = new Uint8Array((bytes.length + 3) & ~3);
    padded.set(bytes);
    const view = new DataView(padded.buffer);
    return Int32Array.from({ length: 1 + padded.length / 4 }, (_, w) => w === 0 ? bytes.length : view.getInt32((w - 1) * 4, true));
}
const utf8 = (s) => pieceOf(Buffer.from(s, 'utf8'));
/** 10^k for k = 0..15: the digit count of a whole number of kilograms. */
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
const FRACTION = units/* KG_FRACTION */.y9.map(utf8);
/** The most bytes a figure takes: `String()` of any double is at most 25 characters. */
const FIGURE_MAX = 26;
/** Copies `piece` into `buf` (`view`: the same bytes) at `p` (room made beforehand); the position after it. */
function put(view, buf, p, piece) {
    const n = piece[0];
    const whole = n >> 2;
    for (let w = 1; w <= whole; w++, p += 4)
        view.setInt32(p, piece[w], true);
    let last = piece[whole + 1];
    for (let k = n & 3; k > 0; k--, last >>>= 8)
        buf[p++] = last & 0xff;
    return p;
}
/** The digits of a non-negative integer below 10^15 into `buf` at `p`; the position after them. */
function putDigits(buf, p, n) {
    let len = 1;
    while (len < 15 && POW10[len] <= n)
        len++;
    let i = p + len;
    if (n < 2147483648) {
        let v = n | 0;
        do {
            const q = (v / 10) | 0;
            buf[--i] = 48 + v - q * 10;
            v = q;
        } while (v > 0);
    }
    else {
        // Exact: below 2^53 an integer's tenth is never within rounding of the next integer.
        let v = n;
        do {
            const q = Math.floor(v / 10);
            buf[--i] = 48 + v - q * 10;
            v = q;
        } while (v > 0);
    }
    return p + len;
}
/** `gramsToKgText(grams)` into `buf` at `p` (FIGURE_MAX bytes of room); the position after it. */
function putKg(view, buf, p, grams) {
    if (grams === 0) {
        buf[p] = 48;
        return p + 1;
    }
    if (!(grams > -1e15 && grams < 1e15) || !Number.isInteger(grams))
        return p + buf.write(String(grams / 1000), p, 'latin1');
    let g = grams;
    if (g < 0) {
        buf[p++] = 45;
        g = -g;
    }
    const frac = g % 1000;
    return put(view, buf, putDigits(buf, p, (g - frac) / 1000), FRACTION[frac]);
}
const NULL = utf8('null');
const COMMA = 44;
/**
 * A string field's JSON and CSV bytes with what comes before and after them in the record (its key, the
 * separators), per distinct value: providers, months, services, regions and accounts recur. Bounded; the
 * last value asked for is answered without a lookup, as rows come in runs.
 */
class FieldBytes {
    json;
    csv;
    lastKey = null;
    last;
    nullField;
    map = new Map();
    constructor(json, csv) {
        this.json = json;
        this.csv = csv;
        this.nullField = this.last = [utf8(`${json[0]}null${json[1]}`), utf8(`${csv[0]}${csv[1]}`)];
    }
    of(s) {
        if (s === null)
            return this.nullField;
        if (s === this.lastKey)
            return this.last;
        let e = this.map.get(s);
        if (e === undefined) {
            if (this.map.size >= 50_000)
                this.map.clear();
            const [jb, ja] = this.json;
            const [cb, ca] = this.csv;
            e = [utf8(`${jb}${JSON.stringify(s)}${ja}`), utf8(`${cb}${(0,report_escape/* csvText */.kD)(s)}${ca}`)];
            this.map.set(s, e);
        }
        this.lastKey = s;
        this.last = e;
        return e;
    }
}
const isText = (v) => v === null || typeof v === 'string';
const isFigure = (v) => v === null || (typeof v === 'number' && Number.isFinite(v));
/** Whether a record has the usual shape (else the general string forms are written). */
function usual(r) {
    return (typeof r.provider === 'string' &&
        typeof r.account === 'string' &&
        isText(r.accountName) &&
        typeof r.month === 'string' &&
        isText(r.service) &&
        isText(r.region) &&
        isText(r.modelVersion) &&
        typeof r.grams === 'number' &&
        Number.isFinite(r.grams) &&
        isFigure(r.marketGrams) &&
        isFigure(r.locationGrams) &&
        isFigure(r.scope1Grams) &&
        isFigure(r.scope2MarketGrams) &&
        isFigure(r.scope2LocationGrams) &&
        isFigure(r.scope3MarketGrams) &&
        isFigure(r.scope3LocationGrams));
}
/** The keys of the figures, in the record's order. */
const K = {
    kg: utf8(',"kgCO2e":'),
    market: utf8(',"marketKgCO2e":'),
    location: utf8(',"locationKgCO2e":'),
    scope1: utf8(',"scope1KgCO2e":'),
    scope2Market: utf8(',"scope2MarketKgCO2e":'),
    scope2Location: utf8(',"scope2LocationKgCO2e":'),
    scope3Market: utf8(',"scope3MarketKgCO2e":'),
    scope3Location: utf8(',"scope3LocationKgCO2e":')
};
/** The bytes of a record's JSON figures besides their digits. */
const FIGURE_KEYS = Object.values(K).reduce((n, b) => n + b[0], 0);
/** A figure's JSON text (kilograms or null) into `buf` at `p`; the position after it. */
function jsonFigure(view, buf, p, g) {
    return g === null ? put(view, buf, p, NULL) : putKg(view, buf, p, g);
}
/** `,` and a figure's CSV cell (empty for null) into `buf` at `p`; the position after it. */
function csvFigure(view, buf, p, g) {
    buf[p] = COMMA;
    return g === null ? p + 1 : putKg(view, buf, p + 1, g);
}
/** One writer of records: its own field caches (a worker thread and the main thread each have theirs). */
class RecordWriter {
    // Each string field with the key before it; the model version also closes the record (`}`, which extra
    // fields go before), and CSV cells carry their separators.
    provider = new FieldBytes([',\n    {"provider":', ''], ['', '']);
    account = new FieldBytes([',"account":', ''], [',', '']);
    accountName = new FieldBytes([',"accountName":', ''], [',', '']);
    month = new FieldBytes([',"month":', ''], [',', '']);
    service = new FieldBytes([',"service":', ''], [',', '']);
    region = new FieldBytes([',"region":', ''], [',', '']);
    model = new FieldBytes([',"modelVersion":', '}'], [',', '\r\n']);
    /** Appends `,\n    {...}` (the report.json separator first) to `json` and the CSV row with CRLF to `csv`. */
    write(json, csv, r) {
        if (!usual(r)) {
            // Anything unusual (a missing field, a non-finite figure): the general forms.
            const lines = (0,records/* recordLines */.TS)(r);
            json.text(`,\n    ${lines[0]}`);
            csv.text(`${lines[1]}\r\n`);
            return;
        }
        const provider = this.provider.of(r.provider);
        const account = this.account.of(r.account);
        const accountName = this.accountName.of(r.accountName);
        const month = this.month.of(r.month);
        const service = this.service.of(r.service);
        const region = this.region.of(r.region);
        const model = this.model.of(r.modelVersion);
        // One check of room per record and file: the strings' bytes plus the most each of the 8 figures takes.
        json.room(provider[0][0] +
            account[0][0] +
            accountName[0][0] +
            month[0][0] +
            service[0][0] +
            region[0][0] +
            model[0][0] +
            FIGURE_KEYS +
            8 * FIGURE_MAX);
        let b = json.buf;
        let v = json.view;
        let p = json.pos;
        p = put(v, b, p, provider[0]);
        p = put(v, b, p, account[0]);
        p = put(v, b, p, accountName[0]);
        p = put(v, b, p, month[0]);
        p = put(v, b, p, service[0]);
        p = put(v, b, p, region[0]);
        p = put(v, b, p, K.kg);
        p = putKg(v, b, p, r.grams);
        p = put(v, b, p, K.market);
        p = jsonFigure(v, b, p, r.marketGrams);
        p = put(v, b, p, K.location);
        p = jsonFigure(v, b, p, r.locationGrams);
        p = put(v, b, p, K.scope1);
        p = jsonFigure(v, b, p, r.scope1Grams);
        p = put(v, b, p, K.scope2Market);
        p = jsonFigure(v, b, p, r.scope2MarketGrams);
        p = put(v, b, p, K.scope2Location);
        p = jsonFigure(v, b, p, r.scope2LocationGrams);
        p = put(v, b, p, K.scope3Market);
        p = jsonFigure(v, b, p, r.scope3MarketGrams);
        p = put(v, b, p, K.scope3Location);
        p = jsonFigure(v, b, p, r.scope3LocationGrams);
        if (r.extra && Object.keys(r.extra).length > 0) {
            // Rare (a provider's own fields, e.g. MCFS's sub-services): the text over the closing brace, then the end.
            p = put(v, b, p, model[0]) - 1;
            json.pos = p;
            json.text(`,"extra":${JSON.stringify(r.extra)}}`);
        }
        else {
            p = put(v, b, p, model[0]);
            json.pos = p;
        }
        csv.room(provider[1][0] +
            account[1][0] +
            accountName[1][0] +
            month[1][0] +
            service[1][0] +
            region[1][0] +
            model[1][0] +
            8 * (FIGURE_MAX + 1));
        b = csv.buf;
        v = csv.view;
        p = csv.pos;
        p = put(v, b, p, provider[1]);
        p = put(v, b, p, account[1]);
        p = put(v, b, p, accountName[1]);
        p = put(v, b, p, month[1]);
        p = put(v, b, p, service[1]);
        p = put(v, b, p, region[1]);
        p = csvFigure(v, b, p, r.grams);
        p = csvFigure(v, b, p, r.marketGrams);
        p = csvFigure(v, b, p, r.locationGrams);
        p = csvFigure(v, b, p, r.scope1Grams);
        p = csvFigure(v, b, p, r.scope2MarketGrams);
        p = csvFigure(v, b, p, r.scope2LocationGrams);
        p = csvFigure(v, b, p, r.scope3MarketGrams);
        p = csvFigure(v, b, p, r.scope3LocationGrams);
        p = put(v, b, p, model[1]);
        csv.pos = p;
    }
}

// EXTERNAL MODULE: ./src/report/scopes.ts
var scopes = __webpack_require__(31945);
;// CONCATENATED MODULE: ./src/report/batch.ts


/**
 * Adds grams of a month to the group `key` (null and '' are one group) of `byKey`. A new group's label is its key,
 * or "name (key)" when it has a name: made once per group, as one flat string (a template literal would make a
 * chain of string pieces, and this label lives as long as the report).
 */
function bump(byKey, key, name, month, grams) {
    const k = key ?? '';
    let g = byKey.get(k);
    if (!g) {
        g = { label: name ? [name, ' (', key, ')'].join('') : (key ?? '(none)'), grams: 0, byMonth: new Map() };
        byKey.set(k, g);
    }
    g.grams += grams;
    g.byMonth.set(month, (g.byMonth.get(month) ?? 0) + grams);
}
const deltas = (byKey) => {
    const out = [];
    for (const [key, g] of byKey) {
        const byMonth = [];
        for (const [m, v] of g.byMonth)
            byMonth.push(m, v);
        out.push({ key, label: g.label, grams: g.grams, byMonth });
    }
    return out;
};
function packGroups(groups) {
    const p = { keys: [], labels: [], grams: [], byMonth: [], ends: [] };
    for (const g of groups) {
        p.keys.push(g.key);
        p.labels.push(g.label);
        p.grams.push(g.grams);
        for (const x of g.byMonth)
            p.byMonth.push(x);
        p.ends.push(p.byMonth.length);
    }
    return p;
}
function unpackGroups(p) {
    return p.keys.map((key, i) => ({
        key,
        label: p.labels[i],
        grams: p.grams[i],
        byMonth: p.byMonth.slice(i === 0 ? 0 : p.ends[i - 1], p.ends[i])
    }));
}
/** One writer per thread: its field caches serve every batch. */
const WRITER = new RecordWriter();
/**
 * Builds batches of one provider's records: `add` each record, `take` the batch (and start the next).
 * The one place a record becomes its file lines and its contributions to the sums, for every path (a page on
 * a worker, a page on the main thread, a shard's records in a merge).
 */
class BatchEncoder {
    provider;
    keepRecords;
    count = 0;
    json = new ByteWriter(64 * 1024);
    csv = new ByteWriter(16 * 1024);
    grams = 0;
    market = 0;
    location = 0;
    noMarket = 0;
    noLocation = 0;
    months = new Map();
    scopes = new Map();
    services = new Map();
    regions = new Map();
    accounts = new Map();
    records;
    constructor(provider, keepRecords = false) {
        this.provider = provider;
        this.keepRecords = keepRecords;
        this.records = keepRecords ? [] : null;
    }
    add(r) {
        if (r.provider !== this.provider)
            throw new Error(`a ${r.provider} record in a batch of ${this.provider}`);
        WRITER.write(this.json, this.csv, r);
        this.count++;
        const grams = r.grams;
        this.grams += grams;
        if (r.marketGrams === null)
            this.noMarket++;
        else
            this.market += r.marketGrams;
        if (r.locationGrams === null)
            this.noLocation++;
        else
            this.location += r.locationGrams;
        const month = r.month;
        this.months.set(month, (this.months.get(month) ?? 0) + grams);
        let sc = this.scopes.get(month);
        if (!sc)
            this.scopes.set(month, (sc = (0,scopes/* emptyScopes */.T2)()));
        (0,scopes/* addRecordScopes */.Ef)(sc, r);
        bump(this.services, r.service, null, month, grams);
        bump(this.regions, r.region, null, month, grams);
        bump(this.accounts, r.account, r.accountName, month, grams);
        this.records?.push(r);
    }
    /** Room for about `records` more records, so a page's bytes are not copied as they grow. */
    reserve(records) {
        this.json.room(records * 480);
        this.csv.room(records * 150);
    }
    /** The batch of the records added since the last take. */
    take() {
        const months = [];
        for (const [m, v] of this.months)
            months.push(m, v);
        const batch = {
            provider: this.provider,
            count: this.count,
            json: this.json.take(),
            csv: this.csv.take(),
            grams: this.grams,
            market: this.market,
            location: this.location,
            noMarket: this.noMarket,
            noLocation: this.noLocation,
            months,
            scopes: [...this.scopes].map(([month, sums]) => ({ month, sums })),
            services: deltas(this.services),
            regions: deltas(this.regions),
            accounts: deltas(this.accounts)
        };
        if (this.records)
            batch.records = this.records;
        this.count = 0;
        this.grams = this.market = this.location = this.noMarket = this.noLocation = 0;
        this.months = new Map();
        this.scopes = new Map();
        this.services = new Map();
        this.regions = new Map();
        this.accounts = new Map();
        this.records = this.keepRecords ? [] : null;
        return batch;
    }
}
/**
 * The ArrayBuffers of a batch that can be handed to another thread: only those this module allocated (a
 * Buffer from elsewhere may be a slice of Node's shared pool, which must never be transferred).
 */
function transferList(b) {
    const out = [];
    for (const u of [b.json, b.csv]) {
        if (u.buffer instanceof ArrayBuffer && OWNED.has(u.buffer) && !out.includes(u.buffer))
            out.push(u.buffer);
    }
    return out;
}


/***/ }),

/***/ 14031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Fw: () => (/* binding */ escapeMermaid),
/* harmony export */   kD: () => (/* binding */ csvText)
/* harmony export */ });
/* unused harmony exports defuseFormula, csvField */
/**
 * Making provider strings inert in Markdown (job summary, PR comment) and in spreadsheets (CSV).
 * Nothing a provider returns is trusted: HTML, table pipes, backticks, line breaks, emphasis, links,
 * @mentions and #references are all neutralised.
 */
const ZWSP = '\u200b';
/** Text for a Markdown table cell or paragraph: renders literally, never as HTML, a link, or a mention. */
function escapeMarkdown(text) {
    return (text
        .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()#+!|~$"']/g, (c) => (c === '"' ? '&quot;' : c === "'" ? '&#39;' : `\\${c}`))
        // A zero-width space after @ and before digits of #refs: GitHub neither pings nor links them.
        .replace(/@/g, `@${ZWSP}`)
        .replace(/\\#/g, `\\#${ZWSP}`)
        // URLs would autolink: break the scheme.
        .replace(/\b(https?|ftp|file|javascript|data):/gi, `$1${ZWSP}:`)
        .replace(/\bwww\./gi, `www${ZWSP}.`));
}
/** Text for inside a Mermaid string ("..."): no quotes, no line breaks, no directives. */
function escapeMermaid(text) {
    return text
        .replace(/["`\r\n;%{}<>#]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
}
/** Prefixes a spreadsheet formula trigger so the cell is text (OWASP CSV injection guidance). */
function defuseFormula(text) {
    return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
/** One RFC 4180 field. */
function csvField(value) {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
/** A text cell: formula-defused and quoted as needed; null is an empty cell. */
function csvText(value) {
    return value === null ? '' : csvField(defuseFormula(value));
}


/***/ }),

/***/ 69828:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TS: () => (/* binding */ recordLines),
/* harmony export */   v$: () => (/* binding */ CSV_HEADER)
/* harmony export */ });
/* unused harmony exports recordJson, recordCsv */
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61996);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(14031);


const CSV_HEADER = 'provider,account,account_name,month,service,region,kgco2e,market_kgco2e,location_kgco2e,scope1_kgco2e,scope2_market_kgco2e,scope2_location_kgco2e,scope3_market_kgco2e,scope3_location_kgco2e,model_version';
function recordJson(r) {
    const o = {
        provider: r.provider,
        account: r.account,
        accountName: r.accountName,
        month: r.month,
        service: r.service,
        region: r.region,
        kgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKg */ .YV)(r.grams),
        marketKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.marketGrams),
        locationKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.locationGrams),
        scope1KgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.scope1Grams),
        scope2MarketKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.scope2MarketGrams),
        scope2LocationKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.scope2LocationGrams),
        scope3MarketKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.scope3MarketGrams),
        scope3LocationKgCO2e: (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(r.scope3LocationGrams),
        modelVersion: r.modelVersion
    };
    if (r.extra && Object.keys(r.extra).length > 0)
        o.extra = r.extra;
    return o;
}
const num = (g) => (g === null ? '' : String((0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKg */ .YV)(g)));
function recordCsv(r) {
    return [
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.provider),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.account),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.accountName),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.month),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.service),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.region),
        num(r.grams),
        num(r.marketGrams),
        num(r.locationGrams),
        num(r.scope1Grams),
        num(r.scope2MarketGrams),
        num(r.scope2LocationGrams),
        num(r.scope3MarketGrams),
        num(r.scope3LocationGrams),
        (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD)(r.modelVersion)
    ].join(',');
}
/**
 * The file text of strings that recur (providers, months, services, regions, accounts), bounded. One cache
 * per field: the last string asked for is answered without a lookup, since provider, month and model
 * version repeat on every row of a page and the account on runs of rows.
 */
class TextCache {
    format;
    lastKey = null;
    lastText = '';
    map = new Map();
    constructor(format) {
        this.format = format;
    }
    get(s) {
        if (s === this.lastKey)
            return this.lastText;
        let t = this.map.get(s);
        if (t === undefined) {
            if (this.map.size >= 50_000)
                this.map.clear();
            t = this.format(s);
            this.map.set(s, t);
        }
        this.lastKey = s;
        this.lastText = t;
        return t;
    }
}
/** JSON and CSV text of a string field; `null` is JSON null and an empty cell. */
class FieldText {
    j = new TextCache((s) => JSON.stringify(s));
    c = new TextCache(_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .csvText */ .kD);
    json(s) {
        return s === null ? 'null' : this.j.get(s);
    }
    csv(s) {
        return s === null ? '' : this.c.get(s);
    }
}
const providerText = new FieldText();
const accountText = new FieldText();
const accountNameText = new FieldText();
const monthText = new FieldText();
const serviceText = new FieldText();
const regionText = new FieldText();
const modelText = new FieldText();
const isText = (v) => v === null || typeof v === 'string';
const isFigure = (v) => v === null || (typeof v === 'number' && Number.isFinite(v));
/** Kilogram text of a figure, or null for a missing one. */
const kgOrNull = (g) => (g === null ? null : (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgText */ .tP)(g));
/**
 * Both file forms of a record at once, each kilogram figure formatted once: exactly
 * `JSON.stringify(recordJson(r))` and `recordCsv(r)`, without building the intermediate object.
 * Hot (once per record): the figures are read into locals rather than arrays and closures, to allocate
 * nothing but the two lines.
 */
function recordLines(r) {
    const market = r.marketGrams;
    const location = r.locationGrams;
    const s1 = r.scope1Grams;
    const s2m = r.scope2MarketGrams;
    const s2l = r.scope2LocationGrams;
    const s3m = r.scope3MarketGrams;
    const s3l = r.scope3LocationGrams;
    if (typeof r.provider !== 'string' ||
        typeof r.account !== 'string' ||
        !isText(r.accountName) ||
        typeof r.month !== 'string' ||
        !isText(r.service) ||
        !isText(r.region) ||
        !isText(r.modelVersion) ||
        typeof r.grams !== 'number' ||
        !Number.isFinite(r.grams) ||
        !isFigure(market) ||
        !isFigure(location) ||
        !isFigure(s1) ||
        !isFigure(s2m) ||
        !isFigure(s2l) ||
        !isFigure(s3m) ||
        !isFigure(s3l)) {
        // Anything unusual (a missing field, a non-finite figure): the general forms.
        return [JSON.stringify(recordJson(r)), recordCsv(r)];
    }
    // A finite number's JSON text is its String(); null figures are `null` in JSON and empty in CSV.
    const kg = (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgText */ .tP)(r.grams);
    const k0 = kgOrNull(market);
    const k1 = kgOrNull(location);
    const k2 = kgOrNull(s1);
    const k3 = kgOrNull(s2m);
    const k4 = kgOrNull(s2l);
    const k5 = kgOrNull(s3m);
    const k6 = kgOrNull(s3l);
    const extra = r.extra && Object.keys(r.extra).length > 0 ? `,"extra":${JSON.stringify(r.extra)}` : '';
    const json = `{"provider":${providerText.json(r.provider)},"account":${accountText.json(r.account)},"accountName":${accountNameText.json(r.accountName)},` +
        `"month":${monthText.json(r.month)},"service":${serviceText.json(r.service)},"region":${regionText.json(r.region)},"kgCO2e":${kg},` +
        `"marketKgCO2e":${k0 ?? 'null'},"locationKgCO2e":${k1 ?? 'null'},"scope1KgCO2e":${k2 ?? 'null'},"scope2MarketKgCO2e":${k3 ?? 'null'},` +
        `"scope2LocationKgCO2e":${k4 ?? 'null'},"scope3MarketKgCO2e":${k5 ?? 'null'},"scope3LocationKgCO2e":${k6 ?? 'null'},` +
        `"modelVersion":${modelText.json(r.modelVersion)}${extra}}`;
    const csv = `${providerText.csv(r.provider)},${accountText.csv(r.account)},${accountNameText.csv(r.accountName)},${monthText.csv(r.month)},` +
        `${serviceText.csv(r.service)},${regionText.csv(r.region)},` +
        `${kg},${k0 ?? ''},${k1 ?? ''},${k2 ?? ''},${k3 ?? ''},${k4 ?? ''},${k5 ?? ''},${k6 ?? ''},${modelText.csv(r.modelVersion)}`;
    return [json, csv];
}


/***/ }),

/***/ 31945:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ef: () => (/* binding */ addRecordScopes),
/* harmony export */   II: () => (/* binding */ scopesJson),
/* harmony export */   Ng: () => (/* binding */ addScopes),
/* harmony export */   T2: () => (/* binding */ emptyScopes),
/* harmony export */   bz: () => (/* binding */ SCOPE_FIGURES),
/* harmony export */   vP: () => (/* binding */ figure)
/* harmony export */ });
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61996);

/** The figures in report.json order, each with the record field it sums. */
const SCOPE_FIGURES = [
    ['scope1KgCO2e', 'scope1Grams'],
    ['scope2LocationKgCO2e', 'scope2LocationGrams'],
    ['scope2MarketKgCO2e', 'scope2MarketGrams'],
    ['scope3LocationKgCO2e', 'scope3LocationGrams'],
    ['scope3MarketKgCO2e', 'scope3MarketGrams'],
    ['totalLocationKgCO2e', 'locationGrams'],
    ['totalMarketKgCO2e', 'marketGrams']
];
const emptyScopes = () => ({ grams: [0, 0, 0, 0, 0, 0, 0], given: [0, 0, 0, 0, 0, 0, 0] });
/** Adds a record's figures (written out field by field: this runs once per record of a million). */
function addRecordScopes(s, r) {
    const g = s.grams;
    const n = s.given;
    if (r.scope1Grams !== null) {
        g[0] += r.scope1Grams;
        n[0]++;
    }
    if (r.scope2LocationGrams !== null) {
        g[1] += r.scope2LocationGrams;
        n[1]++;
    }
    if (r.scope2MarketGrams !== null) {
        g[2] += r.scope2MarketGrams;
        n[2]++;
    }
    if (r.scope3LocationGrams !== null) {
        g[3] += r.scope3LocationGrams;
        n[3]++;
    }
    if (r.scope3MarketGrams !== null) {
        g[4] += r.scope3MarketGrams;
        n[4]++;
    }
    if (r.locationGrams !== null) {
        g[5] += r.locationGrams;
        n[5]++;
    }
    if (r.marketGrams !== null) {
        g[6] += r.marketGrams;
        n[6]++;
    }
}
function addScopes(into, from) {
    for (let i = 0; i < SCOPE_FIGURES.length; i++) {
        into.grams[i] += from.grams[i];
        into.given[i] += from.given[i];
    }
}
/** The grams of one figure, or null when no record gives it. */
function figure(s, name) {
    const i = SCOPE_FIGURES.findIndex(([n]) => n === name);
    return s.given[i] > 0 ? s.grams[i] : null;
}
/** F of the contract: each figure in kg, null where not reported. */
function scopesJson(s) {
    const out = {};
    SCOPE_FIGURES.forEach(([name], i) => (out[name] = (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .gramsToKgOrNull */ .s5)(s.given[i] > 0 ? s.grams[i] : null)));
    return out;
}


/***/ }),

/***/ 61996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ff: () => (/* binding */ limitToGrams),
/* harmony export */   Fo: () => (/* binding */ tonnesToNanograms),
/* harmony export */   Gv: () => (/* binding */ humanMass),
/* harmony export */   KC: () => (/* binding */ formatKg),
/* harmony export */   Lg: () => (/* binding */ kilogramsToGrams),
/* harmony export */   YV: () => (/* binding */ gramsToKg),
/* harmony export */   Zu: () => (/* binding */ fixed),
/* harmony export */   Zv: () => (/* binding */ groupThousands),
/* harmony export */   _P: () => (/* binding */ roundDiv),
/* harmony export */   bz: () => (/* binding */ apportionGrams),
/* harmony export */   dU: () => (/* binding */ toNanogramsExact),
/* harmony export */   ey: () => (/* binding */ gramsToTonnes3),
/* harmony export */   fC: () => (/* binding */ tonnesToGrams),
/* harmony export */   jY: () => (/* binding */ formatTonnes),
/* harmony export */   l3: () => (/* binding */ fastNanograms),
/* harmony export */   n3: () => (/* binding */ kilogramsToNanograms),
/* harmony export */   s5: () => (/* binding */ gramsToKgOrNull),
/* harmony export */   tP: () => (/* binding */ gramsToKgText),
/* harmony export */   tV: () => (/* binding */ apportionParts),
/* harmony export */   wB: () => (/* binding */ nanogramsToGrams),
/* harmony export */   y9: () => (/* binding */ KG_FRACTION)
/* harmony export */ });
const MAX_GRAMS = Number.MAX_SAFE_INTEGER;
/** Below this, a double's spacing is under 2^-12: see the fast path of toGrams. */
const FAST_LIMIT = 2 ** 40;
/**
 * n x factor (an exact power of ten) rounded to an integer, without strings, when it is provably what scaling
 * n's shortest decimal form would give: the product lands within 1/4 of an integer and below `limit`, where
 * the double's own errors stay far under 1/4 (see the callers); else null (take the decimal path).
 */
function nearProduct(n, factor, limit) {
    const scaled = n * factor;
    const near = Math.round(scaled);
    return Math.abs(scaled - near) < 0.25 && Math.abs(scaled) < limit ? near : null;
}
function toGrams(value, gramsPerUnit, what) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) {
        throw new TypeError(`${what} is not a number: ${JSON.stringify(value)}`);
    }
    // Fast path (the common case: a figure at 1 g resolution): when n x gramsPerUnit lands within 0.25 of an
    // integer and far below 2^40 (where a double's spacing is under 2^-12), the decimal scaling below gives that
    // same integer, since the shortest decimal form of n is within half an ulp of n. No strings are built.
    const near = nearProduct(n, gramsPerUnit, FAST_LIMIT);
    if (near !== null)
        return near === 0 ? 0 : near;
    // Scale through the shortest decimal form of the double, so 0.048 t is 48000 g and not 47999.99999.
    const [mantissa, exponent = '0'] = String(n).split('e');
    const grams = Math.round(Number(`${mantissa}e${Number(exponent) + Math.log10(gramsPerUnit)}`));
    if (!Number.isSafeInteger(grams) || Math.abs(grams) > MAX_GRAMS) {
        throw new RangeError(`${what} is out of range: ${JSON.stringify(value)}`);
    }
    return grams === 0 ? 0 : grams; // no -0
}
/** Metric tons CO2e (a number or numeric string) to integer grams. */
function tonnesToGrams(value, what = 'emissions value') {
    return toGrams(value, 1e6, what);
}
/** Kilograms CO2e to integer grams. */
function kilogramsToGrams(value, what = 'emissions value') {
    return toGrams(value, 1e3, what);
}
/** Grams as a kilogram number for JSON: exact to the gram (the double nearest to the 3-decimal value). */
function gramsToKg(grams) {
    return grams / 1000;
}
/**
 * The text after the whole kilograms for each gram remainder 0..999, trailing zeros dropped:
 * 0 -> '', 500 -> '.5', 50 -> '.05', 123 -> '.123'.
 */
const KG_FRACTION = Array.from({ length: 1000 }, (_, f) => f === 0 ? '' : `.${String(f).padStart(3, '0').replace(/0+$/, '')}`);
/**
 * `String(gramsToKg(grams))` (also its JSON text), built from the integer's digits: for |grams| < 10^15 the
 * kilogram value has at most 15 significant digits, so its shortest round-trip form is that decimal with
 * trailing zeros dropped. Larger or non-integer values go through String().
 * Hot (8 figures per record): one number-to-string of the whole kilograms plus a table lookup, since
 * |grams| < 10^15 makes `% 1000` and the division exact.
 */
function gramsToKgText(grams) {
    if (grams === 0)
        return '0';
    if (!(grams > -1e15 && grams < 1e15) || !Number.isInteger(grams))
        return String(grams / 1000);
    if (grams > 0) {
        const frac = grams % 1000;
        return `${(grams - frac) / 1000}${KG_FRACTION[frac]}`;
    }
    const frac = -grams % 1000;
    return `-${(-grams - frac) / 1000}${KG_FRACTION[frac]}`;
}
/** Grams as a kilogram number or null. */
function gramsToKgOrNull(grams) {
    return grams === null ? null : gramsToKg(grams);
}
/**
 * Formats an integer count of `10^-decimals` units as a fixed-point decimal string, from its digits.
 * fixed(12345678, 3) = "12345.678"; fixed(-5, 3) = "-0.005".
 */
function fixed(units, decimals) {
    if (!Number.isSafeInteger(units))
        throw new RangeError(`not an integer: ${units}`);
    const negative = units < 0;
    const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
    const whole = digits.slice(0, digits.length - decimals);
    const frac = digits.slice(digits.length - decimals);
    return `${negative ? '-' : ''}${whole}${decimals > 0 ? `.${frac}` : ''}`;
}
/** Divides an integer by 10^k, rounding half away from zero, in integers. */
function roundDiv(value, k) {
    const d = 10 ** k;
    const q = Math.trunc(value / d);
    const r = value - q * d;
    if (Math.abs(r) * 2 >= d)
        return q + Math.sign(value);
    return q;
}
/** Grams as kilograms with 3 decimals: exact. */
function formatKg(grams) {
    return fixed(grams, 3);
}
/** Grams as metric tons with 3 decimals (kilogram precision, half away from zero). */
function formatTonnes(grams) {
    return fixed(roundDiv(grams, 3), 3);
}
/** Grams as a tonne number with 3 decimals, for report.json threshold figures. */
function gramsToTonnes3(grams) {
    return Number(formatTonnes(grams));
}
/** A limit in tonnes (as typed by the user) to exact grams. */
function limitToGrams(tonnes) {
    return tonnesToGrams(tonnes, 'limit');
}
/**
 * A human figure for summaries: picks t or kg so that the number reads well, never loses a gram in the
 * underlying data (summaries are for reading; the JSON/CSV hold the exact values).
 */
function humanMass(grams) {
    const abs = Math.abs(grams);
    if (abs >= 1_000_000)
        return `${groupThousands(formatTonnes(grams))} t`;
    return `${groupThousands(formatKg(grams))} kg`;
}
/** Inserts thousands separators in the whole part of a decimal string. */
function groupThousands(decimal) {
    const [whole, frac] = decimal.split('.');
    const sign = whole.startsWith('-') ? '-' : '';
    const digits = sign ? whole.slice(1) : whole;
    const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}
// ---------------------------------------------------------------------------------------------------------
// Below the gram: providers whose rows are finer than a gram (Azure's resources, MCFS's scope rows) are summed
// in exact integer nanograms, then the cells of a group are rounded together so that they add up to the
// group's rounded total.
const NG_PER_G = 1000000000n;
const NG = 1e9;
/** 10^0 .. 10^40 as bigints, made once (hot: a power per figure converted). */
const POW10 = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k));
const pow10 = (k) => (k < POW10.length ? POW10[k] : 10n ** BigInt(k));
/**
 * A figure (number or numeric string) as exact integer nanograms, through its shortest decimal form:
 * 0.1 kg is 100000000000 ng, never 99999999999.99. `exponent`: nanograms per unit as a power of ten.
 */
function toNanograms(value, exponent, what) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n))
        throw new TypeError(`${what} is not a number: ${JSON.stringify(value)}`);
    // Fast path (most figures: below ~560 kg): let d be n's shortest decimal form and x = d x 10^exponent, the
    // exact value the slow path rounds. Below 2^49, the double product n x 10^exponent is within 1/8 of x
    // (|n - d| <= ulp(n)/2 scales to at most |x| x 2^-53 < 1/16; the product's own rounding is at most
    // ulp/2 <= 1/16; 10^exponent <= 10^22 is exact). So when the product is within 1/4 of an integer, x is
    // within 3/8 of that integer, which is x rounded. Checked against the slow path in units.test.ts.
    const near = exponent < NUMBER_POW10.length ? nearProduct(n, NUMBER_POW10[exponent], FAST_NG_LIMIT) : null;
    if (near !== null)
        return BigInt(near);
    return toNanogramsExact(n, exponent, what, value);
}
/**
 * toNanograms's fast path alone, for callers that keep Numbers: `n` x 10^exponent nanograms when the product
 * decides them (the proof above), else null (then toNanograms, or toNanogramsExact, has the answer).
 */
function fastNanograms(n, exponent) {
    return nearProduct(n, NUMBER_POW10[exponent], FAST_NG_LIMIT);
}
/** Below this, toNanograms's product is within 1/8 of the exact scaled decimal. */
const FAST_NG_LIMIT = 2 ** 49;
/** 10^0 .. 10^22 as doubles (each exact). */
const NUMBER_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** toNanograms through the shortest decimal form's digits (any size). Exported for the fast path's test. */
function toNanogramsExact(n, exponent, what, value = n) {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(String(n));
    if (!m)
        throw new TypeError(`${what} is not a decimal: ${JSON.stringify(value)}`);
    const [, sign, whole, frac = '', exp = '0'] = m;
    const digits = BigInt(whole + frac);
    const shift = Number(exp) - frac.length + exponent;
    let abs;
    if (shift >= 0)
        abs = digits * pow10(shift);
    else {
        const d = pow10(-shift);
        abs = digits / d + ((digits % d) * 2n >= d ? 1n : 0n);
    }
    return sign === '-' ? -abs : abs;
}
/** Kilograms CO2e as exact nanograms. */
function kilogramsToNanograms(value, what = 'emissions value') {
    return toNanograms(value, 12, what);
}
/** Metric tons CO2e as exact nanograms. */
function tonnesToNanograms(value, what = 'emissions value') {
    return toNanograms(value, 15, what);
}
/** floor(a / b) for b > 0. */
function floorDiv(a, b) {
    const q = a / b;
    return a % b !== 0n && a < 0n ? q - 1n : q;
}
/** Nanograms to grams, half away from zero. */
function nanogramsToGrams(ng) {
    const abs = ng < 0n ? -ng : ng;
    const g = abs / NG_PER_G + ((abs % NG_PER_G) * 2n >= NG_PER_G ? 1n : 0n);
    const n = Number(ng < 0n ? -g : g);
    if (!Number.isSafeInteger(n))
        throw new RangeError(`emissions out of range: ${ng} ng`);
    return n === 0 ? 0 : n;
}
/** Packs (remainder, index) in one double, so a plain numeric sort gives largest remainder, then earliest index. */
const INDEX_BITS = 2 ** 23;
/**
 * `apportionGrams` of cells given as whole grams and nanogram remainders (`floors[i]` x 10^9 + `rems[i]`, with
 * 0 <= rems[i] < 10^9), in Numbers: the same grams without a BigInt per cell (hot: every cell of a large run).
 * null when a sum would leave the safe integers: the caller then takes `apportionGrams`.
 */
function apportionParts(floors, rems) {
    const n = floors.length;
    if (n > INDEX_BITS)
        return null;
    const out = new Array(n);
    let whole = 0;
    let part = 0;
    for (let i = 0; i < n; i++) {
        out[i] = floors[i];
        whole += floors[i];
        part += rems[i];
        // Checked at each step: a sum that left the safe integers may come back, inexact.
        if (!Number.isSafeInteger(whole))
            return null;
    }
    if (!Number.isSafeInteger(part))
        return null;
    const floorSum = whole;
    const carry = Math.floor(part / NG);
    const rem = part - carry * NG;
    whole += carry;
    // The total is whole x 10^9 + rem, 0 <= rem < 10^9, rounded half away from zero (nanogramsToGrams).
    const total = whole + (rem > NG / 2 || (rem === NG / 2 && whole >= 0) ? 1 : 0);
    if (!Number.isSafeInteger(total))
        return null;
    let extra = total - floorSum;
    if (extra <= 0)
        return out;
    const keys = new Float64Array(n);
    for (let k = 0; k < n; k++)
        keys[k] = rems[k] * INDEX_BITS + (INDEX_BITS - 1 - k);
    keys.sort();
    for (let j = n - 1; j >= 0 && extra > 0; j--, extra--)
        out[INDEX_BITS - 1 - (keys[j] % INDEX_BITS)] += 1;
    return out;
}
/**
 * Rounds cells of nanograms to whole grams so that they add up to the rounded exact total (largest remainder;
 * ties go to the earlier cell): every cell is within 1 g of its exact value and the sum is exact to the gram.
 */
function apportionGrams(cells) {
    const floors = cells.map((c) => floorDiv(c, NG_PER_G));
    const total = cells.reduce((a, c) => a + c, 0n);
    let extra = Number(BigInt(nanogramsToGrams(total)) - floors.reduce((a, f) => a + f, 0n));
    const order = cells
        .map((c, i) => ({ i, rem: c - floors[i] * NG_PER_G }))
        .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
    const out = floors.map((f) => Number(f));
    for (const { i } of order) {
        if (extra <= 0)
            break;
        out[i] += 1;
        extra--;
    }
    return out;
}


/***/ })

};
