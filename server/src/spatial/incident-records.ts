import { sql, type SQL } from 'drizzle-orm'
import type { IncidentRecord } from '../contracts'
import { queryRows, type Database } from '../db/client'

/** Incidents with their grid and responsible person, shaped as the API returns them. */
export async function incidentRecords(db: Database, where: SQL, options: { orderBy?: SQL; limit?: number } = {}): Promise<IncidentRecord[]> {
  const rows = await queryRows<Omit<IncidentRecord, 'reportedAt' | 'acceptedAt' | 'contactedAt' | 'onSceneAt' | 'closedAt'> & Record<'reportedAt' | 'acceptedAt' | 'contactedAt' | 'onSceneAt' | 'closedAt', Date | string | null>>(db, sql`
    select i.id::int as id, i.source, i.external_id as "externalId", i.category_code as category, i.priority,
           ST_X(i.geom) as lon, ST_Y(i.geom) as lat, i.address, i.summary,
           i.reported_at as "reportedAt", i.accepted_at as "acceptedAt", i.contacted_at as "contactedAt",
           i.on_scene_at as "onSceneAt", i.closed_at as "closedAt",
           i.assignment, i.assignment_distance_m as "assignmentDistanceM",
           case when g.id is null then null else json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'versionId', g.version_id) end as grid,
           i.station_id as "stationId", i.responsibility,
           case when p.id is null then null else json_build_object('id', p.id, 'name', p.name, 'role', p.role, 'phone', p.phone) end as responsible
    from incidents i
    left join grids g on g.id = i.grid_id
    left join people p on p.id = i.responsible_person_id
    where ${where}
    ${options.orderBy ? sql`order by ${options.orderBy}` : sql``}
    ${options.limit ? sql`limit ${options.limit}` : sql``}`)
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())
  return rows.map((r) => ({
    ...r,
    reportedAt: iso(r.reportedAt)!,
    acceptedAt: iso(r.acceptedAt),
    contactedAt: iso(r.contactedAt),
    onSceneAt: iso(r.onSceneAt),
    closedAt: iso(r.closedAt),
  }))
}
