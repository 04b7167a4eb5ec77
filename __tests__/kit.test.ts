// The provider kit: one paging loop, one error-body reader, the ordered scheduler and sharding through runProvider,
// and the byte reader's string spans.
import { JsonBytes, notPlain } from '../src/providers/kit/json-bytes.js'
import { followPages, MAX_PAGES, PagingStopped } from '../src/providers/kit/paging.js'
import { readErrorBody } from '../src/providers/kit/errors.js'
import { runProvider } from '../src/providers/kit/run.js'
import type { Provider, ProviderContext } from '../src/providers/kit/seam.js'
import { BatchEncoder } from '../src/report/batch.js'
import type { CarbonRecord } from '../src/model.js'

describe('followPages', () => {
  it('follows cursors to the end and counts the pages', async () => {
    const seen: (string | undefined)[] = []
    const pages = await followPages({
      cursorName: 'NextToken',
      fetch: async (cursor) => {
        seen.push(cursor)
        return cursor === undefined ? 'a' : cursor === 'a' ? 'b' : null
      }
    })
    expect(pages).toBe(3)
    expect(seen).toEqual([undefined, 'a', 'b'])
  })
  it('stops at a cursor it has had, naming the first page not had', async () => {
    const err = await followPages({
      cursorName: 'skipToken',
      fetch: async (cursor) => (cursor === 'x' ? 'x' : 'x')
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(PagingStopped)
    expect((err as PagingStopped).page).toBe(3)
    expect((err as Error).message).toMatch(/repeated a skipToken it had already given \(page 2\)/)
  })
  it('a link back to the first URL is a loop too; a refused next cursor stops before it is followed', async () => {
    const loop = await followPages({ cursorName: 'nextLink', first: 'u1', fetch: async () => 'u1' }).catch((e) => e)
    expect((loop as PagingStopped).page).toBe(2)
    const refused = await followPages({
      cursorName: 'nextLink',
      first: 'u1',
      fetch: async () => 'https://elsewhere/',
      check: () => {
        throw new Error('leaves the host')
      }
    }).catch((e) => e)
    expect(refused).toBeInstanceOf(PagingStopped)
    expect((refused as PagingStopped).page).toBe(2)
    expect((refused as PagingStopped).cause).toBeInstanceOf(Error)
  })
  it('a failed request keeps its error as the cause, on the page it happened', async () => {
    const boom = new Error('HTTP 500')
    const err = (await followPages({
      cursorName: 'NextToken',
      fetch: async (c) => {
        if (c === 'a') throw boom
        return 'a'
      }
    }).catch((e) => e)) as PagingStopped
    expect([err.page, err.cause]).toEqual([2, boom])
  })
  it('has one page cap', () => {
    expect(MAX_PAGES).toBe(100_000)
  })
})

describe('readErrorBody', () => {
  const read = (status: number, text: string, headers: Record<string, string> = {}) =>
    readErrorBody({ status, text, headers })
  it('AWS: the type from the header, else __type or code, without namespace', () => {
    expect(read(403, '{"message":"no"}', { 'x-amzn-errortype': 'AccessDeniedException:http://x/' })).toMatchObject({
      code: 'AccessDeniedException',
      message: 'no'
    })
    expect(read(400, '{"__type":"com.amazonaws.sustainability#ValidationException","Message":"bad"}')).toMatchObject({
      code: 'ValidationException',
      message: 'bad'
    })
  })
  it('Google: code, status and the first reason', () => {
    const b = read(
      403,
      JSON.stringify({
        error: {
          code: 403,
          message: 'Access Denied: Table p:d.t',
          status: 'PERMISSION_DENIED',
          errors: [{ reason: 'accessDenied', message: 'Access Denied', domain: 'global' }]
        }
      })
    )
    expect(b).toMatchObject({
      status2: 'PERMISSION_DENIED',
      reason: 'accessDenied',
      message: 'Access Denied: Table p:d.t'
    })
  })
  it('OAuth: error and error_description', () => {
    expect(read(400, '{"error":"invalid_grant","error_description":"The audience does not match."}')).toMatchObject({
      code: 'invalid_grant',
      message: 'The audience does not match.'
    })
  })
  it('anything else: the text, whitespace folded, at most 200 characters', () => {
    const b = read(502, `<html>\n  Bad   gateway ${'x'.repeat(300)}</html>`)
    expect(b.code).toBe('')
    expect(b.message.startsWith('<html> Bad gateway')).toBe(true)
    expect(b.message.length).toBe(200)
  })
})

describe('runProvider', () => {
  const record = (month: string): CarbonRecord => ({
    provider: 'azure',
    account: 'a',
    accountName: null,
    month,
    service: 's',
    region: 'r',
    grams: 1000,
    marketGrams: 1000,
    locationGrams: null,
    scope1Grams: null,
    scope2MarketGrams: null,
    scope2LocationGrams: null,
    scope3MarketGrams: null,
    scope3LocationGrams: null,
    modelVersion: null
  })
  const months = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']
  async function run(shard: { index: number; count: number } | null, delays: number[]) {
    const logs: string[] = []
    const notes: string[] = []
    let started: string[] = []
    const ctx = {
      settings: { method: 'location', shard },
      note: (t: string) => notes.push(t),
      log: (l: string) => logs.push(l)
    } as unknown as ProviderContext
    const provider: Provider = {
      id: 'azure',
      plan: async () => ({
        unit: '(month)',
        units: months,
        start: async (mine) => {
          started = mine as string[]
          return started.map((m) => async (flow) => {
            // Later units finish first: the output order must still be the units' order.
            await new Promise((r) => setTimeout(r, delays[months.indexOf(m)]))
            const enc = new BatchEncoder('azure')
            enc.add(record(m))
            flow.emit(enc.take())
          })
        },
        end: async () => {
          notes.push('end')
        },
        lookahead: 5,
        fallbackNote: (n) => `${n} without location`
      })
    }
    const order: number[] = []
    for await (const b of runProvider(provider, ctx)) order.push(b.count)
    return { logs, notes, started, batches: order.length }
  }
  it('yields in unit order whatever the finishing order, then the fallback note and the end', async () => {
    const r = await run(null, [40, 30, 20, 10, 0])
    expect(r.started).toEqual(months)
    expect(r.batches).toBe(5)
    expect(r.notes).toEqual(['5 without location', 'end'])
  })
  it('a shard takes its contiguous share and says so', async () => {
    const r = await run({ index: 2, count: 2 }, [0, 0, 0, 0, 0])
    expect(r.started).toEqual(['2025-03', '2025-04', '2025-05'])
    expect(r.logs).toEqual(['Azure: shard 2/2 takes 3 of 5 (month) units'])
  })
})

describe('JsonBytes strings', () => {
  it('pass a string and say where it starts and ends, without an array; any other value stays', () => {
    const b = Buffer.from('["ab c",7,null,""]')
    const r = new JsonBytes(b)
    r.i = 1
    expect(r.stringStart()).toBe(2)
    expect([r.i, b.toString('latin1', 2, r.i - 1)]).toEqual([7, 'ab c'])
    r.i = 8
    expect(r.stringStart()).toBe(-1)
    expect(r.i).toBe(8)
    r.i = 15
    expect(r.stringRange()).toEqual([16, 16])
    expect(r.i).toBe(17)
  })

  it('refuse a string with a control character in it, or without its closing quote', () => {
    for (const text of ['"a\tb"', '"a\u0000"', '"abc']) {
      const r = new JsonBytes(Buffer.from(text, 'latin1'))
      expect(() => r.stringStart()).toThrow(notPlain)
    }
  })
})
