/**
 * Reading the action's inputs: the names as `@actions/core` reads them, lists, URLs, and the one error that names
 * every bad input with its fix. The common settings (settings.ts) and each provider's own section
 * (providers/<id>/inputs.ts) are parsed with these.
 */
import type { ProviderId } from './model.js'

export type Env = Record<string, string | undefined>

/** One or more bad inputs. The message names each input and its fix. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`)
    this.name = 'InputError'
  }
}

/** Reads an input as `@actions/core` does: `INPUT_<NAME>` upper-cased, spaces to `_`, trimmed. */
export function readInput(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** Splits a list input on commas and newlines; blanks and surrounding spaces are ignored. */
export function splitList(value: string): string[] {
  return value
    .split(/[,\n\r]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** What is wrong with a URL for a cloud endpoint (absolute, https, no user info), or null; `shown` never holds credentials. */
export function httpsUrlProblem(v: string): { shown: string; what: string; fix: string } | null {
  let u: URL
  try {
    u = new URL(v)
  } catch {
    return { shown: v, what: 'is not a URL', fix: 'Give an absolute https:// URL.' }
  }
  if (u.username || u.password)
    return {
      shown: '(a URL with credentials)',
      what: 'has user info in it',
      fix: 'Remove the user:password@ part; credentials never go in URLs.'
    }
  if (u.protocol !== 'https:')
    return { shown: v, what: 'is not HTTPS', fix: 'The clouds are called over HTTPS only: give an https:// URL.' }
  return null
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What a provider's section parser reads its inputs with; problems are collected, all told at once. */
export interface Inputs {
  env: Env
  /** The providers this run reports. */
  selected: readonly ProviderId[]
  /** A merge job reads the shards' reports and signs in nowhere: it needs no credentials. */
  merge: boolean
  get(name: string): string
  list(name: string): string[]
  /** A bad value: the input, what is wrong with it, and the fix. */
  bad(name: string, value: string, why: string, fix: string): void
  /** A problem said in full (a required input that is missing). Said once, however many parsers find it. */
  problem(text: string): void
  /** An https URL input, trailing slashes off; the default when empty or bad. */
  url(name: string, dflt: string): string
}

/** An Inputs over the environment, collecting problems into `problems` (each once). */
export function inputsOf(env: Env, selected: readonly ProviderId[], merge: boolean, problems: string[]): Inputs {
  const problem = (text: string): void => {
    if (!problems.includes(text)) problems.push(text)
  }
  const bad = (name: string, value: string, why: string, fix: string): void =>
    problem(`Input '${name}': ${value === '' ? 'empty' : JSON.stringify(value)} ${why}. ${fix}`)
  const get = (name: string): string => readInput(env, name)
  return {
    env,
    selected,
    merge,
    get,
    list: (name) => splitList(get(name)),
    bad,
    problem,
    url(name, dflt) {
      const v = get(name)
      if (v === '') return dflt
      const p = httpsUrlProblem(v)
      if (p === null) return v.replace(/\/+$/, '')
      bad(name, p.shown, p.what, p.fix)
      return dflt
    }
  }
}
