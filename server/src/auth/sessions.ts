import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { roleScope, rolePermissions, type Role, type SessionUser } from '../contracts/auth'
import { queryRows, type Database } from '../db/client'
import type { Scope } from './scope'

export const SESSION_COOKIE = 'gw_session'

/** A signed-in request: who, what they may see (scope) and the session's CSRF token. */
export interface Principal {
  user: SessionUser
  scope: Scope
  sessionHash: string
  csrfToken: string
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')

/** Opens a session; the returned token goes into the cookie and is never stored. */
export async function openSession(db: Database, userId: number, options: { ttlHours: number; ip: string | null; userAgent: string | null }) {
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  await db.execute(sql`
    insert into sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
    values (${tokenHash(token)}, ${userId}, ${csrfToken}, now() + make_interval(hours => ${options.ttlHours}), ${options.ip}, ${options.userAgent})`)
  return { token, csrfToken }
}

interface SessionRow {
  sessionHash: string
  csrfToken: string
  lastSeenAt: Date | string
  id: number
  username: string
  displayName: string
  role: Role
  stationId: number | null
  stationName: string | null
  personId: number | null
}

/** The principal behind a cookie token, or null when the session is unknown, expired, revoked or its user disabled. */
export async function findSession(db: Database, token: string): Promise<Principal | null> {
  const hash = tokenHash(token)
  const [row] = await queryRows<SessionRow>(db, sql`
    select s.token_hash as "sessionHash", s.csrf_token as "csrfToken", s.last_seen_at as "lastSeenAt",
           u.id, u.username, u.display_name as "displayName", u.role, u.station_id as "stationId", st.name as "stationName", u.person_id as "personId"
    from sessions s join users u on u.id = s.user_id left join stations st on st.id = u.station_id
    where s.token_hash = ${hash} and s.revoked_at is null and s.expires_at > now() and not u.disabled`)
  if (!row) return null
  // Seen-at for the session list; written at most once a minute per session.
  if (Date.now() - new Date(row.lastSeenAt).getTime() > 60_000) await db.execute(sql`update sessions set last_seen_at = now() where token_hash = ${hash}`)
  return principalOf(row)
}

export function principalOf(row: Omit<SessionRow, 'lastSeenAt'>): Principal {
  const kind = roleScope[row.role]
  const scope: Scope =
    kind === 'station' ? { kind, stationId: row.stationId! } : kind === 'grids' ? { kind, personId: row.personId! } : { kind: 'county' }
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role,
      scope: kind,
      station: row.stationId === null ? null : { id: row.stationId, name: row.stationName ?? '' },
      personId: row.personId,
      permissions: [...rolePermissions[row.role]],
    },
    scope,
    sessionHash: row.sessionHash,
    csrfToken: row.csrfToken,
  }
}

export const revokeSession = (db: Database, sessionHash: string) =>
  db.execute(sql`update sessions set revoked_at = now() where token_hash = ${sessionHash} and revoked_at is null`)

/** Ends every session of a user (disabled, password or role changed): takes effect on their next request. */
export const revokeUserSessions = (db: Database, userId: number) =>
  db.execute(sql`update sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null`)

/** Expired and revoked sessions are kept a week for the audit trail, then removed. */
export const pruneSessions = (db: Database) =>
  db.execute(sql`delete from sessions where coalesce(revoked_at, expires_at) < now() - interval '7 days'`)
