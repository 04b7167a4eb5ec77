// The GitHub OIDC plugin of the sandbox: the runner's ID token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN).
//   startSandbox({ subject })   the `sub` of the tokens (default: the main branch of octo-org/octo-repo)
//   sb.oidc                     the service (state, mint, verify): relying parties (STS, Entra) verify with it
import { createGithubOidc } from './github-oidc.mjs'

export async function mount(sb, options = {}) {
  const oidc = createGithubOidc({ subject: options.subject })
  const { url } = await sb.kit.serve('oidc', oidc)
  sb.urls.oidc = url
  sb.register('oidc', oidc, { env: () => oidc.env(url), secrets: oidc.secrets })
}
