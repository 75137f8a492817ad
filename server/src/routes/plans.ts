import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { planCreate, planSave, publishBody, suggestionBody, validationQuery } from '../contracts/plans'
import type { Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { listVersions } from '../services/boundary-versions'
import { exportPlanGeoJson, exportPlanShapefile, importPlanFile } from '../services/plan-files'
import { createPlan, discardPlan, getPlan, listPlans, savePlanGrids } from '../services/grid-plans'
import { publishPlan, republishVersion } from '../services/publish-plan'
import { planDiff } from '../spatial/planning/plan-diff'
import { suggestRebalance } from '../spatial/planning/suggest-rebalance'
import { planScores } from '../spatial/planning/plan-scores'
import { validatePlan } from '../spatial/planning/plan-validation'
import { apiError } from './errors'
import { uploadedBoundaries } from './upload'
import { validate } from './validate'

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
const notFound = (c: Context) => apiError(c, 404, 'not_found', 'No such plan', 'id')
const column = z.string().trim().min(1).max(100)
const importQuery = z.object({ revision: z.coerce.number().int().positive(), nameField: column.optional(), codeField: column.optional() })
const exportQuery = z.object({ format: z.enum(['geojson', 'shapefile']).default('geojson') })
/** Boundary files for a plan: a community or township is a few MB at most. */
const MAX_PLAN_FILE_BYTES = 50 * 1024 ** 2

/** Grid planner (网格规划): draft plans, their live scores and validation. Changes are audited. */
export const planRoutes = (db: Database, options: { trustProxy: boolean; toleranceM?: number }) => {
  const audit = (c: Context<AuthEnv>, tx: Database, action: string, id: number, detail: Record<string, unknown>) =>
    writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action, subjectType: 'grid_plan', subjectIds: [id], detail })
  return new Hono<AuthEnv>()
    .get('/', requires('grids:plan'), async (c) => c.json(await listPlans(db)))
    .post('/', requires('grids:plan'), validate('json', planCreate), async (c) => {
      const input = c.req.valid('json')
      const plan = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const created = await createPlan(tx, c.var.principal.user.id, input)
        await audit(c, tx, 'plan.create', created.id, { areaId: input.areaId, name: input.name, grids: created.grids })
        return created
      })
      return c.json(plan, 201)
    })
    .get('/:id', requires('grids:plan'), validate('param', idParam), async (c) => {
      const plan = await getPlan(db, c.req.valid('param').id)
      return plan ? c.json(plan) : notFound(c)
    })
    .put('/:id/grids', requires('grids:plan'), validate('param', idParam), validate('json', planSave), async (c) => {
      const plan = await savePlanGrids(db, c.req.valid('param').id, c.req.valid('json'))
      return plan ? c.json(plan) : notFound(c)
    })
    .delete('/:id', requires('grids:plan'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const discarded = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const done = await discardPlan(tx, id)
        if (done) await audit(c, tx, 'plan.discard', id, {})
        return done
      })
      return discarded ? c.body(null, 204) : notFound(c)
    })
    .get('/:id/scores', requires('grids:plan'), validate('param', idParam), async (c) => {
      const scores = await planScores(db, c.req.valid('param').id)
      return scores ? c.json(scores) : notFound(c)
    })
    .get('/:id/validation', requires('grids:plan'), validate('param', idParam), validate('query', validationQuery), async (c) => {
      const result = await validatePlan(db, c.req.valid('param').id, c.req.valid('query').toleranceM2)
      return result ? c.json(result) : notFound(c)
    })
    .get('/:id/diff', requires('grids:plan'), validate('param', idParam), async (c) => {
      const diff = await planDiff(db, c.req.valid('param').id)
      return diff ? c.json(diff) : notFound(c)
    })
    .get('/:id/export', requires('grids:plan'), validate('param', idParam), validate('query', exportQuery), async (c) => {
      const { id } = c.req.valid('param')
      const plan = await getPlan(db, id)
      if (!plan) return notFound(c)
      const base = `plan-${id}-r${plan.revision}`
      if (c.req.valid('query').format === 'geojson') {
        c.header('content-disposition', `attachment; filename="${base}.geojson"`)
        return c.body(JSON.stringify(await exportPlanGeoJson(db, id)), 200, { 'content-type': 'application/geo+json' })
      }
      const zip = await exportPlanShapefile(db, id, base)
      return c.body(zip.buffer as ArrayBuffer, 200, { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${base}.zip"` })
    })
    /** GeoJSON, KML or zipped Shapefile → the draft's grids (replacing them; `revision` as for a save). */
    .post('/:id/import', requires('grids:plan'), validate('param', idParam), validate('query', importQuery), async (c) => {
      const q = c.req.valid('query')
      const { file } = await uploadedBoundaries(c.req.raw, MAX_PLAN_FILE_BYTES)
      const plan = await importPlanFile(db, c.req.valid('param').id, file, q)
      return plan ? c.json({ ...plan, format: file.format, skipped: file.skipped }) : notFound(c)
    })
    .post('/:id/suggestion', requires('grids:plan'), validate('param', idParam), validate('json', suggestionBody), async (c) => {
      const suggestion = await suggestRebalance(db, c.req.valid('param').id, c.req.valid('json').maxMoves)
      return suggestion ? c.json(suggestion) : notFound(c)
    })
    .post('/:id/publish', requires('grids:plan'), validate('param', idParam), validate('json', publishBody), async (c) => {
      const { id } = c.req.valid('param')
      const result = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const published = await publishPlan(tx, id, { author: c.var.principal.user.username, note: c.req.valid('json').note, toleranceM: options.toleranceM })
        if (published) await audit(c, tx, 'plan.publish', id, { ...published })
        return published
      })
      return result ? c.json(result) : notFound(c)
    })
}

/** Boundary versions: the history, and roll back by publishing an earlier one again. */
export const versionRoutes = (db: Database, options: { trustProxy: boolean; toleranceM?: number }) =>
  new Hono<AuthEnv>()
    .get('/', requires('grids:plan'), async (c) => c.json(await listVersions(db)))
    .post('/:id/republish', requires('grids:plan'), validate('param', idParam), validate('json', publishBody), async (c) => {
      const { id } = c.req.valid('param')
      const result = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const published = await republishVersion(tx, id, { author: c.var.principal.user.username, note: c.req.valid('json').note, toleranceM: options.toleranceM })
        if (published) {
          await writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action: 'version.republish', subjectType: 'boundary_version', subjectIds: [id], detail: { ...published } })
        }
        return published
      })
      return result ? c.json(result) : apiError(c, 404, 'not_found', 'No such version', 'id')
    })
