import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { routePath } from 'hono/route'
import { secureHeaders } from 'hono/secure-headers'
import { authenticate, createLoginLimiter, type AuthEnv } from './auth'
import type { DatabaseHandle } from './db/client'
import { apiError, onApiError } from './routes/errors'
import { auditRoutes } from './routes/audit'
import { authRoutes, type AuthOptions } from './routes/auth'
import { basemapRoutes } from './routes/basemap'
import { cameraRoutes } from './routes/cameras'
import { coverageRoutes } from './routes/coverage'
import { planRoutes, versionRoutes } from './routes/plans'
import { exchangeRoutes } from './routes/exchange'
import { disputeRoutes } from './routes/disputes'
import { peopleRoutes } from './routes/people'
import { householdRoutes } from './routes/households'
import { userRoutes } from './routes/users'
import { wallRoutes } from './routes/wall'
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
import { logEvent } from './log'
import type { DisputeTier } from './contracts/disputes'

export interface AppDeps {
  handle: DatabaseHandle
  basemap?: BasemapTiles
  /** Distance within which a point outside every grid still goes to the nearest grid, metres. */
  nearestToleranceM?: number
  /** The live feed of this process (one LISTEN shared by every browser). */
  live?: LiveBus
  auth?: Partial<AuthOptions>
  /** One structured log line per API request (route pattern, status, duration, user id). */
  requestLog?: boolean
  /** Days each dispute tier has before a case is overdue. */
  disputeDeadlineDays?: Record<DisputeTier, number>
}

/** The only routes that answer without a session. */
const publicPaths = new Set(['/api/health', '/api/auth/login', '/api/auth/config'])
/** Partners' inbound calls carry no session: each is verified by its HMAC signature instead. */
const isPublic = (path: string) => publicPaths.has(path) || path.startsWith('/api/exchange/inbound/')
/** Routes with their own, larger limits (streamed uploads, batches); every other body is capped at 1 MB. */
const ownBodyLimit = (path: string) =>
  path.startsWith('/api/import/') || path === '/api/incidents/batch' || /^\/api\/plans\/\d+\/import$/.test(path) || /^\/api\/disputes\/\d+\/documents$/.test(path)
const jsonBodyLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => apiError(c, 413, 'body_too_large', 'Request body larger than 1 MB', 'body') })
/** A township's grids with surveyed outlines run to a few MB. */
const planBodyLimit = bodyLimit({ maxSize: 16 * 1024 * 1024, onError: (c) => apiError(c, 413, 'body_too_large', 'Plan larger than 16 MB', 'body') })
const isPlanSave = (path: string) => /^\/api\/plans\/\d+\/grids$/.test(path)

export const defaultAuthOptions = (): AuthOptions => ({
  sessionHours: 12,
  trustProxy: false,
  secureCookie: 'auto',
  limiter: createLoginLimiter({ maxFailures: 20, windowMs: 10 * 60_000 }),
  demoAccounts: null,
})

/** The API. Routers are chained so that `hc<AppType>` in the web app sees every route and its types. */
export function createApp({ handle, basemap = createBasemapTiles(handle.db), nearestToleranceM = DEFAULT_NEAREST_TOLERANCE_M, live = createLiveBus(handle), auth = {}, requestLog = false, disputeDeadlineDays }: AppDeps) {
  const authOptions = { ...defaultAuthOptions(), ...auth }
  const { trustProxy } = authOptions
  return new Hono<AuthEnv>()
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
    .use('/api/*', async (c, next) => {
      if (!requestLog) return next()
      const started = performance.now()
      await next()
      // The route pattern (/api/incidents/:id), not the path: ids and query strings stay out of the log.
      logEvent('info', 'request', { method: c.req.method, route: routePath(c, -1), status: c.res.status, ms: Math.round(performance.now() - started), user: c.get('principal')?.user.id })
    })
    .use('/api/*', (c, next) => (ownBodyLimit(c.req.path) ? next() : isPlanSave(c.req.path) ? planBodyLimit(c, next) : jsonBodyLimit(c, next)))
    .use('/api/*', authenticate(handle.db, isPublic))
    .onError(onApiError)
    .route('/api/health', healthRoutes(handle))
    .route('/api/auth', authRoutes(handle.db, authOptions))
    .route('/api/users', userRoutes(handle.db, { trustProxy }))
    .route('/api/audit', auditRoutes(handle.db, { trustProxy }))
    .route('/api', docsRoutes())
    .route('/api/incidents', incidentRoutes(handle, { toleranceM: nearestToleranceM }))
    .route('/api/grids', gridRoutes(handle))
    .route('/api/households', householdRoutes(handle.db, { trustProxy }))
    .route('/api/people', peopleRoutes(handle.db))
    .route('/api/disputes', disputeRoutes(handle.db, { trustProxy, deadlineDays: disputeDeadlineDays }))
    .route('/api/import', importRoutes(handle, { toleranceM: nearestToleranceM, trustProxy }))
    .route('/api/cameras', cameraRoutes(handle.db, { trustProxy }))
    .route('/api/coverage', coverageRoutes(handle.db))
    .route('/api/exchange', exchangeRoutes(handle.db, { trustProxy }))
    .route('/api/plans', planRoutes(handle.db, { trustProxy, toleranceM: nearestToleranceM }))
    .route('/api/versions', versionRoutes(handle.db, { trustProxy, toleranceM: nearestToleranceM }))
    .route('/api/live', liveRoutes(handle.db, live))
    .route('/api/map', mapRoutes(handle))
    .route('/api/wall', wallRoutes(handle.db))
    .route('/api/basemap', basemapRoutes(handle, basemap))
    .all('/api/*', (c) => apiError(c, 404, 'not_found', `No API route ${c.req.method} ${c.req.path}`))
}

export type AppType = ReturnType<typeof createApp>
