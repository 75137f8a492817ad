import { sql, type SQL } from 'drizzle-orm'
import type { GridCoverage } from '../../contracts/coverage'
import { currentVersionId, gridScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'

/** Coverage that could not be computed: the API answers 503 naming the grids, never a grid shown as unseen. */
export class CoverageUnavailable extends Error {
  override name = 'CoverageUnavailable'
  constructor(readonly gridCodes: string[]) {
    super(`Camera coverage could not be computed for grid(s) ${gridCodes.join(', ')}`)
  }
}

/** Grids computed per statement: small enough to show progress, large enough to keep statements few. */
const BATCH = 40

/**
 * Per grid: the union of the view areas that touch it (online ones, then the rest), intersected with
 * the grid and with its roads. One union per grid rather than one for the county: each union stays
 * small, and the grids share nothing.
 */
const computeCoverage = (gridIds: SQL) => sql`
  insert into grid_coverage (grid_id, area_m2, area_seen_m2, area_seen_online_m2, road_m, road_seen_m, road_seen_online_m, cameras, cameras_online, blind_all, blind_online, computed_at)
  select g.id, ST_Area(g.geom::geography),
         coalesce(ST_Area(ST_Intersection(g.geom, cov.every, ${OVERLAY_GRID})::geography), 0),
         coalesce(ST_Area(ST_Intersection(g.geom, cov.online, ${OVERLAY_GRID})::geography), 0),
         coalesce(ST_Length(rd.inside::geography), 0),
         coalesce(ST_Length(ST_Intersection(rd.inside, cov.every, ${OVERLAY_GRID})::geography), 0),
         coalesce(ST_Length(ST_Intersection(rd.inside, cov.online, ${OVERLAY_GRID})::geography), 0),
         cams.n, cams.online,
         ST_Multi(ST_CollectionExtract(coalesce(ST_Difference(rd.inside, cov.every, ${OVERLAY_GRID}), rd.inside), 2)),
         ST_Multi(ST_CollectionExtract(coalesce(ST_Difference(rd.inside, cov.online, ${OVERLAY_GRID}), rd.inside), 2)),
         now()
  from grids g
  cross join lateral (
    select u.online, case when u.offline is null then u.online when u.online is null then u.offline else ST_CollectionExtract(ST_Union(u.online, u.offline, ${OVERLAY_GRID}), 3) end as every
    from (select ST_CollectionExtract(ST_Union(v.geom, ${OVERLAY_GRID}) filter (where c.status = 'online'), 3) as online, ST_CollectionExtract(ST_Union(v.geom, ${OVERLAY_GRID}) filter (where c.status <> 'online'), 3) as offline
          from camera_view_areas v join cameras c on c.id = v.camera_id
          where v.geom && g.geom and ST_Intersects(v.geom, g.geom) and not ST_IsEmpty(v.geom)) u
  ) cov
  cross join lateral (
    select ST_CollectionExtract(ST_Union(ST_CollectionExtract(ST_Intersection(r.geom, g.geom, ${OVERLAY_GRID}), 2), ${OVERLAY_GRID}), 2) as inside
    from roads r where r.geom && g.geom and ST_Intersects(r.geom, g.geom)
  ) rd
  cross join lateral (
    select count(*)::int as n, count(*) filter (where c.status = 'online')::int as online
    from cameras c where c.geom && g.geom and ST_Covers(g.geom, c.geom)
  ) cams
  where g.id in ${gridIds}
  on conflict (grid_id) do nothing`

/**
 * Computes the coverage rows that are missing (never computed, or dropped by a trigger because a
 * camera, building, road or the grid changed) for the grids of a version (default: the one in force).
 * Returns how many grids it computed.
 */
export async function refreshGridCoverage(db: Database, options: { versionId?: number; gridIds?: number[]; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const version = options.versionId === undefined ? currentVersionId : sql`${options.versionId}`
  const only = options.gridIds ? sql`and g.id = any(${`{${options.gridIds.join(',')}}`}::int[])` : sql``
  const stale = await queryRows<{ id: number }>(db, sql`
    select g.id from grids g where g.version_id = ${version} ${only}
      and not exists (select 1 from grid_coverage gc where gc.grid_id = g.id)
    order by g.id`)
  for (let i = 0; i < stale.length; i += BATCH) {
    const ids = stale.slice(i, i + BATCH).map((r) => r.id)
    const batch = sql`${`{${ids.join(',')}}`}::int[]`
    const missing = await db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database
      await tx.execute(computeCoverage(sql`(select unnest(${batch}))`))
      // A statement that silently produced nothing must not pass for "computed": say which grids failed.
      return queryRows<{ code: string }>(tx, sql`
        select g.code from unnest(${batch}) as x(id) join grids g on g.id = x.id
        where not exists (select 1 from grid_coverage gc where gc.grid_id = x.id) order by g.code`)
    })
    if (missing.length > 0) throw new CoverageUnavailable(missing.map((r) => r.code))
    options.onProgress?.(Math.min(i + BATCH, stale.length), stale.length)
  }
  return stale.length
}

/** Coverage of every grid of the version in force in the caller's scope, computing stale rows first. */
export async function gridCoverageRows(db: Database, scope: Scope): Promise<GridCoverage[]> {
  await refreshGridCoverage(db)
  const rows = await queryRows<Omit<GridCoverage, 'online' | 'all'> & Record<'areaSeenM2' | 'areaSeenOnlineM2' | 'roadSeenM' | 'roadSeenOnlineM', number>>(db, sql`
    select g.id as "gridId", g.code, g.name, a.name as community,
           gc.area_m2 as "areaM2", gc.road_m as "roadM", gc.cameras, gc.cameras_online as "camerasOnline",
           gc.area_seen_m2 as "areaSeenM2", gc.area_seen_online_m2 as "areaSeenOnlineM2",
           gc.road_seen_m as "roadSeenM", gc.road_seen_online_m as "roadSeenOnlineM", gc.computed_at as "computedAt"
    from grids g
    join grid_coverage gc on gc.grid_id = g.id
    join admin_areas a on a.id = g.community_id
    where g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')}
    order by g.code`)
  return rows.map(({ areaSeenM2, areaSeenOnlineM2, roadSeenM, roadSeenOnlineM, computedAt, ...r }) => ({
    ...r,
    computedAt: new Date(computedAt).toISOString(),
    all: seenShares(r.areaM2, r.roadM, areaSeenM2, roadSeenM),
    online: seenShares(r.areaM2, r.roadM, areaSeenOnlineM2, roadSeenOnlineM),
  }))
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x))
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits

function seenShares(areaM2: number, roadM: number, areaSeenM2: number, roadSeenM: number): GridCoverage['all'] {
  return {
    areaPct: areaM2 > 0 ? clamp01(areaSeenM2 / areaM2) : 0,
    areaSeenM2: round(areaSeenM2),
    roadPct: roadM > 0 ? clamp01(roadSeenM / roadM) : null,
    roadSeenM: round(roadSeenM),
    blindRoadM: round(Math.max(0, roadM - roadSeenM)),
  }
}
