import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { can, incidentBatch, incidentFilter, incidentInput, timeChainUpdate } from '../contracts'
import { queryRows, type DatabaseHandle } from '../db/client'
import { incidentScope, requires, type AuthEnv } from '../auth'
import { csvHeader, csvLines, exportPages } from '../services/export-incidents'
import { stream } from 'hono/streaming'
import { ingestIncidents } from '../services/ingest-incidents'
import { InputError } from '../services/errors'
import { updateTimeChain } from '../services/update-time-chain'
import { categoryCodes, incidentColumns } from '../spatial/incident-columns'
import { incidentWhere } from '../spatial/incident-filter'
import { incidentNearby } from '../spatial/incident-nearby'
import { incidentRecords } from '../spatial/incident-records'
import { arrowResponse } from './arrow'
import { apiError } from './errors'
import { validate } from './validate'

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) })
const listQuery = incidentFilter.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** Opaque cursor from the previous page's `next`. */
  cursor: z.string().regex(/^\d{1,15}$/, 'cursor must come from a previous page').optional(),
})
const tooLarge = (limit: string) => bodyLimit({ maxSize: limit === 'single' ? 64 * 1024 : 16 * 1024 * 1024, onError: (c) => apiError(c, 413, 'body_too_large', 'Request body too large', 'body') })

export interface IncidentRouteOptions {
  toleranceM: number
}

/** Ingest (110, 12345, grid platform), time-chain updates, queries and the map's column feed. */
export const incidentRoutes = (handle: DatabaseHandle, options: IncidentRouteOptions) =>
  new Hono<AuthEnv>()
    .get('/categories', requires('map:read'), async (c) =>
      c.json(await queryRows<{ code: string; nameZh: string; nameEn: string; policeMatter: boolean; defaultPriority: number; color: string }>(handle.db, sql`
        select code, name_zh as "nameZh", name_en as "nameEn", police_matter as "policeMatter", default_priority as "defaultPriority", color
        from incident_categories order by code`)),
    )
    .post('/', requires('incidents:report'), tooLarge('single'), validate('json', incidentInput), async (c) => {
      const [outcome] = await ingestIncidents(handle.db, [c.req.valid('json')], { toleranceM: options.toleranceM })
      // A re-sent id answers with the stored record, but only if the caller may see it: otherwise a
      // guessed 110 case number would read another station's incident.
      const scope = outcome!.status === 'created' ? sql`true` : incidentScope(c.var.principal.scope)
      const [record] = await incidentRecords(handle.db, sql`i.id = ${outcome!.id} and ${scope}`)
      if (!record) throw new InputError('An incident with this source and externalId is already stored, outside your scope', 'externalId', 409)
      return c.json(record, outcome!.status === 'created' ? 201 : 200)
    })
    .post('/batch', requires('incidents:import'), tooLarge('batch'), validate('json', incidentBatch), async (c) => {
      const outcomes = await ingestIncidents(handle.db, c.req.valid('json').items, { toleranceM: options.toleranceM, fieldPrefix: (i) => `items.${i}.` })
      const byAssignment: Record<string, number> = {}
      for (const o of new Map(outcomes.map((o) => [o.id, o])).values()) byAssignment[o.assignment] = (byAssignment[o.assignment] ?? 0) + 1
      return c.json({
        results: outcomes,
        summary: {
          received: outcomes.length,
          created: outcomes.filter((o) => o.status === 'created').length,
          existing: outcomes.filter((o) => o.status === 'existing').length,
          byAssignment,
        },
      })
    })
    .patch('/:id', requires('incidents:dispatch'), tooLarge('single'), validate('param', idParam), validate('json', timeChainUpdate), async (c) => {
      const { id } = c.req.valid('param')
      // Another station's incident is answered like a missing one.
      const [inScope] = await queryRows<{ id: number }>(handle.db, sql`select i.id from incidents i where i.id = ${id} and ${incidentScope(c.var.principal.scope)}`)
      if (!inScope) throw new InputError(`No incident ${id}`, 'id', 404)
      await updateTimeChain(handle.db, id, c.req.valid('json'))
      const [record] = await incidentRecords(handle.db, sql`i.id = ${id}`)
      return c.json(record!)
    })
    .get('/columns', requires('incidents:read'), validate('query', incidentFilter), async (c) => {
      const cols = await incidentColumns(handle.db, sql`${incidentWhere(c.req.valid('query'))} and ${incidentScope(c.var.principal.scope)}`)
      return arrowResponse(c, { ...cols }, { categories: categoryCodes.join(',') })
    })
    /** CSV of the incidents in scope matching the filters; formula-like cells are neutralised. */
    .get('/export.csv', requires('incidents:read'), validate('query', incidentFilter), async (c) => {
      const where = sql`${incidentWhere(c.req.valid('query'))} and ${incidentScope(c.var.principal.scope)}`
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', 'attachment; filename="gridwatch-incidents.csv"')
      return stream(c, async (out) => {
        await out.write(csvHeader())
        for await (const page of exportPages(handle.db, where)) await out.write(csvLines(page))
      })
    })
    .get('/', requires('incidents:read'), validate('query', listQuery), async (c) => {
      const q = c.req.valid('query')
      const scoped = sql`${incidentWhere(q)} and ${incidentScope(c.var.principal.scope)}`
      const where = q.cursor ? sql`${scoped} and i.id < ${Number(q.cursor)}` : scoped
      const items = await incidentRecords(handle.db, where, { orderBy: sql`i.id desc`, limit: q.limit + 1 })
      const page = items.slice(0, q.limit)
      return c.json({ items: page, next: items.length > q.limit ? String(page[page.length - 1]!.id) : null })
    })
    /** The nearest police posts and cameras (cameras of the caller's scope, for roles that see cameras). */
    .get('/:id/nearby', requires('incidents:read'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const { scope, user } = c.var.principal
      const nearby = await incidentNearby(handle.db, scope, id, { posts: 3, cameras: can(user.role, 'cameras:read') ? 6 : 0 })
      if (!nearby) throw new InputError(`No incident ${id}`, 'id', 404)
      return c.json(nearby)
    })
    .get('/:id', requires('incidents:read'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const [record] = await incidentRecords(handle.db, sql`i.id = ${id} and ${incidentScope(c.var.principal.scope)}`)
      if (!record) throw new InputError(`No incident ${id}`, 'id', 404)
      return c.json(record)
    })
