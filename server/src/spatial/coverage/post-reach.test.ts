import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reachQuery } from '../../contracts/coverage'
import type { Database, DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { LON0, LAT0, pointSql, county } from './testing'
import { postReach } from './post-reach'

describe('police-post reach', () => {
  let handle: DatabaseHandle
  let db: Database
  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    const ids = await createMinimalHierarchy(db, { lon: LON0, lat: LAT0, half: 0.03 })
    // A triangle: A→B directly on a slow village road (1,000 m at 20 km/h = 180 s), or A→C→B on a
    // primary road (1,000 m + 632.5 m at 45 km/h = 130.6 s).
    const road = (name: string, cls: string, from: [number, number], to: [number, number]) =>
      db.execute(sql`insert into roads (name, class, geom) values (${name}, ${cls}::road_class, ST_MakeLine(${pointSql(...from)}, ${pointSql(...to)}))`)
    await road('村道', 'village', [0, 0], [1000, 0])
    await road('省道一段', 'primary', [0, 0], [800, 600])
    await road('省道二段', 'primary', [800, 600], [1000, 0])
    await db.execute(sql`insert into police_posts (code, name, kind, station_id, address, staff, geom) values ('P-A', 'A警务室', 'room', ${ids.stationId}, 'A', 2, ${pointSql(0, 0)})`)
    await db.execute(sql`insert into key_sites (name, kind, geom) values ('B小学', 'school', ${pointSql(1000, 0)})`)
  })
  afterAll(() => handle.close())

  it('takes the fastest road and flags what lies beyond the limit', async () => {
    const reach = await postReach(db, county, reachQuery.parse({ minutes: 2 }))
    const [site] = reach.sitesOutside
    expect(site?.name).toBe('B小学')
    expect(site!.minutes).toBeCloseTo((1000 + Math.hypot(200, 600)) / (45 / 3.6) / 60, 1)
    // 120 s: 12.5 m/s × 120 s on each primary-road way out… the first leg is 1,000 m, so 1,500 m would be
    // reached on an endless primary road; here 1,000 m + 500 m of the second leg, plus 666.7 m of the village road.
    const post = reach.posts.features[0]!.properties
    expect(post.roadReachedKm).toBeCloseTo((1500 + (20 / 3.6) * 120) / 1000, 1)
    expect(reach.gridsOutside.map((g) => g.code)).toEqual(['330699001001001'])
    // The only community has no responsible police officer (一村一警).
    expect(reach.communitiesWithoutOfficer.map((c) => c.name)).toEqual(['测试社区'])
  })

  it('reaches the site within a longer limit, and with faster village roads it goes straight', async () => {
    expect((await postReach(db, county, reachQuery.parse({ minutes: 3 }))).sitesOutside).toEqual([])
    const fast = await postReach(db, county, reachQuery.parse({ minutes: 1, village: 50 }))
    expect(fast.sitesOutside[0]!.minutes).toBeCloseTo(1000 / (50 / 3.6) / 60, 1)
  })
})
