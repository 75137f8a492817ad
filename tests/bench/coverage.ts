import { sql } from 'drizzle-orm'
import { currentVersionId, queryRows, recomputeAllViewAreas, refreshGridCoverage, type DatabaseHandle } from '@gridwatch/server/bench'

/**
 * The full recompute of the county's camera coverage — every view area (sector minus building shadows)
 * and every grid's coverage for all and for online cameras with its blind roads — against the naive
 * single statement: one ST_Union of every view area, intersected with each grid and its roads (all
 * cameras only, no blind lines). Both end with the same seen area, checked.
 */
export async function benchCoverage(handle: DatabaseHandle) {
  const db = handle.db
  const [cams] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from cameras`)
  let started = performance.now()
  await db.execute(sql`delete from grid_coverage`)
  await recomputeAllViewAreas(db)
  const viewAreasMs = performance.now() - started
  await refreshGridCoverage(db)
  const gridwatchMs = performance.now() - started
  const [ours] = await queryRows<{ m2: number; roadM: number }>(db, sql`
    select sum(gc.area_seen_m2)::float8 as m2, sum(gc.road_seen_m)::float8 as "roadM" from grid_coverage gc join grids g on g.id = gc.grid_id where g.version_id = ${currentVersionId}`)

  started = performance.now()
  const [naive] = await queryRows<{ m2: number; roadM: number }>(db, sql`
    with u as (select ST_Union(geom) as geom from camera_view_areas),
    per_grid as (
      select ST_Area(ST_Intersection(g.geom, u.geom)::geography) as m2,
             (select ST_Length(ST_Intersection(ST_Union(ST_Intersection(r.geom, g.geom)), u.geom)::geography) from roads r where ST_Intersects(r.geom, g.geom)) as road_m
      from grids g, u where g.version_id = ${currentVersionId})
    select sum(m2)::float8 as m2, coalesce(sum(road_m), 0)::float8 as "roadM" from per_grid`)
  const naiveMs = performance.now() - started
  return { cameras: cams!.n, viewAreasMs, gridwatchMs, naiveMs, ours: ours!, naive: naive! }
}
