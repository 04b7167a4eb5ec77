/** The gcp provider's inputs, through the shared input reader. */
import type { Inputs } from '../../inputs.js'
import { parseGcpSettings, type GcpSettings } from './settings.js'

export function parseGcpInputs(i: Inputs): GcpSettings {
  return parseGcpSettings({
    input: i.get,
    bad: i.bad,
    problem: i.problem,
    env: i.env,
    selected: i.selected.includes('gcp') && !i.merge
  })
}
