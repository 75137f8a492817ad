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
 *
 * Each attempt is counted *before* the password is checked, in one UPDATE that only succeeds while the
 * account is unlocked and has fewer than 5 outstanding failures: parallel guesses cannot get more than
 * 5 password checks per lock period.
 */
export async function checkCredentials(db: Database, username: string, password: string): Promise<LoginOutcome> {
  const [claimed] = await queryRows<{ id: number; passwordHash: string }>(db, sql`
    update users set failed_logins = failed_logins + 1
    where lower(username) = lower(${username}) and not disabled
      and (locked_until is null or locked_until <= now()) and failed_logins < ${LOCKOUT.failures}
    returning id, password_hash as "passwordHash"`)
  if (!claimed) {
    const [user] = await queryRows<{ disabled: boolean; lockedFor: number | null }>(db, sql`
      select disabled, case when locked_until > now() then ceil(extract(epoch from locked_until - now()))::int end as "lockedFor"
      from users where lower(username) = lower(${username})`)
    if (user && !user.disabled) return { ok: false, reason: 'locked', retryAfterS: user.lockedFor ?? LOCKOUT.minutes * 60 }
    await verifyPassword(null, password)
    return { ok: false, reason: 'invalid' }
  }
  if (await verifyPassword(claimed.passwordHash, password)) {
    await db.execute(sql`update users set failed_logins = 0, locked_until = null where id = ${claimed.id}`)
    return { ok: true, userId: claimed.id }
  }
  const [after] = await queryRows<{ locked: boolean }>(db, sql`
    update users set
      locked_until = case when failed_logins >= ${LOCKOUT.failures} then now() + make_interval(mins => ${LOCKOUT.minutes}) else locked_until end,
      failed_logins = case when failed_logins >= ${LOCKOUT.failures} then 0 else failed_logins end
    where id = ${claimed.id}
    returning coalesce(locked_until > now(), false) as locked`)
  return after?.locked ? { ok: false, reason: 'locked', retryAfterS: LOCKOUT.minutes * 60 } : { ok: false, reason: 'invalid' }
}
