import { stringify } from 'csv-stringify/sync'
import { sql, type SQL } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { neutraliseFormula } from './export-incidents'

export interface AuditFilter {
  from?: Date
  to?: Date
  username?: string
  /** Exact action, or a prefix ending in '.', e.g. `auth.` */
  action?: string
  subjectType?: string
  subjectId?: string
}

export interface AuditRow {
  id: number
  at: string
  username: string | null
  role: string | null
  action: string
  subjectType: string | null
  subjectIds: string[] | null
  rowCount: number
  ip: string | null
  userAgent: string | null
  query: string | null
  detail: Record<string, unknown> | null
}

function auditWhere(f: AuditFilter): SQL {
  const parts: SQL[] = [sql`true`]
  if (f.from) parts.push(sql`a.at >= ${f.from.toISOString()}::timestamptz`)
  if (f.to) parts.push(sql`a.at < ${f.to.toISOString()}::timestamptz`)
  if (f.username) parts.push(sql`lower(a.username) = lower(${f.username})`)
  if (f.action) parts.push(f.action.endsWith('.') ? sql`starts_with(a.action, ${f.action})` : sql`a.action = ${f.action}`)
  if (f.subjectType) parts.push(sql`a.subject_type = ${f.subjectType}`)
  if (f.subjectId) parts.push(sql`${f.subjectId} = any(a.subject_ids)`)
  return sql.join(parts, sql` and `)
}

/** Newest first, `before` an id for the next page. */
export const auditEntries = (db: Database, filter: AuditFilter, page: { limit: number; before?: number }) =>
  queryRows<AuditRow>(db, sql`
    select a.id::float8 as id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, a.username, a.role, a.action,
           a.subject_type as "subjectType", a.subject_ids as "subjectIds", a.row_count as "rowCount", host(a.ip) as ip,
           a.user_agent as "userAgent", a.query, a.detail
    from audit_log a
    where ${auditWhere(filter)} ${page.before ? sql`and a.id < ${page.before}` : sql``}
    order by a.id desc limit ${page.limit}`)

const csvColumns: (keyof AuditRow)[] = ['id', 'at', 'username', 'role', 'action', 'subjectType', 'subjectIds', 'rowCount', 'ip', 'userAgent', 'query', 'detail']

/** CSV of the filtered log, a page at a time; cells a spreadsheet would run as formulas are neutralised. */
export async function* auditCsv(db: Database, filter: AuditFilter): AsyncGenerator<string> {
  yield stringify([csvColumns])
  let before: number | undefined
  for (;;) {
    const rows = await auditEntries(db, filter, { limit: 5000, before })
    if (rows.length === 0) return
    yield stringify(rows.map((r) => csvColumns.map((c) => {
      const v = r[c]
      return neutraliseFormula(Array.isArray(v) ? v.join(' ') : v !== null && typeof v === 'object' ? JSON.stringify(v) : v)
    })))
    before = rows[rows.length - 1]!.id
  }
}
