// The hardening matrix (helpers/hardening.ts) for Entra, Azure Resource Manager and MCFS.
import { hardeningMatrix } from './helpers/hardening.js'

hardeningMatrix(['entra', 'arm', 'mcfs'])
