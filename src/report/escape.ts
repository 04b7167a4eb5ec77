/**
 * Making provider strings inert in Markdown (job summary, PR comment) and in spreadsheets (CSV).
 * Nothing a provider returns is trusted: HTML, table pipes, backticks, line breaks, emphasis, links,
 * @mentions and #references are all neutralised.
 */

const ZWSP = '\u200b'

/** Text for a Markdown table cell or paragraph: renders literally, never as HTML, a link, or a mention. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n\t\f\v\u2028\u2029]+/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_{}[\]()#+!|~$"']/g, (c) => (c === '"' ? '&quot;' : c === "'" ? '&#39;' : `\\${c}`))
      // A zero-width space after @ and before digits of #refs: GitHub neither pings nor links them.
      .replace(/@/g, `@${ZWSP}`)
      .replace(/\\#/g, `\\#${ZWSP}`)
      // URLs would autolink: break the scheme.
      .replace(/\b(https?|ftp|file|javascript|data):/gi, `$1${ZWSP}:`)
      .replace(/\bwww\./gi, `www${ZWSP}.`)
  )
}

/** Text for inside a Mermaid string ("..."): no quotes, no line breaks, no directives. */
export function escapeMermaid(text: string): string {
  return text
    .replace(/["`\r\n;%{}<>#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Prefixes a spreadsheet formula trigger so the cell is text (OWASP CSV injection guidance). */
export function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

/** One RFC 4180 field. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A text cell: formula-defused and quoted as needed; null is an empty cell. */
export function csvText(value: string | null): string {
  return value === null ? '' : csvField(defuseFormula(value))
}
