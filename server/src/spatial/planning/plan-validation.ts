import { sql } from 'drizzle-orm'
import type { MultiPolygon, Point, Polygon } from 'geojson'
import { currentVersionId } from '../../auth/scope'
import { communityStationId } from '../area-station'
import { planProblemKinds, type PlanProblem, type PlanProblemDetails, type PlanProblemKind, type PlanValidation } from '../../contracts/plans'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'

/**
 * Validates a plan in one statement: each check is a branch of a `union all` producing uniform rows
 * (kind, grids, details, location, area), so the plan's grids are read and checked for validity once.
 * Overlay results are `materialized` CTEs: a subquery would be inlined and the overlay computed once per
 * reference. Invalid grids are kept out of every overlay (GEOS may throw on them, and PGlite would then
 * return no rows at all) but still take part in the attribute checks.
 */

/** Snapped overlay output can sit ~0.1 mm off the grids' own edges: "touches" allows 1e-8° (~1 mm). */
const TOUCH_DEG = sql.raw('1e-8')

const validationQuery = (planId: number, toleranceM2: number) => sql`
  with plan as (select p.id, p.area_id from grid_plans p where p.id = ${planId}),
  pg as materialized (
    select g.key, g.name, g.code, g.community_id, g.responsible_officer_id, g.geom, d.valid, d.reason,
           case when d.valid then ST_PointOnSurface(g.geom)
                else coalesce(d.location, ST_StartPoint(ST_ExteriorRing(ST_GeometryN(g.geom, 1)))) end as anchor
    from grid_plan_grids g cross join lateral ST_IsValidDetail(g.geom) d
    where g.plan_id = ${planId}
  ),
  -- Materialized, so no predicate or overlay below is ever evaluated on an invalid grid before the filter.
  vg as materialized (select * from pg where valid),
  -- The plan's area and its grids' communities. Admin outlines are imported data: an invalid one is
  -- repaired here rather than allowed to break the overlays.
  areas as materialized (
    select a.id, a.name, case when ST_IsValid(a.geom) then a.geom else ST_CollectionExtract(ST_MakeValid(a.geom), 3) end as geom
    from admin_areas a where a.id in (select area_id from plan union select community_id from pg)
  ),
  -- The communities the plan may hold: its own area when a community, the township's communities otherwise.
  members as (select c.id from admin_areas c, plan p where c.level = 'community' and (c.id = p.area_id or c.parent_id = p.area_id)),
  overlapping as materialized (
    select a.key as ka, b.key as kb, a.name as na, b.name as nb,
           ST_CollectionExtract(ST_Intersection(a.geom, b.geom, ${OVERLAY_GRID}), 3) as geom
    from vg a join vg b on a.key < b.key and a.geom && b.geom
    where ST_Intersects(a.geom, b.geom) and not ST_Touches(a.geom, b.geom)
  ),
  gaps as materialized (
    select (ST_Dump(ST_CollectionExtract(
             case when u.geom is null then a.geom else ST_Difference(a.geom, u.geom, ${OVERLAY_GRID}) end, 3))).geom as geom
    from plan p join areas a on a.id = p.area_id
    cross join (select ST_Union(geom, ${OVERLAY_GRID}) as geom from vg) u
  ),
  outside as materialized (
    select g.key, g.name, c.name as community, ST_CollectionExtract(ST_Difference(g.geom, c.geom, ${OVERLAY_GRID}), 3) as geom
    from vg g join areas c on c.id = g.community_id
    where not ST_CoveredBy(g.geom, c.geom)
  ),
  found (kind, keys, names, info, location, area) as (
    select 'invalid_geometry', array[key], array[name], json_build_object('reason', reason), anchor, null::geometry
    from pg where not valid
    union all
    select 'overlap', array[ka, kb], array[na, nb], null, ST_PointOnSurface(geom), geom
    from overlapping where ST_Area(geom::geography) > ${toleranceM2}
    union all
    select 'gap', coalesce(t.keys, '{}'), coalesce(t.names, '{}'), null, ST_PointOnSurface(x.geom), x.geom
    from gaps x
    cross join lateral (
      select array_agg(g.key order by g.key) as keys, array_agg(g.name order by g.key) as names
      from pg g where ST_DWithin(g.geom, x.geom, ${TOUCH_DEG})
    ) t
    where ST_Area(x.geom::geography) > ${toleranceM2}
    union all
    select 'outside_community', array[key], array[name], json_build_object('community', community), ST_PointOnSurface(geom), geom
    from outside where ST_Area(geom::geography) > ${toleranceM2}
    union all
    select 'outside_community', array[g.key], array[g.name], json_build_object('community', c.name, 'planArea', a.name), g.anchor, null
    from pg g join admin_areas c on c.id = g.community_id cross join plan p join admin_areas a on a.id = p.area_id
    where g.community_id not in (select id from members)
    union all
    select 'no_officer', array[key], array[name], null, anchor, null
    from pg where responsible_officer_id is null
    union all
    -- The grid's station is its township's (the community's parent); a community's own as a fallback.
    select 'foreign_officer', array[g.key], array[g.name],
           json_build_object('officer', o.name, 'role', o.role, 'officerStation', os.name, 'station', s.name), g.anchor, null
    from pg g join people o on o.id = g.responsible_officer_id
    join admin_areas c on c.id = g.community_id left join admin_areas t on t.id = c.parent_id
    left join stations s on s.id = ${communityStationId('c', 't')}
    left join stations os on os.id = o.station_id
    where o.role <> 'police_officer' or (s.id is not null and o.station_id is distinct from s.id)
    union all
    select 'duplicate_code', array_agg(key order by key), array_agg(name order by key), json_build_object('code', code),
           (array_agg(anchor order by key))[1], null
    from pg where code is not null group by code having count(*) > 1
    union all
    -- Codes in force inside the plan's area are the ones the plan replaces; elsewhere they stay in use.
    select 'duplicate_code', array[g.key], array[g.name], json_build_object('code', g.code, 'other', f.name, 'community', fc.name), g.anchor, null
    from pg g join grids f on f.code = g.code and f.version_id = ${currentVersionId}
    join admin_areas fc on fc.id = f.community_id
    where f.community_id not in (select id from members)
  )
  -- The revision and the problems come from one statement, hence one snapshot: they match.
  select p.revision, coalesce((
    select json_agg(json_build_object('kind', kind, 'keys', keys, 'names', names, 'info', info,
             'location', ST_AsGeoJSON(location, 9)::json, 'area', ST_AsGeoJSON(area, 9)::json,
             'areaM2', case when area is null then null else ST_Area(area::geography) end))
    from found), '[]'::json) as problems
  from grid_plans p where p.id = ${planId}`

type Info = PlanProblemDetails
interface Row {
  kind: PlanProblemKind
  keys: string[]
  names: string[]
  info: Info | null
  location: Point
  area: Polygon | MultiPolygon | null
  areaM2: number | null
}

const m2 = (x: number) => `${Math.round(x).toLocaleString('en-US')} m²`
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ')

function message(row: Row): string {
  const [first = '?', second = '?'] = row.names
  const info = row.info ?? {}
  const area = m2(row.areaM2 ?? 0)
  switch (row.kind) {
    case 'invalid_geometry':
      return `Grid "${first}" has an invalid outline: ${info.reason ?? 'unknown reason'}`
    case 'overlap':
      return `Grids "${first}" and "${second}" overlap by ${area}`
    case 'gap':
      return row.names.length > 0 ? `Gap of ${area} not covered by any grid, next to ${quoted(row.names)}` : `Gap of ${area} not covered by any grid`
    case 'outside_community':
      return info.planArea !== undefined
        ? `Grid "${first}" belongs to ${info.community}, which is not part of the plan's area ${info.planArea}`
        : `Grid "${first}" extends ${area} outside its community ${info.community}`
    case 'no_officer':
      return `Grid "${first}" has no responsible officer`
    case 'foreign_officer':
      return info.role !== 'police_officer'
        ? `The responsible officer of grid "${first}", ${info.officer}, is not a police officer (${info.role})`
        : `The responsible officer of grid "${first}", ${info.officer}, belongs to ${info.officerStation ?? 'no station'}, not ${info.station}`
    case 'duplicate_code':
      return info.other !== undefined
        ? `Grid "${first}" carries code ${info.code}, already used by grid "${info.other}" in force in ${info.community}`
        : `Grids ${quoted(row.names)} carry the same code ${info.code}`
  }
}

const order = (kind: PlanProblemKind) => planProblemKinds.indexOf(kind)

/**
 * Checks a plan against the grid drawing rules (tiling without gaps or overlaps inside the plan's area,
 * grids inside their community, a responsible police officer of the right station, unique codes).
 * Gaps, overlaps and outside parts of at most `toleranceM2` are digitising noise and ignored.
 * Returns null when the plan does not exist.
 */
export async function validatePlan(db: Database, planId: number, toleranceM2 = 1): Promise<PlanValidation | null> {
  const [plan] = await queryRows<{ revision: number; problems: Row[] }>(db, validationQuery(planId, toleranceM2))
  if (!plan) {
    // PGlite ends a statement whose overlay failed with no rows: that must not pass for "no such plan".
    const [exists] = await queryRows(db, sql`select 1 from grid_plans where id = ${planId}`)
    if (exists) throw new Error(`Plan ${planId} could not be validated: the geometry query returned nothing`)
    return null
  }
  const problems: PlanProblem[] = plan.problems
    .map((row) => ({
      kind: row.kind,
      severity: row.kind === 'foreign_officer' ? ('warning' as const) : ('error' as const),
      grids: row.keys,
      message: message(row),
      details: row.info ?? {},
      location: row.location,
      area: row.area,
      areaM2: row.areaM2 === null ? null : Math.round(row.areaM2 * 100) / 100,
    }))
    .sort((a, b) => order(a.kind) - order(b.kind) || a.grids.join().localeCompare(b.grids.join()))
  return { planId, revision: plan.revision, toleranceM2, publishable: problems.every((p) => p.severity !== 'error'), problems }
}
