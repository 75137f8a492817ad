import { Hono } from 'hono'
import { atPointQuery, blindSpotsQuery, cameraSet, reachQuery, suggestionsQuery, viewAreasQuery } from '../contracts/coverage'
import type { Database } from '../db/client'
import { can } from '../contracts/auth'
import { requires, type AuthEnv } from '../auth'
import { blindSpots } from '../spatial/coverage/blind-spots'
import { camerasAtPoint, incidentPoint } from '../spatial/coverage/cameras-at-point'
import { suggestCameraSites } from '../spatial/coverage/camera-suggestions'
import { gridCoverageRows } from '../spatial/coverage/grid-coverage'
import { keySiteCoverage } from '../spatial/coverage/key-sites'
import { postReach } from '../spatial/coverage/post-reach'
import { viewAreasInBox } from '../spatial/coverage/view-areas'
import { z } from 'zod'
import { apiError } from './errors'
import { validate } from './validate'

/** Camera coverage (视频覆盖) and police-post reach, inside the caller's scope. */
export const coverageRoutes = (db: Database) =>
  new Hono<AuthEnv>()
    .get('/grids', requires('cameras:read'), async (c) => c.json(await gridCoverageRows(db, c.var.principal.scope)))
    .get('/view-areas', requires('cameras:read'), validate('query', viewAreasQuery), async (c) => {
      const q = c.req.valid('query')
      return c.json(await viewAreasInBox(db, c.var.principal.scope, q.bbox, q.cameras))
    })
    .get('/blind-spots', requires('cameras:read'), validate('query', blindSpotsQuery), async (c) => {
      const q = c.req.valid('query')
      return c.json(await blindSpots(db, c.var.principal.scope, { bbox: q.bbox, grid: q.grid }, q.cameras, q.minLengthM))
    })
    .get('/key-sites', requires('cameras:read'), validate('query', z.object({ cameras: cameraSet.default('online') })), async (c) =>
      c.json(await keySiteCoverage(db, c.var.principal.scope, c.req.valid('query').cameras)),
    )
    .get('/at-point', requires('cameras:read'), validate('query', atPointQuery), async (c) => {
      const q = c.req.valid('query')
      const { scope, user } = c.var.principal
      if ('incident' in q) {
        // An incident's point is incident data: only for roles that may read incidents.
        if (!can(user.role, 'incidents:read')) return apiError(c, 403, 'forbidden', 'Your role may not read incidents', 'incident')
        const point = await incidentPoint(db, scope, q.incident)
        if (!point) return apiError(c, 404, 'not_found', 'No such incident', 'incident')
        return c.json(await camerasAtPoint(db, scope, point.lon, point.lat))
      }
      return c.json(await camerasAtPoint(db, scope, q.lon, q.lat))
    })
    .get('/suggestions', requires('cameras:read'), validate('query', suggestionsQuery), async (c) => {
      const q = c.req.valid('query')
      const area = q.grid !== undefined ? { kind: 'grid' as const, id: q.grid } : { kind: 'township' as const, id: q.township! }
      const result = await suggestCameraSites(db, c.var.principal.scope, { area, k: q.k, kind: q.kind, fov: q.fov, rangeM: q.rangeM })
      return result ? c.json(result) : apiError(c, 404, 'not_found', `No such ${area.kind} in your scope`, area.kind)
    })
    .get('/reach', requires('map:read'), validate('query', reachQuery), async (c) => c.json(await postReach(db, c.var.principal.scope, c.req.valid('query'))))
