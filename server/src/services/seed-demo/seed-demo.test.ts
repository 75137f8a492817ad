import { demoSizes } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { ensureReferenceData } from '../reference-data'
import { seedDemoCounty } from '.'

const SCALE = 0.05
/** Random points per camera view area in the coverage check. */
const SAMPLES = 40
const now = new Date('2026-11-23T04:00:00Z')
let handle: DatabaseHandle

beforeAll(async () => {
  handle = await createTestDatabase()
  await ensureReferenceData(handle.db)
  const result = await seedDemoCounty(handle.db, { seed: 42, scale: SCALE, now })
  expect(result.seeded).toBe(true)
})
afterAll(() => handle.close())

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(handle.db, query))[0]!

describe('seeded demo county', () => {
  it('has the configured numbers of areas, grids, posts, cameras and incidents', async () => {
    const sizes = demoSizes(SCALE)
    const counts = await one<Record<string, number>>(sql`
      select (select count(*)::int from admin_areas where level = 'township') as townships,
             (select count(*)::int from admin_areas where level = 'community') as communities,
             (select count(*)::int from grids) as grids,
             (select count(*)::int from stations) as stations,
             (select count(*)::int from police_posts) as posts,
             (select count(*)::int from cameras) as cameras,
             (select count(*)::int from incidents) as incidents`)
    expect(counts.townships).toBe(sizes.townships)
    expect(counts.communities).toBe(sizes.communities)
    expect(counts.grids).toBe(sizes.grids)
    expect(counts.stations).toBeLessThanOrEqual(sizes.stations)
    expect(counts.stations).toBeGreaterThanOrEqual(2)
    expect(counts.posts).toBeLessThanOrEqual(sizes.posts)
    expect(counts.posts).toBeGreaterThanOrEqual(sizes.townships - sizes.streets)
    expect(counts.cameras).toBe(sizes.cameras)
    expect(counts.incidents).toBe(sizes.incidentsPerYear + Math.round(sizes.incidentsPerYear * 1.07))
  })

  it('tiles every community with its grids: no gap, no overlap (m², geodesic)', async () => {
    const rows = await queryRows<{ code: string; gap: number; overlap: number }>(handle.db, sql`
      select c.code,
             ST_Area(ST_Difference(c.geom, ST_Union(g.geom))::geography) as gap,
             coalesce((select sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography))
                       from grids a join grids b on a.id < b.id and a.community_id = c.id and b.community_id = c.id
                                     and ST_Intersects(a.geom, b.geom)), 0) as overlap
      from admin_areas c join grids g on g.community_id = c.id
      where c.level = 'community'
      group by c.id, c.code, c.geom`)
    expect(rows.length).toBe(demoSizes(SCALE).communities)
    for (const row of rows) {
      expect(row.gap, `gap in ${row.code}`).toBeLessThan(1)
      expect(row.overlap, `overlap in ${row.code}`).toBeLessThan(1)
    }
  })

  it('nests communities in townships and townships in the county without gaps', async () => {
    const row = await one<{ townships_gap: number; communities_gap: number; stations_gap: number }>(sql`
      select ST_Area(ST_SymDifference(county.geom, (select ST_Union(geom) from admin_areas where level = 'township'))::geography) as townships_gap,
             ST_Area(ST_SymDifference(county.geom, (select ST_Union(geom) from admin_areas where level = 'community'))::geography) as communities_gap,
             ST_Area(ST_SymDifference(county.geom, (select ST_Union(jurisdiction) from stations))::geography) as stations_gap
      from admin_areas county where county.level = 'county'`)
    expect(row.townships_gap).toBeLessThan(1)
    expect(row.communities_gap).toBeLessThan(1)
    expect(row.stations_gap).toBeLessThan(1)
  })

  it('gives every grid exactly one current responsible officer, a police officer of its own station', async () => {
    const rows = await queryRows<{ code: string; officers: number; wrong: number }>(handle.db, sql`
      select g.code,
             count(d.id) filter (where d.duty = 'responsible_officer' and d.until is null)::int as officers,
             count(d.id) filter (where d.duty = 'responsible_officer' and (p.role <> 'police_officer' or p.station_id <> t.station_id))::int as wrong
      from grids g
      join admin_areas c on c.id = g.community_id
      join admin_areas t on t.id = c.parent_id
      left join grid_duties d on d.grid_id = g.id
      left join people p on p.id = d.person_id
      group by g.code`)
    expect(rows.length).toBe(demoSizes(SCALE).grids)
    for (const row of rows) {
      expect(row.officers, row.code).toBe(1)
      expect(row.wrong, row.code).toBe(0)
    }
  })

  it('gives every station every kind of mediator, and the county center its own', async () => {
    // Per station: the committee, the 老娘舅 studio, a law firm, the lawyer at the station, the volunteer team.
    const kinds = (organisation: string) =>
      /人民调解委员会$/.test(organisation) ? 'committee' : /老娘舅/.test(organisation) ? 'laoniangjiu' : /^驻所律师/.test(organisation) ? 'station lawyer'
        : /志愿者/.test(organisation) ? 'volunteers' : /律师事务所$/.test(organisation) ? 'law firm' : organisation === '县矛盾纠纷调处化解中心' ? 'county center' : 'other'
    const rows = await queryRows<{ station: number | null; organisation: string }>(handle.db, sql`
      select station_id as station, organisation from people where role = 'mediator' and active`)
    const byStation = new Map<number | null, Set<string>>()
    for (const r of rows) byStation.set(r.station, (byStation.get(r.station) ?? new Set()).add(kinds(r.organisation)))
    const [{ stations }] = (await queryRows<{ stations: number }>(handle.db, sql`select count(*)::int as stations from stations`)) as [{ stations: number }]
    expect(byStation.size).toBe(stations + 1)
    for (const [station, found] of byStation) {
      expect([...found].sort(), String(station)).toEqual(station === null ? ['county center'] : ['committee', 'laoniangjiu', 'law firm', 'station lawyer', 'volunteers'])
    }
  })

  it('codes every grid under its community, numbered from 001', async () => {
    const bad = await queryRows(handle.db, sql`
      select g.code from grids g join admin_areas c on c.id = g.community_id where left(g.code, 12) <> c.code`)
    expect(bad).toEqual([])
    const firsts = await one<{ n: number; communities: number }>(sql`
      select count(*) filter (where right(code, 3) = '001')::int as n, count(distinct community_id)::int as communities from grids`)
    expect(firsts.n).toBe(firsts.communities)
  })

  it('puts every assigned incident inside (or on the edge of) its grid, and flags the rest', async () => {
    const row = await one<{ misplaced: number; pending: number; unassigned: number; total: number }>(sql`
      select count(*) filter (where i.assignment in ('contains', 'edge') and not ST_Covers(g.geom, i.geom))::int as misplaced,
             count(*) filter (where i.assignment = 'pending')::int as pending,
             count(*) filter (where i.assignment = 'unassigned' and i.grid_id is null)::int as unassigned,
             count(*)::int as total
      from incidents i left join grids g on g.id = i.grid_id`)
    expect(row.misplaced).toBe(0)
    expect(row.pending).toBe(0)
    // A few points lie outside the county on purpose (real feeds have them): flagged, never dropped.
    expect(row.unassigned).toBeGreaterThan(0)
    expect(row.unassigned / row.total).toBeLessThan(0.02)
  })

  it('names a responsible person for assigned incidents: roster, grid officer or duty desk', async () => {
    const rows = await queryRows<{ responsibility: string; n: number; without_person: number }>(handle.db, sql`
      select responsibility, count(*)::int as n, count(*) filter (where responsible_person_id is null)::int as without_person
      from incidents where grid_id is not null group by responsibility`)
    const by = Object.fromEntries(rows.map((r) => [r.responsibility, r]))
    expect(by.roster?.n).toBeGreaterThan(0)
    expect(by.grid_officer?.n).toBeGreaterThan(0)
    expect(by.roster?.without_person).toBe(0)
    expect(by.grid_officer?.without_person).toBe(0)
    expect(by.none).toBeUndefined()
  })

  it('derives grid population and households from the buildings inside them', async () => {
    const row = await one<{ grids: number; buildings: number; households: number; grid_households: number }>(sql`
      select (select sum(population)::int from grids) as grids, (select sum(population)::int from buildings) as buildings,
             (select sum(households)::int from buildings) as households, (select sum(households)::int from grids) as grid_households`)
    expect(row.grids).toBeGreaterThan(0)
    expect(row.grids).toBe(row.buildings)
    expect(row.grid_households).toBe(row.households)
  })

  it('computes every grid\'s camera coverage, matching a point sample of the view areas', async () => {
    // Coverage is built by overlay (union, intersection); the check uses none. Random points in each
    // view area, each worth its share of that area divided by the number of view areas containing it,
    // add up to the area of their union (Karp–Luby estimator); summed per grid.
    const rows = await queryRows<{ code: string; area_m2: number | null; seen_m2: number | null; sampled_m2: number | null }>(handle.db, sql`
      with samples as (
        select ST_Area(v.geom::geography) / ${SAMPLES} as share, p.geom
        from camera_view_areas v cross join lateral ST_Dump(ST_GeneratePoints(v.geom, ${SAMPLES}, v.camera_id)) p
      ),
      weighted as (
        select s.geom, s.share / (select count(*) from camera_view_areas o where o.geom && s.geom and ST_Intersects(o.geom, s.geom)) as m2
        from samples s
      )
      select g.code, gc.area_m2, gc.area_seen_m2 as seen_m2,
             (select sum(w.m2) from weighted w where w.geom && g.geom and ST_Intersects(g.geom, w.geom)) as sampled_m2
      from grids g left join grid_coverage gc on gc.grid_id = g.id`)
    expect(rows.length).toBe(demoSizes(SCALE).grids)
    for (const row of rows) {
      expect(row.area_m2, `coverage of ${row.code}`).not.toBeNull()
      // Sampling error comes from view areas cut by the grid's edge: 10 % plus 1000 m² allows for it.
      expect(Math.abs((row.sampled_m2 ?? 0) - row.seen_m2!), row.code).toBeLessThan(0.1 * row.seen_m2! + 1000)
    }
    const total = (key: 'seen_m2' | 'sampled_m2') => rows.reduce((sum, r) => sum + (r[key] ?? 0), 0)
    expect(total('seen_m2')).toBeGreaterThan(1e6)
    expect(Math.abs(total('sampled_m2') / total('seen_m2') - 1)).toBeLessThan(0.01)
  })

  it('loads the incident history without flooding the live feed', async () => {
    expect(await one<{ n: number }>(sql`select count(*)::int as n from live_events`)).toEqual({ n: 0 })
  })

  it('routes every non-police category to an exchange partner, none connected yet (nothing queued)', async () => {
    const unrouted = await queryRows<{ code: string }>(handle.db, sql`
      select code from incident_categories where not police_matter and code not in (select category_code from exchange_rules)`)
    expect(unrouted).toEqual([])
    const partners = await queryRows<{ code: string; endpoint: string | null; secretLength: number }>(handle.db, sql`
      select code, endpoint_url as endpoint, length(secret) as "secretLength" from exchange_partners order by code`)
    expect(partners.length).toBeGreaterThanOrEqual(3)
    for (const p of partners) {
      expect(p.endpoint).toBeNull()
      expect(p.secretLength).toBeGreaterThanOrEqual(32)
    }
    // The history is not forwarded, and no partner is connected anyway.
    expect(await one<{ n: number }>(sql`select count(*)::int as n from exchange_outbox`)).toEqual({ n: 0 })
  })

  it('is idempotent: seeding again changes nothing', async () => {
    const before = await one<{ n: number }>(sql`select count(*)::int as n from incidents`)
    const again = await seedDemoCounty(handle.db, { seed: 42, scale: SCALE, now })
    expect(again).toEqual({ seeded: false, reason: 'the demo county is already in this database' })
    expect(await one<{ n: number }>(sql`select count(*)::int as n from incidents`)).toEqual(before)
  })
})
