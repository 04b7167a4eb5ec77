/**
 * The sandbox of a test file: `const sb = useSandbox(options)` starts it before the file's tests, stops it after,
 * and before each test clears its faults and request log. `sb` is usable in tests and hooks declared after it.
 */
import { startSandbox, type Sandbox } from '../../sandbox/index.mjs'

export function useSandbox(options: Record<string, unknown> = {}): Sandbox {
  let current: Sandbox | undefined
  beforeAll(async () => {
    current = await startSandbox(options)
  })
  afterAll(async () => {
    await current?.close()
  })
  beforeEach(() => {
    current!.kit.faults.clear()
    current!.kit.log.length = 0
  })
  return new Proxy({} as Sandbox, {
    get(_, key) {
      if (!current) throw new Error('the sandbox is used before its beforeAll started it')
      return Reflect.get(current, key)
    }
  })
}
