import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { queryRows, type DatabaseHandle } from '../db/client'
import { describeDatabase } from '../db/migrate'
import { currentVersionId, requires, type AuthEnv } from '../auth'

const countedTables = ['admin_areas', 'stations', 'grids', 'police_posts', 'cameras', 'key_sites', 'roads', 'buildings', 'people', 'incidents', 'disputes', 'households'] as const

/** `/` answers without a session (for load balancers); `/counts` needs one. */
export const healthRoutes = (handle: DatabaseHandle) =>
  new Hono<AuthEnv>()
    .get('/', async (c) => c.json({ status: 'ok' as const, database: await describeDatabase(handle) }))
    .get('/counts', requires('stats:read'), async (c) => {
    const database = await describeDatabase(handle)
    const [counts] = await queryRows<Record<(typeof countedTables)[number], number>>(
      handle.db,
      // Grids: those in force (every published version keeps its own rows).
      sql`select ${sql.join(countedTables.map((t) => (t === 'grids' ? sql`(select count(*)::int from grids where version_id = ${currentVersionId}) as grids` : sql.raw(`(select count(*)::int from ${t}) as ${t}`))), sql`, `)}`,
    )
    return c.json({ status: 'ok' as const, database, counts: counts! })
  })
