import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type DatabaseHandle } from '../db/client'
import { createTestDatabase } from '../db/testing'
import { ensureReferenceData } from '../services/reference-data'
import { seedDemoCounty } from '../services/seed-demo'
import { disputeKpis, REPEAT_WITHIN_DAYS, REPEAT_WITHIN_M } from './dispute-kpis'

const now = new Date('2026-11-23T04:00:00Z')
const period = { from: new Date('2025-11-23T00:00:00Z'), to: new Date('2026-11-23T00:00:00Z') }

interface RawCase {
  id: number
  community: string
  station: number
  status: string
  outcome: string | null
  tier: string
  openedAt: string
  deadlineAt: string | null
  refused: boolean
  criminal: boolean
  lon: number
  lat: number
}

/** Great-circle distance in metres (haversine), computed here rather than by PostGIS. */
function metres(a: RawCase, b: RawCase) {
  const rad = Math.PI / 180
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h))
}

describe('dispute KPIs', () => {
  let handle: DatabaseHandle
  let raw: RawCase[]

  beforeAll(async () => {
    handle = await createTestDatabase()
    await ensureReferenceData(handle.db)
    await seedDemoCounty(handle.db, { seed: 11, scale: 0.05, now })
    // 民转刑 does happen: mark two cases to see them counted.
    await handle.db.execute(sql`update disputes set turned_criminal = true where id in (select id from disputes where status = 'closed' order by id desc limit 2)`)
    // One agreement the court refused to confirm: not resolved.
    await handle.db.execute(sql`update disputes set judicial_requested_on = '2026-05-01', judicial_refused_on = '2026-05-20' where id = (select id from disputes where status = 'evaluated' and outcome = 'agreement' and opened_at > '2026-01-01' order by id limit 1)`)
    // Some open cases past their deadline.
    await handle.db.execute(sql`update disputes set deadline_at = '2026-11-01T00:00:00Z' where id in (select id from disputes where status in ('accepted', 'dispatched', 'handling') order by id desc limit 3)`)
    // The raw cases with the community of the grid in force holding each point: nothing aggregated in SQL.
    raw = await queryRows<RawCase>(handle.db, sql`
      select d.id, c.code as community, t.station_id as station, d.status::text as status, d.outcome::text as outcome, d.tier::text as tier,
             d.opened_at::text as "openedAt", d.deadline_at::text as "deadlineAt", d.judicial_refused_on is not null as refused, d.turned_criminal as criminal, ST_X(d.geom) as lon, ST_Y(d.geom) as lat
      from disputes d
      join grids g on g.version_id = (select max(id) from boundary_versions where status = 'published') and ST_Covers(g.geom, d.geom)
      join admin_areas c on c.id = g.community_id join admin_areas t on t.id = c.parent_id`)
  })
  afterAll(() => handle.close())

  it('counts cases, resolutions, grid-level share, overdue, repeats and 民转刑 per community as the raw cases say', async () => {
    const kpis = await disputeKpis(handle.db, { kind: 'county' }, { level: 'community', ...period }, now)
    const inPeriod = raw.filter((d) => d.status !== 'cancelled' && Date.parse(d.openedAt) >= period.from.getTime() && Date.parse(d.openedAt) < period.to.getTime())
    expect(inPeriod.length).toBeGreaterThan(50)
    const resolved = (d: RawCase) => ['closed', 'evaluated'].includes(d.status) && ['agreement', 'judicial_confirmation'].includes(d.outcome ?? '') && !d.refused
    const open = (d: RawCase) => ['collected', 'accepted', 'dispatched', 'handling', 'reported_back'].includes(d.status)
    const earlier = raw.filter((d) => d.status !== 'cancelled')
    const repeat = (d: RawCase) =>
      earlier.some((e) => e.id !== d.id && Date.parse(e.openedAt) < Date.parse(d.openedAt) && Date.parse(e.openedAt) >= Date.parse(d.openedAt) - REPEAT_WITHIN_DAYS * 86_400_000 && metres(e, d) <= REPEAT_WITHIN_M)
    const expected = new Map<string, { cases: number; resolved: number; resolvedAtGrid: number; overdue: number; repeats: number; turnedCriminal: number }>()
    for (const d of inPeriod) {
      const e = expected.get(d.community) ?? { cases: 0, resolved: 0, resolvedAtGrid: 0, overdue: 0, repeats: 0, turnedCriminal: 0 }
      e.cases++
      if (resolved(d)) e.resolved++
      if (resolved(d) && d.tier === 'grid') e.resolvedAtGrid++
      if (open(d) && d.deadlineAt && Date.parse(d.deadlineAt) < now.getTime()) e.overdue++
      if (repeat(d)) e.repeats++
      if (d.criminal) e.turnedCriminal++
      expected.set(d.community, e)
    }
    expect(Object.fromEntries(kpis.rows.map(({ code, cases, resolved, resolvedAtGrid, overdue, repeats, turnedCriminal }) => [code, { cases, resolved, resolvedAtGrid, overdue, repeats, turnedCriminal }]))).toEqual(Object.fromEntries(expected))
    for (const row of kpis.rows) {
      expect(row.resolutionRate).toBeCloseTo(row.resolved / row.cases, 12)
      if (row.resolved > 0) expect(row.gridLevelShare).toBeCloseTo(row.resolvedAtGrid / row.resolved, 12)
    }
    expect(kpis.total.cases).toBe(inPeriod.length)
    // The check means something only if each kind occurs.
    for (const key of ['resolved', 'resolvedAtGrid', 'overdue', 'repeats', 'turnedCriminal'] as const) expect(kpis.total[key], key).toBeGreaterThan(0)
    expect(kpis.total.turnedCriminal).toBe(inPeriod.filter((d) => d.criminal).length)
    // The levels add up to the same county.
    const county = await disputeKpis(handle.db, { kind: 'county' }, { level: 'county', ...period }, now)
    const grids = await disputeKpis(handle.db, { kind: 'county' }, { level: 'grid', ...period }, now)
    expect(county.rows).toHaveLength(1)
    expect(county.total).toEqual(kpis.total)
    expect(grids.total).toEqual(kpis.total)
    // One grid asked for alone (a grid card) is its row among all the grids.
    const busiest = [...grids.rows].sort((a, b) => b.cases - a.cases)[0]!
    const one = await disputeKpis(handle.db, { kind: 'county' }, { level: 'grid', grid: busiest.id, ...period }, now)
    expect(one.rows).toEqual([busiest])
    expect(one.total).toMatchObject({ cases: busiest.cases, resolved: busiest.resolved, overdue: busiest.overdue })
  })

  it('counts a later case within 30 m as a repeat in every direction, and one just beyond it not', async () => {
    // A quiet spot: a grid's inner point with no case within 200 m.
    const [spot] = await queryRows<{ lon: number; lat: number }>(handle.db, sql`
      select ST_X(p) as lon, ST_Y(p) as lat from (select ST_PointOnSurface(g.geom) as p, g.code from grids g) x
      where not exists (select 1 from disputes d where ST_DWithin(d.geom::geography, x.p::geography, 200)) order by x.code limit 1`)
    const metre = { lat: 1 / 111_195, lon: 1 / (111_195 * Math.cos((spot!.lat * Math.PI) / 180)) }
    const first = { lon: spot!.lon, lat: spot!.lat }
    // East and north at 28 m are repeats of the first; west and south at 32 m are not (nor of each other).
    const later = [
      { lon: first.lon + 28 * metre.lon, lat: first.lat, repeat: true },
      { lon: first.lon, lat: first.lat + 28 * metre.lat, repeat: true },
      { lon: first.lon - 32 * metre.lon, lat: first.lat, repeat: false },
      { lon: first.lon, lat: first.lat - 32 * metre.lat, repeat: false },
    ]
    const asRaw = (p: { lon: number; lat: number }) => ({ lon: p.lon, lat: p.lat }) as RawCase
    for (const p of later) expect(Math.abs(metres(asRaw(first), asRaw(p)) - (p.repeat ? 28 : 32))).toBeLessThan(0.2)
    const before = await disputeKpis(handle.db, { kind: 'county' }, { level: 'county', ...period }, now)
    for (const [i, p] of [first, ...later].entries()) {
      await handle.db.execute(sql`
        insert into disputes (code, type, risk, tier, status, summary, geom, opened_at, deadline_at, closed_at, outcome)
        values (${`MD-REPEAT-${i}`}, 'neighbour', 'low', 'grid', 'evaluated', '同一门牌反复纠纷', ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326),
                ${`2026-06-0${i + 1}T02:00:00Z`}::timestamptz, ${`2026-06-0${i + 2}T02:00:00Z`}::timestamptz, ${`2026-06-0${i + 1}T08:00:00Z`}::timestamptz, 'agreement')`)
    }
    const after = await disputeKpis(handle.db, { kind: 'county' }, { level: 'county', ...period }, now)
    expect([after.total.cases - before.total.cases, after.total.repeats - before.total.repeats]).toEqual([5, 2])
  })

  it('keeps a station to its own communities', async () => {
    const station = raw[0]!.station
    const kpis = await disputeKpis(handle.db, { kind: 'station', stationId: station }, { level: 'community', ...period }, now)
    const own = new Set(raw.filter((d) => d.station === station).map((d) => d.community))
    expect(kpis.rows.length).toBeGreaterThan(0)
    for (const row of kpis.rows) expect(own.has(row.code), row.code).toBe(true)
  })
})
