import { sql } from 'drizzle-orm'
import type { IncidentNearby } from '../contracts/wall'
import { cameraScope, incidentScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'

/**
 * The police posts and cameras nearest to an incident (GiST k-nearest-neighbour order, then true
 * distance on the spheroid). A camera "sees" the incident when the point lies in its computed view
 * area, or — where none was computed — within its range and field of view. Null when the incident is
 * missing or outside the scope.
 */
export async function incidentNearby(db: Database, scope: Scope, incidentId: number, limits = { posts: 3, cameras: 6 }): Promise<IncidentNearby | null> {
  const [incident] = await queryRows<{ id: number }>(db, sql`select i.id::int as id from incidents i where i.id = ${incidentId} and ${incidentScope(scope)}`)
  if (!incident) return null
  const posts = await queryRows<IncidentNearby['posts'][number]>(db, sql`
    select p.id, p.code, p.name, p.kind, s.name as station, ST_X(p.geom) as lon, ST_Y(p.geom) as lat,
           round(ST_Distance(p.geom::geography, i.geom::geography))::float8 as "distanceM"
    from incidents i
    cross join lateral (select * from police_posts p order by p.geom <-> i.geom limit ${limits.posts * 3}) p
    join stations s on s.id = p.station_id
    where i.id = ${incidentId}
    order by "distanceM" limit ${limits.posts}`)
  if (limits.cameras === 0) return { posts, cameras: [] }
  const cameras = await queryRows<IncidentNearby['cameras'][number]>(db, sql`
    select c.id, c.code, c.status, c.kind, ST_X(c.geom) as lon, ST_Y(c.geom) as lat,
           round(c.distance)::float8 as "distanceM",
           coalesce(ST_Covers(v.geom, i.geom),
                    c.distance <= c.range_m
                    and (c.fov >= 360 or c.distance < 1
                         or abs(mod((degrees(ST_Azimuth(c.geom::geography, i.geom::geography)) - c.bearing + 540)::numeric, 360) - 180) <= c.fov / 2)) as "seesIncident"
    from incidents i
    cross join lateral (
      select c.*, ST_Distance(c.geom::geography, i.geom::geography) as distance
      from cameras c where ${cameraScope(scope)} order by c.geom <-> i.geom limit ${limits.cameras * 3}) c
    left join camera_view_areas v on v.camera_id = c.id
    where i.id = ${incidentId}
    order by c.distance limit ${limits.cameras}`)
  return { posts, cameras }
}
