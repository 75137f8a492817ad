import { sql, type SQL } from 'drizzle-orm'
import type { DisputeKpiRow, DisputeKpis, disputeKpiQuery } from '../contracts/disputes'
import type { z } from 'zod'
import { currentVersionId, gridScope, type Scope } from '../auth/scope'
import { queryRows, type Database } from '../db/client'
import { openDisputeStatuses } from './dispute-status'

/** Two cases within this distance (m) are at the same address: the later one is a repeat. */
export const REPEAT_WITHIN_M = 30
/** …if the earlier one was opened at most this many days before. */
export const REPEAT_WITHIN_DAYS = 365

/**
 * A box around a point that holds every point within REPEAT_WITHIN_M of it, in degrees, so the GiST
 * index on `disputes.geom` narrows the candidates before the exact distance on the spheroid: a degree
 * of latitude is at least 110,574 m, one of longitude 111,320 m × cos(latitude); 5 % margin.
 */
const nearBox = (point: SQL) =>
  sql`ST_Expand(${point}, least(180, ${REPEAT_WITHIN_M * 1.05} / (111320 * greatest(cos(radians(ST_Y(${point}))), 1e-6))), ${(REPEAT_WITHIN_M * 1.05) / 110574})`

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null)
/** Closed or evaluated with an agreement or a judicial confirmation — not one the court refused to confirm. */
const resolved = sql`p.status in ('closed', 'evaluated') and p.outcome in ('agreement', 'judicial_confirmation') and p.judicial_refused_on is null`

/**
 * Dispute KPIs per grid, community, township or for the county, over cases opened in [from, to) (cancelled
 * ones left out): cases, resolved (closed or evaluated with an agreement or a judicial confirmation the
 * court did not refuse) and
 * the resolution rate (化解率), the share resolved at grid level, open cases past their deadline (at
 * `now`), repeats at the same address, and cases that turned criminal (民转刑). Cases are placed by their
 * point among the grids in force, so the areas are today's whatever version a case was filed under.
 */
export async function disputeKpis(db: Database, scope: Scope, query: z.infer<typeof disputeKpiQuery>, now = new Date()): Promise<DisputeKpis> {
  const area = {
    grid: sql`g.id as area_id, g.code as area_code, g.name as area_name`,
    community: sql`c.id as area_id, c.code as area_code, c.name as area_name`,
    township: sql`t.id as area_id, t.code as area_code, t.name as area_name`,
    county: sql`k.id as area_id, k.code as area_code, k.name as area_name`,
  }[query.level]
  const rows = await queryRows<Omit<DisputeKpiRow, 'resolutionRate' | 'gridLevelShare'>>(db, sql`
    with cases as (
      select d.*, placed.id as place_grid
      from disputes d
      cross join lateral (select g.id from grids g where g.version_id = ${currentVersionId} and ST_Covers(g.geom, d.geom) order by g.code limit 1) placed
      where d.status <> 'cancelled' and d.opened_at >= ${query.from.toISOString()}::timestamptz and d.opened_at < ${query.to.toISOString()}::timestamptz
    ),
    placed as (
      select ${area}, x.*
      from cases x join grids g on g.id = x.place_grid
      join admin_areas c on c.id = g.community_id join admin_areas t on t.id = c.parent_id join admin_areas k on k.id = t.parent_id
      where ${gridScope(scope, 'g')} ${query.grid === undefined ? sql`` : sql`and g.id = ${query.grid}`}
    )
    select p.area_id as id, p.area_code as code, p.area_name as name,
           count(*)::int as cases,
           count(*) filter (where ${resolved})::int as resolved,
           count(*) filter (where ${resolved} and p.tier = 'grid')::int as "resolvedAtGrid",
           count(*) filter (where p.status::text in ${openDisputeStatuses} and p.deadline_at < ${now.toISOString()}::timestamptz)::int as overdue,
           count(*) filter (where exists (
             select 1 from disputes e
             where e.geom && ${nearBox(sql`p.geom`)}
               and e.id <> p.id and e.status <> 'cancelled' and e.opened_at < p.opened_at and e.opened_at >= p.opened_at - ${sql.raw(`interval '${REPEAT_WITHIN_DAYS} days'`)}
               and ST_DWithin(e.geom::geography, p.geom::geography, ${REPEAT_WITHIN_M})))::int as repeats,
           count(*) filter (where p.turned_criminal)::int as "turnedCriminal"
    from placed p
    group by p.area_id, p.area_code, p.area_name
    order by p.area_code`)
  const withRates = rows.map((r) => ({ ...r, resolutionRate: rate(r.resolved, r.cases), gridLevelShare: rate(r.resolvedAtGrid, r.resolved) }))
  const total = withRates.reduce(
    (sum, r) => ({ cases: sum.cases + r.cases, resolved: sum.resolved + r.resolved, resolvedAtGrid: sum.resolvedAtGrid + r.resolvedAtGrid, overdue: sum.overdue + r.overdue, repeats: sum.repeats + r.repeats, turnedCriminal: sum.turnedCriminal + r.turnedCriminal }),
    { cases: 0, resolved: 0, resolvedAtGrid: 0, overdue: 0, repeats: 0, turnedCriminal: 0 },
  )
  return {
    level: query.level,
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    rows: withRates,
    total: { ...total, resolutionRate: rate(total.resolved, total.cases), gridLevelShare: rate(total.resolvedAtGrid, total.resolved) },
  }
}
