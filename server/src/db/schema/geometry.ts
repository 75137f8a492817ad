import { customType } from 'drizzle-orm/pg-core'

/**
 * PostGIS geometry columns with a fixed type and SRID 4326.
 * drizzle's built-in `geometry()` is point-only, so polygons and lines use this factory.
 * Values travel as the driver's text form (hex EWKB); reads that need GeoJSON go through
 * `ST_AsGeoJSON` in `server/src/spatial`, writes through `ST_GeomFromGeoJSON`.
 */
const geometryOf = (kind: 'Point' | 'LineString' | 'MultiLineString' | 'MultiPolygon') =>
  customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind},4326)`,
  })

export const point = geometryOf('Point')
export const lineString = geometryOf('LineString')
export const multiLineString = geometryOf('MultiLineString')
export const multiPolygon = geometryOf('MultiPolygon')
