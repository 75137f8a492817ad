import type { DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { demoIds } from './ids'

/**
 * Stations, administrative areas, the first boundary version and its grids. Every area's polygon is the
 * union of its grids, computed by PostGIS from a staging table, so areas and grids tile each other exactly.
 */
export async function insertBoundaries(db: Database, c: DemoCounty) {
  const ids = demoIds(c)
  const cells = c.grids.map((g, i) => ({
    id: ids.grid(i),
    code: g.code,
    name: g.name,
    kind: g.kind,
    community: ids.community(g.community),
    township: ids.township(c.communities[g.community]!.township),
    station: ids.stationOfCommunity(g.community),
    geom: JSON.stringify({ type: 'Polygon', coordinates: [g.ring] }),
  }))
  await db.execute(sql`
    create temporary table seed_cells on commit drop as
    select x.*, ST_SetSRID(ST_GeomFromGeoJSON(x.geom), 4326) as shape
    from json_to_recordset(${JSON.stringify(cells)}::json)
      as x(id int, code text, name text, kind text, community int, township int, station int, geom text)`)

  const stations = c.stations.map((s, i) => ({ id: ids.station(i), code: s.code, name: s.name, duty_phone: s.dutyPhone, address: s.address, lon: s.location[0], lat: s.location[1] }))
  await db.execute(sql`
    insert into stations (id, code, name, duty_phone, address, location, jurisdiction)
    select s.id, s.code, s.name, s.duty_phone, s.address, ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326),
           (select ST_Multi(ST_Union(shape)) from seed_cells where station = s.id)
    from json_to_recordset(${JSON.stringify(stations)}::json)
      as s(id int, code text, name text, duty_phone text, address text, lon float8, lat float8)`)

  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select 1, ${c.county.code}, ${c.county.name}, 'county', 'county', null, null, ST_Multi(ST_Union(shape)) from seed_cells`)
  const townships = c.townships.map((t, i) => ({ id: ids.township(i), code: t.code, name: t.name, kind: t.kind, station: ids.station(t.station) }))
  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select t.id, t.code, t.name, 'township', t.kind::admin_kind, 1, t.station,
           (select ST_Multi(ST_Union(shape)) from seed_cells where township = t.id)
    from json_to_recordset(${JSON.stringify(townships)}::json) as t(id int, code text, name text, kind text, station int)`)
  const communities = c.communities.map((m, i) => ({ id: ids.community(i), code: m.code, name: m.name, kind: m.kind, parent: ids.township(m.township), station: ids.stationOfCommunity(i) }))
  await db.execute(sql`
    insert into admin_areas (id, code, name, level, kind, parent_id, station_id, geom)
    select m.id, m.code, m.name, 'community', m.kind::admin_kind, m.parent, m.station,
           (select ST_Multi(ST_Union(shape)) from seed_cells where community = m.id)
    from json_to_recordset(${JSON.stringify(communities)}::json) as m(id int, code text, name text, kind text, parent int, station int)`)

  // The first boundary version has been in force since before the oldest incident.
  const effectiveFrom = new Date(c.config.now.getTime() - 800 * 86_400_000)
  await db.execute(sql`
    insert into boundary_versions (id, name, status, author, note, effective_from)
    values (1, '初始网格划分', 'published', 'demo', 'Demo county initial grid layout', ${effectiveFrom.toISOString()}::timestamptz)`)
  await db.execute(sql`
    insert into grids (id, version_id, code, name, kind, community_id, geom)
    select id, 1, code, name, kind::grid_kind, community, ST_Multi(shape) from seed_cells`)
}
