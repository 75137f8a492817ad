import type { DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { demoIds } from './ids'
import { insertJsonBatches } from '../../db/json-rows'

export async function insertBasemap(db: Database, c: DemoCounty) {
  const ids = demoIds(c)
  await insertJsonBatches(db, c.roads.map((r) => ({ name: r.name, class: r.class, geom: JSON.stringify({ type: 'LineString', coordinates: r.line }) })), (json) => sql`
    insert into roads (name, class, geom)
    select name, class::road_class, ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)
    from json_to_recordset(${json}) as x(name text, class text, geom text)`)
  // Rivers are centre lines with a width: buffered in metres (geography) by PostGIS.
  await insertJsonBatches(db, c.water.map((w) => ({ name: w.name, kind: w.kind, width: w.widthM ?? null, geom: JSON.stringify(w.line ? { type: 'LineString', coordinates: w.line } : { type: 'Polygon', coordinates: [w.ring] }) })), (json) => sql`
    insert into water_areas (name, kind, geom)
    select name, kind::water_kind,
           ST_Multi(case when width is null then ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)
                         else ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(geom), 4326)::geography, width / 2)::geometry end)
    from json_to_recordset(${json}) as x(name text, kind text, width float8, geom text)`)
  await insertJsonBatches(db, c.buildings.map((b, i) => ({ id: ids.building(i), use: b.use, floors: b.floors, households: b.households, population: b.population, ring: b.ring })), (json) => sql`
    insert into buildings (id, use, floors, households, population, geom)
    select id, use::building_use, floors, households, population,
           ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'Polygon', 'coordinates', json_build_array(ring))), 4326))
    from json_to_recordset(${json}) as x(id int, use text, floors int, households int, population int, ring json)`, { batchSize: 10_000 })
}
