import { sql } from 'drizzle-orm'
import { queryRows, type Database } from '../db/client'
import { verifyPassword } from './passwords'

/** Consecutive wrong passwords that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const

export type LoginOutcome =
  | { ok: true; userId: number }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterS: number }

/**
 * Checks a username and password. The same answer for an unknown user and a wrong password; a locked
 * account refuses even the right password until the lock expires.
 */
export async function checkCredentials(db: Database, username: string, password: string): Promise<LoginOutcome> {
  const [user] = await queryRows<{ id: number; passwordHash: string; disabled: boolean; lockedFor: number | null }>(db, sql`
    select id, password_hash as "passwordHash", disabled,
           case when locked_until > now() then ceil(extract(epoch from locked_until - now()))::int end as "lockedFor"
    from users where lower(username) = lower(${username})`)
  if (user?.lockedFor) return { ok: false, reason: 'locked', retryAfterS: user.lockedFor }
  const valid = await verifyPassword(user && !user.disabled ? user.passwordHash : null, password)
  if (!user || user.disabled) return { ok: false, reason: 'invalid' }
  if (valid) {
    await db.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${user.id}`)
    return { ok: true, userId: user.id }
  }
  const [after] = await queryRows<{ locked: boolean }>(db, sql`
    update users set
      locked_until = case when failed_logins + 1 >= ${LOCKOUT.failures} then now() + make_interval(mins => ${LOCKOUT.minutes}) end,
      failed_logins = case when failed_logins + 1 >= ${LOCKOUT.failures} then 0 else failed_logins + 1 end
    where id = ${user.id}
    returning locked_until is not null as locked`)
  return after?.locked ? { ok: false, reason: 'locked', retryAfterS: LOCKOUT.minutes * 60 } : { ok: false, reason: 'invalid' }
}
