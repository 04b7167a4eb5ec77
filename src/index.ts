/**
 * The action's entry point: run, then make sure nothing left open keeps the step alive. The same file is the
 * entry of the page decoder's worker threads (see providers/aws/workers/pool.ts), which load only what decoding needs.
 */
import { isMainThread, workerData } from 'node:worker_threads'

if (!isMainThread && (workerData as { ccr?: string } | null)?.ccr === 'decoder') {
  void import('./providers/aws/workers/decoder.js').then((m) => m.serve())
} else {
  void Promise.all([import('@actions/core'), import('./main.js'), import('./secrets.js')]).then(
    ([core, { run }, { errorMessage }]) =>
      run()
        .catch((e: unknown) => core.setFailed(`cloud-carbon-report failed unexpectedly: ${errorMessage(e)}`))
        .finally(() => setTimeout(() => process.exit(), 2000).unref())
  )
}
