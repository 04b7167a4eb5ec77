export const id = 194;
export const ids = [194];
export const modules = {

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
