import { Hono } from 'hono'
import type { DatabaseHandle } from '../../db/client'
import { requires, type AuthEnv } from '../../auth'
import { adminAreasGeoJson, cameraColumns, currentGridsGeoJson, postsGeoJson } from '../../spatial/map-layers'
import { arrowResponse } from '../arrow'

const geojson = (text: string) => new Response(text, { headers: { 'content-type': 'application/geo+json; charset=utf-8' } })

/** Layer data for the map: small sets as GeoJSON, large ones as Arrow columns. */
export const mapRoutes = (handle: DatabaseHandle) =>
  new Hono<AuthEnv>()
    .get('/grids', requires('map:read'), async () => geojson(await currentGridsGeoJson(handle.db)))
    .get('/areas', requires('map:read'), async () => geojson(await adminAreasGeoJson(handle.db)))
    .get('/posts', requires('map:read'), async () => geojson(await postsGeoJson(handle.db)))
    .get('/cameras', requires('cameras:read'), async (c) => {
      const cams = await cameraColumns(handle.db, c.var.principal.scope)
      return arrowResponse(c, { id: cams.id, lon: cams.lon, lat: cams.lat, bearing: cams.bearing, fov: cams.fov, rangeM: cams.rangeM, status: cams.status, kind: cams.kind })
    })
