import { Hono } from 'hono'
import { z } from 'zod'
import { instant } from '../contracts'
import type { DatabaseHandle } from '../db/client'
import { can } from '../contracts'
import { gridScope, requires, type AuthEnv } from '../auth'
import { gridCard } from '../spatial/grid-card'
import { gridStats } from '../spatial/grid-stats'
import { InputError } from '../services/errors'
import { validate } from './validate'

const DAY = 86_400_000
const statsQuery = z
  .object({ from: instant.optional(), to: instant.optional(), version: z.coerce.number().int().positive().max(2_147_483_647).optional() })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] })
const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })

export const gridRoutes = (handle: DatabaseHandle) =>
  new Hono<AuthEnv>()
    /** Per-grid statistics; default window: the last 12 months; default version: the one in force. */
    .get('/stats', requires('stats:read'), validate('query', statsQuery), async (c) => {
      const q = c.req.valid('query')
      const to = q.to ?? new Date()
      const from = q.from ?? new Date(to.getTime() - 365 * DAY)
      // The year-over-year comparison needs the window and the same window a year earlier not to overlap.
      if (to.getTime() - from.getTime() > 366 * DAY) throw new InputError('the window may span at most a year', 'from')
      return c.json({ from: from.toISOString(), to: to.toISOString(), ...(await gridStats(handle.db, { from, to, versionId: q.version, gridFilter: gridScope(c.var.principal.scope, 'g') })) })
    })
    /** The wall's grid card. People (names, phones) only for roles that handle incidents. */
    .get('/:id/card', requires('stats:read'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const principal = c.var.principal
      const card = await gridCard(handle.db, principal.scope, id, { withPeople: can(principal.user.role, 'incidents:read') })
      // Outside the scope reads like a missing grid.
      if (!card) throw new InputError(`No grid ${id}`, 'id', 404)
      return c.json(card)
    })
