/**
 * The Entra inputs (`azure-client-id`, `azure-tenant-id`, `azure-audience`, `azure-environment`,
 * `azure-authority-host`): one sign-in shared by the azure and mcfs providers, parsed by both sections (the
 * problems are said once).
 */
import { GUID, httpsUrlProblem, type Inputs } from '../inputs.js'

export type AzureEnvironment = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud'

export interface EntraSettings {
  clientId: string
  tenantId: string
  audience: string
  environment: AzureEnvironment
  authorityHost: string
  /** True when the authority host is not the environment's own (instance discovery is then turned off). */
  customAuthority: boolean
}

export const AZURE_CLOUDS: Record<AzureEnvironment, { authority: string; arm: string }> = {
  AzureCloud: { authority: 'https://login.microsoftonline.com', arm: 'https://management.azure.com' },
  AzureUSGovernment: { authority: 'https://login.microsoftonline.us', arm: 'https://management.usgovcloudapi.net' },
  AzureChinaCloud: { authority: 'https://login.chinacloudapi.cn', arm: 'https://management.chinacloudapi.cn' }
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

export function parseEntraInputs(i: Inputs): EntraSettings {
  const clientId = i.get('azure-client-id')
  if (clientId !== '' && !GUID.test(clientId))
    i.bad(
      'azure-client-id',
      clientId,
      'is not a GUID',
      'Use the application (client) id of the app registration, e.g. 00000000-0000-0000-0000-000000000000.'
    )
  const tenantId = i.get('azure-tenant-id')
  if (tenantId !== '' && !GUID.test(tenantId) && !DNS_NAME.test(tenantId)) {
    i.bad(
      'azure-tenant-id',
      tenantId,
      'is not a tenant id',
      'Use the directory (tenant) id GUID or the tenant domain (contoso.onmicrosoft.com).'
    )
  }
  if (clientId !== '' && tenantId === '') {
    i.problem(
      `Input 'azure-tenant-id' is required with azure-client-id. Give the directory (tenant) id of the app registration.`
    )
  }
  let environment: AzureEnvironment = 'AzureCloud'
  const rawEnvironment = i.get('azure-environment')
  if (rawEnvironment !== '') {
    const found = (Object.keys(AZURE_CLOUDS) as AzureEnvironment[]).find(
      (k) => k.toLowerCase() === rawEnvironment.toLowerCase()
    )
    if (found) environment = found
    else
      i.bad(
        'azure-environment',
        rawEnvironment,
        'is not an Azure cloud',
        'Use AzureCloud, AzureUSGovernment or AzureChinaCloud (or set azure-authority-host and azure-resource-manager-endpoint).'
      )
  }
  // The variable is the input's default: checked the same way, when Entra is used and the input does not override it.
  const envAuthority = (i.env.AZURE_AUTHORITY_HOST ?? '').trim()
  const usesEntra = i.selected.includes('azure') || i.selected.includes('mcfs')
  const envProblem =
    envAuthority !== '' && i.get('azure-authority-host') === '' && usesEntra ? httpsUrlProblem(envAuthority) : null
  if (envProblem !== null) {
    i.problem(
      `The environment variable AZURE_AUTHORITY_HOST ${JSON.stringify(envProblem.shown)} ${envProblem.what}. ${envProblem.fix} Or remove the variable, or give azure-authority-host.`
    )
  }
  const authorityDefault = envAuthority.replace(/\/+$/, '') || AZURE_CLOUDS[environment].authority
  const authorityHost = i.url('azure-authority-host', authorityDefault)
  return {
    clientId,
    tenantId,
    audience: i.get('azure-audience') || 'api://AzureADTokenExchange',
    environment,
    authorityHost,
    customAuthority: authorityHost.toLowerCase() !== AZURE_CLOUDS[environment].authority
  }
}
