/**
 * Where the Sustainability API is and which region signs for it, as the model's endpoint rules resolve them
 * (endpoint-rules.ts, evaluated by the AWS SDK's own rules engine with its partitions data): commercial
 * `https://api.sustainability.{region}.api.aws` signed us-east-1, GovCloud signed us-gov-west-1, every other
 * partition `https://sustainability.global.{dualStackDnsSuffix}` signed with the partition's implicit global region
 * (China: cn-northwest-1), FIPS hosts where `AWS_USE_FIPS_ENDPOINT=true`. A configured endpoint
 * (`AWS_ENDPOINT_URL_SUSTAINABILITY`, `AWS_ENDPOINT_URL`) is used as the SDKs use it, signed with the configured
 * region.
 */
import { resolveEndpoint } from '@aws-sdk/core/client'
import { SUSTAINABILITY_ENDPOINT_RULES } from './endpoint-rules.js'

export interface ResolvedEndpoint {
  url: string
  signingRegion: string
}

/** The Sustainability endpoint and its signing region for a region, FIPS setting and configured endpoint. */
export function resolveSustainabilityEndpoint(p: {
  region: string
  useFips: boolean
  endpoint: string | null
}): ResolvedEndpoint {
  const params: Record<string, string | boolean> = { Region: p.region, UseFIPS: p.useFips }
  if (p.endpoint !== null) params.Endpoint = p.endpoint
  let resolved
  try {
    resolved = resolveEndpoint(SUSTAINABILITY_ENDPOINT_RULES as never, { endpointParams: params })
  } catch (e) {
    // The rules' own errors ("FIPS and custom endpoint are not supported"), with what to change.
    throw new Error(
      `No AWS Sustainability API endpoint for aws-region ${p.region}${p.useFips ? ' with AWS_USE_FIPS_ENDPOINT=true' : ''}${p.endpoint ? ` and the endpoint ${p.endpoint}` : ''}: ${(e as Error).message}.`
    )
  }
  const schemes = (resolved.properties?.authSchemes ?? []) as { name?: string; signingRegion?: string }[]
  const sigv4 = schemes.find((s) => s.name === 'sigv4')
  return { url: resolved.url.href.replace(/\/+$/, ''), signingRegion: sigv4?.signingRegion ?? p.region }
}
