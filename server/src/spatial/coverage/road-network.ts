import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../../db/client'

export interface RoadEdge {
  id: number
  source: number
  target: number
  class: 'expressway' | 'primary' | 'secondary' | 'street' | 'village'
  lengthM: number
}

/**
 * The road network as a graph, built by PostGIS from `roads` on first use and kept until a road changes
 * (a trigger empties it): the roads are noded where they cross (ST_Node), every piece becomes an edge
 * between its snapped end points, and takes the fastest class among the roads it lies on.
 */
export async function ensureRoadNetwork(db: Database): Promise<void> {
  const [state] = await queryRows<{ built: boolean; roads: boolean }>(db, sql`select exists(select 1 from road_nodes) as built, exists(select 1 from roads) as roads`)
  if (state?.built || !state?.roads) return
  await db.transaction(async (tx) => {
    // Two requests may build at once: the second waits here and then finds the network built.
    await tx.execute(sql`lock table road_nodes in exclusive mode`)
    const [again] = await queryRows<{ built: boolean }>(tx as unknown as Database, sql`select exists(select 1 from road_nodes) as built`)
    if (again?.built) return
    await tx.execute(sql`
      create temp table noded on commit drop as
      select geom from (
        select ST_SnapToGrid(d.geom, 1e-7) as geom
        from (select (ST_Dump(ST_Node(ST_Collect(geom)))).geom as geom from roads) d) s
      -- Snapping can collapse a tiny piece to a point or an empty line: those are no edges.
      where GeometryType(geom) = 'LINESTRING' and ST_NPoints(geom) >= 2 and ST_Length(geom) > 0`)
    await tx.execute(sql`
      insert into road_nodes (geom)
      select distinct on (ST_AsBinary(p)) p from (select ST_StartPoint(geom) as p from noded union all select ST_EndPoint(geom) from noded) e`)
    await tx.execute(sql`
      insert into road_edges (source, target, class, length_m, geom)
      select a.id, b.id, cls.class, ST_Length(n.geom::geography), n.geom
      from noded n
      join road_nodes a on a.geom && ST_StartPoint(n.geom) and ST_Equals(a.geom, ST_StartPoint(n.geom))
      join road_nodes b on b.geom && ST_EndPoint(n.geom) and ST_Equals(b.geom, ST_EndPoint(n.geom))
      cross join lateral (
        select r.class from roads r
        where ST_DWithin(r.geom, ST_LineInterpolatePoint(n.geom, 0.5), 1e-6)
        order by array_position(array['expressway', 'primary', 'secondary', 'street', 'village']::road_class[], r.class)
        limit 1) cls
      where a.id <> b.id`)
  })
}

export async function roadEdges(db: Database): Promise<RoadEdge[]> {
  await ensureRoadNetwork(db)
  return queryRows<RoadEdge>(db, sql`select id, source, target, class::text as class, length_m as "lengthM" from road_edges order by id`)
}
