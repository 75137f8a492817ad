import { sql, type SQL } from 'drizzle-orm'

/** How far a signed-in user's view reaches; every query adds the matching condition in SQL. */
export type Scope = { kind: 'county' } | { kind: 'station'; stationId: number } | { kind: 'grids'; personId: number }

/** The boundary version in force now. */
export const currentVersionId = sql`(select id from boundary_versions
  where status = 'published' and effective_from <= now() and (effective_to is null or now() < effective_to)
  order by effective_from desc limit 1)`

/** A grid worker's grids: the grids where the person has a current duty. */
const dutyGrids = (personId: number) => sql`(select grid_id from grid_duties where person_id = ${personId} and until is null)`

/** Condition on `incidents i`. Unassigned incidents (no grid) belong to the county-wide roles only, unless a station took them. */
export function incidentScope(scope: Scope): SQL {
  if (scope.kind === 'county') return sql`true`
  if (scope.kind === 'station') return sql`i.station_id = ${scope.stationId}`
  return sql`i.grid_id in ${dutyGrids(scope.personId)}`
}

/** Condition on a grid row (`alias.id`, `alias.community_id`). */
export function gridScope(scope: Scope, alias: string): SQL {
  const g = sql.raw(alias)
  if (scope.kind === 'county') return sql`true`
  if (scope.kind === 'station') return sql`${g}.community_id in (select id from admin_areas where station_id = ${scope.stationId})`
  return sql`${g}.id in ${dutyGrids(scope.personId)}`
}

/** Condition on a community row (`alias.id`, `alias.station_id`): its station's, or the communities of a grid worker's grids. */
export function communityScope(scope: Scope, alias: string): SQL {
  const a = sql.raw(alias)
  if (scope.kind === 'county') return sql`true`
  if (scope.kind === 'station') return sql`${a}.station_id = ${scope.stationId}`
  return sql`${a}.id in (select community_id from grids where id in ${dutyGrids(scope.personId)})`
}

/** Condition on a point column without a grid of its own (households, cameras): inside a current grid in scope. */
export function pointScope(scope: Scope, geom: SQL): SQL {
  if (scope.kind === 'county') return sql`true`
  return sql`exists (select 1 from grids sg where sg.version_id = ${currentVersionId} and ${gridScope(scope, 'sg')} and ST_Covers(sg.geom, ${geom}))`
}

/** Condition on a row with a grid column (disputes): that grid is in scope, whatever its version. */
export function gridIdScope(scope: Scope, gridId: SQL): SQL {
  if (scope.kind === 'county') return sql`true`
  return sql`${gridId} in (select sg.id from grids sg where ${gridScope(scope, 'sg')})`
}

/** Condition on `cameras c`: a station sees the cameras it registered, a grid worker those in their grids. */
export function cameraScope(scope: Scope): SQL {
  if (scope.kind === 'station') return sql`c.station_id = ${scope.stationId}`
  return pointScope(scope, sql`c.geom`)
}

/**
 * Condition on `people p`: the people a caller may see and pick: those of its station or with a duty in its grids, plus the county's own
 * (no station and no grid duty: county mediators, volunteer teams). A grid worker without a station is
 * in scope only through a duty in a grid in scope.
 */
export function personScope(scope: Scope): SQL {
  if (scope.kind === 'county') return sql`true`
  const dutyInScope = sql`exists (select 1 from grid_duties d join grids g on g.id = d.grid_id
    where d.person_id = p.id and d.until is null and g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')})`
  const countyWide = sql`(p.station_id is null and not exists (select 1 from grid_duties d where d.person_id = p.id and d.until is null))`
  const ownStation =
    scope.kind === 'station'
      ? sql`p.station_id = ${scope.stationId}`
      : sql`p.station_id in (select a.station_id from grid_duties d join grids g on g.id = d.grid_id join admin_areas a on a.id = g.community_id
          where d.person_id = ${scope.personId} and d.until is null)`
  return sql`(${ownStation} or ${dutyInScope} or ${countyWide})`
}
