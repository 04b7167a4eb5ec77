// The hardening matrix (helpers/hardening.ts) for Google STS, IAM Credentials and BigQuery.
import { hardeningMatrix } from './helpers/hardening.js'

hardeningMatrix(['google-sts', 'iamcredentials', 'bigquery'])
