export const id = 211;
export const ids = [211];
export const modules = {

/***/ 48211:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Hh: () => (/* binding */ EMISSIONS_TYPES),
  lh: () => (/* binding */ decodeAwsPage)
});

// UNUSED EXPORTS: decodeAwsTree, normalizeAwsRow

// EXTERNAL MODULE: ./src/units.ts
var units = __webpack_require__(61996);
// EXTERNAL MODULE: ./src/body.ts
var src_body = __webpack_require__(8255);
// EXTERNAL MODULE: ./src/report/batch.ts + 1 modules
var batch = __webpack_require__(74151);
// EXTERNAL MODULE: ./src/providers/kit/json-bytes.ts
var json_bytes = __webpack_require__(35657);
// EXTERNAL MODULE: ./src/providers/kit/row-shape.ts
var row_shape = __webpack_require__(42753);
;// CONCATENATED MODULE: ./src/providers/aws/scan.ts




const OBJECT = 0x7b;
const ARRAY = 0x5b;
const OBJECT_END = 0x7d;
const ARRAY_END = 0x5d;
const QUOTE = 0x22;
const TOP = (0,json_bytes/* fieldNames */.pi)(['Results', 'NextToken']);
const ROW = (0,json_bytes/* fieldNames */.pi)(['TimePeriod', 'DimensionsValues', 'ModelVersion', 'EmissionsValues']);
const PERIOD = (0,json_bytes/* fieldNames */.pi)(['Start']);
const DIMENSIONS = (0,json_bytes/* fieldNames */.pi)(['USAGE_ACCOUNT_ID', 'REGION', 'SERVICE']);
/** The emissions types, in the order of RowValues.figures. */
const TYPES = (0,json_bytes/* fieldNames */.pi)([
    'TOTAL_MBM_CARBON_EMISSIONS',
    'TOTAL_LBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_1_CARBON_EMISSIONS',
    'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS'
]);
const FIGURE = (0,json_bytes/* fieldNames */.pi)(['Value', 'Unit']);
const TONNES = (0,json_bytes/* fieldNames */.pi)(['MTCO2e'])[0];
const FROM_START = (0,json_bytes/* fieldNames */.pi)(['-01'])[0];
/** What a row's values go to: its dimensions and model (strings), then its figures by type (numbers). */
const ACCOUNT = 0;
const REGION = 1;
const SERVICE = 2;
const MODEL = 3;
const FIGURES = 4;
/** A row's values as normalizeAwsRow reads them (null: missing or null), figures in grams. */
class RowValues {
    strings = [null, null, null, null];
    figures = [null, null, null, null, null, null, null];
    clear() {
        for (let k = 0; k < 4; k++)
            this.strings[k] = null;
        for (let k = 0; k < 7; k++)
            this.figures[k] = null;
    }
    copy(from) {
        for (let k = 0; k < 4; k++)
            this.strings[k] = from.strings[k];
        for (let k = 0; k < 7; k++)
            this.figures[k] = from.figures[k];
    }
    set(target, r, start, end) {
        if (target < FIGURES)
            this.strings[target] = r.textOf(start, end);
        else {
            r.i = start;
            this.figures[target - FIGURES] = (0,units/* tonnesToGrams */.fC)(r.numberValue());
        }
    }
}
/** Where a row read member by member had the values that change: their targets and byte ranges. */
class ShapeNotes {
    start;
    targets = [];
    ranges = [];
    constructor(start) {
        this.start = start;
    }
    note(target, start, end) {
        this.targets.push(target);
        this.ranges.push(start, end);
    }
}
/** A row's bytes between the values that change, and its values (those of the row it was learnt from). */
class RowShape {
    view;
    literals;
    targets;
    values = new RowValues();
    constructor(b, view, notes, end, values) {
        this.view = view;
        this.literals = new row_shape/* Literals */.xC(b, view, notes.start, notes.ranges, end);
        this.targets = Int8Array.from(notes.targets);
        this.values.copy(values);
    }
    /** Reads the row at `i` into `v` when it has this shape: the position after it, else -1 (nothing read). */
    read(r, i, v) {
        const b = r.b;
        const targets = this.targets;
        v.copy(this.values);
        for (let s = 0;; s++) {
            i = this.literals.match(b, this.view, i, s);
            if (i < 0 || s === targets.length)
                return i;
            const target = targets[s];
            if (target < FIGURES) {
                // A string's characters: its quotes are in the literals around it.
                let e = i;
                while (e < b.length && b[e] !== QUOTE)
                    e++;
                if (e === b.length)
                    return -1;
                v.set(target, r, i, e);
                i = e;
            }
            else {
                const c = b[i];
                if (c !== 0x2d && !(c >= 0x30 && c <= 0x39))
                    return -1;
                v.set(target, r, i, 0);
                i = r.i;
            }
        }
    }
}
/** Reads the page into its batch, or null when it is not read here. */
function scanAwsPage(body, job) {
    const month = Buffer.from(job.month, 'latin1');
    return (0,json_bytes/* readPlain */.rM)(body, (r) => {
        const enc = new batch/* BatchEncoder */.HB('aws', job.keepRecords);
        // Room for the rows a page of this size holds, so its bytes are not copied as they grow.
        enc.reserve(Math.ceil(body.length / 600));
        const v = new RowValues();
        const view = (0,row_shape/* wordsOf */.Z9)(body);
        let shape = null;
        let scratch = null;
        let results = false;
        let next;
        let nextSeen = false;
        if (r.enter(OBJECT))
            do {
                const f = r.field(TOP);
                if (f === 0) {
                    if (results)
                        throw json_bytes/* notPlain */.Q;
                    results = true;
                    if (r.enter(ARRAY))
                        do {
                            const at = r.i;
                            const end = shape === null ? -1 : shape.read(r, at, v);
                            if (end >= 0)
                                r.i = end;
                            else {
                                r.i = at;
                                const notes = new ShapeNotes(at);
                                readRow(r, month, v, notes);
                                shape = new RowShape(body, view, notes, r.i, v);
                            }
                            const rec = job.keepRecords || scratch === null ? newRecord(job.month) : scratch;
                            fill(rec, v, job);
                            enc.add(rec);
                            if (!job.keepRecords)
                                scratch = rec;
                        } while (r.more(ARRAY_END));
                }
                else if (f === 1) {
                    if (nextSeen)
                        throw json_bytes/* notPlain */.Q;
                    nextSeen = true;
                    if (r.isNull())
                        next = null;
                    else {
                        const at = r.stringRange();
                        if (at === null)
                            throw json_bytes/* notPlain */.Q;
                        next = body.toString('latin1', at[0], at[1]);
                    }
                }
                else
                    r.skip();
            } while (r.more(OBJECT_END));
        if (!results)
            throw json_bytes/* notPlain */.Q;
        return { batch: enc.take(), next, error: null };
    });
}
function newRecord(month) {
    return {
        provider: 'aws',
        account: '',
        accountName: null,
        month,
        service: null,
        region: null,
        grams: 0,
        marketGrams: null,
        locationGrams: null,
        scope1Grams: null,
        scope2MarketGrams: null,
        scope2LocationGrams: null,
        scope3MarketGrams: null,
        scope3LocationGrams: null,
        modelVersion: null
    };
}
/** The record of a row's values, as normalizeAwsRow makes it; a row without a headline is not read here. */
function fill(rec, v, job) {
    const figures = v.figures;
    const market = figures[0];
    const location = figures[1];
    const headline = job.method === 'market' ? (market ?? location) : (location ?? market);
    if (headline === null)
        throw json_bytes/* notPlain */.Q;
    rec.account = v.strings[ACCOUNT] ?? job.fallbackAccount ?? 'unknown';
    rec.month = job.month;
    rec.service = v.strings[SERVICE];
    rec.region = v.strings[REGION];
    rec.grams = headline;
    rec.marketGrams = market;
    rec.locationGrams = location;
    rec.scope1Grams = figures[2];
    rec.scope2MarketGrams = figures[3];
    rec.scope2LocationGrams = figures[4];
    rec.scope3MarketGrams = figures[5];
    rec.scope3LocationGrams = figures[6];
    rec.modelVersion = v.strings[MODEL];
}
/**
 * The members of the object here named in `names`, each at most once (a repeated one: not read here, as
 * JSON.parse would keep only the last), to `take`; the others skipped. Which were there, as bits.
 */
function members(r, names, take) {
    let seen = 0;
    r.fields(names, (f) => {
        if (f < 0)
            return r.skip();
        if (seen & (1 << f))
            throw json_bytes/* notPlain */.Q;
        seen |= 1 << f;
        take(f);
    });
    return seen;
}
/**
 * The row here, member by member, into `v` (noting in `notes` where each value read was); a row that would
 * not be taken whole is not read here.
 */
function readRow(r, month, v, notes) {
    if (!r.isObject())
        throw json_bytes/* notPlain */.Q;
    v.clear();
    const seen = members(r, ROW, (f) => {
        if (f === 0)
            readPeriod(r, month);
        else if (f === 1)
            readDimensions(r, v, notes);
        // A null model or dimension is a missing one (normalizeAwsRow's `??`).
        else if (f === 2)
            readString(r, v, notes, MODEL);
        else
            readFigures(r, v, notes);
    });
    // No period: the month is not known to be the query's.
    if ((seen & 1) === 0)
        throw json_bytes/* notPlain */.Q;
}
/** A string value (or null) for `target`. */
function readString(r, v, notes, target) {
    if (r.isNull())
        return;
    const at = r.stringRange();
    if (at === null)
        throw json_bytes/* notPlain */.Q;
    v.set(target, r, at[0], at[1]);
    notes.note(target, at[0], at[1]);
}
/** TimePeriod: its Start must begin with the query's month and day 01 (End and the rest are skipped). */
function readPeriod(r, month) {
    if (!r.isObject())
        throw json_bytes/* notPlain */.Q;
    const seen = members(r, PERIOD, () => {
        const at = r.stringRange();
        if (at === null || at[1] - at[0] < 10)
            throw json_bytes/* notPlain */.Q;
        const b = r.b;
        for (let k = 0; k < 7; k++)
            if (b[at[0] + k] !== month[k])
                throw json_bytes/* notPlain */.Q;
        for (let k = 0; k < 3; k++)
            if (b[at[0] + 7 + k] !== FROM_START[k])
                throw json_bytes/* notPlain */.Q;
    });
    if (seen === 0)
        throw json_bytes/* notPlain */.Q;
}
/** DimensionsValues: the account, region and service (the others are skipped). */
function readDimensions(r, v, notes) {
    if (!r.isObject())
        throw json_bytes/* notPlain */.Q;
    members(r, DIMENSIONS, (d) => readString(r, v, notes, d === 0 ? ACCOUNT : d === 1 ? REGION : SERVICE));
}
/** EmissionsValues: each type's { Value, Unit } in metric tons (a missing Unit is tonnes), in grams. */
function readFigures(r, v, notes) {
    if (!r.isObject())
        throw json_bytes/* notPlain */.Q;
    members(r, TYPES, (t) => {
        if (r.isNull())
            return;
        if (!r.isObject())
            throw json_bytes/* notPlain */.Q;
        members(r, FIGURE, (p) => {
            if (p === 1) {
                if (!r.isString(TONNES))
                    throw json_bytes/* notPlain */.Q;
            }
            else if (!r.isNull()) {
                const start = r.i;
                v.set(FIGURES + t, r, start, 0);
                notes.note(FIGURES + t, start, r.i);
            }
        });
    });
}

;// CONCATENATED MODULE: ./src/providers/aws/page.ts




const EMISSIONS_TYPES = [
    'TOTAL_LBM_CARBON_EMISSIONS',
    'TOTAL_MBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_1_CARBON_EMISSIONS',
    'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS',
    'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS'
];
/** One emissions figure (`EmissionsValues[type]`) in grams, or null when it is missing. */
function figureGrams(v, type) {
    if (v === undefined || v === null || v.Value === undefined || v.Value === null)
        return null;
    if (v.Unit === 'MTCO2e' || v.Unit === undefined)
        return (0,units/* tonnesToGrams */.fC)(v.Value, type);
    const unit = (v.Unit ?? 'MTCO2e').toUpperCase();
    if (unit === 'MTCO2E')
        return (0,units/* tonnesToGrams */.fC)(v.Value, type);
    if (unit === 'KGCO2E')
        return Math.round(Number(v.Value) * 1000);
    throw new Error(`unknown unit ${JSON.stringify(v.Unit)} for ${type}`);
}
/** The last TimePeriod.Start checked and its month: the rows of a page share one, so the test runs once a page. */
let lastStart = null;
let lastMonth = '';
/** One API result row to a normalized record: a new one, or `into` overwritten (a page's rows share one). */
function normalizeAwsRow(row, method, fallbackAccount, into) {
    const start = row.TimePeriod?.Start ?? '';
    if (start !== lastStart) {
        if (!/^\d{4}-\d{2}-01/.test(start))
            throw new Error(`a result has no monthly TimePeriod.Start (${JSON.stringify(start)})`);
        lastStart = start;
        lastMonth = start.slice(0, 7);
    }
    const month = lastMonth;
    // A named read per type (not a computed key in one shared function): each lookup site stays monomorphic.
    const e = row.EmissionsValues;
    const market = figureGrams(e?.TOTAL_MBM_CARBON_EMISSIONS, 'TOTAL_MBM_CARBON_EMISSIONS');
    const location = figureGrams(e?.TOTAL_LBM_CARBON_EMISSIONS, 'TOTAL_LBM_CARBON_EMISSIONS');
    const headline = method === 'market' ? (market ?? location) : (location ?? market);
    if (headline === null)
        throw new Error(`a result for ${month} has neither TOTAL_MBM nor TOTAL_LBM emissions`);
    const d = row.DimensionsValues;
    // The scope figures are read in the order the record lists them (a bad value names the first one wrong).
    const scope1 = figureGrams(e?.TOTAL_SCOPE_1_CARBON_EMISSIONS, 'TOTAL_SCOPE_1_CARBON_EMISSIONS');
    const scope2Market = figureGrams(e?.TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_2_MBM_CARBON_EMISSIONS');
    const scope2Location = figureGrams(e?.TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_2_LBM_CARBON_EMISSIONS');
    const scope3Market = figureGrams(e?.TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_3_MBM_CARBON_EMISSIONS');
    const scope3Location = figureGrams(e?.TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS, 'TOTAL_SCOPE_3_LBM_CARBON_EMISSIONS');
    if (into !== undefined) {
        into.account = d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown';
        into.month = month;
        into.service = d?.SERVICE ?? null;
        into.region = d?.REGION ?? null;
        into.grams = headline;
        into.marketGrams = market;
        into.locationGrams = location;
        into.scope1Grams = scope1;
        into.scope2MarketGrams = scope2Market;
        into.scope2LocationGrams = scope2Location;
        into.scope3MarketGrams = scope3Market;
        into.scope3LocationGrams = scope3Location;
        into.modelVersion = row.ModelVersion ?? null;
        return into;
    }
    return {
        provider: 'aws',
        account: d?.USAGE_ACCOUNT_ID ?? fallbackAccount ?? 'unknown',
        accountName: null,
        month,
        service: d?.SERVICE ?? null,
        region: d?.REGION ?? null,
        grams: headline,
        marketGrams: market,
        locationGrams: location,
        scope1Grams: scope1,
        scope2MarketGrams: scope2Market,
        scope2LocationGrams: scope2Location,
        scope3MarketGrams: scope3Market,
        scope3LocationGrams: scope3Location,
        modelVersion: row.ModelVersion ?? null
    };
}
/** A row that makes a record to fill. */
const SCRATCH_ROW = {
    TimePeriod: { Start: '2000-01-01T00:00:00.000Z' },
    EmissionsValues: { TOTAL_MBM_CARBON_EMISSIONS: { Value: 0 } }
};
/**
 * A page's bytes to its batch and NextToken: read from its bytes when it is plain and whole (scan.ts), else
 * from its parsed tree. A body that is not JSON throws NotJsonError (the HTTP layer retries it); a JSON body
 * with a bad row keeps the rows before it and says what was wrong in `error`.
 */
function decodeAwsPage(body, job) {
    return scanAwsPage(Buffer.from(body.buffer, body.byteOffset, body.byteLength), job) ?? decodeAwsTree(body, job);
}
/** The page from its parsed tree: what says what is wrong with a page that is not read from its bytes. */
function decodeAwsTree(body, job) {
    const data = (0,src_body/* parseJsonBody */.Y2)((0,src_body/* bodyText */.G3)(body));
    const enc = new batch/* BatchEncoder */.HB('aws', job.keepRecords);
    // Results is required by the API's model: an answer without it is malformed, not empty.
    if (!data || typeof data !== 'object' || !Array.isArray(data.Results)) {
        return { batch: enc.take(), next: undefined, error: 'the response has no Results list (a malformed answer)' };
    }
    let error = null;
    enc.reserve(data.Results.length);
    // The encoder keeps no record unless asked to: then every row may fill the same one (no object per row).
    const scratch = job.keepRecords ? undefined : normalizeAwsRow(SCRATCH_ROW, job.method, null);
    try {
        for (const row of data.Results) {
            const rec = normalizeAwsRow(row, job.method, job.fallbackAccount, scratch);
            if (rec.month !== job.month)
                throw new Error(`a result for ${rec.month} came back for a query of ${job.month}`);
            enc.add(rec);
        }
    }
    catch (e) {
        // Scrubbed where it is reported (on the main thread, which knows the secrets).
        error = e instanceof Error ? e.message : String(e);
    }
    return { batch: enc.take(), next: data.NextToken, error };
}


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
