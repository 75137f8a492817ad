import { sql, type SQL } from 'drizzle-orm'
import type { IncidentFilter } from '../contracts'

/** The WHERE condition (on `incidents i`) for the filters of the incident queries; uses the GiST index for bbox. */
export function incidentWhere(f: IncidentFilter): SQL {
  const parts: SQL[] = [sql`true`]
  if (f.bbox) parts.push(sql`i.geom && ST_MakeEnvelope(${f.bbox[0]}, ${f.bbox[1]}, ${f.bbox[2]}, ${f.bbox[3]}, 4326)`)
  if (f.from) parts.push(sql`i.reported_at >= ${f.from.toISOString()}::timestamptz`)
  if (f.to) parts.push(sql`i.reported_at < ${f.to.toISOString()}::timestamptz`)
  if (f.category?.length) parts.push(sql`i.category_code in (${sql.join(f.category.map((c) => sql`${c}`), sql`, `)})`)
  if (f.grid) parts.push(sql`i.grid_id in (select id from grids where code = ${f.grid})`)
  if (f.status === 'open') parts.push(sql`i.closed_at is null`)
  if (f.status === 'closed') parts.push(sql`i.closed_at is not null`)
  if (f.assignment) parts.push(sql`i.assignment = ${f.assignment}::assignment_rule`)
  return sql.join(parts, sql` and `)
}
