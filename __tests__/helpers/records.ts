import type { CarbonRecord } from '../../src/model.js'

export function rec(over: Partial<CarbonRecord> = {}): CarbonRecord {
  return {
    provider: 'aws',
    account: '111122223333',
    accountName: null,
    month: '2025-01',
    service: 'AmazonEC2',
    region: 'us-east-1',
    grams: 48000,
    marketGrams: 48000,
    locationGrams: 51000,
    scope1Grams: 0,
    scope2MarketGrams: 40000,
    scope2LocationGrams: 43000,
    scope3MarketGrams: 8000,
    scope3LocationGrams: 8000,
    modelVersion: 'v3.0.0',
    ...over
  }
}

/** A minimal RFC 4180 parser for tests: rows of fields, quotes and CRLF honoured. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i++
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
