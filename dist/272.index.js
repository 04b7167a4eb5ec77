export const id = 272;
export const ids = [272];
export const modules = {

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
/* harmony import */ var _page_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48211);
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
