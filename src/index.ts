/** The action's entry point: run, then make sure nothing left open keeps the step alive. */
import * as core from '@actions/core'
import { run } from './main.js'
import { errorMessage } from './secrets.js'

run()
  .catch((e: unknown) => core.setFailed(`cloud-carbon-report failed unexpectedly: ${errorMessage(e)}`))
  .finally(() => setTimeout(() => process.exit(), 2000).unref())
