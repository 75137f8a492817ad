import { sql } from 'drizzle-orm'
import type { MultiPolygon, Polygon } from 'geojson'
import type { PlanDetail, PlanSuggestion } from '../../contracts/plans'
import { queryRows, type Database } from '../../db/client'
import { InputError } from '../../services/errors'
import { getPlan } from '../../services/grid-plans'
import { OVERLAY_GRID } from '../overlay'
import { planBlocks, type PlanBlock } from './plan-blocks'
import { workloadBalance } from './plan-scores'

/** A move must lower the coefficient of variation by at least this much to be worth proposing. */
const MIN_GAIN = 1e-4

/** Pieces of a set of blocks, by shared edges. */
function components(members: Set<number>, adjacency: Map<number, number[]>): number {
  const seen = new Set<number>()
  let count = 0
  for (const start of members) {
    if (seen.has(start)) continue
    count++
    const stack = [start]
    seen.add(start)
    while (stack.length > 0) {
      for (const next of adjacency.get(stack.pop()!) ?? []) {
        if (members.has(next) && !seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      }
    }
  }
  return count
}

/**
 * Greedy rebalancing: repeatedly moves the block (between roads and grid edges) whose move to a
 * neighbouring base grid of the same community lowers the workload's coefficient of variation most, as
 * long as the grid it leaves does not fall into more pieces. Workload = incidents of the last 12 months.
 * The plan is not changed: the answer is a proposal the planner accepts by saving its grids.
 */
export async function suggestRebalance(db: Database, planId: number, maxMoves: number): Promise<PlanSuggestion | null> {
  const plan = await getPlan(db, planId)
  if (!plan) return null
  const [invalid] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from grid_plan_grids where plan_id = ${planId} and not ST_IsValid(geom)`)
  if (invalid!.n > 0) throw new InputError(`${invalid!.n} grid(s) have invalid geometry: fix them first (see the validation)`, 'plan', 422)
  const loads = new Map(
    (await queryRows<{ key: string; n: number }>(db, sql`
      select g.key, (select count(*)::int from incidents i where i.geom && g.geom and ST_Covers(g.geom, i.geom) and i.reported_at > now() - interval '365 days') as n
      from grid_plan_grids g where g.plan_id = ${planId}`)).map((r) => [r.key, r.n]),
  )
  const before = workloadBalance([...loads.values()])
  const { blocks, neighbours } = await planBlocks(db, planId)
  const adjacency = new Map<number, number[]>()
  for (const [a, b] of neighbours) {
    adjacency.set(a, [...(adjacency.get(a) ?? []), b])
    adjacency.set(b, [...(adjacency.get(b) ?? []), a])
  }
  const owner = new Map(blocks.map((b) => [b.id, b.gridKey]))
  const communityOf = new Map(blocks.map((b) => [b.gridKey, b.communityId]))
  const membersOf = (key: string) => new Set(blocks.filter((b) => owner.get(b.id) === key).map((b) => b.id))
  const keys = [...loads.keys()]
  // A dedicated grid (专属网格: a market, a school) is drawn round its site: it neither gives nor takes blocks.
  const dedicated = new Set(plan.features.features.filter((f) => f.properties.kind === 'dedicated').map((f) => f.properties.key))
  const cvWith = (from: string, to: string, n: number) => workloadBalance(keys.map((k) => loads.get(k)! - (k === from ? n : 0) + (k === to ? n : 0))).workloadCv ?? 0

  for (let step = 0; step < maxMoves; step++) {
    const current = workloadBalance([...loads.values()]).workloadCv ?? 0
    const candidates: { block: PlanBlock; to: string; cv: number }[] = []
    for (const block of blocks) {
      const from = owner.get(block.id)!
      if (block.incidents12m === 0 || dedicated.has(from)) continue
      for (const to of new Set((adjacency.get(block.id) ?? []).map((n) => owner.get(n)!))) {
        if (to === from || dedicated.has(to) || communityOf.get(to) !== communityOf.get(from)) continue
        const cv = cvWith(from, to, block.incidents12m)
        if (cv < current - MIN_GAIN) candidates.push({ block, to, cv })
      }
    }
    // Best first; the connectivity check (a graph walk) only for the candidates tried.
    candidates.sort((a, b) => a.cv - b.cv)
    const chosen = candidates.find(({ block }) => {
      const members = membersOf(owner.get(block.id)!)
      if (members.size <= 1) return false
      const pieces = components(members, adjacency)
      members.delete(block.id)
      return components(members, adjacency) <= pieces
    })
    if (!chosen) break
    const from = owner.get(chosen.block.id)!
    loads.set(from, loads.get(from)! - chosen.block.incidents12m)
    loads.set(chosen.to, loads.get(chosen.to)! + chosen.block.incidents12m)
    owner.set(chosen.block.id, chosen.to)
  }

  const moved = blocks.filter((b) => owner.get(b.id) !== b.gridKey).map((b) => ({ ...b, to: owner.get(b.id)! }))
  return {
    planId,
    revision: plan.revision,
    moves: moved.map((b) => ({ from: b.gridKey, to: b.to, areaM2: b.areaM2, incidents12m: b.incidents12m, households: b.households, geometry: JSON.parse(b.geometry) as Polygon })),
    before,
    after: workloadBalance([...loads.values()]),
    grids: await reshaped(db, plan, moved.map((b) => ({ from: b.gridKey, to: b.to, geometry: b.geometry }))),
  }
}

/** The plan's grids with the moved blocks taken out of one grid and added to the other (in PostGIS). */
async function reshaped(db: Database, plan: PlanDetail, moves: { from: string; to: string; geometry: string }[]): Promise<PlanDetail['features']> {
  if (moves.length === 0) return plan.features
  const rows = await queryRows<{ key: string; geometry: string }>(db, sql`
    with moves as (
      select x."from", x."to", ST_SetSRID(ST_GeomFromGeoJSON(x.geometry), 4326) as geom
      from json_to_recordset(${JSON.stringify(moves)}::json) as x("from" text, "to" text, geometry text)
    )
    select g.key, ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Union(
             coalesce(ST_Difference(g.geom, (select ST_Union(m.geom, ${OVERLAY_GRID}) from moves m where m."from" = g.key), ${OVERLAY_GRID}), g.geom),
             coalesce((select ST_Union(m.geom, ${OVERLAY_GRID}) from moves m where m."to" = g.key), ST_SetSRID('GEOMETRYCOLLECTION EMPTY'::geometry, 4326)), ${OVERLAY_GRID}), 3)), 9) as geometry
    from grid_plan_grids g
    where g.plan_id = ${plan.id} and g.key in (select "from" from moves union select "to" from moves)`)
  const changed = new Map(rows.map((r) => [r.key, JSON.parse(r.geometry) as MultiPolygon]))
  return { ...plan.features, features: plan.features.features.map((f) => ({ ...f, geometry: changed.get(f.properties.key) ?? f.geometry })) }
}
