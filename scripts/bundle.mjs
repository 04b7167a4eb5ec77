// `npm run bundle` (and the tests' fresh bundle): ncc's build, then every character above U+00FF in the
// bundle's files written as a \u escape. Why: V8 keeps a script's source for the whole run, one byte per
// character when every character is Latin-1 and two otherwise; a few dashes and emojis in comments and strings
// (ours and our dependencies') made the largest chunks two-byte, some 2.6 MB of heap for nothing, and the
// artifact chunk 3.4 MB more once an upload loads it. An escape is the same character to the parser in a
// string, a regular expression, an untagged template and an identifier, and only text in a comment; a tagged
// template (whose raw text its tag reads) keeps its characters, and the build fails when one has such a
// character rather than change what the tag sees.
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** `text` with every character above U+00FF as a \u escape (see above); `name` names the file in an error. */
export function latin1Source(text, name) {
  if (!/[\u0100-\uffff]/.test(text)) return text
  const file = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS)
  const tagged = []
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node)) tagged.push([node.template.getStart(file), node.template.end])
    ts.forEachChild(node, visit)
  }
  visit(file)
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c <= 0xff) continue
    if (tagged.some(([s, e]) => i >= s && i < e)) {
      const { line, character } = file.getLineAndCharacterOfPosition(i)
      throw new Error(
        `${name}:${line + 1}:${character + 1}: U+${c.toString(16)} in a tagged template (its tag reads the raw text)`
      )
    }
    // A character escaped by a backslash (an identity escape) is the same character as its \u escape.
    let slashes = 0
    while (text.charCodeAt(i - 1 - slashes) === 0x5c) slashes++
    out += text.slice(from, slashes % 2 === 1 ? i - 1 : i) + `\\u${c.toString(16).padStart(4, '0')}`
    from = i + 1
  }
  return out + text.slice(from)
}

/** ncc's build of src/index.ts into `out` (its flags after), then its .js files made Latin-1. */
export function bundle(out, flags = []) {
  const ncc = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@vercel/ncc/package.json')),
    'dist',
    'ncc',
    'cli.js'
  )
  const r = spawnSync(process.execPath, [ncc, 'build', 'src/index.ts', '-o', out, '--target', 'es2022', ...flags], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`ncc could not build the bundle:\n${r.stderr || r.stdout}`)
  for (const f of fs.readdirSync(out)) {
    if (!f.endsWith('.js')) continue
    const p = path.join(out, f)
    const text = fs.readFileSync(p, 'utf8')
    const latin1 = latin1Source(text, f)
    if (latin1 !== text) fs.writeFileSync(p, latin1)
  }
  return r.stdout
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.resolve(ROOT, process.argv[2] ?? 'dist')
  fs.rmSync(out, { recursive: true, force: true })
  process.stdout.write(bundle(out, process.argv.slice(3)))
}
