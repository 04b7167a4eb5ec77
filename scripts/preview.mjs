#!/usr/bin/env node
// `npm run preview`: the job summary and the PR comment as GitHub shows them, as PNG files to look at.
//
// It runs the bundled action (dist/index.js) against the sandbox, as the demo does, in a few situations a reader
// meets (everything came; AWS failed; two months missing; Azure and MCFS reporting the same subscriptions), then
// renders each summary.md and the sticky comment posted to the sandbox's GitHub the way github.com does:
// GitHub-flavoured Markdown (markdown-it with GitHub's alerts; HTML allowed, as GitHub allows it), the
// github-markdown-css styles of the light and dark themes, and Mermaid run in the page for ```mermaid blocks. Headless
// Chromium (Debian's package: apt-get install chromium) takes a full-page screenshot of each at GitHub's width.
//
//   npm run preview                               every situation, light and dark, into ./preview/
//   npm run preview -- --only all,failed-aws      some situations
//   npm run preview -- --file some.md             one Markdown file (its PNGs beside the others)
//   npm run preview -- --out /tmp/shots           another folder
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import MarkdownIt from 'markdown-it'
import githubAlerts from 'markdown-it-github-alerts'
import puppeteer from 'puppeteer-core'
import { startSandbox } from '../sandbox/index.mjs'
import { ensureTls } from '../sandbox/tls.mjs'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const opt = (name) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const out = path.resolve(opt('out') ?? path.join(ROOT, 'preview'))
/** github.com's comment and summary column: 1012 px wide at a 1280 px window. */
const WIDTH = 1012

/** The situations a reader meets, each a run of the bundle against the sandbox. */
const SITUATIONS = {
  all: { providers: ['aws', 'azure', 'mcfs', 'gcp'], title: 'every provider' },
  'failed-aws': {
    providers: ['aws', 'azure', 'mcfs', 'gcp'],
    title: 'AWS failed (STS refuses the role)',
    faults: [['sts', { kind: 'status', status: 403, times: Infinity }]]
  },
  'missing-months': {
    providers: ['aws', 'mcfs'],
    title: 'two MCFS months missing',
    faults: [
      ['mcfs', { kind: 'status', status: 500, times: Infinity, match: /dateKey(%20|\+| )ge(%20|\+| )20260201/ }],
      ['mcfs', { kind: 'status', status: 500, times: Infinity, match: /dateKey(%20|\+| )ge(%20|\+| )20260301/ }]
    ]
  },
  overlap: {
    providers: ['azure', 'mcfs'],
    title: 'Azure and MCFS report the same subscriptions',
    sandbox: { mcfs: { shareAzureSubscriptions: 20 } }
  }
}

function chromium() {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('which', [name], { encoding: 'utf8' }).stdout.trim()
    if (found) return found
  }
  console.error('npm run preview needs Chromium: apt-get install chromium (Debian), then run it again.')
  process.exit(1)
}

/** One run of the bundle against a sandbox; returns its summary.md and the comment it posted. */
async function runSituation(name, s) {
  const sb = await startSandbox(s.sandbox ?? {})
  try {
    for (const [service, fault] of s.faults ?? []) sb.kit.faults.add(service, fault)
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ccr-preview-${name}-`))
    const outputFile = path.join(tmp, 'output.txt')
    const summaryFile = path.join(tmp, 'summary.md')
    fs.writeFileSync(outputFile, '')
    fs.writeFileSync(summaryFile, '')
    const inputs = {
      ...Object.assign({}, ...s.providers.map((p) => sb.inputs[p])),
      ...(sb.inputs.github ?? {}),
      providers: s.providers.join(', '),
      'pr-comment': 'true',
      'output-dir': path.join(tmp, 'report')
    }
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      RUNNER_TEMP: tmp,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...sb.env(sb.github.event({ number: 7 })),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]))
    }
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], { env, stdio: 'ignore' })
    const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)))
    const comment = sb.github.comments(7).at(-1)?.body ?? null
    console.log(`${name} (${s.title}): the action exited ${code}`)
    return { summary: fs.readFileSync(summaryFile, 'utf8'), comment }
  } finally {
    await sb.close()
  }
}

const md = new MarkdownIt({ html: true, linkify: true }).use(githubAlerts)
// GitHub turns ```mermaid blocks into diagrams; everything else stays a code block.
const fence = md.renderer.rules.fence
md.renderer.rules.fence = (tokens, i, options, env, self) =>
  tokens[i].info.trim() === 'mermaid'
    ? `<pre class="mermaid">${md.utils.escapeHtml(tokens[i].content)}</pre>`
    : fence(tokens, i, options, env, self)

function page(markdown, theme) {
  const css = fs.readFileSync(require.resolve(`github-markdown-css/github-markdown-${theme}.css`), 'utf8')
  const alerts = fs.readFileSync(require.resolve('markdown-it-github-alerts/styles/github-colors-light.css'), 'utf8')
  const alertsDark = fs.readFileSync(
    require.resolve('markdown-it-github-alerts/styles/github-colors-dark-class.css'),
    'utf8'
  )
  const base = fs.readFileSync(require.resolve('markdown-it-github-alerts/styles/github-base.css'), 'utf8')
  const background = theme === 'dark' ? '#0d1117' : '#ffffff'
  return `<!doctype html><html class="${theme}"><head><meta charset="utf-8"><style>${css}
${base}
${theme === 'dark' ? alertsDark : alerts}
body { margin: 0; background: ${background}; }
.markdown-body { box-sizing: border-box; width: ${WIDTH}px; padding: 24px 32px; }
</style></head><body><article class="markdown-body">${md.render(markdown)}</article>
<script src="${pathToFileURL(require.resolve('mermaid/dist/mermaid.min.js'))}"></script>
<script>
  mermaid.initialize({ startOnLoad: false, theme: '${theme === 'dark' ? 'dark' : 'default'}' })
  mermaid.run({ querySelector: '.mermaid' }).then(() => (window.rendered = true), (e) => (window.rendered = String(e)))
</script></body></html>`
}

async function shoot(browser, markdown, file) {
  const shots = []
  for (const theme of ['light', 'dark']) {
    const html = path.join(os.tmpdir(), `ccr-preview-${process.pid}-${theme}.html`)
    fs.writeFileSync(html, page(markdown, theme))
    const tab = await browser.newPage()
    await tab.setViewport({ width: WIDTH, height: 800, deviceScaleFactor: 1 })
    await tab.goto(pathToFileURL(html).href, { waitUntil: 'load' })
    await tab.waitForFunction('window.rendered !== undefined', { timeout: 30_000 })
    const failed = await tab.evaluate('window.rendered')
    if (failed !== true) console.warn(`${file}-${theme}: Mermaid did not render: ${failed}`)
    const png = path.join(out, `${file}-${theme}.png`)
    await tab.screenshot({ path: png, fullPage: true })
    await tab.close()
    fs.rmSync(html, { force: true })
    shots.push(png)
  }
  return shots
}

fs.mkdirSync(out, { recursive: true })
const browser = await puppeteer.launch({
  executablePath: chromium(),
  headless: true,
  args: ['--no-sandbox', '--allow-file-access-from-files']
})
const made = []
try {
  const file = opt('file')
  if (file) {
    made.push(...(await shoot(browser, fs.readFileSync(file, 'utf8'), path.basename(file, '.md'))))
  } else {
    await ensureTls()
    if (!fs.existsSync(path.join(ROOT, 'dist', 'index.js')))
      throw new Error('No dist/index.js: run npm run bundle first.')
    const only = (opt('only') ?? Object.keys(SITUATIONS).join(',')).split(',')
    for (const name of only) {
      const s = SITUATIONS[name]
      if (!s) throw new Error(`No situation ${name}: use ${Object.keys(SITUATIONS).join(', ')}`)
      const r = await runSituation(name, s)
      fs.writeFileSync(path.join(out, `summary-${name}.md`), r.summary)
      made.push(...(await shoot(browser, r.summary, `summary-${name}`)))
      if (r.comment !== null) {
        fs.writeFileSync(path.join(out, `comment-${name}.md`), r.comment)
        made.push(...(await shoot(browser, r.comment, `comment-${name}`)))
      }
    }
  }
} finally {
  await browser.close()
}
console.log(`\n${made.length} PNG files in ${out}:\n${made.map((f) => `  ${path.relative(ROOT, f)}`).join('\n')}`)
