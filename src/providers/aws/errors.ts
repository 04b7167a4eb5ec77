/** What the Sustainability API's refusals mean, and what to do about them. */
import { STILL_THROTTLED, type ErrorBody } from '../kit/errors.js'

/** A failure of the API that says what to do about it; `who` is the identity (a role ARN) it was made with. */
export function explainAwsApiError(
  err: ErrorBody,
  who: string,
  action = 'sustainability:GetEstimatedCarbonEmissions'
): string {
  const { status, code: type, message } = err
  const base = `AWS Sustainability API answered HTTP ${status}${type ? ` ${type}` : ''}${message ? `: ${message}` : ''}`
  switch (type) {
    case 'AccessDeniedException':
      return `${base}. Allow ${action} (Resource "*") in the permission policy of ${who}.`
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'InvalidClientTokenId':
    case 'IncompleteSignature':
      return `${base}. The credentials of ${who} were not accepted: check the AWS partition (aws-region) and the endpoint.`
    case 'ExpiredTokenException':
      return `${base}. The session of ${who} expired; rerun the job.`
    case 'ThrottlingException':
      return `${base}. ${STILL_THROTTLED}`
    case 'ValidationException':
      return `${base}.`
    default:
      return status === 404 ? `${base}. Check AWS_ENDPOINT_URL_SUSTAINABILITY / AWS_ENDPOINT_URL.` : `${base}.`
  }
}
