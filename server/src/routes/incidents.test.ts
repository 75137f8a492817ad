import { fromWgs84 } from '@gridwatch/data'
import { tableFromIPC } from 'apache-arrow'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { IncidentRecord } from '../contracts'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoGrids } from '../db/testing/two-grids'

let handle: DatabaseHandle
let fx: Awaited<ReturnType<typeof createTwoGrids>>
let app: ReturnType<typeof createApp>
let as: TestSession
let seq = 0

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoGrids(handle.db)
  app = createApp({ handle })
  as = await signInAs(handle.db, app, 'commander')
})
afterAll(() => handle.close())

const post = (path: string, body: unknown) => as.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } })
const incident = (lon: number, lat: number, extra: Record<string, unknown> = {}) => ({
  source: '110',
  externalId: `T${++seq}`,
  category: 'theft',
  lon,
  lat,
  reportedAt: '2026-02-10T10:00:00+08:00',
  ...extra,
})
async function ingest(lon: number, lat: number, extra: Record<string, unknown> = {}) {
  const res = await post('/api/incidents', incident(lon, lat, extra))
  expect(res.status).toBe(201)
  return (await res.json()) as IncidentRecord
}
const count = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from incidents`))[0]!.n

describe('assignment of an incident to its grid', () => {
  it('puts a point inside a grid in that grid, with its 网格长 responsible', async () => {
    const r = await ingest(120.195, 29.705)
    expect(r.assignment).toBe('contains')
    expect(r.grid?.code).toBe('330699001001001')
    expect(r.responsibility).toBe('grid_officer')
    expect(r.responsible?.id).toBe(fx.officerA)
    expect(r.stationId).toBe(fx.stationId)
  })

  it('puts a point on the shared edge in the grid with the lowest code, every time', async () => {
    for (const lat of [29.6901, 29.7, 29.7099]) {
      const r = await ingest(120.2, lat)
      expect(r.assignment).toBe('edge')
      expect(r.grid?.code).toBe('330699001001001')
    }
  })

  it('treats a shared vertex like an edge', async () => {
    const r = await ingest(120.2, 29.71)
    expect(r.assignment).toBe('edge')
    expect(r.grid?.code).toBe('330699001001001')
  })

  it('does not put a point in a hole into the grid around it', async () => {
    const centre = await ingest(120.1875, 29.6975)
    expect(centre.assignment).toBe('unassigned')
    expect(centre.grid).toBeNull()
    // 10 m inside the hole's edge: outside every grid, but within the 50 m tolerance of grid A.
    const nearEdge = await ingest(120.185 + 10 / 96_700, 29.6975)
    expect(nearEdge.assignment).toBe('nearest')
    expect(nearEdge.grid?.code).toBe('330699001001001')
    expect(nearEdge.assignmentDistanceM).toBeGreaterThan(9)
    expect(nearEdge.assignmentDistanceM).toBeLessThan(11)
  })

  it('gives a point just outside to the nearest grid, measured in metres', async () => {
    const r = await ingest(120.22 + 30 / 96_700, 29.7) // ~30 m east of grid B
    expect(r.assignment).toBe('nearest')
    expect(r.grid?.code).toBe('330699001001002')
    expect(r.assignmentDistanceM).toBeGreaterThan(28)
    expect(r.assignmentDistanceM).toBeLessThan(32)
    expect(r.responsible?.id).toBe(fx.officerB)
  })

  it('keeps a point far outside as unassigned and lists it in the review queue', async () => {
    const r = await ingest(120.3, 29.75)
    expect(r.assignment).toBe('unassigned')
    expect(r.grid).toBeNull()
    expect(r.responsibility).toBe('none')
    const queue = (await (await as.request('/api/incidents?assignment=unassigned&limit=1000')).json()) as { items: IncidentRecord[] }
    expect(queue.items.map((i) => i.id)).toContain(r.id)
    expect(queue.items.every((i) => i.assignment === 'unassigned')).toBe(true)
  })

  it('makes the rostered officer responsible during the shift', async () => {
    const during = await ingest(120.21, 29.7, { reportedAt: '2026-03-01T12:00:00+08:00' })
    expect(during.responsibility).toBe('roster')
    expect(during.responsible?.id).toBe(fx.rostered)
    const after = await ingest(120.21, 29.7, { reportedAt: '2026-03-01T21:00:00+08:00' })
    expect(after.responsibility).toBe('grid_officer')
    expect(after.responsible?.id).toBe(fx.officerB)
  })

  it('lands GCJ-02 and CGCS2000 coordinates in the same grid as the WGS84 original', async () => {
    const original: [number, number] = [120.1995, 29.7] // 48 m west of the shared edge, inside A
    const wgs = await ingest(...original)
    for (const [crs, from] of [['gcj02', 'gcj02'], ['cgcs2000', 'cgcs2000']] as const) {
      const [x, y] = fromWgs84(from)(...original)
      const r = await ingest(x, y, { crs })
      expect(r.grid?.code).toBe(wgs.grid?.code)
      expect(Math.abs(r.lon - original[0]) * 96_700).toBeLessThan(1)
      expect(Math.abs(r.lat - original[1]) * 110_900).toBeLessThan(1)
    }
    // Read as WGS84 by mistake, the GCJ-02 point would be ~500 m off, in the other grid.
    const [gx, gy] = fromWgs84('gcj02')(...original)
    expect((await ingest(gx, gy)).grid?.code).toBe('330699001001002')
  })
})

describe('ingest', () => {
  it('is idempotent on (source, externalId): a re-send changes nothing and returns the stored record', async () => {
    const first = await post('/api/incidents', incident(120.19, 29.705, { externalId: 'J330699202602100001' }))
    expect(first.status).toBe(201)
    const stored = (await first.json()) as IncidentRecord
    const before = await count()
    const again = await post('/api/incidents', incident(120.21, 29.705, { externalId: 'J330699202602100001', category: 'dispute' }))
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual(stored)
    expect(await count()).toBe(before)
    // The same id from another source is another incident.
    expect((await post('/api/incidents', incident(120.19, 29.705, { externalId: 'J330699202602100001', source: '12345' }))).status).toBe(201)
  })

  it('stores a 10,000-incident batch in one go and reports where they landed', async () => {
    const before = await count()
    const items = Array.from({ length: 10_000 }, (_, i) => incident(120.1805 + (i % 100) * 0.00039, 29.6905 + Math.floor(i / 100) * 0.000195, { externalId: `B${i}` }))
    const res = await post('/api/incidents/batch', { items })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { results: { index: number; status: string }[]; summary: { created: number; existing: number; byAssignment: Record<string, number> } }
    expect(body.summary.created).toBe(10_000)
    expect(await count()).toBe(before + 10_000)
    const landed = Object.values(body.summary.byAssignment).reduce((a, b) => a + b, 0)
    expect(landed).toBe(10_000)
    // The 25 points per row of the hole (5 rows) fall outside every grid.
    expect(body.summary.byAssignment.contains).toBeGreaterThan(9_000)
  })

  it('stores an incident sent by several senders at the same moment once, answering all with its id', async () => {
    const body = JSON.stringify(incident(120.19, 29.7, { externalId: 'RACE-1' }))
    const responses = await Promise.all(Array.from({ length: 6 }, () => as.request('/api/incidents', { method: 'POST', body, headers: { 'content-type': 'application/json' } })))
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201])
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as IncidentRecord).id))
    expect(new Set(ids).size).toBe(1)
  })

  it('creates an incident sent twice in one batch once', async () => {
    const twice = incident(120.19, 29.7, { externalId: 'TWICE' })
    const res = await post('/api/incidents/batch', { items: [twice, incident(120.21, 29.7), twice] })
    const body = (await res.json()) as { results: { id: number; status: string }[]; summary: { created: number; existing: number } }
    expect(body.results.map((r) => r.status)).toEqual(['created', 'created', 'existing'])
    expect(body.results[2]!.id).toBe(body.results[0]!.id)
    expect(body.summary).toMatchObject({ created: 2, existing: 1 })
  })

  it('refuses a batch over 10,000 incidents', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => incident(120.19, 29.7, { externalId: `OVER${i}` }))
    const res = await post('/api/incidents/batch', { items })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('items')
  })

  it('refuses bad input with a 4xx naming the field, and writes nothing', async () => {
    const before = await count()
    const cases: [unknown, string, number][] = [
      [incident(120.19, 91), 'lat', 400],
      [incident(181, 29.7), 'lon', 400],
      [{ ...incident(120.19, 29.7), lon: 'NaN' }, 'lon', 400],
      [incident(120.19, 29.7, { category: 'alien-abduction' }), 'category', 400],
      [incident(120.19, 29.7, { reportedAt: 'yesterday' }), 'reportedAt', 400],
      [incident(120.19, 29.7, { acceptedAt: '2026-02-10T09:00:00+08:00' }), 'acceptedAt', 422],
      [{ ...incident(120.19, 29.7), externalId: undefined }, 'externalId', 400],
      [{ ...incident(120.19, 29.7), source: 'rumour' }, 'source', 400],
      [incident(120.19, 29.7, { reportedAt: '0001-01-01T00:00:00+08:00' }), 'reportedAt', 400],
    ]
    for (const [body, field, status] of cases) {
      const res = await post('/api/incidents', body)
      expect(res.status, field).toBe(status)
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(field)
    }
    const batch = Array.from({ length: 20 }, (_, i) => incident(120.19, 29.7, { externalId: `BAD${i}` }))
    batch[7] = { ...batch[7]!, lat: 200 }
    const res = await post('/api/incidents/batch', { items: batch })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('items.7.lat')
    const malformed = await post('/api/incidents', '{"source": "110", ')
    expect(malformed.status).toBe(400)
    expect(await count()).toBe(before)
  })
})

describe('time chain', () => {
  const patch = (id: number, body: unknown) => as.request(`/api/incidents/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

  it('records accepted, contacted, on scene and closed in order, and refuses a chain running backwards', async () => {
    const r = await ingest(120.19, 29.7)
    expect((await patch(r.id, { acceptedAt: '2026-02-10T10:00:40+08:00' })).status).toBe(200)
    const onScene = await patch(r.id, { contactedAt: '2026-02-10T10:02:00+08:00', onSceneAt: '2026-02-10T10:07:30+08:00' })
    expect(((await onScene.json()) as IncidentRecord).onSceneAt).toBe('2026-02-10T02:07:30.000Z')
    const backwards = await patch(r.id, { closedAt: '2026-02-10T10:05:00+08:00' })
    expect(backwards.status).toBe(422)
    expect(((await backwards.json()) as { error: { field: string } }).error.field).toBe('closedAt')
    // The same time again is fine; another time for a recorded link is a conflict.
    expect((await patch(r.id, { acceptedAt: '2026-02-10T10:00:40+08:00' })).status).toBe(200)
    const rewrite = await patch(r.id, { acceptedAt: '2026-02-10T10:00:50+08:00' })
    expect(rewrite.status).toBe(409)
    expect(((await rewrite.json()) as { error: { field: string } }).error.field).toBe('acceptedAt')
    expect((await patch(999_999, { acceptedAt: '2026-02-10T10:00:40+08:00' })).status).toBe(404)
    expect((await patch(r.id, { reportedAt: '2026-02-10T10:00:40+08:00' })).status).toBe(400)
  })
})

describe('queries for the map', () => {
  it('sends incidents as Arrow columns, filtered by bbox, time, category and grid', async () => {
    await ingest(120.205, 29.705, { category: 'dispute', reportedAt: '2026-04-01T10:00:00+08:00', externalId: 'COL1' })
    const res = await as.request('/api/incidents/columns?bbox=120.2,29.69,120.22,29.71&from=2026-04-01T00:00:00%2B08:00&to=2026-04-02T00:00:00%2B08:00&category=dispute')
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream')
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()))
    expect(table.numRows).toBe(1)
    expect(table.getChild('lon')!.get(0)).toBeCloseTo(120.205, 9)
    expect(table.getChild('grid')!.get(0)).toBe(fx.gridB)
    const categories = table.schema.metadata.get('categories')!.split(',')
    expect(categories[table.getChild('category')!.get(0) as number]).toBe('dispute')
    const byGrid = await as.request('/api/incidents/columns?grid=330699001001002&category=dispute')
    expect(tableFromIPC(new Uint8Array(await byGrid.arrayBuffer())).numRows).toBe(1)
    expect((await as.request('/api/incidents?cursor=99999999999999999999')).status).toBe(400)
    const bad = await as.request('/api/incidents/columns?bbox=1,2,3')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('bbox')
  })

  it('pages through the incident list newest first', async () => {
    const first = (await (await as.request('/api/incidents?limit=5')).json()) as { items: IncidentRecord[]; next: string }
    const second = (await (await as.request(`/api/incidents?limit=5&cursor=${first.next}`)).json()) as { items: IncidentRecord[] }
    expect(first.items).toHaveLength(5)
    expect(second.items[0]!.id).toBeLessThan(first.items[4]!.id)
  })
})
