/**
 * Every secret the run touches is registered here: masked in the runner's log with `core.setSecret`, and
 * scrubbed from every message that can reach a file, a summary, an artifact or a comment (masking only
 * protects the log). Known token shapes are scrubbed even when nobody registered them (SDK errors can echo
 * requests).
 */
import * as core from '@actions/core'

const known = new Set<string>()

export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4 || known.has(value)) return
  known.add(value)
  core.setSecret(value)
}

const PATTERNS: [RegExp, string][] = [
  [/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '***'], // JWTs (OIDC tokens, Entra access tokens, runtime token)
  [/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 ***'],
  [
    /((?:x-amz-security-token|X-Amz-Security-Token|SessionToken|WebIdentityToken|client_assertion|Ocp-Apim-Subscription-Key|subscription-key|sig|code)["']?\s*[:=]\s*["']?)[^"'&\s,}]{8,}/g,
    '$1***'
  ],
  [/\b(?:ASIA|AKIA)[A-Z0-9]{16}\b/g, '***']
]

/** Removes every registered secret and every known token shape from a text. */
export function scrub(text: string): string {
  let out = text
  for (const s of known) if (out.includes(s)) out = out.split(s).join('***')
  for (const [re, by] of PATTERNS) out = out.replace(re, by)
  return out
}

/** The message of an error, scrubbed. */
export function errorMessage(e: unknown): string {
  return scrub(e instanceof Error ? e.message : String(e))
}
