// The hardening matrix (helpers/hardening.ts) for the artifact service and the GitHub REST API (never fail the step).
import { hardeningMatrix } from './helpers/hardening.js'

hardeningMatrix(['artifact', 'github'])
