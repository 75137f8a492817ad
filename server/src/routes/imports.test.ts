import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoGrids } from '../db/testing/two-grids'

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let as: TestSession
beforeAll(async () => {
  handle = await createTestDatabase()
  await createTwoGrids(handle.db)
  app = createApp({ handle })
  as = await signInAs(handle.db, app, 'admin')
})
afterAll(() => handle.close())

const upload = (path: string, name: string, content: string | Uint8Array) => {
  const form = new FormData()
  form.append('file', new Blob([content]), name)
  return as.request(path, { method: 'POST', body: form })
}
const count = async () => (await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from incidents`))[0]!.n

describe('importing files through the API', () => {
  it('streams a CSV of incidents, reporting progress, rejected rows and a summary', async () => {
    const lines = ['编号,经度,纬度,时间,类别']
    for (let i = 0; i < 4_500; i++) lines.push(`A${i},${(120.181 + (i % 90) * 0.0004).toFixed(5)},29.${695 + (i % 10)},2026-03-01 10:${String(i % 60).padStart(2, '0')}:00,${i % 2 ? '盗窃' : '纠纷'}`)
    lines[101] = 'A100,120.19,29.7,not a time,盗窃'
    lines[202] = 'A201,120.19,29.7,2026-03-01 10:00:00,外星人'
    const res = await upload('/api/import/incidents?lon=经度&lat=纬度&id=编号&time=时间&category=类别', 'incidents.csv', `${lines.join('\n')}\n`)
    expect(res.status, res.status === 200 ? '' : await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/x-ndjson')
    const events = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string; [k: string]: unknown })
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(2)
    expect(events.filter((e) => e.type === 'reject')).toEqual([
      { type: 'reject', line: 102, field: '时间', reason: 'unreadable time: "not a time"' },
      { type: 'reject', line: 203, field: 'category', reason: 'unknown category "外星人"' },
    ])
    expect(events.at(-1)).toMatchObject({ type: 'summary', read: 4_500, stored: 4_498, rejected: 2, existing: 0 })
    expect(await count()).toBe(4_498)
  })

  it('answers 400 naming the missing column, before storing anything', async () => {
    const before = await count()
    const res = await upload('/api/import/incidents?lon=x&lat=y', 'bad.csv', 'lng,lat\n120.19,29.7\n')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { field: string; message: string } }
    expect(body.error.field).toBe('columns')
    expect(body.error.message).toContain('"x" (--lon)')
    expect(await count()).toBe(before)
    expect((await as.request('/api/import/incidents?lon=x&lat=y', { method: 'POST', body: 'x,y\n1,2\n' })).status).toBe(400)
    expect((await upload('/api/import/incidents?lon=x&lat=y&crs=mars', 'a.csv', 'x,y\n1,2\n')).status).toBe(400)
  })

  it('streams a GeoJSON file of incident points, properties named like CSV columns', async () => {
    const features = [0, 1, 2].map((i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.205 + i * 0.001, 29.7] }, properties: { no: `GJ${i}`, at: '2026-03-02 08:00:00', kind: 'dispute' } }))
    const res = await upload('/api/import/incidents?id=no&time=at&category=kind', 'points.geojson', JSON.stringify({ type: 'FeatureCollection', features }))
    const events = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { type: string })
    expect(events.at(-1)).toMatchObject({ type: 'summary', read: 3, stored: 3, assigned: 3, rejected: 0 })
    const [row] = await queryRows<{ grid: string }>(handle.db, sql`select g.code as grid from incidents i join grids g on g.id = i.grid_id where i.external_id = 'GJ0'`)
    expect(row!.grid).toBe('330699001001002')
  })

  it('reads stray quotes as text and answers 400 for a file that is not JSON at all', async () => {
    const res = await upload('/api/import/incidents?lon=x&lat=y&id=id&time=t&address=addr&category=c', 'quotes.csv', 'id,x,y,t,c,addr\nQ1,120.19,29.7,2026-03-01 10:00,theft,某路"12"号\n')
    const last = (await res.text()).trim().split('\n').at(-1)!
    expect(JSON.parse(last)).toMatchObject({ type: 'summary', stored: 1, rejected: 0 })
    const broken = await upload('/api/import/incidents', 'broken.geojson', '{"type": "FeatureCollection", "features": [ {"type": ')
    expect(broken.status).toBe(400)
    expect(((await broken.json()) as { error: { field: string } }).error.field).toBe('file')
  })

  it('imports grid boundaries from an uploaded KML as a draft version', async () => {
    const kml = readFileSync(resolve(import.meta.dirname, '../../../data/fixtures/two-grids.kml'))
    const res = await upload('/api/import/grids', 'two-grids.kml', new Uint8Array(kml))
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ format: 'kml', status: 'draft', grids: 2, rejected: [{ index: 2, field: 'geometry' }] })
    const notGeo = await upload('/api/import/grids', 'notes.txt', 'hello')
    expect(notGeo.status).toBe(400)
    expect(((await notGeo.json()) as { error: { field: string } }).error.field).toBe('file')
  })
})
