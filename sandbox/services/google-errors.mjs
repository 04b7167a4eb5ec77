// Google APIs' error envelope (AIP-193), shared by the IAM Credentials and BigQuery emulators:
//   { "error": { "code": 403, "message": "...", "status": "PERMISSION_DENIED", "errors": [...], "details": [...] } }
// BigQuery adds `errors: [{ reason, message, domain, location, locationType }]`; IAM adds google.rpc details.

export const GOOGLE_STATUS = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED'
}

/** The message Google's front end gives a request without a valid OAuth token. */
export const UNAUTHENTICATED_MESSAGE =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.'

/**
 * @param {number} code HTTP status
 * @param {string} message
 * @param {{ errors?: object[], details?: object[], status?: string }} [extra]
 */
export function googleError(code, message, extra = {}) {
  const error = { code, message }
  if (extra.errors) error.errors = extra.errors
  error.status = extra.status ?? GOOGLE_STATUS[code] ?? 'UNKNOWN'
  if (extra.details) error.details = extra.details
  return { status: code, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: { error } }
}
