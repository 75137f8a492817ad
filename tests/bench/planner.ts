import { sql } from 'drizzle-orm'
import { createPlan, createUser, currentVersionId, planScores, queryRows, suggestRebalance, validatePlan, type DatabaseHandle } from '@gridwatch/server/bench'
import { percentile } from './setup'

const ROUNDS = 7

async function timed(rounds: number, run: () => Promise<unknown>) {
  await run()
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return percentile(samples.sort((a, b) => a - b), 50)
}

/**
 * The planner's live loop on the community with the most grids: after each save the editor asks for the
 * scores (plan and version in force) and the validation; and the rebalancing suggestion. Baseline: the
 * least any workload display needs — one GiST-indexed count of the incidents in each of the plan's grids.
 */
export async function benchPlanner(handle: DatabaseHandle) {
  const db = handle.db
  const [area] = await queryRows<{ id: number; grids: number }>(db, sql`
    select c.id, count(*)::int as grids from grids g join admin_areas c on c.id = g.community_id
    where g.version_id = ${currentVersionId} group by c.id order by count(*) desc, c.id limit 1`)
  const user = await createUser(db, { username: 'bench-planner', displayName: '规划', password: 'bench password, long enough', role: 'planner', stationId: null, personId: null })
  const plan = await createPlan(db, user.id, { name: 'bench', areaId: area!.id })
  const baselineMs = await timed(ROUNDS, () =>
    queryRows(db, sql`
      select g.key, (select count(*) from incidents i where i.geom && g.geom and ST_Covers(g.geom, i.geom) and i.reported_at > now() - interval '365 days') as n
      from grid_plan_grids g where g.plan_id = ${plan.id}`),
  )
  const liveMs = await timed(ROUNDS, async () => {
    await planScores(db, plan.id)
    await validatePlan(db, plan.id)
  })
  const suggestionMs = await timed(3, () => suggestRebalance(db, plan.id, 12))
  return { grids: area!.grids, baselineMs, liveMs, suggestionMs }
}
