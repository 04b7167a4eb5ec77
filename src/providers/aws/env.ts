/** The AWS SDKs' endpoint variables, read as they read them (kept light: the inputs check them before any request). */
import type { Env } from '../../inputs.js'

/** The endpoint the SDKs would use for `AWS_ENDPOINT_URL_<SERVICE>`, then `AWS_ENDPOINT_URL`; null when none. */
export function configuredEndpoint(env: Env, serviceEnvName: string): string | null {
  // As the SDKs do: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the endpoint variables off.
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true') return null
  const v = env[`AWS_ENDPOINT_URL_${serviceEnvName}`]?.trim() || env.AWS_ENDPOINT_URL?.trim()
  return v ? v.replace(/\/+$/, '') : null
}

/** `AWS_USE_FIPS_ENDPOINT` as the SDKs read it: true or false (any case); null when it is neither. */
export function useFipsFromEnv(env: Env): boolean | null {
  const v = (env.AWS_USE_FIPS_ENDPOINT ?? '').trim().toLowerCase()
  if (v === '' || v === 'false') return false
  if (v === 'true') return true
  return null
}
