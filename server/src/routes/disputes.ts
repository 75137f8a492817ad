import { sql, type SQL } from 'drizzle-orm'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { can } from '../contracts/auth'
import { disputeCreate, disputeFollowUp, disputeJudicial, disputeKpiQuery, disputeTierChange, disputeTransition, type DisputeConflict, type DisputeTier } from '../contracts/disputes'
import type { Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { changeTier, createDispute, followUp, IllegalTransition, recordJudicial, transitionDispute, type WorkflowContext } from '../services/dispute-workflow'
import { InputError } from '../services/errors'
import { disputeKpis } from '../spatial/dispute-kpis'
import { disputeParties, disputeRecords, disputeTimeline } from '../spatial/dispute-records'
import { validate } from './validate'

const statuses = ['collected', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'evaluated', 'cancelled'] as const
const listQuery = z.object({
  grid: z.string().regex(/^[0-9]{15}$/, 'grid must be a 15-digit grid code').optional(),
  status: z.enum(statuses).optional(),
  tier: z.enum(['grid', 'township', 'county']).optional(),
  open: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
})
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })

/**
 * 矛盾纠纷 cases in the caller's scope. Party details only for roles with disputes:parties, audited.
 * Workflow moves (disputes:manage) run in one transaction with their timeline entry; an illegal move is
 * answered 409 with the moves the case allows.
 */
export const disputeRoutes = (db: Database, options: { trustProxy: boolean; deadlineDays?: Record<DisputeTier, number> }) => {
  const context = (c: Context<AuthEnv>): WorkflowContext => ({ scope: c.var.principal.scope, actor: c.var.principal.user.displayName, deadlineDays: options.deadlineDays })
  /** Runs a workflow step and answers with the case as it now is. */
  const step = async (c: Context<AuthEnv>, id: number | null, run: (tx: Database, ctx: WorkflowContext) => Promise<number | void>) => {
    try {
      const record = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const ctx = context(c)
        const target = (await run(tx, ctx)) ?? id!
        const [after] = await disputeRecords(tx, ctx.scope, sql`d.id = ${target}`, { limit: 1 })
        return { ...after!, timeline: await disputeTimeline(tx, target) }
      })
      return c.json(record, id === null ? 201 : 200)
    } catch (error) {
      if (!(error instanceof IllegalTransition)) throw error
      return c.json<DisputeConflict>({ error: { code: 'illegal_transition', message: error.message, field: 'to', status: error.status, allowed: error.allowed } }, 409)
    }
  }
  return new Hono<AuthEnv>()
    .get('/kpis', requires('stats:read'), validate('query', disputeKpiQuery), async (c) => c.json(await disputeKpis(db, c.var.principal.scope, c.req.valid('query'))))
    .use(requires('disputes:read'))
    .post('/', requires('disputes:manage'), validate('json', disputeCreate), (c) => step(c, null, (tx, ctx) => createDispute(tx, ctx, c.req.valid('json'))))
    .post('/:id/transition', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTransition), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => transitionDispute(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/escalate', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTierChange), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => changeTier(tx, ctx, c.req.valid('param').id, 'up', c.req.valid('json').reason)),
    )
    .post('/:id/deescalate', requires('disputes:manage'), validate('param', idParam), validate('json', disputeTierChange), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => changeTier(tx, ctx, c.req.valid('param').id, 'down', c.req.valid('json').reason)),
    )
    .post('/:id/judicial', requires('disputes:manage'), validate('param', idParam), validate('json', disputeJudicial), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => recordJudicial(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    .post('/:id/follow-up', requires('disputes:manage'), validate('param', idParam), validate('json', disputeFollowUp), (c) =>
      step(c, c.req.valid('param').id, (tx, ctx) => followUp(tx, ctx, c.req.valid('param').id, c.req.valid('json'))),
    )
    .get('/', validate('query', listQuery), async (c) => {
      const q = c.req.valid('query')
      const parts: SQL[] = [sql`true`]
      if (q.grid) parts.push(sql`d.grid_id in (select id from grids where code = ${q.grid})`)
      if (q.status) parts.push(sql`d.status = ${q.status}::dispute_status`)
      if (q.tier) parts.push(sql`d.tier = ${q.tier}::dispute_tier`)
      if (q.open) parts.push(q.open === 'true' ? sql`d.status not in ('closed', 'evaluated', 'cancelled')` : sql`d.status in ('closed', 'evaluated', 'cancelled')`)
      const items = await disputeRecords(db, c.var.principal.scope, sql.join(parts, sql` and `), { limit: q.limit + 1, before: q.before })
      const page = items.slice(0, q.limit)
      return c.json({ items: page, next: items.length > q.limit ? page[page.length - 1]!.id : null })
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const principal = c.var.principal
      const result = await db.transaction(async (tx) => {
        const [record] = await disputeRecords(tx, principal.scope, sql`d.id = ${id}`, { limit: 1 })
        // Out of scope looks the same as missing.
        if (!record) throw new InputError(`No dispute ${id}`, 'id', 404)
        const timeline = await disputeTimeline(tx, id)
        if (!can(principal.user.role, 'disputes:parties')) return { ...record, timeline, parties: null }
        const parties = await disputeParties(tx, id)
        await writeAudit(tx, principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'dispute.parties.read', subjectType: 'dispute', subjectIds: [id], rowCount: parties.length })
        return { ...record, timeline, parties }
      })
      return c.json(result)
    })
}
