import { sql } from 'drizzle-orm'
import { timeChain, type TimeChainField } from '../contracts'
import { queryRows, type Database } from '../db/client'
import { InputError } from './errors'
import { checkTimeChainOrder } from './ingest-incidents'

const columns: Record<TimeChainField, string> = {
  reportedAt: 'reported_at',
  acceptedAt: 'accepted_at',
  contactedAt: 'contacted_at',
  onSceneAt: 'on_scene_at',
  closedAt: 'closed_at',
}

/**
 * Records links of an incident's time chain (accepted, contacted, on scene, closed). A link is set once:
 * sending the same time again changes nothing, a different time is a conflict. The chain never runs
 * backwards. Row-locked, so two dispatchers updating at once cannot interleave.
 */
export async function updateTimeChain(db: Database, id: number, update: Partial<Record<TimeChainField, Date>>) {
  await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    const [current] = await queryRows<Record<TimeChainField, Date | string | null>>(tx, sql`
      select reported_at as "reportedAt", accepted_at as "acceptedAt", contacted_at as "contactedAt",
             on_scene_at as "onSceneAt", closed_at as "closedAt"
      from incidents where id = ${id} for update`)
    if (!current) throw new InputError(`No incident ${id}`, 'id', 404)
    const merged: Partial<Record<TimeChainField, Date>> = {}
    for (const field of timeChain) {
      const stored = current[field] === null ? undefined : new Date(current[field]!)
      const given = update[field]
      if (stored && given && stored.getTime() !== given.getTime()) {
        throw new InputError(`${field} is already recorded as ${stored.toISOString()}`, field, 409, 'already_recorded')
      }
      const value = given ?? stored
      if (value) merged[field] = value
    }
    checkTimeChainOrder(merged)
    const sets = (Object.keys(update) as TimeChainField[]).map((f) => sql`${sql.raw(columns[f])} = ${update[f]!.toISOString()}::timestamptz`)
    await tx.execute(sql`update incidents set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`)
  })
}
