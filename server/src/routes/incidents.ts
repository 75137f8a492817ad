import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { incidentBatch, incidentFilter, incidentInput, timeChainUpdate } from '../contracts'
import { queryRows, type DatabaseHandle } from '../db/client'
import { ingestIncidents } from '../services/ingest-incidents'
import { InputError } from '../services/errors'
import { updateTimeChain } from '../services/update-time-chain'
import { categoryCodes, incidentColumns } from '../spatial/incident-columns'
import { incidentWhere } from '../spatial/incident-filter'
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
const tooLarge = (limit: string) => bodyLimit({ maxSize: limit === 'single' ? 64 * 1024 : 16 * 1024 * 1024, onError: (c) => apiError(c, 413, 'body_too_large', 'Request body too large') })

export interface IncidentRouteOptions {
  toleranceM: number
}

/** Ingest (110, 12345, grid platform), time-chain updates, queries and the map's column feed. */
export const incidentRoutes = (handle: DatabaseHandle, options: IncidentRouteOptions) =>
  new Hono()
    .get('/categories', async (c) =>
      c.json(await queryRows<{ code: string; nameZh: string; nameEn: string; policeMatter: boolean; defaultPriority: number; color: string }>(handle.db, sql`
        select code, name_zh as "nameZh", name_en as "nameEn", police_matter as "policeMatter", default_priority as "defaultPriority", color
        from incident_categories order by code`)),
    )
    .post('/', tooLarge('single'), validate('json', incidentInput), async (c) => {
      const [outcome] = await ingestIncidents(handle.db, [c.req.valid('json')], { toleranceM: options.toleranceM })
      const [record] = await incidentRecords(handle.db, sql`i.id = ${outcome!.id}`)
      return c.json(record!, outcome!.status === 'created' ? 201 : 200)
    })
    .post('/batch', tooLarge('batch'), validate('json', incidentBatch), async (c) => {
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
    .patch('/:id', tooLarge('single'), validate('param', idParam), validate('json', timeChainUpdate), async (c) => {
      const { id } = c.req.valid('param')
      await updateTimeChain(handle.db, id, c.req.valid('json'))
      const [record] = await incidentRecords(handle.db, sql`i.id = ${id}`)
      return c.json(record!)
    })
    .get('/columns', validate('query', incidentFilter), async (c) => {
      const cols = await incidentColumns(handle.db, incidentWhere(c.req.valid('query')))
      return arrowResponse(c, { ...cols }, { categories: categoryCodes.join(',') })
    })
    .get('/', validate('query', listQuery), async (c) => {
      const q = c.req.valid('query')
      const where = q.cursor ? sql`${incidentWhere(q)} and i.id < ${Number(q.cursor)}` : incidentWhere(q)
      const items = await incidentRecords(handle.db, where, { orderBy: sql`i.id desc`, limit: q.limit + 1 })
      const page = items.slice(0, q.limit)
      return c.json({ items: page, next: items.length > q.limit ? String(page[page.length - 1]!.id) : null })
    })
    .get('/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const [record] = await incidentRecords(handle.db, sql`i.id = ${id}`)
      if (!record) throw new InputError(`No incident ${id}`, 'id', 404)
      return c.json(record)
    })
