import { sql, type SQL } from 'drizzle-orm'
import type { CameraSuggestions } from '../../contracts/coverage'
import { currentVersionId, gridScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'
import { refreshGridCoverage } from './grid-coverage'

export interface SuggestionRequest {
  area: { kind: 'grid' | 'township'; id: number }
  k: number
  kind: 'fixed' | 'ptz' | 'dome'
  fov: number
  rangeM: number
}

/** Candidate camera positions per area at most; their spacing along the unseen roads grows to stay under it. */
const MAX_POSITIONS = 200
/** Unseen road is cut into pieces of at most this length; each carries the incidents nearest to it. */
const PIECE_M = 20
/** An incident counts for the road piece nearest to it within this distance. */
const INCIDENT_NEAR_M = 30

/**
 * The next k cameras to install in a grid or township, greedy maximum coverage: candidates stand on the
 * unseen roads (both directions along the road, or one PTZ circle), each with its building-occluded view
 * area; the one adding the most unseen road, weighted by the incidents of the last 12 months along it,
 * is taken, the road it sees is removed, and the gains of the candidates it overlaps are computed again.
 * Null when the area is missing or outside the caller's scope.
 */
export async function suggestCameraSites(db: Database, scope: Scope, request: SuggestionRequest): Promise<CameraSuggestions | null> {
  const gridsOfArea: SQL =
    request.area.kind === 'grid'
      ? sql`select g.id from grids g where g.id = ${request.area.id} and g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')}`
      : sql`select g.id from grids g join admin_areas c on c.id = g.community_id
            where c.parent_id = ${request.area.id} and g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')}`
  const gridIds = (await queryRows<{ id: number }>(db, gridsOfArea)).map((r) => r.id)
  if (gridIds.length === 0) return null
  const [area] = await queryRows<{ name: string }>(db, request.area.kind === 'grid' ? sql`select name from grids where id = ${request.area.id}` : sql`select name from admin_areas where id = ${request.area.id}`)
  await refreshGridCoverage(db, { gridIds })
  const ids = sql`${`{${gridIds.join(',')}}`}::int[]`

  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    // The unseen road (online cameras), in short pieces with their incident weight. One union over the
    // grids: a road along the edge between two grids is in both grids' blind lines, and counts once.
    // Tables first, then INSERT: PGlite binds no parameters inside CREATE TABLE AS.
    await tx.execute(sql`create temp table sg_piece (id bigint, geom geometry, len0 float8, incidents int, weight float8) on commit drop`)
    await tx.execute(sql`
      insert into sg_piece
      select row_number() over () as id, s.geom, ST_Length(s.geom::geography) as len0, 0::int as incidents, 1::float8 as weight
      from (select ST_Union(gc.blind_online, ${OVERLAY_GRID}) as geom from grid_coverage gc where gc.grid_id = any(${ids})) blind
      cross join lateral ST_DumpSegments(ST_Segmentize(blind.geom::geography, ${PIECE_M})::geometry) s
      where blind.geom is not null and ST_Length(s.geom::geography) >= 0.5`)
    await tx.execute(sql`create index on sg_piece using gist (geom)`)
    await tx.execute(sql`
      update sg_piece p set incidents = n.count
      from (select nearest.id, count(*)::int as count
            from incidents i
            cross join lateral (select p.id from sg_piece p where p.geom && ST_Expand(i.geom, 0.0005) and ST_DWithin(p.geom::geography, i.geom::geography, ${INCIDENT_NEAR_M})
                                order by p.geom <-> i.geom limit 1) nearest
            where i.reported_at > now() - interval '365 days'
              and i.geom && (select ST_Expand(ST_Extent(geom)::geometry, 0.0005) from sg_piece)
            group by nearest.id) n
      where p.id = n.id`)
    // A piece of PIECE_M metres with n incidents weighs 1 + n per metre.
    await tx.execute(sql`update sg_piece set weight = 1 + incidents * ${PIECE_M}::float8 / greatest(len0, 1), geom = geom`)
    const [total] = await queryRows<{ m: number }>(tx, sql`select coalesce(sum(len0), 0)::float8 as m from sg_piece`)
    const uncoveredBeforeM = total?.m ?? 0
    const spacingDeg = Math.max(40, uncoveredBeforeM / MAX_POSITIONS) / 100_000
    await tx.execute(sql`create temp table sg_candidate (id bigint, pt geometry, bearing float8, view geometry, gain_m float8, weighted float8, incidents float8) on commit drop`)
    await tx.execute(sql`
      insert into sg_candidate
      with cells as (
        select id, ST_StartPoint(geom) as pt, degrees(ST_Azimuth(ST_StartPoint(geom), ST_EndPoint(geom))) as along,
               ST_AsBinary(ST_SnapToGrid(ST_StartPoint(geom), ${spacingDeg}::float8)) as cell
        from sg_piece
      ), positions as (select distinct on (cell) pt, along from cells order by cell, id)
      select row_number() over () as id, pt, b.bearing,
             gridwatch_view_area(pt, b.bearing, ${request.fov}::float8, ${request.rangeM}::float8, ${request.kind === 'ptz'}) as view,
             0::float8 as gain_m, 0::float8 as weighted, 0::float8 as incidents
      from positions,
      lateral (select unnest(case when ${request.kind === 'ptz' || request.fov >= 360} then array[0::float8] else array[along, case when along >= 180 then along - 180 else along + 180 end] end) as bearing) b`)
    await tx.execute(sql`create index on sg_candidate using gist (view)`)

    const scoreCandidates = (which: SQL) => tx.execute(sql`
      update sg_candidate c set gain_m = coalesce(x.m, 0), weighted = coalesce(x.w, 0), incidents = coalesce(x.n, 0)
      from (select c.id, sum(ST_Length(seen.geom::geography)) as m, sum(ST_Length(seen.geom::geography) * p.weight) as w,
                   sum(ST_Length(seen.geom::geography) * p.incidents / greatest(p.len0, 1)) as n
            from sg_candidate c
            left join sg_piece p on p.geom && c.view and ST_Intersects(p.geom, c.view)
            left join lateral (select ST_Intersection(p.geom, c.view, ${OVERLAY_GRID}) as geom) seen on true
            where ${which}
            group by c.id) x
      where c.id = x.id`)
    await scoreCandidates(sql`true`)

    const sites: CameraSuggestions['sites'] = []
    for (let rank = 1; rank <= request.k; rank++) {
      const [best] = await queryRows<{ id: number; lon: number; lat: number; bearing: number; gainM: number; weighted: number; incidents: number; view: string; road: string | null }>(tx, sql`
        select c.id, ST_X(c.pt) as lon, ST_Y(c.pt) as lat, c.bearing, c.gain_m as "gainM", c.weighted, c.incidents,
               ST_AsGeoJSON(c.view, 7) as view, (select r.name from roads r order by r.geom <-> c.pt limit 1) as road
        from sg_candidate c where c.weighted > 0 order by c.weighted desc, c.id limit 1`)
      if (!best) break
      sites.push({
        rank,
        lon: best.lon,
        lat: best.lat,
        bearing: Math.round(best.bearing * 10) / 10,
        fov: request.fov,
        rangeM: request.rangeM,
        kind: request.kind,
        road: best.road,
        gainM: Math.round(best.gainM * 10) / 10,
        weightedGain: Math.round(best.weighted * 10) / 10,
        incidentsNear: Math.round(best.incidents),
        viewArea: JSON.parse(best.view),
      })
      // What it sees is seen: cut it out of the pieces, drop the candidate, re-score its neighbours.
      await tx.execute(sql`
        update sg_piece p set geom = ST_Difference(p.geom, c.view, ${OVERLAY_GRID})
        from sg_candidate c where c.id = ${best.id} and p.geom && c.view and ST_Intersects(p.geom, c.view)`)
      await tx.execute(sql`delete from sg_piece where ST_IsEmpty(geom) or ST_Length(geom::geography) < 0.5`)
      await scoreCandidates(sql`c.view && (select view from sg_candidate where id = ${best.id}) and ST_Intersects(c.view, (select view from sg_candidate where id = ${best.id}))`)
      await tx.execute(sql`delete from sg_candidate where id = ${best.id}`)
    }
    return {
      area: { kind: request.area.kind, id: request.area.id, name: area?.name ?? '' },
      uncoveredBeforeM: Math.round(uncoveredBeforeM * 10) / 10,
      uncoveredAfterM: Math.round(Math.max(0, uncoveredBeforeM - sites.reduce((sum, s) => sum + s.gainM, 0)) * 10) / 10,
      sites,
    }
  })
}
