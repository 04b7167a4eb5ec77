/**
 * Error bodies, read once for every cloud: AWS JSON (`__type`/`code`, `message`, `x-amzn-errortype`), ARM
 * (`{error:{code,message,target,details}}`, `x-ms-failure-cause`), API Management and OData (`{statusCode,
 * message}`, `{code, message}`, `{error:{…}}`), Google (`{error:{code,message,status,errors:[{reason}]}}`) and
 * OAuth (`{error, error_description}`). Each provider explains what it means through its own explainer.
 */
import type { HttpResponse } from '../../http.js'
import { scrub } from '../../secrets.js'

export interface ErrorBody {
  status: number
  /** The error's code or type, without namespace (`AccessDeniedException`, `AuthorizationFailed`, `notFound`). */
  code: string
  /** Google's `status` (`PERMISSION_DENIED`) and the first `errors[].reason`, where given. */
  status2: string
  reason: string
  /** The message, with the target and details that hold the reason itself; scrubbed of secrets. */
  message: string
}

type Loose = Record<string, unknown> | null

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** A code as text: Azure and API Management give strings, some gateways numbers. */
function codeOf(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''
}

function header(res: Pick<HttpResponse, 'headers'>, name: string): string {
  const h = res.headers[name]
  return Array.isArray(h) ? (h[0] ?? '') : (h ?? '')
}

export function readErrorBody(res: Pick<HttpResponse, 'status' | 'text' | 'headers'>): ErrorBody {
  let body: Loose = null
  try {
    const parsed: unknown = JSON.parse(res.text)
    body = parsed && typeof parsed === 'object' ? (parsed as Loose) : null
  } catch {
    body = null
  }
  const inner = body?.error
  const e: Loose = inner && typeof inner === 'object' ? (inner as Loose) : body
  const rawCode =
    header(res, 'x-amzn-errortype') ||
    str(body?.__type) ||
    codeOf(e?.code) ||
    (typeof inner === 'string' ? inner : '') ||
    codeOf(e?.statusCode)
  const code = rawCode.split(':')[0].split('#').pop() ?? ''
  let message =
    str(e?.message) ||
    str(e?.Message) ||
    str(body?.error_description) ||
    res.text.replace(/\s+/g, ' ').trim().slice(0, 200) ||
    header(res, 'x-ms-failure-cause')
  // ARM's target and details often hold the reason itself (which parameter, which subscription).
  const target = str(e?.target)
  if (target !== '' && !message.includes(target)) message += ` (target: ${target})`
  const details = Array.isArray(e?.details) ? (e.details as Loose[]) : []
  const said = details
    .map((d) => (str(d?.message).trim() || str(d?.code)).trim())
    .filter((m) => m !== '' && !message.includes(m))
  if (said.length > 0)
    message += ` [${said.slice(0, 3).join('; ')}${said.length > 3 ? `; and ${said.length - 3} more` : ''}]`
  const errors = Array.isArray(e?.errors) ? (e.errors as Loose[]) : []
  return {
    status: res.status,
    code,
    status2: str(e?.status),
    reason: str(errors[0]?.reason),
    message: scrub(message)
  }
}

/** A cloud's refusal, explained: the status and code for decisions, the message for people. */
export class CallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    message: string
  ) {
    super(message)
    this.name = 'CallError'
  }
}

/** What a throttled answer means after the HTTP layer's retries: the same sentence for every cloud. */
export const STILL_THROTTLED = 'Still throttled after retries: lower concurrency, or run again later.'
