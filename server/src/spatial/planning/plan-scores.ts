import { sql, type SQL } from 'drizzle-orm'
import type { GridScore, PlanBalance, PlanScores } from '../../contracts/plans'
import { currentVersionId } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { openDisputeStatuses } from '../dispute-status'
import { OVERLAY_GRID } from '../overlay'

/**
 * Scores a set of grids (`source` selects key, name, code, geom): workload from the incidents of the last
 * 12 months and the open disputes inside each, people from the buildings whose centre lies inside, the
 * share cameras see, the distance to the nearest police post, and shape. A grid mid-edit may be invalid
 * (a bow-tie): it is scored as PostGIS repairs it, the validation says what is wrong.
 */
const scoreSql = (source: SQL) => sql`
  with src as (
    select s.key, s.name, s.code, ST_CollectionExtract(ST_MakeValid(s.geom), 3) as geom from (${source}) s
  )
  select g.key, g.name, g.code,
         ST_Area(g.geom::geography) as "areaM2",
         coalesce(people.population, 0)::int as population, coalesce(people.households, 0)::int as households,
         (select count(*)::int from incidents i
          where i.geom && g.geom and ST_Covers(g.geom, i.geom) and i.reported_at > now() - interval '365 days') as "incidents12m",
         (select count(*)::int from disputes d
          where d.geom && g.geom and ST_Covers(g.geom, d.geom) and d.status::text in ${openDisputeStatuses}) as "openDisputes",
         coalesce(ST_Area(ST_Intersection(g.geom, seen.geom, ${OVERLAY_GRID})::geography) / nullif(ST_Area(g.geom::geography), 0), 0) as "cameraAreaPct",
         (select ST_Distance(ST_PointOnSurface(g.geom)::geography, p.geom::geography) from police_posts p
          order by p.geom <-> ST_PointOnSurface(g.geom) limit 1) as "nearestPostM",
         coalesce(4 * pi() * ST_Area(g.geom::geography) / nullif(ST_Perimeter(g.geom::geography) ^ 2, 0), 0) as compactness,
         ST_NumGeometries(ST_UnaryUnion(g.geom, ${OVERLAY_GRID})) as parts
  from src g
  left join lateral (
    select sum(b.population) as population, sum(b.households) as households
    from buildings b where b.geom && g.geom and ST_Covers(g.geom, ST_PointOnSurface(b.geom))
  ) people on true
  left join lateral (
    select ST_Union(v.geom, ${OVERLAY_GRID}) as geom from camera_view_areas v where v.geom && g.geom and ST_Intersects(v.geom, g.geom)
  ) seen on true
  order by g.key`

async function scoreGrids(db: Database, source: SQL): Promise<GridScore[]> {
  const rows = await queryRows<GridScore>(db, scoreSql(source))
  return rows.map((r) => ({ ...r, cameraAreaPct: Math.min(1, Math.max(0, r.cameraAreaPct)), parts: Number(r.parts) }))
}

/** Workload balance of a set of grids: largest over smallest, and coefficient of variation (population sd / mean). */
export function workloadBalance(loads: number[]): Pick<PlanBalance, 'maxMinRatio' | 'workloadCv'> {
  const mean = loads.length > 0 ? loads.reduce((a, b) => a + b, 0) / loads.length : 0
  const sd = Math.sqrt(loads.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, loads.length))
  const min = Math.min(...loads)
  return { maxMinRatio: loads.length > 0 && min > 0 ? Math.max(...loads) / min : null, workloadCv: mean > 0 ? sd / mean : null }
}

/** Balance of a plan's workload (incidents of 12 months), compactness and fragmentation. */
export function balanceOf(grids: GridScore[]): PlanBalance {
  return {
    grids: grids.length,
    ...workloadBalance(grids.map((g) => g.incidents12m)),
    meanCompactness: grids.length > 0 ? grids.reduce((sum, g) => sum + g.compactness, 0) / grids.length : null,
    fragmented: grids.filter((g) => g.parts > 1).length,
  }
}

/** The plan's grids scored, next to the grids in force of the same area (matched by source grid). */
export async function planScores(db: Database, planId: number): Promise<PlanScores | null> {
  const started = performance.now()
  const [plan] = await queryRows<{ areaId: number; revision: number }>(db, sql`select area_id as "areaId", revision from grid_plans where id = ${planId}`)
  if (!plan) return null
  const planned = await scoreGrids(db, sql`select key, name, code, geom from grid_plan_grids where plan_id = ${planId}`)
  const sources = await queryRows<{ key: string; source: number | null }>(db, sql`select key, source_grid_id as source from grid_plan_grids where plan_id = ${planId}`)
  const published = await scoreGrids(db, sql`
    select g.id::text as key, g.name, g.code, g.geom from grids g join admin_areas c on c.id = g.community_id
    where g.version_id = ${currentVersionId} and (c.id = ${plan.areaId} or c.parent_id = ${plan.areaId})`)
  const publishedById = new Map(published.map((g) => [g.key, g]))
  const sourceOf = new Map(sources.map((s) => [s.key, s.source]))
  return {
    planId,
    revision: plan.revision,
    grids: planned.map((g) => {
      const source = sourceOf.get(g.key)
      return { ...g, published: source != null ? (publishedById.get(String(source)) ?? null) : null }
    }),
    plan: balanceOf(planned),
    published: balanceOf(published),
    publishedGrids: published,
    computedMs: Math.round(performance.now() - started),
  }
}
