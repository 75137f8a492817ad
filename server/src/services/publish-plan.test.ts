import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanDetail, PublishResult } from '../contracts/plans'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import { queryRows, type Database, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createMinimalHierarchy } from '../db/testing/fixtures'
import { refreshGridCoverage } from '../spatial/coverage/grid-coverage'
import { LON0, LAT0, addIncident } from '../spatial/coverage/testing'
import { gridStats } from '../spatial/grid-stats'

const HALF = 0.002
const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] })
/** Grid A (community 1) split at its meridian; grid B is community 2's, east of it, and outside the plan. */
const westHalf = rect(LON0 - HALF, LAT0 - HALF, LON0, LAT0 + HALF)
const eastHalf = rect(LON0, LAT0 - HALF, LON0 + HALF, LAT0 + HALF)
const CODE_A = '330699001001001'
const CODE_B = '330699001002001'

describe('publishing a plan', () => {
  let handle: DatabaseHandle
  let db: Database
  let app: ReturnType<typeof createApp>
  let planner: TestSession
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  const officers: Record<'a' | 'b' | 'e', number> = { a: 0, b: 0, e: 0 }
  let worker: number
  const json = (body: unknown, method = 'POST') => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const call = async <T>(path: string, init?: RequestInit) => {
    const res = await planner.request(path, init)
    return { status: res.status, body: (await res.json()) as T }
  }
  const feature = (key: string, geometry: object, properties: Record<string, unknown>) => ({ type: 'Feature', geometry, properties: { key, name: `网格${key}`, communityId: ids.communityId, ...properties } })
  const draft = async (features: object[]) => {
    const plan = (await call<PlanDetail>('/api/plans', json({ name: `方案${Math.random()}`, areaId: ids.communityId }))).body
    const saved = await call<PlanDetail>(`/api/plans/${plan.id}/grids`, json({ revision: plan.revision, grids: { type: 'FeatureCollection', features } }, 'PUT'))
    expect(saved.status).toBe(200)
    return plan.id
  }
  /** Open incidents whose grid by code differs between two versions, from their points alone (not from the stored assignment). */
  const movedBetween = async (from: number, to: number) =>
    (await queryRows<{ n: number }>(db, sql`
      select count(*)::int as n from incidents i
      join grids a on a.version_id = ${from} and ST_Covers(a.geom, i.geom)
      join grids b on b.version_id = ${to} and ST_Covers(b.geom, i.geom)
      where i.closed_at is null and a.code <> b.code`))[0]!.n
  const versionCount = async () => (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from boundary_versions`))[0]!.n

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: HALF })
    const square = `SRID=4326;MULTIPOLYGON(((${LON0 + HALF} ${LAT0 - HALF},${LON0 + 3 * HALF} ${LAT0 - HALF},${LON0 + 3 * HALF} ${LAT0 + HALF},${LON0 + HALF} ${LAT0 + HALF},${LON0 + HALF} ${LAT0 - HALF})))`
    const [community2] = await queryRows<{ id: number }>(db, sql`
      insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
      values ('330699001002', '东社区', 'community', 'community', ${ids.townshipId}, ${ids.stationId}, ST_GeomFromEWKT(${square})) returning id`)
    const [gridB] = await queryRows<{ id: number }>(db, sql`
      insert into grids (version_id, code, name, community_id, geom) values (${ids.versionId}, ${CODE_B}, '东网格', ${community2!.id}, ST_GeomFromEWKT(${square})) returning id`)
    for (const [key, badge] of [['a', '000001'], ['b', '000002'], ['e', '000003']] as const) {
      const [p] = await queryRows<{ id: number }>(db, sql`insert into people (name, role, badge_no, phone, station_id) values (${`民警${key}`}, 'police_officer', ${badge}, '13800000000', ${ids.stationId}) returning id`)
      officers[key] = p!.id
    }
    const [w] = await queryRows<{ id: number }>(db, sql`insert into people (name, role, phone, station_id) values ('网格员', 'grid_worker', '13800000009', ${ids.stationId}) returning id`)
    worker = w!.id
    await db.execute(sql`insert into grid_duties (grid_id, person_id, duty, since) values
      (${ids.gridId}, ${officers.a}, 'responsible_officer', '2020-01-01'), (${ids.gridId}, ${worker}, 'grid_worker', '2021-01-01'),
      (${gridB!.id}, ${officers.b}, 'responsible_officer', '2020-01-01')`)
    // Open incidents: two in A's west half, three in its east half, one in B; one closed in the east half.
    for (const [i, [dx, dy]] of ([[-100, 10], [-50, -30], [60, 0], [100, 40], [150, -60], [400, 0], [120, 20]] as const).entries()) await addIncident(db, `I${i}`, dx, dy, 20)
    await db.execute(sql`update incidents set closed_at = reported_at + interval '1 hour' where external_id = 'I6'`)
    await db.execute(sql`update incidents i set grid_id = g.id, version_id = g.version_id from grids g where ST_Covers(g.geom, i.geom)`)
    // A dispute being mediated in the east half, and a closed one there.
    for (const [code, status] of [['MD-OPEN', 'handling'], ['MD-DONE', 'closed']] as const) {
      await db.execute(sql`
        insert into disputes (code, type, risk, tier, status, summary, geom, grid_id, version_id, opened_at, closed_at)
        values (${code}, 'neighbour', 'low', 'grid', ${status}::dispute_status, '噪音', ST_SetSRID(ST_MakePoint(${LON0 + HALF / 2}::float8, ${LAT0}::float8), 4326),
                ${ids.gridId}, ${ids.versionId}, now() - interval '3 days', ${status === 'closed' ? sql`now() - interval '1 day'` : sql`null`})`)
    }
    await refreshGridCoverage(db)
    app = createApp({ handle })
    planner = await signInAs(db, app, 'planner')
  })
  afterAll(() => handle.close())

  let first: PublishResult & { planId: number }

  it('refuses a plan with validation errors and changes nothing', async () => {
    const overlapping = await draft([feature('W', rect(LON0 - HALF, LAT0 - HALF, LON0 + 0.0005, LAT0 + HALF), { sourceGridId: ids.gridId, responsibleOfficerId: officers.a }), feature('E', eastHalf, { responsibleOfficerId: officers.e })])
    const before = await versionCount()
    const res = await call<{ error: { field: string; message: string } }>(`/api/plans/${overlapping}/publish`, json({}))
    expect(res.status).toBe(422)
    expect(res.body.error.field).toBe('plan')
    expect(res.body.error.message).toMatch(/overlap/)
    expect(await versionCount()).toBe(before)
  })

  it('opens a new version, renumbers changed grids, carries duties and coverage, and moves exactly the open incidents that changed grid', async () => {
    const other = await draft([feature('X', rect(LON0 - HALF, LAT0 - HALF, LON0 + HALF, LAT0 + HALF), { sourceGridId: ids.gridId, code: CODE_A, responsibleOfficerId: officers.a })])
    const split = await draft([feature('W', westHalf, { sourceGridId: ids.gridId, code: CODE_A, responsibleOfficerId: officers.a }), feature('E', eastHalf, { responsibleOfficerId: officers.e })])
    const diff = await call<{ totals: { pieces: number; openIncidents: number; incidents12m: number } }>(`/api/plans/${split}/diff`)
    // The east half leaves A for the new grid: three open incidents and one closed go with it.
    expect(diff.body.totals).toMatchObject({ pieces: 1, openIncidents: 3, incidents12m: 4 })

    const res = await call<PublishResult>(`/api/plans/${split}/publish`, json({ note: '拆分' }))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    first = res.body as PublishResult & { planId: number }
    expect(first).toMatchObject({ previousVersionId: ids.versionId, grids: 3, keptCodes: 1, renumbered: 2, reassignedIncidents: 6 })
    expect(first.movedIncidents).toBe(await movedBetween(ids.versionId, first.versionId))
    expect(first.movedIncidents).toBe(3)

    const grids = await queryRows<{ code: string; name: string; officer: number | null; worker: number | null; coverage: boolean }>(db, sql`
      select g.code, g.name,
             (select d.person_id from grid_duties d where d.grid_id = g.id and d.duty = 'responsible_officer' and d.until is null) as officer,
             (select d.person_id from grid_duties d where d.grid_id = g.id and d.duty = 'grid_worker' and d.until is null) as worker,
             exists (select 1 from grid_coverage gc where gc.grid_id = g.id) as coverage
      from grids g where g.version_id = ${first.versionId} order by g.code`)
    // West → east: the west half takes 001, the east half 002; B is unchanged and keeps its code and coverage.
    expect(grids).toEqual([
      { code: CODE_A, name: '网格W', officer: officers.a, worker, coverage: false },
      { code: '330699001001002', name: '网格E', officer: officers.e, worker: null, coverage: false },
      { code: CODE_B, name: '东网格', officer: officers.b, worker: null, coverage: true },
    ])
    // Health counts the grids in force, not every version's rows.
    expect(((await call<{ counts: { grids: number } }>('/api/health/counts')).body).counts.grids).toBe(3)
    const versions = await queryRows<{ id: number; status: string; closed: boolean }>(db, sql`select id, status::text as status, effective_to is not null as closed from boundary_versions order by id`)
    expect(versions).toEqual([{ id: ids.versionId, status: 'retired', closed: true }, { id: first.versionId, status: 'published', closed: false }])
    // The closed incident keeps the grid of its time; open ones point at the new version.
    const [closed] = await queryRows<{ version: number }>(db, sql`select version_id as version from incidents where external_id = 'I6'`)
    expect(closed!.version).toBe(ids.versionId)
    const [open] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from incidents where closed_at is null and version_id = ${first.versionId}`)
    expect(open!.n).toBe(6)
    const disputes = await queryRows<{ code: string; grid: string }>(db, sql`select d.code, g.code as grid from disputes d join grids g on g.id = d.grid_id order by d.code`)
    expect(disputes).toEqual([{ code: 'MD-DONE', grid: CODE_A }, { code: 'MD-OPEN', grid: '330699001001002' }])
    const [event] = await queryRows<{ topic: string; entity: number }>(db, sql`select topic, entity_id::int as entity from live_events order by id desc limit 1`)
    expect(event).toEqual({ topic: 'grids.published', entity: first.versionId })
    // Another draft of the same area was drafted from the old version: publishing it would undo this one.
    const stale = await call<{ error: { field: string } }>(`/api/plans/${other}/publish`, json({}))
    expect([stale.status, stale.body.error.field]).toEqual([409, 'baseVersionId'])
    const again = await call<{ error: { field: string } }>(`/api/plans/${split}/publish`, json({}))
    expect(again.status).toBe(409)
  })

  it('counts a period spanning both versions against the version asked for', async () => {
    const period = { from: new Date(Date.now() - 60 * 86_400_000), to: new Date(Date.now() + 86_400_000) }
    const byCode = async (versionId: number) => Object.fromEntries((await gridStats(db, { ...period, versionId })).grids.map((g) => [g.code, g.incidents]))
    expect(await byCode(ids.versionId)).toEqual({ [CODE_A]: 6, [CODE_B]: 1 })
    expect(await byCode(first.versionId)).toEqual({ [CODE_A]: 2, '330699001001002': 4, [CODE_B]: 1 })
  })

  it('rolls back by publishing the earlier version again, moving the incidents back', async () => {
    const history = await call<{ id: number; inForce: boolean; planId: number | null }[]>('/api/versions')
    expect(history.body.find((v) => v.inForce)?.id).toBe(first.versionId)
    expect(history.body.find((v) => v.id === first.versionId)?.planId).toBe(first.planId)
    const res = await call<PublishResult>(`/api/versions/${ids.versionId}/republish`, json({ note: '回退' }))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ previousVersionId: first.versionId, grids: 2, keptCodes: 2, reassignedIncidents: 6 })
    expect(res.body.movedIncidents).toBe(await movedBetween(first.versionId, res.body.versionId))
    expect(res.body.movedIncidents).toBe(3)
    const grids = await queryRows<{ code: string; officer: number | null }>(db, sql`
      select g.code, (select d.person_id from grid_duties d where d.grid_id = g.id and d.duty = 'responsible_officer' and d.until is null) as officer
      from grids g where g.version_id = ${res.body.versionId} order by g.code`)
    // A continues the west half (same code): its officer; B its own.
    expect(grids).toEqual([{ code: CODE_A, officer: officers.a }, { code: CODE_B, officer: officers.b }])
    const inForce = await call<{ error: { field: string } }>(`/api/versions/${res.body.versionId}/republish`, json({}))
    expect(inForce.status).toBe(409)

    const [audit] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log where action in ('plan.publish', 'version.republish')`)
    expect(audit!.n).toBe(2)
    // Outlines surveyed at full precision come back from the editor at 9 decimals: still unchanged.
    await db.execute(sql`update grids set geom = ST_Translate(geom, 3e-11, 0) where version_id = ${res.body.versionId}`)
    const unchanged = (await call<PlanDetail>('/api/plans', json({ name: '原样', areaId: ids.communityId }))).body
    expect((await call(`/api/plans/${unchanged.id}/grids`, json({ revision: unchanged.revision, grids: unchanged.features }, 'PUT'))).status).toBe(200)
    const same = await call<PublishResult>(`/api/plans/${unchanged.id}/publish`, json({}))
    expect(same.body).toMatchObject({ grids: 2, keptCodes: 2, renumbered: 0, movedIncidents: 0 })
  })
})
