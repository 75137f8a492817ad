import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { gridIdScope, type Scope } from '../auth/scope'

export interface DisputeRecord {
  id: number
  code: string
  incidentId: number | null
  type: string
  risk: string
  tier: string
  status: string
  summary: string
  lon: number
  lat: number
  grid: { id: number; code: string; name: string } | null
  openedAt: string
  deadlineAt: string | null
  closedAt: string | null
  outcome: string | null
  partyCount: number
}

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`)

/** Dispute cases in scope matching `where` (on `disputes d`), without their parties. */
export const disputeRecords = (db: Database, scope: Scope, where: SQL, page: { limit: number; before?: number }) =>
  queryRows<DisputeRecord>(db, sql`
    select d.id, d.code, d.incident_id::int as "incidentId", d.type, d.risk, d.tier, d.status, d.summary,
           ST_X(d.geom) as lon, ST_Y(d.geom) as lat,
           case when g.id is null then null else json_build_object('id', g.id, 'code', g.code, 'name', g.name) end as grid,
           ${iso('d.opened_at')} as "openedAt", ${iso('d.deadline_at')} as "deadlineAt", ${iso('d.closed_at')} as "closedAt", d.outcome,
           (select count(*)::int from dispute_parties dp where dp.dispute_id = d.id) as "partyCount"
    from disputes d left join grids g on g.id = d.grid_id
    where ${where} and ${gridIdScope(scope, sql`d.grid_id`)} ${page.before ? sql`and d.id < ${page.before}` : sql``}
    order by d.id desc limit ${page.limit}`)

export const disputeTimeline = (db: Database, disputeId: number) =>
  queryRows<{ at: string; actor: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null }>(db, sql`
    select ${iso('at')} as at, actor, action, from_status as "fromStatus", to_status as "toStatus", note
    from dispute_events where dispute_id = ${disputeId} order by at, id`)

/** Names and phones of the parties. Sensitive: callers check the permission and audit the read. */
export const disputeParties = (db: Database, disputeId: number) =>
  queryRows<{ id: number; name: string; phone: string | null; role: string }>(db, sql`
    select id, name, phone, role from dispute_parties where dispute_id = ${disputeId} order by id`)
