import { sql } from 'drizzle-orm'
import type { BlindSpotFeatures, CameraSet } from '../../contracts/coverage'
import { currentVersionId, gridScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { envelope, type Bbox } from './view-areas'
import { refreshGridCoverage } from './grid-coverage'

/** Blind spots answered at most; the longest come first. */
const LIMIT = 3000

/**
 * Road stretches that no camera of the set sees, from the stored per-grid blind lines: each connected
 * stretch with its length, the grid it lies in and the road it belongs to (the nearest road line).
 */
export async function blindSpots(db: Database, scope: Scope, where: { bbox?: Bbox; grid?: number }, cameras: CameraSet, minLengthM: number): Promise<BlindSpotFeatures> {
  const gridFilter = where.grid !== undefined ? sql`and g.id = ${where.grid}` : sql`and g.geom && ${envelope(where.bbox!)}`
  const gridIds = await queryRows<{ id: number }>(db, sql`select g.id from grids g where g.version_id = ${currentVersionId} ${gridFilter} and ${gridScope(scope, 'g')}`)
  if (gridIds.length === 0) return { type: 'FeatureCollection', totalM: 0, features: [] }
  await refreshGridCoverage(db, { gridIds: gridIds.map((g) => g.id) })
  const column = cameras === 'online' ? sql`gc.blind_online` : sql`gc.blind_all`
  const rows = await queryRows<{ geometry: string; gridId: number; gridCode: string; road: string | null; roadClass: string; lengthM: number }>(db, sql`
    with pieces as (
      select g.id as grid_id, g.code as grid_code, (ST_Dump(ST_LineMerge(${column}))).geom as geom
      from grid_coverage gc join grids g on g.id = gc.grid_id
      where g.id = any(${`{${gridIds.map((g) => g.id).join(',')}}`}::int[]) and ${column} is not null
    )
    select ST_AsGeoJSON(p.geom, 7) as geometry, p.grid_id as "gridId", p.grid_code as "gridCode",
           r.name as road, r.class::text as "roadClass", round(ST_Length(p.geom::geography)::numeric, 1)::float8 as "lengthM"
    from pieces p
    cross join lateral (select r.name, r.class from roads r order by r.geom <-> ST_LineInterpolatePoint(p.geom, 0.5) limit 1) r
    where ST_Length(p.geom::geography) >= ${minLengthM}
    order by "lengthM" desc
    limit ${LIMIT}`)
  return {
    type: 'FeatureCollection',
    totalM: Math.round(rows.reduce((sum, r) => sum + r.lengthM, 0) * 10) / 10,
    features: rows.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry: JSON.parse(geometry), properties })),
  }
}
