import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { DatabaseHandle } from './db/client'
import { apiError, onApiError } from './routes/errors'
import { basemapRoutes } from './routes/basemap'
import { gridRoutes } from './routes/grids'
import { healthRoutes } from './routes/health'
import { docsRoutes } from './openapi/docs-page'
import { importRoutes } from './routes/imports'
import { incidentRoutes } from './routes/incidents'
import { liveRoutes } from './routes/live'
import { mapRoutes } from './routes/map'
import { createLiveBus, type LiveBus } from './live/bus'
import { createBasemapTiles, type BasemapTiles } from './services/basemap-tiles'
import { DEFAULT_NEAREST_TOLERANCE_M } from './spatial/assign-incidents'

export interface AppDeps {
  handle: DatabaseHandle
  basemap?: BasemapTiles
  /** Distance within which a point outside every grid still goes to the nearest grid, metres. */
  nearestToleranceM?: number
  /** The live feed of this process (one LISTEN shared by every browser). */
  live?: LiveBus
}

/** The API. Routers are chained so that `hc<AppType>` in the web app sees every route and its types. */
export function createApp({ handle, basemap = createBasemapTiles(handle.db), nearestToleranceM = DEFAULT_NEAREST_TOLERANCE_M, live = createLiveBus(handle) }: AppDeps) {
  return new Hono()
    .use(
      '*',
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // maplibre and deck.gl start their workers from blob: URLs.
          workerSrc: ["'self'", 'blob:'],
          childSrc: ["'self'", 'blob:'],
          imgSrc: ["'self'", 'data:', 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
        },
        crossOriginEmbedderPolicy: false,
      }),
    )
    .onError(onApiError)
    .route('/api/health', healthRoutes(handle))
    .route('/api', docsRoutes())
    .route('/api/incidents', incidentRoutes(handle, { toleranceM: nearestToleranceM }))
    .route('/api/grids', gridRoutes(handle))
    .route('/api/import', importRoutes(handle, { toleranceM: nearestToleranceM }))
    .route('/api/live', liveRoutes(live))
    .route('/api/map', mapRoutes(handle))
    .route('/api/basemap', basemapRoutes(handle, basemap))
    .all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`))
}

export type AppType = ReturnType<typeof createApp>
