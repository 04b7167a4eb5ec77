// The hardening matrix (helpers/hardening.ts) for GitHub OIDC, AWS STS and the Sustainability API.
import { hardeningMatrix } from './helpers/hardening.js'

hardeningMatrix(['oidc', 'sts', 'sustainability'])
