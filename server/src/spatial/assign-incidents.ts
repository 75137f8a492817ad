import { sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client'

/** Default distance within which a point outside every grid still goes to the nearest grid. */
export const DEFAULT_NEAREST_TOLERANCE_M = 50

/**
 * A LATERAL subquery that assigns one point reported at one time to a grid and a responsible person,
 * against the boundary version in force at that time. Columns: grid_id, version_id, rule, distance_m,
 * station_id, person_id, responsibility. Used inside INSERT … SELECT (ingest) and UPDATE (re-assignment),
 * so both follow exactly the same rules:
 *
 * 1. contains — the grid whose interior holds the point.
 * 2. edge — the point lies on a grid boundary (shared edge or vertex): of the grids touching it, the one
 *    with the lowest code wins, so the same point always lands in the same grid.
 * 3. nearest — outside every grid but within `toleranceM` metres (geodesic) of one: the closest, ties by code.
 * 4. unassigned — beyond the tolerance (or no version in force): kept, and listed in the review queue.
 *
 * Responsibility: the officer on the roster for the grid's community at that time (`roster`), else the
 * grid's 网格长 on that date (`grid_officer`), else the station's duty desk (`station_duty`, no person).
 */
export function incidentAssignment(point: SQL, time: SQL, toleranceM = DEFAULT_NEAREST_TOLERANCE_M): SQL {
  const localDate = sql`(${time} at time zone 'Asia/Shanghai')::date`
  return sql`lateral (
    select chosen.grid_id, chosen.version_id, chosen.rule, chosen.distance_m, township.station_id,
           coalesce(roster.person_id, officer.person_id) as person_id,
           case when roster.person_id is not null then 'roster'
                when officer.person_id is not null then 'grid_officer'
                when township.station_id is not null then 'station_duty'
                else 'none' end as responsibility
    from (
      select coalesce(cov.grid_id, near.grid_id) as grid_id,
             case when coalesce(cov.grid_id, near.grid_id) is null then null else ver.id end as version_id,
             coalesce(cov.rule, case when near.grid_id is not null then 'nearest' else 'unassigned' end) as rule,
             near.distance_m
      from (select 1) as one
      left join lateral (
        select v.id from boundary_versions v
        where v.status <> 'draft' and v.effective_from <= ${time} and (v.effective_to is null or ${time} < v.effective_to)
        order by v.effective_from desc limit 1
      ) ver on true
      left join lateral (
        select g.id as grid_id, case when ST_Contains(g.geom, ${point}) then 'contains' else 'edge' end as rule
        from grids g
        where g.version_id = ver.id and ST_Covers(g.geom, ${point})
        order by ST_Contains(g.geom, ${point}) desc, g.code
        limit 1
      ) cov on true
      left join lateral (
        select g.id as grid_id, ST_Distance(g.geom::geography, ${point}::geography) as distance_m
        from grids g
        where cov.grid_id is null and g.version_id = ver.id
          -- GiST prefilter in degrees (generous at any latitude in China), exact test in metres
          and g.geom && ST_Expand(${point}, ${toleranceM}::float8 / (110000 * cos(radians(ST_Y(${point})))))
          and ST_DWithin(g.geom::geography, ${point}::geography, ${toleranceM}::float8)
        order by 2, g.code
        limit 1
      ) near on true
    ) chosen
    left join grids g on g.id = chosen.grid_id
    left join admin_areas community on community.id = g.community_id
    left join admin_areas township on township.id = community.parent_id
    left join lateral (
      select s.person_id from duty_shifts s
      where s.area_id = g.community_id and s.starts_at <= ${time} and ${time} < s.ends_at
      order by s.starts_at desc, s.id limit 1
    ) roster on true
    left join lateral (
      select d.person_id from grid_duties d
      where d.grid_id = chosen.grid_id and d.duty = 'responsible_officer'
        and d.since <= ${localDate} and (d.until is null or d.until >= ${localDate})
      order by d.since desc, d.id limit 1
    ) officer on true
  )`
}

/**
 * Re-assigns a set of incidents in one set-based UPDATE (used when boundaries are published).
 * `scope` is a condition on `incidents i`; `time` picks the version and the roster (default: each
 * incident's report time; publishing passes now() to move open incidents to the new version).
 */
export async function reassignIncidents(db: Database, scope: SQL, toleranceM = DEFAULT_NEAREST_TOLERANCE_M, time: SQL = sql`src.reported_at`) {
  await db.execute(sql`
    update incidents i
    set grid_id = a.grid_id,
        version_id = a.version_id,
        assignment = a.rule::assignment_rule,
        assignment_distance_m = a.distance_m,
        station_id = a.station_id,
        responsible_person_id = a.person_id,
        responsibility = a.responsibility::responsibility_rule,
        updated_at = now()
    from incidents src
    cross join ${incidentAssignment(sql`src.geom`, time, toleranceM)} a
    where src.id = i.id and ${scope}`)
}
