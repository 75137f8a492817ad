import { sql } from 'drizzle-orm'
import type { PlanDiff } from '../../contracts/plans'
import { queryRows, type Database } from '../../db/client'
import { OVERLAY_GRID } from '../overlay'

/** Pieces smaller than this (m²) are digitising noise along shared edges, not land changing hands. */
const MIN_PIECE_M2 = 1

type PieceRow = Omit<PlanDiff['pieces']['features'][number]['properties'], 'from' | 'to'> & {
  fromId: number
  fromCode: string
  fromName: string
  toKey: string
  toName: string
  geometry: string
}

/**
 * What publishing the plan would move: every piece of a grid in force that ends up in a plan grid not
 * continuing it (not drawn from it), with the incidents (last 12 months, and open ones), households,
 * people and cameras inside. Null when there is no such plan.
 */
export async function planDiff(db: Database, planId: number): Promise<PlanDiff | null> {
  const [plan] = await queryRows<{ areaId: number; base: number }>(db, sql`select area_id as "areaId", base_version_id as base from grid_plans where id = ${planId}`)
  if (!plan) return null
  const rows = await queryRows<PieceRow>(db, sql`
    with old as (
      select g.id, g.code, g.name, g.geom from grids g join admin_areas c on c.id = g.community_id
      where g.version_id = ${plan.base} and (c.id = ${plan.areaId} or c.parent_id = ${plan.areaId})
    ),
    planned as (
      select key, name, source_grid_id, ST_CollectionExtract(ST_MakeValid(geom), 3) as geom from grid_plan_grids where plan_id = ${planId}
    ),
    pieces as (
      select o.id as "fromId", o.code as "fromCode", o.name as "fromName", p.key as "toKey", p.name as "toName",
             ST_Multi(ST_CollectionExtract(ST_Intersection(o.geom, p.geom, ${OVERLAY_GRID}), 3)) as geom
      from old o join planned p on o.geom && p.geom and ST_Intersects(o.geom, p.geom)
      where p.source_grid_id is distinct from o.id
    )
    select x."fromId", x."fromCode", x."fromName", x."toKey", x."toName", ST_AsGeoJSON(x.geom, 7) as geometry,
           ST_Area(x.geom::geography) as "areaM2",
           (select count(*)::int from incidents i where i.geom && x.geom and ST_Covers(x.geom, i.geom) and i.reported_at > now() - interval '365 days') as "incidents12m",
           (select count(*)::int from incidents i where i.geom && x.geom and ST_Covers(x.geom, i.geom) and i.closed_at is null) as "openIncidents",
           (select coalesce(sum(b.households), 0)::int from buildings b where b.geom && x.geom and ST_Covers(x.geom, ST_PointOnSurface(b.geom))) as households,
           (select coalesce(sum(b.population), 0)::int from buildings b where b.geom && x.geom and ST_Covers(x.geom, ST_PointOnSurface(b.geom))) as population,
           (select count(*)::int from cameras c where c.geom && x.geom and ST_Covers(x.geom, c.geom)) as cameras
    from pieces x
    where not ST_IsEmpty(x.geom) and ST_Area(x.geom::geography) >= ${MIN_PIECE_M2}
    order by x."fromCode", x."toKey"`)
  const features = rows.map(({ fromId, fromCode, fromName, toKey, toName, geometry, ...counts }) => ({
    type: 'Feature' as const,
    geometry: JSON.parse(geometry),
    properties: { from: { id: fromId, code: fromCode, name: fromName }, to: { key: toKey, name: toName }, ...counts },
  }))
  const sum = (key: 'areaM2' | 'incidents12m' | 'openIncidents' | 'households' | 'population' | 'cameras') => rows.reduce((total, r) => total + r[key], 0)
  return {
    planId,
    pieces: { type: 'FeatureCollection', features },
    totals: { pieces: rows.length, areaM2: sum('areaM2'), incidents12m: sum('incidents12m'), openIncidents: sum('openIncidents'), households: sum('households'), population: sum('population'), cameras: sum('cameras') },
  }
}
