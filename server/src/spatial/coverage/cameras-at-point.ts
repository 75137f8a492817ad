import { sql } from 'drizzle-orm'
import type { CamerasAtPoint } from '../../contracts/coverage'
import { cameraScope, incidentScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'

type Row = CamerasAtPoint['notSeeing'][number] & { sees: boolean; inSector: boolean }

/** Cameras that do not see the point, listed at most. */
const NOT_SEEING_LIMIT = 20

/**
 * Which cameras (in scope) see a point: those whose stored view area contains it, nearest first. The
 * cameras within twice their range that do not see it come with the reason: too far, facing away
 * (outside the sector), or blocked (inside the sector, hidden by a building).
 */
export async function camerasAtPoint(db: Database, scope: Scope, lon: number, lat: number): Promise<CamerasAtPoint> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lon}::float8, ${lat}::float8), 4326)`
  const rows = await queryRows<Row>(db, sql`
    select c.id, c.code, c.name, c.kind::text as kind, c.status::text as status, ST_X(c.geom) as lon, ST_Y(c.geom) as lat,
           c.bearing::float8 as bearing, c.fov::float8 as fov, c.range_m::float8 as "rangeM",
           round(ST_Distance(c.geom::geography, ${point}::geography)::numeric, 1)::float8 as "distanceM",
           coalesce(ST_Covers(v.geom, ${point}), false) as sees,
           ST_Covers(gridwatch_view_sector(c.geom, c.bearing, c.fov, c.range_m, c.kind = 'ptz'), ${point}) as "inSector"
    from cameras c
    left join camera_view_areas v on v.camera_id = c.id
    -- 0.012° covers 1,000 m (twice the longest range) in longitude below 60° latitude.
    where c.geom && ST_Expand(${point}, 0.012) and ST_DWithin(c.geom::geography, ${point}::geography, 2 * c.range_m)
      and ${cameraScope(scope)}
    order by "distanceM", c.id`)
  const strip = ({ sees: _s, inSector: _i, reason: _r, ...camera }: Row) => camera
  return {
    point: { lon, lat },
    seeing: rows.filter((r) => r.sees).map(strip),
    notSeeing: rows
      .filter((r) => !r.sees)
      .slice(0, NOT_SEEING_LIMIT)
      .map((r) => ({ ...strip(r), reason: r.distanceM > r.rangeM ? 'out_of_range' : r.inSector ? 'blocked' : 'facing_away' })),
  }
}

/** The point of an incident in scope, or null (missing or outside the scope answer alike). */
export async function incidentPoint(db: Database, scope: Scope, incidentId: number): Promise<{ lon: number; lat: number } | null> {
  const [row] = await queryRows<{ lon: number; lat: number }>(db, sql`select ST_X(i.geom) as lon, ST_Y(i.geom) as lat from incidents i where i.id = ${incidentId} and ${incidentScope(scope)}`)
  return row ?? null
}
