import { sql } from 'drizzle-orm'
import type { BoundaryVersionSummary } from '../contracts/plans'
import { currentVersionId } from '../auth/scope'
import { queryRows, type Database } from '../db/client'

type Row = Omit<BoundaryVersionSummary, 'createdAt' | 'effectiveFrom' | 'effectiveTo'> & Record<'createdAt' | 'effectiveFrom' | 'effectiveTo', string | Date | null>
const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString())

/** The version history, newest first: what was in force when, who published it, from which plan. */
export async function listVersions(db: Database): Promise<BoundaryVersionSummary[]> {
  const rows = await queryRows<Row>(db, sql`
    select v.id, v.name, v.status::text as status, v.author, v.note, v.created_at as "createdAt",
           v.effective_from as "effectiveFrom", v.effective_to as "effectiveTo", v.id = ${currentVersionId} as "inForce",
           (select count(*)::int from grids g where g.version_id = v.id) as grids,
           (select p.id from grid_plans p where p.published_version_id = v.id) as "planId"
    from boundary_versions v
    order by coalesce(v.effective_from, v.created_at) desc, v.id desc`)
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt)!, effectiveFrom: iso(r.effectiveFrom), effectiveTo: iso(r.effectiveTo), inForce: Boolean(r.inForce) }))
}
