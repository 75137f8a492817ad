import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Database } from '../db/client'
import type { Principal } from './sessions'

export interface AuditEntry {
  action: string
  subjectType?: string
  subjectIds?: (string | number)[]
  rowCount?: number
  detail?: Record<string, unknown>
}

export interface RequestOrigin {
  ip: string | null
  userAgent: string | null
  /** Method, path and query string. */
  query: string
}

export const requestOrigin = (c: Context, ip: string | null): RequestOrigin => {
  const url = new URL(c.req.url)
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null, query: `${c.req.method} ${url.pathname}${url.search}`.slice(0, 2000) }
}

/**
 * Appends one row to the audit log. Sensitive reads call it in the same transaction as the read, so
 * no record leaves the server without its trace.
 */
export async function writeAudit(db: Database, who: Principal | { user: null; username?: string }, origin: RequestOrigin, entry: AuditEntry) {
  const user = who.user
  const ids = entry.subjectIds?.map(String) ?? null
  await db.execute(sql`
    insert into audit_log (user_id, username, role, action, subject_type, subject_ids, row_count, ip, user_agent, query, detail)
    values (${user?.id ?? null}, ${user?.username ?? ('username' in who ? (who.username ?? null) : null)}, ${user?.role ?? null}, ${entry.action},
            ${entry.subjectType ?? null}, ${ids === null ? null : sql`${`{${ids.map((i) => `"${i.replace(/["\\]/g, '')}"`).join(',')}}`}::text[]`},
            ${entry.rowCount ?? ids?.length ?? 0}, ${origin.ip}::inet, ${origin.userAgent}, ${origin.query},
            ${entry.detail ? JSON.stringify(entry.detail) : null}::jsonb)`)
}
