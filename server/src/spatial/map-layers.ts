import { sql } from 'drizzle-orm'
import { cameraScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'

/** GeoJSON text of a FeatureCollection built in PostGIS (no per-feature work in JS). */
type Collection = { collection: string }

/** Grids of the boundary version in force now. */
export async function currentGridsGeoJson(db: Database) {
  const [row] = await queryRows<Collection>(db, sql`
    select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', g.id,
      'geometry', ST_AsGeoJSON(g.geom, 6)::json,
      'properties', json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'kind', g.kind,
        'community', c.name, 'communityId', c.id, 'township', t.name, 'townshipId', t.id, 'population', g.population, 'households', g.households)
    ) order by g.code), '[]'::json))::text as collection
    from grids g
    join boundary_versions v on v.id = g.version_id
    join admin_areas c on c.id = g.community_id
    join admin_areas t on t.id = c.parent_id
    where v.status = 'published' and v.effective_from <= now() and (v.effective_to is null or now() < v.effective_to)`)
  return row!.collection
}

export async function postsGeoJson(db: Database) {
  const [row] = await queryRows<Collection>(db, sql`
    select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', p.id,
      'geometry', ST_AsGeoJSON(p.geom, 6)::json,
      'properties', json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'kind', p.kind, 'staff', p.staff, 'station', s.name, 'stationId', s.id)
    ) order by p.code), '[]'::json))::text as collection
    from police_posts p join stations s on s.id = p.station_id`)
  return row!.collection
}

export interface CameraColumns {
  id: Int32Array
  lon: Float64Array
  lat: Float64Array
  bearing: Float32Array
  fov: Float32Array
  rangeM: Float32Array
  /** 0 online, 1 offline, 2 fault. */
  status: Uint8Array
  /** 0 fixed, 1 ptz, 2 dome. */
  kind: Uint8Array
}

/** The cameras in scope as columns, aggregated into arrays by PostgreSQL so one row crosses the wire. */
export async function cameraColumns(db: Database, scope: Scope): Promise<CameraColumns> {
  const [row] = await queryRows<{ id: number[] | null; lon: number[]; lat: number[]; bearing: number[]; fov: number[]; range: number[]; status: number[]; kind: number[] }>(db, sql`
    select array_agg(id order by id) as id,
           array_agg(ST_X(geom) order by id) as lon, array_agg(ST_Y(geom) order by id) as lat,
           array_agg(bearing::float8 order by id) as bearing, array_agg(fov::float8 order by id) as fov,
           array_agg(range_m::float8 order by id) as range,
           array_agg(array_position(array['online','offline','fault']::camera_status[], status) - 1 order by id) as status,
           array_agg(array_position(array['fixed','ptz','dome']::camera_kind[], kind) - 1 order by id) as kind
    from cameras c where ${cameraScope(scope)}`)
  const r = row!
  return {
    id: Int32Array.from(r.id ?? []),
    lon: Float64Array.from(r.lon ?? []),
    lat: Float64Array.from(r.lat ?? []),
    bearing: Float32Array.from(r.bearing ?? []),
    fov: Float32Array.from(r.fov ?? []),
    rangeM: Float32Array.from(r.range ?? []),
    status: Uint8Array.from(r.status ?? []),
    kind: Uint8Array.from(r.kind ?? []),
  }
}

/**
 * Township and community outlines (the county itself is the basemap's edge). Simplified to about a
 * metre: outlines are drawn, never measured.
 */
export async function adminAreasGeoJson(db: Database) {
  const [row] = await queryRows<Collection>(db, sql`
    select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
      'type', 'Feature', 'id', a.id,
      'geometry', ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(a.geom, 0.00001)), 6)::json,
      'properties', json_build_object('id', a.id, 'code', a.code, 'name', a.name, 'level', a.level, 'kind', a.kind, 'parentId', a.parent_id)
    ) order by a.level desc, a.code), '[]'::json))::text as collection
    from admin_areas a where a.level in ('township', 'community')`)
  return row!.collection
}
