import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { gridIdScope, type Scope } from '../auth/scope'
import type { z } from 'zod'
import { openDisputeStatuses } from './dispute-status'
import type { DisputeParty, DisputeRecord, DisputeTimelineEntry, disputeListQuery } from '../contracts/disputes'

export type { DisputeRecord }

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`)

/** Dispute cases in scope matching `where` (on `disputes d`), without their parties; `now` is the clock for overdue. */
export const disputeRecords = (db: Database, scope: Scope, where: SQL, page: { limit: number; before?: number; now?: Date }) =>
  queryRows<DisputeRecord>(db, sql`
    with clock as (select ${(page.now ?? new Date()).toISOString()}::timestamptz as now)
    select d.id, d.code, d.incident_id::int as "incidentId", d.type, d.risk, d.tier, d.status, d.summary,
           ST_X(d.geom) as lon, ST_Y(d.geom) as lat,
           case when g.id is null then null else json_build_object('id', g.id, 'code', g.code, 'name', g.name) end as grid,
           ${iso('d.opened_at')} as "openedAt", ${iso('d.deadline_at')} as "deadlineAt", ${iso('d.closed_at')} as "closedAt", d.outcome,
           (select count(*)::int from dispute_parties dp where dp.dispute_id = d.id) as "partyCount",
           case when m.id is null then null else json_build_object('id', m.id, 'name', m.name, 'organisation', m.organisation) end as mediator,
           coalesce(d.status::text in ${openDisputeStatuses} and d.deadline_at < clock.now, false) as overdue,
           coalesce(d.status::text in ${openDisputeStatuses} and d.deadline_at < clock.now and d.tier <> 'county', false) as "suggestEscalation",
           d.judicial_requested_on::text as "judicialRequestedOn", d.judicial_confirmed_on::text as "judicialConfirmedOn", d.judicial_refused_on::text as "judicialRefusedOn",
           d.follow_up_on::text as "followUpOn", d.followed_up_on::text as "followedUpOn", d.rating, d.turned_criminal as "turnedCriminal"
    from disputes d cross join clock left join grids g on g.id = d.grid_id left join people m on m.id = d.mediator_id
    where ${where} and ${gridIdScope(scope, sql`d.grid_id`)} ${page.before ? sql`and d.id < ${page.before}` : sql``}
    order by d.id desc limit ${page.limit}`)

/** The `where` of the case list (on `disputes d`) for its filters; `now` is the clock for overdue. */
export function disputeListFilter(q: Omit<z.infer<typeof disputeListQuery>, 'limit' | 'before'>, now = new Date()): SQL {
  const parts: SQL[] = [sql`true`]
  if (q.grid) parts.push(sql`d.grid_id in (select id from grids where code = ${q.grid})`)
  if (q.status) parts.push(sql`d.status = ${q.status}::dispute_status`)
  if (q.tier) parts.push(sql`d.tier = ${q.tier}::dispute_tier`)
  if (q.type) parts.push(sql`d.type = ${q.type}::dispute_type`)
  if (q.risk) parts.push(sql`d.risk = ${q.risk}::risk_level`)
  if (q.open) parts.push(q.open === 'true' ? sql`d.status::text in ${openDisputeStatuses}` : sql`d.status::text not in ${openDisputeStatuses}`)
  if (q.overdue) {
    const overdue = sql`(d.status::text in ${openDisputeStatuses} and d.deadline_at < ${now.toISOString()}::timestamptz)`
    parts.push(q.overdue === 'true' ? overdue : sql`not coalesce(${overdue}, false)`)
  }
  return sql.join(parts, sql` and `)
}

export const disputeTimeline = (db: Database, disputeId: number) =>
  queryRows<DisputeTimelineEntry>(db, sql`
    select ${iso('at')} as at, actor, action, from_status as "fromStatus", to_status as "toStatus", note
    from dispute_events where dispute_id = ${disputeId} order by at, id`)

/** Names and phones of the parties. Sensitive: callers check the permission and audit the read. */
export const disputeParties = (db: Database, disputeId: number) =>
  queryRows<DisputeParty>(db, sql`
    select id, name, phone, role from dispute_parties where dispute_id = ${disputeId} order by id`)

/** The text of a case's agreement. Names parties and sums: callers check the permission (and audit with the parties). */
export const disputeAgreement = async (db: Database, disputeId: number) =>
  (await queryRows<{ agreement: string | null }>(db, sql`select agreement from disputes where id = ${disputeId}`))[0]?.agreement ?? null
