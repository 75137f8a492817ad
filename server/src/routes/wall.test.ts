import { sql } from 'drizzle-orm'
import type { FeatureCollection } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app'
import { signInAs, type TestSession } from '../auth/testing'
import type { GridCard, IncidentNearby, WallKpis } from '../contracts'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { createTwoStations } from '../db/testing/two-stations'
import type { GridStats } from '../spatial/grid-stats'

// Station A's grid spans 120.18–120.20, station B's 120.20–120.22 (latitude 29.69–29.71).
const A = 120.19
const B = 120.21
const DAY_MS = 86_400_000

let handle: DatabaseHandle
let app: ReturnType<typeof createApp>
let fx: Awaited<ReturnType<typeof createTwoStations>>
let commander: TestSession
let chiefA: TestSession
let officerB: TestSession
let viewer: TestSession
let n = 0

const json = async <T>(res: Response | Promise<Response>, status = 200) => {
  const r = await res
  expect(r.status).toBe(status)
  return (await r.json()) as T
}
/** Posts an incident as the commander; times are instants (ISO with offset). */
async function report(lon: number, reportedAt: string, chain: Record<string, string> = {}, category = 'theft', lat = 29.7) {
  const body = { source: '110', externalId: `W${++n}`, category, lon, lat, reportedAt, ...chain }
  return json<{ id: number }>(commander.request('/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), 201)
}
const at = (ms: number) => new Date(ms).toISOString()

beforeAll(async () => {
  handle = await createTestDatabase()
  fx = await createTwoStations(handle.db)
  app = createApp({ handle })
  commander = await signInAs(handle.db, app, 'commander')
  chiefA = await signInAs(handle.db, app, 'station_chief', { stationId: fx.a.stationId })
  officerB = await signInAs(handle.db, app, 'officer', { stationId: fx.b.stationId })
  viewer = await signInAs(handle.db, app, 'viewer')

  // 2026-05-01 (county time, UTC+8). Station A: four incidents that day, station B: one.
  await report(A, '2026-05-01T09:00:00+08:00', { acceptedAt: '2026-05-01T09:00:30+08:00', contactedAt: '2026-05-01T09:02:00+08:00', onSceneAt: '2026-05-01T09:07:00+08:00', closedAt: '2026-05-01T10:00:00+08:00' })
  await report(A, '2026-05-01T10:00:00+08:00', { acceptedAt: '2026-05-01T10:02:00+08:00', onSceneAt: '2026-05-01T10:09:00+08:00' })
  await report(A, '2026-05-01T11:00:00+08:00', {}, 'dispute') // never accepted: overdue on every step
  await report(A, '2026-05-01T23:30:00+08:00') // late evening: still the same county day
  await report(B, '2026-05-01T12:00:00+08:00', { acceptedAt: '2026-05-01T12:00:20+08:00', closedAt: '2026-05-01T12:02:00+08:00' }) // settled by phone in two minutes
  // Around the day: the evening before and just after midnight do not count.
  await report(A, '2026-04-30T23:59:00+08:00')
  await report(B, '2026-05-02T00:10:00+08:00')
  // The same day a year earlier: one in each station.
  await report(A, '2025-05-01T08:00:00+08:00')
  await report(B, '2025-05-01T20:00:00+08:00')

  // Disputes (the fixture has one open in each grid, opened 2026-03-01): one resolved and one cancelled in A.
  await handle.db.execute(sql`
    insert into disputes (code, type, risk, tier, status, summary, geom, grid_id, version_id, opened_at, closed_at, outcome)
    values ('MD-A-2', 'family', 'low', 'grid', 'closed', '家庭纠纷', ST_SetSRID(ST_MakePoint(120.19, 29.7), 4326), ${fx.a.gridId}, ${fx.versionId}, '2026-04-01T08:00:00Z', '2026-04-03T08:00:00Z', 'agreement'),
           ('MD-A-3', 'consumer', 'low', 'grid', 'cancelled', '撤回', ST_SetSRID(ST_MakePoint(120.19, 29.7), 4326), ${fx.a.gridId}, ${fx.versionId}, '2026-04-05T08:00:00Z', null, null)`)
  await handle.db.execute(sql`update cameras set status = 'offline' where code = 'CB1'`)
})
afterAll(() => handle.close())

const kpis = (as: TestSession, day: string) => json<WallKpis>(as.request(`/api/wall/kpis?day=${day}`))

describe('wall KPI strip', () => {
  it('counts the county day against the same day last year, with response-target rates that count overdue incidents', async () => {
    const k = await kpis(commander, '2026-05-01')
    expect(k.from).toBe('2026-04-30T16:00:00.000Z')
    expect(k.incidents).toMatchObject({ today: 5, sameDayLastYear: 2, change: 1.5, open: 3 })
    expect(k.incidents.byCategory).toEqual([
      { code: 'theft', today: 4, sameDayLastYear: 2 },
      { code: 'dispute', today: 1, sameDayLastYear: 0 },
    ])
    // Accepted within a minute: the first one and station B's; the slow one and the two never accepted miss.
    expect(k.acceptedWithin1Min).toEqual({ rate: 2 / 5, numerator: 2, denominator: 5 })
    // On scene: B's incident, settled within two minutes without going there, does not count; 7 min meets 8, 9 min meets only 10.
    expect(k.onSceneWithin8Min).toEqual({ rate: 1 / 4, numerator: 1, denominator: 4 })
    expect(k.onSceneWithin10Min).toEqual({ rate: 2 / 4, numerator: 2, denominator: 4 })
    expect(k.contactedWithin3Min).toEqual({ rate: 1 / 4, numerator: 1, denominator: 4 })
    // Disputes opened in 2026, not cancelled: three, one resolved with an agreement; two still open.
    expect(k.disputeResolution).toEqual({ rate: 1 / 3, numerator: 1, denominator: 3 })
    expect(k.openDisputes).toBe(2)
    expect(k.camerasOnline).toEqual({ rate: 4 / 5, numerator: 4, denominator: 5 })
    expect(k.zeroIncidentCommunities).toEqual({ count: 0, of: 2 })
  })

  it('keeps a station to its own incidents, disputes, cameras and communities', async () => {
    const a = await kpis(chiefA, '2026-05-01')
    expect(a.incidents).toMatchObject({ today: 4, sameDayLastYear: 1, change: 3 })
    expect(a.acceptedWithin1Min.denominator).toBe(4)
    expect(a.disputeResolution).toEqual({ rate: 1 / 2, numerator: 1, denominator: 2 })
    expect(a.camerasOnline).toEqual({ rate: 1, numerator: 3, denominator: 3 })
    const b = await kpis(officerB, '2026-05-01')
    expect(b.incidents).toMatchObject({ today: 1, sameDayLastYear: 1, change: 0 })
    expect(b.camerasOnline).toEqual({ rate: 1 / 2, numerator: 1, denominator: 2 })
    expect(b.zeroIncidentCommunities).toEqual({ count: 0, of: 1 })
  })

  it('shows a quiet day as zero incidents in every community, without a change against an empty last year', async () => {
    const k = await kpis(viewer, '2026-05-03')
    expect(k.incidents).toMatchObject({ today: 0, sameDayLastYear: 0, change: null, byCategory: [] })
    expect(k.acceptedWithin1Min.rate).toBeNull()
    expect(k.zeroIncidentCommunities).toEqual({ count: 2, of: 2 })
  })

  it('counts an incident closed late without a step as a miss of that step', async () => {
    // Closed after 20 minutes without anyone going there: a miss for every target, not a skip.
    await report(B, '2026-05-05T10:00:00+08:00', { acceptedAt: '2026-05-05T10:00:30+08:00', closedAt: '2026-05-05T10:20:00+08:00' })
    const k = await kpis(officerB, '2026-05-05')
    expect(k.acceptedWithin1Min).toEqual({ rate: 1, numerator: 1, denominator: 1 })
    expect(k.contactedWithin3Min).toEqual({ rate: 0, numerator: 0, denominator: 1 })
    expect(k.onSceneWithin8Min).toEqual({ rate: 0, numerator: 0, denominator: 1 })
  })

  it('compares a day after a leap day with exactly one day a year earlier', async () => {
    const k = await kpis(commander, '2025-02-28')
    expect([k.lastYearFrom, k.lastYearTo]).toEqual(['2024-02-27T16:00:00.000Z', '2024-02-28T16:00:00.000Z'])
    const leap = await kpis(commander, '2024-02-29')
    expect([leap.lastYearFrom, leap.lastYearTo]).toEqual(['2023-02-27T16:00:00.000Z', '2023-02-28T16:00:00.000Z'])
  })

  it('stops a running day at now, and compares with last year up to the same minute', async () => {
    const k = await kpis(commander, new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10))
    expect(Math.abs(Date.parse(k.to) - Date.now())).toBeLessThan(60_000)
    const lastYearTo = new Date(k.to)
    lastYearTo.setUTCFullYear(lastYearTo.getUTCFullYear() - 1)
    expect(Math.abs(Date.parse(k.lastYearTo) - lastYearTo.getTime())).toBeLessThan(2 * DAY_MS)
  })

  it('names the field of a bad day', async () => {
    for (const day of ['2026-5-1', '2026-02-30', 'today']) {
      const body = await json<{ error: { field: string } }>(commander.request(`/api/wall/kpis?day=${day}`), 400)
      expect(body.error.field).toBe('day')
    }
  })
})

describe('grid card', () => {
  beforeAll(async () => {
    // A recent history for the trend: in grid A, three this month or last, one a year and a bit ago.
    const now = Date.now()
    await report(A, at(now - 2 * 3_600_000))
    await report(A, at(now - 3 * DAY_MS))
    await report(A, at(now - 20 * DAY_MS))
    await report(A, at(now - 380 * DAY_MS))
  })

  it('shows the grid, its people with phones, a 12-month trend against last year, open disputes and cameras', async () => {
    const card = await json<GridCard>(commander.request(`/api/grids/${fx.a.gridId}/card`))
    expect(card.grid).toMatchObject({ id: fx.a.gridId, code: fx.a.gridCode, community: '330699001001', township: '330699001', station: { id: fx.a.stationId, name: '甲派出所' } })
    expect(card.grid.areaKm2).toBeGreaterThan(3)
    expect(card.grid.areaKm2).toBeLessThan(5)
    expect(card.people?.responsibleOfficer).toMatchObject({ name: '甲派出所网格长', phone: '13800000001' })
    expect(card.people?.gridWorkers.map((w) => w.name)).toEqual(['网格员甲'])
    expect(card.people?.assistant).toBeNull()
    expect(card.trend).toHaveLength(12)
    expect(card.trend.map((m) => m.month)).toEqual([...card.trend.map((m) => m.month)].sort())
    // The three recent ones fall in this month or the one before; the one 380 days ago in last year's months.
    expect(card.trend.slice(-2).reduce((s, m) => s + m.incidents, 0)).toBeGreaterThanOrEqual(3)
    expect(card.trend.reduce((s, m) => s + m.lastYear, 0)).toBeGreaterThanOrEqual(1)
    expect(card.yearOverYear.last365Days).toBeGreaterThanOrEqual(3)
    expect(card.openDisputes).toBe(1)
    expect(card.cameras).toEqual({ rate: 1, numerator: 3, denominator: 3 })
  })

  it('counts the trend and the year-over-year change from the same incidents', async () => {
    const card = await json<GridCard>(commander.request(`/api/grids/${fx.a.gridId}/card`))
    const [row] = await queryRows<{ last: number; previous: number }>(handle.db, sql`
      select count(*) filter (where reported_at >= now() - interval '365 days')::int as last,
             count(*) filter (where reported_at < now() - interval '365 days' and reported_at >= now() - interval '730 days')::int as previous
      from incidents where grid_id = ${fx.a.gridId}`)
    expect(card.yearOverYear).toMatchObject({ last365Days: row!.last, previous365Days: row!.previous })
  })

  it('counts incidents stored against another boundary version by their points', async () => {
    // A draft version whose only grid covers both stations' grids: it holds every incident of both.
    const [v2] = await queryRows<{ id: number }>(handle.db, sql`insert into boundary_versions (name, status, author) values ('draft', 'draft', 'test') returning id`)
    const [merged] = await queryRows<{ id: number }>(handle.db, sql`
      insert into grids (version_id, code, name, community_id, geom)
      select ${v2!.id}, code, '合并网格', community_id, ST_Multi(ST_Expand(geom, 0.02)) from grids where id = ${fx.a.gridId} returning id`)
    const card = await json<GridCard>(commander.request(`/api/grids/${merged!.id}/card`))
    const a = await json<GridCard>(commander.request(`/api/grids/${fx.a.gridId}/card`))
    const b = await json<GridCard>(commander.request(`/api/grids/${fx.b.gridId}/card`))
    expect(card.yearOverYear.last365Days).toBe(a.yearOverYear.last365Days + b.yearOverYear.last365Days)
    expect(card.openDisputes).toBe(a.openDisputes + b.openDisputes)
    await handle.db.execute(sql`delete from grids where id = ${merged!.id}`)
  })

  it('leaves the people out for roles that only see aggregates', async () => {
    const card = await json<GridCard>(viewer.request(`/api/grids/${fx.a.gridId}/card`))
    expect(card.people).toBeNull()
    expect(card.openDisputes).toBe(1)
  })

  it("answers another station's grid like a missing one", async () => {
    await json(officerB.request(`/api/grids/${fx.a.gridId}/card`), 404)
    await json(commander.request('/api/grids/999999/card'), 404)
    const bad = await json<{ error: { field: string } }>(commander.request('/api/grids/abc/card'), 400)
    expect(bad.error.field).toBe('id')
  })
})

describe('incident neighbours', () => {
  let seen: { id: number }
  beforeAll(async () => {
    await handle.db.execute(sql`
      insert into police_posts (code, name, kind, station_id, address, staff, geom)
      values ('P-A', '甲警务室', 'room', ${fx.a.stationId}, '甲村', 3, ST_SetSRID(ST_MakePoint(120.186, 29.702), 4326)),
             ('P-B', '乙警务站', 'station', ${fx.b.stationId}, '乙村', 5, ST_SetSRID(ST_MakePoint(120.205, 29.7), 4326))`)
    // Camera CA1 stands at 120.185, 29.701 looking east (60°, 80 m): this incident is 48 m east of it.
    seen = await report(120.1855, '2026-06-01T10:00:00+08:00', {}, 'theft', 29.701)
  })

  it('lists the nearest posts and cameras by true distance, and which cameras look at the spot', async () => {
    const near = await json<IncidentNearby>(commander.request(`/api/incidents/${seen.id}/nearby`))
    expect(near.posts.map((p) => p.code)).toEqual(['P-A', 'P-B'])
    expect(near.posts[0]!.distanceM).toBeGreaterThan(50)
    expect(near.posts[0]!.distanceM).toBeLessThan(150)
    expect(near.cameras.map((c) => c.code)).toEqual(['CA1', 'CA2', 'CA0', 'CB0', 'CB1'])
    expect(near.cameras[0]).toMatchObject({ code: 'CA1', seesIncident: true, status: 'online' })
    expect(near.cameras[0]!.distanceM).toBeCloseTo(48, -1)
    // CA2 is 145 m to the east, looking away from it; CA0 looks east but the spot lies beyond its 80 m.
    expect(near.cameras.find((c) => c.code === 'CA2')!.seesIncident).toBe(false)
    expect(near.cameras.find((c) => c.code === 'CA0')!.seesIncident).toBe(false)
  })

  it('gives a station only its own cameras, and another station nothing', async () => {
    const near = await json<IncidentNearby>(chiefA.request(`/api/incidents/${seen.id}/nearby`))
    expect(near.cameras.map((c) => c.code)).toEqual(['CA1', 'CA2', 'CA0'])
    await json(officerB.request(`/api/incidents/${seen.id}/nearby`), 404)
  })
})

describe('map outlines and grid statistics for the choropleth', () => {
  it('draws townships and communities', async () => {
    const areas = await json<FeatureCollection>(viewer.request('/api/map/areas'))
    const levels = areas.features.map((f) => `${f.properties!.level}:${f.properties!.code}`).sort()
    expect(levels).toEqual(['community:330699001001', 'community:330699002001', 'township:330699001', 'township:330699002'])
    expect(areas.features[0]!.geometry.type).toBe('MultiPolygon')
  })

  it('counts open disputes per grid', async () => {
    const stats = await json<{ grids: GridStats[] }>(commander.request('/api/grids/stats'))
    expect(stats.grids.map((g) => [g.code, g.openDisputes])).toEqual([
      [fx.a.gridCode, 1],
      [fx.b.gridCode, 1],
    ])
  })
})
