import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { cameraInput, cameraListQuery, cameraUpdate } from '../contracts/cameras'
import type { Database } from '../db/client'
import { clientIp, requestOrigin, requires, writeAudit, type AuthEnv } from '../auth'
import { createCamera, deleteCamera, getCamera, listCameras, updateCamera } from '../services/camera-registry'
import { apiError } from './errors'
import { validate } from './validate'

const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
const notFound = (c: Context) => apiError(c, 404, 'not_found', 'No such camera', 'id')

/** The camera registry. Reads follow the caller's scope; every change is audited in its transaction. */
export const cameraRoutes = (db: Database, options: { trustProxy: boolean }) => {
  const audit = (c: Context<AuthEnv>, tx: Database, action: string, id: number, detail: Record<string, unknown>) =>
    writeAudit(tx, c.var.principal, requestOrigin(c, clientIp(c, options.trustProxy)), { action, subjectType: 'camera', subjectIds: [id], detail })
  return new Hono<AuthEnv>()
    .get('/', requires('cameras:read'), validate('query', cameraListQuery), async (c) => c.json(await listCameras(db, c.var.principal.scope, c.req.valid('query'))))
    .get('/:id', requires('cameras:read'), validate('param', idParam), async (c) => {
      const camera = await getCamera(db, c.var.principal.scope, c.req.valid('param').id)
      return camera ? c.json(camera) : notFound(c)
    })
    .post('/', requires('cameras:manage'), validate('json', cameraInput), async (c) => {
      const input = c.req.valid('json')
      const camera = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const created = await createCamera(tx, c.var.principal.scope, input)
        await audit(c, tx, 'camera.create', created.id, { code: created.code, stationId: created.stationId })
        return created
      })
      return c.json(camera, 201)
    })
    .patch('/:id', requires('cameras:manage'), validate('param', idParam), validate('json', cameraUpdate), async (c) => {
      const { id } = c.req.valid('param')
      const change = c.req.valid('json')
      const camera = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const updated = await updateCamera(tx, c.var.principal.scope, id, change)
        if (updated) await audit(c, tx, 'camera.update', id, change)
        return updated
      })
      return camera ? c.json(camera) : notFound(c)
    })
    .delete('/:id', requires('cameras:manage'), validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param')
      const deleted = await db.transaction(async (transaction) => {
        const tx = transaction as unknown as Database
        const done = await deleteCamera(tx, c.var.principal.scope, id)
        if (done) await audit(c, tx, 'camera.delete', id, {})
        return done
      })
      return deleted ? c.body(null, 204) : notFound(c)
    })
}
