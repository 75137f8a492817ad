import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows, type Database, type DatabaseHandle } from '../../db/client'
import { createTestDatabase } from '../../db/testing'
import { createMinimalHierarchy } from '../../db/testing/fixtures'
import { county } from './testing'
import { gridCoverageRows } from './grid-coverage'
import { keySiteCoverage } from './key-sites'

/**
 * Two view areas of the demo county (cameras 8 m apart, occluded by nearby buildings) whose edges
 * nearly coincide: a floating-point ST_Union or ST_Intersection of them throws in GEOS, which PGlite
 * turned into a statement with no rows — this grid then had no coverage and the school vanished.
 */
const VIEW_AREAS = [
  'MULTIPOLYGON(((120.23477223401096 29.682664627848354,120.2348179 29.6826514,120.2349929353356 29.68311421323255,120.23500063109165 29.683113847332095,120.23503600238946 29.68311084611128,120.23507119586746 29.68310653625845,120.23510614805767 29.683100925546007,120.23514079592721 29.683094024092323,120.23517507699202 29.6830858443435,120.23520892942956 29.68307640105091,120.23524229219024 29.68306571124462,120.23527510510758 29.68305379420265,120.23530730900667 29.68304067141622,120.23532716235465 29.68303166608186,120.2353059 29.6829964,120.2352256 29.682784,120.23530371700048 29.682761393504475,120.2352267 29.6826823,120.23519848922325 29.682607680211927,120.2349374 29.6823852,120.23477223401096 29.682664627848354)))',
  'MULTIPOLYGON(((120.23498491058434 29.68266082872487,120.23499883195986 29.682661881565167,120.23501279267816 29.682662403157845,120.23502676616422 29.682662392510018,120.23504072581873 29.68266184964196,120.2350546450687 29.682660775587046,120.23506849741803 29.6826591723898,120.23508225649798 29.682657043102008,120.23509589611737 29.682654391776882,120.23510939031242 29.682651223461374,120.23512271339614 29.682647544186548,120.23513584000729 29.682643360956117,120.23514874515864 29.682638681733096,120.23516140428447 29.682633515424655,120.23517379328743 29.68262787186515,120.23518588858435 29.682621761797424,120.23519766715116 29.682615196852336,120.23520064203036 29.682613374561015,120.2351464 29.6824699,120.23533766967145 29.682414547939047,120.23533790094258 29.682413003588756,120.23533910666455 29.682400847398984,120.23533970399708 29.68238865685496,120.2353396918031 29.682376455162082,120.23533907010582 29.682364265546962,120.2350195 29.6823828,120.23498491058434 29.68266082872487)))',
]
/** Random points per view area for the independent estimate of their union's area. */
const SAMPLES = 4000

describe('coverage of view areas with nearly coincident edges', () => {
  let handle: DatabaseHandle
  let db: Database
  beforeAll(async () => {
    handle = await createTestDatabase()
    db = handle.db
    const { communityId } = await createMinimalHierarchy(db, { lon: 120.235, lat: 29.6826, half: 0.002 })
    // The cameras as in the demo county; their stored view areas replaced by the demo's occluded ones.
    await db.execute(sql`
      insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner) values
        ('330699000282', '282', ST_SetSRID(ST_MakePoint(120.2349374, 29.6823852), 4326), 9.2, 73, 81, 5, 'fixed', 'online', 'public'),
        ('330699009443', '9443', ST_SetSRID(ST_MakePoint(120.2350195, 29.6823828), 4326), 43.8, 100, 31, 5, 'dome', 'online', 'public')`)
    for (const [i, code] of ['330699000282', '330699009443'].entries()) {
      await db.execute(sql`update camera_view_areas set geom = ST_GeomFromText(${VIEW_AREAS[i]!}, 4326) where camera_id = (select id from cameras where code = ${code})`)
    }
    // A school whose yard both cameras look into.
    await db.execute(sql`
      insert into key_sites (name, kind, community_id, geom, footprint)
      values ('测试小学', 'school', ${communityId}, ST_SetSRID(ST_MakePoint(120.23510, 29.68262), 4326),
              ST_Multi(ST_MakeEnvelope(120.23500, 29.68255, 120.23520, 29.68270, 4326)))`)
  })
  afterAll(() => handle.close())

  it('computes the grid\'s seen area as the union of both, matching a point-sample estimate', async () => {
    // Karp–Luby: each random point of a view area is worth its share of that area, divided by the number
    // of view areas containing it — no overlay involved.
    const [expected] = await queryRows<{ m2: number; largest: number; sum: number }>(db, sql`
      select sum(s.share / (select count(*) from camera_view_areas o where ST_Intersects(o.geom, s.geom)))::float8 as m2,
             (select max(ST_Area(geom::geography)) from camera_view_areas)::float8 as largest,
             (select sum(ST_Area(geom::geography)) from camera_view_areas)::float8 as sum
      from (select ST_Area(v.geom::geography) / ${SAMPLES} as share, p.geom
            from camera_view_areas v cross join lateral ST_Dump(ST_GeneratePoints(v.geom, ${SAMPLES}, v.camera_id)) p) s`)
    const rows = await gridCoverageRows(db, county)
    expect(rows).toHaveLength(1)
    const seen = rows[0]!.all.areaSeenM2
    expect(seen).toBeGreaterThan(expected!.largest)
    expect(seen).toBeLessThan(expected!.sum)
    expect(Math.abs(seen / expected!.m2 - 1)).toBeLessThan(0.015)
    expect(rows[0]!.online.areaSeenM2).toBeCloseTo(seen, 0)
  })

  it('still lists the school between them, seen by both cameras', async () => {
    const sites = await keySiteCoverage(db, county, 'online')
    expect(sites.features.map((f) => [f.properties.name, f.properties.cameras])).toEqual([['测试小学', 2]])
    expect(sites.features[0]!.properties.status).not.toBe('none')
  })
})
