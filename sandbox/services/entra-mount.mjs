// The Entra plugin of the sandbox: one Microsoft identity platform for every Microsoft API (ARM, MCFS), with
// the sandbox tenant and its app registration (a federated credential for the repository's main branch, so a
// GitHub OIDC token signs in). Needs the oidc plugin before it. Gives sb.entra (plugins verify bearer tokens
// with sb.entra.verifyAccessToken) and sb.entraInputs, the inputs that sign in to it.
//   startSandbox({ entra: { tenants: [...] } })   more tenants
import { AZURE_CLIENT_ID, AZURE_TENANT_ID } from '../index.mjs'
import { createEntra, entraService } from './entra.mjs'

export async function mount(sb, options = {}) {
  if (!sb.oidc) throw new Error('sandbox: the entra plugin needs the oidc plugin before it in PLUGINS')
  const entra = createEntra({
    tenants: [
      {
        tenantId: AZURE_TENANT_ID,
        domain: 'contoso.onmicrosoft.com',
        apps: [
          {
            clientId: AZURE_CLIENT_ID,
            displayName: 'carbon-report',
            federated: [{ subject: sb.oidc.state.subject, audience: 'api://AzureADTokenExchange' }]
          }
        ]
      },
      ...(options.entra?.tenants ?? [])
    ],
    verifyAssertion: (token, { audiences }) => sb.oidc.verify(token, { audiences })
  })
  const { url } = await sb.kit.serve('entra', entraService(entra))
  sb.urls.entra = url
  sb.entraInputs = {
    'azure-client-id': AZURE_CLIENT_ID,
    'azure-tenant-id': AZURE_TENANT_ID,
    'azure-authority-host': url
  }
  sb.register('entra', entra, { secrets: () => entra.issuedTokens })
}
