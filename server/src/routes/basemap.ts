import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'
import type { DatabaseHandle } from '../db/client'
import { requires, type AuthEnv } from '../auth'
import { BASEMAP_MAX_ZOOM, type BasemapTiles } from '../services/basemap-tiles'
import { countyBounds } from '../spatial/basemap-features'

const tileParams = z.object({
  z: z.coerce.number().int().min(0).max(BASEMAP_MAX_ZOOM),
  x: z.coerce.number().int().min(0),
  y: z.coerce.number().int().min(0),
})

export const basemapRoutes = (handle: DatabaseHandle, tiles: BasemapTiles) =>
  new Hono<AuthEnv>()
    .use(requires('map:read'))
    .get('/info', async (c) => c.json({ bounds: await countyBounds(handle.db), maxZoom: BASEMAP_MAX_ZOOM }))
    .get('/tiles/:z/:x/:y{[0-9]+\\.pbf}', zValidator('param', tileParams.extend({ y: z.string() })), async (c) => {
      const { z: zoom, x } = c.req.valid('param')
      const y = Number.parseInt(c.req.valid('param').y, 10)
      if (x >= 2 ** zoom || y >= 2 ** zoom) return c.body(null, 204)
      const bytes = await tiles.tile(zoom, x, y)
      if (!bytes) return c.body(null, 204)
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/x-protobuf', 'cache-control': 'private, max-age=300' })
    })
