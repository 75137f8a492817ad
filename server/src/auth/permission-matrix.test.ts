import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { can, roles, type Permission, type Role } from '../contracts/auth'
import type { DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import { signInAs, type TestSession } from './testing'

/**
 * Every route, called as every role. Each route names what it needs: `public` (no session),
 * `session` (any signed-in user) or a permission of the matrix in contracts/auth.ts. A route added
 * to the app without a line here fails the first test.
 */
type Need = 'public' | 'session' | Permission
interface Probe {
  need: Need
  path: string
  body?: unknown
  form?: { name: string; content: string }
}

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
const sessions = {} as Record<Role, TestSession>
let seq = 0

const incident = () => ({ source: '110', externalId: `M${++seq}`, category: 'theft', lon: 120.19, lat: 29.7, reportedAt: '2026-03-01T10:00:00Z' })
const probes = (): Record<string, Probe> => ({
  'GET /api/health': { need: 'public', path: '/api/health' },
  'GET /api/auth/config': { need: 'public', path: '/api/auth/config' },
  'POST /api/auth/login': { need: 'public', path: '/api/auth/login', body: { username: sessions.viewer.username, password: 'correct horse battery staple' } },
  'GET /api/auth/me': { need: 'session', path: '/api/auth/me' },
  'POST /api/auth/logout': { need: 'session', path: '/api/auth/logout', body: {} },
  'GET /api/openapi.json': { need: 'session', path: '/api/openapi.json' },
  'GET /api/docs': { need: 'session', path: '/api/docs' },
  'GET /api/docs/init.js': { need: 'session', path: '/api/docs/init.js' },
  'GET /api/docs/:asset{swagger-ui\\.css|swagger-ui-bundle\\.js}': { need: 'session', path: '/api/docs/swagger-ui.css' },
  'GET /api/health/counts': { need: 'stats:read', path: '/api/health/counts' },
  'GET /api/grids/stats': { need: 'stats:read', path: '/api/grids/stats' },
  'GET /api/households/summary': { need: 'stats:read', path: '/api/households/summary' },
  'GET /api/wall/kpis': { need: 'stats:read', path: '/api/wall/kpis' },
  'GET /api/grids/:id/card': { need: 'stats:read', path: `/api/grids/${fx.a.gridId}/card` },
  'GET /api/map/areas': { need: 'map:read', path: '/api/map/areas' },
  'GET /api/map/grids': { need: 'map:read', path: '/api/map/grids' },
  'GET /api/map/posts': { need: 'map:read', path: '/api/map/posts' },
  'GET /api/basemap/info': { need: 'map:read', path: '/api/basemap/info' },
  'GET /api/basemap/tiles/:z/:x/:y{[0-9]+\\.pbf}': { need: 'map:read', path: '/api/basemap/tiles/12/3412/1708.pbf' },
  'GET /api/incidents/categories': { need: 'map:read', path: '/api/incidents/categories' },
  'GET /api/map/cameras': { need: 'cameras:read', path: '/api/map/cameras' },
  'GET /api/incidents': { need: 'incidents:read', path: '/api/incidents' },
  'GET /api/cameras': { need: 'cameras:read', path: '/api/cameras' },
  'GET /api/cameras/:id': { need: 'cameras:read', path: '/api/cameras/999999' },
  'POST /api/cameras': { need: 'cameras:manage', path: '/api/cameras', body: { code: `CAM${++seq}`, name: 'x', lon: 120.19, lat: 29.7, bearing: 90, fov: 60, rangeM: 50, heightM: 5, kind: 'fixed', owner: 'public' } },
  'PATCH /api/cameras/:id': { need: 'cameras:manage', path: '/api/cameras/999999', body: { status: 'offline' } },
  'DELETE /api/cameras/:id': { need: 'cameras:manage', path: '/api/cameras/999999' },
  'POST /api/import/cameras': { need: 'cameras:manage', path: '/api/import/cameras', form: { name: 'c.csv', content: `code,name,lon,lat,bearing,fov,rangeM,heightM,kind,owner\nIMP${++seq},x,120.19,29.7,90,60,50,5,fixed,public\n` } },
  'GET /api/coverage/grids': { need: 'cameras:read', path: '/api/coverage/grids' },
  'GET /api/coverage/view-areas': { need: 'cameras:read', path: '/api/coverage/view-areas?bbox=120.1,29.6,120.3,29.8' },
  'GET /api/coverage/blind-spots': { need: 'cameras:read', path: '/api/coverage/blind-spots?bbox=120.1,29.6,120.3,29.8' },
  'GET /api/coverage/key-sites': { need: 'cameras:read', path: '/api/coverage/key-sites' },
  'GET /api/coverage/at-point': { need: 'cameras:read', path: '/api/coverage/at-point?lon=120.19&lat=29.7' },
  'GET /api/coverage/suggestions': { need: 'cameras:read', path: `/api/coverage/suggestions?grid=${fx.a.gridId}&k=1` },
  'GET /api/coverage/reach': { need: 'map:read', path: '/api/coverage/reach' },
  'GET /api/incidents/:id': { need: 'incidents:read', path: '/api/incidents/1' },
  'GET /api/incidents/:id/nearby': { need: 'incidents:read', path: '/api/incidents/1/nearby' },
  'GET /api/incidents/columns': { need: 'incidents:read', path: '/api/incidents/columns' },
  'GET /api/incidents/export.csv': { need: 'incidents:read', path: '/api/incidents/export.csv' },
  'GET /api/live': { need: 'incidents:read', path: '/api/live' },
  'POST /api/incidents': { need: 'incidents:report', path: '/api/incidents', body: incident() },
  'PATCH /api/incidents/:id': { need: 'incidents:dispatch', path: '/api/incidents/1', body: { acceptedAt: '2026-03-01T10:00:30Z' } },
  'POST /api/incidents/batch': { need: 'incidents:import', path: '/api/incidents/batch', body: { items: [incident()] } },
  'POST /api/import/incidents': { need: 'incidents:import', path: '/api/import/incidents?lon=lon&lat=lat', form: { name: 'x.csv', content: 'lon,lat\n120.19,29.7\n' } },
  'POST /api/import/grids': { need: 'grids:import', path: '/api/import/grids', form: { name: 'g.geojson', content: '{"type":"FeatureCollection","features":[]}' } },
  'GET /api/disputes': { need: 'disputes:read', path: '/api/disputes' },
  'GET /api/disputes/:id': { need: 'disputes:read', path: `/api/disputes/${fx.disputeA}` },
  'GET /api/disputes/kpis': { need: 'stats:read', path: '/api/disputes/kpis?from=2026-01-01&to=2027-01-01' },
  'POST /api/disputes': { need: 'disputes:manage', path: '/api/disputes', body: { type: 'neighbour', risk: 'low', summary: '噪音', lon: 120.19, lat: 29.7 } },
  'POST /api/disputes/:id/transition': { need: 'disputes:manage', path: '/api/disputes/999999/transition', body: { to: 'accepted' } },
  'POST /api/disputes/:id/escalate': { need: 'disputes:manage', path: '/api/disputes/999999/escalate', body: { reason: 'x' } },
  'POST /api/disputes/:id/deescalate': { need: 'disputes:manage', path: '/api/disputes/999999/deescalate', body: { reason: 'x' } },
  'POST /api/disputes/:id/judicial': { need: 'disputes:manage', path: '/api/disputes/999999/judicial', body: { granted: true, on: '2026-06-01' } },
  'POST /api/disputes/:id/documents': { need: 'disputes:manage', path: '/api/disputes/999999/documents?kind=other', form: { name: 'scan.pdf', content: '%PDF-1.4 x' } },
  'DELETE /api/disputes/:id/documents/:documentId': { need: 'disputes:manage', path: '/api/disputes/999999/documents/1' },
  'GET /api/disputes/:id/documents/:documentId': { need: 'disputes:parties', path: `/api/disputes/${fx.disputeA}/documents/999999` },
  'POST /api/disputes/:id/follow-up': { need: 'disputes:manage', path: '/api/disputes/999999/follow-up', body: { scheduleOn: '2026-06-01' } },
  'GET /api/households': { need: 'households:read', path: '/api/households?grid=330699001001001' },
  'GET /api/households/:id': { need: 'households:read', path: `/api/households/${fx.householdsA[0]}` },
  'GET /api/people': { need: 'people:read', path: '/api/people?role=police_officer' },
  'GET /api/plans': { need: 'grids:plan', path: '/api/plans' },
  'POST /api/plans': { need: 'grids:plan', path: '/api/plans', body: { name: `方案${++seq}`, areaId: 999999 } },
  'GET /api/plans/:id': { need: 'grids:plan', path: '/api/plans/999999' },
  'PUT /api/plans/:id/grids': { need: 'grids:plan', path: '/api/plans/999999/grids', body: { revision: 1, grids: { type: 'FeatureCollection', features: [] } } },
  'DELETE /api/plans/:id': { need: 'grids:plan', path: '/api/plans/999999' },
  'GET /api/plans/:id/scores': { need: 'grids:plan', path: '/api/plans/999999/scores' },
  'GET /api/plans/:id/validation': { need: 'grids:plan', path: '/api/plans/999999/validation' },
  'GET /api/plans/:id/diff': { need: 'grids:plan', path: '/api/plans/999999/diff' },
  'POST /api/plans/:id/suggestion': { need: 'grids:plan', path: '/api/plans/999999/suggestion', body: {} },
  'GET /api/plans/:id/export': { need: 'grids:plan', path: '/api/plans/999999/export' },
  'POST /api/plans/:id/import': { need: 'grids:plan', path: '/api/plans/999999/import?revision=1', form: { name: 'g.geojson', content: '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[120.19,29.7],[120.2,29.7],[120.2,29.71],[120.19,29.7]]]}}]}' } },
  'POST /api/plans/:id/publish': { need: 'grids:plan', path: '/api/plans/999999/publish', body: {} },
  'GET /api/versions': { need: 'grids:plan', path: '/api/versions' },
  'POST /api/versions/:id/republish': { need: 'grids:plan', path: '/api/versions/999999/republish', body: {} },
  'POST /api/exchange/inbound/:partner/events': { need: 'public', path: '/api/exchange/inbound/nobody/events', body: {} },
  'POST /api/exchange/inbound/:partner/status': { need: 'public', path: '/api/exchange/inbound/nobody/status', body: {} },
  'GET /api/exchange/partners': { need: 'exchange:manage', path: '/api/exchange/partners' },
  'PUT /api/exchange/partners/:partner': { need: 'exchange:manage', path: '/api/exchange/partners/hotline', body: { name: '12345', endpointUrl: null, secret: 'x'.repeat(40), categories: ['noise'] } },
  'GET /api/exchange/outbox': { need: 'exchange:manage', path: '/api/exchange/outbox' },
  'POST /api/exchange/outbox/:id/retry': { need: 'exchange:manage', path: '/api/exchange/outbox/999999/retry', body: {} },
  'GET /api/exchange/duplicates': { need: 'incidents:read', path: '/api/exchange/duplicates' },
  'POST /api/exchange/duplicates/:id': { need: 'incidents:dispatch', path: '/api/exchange/duplicates/999999', body: { decision: 'dismiss' } },
  'GET /api/users': { need: 'users:manage', path: '/api/users' },
  'POST /api/users': { need: 'users:manage', path: '/api/users', body: { username: `u${++seq}`, displayName: 'x', password: 'a long enough password', role: 'viewer' } },
  'PATCH /api/users/:id': { need: 'users:manage', path: '/api/users/999999', body: { displayName: 'y' } },
  'GET /api/audit': { need: 'audit:read', path: '/api/audit' },
  'GET /api/audit/export.csv': { need: 'audit:read', path: '/api/audit/export.csv' },
})

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle })
  for (const role of roles) {
    sessions[role] = await signInAs(handle.db, app, role, {
      stationId: role === 'station_chief' || role === 'officer' ? fx.a.stationId : undefined,
      personId: role === 'grid_worker' ? fx.workerA : undefined,
    })
  }
})
afterAll(() => handle.close())

async function call(probe: Probe, method: string, session?: TestSession) {
  const init: RequestInit = { method }
  if (probe.body !== undefined) init.body = JSON.stringify(probe.body)
  if (probe.body !== undefined) init.headers = { 'content-type': 'application/json' }
  if (probe.form) {
    const form = new FormData()
    form.append('file', new Blob([probe.form.content]), probe.form.name)
    init.body = form
  }
  const abort = new AbortController()
  init.signal = abort.signal
  const res = session ? await session.request(probe.path, init) : await app.request(probe.path, init)
  // Streams (the live feed) are not read to the end.
  abort.abort()
  return res.status
}

const allowed = (role: Role, need: Need) => need === 'public' || need === 'session' || can(role, need)

describe('permission matrix', () => {
  it('has a line for every route of the app', () => {
    const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort()
    expect(routes).toEqual(Object.keys(probes()).sort())
  })

  it('refuses every non-public route without a session', async () => {
    for (const [key, probe] of Object.entries(probes())) {
      if (probe.need === 'public') continue
      expect(await call(probe, key.split(' ')[0]!), key).toBe(401)
    }
  })

  it.each(roles)('lets %s call exactly the routes of its permissions', async (role) => {
    // Sign-out last: it ends the session the other calls use.
    const entries = Object.entries(probes()).sort(([a], [b]) => Number(a === 'POST /api/auth/logout') - Number(b === 'POST /api/auth/logout'))
    for (const [key, probe] of entries) {
      const status = await call(probe, key.split(' ')[0]!, sessions[role])
      if (allowed(role, probe.need)) {
        expect([401, 403], `${role} ${key} → ${status}`).not.toContain(status)
        expect(status, `${role} ${key}`).toBeLessThan(500)
      }
      else expect(status, `${role} ${key}`).toBe(403)
    }
    // The sign-out above really ended the session.
    expect(await call(probes()['GET /api/auth/me']!, 'GET', sessions[role])).toBe(401)
  })
})
