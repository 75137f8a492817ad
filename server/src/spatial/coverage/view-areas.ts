import { sql } from 'drizzle-orm'
import { VIEW_AREA_LIMIT, type CameraSet, type ViewAreaFeatures } from '../../contracts/coverage'
import { cameraScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'

export interface Bbox {
  west: number
  south: number
  east: number
  north: number
}
export const envelope = (b: Bbox) => sql`ST_MakeEnvelope(${b.west}, ${b.south}, ${b.east}, ${b.north}, 4326)`

/** The stored view areas of the cameras in scope inside a box, nearest the box's centre first when there are too many. */
export async function viewAreasInBox(db: Database, scope: Scope, box: Bbox, cameras: CameraSet): Promise<ViewAreaFeatures> {
  const rows = await queryRows<{ geometry: string; cameraId: number; code: string; status: 'online' | 'offline' | 'fault'; kind: 'fixed' | 'ptz' | 'dome' }>(db, sql`
    select ST_AsGeoJSON(v.geom, 7) as geometry, c.id as "cameraId", c.code, c.status, c.kind
    from camera_view_areas v join cameras c on c.id = v.camera_id
    where v.geom && ${envelope(box)} and not ST_IsEmpty(v.geom) and ${cameraScope(scope)}
      ${cameras === 'online' ? sql`and c.status = 'online'` : sql``}
    order by c.geom <-> ST_Centroid(${envelope(box)})
    limit ${VIEW_AREA_LIMIT + 1}`)
  const truncated = rows.length > VIEW_AREA_LIMIT
  return {
    type: 'FeatureCollection',
    truncated,
    features: rows.slice(0, VIEW_AREA_LIMIT).map(({ geometry, ...properties }) => ({ type: 'Feature', geometry: JSON.parse(geometry), properties })),
  }
}

/** Recomputes every camera's view area (after a change of method, or for the benchmark). */
export async function recomputeAllViewAreas(db: Database) {
  await db.execute(sql`select gridwatch_store_view_areas(array(select id from cameras order by id))`)
}
