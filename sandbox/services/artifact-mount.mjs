// The artifact plugin of the sandbox: the Actions results service (Twirp) and its blob storage that
// @actions/artifact uploads to. sb.artifact.artifacts lists what was uploaded; sb.artifact.newToken() mints
// another runtime token.
import { createArtifactService } from './artifact.mjs'

export async function mount(sb) {
  const artifact = createArtifactService()
  const { url } = await sb.kit.serve('artifact', artifact)
  sb.urls.artifact = url
  sb.register('artifact', artifact, { env: () => artifact.env(url), secrets: artifact.secrets })
}
