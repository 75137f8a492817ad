import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import { instant } from '../contracts'
import type { Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { auditCsv, auditEntries } from '../services/audit-entries'
import { validate } from './validate'

const auditFilter = z.object({
  from: instant.optional(),
  to: instant.optional(),
  username: z.string().trim().max(40).optional(),
  action: z.string().trim().regex(/^[a-z_.]{1,60}$/, 'action: lower-case words and dots, e.g. household.read or auth.').optional(),
  subjectType: z.string().trim().max(40).optional(),
  subjectId: z.string().trim().max(40).optional(),
})
const listQuery = auditFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
})

/** The audit viewer's data (admin only): filtered, newest first, and as CSV. */
export const auditRoutes = (db: Database, options: { trustProxy: boolean }) =>
  new Hono<AuthEnv>()
    .use(requires('audit:read'))
    .get('/', validate('query', listQuery), async (c) => {
      const { limit, before, ...filter } = c.req.valid('query')
      const items = await auditEntries(db, filter, { limit: limit + 1, before })
      const page = items.slice(0, limit)
      return c.json({ items: page, next: items.length > limit ? page[page.length - 1]!.id : null })
    })
    .get('/export.csv', validate('query', auditFilter), async (c) => {
      const filter = c.req.valid('query')
      // Exporting the trail is itself a sensitive read.
      await writeAudit(db, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'audit.export', detail: { ...filter } })
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', 'attachment; filename="gridwatch-audit.csv"')
      return stream(c, async (out) => {
        for await (const chunk of auditCsv(db, filter)) await out.write(chunk)
      })
    })
