import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { z } from 'zod'
import type { Database } from '../db/client'
import { clientIp, currentVersionId, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { InputError } from '../services/errors'
import { householdColoursByGrid, householdRecords, riskColours } from '../spatial/household-colours'
import { validate } from './validate'

const listQuery = z.object({
  grid: z.string().regex(/^[0-9]{15}$/, 'grid must be a 15-digit grid code'),
  colour: z.enum(riskColours).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })

/**
 * 家庭评估分色. Everyone with statistics sees per-grid counts with small cells suppressed; individual
 * households only reach roles that visit them, inside their scope, and every such read is audited in
 * the same transaction.
 */
export const householdRoutes = (db: Database, options: { trustProxy: boolean }) => {
  return new Hono<AuthEnv>()
    .get('/summary', requires('stats:read'), async (c) => c.json({ suppressBelow: 3, grids: await householdColoursByGrid(db, c.var.principal.scope) }))
    .get('/', requires('households:read'), validate('query', listQuery), async (c) => {
      const q = c.req.valid('query')
      const where = sql`exists (select 1 from grids lg where lg.version_id = ${currentVersionId} and lg.code = ${q.grid} and ST_Covers(lg.geom, h.geom))
        ${q.colour ? sql`and h.colour = ${q.colour}::risk_colour` : sql``}`
      const items = await db.transaction(async (tx) => {
        const rows = await householdRecords(tx, c.var.principal.scope, where, q.limit)
        await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'household.read', subjectType: 'household', subjectIds: rows.map((r) => r.id) })
        return rows
      })
      return c.json({ items })
    })
    .get('/:id', requires('households:read'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const record = await db.transaction(async (tx) => {
        const [row] = await householdRecords(tx, c.var.principal.scope, sql`h.id = ${id}`, 1)
        if (row) await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'household.read', subjectType: 'household', subjectIds: [row.id] })
        return row
      })
      // Out of scope looks the same as missing: no hint that the household exists.
      if (!record) throw new InputError(`No household ${id}`, 'id', 404)
      return c.json(record)
    })
}
