import { readBoundaryFile } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDetail } from '../contracts/plans'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createMinimalHierarchy } from '../db/testing/fixtures'
import { at } from '../spatial/coverage/testing'

const rect = (x0: number, y0: number, x1: number, y1: number) => [[at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)]]

describe('plan files', () => {
  let handle: DatabaseHandle
  let planner: TestSession
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  let plan: PlanDetail
  let officerId: number
  const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const upload = (planId: number, revision: number, name: string, content: Uint8Array | string) => {
    const form = new FormData()
    form.append('file', new Blob([content]), name)
    return planner.request(`/api/plans/${planId}/import?revision=${revision}`, { method: 'POST', body: form })
  }
  /** The stored grids of a plan: key, name, code and geodesic area. */
  const stored = (planId: number) =>
    queryRows<{ key: string; name: string; code: string | null; m2: number }>(handle.db, sql`
      select key, name, code, ST_Area(geom::geography) as m2 from grid_plan_grids where plan_id = ${planId} order by key`)

  beforeAll(async () => {
    handle = await createTestDatabase()
    ids = await createMinimalHierarchy(handle.db, { half: 0.005 })
    const app = createApp({ handle })
    planner = await signInAs(handle.db, app, 'planner')
    plan = (await (await planner.request('/api/plans', json({ name: '导出', areaId: ids.communityId }))).json()) as PlanDetail
    const [officer] = await queryRows<{ id: number }>(handle.db, sql`
      insert into people (name, role, badge_no, phone, station_id) values ('钱警官', 'police_officer', '330777', '13800000077', ${ids.stationId}) returning id`)
    officerId = officer!.id
    // A grid with a courtyard (a hole) keeping the code in force, and a new L-shaped one.
    const features = [
      { type: 'Feature', geometry: { type: 'Polygon', coordinates: [...rect(-200, -200, 0, 200), ...rect(-150, -50, -50, 50).map((r) => [...r].reverse())] }, properties: { key: 'A', name: '西湖社区第一网格', code: '330699001001001', communityId: ids.communityId } },
      { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [rect(0, -200, 200, 0), rect(0, 0, 100, 200)] }, properties: { key: 'B', name: '新网格（东）', kind: 'dedicated', communityId: ids.communityId, responsibleOfficerId: officerId } },
    ]
    const res = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: plan.revision, grids: { type: 'FeatureCollection', features } }, 'PUT'))
    expect(res.status, await res.clone().text()).toBe(200)
    plan = (await res.json()) as PlanDetail
  })
  afterAll(() => handle.close())

  it('exports a zipped Shapefile our importer reads back: Chinese names, codes, holes and areas intact', async () => {
    const res = await planner.request(`/api/plans/${plan.id}/export?format=shapefile`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain('.zip')
    const file = await readBoundaryFile(new Uint8Array(await res.arrayBuffer()), 'plan.zip')
    expect(file.format).toBe('shapefile')
    expect(file.features.map((f) => [f.properties.KEY, f.properties.NAME, f.properties.CODE])).toEqual([
      ['A', '西湖社区第一网格', '330699001001001'],
      ['B', '新网格（东）', ''],
    ])

    // Read back into a second draft: the same grids (coordinates to 1e-9°, areas within 0.5 m²).
    const copy = (await (await planner.request('/api/plans', json({ name: '导入', areaId: ids.communityId }))).json()) as PlanDetail
    const imported = await upload(copy.id, copy.revision, 'plan.zip', new Uint8Array(await (await planner.request(`/api/plans/${plan.id}/export?format=shapefile`)).arrayBuffer()))
    expect(imported.status, await imported.clone().text()).toBe(200)
    const original = await stored(plan.id)
    const again = await stored(copy.id)
    // 200 × 400 m less a 100 × 100 m courtyard; 200 × 200 m plus 100 × 200 m.
    expect(original.map((g) => Math.round(g.m2 / 100) * 100)).toEqual([70_000, 60_000])
    expect(again.map((g) => [g.name, g.code])).toEqual([['新网格（东）', null], ['西湖社区第一网格', '330699001001001']].sort((a, b) => (a[1] ?? 'f').localeCompare(b[1] ?? 'f')))
    expect(again.map((g) => g.m2).sort()).toEqual(original.map((g) => g.m2).sort().map((m2) => expect.closeTo(m2, 0)))
    // The code in force names its source grid, so the 网格长 and the code travel with it.
    const [source] = await queryRows<{ source: number | null }>(handle.db, sql`select source_grid_id as source from grid_plan_grids where plan_id = ${copy.id} and code = '330699001001001'`)
    expect(source!.source).toBe(ids.gridId)
    // The dedicated grid stays dedicated, and its 网格长 chosen in the draft comes back by badge.
    const [dedicated] = await queryRows<{ kind: string; officer: number | null }>(handle.db, sql`
      select kind::text as kind, responsible_officer_id as officer from grid_plan_grids where plan_id = ${copy.id} and code is null`)
    expect(dedicated).toEqual({ kind: 'dedicated', officer: officerId })
    expect(file.features.find((f) => f.properties.KEY === 'B')!.properties).toMatchObject({ KIND: 'dedicated', OFFICER: '钱警官', BADGE: '330777' })
  })

  it('exports GeoJSON with counter-clockwise outer rings, and refuses an unreadable upload by field', async () => {
    const res = await planner.request(`/api/plans/${plan.id}/export`)
    expect(res.headers.get('content-type')).toContain('geo+json')
    const collection = (await res.json()) as { features: { properties: { key: string; community: string }; geometry: { type: string; coordinates: number[][][][] } }[] }
    const a = collection.features.find((f) => f.properties.key === 'A')!
    expect(a.properties.community).toBe('330699001001')
    const ring = a.geometry.coordinates[0]![0]!
    let twice = 0
    for (let i = 0; i + 1 < ring.length; i++) twice += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!
    expect(twice).toBeGreaterThan(0)

    const bad = await upload(plan.id, plan.revision, 'grids.geojson', '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[120,29],[200,29],[120,30],[120,29]]]}}]}')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { field: string } }).error.field).toMatch(/^features\.0/)
    const stale = await upload(plan.id, plan.revision - 1, 'grids.geojson', JSON.stringify(await exportPlanFixture()))
    expect(stale.status).toBe(409)
    expect((await stored(plan.id)).map((g) => g.key)).toEqual(['A', 'B'])
  })

  const exportPlanFixture = async () => (await planner.request(`/api/plans/${plan.id}/export`)).json()
})
