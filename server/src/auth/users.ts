import { sql } from 'drizzle-orm'
import { roleScope, type Role, type UserInput } from '../contracts/auth'
import { queryRows, type Database } from '../db/client'
import { InputError } from '../services/errors'
import { hashPassword } from './passwords'
import { revokeUserSessions } from './sessions'

export interface UserRow {
  id: number
  username: string
  displayName: string
  role: Role
  stationId: number | null
  personId: number | null
  disabled: boolean
  lockedUntil: string | null
  createdAt: string
  lastSeenAt: string | null
}

/** A station chief or officer needs a station, a grid worker a person with grid duties. */
async function checkScopeTarget(db: Database, role: Role, stationId: number | null, personId: number | null) {
  if (roleScope[role] === 'station' && stationId === null) throw new InputError(`a ${role} needs a station`, 'stationId', 422)
  if (roleScope[role] === 'grids' && personId === null) throw new InputError('a grid worker needs a person (their grid duties are their scope)', 'personId', 422)
  if (stationId !== null) {
    const [s] = await queryRows<{ id: number }>(db, sql`select id from stations where id = ${stationId}`)
    if (!s) throw new InputError(`No station ${stationId}`, 'stationId', 422)
  }
  if (personId !== null) {
    const [p] = await queryRows<{ id: number }>(db, sql`select id from people where id = ${personId}`)
    if (!p) throw new InputError(`No person ${personId}`, 'personId', 422)
  }
}

export async function createUser(db: Database, input: UserInput): Promise<UserRow> {
  await checkScopeTarget(db, input.role, input.stationId, input.personId)
  const passwordHash = await hashPassword(input.password)
  const [row] = await queryRows<{ id: number }>(db, sql`
    insert into users (username, display_name, password_hash, role, station_id, person_id)
    values (${input.username}, ${input.displayName}, ${passwordHash}, ${input.role}::user_role, ${input.stationId}, ${input.personId})
    on conflict do nothing returning id`)
  if (!row) throw new InputError(`The username ${input.username} is taken`, 'username', 409)
  return (await listUsers(db, row.id))[0]!
}

export const listUsers = (db: Database, id?: number) =>
  queryRows<UserRow>(db, sql`
    select u.id, u.username, u.display_name as "displayName", u.role, u.station_id as "stationId", u.person_id as "personId", u.disabled,
           to_char(u.locked_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "lockedUntil",
           to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt",
           (select to_char(max(s.last_seen_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from sessions s where s.user_id = u.id) as "lastSeenAt"
    from users u ${id === undefined ? sql`` : sql`where u.id = ${id}`}
    order by u.username`)

export const findUserId = async (db: Database, username: string) =>
  (await queryRows<{ id: number }>(db, sql`select id from users where lower(username) = lower(${username})`))[0]?.id

/**
 * Changes a user. A new password, role, scope or a disabled account ends the user's sessions, so the
 * change cannot be outrun by a session opened before it.
 */
export async function updateUser(
  db: Database,
  id: number,
  change: Partial<{ displayName: string; password: string; role: Role; stationId: number | null; personId: number | null; disabled: boolean }>,
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    // Row lock: two admins editing the same user cannot write back each other's stale values.
    await tx.execute(sql`select id from users where id = ${id} for update`)
    const [current] = await listUsers(tx, id)
    if (!current) throw new InputError(`No user ${id}`, 'id', 404)
    const role = change.role ?? current.role
    const stationId = change.stationId !== undefined ? change.stationId : current.stationId
    const personId = change.personId !== undefined ? change.personId : current.personId
    await checkScopeTarget(tx, role, stationId, personId)
    const passwordHash = change.password ? await hashPassword(change.password) : null
    await tx.execute(sql`
      update users set
        display_name = ${change.displayName ?? current.displayName},
        role = ${role}::user_role, station_id = ${stationId}, person_id = ${personId},
        disabled = ${change.disabled ?? current.disabled},
        password_hash = coalesce(${passwordHash}, password_hash),
        password_changed_at = case when ${passwordHash}::text is null then password_changed_at else now() end,
        failed_logins = case when ${passwordHash}::text is null then failed_logins else 0 end,
        locked_until = case when ${passwordHash}::text is null then locked_until end
      where id = ${id}`)
    const ends = change.password !== undefined || change.disabled === true || role !== current.role || stationId !== current.stationId || personId !== current.personId
    if (ends) await revokeUserSessions(tx, id)
    return (await listUsers(tx, id))[0]!
  })
}
