/**
 * The bundle step (scripts/bundle.mjs) writes characters above U+00FF as \u escapes so V8 keeps each chunk's
 * source one byte per character. The escaped source must mean exactly what the original did.
 */
import vm from 'node:vm'
import { latin1Source } from '../scripts/bundle.mjs'

/** What a snippet evaluates to (as JSON), run as written. */
const run = (src: string): string => JSON.stringify(vm.runInNewContext(src))

const SNIPPETS = [
  // strings, with an identity escape of a non-Latin-1 character and a Latin-1 one left as it is
  `['— dash', "it’s", 'caf\\é', '\\—', '\\\\—', 'ä'].join('|')`,
  // emojis (astral: two UTF-16 units) in a string, an untagged template and a regular expression, with and without /u
  "const sq = '🟧'; [`${sq}🟦 bars`, /🟧/.test('x🟧'), /^[🟩🟪]$/u.test('🟪'), /[一-龥]/.test('中')].join('|')",
  // a comment and an identifier
  '/* → arrow — dash */ const naïve_π = 3; // ✅ ok\nnaïve_π',
  // JSON text inside a string
  `JSON.parse('{"a":"…"}').a`
]

describe('latin1Source', () => {
  it.each(SNIPPETS)('keeps the meaning of %s with no character above U+00FF', (src) => {
    const out = latin1Source(src, 'snippet.js')
    expect(out).not.toMatch(/[\u0100-\uffff]/)
    expect(run(out)).toBe(run(src))
  })

  it('leaves a source that is already Latin-1 as it is', () => {
    const src = "const s = 'café'; s"
    expect(latin1Source(src, 'a.js')).toBe(src)
  })

  it('refuses a tagged template with such a character (its tag reads the raw text)', () => {
    expect(() => latin1Source('const x = 1\nString.raw`a—b`', 'chunk.js')).toThrow(
      'chunk.js:2:13: U+2014 in a tagged template'
    )
    // Untagged templates are escaped: their value is the same.
    expect(run(latin1Source('`a—b`', 'c.js'))).toBe(run('`a—b`'))
  })
})
