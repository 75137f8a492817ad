import type { DemoCounty } from '@gridwatch/data'
import { sql } from 'drizzle-orm'
import type { Database } from '../../db/client'
import { insertJsonBatches } from '../../db/json-rows'
import { demoIds } from './ids'

export async function insertAssets(db: Database, c: DemoCounty) {
  const ids = demoIds(c)
  await insertJsonBatches(db, c.keySites.map((s) => ({ name: s.name, kind: s.kind, lon: s.point[0], lat: s.point[1], ring: s.footprint })), (json) => sql`
    insert into key_sites (name, kind, geom, footprint)
    select name, kind::key_site_kind, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
           case when ring is null then null
                else ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(json_build_object('type', 'Polygon', 'coordinates', json_build_array(ring))), 4326)) end
    from json_to_recordset(${json}) as x(name text, kind text, lon float8, lat float8, ring json)`)
  await db.execute(sql`update key_sites k set community_id = a.id from admin_areas a where a.level = 'community' and ST_Covers(a.geom, k.geom)`)
  await insertJsonBatches(db, c.posts.map((p) => ({ code: p.code, name: p.name, kind: p.kind, station: ids.station(p.station), community: ids.community(p.community), address: p.address, staff: p.staff, lon: p.point[0], lat: p.point[1] })), (json) => sql`
    insert into police_posts (code, name, kind, station_id, community_id, address, staff, geom)
    select code, name, kind::post_kind, station, community, address, staff, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
    from json_to_recordset(${json}) as x(code text, name text, kind text, station int, community int, address text, staff int, lon float8, lat float8)`)
  const cameras = c.cameras.map((k) => ({ code: k.code, name: k.name, lon: k.point[0], lat: k.point[1], bearing: k.bearing, fov: k.fov, range: k.rangeM, height: k.heightM, kind: k.kind, status: k.status, owner: k.owner, station: ids.station(k.station), installed: k.installedOn.toISOString().slice(0, 10) }))
  await insertJsonBatches(db, cameras, (json) => sql`
    insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner, station_id, installed_on)
    select code, name, ST_SetSRID(ST_MakePoint(lon, lat), 4326), bearing, fov, range, height,
           kind::camera_kind, status::camera_status, owner::camera_owner, station, installed::date
    from json_to_recordset(${json})
      as x(code text, name text, lon float8, lat float8, bearing real, fov real, range real, height real, kind text, status text, owner text, station int, installed text)`, { batchSize: 10_000 })
}
