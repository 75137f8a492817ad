import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'

/** A building block of a plan: the land between roads and grid edges, inside one plan grid. */
export interface PlanBlock {
  id: number
  /** The plan grid holding it, and that grid's community. */
  gridKey: string
  communityId: number
  areaM2: number
  incidents12m: number
  households: number
  geometry: string
}

/** Blocks smaller than this (m²) are slivers of the linework, not land anyone would move. */
const MIN_BLOCK_M2 = 50
/** Two blocks are neighbours when they share at least this much edge (m), not just a corner. */
const MIN_SHARED_EDGE_M = 5

/**
 * Cuts the plan's valid grids into blocks along the roads and the grid edges (ST_Polygonize of the
 * noded linework), each with its workload (incidents of the last 12 months) and households, and which
 * blocks share an edge. Blocks nest in grids because the grid edges are part of the linework.
 */
export async function planBlocks(db: Database, planId: number): Promise<{ blocks: PlanBlock[]; neighbours: [number, number][] }> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    await tx.execute(sql`create temp table plan_block (id serial, grid_key text, community_id int, geom geometry) on commit drop`)
    await tx.execute(sql`
      with grids as (
        select key, community_id, geom from grid_plan_grids where plan_id = ${planId} and ST_IsValid(geom)
      ),
      area as (select ST_Union(geom, ${OVERLAY_GRID}) as geom from grids),
      linework as (
        select ST_Boundary(g.geom) as geom from grids g
        union all
        select ST_CollectionExtract(ST_Intersection(r.geom, a.geom, ${OVERLAY_GRID}), 2) from roads r, area a where r.geom && a.geom and ST_Intersects(r.geom, a.geom)
      ),
      noded as (select ST_UnaryUnion(ST_Collect(geom), ${OVERLAY_GRID}) as geom from linework),
      polygons as (select ST_Polygonize(d.geom) as geom from noded n cross join lateral ST_Dump(n.geom) d),
      pieces as (select (ST_Dump(geom)).geom as geom from polygons)
      insert into plan_block (grid_key, community_id, geom)
      select g.key, g.community_id, p.geom
      from pieces p join grids g on ST_Covers(g.geom, ST_PointOnSurface(p.geom))
      where ST_Area(p.geom::geography) >= ${MIN_BLOCK_M2}`)
    await tx.execute(sql`create index on plan_block using gist (geom)`)
    await tx.execute(sql`analyze plan_block`)
    const blocks = await queryRows<PlanBlock>(tx, sql`
      select b.id, b.grid_key as "gridKey", b.community_id as "communityId", ST_Area(b.geom::geography) as "areaM2",
             (select count(*)::int from incidents i where i.geom && b.geom and ST_Covers(b.geom, i.geom) and i.reported_at > now() - interval '365 days') as "incidents12m",
             (select coalesce(sum(h.households), 0)::int from buildings h where h.geom && b.geom and ST_Covers(b.geom, ST_PointOnSurface(h.geom))) as households,
             ST_AsGeoJSON(b.geom, 9) as geometry
      from plan_block b order by b.id`)
    const pairs = await queryRows<{ a: number; b: number }>(tx, sql`
      select a.id as a, b.id as b from plan_block a join plan_block b on a.id < b.id and a.geom && b.geom
      where ST_Length(ST_CollectionExtract(ST_Intersection(ST_Boundary(a.geom), ST_Boundary(b.geom), ${OVERLAY_GRID}), 2)::geography) >= ${MIN_SHARED_EDGE_M}`)
    return { blocks, neighbours: pairs.map((p) => [p.a, p.b] as [number, number]) }
  })
}
