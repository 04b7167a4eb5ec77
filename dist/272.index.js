export const id = 272;
export const ids = [272];
export const modules = {

/***/ 39565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hh: () => (/* binding */ EMISSIONS_TYPES),
/* harmony export */   lh: () => (/* binding */ decodeAwsPage)
/* harmony export */ });
/* unused harmony export normalizeAwsRow */
/* harmony import */ var _units_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61996);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8255);
/* harmony import */ var _report_batch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74151);



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
        return (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .tonnesToGrams */ .fC)(v.Value, type);
    const unit = (v.Unit ?? 'MTCO2e').toUpperCase();
    if (unit === 'MTCO2E')
        return (0,_units_js__WEBPACK_IMPORTED_MODULE_0__/* .tonnesToGrams */ .fC)(v.Value, type);
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
 * A page's bytes to its batch and NextToken. A body that is not JSON throws NotJsonError (the HTTP layer
 * retries it); a JSON body with a bad row keeps the rows before it and says what was wrong in `error`.
 */
function decodeAwsPage(body, job) {
    const data = (0,_body_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonBody */ .Y2)((0,_body_js__WEBPACK_IMPORTED_MODULE_1__/* .bodyText */ .G3)(body));
    const enc = new _report_batch_js__WEBPACK_IMPORTED_MODULE_2__/* .BatchEncoder */ .H('aws', job.keepRecords);
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

/***/ 18272:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   serve: () => (/* binding */ serve)
/* harmony export */ });
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _body_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8255);
/* harmony import */ var _report_batch_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(74151);
/* harmony import */ var _page_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(39565);
/**
 * The worker thread's side of the page decoders: one job at a time, in the order they come. A body that is
 * not JSON answers `notJson` (the main thread retries the request); any other failure answers `error`.
 */




function serve() {
    const port = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort;
    if (!port)
        throw new Error('the page decoder runs on a worker thread');
    port.on('message', (m) => {
        let reply;
        let transfer = [];
        try {
            const result = (0,_page_js__WEBPACK_IMPORTED_MODULE_3__/* .decodeAwsPage */ .lh)(m.body, m.job);
            reply = { id: m.id, result };
            transfer = (0,_report_batch_js__WEBPACK_IMPORTED_MODULE_2__/* .transferList */ .M)(result.batch);
        }
        catch (e) {
            reply =
                e instanceof _body_js__WEBPACK_IMPORTED_MODULE_1__/* .NotJsonError */ .wq
                    ? { id: m.id, notJson: e.detail }
                    : { id: m.id, error: e instanceof Error ? e.message : String(e) };
        }
        port.postMessage(reply, transfer);
    });
}


/***/ })

};
