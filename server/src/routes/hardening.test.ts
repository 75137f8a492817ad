import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'

/** Bad input gets a 4xx naming the field, and nothing is written. */
let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let commander: TestSession
let admin: TestSession

beforeAll(async () => {
  handle = await createTestDatabase()
  await createTwoStations(handle.db)
  app = createApp({ handle })
  commander = await signInAs(handle.db, app, 'commander')
  admin = await signInAs(handle.db, app, 'admin')
})
afterAll(() => handle.close())

const count = async (table: 'incidents' | 'boundary_versions' | 'grids') => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n
const postRaw = (path: string, body: string) => commander.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
async function expectRefused(res: Response, status: number, field: string) {
  expect(res.status).toBe(status)
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } }
  expect(body.error.field).toBe(field)
  expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/)
}
const valid = { source: '110', externalId: 'H-1', category: 'theft', lon: 120.19, lat: 29.7, reportedAt: '2026-03-01T10:00:00Z' }

describe('bad input', () => {
  it('refuses malformed JSON, wrong types and non-finite coordinates, naming the field', async () => {
    await expectRefused(await postRaw('/api/incidents', '{"source": "110", "externalId": '), 400, 'body')
    await expectRefused(await postRaw('/api/incidents', JSON.stringify({ ...valid, lat: '29.7' })), 400, 'lat')
    await expectRefused(await postRaw('/api/incidents', JSON.stringify({ ...valid, lon: null })), 400, 'lon')
    // JSON has no NaN or Infinity; 1e999 is how they arrive (it parses to Infinity).
    await expectRefused(await postRaw('/api/incidents', JSON.stringify(valid).replace('"lon":120.19', '"lon":1e999')), 400, 'lon')
    await expectRefused(await postRaw('/api/incidents', '{"lon": NaN}'), 400, 'body')
    await expectRefused(await postRaw('/api/incidents/batch', JSON.stringify({ items: [valid, { ...valid, externalId: 'H-2', lat: -1e999 }] }).replace('-Infinity', '-1e999')), 400, 'items.1.lat')
    expect(await count('incidents')).toBe(0)
  })

  it('refuses a 10 MB body before reading it all', async () => {
    const big = JSON.stringify({ ...valid, summary: 'x'.repeat(10 * 1024 * 1024) })
    await expectRefused(await postRaw('/api/incidents', big), 413, 'body')
    await expectRefused(await admin.request('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big }), 413, 'body')
    expect(await count('incidents')).toBe(0)
  })

  it('refuses a 1,000,000-vertex grid polygon and keeps the boundaries as they were', async () => {
    const versions = await count('boundary_versions')
    const ring: [number, number][] = []
    for (let i = 0; i < 1_000_000; i++) {
      const a = (i / 1_000_000) * 2 * Math.PI
      ring.push([120.2 + 0.01 * Math.cos(a), 29.7 + 0.01 * Math.sin(a)])
    }
    ring.push(ring[0]!)
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '巨型网格' }, geometry: { type: 'Polygon', coordinates: [ring] } }] })
    const form = new FormData()
    form.append('file', new Blob([file]), 'huge.geojson')
    await expectRefused(await admin.request('/api/import/grids', { method: 'POST', body: form }), 400, 'features.0.geometry.coordinates')
    expect(await count('boundary_versions')).toBe(versions)
  })

  it('neutralises spreadsheet formulas in CSV exports', async () => {
    const res = await postRaw('/api/incidents', JSON.stringify({ ...valid, externalId: '=1+1', address: '=cmd|"/c calc"!A1', summary: '@SUM(A1)' }))
    expect(res.status).toBe(201)
    const csv = await (await commander.request('/api/incidents/export.csv')).text()
    const row = csv.split('\n')[1]!
    expect(row.startsWith(`'=1+1,`)).toBe(true)
    expect(row).toContain(`"'=cmd|""/c calc""!A1"`)
    expect(csv).not.toMatch(/(^|,)"?[=+@-]/m)
  })
})

describe('responses', () => {
  it('carry a strict content security policy and no-sniff on every route', async () => {
    for (const path of ['/api/health', '/api/incidents', '/api/nowhere']) {
      const res = await commander.request(path)
      const csp = res.headers.get('content-security-policy')!
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp).toContain("frame-ancestors 'none'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
  })

  it('answers an unknown route in the error shape', async () => {
    const res = await commander.request('/api/nowhere')
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No API route GET /api/nowhere' } })
  })
})
