/**
 * Runs a provider through the seam: its plan, this shard's share of the units, their tasks in order, and what
 * it says of the whole at the end. Every provider goes through here, so sharding, ordering, memory bounds and
 * the fallback note are the same for all.
 */
import type { RecordBatch } from '../../report/batch.js'
import { shareOf } from '../../shard.js'
import { providerLabel } from '../registry.js'
import { streamInOrder } from './schedule.js'
import type { Provider, ProviderContext } from './seam.js'

/** A budget so large that only `lookahead` bounds what runs ahead (tasks that return their records at once). */
const UNBOUNDED = { records: Number.MAX_SAFE_INTEGER, pageSize: 0 }

/** `place`: sees each batch as it arrives, ahead of its turn (streamInOrder). */
export async function* runProvider(
  provider: Provider,
  ctx: ProviderContext,
  place?: (batch: RecordBatch) => void
): AsyncGenerator<RecordBatch> {
  const plan = await provider.plan(ctx)
  if (plan === null) return
  const { shard } = ctx.settings
  const mine = shareOf(plan.units, shard)
  if (shard !== null)
    ctx.log(
      `${providerLabel(provider.id)}: shard ${shard.index}/${shard.count} takes ${mine.length} of ${plan.units.length} ${plan.unit} units`
    )
  if (mine.length === 0) return
  try {
    const tasks = await plan.start(mine)
    const budget = plan.budget ?? UNBOUNDED
    const market = ctx.settings.method === 'market'
    let fellBack = 0
    for await (const batch of streamInOrder(tasks, plan.lookahead, budget.records, budget.pageSize, place)) {
      fellBack += market ? batch.noMarket : batch.noLocation
      yield batch
    }
    if (fellBack > 0 && plan.fallbackNote) ctx.note(plan.fallbackNote(fellBack))
    await plan.end?.()
  } finally {
    await plan.close?.()
  }
}
