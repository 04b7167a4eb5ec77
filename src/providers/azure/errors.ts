/** What Azure Resource Manager's refusals mean for Carbon Optimization, and what to check. */
import { STILL_THROTTLED, type ErrorBody } from '../kit/errors.js'
import { CARBON_API_VERSION, CARBON_OPTIMIZATION_READER, MAX_SUBSCRIPTIONS_PER_REQUEST } from './queries.js'

/** A failure of ARM (`what` was asked of `arm`) that says what to check. */
export function explainArmError(err: ErrorBody, what: string, arm: string): string {
  const status = err.status
  const message = err.message.trim().replace(/[.\s]+$/, '')
  const base = `Azure Resource Manager answered HTTP ${status}${err.code ? ` ${err.code}` : ''} for ${what}${message ? `: ${message}` : ''}`
  switch (err.code) {
    case 'AuthorizationFailed':
    case 'Forbidden':
      return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription: az role assignment create --assignee <client-id> --role "Carbon Optimization Reader" --scope /subscriptions/<id>.`
    case 'InvalidAuthenticationToken':
    case 'InvalidAuthenticationTokenAudience':
    case 'InvalidAuthenticationTokenTenant':
    case 'ExpiredAuthenticationToken':
    case 'AuthenticationFailed':
      return `${base}. The token was not accepted: azure-resource-manager-endpoint (${arm}) and azure-authority-host must be of the same cloud (azure-environment), and azure-tenant-id the tenant of the subscriptions.`
    case 'InvalidRequestPropertyValue':
      return `${base}. The request was outside what the API accepts (months outside the available date range are not requested; if this persists, report it with this message).`
    case 'InvalidNumberOfSubscriptions':
      return `${base}. At most ${MAX_SUBSCRIPTIONS_PER_REQUEST} subscriptions go in one request; if this persists, report it with this message.`
    case 'NoRegisteredProviderFound':
    case 'InvalidResourceType':
    case 'InvalidApiVersionParameter':
      return `${base}. Microsoft.Carbon ${CARBON_API_VERSION} is not available at ${arm}: Carbon Optimization may not be offered in this cloud.`
    case 'TooManyRequests':
    case 'RequestsThrottled':
      return `${base}. ${STILL_THROTTLED}`
    default:
      if (status === 401)
        return `${base}. The token was not accepted: check azure-resource-manager-endpoint and azure-authority-host (same cloud) and azure-tenant-id.`
      if (status === 403)
        return `${base}. Assign Carbon Optimization Reader (${CARBON_OPTIMIZATION_READER}) to the identity on the subscription.`
      if (status === 429) return `${base}. ${STILL_THROTTLED}`
      if (status === 404) return `${base}. Check azure-resource-manager-endpoint (${arm}).`
      return `${base}.`
  }
}
