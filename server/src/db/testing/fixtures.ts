import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../client'

/** A square polygon around [lon, lat], `half` degrees on each side, as EWKT MultiPolygon. */
export const squareWkt = (lon: number, lat: number, half: number) => {
  const [w, e, s, n] = [lon - half, lon + half, lat - half, lat + half]
  return `SRID=4326;MULTIPOLYGON(((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s})))`
}

/**
 * The smallest valid hierarchy: one station, county → township → community, a published boundary
 * version and one grid covering [lon ± half, lat ± half]. Returns the ids.
 */
export async function createMinimalHierarchy(db: Database, options: { lon?: number; lat?: number; half?: number } = {}) {
  const { lon = 120.2, lat = 29.7, half = 0.01 } = options
  const area = squareWkt(lon, lat, half)
  const [station] = await queryRows<{ id: number }>(db, sql`
    insert into stations (code, name, duty_phone, address, location, jurisdiction)
    values ('S1', '测试派出所', '0575-80000000', '测试路1号', ST_GeomFromEWKT(${`SRID=4326;POINT(${lon} ${lat})`}), ST_GeomFromEWKT(${area}))
    returning id`)
  const [county] = await queryRows<{ id: number }>(db, sql`
    insert into admin_areas (code, name, level, kind, geom) values ('330699', '测试县', 'county', 'county', ST_GeomFromEWKT(${area})) returning id`)
  const [township] = await queryRows<{ id: number }>(db, sql`
    insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
    values ('330699001', '测试街道', 'township', 'street', ${county!.id}, ${station!.id}, ST_GeomFromEWKT(${area})) returning id`)
  const [community] = await queryRows<{ id: number }>(db, sql`
    insert into admin_areas (code, name, level, kind, parent_id, station_id, geom)
    values ('330699001001', '测试社区', 'community', 'community', ${township!.id}, ${station!.id}, ST_GeomFromEWKT(${area})) returning id`)
  const [version] = await queryRows<{ id: number }>(db, sql`
    insert into boundary_versions (name, status, author, effective_from) values ('v1', 'published', 'test', '2020-01-01') returning id`)
  const [grid] = await queryRows<{ id: number }>(db, sql`
    insert into grids (version_id, code, name, community_id, geom)
    values (${version!.id}, '330699001001001', '测试网格', ${community!.id}, ST_GeomFromEWKT(${area})) returning id`)
  return { stationId: station!.id, countyId: county!.id, townshipId: township!.id, communityId: community!.id, versionId: version!.id, gridId: grid!.id }
}
