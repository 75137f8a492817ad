import type { FeatureCollection } from 'geojson'
import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'

export const basemapLayers = ['water', 'roads', 'buildings', 'boundaries', 'places'] as const
export type BasemapLayer = (typeof basemapLayers)[number]

/** Each basemap layer as a FeatureCollection, built by PostGIS. */
export async function basemapFeatures(db: Database): Promise<Record<BasemapLayer, FeatureCollection>> {
  const [row] = await queryRows<Record<BasemapLayer, FeatureCollection>>(db, sql`
    select
      (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json,
         'properties', json_build_object('kind', kind, 'name', name))), '[]'::json)) from water_areas) as water,
      (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json,
         'properties', json_build_object('class', class, 'name', name))), '[]'::json)) from roads) as roads,
      (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json,
         'properties', json_build_object('use', use, 'floors', floors))), '[]'::json)) from buildings) as buildings,
      (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(ST_Boundary(geom), 6)::json,
         'properties', json_build_object('level', level, 'name', name))), '[]'::json)) from admin_areas) as boundaries,
      (select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
         'type', 'Feature', 'geometry', ST_AsGeoJSON(ST_PointOnSurface(geom), 6)::json,
         'properties', json_build_object('level', level, 'name', name))), '[]'::json))
         from admin_areas where level <> 'county') as places`)
  return row!
}

/** Bounds of the whole county, [west, south, east, north]; null when the database has no areas yet. */
export async function countyBounds(db: Database): Promise<[number, number, number, number] | null> {
  const [row] = await queryRows<{ w: number | null; s: number; e: number; n: number }>(db, sql`
    select ST_XMin(e) as w, ST_YMin(e) as s, ST_XMax(e) as e, ST_YMax(e) as n
    from (select ST_Extent(geom)::geometry as e from admin_areas where level = 'county') x`)
  return row && row.w !== null ? [row.w, row.s, row.e, row.n] : null
}
