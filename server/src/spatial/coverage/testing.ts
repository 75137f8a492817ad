import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../db/client'

/**
 * Hand-made geometry in metres round an origin, turned into degrees with the WGS84 ellipsoid's radii of
 * curvature (computed here, independently of PostGIS): expected values are worked out by hand.
 */
export const LON0 = 120.2
export const LAT0 = 29.7
const a = 6378137
const e2 = 0.00669437999014
const phi = (LAT0 * Math.PI) / 180
const w = 1 - e2 * Math.sin(phi) ** 2
export const metresPerDegLon = ((Math.PI / 180) * a * Math.cos(phi)) / Math.sqrt(w)
export const metresPerDegLat = ((Math.PI / 180) * a * (1 - e2)) / w ** 1.5
export const at = (dx: number, dy: number): [number, number] => [LON0 + dx / metresPerDegLon, LAT0 + dy / metresPerDegLat]
export const pointSql = (dx: number, dy: number) => sql`ST_SetSRID(ST_MakePoint(${at(dx, dy)[0]}::float8, ${at(dx, dy)[1]}::float8), 4326)`

/** A rectangle of w × h metres centred at (dx, dy), as a building footprint. */
export async function addBuilding(db: Database, dx: number, dy: number, width: number, height: number) {
  const [x0, y0] = at(dx - width / 2, dy - height / 2)
  const [x1, y1] = at(dx + width / 2, dy + height / 2)
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into buildings (use, floors, geom) values ('residential', 6, ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326))) returning id`)
  return row!.id
}

export async function addCamera(db: Database, code: string, dx: number, dy: number, c: { bearing: number; fov: number; rangeM: number; kind?: 'fixed' | 'ptz' | 'dome'; status?: 'online' | 'offline' | 'fault' }) {
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into cameras (code, name, geom, bearing, fov, range_m, height_m, kind, status, owner)
    values (${code}, ${code}, ${pointSql(dx, dy)}, ${c.bearing}, ${c.fov}, ${c.rangeM}, 5, ${c.kind ?? 'fixed'}::camera_kind, ${c.status ?? 'online'}::camera_status, 'public')
    returning id`)
  return row!.id
}

export const viewArea = async (db: Database, cameraId: number) =>
  (await queryRows<{ m2: number; computedAt: string }>(db, sql`
    select ST_Area(geom::geography) as m2, computed_at::text as "computedAt" from camera_view_areas where camera_id = ${cameraId}`))[0]!

export const county = { kind: 'county' } as const

/** Degrees back to metres round the origin (the inverse of `at`). */
export const toMetres = (lon: number, lat: number): [number, number] => [(lon - LON0) * metresPerDegLon, (lat - LAT0) * metresPerDegLat]

/** A straight road from one point to another, in metres round the origin. */
export const addRoad = (db: Database, name: string, from: [number, number], to: [number, number], roadClass = 'street') =>
  db.execute(sql`insert into roads (name, class, geom) values (${name}, ${roadClass}::road_class, ST_MakeLine(${pointSql(...from)}, ${pointSql(...to)}))`)

const envelope = (dx: number, dy: number, width: number, height: number) => {
  const [x0, y0] = at(dx - width / 2, dy - height / 2)
  const [x1, y1] = at(dx + width / 2, dy + height / 2)
  return sql`ST_Multi(ST_MakeEnvelope(${x0}, ${y0}, ${x1}, ${y1}, 4326))`
}

/** Another grid of the given version and community: a square of 2·halfM metres centred at (dx, dy). */
export async function addGrid(db: Database, ids: { versionId: number; communityId: number }, code: string, dx: number, dy: number, halfM: number) {
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into grids (version_id, code, name, community_id, geom) values (${ids.versionId}, ${code}, ${code}, ${ids.communityId}, ${envelope(dx, dy, 2 * halfM, 2 * halfM)}) returning id`)
  return row!.id
}

/** A key site at (dx, dy) with a width × height metre footprint, or only its point. */
export async function addKeySite(db: Database, name: string, kind: string, dx: number, dy: number, footprint?: { width: number; height: number; communityId?: number }) {
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into key_sites (name, kind, community_id, geom, footprint)
    values (${name}, ${kind}::key_site_kind, ${footprint?.communityId ?? null}, ${pointSql(dx, dy)}, ${footprint ? envelope(dx, dy, footprint.width, footprint.height) : null})
    returning id`)
  return row!.id
}

/** A theft reported `daysAgo` days ago at (dx, dy). */
export async function addIncident(db: Database, externalId: string, dx: number, dy: number, daysAgo: number) {
  await db.execute(sql`insert into incident_categories values ('theft', '盗窃', 'Theft', true, 3, '#b07cff') on conflict do nothing`)
  await db.execute(sql`
    insert into incidents (source, external_id, category_code, priority, geom, reported_at)
    values ('110', ${externalId}, 'theft', 3, ${pointSql(dx, dy)}, now() - make_interval(days => ${daysAgo}::int))`)
}

/** Area (m²) of a GeoJSON (Multi)Polygon's outer rings by the shoelace formula on the local metres — no PostGIS. */
export const shoelaceM2 = (g: { type: string; coordinates: number[][][] | number[][][][] }) => {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][]
  return polygons.reduce((sum, [ring]) => {
    const pts = ring!.map(([lon, lat]) => toMetres(lon!, lat!))
    let twice = 0
    for (let i = 0; i + 1 < pts.length; i++) twice += pts[i]![0] * pts[i + 1]![1] - pts[i + 1]![0] * pts[i]![1]
    return sum + Math.abs(twice) / 2
  }, 0)
}
