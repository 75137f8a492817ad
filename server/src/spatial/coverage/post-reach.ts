import { sql } from 'drizzle-orm'
import type { PostReach, ReachOptions } from '../../contracts/coverage'
import { communityScope, currentVersionId, gridScope, pointScope, type Scope } from '../../auth/scope'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'
import { roadEdges } from './road-network'
import { createTravelGraph, type Attachment } from './travel-times'

/** Either side of a reached road, the area counted as reached (the last metres on foot). */
const ROAD_SIDE_M = 100
/** A grid counts as outside when less than this share of it is reached. */
const GRID_REACHED_SHARE = 0.5

/** Where each point of `table` meets the road network: the nearest edge (GiST k-nearest), fraction along it, distance. */
const attachments = (table: 'police_posts' | 'key_sites', where = sql`true`) => sql`
  select t.id, ST_X(t.geom) as lon, ST_Y(t.geom) as lat, e.id as "edgeId",
         ST_LineLocatePoint(e.geom, t.geom) as fraction, ST_Distance(e.geom::geography, t.geom::geography) as "accessM"
  from ${sql.raw(table)} t
  cross join lateral (select e.id, e.geom from road_edges e order by e.geom <-> t.geom limit 1) e
  where ${where}`

/**
 * What each police post reaches by road within the time limit (Dijkstra over the noded road network at
 * the speed of each road class), the grids and key sites (in scope) left outside, and the communities
 * without a responsible police officer (一村一警).
 */
export async function postReach(db: Database, scope: Scope, options: ReachOptions): Promise<PostReach> {
  const speedsKmh = { expressway: options.expressway, primary: options.primary, secondary: options.secondary, street: options.street, village: options.village }
  const limitS = options.minutes * 60
  const graph = createTravelGraph(await roadEdges(db), speedsKmh)
  type Place = Attachment & { id: number; lon: number; lat: number }
  const posts = await queryRows<Place & { code: string; name: string; kind: string }>(db, sql`
    select a.*, p.code, p.name, p.kind::text as kind from (${attachments('police_posts')}) a join police_posts p on p.id = a.id order by p.code`)
  const sites = await queryRows<Place & { name: string; kind: PostReach['sitesOutside'][number]['kind'] }>(db, sql`
    select a.*, s.name, s.kind::text as kind from (${attachments('key_sites', pointScope(scope, sql`t.geom`))}) a join key_sites s on s.id = a.id`)

  const bestSiteTime = new Map<number, number>()
  const stretches: { post: number[]; edge: number[]; from: number[]; to: number[] } = { post: [], edge: [], from: [], to: [] }
  for (const post of posts) {
    const times = graph.timesFrom(post)
    for (const [edge, from, to] of graph.reachedStretches(times, post, limitS)) {
      stretches.post.push(post.id)
      stretches.edge.push(edge)
      stretches.from.push(from)
      stretches.to.push(to)
    }
    for (const site of sites) {
      const t = graph.timeTo(times, site)
      if (t !== null && t < (bestSiteTime.get(site.id) ?? Infinity)) bestSiteTime.set(site.id, t)
    }
  }

  const array = (values: number[], type: 'int' | 'float8') => sql`${`{${values.join(',')}}`}::${sql.raw(type)}[]`
  // One transaction with a temporary table: the reach areas are buffered once and read three times.
  const { areas, gridsOutside, outsideSites } = await db.transaction(async (transaction) => {
    const tx = transaction as unknown as Database
    // The stretches go into a table first: on PGlite, buffering and merging straight from unnest() of the
    // bound arrays returned no rows (no error); from a table it is right on both drivers.
    await tx.execute(sql`create temp table reach_stretch (post int, edge int, a float8, b float8) on commit drop`)
    await tx.execute(sql`
      insert into reach_stretch
      select * from unnest(${array(stretches.post, 'int')}, ${array(stretches.edge, 'int')}, ${array(stretches.from, 'float8')}, ${array(stretches.to, 'float8')})`)
    // Each stretch is buffered and the buffers merged (cascaded union): ten times faster than buffering the network at once.
    await tx.execute(sql`
      create temp table reach_area on commit drop as
      select x.post, ST_Union(ST_LineSubstring(e.geom, x.a, x.b), ${OVERLAY_GRID}) as roads, ST_Union(gridwatch_buffer_m(ST_LineSubstring(e.geom, x.a, x.b), ${sql.raw(String(ROAD_SIDE_M))}), ${OVERLAY_GRID}) as area
      from reach_stretch x join road_edges e on e.id = x.edge where x.b > x.a group by x.post`)
    // All reach areas as one union cut into small disjoint pieces: per-grid intersections stay small and indexed.
    await tx.execute(sql`
      create temp table reach_piece on commit drop as
      select ST_Subdivide(ST_Union(area, ${OVERLAY_GRID}), 128) as geom from reach_area`)
    await tx.execute(sql`create index on reach_piece using gist (geom)`)
    const areas = await queryRows<{ id: number; geometry: string; reachKm2: number; roadReachedKm: number }>(tx, sql`
      select post as id, ST_AsGeoJSON(ST_SimplifyPreserveTopology(area, 0.00003), 6) as geometry,
             ST_Area(area::geography) / 1e6 as "reachKm2", ST_Length(roads::geography) / 1000 as "roadReachedKm"
      from reach_area`)
    const gridsOutside = await queryRows<PostReach['gridsOutside'][number]>(tx, sql`
      with share as (
        select g.id, g.code, g.name,
               coalesce(r.m2 / nullif(ST_Area(g.geom::geography), 0), 0)::float8 as reached
        from grids g
        cross join lateral (select sum(ST_Area(ST_Intersection(g.geom, p.geom, ${OVERLAY_GRID})::geography)) as m2 from reach_piece p where p.geom && g.geom and ST_Intersects(p.geom, g.geom)) r
        where g.version_id = ${currentVersionId} and ${gridScope(scope, 'g')})
      select id as "gridId", code, name, least(reached, 1) as "reachedPct" from share where reached < ${GRID_REACHED_SHARE} order by reached, code`)
    const outside = await queryRows<{ id: number }>(tx, sql`
      select s.id from key_sites s
      where s.id = any(${array(sites.map((x) => x.id), 'int')})
        and not exists (select 1 from reach_piece r where r.geom && s.geom and ST_Covers(r.geom, s.geom))`)
    return { areas, gridsOutside, outsideSites: new Set(outside.map((r) => r.id)) }
  })
  const areaOf = new Map(areas.map((a) => [a.id, a]))

  const communitiesWithoutOfficer = await queryRows<PostReach['communitiesWithoutOfficer'][number]>(db, sql`
    select a.id, a.code, a.name, t.name as township
    from admin_areas a join admin_areas t on t.id = a.parent_id
    where a.level = 'community' and ${communityScope(scope, 'a')}
      and not exists (
        select 1 from grids g
        join grid_duties d on d.grid_id = g.id and d.duty = 'responsible_officer' and d.until is null
        join people p on p.id = d.person_id and p.role = 'police_officer' and p.active
        where g.community_id = a.id and g.version_id = ${currentVersionId})
    order by a.code`)

  return {
    minutes: options.minutes,
    speedsKmh,
    posts: {
      type: 'FeatureCollection',
      features: posts.map((p) => {
        const area = areaOf.get(p.id)
        return {
          type: 'Feature',
          geometry: area ? JSON.parse(area.geometry) : { type: 'MultiPolygon', coordinates: [] },
          properties: { id: p.id, code: p.code, name: p.name, kind: p.kind, lon: p.lon, lat: p.lat, reachKm2: round(area?.reachKm2 ?? 0, 3), roadReachedKm: round(area?.roadReachedKm ?? 0, 2) },
        }
      }),
    },
    gridsOutside,
    sitesOutside: sites
      .filter((s) => outsideSites.has(s.id))
      .map((s) => {
        const t = bestSiteTime.get(s.id)
        return { id: s.id, name: s.name, kind: s.kind, lon: s.lon, lat: s.lat, minutes: t === undefined ? null : round(t / 60, 1) }
      })
      .sort((a, b) => (b.minutes ?? Infinity) - (a.minutes ?? Infinity)),
    communitiesWithoutOfficer,
  }
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits
