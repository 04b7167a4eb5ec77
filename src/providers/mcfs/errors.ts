/** What the MCFS API's refusals mean: which credential or setting to check. */
import { STILL_THROTTLED, type ErrorBody } from '../kit/errors.js'
import { EMISSIONS_PERMISSION, MCFS_APP_ID, SERVICE } from './queries.js'

export interface ErrorContext {
  /** The data set asked for, for the 403 hint ("enrollment 12345678", "Microsoft 365 tenant …"). */
  dataSet: string
  instanceId: string
  endpoint: string
  /** How the run signs in to Entra (for the token and permission messages). */
  identity: string
}

/** A failure of the API that says which credential or setting is wrong and what to check. */
export function explainMcfsError(err: ErrorBody, c: ErrorContext): string {
  const said = err.message.trim().replace(/[.\s]+$/, '')
  const base = `${SERVICE} answered HTTP ${err.status}${said ? `: ${said}` : ''}`
  if (err.status === 401 && /subscription key/i.test(err.message)) {
    return (
      `${base}. The API key was not accepted: check the mcfs-api-key secret. It is the primary or secondary key of your subscription ` +
      `in the Microsoft Cloud for Sustainability API portal (Profile page), stored as a repository secret: mcfs-api-key: \${{ secrets.MCFS_API_KEY }}.`
    )
  }
  if (err.status === 401) {
    return (
      `${base}. The Entra access token of ${c.identity} was not accepted: check azure-client-id and azure-tenant-id (the tenant of the MCFS instance), ` +
      `and that the token is for the Microsoft Cloud for Sustainability API app (${MCFS_APP_ID}).`
    )
  }
  if (err.status === 403) {
    return (
      `${base}. The identity (${c.identity}) may not read ${c.dataSet}: grant the app registration the application permission ${EMISSIONS_PERMISSION} ` +
      `of the Microsoft Cloud for Sustainability API (app id ${MCFS_APP_ID}) with admin consent, add it to MCFS instance ${c.instanceId} in the API portal, ` +
      `and check that ${c.dataSet} is connected to that instance.`
    )
  }
  if (err.status === 404)
    return `${base}. Check mcfs-instance-id (${c.instanceId}), mcfs-enrollment-id, mcfs-tenant-id and mcfs-endpoint (${c.endpoint}).`
  if (err.status === 429) return `${base}. ${STILL_THROTTLED}`
  if (err.status === 400) return `${base}. The API refused the query; if this persists, report it with this message.`
  if (err.status >= 500) return `${base}. The service failed; run again later.`
  return `${base}.`
}
