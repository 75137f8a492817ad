import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PlanProblem } from '../../contracts/plans'
import { queryRows, type Database, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { at, toMetres } from '../coverage/testing'
import { validatePlan } from './plan-validation'

/**
 * Community 1 is the rectangle x −100…100 m × y −50…50 m round the origin, community 2 (same township)
 * x 100…300 m. Grids are rectangles in metres, so every expected area is width × height.
 */
type Ring = [number, number][]
const rect = (x0: number, y0: number, x1: number, y1: number): Ring => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
const wkt = (ring: Ring) => `SRID=4326;MULTIPOLYGON(((${ring.map(([x, y]) => at(x, y).join(' ')).join(',')})))`

interface GridSpec {
  key: string
  ring: Ring
  community?: number
  officer?: number | null
  code?: string | null
}

describe('validatePlan', () => {
  let handle: DatabaseHandle
  let db: Database
  let ids: Awaited<ReturnType<typeof createMinimalHierarchy>>
  let community2: number
  let authorId: number
  let officer: number
  let otherStationOfficer: number
  let auxiliary: number

  const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(db, query))[0]!
  const person = async (name: string, role: string, stationId: number) =>
    (await one<{ id: number }>(sql`
      insert into people (name, role, badge_no, phone, station_id) values (${name}, ${role}::person_role, ${`B-${name}`}, '13800000000', ${stationId}) returning id`)).id

  /** A plan of `areaId` (community 1 by default) holding the grids; officer and codes default to valid ones. */
  async function plan(grids: GridSpec[], areaId = ids.communityId) {
    const { id } = await one<{ id: number }>(sql`
      insert into grid_plans (name, area_id, base_version_id, author_id) values ('test plan', ${areaId}, ${ids.versionId}, ${authorId}) returning id`)
    for (const g of grids) {
      await db.execute(sql`
        insert into grid_plan_grids (plan_id, key, name, community_id, responsible_officer_id, code, geom)
        values (${id}, ${g.key}, ${`Grid ${g.key}`}, ${g.community ?? ids.communityId}, ${g.officer === undefined ? officer : g.officer},
                ${g.code ?? null}, ST_GeomFromEWKT(${wkt(g.ring)}))`)
    }
    return id
  }
  const validate = async (planId: number, tolerance?: number) => (await validatePlan(db, planId, tolerance))!
  const kinds = (problems: PlanProblem[]) => problems.map((p) => p.kind)
  const xy = (p: PlanProblem) => toMetres(p.location.coordinates[0]!, p.location.coordinates[1]!)
  const within = (actual: number | null, expected: number, share: number) => expect(Math.abs(actual! / expected - 1)).toBeLessThan(share)

  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    ids = await createMinimalHierarchy(db)
    await db.execute(sql`update admin_areas set geom = ST_GeomFromEWKT(${wkt(rect(-100, -50, 100, 50))}) where id = ${ids.communityId}`)
    await db.execute(sql`update admin_areas set geom = ST_GeomFromEWKT(${wkt(rect(-100, -50, 300, 50))}) where id = ${ids.townshipId}`)
    community2 = (await one<{ id: number }>(sql`
      insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
      values ('330699001002', 'Second community', 'community', 'community', ${ids.townshipId}, ${ids.stationId}, ST_GeomFromEWKT(${wkt(rect(100, -50, 300, 50))}))
      returning id`)).id
    // A grid in force outside community 1: its code may not be reused by a plan of community 1.
    await db.execute(sql`
      insert into grids (version_id, code, name, community_id, geom)
      values (${ids.versionId}, '330699001002001', 'East grid', ${community2}, ST_GeomFromEWKT(${wkt(rect(100, -50, 300, 50))}))`)
    const station2 = (await one<{ id: number }>(sql`
      insert into stations (code, name, duty_phone, address, location, jurisdiction)
      values ('S2', 'Other station', '0575-80000001', 'Road 2', ST_GeomFromEWKT(${`SRID=4326;POINT(${at(0, 0).join(' ')})`}), ST_GeomFromEWKT(${wkt(rect(-100, -50, 300, 50))}))
      returning id`)).id
    authorId = (await one<{ id: number }>(sql`
      insert into users (username, display_name, password_hash, role) values ('planner-pv', 'Planner', 'x', 'planner') returning id`)).id
    officer = await person('Officer Li', 'police_officer', ids.stationId)
    otherStationOfficer = await person('Officer Wang', 'police_officer', station2)
    auxiliary = await person('Aux Zhao', 'auxiliary_officer', ids.stationId)
  })
  afterAll(() => handle.close())

  const west = rect(-100, -50, 0, 50)
  const east = rect(0, -50, 100, 50)

  it('returns null for a plan that does not exist', async () => {
    expect(await validatePlan(db, 999_999)).toBeNull()
  })

  it('passes a plan that tiles the community exactly, keeping the codes in force inside it', async () => {
    const id = await plan([
      { key: 'a', ring: west, code: '330699001001001' },
      { key: 'b', ring: east, code: '330699001001002' },
    ])
    const result = await validate(id)
    expect(result).toMatchObject({ planId: id, revision: 1, toleranceM2: 1, publishable: true, problems: [] })
  })

  it('passes a township plan holding the grids of both its communities', async () => {
    const id = await plan([{ key: 'a', ring: rect(-100, -50, 100, 50) }, { key: 'c', ring: rect(100, -50, 300, 50), community: community2 }], ids.townshipId)
    expect((await validate(id)).problems).toEqual([])
  })

  it('reports a bow-tie at its crossing and leaves it out of the overlay checks', async () => {
    // The diagonals (0,−50)–(100,50) and (100,−50)–(0,50) cross at (50, 0).
    const id = await plan([{ key: 'a', ring: west }, { key: 'b', ring: [[0, -50], [100, 50], [100, -50], [0, 50], [0, -50]] }])
    const { problems, publishable } = await validate(id)
    expect(publishable).toBe(false)
    const invalid = problems.find((p) => p.kind === 'invalid_geometry')!
    expect(invalid).toMatchObject({ severity: 'error', grids: ['b'], area: null })
    expect(invalid.message).toMatch(/Grid b.*Self-intersection/)
    const [x, y] = xy(invalid)
    expect(Math.hypot(x - 50, y)).toBeLessThan(0.1)
    // Left out of the union, the bow-tie's half of the community is a gap of 100 × 100 m.
    const gaps = problems.filter((p) => p.kind === 'gap')
    expect(gaps).toHaveLength(1)
    within(gaps[0]!.areaM2, 10_000, 0.01)
    expect(kinds(problems).sort()).toEqual(['gap', 'invalid_geometry'])
  })

  it('reports a 2 m² sliver between two grids, unless the tolerance is larger', async () => {
    // A strip 0.02 m wide and 100 m tall at x = 0.
    const id = await plan([{ key: 'a', ring: rect(-100, -50, -0.01, 50) }, { key: 'b', ring: rect(0.01, -50, 100, 50) }])
    const { problems, publishable } = await validate(id)
    expect(publishable).toBe(false)
    expect(kinds(problems)).toEqual(['gap'])
    const gap = problems[0]!
    expect(gap.grids).toEqual(['a', 'b'])
    within(gap.areaM2, 2, 0.05)
    expect(gap.area?.type).toBe('Polygon')
    const [x, y] = xy(gap)
    expect(Math.abs(x)).toBeLessThan(0.01)
    expect(Math.abs(y)).toBeLessThan(50)
    expect(gap.message).toMatch(/Gap of 2 m².*Grid a.*Grid b/)
    expect(await validate(id, 5)).toMatchObject({ toleranceM2: 5, publishable: true, problems: [] })
  })

  it('reports an overlap of 20 × 100 m with both grids and a point inside it', async () => {
    const id = await plan([{ key: 'a', ring: rect(-100, -50, 10, 50) }, { key: 'b', ring: rect(-10, -50, 100, 50) }])
    const { problems } = await validate(id)
    expect(kinds(problems)).toEqual(['overlap'])
    const overlap = problems[0]!
    expect(overlap).toMatchObject({ severity: 'error', grids: ['a', 'b'] })
    within(overlap.areaM2, 2000, 0.01)
    const [x, y] = xy(overlap)
    expect(Math.abs(x)).toBeLessThan(10)
    expect(Math.abs(y)).toBeLessThan(50)
    expect(overlap.message).toMatch(/Grid a.*Grid b.*overlap by 2,000 m²/)
  })

  it('reports the part of a grid beyond its community border', async () => {
    // Grid b reaches 20 m into community 2: 20 × 100 m outside.
    const id = await plan([{ key: 'a', ring: west }, { key: 'b', ring: rect(0, -50, 120, 50) }])
    const { problems } = await validate(id)
    expect(kinds(problems)).toEqual(['outside_community'])
    const outside = problems[0]!
    expect(outside.grids).toEqual(['b'])
    within(outside.areaM2, 2000, 0.01)
    const [x, y] = xy(outside)
    expect(x).toBeGreaterThan(100)
    expect(x).toBeLessThan(120)
    expect(Math.abs(y)).toBeLessThan(50)
  })

  it('reports a grid of a community outside the plan area', async () => {
    const id = await plan([{ key: 'a', ring: rect(-100, -50, 100, 50) }, { key: 'c', ring: rect(100, -50, 300, 50), community: community2 }])
    const { problems } = await validate(id)
    expect(kinds(problems)).toEqual(['outside_community'])
    expect(problems[0]).toMatchObject({ grids: ['c'], area: null, areaM2: null })
    expect(problems[0]!.message).toMatch(/Second community/)
  })

  it('requires a responsible officer', async () => {
    const id = await plan([{ key: 'a', ring: west }, { key: 'b', ring: east, officer: null }])
    const { problems, publishable } = await validate(id)
    expect(publishable).toBe(false)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ kind: 'no_officer', severity: 'error', grids: ['b'] })
  })

  it('warns about an officer of another station or not a police officer, and stays publishable', async () => {
    const id = await plan([{ key: 'a', ring: west, officer: otherStationOfficer }, { key: 'b', ring: east, officer: auxiliary }])
    const { problems, publishable } = await validate(id)
    expect(publishable).toBe(true)
    expect(problems.map((p) => [p.kind, p.severity, p.grids])).toEqual([
      ['foreign_officer', 'warning', ['a']],
      ['foreign_officer', 'warning', ['b']],
    ])
    expect(problems[0]!.message).toMatch(/Officer Wang.*Other station/)
    // The names the web needs to write its own (Chinese) sentence.
    expect(problems[0]!.details).toMatchObject({ officer: 'Officer Wang', role: 'police_officer', officerStation: 'Other station' })
    expect(problems[1]!.details).toMatchObject({ officer: 'Aux Zhao', role: 'auxiliary_officer' })
    expect(problems[1]!.message).toMatch(/Aux Zhao.*not a police officer/)
  })

  it('reports a code used twice in the plan or by a grid in force outside its area', async () => {
    const same = '330699001001001'
    const id = await plan([{ key: 'a', ring: west, code: same }, { key: 'b', ring: east, code: same }])
    const { problems } = await validate(id)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ kind: 'duplicate_code', severity: 'error', grids: ['a', 'b'] })
    expect(problems[0]!.message).toContain(same)

    const taken = await plan([{ key: 'a', ring: west, code: '330699001002001' }, { key: 'b', ring: east }])
    const result = await validate(taken)
    expect(result.problems).toHaveLength(1)
    expect(result.problems[0]).toMatchObject({ kind: 'duplicate_code', grids: ['a'] })
    expect(result.problems[0]!.message).toMatch(/East grid/)
    expect(result.problems[0]!.details).toMatchObject({ code: '330699001002001', other: 'East grid' })
  })

  it('repairs an invalid community outline instead of failing', async () => {
    // A bow-tie community x 300…400 m crossing at (350, 0): repaired, it is the triangles left and right of
    // the crossing, 2 × 2,500 m², so half of the 100 × 100 m grid drawn over it lies outside. Unrepaired,
    // the overlay throws on PostGIS and returns no rows on PGlite.
    const { id: bow } = await one<{ id: number }>(sql`
      insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
      values ('330699001003', 'Bow community', 'community', 'community', ${ids.townshipId}, ${ids.stationId},
              ST_GeomFromEWKT(${wkt([[300, -50], [400, 50], [400, -50], [300, 50], [300, -50]])}))
      returning id`)
    const id = await plan([{ key: 'a', ring: rect(300, -50, 400, 50), community: bow }], bow)
    const { problems } = await validate(id)
    expect(kinds(problems)).toEqual(['outside_community'])
    within(problems[0]!.areaM2, 5000, 0.01)
  })

  it('finds nothing wrong with ten grids tiling the community', async () => {
    // 5 × 2 cells of 40 × 50 m.
    const grids = Array.from({ length: 10 }, (_, i) => {
      const x0 = -100 + (i % 5) * 40
      const y0 = -50 + Math.floor(i / 5) * 50
      return { key: `g${i}`, ring: rect(x0, y0, x0 + 40, y0 + 50) }
    })
    const result = await validate(await plan(grids))
    expect(result.problems).toEqual([])
    expect(result.publishable).toBe(true)
  })
})
