// The real hosts of the AWS Sustainability API that the sandbox answers as, and the region each must be signed
// for: computed from the API's own model (its endpoint rule set, evaluated by the AWS SDK's rules engine), never
// from the action's code. A run reaches them through the sandbox's CONNECT proxy (HTTPS_PROXY), so the action
// resolves, connects and signs exactly as it would against AWS.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveEndpoint } from '@aws-sdk/core/client'

const MODEL = path.join(path.dirname(fileURLToPath(import.meta.url)), 'models', 'aws-sustainability.json')

/** Regions of every partition the rules distinguish: commercial, GovCloud, China, the European Sovereign Cloud, ISO. */
const REGIONS = [
  'us-east-1',
  'eu-west-1',
  'us-gov-west-1',
  'us-gov-east-1',
  'cn-north-1',
  'cn-northwest-1',
  'eusc-de-east-1',
  'us-iso-east-1'
]

let table
/** host -> the signing region the rules give for it. */
export function awsSustainabilityHosts() {
  if (table) return table
  const model = JSON.parse(fs.readFileSync(MODEL, 'utf8'))
  const service = Object.values(model.shapes).find((s) => s.type === 'service')
  const rules = service.traits['smithy.rules#endpointRuleSet']
  table = new Map()
  for (const Region of REGIONS) {
    for (const UseFIPS of [false, true]) {
      const e = resolveEndpoint(rules, { endpointParams: { Region, UseFIPS } })
      const sigv4 = e.properties.authSchemes.find((s) => s.name === 'sigv4')
      table.set(e.url.hostname, sigv4.signingRegion ?? Region)
    }
  }
  return table
}
