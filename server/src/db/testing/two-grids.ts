import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../client'

/**
 * Two grids of one community, sharing the edge lon = 120.20:
 *   A (330699001001001) 120.18–120.20 × 29.69–29.71, with a hole 120.185–120.190 × 29.695–29.700
 *   B (330699001001002) 120.20–120.22 × 29.69–29.71
 * Officer A is 网格长 of A, officer B of B; officer R is on the roster for the community on
 * 2026-03-01 08:00–20:00 (+08:00). Hand-made geometry, so every expected answer is known.
 */
export async function createTwoGrids(db: Database) {
  const box = (w: number, s: number, e: number, n: number) => `${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}`
  const community = `SRID=4326;MULTIPOLYGON(((${box(120.18, 29.69, 120.22, 29.71)})))`
  const gridA = `SRID=4326;MULTIPOLYGON(((${box(120.18, 29.69, 120.2, 29.71)}),(${box(120.185, 29.695, 120.19, 29.7)})))`
  const gridB = `SRID=4326;MULTIPOLYGON(((${box(120.2, 29.69, 120.22, 29.71)})))`
  await db.execute(sql`insert into incident_categories values ('theft', '盗窃', 'Theft', true, 3, '#b07cff'), ('dispute', '纠纷', 'Dispute', true, 3, '#f6c343') on conflict do nothing`)
  const [station] = await queryRows<{ id: number }>(db, sql`
    insert into stations (code, name, duty_phone, address, location, jurisdiction)
    values ('S1', '测试派出所', '0575-80000000', '测试路1号', ST_GeomFromEWKT('SRID=4326;POINT(120.2 29.7)'), ST_GeomFromEWKT(${community})) returning id`)
  const area = (code: string, level: string, kind: string, parent: number | null) => queryRows<{ id: number }>(db, sql`
    insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
    values (${code}, ${code}, ${level}::admin_level, ${kind}::admin_kind, ${parent}, ${station!.id}, ST_GeomFromEWKT(${community})) returning id`)
  const [county] = await area('330699', 'county', 'county', null)
  const [township] = await area('330699001', 'township', 'street', county!.id)
  const [comm] = await area('330699001001', 'community', 'community', township!.id)
  const [version] = await queryRows<{ id: number }>(db, sql`
    insert into boundary_versions (name, status, author, effective_from) values ('v1', 'published', 'test', '2020-01-01T00:00:00Z') returning id`)
  const grid = async (code: string, wkt: string) =>
    (await queryRows<{ id: number }>(db, sql`
      insert into grids (version_id, code, name, community_id, geom) values (${version!.id}, ${code}, ${code}, ${comm!.id}, ST_GeomFromEWKT(${wkt})) returning id`))[0]!.id
  const a = await grid('330699001001001', gridA)
  const b = await grid('330699001001002', gridB)
  const person = async (name: string, badge: string) =>
    (await queryRows<{ id: number }>(db, sql`
      insert into people (name, role, badge_no, phone, station_id) values (${name}, 'police_officer', ${badge}, '13800000000', ${station!.id}) returning id`))[0]!.id
  const officerA = await person('网格长甲', '330101')
  const officerB = await person('网格长乙', '330102')
  const rostered = await person('值班民警', '330103')
  await db.execute(sql`
    insert into grid_duties (grid_id, person_id, duty, since) values (${a}, ${officerA}, 'responsible_officer', '2020-01-01'), (${b}, ${officerB}, 'responsible_officer', '2020-01-01')`)
  await db.execute(sql`
    insert into duty_shifts (person_id, area_id, starts_at, ends_at) values (${rostered}, ${comm!.id}, '2026-03-01T08:00:00+08:00', '2026-03-01T20:00:00+08:00')`)
  return { stationId: station!.id, communityId: comm!.id, versionId: version!.id, gridA: a, gridB: b, officerA, officerB, rostered }
}
