import { sql } from 'drizzle-orm'
import { bigserial, boolean, check, index, inet, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { stations } from './admin'
import { people } from './people'

/** The roles of the permission matrix (server/src/auth/roles.ts). */
export const userRole = pgEnum('user_role', ['admin', 'commander', 'station_chief', 'officer', 'grid_worker', 'planner', 'viewer'])

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string; never leaves the server. */
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull(),
    /** The station a station chief or officer works for: their scope. */
    stationId: integer('station_id').references(() => stations.id),
    /** The person behind the account; a grid worker's grids are that person's current grid duties. */
    personId: integer('person_id').references(() => people.id),
    disabled: boolean('disabled').notNull().default(false),
    /** Consecutive failed logins; reset by a successful one. */
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    check('users_username_shape', sql`${t.username} ~ '^[A-Za-z0-9._-]{3,40}$'`),
    check('users_station_scope', sql`${t.role} not in ('station_chief', 'officer') or ${t.stationId} is not null`),
    check('users_grid_worker_person', sql`${t.role} <> 'grid_worker' or ${t.personId} is not null`),
  ],
)

/** Server-side sessions: the cookie carries a random token, the table only its SHA-256. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/**
 * Append-only record of sensitive reads and security events (who, what, when, from where, which query).
 * Triggers refuse UPDATE, DELETE and TRUNCATE (migration 0004).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    role: text('role'),
    /** e.g. household.read, dispute.parties.read, auth.login, auth.login_failed, user.create, audit.export */
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectIds: text('subject_ids').array(),
    rowCount: integer('row_count').notNull().default(0),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    /** Method, path and query string of the request. */
    query: text('query'),
    detail: jsonb('detail'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_user_idx').on(t.userId, t.at), index('audit_log_action_idx').on(t.action, t.at)],
)
