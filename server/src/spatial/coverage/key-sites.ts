import { sql } from 'drizzle-orm'
import { FULLY_COVERED_SHARE, type CameraSet, type KeySiteCoverage } from '../../contracts/coverage'
import { pointScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'

type SiteRow = Omit<KeySiteCoverage['features'][number]['properties'], 'status'> & { geometry: string }

/**
 * Each key site in scope: the cameras whose view area reaches its footprint (or, without one, a 10 m
 * circle round its point) and the share of the footprint's outline they see — the gates and fences
 * where people come and go. Cameras anywhere count, not only those of the caller's station.
 */
export async function keySiteCoverage(db: Database, scope: Scope, cameras: CameraSet): Promise<KeySiteCoverage> {
  const rows = await queryRows<SiteRow>(db, sql`
    with sites as (
      select s.id, s.name, s.kind, s.geom, s.community_id,
             coalesce(s.footprint, ST_Buffer(s.geom::geography, 10)::geometry) as target
      from key_sites s where ${pointScope(scope, sql`s.geom`)}
    )
    select s.id, s.name, s.kind::text as kind, a.name as community, ST_X(s.geom) as lon, ST_Y(s.geom) as lat,
           ST_AsGeoJSON(coalesce(ks.footprint, s.geom), 7) as geometry,
           cov.n as cameras, cov.online as "camerasOnline",
           coalesce(ST_Length(ST_Intersection(ST_Boundary(s.target), cov.seen, ${OVERLAY_GRID})::geography) / nullif(ST_Length(ST_Boundary(s.target)::geography), 0), 0)::float8 as "outlineSeenPct"
    from sites s
    join key_sites ks on ks.id = s.id
    left join admin_areas a on a.id = s.community_id
    cross join lateral (
      select count(*)::int as n, count(*) filter (where c.status = 'online')::int as online,
             ST_CollectionExtract(ST_Union(v.geom, ${OVERLAY_GRID}) filter (where ${cameras === 'online' ? sql`c.status = 'online'` : sql`true`}), 3) as seen
      from camera_view_areas v join cameras c on c.id = v.camera_id
      where v.geom && s.target and ST_Intersects(v.geom, s.target)
    ) cov
    order by s.kind, s.name, s.id`)
  return {
    type: 'FeatureCollection',
    features: rows.map(({ geometry, ...p }) => {
      const outlineSeenPct = Math.min(1, Math.max(0, p.outlineSeenPct))
      const seenBy = cameras === 'online' ? p.camerasOnline : p.cameras
      const status = seenBy === 0 ? 'none' : outlineSeenPct >= FULLY_COVERED_SHARE ? 'covered' : 'partial'
      return { type: 'Feature', geometry: JSON.parse(geometry), properties: { ...p, outlineSeenPct, status } }
    }),
  }
}
