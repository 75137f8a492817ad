import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDetail, PlanProblem, PlanScores, PlanValidation } from '../contracts/plans'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createMinimalHierarchy } from '../db/testing/fixtures'
import { LON0, LAT0, addCamera, addIncident, at, metresPerDegLat, metresPerDegLon, pointSql, toMetres } from '../spatial/coverage/testing'

/** The fixture's grid: a square of ±0.002° round the origin; halves split at the origin's meridian. */
const HALF = 0.002
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
})
const west = rect(LON0 - HALF, LAT0 - HALF, LON0, LAT0 + HALF)
const east = rect(LON0, LAT0 - HALF, LON0 + HALF, LAT0 + HALF)

describe('grid plans', () => {
  let handle: DatabaseHandle
  let db: Database
  let app: ReturnType<typeof createApp>
  let planner: TestSession
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  let officerId: number
  const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const feature = (key: string, geometry: object, extra: Record<string, unknown> = {}) => ({
    type: 'Feature',
    geometry,
    properties: { key, name: `网格${key}`, communityId: ids.communityId, responsibleOfficerId: officerId, ...extra },
  })

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: HALF })
    app = createApp({ handle })
    planner = await signInAs(db, app, 'planner')
    const [officer] = await queryRows<{ id: number }>(db, sql`
      insert into people (name, role, badge_no, phone, station_id) values ('社区民警', 'police_officer', '001234', '13800000001', ${ids.stationId}) returning id`)
    officerId = officer!.id
    await db.execute(sql`insert into grid_duties (grid_id, person_id, duty, since) values (${ids.gridId}, ${officerId}, 'responsible_officer', '2020-01-01')`)
    // Workload: three thefts in the west half this year, one in the east, and one in the west 2 years ago.
    for (const [i, dx] of [-150, -100, -50].entries()) await addIncident(db, `W${i}`, dx, 20, 30)
    await addIncident(db, 'E0', 100, 20, 30)
    await addIncident(db, 'W-OLD', -120, -40, 730)
    // People: two blocks of 10 in the west, one of 5 in the east (counted by the centre of the footprint).
    for (const [dx, population] of [[-120, 10], [-60, 10], [80, 5]] as const) {
      const [x0, y0] = at(dx - 5, -80)
      const [x1, y1] = at(dx + 5, -70)
      await db.execute(sql`insert into buildings (use, floors, households, population, geom)
        values ('residential', 3, ${population / 5}, ${population}, ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326)))`)
    }
    // Open disputes: one in each half; a settled one in the west does not count.
    for (const [code, dx, status] of [['MD-W', -90, 'handling'], ['MD-W-DONE', -60, 'evaluated'], ['MD-E', 90, 'collected']] as const) {
      await db.execute(sql`insert into disputes (code, type, risk, tier, status, summary, geom, opened_at)
        values (${code}, 'neighbour', 'low', 'grid', ${status}::dispute_status, '噪音', ${pointSql(dx, 100)}, now() - interval '3 days')`)
    }
    // What cameras see: a 60 × 100 m rectangle inside the west half, put in place of the sector computed on insert.
    const camera = await addCamera(db, 'CAM-W', -100, 0, { bearing: 0, fov: 60, rangeM: 100 })
    const [cx0, cy0] = at(-150, 50)
    const [cx1, cy1] = at(-90, 150)
    await db.execute(sql`update camera_view_areas set geom = ST_Multi(ST_MakeEnvelope(${cx0}, ${cy0}, ${cx1}, ${cy1}, 4326)) where camera_id = ${camera}`)
    // The only police post: 300 m east of the origin, on the grid's middle parallel.
    await db.execute(sql`insert into police_posts (code, name, kind, station_id, address, geom)
      values ('JWS-T', '测试警务室', 'room', ${ids.stationId}, '测试路 1 号', ${pointSql(300, 0)})`)
  })
  afterAll(() => handle.close())

  let plan: PlanDetail

  it('drafts a community with its grids in force: code, source grid and 网格长 kept', async () => {
    const res = await planner.request('/api/plans', json({ name: '拆分方案', areaId: ids.communityId }))
    expect(res.status, await res.clone().text()).toBe(201)
    plan = (await res.json()) as PlanDetail
    expect([plan.status, plan.stale, plan.revision, plan.grids, plan.area.id, plan.area.level]).toEqual(['draft', false, 1, 1, ids.communityId, 'community'])
    expect(plan.features.features[0]!.properties).toMatchObject({ key: '330699001001001', code: '330699001001001', sourceGridId: ids.gridId, responsibleOfficerId: officerId })
    const list = (await (await planner.request('/api/plans')).json()) as PlanDetail[]
    expect(list.map((p) => p.id)).toContain(plan.id)
    // Only communities and townships are planned.
    const county = await planner.request('/api/plans', json({ name: 'x', areaId: ids.countyId }))
    expect(county.status).toBe(422)
    expect(((await county.json()) as { error: { field: string } }).error.field).toBe('areaId')
  })

  it('scores the grids in force: workload of the last 12 months, people, shape', async () => {
    const scores = (await (await planner.request(`/api/plans/${plan.id}/scores`)).json()) as PlanScores
    const [grid] = scores.grids
    expect([grid!.incidents12m, grid!.population, grid!.households, grid!.parts]).toEqual([4, 25, 5, 1])
    // A square's Polsby–Popper is π/4 (a little off here: the degrees make a rectangle of 386 × 445 m).
    expect(grid!.compactness).toBeGreaterThan(0.77)
    expect(grid!.compactness).toBeLessThan(Math.PI / 4 + 1e-6)
    expect(grid!.published?.incidents12m).toBe(4)
    expect(scores.plan).toMatchObject({ grids: 1, maxMinRatio: 1, workloadCv: 0, fragmented: 0 })
  })

  it('saves a split, scores each half and the balance, and refuses a save over a newer revision', async () => {
    const res = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: 1, grids: { type: 'FeatureCollection', features: [feature('W', west, { sourceGridId: ids.gridId }), feature('E', east)] } }, 'PUT'))
    expect(res.status, await res.clone().text()).toBe(200)
    const saved = (await res.json()) as PlanDetail
    expect([saved.revision, saved.grids]).toEqual([2, 2])

    const scores = (await (await planner.request(`/api/plans/${plan.id}/scores`)).json()) as PlanScores
    const byKey = new Map(scores.grids.map((g) => [g.key, g]))
    expect([byKey.get('W')!.incidents12m, byKey.get('W')!.population]).toEqual([3, 20])
    expect([byKey.get('E')!.incidents12m, byKey.get('E')!.population]).toEqual([1, 5])
    // The west half compares with the grid it came from; the east half is new.
    expect(byKey.get('W')!.published?.incidents12m).toBe(4)
    expect(byKey.get('E')!.published).toBeNull()
    // Open disputes by half; the share cameras see (6,000 m² of the west half); the post from each half's centre.
    expect([byKey.get('W')!.openDisputes, byKey.get('E')!.openDisputes, byKey.get('W')!.published?.openDisputes]).toEqual([1, 1, 2])
    expect(byKey.get('W')!.cameraAreaPct).toBeCloseTo(6000 / byKey.get('W')!.areaM2, 3)
    expect(byKey.get('E')!.cameraAreaPct).toBe(0)
    const halfWidthM = HALF * metresPerDegLon
    expect(byKey.get('W')!.nearestPostM).toBeCloseTo(300 + halfWidthM / 2, -0.5)
    expect(byKey.get('E')!.nearestPostM).toBeCloseTo(300 - halfWidthM / 2, -0.5)
    // Workloads 3 and 1: max/min 3, mean 2, standard deviation 1 → CV 0.5. In force: one grid, CV 0.
    expect(scores.plan.maxMinRatio).toBeCloseTo(3, 9)
    expect(scores.plan.workloadCv).toBeCloseTo(0.5, 9)
    expect(scores.published.workloadCv).toBe(0)
    // Each half: 193 × 445 m, area within 0.5 % of the sum of the whole.
    expect(byKey.get('W')!.areaM2 + byKey.get('E')!.areaM2).toBeCloseTo(scores.publishedGrids[0]!.areaM2, -1)

    const stale = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: 1, grids: { type: 'FeatureCollection', features: [] } }, 'PUT'))
    expect(stale.status).toBe(409)
    expect(((await stale.json()) as { error: { field: string } }).error.field).toBe('revision')
  })

  it('names the field of a bad grid and keeps the saved plan as it was', async () => {
    const bad = [
      [feature('A', west), feature('A', east)],
      [feature('A', west), feature('B', east, { communityId: ids.countyId })],
      [feature('A', west, { sourceGridId: 999999 })],
    ]
    const fields = ['grids.features.1.properties.key', 'grids.features.1.properties.communityId', 'grids.features.0.properties.sourceGridId']
    for (const [i, features] of bad.entries()) {
      const res = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: 2, grids: { type: 'FeatureCollection', features } }, 'PUT'))
      expect(res.status).toBe(422)
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(fields[i])
    }
    const open = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: 2, grids: { type: 'FeatureCollection', features: [{ ...feature('A', west), geometry: { type: 'Polygon', coordinates: [[[LON0, LAT0], [LON0 + 0.001, LAT0]]] } }] } }, 'PUT'))
    expect(open.status).toBe(400)
    const kept = (await (await planner.request(`/api/plans/${plan.id}`)).json()) as PlanDetail
    expect([kept.revision, kept.features.features.map((f) => f.properties.key)]).toEqual([2, ['E', 'W']])
  })

  it('saves a surveyed outline above the usual 1 MB body limit (a plan may run to 16 MB)', async () => {
    // A circle of 40,000 vertices: about 1.6 MB of JSON.
    const ring = Array.from({ length: 40_000 }, (_, i) => [LON0 + 0.0015 * Math.cos((2 * Math.PI * i) / 40_000), LAT0 + 0.0015 * Math.sin((2 * Math.PI * i) / 40_000)])
    const body = json({ revision: 2, grids: { type: 'FeatureCollection', features: [feature('C', { type: 'Polygon', coordinates: [[...ring, ring[0]]] })] } }, 'PUT')
    expect((body.body as string).length).toBeGreaterThan(1024 * 1024)
    const res = await planner.request(`/api/plans/${plan.id}/grids`, body)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(((await res.json()) as PlanDetail).revision).toBe(3)
  })

  it('reports crafted bad geometries over the API, each located, and refuses to publish them', async () => {
    const draft = (await (await planner.request('/api/plans', json({ name: '校验方案', areaId: ids.communityId }))).json()) as PlanDetail
    let revision = draft.revision
    const heightM = 2 * HALF * metresPerDegLat
    const dLon = (m: number) => m / metresPerDegLon
    const check = async (w: object, e: object) => {
      const saved = await planner.request(`/api/plans/${draft.id}/grids`, json({ revision, grids: { type: 'FeatureCollection', features: [feature('W', w, { sourceGridId: ids.gridId }), feature('E', e)] } }, 'PUT'))
      expect(saved.status, await saved.clone().text()).toBe(200)
      revision = ((await saved.json()) as PlanDetail).revision
      const validation = (await (await planner.request(`/api/plans/${draft.id}/validation`)).json()) as PlanValidation
      expect(validation.revision).toBe(revision)
      return validation
    }
    const only = (v: PlanValidation, kind: PlanProblem['kind']) => {
      const found = v.problems.filter((p) => p.kind === kind)
      expect(found, kind).toHaveLength(1)
      return { ...found[0]!, xy: toMetres(...(found[0]!.location.coordinates as [number, number])) }
    }
    const near = (actual: number | null, expected: number, share: number) => expect(Math.abs(actual! / expected - 1)).toBeLessThan(share)

    // A bow-tie over the east half: its diagonals cross at the middle of that half.
    const bowTie = { type: 'Polygon', coordinates: [[[LON0, LAT0 - HALF], [LON0 + HALF, LAT0 + HALF], [LON0 + HALF, LAT0 - HALF], [LON0, LAT0 + HALF], [LON0, LAT0 - HALF]]] }
    const crossed = only(await check(west, bowTie), 'invalid_geometry')
    expect(crossed.grids).toEqual(['E'])
    expect(Math.hypot(crossed.xy[0] - (HALF * metresPerDegLon) / 2, crossed.xy[1])).toBeLessThan(0.5)

    // A sliver of 2 m² between the halves: 4.5 mm wide over the grid's height.
    const gapWidthM = 2 / heightM
    const sliver = await check(rect(LON0 - HALF, LAT0 - HALF, LON0 - dLon(gapWidthM / 2), LAT0 + HALF), rect(LON0 + dLon(gapWidthM / 2), LAT0 - HALF, LON0 + HALF, LAT0 + HALF))
    const gap = only(sliver, 'gap')
    near(gap.areaM2, 2, 0.05)
    expect(Math.abs(gap.xy[0])).toBeLessThan(0.01)
    expect(sliver.publishable).toBe(false)

    // The west half reaching 10 m into the east half: an overlap of 10 m × the height.
    const overlap = only(await check(rect(LON0 - HALF, LAT0 - HALF, LON0 + dLon(10), LAT0 + HALF), east), 'overlap')
    near(overlap.areaM2, 10 * heightM, 0.01)
    expect(overlap.grids.sort()).toEqual(['E', 'W'])
    expect(overlap.xy[0]).toBeGreaterThan(0)
    expect(overlap.xy[0]).toBeLessThan(10)

    // The east half crossing the community's border by 20 m.
    const outside = only(await check(west, rect(LON0, LAT0 - HALF, LON0 + HALF + dLon(20), LAT0 + HALF)), 'outside_community')
    near(outside.areaM2, 20 * heightM, 0.01)
    expect(outside.grids).toEqual(['E'])
    expect(outside.xy[0]).toBeGreaterThan(HALF * metresPerDegLon)

    const refused = await planner.request(`/api/plans/${draft.id}/publish`, json({ note: 'x' }))
    expect(refused.status).toBe(422)
    const [{ n }] = (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from boundary_versions`)) as [{ n: number }]
    expect(n).toBe(1)
  })

  it('discards a draft, which then no longer changes; roles without grids:plan are refused', async () => {
    const del = await planner.request(`/api/plans/${plan.id}`, { method: 'DELETE' })
    expect(del.status).toBe(204)
    const after = await planner.request(`/api/plans/${plan.id}/grids`, json({ revision: 3, grids: { type: 'FeatureCollection', features: [] } }, 'PUT'))
    expect(after.status).toBe(409)
    const [entry] = await queryRows<{ action: string }>(db, sql`select action from audit_log where subject_type = 'grid_plan' order by id desc limit 1`)
    expect(entry?.action).toBe('plan.discard')
    const officer = await signInAs(db, app, 'officer', { stationId: ids.stationId })
    expect((await officer.request('/api/plans')).status).toBe(403)
  })
})
